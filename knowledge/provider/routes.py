from flask import (
    Response,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)

from knowledge.access import public
from knowledge.curation import update_requests
from knowledge.directory.services import opening_times
from knowledge.extensions import limiter
from knowledge.provider import bp
from knowledge.provider.forms import CONFIRMED, ProviderUpdateForm


def _limit() -> str:
    return current_app.config["PROVIDER_UPDATE_LIMIT_PER_ADDRESS"]


@bp.route("/<token>", methods=["GET", "POST"])
@public
@limiter.limit(_limit, methods=["POST"])
def update_entry(token: str):
    update_request = update_requests.usable_request(token)
    if update_request is None:
        return _link_not_working()
    service = update_request.service
    current = update_requests.provider_view(service)
    if request.method == "POST":
        # Read against the entry as their page showed it, which the officer may have edited
        # since; a page without it (or altered) is read against the entry as it is now.
        shown = update_requests.shown_view(request.form.get("shown"), update_request) or current
        form = ProviderUpdateForm(shown)
    else:
        shown = current
        form = ProviderUpdateForm.prefilled(current)
    form.shown.data = update_requests.sign_shown(update_request, shown)
    if form.validate_on_submit():
        # An automated form-filler is thanked and forgotten; the link still works for the
        # provider. A link used in another tab meanwhile keeps its first answer.
        if not form.looks_automated and not update_requests.record_answer(
            update_request,
            form.proposed(),
            confirmed=form.confirmed.data == CONFIRMED,
            comments=form.comments.data,
            seen=shown,
        ):
            return _link_not_working()
        return redirect(url_for("provider.thanks"))
    return _private(
        render_template(
            "provider/update.html",
            form=form,
            service=service,
            opening_times=opening_times(service),
            expires_on=update_requests.local_date(update_request.expires_at),
        )
    )


@bp.get("/thank-you")
@public
def thanks():
    return render_template("provider/thanks.html")


def _link_not_working() -> Response:
    """Unknown, used and expired links get the same page and the same 404, so a guessed link
    learns nothing: not whether it ever existed, nor what it was for."""
    return _private(make_response(render_template("provider/link_not_working.html"), 404))


def _private(response) -> Response:
    """The address holds the one-time token: keep it out of caches, search engines and the
    Referer header (even to this site's own stylesheet, whose requests are logged)."""
    response = make_response(response)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
