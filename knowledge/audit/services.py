"""Writing and reading the audit log.

`record` adds the event to the current session, so it commits (or rolls back) with the change
it describes: a change is never saved without its audit row, nor the other way round.
"""

import getpass
import socket
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import Select, func, select

from knowledge.extensions import db
from knowledge.models import AuditEvent, User


def record(
    action: str,
    *,
    target: object | None = None,
    actor: User | None = None,
    details: dict | None = None,
) -> AuditEvent:
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    event = AuditEvent(
        action=action,
        actor_id=actor.id if actor else None,
        actor_email=actor.email if actor else _command_line_actor(),
        target_type=type(target).__name__ if target is not None else None,
        target_id=getattr(target, "id", None),
        ip_address=request.remote_addr if has_request_context() else None,
        details=details or {},
    )
    db.session.add(event)
    return event


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    actor_email: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def apply(self, query: Select) -> Select:
        if self.action:
            query = query.where(AuditEvent.action == self.action)
        if self.actor_email:
            query = query.where(AuditEvent.actor_email == self.actor_email.strip().lower())
        if self.date_from:
            query = query.where(AuditEvent.occurred_at >= datetime.combine(self.date_from, time()))
        if self.date_to:
            end = datetime.combine(self.date_to + timedelta(days=1), time())
            query = query.where(AuditEvent.occurred_at < end)
        return query


def audit_events(filters: AuditFilter, page: int, per_page: int) -> tuple[list[AuditEvent], int]:
    query = filters.apply(select(AuditEvent))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    events = db.session.scalars(
        query.order_by(AuditEvent.id.desc()).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return list(events), total or 0


def audit_actions() -> list[str]:
    return list(
        db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))
    )


def _command_line_actor() -> str | None:
    """Who ran a `flask …` command: the operating-system account and host."""
    if has_request_context():
        return None
    return f"command line: {getpass.getuser()}@{socket.gethostname()}"
