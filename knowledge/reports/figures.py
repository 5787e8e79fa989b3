"""The commissioners' figures: unmet needs, helpline activity, other-needs entries and the gap
between published services and unmet needs, each as a controlled table.

Every count of people, queries, needs or entries goes through `knowledge.domain.disclosure`
(`Table.of`, people=True); counts of services do not. Each figure is one SQL aggregate (GROUP BY)
over the period and filters: nothing here loads rows one by one, so the cost does not grow with
the number of queries.

What is counted, and when, is said in each report's `note`, in plain English, because the
downloads carry it too:

- An *unmet need* is one occurrence: a need in a helpline query decided "unmet", dated by the
  day the query arrived; or an unmet need the helpline logged directly (from a search that
  found nothing, say) that no query has joined, dated by the day it was first seen. One person
  asking twice counts twice: the register's distinct-people figure is a lower bound ("at least
  N"), which cannot be controlled like a count.
- Outcomes are per need, not per query: a query about money and housing can be half met.
- Queries closed without an answer (withdrawn, duplicates) count as work received, never in an
  outcome or an unmet need.

Places: a neighbourhood belongs to its district; nothing is reported below neighbourhood.
Dates are UK dates: a query received at 00:30 on 1 July (BST) is July's, although it is still
30 June in UTC.
"""

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased

from knowledge.directory.indexing import PUBLIC_STATUSES
from knowledge.domain.disclosure import Table
from knowledge.extensions import db
from knowledge.helpline.unmet import RECORDED_IN_ERROR
from knowledge.models import (
    AgeBand,
    Area,
    AreaKind,
    HelplineQuery,
    NeedOutcome,
    OtherNeedsEntry,
    PublicationState,
    QueryNeed,
    QueryState,
    Service,
    ServiceArea,
    Specialty,
    SupportLevel,
    Taxonomy,
    TaxonomyTerm,
    UnmetNeed,
    UnmetReason,
)
from knowledge.models.directory import service_taxonomy_term

NEED_TAXONOMY = "need-domain"
# Long enough for a five-year trend; a longer period makes unreadable monthly tables.
LONGEST_PERIOD_DAYS = 5 * 366
EARLIEST_DATE = date(2020, 1, 1)
NOT_RECORDED = "Not recorded"
ALL_OF_LLR = "All of LLR"
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# Periods ---------------------------------------------------------------------------------------


def quarter_of(day: date) -> tuple[date, date]:
    """The calendar quarter (January to March, …) holding `day`: first and last day. The same
    quarters as the NHS financial year, which starts in April."""
    first_month = (day.month - 1) // 3 * 3 + 1
    start = date(day.year, first_month, 1)
    return start, _months_after(start, 3) - timedelta(days=1)


def last_complete_quarter(today: date) -> tuple[date, date]:
    start, _ = quarter_of(today)
    return quarter_of(start - timedelta(days=1))


def quarter_label(start: date) -> str:
    """ "July to September 2026 (Q2 2026/27)": the financial-year quarter too, as the ICB and
    the councils plan by it."""
    end = _months_after(start, 3) - timedelta(days=1)
    financial_year = start.year if start.month >= 4 else start.year - 1
    number = ((start.month - 4) % 12) // 3 + 1
    return (
        f"{MONTHS[start.month - 1]} to {MONTHS[end.month - 1]} {end.year} "
        f"(Q{number} {financial_year}/{(financial_year + 1) % 100:02d})"
    )


def quarter_shortcuts(today: date) -> list[tuple[str, date, date]]:
    """This quarter so far, then the four before it, newest first."""
    start, _ = quarter_of(today)
    shortcuts = [(f"This quarter so far ({quarter_label(start)})", start, today)]
    for _ in range(4):
        start, end = quarter_of(start - timedelta(days=1))
        shortcuts.append((quarter_label(start), start, end))
    return shortcuts


def describe_day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def describe_period(start: date, end: date) -> str:
    """ "1 July to 30 September 2026": the first year only when it differs."""
    if start == end:
        return describe_day(start)
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} to {describe_day(end)}"
    return f"{describe_day(start)} to {describe_day(end)}"


