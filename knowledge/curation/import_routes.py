"""CSV import: upload, dry run, then import or cancel (knowledge.curation.import_services)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from knowledge.access import roles_required
from knowledge.curation import bp, exchange, import_services, importing
from knowledge.curation.import_forms import ImportForm
from knowledge.curation.routes import CURATORS
from knowledge.models import PendingImport

TOO_BIG = (
    f"The file is larger than {importing.MAX_BYTES // 1024 // 1024} MB, the most an import can "
    "take. Split it into smaller files and import each."
)


def _pending(import_id: str) -> PendingImport:
    pending = import_services.pending_upload(import_id, current_user)
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
        upload = form.csv_file.data
        data = upload.stream.read(importing.MAX_BYTES + 1)
        try:
            pending = import_services.store_upload(upload.filename or "", data, current_user)
        except importing.ImportRefused as refusal:
            form.csv_file.errors.append(refusal.message)
        else:
            return redirect(url_for("curation.import_report", import_id=pending.id))
    return _upload_page(form)


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error):
    # Refused before any view runs, even before the access check (MAX_CONTENT_LENGTH), so
    # the upload page answers only its own users; anyone else gets the plain error page.
    if not (
        request.endpoint == "curation.import_upload"
        and current_user.is_authenticated
        and current_user.has_any_role(*CURATORS)
    ):
        return render_template("errors/error.html", error=error), 413
    form = ImportForm(formdata=None)
    form.csv_file.errors = [TOO_BIG]
    return _upload_page(form, 413)


def _report_page(plan: import_services.ImportPlan, pending: PendingImport, problem=None):
    return render_template(
        "curation/import_report.html",
        plan=plan,
        pending=pending,
        problem=problem,
        actions=import_services.RowAction,
    )


def _refused_page(pending: PendingImport, refusal: importing.ImportRefused):
    """A file refused after its upload (the rules changed since: a new release). Said, not
    acted on: a GET changes nothing (a prefetch, a reload, a link opened twice), so the file
    waits until the officer cancels it or uploads another."""
    return render_template("curation/import_refused.html", pending=pending, refusal=refusal)


def _refused(pending: PendingImport, refusal: importing.ImportRefused):
    import_services.cancel_upload(pending)
    flash(f"{pending.filename} cannot be imported: {refusal.message}")
    return redirect(url_for("curation.import_upload"))


@bp.get("/import/<import_id>")
@roles_required(*CURATORS)
def import_report(import_id: str):
    pending = _pending(import_id)
    try:
        plan = import_services.dry_run(pending)
    except importing.ImportRefused as refusal:
        return _refused_page(pending, refusal)
    return _report_page(plan, pending)


@bp.post("/import/<import_id>/apply")
@roles_required(*CURATORS)
def import_apply(import_id: str):
    pending = _pending(import_id)
    create_anyway = {int(n) for n in request.form.getlist("create_anyway") if n.isdigit()}
    filename = pending.filename
    try:
        result = import_services.apply_import(pending, request.form.get("plan", ""), create_anyway)
    except importing.ImportRefused as refusal:
        # The officer asked to import it, and it cannot be: the file goes, with the reason.
        return _refused(pending, refusal)
    if not result.imported:
        return _report_page(result.plan, pending, result.problem)
    plan = result.plan
    flash(
        f"Imported {filename}: {plan.count(import_services.RowAction.CREATE)} created, "
        f"{plan.count(import_services.RowAction.UPDATE)} updated, "
        f"{plan.count(import_services.RowAction.UNCHANGED)} unchanged, "
        f"{plan.count(import_services.RowAction.REJECTED)} rejected."
        + (
            " Skipped as possible duplicates: row "
            + ", ".join(str(n) for n in result.skipped)
            + "."
            if result.skipped
            else ""
        )
    )
    return redirect(url_for("curation.import_upload"))


@bp.post("/import/<import_id>/cancel")
@roles_required(*CURATORS)
def import_cancel(import_id: str):
    import_services.cancel_upload(_pending(import_id))
    flash("Import cancelled: nothing was changed.")
    return redirect(url_for("curation.import_upload"))
