"""The commissioners' figures as files: CSV, XLSX and the quarterly unmet-needs summary.

A download holds exactly what the dashboard shows for the same filters: each report's
controlled `Table` (its cells, totals and labels as displayed), its title and its note. Nothing
else leaves the server: no unrounded count, no free text, no pseudonym, nothing below
neighbourhood level. Every text cell goes through `safe_cell`, so a label that looks like a
formula (a need renamed "=HYPERLINK(…)") arrives as text, in the CSV and in the workbook.

The workbook's dates come from the app clock and its zip entries carry the same time, so the
same figures at the same clock give the same bytes (a test compares two downloads).
"""

import csv
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo
from zoneinfo import ZoneInfo

from flask import current_app
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from knowledge.audit.services import record
from knowledge.domain.disclosure import SUPPRESSED, Table
from knowledge.domain.spreadsheets import safe_cell
from knowledge.extensions import db
from knowledge.reports.figures import (
    EARLIEST_DATE,
    Report,
    ReportFilters,
    describe_day,
    quarter_label,
    quarter_of,
)

PRODUCED_BY = "Community Knowledge, the trust's Community Knowledge Service"
ABOUT_SHEET = "About these figures"
TOTAL = "Total"

# The rules of ../shared/DOMAIN.md, in the words the files use.
METHOD = (
    "Every count of people, helpline queries, needs or other-needs entries is under disclosure "
    "control, the NHS Digital method used for Hospital Episode Statistics and the Emergency "
    "Care Data Set:",
    "0 stays 0.",
    "1 to 7 is shown as *.",
    "Every other count is rounded to the nearest 5.",
    "Totals are computed from the unrounded figures and then rounded, so a total may differ "
    "from the sum of the figures shown beside it.",
    "Percentages are computed from the rounded figures.",
    "Secondary suppression: a total is shown as * when, with the other figures of its row or "
    "column, it would let a reader work out a figure shown as *.",
    "Counts of services are not counts of people: they are shown as they are.",
    "Aggregates only: no free text, no pseudonyms, nothing below district or neighbourhood.",
)

# Excel refuses sheet names over 31 characters; most titles are longer.
SHEET_NAMES = {
    "unmet-by-domain-reason": "Unmet by reason and need",
    "unmet-by-district": "Unmet by district",
    "unmet-by-neighbourhood": "Unmet by neighbourhood",
    "unmet-by-specialty-age": "Unmet by specialty and age",
    "unmet-by-month": "Unmet by month",
    "unmet-by-quarter": "Unmet by quarter",
    "gap-services": "Services by district and need",
    "gap-unmet": "Unmet by district and need",
    "queries-by-month": "Queries by month",
    "query-outcomes": "Needs in queries by outcome",
    "queries-by-specialty": "Queries by caller's specialty",
    "entries-by-domain-level": "Entries by need and level",
}
SHEET_NAME_LIMIT = 31
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
QUARTER = re.compile(r"(\d{4})-Q([1-4])")


@dataclass(frozen=True)
class Download:
    """A set of reports as a file: what was asked for, and when it was made (UK time)."""

    title: str
    filters: ReportFilters
    reports: Sequence[Report]
    produced_at: datetime
    # The file's name without its extension.
    name: str
    quarter: str | None = None

    def context(self) -> list[tuple[str, str]]:
        """What the figures are of: the period and filters, as the dashboard describes them."""
        lines = self.filters.describe()
        if self.quarter is not None:
            lines.insert(0, ("Quarter", quarter_label(self.filters.start)))
        return lines

    @property
    def produced(self) -> str:
        hour = self.produced_at.strftime("%I:%M%p").lstrip("0").lower()
        return f"{describe_day(self.produced_at.date())} at {hour} (UK time)"


def reports_download(
    reports: Sequence[Report], filters: ReportFilters, produced_at: datetime
) -> Download:
    period = f"{filters.start.isoformat()}-to-{filters.end.isoformat()}"
    subject = reports[0].key if len(reports) == 1 else "commissioner-reports"
    return Download(
        title="Community Knowledge: unmet needs and helpline activity",
        filters=filters,
        reports=reports,
        produced_at=produced_at,
        name=f"{subject}-{period}{_filter_suffix(filters)}",
    )


def quarterly_download(
    reports: Sequence[Report], filters: ReportFilters, quarter: str, produced_at: datetime
) -> Download:
    return Download(
        title=f"Unmet needs: quarterly summary, {quarter_label(filters.start)}",
        filters=filters,
        reports=reports,
        produced_at=produced_at,
        name=f"unmet-needs-{quarter}{_filter_suffix(filters)}",
        quarter=quarter,
    )


def _filter_suffix(filters: ReportFilters) -> str:
    codes = [filters.district, filters.domain, filters.specialty]
    return "".join(f"-{re.sub(r'[^a-z0-9-]', '', str(code).lower())}" for code in codes if code)


# Quarters --------------------------------------------------------------------------------------


