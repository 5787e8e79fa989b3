"""Other-needs entries in a service user's care plan: finding, recording and offering services.

A person is known here only by the keyed pseudonym of their NHS number or local record number
(knowledge/domain/pseudonyms.py). Every change and every view writes an audit row in the same
transaction, naming the entry and never the number or the pseudonym.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from knowledge.audit.services import record
from knowledge.clock import local_now, utc_now
from knowledge.directory.indexing import public_services_query
from knowledge.directory.services import SERVICE_PAGE_LOADS
from knowledge.domain.reviews import add_months
from knowledge.extensions import db
from knowledge.models import (
    AgeBand,
    Area,
    AreaKind,
    EntryStatus,
    OfferOutcome,
    OtherNeedsEntry,
    Service,
    ServiceOffer,
    Specialty,
    SupportLevel,
    TaxonomyTerm,
    User,
)
from knowledge.personal_details import Confirmation, record_confirmation

# A new entry is looked at again after about one care-plan review cycle.
REVIEW_AFTER_MONTHS = 3
# Offers the person turned down, or that did not fit: left off the print-out they take home.
NOT_TAKEN_UP = (OfferOutcome.DECLINED, OfferOutcome.NOT_SUITABLE)

ENTRY_LOADS = (
    selectinload(OtherNeedsEntry.need_term).selectinload(TaxonomyTerm.parent),
    selectinload(OtherNeedsEntry.area).selectinload(Area.parent),
    selectinload(OtherNeedsEntry.created_by),
    selectinload(OtherNeedsEntry.offers).selectinload(ServiceOffer.service),
)


# Choices for the form ---------------------------------------------------------------------


def default_review_date() -> date:
    return add_months(local_now().date(), REVIEW_AFTER_MONTHS)


def last_team_and_specialty(user: User) -> tuple[str, Specialty | None]:
    """What this member of staff recorded last time: most people enter the same every time."""
    row = db.session.execute(
        select(OtherNeedsEntry.team, OtherNeedsEntry.specialty)
        .where(OtherNeedsEntry.created_by_id == user.id)
        .order_by(OtherNeedsEntry.created_at.desc())
        .limit(1)
    ).first()
    return (row.team, row.specialty) if row else ("", None)


# Reading ----------------------------------------------------------------------------------


def get_entry(entry_id: str) -> OtherNeedsEntry | None:
    return db.session.scalars(
        select(OtherNeedsEntry).where(OtherNeedsEntry.id == entry_id).options(*ENTRY_LOADS)
    ).first()


def person_entries(pseudonym: str) -> list[OtherNeedsEntry]:
    """All the person's entries: open ones first, soonest review first; then closed ones,
    most recently closed first."""
    entries = db.session.scalars(
        select(OtherNeedsEntry)
        .where(OtherNeedsEntry.person_pseudonym == pseudonym)
        .options(*ENTRY_LOADS)
    ).all()
    open_entries = sorted(
        (e for e in entries if e.status is EntryStatus.OPEN),
        key=lambda e: (e.review_date or date.max, e.created_at),
    )
    closed = sorted(
        (e for e in entries if e.status is EntryStatus.CLOSED),
        key=lambda e: e.closed_at or e.updated_at,
        reverse=True,
    )
    return [*open_entries, *closed]


def entries_for_user_choice(pseudonym: str) -> list[OtherNeedsEntry]:
    """The person's open entries, most recently changed first: what staff choose from when
    they add a service (or a helpline answer) to an existing entry."""
    return list(
        db.session.scalars(
            select(OtherNeedsEntry)
            .where(
                OtherNeedsEntry.person_pseudonym == pseudonym,
                OtherNeedsEntry.status == EntryStatus.OPEN,
            )
            .options(*ENTRY_LOADS)
            .order_by(OtherNeedsEntry.updated_at.desc(), OtherNeedsEntry.created_at.desc())
        )
    )


def record_views(entries: Iterable[OtherNeedsEntry], shown_as: str) -> None:
    """One audit row per entry shown, so "who has seen this entry?" is a search on the entry
    alone. `shown_as` says which page showed it (list, entry, edit, summary, print)."""
    for entry in entries:
        record("other_needs.viewed", target=entry, details={"shown_as": shown_as})
    db.session.commit()


def public_service(service_id: str) -> Service | None:
    """A directory service staff may offer: published and running (or temporarily closed)."""
    return db.session.scalars(public_services_query().where(Service.id == service_id)).first()


def handout_services(entry: OtherNeedsEntry) -> tuple[list[Service], list[Service]]:
    """What goes on the person's print-out, with full details loaded, and the offered services
    left off because they are no longer in the public directory."""
    wanted = [o.service_id for o in entry.offers if o.outcome not in NOT_TAKEN_UP]
    found = {
        s.id: s
        for s in db.session.scalars(
            public_services_query().where(Service.id.in_(wanted)).options(*SERVICE_PAGE_LOADS)
        )
    }
    gone = [o.service for o in entry.offers if o.service_id in wanted and o.service_id not in found]
    return [found[i] for i in wanted if i in found], gone


def directory_search_args(entry: OtherNeedsEntry) -> dict:
    """Directory search filters for services that may meet the entry: its need domain, and
    its district if known."""
    args: dict = {"need": entry.need_term.top.code}
    area = entry.area
    if area is not None:
        district = area if area.kind is AreaKind.DISTRICT else area.parent
        if district is not None and district.kind is AreaKind.DISTRICT:
            args["area"] = district.code
    return args


# Writing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryDetails:
    """What the entry form hands over: plain values, already validated."""

    need_term_id: str
    description: str
    support_level: SupportLevel
    actions_done: list[str]
    status: EntryStatus
    review_date: date | None
    team: str
    specialty: Specialty
    age_band: AgeBand | None
    area_id: str | None

    def apply(self, entry: OtherNeedsEntry) -> list[str]:
        """Set the entry's fields; returns the names of those that changed."""
        changed = []
        for name, value in vars(self).items():
            if getattr(entry, name) != value:
                setattr(entry, name, value)
                changed.append(name)
        return changed


