"""The commissioners' dashboard: each report's chart beside its table, the filters in the URL,
and no count of people from 1 to 7 anywhere on the page."""

import re
from datetime import date

import pytest
from bs4 import BeautifulSoup

from knowledge.domain.disclosure import SUPPRESSED
from knowledge.models import Role
from knowledge.reports.figures import REPORT_KEYS, ReportFilters, report
from tests.conftest import parse

Q3 = ReportFilters(date(2026, 7, 1), date(2026, 9, 30))
GAP_KEYS = ("gap-services", "gap-unmet")
# Filters that leave small numbers about: one district, one need, one specialty, one day.
FILTER_CASES = [
    {},
    {"district": "rutland"},
    {"district": "leicester", "domain": "housing"},
    {"domain": "addiction", "specialty": "camhs"},
    {"start": "2026-10-01", "end": "2026-11-24"},
    {"start": "2026-08-04", "end": "2026-08-04", "district": "melton"},
    {"start": "2026-06-01", "end": "2026-11-30", "specialty": "mhsop"},
]


def page_for(client, **args) -> BeautifulSoup:
    response = client.get("/reports/", query_string=args)
    assert response.status_code == 200
    return parse(response)


def texts(cells) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in cells]


def shown_table(page: BeautifulSoup, key: str) -> dict:
    """A report's table as the page shows it."""
    table = page.select_one(f'table[data-report="{key}"]')
    header = texts(table.select("thead th"))
    body = table.select("tbody tr")
    *rows, totals = [texts(row.select("th, td")) for row in body]
    return {"header": header, "rows": rows, "totals": totals}


# The page ---------------------------------------------------------------------------------------


def test_the_dashboard_opens_on_the_last_complete_quarter(commissioner):
    page = page_for(commissioner)
    assert page.select_one("h1").text == "Unmet needs and helpline activity"
    keys, values = page.select(".ck-report-filters dt"), page.select(".ck-report-filters dd")
    summary = dict(zip(texts(keys), texts(values), strict=True))
    assert summary == {
        "Period": "1 July to 30 September 2026",
        "District": "All of LLR",
        "Need": "All needs",
        "Specialty": "All specialties",
    }
    assert page.select_one("#start")["value"] == "2026-07-01"
    assert page.select_one("#end")["value"] == "2026-09-30"
    current = page.select('a[aria-current="true"]')
    assert texts(current) == ["July to September 2026 (Q2 2026/27)"]
    for key in REPORT_KEYS:
        assert page.select_one(f"#{key}") is not None, key


def test_each_table_on_the_page_is_the_report(activity, commissioner):
    page = page_for(commissioner)
    for key in REPORT_KEYS:
        if key in GAP_KEYS:
            continue
        table = report(key, Q3).table
        shown = shown_table(page, key)
        several = len(table.columns) > 1
        assert shown["header"] == [table.row_heading, *table.columns] + (["Total"] * several)
        assert shown["rows"] == [
            [row.label, *row.cells] + ([row.total] * several) for row in table.rows
        ], key
        assert shown["totals"] == ["Total", *table.column_totals] + ([table.grand_total] * several)


def test_the_gap_view_puts_services_beside_unmet_needs(activity, commissioner):
    page = page_for(commissioner)
    for key in GAP_KEYS:
        table = report(key, Q3).table
        expected = [f for row in table.rows for f in (*row.cells, row.total)]
        expected += [*table.column_totals, table.grand_total]
        assert texts(page.select(f'td[data-report="{key}"]')) == expected
    rows = page.select(".ck-report-gap tbody")
    first = rows[0]
    assert first.select_one('th[scope="rowgroup"]').text == "Blaby"
    assert texts(first.select('th[scope="row"]')) == ["Published services", "Unmet needs"]


# Charts -----------------------------------------------------------------------------------------


