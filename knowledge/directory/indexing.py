"""Keeping the search index in step with the database, on every app server.

Each server (and each gunicorn worker) searches a Whoosh index on its own disk; none is shared
between servers. The database is the one truth they all follow:

1. Every flush notes which services it touched. When the transaction commits, it writes one
   `search_change` row per service at the directory version the commit takes
   (knowledge/models/directory_state.py), in the same transaction: the change and its log entry
   land together or not at all.
2. A follower in each process applies the rows above the version its index holds, reading each
   service as it is now (publishing, editing, retiring all come down to "re-read it"), then
   records the new version in the index. Versions follow commit order, so nothing is skipped.
   The process that committed catches up at once (an editor sees their own change straight
   away); a background thread does the same every SEARCH_FOLLOW_SECONDS for other servers'
   commits.
3. An index that is new, in an old format, or further behind than the log reaches (rows older
   than SEARCH_CHANGE_LOG_DAYS are cleared) is rebuilt aside and swapped in.
"""

import logging
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import delete, event, func, select
from sqlalchemy.orm import Session, selectinload

from knowledge import clock
from knowledge.domain.ages import age_groups
from knowledge.extensions import db
from knowledge.models import (
    Area,
    AreaKind,
    Location,
    Organisation,
    PublicationState,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)
from knowledge.models.base import chunks, new_id
from knowledge.models.directory import service_taxonomy_term
from knowledge.models.directory_state import (
    DIRECTORY_MODELS,
    THE_ROW,
    DirectoryState,
    SearchChange,
    on_new_version,
)
from knowledge.search import SHIPPED_SYNONYMS, Period, SearchIndex, ServiceDocument, Synonyms
from knowledge.search.generations import IndexBusy
from knowledge.search.index import IndexChanges

log = logging.getLogger(__name__)

PUBLIC_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)
_PENDING = "search_reindex_service_ids"
_LOGGED = "search_changes_logged"
# How long a commit waits for another writer of this server's index before leaving its change
# to the follower.
WAIT_FOR_WRITER_SECONDS = 10.0


def init_search(app: Flask) -> None:
    paths = [SHIPPED_SYNONYMS]
    if app.config.get("SEARCH_SYNONYMS_PATH"):
        paths.append(Path(app.config["SEARCH_SYNONYMS_PATH"]))
    index = SearchIndex(app.config["SEARCH_INDEX_PATH"], Synonyms.from_files(*paths))
    app.extensions["search_index"] = index
    _listen_once()
    follower = Follower(app, float(app.config["SEARCH_FOLLOW_SECONDS"]))
    app.extensions["search_follower"] = follower
    # Started by the first request each process serves, not here: gunicorn forks its workers
    # after loading the app, and a thread does not survive a fork. CLI commands never start it.
    app.before_request(follower.ensure_running)
    if index.needs_rebuild and not follower.interval:
        log.warning("search index is new or in an old format: run `flask search rebuild`")


def search_index() -> SearchIndex:
    return current_app.extensions["search_index"]


def public_services_query():
    return (
        select(Service)
        .where(Service.publication == PublicationState.PUBLISHED)
        .where(Service.status.in_(PUBLIC_STATUSES))
    )


SERVICE_DOCUMENT_LOADS = (
    selectinload(Service.organisation),
    selectinload(Service.taxonomy_terms).selectinload(TaxonomyTerm.taxonomy),
    selectinload(Service.taxonomy_terms)
    .selectinload(TaxonomyTerm.parent)
    .selectinload(TaxonomyTerm.parent),
    selectinload(Service.service_areas).selectinload(ServiceArea.area).selectinload(Area.children),
    selectinload(Service.service_areas).selectinload(ServiceArea.area).selectinload(Area.parent),
    selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location),
    selectinload(Service.schedules),
    selectinload(Service.cost_options),
)


