"""The Community Knowledge Officer's work on the directory: edit, publish, check, restore.

Every save goes through `save_version`, which keeps a version and writes the audit row in the
same transaction; an edit goes through `edit_versioned`, and an entry's first change is preceded
by `keep_baseline`. The other curation modules (records, duplicates, the import, update
requests) save through these three too. The search index follows the commit
(knowledge.directory.indexing).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from knowledge.audit.services import record
from knowledge.clock import local_now, utc_now
from knowledge.curation import versions
from knowledge.directory.indexing import PUBLIC_STATUSES
from knowledge.domain.quality import Completeness, EntryFacts, completeness
from knowledge.domain.reviews import days_overdue, review_due
from knowledge.extensions import db
from knowledge.models import (
    Area,
    CostOption,
    Language,
    Organisation,
    Phone,
    PublicationState,
    Schedule,
    Service,
    ServiceArea,
    ServiceVersion,
    TaxonomyTerm,
    ZeroResultSearch,
)

EDITABLE = (
    "name",
    "organisation_id",
    "summary",
    "description",
    "status",
    "status_note",
    "minimum_age",
    "maximum_age",
    "eligibility_description",
    "self_referral",
    "professional_referral",
    "drop_in",
    "referral_description",
    "email",
    "url",
    "review_interval_months",
    "staff_notes",
    "do_not_refer",
    "do_not_refer_reason",
)


def get_service(service_id: str) -> Service | None:
    return db.session.get(Service, service_id)


def organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


def all_terms() -> dict[str, TaxonomyTerm]:
    return {t.code: t for t in db.session.scalars(select(TaxonomyTerm))}


def all_areas() -> dict[str, Area]:
    return {a.code: a for a in db.session.scalars(select(Area))}


@dataclass(frozen=True)
class ServiceChanges:
    """What the edit form hands over: plain values, already validated."""

    fields: dict
    term_codes: list[str]
    area_codes: list[str]
    free: bool = False
    cost_amount: Decimal | None = None
    cost_description: str | None = None
    languages: tuple[str, ...] = ()
    first_phone: str | None = None  # only when creating: the main number


def create_service(changes: ServiceChanges) -> Service:
    service = Service(publication=PublicationState.DRAFT)
    _apply(service, changes)
    if changes.first_phone:
        service.phones = [Phone(number=changes.first_phone)]
    db.session.add(service)
    save_version(service, "created")
    return service


def update_service(service: Service, changes: ServiceChanges) -> bool:
    return edit_versioned(service, lambda: _apply(service, changes))


def edit_versioned(service: Service, change: Callable[[], None]) -> bool:
    """Make an edit and save it as a version; False when it changed nothing (then no version,
    no audit row, and no baseline either: there is nothing to undo)."""
    keep_baseline(service)
    before = versions.snapshot(service)
    change()
    if versions.snapshot(service) == before:
        db.session.rollback()
        return False
    save_version(service, "edited")
    return True


def _apply(service: Service, changes: ServiceChanges) -> None:
    for field in EDITABLE:
        setattr(service, field, changes.fields[field])
    terms, areas = all_terms(), all_areas()
    service.taxonomy_terms = [terms[c] for c in changes.term_codes if c in terms]
    kept = {sa.area.code: sa for sa in service.service_areas}
    service.service_areas = [
        kept.get(code) or ServiceArea(area=areas[code]) for code in changes.area_codes
    ]
    _apply_cost(service, changes)
    known = {lang.name.casefold(): lang for lang in service.languages}
    service.languages = [
        known.get(name.casefold()) or Language(name=name) for name in changes.languages
    ]


def _apply_cost(service: Service, changes: ServiceChanges) -> None:
    if changes.free:
        wanted = [("Free", Decimal(0), None)]
    elif changes.cost_amount is not None or changes.cost_description:
        wanted = [("Cost", changes.cost_amount, changes.cost_description)]
    else:
        wanted = []
    current = [(c.option, c.amount, c.amount_description) for c in service.cost_options]
    if [(a, d) for _, a, d in current] != [(a, d) for _, a, d in wanted] or (
        changes.free != service.is_free
    ):
        service.cost_options = [
            CostOption(option=o, amount=a, amount_description=d) for o, a, d in wanted
        ]


def cost_fields(service: Service) -> dict:
    """The cost as the edit form shows it."""
    first = service.cost_options[0] if service.cost_options else None
    return {
        "free": service.is_free,
        "cost_amount": None if service.is_free or first is None else first.amount,
        "cost_description": None if service.is_free or first is None else first.amount_description,
        "languages": ", ".join(lang.name for lang in service.languages),
    }


def publish(service: Service) -> None:
    keep_baseline(service)
    service.publication = PublicationState.PUBLISHED
    save_version(service, "published")


def archive(service: Service) -> None:
    keep_baseline(service)
    service.publication = PublicationState.ARCHIVED
    save_version(service, "archived")


def return_to_draft(service: Service) -> None:
    keep_baseline(service)
    service.publication = PublicationState.DRAFT
    save_version(service, "returned to draft")


def mark_checked(service: Service) -> None:
    """The officer has confirmed the entry with the provider today."""
    keep_baseline(service)
    service.assured_date = local_now().date()
    service.assurer = current_user.display_name
    save_version(service, "checked")


def apply_provider_update(
    service: Service,
    fields: dict,
    phones: list[tuple[str, str | None]] | None,
    assurer: str,
) -> bool:
    """A provider's answer to an update request, approved by the officer: their changes are
    saved as a version like any edit, then the entry is marked as checked, naming the provider
    and the officer. False if it changed nothing (an "everything is correct" answer). Nothing
    is committed: the caller commits, with its decision on the request, all at once."""
    keep_baseline(service)
    before = versions.snapshot(service)
    for name, value in fields.items():
        setattr(service, name, value)
    if phones is not None:
        service.phones = [Phone(number=n, description=d) for n, d in phones]
    changed = versions.snapshot(service) != before
    if changed:
        save_version(service, "edited", commit=False)
    service.assured_date = local_now().date()
    service.assurer = assurer
    save_version(service, "checked", commit=False, via="update request")
    return changed


def restore_version(service: Service, number: int) -> bool:
    version = _version(service, number)
    if version is None:
        return False
    versions.restore(service, version.snapshot, all_terms(), all_areas())
    save_version(service, f"restored version {number}", restored=number)
    return True


def keep_baseline(service: Service) -> None:
    """An entry that came from the seed or an import has no versions yet: keep it as it was
    before the first change, so that change can be compared and undone."""
    has_versions = db.session.scalar(
        select(ServiceVersion.id).where(ServiceVersion.service_id == service.id).limit(1)
    )
    if has_versions is None:
        db.session.add(
            ServiceVersion(
                service_id=service.id,
                number=1,
                snapshot=versions.snapshot(service),
                reason="as it was before the first change",
                saved_by_id=None,
                saved_by_email=None,
            )
        )
        db.session.flush()


def save_version(service: Service, reason: str, *, commit: bool = True, **details) -> None:
    """Keep the service as it now stands as its next version, with an audit row; commit unless
    the caller has more to write in the same transaction (a merge saves two entries)."""
    mark_modified(service)
    db.session.flush()
    number = (
        db.session.scalar(
            select(func.max(ServiceVersion.number)).where(ServiceVersion.service_id == service.id)
        )
        or 0
    ) + 1
    # A `flask …` command (a feed import) has no signed-in user: its audit row says who ran it.
    user = current_user if has_request_context() and current_user.is_authenticated else None
    db.session.add(
        ServiceVersion(
            service_id=service.id,
            number=number,
            snapshot=versions.snapshot(service),
            reason=reason,
            saved_by_id=user.id if user else None,
            saved_by_email=user.email if user else None,
        )
    )
    record(f"service.{reason.split()[0]}", target=service, details={"version": number, **details})
    if commit:
        db.session.commit()


def mark_modified(service: Service) -> None:
    """The service has changed as the open API publishes it. Its own row's `onupdate` sees
    only its own columns; its phones, opening times, places, contacts, costs, languages, areas
    and terms are rows of their own, and `modified_after` and `minimal` readers must see those
    changes too. Every version goes through here (save_version); so does a shared place's
    change that leaves the entry's version as it was (its map position, its access notes)."""
    service.last_modified = utc_now()


