"""Downloads of the commissioners' figures: they parse, hold the same figures as the dashboard,
never show a count of 1 to 7, explain their method, and are audited."""

import csv
import io
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from zipfile import ZipFile
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from knowledge.domain.disclosure import SUPPRESSED
from knowledge.extensions import db
from knowledge.models import (
    AuditEvent,
    HelplineQuery,
    OtherNeedsEntry,
    QueryNeed,
    Role,
    Specialty,
    TaxonomyTerm,
    UnmetNeed,
)
from knowledge.reports import downloads
from knowledge.reports.figures import (
    QUARTERLY_SUMMARY_KEYS,
    REPORT_KEYS,
    ReportFilters,
    all_reports,
    describe_period,
    district_names,
    quarterly_unmet_summary,
    report,
)
from tests.conftest import FIXED_NOW, PASSWORDS, parse, sign_in

LAST_QUARTER = ReportFilters(date(2026, 7, 1), date(2026, 9, 30))
# The period as the dashboard words it ("1 July to 30 September 2026").
Q3_PERIOD = describe_period(date(2026, 7, 1), date(2026, 9, 30))
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SMALL_COUNTS = {str(n) for n in range(1, 8)}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DOWNLOADS = (
    "/reports/download.csv",
    "/reports/download.xlsx",
    "/reports/print",
    "/reports/quarterly.csv",
    "/reports/quarterly.xlsx",
)


@pytest.fixture(scope="module")
def reports_app(activity_app):
    """The demo directory and six months of demo activity up to the fixed clock, with an account
    per role (tests/reports/conftest.py)."""
    return activity_app


@pytest.fixture(scope="module")
def clients(reports_app):
    signed_in = {}
    for role in (Role.COMMISSIONER, Role.HELPLINE, Role.ADMIN, Role.STAFF):
        client = reports_app.test_client()
        assert sign_in(client, f"{role.value}@example.org", PASSWORDS[role]).status_code == 302
        signed_in[role] = client
    return signed_in


@pytest.fixture
def commissioner(clients):
    return clients[Role.COMMISSIONER]


@pytest.fixture
def context(reports_app):
    with reports_app.app_context():
        yield
        db.session.remove()


# Reading the files -----------------------------------------------------------------------------


def csv_lines(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(text[1:])))


def csv_blocks(lines: list[list[str]]) -> dict[str, list[list[str]]]:
    """Each report's block, by title: its lines after the title, up to the blank line."""
    blocks: dict[str, list[list[str]]] = {}
    chunks: list[list[list[str]]] = [[]]
    for line in lines:
        if line:
            chunks[-1].append(line)
        else:
            chunks.append([])
    for chunk in chunks[1:]:
        blocks[chunk[0][0]] = chunk[1:]
    return blocks


def csv_table(block: list[list[str]]) -> list[list[str]]:
    """The table in a report's block: what follows the "What is counted" line."""
    labels = [line[0] for line in block]
    return block[labels.index("What is counted") + 1 :]


def workbook(response):
    assert response.status_code == 200
    assert response.mimetype == XLSX_TYPE
    return load_workbook(io.BytesIO(response.data))


def sheet_rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def sheet_table(sheet) -> list[list]:
    """The table on a report's sheet: from its bold header row (the one the panes freeze
    under) to the end."""
    header_row = sheet[sheet.freeze_panes].row - 1
    width = sum(1 for cell in sheet[header_row] if cell.value is not None)
    return [
        list(row) for row in sheet.iter_rows(min_row=header_row, max_col=width, values_only=True)
    ]


def expected_lines(table) -> list[list[str]]:
    """A table as the dashboard shows it: heading and columns, rows with totals, then totals.
    A one-column table has no total column: each row's total is its only figure."""
    if len(table.columns) == 1:
        return [
            [table.row_heading, *table.columns],
            *([row.label, *row.cells] for row in table.rows),
            ["Total", *table.column_totals],
        ]
    return [
        [table.row_heading, *table.columns, "Total"],
        *([row.label, *row.cells, row.total] for row in table.rows),
        ["Total", *table.column_totals, table.grand_total],
    ]


def as_spreadsheet(lines: list[list[str]]) -> list[list]:
    """Shown figures as the workbook holds them: numbers as numbers, "*" as text."""
    return [
        line if index == 0 else [line[0], *(int(f) if f.isdigit() else f for f in line[1:])]
        for index, line in enumerate(lines)
    ]


