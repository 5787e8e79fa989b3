"""The open API's questions: reading its query strings, finding what a list asks for, and
saying when the answers last changed.

Parameters (GET /services and GET /service_at_locations; unknown ones are ignored):

- `page` (from 1) and `per_page` (1 to ORUK_MAX_PER_PAGE, default 50): anything else is
  refused with 400, never quietly clamped. `minimal=true` without `per_page` gives every
  match in one page, as the spec asks of it.
- `search`: the site's own search (same words, synonyms, spelling correction and order);
  without it, services come by name.
- `taxonomy_term_id`: services with that term or any narrower one; `taxonomy_id`: with any
  term of that taxonomy; `organization_id`: run by that organisation. An id nothing has
  matches nothing.
- `minimum_age=N`: services whose minimum age is at least N; no minimum counts as 0.
  `maximum_age=N`: services whose maximum age is at most N; no maximum never qualifies
  (it has no upper limit). The spec's literal meaning, whatever a reader may expect.
- `day` (MO … SU, or the day's name, any case), `start_time`, `end_time` (HH:MM or
  HH:MM:SS): services with a schedule on that day (a monthly "1MO" counts for MO), opening
  at or after start_time, closing at or before end_time (one that closes after midnight
  does not). Given together, the same schedule must satisfy them all. A schedule whose
  valid_to has passed does not count. Status is not considered: it is in the document.
- `modified_after` (ISO 8601 date-time or date, no zone meaning UTC): last_modified (the
  later of the service's and its organisation's) at or after it.
- `full=true`: list items fully nested; `minimal=true`: just id and last_modified, read as
  plain rows (no service is loaded, however many there are). Booleans are true/false/1/0.
- Service-at-locations only: `postcode` and `proximity` (metres). There is no geocoder: a
  postcode is placed at the mean of the directory's own published places with that
  postcode, else of those in the same outward code (LE11); one we cannot place is a 400.
  With `proximity`, only places within that distance of it. Without, only services whose
  service area covers it: the neighbourhood whose centre is nearest, its district or the
  region (approximate: neighbourhood centres, not boundaries). A service with no service
  area is not narrowed by area, as the spec says ("if service_area is available").
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from knowledge.clock import as_utc, local_now
from knowledge.directory.indexing import public_services_query, search_index
from knowledge.domain.contact_details import is_postcode
from knowledge.domain.geo import distance_km
from knowledge.domain.opening_hours import DAY_NAMES
from knowledge.domain.risk import signals_risk
from knowledge.extensions import db
from knowledge.models import (
    Area,
    AreaKind,
    DirectoryState,
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from knowledge.models.base import chunks
from knowledge.models.directory import service_taxonomy_term
from knowledge.oruk.documents import LIST_LOADS, NESTED_LOADS, terms_in_order
from knowledge.search import MAX_QUERY_LENGTH, SearchQuery

DEFAULT_PER_PAGE = 50
# Far past any sensible page, and well inside a 64-bit OFFSET.
MAX_PAGE = 1_000_000
# Enough for every published service: the API pages the ids itself.
SEARCH_LIMIT = 1_000_000
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAYS = {code: code for code in DAY_CODES} | {
    name.upper(): code for name, code in zip(DAY_NAMES, DAY_CODES, strict=True)
}
_WHOLE_NUMBER = re.compile(r"\d{1,9}")
_NUMBER = re.compile(r"\d{1,6}(\.\d{1,6})?")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?")
_OUTWARD_CODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?")
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
MAX_AGE = 150
MAX_PROXIMITY_METRES = 1_000_000


class BadParameter(ValueError):
    """A query parameter the API cannot use: answered with 400, naming it."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


# Reading parameters --------------------------------------------------------------------------


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Filters:
    search: str = ""
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    day: str | None = None
    start_time: time | None = None
    end_time: time | None = None
    modified_after: datetime | None = None
    postcode: str | None = None
    proximity_metres: float | None = None


@dataclass(frozen=True)
class ListRequest:
    filters: Filters
    paging: Paging | None  # None: everything in one page (minimal, without per_page)
    full: bool = False
    minimal: bool = False


def read_paging(args, max_per_page: int) -> Paging:
    page = _whole_number(args, "page", 1, MAX_PAGE, default=1)
    per_page = _whole_number(args, "per_page", 1, max_per_page, default=DEFAULT_PER_PAGE)
    return Paging(page, per_page)


