"""Other-needs entries: find a person by number, record their needs, offer services, print.

The number travels only in the body of a POST; the person it names is kept as a pseudonym in
the signed session (knowledge/careplan/person.py), so no address ever names them. An entry
opens only for the person chosen in this session: to see someone's entries, staff type their
number. Every page that shows an entry writes an audit row.
"""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from knowledge.access import roles_required
from knowledge.careplan import bp, services
from knowledge.careplan.forms import (
    ACTION_HINTS,
    LEVEL_HINTS,
    NEW_ENTRY,
    OUTCOME_CHOICES,
    ChooseEntryForm,
    EntryForm,
    FindPersonForm,
    OutcomeForm,
)
from knowledge.careplan.person import ChosenPerson, choose_person, chosen_person, forget_person
from knowledge.careplan.summaries import epr_summary
from knowledge.clock import local_now
from knowledge.directory import vocabulary
from knowledge.domain.pseudonyms import person_pseudonym
from knowledge.models import (
    AgeBand,
    EntryStatus,
    OfferOutcome,
    OtherNeedsEntry,
    Role,
    Service,
    ServiceOffer,
    Specialty,
    SupportLevel,
)

# Helpline workers are staff too: they record entries when they support a person themselves.
STAFF = (Role.STAFF, Role.HELPLINE)


def _public_service(service_id: str | None) -> Service | None:
    return services.public_service(service_id) if service_id else None


def _person(service_id: str | None = None) -> ChosenPerson:
    """The chosen person, or a redirect to choose one (raised, so views stay straight); a
    service being added goes along."""
    person = chosen_person()
    if person is None:
        flash("Enter the person's NHS number or local record number first.")
        abort(redirect(url_for("careplan.find_person", service=service_id or None)))
    return person


def _entry(entry_id: str) -> OtherNeedsEntry:
    """The entry, if it belongs to the person chosen in this session. Otherwise staff are asked
    for the person's number first: knowing an entry's address is not enough to read it."""
    entry = services.get_entry(entry_id)
    if entry is None:
        abort(404)
    person = chosen_person()
    if person is None or person.pseudonym != entry.person_pseudonym:
        flash("Enter the person's number to open this entry.")
        abort(redirect(url_for("careplan.find_person", entry=entry.id)))
    return entry


# Finding a person -------------------------------------------------------------------------


@bp.route("", methods=["GET", "POST"])
@roles_required(*STAFF)
def find_person():
    form = FindPersonForm()
    if request.method == "GET":
        form.service_id.data = request.args.get("service", "")
        form.entry_id.data = request.args.get("entry", "")
    service = _public_service(form.service_id.data)
    if form.validate_on_submit():
        pseudonym = person_pseudonym(
            form.number, current_app.config["PSEUDONYM_KEY"], kind=form.kind
        )
        choose_person(pseudonym, form.kind)
        if service is not None:
            return redirect(url_for("careplan.choose_entry", service_id=service.id))
        entry = services.get_entry(form.entry_id.data) if form.entry_id.data else None
        if entry is not None and entry.person_pseudonym == pseudonym:
            return redirect(url_for("careplan.entry", entry_id=entry.id))
        return redirect(url_for("careplan.person_entries"))
    return render_template("careplan/find.html", form=form, service=service, person=chosen_person())


@bp.post("/finish")
@roles_required(*STAFF)
def finish_person():
    forget_person()
    flash("Done. The person's entries are closed on this computer.")
    return redirect(url_for("careplan.find_person"))


@bp.get("/person")
@roles_required(*STAFF)
def person_entries():
    person = _person()
    entries = services.person_entries(person.pseudonym)
    services.record_views(entries, "list")
    return render_template("careplan/person.html", person=person, entries=entries)


# Recording an entry -----------------------------------------------------------------------


def _entry_form(entry: OtherNeedsEntry | None) -> EntryForm:
    form = EntryForm(
        obj=entry if request.method == "GET" else None,
        today=local_now().date(),
        creating=entry is None,
    )
    form.need_term_id.choices = [SelectChoice("", "Choose the need")] + [
        SelectChoice(t.id, vocabulary.need_label(t)) for t in vocabulary.need_terms()
    ]
    # A person lives in a district or a neighbourhood: never "anywhere in the region".
    form.area_id.choices = [SelectChoice("", "Not known, or outside the area")] + [
        SelectChoice(a.id, vocabulary.place_choice(a)) for a in vocabulary.places(region=False)
    ]
    if entry is not None:
        form.original_review_date = entry.review_date
    if request.method == "GET":
        if entry is None:
            form.review_date.data = services.default_review_date()
            form.team.data, specialty = services.last_team_and_specialty(current_user)
            form.specialty.data = specialty.value if specialty else None
        else:
            form.show_actions(entry.actions_done)
            form.area_id.data = entry.area_id or ""
            for name in ("support_level", "status", "specialty", "age_band"):
                value = getattr(entry, name)
                getattr(form, name).data = value.value if value else None
    return form


def _details(form: EntryForm) -> services.EntryDetails:
    return services.EntryDetails(
        need_term_id=form.need_term_id.data,
        description=(form.description.data or "").strip(),
        support_level=SupportLevel(form.support_level.data),
        actions_done=form.actions_done,
        status=EntryStatus(form.status.data),
        review_date=form.review_date.data,
        team=form.team.data.strip(),
        specialty=Specialty(form.specialty.data),
        age_band=AgeBand(form.age_band.data),
        area_id=form.area_id.data or None,
    )