# Reading ---------------------------------------------------------------------------------


def service_versions(service: Service) -> list[ServiceVersion]:
    return list(
        db.session.scalars(
            select(ServiceVersion)
            .where(ServiceVersion.service_id == service.id)
            .order_by(ServiceVersion.number.desc())
        )
    )


def merged_in(service: Service) -> list[Service]:
    """Entries merged into this one as duplicates (archived, with their own history)."""
    return list(
        db.session.scalars(
            select(Service).where(Service.merged_into_id == service.id).order_by(Service.name)
        )
    )


def _version(service: Service, number: int) -> ServiceVersion | None:
    return db.session.scalar(
        select(ServiceVersion).where(
            ServiceVersion.service_id == service.id, ServiceVersion.number == number
        )
    )


def changes_if_restored(service: Service, number: int) -> list[versions.Change] | None:
    """What restoring version `number` would change in the entry as it stands (publication
    and the last check are never restored)."""
    version = _version(service, number)
    if version is None:
        return None
    current = versions.snapshot(service)
    restored = {
        **version.snapshot,
        **{field: current[field] for field in versions.KEPT_ON_RESTORE},
    }
    return versions.differences(current, restored)


def compare_versions(service: Service, older: int, newer: int) -> list[versions.Change] | None:
    first, second = _version(service, older), _version(service, newer)
    if first is None or second is None:
        return None
    return versions.differences(first.snapshot, second.snapshot)


