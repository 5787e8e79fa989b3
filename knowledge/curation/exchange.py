"""The directory as CSV: one row per service, for the officer to download, edit in a
spreadsheet and import again (knowledge.curation.importing reads it back).

The format is meant to be read and edited in Excel by someone who is not a programmer:

- One row per service. Its organisation is named in two columns (`organisation_id`,
  `organisation`) and described in five more (`organisation_description` …
  `organisation_charity_number`), repeated on each of its services' rows; its first place has
  columns of its own (`location_id` … `transport_note`); further places are listed by id in
  `other_location_ids`.
- A cell that holds a list has one entry per line (Alt+Enter in Excel): `phones`, `contacts`,
  `organisation_phones`, `accessibility`, `opening_times`, `costs`, `languages`, and the codes
  in `need_terms`,
  `service_types`, `areas` and `other_location_ids`.
- An entry made of several parts separates them with " | ": a phone is
  `0116 496 0283 | Café phone`, a cost `Per session | 2.50 | First session free`. Empty parts
  at the end are left out. Inside a part, a backslash marks a character that would otherwise
  end it: `\\|` is a vertical bar, `\\n` a line break, `\\\\` a backslash. (Rare in practice.)
- Yes/no columns hold `yes` or `no`; dates are `2026-09-23`; times are `18:00`.
- Every cell goes through `safe_cell`, so nothing runs as a spreadsheet formula; the importer
  strips the apostrophe that adds.

`entry(service)` is everything the file holds about a service, as plain data: the version
snapshot (knowledge.curation.versions, which holds its contacts) plus its organisation and
its places. Export writes it, import reads it back; a round trip gives the same entry.
"""