def chart_figures(section) -> list[tuple[str, str]]:
    """(label, figure) for each mark the chart draws, from its tooltips."""
    marks = []
    for mark in section.select("svg g.app-chart-mark"):
        label, _, figure = mark.select_one("title").text.rpartition(": ")
        marks.append((label, figure))
    return marks


def table_figures(page, key: str, chart: str) -> list[tuple[str, str]]:
    shown = shown_table(page, key)
    columns = shown["header"][1:]
    if chart == "stacked":
        return [
            (f"{row[0]}, {column}", cell)
            for row in shown["rows"]
            for column, cell in zip(columns, row[1:], strict=False)
            if column != "Total"
        ]
    # One column: its figures; several: each row's total (the last figure).
    return [(row[0], row[-1]) for row in shown["rows"]]


@pytest.mark.parametrize("args", FILTER_CASES[:4])
def test_every_chart_draws_exactly_its_tables_figures(activity, commissioner, args):
    page = page_for(commissioner, **args)
    charts = 0
    for key in REPORT_KEYS:
        section = page.select_one(f"section#{key}")
        if section is None or section.select_one("svg") is None:
            continue
        charts += 1
        kind = report(key, Q3).chart
        drawn = chart_figures(section)
        assert drawn == table_figures(page, key, kind), key
        svg = section.select_one("svg")
        # What a sighted reader sees: the figure beside each bar or over each point; a stacked
        # bar's total beside it.
        visible = texts(svg.select("g.app-chart-mark text.app-chart-figure"))
        if kind == "bar":
            assert visible == [figure for _, figure in drawn], key
        elif kind == "line":
            # Over every point while there is room; a "*" always shows.
            assert visible == [figure for _, figure in drawn] or len(drawn) > 12, key
        if kind == "stacked":
            totals = texts(svg.select("text.app-chart-total"))
            assert totals == [row[-1] for row in shown_table(page, key)["rows"]], key
        for mark in svg.select("g.app-chart-mark"):
            suppressed = mark.select_one("title").text.endswith(f": {SUPPRESSED}")
            drawn_shape = mark.select_one("rect, circle") is not None
            assert not (suppressed and drawn_shape), (key, mark.select_one("title").text)
    assert charts >= 8


def test_charts_are_accessible_images_the_table_stands_in_for(commissioner):
    page = page_for(commissioner)
    svgs = page.select("main svg")
    assert svgs
    for svg in svgs:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.select_one(f"title#{title_id}").text
        assert "same figures" in svg.select_one(f"desc#{desc_id}").text
        assert svg.find("style") is None and svg.find("script") is None
        assert not svg.select("[style]")
    ids = [element["id"] for element in page.select("[id]")]
    assert len(ids) == len(set(ids)), "pattern and title ids are unique on the page"


# No small count anywhere ------------------------------------------------------------------------

# A number 1 to 7 standing alone: not part of "18 to 25", "Q2", "2026/27" or "10".
SMALL_COUNT = re.compile(r"(?<![\w/.,-])[1-7](?![\w/.,%-])")


def small_counts(page: BeautifulSoup) -> tuple[list[str], int]:
    """Every figure on the page that is a count from 1 to 7, and how many texts were read.
    Counts of services (the gap view's services) are not counts of people: left out."""
    found, read = [], 0
    main = page.select_one("main")
    services = 'td[data-report="gap-services"]'
    cells = [c for c in main.select("table th, table td") if not c.select_one(services)]
    cells = [
        c for c in cells if not c.has_attr("data-report") or c["data-report"] != "gap-services"
    ]
    pieces = cells + main.select("svg text, svg title, svg desc, .ck-report-headline__figure")
    for piece in pieces:
        text = piece.get_text(" ", strip=True)
        read += 1
        found += [f"{text!r} in <{piece.name}>"] if SMALL_COUNT.search(text) else []
    return found, read