def small_counts_in(values) -> list:
    return [
        v
        for v in values
        if (isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 7)
        or (isinstance(v, str) and v.strip() in SMALL_COUNTS)
    ]


def filter_query(filters: ReportFilters) -> str:
    return "&".join(f"{k}={v}" for k, v in filters.url_args().items())


def cell_text(book) -> str:
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


# The same figures as the dashboard -------------------------------------------------------------


def test_the_csv_holds_every_report_with_the_dashboards_figures(commissioner, context):
    lines = csv_lines(commissioner.get(f"/reports/download.csv?{filter_query(LAST_QUARTER)}"))
    blocks = csv_blocks(lines)
    expected = all_reports(LAST_QUARTER)
    assert list(blocks) == [r.title for r in expected]
    for shown in expected:
        block = blocks[shown.title]
        assert block[:4] == [
            ["Period", Q3_PERIOD],
            ["District", "All of LLR"],
            ["Need", "All needs"],
            ["Specialty", "All specialties"],
        ]
        assert ["What is counted", shown.note] in block
        assert csv_table(block) == expected_lines(shown.table), shown.key


def test_the_files_hold_the_figures_on_the_dashboard_page(commissioner, context):
    """Against the rendered dashboard, not only the functions behind it: every figure cell of
    every report, in order, and every row label."""
    query = filter_query(LAST_QUARTER)
    page = parse(commissioner.get(f"/reports/?{query}"))
    blocks = csv_blocks(csv_lines(commissioner.get(f"/reports/download.csv?{query}")))
    book = workbook(commissioner.get(f"/reports/download.xlsx?{query}"))
    sheets = {sheet["A1"].value: sheet for sheet in book.worksheets[1:]}
    for shown in all_reports(LAST_QUARTER):
        table = page.select_one(f'table[data-report="{shown.key}"]')
        if table is not None:
            on_screen = [td.get_text(strip=True) for td in table.select("td")]
            labels = [th.get_text(strip=True) for th in table.select("th[scope=row]")]
        else:  # the gap view: both reports in one table, each cell marked with its report
            on_screen = [
                td.get_text(strip=True) for td in page.select(f'td[data-report="{shown.key}"]')
            ]
            labels = None
        assert on_screen, shown.key
        in_csv = csv_table(blocks[shown.title])[1:]
        assert [cell for line in in_csv for cell in line[1:]] == on_screen, shown.key
        if labels is not None:
            assert [line[0] for line in in_csv] == labels, shown.key
        in_xlsx = sheet_table(sheets[shown.title])[1:]
        assert [str(cell) for line in in_xlsx for cell in line[1:]] == on_screen, shown.key


@pytest.mark.parametrize("key", REPORT_KEYS)
def test_one_report_as_csv(commissioner, context, key):
    response = commissioner.get(f"/reports/download.csv?report={key}&district=leicester")
    filters = ReportFilters(date(2026, 7, 1), date(2026, 9, 30), district="leicester")
    shown = report(key, filters)
    blocks = csv_blocks(csv_lines(response))
    assert list(blocks) == [shown.title]
    assert ["District", "Leicester City"] in blocks[shown.title]
    assert csv_table(blocks[shown.title]) == expected_lines(shown.table)
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="{key}-2026-07-01-to-2026-09-30-leicester.csv"'
    )


def test_the_workbook_has_a_sheet_per_report_with_the_dashboards_figures(commissioner, context):
    filters = ReportFilters(date(2026, 6, 1), date(2026, 11, 24), domain="housing")
    response = commissioner.get(f"/reports/download.xlsx?{filter_query(filters)}")
    book = workbook(response)
    expected = all_reports(filters)
    assert book.sheetnames[0] == "About these figures"
    assert len(book.sheetnames) == len(expected) + 1
    for shown, sheet in zip(expected, book.worksheets[1:], strict=True):
        assert sheet["A1"].value == shown.title
        assert sheet_table(sheet) == as_spreadsheet(expected_lines(shown.table)), shown.key


