"""Open Referral UK feed import: upload a feed with its name, check what it would do, then
import or cancel (knowledge.oruk.feeds_import). The pages work as the CSV import's do
(knowledge.curation.import_routes), and share its report."""

from functools import partial

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from knowledge.access import roles_required
from knowledge.curation import bp, import_routes, import_services
from knowledge.curation.import_forms import FeedImportForm
from knowledge.curation.importing import ImportRefused
from knowledge.curation.routes import CURATORS
from knowledge.models import ImportKind, PendingImport
from knowledge.oruk import feeds, feeds_import

UPLOAD, CANCEL = "curation.feed_upload", "curation.feed_cancel"
REPORT = "curation/feed_report.html"
TOO_BIG = (
    f"The file is larger than {feeds.MAX_BYTES // 1024 // 1024} MB, the most an upload can take. "
    "Import a page of the feed at a time, or ask for it to be imported with `flask oruk import`."
)


def _upload_page(form: FeedImportForm, status: int = 200):
    return (
        render_template(
            "curation/feed_import.html",
            form=form,
            waiting=import_services.latest_upload(current_user, ImportKind.ORUK),
            known_feeds=feeds_import.known_feeds(),
        ),
        status,
    )


@bp.route("/oruk-import", methods=["GET", "POST"])
@roles_required(*CURATORS)
def feed_upload():
    form = FeedImportForm()
    if form.validate_on_submit():
        pending = import_routes.kept_upload(
            form.feed_file,
            feeds.MAX_BYTES,
            partial(feeds_import.store_upload, feed=form.feed.data, uploader=current_user),
        )
        if pending is not None:
            return redirect(url_for("curation.feed_report", import_id=pending.id))
    return _upload_page(form)


def too_big_page():
    """The upload page, for a file too big to read (import_routes.upload_too_large)."""
    form = FeedImportForm(formdata=None)
    form.feed_file.errors = [TOO_BIG]
    return _upload_page(form, 413)


def _pending(import_id: str) -> PendingImport:
    return import_routes.pending_or_404(import_id, ImportKind.ORUK)


@bp.get("/oruk-import/<import_id>")
@roles_required(*CURATORS)
def feed_report(import_id: str):
    pending = _pending(import_id)
    try:
        plan = feeds_import.dry_run_upload(pending)
    except ImportRefused as refusal:
        return import_routes.refused_page(pending, refusal, UPLOAD, CANCEL)
    return import_routes.report_page(REPORT, plan, pending)


@bp.post("/oruk-import/<import_id>/apply")
@roles_required(*CURATORS)
def feed_apply(import_id: str):
    pending = _pending(import_id)
    filename = pending.filename
    try:
        result = feeds_import.apply_upload(
            pending, request.form.get("plan", ""), import_routes.create_anyway()
        )
    except ImportRefused as refusal:
        return import_routes.refused(pending, refusal, UPLOAD)
    if not result.imported:
        return import_routes.report_page(REPORT, result.plan, pending, result.problem)
    import_routes.flash_imported(filename, result)
    return redirect(url_for(UPLOAD))


@bp.post("/oruk-import/<import_id>/cancel")
@roles_required(*CURATORS)
def feed_cancel(import_id: str):
    import_services.cancel_upload(_pending(import_id))
    flash("Import cancelled: nothing was changed.")
    return redirect(url_for(UPLOAD))
