"""Finding services: the public search, service pages and crisis cafés."""

import functools
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import NamedTuple

from flask import current_app, g
from sqlalchemy import BindParameter, Row, Select, bindparam, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from knowledge.clock import local_now
from knowledge.directory.indexing import (
    PUBLIC_STATUSES,
    SERVICE_DOCUMENT_LOADS,
    public_services_query,
    search_index,
)
from knowledge.domain import opening_hours
from knowledge.domain.ages import AGE_GROUPS
from knowledge.domain.identifiers import could_identify_someone
from knowledge.domain.opening_hours import DAY_NAMES, SchedulePeriod
from knowledge.domain.risk import signals_risk
from knowledge.extensions import db
from knowledge.models import (
    Area,
    AreaKind,
    Contact,
    CostOption,
    DirectoryState,
    Location,
    Organisation,
    Phone,
    PublicationState,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
    ZeroResultSearch,
)
from knowledge.models.directory import service_taxonomy_term
from knowledge.search import (
    FACETS,
    MAX_QUERY_LENGTH,
    SORTS,
    WEEKDAY_CODES,
    SearchQuery,
    SearchResult,
    query_words,
)

log = logging.getLogger(__name__)

NEED_DOMAIN = "need-domain"
SERVICE_TYPE = "service-type"
CRISIS_CAFE = "crisis-cafe"

FACET_TITLES = {
    "need": "Type of help",
    "type": "Kind of service",
    "area": "Area",
    "age": "Age group",
    "cost": "Cost",
    "route": "How to get started",
    "open": "When it's open",
}
ROUTE_LABELS = {
    "self-referral": "Contact them yourself",
    "drop-in": "Drop in, no appointment",
    "professional-referral": "Referral from a professional",
}
OPEN_LABELS = {
    "now": "Open now",
    **{c: f"Open on {d}" for c, d in zip(WEEKDAY_CODES, DAY_NAMES, strict=True)},
}

# What a list of results shows of each service: one query per relationship, nothing more.
RESULT_LOADS = (
    selectinload(Service.organisation),
    selectinload(Service.taxonomy_terms).selectinload(TaxonomyTerm.taxonomy),
    selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location),
    selectinload(Service.schedules),
    selectinload(Service.cost_options),
    selectinload(Service.phones),
)
SERVICE_PAGE_LOADS = (
    *SERVICE_DOCUMENT_LOADS,
    selectinload(Service.phones),
    selectinload(Service.contacts).selectinload(Contact.phones),
    selectinload(Service.languages),
    selectinload(Service.service_at_locations)
    .selectinload(ServiceAtLocation.location)
    .selectinload(Location.accessibility),
)


# Search parameters ----------------------------------------------------------------------


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    title: str
    options: list[FacetOption]

    @property
    def selected(self) -> list[FacetOption]:
        return [o for o in self.options if o.selected]


@dataclass(frozen=True)
class SearchParams:
    text: str = ""
    filters: Mapping[str, frozenset[str]] = field(default_factory=dict)
    sort: str = "relevance"
    near: str = ""  # an area code whose centre to measure from
    latitude: float | None = None
    longitude: float | None = None
    page: int = 1
    shortened: bool = False  # the typed text was cut to MAX_QUERY_LENGTH
    needs_place: bool = False  # "distance" was asked for without a place to measure from

    def url_args(self, **changes) -> dict:
        """Query-string arguments for a link to these results with some changes."""
        args: dict = {"q": self.text} if self.text else {}
        for facet, values in self.filters.items():
            if values:
                args[facet] = sorted(values)
        if self.sort != "relevance":
            args["sort"] = self.sort
        if self.near:
            args["near"] = self.near
        if self.latitude is not None and self.longitude is not None:
            args["lat"], args["lon"] = f"{self.latitude:.2f}", f"{self.longitude:.2f}"
        args.update(changes)
        return {k: v for k, v in args.items() if v not in (None, "", [])}

    def without(self, facet: str, value: str) -> dict:
        remaining = sorted(self.filters.get(facet, frozenset()) - {value})
        return self.url_args(**{facet: remaining, "page": None})