def service_document(service: Service) -> ServiceDocument:
    need_terms = [t for t in service.taxonomy_terms if t.taxonomy.code == "need-domain"]
    types = [t for t in service.taxonomy_terms if t.taxonomy.code == "service-type"]
    areas = [sa.area for sa in service.service_areas]
    locations = service.locations
    closed = service.status is ServiceStatus.TEMPORARILY_CLOSED
    return ServiceDocument(
        id=service.id,
        name=service.name,
        organisation=service.organisation.name,
        summary=service.summary,
        description=service.description,
        term_names=tuple(t.name for t in service.taxonomy_terms)
        + tuple({t.top.name for t in need_terms}),
        places=tuple(dict.fromkeys([*(loc.city for loc in locations), *(a.name for a in areas)])),
        need_terms=tuple(dict.fromkeys(code for t in need_terms for code in (t.code, t.top.code))),
        need_domains=tuple(sorted({t.top.code for t in need_terms})),
        service_types=tuple(t.code for t in types),
        districts=tuple(sorted(districts_covered(areas))),
        age_groups=age_groups(service.minimum_age, service.maximum_age),
        free=service.is_free,
        referral_routes=referral_routes(service),
        temporarily_closed=closed,
        # A temporarily closed service is not "open now" or "open on Monday", whatever its hours.
        periods=()
        if closed
        else tuple(
            Period(s.freq, s.byday, s.opens_at, s.closes_at, s.valid_from, s.valid_to)
            for s in service.schedules
        ),
        points=tuple(
            (loc.latitude, loc.longitude)
            for loc in locations
            if loc.latitude is not None and loc.longitude is not None
        ),
    )


def districts_covered(areas: Iterable[Area]) -> set[str]:
    """A service for the whole region covers every district; one for a neighbourhood, its
    district (someone filtering by Charnwood wants the Loughborough group too)."""
    codes: set[str] = set()
    for area in areas:
        if area.kind is AreaKind.REGION:
            codes.update(child.code for child in area.children)
        elif area.kind is AreaKind.DISTRICT:
            codes.add(area.code)
        elif area.parent is not None:
            codes.add(area.parent.code)
    return codes


def referral_routes(service: Service) -> tuple[str, ...]:
    routes = {
        "self-referral": service.self_referral,
        "professional-referral": service.professional_referral,
        "drop-in": service.drop_in,
    }
    return tuple(code for code, offered in routes.items() if offered)


def rebuild_search_index() -> int:
    """Build a new index generation from the database and swap it in; searches carry on."""
    with Session(db.engine) as session:
        # The version first: whatever commits after it is logged above it, applied afterwards.
        version = session.scalar(select(DirectoryState.version).where(DirectoryState.id == THE_ROW))
        services = session.scalars(public_services_query().options(*SERVICE_DOCUMENT_LOADS))
        return search_index().rebuild((service_document(s) for s in services), version or 0)


def documents_for(session: Session, service_ids: set[str]) -> list[ServiceDocument]:
    documents = []
    for chunk in chunks(sorted(service_ids)):
        visible = session.scalars(
            public_services_query().where(Service.id.in_(chunk)).options(*SERVICE_DOCUMENT_LOADS)
        )
        documents.extend(service_document(s) for s in visible)
    return documents


class IndexTooFarBehind(Exception):
    """The change log no longer reaches back to the version the index holds, or the database
    is older than the index (restored from a backup)."""


def _cannot_follow(session: Session, applied: int) -> str | None:
    """Why an index holding `applied` cannot be caught up from the log (None: it can)."""
    state = session.execute(
        select(DirectoryState.version, DirectoryState.search_log_floor).where(
            DirectoryState.id == THE_ROW
        )
    ).first()
    if state is None:
        return None
    if applied < state.search_log_floor:
        return f"index holds version {applied}; the log starts at {state.search_log_floor}"
    if applied > state.version:
        # Versions never go back, so the database has: a restore. What the index holds above
        # the database's version may be changes the restored database never had.
        return f"index holds version {applied}; the database is at {state.version}"
    return None


