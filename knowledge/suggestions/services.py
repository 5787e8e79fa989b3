"""Reports of problems with entries and suggested services, and the officer's queue of them."""

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from knowledge.audit.services import record
from knowledge.clock import utc_now
from knowledge.extensions import db
from knowledge.models import (
    Service,
    Suggestion,
    SuggestionKind,
    SuggestionState,
    SuggestionTopic,
)


def report_problem(
    service: Service, topic: str, details: str, reply_email: str | None, *, from_staff: bool
) -> Suggestion:
    return _receive(
        Suggestion(
            kind=SuggestionKind.PROBLEM,
            topic=SuggestionTopic(topic),
            service_id=service.id,
            details=details.strip(),
            reply_email=(reply_email or "").strip() or None,
            from_staff=from_staff,
        )
    )


def suggest_service(
    service_name: str, details: str, reply_email: str | None, *, from_staff: bool
) -> Suggestion:
    return _receive(
        Suggestion(
            kind=SuggestionKind.NEW_SERVICE,
            topic=SuggestionTopic.NEW_SERVICE,
            service_name=service_name.strip(),
            details=details.strip(),
            reply_email=(reply_email or "").strip() or None,
            from_staff=from_staff,
        )
    )


def _receive(suggestion: Suggestion) -> Suggestion:
    db.session.add(suggestion)
    db.session.flush()
    record("suggestion.received", target=suggestion, details={"kind": suggestion.kind.value})
    db.session.commit()
    return suggestion


def suggestions(state: str = "new") -> list[Suggestion]:
    query = (
        select(Suggestion)
        .options(selectinload(Suggestion.service))
        .order_by(Suggestion.received_at.desc())
    )
    if state in {s.value for s in SuggestionState}:
        query = query.where(Suggestion.state == SuggestionState(state))
    return list(db.session.scalars(query.limit(500)))


def count_new() -> int:
    return db.session.scalar(
        select(func.count()).select_from(Suggestion).where(Suggestion.state == SuggestionState.NEW)
    )


def get_suggestion(suggestion_id: str) -> Suggestion | None:
    return db.session.get(Suggestion, suggestion_id)


def close_suggestion(suggestion: Suggestion, state: SuggestionState, note: str, handler) -> None:
    """Mark it actioned or dismissed, with the officer's note. The reply address goes: it was
    given only so the officer could answer."""
    suggestion.state = state
    suggestion.note = note.strip() or None
    suggestion.handled_at = utc_now()
    suggestion.handled_by_email = handler.email
    suggestion.reply_email = None
    record(f"suggestion.{state.value}", target=suggestion)
    db.session.commit()