def _render_form(form: EntryForm, entry: OtherNeedsEntry | None, service: Service | None):
    return render_template(
        "careplan/edit.html",
        form=form,
        entry=entry,
        service=service,
        person=chosen_person(),
        levels=list(SupportLevel),
        level_hints=LEVEL_HINTS,
        action_hints=ACTION_HINTS,
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def new_entry():
    person = _person(request.args.get("service"))
    form = _entry_form(None)
    if request.method == "GET":
        form.service_id.data = request.args.get("service", "")
        form.offer_outcome.data = request.args.get("outcome", OfferOutcome.GIVEN_INFORMATION)
    service = _public_service(form.service_id.data)
    if form.validate_on_submit():
        entry = services.create_entry(
            person.pseudonym,
            _details(form),
            service=service,
            outcome=form.outcome,
            confirmation=form.confirmation,
        )
        flash(f"Entry saved, with {service.name} offered." if service else "Entry saved.")
        return redirect(url_for("careplan.entry", entry_id=entry.id))
    return _render_form(form, None, service)


@bp.get("/entries/<entry_id>")
@roles_required(*STAFF)
def entry(entry_id: str):
    found = _entry(entry_id)
    services.record_views([found], "entry")
    return render_template(
        "careplan/entry.html",
        entry=found,
        person=chosen_person(),
        need=vocabulary.need_label(found.need_term),
        outcome_choices=OUTCOME_CHOICES,
        search_args=services.directory_search_args(found),
    )


@bp.route("/entries/<entry_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_entry(entry_id: str):
    found = _entry(entry_id)
    form = _entry_form(found)
    if form.validate_on_submit():
        changed = services.update_entry(found, _details(form), confirmation=form.confirmation)
        flash("Changes saved." if changed else "Nothing had changed.")
        return redirect(url_for("careplan.entry", entry_id=found.id))
    if request.method == "GET":
        services.record_views([found], "edit")
    return _render_form(form, found, None)


# Services offered -------------------------------------------------------------------------


def _offer(entry: OtherNeedsEntry, offer_id: str) -> ServiceOffer:
    offer = services.get_offer(entry, offer_id)
    if offer is None:
        abort(404)
    return offer


@bp.post("/entries/<entry_id>/offers/<offer_id>/outcome")
@roles_required(*STAFF)
def change_outcome(entry_id: str, offer_id: str):
    found = _entry(entry_id)
    offer = _offer(found, offer_id)
    form = OutcomeForm()
    if form.validate_on_submit():
        if services.change_outcome(offer, OfferOutcome(form.outcome.data)):
            flash(f"{offer.service.name}: {offer.outcome.label.lower()}.")
    else:
        flash("Choose what happened from the list.")
    return redirect(url_for("careplan.entry", entry_id=found.id, _anchor="offers"))


@bp.post("/entries/<entry_id>/offers/<offer_id>/remove")
@roles_required(*STAFF)
def remove_offer(entry_id: str, offer_id: str):
    found = _entry(entry_id)
    offer = _offer(found, offer_id)
    name = offer.service.name
    services.remove_offer(offer)
    flash(f"{name} is no longer listed on this entry.")
    return redirect(url_for("careplan.entry", entry_id=found.id, _anchor="offers"))


@bp.post("/add-service")
@roles_required(*STAFF)
def add_service():
    """The "Add to an other-needs entry" button on search results and service pages."""
    service = _public_service(request.form.get("service_id"))
    if service is None:
        abort(404)
    return redirect(url_for("careplan.choose_entry", service_id=service.id))


@bp.route("/add-service/<service_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def choose_entry(service_id: str):
    service = _public_service(service_id)
    if service is None:
        abort(404)
    person = chosen_person()
    if person is None:
        return redirect(url_for("careplan.find_person", service=service.id))
    entries = services.entries_for_user_choice(person.pseudonym)
    form = ChooseEntryForm()
    form.entry_id.choices = [
        SelectChoice(e.id, vocabulary.need_label(e.need_term)) for e in entries
    ] + [SelectChoice(NEW_ENTRY, "A new entry")]
    if request.method == "GET" and len(entries) == 0:
        form.entry_id.data = NEW_ENTRY
    if form.validate_on_submit():
        if form.entry_id.data == NEW_ENTRY:
            return redirect(
                url_for("careplan.new_entry", service=service.id, outcome=form.outcome.data)
            )
        chosen = next(e for e in entries if e.id == form.entry_id.data)
        added = services.offer_services(chosen, [service], OfferOutcome(form.outcome.data))
        flash(
            f"{service.name} added to this entry."
            if added
            else f"{service.name} was already on this entry."
        )
        return redirect(url_for("careplan.entry", entry_id=chosen.id, _anchor="offers"))
    # Shown again with a mistake to correct is shown all the same.
    services.record_views(entries, "choice")
    return render_template(
        "careplan/choose.html", form=form, service=service, entries=entries, person=person
    )


# Summaries --------------------------------------------------------------------------------


@bp.get("/entries/<entry_id>/summary")
@roles_required(*STAFF)
def summary(entry_id: str):
    found = _entry(entry_id)
    services.record_views([found], "summary")
    return render_template(
        "careplan/summary.html",
        entry=found,
        need=vocabulary.need_label(found.need_term),
        text=epr_summary(found),
    )


@bp.get("/entries/<entry_id>/print")
@roles_required(*STAFF)
def handout(entry_id: str):
    found = _entry(entry_id)
    services.record_views([found], "print")
    listed, gone = services.handout_services(found)
    return render_template(
        "careplan/handout.html",
        entry=found,
        services=listed,
        gone=gone,
        need=vocabulary.need_label(found.need_term),
    )
