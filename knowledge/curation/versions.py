"""A service as plain data: saved as a version, compared field by field, restored."""

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import TypedDict

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
    data["languages"] = [[lang.name, lang.code, lang.note] for lang in service.languages]
    # Places are shared records: a version names which, and how each read at the time.
    data["locations"] = [
        {"id": sal.location.id, "label": location_label(sal.location)}
        for sal in service.service_at_locations
    ]
    data["contacts"] = contact_entries(service.contacts)
    return data


class RecordIds(TypedDict, total=False):
    """The ids a file gives the records an entry is made of, in the order of the entry's lists
    (None: the record gets a new one). An Open Referral UK feed keeps its publisher's ids
    (knowledge.oruk.feeds_import); the CSV and versions name none, and records get new ids."""

    phones: list[str | None]
    schedules: list[str | None]
    cost_options: list[str | None]
    languages: list[str | None]
    contacts: list[str | None]
    contact_phones: list[list[str | None]]  # one list per contact
    areas: dict[str, str | None]  # by area code


def with_ids(records: list, ids) -> list:
    """`records`, new, given the ids in `ids` (in order) where there is one."""
    for record, record_id in zip(records, ids, strict=False):
        if record_id:
            record.id = record_id
    return records


# Contacts as plain data: [name, job title, email, [[number, what it is for], …]]. Versions,
# the CSV file, a merge and the contacts page all build contacts from this one shape, through
# `build_contacts`, so none of them drops a phone, or what a phone is for.


def contact_entries(contacts: list[Contact]) -> list[list]:
    return [
        [
            c.name or None,
            c.title or None,
            c.email or None,
            [[p.number, p.description or None] for p in c.phones],
        ]
        for c in contacts
    ]


def build_contacts(entries: list[list], ids: RecordIds | None = None) -> list[Contact]:
    """New contact records, with all their phones, from `contact_entries` data (or from a
    version saved before phones' descriptions were kept, which lists bare numbers)."""
    ids = ids or {}
    phone_ids = ids.get("contact_phones", [])
    return with_ids(
        [
            Contact(
                name=name,
                title=title,
                email=email,
                phones=with_ids(
                    [
                        Phone(number=number, description=description)
                        for number, description in (_phone_entry(phone) for phone in phones)
                    ],
                    phone_ids[position] if position < len(phone_ids) else (),
                ),
            )
            for position, (name, title, email, phones) in enumerate(entries)
        ],
        ids.get("contacts", ()),
    )


def _phone_entry(phone: str | list) -> list:
    return [phone, None] if isinstance(phone, str) else phone


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
    """What changed from `older` to `newer`, field by field. A field one of them lacks (a
    version saved before places and contacts were kept) was not recorded, not empty: it shows
    no change, as restoring such a version leaves that part of the entry as it is."""
    older, newer = _in_todays_shape(older), _in_todays_shape(newer)
    changes = []
    for field, label in (*SCALARS, *LISTS):
        if field not in older or field not in newer:
            continue
        before, after = older[field], newer[field]
        if before != after:
            changes.append(Change(label, describe(before), describe(after)))
    return changes


def _in_todays_shape(data: dict) -> dict:
    """Older versions kept less of some lists: contacts' phones as bare numbers, languages
    without their note. Read as today's shape, they compare equal to what they recorded."""
    data = dict(data)
    if "languages" in data:
        data["languages"] = [_language_entry(language) for language in data["languages"]]
    if "contacts" in data:
        data["contacts"] = [
            [name, title, email, [_phone_entry(phone) for phone in phones]]
            for name, title, email, phones in data["contacts"]
        ]
    return data


def _language_entry(language: list) -> list:
    return [*language, None] if len(language) == 2 else language


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


def restore(
    service: Service,
    data: dict,
    terms: dict[str, TaxonomyTerm],
    areas: dict[str, Area],
    ids: RecordIds | None = None,
):
    """Put the service back as `data` describes it, except its publication state and when it
    was last checked: restoring old text neither publishes nor withdraws anything, and does
    not undo a check with the provider. New records take their ids from `ids` if it has them."""
    ids = ids or {}
    for field, _ in SCALARS:
        if field in KEPT_ON_RESTORE or field not in data:
            continue
        value = data[field]
        if field == "status":
            value = ServiceStatus(value)
        elif field == "assured_date" and value:
            value = date.fromisoformat(value)
        setattr(service, field, value)
    service.taxonomy_terms = [terms[c] for c in data["terms"] if c in terms]
    kept = {sa.area.code: sa for sa in service.service_areas}
    area_ids = ids.get("areas", {})
    # Areas in the order a file with their ids has them (an entry holds them sorted), so an
    # Open Referral UK feed reads back as it was published.
    codes = [c for c in area_ids if c in data["areas"]]
    codes += [c for c in data["areas"] if c not in area_ids]
    service.service_areas = [
        kept.get(c) or with_ids([ServiceArea(area=areas[c])], [area_ids.get(c)])[0]
        for c in codes
        if c in areas
    ]
    service.phones = with_ids(
        [Phone(number=n, description=d) for n, d in data["phones"]], ids.get("phones", ())
    )
    service.schedules = with_ids(
        [
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
        ],
        ids.get("schedules", ()),
    )
    service.cost_options = with_ids(
        [
            CostOption(option=o, amount=Decimal(a) if a is not None else None, amount_description=d)
            for o, a, d in data["cost_options"]
        ],
        ids.get("cost_options", ()),
    )
    service.languages = with_ids(
        [
            Language(name=name, code=code, note=note)
            for name, code, note in (_language_entry(lang) for lang in data["languages"])
        ],
        ids.get("languages", ()),
    )
    # Versions saved before places and contacts were kept leave them as they are.
    if "locations" in data:
        kept_places = {sal.location_id: sal for sal in service.service_at_locations}
        service.service_at_locations = [
            kept_places.get(place["id"]) or ServiceAtLocation(location=location)
            for place in data["locations"]
            if (location := db.session.get(Location, place["id"])) is not None
        ]
    if "contacts" in data:
        service.contacts = build_contacts(data["contacts"], ids)