def parse_search_params(args: MultiDict) -> SearchParams:
    """Read the query string leniently: unknown values are dropped, never an error page."""
    raw_text = " ".join(args.get("q", "").split())
    allowed = facet_vocabulary()
    filters = {
        facet: frozenset(v for v in args.getlist(facet) if v in allowed[facet]) for facet in FACETS
    }
    sort = args.get("sort", "relevance")
    latitude = _number(args.get("lat"), -90, 90)
    longitude = _number(args.get("lon"), -180, 180)
    near = args.get("near", "")
    if near and near not in area_centres():
        near = ""
    has_origin = bool(near) or (latitude is not None and longitude is not None)
    needs_place = sort == "distance" and not has_origin
    if sort not in SORTS or needs_place:
        sort = "relevance"
    try:
        page = max(1, min(int(args.get("page", 1)), 10_000))
    except ValueError:
        page = 1
    both = latitude is not None and longitude is not None
    return SearchParams(
        text=raw_text[:MAX_QUERY_LENGTH],
        filters={f: v for f, v in filters.items() if v},
        sort=sort,
        near=near,
        # Two decimal places (about 1 km) is enough to sort by distance and is all we keep in
        # links, so a precise position never reaches logs, history or a shared link.
        latitude=round(latitude, 2) if both else None,
        longitude=round(longitude, 2) if both else None,
        page=page,
        shortened=len(raw_text) > MAX_QUERY_LENGTH,
        needs_place=needs_place,
    )


def _number(value: str | None, low: float, high: float) -> float | None:
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    if number is None or not (low <= number <= high):
        return None
    return number


def facet_vocabulary() -> dict[str, dict[str, str]]:
    """Every value each facet can take, with its label, in display order. Read-only: shared
    by every request until the directory changes."""
    return _reference().facet_vocabulary


DirectoryVersion = tuple[int, datetime]


@dataclass(frozen=True)
class _Reference:
    version: DirectoryVersion | None
    facet_vocabulary: dict[str, dict[str, str]]
    area_centres: dict[str, tuple[str, tuple[float, float]]]


_REFERENCE = "directory_reference"
_VERSION = "directory_version"


def directory_version() -> DirectoryVersion | None:
    """The directory's version as this request first read it: the count of committed changes
    and when the last was made (knowledge/models/directory_state.py). Every committed change
    to a service, organisation, place, term or area moves it on, and the time tells a
    database restored from a backup from the one it replaced. None in a database that has
    no version row (made before migration 0008)."""
    if _VERSION not in g:
        row = db.session.execute(select(DirectoryState.version, DirectoryState.changed_at)).first()
        setattr(g, _VERSION, (row[0], row[1]) if row else None)
    return g.get(_VERSION)


def _reference() -> _Reference:
    """The need and service-type terms, districts and area centres every search reads.

    Loaded once per directory version in each process, not once a request: they change a few
    times a year, and reading them took a tenth of the results page (docs/performance.md).
    The version is read before the data, so a process never keeps data older than the
    version it is filed under."""
    if _REFERENCE not in g:
        version = directory_version()
        cached = current_app.extensions.get(_REFERENCE)
        if cached is None or version is None or cached.version != version:
            cached = _Reference(version, _load_facet_vocabulary(), _load_area_centres())
            current_app.extensions[_REFERENCE] = cached
        setattr(g, _REFERENCE, cached)
    return g.get(_REFERENCE)


def _load_facet_vocabulary() -> dict[str, dict[str, str]]:
    terms = db.session.scalars(
        select(TaxonomyTerm)
        .join(Taxonomy)
        .where(TaxonomyTerm.parent_id.is_(None))
        .options(selectinload(TaxonomyTerm.taxonomy))
        .order_by(TaxonomyTerm.name)
    ).all()
    districts = db.session.scalars(
        select(Area).where(Area.kind == AreaKind.DISTRICT).order_by(Area.name)
    ).all()
    return {
        "need": {t.code: t.name for t in terms if t.taxonomy.code == NEED_DOMAIN},
        "type": {t.code: t.name for t in terms if t.taxonomy.code == SERVICE_TYPE},
        "area": {a.code: a.name for a in districts},
        "age": {g.code: g.label for g in AGE_GROUPS},
        "cost": {"free": "Free"},
        "route": ROUTE_LABELS,
        "open": OPEN_LABELS,
    }