def test_the_workbook_is_laid_out_for_reading(commissioner, context):
    book = workbook(commissioner.get("/reports/download.xlsx"))
    names = book.sheetnames
    assert len(names) == len({n.casefold() for n in names})
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)
    numbers = stars = 0
    for sheet in book.worksheets[1:]:
        # Under the title, the filters and the note: the header row, frozen with the labels.
        assert sheet.freeze_panes == "B6"
        header = [cell for cell in sheet[5] if cell.value is not None]
        assert header and all(cell.font.bold for cell in header)
        assert all(cell.font.bold for cell in sheet[sheet.max_row] if cell.value is not None)
        for row in sheet.iter_rows(min_row=6, min_col=2, max_col=len(header)):
            for cell in row:
                if cell.value == SUPPRESSED:
                    assert cell.data_type == "s"
                    stars += 1
                else:
                    assert isinstance(cell.value, int), (sheet.title, cell.coordinate)
                    assert cell.data_type == "n"
                    numbers += 1
        for cell in header:
            width = sheet.column_dimensions[cell.column_letter].width
            assert 10 <= width <= 42, (sheet.title, cell.column_letter)
    assert numbers and stars


def test_the_same_figures_give_the_same_file(commissioner, context):
    first = commissioner.get("/reports/download.xlsx").data
    second = commissioner.get("/reports/download.xlsx").data
    assert first == second
    book = load_workbook(io.BytesIO(first))
    produced = FIXED_NOW.replace(tzinfo=ZoneInfo("Europe/London")).astimezone(UTC)
    assert book.properties.created == produced.replace(tzinfo=None)
    assert book.properties.modified == produced.replace(tzinfo=None)
    # Every entry carries that moment, worksheets included (openpyxl writes those from
    # temporary files): two downloads a second apart are still byte-identical.
    with ZipFile(io.BytesIO(first)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {FIXED_NOW.timetuple()[:6]}


# The method sheet ------------------------------------------------------------------------------


def test_the_method_sheet_names_the_period_filters_rules_and_service(commissioner, context):
    filters = ReportFilters(date(2026, 4, 1), date(2026, 9, 30), district="rutland")
    book = workbook(commissioner.get(f"/reports/download.xlsx?{filter_query(filters)}"))
    about = {row[0]: row[1] for row in sheet_rows(book["About these figures"]) if row[0]}
    assert about["Period"] == describe_period(date(2026, 4, 1), date(2026, 9, 30))
    assert about["District"] == "Rutland"
    assert about["Need"] == "All needs"
    assert about["Specialty"] == "All specialties"
    assert about["Produced"] == "24 November 2026 at 7:30pm (UK time)"
    assert about["Produced by"] == downloads.PRODUCED_BY
    rules = cell_text(book)
    for rule in ("0 stays 0.", "1 to 7 is shown as *.", "rounded to the nearest 5"):
        assert rule in rules
    assert "computed from the unrounded figures and then rounded" in rules
    assert "Percentages are computed from the rounded figures" in rules
    assert "Secondary suppression" in rules
    # What each sheet counts, in the report's own words.
    for shown, name in zip(all_reports(filters), book.sheetnames[1:], strict=True):
        assert shown.note in about[name]
    # By which service, not by whom.
    assert "commissioner@example.org" not in rules
    assert "Test Commissioner" not in rules


# Disclosure control in every file --------------------------------------------------------------


def _filter_sets():
    yield LAST_QUARTER
    yield ReportFilters(date(2026, 5, 1), date(2026, 11, 24))
    yield ReportFilters(date(2026, 7, 1), date(2026, 9, 30), specialty=Specialty.CAMHS)
    yield ReportFilters(date(2026, 10, 1), date(2026, 10, 31), domain="benefits-and-money")
    for district in ("leicester", "rutland", "melton", "charnwood"):
        yield ReportFilters(date(2026, 6, 1), date(2026, 11, 24), district=district)


def test_no_count_of_1_to_7_in_any_file(commissioner, context):
    """Every cell of every file, for periods and filters that make small counts. Counts of
    services (not people, so not controlled) are the one exception, and only their figures."""
    services = {r.title for r in all_reports(LAST_QUARTER) if not r.table.controlled}
    assert services == {"Published services by district and need"}
    stars = 0
    for filters in _filter_sets():
        query = filter_query(filters)
        lines = csv_lines(commissioner.get(f"/reports/download.csv?{query}"))
        title = None
        for line in lines:
            if not line:
                title = None
                continue
            title = title or line[0]
            cells = line if title not in services else line[:1]
            assert small_counts_in(cells) == [], (filters, line)
            stars += line.count(SUPPRESSED)

        book = workbook(commissioner.get(f"/reports/download.xlsx?{query}"))
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = row if sheet["A1"].value not in services else row[:1]
                assert small_counts_in(cells) == [], (filters, sheet.title, row)

        page = parse(commissioner.get(f"/reports/print?{query}"))
        for section in page.select(".ck-report-print__report"):
            if section.select_one("h2").get_text(strip=True) in services:
                continue
            cells = [c.get_text(strip=True) for c in section.select("table th, table td")]
            assert small_counts_in(cells) == [], (filters, section["id"])
    assert stars > 0, "the filters chosen must make some counts small enough to hide"


@pytest.mark.parametrize("path", ["/reports/quarterly.csv", "/reports/quarterly.xlsx"])
def test_no_count_of_1_to_7_in_the_quarterly_summary(commissioner, context, path):
    for district in (None, *district_names()):
        response = commissioner.get(path + (f"?district={district}" if district else ""))
        if path.endswith(".csv"):
            title = None
            for line in csv_lines(response):
                title = (title or line[0]) if line else None
                if line and title != "Published services by district and need":
                    assert small_counts_in(line) == [], (district, line)
        else:
            for sheet in workbook(response).worksheets:
                if sheet["A1"].value == "Published services by district and need":
                    continue
                for row in sheet.iter_rows(values_only=True):
                    assert small_counts_in(row) == [], (district, sheet.title, row)


def test_no_free_text_and_no_pseudonyms(commissioner, context):
    words = [
        *db.session.scalars(select(HelplineQuery.question)),
        *db.session.scalars(select(QueryNeed.description)),
        *db.session.scalars(select(OtherNeedsEntry.description)),
        *db.session.scalars(select(UnmetNeed.description)),
    ]
    pseudonyms = [
        *db.session.scalars(select(OtherNeedsEntry.person_pseudonym)),
        *db.session.scalars(
            select(HelplineQuery.person_pseudonym).where(
                HelplineQuery.person_pseudonym.is_not(None)
            )
        ),
    ]
    secrets = {text for text in [*words, *pseudonyms] if text and len(text) > 20}
    assert len(secrets) > 100
    period = "start=2026-05-01&end=2026-11-24"
    csv_text = commissioner.get(f"/reports/download.csv?{period}").get_data(as_text=True)
    xlsx_text = cell_text(workbook(commissioner.get(f"/reports/download.xlsx?{period}")))
    print_text = commissioner.get(f"/reports/print?{period}").get_data(as_text=True)
    for text in (csv_text, xlsx_text, print_text):
        assert [s for s in secrets if s in text] == []


# The quarterly summary -------------------------------------------------------------------------


def test_the_quarterly_summary_is_the_last_complete_quarter_by_default(commissioner, context):
    response = commissioner.get("/reports/quarterly.xlsx")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="unmet-needs-2026-Q3.xlsx"'
    )
    book = workbook(response)
    about = {row[0]: row[1] for row in sheet_rows(book["About these figures"]) if row[0]}
    assert about["Quarter"].startswith("July to September 2026")
    assert about["Period"] == Q3_PERIOD
    assert book["About these figures"]["A1"].value.startswith("Unmet needs: quarterly summary")
    expected = quarterly_unmet_summary(LAST_QUARTER)
    assert [r.key for r in expected] == list(QUARTERLY_SUMMARY_KEYS)
    for shown, sheet in zip(expected, book.worksheets[1:], strict=True):
        assert sheet_table(sheet) == as_spreadsheet(expected_lines(shown.table)), shown.key


