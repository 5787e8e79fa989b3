from flask import abort, flash, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from knowledge.access import roles_required
from knowledge.accounts import services as accounts
from knowledge.admin import bp
from knowledge.admin.forms import AuditFilterForm, NewAccountForm, ResetPasswordForm, RolesForm
from knowledge.audit.services import AuditFilter, audit_actions, audit_events
from knowledge.extensions import db
from knowledge.models import Role, User

AUDIT_PER_PAGE = 50


def _account(user_id: str) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/users")
@roles_required(Role.ADMIN)
def users():
    return render_template("admin/users.html", users=accounts.all_accounts())


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_user():
    form = NewAccountForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_account(
                form.email.data,
                form.display_name.data,
                form.chosen_roles(),
                form.temporary_password.data,
            )
        except accounts.AccountError as error:
            message = str(error)
            field = (
                form.email
                if "email" in message
                else form.display_name
                if "Name" in message
                else form.temporary_password
            )
            field.errors.append(message)
        else:
            flash(f"Account created for {user.email}.")
            return redirect(url_for("admin.user", user_id=user.id))
    return render_template("admin/new_user.html", form=form)


@bp.get("/users/<user_id>")
@roles_required(Role.ADMIN)
def user(user_id: str):
    account = _account(user_id)
    roles_form = RolesForm(roles=[r.value for r in account.roles])
    return render_template(
        "admin/user.html", account=account, roles_form=roles_form, reset_form=ResetPasswordForm()
    )


@bp.post("/users/<user_id>/roles")
@roles_required(Role.ADMIN)
def change_roles(user_id: str):
    account = _account(user_id)
    roles_form = RolesForm()
    if roles_form.validate_on_submit():
        try:
            accounts.change_roles(account, roles_form.chosen_roles())
        except accounts.AccountError as error:
            roles_form.roles.errors.append(str(error))
        else:
            flash("Roles changed.")
            return redirect(url_for("admin.user", user_id=account.id))
    return render_template(
        "admin/user.html", account=account, roles_form=roles_form, reset_form=ResetPasswordForm()
    ), 400


@bp.post("/users/<user_id>/disable")
@roles_required(Role.ADMIN)
def disable_user(user_id: str):
    account = _account(user_id)
    try:
        accounts.set_enabled(account, False)
    except accounts.AccountError as error:
        flash(str(error))
    else:
        flash(f"{account.email} can no longer sign in.")
    return redirect(url_for("admin.user", user_id=account.id))


@bp.post("/users/<user_id>/enable")
@roles_required(Role.ADMIN)
def enable_user(user_id: str):
    account = _account(user_id)
    accounts.set_enabled(account, True)
    flash(f"{account.email} can sign in again.")
    return redirect(url_for("admin.user", user_id=account.id))


@bp.post("/users/<user_id>/reset-password")
@roles_required(Role.ADMIN)
def reset_password(user_id: str):
    account = _account(user_id)
    reset_form = ResetPasswordForm()
    if reset_form.validate_on_submit():
        try:
            accounts.reset_password(account, reset_form.temporary_password.data)
        except accounts.AccountError as error:
            reset_form.temporary_password.errors.append(str(error))
        else:
            flash("Password reset. They must choose a new one when they next sign in.")
            return redirect(url_for("admin.user", user_id=account.id))
    roles_form = RolesForm(roles=[r.value for r in account.roles])
    return render_template(
        "admin/user.html", account=account, roles_form=roles_form, reset_form=reset_form
    ), 400


@bp.get("/audit")
@roles_required(Role.ADMIN)
def audit():
    form = AuditFilterForm(request.args)
    form.action.choices = [SelectChoice("", "Any event")] + [
        SelectChoice(a) for a in audit_actions()
    ]
    filters = AuditFilter()
    if form.validate():
        filters = AuditFilter(
            action=form.action.data or "",
            actor_email=form.actor_email.data or "",
            date_from=form.date_from.data,
            date_to=form.date_to.data,
        )
    try:
        page = max(1, int(request.args.get("page", 1)))
    except ValueError:
        page = 1
    events, total = audit_events(filters, page, AUDIT_PER_PAGE)
    return render_template(
        "admin/audit.html",
        form=form,
        events=events,
        total=total,
        page=page,
        pages=max(1, -(-total // AUDIT_PER_PAGE)),
    )
