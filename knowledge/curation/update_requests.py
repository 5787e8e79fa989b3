"""Asking providers to check their own entries, and the officer's decision on their answers.

The officer chooses entries; each provider gets an email with a one-time link (only a hash of
its token is stored). The provider confirms the entry or proposes changes; what they propose
waits here until the officer approves it, when it goes through the same versioned edit as any
change (knowledge.curation.services.apply_provider_update). Nothing a provider sends changes
the live entry, or the search index, by itself.
"""

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from flask import current_app, render_template
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import selectinload

from knowledge import mail
from knowledge.audit.services import record
from knowledge.clock import utc_now
from knowledge.curation import services, versions
from knowledge.directory.services import opening_times
from knowledge.domain.text import blank_to_none, one_line
from knowledge.extensions import db
from knowledge.models import Service, ServiceStatus, UpdateRequest, UpdateRequestState
from knowledge.urls import external_url

log = logging.getLogger(__name__)

# What a provider sees and may change: the public parts of the entry a provider knows best.
TEXT_FIELDS = (
    "name",
    "summary",
    "description",
    "email",
    "url",
    "eligibility_description",
    "referral_description",
    "schedule_notes",
)
PROVIDER_FIELDS = (*TEXT_FIELDS, "phones", "status")
LABELS = dict((*versions.SCALARS, *versions.LISTS))
# A provider says open, closed for now, or closed for good; inactive and defunct entries both
# show as closed, so an untouched answer never turns one into the other.
STATUS_LABELS = {
    ServiceStatus.ACTIVE.value: "Open",
    ServiceStatus.TEMPORARILY_CLOSED.value: "Temporarily closed",
    ServiceStatus.DEFUNCT.value: "Closed for good",
}
# One batch is one web request: keep it well inside a worker's time limit over SMTP.
MOST_AT_ONCE = 50
STATE_FILTERS = ("sent", "answered", "approved", "rejected", "all")


# Sending ------------------------------------------------------------------------------------


@dataclass
class RequestOutcome:
    """What became of each chosen entry, by service name, for the officer."""

    sent: list[str] = field(default_factory=list)
    no_email: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # a link is out and still works
    answered: list[str] = field(default_factory=list)  # an answer is waiting for the officer
    failed: list[str] = field(default_factory=list)  # the mail server did not take it
    unwritable: list[str] = field(default_factory=list)  # the email could not be made


def request_updates(service_ids: list[str]) -> RequestOutcome:
    """Email the provider of each chosen entry a link to check it. An entry whose provider
    already has a working link, or whose answer is waiting for the officer, gets no second
    email; an entry with no email address anywhere is reported by name."""
    outcome = RequestOutcome()
    chosen = db.session.scalars(
        select(Service)
        .where(Service.id.in_(service_ids))
        .options(selectinload(Service.contacts), selectinload(Service.organisation))
        .order_by(Service.name)
    ).all()
    open_requests = _open_requests([s.id for s in chosen])
    to_send: list[tuple[str, str, str]] = []
    for service in chosen:
        state = open_requests.get(service.id)
        if state is UpdateRequestState.SENT:
            outcome.waiting.append(service.name)
        elif state is UpdateRequestState.ANSWERED:
            outcome.answered.append(service.name)
        elif (address := recipient(service)) is None:
            outcome.no_email.append(service.name)
        else:
            to_send.append((service.id, service.name, address))
    _send_all(to_send, outcome)
    return outcome


def recipient(service: Service) -> str | None:
    """The first contact with an email address, else the service's, else the organisation's."""
    candidates = [c.email for c in service.contacts]
    candidates += [service.email, service.organisation.email if service.organisation else None]
    return next((a.strip() for a in candidates if mail.is_deliverable(a)), None)


def _open_requests(service_ids: list[str]) -> dict[str, UpdateRequestState]:
    rows = db.session.execute(
        select(UpdateRequest.service_id, UpdateRequest.state).where(
            UpdateRequest.service_id.in_(service_ids),
            or_(
                (UpdateRequest.state == UpdateRequestState.SENT)
                & (UpdateRequest.expires_at > utc_now()),
                UpdateRequest.state == UpdateRequestState.ANSWERED,
            ),
        )
    ).all()
    return {service_id: state for service_id, state in rows}