def quarter_name(start: date) -> str:
    """ "2026-Q3": calendar quarters, as in the file names."""
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def parse_quarter(text: str, today: date) -> tuple[date, date] | None:
    """The first and last day of a quarter named like "2026-Q3", if it is over: a summary of a
    quarter still running would read as the whole quarter on a board paper."""
    match = QUARTER.fullmatch(text.strip().upper())
    if match is None:
        return None
    year, number = int(match[1]), int(match[2])
    start, end = quarter_of(date(year, number * 3 - 2, 1))
    if start < EARLIEST_DATE or end >= today:
        return None
    return start, end


# Audit -----------------------------------------------------------------------------------------


def record_download(download: Download, file_format: str) -> None:
    """Audit a download and commit it. The details say what was asked for, never a figure."""
    details = {
        "format": file_format,
        "reports": [r.key for r in download.reports],
        "filters": download.filters.url_args(),
    }
    if download.quarter is not None:
        details["quarter"] = download.quarter
    record("report.downloaded", details=details)
    db.session.commit()


# CSV -------------------------------------------------------------------------------------------


def table_lines(table: Table) -> list[list[str]]:
    """A table as lines of text, laid out as the dashboard shows it: the header, a line per row,
    then the totals. A one-column table has no total column (each row's total is its figure)."""
    if len(table.columns) == 1:
        return [
            [table.row_heading, *table.columns],
            *([row.label, *row.cells] for row in table.rows),
            [TOTAL, *table.column_totals],
        ]
    return [
        [table.row_heading, *table.columns, TOTAL],
        *([row.label, *row.cells, row.total] for row in table.rows),
        [TOTAL, *table.column_totals, table.grand_total],
    ]