def area_centres() -> dict[str, tuple[str, tuple[float, float]]]:
    """Area code → (name, centre), for "sort by distance from" without sharing a location."""
    return _reference().area_centres


def _load_area_centres() -> dict[str, tuple[str, tuple[float, float]]]:
    areas = db.session.scalars(
        select(Area).where(Area.kind != AreaKind.REGION).order_by(Area.name)
    ).all()
    return {
        a.code: (a.name, (a.latitude, a.longitude))
        for a in areas
        if a.latitude is not None and a.longitude is not None
    }


# Searching -------------------------------------------------------------------------------


@dataclass
class SearchPage:
    params: SearchParams
    result: SearchResult
    # The page's services as the list shows them (see ListedService), and whether each is open,
    # at the moment "open now" was counted for.
    listed: list["ListedService"]
    opening_statuses: dict[str, str]
    facets: list[Facet]
    origin_name: str | None
    # The moment searched at: "open now" and the opening statuses are as of then.
    now: datetime
    # The words suggest a risk of suicide or self-harm: urgent help comes first.
    risk: bool = False
    # Nothing matched those words, so the results are crisis services instead.
    crisis_fallback: bool = False

    @property
    def services(self) -> list[Service]:
        """The same services as full entries, for callers that go on to use them (the
        helpline suggests them for a need); the results page itself never asks."""
        return public_services_in_order([s.id for s in self.listed])

    def distance_km(self, service: "ListedService") -> float | None:
        return next((h.distance_km for h in self.result.hits if h.id == service.id), None)


def search_directory(params: SearchParams, per_page: int) -> SearchPage:
    origin, origin_name = _origin(params)
    risk = signals_risk(params.text)
    query = SearchQuery(
        text=params.text,
        filters=params.filters,
        sort=params.sort,
        origin=origin,
        page=params.page,
        per_page=per_page,
        correct_spelling=not risk,
    )
    now = local_now()
    result = search_index().search(query, now=now)
    crisis_fallback = risk and result.total == 0
    if crisis_fallback:
        # Nothing for their words: show where to go tonight rather than nothing at all.
        result = search_index().search(replace(query, text="crisis"), now=now)
    listed = listed_services([h.id for h in result.hits])
    return SearchPage(
        risk=risk,
        crisis_fallback=crisis_fallback,
        params=params,
        result=result,
        listed=listed,
        opening_statuses={service.id: listed_opening_status(service, now) for service in listed},
        facets=_facets(result, params),
        origin_name=origin_name,
        now=now,
    )


def search_index_version() -> int:
    """The directory version this process's search index holds (it can trail the database
    for a moment: knowledge/directory/indexing.py)."""
    return search_index().applied_version()


def _origin(params: SearchParams) -> tuple[tuple[float, float] | None, str | None]:
    if params.latitude is not None and params.longitude is not None:
        return (params.latitude, params.longitude), "your location"
    if params.near:
        name, centre = area_centres()[params.near]
        return centre, name
    return None, None


def _facets(result: SearchResult, params: SearchParams) -> list[Facet]:
    facets = []
    for name, labels in facet_vocabulary().items():
        counts = result.facets.get(name, {})
        chosen = params.filters.get(name, frozenset())
        options = [
            FacetOption(value, label, counts.get(value, 0), value in chosen)
            for value, label in labels.items()
            if counts.get(value) or value in chosen
        ]
        if options:
            facets.append(Facet(name, FACET_TITLES[name], options))
    return facets


def public_services_in_order(ids: list[str]) -> list[Service]:
    """The public services among `ids`, in that order.

    Checked against the database, not only the index: a service retired by a bulk update, or
    on another app server a moment ago, never reaches a public page."""
    if not ids:
        return []
    found = db.session.scalars(select(Service).where(Service.id.in_(ids)).options(*RESULT_LOADS))
    by_id = {s.id: s for s in found if is_public(s.publication, s.status)}
    return [by_id[i] for i in ids if i in by_id]