def _send_all(to_send: list[tuple[str, str, str]], outcome: RequestOutcome) -> None:
    remaining = list(to_send)
    try:
        with mail.connection() as deliver:
            while remaining:
                service_id, name, address = remaining.pop(0)
                sent = _send_one(db.session.get(Service, service_id), address, deliver)
                if sent is None:
                    outcome.unwritable.append(name)
                else:
                    (outcome.sent if sent else outcome.failed).append(name)
    except mail.MailError as error:
        log.error("update requests not sent: %s", error)
        outcome.failed.extend(name for _, name, _ in remaining)


def _send_one(
    service: Service, address: str, deliver: Callable[[EmailMessage], None]
) -> bool | None:
    """Store the request and send its email; the request is kept only if the mail server took
    the message, so a failure leaves nothing that would block trying again. True if sent,
    False if the mail server did not take it, None if the email could not be made.

    Earlier emails of the batch have gone by now: whatever goes wrong with this one is said
    about this entry alone, never a server error that hides what was sent."""
    token = secrets.token_urlsafe(32)
    now = utc_now()
    update_request = UpdateRequest(
        service_id=service.id,
        token_hash=_hash(token),
        sent_to=address,
        requested_by_email=current_user.email,
        requested_at=now,
        expires_at=_expiry(now),
    )
    db.session.add(update_request)
    db.session.flush()
    # The token is never written anywhere but the email: not here, not in the logs.
    record("update_request.sent", target=update_request, details={"service": service.id})
    try:
        message = _email(service, update_request, token)
    except Exception:
        db.session.rollback()
        log.exception("update request for service %s: the email could not be made", service.id)
        return None
    try:
        deliver(message)
    except mail.MailError as error:
        db.session.rollback()
        log.error("update request for service %s not sent: %s", service.id, error)
        return False
    db.session.commit()
    return True


def _email(service: Service, update_request: UpdateRequest, token: str) -> EmailMessage:
    helpline = current_app.config.get("HELPLINE_EMAIL") or current_user.email
    entry = provider_view(service)
    body = render_template(
        "curation/email/update_request.txt",
        service=service,
        entry=entry,
        opening_times=opening_times(service),
        status_label=STATUS_LABELS[entry["status"]],
        link=external_url("provider.update_entry", token=token),
        expires_on=local_date(update_request.expires_at),
        helpline=helpline,
    )
    return mail.new_message(
        to=update_request.sent_to,
        subject=f"Community Knowledge: please check your entry for {one_line(service.name)}",
        body=body,
        reply_to=helpline,
    )


def _expiry(now: datetime) -> datetime:
    """The end of the UK day UPDATE_REQUEST_DAYS from now, so the email can name a date
    without a time, and the link works all of that day."""
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    last_day = (now + timedelta(days=current_app.config["UPDATE_REQUEST_DAYS"])).astimezone(zone)
    return datetime.combine(last_day.date(), time(23, 59, 59), zone).astimezone(UTC)


def local_date(moment: datetime) -> date:
    return _as_utc(moment).astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()


def _as_utc(moment: datetime) -> datetime:
    """SQLite hands back stored UTC times without their time zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# The provider's answer ----------------------------------------------------------------------


def usable_request(token: str) -> UpdateRequest | None:
    """The request a link belongs to, if the link still works: not used, not expired."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(
        select(UpdateRequest)
        .where(
            UpdateRequest.token_hash == _hash(token),
            UpdateRequest.state == UpdateRequestState.SENT,
            UpdateRequest.expires_at > utc_now(),
        )
        .options(selectinload(UpdateRequest.service).selectinload(Service.phones))
    )


def provider_view(service: Service) -> dict:
    """The entry as the provider's form shows it, in the values the entry stores."""
    view: dict = {name: _clean(getattr(service, name)) for name in TEXT_FIELDS}
    view["phones"] = [[p.number, p.description] for p in service.phones]
    view["status"] = (
        service.status.value
        if service.status.value in STATUS_LABELS
        else ServiceStatus.DEFUNCT.value
    )
    return view