def changes_since(applied: int) -> IndexChanges | None:
    """What the log holds above `applied`, each service as the database has it now."""
    with Session(db.engine) as session:
        problem = _cannot_follow(session, applied)
        if problem:
            raise IndexTooFarBehind(problem)
        rows = session.execute(
            select(SearchChange.version, SearchChange.service_id).where(
                SearchChange.version > applied
            )
        ).all()
        if not rows:
            return None
        # Read after the log: each service is at least as new as the version recorded.
        service_ids = {service_id for _, service_id in rows}
        documents = documents_for(session, service_ids)
        return IndexChanges(
            documents=documents,
            remove_ids=service_ids - {d.id for d in documents},
            version=max(version for version, _ in rows),
        )


def catch_up(timeout: float, rebuild: bool = True) -> int:
    """Apply what commits logged since this process's index last caught up, and return the
    version it holds. If the index is an empty stand-in or the log no longer reaches back far
    enough, rebuild it instead (or, with rebuild=False, leave that to the follower).
    Raises IndexBusy if another writer holds the index for longer than `timeout`."""
    index = search_index()
    try:
        if not index.needs_rebuild:
            return index.catch_up(changes_since, timeout=timeout)
    except IndexTooFarBehind as behind:
        log.warning("search index must be rebuilt: %s", behind)
    if rebuild:
        with index.rebuild_lock(timeout=0):  # a worker already at it raises IndexBusy
            rebuild_search_index()
    return index.applied_version()


@dataclass(frozen=True)
class FollowState:
    """How far this process's index is behind the database's change log."""

    applied_version: int
    # Logged service changes not applied yet; None: it cannot catch up and must be rebuilt.
    waiting: int | None
    # When the oldest of them was committed (None when nothing waits).
    oldest_waiting: datetime | None

    def behind_seconds(self, now: datetime) -> float:
        if self.oldest_waiting is None:
            return 0.0
        return (clock.as_utc(now) - clock.as_utc(self.oldest_waiting)).total_seconds()


def follow_state() -> FollowState:
    index = search_index()
    if index.needs_rebuild:
        return FollowState(index.applied_version(), waiting=None, oldest_waiting=None)
    with Session(db.engine) as session:
        applied = index.applied_version()
        if _cannot_follow(session, applied):
            return FollowState(applied, waiting=None, oldest_waiting=None)
        waiting, oldest = session.execute(
            select(func.count(), func.min(SearchChange.changed_at)).where(
                SearchChange.version > applied
            )
        ).one()
        return FollowState(applied, waiting, oldest)


def search_lag() -> int | None:
    """How many logged service changes this process's index has not applied yet (None: it
    must be rebuilt)."""
    return follow_state().waiting


def prune_search_changes(older_than: datetime) -> int:
    """Clear log rows older than `older_than` (an index further behind than that is rebuilt);
    returns how many went."""
    with Session(db.engine) as session:
        state = session.scalars(
            select(DirectoryState).where(DirectoryState.id == THE_ROW).with_for_update()
        ).first()
        top = session.scalar(
            select(func.max(SearchChange.version)).where(SearchChange.changed_at < older_than)
        )
        if state is None or top is None:
            return 0
        removed = session.execute(delete(SearchChange).where(SearchChange.version <= top))
        state.search_log_floor = max(state.search_log_floor, top)
        session.commit()
        return removed.rowcount