def _months_after(first_of_month: date, months: int) -> date:
    index = first_of_month.month - 1 + months
    return date(first_of_month.year + index // 12, index % 12 + 1, 1)


def parse_day(text: str) -> date | None:
    """A date as a date input sends it (2026-07-01) or as people type it (1/7/2026)."""
    text = text.strip()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        return None


# Filters ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFilters:
    start: date  # inclusive, UK dates
    end: date
    district: str | None = None  # Area.code of a district
    domain: str | None = None  # TaxonomyTerm.code of a need domain (top level)
    specialty: Specialty | None = None

    @classmethod
    def default(cls, today: date) -> "ReportFilters":
        return cls(*last_complete_quarter(today))

    @classmethod
    def from_args(cls, args: Mapping[str, str], today: date) -> tuple["ReportFilters", dict]:
        """The filters a request asks for, and a message per field that is wrong. Missing dates
        mean the last complete quarter; a wrong field is left at its default."""
        errors: dict[str, str] = {}
        default_start, default_end = last_complete_quarter(today)
        start_text, end_text = args.get("start", "").strip(), args.get("end", "").strip()
        start = parse_day(start_text) if start_text else default_start
        end = parse_day(end_text) if end_text else default_end
        if start is None:
            errors["start"] = "Enter the start date as a real date, for example 1/7/2026"
        elif start < EARLIEST_DATE:
            errors["start"] = f"The start date must be {describe_day(EARLIEST_DATE)} or later"
        if end is None:
            errors["end"] = "Enter the end date as a real date, for example 30/9/2026"
        elif end < EARLIEST_DATE:
            errors["end"] = f"The end date must be {describe_day(EARLIEST_DATE)} or later"
        if "start" not in errors and "end" not in errors:
            if end < start:
                errors["end"] = "The end date must be the same as or after the start date"
            elif (end - start).days > LONGEST_PERIOD_DAYS:
                errors["end"] = "Choose a period of 5 years or less"
        if errors.keys() & {"start", "end"}:
            start, end = default_start, default_end

        district = args.get("district", "").strip() or None
        if district is not None and district not in district_names():
            errors["district"] = "Choose a district from the list"
            district = None
        domain = args.get("domain", "").strip() or None
        if domain is not None and domain not in domain_names():
            errors["domain"] = "Choose a need from the list"
            domain = None
        specialty_text = args.get("specialty", "").strip()
        specialty = None
        if specialty_text:
            try:
                specialty = Specialty(specialty_text)
            except ValueError:
                errors["specialty"] = "Choose a specialty from the list"
        return cls(start, end, district, domain, specialty), errors

    def url_args(self) -> dict[str, str]:
        """The query string that gives these filters back through `from_args`."""
        args = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.district:
            args["district"] = self.district
        if self.domain:
            args["domain"] = self.domain
        if self.specialty:
            args["specialty"] = self.specialty.value
        return args

    def describe(self) -> list[tuple[str, str]]:
        return [
            ("Period", describe_period(self.start, self.end)),
            ("District", district_names()[self.district] if self.district else ALL_OF_LLR),
            ("Need", domain_names()[self.domain] if self.domain else "All needs"),
            ("Specialty", self.specialty.label if self.specialty else "All specialties"),
        ]

    def with_period(self, start: date, end: date) -> "ReportFilters":
        return replace(self, start=start, end=end)


def district_names() -> dict[str, str]:
    """Code → name of every district, by name."""
    rows = db.session.execute(
        select(Area.code, Area.name).where(Area.kind == AreaKind.DISTRICT).order_by(Area.name)
    )
    return {code: name for code, name in rows}


def domain_names() -> dict[str, str]:
    """Code → name of every need domain (top-level need term), by name."""
    rows = db.session.execute(
        select(TaxonomyTerm.code, TaxonomyTerm.name)
        .join(Taxonomy)
        .where(Taxonomy.code == NEED_TAXONOMY, TaxonomyTerm.parent_id.is_(None))
        .order_by(TaxonomyTerm.name)
    )
    return {code: name for code, name in rows}


# Reports ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    key: str  # stable: anchors and file names
    table: Table
    chart: str  # "bar" | "stacked" | "line" | "none"
    note: str = ""  # what is counted, plain English

    @property
    def title(self) -> str:
        return self.table.title


# The order of the dashboard.
REPORT_KEYS = (
    "unmet-by-domain-reason",
    "unmet-by-district",
    "unmet-by-neighbourhood",
    "unmet-by-specialty-age",
    "unmet-by-month",
    "unmet-by-quarter",
    "gap-services",
    "gap-unmet",
    "queries-by-month",
    "query-outcomes",
    "queries-by-specialty",
    "entries-by-domain-level",
)
# For a board paper: where, why and for whom needs went unmet, and beside what exists.
QUARTERLY_SUMMARY_KEYS = (
    "unmet-by-domain-reason",
    "unmet-by-district",
    "unmet-by-specialty-age",
    "unmet-by-month",
    "gap-services",
    "gap-unmet",
    "query-outcomes",
)


def report(key: str, filters: ReportFilters) -> Report:
    try:
        build = _BUILDERS[key]
    except KeyError:
        raise KeyError(f"no report called {key!r}") from None
    return build(_Scope.of(filters))


def all_reports(filters: ReportFilters) -> list[Report]:
    scope = _Scope.of(filters)
    return [_BUILDERS[key](scope) for key in REPORT_KEYS]


def quarterly_unmet_summary(filters: ReportFilters) -> list[Report]:
    scope = _Scope.of(filters)
    return [_BUILDERS[key](scope) for key in QUARTERLY_SUMMARY_KEYS]


# Scope: the filters resolved to ids and UTC instants ------------------------------------------


@dataclass(frozen=True)
class _Axis:
    """One way of splitting a count: the keys SQL gives back, in order, with their labels."""

    heading: str
    keys: tuple
    labels: tuple[str, ...]
    # Shown only when something is counted there ("Not recorded").
    optional: frozenset = frozenset()


@dataclass(frozen=True)
class _Scope:
    filters: ReportFilters
    zone: ZoneInfo
    district_id: str | None
    domain_id: str | None
    # Need axis: the domains, or the chosen domain's sub-terms and the domain itself.
    needs: _Axis
    districts: _Axis
    neighbourhoods: _Axis

    @classmethod
    def of(cls, filters: ReportFilters) -> "_Scope":
        areas = db.session.execute(select(Area.id, Area.code, Area.name, Area.kind, Area.parent_id))
        area = {row.id: row for row in areas}
        chosen_district = next((a.id for a in area.values() if a.code == filters.district), None)
        districts = sorted(
            (
                a
                for a in area.values()
                if a.kind == AreaKind.DISTRICT and chosen_district in (None, a.id)
            ),
            key=lambda a: a.name,
        )
        neighbourhoods = sorted(
            (
                a
                for a in area.values()
                if a.kind == AreaKind.NEIGHBOURHOOD and a.parent_id in {d.id for d in districts}
            ),
            key=lambda a: (area[a.parent_id].name, a.name),
        )
        district_axis = _Axis(
            "District",
            (*(d.id for d in districts), None),
            (*(d.name for d in districts), ALL_OF_LLR),
            optional=frozenset({None}),
        )
        if chosen_district is not None:
            # Only needs placed in the district are counted: no "All of LLR" row.
            district_axis = _Axis("District", district_axis.keys[:-1], district_axis.labels[:-1])
        neighbourhood_axis = _Axis(
            "Neighbourhood",
            (*(n.id for n in neighbourhoods), None),
            (
                *(
                    n.name if chosen_district else f"{n.name} ({area[n.parent_id].name})"
                    for n in neighbourhoods
                ),
                "Not recorded below district" if chosen_district else "No neighbourhood recorded",
            ),
            optional=frozenset({None}),
        )

        terms = db.session.execute(
            select(TaxonomyTerm.id, TaxonomyTerm.code, TaxonomyTerm.name, TaxonomyTerm.parent_id)
            .join(Taxonomy)
            .where(Taxonomy.code == NEED_TAXONOMY)
            .order_by(TaxonomyTerm.name)
        ).all()
        domain = next((t for t in terms if t.code == filters.domain and t.parent_id is None), None)
        if domain is None:
            domains = [t for t in terms if t.parent_id is None]
            need_axis = _Axis("Need", tuple(t.id for t in domains), tuple(t.name for t in domains))
        else:
            # Within one domain, its sub-terms say more; needs tagged with the domain alone last.
            subterms = [t for t in terms if t.parent_id == domain.id]
            need_axis = _Axis(
                "Need",
                (*(t.id for t in subterms), domain.id),
                (*(t.name for t in subterms), f"{domain.name} (not more specific)"),
                optional=frozenset({domain.id}),
            )
        return cls(
            filters=filters,
            zone=ZoneInfo(current_app.config["TIMEZONE"]),
            district_id=chosen_district,
            domain_id=domain.id if domain else None,
            needs=need_axis,
            districts=district_axis,
            neighbourhoods=neighbourhood_axis,
        )

    # Instants: a UK day starts at local midnight; the database holds UTC.
    def utc(self, day: date) -> datetime:
        return datetime.combine(day, time()).replace(tzinfo=self.zone).astimezone(UTC)

    @property
    def utc_start(self) -> datetime:
        return self.utc(self.filters.start)

    @property
    def utc_end(self) -> datetime:
        """The first instant after the period."""
        return self.utc(self.filters.end + timedelta(days=1))

    def months(self) -> list[date]:
        first = self.filters.start.replace(day=1)
        months = [first]
        while (following := _months_after(months[-1], 1)) <= self.filters.end:
            months.append(following)
        return months

    def quarters(self) -> list[date]:
        first, _ = quarter_of(self.filters.start)
        quarters = [first]
        while (following := _months_after(quarters[-1], 3)) <= self.filters.end:
            quarters.append(following)
        return quarters

    def month_axis(self) -> _Axis:
        months = self.months()
        labels = []
        for month in months:
            label = f"{MONTHS[month.month - 1]} {month.year}"
            if not self._whole(month, _months_after(month, 1)):
                label += " (part)"
            labels.append(label)
        return _Axis("Month", tuple(range(len(months))), tuple(labels))

    def quarter_axis(self) -> _Axis:
        quarters = self.quarters()
        labels = []
        for start in quarters:
            label = quarter_label(start)
            if not self._whole(start, _months_after(start, 3)):
                label += " (part)"
            labels.append(label)
        return _Axis("Quarter", tuple(range(len(quarters))), tuple(labels))

    def _whole(self, first: date, following: date) -> bool:
        return self.filters.start <= first and following - timedelta(days=1) <= self.filters.end


def _bucket(column, edges: Sequence) -> object:
    """Which of the periods between `edges` the value falls in (0, 1, …), as SQL: works for
    datetimes and dates alike, on SQLite and PostgreSQL."""
    return case(
        *[(column < edge, index) for index, edge in enumerate(edges[1:])],
        else_=len(edges) - 2,
    )


# Sources: what is counted, with its dimensions as SQL expressions -----------------------------


_NEED_TERM = aliased(TaxonomyTerm, name="need_term")
_PLACE = aliased(Area, name="place")


def _district_of(place) -> object:
    return case(
        (place.kind == AreaKind.NEIGHBOURHOOD, place.parent_id),
        (place.kind == AreaKind.DISTRICT, place.id),
        else_=None,
    )


def _neighbourhood_of(place) -> object:
    return case((place.kind == AreaKind.NEIGHBOURHOOD, place.id), else_=None)


def _need_of(scope: _Scope, term) -> object:
    """Top-level domain; with a domain chosen, the term itself (a sub-term or the domain)."""
    if scope.domain_id is None:
        return func.coalesce(term.parent_id, term.id)
    return term.id


def _in_scope_place(scope: _Scope, place) -> list:
    if scope.district_id is None:
        return []
    return [or_(place.id == scope.district_id, place.parent_id == scope.district_id)]


def _in_scope_need(scope: _Scope, term) -> list:
    if scope.domain_id is None:
        return []
    return [or_(term.id == scope.domain_id, term.parent_id == scope.domain_id)]


# A query closed without an answer (withdrawn, a duplicate) has no outcome worth counting.
_ANSWERED_OR_OPEN = ~and_(
    HelplineQuery.state == QueryState.CLOSED, HelplineQuery.answered_at.is_(None)
)


@dataclass(frozen=True)
class _Source:
    """A way of counting: `statement(columns)` selects the columns, one row per thing counted,
    joined and filtered; `dimensions` names each column a report may split by."""

    statement: Callable[[list], Select]
    dimensions: Mapping[str, object]

    def tally(self, *names: str) -> Counter:
        # Grouped in an outer query on the inner one's named columns: PostgreSQL will not group
        # by an expression holding bound parameters (the CASE of the month edges), as it cannot
        # tell that the one in GROUP BY is the one in SELECT.
        labels = [f"dimension_{index}" for index in range(len(names))]
        inner = self.statement(
            [self.dimensions[name].label(label) for name, label in zip(names, labels, strict=True)]
        ).subquery()
        keys = [inner.c[label] for label in labels]
        counts: Counter = Counter()
        for *key, count in db.session.execute(select(*keys, func.count()).group_by(*keys)):
            counts[tuple(key)] += count
        return counts


def _query_needs(scope: _Scope, *, outcome_filter) -> _Source:
    """Needs in helpline queries received in the period (not those closed without an answer)."""
    months, quarters = scope.months(), scope.quarters()
    received = HelplineQuery.received_at

    def statement(columns: list) -> Select:
        return (
            select(*columns, QueryNeed.id)
            .select_from(QueryNeed)
            .join(HelplineQuery, QueryNeed.query_id == HelplineQuery.id)
            .join(_NEED_TERM, QueryNeed.need_term_id == _NEED_TERM.id)
            .outerjoin(_PLACE, HelplineQuery.area_id == _PLACE.id)
            .outerjoin(UnmetNeed, QueryNeed.unmet_need_id == UnmetNeed.id)
            .where(
                received >= scope.utc_start,
                received < scope.utc_end,
                _ANSWERED_OR_OPEN,
                *outcome_filter,
                *_in_scope_place(scope, _PLACE),
                *_in_scope_need(scope, _NEED_TERM),
                *_specialty_is(scope, HelplineQuery.caller_specialty),
            )
        )

    return _Source(
        statement,
        {
            "need": _need_of(scope, _NEED_TERM),
            "district": _district_of(_PLACE),
            "neighbourhood": _neighbourhood_of(_PLACE),
            "specialty": HelplineQuery.caller_specialty,
            "age_band": HelplineQuery.age_band,
            "reason": UnmetNeed.reason,
            "outcome": QueryNeed.outcome,
            "month": _bucket(received, [scope.utc(m) for m in months] + [scope.utc_end]),
            "quarter": _bucket(received, [scope.utc(q) for q in quarters] + [scope.utc_end]),
        },
    )


def _specialty_is(scope: _Scope, column) -> list:
    return [] if scope.filters.specialty is None else [column == scope.filters.specialty]


def _unmet_logged_directly(scope: _Scope) -> _Source:
    """Unmet needs in the register that no query joined, by the day first seen."""
    first_seen = UnmetNeed.first_seen
    joined = exists().where(QueryNeed.unmet_need_id == UnmetNeed.id)
    end = scope.filters.end + timedelta(days=1)

    def statement(columns: list) -> Select:
        return (
            select(*columns, UnmetNeed.id)
            .select_from(UnmetNeed)
            .join(_NEED_TERM, UnmetNeed.need_term_id == _NEED_TERM.id)
            .outerjoin(_PLACE, UnmetNeed.area_id == _PLACE.id)
            .where(
                ~joined,
                # Left behind when a need's decision changed: not evidence of anything.
                func.coalesce(UnmetNeed.closed_reason, "") != RECORDED_IN_ERROR,
                first_seen >= scope.filters.start,
                first_seen < end,
                *_in_scope_place(scope, _PLACE),
                *_in_scope_need(scope, _NEED_TERM),
                *_specialty_is(scope, UnmetNeed.specialty),
            )
        )

    return _Source(
        statement,
        {
            "need": _need_of(scope, _NEED_TERM),
            "district": _district_of(_PLACE),
            "neighbourhood": _neighbourhood_of(_PLACE),
            "specialty": UnmetNeed.specialty,
            "age_band": UnmetNeed.age_band,
            "reason": UnmetNeed.reason,
            "month": _bucket(first_seen, [*scope.months(), end]),
            "quarter": _bucket(first_seen, [*scope.quarters(), end]),
        },
    )


def _unmet(scope: _Scope, *names: str) -> Counter:
    """Unmet needs (both kinds) split by `names`."""
    from_queries = _query_needs(scope, outcome_filter=[QueryNeed.outcome == NeedOutcome.UNMET])
    return from_queries.tally(*names) + _unmet_logged_directly(scope).tally(*names)


def _queries(scope: _Scope) -> _Source:
    """Helpline queries received in the period, whatever became of them."""
    received = HelplineQuery.received_at

    def statement(columns: list) -> Select:
        conditions = [
            received >= scope.utc_start,
            received < scope.utc_end,
            *_in_scope_place(scope, _PLACE),
            *_specialty_is(scope, HelplineQuery.caller_specialty),
        ]
        if scope.domain_id is not None:
            conditions.append(
                exists()
                .where(QueryNeed.query_id == HelplineQuery.id)
                .where(QueryNeed.need_term_id == _NEED_TERM.id)
                .where(*_in_scope_need(scope, _NEED_TERM))
                .correlate(HelplineQuery)
            )
        return (
            select(*columns, HelplineQuery.id)
            .select_from(HelplineQuery)
            .outerjoin(_PLACE, HelplineQuery.area_id == _PLACE.id)
            .where(*conditions)
        )

    return _Source(
        statement,
        {
            "specialty": HelplineQuery.caller_specialty,
            "month": _bucket(received, [scope.utc(m) for m in scope.months()] + [scope.utc_end]),
        },
    )


def _entries(scope: _Scope) -> _Source:
    """Other-needs entries created in the period."""
    created = OtherNeedsEntry.created_at

    def statement(columns: list) -> Select:
        return (
            select(*columns, OtherNeedsEntry.id)
            .select_from(OtherNeedsEntry)
            .join(_NEED_TERM, OtherNeedsEntry.need_term_id == _NEED_TERM.id)
            .outerjoin(_PLACE, OtherNeedsEntry.area_id == _PLACE.id)
            .where(
                created >= scope.utc_start,
                created < scope.utc_end,
                *_in_scope_place(scope, _PLACE),
                *_in_scope_need(scope, _NEED_TERM),
                *_specialty_is(scope, OtherNeedsEntry.specialty),
            )
        )

    return _Source(
        statement,
        {"need": _need_of(scope, _NEED_TERM), "level": OtherNeedsEntry.support_level},
    )


# Building tables -------------------------------------------------------------------------------


def _enum_axis(heading: str, members: Sequence, *, not_recorded: bool = True) -> _Axis:
    keys = tuple(members) + ((None,) if not_recorded else ())
    labels = tuple(m.label for m in members) + ((NOT_RECORDED,) if not_recorded else ())
    return _Axis(heading, keys, labels, optional=frozenset({None}) if not_recorded else frozenset())


def _single(title: str, column: str, axis: _Axis, counts: Counter, *, people: bool = True) -> Table:
    """One column of counts keyed (row key,)."""
    rows = [
        (label, [counts.get((key,), 0)])
        for key, label in zip(axis.keys, axis.labels, strict=True)
        if key not in axis.optional or counts.get((key,), 0)
    ]
    return Table.of(title, axis.heading, [column], rows, people=people)


def _cross(
    title: str, rows: _Axis, columns: _Axis, counts: Counter, *, every_row_and_column=False
) -> Table:
    """Counts keyed (row key, column key); optional rows and columns only when not empty,
    unless `every_row_and_column` (a table read beside another of the same shape)."""
    column_keys = [
        (key, label)
        for key, label in zip(columns.keys, columns.labels, strict=True)
        if every_row_and_column
        or key not in columns.optional
        or any(k[1] == key and v for k, v in counts.items())
    ]
    table_rows = []
    for row_key, row_label in zip(rows.keys, rows.labels, strict=True):
        values = [counts.get((row_key, key), 0) for key, _ in column_keys]
        if row_key in rows.optional and not any(values) and not every_row_and_column:
            continue
        table_rows.append((row_label, values))
    return Table.of(title, rows.heading, [label for _, label in column_keys], table_rows)


def _mapped(counts: Counter, position: int, mapping: Callable) -> Counter:
    """The counts with one key position mapped (e.g. unknown place → None)."""
    mapped: Counter = Counter()
    for key, value in counts.items():
        key = list(key)
        key[position] = mapping(key[position])
        mapped[tuple(key)] += value
    return mapped


UNMET_COUNTED = (
    "Each unmet need is counted once for every time it was found: a need in a helpline query "
    "that nothing in the directory met (dated by the day the query arrived), or an unmet need "
    "the helpline logged directly that no query has joined (dated by the day it was first "
    "seen). A person asked about twice counts twice. Queries closed without an answer are left "
    "out."
)
CONTROL = (
    "Counts are rounded to the nearest 5; * stands for a count too small to show safely, and a "
    "total is * when it would give one away."
)


def _unmet_by_domain_reason(scope: _Scope) -> Report:
    reasons = _enum_axis("Reason", list(UnmetReason))
    counts = _unmet(scope, "reason", "need")
    table = _cross("Unmet needs by reason and need", reasons, scope.needs, counts)
    return Report(
        "unmet-by-domain-reason",
        table,
        "bar",
        f"{UNMET_COUNTED} The reason is the one recorded on the unmet need in the register. "
        f"The chart shows the total for each reason. {CONTROL}",
    )


def _unmet_by_district(scope: _Scope) -> Report:
    counts = _unmet(scope, "district")
    table = _single("Unmet needs by district", "Unmet needs", scope.districts, counts)
    return Report(
        "unmet-by-district",
        table,
        "bar",
        f"{UNMET_COUNTED} The place is the query's (a neighbourhood counts in its district); "
        f"{ALL_OF_LLR} is needs recorded for the whole area or with no place. {CONTROL}",
    )


def _unmet_by_neighbourhood(scope: _Scope) -> Report:
    counts = _unmet(scope, "neighbourhood")
    known = set(scope.neighbourhoods.keys)
    counts = _mapped(counts, 0, lambda key: key if key in known else None)
    table = _single("Unmet needs by neighbourhood", "Unmet needs", scope.neighbourhoods, counts)
    return Report(
        "unmet-by-neighbourhood",
        table,
        "bar",
        f"{UNMET_COUNTED} Neighbourhoods are built from Primary Care Networks; nothing is "
        f"reported for a smaller area. Needs recorded only for a district, or with no place, are "
        f"counted together in the last row. Most neighbourhood figures are small, so many are *. "
        f"{CONTROL}",
    )


def _unmet_by_specialty_age(scope: _Scope) -> Report:
    specialties = _enum_axis("Specialty", _specialties(scope))
    ages = _enum_axis("Age group", list(AgeBand))
    counts = _unmet(scope, "specialty", "age_band")
    table = _cross("Unmet needs by specialty and age group", specialties, ages, counts)
    return Report(
        "unmet-by-specialty-age",
        table,
        "stacked",
        f"{UNMET_COUNTED} The specialty is the asking team's; the age group is the person's, as "
        f"the helpline recorded it. {CONTROL}",
    )


def _specialties(scope: _Scope) -> list[Specialty]:
    chosen = scope.filters.specialty
    return [chosen] if chosen else list(Specialty)


def _unmet_by_month(scope: _Scope) -> Report:
    counts = _unmet(scope, "month")
    table = _single("Unmet needs by month", "Unmet needs", scope.month_axis(), counts)
    return Report("unmet-by-month", table, "line", f"{UNMET_COUNTED} {CONTROL}")


def _unmet_by_quarter(scope: _Scope) -> Report:
    counts = _unmet(scope, "quarter")
    table = _single("Unmet needs by quarter", "Unmet needs", scope.quarter_axis(), counts)
    return Report(
        "unmet-by-quarter",
        table,
        "bar",
        f"{UNMET_COUNTED} A quarter the period only partly covers is marked (part). {CONTROL}",
    )


def _gap_unmet(scope: _Scope) -> Report:
    counts = _unmet(scope, "district", "need")
    table = _cross(
        "Unmet needs by district and need",
        scope.districts,
        scope.needs,
        counts,
        every_row_and_column=True,
    )
    return Report(
        "gap-unmet",
        table,
        "none",
        f"{UNMET_COUNTED} Read beside the published services for the same district and need. "
        f"{ALL_OF_LLR} is needs recorded for the whole area or with no place. {CONTROL}",
    )


def _gap_services(scope: _Scope) -> Report:
    return Report(
        "gap-services",
        _service_table(scope),
        "none",
        "Published directory entries (active or temporarily closed) as they are today, whatever "
        "the period, by the areas each says it serves: an entry serving all of LLR is counted in "
        "every district, and also in the All of LLR row; an entry for a neighbourhood counts in "
        "its district. A need counts its sub-needs. Totals count each entry once. These are "
        "counts of services, not people, so they are shown as they are. The specialty filter "
        "does not apply.",
    )


def _service_table(scope: _Scope) -> Table:
    """Published services per district × need: distinct entries, so totals are not sums."""
    term = aliased(TaxonomyTerm, name="service_term")
    served = aliased(Area, name="served")
    district = aliased(Area, name="district")
    need = _need_of(scope, term)
    serves = or_(
        district.id == served.id, district.id == served.parent_id, served.kind == AreaKind.REGION
    )
    base_conditions = [
        Service.publication == PublicationState.PUBLISHED,
        Service.status.in_(PUBLIC_STATUSES),
        district.kind == AreaKind.DISTRICT,
        term.taxonomy_id.in_(
            select(Taxonomy.id).where(Taxonomy.code == NEED_TAXONOMY).scalar_subquery()
        ),
        *_in_scope_need(scope, term),
    ]
    if scope.district_id is not None:
        base_conditions.append(district.id == scope.district_id)

    def distinct_services(*columns, region_only: bool = False) -> Counter:
        statement = (
            select(*columns, func.count(func.distinct(Service.id)))
            .select_from(Service)
            .join(service_taxonomy_term, service_taxonomy_term.c.service_id == Service.id)
            .join(term, term.id == service_taxonomy_term.c.taxonomy_term_id)
            .join(ServiceArea, ServiceArea.service_id == Service.id)
            .join(served, served.id == ServiceArea.area_id)
            .join(district, serves)
            .where(*base_conditions)
        )
        if region_only:
            statement = statement.where(served.kind == AreaKind.REGION)
        if columns:
            statement = statement.group_by(*columns)
        counts: Counter = Counter()
        for *keys, count in db.session.execute(statement):
            counts[tuple(keys)] += count
        return counts

    cells = distinct_services(district.id, need)
    row_totals = distinct_services(district.id)
    column_totals = distinct_services(need)
    grand_total = distinct_services()[()]
    region_cells = distinct_services(need, region_only=True)
    region_total = distinct_services(region_only=True)[()]

    # Every row and column, as in the unmet-needs table it is read beside.
    columns = list(zip(scope.needs.keys, scope.needs.labels, strict=True))
    rows = []
    for key, label in zip(scope.districts.keys, scope.districts.labels, strict=True):
        if key is None:
            values = [region_cells.get((k,), 0) for k, _ in columns]
            total = region_total
        else:
            values = [cells.get((key, k), 0) for k, _ in columns]
            total = row_totals.get((key,), 0)
        rows.append((label, values, total))
    # Table.of sums its rows: right for people, wrong for services an entry can sit in many
    # of. So the figures are laid out as Table.of would, with distinct totals.
    table = Table.of(
        "Published services by district and need",
        scope.districts.heading,
        [label for _, label in columns],
        [(label, values) for label, values, _ in rows],
        people=False,
    )
    return replace(
        table,
        rows=tuple(
            replace(row, total=str(total))
            for row, (_, _, total) in zip(table.rows, rows, strict=True)
        ),
        column_totals=tuple(str(column_totals.get((k,), 0)) for k, _ in columns),
        grand_total=str(grand_total),
    )


def _queries_by_month(scope: _Scope) -> Report:
    counts = _queries(scope).tally("month")
    table = _single("Helpline queries by month", "Queries", scope.month_axis(), counts)
    return Report(
        "queries-by-month",
        table,
        "line",
        "Every helpline query received in the period, by the day it arrived, however it was "
        "asked (in the app, by phone or by email) and whatever became of it. With a need "
        f"chosen, the queries with at least one need of that kind. {CONTROL}",
    )


def _query_outcomes(scope: _Scope) -> Report:
    source = _query_needs(scope, outcome_filter=[])
    counts = source.tally("outcome")
    axis = _Axis(
        "Outcome",
        (*NeedOutcome, None),
        (*(o.label for o in NeedOutcome), "Not decided yet"),
        optional=frozenset({None}),
    )
    table = _single("Needs in helpline queries by outcome", "Needs", axis, counts)
    return Report(
        "query-outcomes",
        table,
        "bar",
        "Each need in a helpline query received in the period, by how it ended: a query about "
        "two needs counts twice, once for each. Met by a new entry means the helpline found a "
        "service that was not yet in the directory and added it. Needs still being worked on "
        "are not decided yet. Queries closed without an answer are left out. " + CONTROL,
    )


def _queries_by_specialty(scope: _Scope) -> Report:
    counts = _queries(scope).tally("specialty")
    axis = _enum_axis("Caller's specialty", _specialties(scope))
    table = _single("Helpline queries by the caller's specialty", "Queries", axis, counts)
    return Report(
        "queries-by-specialty",
        table,
        "bar",
        "Every helpline query received in the period, by the specialty of the team that asked. "
        + CONTROL,
    )


def _entries_by_domain_level(scope: _Scope) -> Report:
    levels = _enum_axis("Support level", list(SupportLevel), not_recorded=False)
    counts = _entries(scope).tally("need", "level")
    table = _cross("Other-needs entries by need and support level", scope.needs, levels, counts)
    return Report(
        "entries-by-domain-level",
        table,
        "stacked",
        "Other-needs entries recorded in care plans in the period, by the day each was made, "
        "open or closed since. A person with two needs has two entries and counts twice. The "
        "support level is the trust's framework: advice and information, needing help, needing "
        f"more help. {CONTROL}",
    )


_BUILDERS: dict[str, Callable[[_Scope], Report]] = {
    "unmet-by-domain-reason": _unmet_by_domain_reason,
    "unmet-by-district": _unmet_by_district,
    "unmet-by-neighbourhood": _unmet_by_neighbourhood,
    "unmet-by-specialty-age": _unmet_by_specialty_age,
    "unmet-by-month": _unmet_by_month,
    "unmet-by-quarter": _unmet_by_quarter,
    "gap-services": _gap_services,
    "gap-unmet": _gap_unmet,
    "queries-by-month": _queries_by_month,
    "query-outcomes": _query_outcomes,
    "queries-by-specialty": _queries_by_specialty,
    "entries-by-domain-level": _entries_by_domain_level,
}