def proposed_changes(current: dict, proposed: dict) -> dict:
    """Only what the provider changed: the fields of `proposed` that differ from `current`,
    ignoring spaces at the ends and Windows line endings."""
    changes = {}
    for name in PROVIDER_FIELDS:
        if name not in proposed:
            continue
        if name == "phones":
            before, after = _clean_phones(current[name]), _clean_phones(proposed[name])
        elif name == "status":
            before, after = current[name], proposed[name]
        else:
            before, after = _clean(current[name]), _clean(proposed[name])
        if before != after:
            changes[name] = after
    return changes


# The entry as the provider's page showed it travels with their answer, signed, so their answer
# is compared with what they saw: an officer's edit made while the page was open is not a change
# of theirs, and approving the answer does not undo it.
SHOWN_SALT = "provider-update-shown"


def _shown_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SHOWN_SALT)


def sign_shown(update_request: UpdateRequest, view: dict) -> str:
    return _shown_serializer().dumps({"request": update_request.id, "view": view})


def shown_view(signed: str | None, update_request: UpdateRequest) -> dict | None:
    """The entry as this request's page showed it, if `signed` is what the page sent; None if
    it is missing, altered or from another request's page."""
    try:
        shown = _shown_serializer().loads(signed or "")
    except BadSignature:
        return None
    if not isinstance(shown, dict) or shown.get("request") != update_request.id:
        return None
    view = shown.get("view")
    if not isinstance(view, dict) or set(view) != set(PROVIDER_FIELDS):
        return None
    return view


def record_answer(
    update_request: UpdateRequest,
    proposed: dict,
    *,
    confirmed: bool,
    comments: str | None,
    seen: dict | None = None,
) -> bool:
    """Keep the provider's answer for the officer, and use up the link. False if the link was
    used, or ran out, in the meantime (a second tab, a double click): the first answer stands.
    Only what they changed from `seen`, the entry as their page showed it (by default, as it
    is now), is kept as their changes; `seen` is kept too, so the officer can see later edits."""
    seen = seen if seen is not None else provider_view(update_request.service)
    response = {
        "confirmed": confirmed,
        "changes": proposed_changes(seen, proposed),
        "comments": _clean(comments),
        "seen": seen,
    }
    now = utc_now()
    result = db.session.execute(
        update(UpdateRequest)
        .where(
            UpdateRequest.id == update_request.id,
            UpdateRequest.state == UpdateRequestState.SENT,
            UpdateRequest.expires_at > now,
        )
        .values(state=UpdateRequestState.ANSWERED, answered_at=now, response=response)
        # The commit below reloads it; comparing times in Python trips over SQLite's naive ones.
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        return False
    record(
        "update_request.answered",
        target=update_request,
        details={"confirmed": confirmed, "changed": sorted(response["changes"])},
    )
    db.session.commit()
    return True


def _clean(value: str | None) -> str | None:
    """As the entry keeps text: a browser sends a text area's line breaks as \\r\\n."""
    return blank_to_none(value and value.replace("\r\n", "\n"))


def _clean_phones(phones: list) -> list[list[str | None]]:
    return [[_clean(number), _clean(description)] for number, description in phones]


# The officer's queue ------------------------------------------------------------------------


@dataclass(frozen=True)
class ListedRequest:
    request: UpdateRequest
    status: str


def update_requests(state: str) -> list[ListedRequest]:
    query = (
        select(UpdateRequest)
        .options(selectinload(UpdateRequest.service))
        .order_by(UpdateRequest.requested_at.desc())
    )
    if state in {s.value for s in UpdateRequestState}:
        query = query.where(UpdateRequest.state == UpdateRequestState(state))
    now = utc_now()
    return [ListedRequest(r, _status(r, now)) for r in db.session.scalars(query.limit(500))]


def _status(update_request: UpdateRequest, now: datetime) -> str:
    if update_request.state is UpdateRequestState.SENT:
        expired = _as_utc(update_request.expires_at) <= now
        return "Expired" if expired else "Waiting for the provider"
    return {
        UpdateRequestState.ANSWERED: "Answered: waiting for you",
        UpdateRequestState.APPROVED: "Approved",
        UpdateRequestState.REJECTED: "Rejected",
    }[update_request.state]


def count_answered() -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(UpdateRequest)
        .where(UpdateRequest.state == UpdateRequestState.ANSWERED)
    )


