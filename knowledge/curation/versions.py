"""A service as plain data: saved as a version, compared field by field, restored."""

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from knowledge.extensions import db
from knowledge.models import (
    Area,
    Contact,
    CostOption,
    Language,
    Location,
    Phone,
    PublicationState,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)

# Field, label; in the order the history page lists changes.
SCALARS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("organisation_id", "Organisation"),
    ("summary", "Summary"),
    ("description", "Description"),
    ("publication", "Publication"),
    ("status", "Status"),
    ("status_note", "Status note"),
    ("minimum_age", "Minimum age"),
    ("maximum_age", "Maximum age"),
    ("eligibility_description", "Who it is for"),
    ("self_referral", "Can contact them themselves"),
    ("professional_referral", "Professional referral"),
    ("drop_in", "Drop in"),
    ("referral_description", "How to get in touch"),
    ("email", "Email"),
    ("url", "Website"),
    ("schedule_notes", "Opening times notes"),
    ("assured_date", "Last checked"),
    ("assurer", "Checked by"),
    ("review_interval_months", "Review every (months)"),
    ("staff_notes", "Staff notes"),
    ("do_not_refer", "Do not refer"),
    ("do_not_refer_reason", "Do not refer: reason"),
)
KEPT_ON_RESTORE = frozenset({"publication", "assured_date", "assurer"})
LISTS: tuple[tuple[str, str], ...] = (
    ("terms", "Need and service type terms"),
    ("areas", "Areas"),
    ("phones", "Phones"),
    ("schedules", "Opening times"),
    ("cost_options", "Costs"),
    ("languages", "Languages"),
    ("locations", "Places"),
    ("contacts", "Contacts"),
)


def snapshot(service: Service) -> dict:
    data: dict = {}
    for field, _ in SCALARS:
        value = getattr(service, field)
        if isinstance(value, PublicationState | ServiceStatus):
            value = value.value
        elif isinstance(value, date):
            value = value.isoformat()
        data[field] = value
    data["terms"] = sorted(t.code for t in service.taxonomy_terms)
    data["areas"] = sorted(sa.area.code for sa in service.service_areas)
    data["phones"] = [[p.number, p.description] for p in service.phones]
    data["schedules"] = [
        [
            s.freq,
            s.byday,
            s.opens_at.strftime("%H:%M"),
            s.closes_at.strftime("%H:%M"),
            s.valid_from.isoformat() if s.valid_from else None,
            s.valid_to.isoformat() if s.valid_to else None,
            s.description,
        ]
        for s in service.schedules
    ]
    data["cost_options"] = [
        [c.option, str(c.amount) if c.amount is not None else None, c.amount_description]
        for c in service.cost_options
    ]
    data["languages"] = [[lang.name, lang.code] for lang in service.languages]
    # Places are shared records: a version names which, and how each read at the time.
    data["locations"] = [
        {"id": sal.location.id, "label": location_label(sal.location)}
        for sal in service.service_at_locations
    ]
    data["contacts"] = [
        [c.name, c.title, c.email, [p.number for p in c.phones]] for c in service.contacts
    ]
    return data


def location_label(location: Location) -> str:
    return ", ".join(
        part
        for part in (
            location.name,
            location.address_1,
            location.address_2,
            location.city,
            location.postcode,
        )
        if part
    )


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def differences(older: dict, newer: dict) -> list[Change]:
    changes = []
    for field, label in (*SCALARS, *LISTS):
        before, after = older.get(field), newer.get(field)
        if before != after:
            changes.append(Change(label, describe(before), describe(after)))
    return changes


def describe(value) -> str:
    if value is None or value == "" or value == []:
        return "(none)"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, list):
        return "; ".join(_describe_item(item) for item in value)
    return str(value)


def _describe_item(item) -> str:
    if isinstance(item, dict):
        return item["label"]
    if isinstance(item, list):
        return " ".join(
            _describe_item(part) if isinstance(part, list) else str(part)
            for part in item
            if part not in (None, "", [])
        )
    return str(item)


def restore(service: Service, data: dict, terms: dict[str, TaxonomyTerm], areas: dict[str, Area]):
    """Put the service back as `data` describes it, except its publication state and when it
    was last checked: restoring old text neither publishes nor withdraws anything, and does
    not undo a check with the provider."""
    for field, _ in SCALARS:
        if field in KEPT_ON_RESTORE:
            continue
        value = data.get(field)
        if field == "status":
            value = ServiceStatus(value)
        elif field == "assured_date" and value:
            value = date.fromisoformat(value)
        setattr(service, field, value)
    service.taxonomy_terms = [terms[c] for c in data["terms"] if c in terms]
    kept = {sa.area.code: sa for sa in service.service_areas}
    service.service_areas = [
        kept.get(c) or ServiceArea(area=areas[c]) for c in data["areas"] if c in areas
    ]
    service.phones = [Phone(number=n, description=d) for n, d in data["phones"]]
    service.schedules = [
        Schedule(
            freq=freq,
            byday=byday,
            opens_at=time.fromisoformat(opens),
            closes_at=time.fromisoformat(closes),
            valid_from=date.fromisoformat(vf) if vf else None,
            valid_to=date.fromisoformat(vt) if vt else None,
            description=description,
        )
        for freq, byday, opens, closes, vf, vt, description in data["schedules"]
    ]
    service.cost_options = [
        CostOption(option=o, amount=Decimal(a) if a is not None else None, amount_description=d)
        for o, a, d in data["cost_options"]
    ]
    service.languages = [Language(name=n, code=c) for n, c in data["languages"]]
    # Versions saved before places and contacts were kept leave them as they are.
    if "locations" in data:
        kept_places = {sal.location_id: sal for sal in service.service_at_locations}
        service.service_at_locations = [
            kept_places.get(place["id"]) or ServiceAtLocation(location=location)
            for place in data["locations"]
            if (location := db.session.get(Location, place["id"])) is not None
        ]
    if "contacts" in data:
        service.contacts = [
            Contact(name=n, title=t, email=e, phones=[Phone(number=p) for p in phones])
            for n, t, e, phones in data["contacts"]
        ]
