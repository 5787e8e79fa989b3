"""Editing the records services share: organisations, places (locations) and vocabulary terms;
and a service's own contacts.

A change to a shared record is written to the audit log with the fields it changed. A place is
part of every service held there, so editing it also saves a version of each of those services:
their histories show the new address like any other change. The search index follows the
commit (knowledge.directory.indexing).
"""

import re
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from knowledge.audit.services import record
from knowledge.clock import utc_now
from knowledge.curation import services, versions
from knowledge.extensions import db
from knowledge.models import (
    Accessibility,
    Location,
    Organisation,
    Phone,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from knowledge.models.directory import service_taxonomy_term

ORGANISATIONS_PER_PAGE = 50

# The access features the officer ticks; anything else goes in "other".
ACCESS_FEATURES = (
    "Step-free access",
    "Accessible toilet",
    "Hearing loop",
    "Quiet room available",
    "Lift to all floors",
    "Accessible parking",
    "Baby changing",
    "Assistance dogs welcome",
    "On a bus route",
)


def _changed_fields(record_object: object, values: dict) -> dict:
    """{field: [before, after]} for each value that differs, as the audit log records it."""
    return {
        field: [getattr(record_object, field), value]
        for field, value in values.items()
        if getattr(record_object, field) != value
    }


# Organisations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListedOrganisation:
    organisation: Organisation
    services: int


def find_organisations(text: str, page: int) -> tuple[list[ListedOrganisation], int]:
    count = (
        select(func.count(Service.id))
        .where(Service.organisation_id == Organisation.id, Service.merged_into_id.is_(None))
        .scalar_subquery()
    )
    query = select(Organisation, count.label("services"))
    if text.strip():
        query = query.where(Organisation.name.ilike(f"%{text.strip()}%"))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.execute(
        query.order_by(Organisation.name)
        .limit(ORGANISATIONS_PER_PAGE)
        .offset((page - 1) * ORGANISATIONS_PER_PAGE)
    ).all()
    return [ListedOrganisation(o, n) for o, n in rows], total or 0


def organisation_phone(organisation: Organisation) -> str | None:
    return organisation.phones[0].number if organisation.phones else None


def create_organisation(values: dict) -> Organisation:
    phone = values.pop("phone")
    organisation = Organisation(**values)
    organisation.phones = [Phone(number=phone)] if phone else []
    db.session.add(organisation)
    db.session.flush()
    record("organisation.created", target=organisation, details={"name": organisation.name})
    db.session.commit()
    return organisation


def update_organisation(organisation: Organisation, values: dict) -> bool:
    phone = values.pop("phone")
    changes = _changed_fields(organisation, values)
    if phone != organisation_phone(organisation):
        changes["phone"] = [organisation_phone(organisation), phone]
        # The first number is the main one; any others (from an import) stay.
        others = organisation.phones[1:]
        organisation.phones = ([Phone(number=phone)] if phone else []) + others
    if not changes:
        return False
    for field, value in values.items():
        setattr(organisation, field, value)
    # Set, not left to onupdate: a changed phone alone changes no column of the organisation.
    organisation.last_modified = utc_now()
    record("organisation.edited", target=organisation, details={"changes": changes})
    db.session.commit()
    return True


def organisation_services(organisation: Organisation) -> list[Service]:
    return list(
        db.session.scalars(
            select(Service)
            .where(Service.organisation_id == organisation.id, Service.merged_into_id.is_(None))
            .order_by(Service.name)
        )
    )


# Places ----------------------------------------------------------------------------------------


def services_at(location: Location) -> list[Service]:
    return list(
        db.session.scalars(
            select(Service)
            .join(ServiceAtLocation)
            .where(ServiceAtLocation.location_id == location.id)
            .order_by(Service.name)
        )
    )


def organisation_locations(organisation_id: str) -> list[Location]:
    """Places already recorded for an organisation (its own, or used by its services)."""
    used = (
        select(ServiceAtLocation.location_id)
        .join(Service)
        .where(Service.organisation_id == organisation_id)
    )
    return list(
        db.session.scalars(
            select(Location)
            .where((Location.organisation_id == organisation_id) | Location.id.in_(used))
            .order_by(Location.name)
        )
    )


def access_values(location: Location) -> tuple[list[str], str]:
    """The ticked features and the "other" text, as the form shows them."""
    ticked = [a.description for a in location.accessibility if a.description in ACCESS_FEATURES]
    other = "; ".join(
        a.description for a in location.accessibility if a.description not in ACCESS_FEATURES
    )
    return ticked, other


def _set_access(location: Location, ticked: list[str], other: str | None) -> None:
    wanted = [f for f in ACCESS_FEATURES if f in ticked]
    wanted += [part.strip() for part in (other or "").split(";") if part.strip()]
    if [a.description for a in location.accessibility] != wanted:
        kept = {a.description: a for a in location.accessibility}
        location.accessibility = [kept.get(d) or Accessibility(description=d) for d in wanted]


def save_location(
    location: Location | None,
    values: dict,
    ticked: list[str],
    other: str | None,
    service: Service,
) -> tuple[Location, bool]:
    """Create a place for `service`, or change one; a change saves a version of every service
    held there. Returns the place and whether anything changed."""
    affected = [service] if location is None else services_at(location)
    for each in affected:
        services.keep_baseline(each)
    before = {s.id: versions.snapshot(s) for s in affected}
    if location is None:
        location = Location(organisation_id=service.organisation_id)
        service.service_at_locations.append(ServiceAtLocation(location=location))
        action = "location.created"
    else:
        action = "location.edited"
    changes = _changed_fields(location, values)
    old_access = [a.description for a in location.accessibility]
    for field, value in values.items():
        setattr(location, field, value)
    _set_access(location, ticked, other)
    new_access = [a.description for a in location.accessibility]
    if old_access != new_access:
        changes["accessibility"] = [old_access, new_access]
    if not changes:
        db.session.rollback()
        return location, False
    db.session.flush()
    record(action, target=location, details={"changes": changes})
    reason = "place added" if action == "location.created" else "place edited"
    for each in affected:
        if versions.snapshot(each) != before[each.id]:
            services.save_version(each, reason, commit=False, location=location.id)
        else:  # a version names the place by its address; the open API publishes all of it
            services.mark_modified(each)
    db.session.commit()
    return location, True


def link_location(service: Service, location: Location) -> bool:
    if any(sal.location_id == location.id for sal in service.service_at_locations):
        return False
    return services.edit_versioned(
        service,
        lambda: service.service_at_locations.append(ServiceAtLocation(location=location)),
    )


def unlink_location(service: Service, location_id: str) -> bool:
    """The service is no longer held at the place; the place itself stays (others may use it)."""

    def unlink() -> None:
        service.service_at_locations = [
            sal for sal in service.service_at_locations if sal.location_id != location_id
        ]

    return services.edit_versioned(service, unlink)


# Contacts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactChange:
    name: str
    title: str | None
    email: str | None
    phones: list[list[str | None]]  # [number, what it is for], every one the contact has


def update_contacts(service: Service, contacts: list[ContactChange]) -> bool:
    def set_contacts() -> None:
        service.contacts = versions.build_contacts(
            [[c.name, c.title, c.email, c.phones] for c in contacts]
        )

    return services.edit_versioned(service, set_contacts)


# Vocabulary terms ------------------------------------------------------------------------------


def terms_by_taxonomy() -> list[TaxonomyTerm]:
    return list(
        db.session.scalars(
            select(TaxonomyTerm)
            .options(selectinload(TaxonomyTerm.taxonomy), selectinload(TaxonomyTerm.parent))
            .order_by(TaxonomyTerm.taxonomy_id, TaxonomyTerm.name)
        )
    )


def term_usage(term: TaxonomyTerm) -> int:
    return db.session.scalar(
        select(func.count(Service.id)).where(Service.taxonomy_terms.contains(term))
    )


def update_term(term: TaxonomyTerm, name: str, description: str | None) -> bool:
    """Rename or describe a term. Its code never changes: imports, exports, saved searches and
    the open API refer to it by code."""
    changes = _changed_fields(term, {"name": name, "description": description})
    if not changes:
        return False
    term.name, term.description = name, description
    # Every service with the term publishes it (its name and description) in its document.
    db.session.execute(
        update(Service)
        .where(
            Service.id.in_(
                select(service_taxonomy_term.c.service_id).where(
                    service_taxonomy_term.c.taxonomy_term_id == term.id
                )
            )
        )
        .values(last_modified=utc_now()),
        execution_options={"synchronize_session": "fetch"},
    )
    record("taxonomy_term.edited", target=term, details={"code": term.code, "changes": changes})
    db.session.commit()
    return True


def add_term(parent: TaxonomyTerm, name: str, description: str | None) -> TaxonomyTerm:
    """A narrower term under `parent` (a sub-need under a need domain). Its code is made from
    its name once, and kept."""
    base = "-".join(re.findall(r"[a-z0-9]+", name.casefold()))[:50] or "term"
    taken = set(db.session.scalars(select(TaxonomyTerm.code)))
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    term = TaxonomyTerm(
        taxonomy_id=parent.taxonomy_id, parent=parent, code=code, name=name, description=description
    )
    db.session.add(term)
    db.session.flush()
    record("taxonomy_term.created", target=term, details={"code": code, "parent": parent.code})
    db.session.commit()
    return term