import csv
import io
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from knowledge.curation import versions
from knowledge.directory.indexing import SERVICE_DOCUMENT_LOADS
from knowledge.domain.spreadsheets import safe_cell
from knowledge.extensions import db
from knowledge.models import (
    Contact,
    Location,
    Organisation,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

# Column, what it holds: the order of the file, and the help the import page shows.
FORMAT: tuple[tuple[str, str], ...] = (
    ("id", "The service's id. Leave it blank for a new service."),
    ("name", "The service's name."),
    ("organisation_id", "The id of the organisation that runs it. Blank: found by its name."),
    ("organisation", "The organisation's name. A name the directory does not know is added."),
    ("organisation_description", "About the organisation."),
    ("organisation_email", "The organisation's email address."),
    ("organisation_url", "The organisation's website, starting https://"),
    ("organisation_phones", "The organisation's phones, one per line: number | what it is for."),
    ("organisation_charity_number", "Its registered charity number, such as 1123456, or blank."),
    ("summary", "One sentence, shown in search results."),
    ("description", "What they offer."),
    ("publication", "draft, published or archived."),
    ("status", "active, temporarily-closed, inactive or defunct."),
    ("status_note", "Notice for the public, such as why it is temporarily closed."),
    ("need_terms", "Need domain codes, one per line, such as money-and-benefits."),
    ("service_types", "Kind of service codes, one per line, such as crisis-cafe."),
    ("areas", "Area codes, one per line, such as leicester or charnwood."),
    ("minimum_age", "Youngest age, a whole number, or blank."),
    ("maximum_age", "Oldest age, a whole number, or blank."),
    ("eligibility_description", "Who it is for."),
    ("self_referral", "yes or no: people can contact them themselves."),
    ("professional_referral", "yes or no: a professional can refer people."),
    ("drop_in", "yes or no: people can drop in without an appointment."),
    ("referral_description", "How to get in touch or be referred."),
    ("email", "Email address."),
    ("url", "Website, starting https://"),
    ("phones", "One per line: number | what it is for."),
    (
        "contacts",
        "One per line: name | job title | email | phone | what it is for | another phone | "
        "what it is for …",
    ),
    ("location_id", "The id of its first place. Blank with a name below: a new place."),
    ("location_name", "The place's name, such as the building."),
    ("location_description", "About the place."),
    ("address_1", "First line of the address."),
    ("address_2", "Second line of the address."),
    ("city", "Town or city."),
    ("postcode", "Postcode."),
    ("latitude", "Latitude, such as 52.63593, or blank."),
    ("longitude", "Longitude, such as -1.13381, or blank."),
    ("accessibility", "One per line: feature | details, such as Step-free access."),
    ("transport_note", "How to get there."),
    ("other_location_ids", "Ids of its further places, one per line."),
    (
        "opening_times",
        "One per line: WEEKLY MO,WE 18:00-23:00 or MONTHLY 1SA 10:00-12:00, optionally "
        "followed by from 2026-01-01 and until 2026-03-31, then | a description.",
    ),
    ("schedule_notes", "Notes about opening times."),
    ("costs", "One per line: option | amount in pounds | about the cost, such as Free | 0.00"),
    ("languages", "One per line: name | code | note, such as Gujarati | gu | Thursdays only"),
    ("assured_date", "When it was last checked with the provider: 2026-09-23."),
    ("assurer", "Who checked it."),
    ("review_interval_months", "Check it with the provider every this many months (1 to 24)."),
    ("staff_notes", "Notes for staff only."),
    ("do_not_refer", "yes or no: staff see a warning not to refer people."),
    ("do_not_refer_reason", "Why staff should not refer people."),
)
COLUMNS = tuple(column for column, _ in FORMAT)

PART_SEPARATOR = " | "
# Labels for what an entry holds beyond the version snapshot, for the import's changes.
EXTRAS: tuple[tuple[str, str], ...] = (
    ("organisation_name", "Organisation name"),
    ("organisation_description", "About the organisation"),
    ("organisation_email", "Organisation email"),
    ("organisation_url", "Organisation website"),
    ("organisation_phones", "Organisation phones"),
    ("organisation_charity_number", "Charity number"),
    ("contacts", "Contacts"),
    ("location", "Place"),
    ("other_location_ids", "Other places"),
)
# An organisation's details, as an entry holds them (with `organisation_name`).
ORGANISATION_FIELDS = (
    "organisation_description",
    "organisation_email",
    "organisation_url",
    "organisation_phones",
    "organisation_charity_number",
)
LOCATION_FIELDS = (
    "id",
    "name",
    "description",
    "address_1",
    "address_2",
    "city",
    "postcode",
    "latitude",
    "longitude",
    "accessibility",
    "transport_note",
)

EXPORT_LOADS = (
    *SERVICE_DOCUMENT_LOADS,
    selectinload(Service.organisation).selectinload(Organisation.phones),
    selectinload(Service.phones),
    selectinload(Service.languages),
    selectinload(Service.contacts).selectinload(Contact.phones),
    selectinload(Service.service_at_locations)
    .selectinload(ServiceAtLocation.location)
    .selectinload(Location.accessibility),
)


# The cell grammar ---------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n").replace("\r", "\\r")


def join_parts(parts: Iterable[object]) -> str:
    """One entry of a list cell: its parts joined with " | ", empty ones at the end left out."""
    texts = [_escape("" if part is None else str(part)) for part in parts]
    while texts and not texts[-1]:
        texts.pop()
    return PART_SEPARATOR.join(texts)


def split_parts(entry: str) -> list[str]:
    """The parts of one entry, unescaped and trimmed: the reverse of `join_parts`."""
    parts, current, characters = [], [], iter(entry)
    for character in characters:
        if character == "\\":
            following = next(characters, "")
            current.append({"n": "\n", "r": "\r"}.get(following, following))
        elif character == "|":
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(character)
    parts.append("".join(current).strip())
    return parts


def join_entries(entries: Iterable[str]) -> str:
    return "\n".join(entries)


def split_entries(cell: str) -> list[str]:
    """The entries of a list cell, one per line; blank lines are not entries."""
    lines = cell.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line for line in lines if line.strip()]


# An entry as plain data ----------------------------------------------------------------------


def organisation_entry(organisation: Organisation) -> dict:
    """The organisation's details, keyed as an entry holds them."""
    return {
        "organisation_description": organisation.description or "",
        "organisation_email": organisation.email or None,
        "organisation_url": organisation.url or None,
        "organisation_phones": [[p.number, p.description or None] for p in organisation.phones],
        "organisation_charity_number": organisation.charity_number or None,
    }