def read_list_request(args, max_per_page: int, *, places: bool = False) -> ListRequest:
    """The parameters of GET /services (or, with `places`, GET /service_at_locations)."""
    full = _boolean(args, "full")
    minimal = _boolean(args, "minimal")
    if full and minimal:
        raise BadParameter("minimal", "minimal and full cannot both be true")
    paging = read_paging(args, max_per_page)
    if minimal and not args.get("per_page") and not args.get("page"):
        paging = None
    start_time, end_time = _time(args, "start_time"), _time(args, "end_time")
    filters = Filters(
        search=" ".join(args.get("search", "").split())[:MAX_QUERY_LENGTH],
        taxonomy_term_id=_text(args, "taxonomy_term_id"),
        taxonomy_id=_text(args, "taxonomy_id"),
        organization_id=_text(args, "organization_id"),
        minimum_age=_number(args, "minimum_age", MAX_AGE),
        maximum_age=_number(args, "maximum_age", MAX_AGE),
        day=_day(args),
        start_time=start_time,
        end_time=end_time,
        modified_after=_moment(args, "modified_after"),
    )
    if places:
        postcode = _postcode(args)
        proximity = _number(args, "proximity", MAX_PROXIMITY_METRES)
        if proximity is not None and postcode is None:
            raise BadParameter("proximity", "proximity needs a postcode to measure from")
        if proximity == 0:
            raise BadParameter("proximity", "proximity must be more than 0 metres")
        filters = replace(filters, postcode=postcode, proximity_metres=proximity)
    return ListRequest(filters=filters, paging=paging, full=full, minimal=minimal)


def _text(args, name: str) -> str | None:
    return args.get(name, "").strip() or None


def _whole_number(args, name: str, low: int, high: int, *, default: int) -> int:
    value = args.get(name, "").strip()
    if not value:
        return default
    if not _WHOLE_NUMBER.fullmatch(value) or not low <= int(value) <= high:
        raise BadParameter(name, f"{name} must be a whole number from {low} to {high}")
    return int(value)


def _number(args, name: str, high: float) -> float | None:
    value = args.get(name, "").strip()
    if not value:
        return None
    if not _NUMBER.fullmatch(value) or float(value) > high:
        raise BadParameter(name, f"{name} must be a number from 0 to {high}")
    return float(value)


def _boolean(args, name: str) -> bool:
    value = args.get(name, "").strip().lower()
    if not value:
        return False
    if value not in _BOOLEANS:
        raise BadParameter(name, f"{name} must be true or false")
    return _BOOLEANS[value]


def _day(args) -> str | None:
    value = args.get("day", "").strip().upper()
    if not value:
        return None
    if value not in _DAYS:
        raise BadParameter("day", "day must be one of MO, TU, WE, TH, FR, SA, SU")
    return _DAYS[value]


def _time(args, name: str) -> time | None:
    value = args.get(name, "").strip()
    if not value:
        return None
    if not _TIME.fullmatch(value):
        raise BadParameter(name, f"{name} must be a time of day as HH:MM or HH:MM:SS")
    return time.fromisoformat(value)


def _moment(args, name: str) -> datetime | None:
    value = args.get(name, "").strip()
    if not value:
        return None
    # An unencoded "+01:00" arrives as " 01:00".
    for candidate in (value, value.replace(" ", "+")):
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    raise BadParameter(name, f"{name} must be an ISO 8601 date-time or date")


def _postcode(args) -> str | None:
    """A full postcode or an outward code, without spaces, in capitals."""
    value = args.get("postcode", "").strip()
    if not value:
        return None
    compact = "".join(value.upper().split())
    if not (is_postcode(value) or _OUTWARD_CODE.fullmatch(compact)):
        raise BadParameter("postcode", "postcode must be a UK postcode, such as LE1 3ZQ or LE11")
    return compact


# Finding services ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """One item of a list, before anything else about it is read: enough for `minimal`."""

    id: str
    last_modified: datetime  # the later of the service's and its organisation's


@dataclass(frozen=True)
class Listing:
    items: list[Listed]  # this page's, in order
    total: int  # in all pages

    @property
    def ids(self) -> list[str]:
        return [item.id for item in self.items]


def _public():
    return public_services_query().whereclause


