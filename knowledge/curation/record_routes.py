"""The officer's pages for organisations, places, contacts and vocabulary terms."""

from flask import abort, flash, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from knowledge.access import roles_required
from knowledge.curation import bp, duplicates, records, services, versions
from knowledge.curation.forms import (
    ContactsForm,
    LocationForm,
    OrganisationForm,
    TermForm,
    phone_lines_text,
)
from knowledge.curation.routes import CURATORS
from knowledge.domain.text import blank_to_none
from knowledge.extensions import db
from knowledge.models import Location, Organisation, Service, TaxonomyTerm


def _organisation(organisation_id: str) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        abort(404)
    return organisation


def _service(service_id: str) -> Service:
    service = services.get_service(service_id)
    if service is None:
        abort(404)
    return service


# Organisations -------------------------------------------------------------------------------


@bp.get("/organisations")
@roles_required(*CURATORS)
def organisation_list():
    text = request.args.get("q", "")
    page = max(1, request.args.get("page", 1, type=int))
    found, total = records.find_organisations(text, page)
    return render_template(
        "curation/organisations.html",
        organisations=found,
        total=total,
        page=page,
        pages=max(1, -(-total // records.ORGANISATIONS_PER_PAGE)),
        q=text,
    )


@bp.route("/organisations/new", methods=["GET", "POST"])
@roles_required(*CURATORS)
def new_organisation():
    form = OrganisationForm()
    matches: list = []
    if form.validate_on_submit():
        values = form.values()
        matches = duplicates.organisations_like(values["name"], values["charity_number"])
        if not matches or form.not_a_duplicate.data:
            organisation = records.create_organisation(values)
            flash(f"{organisation.name} added. You can now add its services.")
            return redirect(url_for("curation.edit_organisation", organisation_id=organisation.id))
    return render_template(
        "curation/organisation.html", form=form, organisation=None, matches=matches
    )


@bp.route("/organisations/<organisation_id>", methods=["GET", "POST"])
@roles_required(*CURATORS)
def edit_organisation(organisation_id: str):
    organisation = _organisation(organisation_id)
    if request.method == "GET":
        form = OrganisationForm(obj=organisation)
        form.phone.data = records.organisation_phone(organisation)
    else:
        form = OrganisationForm()
    matches: list = []
    if form.validate_on_submit():
        values = form.values()
        if values["charity_number"] and values["charity_number"] != organisation.charity_number:
            # A charity number another entry already has: the same organisation twice?
            matches = [
                (other, reasons)
                for other, reasons in duplicates.organisations_like(
                    values["name"], values["charity_number"], exclude_id=organisation.id
                )
                if "Same charity number" in reasons
            ]
        if not matches or form.not_a_duplicate.data:
            changed = records.update_organisation(organisation, values)
            flash("Changes saved." if changed else "Nothing had changed.")
            return redirect(url_for("curation.edit_organisation", organisation_id=organisation.id))
    return render_template(
        "curation/organisation.html",
        form=form,
        organisation=organisation,
        matches=matches,
        services=records.organisation_services(organisation),
    )


# Places --------------------------------------------------------------------------------------


@bp.get("/services/<service_id>/places")
@roles_required(*CURATORS)
def places(service_id: str):
    service = _service(service_id)
    linked = {sal.location_id for sal in service.service_at_locations}
    return render_template(
        "curation/places.html",
        service=service,
        others=[
            location
            for location in records.organisation_locations(service.organisation_id)
            if location.id not in linked
        ],
        sharing={
            sal.location_id: len(records.services_at(sal.location))
            for sal in service.service_at_locations
        },
    )


def _location_form(location: Location | None) -> LocationForm:
    form = LocationForm(obj=location) if location and request.method == "GET" else LocationForm()
    form.accessibility.choices = [SelectChoice(f, f) for f in records.ACCESS_FEATURES]
    if location is not None and request.method == "GET":
        form.accessibility.data, form.other_accessibility.data = records.access_values(location)
    return form


def _edit_place(service: Service, location: Location | None):
    form = _location_form(location)
    if form.validate_on_submit():
        _, changed = records.save_location(
            location,
            form.values(),
            form.accessibility.data,
            form.other_accessibility.data,
            service,
        )
        flash("Place saved." if changed else "Nothing had changed.")
        return redirect(url_for("curation.places", service_id=service.id))
    return render_template(
        "curation/place.html",
        form=form,
        service=service,
        location=location,
        sharing=records.services_at(location) if location else [],
    )


@bp.route("/services/<service_id>/places/new", methods=["GET", "POST"])
@roles_required(*CURATORS)
def new_place(service_id: str):
    return _edit_place(_service(service_id), None)


@bp.route("/services/<service_id>/places/<location_id>", methods=["GET", "POST"])
@roles_required(*CURATORS)
def edit_place(service_id: str, location_id: str):
    service = _service(service_id)
    location = db.session.get(Location, location_id)
    if location is None or location_id not in {
        sal.location_id for sal in service.service_at_locations
    }:
        abort(404)
    return _edit_place(service, location)


@bp.post("/services/<service_id>/places/link")
@roles_required(*CURATORS)
def link_place(service_id: str):
    service = _service(service_id)
    location = db.session.get(Location, request.form.get("location_id", ""))
    allowed = {loc.id for loc in records.organisation_locations(service.organisation_id)}
    if location is None or location.id not in allowed:
        abort(404)
    records.link_location(service, location)
    flash(f"Added {location.name}.")
    return redirect(url_for("curation.places", service_id=service.id))


@bp.post("/services/<service_id>/places/<location_id>/unlink")
@roles_required(*CURATORS)
def unlink_place(service_id: str, location_id: str):
    service = _service(service_id)
    if not records.unlink_location(service, location_id):
        abort(404)
    flash("Removed the place from this service. The place itself is kept.")
    return redirect(url_for("curation.places", service_id=service.id))


# Contacts ------------------------------------------------------------------------------------


@bp.route("/services/<service_id>/contacts", methods=["GET", "POST"])
@roles_required(*CURATORS)
def contacts(service_id: str):
    service = _service(service_id)
    if request.method == "GET":
        rows = [
            {"name": name, "title": title, "email": email, "phones": phone_lines_text(phones)}
            for name, title, email, phones in versions.contact_entries(service.contacts)
        ]
        form = ContactsForm(data={"contacts": rows or [{}]})
    else:
        form = ContactsForm()
    if request.method == "POST" and "add" in request.form:
        form.contacts.append_entry()
        return render_template("curation/contacts.html", form=form, service=service)
    if form.validate_on_submit():
        kept = [
            records.ContactChange(
                name=row.form.name.data.strip(),
                title=blank_to_none(row.form.title.data),
                email=blank_to_none(row.form.email.data),
                phones=row.form.phone_entries(),
            )
            for row in form.contacts
            if not row.form.is_blank
        ]
        changed = records.update_contacts(service, kept)
        flash("Contacts saved." if changed else "Nothing had changed.")
        return redirect(url_for("curation.edit_service", service_id=service.id))
    return render_template("curation/contacts.html", form=form, service=service)


# Vocabulary terms ----------------------------------------------------------------------------


def _term(term_id: str) -> TaxonomyTerm:
    term = db.session.get(TaxonomyTerm, term_id)
    if term is None:
        abort(404)
    return term


@bp.get("/terms")
@roles_required(*CURATORS)
def term_list():
    return render_template("curation/terms.html", terms=records.terms_by_taxonomy())


@bp.route("/terms/<term_id>", methods=["GET", "POST"])
@roles_required(*CURATORS)
def edit_term(term_id: str):
    term = _term(term_id)
    form = TermForm(obj=term) if request.method == "GET" else TermForm()
    if form.validate_on_submit():
        changed = records.update_term(
            term, form.name.data.strip(), blank_to_none(form.description.data)
        )
        flash("Term saved." if changed else "Nothing had changed.")
        return redirect(url_for("curation.term_list"))
    return render_template(
        "curation/term.html",
        form=form,
        term=term,
        parent=term.parent,
        used=records.term_usage(term),
    )


@bp.route("/terms/<term_id>/new", methods=["GET", "POST"])
@roles_required(*CURATORS)
def new_term(term_id: str):
    """A narrower term under `term_id`: need domains take sub-needs, not deeper."""
    parent = _term(term_id)
    if parent.parent_id is not None:
        abort(404)
    form = TermForm()
    if form.validate_on_submit():
        term = records.add_term(
            parent, form.name.data.strip(), blank_to_none(form.description.data)
        )
        flash(f"Added “{term.name}” under {parent.name}.")
        return redirect(url_for("curation.term_list"))
    return render_template("curation/term.html", form=form, term=None, parent=parent, used=0)
