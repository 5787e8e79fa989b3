"""Asking providers to check their entries, and approving or rejecting what they send back."""

from flask import abort, flash, redirect, render_template, request, url_for

from knowledge.access import roles_required
from knowledge.curation import bp, update_requests
from knowledge.curation.routes import CURATORS
from knowledge.curation.update_forms import RejectUpdateForm
from knowledge.models import UpdateRequest, UpdateRequestState
from knowledge.security import safe_next


@bp.post("/update-requests")
@roles_required(*CURATORS)
def request_updates():
    service_ids = request.form.getlist("service_id")
    back = safe_next(request.form.get("next"), url_for("curation.review_queue"))
    if not service_ids:
        flash("Choose at least one service to ask for an update.")
    elif len(set(service_ids)) > update_requests.MOST_AT_ONCE:
        flash(f"Choose {update_requests.MOST_AT_ONCE} services or fewer at a time.")
    else:
        for message in _outcome_messages(update_requests.request_updates(service_ids)):
            flash(message)
    return redirect(back)


def _outcome_messages(outcome: update_requests.RequestOutcome) -> list[str]:
    said = [
        (outcome.sent, "Asked for an update (email sent): {}."),
        (outcome.waiting, "Not sent, because a link sent earlier still works: {}."),
        (outcome.answered, "Not sent, because the provider's answer is waiting for you: {}."),
        (
            outcome.no_email,
            "Not sent, because there is no email address for: {}. Phone them, or add an "
            "email address to the entry.",
        ),
        (outcome.failed, "Not sent, because the mail server did not take it: {}. Try again later."),
        (
            outcome.unwritable,
            "Not sent, because the email could not be made from the entry: {}. Check its name "
            "and email address.",
        ),
    ]
    return [message.format(", ".join(names)) for names, message in said if names]


@bp.get("/update-requests")
@roles_required(*CURATORS)
def update_request_list():
    state = request.args.get("state", "answered")
    state = state if state in update_requests.STATE_FILTERS else "answered"
    return render_template(
        "curation/update_requests.html",
        requests=update_requests.update_requests(state),
        state=state,
    )


def _update_request(request_id: str) -> UpdateRequest:
    update_request = update_requests.get_update_request(request_id)
    if update_request is None:
        abort(404)
    return update_request


def _show(update_request: UpdateRequest, form: RejectUpdateForm):
    answer = update_requests.review(update_request) if update_request.response else None
    return render_template(
        "curation/update_request.html",
        update_request=update_request,
        answer=answer,
        form=form,
        expires_on=update_requests.local_date(update_request.expires_at),
    )


@bp.get("/update-requests/<request_id>")
@roles_required(*CURATORS)
def update_request(request_id: str):
    return _show(_update_request(request_id), RejectUpdateForm())


ALREADY_DECIDED = "That answer has already been dealt with."


@bp.post("/update-requests/<request_id>/approve")
@roles_required(*CURATORS)
def approve_update(request_id: str):
    changed = update_requests.approve(_update_request(request_id))
    if changed is None:
        flash(ALREADY_DECIDED)
    else:
        flash(
            "Approved. The entry is updated (a new version) and marked as checked today."
            if changed
            else "Approved. The entry is marked as checked today."
        )
    return redirect(url_for("curation.update_request", request_id=request_id))


@bp.post("/update-requests/<request_id>/reject")
@roles_required(*CURATORS)
def reject_update(request_id: str):
    update_request = _update_request(request_id)
    if update_request.state is not UpdateRequestState.ANSWERED:
        flash(ALREADY_DECIDED)
        return redirect(url_for("curation.update_request", request_id=request_id))
    form = RejectUpdateForm()
    if not form.validate_on_submit():
        return _show(update_request, form)
    if update_requests.reject(update_request, form.note.data):
        flash("Rejected. The entry has not changed.")
    else:
        flash(ALREADY_DECIDED)
    return redirect(url_for("curation.update_request", request_id=request_id))
