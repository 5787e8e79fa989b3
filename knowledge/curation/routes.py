from datetime import timedelta

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from wtforms.fields.choices import SelectChoice

from knowledge.access import roles_required
from knowledge.audit.services import record
from knowledge.clock import local_now
from knowledge.curation import bp, duplicates, exchange, services, update_requests
from knowledge.curation.forms import OpeningTimesForm, PhonesForm, ServiceForm
from knowledge.domain.text import blank_to_none
from knowledge.extensions import db
from knowledge.helpline import unmet as unmet_needs
from knowledge.models import Organisation, Role, Service, SuggestionState
from knowledge.security import safe_next
from knowledge.suggestions import services as suggestion_services

CURATORS = (Role.HELPLINE,)


def _service(service_id: str) -> Service:
    service = services.get_service(service_id)
    if service is None:
        abort(404)
    return service


def _form(service: Service | None = None) -> ServiceForm:
    form = ServiceForm(obj=service) if service and request.method == "GET" else ServiceForm()
    form.organisation_id.choices = [SelectChoice("", "Choose an organisation")] + [
        SelectChoice(o.id, o.name) for o in services.organisations()
    ]
    terms = sorted(
        services.all_terms().values(), key=lambda t: (t.top.name, t.parent is not None, t.name)
    )
    form.need_terms.choices = [
        SelectChoice(t.code, t.name if t.parent is None else f"{t.top.name}: {t.name}")
        for t in terms
        if t.taxonomy.code == "need-domain"
    ]
    form.service_types.choices = [
        SelectChoice(t.code, t.name) for t in terms if t.taxonomy.code == "service-type"
    ]
    areas = sorted(services.all_areas().values(), key=lambda a: (a.kind.value != "region", a.name))
    form.areas.choices = [SelectChoice(a.code, a.name) for a in areas]
    if service is not None and request.method == "GET":
        form.need_terms.data = [t.code for t in service.terms_in("need-domain")]
        form.service_types.data = [t.code for t in service.terms_in("service-type")]
        form.areas.data = [sa.area.code for sa in service.service_areas]
        form.status.data = service.status.value
        for name, value in services.cost_fields(service).items():
            getattr(form, name).data = value
    return form


def _changes(form: ServiceForm) -> services.ServiceChanges:
    languages: dict[str, str] = {}
    for name in (form.languages.data or "").split(","):
        if name.strip():
            languages.setdefault(name.strip().casefold(), name.strip())
    return services.ServiceChanges(
        fields=form.changes_fields(),
        term_codes=[*form.need_terms.data, *form.service_types.data],
        area_codes=form.areas.data,
        free=form.free.data,
        cost_amount=form.cost_amount.data,
        cost_description=blank_to_none(form.cost_description.data),
        languages=tuple(languages.values()),
        first_phone=blank_to_none(form.phone.data),
    )


@bp.get("")
@roles_required(*CURATORS)
def dashboard():
    return render_template(
        "curation/dashboard.html",
        counts=services.dashboard(),
        suspected_duplicates=len(duplicates.DuplicateFinder().suspected_pairs()),
        answered_update_requests=update_requests.count_answered(),
        new_suggestions=suggestion_services.count_new(),
        due=services.due_for_review()[:10],
        connector_roles_due=_connector_roles_due(),
    )


def _connector_roles_due() -> int:
    # Imported here: the connectors package imports the curation forms, so at module level
    # each package would find the other half-loaded.
    from knowledge.connectors import services as connectors

    return connectors.count_due(local_now().date())


