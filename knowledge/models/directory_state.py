"""When the directory last changed, as committed: the open API's Last-Modified.

One row, moved on by every commit that adds, changes or removes a directory record (the
models in DIRECTORY_MODELS, object by object or by an UPDATE/DELETE/INSERT statement through
the session; a service's terms show as a changed service), staff-only fields included: a
needless move costs a client one full answer, a missed one would hide a change. Sign-ins,
audit rows, helpline and care-plan records never move it. The API reads it before anything
else an answer reads, so a Last-Modified is never later than the body sent with it.

Why a row, and why at commit
----------------------------
A row's own `last_modified` is stamped when it is flushed: a long transaction (a feed import)
flushed at T−δ and committed after another stamped at T would sit below a Last-Modified
already sent, and a client asking If-Modified-Since would be told, wrongly, that nothing had
changed. Here the stamp is taken in `before_commit`, the last thing the transaction does,
after locking this row (SELECT … FOR UPDATE on PostgreSQL; SQLite lets one writer at a time
hold the database, and this connection already holds it). A second committing transaction
waits for the first to commit before it can read the row, so it takes its stamp after that
commit: stamps follow commit order, and never go back (the later of the row's value and the
clock, whatever the clocks of several app servers say).
"""

from collections.abc import Callable
from datetime import UTC, datetime

from flask import has_app_context
from sqlalchemy import CheckConstraint, DateTime, Integer, String, event, insert, select
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, SessionTransaction, mapped_column

from knowledge import clock
from knowledge.models.base import Base
from knowledge.models.directory import (
    Accessibility,
    Area,
    Contact,
    CostOption,
    Language,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    service_taxonomy_term,
)

DIRECTORY_MODELS = (
    Accessibility,
    Area,
    Contact,
    CostOption,
    Language,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
DIRECTORY_TABLES = frozenset(
    {model.__table__.name for model in DIRECTORY_MODELS} | {service_taxonomy_term.name}
)
THE_ROW = 1
_CHANGED = "directory_changed"
# Called as fn(session, version, changed_at) while a transaction that changed the directory
# commits, holding the row: for records that must carry that commit's version.
_on_version: list[Callable[[Session, int, datetime], None]] = []


def on_new_version(fn: Callable[[Session, int, datetime], None]) -> None:
    if fn not in _on_version:
        _on_version.append(fn)


class DirectoryState(Base):
    __tablename__ = "directory_state"
    __table_args__ = (CheckConstraint(f"id = {THE_ROW}", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Counts committed changes: for a reader that wants to know "did anything change", not when.
    version: Mapped[int] = mapped_column(Integer)
    # search_change rows up to this version have been cleared away: a search index that holds
    # less than this must be rebuilt rather than caught up (knowledge/directory/indexing.py).
    search_log_floor: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SearchChange(Base):
    """A service whose search document a committed change may have altered, at the directory
    version that commit took: the log every app server's search index follows.

    Versions follow commit order (see above), so a reader that has applied everything up to
    version N and then reads the rows above N misses nothing: a transaction still committing
    holds the row lock, and no later version exists until it has committed."""

    __tablename__ = "search_change"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # No foreign key: a service removed for good is logged too, so indexes drop it.
    service_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


def _now() -> datetime:
    """The app's clock (tests fix it); outside the app (a script), the system's."""
    return clock.utc_now() if has_app_context() else datetime.now(UTC)


@event.listens_for(DirectoryState.__table__, "after_create")
def _seed_the_row(table, connection, **_kw) -> None:
    # The migration seeds it too (0008_feed_sources); this is for create_all (tests, scripts).
    connection.execute(
        insert(table).values(id=THE_ROW, changed_at=_now(), version=0, search_log_floor=0)
    )


def _touches_directory(session: Session) -> bool:
    added_or_removed = (*session.new, *session.deleted)
    return any(isinstance(obj, DIRECTORY_MODELS) for obj in added_or_removed) or any(
        isinstance(obj, DIRECTORY_MODELS) and session.is_modified(obj) for obj in session.dirty
    )


@event.listens_for(Session, "before_flush")
def _note_directory_changes(session: Session, _flush_context, _instances) -> None:
    if _touches_directory(session):
        session.info[_CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_changes(execute: ORMExecuteState) -> None:
    """An UPDATE, DELETE or INSERT statement run through the session (not object by object)."""
    writes = execute.is_update or execute.is_delete or execute.is_insert
    table = getattr(execute.statement, "table", None)
    if writes and table is not None and table.name in DIRECTORY_TABLES:
        execute.session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _move_on_when_the_directory_changed(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the whole transaction commits later, and is stamped then
    session.flush()  # what is still pending is noted by the flush hook above
    if not session.info.get(_CHANGED):
        return
    state = session.scalars(
        select(DirectoryState).where(DirectoryState.id == THE_ROW).with_for_update()
    ).first()
    if state is None:  # the row was removed by hand: put it back
        state = DirectoryState(id=THE_ROW, changed_at=_now(), version=0, search_log_floor=0)
        session.add(state)
    now = _now()
    state.changed_at = max(clock.as_utc(state.changed_at), now)
    state.version += 1
    for fn in _on_version:
        fn(session, state.version, state.changed_at)
    session.flush()


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_CHANGED, None)
