from flask import abort, current_app, redirect, render_template, url_for
from flask_login import current_user

from knowledge.access import public
from knowledge.directory.services import get_public_service
from knowledge.extensions import limiter
from knowledge.suggestions import bp, services
from knowledge.suggestions.forms import ReportProblemForm, SuggestServiceForm


def _limit() -> str:
    return current_app.config["SUGGESTION_LIMIT_PER_ADDRESS"]


@bp.route("/services/<service_id>/report", methods=["GET", "POST"])
@public
@limiter.limit(_limit, methods=["POST"])
def report_problem(service_id: str):
    service = get_public_service(service_id)
    if service is None:
        abort(404)
    form = ReportProblemForm()
    if form.validate_on_submit():
        if not form.looks_automated:
            services.report_problem(
                service,
                form.topic.data,
                form.details.data,
                form.reply_email.data,
                from_staff=current_user.is_authenticated,
            )
        return redirect(url_for("suggestions.thanks", service_id=service.id))
    return render_template("suggestions/report.html", form=form, service=service)


@bp.route("/suggest-a-service", methods=["GET", "POST"])
@public
@limiter.limit(_limit, methods=["POST"])
def suggest_service():
    form = SuggestServiceForm()
    if form.validate_on_submit():
        if not form.looks_automated:
            services.suggest_service(
                form.service_name.data,
                form.details.data,
                form.reply_email.data,
                from_staff=current_user.is_authenticated,
            )
        return redirect(url_for("suggestions.thanks"))
    return render_template("suggestions/suggest.html", form=form)


@bp.get("/thank-you")
@public
def thanks():
    return render_template("suggestions/thanks.html")