def test_the_quarterly_summary_as_csv(commissioner, context):
    response = commissioner.get("/reports/quarterly.csv")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="unmet-needs-2026-Q3.csv"'
    )
    lines = csv_lines(response)
    assert lines[0][0].startswith("Unmet needs: quarterly summary, July to September 2026")
    blocks = csv_blocks(lines)
    for shown in quarterly_unmet_summary(LAST_QUARTER):
        assert ["Period", Q3_PERIOD] in blocks[shown.title]
        assert csv_table(blocks[shown.title]) == expected_lines(shown.table)


def test_an_earlier_quarter_and_a_district(commissioner, context):
    response = commissioner.get("/reports/quarterly.xlsx?quarter=2026-Q2&district=rutland")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="unmet-needs-2026-Q2-rutland.xlsx"'
    )
    about = {r[0]: r[1] for r in sheet_rows(workbook(response)["About these figures"]) if r[0]}
    assert about["Period"] == describe_period(date(2026, 4, 1), date(2026, 6, 30))
    assert about["District"] == "Rutland"


@pytest.mark.parametrize("quarter", ["2026-Q4", "2027-Q1", "2019-Q4", "2026-Q5", "Q3", "2026-07"])
def test_a_quarter_not_over_or_not_a_quarter_is_not_found(commissioner, quarter):
    assert commissioner.get(f"/reports/quarterly.xlsx?quarter={quarter}").status_code == 404
    assert commissioner.get(f"/reports/quarterly.csv?quarter={quarter}").status_code == 404


