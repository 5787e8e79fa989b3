"""The commissioners' figures: what each report counts, the filters, and the periods."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import event

from knowledge.domain.disclosure import SUPPRESSED, controlled
from knowledge.extensions import db
from knowledge.models import (
    AgeBand,
    NeedOutcome,
    PublicationState,
    QueryNeed,
    QueryState,
    Specialty,
    SupportLevel,
    UnmetReason,
    UnmetState,
)
from knowledge.reports.figures import (
    QUARTERLY_SUMMARY_KEYS,
    REPORT_KEYS,
    ReportFilters,
    all_reports,
    last_complete_quarter,
    quarter_label,
    quarter_of,
    quarter_shortcuts,
    quarterly_unmet_summary,
    report,
)
from tests.factories import create_service
from tests.reports.conftest import add_entry, add_query, add_unmet

TODAY = date(2026, 11, 24)
Q3 = ReportFilters(date(2026, 7, 1), date(2026, 9, 30))
UNMET = NeedOutcome.UNMET


def rows(key: str, filters: ReportFilters = Q3) -> dict[str, tuple[str, ...]]:
    """Row label → its shown figures (cells, then the total when there are several)."""
    table = report(key, filters).table
    return {
        row.label: row.cells if len(row.cells) == 1 else (*row.cells, row.total)
        for row in table.rows
    }


def column(key: str, filters: ReportFilters = Q3) -> dict[str, str]:
    """Row label → its only figure, for one-column reports."""
    return {label: figures[0] for label, figures in rows(key, filters).items()}


def grand_total(key: str, filters: ReportFilters = Q3) -> str:
    return report(key, filters).table.grand_total


# Periods ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2026, 1, 1), (date(2026, 1, 1), date(2026, 3, 31))),
        (date(2026, 3, 31), (date(2026, 1, 1), date(2026, 3, 31))),
        (date(2026, 4, 1), (date(2026, 4, 1), date(2026, 6, 30))),
        (date(2026, 11, 24), (date(2026, 10, 1), date(2026, 12, 31))),
    ],
)
def test_quarter_of(day, quarter):
    assert quarter_of(day) == quarter


def test_last_complete_quarter():
    assert last_complete_quarter(TODAY) == (date(2026, 7, 1), date(2026, 9, 30))
    # On the first day of a quarter the one just ended is complete; across a new year too.
    assert last_complete_quarter(date(2026, 10, 1)) == (date(2026, 7, 1), date(2026, 9, 30))
    assert last_complete_quarter(date(2027, 2, 1)) == (date(2026, 10, 1), date(2026, 12, 31))


def test_quarter_labels_give_the_financial_year_quarter_too():
    assert quarter_label(date(2026, 7, 1)) == "July to September 2026 (Q2 2026/27)"
    assert quarter_label(date(2027, 1, 1)) == "January to March 2027 (Q4 2026/27)"
    assert quarter_label(date(2026, 4, 1)) == "April to June 2026 (Q1 2026/27)"


def test_quarter_shortcuts_are_this_quarter_so_far_then_four_before():
    shortcuts = quarter_shortcuts(TODAY)
    assert [(start, end) for _, start, end in shortcuts] == [
        (date(2026, 10, 1), TODAY),
        (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2025, 10, 1), date(2025, 12, 31)),
    ]
    assert shortcuts[0][0].startswith("This quarter so far")


# Filters ----------------------------------------------------------------------------------------


def test_no_filters_mean_the_last_complete_quarter_everywhere(app):
    filters, errors = ReportFilters.from_args({}, TODAY)
    assert errors == {}
    assert filters == Q3 == ReportFilters.default(TODAY)
    assert filters.describe() == [
        ("Period", "1 July to 30 September 2026"),
        ("District", "All of LLR"),
        ("Need", "All needs"),
        ("Specialty", "All specialties"),
    ]


def test_filters_go_through_the_url_and_back(app):
    filters = ReportFilters(
        date(2026, 6, 3), date(2026, 8, 31), "charnwood", "housing", Specialty.LD
    )
    assert filters.url_args() == {
        "start": "2026-06-03",
        "end": "2026-08-31",
        "district": "charnwood",
        "domain": "housing",
        "specialty": "ld",
    }
    assert ReportFilters.from_args(filters.url_args(), TODAY) == (filters, {})
    assert filters.describe() == [
        ("Period", "3 June to 31 August 2026"),
        ("District", "Charnwood"),
        ("Need", "Housing"),
        ("Specialty", "Learning disabilities (LD)"),
    ]
    assert Q3.url_args() == {"start": "2026-07-01", "end": "2026-09-30"}


def test_dates_may_be_typed_day_first(app):
    filters, errors = ReportFilters.from_args({"start": "1/7/2026", "end": " 30/09/2026 "}, TODAY)
    assert errors == {} and filters == Q3


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        ({"start": "2026-13-01"}, "start", "real date"),
        ({"start": "yesterday"}, "start", "real date"),
        ({"end": "31/2/2026"}, "end", "real date"),
        ({"start": "2026-09-30", "end": "2026-07-01"}, "end", "after the start date"),
        ({"start": "1999-12-31"}, "start", "or later"),
        ({"start": "2020-01-01", "end": "2026-09-30"}, "end", "5 years or less"),
        ({"district": "leicester-central"}, "district", "district from the list"),
        ({"district": "nowhere"}, "district", "district from the list"),
        ({"domain": "befriending"}, "domain", "need from the list"),
        ({"specialty": "surgery"}, "specialty", "specialty from the list"),
    ],
)
def test_wrong_filters_are_explained_and_left_at_their_defaults(app, args, field, message):
    filters, errors = ReportFilters.from_args(args, TODAY)
    assert list(errors) == [field] and message in errors[field]
    defaults = ReportFilters.default(TODAY)
    assert getattr(filters, field if field in ("district", "domain", "specialty") else "start") == (
        getattr(defaults, field if field in ("district", "domain", "specialty") else "start")
    )


def test_a_one_day_period(app):
    filters, errors = ReportFilters.from_args({"start": "2026-07-01", "end": "2026-07-01"}, TODAY)
    assert errors == {}
    assert filters.describe()[0] == ("Period", "1 July 2026")


# What an unmet need is ---------------------------------------------------------------------------


def test_unmet_needs_by_district_count_needs_and_respect_disclosure_control(app):
    for day in range(1, 10):  # nine in Leicester City, in three of its neighbourhoods
        place = ("leicester-central", "leicester-north-west", "leicester-east")[day % 3]
        add_query(datetime(2026, 7, day, 10), ("befriending", UNMET), place=place)
    for day in range(1, 4):  # three in Blaby
        add_query(datetime(2026, 8, day, 10), ("food-support", UNMET), place="blaby")
    add_query(datetime(2026, 8, 5, 10), ("befriending", UNMET), place=None)
    add_query(datetime(2026, 8, 5, 10), ("befriending", NeedOutcome.MET_EXISTING))
    db.session.commit()

    figures = column("unmet-by-district")
    assert figures["Leicester City"] == "10"  # 9
    assert figures["Blaby"] == SUPPRESSED  # 3
    assert figures["Charnwood"] == "0"
    assert figures["All of LLR"] == SUPPRESSED  # 1, no place
    assert grand_total("unmet-by-district") == "15"  # 13, from the unrounded counts


def test_every_unmet_report_counts_the_same_unmet_needs(app):
    for day in range(1, 29):
        add_query(
            datetime(2026, 7, day, 10),
            (("befriending", "food-support", "homelessness")[day % 3], UNMET),
            place=("leicester-central", "blaby-glenfield", "rutland", None)[day % 4],
            specialty=(Specialty.AMH, Specialty.LD, None)[day % 3],
            reason=(UnmetReason.COST, UnmetReason.CAPACITY)[day % 2],
        )
    add_unmet(date(2026, 8, 1))
    db.session.commit()
    unmet_keys = [k for k in REPORT_KEYS if k.startswith("unmet-") or k == "gap-unmet"]
    assert {grand_total(key) for key in unmet_keys} == {"30"}  # 29


def test_an_unmet_need_logged_directly_counts_once_by_the_day_first_seen(app):
    add_unmet(date(2026, 9, 30), "food-support", place="blaby-glenfield")
    add_unmet(date(2026, 10, 1), "food-support", place="blaby")  # after the period
    joined = add_unmet(date(2026, 7, 2), "food-support", place="blaby")
    query = add_query(datetime(2026, 7, 3, 10), ("food-support", UNMET), place="blaby")
    # The query joined the logged one: it is the query that counts, not the log as well.
    db.session.expunge(query.needs[0].unmet_need)
    query.needs[0].unmet_need = joined
    db.session.commit()

    counts = {
        key: n
        for key, n in column(
            "unmet-by-district", Q3.with_period(date(2026, 9, 30), date(2026, 9, 30))
        ).items()
    }
    assert counts == {
        "Blaby": SUPPRESSED,
        "Charnwood": "0",
        "Harborough": "0",
        "Hinckley and Bosworth": "0",
        "Leicester City": "0",
        "Melton": "0",
        "North West Leicestershire": "0",
        "Oadby and Wigston": "0",
        "Rutland": "0",
    }
    assert _raw_unmet_total() == 2  # the log on 30 September and the query: not the joined log


def _raw_unmet_total() -> int:
    from knowledge.reports.figures import _Scope, _unmet

    return sum(_unmet(_Scope.of(Q3), "district").values())


def test_queries_closed_without_an_answer_are_work_but_not_outcomes(app):
    for day in range(1, 11):
        add_query(
            datetime(2026, 7, day, 10),
            ("befriending", UNMET),
            state=QueryState.CLOSED,
            answered=False,
        )
    db.session.commit()
    assert grand_total("unmet-by-district") == "0"
    assert grand_total("query-outcomes") == "0"
    assert column("queries-by-month")["July 2026"] == "10"


def test_the_period_is_by_uk_date(app):
    # 00:30 on 1 July is 23:30 on 30 June in UTC; 00:30 on 1 October is 23:30 on 30 September.
    for _ in range(8):
        add_query(datetime(2026, 7, 1, 0, 30), ("befriending", UNMET))
        add_query(datetime(2026, 9, 30, 23, 30), ("befriending", UNMET))
        add_query(datetime(2026, 6, 30, 23, 30), ("befriending", UNMET))
        add_query(datetime(2026, 10, 1, 0, 30), ("befriending", UNMET))
    db.session.commit()
    assert column("unmet-by-month") == {
        "July 2026": "10",
        "August 2026": "0",
        "September 2026": "10",
    }
    assert column("unmet-by-quarter") == {"July to September 2026 (Q2 2026/27)": "15"}  # 16


def test_months_and_quarters_the_period_only_partly_covers_are_marked(app):
    filters = ReportFilters(date(2026, 6, 15), date(2026, 7, 31))
    assert list(column("unmet-by-month", filters)) == ["June 2026 (part)", "July 2026"]
    assert list(column("unmet-by-quarter", filters)) == [
        "April to June 2026 (Q1 2026/27) (part)",
        "July to September 2026 (Q2 2026/27) (part)",
    ]


def test_unmet_needs_by_reason_and_need(app):
    for day in range(1, 9):
        add_query(datetime(2026, 7, day, 10), ("benefits-advice", UNMET), reason=UnmetReason.COST)
        add_query(datetime(2026, 7, day, 11), ("debt-advice", UNMET), reason=UnmetReason.COST)
        add_query(datetime(2026, 7, day, 12), ("befriending", UNMET), reason=UnmetReason.TRANSPORT)
    db.session.commit()
    table = report("unmet-by-domain-reason", Q3).table
    assert table.row_heading == "Reason" and "Benefits and money" in table.columns
    figures = rows("unmet-by-domain-reason")
    money = table.columns.index("Benefits and money")
    loneliness = table.columns.index("Loneliness and isolation")
    assert figures["Cost"][money] == "15"  # 16: sub-terms count in their domain
    assert figures["Transport or distance"][loneliness] == "10"  # 8
    assert figures["No service exists in the area"][-1] == "0"


def test_a_need_without_a_recorded_reason_is_shown_as_not_recorded(app):
    for day in range(1, 9):
        query = add_query(datetime(2026, 7, day, 10), ("befriending", UNMET))
        unmet = query.needs[0].unmet_need
        query.needs[0].unmet_need = None
        db.session.expunge(unmet)
    db.session.commit()
    assert rows("unmet-by-domain-reason")["Not recorded"][-1] == "10"


def test_unmet_needs_by_specialty_and_age_group(app):
    for day in range(1, 13):
        add_query(
            datetime(2026, 8, day, 10),
            ("befriending", UNMET),
            specialty=Specialty.MHSOP,
            age_band=AgeBand.AGE_65_PLUS,
        )
    add_query(datetime(2026, 8, 20, 10), ("befriending", UNMET), specialty=None, age_band=None)
    db.session.commit()
    table = report("unmet-by-specialty-age", Q3).table
    assert table.columns[-1] == "Not recorded"
    figures = rows("unmet-by-specialty-age")
    assert figures["Older people (MHSOP)"][table.columns.index("65 and over")] == "10"  # 12
    assert figures["Not recorded"][-1] == SUPPRESSED
    assert figures["Adult mental health (AMH)"] == ("0",) * (len(table.columns) + 1)


def test_not_recorded_rows_appear_only_when_something_is_counted_there(app):
    table = report("unmet-by-specialty-age", Q3).table
    assert [row.label for row in table.rows] == [s.label for s in Specialty]
    assert "Not recorded" not in table.columns
    assert "All of LLR" not in column("unmet-by-district")


def test_neighbourhoods_are_the_finest_place(app):
    for _ in range(9):
        add_query(datetime(2026, 7, 9, 10), ("befriending", UNMET), place="leicester-central")
    add_query(datetime(2026, 7, 9, 10), ("befriending", UNMET), place="leicester")
    db.session.commit()
    figures = column("unmet-by-neighbourhood")
    assert figures["Central Leicester (Leicester City)"] == "10"
    assert figures["No neighbourhood recorded"] == SUPPRESSED
    in_leicester = column("unmet-by-neighbourhood", replace(Q3, district="leicester"))
    assert in_leicester["Central Leicester"] == "10"
    assert in_leicester["Not recorded below district"] == SUPPRESSED
    assert not any("Blaby" in label for label in in_leicester)


# Filters on the figures ------------------------------------------------------------------------


def test_the_district_filter_counts_its_neighbourhoods_and_itself_only(app):
    for _ in range(8):
        add_query(datetime(2026, 7, 9, 10), ("befriending", UNMET), place="charnwood-loughborough")
        add_query(datetime(2026, 7, 9, 10), ("befriending", UNMET), place="charnwood")
        add_query(datetime(2026, 7, 9, 10), ("befriending", UNMET), place="blaby")
        add_query(datetime(2026, 7, 9, 10), ("befriending", UNMET), place=None)
    db.session.commit()
    filters = replace(Q3, district="charnwood")
    assert column("unmet-by-district", filters) == {"Charnwood": "15"}  # 16
    assert column("queries-by-month", filters)["July 2026"] == "15"


def test_the_need_filter_counts_its_sub_needs_and_splits_by_them(app):
    for _ in range(8):
        add_query(datetime(2026, 7, 9, 10), ("homelessness", UNMET))
        add_query(datetime(2026, 7, 9, 10), ("housing", UNMET))
        add_query(datetime(2026, 7, 9, 10), ("befriending", UNMET))
    db.session.commit()
    filters = ReportFilters(Q3.start, Q3.end, domain="housing")
    table = report("gap-unmet", filters).table
    assert table.columns == (
        "Homelessness",
        "Housing advice",
        "Tenancy support",
        "Housing (not more specific)",
    )
    assert table.grand_total == "15"  # 16: no befriending
    assert column("queries-by-month", filters)["July 2026"] == "15"


def test_the_specialty_filter(app):
    for _ in range(8):
        add_query(datetime(2026, 7, 9, 10), ("befriending", UNMET), specialty=Specialty.CAMHS)
        add_query(datetime(2026, 7, 9, 10), ("befriending", UNMET), specialty=Specialty.AMH)
    add_entry(datetime(2026, 7, 9, 10), specialty=Specialty.AMH)
    db.session.commit()
    filters = ReportFilters(Q3.start, Q3.end, specialty=Specialty.CAMHS)
    assert grand_total("unmet-by-district", filters) == "10"
    assert column("queries-by-specialty", filters) == {"Children and young people (CAMHS)": "10"}
    assert grand_total("entries-by-domain-level", filters) == "0"


# Helpline activity and other-needs entries -----------------------------------------------------


def test_outcomes_are_counted_per_need(app):
    for _ in range(8):
        add_query(
            datetime(2026, 7, 9, 10),
            ("befriending", NeedOutcome.MET_EXISTING),
            ("food-support", NeedOutcome.PARTLY_MET),
        )
        add_query(datetime(2026, 7, 9, 10), ("befriending", None), state=QueryState.IN_PROGRESS)
    db.session.commit()
    assert column("query-outcomes") == {
        "Met by an existing entry": "10",
        "Met by a new entry": "0",
        "Partly met": "10",
        "Unmet": "0",
        "Not decided yet": "10",
    }
    assert grand_total("query-outcomes") == "25"  # 24 needs
    assert grand_total("queries-by-month") == "15"  # 16 queries


def test_other_needs_entries_by_need_and_support_level(app):
    for _ in range(8):
        add_entry(datetime(2026, 8, 1, 9), "benefits-advice", level=SupportLevel.NEEDING_HELP)
    add_entry(datetime(2026, 8, 1, 9), "housing", level=SupportLevel.NEEDING_MORE_HELP)
    add_entry(datetime(2026, 10, 1, 9), "housing")  # after the period
    db.session.commit()
    figures = rows("entries-by-domain-level")
    assert figures["Benefits and money"] == ("0", "10", "0", "10")
    assert figures["Housing"] == ("0", "0", SUPPRESSED, SUPPRESSED)


def test_published_services_are_counted_exactly_and_once(app):
    create_service(terms=("befriending",), areas=("llr",), name="Across LLR")
    create_service(terms=("befriending", "food-support"), areas=("blaby-glenfield",), name="Blaby")
    create_service(terms=("befriending",), areas=("blaby", "charnwood"), name="Two districts")
    create_service(
        terms=("befriending",), areas=("blaby",), name="Draft", publication=PublicationState.DRAFT
    )
    table = report("gap-services", Q3).table
    assert not table.controlled
    figures = rows("gap-services")
    loneliness = table.columns.index("Loneliness and isolation")
    money = table.columns.index("Benefits and money")
    assert figures["Blaby"][loneliness] == "3"  # shown as it is: services are not people
    assert figures["Blaby"][money] == "1"
    assert figures["Blaby"][-1] == "3"  # three entries, not four tags
    assert figures["Rutland"][loneliness] == "1"  # the LLR-wide one
    assert figures["All of LLR"][loneliness] == "1"
    assert table.column_totals[loneliness] == "3"
    assert table.grand_total == "3"


def test_the_gap_tables_have_the_same_rows_and_columns(app):
    for filters in (
        Q3,
        replace(Q3, district="melton"),
        ReportFilters(Q3.start, Q3.end, domain="addiction"),
    ):
        services, unmet = report("gap-services", filters).table, report("gap-unmet", filters).table
        assert services.columns == unmet.columns
        assert [r.label for r in services.rows] == [r.label for r in unmet.rows]


# Shape and cost --------------------------------------------------------------------------------


def test_every_report_in_order_and_the_quarterly_set(app):
    assert [r.key for r in all_reports(Q3)] == list(REPORT_KEYS)
    assert [r.key for r in quarterly_unmet_summary(Q3)] == list(QUARTERLY_SUMMARY_KEYS)
    for item in all_reports(Q3):
        assert item.chart in ("bar", "stacked", "line", "none")
        assert item.note and item.title == item.table.title
    with pytest.raises(KeyError):
        report("everything", Q3)


def count_statements(filters: ReportFilters) -> int:
    statements = []
    engine = db.engine

    def seen(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        all_reports(filters)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    return len(statements)


def test_the_figures_are_aggregated_in_sql_not_row_by_row(app):
    add_query(datetime(2026, 7, 9, 10), ("befriending", UNMET))
    db.session.commit()
    few = count_statements(Q3)
    for day in range(1, 29):
        add_query(datetime(2026, 8, day, 10), ("befriending", UNMET), ("housing", UNMET))
        add_entry(datetime(2026, 8, day, 10))
    db.session.commit()
    assert count_statements(Q3) == few


# The demo activity ------------------------------------------------------------------------------


def test_the_demo_activity_gives_every_report_figures(activity):
    reports = all_reports(ReportFilters.default(TODAY))
    for item in reports:
        assert item.table.rows, item.key
        for figure in _figures(item.table):
            assert (
                figure == SUPPRESSED
                or controlled(int(figure)) == int(figure)
                or (not item.table.controlled)
            ), (item.key, figure)
    by_key = {r.key: r for r in reports}
    assert by_key["unmet-by-district"].table.grand_total not in ("0", SUPPRESSED)
    assert by_key["queries-by-month"].table.grand_total not in ("0", SUPPRESSED)
    unmet_keys = [k for k in REPORT_KEYS if k.startswith("unmet-") or k == "gap-unmet"]
    assert len({by_key[k].table.grand_total for k in unmet_keys}) == 1


def test_the_demo_figures_match_a_count_of_the_rows(activity):
    """One figure checked the slow way, from the rows themselves."""
    from knowledge.clock import uk_day as local_date
    from knowledge.models import HelplineQuery

    needs = db.session.query(QueryNeed).join(HelplineQuery).all()
    unmet = [
        n
        for n in needs
        if n.outcome is UNMET
        and Q3.start <= local_date(n.query.received_at) <= Q3.end
        and not (n.query.state is QueryState.CLOSED and n.query.answered_at is None)
    ]
    assert report("query-outcomes", Q3).table.rows[3].cells[0] == (
        SUPPRESSED if 0 < len(unmet) < 8 else str(controlled(len(unmet)))
    )


def _figures(table) -> list[str]:
    figures = [table.grand_total, *table.column_totals]
    for row in table.rows:
        figures.extend([*row.cells, row.total])
    return figures


def test_an_unmet_need_recorded_in_error_is_not_counted(app):
    from knowledge.helpline.unmet import RECORDED_IN_ERROR

    kept = add_unmet(date(2026, 8, 3), "food-support", place="blaby")
    mistaken = add_unmet(date(2026, 8, 4), "food-support", place="blaby")
    kept.state = UnmetState.CLOSED
    kept.closed_reason = "Funding found for a new service"
    mistaken.state = UnmetState.CLOSED
    mistaken.closed_reason = RECORDED_IN_ERROR
    db.session.commit()
    assert _raw_unmet_total() == 1
