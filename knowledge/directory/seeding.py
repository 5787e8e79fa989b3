"""Loading reference data (vocabularies, areas) and the demo directory from `seed/`.

Both loaders are idempotent: records are matched by their stable code or id, missing ones are
added, and ones already present are left alone (so a second run, or a curator's later edits,
are never overwritten). Each load commits once, or not at all.
"""

import json
import uuid
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from knowledge.extensions import db
from knowledge.models import (
    Accessibility,
    Area,
    AreaKind,
    Contact,
    CostOption,
    Language,
    Location,
    Organisation,
    Phone,
    PublicationState,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)

ID_NAMESPACE = "https://example.org/community-knowledge/"


def stable_id(kind: str, code: str) -> str:
    """The same record gets the same UUID on every installation (and in the ORUK feed)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ID_NAMESPACE}{kind}/{code}"))


@dataclass
class LoadCounts:
    added: int = 0
    present: int = 0

    def describe(self) -> str:
        return f"{self.added} added, {self.present} already present"

    def note(self, added: bool) -> None:
        if added:
            self.added += 1
        else:
            self.present += 1


def load_reference_data(folder: Path) -> LoadCounts:
    counts = LoadCounts()
    taxonomy_data = json.loads((folder / "taxonomy.json").read_text(encoding="utf-8"))
    for vocabulary in taxonomy_data["taxonomies"]:
        taxonomy = _get_or_add(
            counts,
            Taxonomy,
            stable_id("taxonomy", vocabulary["code"]),
            code=vocabulary["code"],
            name=vocabulary["name"],
            description=vocabulary.get("description", ""),
        )
        _load_terms(counts, taxonomy, vocabulary["terms"], parent=None)

    area_data = json.loads((folder / "areas.json").read_text(encoding="utf-8"))
    region_data = area_data["region"]
    region = _add_area(counts, region_data, AreaKind.REGION, parent=None)
    for district_data in area_data["districts"]:
        district = _add_area(counts, district_data, AreaKind.DISTRICT, parent=region)
        for neighbourhood in district_data["neighbourhoods"]:
            _add_area(counts, neighbourhood, AreaKind.NEIGHBOURHOOD, parent=district)
    db.session.commit()
    return counts


def _load_terms(counts: LoadCounts, taxonomy: Taxonomy, terms: list[dict], parent) -> None:
    for term_data in terms:
        term = _get_or_add(
            counts,
            TaxonomyTerm,
            stable_id(f"taxonomy-term/{taxonomy.code}", term_data["code"]),
            taxonomy=taxonomy,
            parent=parent,
            code=term_data["code"],
            name=term_data["name"],
            description=term_data.get("description"),
        )
        _load_terms(counts, taxonomy, term_data.get("terms", []), parent=term)


def _add_area(counts: LoadCounts, data: dict, kind: AreaKind, parent: Area | None) -> Area:
    return _get_or_add(
        counts,
        Area,
        stable_id("area", data["code"]),
        code=data["code"],
        name=data["name"],
        kind=kind,
        parent=parent,
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
    )


def _get_or_add(counts: LoadCounts, model, record_id: str, **fields):
    record = db.session.get(model, record_id)
    counts.note(record is None)
    if record is None:
        record = model(id=record_id, **fields)
        db.session.add(record)
    return record


def load_demo_directory(path: Path) -> LoadCounts:
    """Load the fictional demo directory; the counts are of services."""
    data = json.loads(path.read_text(encoding="utf-8"))
    terms = {t.code: t for t in db.session.scalars(select(TaxonomyTerm))}
    areas = {a.code: a for a in db.session.scalars(select(Area))}
    if not terms or not areas:
        raise RuntimeError("Load the reference data first: flask seed reference")

    organisation_counts = LoadCounts()
    for org in data["organisations"]:
        _get_or_add(
            organisation_counts,
            Organisation,
            org["id"],
            name=org["name"],
            description=org["description"],
            email=org["email"],
            url=org["url"],
            phones=[Phone(number=org["phone"])] if org.get("phone") else [],
        )
    db.session.flush()

    # What is already there, read once: asking the session for each entry in turn would flush
    # the one added before it, a flush per service (6 of the 7 seconds this took).
    present = set(db.session.scalars(select(Service.id)))
    locations = {location.id: location for location in db.session.scalars(select(Location))}
    counts = LoadCounts()
    for service_data in data["services"]:
        added = service_data["id"] not in present
        counts.note(added=added)
        if added:
            db.session.add(_demo_service(service_data, terms, areas, locations))
    db.session.commit()
    return counts


def _demo_service(data: dict, terms: dict, areas: dict, locations: dict) -> Service:
    service = Service(
        id=data["id"],
        organisation_id=data["organisation_id"],
        name=data["name"],
        summary=data["summary"],
        description=data["description"],
        email=data["email"],
        url=data["url"],
        status=ServiceStatus(data["status"]),
        status_note=data["status_note"],
        publication=PublicationState.PUBLISHED,
        minimum_age=data["min_age"],
        maximum_age=data["max_age"],
        eligibility_description=data["eligibility_description"],
        self_referral=data["self_referral"],
        professional_referral=data["professional_referral"],
        drop_in=data["drop_in"],
        referral_description=data["referral_description"],
        schedule_notes=data["schedule_notes"],
        assured_date=date.fromisoformat(data["assured_date"]),
        assurer=data["assurer"],
    )
    codes = [*data["need_terms"], *data["service_types"]]
    service.taxonomy_terms = [terms[code] for code in dict.fromkeys(codes)]
    service.service_areas = [ServiceArea(area=areas[code]) for code in data["areas"]]
    service.phones = [
        Phone(number=p["number"], description=p["description"]) for p in data["phones"]
    ]
    service.contacts = [
        Contact(
            name=c["name"],
            title=c["title"],
            email=c["email"],
            phones=[Phone(number=c["phone"])] if c.get("phone") else [],
        )
        for c in data["contacts"]
    ]
    service.cost_options = [
        CostOption(
            option=c["option"],
            amount=Decimal(str(c["amount"])),
            amount_description=c["amount_description"],
        )
        for c in data["cost_options"]
    ]
    service.languages = [
        Language(name=lang["name"], code=lang["code"]) for lang in data["languages"]
    ]
    service.schedules = [
        Schedule(
            freq=s["freq"],
            byday=s["byday"],
            opens_at=time.fromisoformat(s["opens_at"]),
            closes_at=time.fromisoformat(s["closes_at"]),
            valid_from=date.fromisoformat(s["valid_from"]) if s["valid_from"] else None,
            valid_to=date.fromisoformat(s["valid_to"]) if s["valid_to"] else None,
            description=s["description"],
        )
        for s in data["schedules"]
    ]
    service.service_at_locations = [
        ServiceAtLocation(location=_demo_location(loc, data["organisation_id"], locations))
        for loc in data["locations"]
    ]
    return service


def _demo_location(data: dict, organisation_id: str, locations: dict) -> Location:
    location = locations.get(data["id"])
    if location is None:
        location = Location(
            id=data["id"],
            organisation_id=organisation_id,
            name=data["name"],
            address_1=data["address_1"],
            address_2=data["address_2"],
            city=data["city"],
            postcode=data["postcode"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            transport_note=data["transport_note"],
            accessibility=[Accessibility(description=a) for a in data["accessibility"]],
        )
    locations[data["id"]] = location
    return location
