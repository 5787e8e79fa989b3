"""Downloads of the commissioners' figures: CSV, XLSX, a printable page and the quarterly
unmet-needs summary. Each one is written to the audit log before it is sent."""

from flask import Response, abort, redirect, render_template, request, url_for

from knowledge.access import roles_required
from knowledge.clock import local_now
from knowledge.reports import bp, charts, downloads
from knowledge.reports.figures import (
    Report,
    ReportFilters,
    all_reports,
    last_complete_quarter,
    quarterly_unmet_summary,
    report,
)
from knowledge.reports.routes import REPORT_READERS

CSV_TYPE = "text/csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Filters the quarterly summary keeps from the dashboard; its period is the quarter's.
QUARTERLY_FILTERS = ("district", "domain", "specialty")


@bp.get("/download.csv")
@roles_required(*REPORT_READERS)
def download_csv():
    download = _chosen_download()
    if isinstance(download, Response):
        return download
    return _csv_response(download)


@bp.get("/download.xlsx")
@roles_required(*REPORT_READERS)
def download_xlsx():
    download = _chosen_download()
    if isinstance(download, Response):
        return download
    return _xlsx_response(download)


@bp.get("/print")
@roles_required(*REPORT_READERS)
def print_report():
    download = _chosen_download()
    if isinstance(download, Response):
        return download
    # A printed copy leaves the system like a file does.
    downloads.record_download(download, "print")
    return render_template(
        "reports/print.html",
        download=download,
        method=downloads.METHOD,
        producer=downloads.PRODUCED_BY,
        charts={r.key: charts.render_chart(r) for r in download.reports},
    )


@bp.get("/quarterly.csv")
@roles_required(*REPORT_READERS)
def quarterly_csv():
    download = _quarterly_download()
    if isinstance(download, Response):
        return download
    return _csv_response(download)


@bp.get("/quarterly.xlsx")
@roles_required(*REPORT_READERS)
def quarterly_xlsx():
    download = _quarterly_download()
    if isinstance(download, Response):
        return download
    return _xlsx_response(download)


def _chosen_download() -> downloads.Download | Response:
    """The dashboard's filters from the query string, and every report or the one named by
    ?report=. Filters the dashboard would refuse send the reader back to it to see why."""
    filters, errors = ReportFilters.from_args(request.args, local_now().date())
    if errors:
        return redirect(url_for("reports.dashboard", **request.args))
    key = request.args.get("report", "").strip()
    reports: list[Report]
    if key:
        try:
            reports = [report(key, filters)]
        except KeyError:
            abort(404)
    else:
        reports = all_reports(filters)
    return downloads.reports_download(reports, filters, local_now())


def _quarterly_download() -> downloads.Download | Response:
    """The last complete quarter, or the one asked for (?quarter=2026-Q3) if it is over."""
    today = local_now().date()
    wanted = request.args.get("quarter", "").strip()
    if wanted:
        period = downloads.parse_quarter(wanted, today)
        if period is None:
            abort(404)
    else:
        period = last_complete_quarter(today)
    others = {name: request.args[name] for name in QUARTERLY_FILTERS if name in request.args}
    filters, errors = ReportFilters.from_args(others, today)
    if errors:
        return redirect(url_for("reports.dashboard", **others))
    filters = filters.with_period(*period)
    return downloads.quarterly_download(
        quarterly_unmet_summary(filters),
        filters,
        downloads.quarter_name(period[0]),
        local_now(),
    )


def _csv_response(download: downloads.Download) -> Response:
    text = downloads.report_csv(download)
    downloads.record_download(download, "csv")
    # A byte-order mark so Excel reads the file as UTF-8 (accents, other scripts).
    return _attachment("\ufeff" + text, CSV_TYPE, f"{download.name}.csv")


def _xlsx_response(download: downloads.Download) -> Response:
    content = downloads.report_workbook(download)
    downloads.record_download(download, "xlsx")
    return _attachment(content, XLSX_TYPE, f"{download.name}.xlsx")


def _attachment(content: str | bytes, mimetype: str, filename: str) -> Response:
    return Response(
        content,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