class Follower:
    """Catches this process's index up with the database every `interval` seconds (0: never;
    the tests catch up on commit only)."""

    PRUNE_EVERY_SECONDS = 3600

    def __init__(self, app: Flask, interval: float):
        self.app = app
        self.interval = interval
        self._thread: threading.Thread | None = None
        self._pid: int | None = None
        self._start_lock = threading.Lock()
        self._stopping = threading.Event()
        self._last_pruned = 0.0

    def ensure_running(self) -> None:
        if not self.interval or (self._pid == os.getpid() and self._thread is not None):
            return
        with self._start_lock:
            if self._pid == os.getpid() and self._thread is not None:
                return
            # Once before this process's first answer, so its first search is not stale.
            self.follow_once()
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="search-follower", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stopping.wait(self.interval):
            self.follow_once()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join()

    def follow_once(self) -> None:
        with self.app.app_context():
            try:
                catch_up(timeout=0)
                self._prune_now_and_then()
            except IndexBusy:
                pass  # another worker of this server is writing the same changes
            except Exception:
                # The next round tries again; the health endpoint shows a growing lag.
                log.exception("search index could not catch up with the database")
            finally:
                db.session.remove()

    def _prune_now_and_then(self) -> None:
        if time.monotonic() - self._last_pruned < self.PRUNE_EVERY_SECONDS:
            return
        self._last_pruned = time.monotonic()
        days = self.app.config["SEARCH_CHANGE_LOG_DAYS"]
        prune_search_changes(clock.utc_now() - timedelta(days=days))


# Session hooks -----------------------------------------------------------------------------

_listening = False


def _listen_once() -> None:
    global _listening
    if not _listening:
        event.listen(db.session, "before_flush", _note_changed_services)
        on_new_version(_log_changed_services)
        event.listen(db.session, "after_commit", _catch_up_after_commit)
        event.listen(db.session, "after_rollback", _forget_changes)
        _listening = True


def _note_changed_services(session: Session, _flush_context, _instances) -> None:
    pending: set[str] = session.info.setdefault(_PENDING, set())
    with session.no_autoflush:
        for obj in (*session.new, *session.dirty, *session.deleted):
            pending.update(_affected_service_ids(session, obj))


def _affected_service_ids(session: Session, obj: object) -> set[str]:
    if not isinstance(obj, DIRECTORY_MODELS):
        return set()  # care-plan links, versions, suggestions … name a service but do not change it
    if isinstance(obj, Service):
        return {_ensure_id(obj)}
    if isinstance(obj, Organisation):
        return {_ensure_id(s) for s in obj.services}
    if isinstance(obj, TaxonomyTerm):
        if not obj.id:
            return set()
        return set(
            session.scalars(
                select(service_taxonomy_term.c.service_id).where(
                    service_taxonomy_term.c.taxonomy_term_id == obj.id
                )
            )
        )
    if isinstance(obj, Location):
        if not obj.id:
            return set()
        return set(
            session.scalars(
                select(ServiceAtLocation.service_id).where(ServiceAtLocation.location_id == obj.id)
            )
        )
    # Parts of a service (phones, schedules, areas …), or of one of its contacts or locations.
    for parent_name in ("service", "contact", "location"):
        parent = getattr(obj, parent_name, None)
        if parent is not None:
            return _affected_service_ids(session, parent)
    service_id = getattr(obj, "service_id", None)
    return {service_id} if service_id else set()


def _ensure_id(service: Service) -> str:
    """New services get their id now rather than at insert, so the commit hook knows it."""
    if service.id is None:
        service.id = new_id()
    return service.id


def _log_changed_services(session: Session, version: int, changed_at: datetime) -> None:
    """While the transaction commits, holding the directory row: one log row per service."""
    service_ids = session.info.get(_PENDING)
    if service_ids:
        session.add_all(
            SearchChange(version=version, service_id=service_id, changed_at=changed_at)
            for service_id in service_ids
        )
        session.info[_LOGGED] = True


def _catch_up_after_commit(session: Session) -> None:
    session.info.pop(_PENDING, None)
    if not session.info.pop(_LOGGED, False):
        return
    try:
        # Never a whole rebuild inside someone's request: the follower does that.
        catch_up(timeout=WAIT_FOR_WRITER_SECONDS, rebuild=False)
    except IndexBusy:
        log.warning("search index busy: a change waits for the follower")
    except Exception:
        # The data is safe in the database and the change is logged: the follower (or the next
        # commit) applies it.
        log.exception("search index could not catch up after a commit")


def _forget_changes(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_LOGGED, None)