def is_public(publication: PublicationState, status: ServiceStatus) -> bool:
    """`public_services_query`'s rule (knowledge/directory/indexing.py), for rows read by id.

    Services asked for by id are read by primary key and this is checked on the rows: given
    "publication = 'published'" in the query, SQLite (which keeps no statistics unless told to
    ANALYZE) searches its publication index, every published service, rather than looking up
    the 20 ids: 8 ms at 5,000 services and ten times that at 50,000, for each page.
    tests/directory/test_page_load_path.py checks that the two rules agree."""
    return publication is PublicationState.PUBLISHED and status in PUBLIC_STATUSES


# A page of results ------------------------------------------------------------------------


class _Named(NamedTuple):
    name: str


class _Place(NamedTuple):
    city: str


class _PhoneNumber(NamedTuple):
    number: str

    tel_uri = property(Phone.tel_uri.fget)


class _Period(NamedTuple):
    freq: str
    byday: str
    opens_at: time
    closes_at: time
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True, slots=True)
class ListedService:
    """A public service as a list of results shows it, read with plain queries.

    It answers to the names the list macro (components/service.html) and `opening_status` read
    on a `Service`, so one macro serves both. Loading full entries through the ORM, a query
    per relationship and some 200 objects, took more of the results page than searching the
    demo directory did; these rows take about a seventh of that (docs/performance.md)."""

    id: str
    name: str
    summary: str
    status: ServiceStatus
    do_not_refer: bool
    organisation: _Named
    terms: tuple[tuple[str, _Named], ...]  # (taxonomy code, term), by term name
    locations: tuple[_Place, ...]
    phones: tuple[_PhoneNumber, ...]
    schedules: tuple[_Period, ...]
    is_free: bool

    @property
    def is_temporarily_closed(self) -> bool:
        return self.status is ServiceStatus.TEMPORARILY_CLOSED

    def terms_in(self, taxonomy_code: str) -> list[_Named]:
        return [term for code, term in self.terms if code == taxonomy_code]


@dataclass(frozen=True)
class _ListedQueries:
    """The statements `listed_services` runs, built once: a statement made afresh costs more to
    build and key for SQLAlchemy's cache than SQLite takes to answer it (profiled)."""

    services: Select
    # Service id first, then what the list shows of each relationship, in the relationship's
    # own order (Service.phones' first phone is the one a list offers to call).
    terms: Select
    places: Select
    phones: Select
    periods: Select
    costs: Select


@functools.cache
def _listed_queries() -> _ListedQueries:
    def ids() -> BindParameter:
        return bindparam("ids", expanding=True)

    def in_order(statement: Select, relationship) -> Select:
        return statement.order_by(*(relationship.property.order_by or ()))

    return _ListedQueries(
        # By primary key; whether each is public is checked on the row (see is_public).
        services=select(
            Service.id,
            Service.name,
            Service.summary,
            Service.status,
            Service.do_not_refer,
            Organisation.name,
            Service.publication,
        )
        .join_from(Service, Organisation, Service.organisation_id == Organisation.id)
        .where(Service.id.in_(ids())),
        terms=in_order(
            select(service_taxonomy_term.c.service_id, Taxonomy.code, TaxonomyTerm.name)
            .join_from(service_taxonomy_term, TaxonomyTerm)
            .join(Taxonomy)
            .where(service_taxonomy_term.c.service_id.in_(ids())),
            Service.taxonomy_terms,
        ),
        places=in_order(
            select(ServiceAtLocation.service_id, Location.city)
            .join_from(ServiceAtLocation, Location)
            .where(ServiceAtLocation.service_id.in_(ids())),
            Service.service_at_locations,
        ),
        phones=in_order(
            select(Phone.service_id, Phone.number).where(Phone.service_id.in_(ids())),
            Service.phones,
        ),
        periods=in_order(
            select(
                Schedule.service_id,
                Schedule.freq,
                Schedule.byday,
                Schedule.opens_at,
                Schedule.closes_at,
                Schedule.valid_from,
                Schedule.valid_to,
            ).where(Schedule.service_id.in_(ids())),
            Service.schedules,
        ),
        costs=select(CostOption.service_id, CostOption.amount).where(
            CostOption.service_id.in_(ids())
        ),
    )