@dataclass(frozen=True)
class ReviewItem:
    service: Service
    due: date | None
    days_overdue: int | None  # None: never checked

    @property
    def never_checked(self) -> bool:
        return self.days_overdue is None


def due_for_review(today: date | None = None) -> list[ReviewItem]:
    """Published, public entries whose check is due: never checked first, then most overdue."""
    today = today or local_now().date()
    services = db.session.scalars(
        select(Service)
        .where(Service.publication == PublicationState.PUBLISHED)
        .where(Service.status.in_(PUBLIC_STATUSES))
        .options(selectinload(Service.organisation))
    ).all()
    items = [
        ReviewItem(
            s,
            review_due(s.assured_date, s.review_interval_months),
            days_overdue(s.assured_date, s.review_interval_months, today),
        )
        for s in services
    ]
    due = [i for i in items if i.days_overdue is None or i.days_overdue >= 0]
    return sorted(due, key=lambda i: (not i.never_checked, -(i.days_overdue or 0), i.service.name))


@dataclass(frozen=True)
class Dashboard:
    drafts: int
    published: int
    archived: int
    due_for_review: int


def dashboard() -> Dashboard:
    counts = dict(
        db.session.execute(
            select(Service.publication, func.count()).group_by(Service.publication)
        ).all()
    )
    return Dashboard(
        drafts=counts.get(PublicationState.DRAFT, 0),
        published=counts.get(PublicationState.PUBLISHED, 0),
        archived=counts.get(PublicationState.ARCHIVED, 0),
        due_for_review=len(due_for_review()),
    )


SERVICES_PER_PAGE = 50
GAP_FILTERS = {
    "opening_times": "No opening times",
    "checked": "Never checked or overdue",
    "need": "No need domain",
    "contact": "No way to get in touch",
}


@dataclass(frozen=True)
class ListedService:
    service: Service
    completeness: Completeness


def entry_completeness(service: Service, today: date) -> Completeness:
    return completeness(
        EntryFacts(
            has_contact=bool(service.phones or service.email or service.url),
            has_opening_times=bool(service.schedules),
            has_area=bool(service.service_areas),
            has_need=bool(service.terms_in("need-domain")),
            description_length=len(service.description or ""),
            assured_date=service.assured_date,
            review_interval_months=service.review_interval_months,
        ),
        today,
    )


