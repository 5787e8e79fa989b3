from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from knowledge.access import public, signed_in
from knowledge.accounts import bp, services
from knowledge.accounts.forms import ChangePasswordForm, SignInForm
from knowledge.extensions import limiter
from knowledge.security import safe_next


@bp.before_app_request
def end_expired_sessions():
    if current_user.is_authenticated:
        message = services.session_expiry_message()
        if message:
            reason = "idle" if message == services.IDLE_SIGN_OUT else "session too old"
            services.sign_out(current_user._get_current_object(), reason=reason)
            flash(message)
        else:
            services.mark_active()


@bp.app_context_processor
def _account_helpers() -> dict:
    return {"shows_staff_details": services.shows_staff_details}


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], methods=["POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.home"))
    form = SignInForm()
    if form.validate_on_submit():
        outcome = services.sign_in(form.email.data, form.password.data)
        if outcome.user is not None:
            return redirect(safe_next(request.args.get("next"), url_for("accounts.home")))
        if outcome.locked:
            return render_template("errors/429.html"), 429
        form.email.errors.append(services.SIGN_IN_REFUSED)
    return render_template("accounts/sign_in.html", form=form)


@bp.post("/sign-out")
@signed_in
def sign_out():
    services.sign_out(current_user._get_current_object())
    flash("You have signed out.")
    return redirect(url_for("accounts.sign_in"))


@bp.get("/staff")
@signed_in
def home():
    return render_template("accounts/home.html")


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        # The user object itself, not the current_user proxy: the service signs them in
        # again, and a proxy stored as the signed-in user would point at itself.
        problems = services.change_password(
            current_user._get_current_object(), form.current_password.data, form.new_password.data
        )
        if not problems:
            flash("Your password has been changed.")
            return redirect(url_for("accounts.home"))
        target = form.current_password if "current" in problems[0] else form.new_password
        target.errors.extend(problems)
    return render_template("accounts/change_password.html", form=form)
