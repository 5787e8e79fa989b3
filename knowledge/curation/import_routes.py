"""CSV import: upload, dry run, then import or cancel (knowledge.curation.import_services)."""

from collections.abc import Callable
from functools import partial

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.file import FileField
from werkzeug.exceptions import RequestEntityTooLarge

from knowledge.access import roles_required
from knowledge.curation import bp, exchange, import_services, importing
from knowledge.curation.import_forms import ImportForm
from knowledge.curation.routes import CURATORS
from knowledge.models import ImportKind, PendingImport

REPORT = "curation/import_report.html"
TOO_BIG = (
    f"The file is larger than {importing.MAX_BYTES // 1024 // 1024} MB, the most an import can "
    "take. Split it into smaller files and import each."
)


def pending_or_404(import_id: str, kind: ImportKind = ImportKind.CSV) -> PendingImport:
    """The officer's own upload of this kind: nobody sees another's file."""
    pending = import_services.pending_upload(import_id, current_user, kind)
    if pending is None:
        abort(404)
    return pending


def _upload_page(form: ImportForm, status: int = 200):
    return (
        render_template(
            "curation/import.html",
            form=form,
            columns=exchange.FORMAT,
            required=importing.REQUIRED_COLUMNS,
            waiting=import_services.latest_upload(current_user),
        ),
        status,
    )


@bp.route("/import", methods=["GET", "POST"])
@roles_required(*CURATORS)
def import_upload():
    form = ImportForm()
    if form.validate_on_submit():
        pending = kept_upload(
            form.csv_file,
            importing.MAX_BYTES,
            partial(import_services.store_upload, uploader=current_user),
        )
        if pending is not None:
            return redirect(url_for("curation.import_report", import_id=pending.id))
    return _upload_page(form)


def kept_upload(
    field: FileField, max_bytes: int, store: Callable[..., PendingImport]
) -> PendingImport | None:
    """The file in `field` kept for its dry run by `store(filename, data)`; or None, with why
    it cannot be imported on the field. A byte past `max_bytes` is read, to tell a file that is
    too big."""
    upload = field.data
    try:
        return store(upload.filename or "", upload.stream.read(max_bytes + 1))
    except importing.ImportRefused as refusal:
        field.errors.append(refusal.message)
        return None


def _too_big_page():
    form = ImportForm(formdata=None)
    form.csv_file.errors = [TOO_BIG]
    return _upload_page(form, 413)


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error):
    """A file too big to read, on an upload page: the page again, saying so. It is refused
    before any view runs, even before the access check (MAX_CONTENT_LENGTH), so an upload page
    answers only its own users; anyone else gets the plain error page."""
    curator = current_user.is_authenticated and current_user.has_any_role(*CURATORS)
    if curator and request.endpoint == "curation.import_upload":
        return _too_big_page()
    if curator and request.endpoint == "curation.feed_upload":
        from knowledge.curation import feed_routes  # which imports this module

        return feed_routes.too_big_page()
    return render_template("errors/error.html", error=error), 413


def report_page(
    template: str, plan: import_services.ImportPlan, pending: PendingImport, problem=None
):
    """A dry run's report (curation/import_report.html, curation/feed_report.html)."""
    return render_template(
        template, plan=plan, pending=pending, problem=problem, actions=import_services.RowAction
    )


def refused_page(
    pending: PendingImport, refusal: importing.ImportRefused, upload: str, cancel: str
):
    """A file refused after its upload (the rules changed since: a new release). Said, not
    acted on: a GET changes nothing (a prefetch, a reload, a link opened twice), so the file
    waits until the officer cancels it or uploads another."""
    return render_template(
        "curation/import_refused.html",
        pending=pending,
        refusal=refusal,
        upload_url=url_for(upload),
        cancel_url=url_for(cancel, import_id=pending.id),
    )


def refused(pending: PendingImport, refusal: importing.ImportRefused, upload: str):
    """The officer asked to import a file that cannot be: it goes, with the reason."""
    import_services.cancel_upload(pending)
    flash(f"{pending.filename} cannot be imported: {refusal.message}")
    return redirect(url_for(upload))


def create_anyway() -> set[int]:
    """The possible duplicates the officer ticked to create anyway, by number."""
    return {int(n) for n in request.form.getlist("create_anyway") if n.isdigit()}


def flash_imported(filename: str, result: import_services.ImportResult) -> None:
    plan, unit = result.plan, result.plan.unit
    flash(
        f"Imported {filename}: {plan.count(import_services.RowAction.CREATE)} created, "
        f"{plan.count(import_services.RowAction.UPDATE)} updated, "
        f"{plan.count(import_services.RowAction.UNCHANGED)} unchanged, "
        f"{plan.count(import_services.RowAction.REJECTED)} rejected."
        + plan.own_entries_said
        + (
            f" Skipped as possible duplicates: {unit} "
            + ", ".join(str(n) for n in result.skipped)
            + "."
            if result.skipped
            else ""
        )
    )


@bp.get("/import/<import_id>")
@roles_required(*CURATORS)
def import_report(import_id: str):
    pending = pending_or_404(import_id)
    try:
        plan = import_services.dry_run(pending)
    except importing.ImportRefused as refusal:
        return refused_page(pending, refusal, "curation.import_upload", "curation.import_cancel")
    return report_page(REPORT, plan, pending)


@bp.post("/import/<import_id>/apply")
@roles_required(*CURATORS)
def import_apply(import_id: str):
    pending = pending_or_404(import_id)
    filename = pending.filename
    try:
        result = import_services.apply_import(
            pending, request.form.get("plan", ""), create_anyway()
        )
    except importing.ImportRefused as refusal:
        return refused(pending, refusal, "curation.import_upload")
    if not result.imported:
        return report_page(REPORT, result.plan, pending, result.problem)
    flash_imported(filename, result)
    return redirect(url_for("curation.import_upload"))


@bp.post("/import/<import_id>/cancel")
@roles_required(*CURATORS)
def import_cancel(import_id: str):
    import_services.cancel_upload(pending_or_404(import_id))
    flash("Import cancelled: nothing was changed.")
    return redirect(url_for("curation.import_upload"))