def find_services(
    text: str, state: str, gap: str = "", page: int = 1
) -> tuple[list[ListedService], int]:
    """A page of services whose name or organisation contains `text`, optionally only those
    missing something (`gap`), each with its completeness; and how many match in all."""
    query = select(Service).join(Service.organisation)
    if text.strip():
        pattern = f"%{text.strip()}%"
        query = query.where(Service.name.ilike(pattern) | Organisation.name.ilike(pattern))
    if state in {p.value for p in PublicationState}:
        query = query.where(Service.publication == PublicationState(state))
    services = db.session.scalars(
        query.options(
            selectinload(Service.organisation),
            selectinload(Service.phones),
            selectinload(Service.schedules),
            selectinload(Service.service_areas),
            selectinload(Service.taxonomy_terms).selectinload(TaxonomyTerm.taxonomy),
        ).order_by(Service.name)
    ).all()
    today = local_now().date()
    listed = [ListedService(s, entry_completeness(s, today)) for s in services]
    if gap in GAP_FILTERS:
        listed = [item for item in listed if gap in item.completeness.missing]
    start = (page - 1) * SERVICES_PER_PAGE
    return listed[start : start + SERVICES_PER_PAGE], len(listed)


@dataclass(frozen=True)
class PeriodChange:
    day: str
    which: str  # "" weekly, else the month ordinal
    opens_at: str
    closes_at: str
    valid_from: date | None
    valid_to: date | None


def period_rows(service: Service) -> list[dict]:
    """The service's schedules as one row per day, the way the form edits them."""
    rows = []
    for schedule in service.schedules:
        for entry in schedule.byday.split(","):
            entry = entry.strip()
            which, day = entry[:-2], entry[-2:]
            rows.append(
                {
                    "day": day,
                    "which": which if schedule.freq == "MONTHLY" else "",
                    "opens_at": schedule.opens_at.strftime("%H:%M"),
                    "closes_at": schedule.closes_at.strftime("%H:%M"),
                    "valid_from": schedule.valid_from,
                    "valid_to": schedule.valid_to,
                }
            )
    return rows


def update_opening_times(service: Service, periods: list[PeriodChange], notes: str | None) -> bool:
    return edit_versioned(service, lambda: _set_opening_times(service, periods, notes))


def _set_opening_times(service: Service, periods: list[PeriodChange], notes: str | None) -> None:
    service.schedules = [
        Schedule(
            freq="MONTHLY" if p.which else "WEEKLY",
            byday=f"{p.which}{p.day}",
            opens_at=time.fromisoformat(p.opens_at.zfill(5)),
            closes_at=time.fromisoformat(p.closes_at.zfill(5)),
            valid_from=p.valid_from,
            valid_to=p.valid_to,
        )
        for p in periods
    ]
    service.schedule_notes = notes


def update_phones(service: Service, phones: list[tuple[str, str | None]]) -> bool:
    def set_phones() -> None:
        service.phones = [Phone(number=n, description=d) for n, d in phones]

    return edit_versioned(service, set_phones)


@dataclass(frozen=True)
class UnansweredSearch:
    words: str
    times: int
    last_searched: date


def unanswered_searches(since: date) -> list[UnansweredSearch]:
    """Searches that found nothing since `since`, most often first: what people look for and
    the directory does not have (or does not call it by that name: a synonym may be the fix)."""
    rows = db.session.execute(
        select(
            ZeroResultSearch.words,
            func.count().label("times"),
            func.max(ZeroResultSearch.searched_on).label("last_searched"),
        )
        .where(ZeroResultSearch.searched_on >= since)
        .group_by(ZeroResultSearch.words)
        .order_by(func.count().desc(), ZeroResultSearch.words)
        .limit(200)
    ).all()
    return [UnansweredSearch(r.words, r.times, r.last_searched) for r in rows]