def _service_conditions(filters: Filters) -> list:
    conditions = []
    if filters.taxonomy_term_id:
        terms = _term_and_narrower(filters.taxonomy_term_id)
        conditions.append(
            Service.id.in_(
                select(service_taxonomy_term.c.service_id).where(
                    service_taxonomy_term.c.taxonomy_term_id.in_(terms)
                )
            )
        )
    if filters.taxonomy_id:
        conditions.append(
            Service.id.in_(
                select(service_taxonomy_term.c.service_id)
                .join(TaxonomyTerm)
                .where(TaxonomyTerm.taxonomy_id == filters.taxonomy_id)
            )
        )
    if filters.organization_id:
        conditions.append(Service.organisation_id == filters.organization_id)
    if filters.minimum_age is not None:
        conditions.append(func.coalesce(Service.minimum_age, 0) >= filters.minimum_age)
    if filters.maximum_age is not None:
        conditions.append(Service.maximum_age <= filters.maximum_age)
    if filters.day or filters.start_time or filters.end_time:
        conditions.append(_has_schedule(filters, local_now().date()))
    if filters.modified_after is not None:
        conditions.append(
            or_(
                Service.last_modified >= filters.modified_after,
                Organisation.last_modified >= filters.modified_after,
            )
        )
    return conditions


def _term_and_narrower(term_id: str) -> set[str]:
    children: dict[str | None, list[str]] = {}
    for child, parent in db.session.execute(select(TaxonomyTerm.id, TaxonomyTerm.parent_id)):
        children.setdefault(parent, []).append(child)
    found, waiting = {term_id}, [term_id]
    while waiting:
        for child in children.get(waiting.pop(), []):
            if child not in found:
                found.add(child)
                waiting.append(child)
    return found


def _has_schedule(filters: Filters, today: date):
    conditions = [
        Schedule.service_id == Service.id,
        or_(Schedule.valid_to.is_(None), Schedule.valid_to >= today),
    ]
    if filters.day:
        # Day codes never overlap, so "MO" is in a byday exactly when one of its rules is
        # Monday, weekly ("MO") or monthly ("1MO", "-1MO").
        conditions.append(func.upper(Schedule.byday).like(f"%{filters.day}%"))
    if filters.start_time:
        conditions.append(Schedule.opens_at >= filters.start_time)
    if filters.end_time:
        # closes_at at or before opens_at closes the next day: after any time today.
        conditions.append(Schedule.closes_at > Schedule.opens_at)
        conditions.append(Schedule.closes_at <= filters.end_time)
    return exists().where(*conditions)


def searched_ids(text: str) -> list[str]:
    """Service ids for the words, best match first, as the site's search ranks them."""
    query = SearchQuery(
        text=text, page=1, per_page=SEARCH_LIMIT, correct_spelling=not signals_risk(text)
    )
    return [hit.id for hit in search_index().search(query, now=local_now()).hits]


def _listed(rows: Iterable) -> list[Listed]:
    """Rows with `id`, `service_modified` and `organisation_modified`, as list items."""
    return [
        Listed(row.id, max(as_utc(row.service_modified), as_utc(row.organisation_modified)))
        for row in rows
    ]


def find_services(request: ListRequest) -> Listing:
    """The page of services a list asks for, in order, and how many there are in all."""
    query = (
        select(
            Service.id,
            Service.last_modified.label("service_modified"),
            Organisation.last_modified.label("organisation_modified"),
        )
        .join(Service.organisation)
        .where(_public(), *_service_conditions(request.filters))
    )
    if request.filters.search:
        # Whoosh orders them: every match is read (three columns each), then one page kept.
        matching = {row.id: row for row in db.session.execute(query)}
        ranked = [matching[i] for i in searched_ids(request.filters.search) if i in matching]
        return Listing(_listed(_slice(ranked, request.paging)), len(ranked))
    total = _count(query.with_only_columns(Service.id))
    by_name = query.order_by(func.lower(Service.name), Service.id)
    return Listing(_listed(db.session.execute(_limit(by_name, request.paging))), total)


def load_services(ids: list[str], *, full: bool) -> list[Service]:
    """The services of a page, in its order, with what their documents read."""
    return _load_in_order(Service, ids, NESTED_LOADS if full else LIST_LOADS)


def get_service(service_id: str) -> Service | None:
    return db.session.scalars(
        public_services_query().where(Service.id == service_id).options(*NESTED_LOADS)
    ).first()