@bp.get("/services")
@roles_required(*CURATORS)
def service_list():
    text, state = request.args.get("q", ""), request.args.get("state", "")
    gap = request.args.get("gap", "")
    page = max(1, request.args.get("page", 1, type=int))
    found, total = services.find_services(text, state, gap, page)
    pages = max(1, -(-total // services.SERVICES_PER_PAGE))
    return render_template(
        "curation/services.html",
        services=found,
        total=total,
        page=page,
        pages=pages,
        q=text,
        state=state,
        gap=gap,
        gaps=services.GAP_FILTERS,
    )


@bp.get("/review")
@roles_required(*CURATORS)
def review_queue():
    return render_template("curation/review.html", items=services.due_for_review())


@bp.route("/services/new", methods=["GET", "POST"])
@roles_required(*CURATORS)
def new_service():
    form = _form()
    matches: list[duplicates.Match] = []
    if form.validate_on_submit():
        matches = _possible_duplicates(form)
        if not matches or form.not_a_duplicate.data:
            service = services.create_service(_changes(form))
            flash("Draft saved. Preview it, then publish it when it is ready.")
            return redirect(url_for("curation.edit_service", service_id=service.id))
    return render_template("curation/edit.html", form=form, service=None, matches=matches)


def _possible_duplicates(form: ServiceForm) -> list[duplicates.Match]:
    """Existing entries like the one about to be added: shown before it is saved."""
    organisation = db.session.get(Organisation, form.organisation_id.data)
    return duplicates.similar_services(
        duplicates.Candidate(
            name=form.name.data.strip(),
            organisation_name=organisation.name if organisation else "",
            phones=(form.phone.data,) if form.phone.data else (),
            charity_number=organisation.charity_number if organisation else None,
        )
    )


@bp.route("/services/<service_id>", methods=["GET", "POST"])
@roles_required(*CURATORS)
def edit_service(service_id: str):
    service = _service(service_id)
    form = _form(service)
    if form.validate_on_submit():
        changed = services.update_service(service, _changes(form))
        flash("Changes saved." if changed else "Nothing had changed.")
        return redirect(url_for("curation.edit_service", service_id=service.id))
    return render_template("curation/edit.html", form=form, service=service)


@bp.get("/services/<service_id>/preview")
@roles_required(*CURATORS)
def preview_service(service_id: str):
    return render_template(
        "directory/service.html",
        service=_service(service_id),
        back=url_for("curation.edit_service", service_id=service_id),
        preview=True,
    )


WORKFLOW = {
    "publish": (services.publish, "Published: it is on the public site and in search now."),
    "archive": (
        services.archive,
        "Archived: it is no longer on the public site or in search.",
    ),
    "draft": (services.return_to_draft, "Returned to draft: it is no longer on the public site."),
}


def _move(service_id: str, step: str):
    change, message = WORKFLOW[step]
    change(_service(service_id))
    flash(message)
    return redirect(url_for("curation.edit_service", service_id=service_id))


@bp.post("/services/<service_id>/publish")
@roles_required(*CURATORS)
def publish_service(service_id: str):
    moved = _move(service_id, "publish")
    _prompt_unmet_needs(_service(service_id))
    return moved


def _prompt_unmet_needs(service: Service) -> None:
    """A newly published entry may meet a need the helpline logged as unmet: point the officer
    at the open ones in its domains and places, so the loop to commissioners closes."""
    count = len(unmet_needs.possibly_addressed_by(service))
    if count:
        href = url_for("helpline.unmet_register", addressed_by_candidate=service.id)
        flash(
            Markup('{} open unmet {} may be met by this entry: <a href="{}">review {}</a>.').format(
                count, "need" if count == 1 else "needs", href, "it" if count == 1 else "them"
            )
        )


@bp.route("/services/<service_id>/archive", methods=["GET", "POST"])
@roles_required(*CURATORS)
def archive_service(service_id: str):
    """Archiving takes an entry off the public site at once: asked for, then confirmed."""
    if request.method == "POST":
        return _move(service_id, "archive")
    return render_template("curation/confirm_archive.html", service=_service(service_id))


@bp.post("/services/<service_id>/draft")
@roles_required(*CURATORS)
def draft_service(service_id: str):
    return _move(service_id, "draft")


@bp.post("/services/<service_id>/checked")
@roles_required(*CURATORS)
def mark_checked(service_id: str):
    services.mark_checked(_service(service_id))
    flash("Marked as checked today.")
    fallback = url_for("curation.edit_service", service_id=service_id)
    return redirect(safe_next(request.form.get("next"), fallback))


@bp.get("/services/<service_id>/history")
@roles_required(*CURATORS)
def history(service_id: str):
    service = _service(service_id)
    all_versions = services.service_versions(service)
    changes = None
    older, newer = request.args.get("from", type=int), request.args.get("to", type=int)
    if older and newer:
        changes = services.compare_versions(service, older, newer)
        if changes is None:
            abort(404)
    return render_template(
        "curation/history.html",
        service=service,
        versions=all_versions,
        merged_in=services.merged_in(service),
        changes=changes,
        older=older,
        newer=newer,
    )


@bp.route("/services/<service_id>/restore/<int:number>", methods=["GET", "POST"])
@roles_required(*CURATORS)
def restore(service_id: str, number: int):
    """GET shows what restoring would change; POST restores."""
    service = _service(service_id)
    if request.method == "GET":
        changes = services.changes_if_restored(service, number)
        if changes is None:
            abort(404)
        return render_template(
            "curation/confirm_restore.html", service=service, number=number, changes=changes
        )
    if not services.restore_version(service, number):
        abort(404)
    flash(f"Restored version {number}. The restore is itself a new version.")
    return redirect(url_for("curation.history", service_id=service_id))


@bp.get("/suggestions")
@roles_required(*CURATORS)
def suggestions():
    state = request.args.get("state", "new")
    return render_template(
        "curation/suggestions.html", suggestions=suggestion_services.suggestions(state), state=state
    )


@bp.post("/suggestions/<suggestion_id>/close")
@roles_required(*CURATORS)
def close_suggestion(suggestion_id: str):
    suggestion = suggestion_services.get_suggestion(suggestion_id)
    if suggestion is None:
        abort(404)
    try:
        state = SuggestionState(request.form.get("state", ""))
    except ValueError:
        abort(400)
    if state is SuggestionState.NEW:
        abort(400)
    note = request.form.get("note", "")[:2000]
    suggestion_services.close_suggestion(suggestion, state, note, current_user)
    flash("Marked as actioned." if state is SuggestionState.ACTIONED else "Dismissed.")
    return redirect(url_for("curation.suggestions"))


@bp.route("/services/<service_id>/opening-times", methods=["GET", "POST"])
@roles_required(*CURATORS)
def opening_times(service_id: str):
    service = _service(service_id)
    if request.method == "GET":
        rows = services.period_rows(service)
        form = OpeningTimesForm(
            data={"periods": rows or [{}], "schedule_notes": service.schedule_notes}
        )
    else:
        form = OpeningTimesForm()
    if request.method == "POST" and "add" in request.form:
        # Another empty row, without JavaScript: the page comes back with what was typed.
        form.periods.append_entry()
        return render_template("curation/opening_times.html", form=form, service=service)
    if form.validate_on_submit():
        periods = [
            services.PeriodChange(
                day=row.form.day.data,
                which=row.form.which.data,
                opens_at=row.form.opens_at.data,
                closes_at=row.form.closes_at.data,
                valid_from=row.form.valid_from.data,
                valid_to=row.form.valid_to.data,
            )
            for row in form.periods
            if not row.form.is_blank
        ]
        notes = blank_to_none(form.schedule_notes.data)
        changed = services.update_opening_times(service, periods, notes)
        flash("Opening times saved." if changed else "Nothing had changed.")
        return redirect(url_for("curation.edit_service", service_id=service.id))
    return render_template("curation/opening_times.html", form=form, service=service)


@bp.get("/export.csv")
@roles_required(*CURATORS)
def export_csv():
    text, count = exchange.directory_csv()
    record("directory.exported", details={"services": count, "format": "csv"})
    db.session.commit()
    filename = f"community-knowledge-directory-{local_now():%Y-%m-%d}.csv"
    # A byte-order mark so Excel reads the file as UTF-8 (accents, £, other scripts).
    return Response(
        "\ufeff" + text,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/services/<service_id>/phones", methods=["GET", "POST"])
@roles_required(*CURATORS)
def phones(service_id: str):
    service = _service(service_id)
    if request.method == "GET":
        rows = [{"number": p.number, "description": p.description} for p in service.phones]
        form = PhonesForm(data={"phones": rows or [{}]})
    else:
        form = PhonesForm()
    if request.method == "POST" and "add" in request.form:
        form.phones.append_entry()
        return render_template("curation/phones.html", form=form, service=service)
    if form.validate_on_submit():
        kept = [
            (row.form.number.data.strip(), blank_to_none(row.form.description.data))
            for row in form.phones
            if not row.form.is_blank
        ]
        changed = services.update_phones(service, kept)
        flash("Phone numbers saved." if changed else "Nothing had changed.")
        return redirect(url_for("curation.edit_service", service_id=service.id))
    return render_template("curation/phones.html", form=form, service=service)


@bp.get("/unanswered-searches")
@roles_required(*CURATORS)
def unanswered_searches():
    days = request.args.get("days", 90, type=int)
    days = days if days in (7, 30, 90, 365) else 90
    since = local_now().date() - timedelta(days=days)
    return render_template(
        "curation/unanswered.html", searches=services.unanswered_searches(since), days=days
    )
