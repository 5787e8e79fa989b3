"""Routes for the unmet-needs register and the helpline dashboard (role helpline)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from knowledge.access import roles_required
from knowledge.clock import local_now
from knowledge.curation import services as curation
from knowledge.directory import vocabulary
from knowledge.domain.identifiers import could_identify_someone
from knowledge.helpline import bp, unmet
from knowledge.helpline.dashboard import helpline_dashboard
from knowledge.helpline.unmet_forms import AddressedForm, CloseForm, ReportedForm, UnmetNeedForm
from knowledge.models import (
    AgeBand,
    HelplineQuery,
    Role,
    Specialty,
    UnmetNeed,
    UnmetReason,
    UnmetState,
)

HELPLINE = (Role.HELPLINE,)
STATE_FILTERS = (
    ("still-open", "Open or reported"),
    ("open", "Open"),
    ("reported", "Reported to commissioners"),
    ("addressed", "Addressed"),
    ("closed", "Closed"),
    ("all", "All"),
)


def _unmet(unmet_id: str) -> UnmetNeed:
    found = unmet.get_unmet(unmet_id)
    if found is None:
        abort(404)
    return found


def query_url(query: HelplineQuery) -> str:
    return url_for("helpline.query", query_id=query.id)


def new_query_url(words: str) -> str:
    """The "log a query" page with the words filled in."""
    return url_for("helpline.new_query", question=words)


def _dashboard_links() -> list[tuple[str, str]]:
    return [
        ("Queries waiting for an answer", url_for("helpline.queue")),
        ("Log a phone or email query", url_for("helpline.new_query")),
        ("Unmet-needs register", url_for("helpline.unmet_register")),
        ("Log an unmet need", url_for("helpline.new_unmet")),
        ("Curate the directory", url_for("curation.dashboard")),
    ]


# Dashboard ---------------------------------------------------------------------------------------


@bp.get("/")
@roles_required(*HELPLINE)
def dashboard():
    return render_template(
        "helpline/dashboard.html",
        figures=helpline_dashboard(),
        links=_dashboard_links(),
        query_url=query_url,
        new_query_url=new_query_url,
    )


# Register ----------------------------------------------------------------------------------------


def _filters() -> unmet.RegisterFilter:
    args = request.args
    state = args.get("state", "still-open")
    if state not in {value for value, _ in STATE_FILTERS}:
        state = "still-open"
    domains = {t.code for t in vocabulary.need_domains()}
    districts = {a.code for a in vocabulary.districts()}
    candidate = None
    if args.get("addressed_by_candidate"):
        candidate = curation.get_service(args["addressed_by_candidate"])
        if candidate is None:
            abort(404)
    return unmet.RegisterFilter(
        state=state,
        domain=args.get("domain", "") if args.get("domain") in domains else "",
        district=args.get("district", "") if args.get("district") in districts else "",
        reason=args.get("reason", "") if args.get("reason") in set(UnmetReason) else "",
        addressed_by_candidate=candidate,
    )


@bp.get("/unmet")
@roles_required(*HELPLINE)
def unmet_register():
    filters = _filters()
    return render_template(
        "helpline/unmet_register.html",
        rows=unmet.register(filters),
        filters=filters,
        states=STATE_FILTERS,
        domains=vocabulary.need_domains(),
        districts=vocabulary.districts(),
        reasons=list(UnmetReason),
    )


def _unmet_form() -> UnmetNeedForm:
    form = UnmetNeedForm()
    form.need_term.choices = [SelectChoice("", "Choose the need")] + [
        SelectChoice(t.code, vocabulary.need_label(t)) for t in vocabulary.need_terms()
    ]
    form.area.choices = [SelectChoice("", "Not known")] + [
        SelectChoice(a.code, vocabulary.place_choice(a)) for a in vocabulary.places()
    ]
    return form


@bp.route("/unmet/new", methods=["GET", "POST"])
@roles_required(*HELPLINE)
def new_unmet():
    """Log an unmet need directly: from a search that found nothing ("research this", with
    its words in `words`), or from nothing."""
    form = _unmet_form()
    words = (request.values.get("words") or "").strip()[:200]
    if could_identify_someone(words):
        # The search log never holds these, so it was typed into the address: not repeated.
        words = ""
    if request.method == "GET" and words:
        form.description.data = f"Searches for “{words}” found nothing in the directory."
    if form.validate_on_submit():
        terms = curation.all_terms()
        areas = curation.all_areas()
        details = unmet.UnmetDetails(
            need_term=terms[form.need_term.data],
            reason=UnmetReason(form.reason.data),
            description=form.description.data,
            area=areas.get(form.area.data) if form.area.data else None,
            age_band=AgeBand(form.age_band.data) if form.age_band.data else None,
            specialty=Specialty(form.specialty.data) if form.specialty.data else None,
        )
        logged = unmet.log_unmet_need(
            details, current_user, from_search=bool(words), confirmation=form.confirmation
        )
        flash("Unmet need logged.")
        return redirect(url_for("helpline.unmet_need", unmet_id=logged.id))
    return render_template("helpline/unmet_new.html", form=form, words=words)


# One unmet need ----------------------------------------------------------------------------------


def _addressed_form(record: UnmetNeed, *, submitted: bool = False) -> AddressedForm:
    """The choice of entry; from the publishing prompt, `?service=` comes chosen."""
    form = AddressedForm() if submitted else AddressedForm(formdata=None)
    form.service_id.choices = [SelectChoice("", "Choose a directory entry")] + [
        SelectChoice(s.id, f"{s.name} ({s.organisation.name})")
        for s in unmet.addressable_services(record)
    ]
    if not submitted:
        form.service_id.data = request.args.get("service", "")
    return form


def _page(
    record: UnmetNeed,
    reported_form: ReportedForm | None = None,
    addressed_form: AddressedForm | None = None,
    close_form: CloseForm | None = None,
):
    return render_template(
        "helpline/unmet_need.html",
        row=unmet.register_row(record),
        unmet_need=record,
        next_states=unmet.NEXT_STATES[record.state],
        UnmetState=UnmetState,
        reported_form=reported_form or ReportedForm(formdata=None, reported_on=local_now().date()),
        addressed_form=addressed_form or _addressed_form(record),
        close_form=close_form or CloseForm(formdata=None),
        query_url=query_url,
    )


@bp.get("/unmet/<unmet_id>")
@roles_required(*HELPLINE)
def unmet_need(unmet_id: str):
    return _page(_unmet(unmet_id))


def _changed(record: UnmetNeed, message: str):
    flash(message)
    return redirect(url_for("helpline.unmet_need", unmet_id=record.id))


def _too_late(record: UnmetNeed, state: UnmetState):
    """A form from a page opened before someone else moved it on: say so, change nothing."""
    if state in unmet.NEXT_STATES[record.state]:
        return None
    return _changed(record, f"Nothing changed: it is already {record.state.value}.")


@bp.post("/unmet/<unmet_id>/reported")
@roles_required(*HELPLINE)
def report_unmet(unmet_id: str):
    record = _unmet(unmet_id)
    if refused := _too_late(record, UnmetState.REPORTED):
        return refused
    form = ReportedForm()
    if form.validate_on_submit():
        try:
            unmet.mark_reported(record, form.reported_on.data, current_user)
        except unmet.UnmetNeedError as error:
            form.reported_on.errors.append(str(error))
        else:
            return _changed(record, "Marked as reported to commissioners.")
    return _page(record, reported_form=form)


@bp.post("/unmet/<unmet_id>/addressed")
@roles_required(*HELPLINE)
def address_unmet(unmet_id: str):
    record = _unmet(unmet_id)
    if refused := _too_late(record, UnmetState.ADDRESSED):
        return refused
    form = _addressed_form(record, submitted=True)
    if form.validate_on_submit():
        try:
            unmet.mark_addressed(record, curation.get_service(form.service_id.data), current_user)
        except unmet.UnmetNeedError as error:
            form.service_id.errors.append(str(error))
        else:
            return _changed(record, "Marked as addressed by the directory entry.")
    return _page(record, addressed_form=form)


@bp.post("/unmet/<unmet_id>/closed")
@roles_required(*HELPLINE)
def close_unmet(unmet_id: str):
    record = _unmet(unmet_id)
    if refused := _too_late(record, UnmetState.CLOSED):
        return refused
    form = CloseForm()
    if form.validate_on_submit():
        try:
            unmet.close_unmet(record, form.closed_reason.data, current_user, form.confirmation)
        except unmet.UnmetNeedError as error:
            form.closed_reason.errors.append(str(error))
        else:
            return _changed(record, "Closed.")
    return _page(record, close_form=form)
