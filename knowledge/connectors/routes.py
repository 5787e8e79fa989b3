""" "Who can help in my area?" for staff (and, for the roles marked public, everyone), and the
officer's pages to record the roles."""

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user

from knowledge.access import public, roles_required
from knowledge.accounts.services import shows_staff_details
from knowledge.clock import local_now
from knowledge.connectors import bp, coverage, services, versions
from knowledge.connectors.forms import ConnectorRoleForm
from knowledge.models import PublicationState, Role
from knowledge.models.connectors import ROLE_TYPE_ORDER, ConnectorRole

# The Community Knowledge Officer's role, as for the directory's own curation pages.
CURATORS = (Role.HELPLINE,)
# The place a staff member last looked at, kept for their session so the page opens on it.
CHOSEN_PLACE = "connector_place"


@bp.get("/who-can-help")
@public
def find():
    """Pick a GP practice, neighbourhood or district; see the roles that cover it, by type.
    Staff see every published role; anyone else only those marked public."""
    staff = shows_staff_details(current_user)
    key = request.args.get("place", "")
    if not key and staff and "change" not in request.args:
        key = session.get(CHOSEN_PLACE, "")
    place = coverage.find_place(key) if key else None
    if key and place is None and "place" in request.args:
        abort(404)
    groups = coverage.covering(place, public_only=not staff) if place else []
    if place and staff:
        session[CHOSEN_PLACE] = place.key
    region, districts = services.places()
    return render_template(
        "connectors/find.html",
        place=place,
        groups=groups,
        staff=staff,
        region=region,
        districts=districts,
    )


# The officer's pages ----------------------------------------------------------------------------


def _role(role_id: str) -> ConnectorRole:
    role = services.get_role(role_id)
    if role is None:
        abort(404)
    return role


def _form_with_choices(form: ConnectorRoleForm) -> ConnectorRoleForm:
    form.organisation_id.choices = services.organisation_choices()
    form.areas.choices = services.area_choices()
    form.practices.choices = services.practice_choices()
    return form


@bp.get("/curate/connectors")
@roles_required(*CURATORS)
def role_list():
    role_type = request.args.get("type", "")
    state = request.args.get("state", "")
    today = local_now().date()
    due = request.args.get("due") == "y"
    return render_template(
        "connectors/roles.html",
        roles=services.all_roles(role_type, state, due_on=today if due else None),
        check_due=lambda role: services.check_due(role, today),
        due=due,
        role_types=ROLE_TYPE_ORDER,
        states=list(PublicationState),
        role_type=role_type,
        state=state,
    )


@bp.route("/curate/connectors/new", methods=["GET", "POST"])
@roles_required(*CURATORS)
def new_role():
    form = _form_with_choices(ConnectorRoleForm())
    if form.validate_on_submit():
        role = services.create_role(form.values())
        flash(f"{role.title} added as a draft. Publish it when it is ready for staff to see.")
        return redirect(url_for("connectors.edit_role", role_id=role.id))
    return render_template("connectors/role.html", form=form, role=None)


@bp.route("/curate/connectors/<role_id>", methods=["GET", "POST"])
@roles_required(*CURATORS)
def edit_role(role_id: str):
    role = _role(role_id)
    if request.method == "GET":
        form = _form_with_choices(ConnectorRoleForm(obj=role))
        form.role_type.data = role.role_type.value
        form.areas.data = [a.code for a in role.areas]
        form.practices.data = [p.code for p in role.practices]
    else:
        form = _form_with_choices(ConnectorRoleForm())
    if form.validate_on_submit():
        changed = services.update_role(role, form.values())
        flash("Changes saved." if changed else "Nothing had changed.")
        return redirect(url_for("connectors.edit_role", role_id=role.id))
    return render_template("connectors/role.html", form=form, role=role)


@bp.post("/curate/connectors/<role_id>/publication")
@roles_required(*CURATORS)
def set_publication(role_id: str):
    role = _role(role_id)
    try:
        state = PublicationState(request.form.get("state", ""))
    except ValueError:
        abort(400)
    services.set_publication(role, state)
    flash(
        {
            PublicationState.PUBLISHED: "Published: staff can find it now.",
            PublicationState.DRAFT: "Back to draft: only the helpline can see it.",
            PublicationState.ARCHIVED: "Archived: nobody but the helpline can see it.",
        }[state]
    )
    return redirect(url_for("connectors.edit_role", role_id=role.id))


@bp.post("/curate/connectors/<role_id>/checked")
@roles_required(*CURATORS)
def mark_checked(role_id: str):
    services.mark_checked(_role(role_id))
    flash("Marked as checked today.")
    return redirect(url_for("connectors.edit_role", role_id=role_id))


@bp.get("/curate/connectors/<role_id>/history")
@roles_required(*CURATORS)
def role_history(role_id: str):
    role = _role(role_id)
    return render_template("connectors/history.html", role=role, versions=versions.history(role))