def _count(query: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def _limit(query: Select, paging: Paging | None) -> Select:
    return query if paging is None else query.limit(paging.per_page).offset(paging.offset)


def _slice(items: list, paging: Paging | None) -> list:
    return items if paging is None else items[paging.offset : paging.offset + paging.per_page]


def _load_in_order(model, ids: list[str], loads) -> list:
    found = {
        record.id: record
        for chunk in chunks(ids)
        for record in db.session.scalars(select(model).where(model.id.in_(chunk)).options(*loads))
    }
    return [found[i] for i in ids if i in found]


# Finding services at their places ------------------------------------------------------------

SAL_NESTED_LOADS = (
    joinedload(ServiceAtLocation.location).selectinload(Location.accessibility),
    joinedload(ServiceAtLocation.service).options(*NESTED_LOADS),
)
SAL_LIST_LOADS = (
    joinedload(ServiceAtLocation.location),
    joinedload(ServiceAtLocation.service).options(*LIST_LOADS),
)
_PLACE_ORDER = (
    func.lower(Service.name),
    Service.id,
    func.lower(Location.name),
    ServiceAtLocation.id,
)


def find_services_at_locations(request: ListRequest) -> Listing:
    """The page of services at their places a list asks for: by service (by name, or best
    match first), then by place name; and how many there are in all."""
    filters = request.filters
    query = (
        select(
            ServiceAtLocation.id,
            ServiceAtLocation.service_id,
            Service.last_modified.label("service_modified"),
            Organisation.last_modified.label("organisation_modified"),
            Location.latitude,
            Location.longitude,
        )
        .join(ServiceAtLocation.service)
        .join(Service.organisation)
        .join(ServiceAtLocation.location)
        .where(_public(), *_service_conditions(filters))
    )
    origin = locate_postcode(filters.postcode) if filters.postcode else None
    if origin is not None and filters.proximity_metres is None:
        query = query.where(_covers(origin))
    if origin is not None and filters.proximity_metres is not None:
        # The box narrows it in the database; the exact distance needs every row in the box.
        limit_km = filters.proximity_metres / 1000
        rows = [
            row
            for row in db.session.execute(
                query.where(*_near(origin, filters.proximity_metres)).order_by(*_PLACE_ORDER)
            )
            if distance_km(origin, (row.latitude, row.longitude)) <= limit_km
        ]
        if filters.search:
            rank = {service_id: n for n, service_id in enumerate(searched_ids(filters.search))}
            rows = sorted(
                (r for r in rows if r.service_id in rank), key=lambda r: rank[r.service_id]
            )
        return Listing(_listed(_slice(rows, request.paging)), len(rows))
    if filters.search:
        return _searched_places(query, filters.search, request.paging)
    total = _count(query.with_only_columns(ServiceAtLocation.id))
    rows = db.session.execute(_limit(query.order_by(*_PLACE_ORDER), request.paging))
    return Listing(_listed(rows), total)


def _searched_places(query: Select, search: str, paging: Paging | None) -> Listing:
    """Places of the services the search found, best match first. Counted service by service
    first, so that only the places of the services on the page asked for are read."""
    counts = dict(
        db.session.execute(
            query.with_only_columns(ServiceAtLocation.service_id, func.count()).group_by(
                ServiceAtLocation.service_id
            )
        ).all()
    )
    ranked = [service_id for service_id in searched_ids(search) if service_id in counts]
    total = sum(counts[service_id] for service_id in ranked)
    start = paging.offset if paging else 0
    end = start + paging.per_page if paging else total
    on_page, skipped, position = [], 0, 0
    for service_id in ranked:
        if position >= end:
            break
        if position + counts[service_id] > start:
            if not on_page:
                skipped = start - position
            on_page.append(service_id)
        position += counts[service_id]
    by_service: dict[str, list] = {}
    for chunk in chunks(on_page):
        in_chunk = query.where(ServiceAtLocation.service_id.in_(chunk)).order_by(*_PLACE_ORDER)
        for row in db.session.execute(in_chunk):
            by_service.setdefault(row.service_id, []).append(row)
    rows = [row for service_id in on_page for row in by_service.get(service_id, [])]
    return Listing(_listed(rows[skipped : skipped + end - start]), total)


def load_services_at_locations(ids: list[str], *, full: bool) -> list[ServiceAtLocation]:
    return _load_in_order(ServiceAtLocation, ids, SAL_NESTED_LOADS if full else SAL_LIST_LOADS)


def get_service_at_location(link_id: str) -> ServiceAtLocation | None:
    return db.session.scalars(
        select(ServiceAtLocation)
        .join(ServiceAtLocation.service)
        .where(ServiceAtLocation.id == link_id, _public())
        .options(*SAL_NESTED_LOADS)
    ).first()


def _public_places():
    return select(ServiceAtLocation.location_id).join(ServiceAtLocation.service).where(_public())


def locate_postcode(compact: str) -> tuple[float, float]:
    """Where a postcode is, from the directory's own published places (there is no geocoder):
    the mean of places with that postcode, else of those in its outward code."""
    place_postcode = func.upper(func.replace(Location.postcode, " ", ""))
    outward = func.substr(place_postcode, 1, func.length(place_postcode) - 3)
    located = (
        select(func.avg(Location.latitude), func.avg(Location.longitude))
        .where(Location.latitude.is_not(None), Location.longitude.is_not(None))
        .where(Location.id.in_(_public_places()))
    )
    full = len(compact) >= 5 and is_postcode(compact)
    attempts = (
        [place_postcode == compact, outward == compact[:-3]] if full else [outward == compact]
    )
    for condition in attempts:
        latitude, longitude = db.session.execute(located.where(condition)).one()
        if latitude is not None:
            return latitude, longitude
    raise BadParameter("postcode", "no place in the directory has that postcode or outward code")


def _covers(origin: tuple[float, float]):
    """The service has no service area, or one covering the neighbourhood nearest `origin`."""
    neighbourhoods = db.session.scalars(
        select(Area)
        .where(Area.kind == AreaKind.NEIGHBOURHOOD, Area.latitude.is_not(None))
        .options(selectinload(Area.parent))
    ).all()
    covering: set[str] = set()
    if neighbourhoods:
        nearest = min(neighbourhoods, key=lambda a: distance_km(origin, (a.latitude, a.longitude)))
        area: Area | None = nearest
        while area is not None:
            covering.add(area.id)
            area = area.parent
    any_area = exists().where(ServiceArea.service_id == Service.id)
    covered = exists().where(
        ServiceArea.service_id == Service.id, ServiceArea.area_id.in_(covering)
    )
    return or_(~any_area, covered)


def _near(origin: tuple[float, float], metres: float) -> list:
    """A box around `origin` the database can use; the exact distance is checked after."""
    # A little generous: a degree of latitude is 111.2 km, and one of longitude shortest at the
    # box's edge furthest from the equator.
    latitude_span = metres / 1000 / 111.0
    furthest = min(abs(origin[0]) + latitude_span, 89.0)
    longitude_span = latitude_span / math.cos(math.radians(furthest))
    return [
        Location.latitude.between(origin[0] - latitude_span, origin[0] + latitude_span),
        Location.longitude.between(origin[1] - longitude_span, origin[1] + longitude_span),
    ]


# Taxonomies ----------------------------------------------------------------------------------


def find_taxonomies(paging: Paging) -> tuple[list[Taxonomy], int]:
    query = select(Taxonomy)
    total = _count(query)
    taxonomies = db.session.scalars(
        query.order_by(Taxonomy.name, Taxonomy.id).limit(paging.per_page).offset(paging.offset)
    ).all()
    return list(taxonomies), total


def get_taxonomy(taxonomy_id: str) -> Taxonomy | None:
    return db.session.scalars(
        select(Taxonomy)
        .where(Taxonomy.id == taxonomy_id)
        .options(selectinload(Taxonomy.terms).selectinload(TaxonomyTerm.taxonomy))
    ).first()


def find_taxonomy_terms(paging: Paging) -> tuple[list[TaxonomyTerm], int]:
    """Every term, taxonomy by taxonomy (by name), broader terms before narrower ones. The
    vocabularies are small: ordered here rather than in SQL."""
    taxonomies = db.session.scalars(
        select(Taxonomy)
        .order_by(Taxonomy.name, Taxonomy.id)
        .options(selectinload(Taxonomy.terms).selectinload(TaxonomyTerm.taxonomy))
    ).all()
    terms = [term for taxonomy in taxonomies for term in terms_in_order(taxonomy.terms)]
    return _slice(terms, paging), len(terms)


def get_taxonomy_term(term_id: str) -> TaxonomyTerm | None:
    return db.session.scalars(
        select(TaxonomyTerm)
        .where(TaxonomyTerm.id == term_id)
        .options(selectinload(TaxonomyTerm.taxonomy))
    ).first()


# Freshness ---------------------------------------------------------------------------------


def last_modified(started_at: datetime) -> datetime:
    """When every answer of the API last changed, at the latest: the directory's last
    committed change (knowledge.models.directory_state: drafts and archived services count
    too, since archiving one changes the lists); the start of today in the UK, since answers
    filtered by day or time leave out schedules whose valid_to has passed, which happens at
    midnight with nothing committed; and `started_at`, when this process started, since new
    code may publish the same directory differently.

    Read it before anything else the answer reads: a change committed in between then makes
    the body newer than its Last-Modified, never older."""
    changed_at = db.session.scalar(select(DirectoryState.changed_at))
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    today = datetime.combine(local_now().date(), time(), zone).astimezone(UTC)
    moments = (today, as_utc(started_at), *([as_utc(changed_at)] if changed_at else []))
    return max(moments)