def test_the_small_count_check_finds_what_it_must():
    page = BeautifulSoup(
        "<main><table><tr><th>Blaby</th><td>5</td><td>10</td><td>*</td></tr></table>"
        "<svg><g><title>Blaby: 3</title><text>18 to 25</text><text>Q2 2026/27</text></g>"
        "<text>7</text></svg>"
        '<table><tr><td data-report="gap-services">4</td></tr></table></main>',
        "html.parser",
    )
    found, read = small_counts(page)
    assert found == ["'5' in <td>", "'Blaby: 3' in <title>", "'7' in <text>"]
    assert read == 8


@pytest.mark.parametrize("args", FILTER_CASES)
def test_no_count_of_one_to_seven_is_visible(activity, commissioner, args):
    page = page_for(commissioner, **args)
    assert page.select_one(".nhsuk-error-summary") is None
    found, read = small_counts(page)
    assert found == []
    assert read > 100
    assert SUPPRESSED in texts(page.select("main td"))  # small counts were there, hidden


# Filters ----------------------------------------------------------------------------------------


def test_the_address_holds_the_filters(commissioner):
    args = {
        "start": "2026-06-01",
        "end": "2026-08-31",
        "district": "charnwood",
        "domain": "housing",
        "specialty": "ld",
    }
    page = page_for(commissioner, **args)
    assert page.select_one("#district option[selected]")["value"] == "charnwood"
    assert page.select_one("#domain option[selected]")["value"] == "housing"
    assert page.select_one("#specialty option[selected]")["value"] == "ld"
    assert page.select_one("#start")["value"] == "2026-06-01"
    assert texts(page.select(".ck-report-filters dd")) == [
        "1 June to 31 August 2026",
        "Charnwood",
        "Housing",
        "Learning disabilities (LD)",
    ]
    # No quarter is chosen; each shortcut keeps the place, need and specialty.
    assert page.select('a[aria-current="true"]') == []
    shortcut = page.find("a", string=re.compile(r"^July to September 2026"))
    assert shortcut["href"] == (
        "/reports/?start=2026-07-01&end=2026-09-30&district=charnwood&domain=housing&specialty=ld"
    )
    # The downloads carry the same filters.
    csv_link = page.find("a", string="CSV")
    assert "district=charnwood" in csv_link["href"] and "start=2026-06-01" in csv_link["href"]
    # Within one need, the figures are by its sub-needs.
    assert "Homelessness" in texts(page.select("table.ck-report-gap thead th"))


def test_wrong_filters_are_explained_and_the_form_shown_again(commissioner):
    response = commissioner.get(
        "/reports/", query_string={"start": "2026-02-30", "end": "2026-09-30", "district": "x"}
    )
    assert response.status_code == 200
    page = parse(response)
    assert page.select_one("title").text.startswith("Error:")
    summary = page.select_one(".nhsuk-error-summary")
    links = {a["href"]: a.get_text(strip=True) for a in summary.select("a")}
    assert links == {
        "#start": "Enter the start date as a real date, for example 1/7/2026",
        "#district": "Choose a district from the list",
    }
    assert page.select_one("#start")["value"] == "2026-02-30"  # as typed
    assert page.select_one("#end")["value"] == "2026-09-30"
    assert page.select(".nhsuk-form-group--error")
    assert page.select("section.ck-report") == [] and page.select("main svg") == []


def test_the_page_needs_no_inline_style_or_script(commissioner):
    response = commissioner.get("/reports/")
    html = response.get_data(as_text=True)
    assert "style=" not in html and "<style" not in html
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"


# Who sees it ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "linked"),
    [
        (Role.COMMISSIONER, True),
        (Role.HELPLINE, True),
        (Role.ADMIN, True),
        (Role.STAFF, False),
    ],
)
def test_staff_home_links_to_the_reports_for_those_who_may_read_them(
    client, login_as, role, linked
):
    login_as(role)
    home = parse(client.get("/staff"))
    assert bool(home.select('a[href="/reports/"]')) is linked
    assert client.get("/reports/").status_code == (200 if linked else 403)