def listed_services(ids: list[str]) -> list[ListedService]:
    """The public services among `ids`, in that order, as a list of results shows them.

    Checked against the database, not only the index, as `public_services_in_order` is. Each
    relationship is one query over all the ids, as the ORM's selectinload does, in the order
    the relationship declares."""
    if not ids:
        return []
    queries = _listed_queries()
    connection = db.session.connection()
    rows = [
        row
        for row in connection.execute(queries.services, {"ids": ids})
        if is_public(row.publication, row.status)
    ]
    if not rows:
        return []
    found = {"ids": [row[0] for row in rows]}
    terms = _grouped(connection.execute(queries.terms, found), lambda r: (r[1], _Named(r[2])))
    places = _grouped(connection.execute(queries.places, found), lambda r: _Place(r[1]))
    phones = _grouped(connection.execute(queries.phones, found), lambda r: _PhoneNumber(r[1]))
    periods = _grouped(connection.execute(queries.periods, found), lambda r: _Period(*r[1:]))
    costs = _grouped(connection.execute(queries.costs, found), lambda r: r[1])
    by_id = {
        service_id: ListedService(
            id=service_id,
            name=name,
            summary=summary,
            status=status,
            do_not_refer=do_not_refer,
            organisation=_Named(organisation),
            terms=tuple(terms.get(service_id, ())),
            locations=tuple(places.get(service_id, ())),
            phones=tuple(phones.get(service_id, ())),
            schedules=tuple(periods.get(service_id, ())),
            # As Service.is_free: costs are listed, and every one is nothing.
            is_free=bool(costs.get(service_id)) and not any(costs[service_id]),
        )
        for service_id, name, summary, status, do_not_refer, organisation, _ in rows
    }
    return [by_id[i] for i in ids if i in by_id]


def listed_opening_status(service: ListedService, now: datetime) -> str:
    """`opening_status`, worked out once a minute for each state of a service's hours.

    With opening times in whole minutes, nothing it says can change within a minute (the
    search index counts "open now" once a minute for the same reason), and a listed service
    carries everything the answer depends on, so (service, minute) is a complete key. Hours
    with seconds in them are worked out every time."""
    whole_minutes = all(
        moment.second == 0 and moment.microsecond == 0
        for period in service.schedules
        for moment in (period.opens_at, period.closes_at)
    )
    if not whole_minutes:
        return opening_status(service, now)
    return _opening_status_in_minute(service, now.replace(second=0, microsecond=0))


@functools.lru_cache(maxsize=4096)
def _opening_status_in_minute(service: ListedService, minute: datetime) -> str:
    return opening_status(service, minute)


def _grouped(rows: Iterable[Row], value: Callable[[Row], object]) -> dict[str, list]:
    """Rows (service id first) as service id → [value(row), …], in the order they came."""
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(value(row))
    return groups


def record_if_nothing_found(page: SearchPage) -> bool:
    """Keep the words of a search that found nothing, for the helpline to act on.

    Only the words and the day; only a plain search (filters narrow a search, they do not show
    a gap in the directory); never anything that could be an identifier; never while the index
    is being rebuilt (every search would look like a miss). Returns whether it was recorded."""
    text = page.params.text
    typed = " ".join(query_words(text))
    if (
        page.result.total
        or page.risk
        or page.params.page > 1
        or page.params.filters
        or not typed
        or search_index().needs_rebuild
        or could_identify_someone(text)
    ):
        return False
    db.session.add(ZeroResultSearch(words=typed[:200], searched_on=local_now().date()))
    try:
        db.session.commit()
    except SQLAlchemyError:
        # Losing one note for the helpline is better than failing a person's search.
        db.session.rollback()
        log.exception("could not record a search that found nothing")
        return False
    return True


