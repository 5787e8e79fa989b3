"""The unmet-needs register: needs nothing in the directory meets, grouped so that each record
is the evidence of every query that asked for the same thing in the same place.

Grouping is by need domain (the top-level need term: a sub-term belongs to its domain) and
district (a neighbourhood belongs to its district): close enough that commissioners see one
gap, not forty rows, and no finer than reports may go.

An unmet need moves open → reported to commissioners → addressed (by a published directory
entry) or closed (with a reason); addressed and closed are final. Every change writes an audit
row in the same transaction.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from knowledge.audit.services import record
from knowledge.clock import as_utc, local_now, uk_day, utc_now
from knowledge.directory.indexing import PUBLIC_STATUSES
from knowledge.extensions import db
from knowledge.models import (
    AgeBand,
    Area,
    AreaKind,
    AuditEvent,
    HelplineQuery,
    NeedOutcome,
    PublicationState,
    QueryNeed,
    Service,
    Specialty,
    TaxonomyTerm,
    UnmetNeed,
    UnmetReason,
    UnmetState,
    User,
)
from knowledge.personal_details import Confirmation, record_confirmation

STILL_OPEN = (UnmetState.OPEN, UnmetState.REPORTED)
# The closing reason of an unmet need that only ever stood for a decision since changed: it is
# no gap, and nothing counts it (the dashboard, the register's open list, the reports).
RECORDED_IN_ERROR = "Recorded in error"
# What grouping reads: the need's domain and the place's district.
_PLACE_AND_DOMAIN = (
    selectinload(UnmetNeed.need_term).selectinload(TaxonomyTerm.parent),
    selectinload(UnmetNeed.area).selectinload(Area.parent),
)
# Where each state may go next. Addressed and closed are final: a gap that opens again is new
# evidence, and gets a record of its own.
NEXT_STATES: dict[UnmetState, tuple[UnmetState, ...]] = {
    UnmetState.OPEN: (UnmetState.REPORTED, UnmetState.ADDRESSED, UnmetState.CLOSED),
    UnmetState.REPORTED: (UnmetState.ADDRESSED, UnmetState.CLOSED),
    UnmetState.ADDRESSED: (),
    UnmetState.CLOSED: (),
}


class UnmetNeedError(ValueError):
    """A change the register does not allow; the message is for the officer."""


# Places and domains --------------------------------------------------------------------------


def district_of(area: Area | None) -> Area | None:
    """The district an area belongs to: a neighbourhood's parent, a district itself, and the
    region stays the region (a need across the whole of LLR)."""
    if area is None:
        return None
    if area.kind == AreaKind.NEIGHBOURHOOD and area.parent is not None:
        return area.parent
    return area


def same_place(first: Area | None, second: Area | None) -> bool:
    """Whether two areas are in the same district (an unknown area matches only unknown)."""
    one, other = district_of(first), district_of(second)
    if one is None or other is None:
        return one is None and other is None
    return one.id == other.id


def _domain(term: TaxonomyTerm) -> TaxonomyTerm:
    return term.top


# Recording ------------------------------------------------------------------------------------


def similar_open(need_term: TaxonomyTerm, area: Area | None) -> list[UnmetNeed]:
    """Open or reported unmet needs a new one could join: the same need domain and the same
    district. With no area given, every one in the domain is a candidate: the handler who did
    not record a place is the best judge of which gap it belongs to. Most recently first seen
    first."""
    domain = _domain(need_term)
    candidates = db.session.scalars(
        select(UnmetNeed)
        .where(UnmetNeed.state.in_(STILL_OPEN))
        .options(*_PLACE_AND_DOMAIN)
        .order_by(UnmetNeed.first_seen.desc(), UnmetNeed.created_at.desc())
    ).all()
    return [
        unmet
        for unmet in candidates
        if _domain(unmet.need_term).id == domain.id
        and (area is None or same_place(unmet.area, area))
    ]


def record_unmet(
    need: QueryNeed,
    *,
    reason: UnmetReason,
    description: str,
    area: Area | None,
    age_band: AgeBand | None,
    specialty: Specialty | None,
    join: UnmetNeed | None = None,
    actor: User,
) -> UnmetNeed:
    """Mark a query's need as unmet, joining `join` if it is still open or reported, else
    starting a new unmet need (first seen today, open) from the given details.

    Does NOT commit: the caller (the query's outcome form) commits, so the outcome, the unmet
    need and the audit row are saved together or not at all. It flushes, so the returned unmet
    need has its id.

    A `join` that has since been addressed or closed is not joined: a new record starts, since
    a need that comes back after it was met is new evidence, not old.

    The same decision twice (a double click, the back button) changes nothing: a need already
    in an open or reported unmet need stays there unless another one is chosen to join. A
    need in another unmet need leaves it first (`release`).
    """
    current = need.unmet_need
    if (
        need.outcome is NeedOutcome.UNMET
        and current is not None
        and current.state in STILL_OPEN
        and (join is None or join.id == current.id)
    ):
        return current
    release(need, actor)
    need.outcome = NeedOutcome.UNMET
    need.decided_at = utc_now()
    if join is not None and join.state in STILL_OPEN:
        unmet = join
        action = "unmet_need.joined"
    else:
        unmet = _new_unmet(need.need_term_id, reason, description, area, age_band, specialty, actor)
        action = "unmet_need.created"
    need.unmet_need = unmet
    db.session.flush()
    record(
        action,
        target=unmet,
        actor=actor,
        details={"query_need": need.id, "query": need.query_id},
    )
    return unmet


def release(need: QueryNeed, actor: User) -> None:
    """Take a query's need off its unmet need, as its outcome changes. Does NOT commit.

    An unmet need left with no queries at all, still open (never reported to commissioners),
    that was started by a query's decision rather than logged directly, stood for nothing but
    that decision: it is closed as recorded in error, and audited, so it is not counted as a
    gap. One logged directly is evidence in its own right, and stays; one reported stays as
    reported, since commissioners have it."""
    unmet = need.unmet_need
    if unmet is None:
        return
    need.unmet_need = None
    db.session.flush()
    record("unmet_need.left", target=unmet, actor=actor, details={"query_need": need.id})
    if unmet.state is UnmetState.OPEN and not unmet.query_needs and _started_by_a_query(unmet):
        unmet.state = UnmetState.CLOSED
        unmet.closed_reason = RECORDED_IN_ERROR
        record(
            "unmet_need.closed",
            target=unmet,
            actor=actor,
            details={"reason": "recorded in error", "query_need": need.id},
        )


def _started_by_a_query(unmet: UnmetNeed) -> bool:
    """Whether the unmet need began as a query's outcome. The audit row of its creation is
    the only record of how it began (see record_unmet and log_unmet_need)."""
    created = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "unmet_need.created",
            AuditEvent.target_type == "UnmetNeed",
            AuditEvent.target_id == unmet.id,
        )
    ).first()
    return created is not None and "query_need" in created.details


@dataclass(frozen=True)
class UnmetDetails:
    need_term: TaxonomyTerm
    reason: UnmetReason
    description: str
    area: Area | None
    age_band: AgeBand | None
    specialty: Specialty | None


def log_unmet_need(
    details: UnmetDetails,
    actor: User,
    *,
    from_search: bool = False,
    confirmation: Confirmation | None = None,
) -> UnmetNeed:
    """An unmet need the officer logs without a query: from a search that found nothing, or
    from what they know of the area. Commits. The audit row says whether it came from a search,
    never the words (they arrive in the address, where anything could have been typed)."""
    unmet = _new_unmet(
        details.need_term.id,
        details.reason,
        details.description,
        details.area,
        details.age_band,
        details.specialty,
        actor,
    )
    db.session.flush()
    record(
        "unmet_need.created",
        target=unmet,
        actor=actor,
        details={"logged": "directly", "from_search": from_search},
    )
    record_confirmation(confirmation, unmet, actor)
    db.session.commit()
    return unmet


def _new_unmet(
    need_term_id: str,
    reason: UnmetReason,
    description: str,
    area: Area | None,
    age_band: AgeBand | None,
    specialty: Specialty | None,
    actor: User,
) -> UnmetNeed:
    unmet = UnmetNeed(
        need_term_id=need_term_id,
        reason=reason,
        area_id=area.id if area is not None else None,
        age_band=age_band,
        specialty=specialty,
        description=description.strip(),
        state=UnmetState.OPEN,
        first_seen=local_now().date(),
        created_by_id=actor.id,
    )
    db.session.add(unmet)
    return unmet


# State changes ---------------------------------------------------------------------------------


def _move(unmet: UnmetNeed, state: UnmetState) -> None:
    if state not in NEXT_STATES[unmet.state]:
        raise UnmetNeedError(f"An unmet need that is {unmet.state.value} cannot be {state.value}")
    unmet.state = state


def mark_reported(unmet: UnmetNeed, reported_on: date | None, actor: User) -> None:
    """Reported to commissioners (the ICB or a local authority) on that day, today if not
    given. Commits."""
    reported_on = reported_on or local_now().date()
    if reported_on > local_now().date():
        raise UnmetNeedError("The date it was reported must be today or in the past")
    _move(unmet, UnmetState.REPORTED)
    unmet.reported_on = reported_on
    record(
        "unmet_need.reported",
        target=unmet,
        actor=actor,
        details={"reported_on": reported_on.isoformat()},
    )
    db.session.commit()


def mark_addressed(unmet: UnmetNeed, service: Service | None, actor: User) -> None:
    """A directory entry now meets it: only a published, open entry can. Commits."""
    if (
        service is None
        or service.publication != PublicationState.PUBLISHED
        or service.status not in PUBLIC_STATUSES
    ):
        raise UnmetNeedError("Choose a published directory entry: only those can meet a need")
    _move(unmet, UnmetState.ADDRESSED)
    unmet.addressed_by = service
    record("unmet_need.addressed", target=unmet, actor=actor, details={"service": service.id})
    db.session.commit()


def close_unmet(
    unmet: UnmetNeed, reason: str, actor: User, confirmation: Confirmation | None = None
) -> None:
    """Closed without a directory entry (a duplicate, logged in error, no longer needed): the
    reason is required so the register explains every record that left it. Commits."""
    reason = reason.strip()
    if not reason:
        raise UnmetNeedError("Enter why it is being closed")
    _move(unmet, UnmetState.CLOSED)
    unmet.closed_reason = reason
    record("unmet_need.closed", target=unmet, actor=actor)
    record_confirmation(confirmation, unmet, actor)
    db.session.commit()


# The register ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterFilter:
    """ "still-open" (open or reported) unless another state, or "all", is asked for."""

    state: str = "still-open"
    domain: str = ""
    district: str = ""
    reason: str = ""
    addressed_by_candidate: Service | None = None

    def keeps(self, unmet: UnmetNeed) -> bool:
        if self.state == "still-open" and unmet.state not in STILL_OPEN:
            return False
        if self.state not in ("still-open", "all") and unmet.state.value != self.state:
            return False
        if self.domain and _domain(unmet.need_term).code != self.domain:
            return False
        if self.reason and unmet.reason.value != self.reason:
            return False
        if self.district:
            district = district_of(unmet.area)
            if district is None or district.code != self.district:
                return False
        return True


@dataclass
class RegisterRow:
    """One unmet need with the evidence behind it.

    People: the distinct pseudonyms among its queries. A query that did not say who it was
    about may be one of those people or someone else, so with any such query the register
    shows "at least" the known number (at least one, if none is known): a lower bound, never
    an overstatement to commissioners.

    First and last seen are when the need was expressed: the earliest and latest of its
    queries' dates (a query may be decided days after it arrived), and the day it was logged
    when that is earlier, or when it has no queries.
    """

    unmet: UnmetNeed
    queries: list[HelplineQuery] = field(default_factory=list)
    known_people: int = 0
    queries_without_person: int = 0
    first_seen: date | None = None
    last_seen: date | None = None

    @property
    def query_count(self) -> int:
        return len(self.queries)

    @property
    def people_at_least(self) -> int:
        if self.queries_without_person and not self.known_people:
            return 1
        return self.known_people

    @property
    def people_exact(self) -> bool:
        return self.queries_without_person == 0

    @property
    def people_text(self) -> str:
        count = self.people_at_least
        noun = "person" if count == 1 else "people"
        return f"{count} {noun}" if self.people_exact else f"at least {count} {noun}"


def register_row(unmet: UnmetNeed) -> RegisterRow:
    queries: dict[str, HelplineQuery] = {}
    for need in unmet.query_needs:
        queries.setdefault(need.query_id, need.query)
    ordered = sorted(queries.values(), key=lambda q: as_utc(q.received_at))
    known = {q.person_pseudonym for q in ordered if q.person_pseudonym}
    days = [uk_day(q.received_at) for q in ordered]
    return RegisterRow(
        unmet=unmet,
        queries=ordered,
        known_people=len(known),
        queries_without_person=sum(1 for q in ordered if not q.person_pseudonym),
        first_seen=min([*days, unmet.first_seen]),
        last_seen=max(days) if days else unmet.first_seen,
    )


def register(filters: RegisterFilter) -> list[RegisterRow]:
    """The register, most recently seen first (then the most asked-about)."""
    loaded = db.session.scalars(
        select(UnmetNeed).options(
            selectinload(UnmetNeed.query_needs).selectinload(QueryNeed.query),
            *_PLACE_AND_DOMAIN,
        )
    ).all()
    if filters.addressed_by_candidate is not None:
        candidates = {u.id for u in possibly_addressed_by(filters.addressed_by_candidate)}
        loaded = [u for u in loaded if u.id in candidates]
    rows = [register_row(unmet) for unmet in loaded if filters.keeps(unmet)]
    rows.sort(key=lambda r: (r.last_seen, r.query_count, r.unmet.created_at), reverse=True)
    return rows


def get_unmet(unmet_id: str) -> UnmetNeed | None:
    return db.session.get(UnmetNeed, unmet_id)


def possibly_addressed_by(service: Service) -> list[UnmetNeed]:
    """Open or reported unmet needs a service may meet: one of its need domains, and a place
    it serves (the whole region serves every district; a neighbourhood, its district). An
    unmet need with no place, or one across the whole region, is worth a look for any service
    in its domain. Asked for when a service is published, so the officer can close the loop."""
    domains = {_domain(term).id for term in service.terms_in("need-domain")}
    if not domains:
        return []
    served = [district_of(sa.area) for sa in service.service_areas]
    whole_region = not served or any(a is not None and a.kind == AreaKind.REGION for a in served)
    districts = {a.id for a in served if a is not None}
    found = []
    for unmet in db.session.scalars(
        select(UnmetNeed)
        .where(UnmetNeed.state.in_(STILL_OPEN))
        .options(*_PLACE_AND_DOMAIN)
        .order_by(UnmetNeed.first_seen.desc())
    ):
        if _domain(unmet.need_term).id not in domains:
            continue
        place = district_of(unmet.area)
        if place is None or place.kind == AreaKind.REGION or whole_region or place.id in districts:
            found.append(unmet)
    return found


def addressable_services(unmet: UnmetNeed) -> list[Service]:
    """Published, open services, those in the unmet need's domain first: what the officer
    chooses from when marking it addressed."""
    services = db.session.scalars(
        select(Service)
        .where(
            Service.publication == PublicationState.PUBLISHED,
            Service.status.in_(PUBLIC_STATUSES),
        )
        .options(selectinload(Service.taxonomy_terms), selectinload(Service.organisation))
        .order_by(Service.name)
    ).all()
    domain = _domain(unmet.need_term).id

    def in_domain(service: Service) -> bool:
        return any(_domain(t).id == domain for t in service.terms_in("need-domain"))

    return sorted(services, key=lambda s: not in_domain(s))