def report_csv(download: Download) -> str:
    """One CSV: a few lines saying what the file is, then a block per report (title, filters,
    what is counted, the table), a blank line between blocks. UTF-8 text; the route adds the
    byte-order mark Excel needs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def write(*cells: object) -> None:
        writer.writerow([safe_cell(cell) for cell in cells])

    write(download.title)
    write("Produced", download.produced)
    write("Produced by", PRODUCED_BY)
    write("Method", " ".join(METHOD))
    for report in download.reports:
        write()
        write(report.title)
        for label, value in download.context():
            write(label, value)
        write("What is counted", report.note)
        for line in table_lines(report.table):
            write(*line)
    return buffer.getvalue()


# XLSX ------------------------------------------------------------------------------------------

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER = Alignment(wrap_text=True, vertical="bottom")
PERCENT = re.compile(r"(\d+)%")
WIDEST_COLUMN, NARROWEST_COLUMN = 40, 10
# Excel's default row height (points) and column width (characters).
LINE_HEIGHT, DEFAULT_COLUMN_WIDTH = 15, 8.43
HEADER_ROW = 5
# The filters and the note under a sheet's title wrap across at least this many columns.
NOTE_COLUMNS = 6


def sheet_names(reports: Sequence[Report]) -> list[str]:
    """A sheet name per report: short, without the characters Excel refuses, and unique (Excel
    compares them ignoring case)."""
    taken = {ABOUT_SHEET.casefold()}
    names = []
    for report in reports:
        base = NOT_IN_SHEET_NAMES.sub(" ", SHEET_NAMES.get(report.key, report.title)).strip()
        base = base[:SHEET_NAME_LIMIT].strip() or "Report"
        name, number = base, 2
        while name.casefold() in taken:
            suffix = f" ({number})"
            name = base[: SHEET_NAME_LIMIT - len(suffix)].strip() + suffix
            number += 1
        taken.add(name.casefold())
        names.append(name)
    return names


def spreadsheet_value(figure: str) -> int | float | str | None:
    """A shown figure as a cell: counts as numbers, "*" as text, percentages as fractions."""
    if figure == "":
        return None
    if figure.isdigit():
        return int(figure)
    if match := PERCENT.fullmatch(figure):
        return int(match[1]) / 100
    return safe_cell(figure)


def report_workbook(download: Download) -> bytes:
    workbook = Workbook()
    about = workbook.active
    about.title = ABOUT_SHEET
    names = sheet_names(download.reports)
    _write_about(about, download, names)
    for report, name in zip(download.reports, names, strict=True):
        _write_report(workbook.create_sheet(name), report, download)

    produced_utc = (
        download.produced_at.replace(tzinfo=ZoneInfo(current_app.config["TIMEZONE"]))
        .astimezone(UTC)
        .replace(tzinfo=None)
    )
    properties = workbook.properties
    properties.title = download.title
    properties.creator = PRODUCED_BY
    properties.lastModifiedBy = PRODUCED_BY
    properties.created = properties.modified = produced_utc
    return _workbook_bytes(workbook, download.produced_at)


def _write_about(sheet: Worksheet, download: Download, names: Sequence[str]) -> None:
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 90
    sheet.append([safe_cell(download.title)])
    sheet["A1"].font = TITLE
    sheet.append([])
    for label, value in [*download.context(), ("Produced", download.produced)]:
        _about_line(sheet, label, value)
    _about_line(sheet, "Produced by", PRODUCED_BY)
    sheet.append([])
    _about_heading(sheet, "How the figures are protected")
    _about_line(sheet, "Disclosure control", METHOD[0])
    for rule in METHOD[1:]:
        _about_line(sheet, "", rule)
    sheet.append([])
    _about_heading(sheet, "The sheets")
    sheet.append(["Sheet", "What it counts"])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for report, name in zip(download.reports, names, strict=True):
        controlled = "" if report.table.controlled else " Not under disclosure control."
        _about_line(sheet, name, f"{report.title}. {report.note}{controlled}")
        link = sheet.cell(sheet.max_row, 1)
        quoted = name.replace("'", "''")
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!A1")
        link.style = "Hyperlink"
        link.alignment = WRAP


def _about_heading(sheet: Worksheet, text: str) -> None:
    sheet.append([text])
    sheet.cell(sheet.max_row, 1).font = BOLD


def _about_line(sheet: Worksheet, label: str, text: str) -> None:
    sheet.append([safe_cell(label), safe_cell(text)])
    row = sheet.max_row
    sheet.cell(row, 1).alignment = WRAP
    sheet.cell(row, 2).alignment = WRAP
    sheet.row_dimensions[row].height = LINE_HEIGHT * _lines_needed(text, 90)


def _write_report(sheet: Worksheet, report: Report, download: Download) -> None:
    lines = table_lines(report.table)
    width = len(lines[0])
    context = "; ".join(f"{label}: {value}" for label, value in download.context())
    # Title, filters, what is counted, a blank row, then the table from HEADER_ROW.
    sheet.append([safe_cell(report.title)])
    sheet.append([safe_cell(context)])
    sheet.append([safe_cell(report.note)])
    sheet.append([])
    sheet["A1"].font = TITLE
    header_row = HEADER_ROW
    sheet.append([safe_cell(heading) for heading in lines[0]])
    for body in lines[1:]:
        sheet.append([safe_cell(body[0]), *(spreadsheet_value(f) for f in body[1:])])
    for cell in sheet[header_row]:
        cell.font = BOLD
        cell.alignment = HEADER
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for row in sheet.iter_rows(min_row=header_row + 1, min_col=2):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = "0%"
            elif cell.value == SUPPRESSED:
                cell.alignment = Alignment(horizontal="right")

    widths = _column_widths(lines)
    for index, column_width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width
    # The context and the note run across the table, wrapped, rather than off to the right.
    spanned = max(width, NOTE_COLUMNS)
    span_width = sum(widths) + DEFAULT_COLUMN_WIDTH * (spanned - width)
    for row in (2, 3):
        sheet.merge_cells(f"A{row}:{get_column_letter(spanned)}{row}")
        sheet.cell(row, 1).alignment = WRAP
        sheet.row_dimensions[row].height = LINE_HEIGHT * _lines_needed(
            str(sheet.cell(row, 1).value), span_width
        )
    sheet.freeze_panes = sheet.cell(header_row + 1, 2)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if width > 6 else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _column_widths(lines: Sequence[Sequence[str]]) -> list[float]:
    """Wide enough for every figure and the longest word of the header (headers wrap); the
    label column for its longest label."""
    widths = []
    for index in range(len(lines[0])):
        header_word = max((len(w) for w in lines[0][index].split()), default=0)
        longest = max(len(line[index]) for line in lines[1:]) if len(lines) > 1 else 0
        if index == 0:
            longest = max(longest, len(lines[0][0]))
        widths.append(float(min(WIDEST_COLUMN, max(NARROWEST_COLUMN, header_word, longest) + 2)))
    return widths


def _lines_needed(text: str, width: float) -> int:
    return max(1, -(-len(text) // max(1, int(width))) + text.count("\n"))


class _ZipAtFixedTime(ZipFile):
    """A zip archive whose entries all carry one time, so the same workbook gives the same
    bytes (openpyxl stamps each entry with the moment it is written)."""

    def __init__(self, file, moment: datetime):
        super().__init__(file, "w", ZIP_DEFLATED)
        # Zip times cannot be before 1980.
        self.moment = max(moment, datetime(1980, 1, 1)).timetuple()[:6]

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = ZipInfo(zinfo_or_arcname, date_time=self.moment)
            zinfo_or_arcname.compress_type = ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):
        # Worksheets come from temporary files, which would carry their own modified time.
        with open(filename, "rb") as file:
            self.writestr(arcname or os.path.basename(filename), file.read())


def _workbook_bytes(workbook: Workbook, moment: datetime) -> bytes:
    # ExcelWriter rather than Workbook.save, which would stamp "modified" with the wall clock.
    buffer = io.BytesIO()
    with _ZipAtFixedTime(buffer, moment) as archive:
        ExcelWriter(workbook, archive).write_data()
    return buffer.getvalue()