def get_update_request(request_id: str) -> UpdateRequest | None:
    return db.session.get(UpdateRequest, request_id)


@dataclass(frozen=True)
class AnswerReview:
    """A provider's answer set against the entry, for the officer to decide on (or, once
    decided, against the entry as the provider saw it)."""

    confirmed: bool
    changes: list[versions.Change]  # before: the live entry (or as seen); after: the provider's
    compared_with: str  # what the "before" column is
    changed_since: list[str]  # labels of fields edited on the live entry since they answered
    comments: str | None


def review(update_request: UpdateRequest) -> AnswerReview:
    response = update_request.response or {}
    now = provider_view(update_request.service)
    proposed = response.get("changes", {})
    seen = {**now, **response.get("seen", {})}
    waiting = update_request.state is UpdateRequestState.ANSWERED
    before = now if waiting else seen
    return AnswerReview(
        confirmed=bool(response.get("confirmed")),
        changes=[
            versions.Change(LABELS[name], _describe(name, before[name]), _describe(name, value))
            for name, value in proposed.items()
            if name in PROVIDER_FIELDS
        ],
        compared_with="Now" if waiting else "When they answered",
        changed_since=[LABELS[name] for name in proposed_changes(seen, now)] if waiting else [],
        comments=response.get("comments"),
    )


def _describe(name: str, value) -> str:
    if name == "status":
        return STATUS_LABELS.get(value, str(value))
    return versions.describe(value)


def approve(update_request: UpdateRequest) -> bool | None:
    """Apply the provider's changes as a new version and mark the entry checked. True if the
    entry changed (an "everything is correct" answer only marks it checked); None if the
    answer had been approved or rejected meanwhile, when nothing is done."""
    changes = {
        k: v
        for k, v in (update_request.response or {}).get("changes", {}).items()
        if k in PROVIDER_FIELDS
    }
    if not _decide(update_request, UpdateRequestState.APPROVED, None):
        return None
    fields = {k: v for k, v in changes.items() if k in TEXT_FIELDS}
    if "status" in changes:
        fields["status"] = ServiceStatus(changes["status"])
    phones = [(n, d) for n, d in changes["phones"]] if "phones" in changes else None
    officer = current_user.display_name
    changed = services.apply_provider_update(
        update_request.service,
        fields,
        phones,
        assurer=f"The provider (update request), approved by {officer}"[:200],
    )
    record("update_request.approved", target=update_request, details={"changed": sorted(changes)})
    db.session.commit()
    return changed


def reject(update_request: UpdateRequest, note: str) -> bool:
    """Set the answer aside, with the officer's reason. The entry is not touched. False if the
    answer had been approved or rejected meanwhile."""
    if not _decide(update_request, UpdateRequestState.REJECTED, blank_to_none(note)):
        return False
    record("update_request.rejected", target=update_request)
    db.session.commit()
    return True


def _decide(update_request: UpdateRequest, state: UpdateRequestState, note: str | None) -> bool:
    """Claim the decision with one conditional UPDATE, as `record_answer` claims the link:
    of two decisions at once (a double click, two officers, approve against reject) only the
    first finds the answer still waiting; the other changes nothing. Not committed: the
    decision commits with what it does to the entry."""
    result = db.session.execute(
        update(UpdateRequest)
        .where(
            UpdateRequest.id == update_request.id,
            UpdateRequest.state == UpdateRequestState.ANSWERED,
        )
        .values(
            state=state,
            reviewed_at=utc_now(),
            reviewed_by_email=current_user.email,
            review_note=note,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        return False
    return True


def close_open_requests(service: Service, note: str, **details) -> None:
    """Set aside every request about `service` that is still open (a link that works, or an
    answer waiting), as the entry is going away; the caller commits. A link it closes no
    longer works, as if used."""
    open_requests = db.session.scalars(
        select(UpdateRequest).where(
            UpdateRequest.service_id == service.id,
            UpdateRequest.state.in_((UpdateRequestState.SENT, UpdateRequestState.ANSWERED)),
        )
    )
    for update_request in open_requests:
        update_request.state = UpdateRequestState.REJECTED
        update_request.reviewed_at = utc_now()
        update_request.reviewed_by_email = current_user.email
        update_request.review_note = note
        record("update_request.rejected", target=update_request, details=details)