def test_quarter_names():
    assert downloads.quarter_name(date(2026, 7, 1)) == "2026-Q3"
    assert downloads.parse_quarter("2026-q3", date(2026, 11, 24)) == (
        date(2026, 7, 1),
        date(2026, 9, 30),
    )
    assert downloads.parse_quarter("2026-Q3", date(2026, 9, 30)) is None
    assert downloads.parse_quarter("2026-Q3", date(2026, 10, 1)) is not None


# The printable page ----------------------------------------------------------------------------


def test_the_printable_page_has_the_period_filters_method_and_every_table(commissioner, context):
    response = commissioner.get(f"/reports/print?{filter_query(LAST_QUARTER)}")
    assert response.status_code == 200
    page = parse(response)
    assert Q3_PERIOD in page.select_one("title").text
    assert Q3_PERIOD in page.select_one("h1").text
    about = page.select_one(".ck-report-print__about").get_text(" ", strip=True)
    for label, value in LAST_QUARTER.describe():
        assert label in about and value in about
    assert "1 to 7 is shown as *" in about
    assert page.select_one('link[href$="css/report-print.css"]') is not None
    sections = page.select(".ck-report-print__report")
    expected = all_reports(LAST_QUARTER)
    assert [s["id"] for s in sections] == [r.key for r in expected]
    for section, shown in zip(sections, expected, strict=True):
        rows = [
            [c.get_text(strip=True) for c in row.select("th, td")]
            for row in section.select("table tr")
        ]
        assert rows == expected_lines(shown.table)


def test_the_print_stylesheet_is_for_a4(reports_app):
    stylesheet = reports_app.test_client().get("/static/css/report-print.css")
    text = stylesheet.get_data(as_text=True)
    stylesheet.close()
    assert "size: A4" in text
    assert "break-inside: avoid" in text


def test_the_dashboards_download_links_keep_its_filters(commissioner):
    page = parse(commissioner.get("/reports/?start=2026-08-01&end=2026-10-31&district=rutland"))
    links = {
        a["href"].split("?")[0]: a["href"]
        for a in page.select("a[href]")
        if a["href"].split("?")[0] in DOWNLOADS
    }
    assert set(links) == set(DOWNLOADS)
    for path, href in links.items():
        assert "district=rutland" in href
        if "quarterly" not in path:
            assert "start=2026-08-01" in href and "end=2026-10-31" in href
        assert commissioner.get(href).status_code == 200, href


# Audit -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DOWNLOADS)
def test_every_download_is_audited(commissioner, context, path):
    before = db.session.scalar(select(db.func.max(AuditEvent.id))) or 0
    query = "?district=melton&specialty=ld" if "quarterly" in path else "?district=melton"
    assert commissioner.get(path + query).status_code == 200
    db.session.remove()  # read what was committed, from a new session
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.id > before)).all()
    assert [e.action for e in events] == ["report.downloaded"]
    event = events[0]
    assert event.actor_email == "commissioner@example.org"
    expected_format = {"csv": "csv", "xlsx": "xlsx", "print": "print"}[re.split(r"[./]", path)[-1]]
    assert event.details["format"] == expected_format
    if "quarterly" in path:
        assert event.details["reports"] == list(QUARTERLY_SUMMARY_KEYS)
        assert event.details["quarter"] == "2026-Q3"
        assert event.details["filters"] == {
            "start": "2026-07-01",
            "end": "2026-09-30",
            "district": "melton",
            "specialty": "ld",
        }
    else:
        assert event.details["reports"] == list(REPORT_KEYS)
        assert event.details["filters"] == {
            "start": "2026-07-01",
            "end": "2026-09-30",
            "district": "melton",
        }
    # What was asked for, never a figure.
    assert set(event.details) <= {"format", "reports", "filters", "quarter"}