def create_entry(
    pseudonym: str,
    details: EntryDetails,
    *,
    service: Service | None = None,
    outcome: OfferOutcome = OfferOutcome.GIVEN_INFORMATION,
    confirmation: Confirmation | None = None,
) -> OtherNeedsEntry:
    """Save a new entry for the person, and offer `service` in it if given. `confirmation`:
    staff confirmed that text which looked like an identifier is not one; audited, for the
    Caldicott guardian's checks."""
    entry = OtherNeedsEntry(person_pseudonym=pseudonym, created_by_id=current_user.id)
    details.apply(entry)
    if entry.status is EntryStatus.CLOSED:
        entry.closed_at = utc_now()
    db.session.add(entry)
    db.session.flush()
    record("other_needs.created", target=entry, details={"status": entry.status.value})
    record_confirmation(confirmation, entry)
    if service is not None:
        offer_services(entry, [service], outcome, commit=False)
    db.session.commit()
    return entry


def update_entry(
    entry: OtherNeedsEntry, details: EntryDetails, *, confirmation: Confirmation | None = None
) -> list[str]:
    """Save the changes; closing or reopening is its own audit action. Returns what changed."""
    was = entry.status
    changed = details.apply(entry)
    if not changed:
        return []
    if "status" in changed:
        entry.closed_at = utc_now() if entry.status is EntryStatus.CLOSED else None
    action = {
        (EntryStatus.OPEN, EntryStatus.CLOSED): "other_needs.closed",
        (EntryStatus.CLOSED, EntryStatus.OPEN): "other_needs.reopened",
    }.get((was, entry.status), "other_needs.edited")
    # Field names only: the description's words stay in the entry, not in the log.
    record(action, target=entry, details={"changed": changed})
    record_confirmation(confirmation, entry)
    db.session.commit()
    return changed


def offer_services(
    entry: OtherNeedsEntry,
    services: Iterable[Service],
    outcome: OfferOutcome = OfferOutcome.GIVEN_INFORMATION,
    actor: User | None = None,
    *,
    commit: bool = True,
) -> int:
    """Offer each service for the entry unless it is already offered there; audit each one.
    Returns how many were added. Used by this blueprint and by the helpline ("add the suggested
    services to the entry in one step"); pass commit=False to write in the caller's
    transaction."""
    already = {offer.service_id for offer in entry.offers}
    added = 0
    for service in services:
        if service.id in already:
            continue
        offer = ServiceOffer(service=service, outcome=outcome)
        entry.offers.append(offer)
        already.add(service.id)
        db.session.flush()
        record(
            "other_needs.service_offered",
            target=entry,
            actor=actor,
            details={"offer": offer.id, "service": service.id, "outcome": outcome.value},
        )
        added += 1
    if commit:
        db.session.commit()
    return added


def get_offer(entry: OtherNeedsEntry, offer_id: str) -> ServiceOffer | None:
    return next((o for o in entry.offers if o.id == offer_id), None)


def change_outcome(offer: ServiceOffer, outcome: OfferOutcome) -> bool:
    if offer.outcome is outcome:
        return False
    before, offer.outcome = offer.outcome, outcome
    record(
        "other_needs.outcome_changed",
        target=offer.entry,
        details={
            "offer": offer.id,
            "service": offer.service_id,
            "outcome": [before.value, outcome.value],
        },
    )
    db.session.commit()
    return True


def remove_offer(offer: ServiceOffer) -> None:
    entry = offer.entry
    record(
        "other_needs.service_removed",
        target=entry,
        details={"offer": offer.id, "service": offer.service_id},
    )
    entry.offers.remove(offer)
    db.session.commit()