# Service pages and crisis cafés -----------------------------------------------------------


def get_public_service(service_id: str) -> Service | None:
    return db.session.scalars(
        public_services_query().where(Service.id == service_id).options(*SERVICE_PAGE_LOADS)
    ).first()


def merged_into(service_id: str) -> Service | None:
    """The public entry a merged-away duplicate now lives on, following merges of merges."""
    seen: set[str] = set()
    while service_id not in seen:
        seen.add(service_id)
        target = db.session.scalar(select(Service.merged_into_id).where(Service.id == service_id))
        if target is None:
            return None
        public = get_public_service(target)
        if public is not None:
            return public
        service_id = target
    return None


def need_domains() -> list[TaxonomyTerm]:
    return db.session.scalars(
        select(TaxonomyTerm)
        .join(Taxonomy)
        .where(Taxonomy.code == NEED_DOMAIN, TaxonomyTerm.parent_id.is_(None))
        .order_by(TaxonomyTerm.name)
    ).all()


@dataclass
class CrisisCafe:
    service: Service
    status: str
    open_now: bool
    next_opening: datetime | None


@dataclass
class CrisisCafes:
    open_now: list[CrisisCafe]
    later_today: list[CrisisCafe]
    other_days: list[CrisisCafe]


def crisis_cafes(now: datetime | None = None) -> CrisisCafes:
    now = now or local_now()
    services = (
        db.session.scalars(
            public_services_query()
            .join(Service.taxonomy_terms)
            .where(TaxonomyTerm.code == CRISIS_CAFE)
            .options(*RESULT_LOADS)
        )
        .unique()
        .all()
    )
    cafes = [
        CrisisCafe(
            service=s,
            status=opening_status(s, now),
            open_now=s.status is ServiceStatus.ACTIVE
            and opening_hours.is_open(usable_schedules(s), now),
            next_opening=opening_hours.next_opening(usable_schedules(s), now)
            if s.status is ServiceStatus.ACTIVE
            else None,
        )
        for s in services
    ]
    far = datetime.max
    open_now = sorted((c for c in cafes if c.open_now), key=lambda c: c.service.name)
    later = sorted(
        (
            c
            for c in cafes
            if not c.open_now and c.next_opening and c.next_opening.date() == now.date()
        ),
        key=lambda c: (c.next_opening, c.service.name),
    )
    shown = {c.service.id for c in (*open_now, *later)}
    other = sorted(
        (c for c in cafes if c.service.id not in shown),
        key=lambda c: (c.next_opening or far, c.service.name),
    )
    return CrisisCafes(open_now, later, other)


def opening_status(service: Service | ListedService, now: datetime | None = None) -> str:
    if service.status is ServiceStatus.TEMPORARILY_CLOSED:
        return "Temporarily closed"
    return opening_hours.status_text(usable_schedules(service), now or local_now())


def opening_times(service: Service) -> list[str]:
    """Opening times in plain words, one line per day or pattern."""
    return opening_hours.describe(usable_schedules(service))


def usable_schedules(service: Service | ListedService) -> Sequence[SchedulePeriod]:
    """The service's schedules, or none if a row cannot be read (written behind the model's
    validation): the page then says to contact them, rather than failing."""
    try:
        opening_hours.check_periods(service.schedules)
    except ValueError:
        log.error("unusable opening times for service %s", service.id)
        return []
    return service.schedules


def getting_started(service: Service) -> str:
    """How a person starts using the service, in one line (for shortlists and printouts)."""
    ways = []
    if service.drop_in:
        ways.append("drop in, no appointment needed")
    if service.self_referral:
        ways.append("contact them yourself")
    if service.professional_referral:
        ways.append(
            "a professional such as your GP or care team can refer you"
            if ways
            else "you need a referral from a professional, such as your GP or care team"
        )
    if not ways:
        return "Contact them to ask how to start."
    sentence = ", or ".join(ways) if len(ways) < 3 else f"{ways[0]}, {ways[1]}, or {ways[2]}"
    return sentence[0].upper() + sentence[1:] + "."