def location_entry(location: Location) -> dict:
    return {
        "id": location.id,
        "name": location.name,
        "description": location.description or None,
        "address_1": location.address_1,
        "address_2": location.address_2 or None,
        "city": location.city,
        "postcode": location.postcode,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "accessibility": [[a.description, a.details or None] for a in location.accessibility],
        "transport_note": location.transport_note or None,
    }


def entry(service: Service) -> dict:
    """Everything the CSV holds about a service (see the module's docstring)."""
    data = versions.snapshot(service)
    # Places are held here as the file has them, whatever the snapshot keeps of them.
    data.pop("locations", None)
    data["id"] = service.id
    data["organisation_name"] = service.organisation.name
    data |= organisation_entry(service.organisation)
    places = service.locations
    data["location"] = location_entry(places[0]) if places else None
    data["other_location_ids"] = [place.id for place in places[1:]]
    return data


def describe_location(location: dict | None) -> str:
    if location is None:
        return "(none)"
    lines = [location["name"], location["address_1"], location["address_2"], location["city"]]
    lines.append(location["postcode"])
    text = ", ".join(line for line in lines if line)
    details = [
        f"{location['latitude']}, {location['longitude']}"
        if location["latitude"] is not None
        else "",
        "; ".join(a for a, _ in location["accessibility"]),
        location["transport_note"] or "",
    ]
    return "; ".join([text, *(d for d in details if d)])


# Writing ----------------------------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def schedule_rule(freq: str, byday: str, opens: str, closes: str, valid_from, valid_to) -> str:
    return (
        f"{freq} {byday} {opens}-{closes}"
        + (f" from {valid_from}" if valid_from else "")
        + (f" until {valid_to}" if valid_to else "")
    )


def cells(data: dict, need_codes: frozenset[str]) -> dict[str, str]:
    """An entry as the cells of its row, before `safe_cell`. `need_codes` tells the need
    domains from the kinds of service, which share the entry's `terms`."""
    place = data["location"] or dict.fromkeys(LOCATION_FIELDS) | {"accessibility": []}
    values = {column: data.get(column) for column in COLUMNS}
    values |= {
        "organisation": data["organisation_name"],
        "organisation_phones": join_entries(
            join_parts(phone) for phone in data["organisation_phones"]
        ),
        "location_description": place["description"],
        "need_terms": join_entries(c for c in data["terms"] if c in need_codes),
        "service_types": join_entries(c for c in data["terms"] if c not in need_codes),
        "areas": join_entries(data["areas"]),
        "phones": join_entries(join_parts(phone) for phone in data["phones"]),
        "contacts": join_entries(
            join_parts([name, title, email, *(part for phone in phones for part in phone)])
            for name, title, email, phones in data["contacts"]
        ),
        "location_id": place["id"],
        "location_name": place["name"],
        **{f: place[f] for f in ("address_1", "address_2", "city", "postcode", "transport_note")},
        "latitude": "" if place["latitude"] is None else repr(place["latitude"]),
        "longitude": "" if place["longitude"] is None else repr(place["longitude"]),
        "accessibility": join_entries(join_parts(a) for a in place["accessibility"]),
        "other_location_ids": join_entries(data["other_location_ids"]),
        "opening_times": join_entries(
            join_parts([schedule_rule(*rule), description])
            for *rule, description in data["schedules"]
        ),
        "costs": join_entries(join_parts(cost) for cost in data["cost_options"]),
        "languages": join_entries(join_parts(language) for language in data["languages"]),
    }
    for column in ("self_referral", "professional_referral", "drop_in", "do_not_refer"):
        values[column] = _yes_no(data[column])
    return {column: "" if values[column] is None else str(values[column]) for column in COLUMNS}


def directory_csv() -> tuple[str, int]:
    """The whole directory (every state) as CSV text, and how many services it holds."""
    services = db.session.scalars(
        select(Service).options(*EXPORT_LOADS).order_by(Service.name, Service.id)
    ).all()
    need_codes = frozenset(
        db.session.scalars(
            select(TaxonomyTerm.code).join(Taxonomy).where(Taxonomy.code == "need-domain")
        )
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for service in services:
        row = cells(entry(service), need_codes)
        writer.writerow(safe_cell(row[column]) for column in COLUMNS)
    return buffer.getvalue(), len(services)