def test_one_report_is_audited_by_its_key(commissioner, context):
    before = db.session.scalar(select(db.func.max(AuditEvent.id))) or 0
    commissioner.get("/reports/download.xlsx?report=gap-unmet")
    db.session.remove()
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.id > before)).one()
    assert event.details["reports"] == ["gap-unmet"]


def test_a_refused_download_writes_nothing(clients, context):
    before = db.session.scalar(select(db.func.max(AuditEvent.id))) or 0
    assert clients[Role.STAFF].get("/reports/download.csv").status_code == 403
    assert clients[Role.COMMISSIONER].get("/reports/download.csv?report=nope").status_code == 404
    db.session.remove()
    assert db.session.scalars(select(AuditEvent).where(AuditEvent.id > before)).all() == []


# Requests the dashboard would refuse -----------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/reports/download.csv", "/reports/download.xlsx", "/reports/print"]
)
def test_filters_in_error_go_back_to_the_dashboard(commissioner, path):
    response = commissioner.get(f"{path}?start=31/2/2026&district=atlantis")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/reports/?")
    assert "district=atlantis" in response.headers["Location"]


def test_unknown_report_is_not_found(commissioner):
    assert commissioner.get("/reports/download.xlsx?report=people").status_code == 404
    assert commissioner.get("/reports/print?report=people").status_code == 404


# Who may download ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.HELPLINE, Role.ADMIN])
@pytest.mark.parametrize("path", DOWNLOADS)
def test_commissioners_helpline_and_admin_may_download(clients, role, path):
    assert clients[role].get(path).status_code == 200


@pytest.mark.parametrize("path", DOWNLOADS)
def test_staff_and_visitors_may_not(clients, reports_app, path):
    assert clients[Role.STAFF].get(path).status_code == 403
    visitor = reports_app.test_client().get(path)
    assert visitor.status_code == 302
    assert visitor.headers["Location"].startswith("/sign-in?next=")


# Formula injection -----------------------------------------------------------------------------


def test_labels_that_look_like_formulas_are_neutralised(app, client, login_as):
    """A need renamed by someone at the curation screens to a live formula."""
    housing = db.session.scalar(select(TaxonomyTerm).where(TaxonomyTerm.code == "housing"))
    housing.name = '=HYPERLINK("http://evil.example","Click")'
    db.session.commit()
    login_as(Role.COMMISSIONER)

    for query in ("", "?domain=housing"):
        lines = csv_lines(client.get(f"/reports/download.csv{query}"))
        cells = [cell for line in lines for cell in line]
        assert "'" + housing.name in cells
        assert [c for c in cells if c.startswith(FORMULA_STARTS)] == []

        book = workbook(client.get(f"/reports/download.xlsx{query}"))
        values = [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        ]
        assert "'" + housing.name in [c.value for c in values]
        assert [c.coordinate for c in values if c.data_type == "f"] == []
        assert [
            c.value
            for c in values
            if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)
        ] == []


def test_spreadsheet_values():
    assert downloads.spreadsheet_value("15") == 15
    assert downloads.spreadsheet_value("0") == 0
    assert downloads.spreadsheet_value("*") == "*"
    assert downloads.spreadsheet_value("25%") == 0.25
    assert downloads.spreadsheet_value("") is None
    assert downloads.spreadsheet_value("=1+1") == "'=1+1"


def test_sheet_names_are_short_and_unique(context):
    shown = report("unmet-by-district", LAST_QUARTER)
    table = replace(shown.table, title="A new report whose title is far too long: [for Excel]")
    long_title = replace(shown, key="a-new-report", table=table)
    names = downloads.sheet_names([shown, shown, long_title, long_title])
    assert names[:2] == ["Unmet by district", "Unmet by district (2)"]
    assert all(len(n) <= 31 for n in names)
    assert len({n.casefold() for n in names}) == 4


def test_produced_time_reads_as_uk_time():
    download = downloads.Download(
        title="t",
        filters=LAST_QUARTER,
        reports=[],
        produced_at=datetime(2026, 11, 24, 9, 5),
        name="n",
    )
    assert download.produced == "24 November 2026 at 9:05am (UK time)"
