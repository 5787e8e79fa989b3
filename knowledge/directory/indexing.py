"""Keeping the search index in step with the database.

Every flush notes which services it touched; when the transaction commits, those services are
re-indexed (or removed, if no longer public). An edit is findable, and a retired service gone,
as soon as the commit returns.
"""

import logging
from collections.abc import Iterable
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload

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
from knowledge.models.base import new_id
from knowledge.models.directory import service_taxonomy_term
from knowledge.search import SHIPPED_SYNONYMS, Period, SearchIndex, ServiceDocument, Synonyms

log = logging.getLogger(__name__)

PUBLIC_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)
_PENDING = "search_reindex_service_ids"


def init_search(app: Flask) -> None:
    paths = [SHIPPED_SYNONYMS]
    if app.config.get("SEARCH_SYNONYMS_PATH"):
        paths.append(Path(app.config["SEARCH_SYNONYMS_PATH"]))
    index = SearchIndex(app.config["SEARCH_INDEX_PATH"], Synonyms.from_files(*paths))
    app.extensions["search_index"] = index
    _listen_once()
    if index.needs_rebuild:
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
    services = db.session.scalars(public_services_query().options(*SERVICE_DOCUMENT_LOADS)).all()
    return search_index().rebuild(service_document(s) for s in services)


def reindex_services(session: Session, service_ids: set[str]) -> None:
    visible = session.scalars(
        public_services_query().where(Service.id.in_(service_ids)).options(*SERVICE_DOCUMENT_LOADS)
    ).all()
    documents = [service_document(s) for s in visible]
    search_index().update(documents, remove_ids=service_ids - {d.id for d in documents})


# Session hooks -----------------------------------------------------------------------------

_listening = False


def _listen_once() -> None:
    global _listening
    if not _listening:
        event.listen(db.session, "before_flush", _note_changed_services)
        event.listen(db.session, "after_commit", _reindex_after_commit)
        event.listen(db.session, "after_rollback", _forget_changes)
        _listening = True


def _note_changed_services(session: Session, _flush_context, _instances) -> None:
    pending: set[str] = session.info.setdefault(_PENDING, set())
    with session.no_autoflush:
        for obj in (*session.new, *session.dirty, *session.deleted):
            pending.update(_affected_service_ids(session, obj))


def _affected_service_ids(session: Session, obj: object) -> set[str]:
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


def _reindex_after_commit(session: Session) -> None:
    service_ids = session.info.pop(_PENDING, set())
    if not service_ids:
        return
    # The committed session cannot run SQL inside this hook; read with a fresh one.
    try:
        with Session(db.engine) as fresh:
            reindex_services(fresh, service_ids)
    except Exception:
        # The data is safe in the database; `flask search rebuild` brings the index back in step.
        log.exception("search index update failed for %d services", len(service_ids))


def _forget_changes(session: Session) -> None:
    session.info.pop(_PENDING, None)
