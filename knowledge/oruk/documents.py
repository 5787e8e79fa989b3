"""The published directory as Open Referral UK 3.0 documents (the open API and `flask oruk
export`), and the one mapping an ORUK feed is read back through (knowledge.oruk importing).

The mapping is lossless for every public fact we hold, and stable: the same database gives
the same documents, byte for byte once dumped with sorted keys.

What is published, and how
--------------------------
- Ids are ours (UUID strings). Parts we do not keep as rows get ids derived from their
  parent's, never random: a place's address is uuid5(NAMESPACE_URL, "{location id}/address"),
  a service's attribute for a term "{service id}/attribute/{term id}", an organisation's
  charity number "{organisation id}/charity-number".
- `status`: ours, except `temporarily-closed`, which ORUK spells `temporarily closed`.
  `alert` is the public notice (status_note).
- Facts the UK profile leaves out but HSDS 3.0 names are published under the HSDS name (the
  profile's schemas allow more properties, and ORUK compliance allows extras that do not
  conflict): service `application_process` (how to get in touch or be referred) and
  `eligibility_description`; `phones` of a service, an organisation and a contact (id,
  number, description); a language's `name`, `code` and `note`; a cost option's `currency`;
  a contact's `email`; a location's `transportation` (getting there) and `organization_id`;
  an address's `address_2`; a service-at-location's `description`; an attribute's
  `link_entity` ("service").
- Facts with no HSDS name carry the local prefix `ck_` (Community Knowledge), and only these:
  service `ck_summary` (the one-line summary), `ck_referral_routes` (any of "self-referral",
  "professional-referral", "drop-in"), `ck_schedule_notes`; service area `ck_area_code`
  (the area's code in seed/areas.json); taxonomy `ck_code`.
- Taxonomy terms are the service's `attributes`, each with its `taxonomy_term` nested:
  `term` is our term code, `taxonomy` our taxonomy code ("need-domain", "service-type"),
  `description` "" when we have none (the schema requires one).
- The organisation: `website` is its url; a charity number is an `organization_identifiers`
  entry (scheme GB-CHC, "Charity number").
- An address always has the keys the schema requires; "" where we hold nothing (we never
  guess a county), country "GB", type "physical". A place with no address lines has none.
- Times are "HH:MM"; dates ISO 8601; `last_modified` is UTC with milliseconds, the later of
  the service's and its organisation's own changes.
- Web addresses and emails are published only in a shape that passes the schema's formats
  (`public_url`, `public_email`): a web address saved without its scheme gets https://.
- Lists keep the order the directory holds them in (the order the public page shows).
- A key whose value we do not hold is left out, never null: the schemas' types are not
  nullable.

Never published: staff notes, do-not-refer and its reason, the review interval, merges,
publication state, who assured the entry (a staff member's name), anything of a draft,
archived, inactive or defunct service.
"""

import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal

from sqlalchemy.orm import joinedload, selectinload

from knowledge.clock import as_utc
from knowledge.directory.indexing import public_services_query, referral_routes
from knowledge.domain.contact_details import is_email, is_web_address
from knowledge.extensions import db
from knowledge.models import (
    Contact,
    Location,
    Organisation,
    Phone,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)

LOCAL_PREFIX = "ck_"
COUNTRY = "GB"
CHARITY_SCHEME = "GB-CHC"
STATUS_NAMES = {ServiceStatus.TEMPORARILY_CLOSED: "temporarily closed"}

# What a fully nested service reads: one query per list, whatever the number of services; the
# one-to-one parts (organisation, area, place, taxonomy) joined in rather than read apart.
NESTED_LOADS = (
    joinedload(Service.organisation).selectinload(Organisation.phones),
    selectinload(Service.taxonomy_terms).joinedload(TaxonomyTerm.taxonomy),
    selectinload(Service.service_areas).joinedload(ServiceArea.area),
    selectinload(Service.service_at_locations)
    .joinedload(ServiceAtLocation.location)
    .selectinload(Location.accessibility),
    selectinload(Service.schedules),
    selectinload(Service.phones),
    selectinload(Service.contacts).selectinload(Contact.phones),
    selectinload(Service.cost_options),
    selectinload(Service.languages),
)
LIST_LOADS = (joinedload(Service.organisation),)


def derived_id(*parts: str) -> str:
    """A stable id for a part we do not keep as a row, from its parent's id and a label."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)))


def _present(document: dict) -> dict:
    return {key: value for key, value in document.items() if value is not None}


def timestamp(moment: datetime) -> str:
    return as_utc(moment).astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _date(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _time(moment: time) -> str:
    return moment.strftime("%H:%M")


def _amount(amount: Decimal | None) -> int | float | None:
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def public_url(text: str | None) -> str | None:
    """A web address as the schema's `uri` format takes it, or None if it cannot be one."""
    text = (text or "").strip()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text
    return text if is_web_address(text) else None


def public_email(text: str | None) -> str | None:
    text = (text or "").strip()
    return text if text and is_email(text) else None


def service_status(service: Service) -> str:
    return STATUS_NAMES.get(service.status, service.status.value)


def last_modified(service: Service) -> datetime:
    return max(as_utc(service.last_modified), as_utc(service.organisation.last_modified))


# Services ------------------------------------------------------------------------------------


def service_document(service: Service, *, nested: bool = True) -> dict:
    """The service as ORUK publishes it: fully nested (compiled/service.json) or its one-to-one
    fields with the organisation (compiled/service_list.json)."""
    document = _present(
        {
            "id": service.id,
            "organization_id": service.organisation_id,
            "name": service.name,
            "description": service.description,
            "url": public_url(service.url),
            "email": public_email(service.email),
            "status": service_status(service),
            "alert": service.status_note or None,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "eligibility_description": service.eligibility_description or None,
            "application_process": service.referral_description or None,
            "assured_date": _date(service.assured_date),
            "last_modified": timestamp(last_modified(service)),
            f"{LOCAL_PREFIX}summary": service.summary or None,
            f"{LOCAL_PREFIX}referral_routes": list(referral_routes(service)),
            f"{LOCAL_PREFIX}schedule_notes": service.schedule_notes or None,
            "organization": organisation_document(service.organisation, nested=nested),
        }
    )
    if not nested:
        return document
    return document | {
        "schedules": [_schedule(s) for s in service.schedules],
        "service_areas": [_service_area(sa) for sa in service.service_areas],
        "service_at_locations": [
            service_at_location_document(link, nested=True, with_service=False)
            for link in service.service_at_locations
        ],
        "phones": [_phone(p) for p in service.phones],
        "contacts": [_contact(c) for c in service.contacts],
        "cost_options": [_cost_option(c) for c in service.cost_options],
        "languages": [_language(lang) for lang in service.languages],
        "attributes": [_attribute(service, term) for term in service.taxonomy_terms],
    }


def organisation_document(organisation: Organisation, *, nested: bool = True) -> dict:
    document = _present(
        {
            "id": organisation.id,
            "name": organisation.name,
            "description": organisation.description or "",
            "email": public_email(organisation.email),
            "website": public_url(organisation.url),
        }
    )
    if not nested:
        return document
    identifiers = []
    if organisation.charity_number:
        identifiers.append(
            {
                "id": derived_id(organisation.id, "charity-number"),
                "organization_id": organisation.id,
                "identifier_scheme": CHARITY_SCHEME,
                "identifier_type": "Charity number",
                "identifier": organisation.charity_number.strip(),
            }
        )
    return document | {
        "organization_identifiers": identifiers,
        "phones": [_phone(p) for p in organisation.phones],
    }


def _schedule(schedule) -> dict:
    return _present(
        {
            "id": schedule.id,
            "service_id": schedule.service_id,
            "freq": schedule.freq,
            "byday": schedule.byday,
            "opens_at": _time(schedule.opens_at),
            "closes_at": _time(schedule.closes_at),
            "valid_from": _date(schedule.valid_from),
            "valid_to": _date(schedule.valid_to),
            "description": schedule.description or None,
        }
    )


def _service_area(service_area: ServiceArea) -> dict:
    return {
        "id": service_area.id,
        "service_id": service_area.service_id,
        "name": service_area.area.name,
        f"{LOCAL_PREFIX}area_code": service_area.area.code,
    }


def _phone(phone: Phone) -> dict:
    return _present(
        {"id": phone.id, "number": phone.number, "description": phone.description or None}
    )


def _contact(contact: Contact) -> dict:
    return _present(
        {
            "id": contact.id,
            "service_id": contact.service_id,
            "name": contact.name or None,
            "title": contact.title or None,
            "email": public_email(contact.email),
            "phones": [_phone(p) for p in contact.phones],
        }
    )


def _cost_option(cost) -> dict:
    return _present(
        {
            "id": cost.id,
            "service_id": cost.service_id,
            "option": cost.option,
            "amount": _amount(cost.amount),
            "currency": cost.currency or None,
            "amount_description": cost.amount_description or None,
        }
    )


def _language(language) -> dict:
    return _present(
        {
            "id": language.id,
            "service_id": language.service_id,
            "name": language.name,
            "code": language.code or None,
            "note": language.note or None,
        }
    )


def _attribute(service: Service, term: TaxonomyTerm) -> dict:
    return {
        "id": derived_id(service.id, "attribute", term.id),
        "link_id": service.id,
        "link_entity": "service",
        "taxonomy_term_id": term.id,
        "taxonomy_term": taxonomy_term_document(term),
    }


# Places --------------------------------------------------------------------------------------


def location_document(location: Location, *, nested: bool = True) -> dict:
    document = _present(
        {
            "id": location.id,
            "location_type": "physical",
            "organization_id": location.organisation_id,
            "name": location.name,
            "description": location.description or None,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "transportation": location.transport_note or None,
        }
    )
    if not nested:
        return document
    return document | {
        "addresses": [_address(location)] if _has_address(location) else [],
        "accessibility": [
            _present(
                {
                    "id": item.id,
                    "location_id": location.id,
                    "description": item.description,
                    "details": item.details or None,
                }
            )
            for item in location.accessibility
        ],
    }


def _has_address(location: Location) -> bool:
    return any((location.address_1, location.address_2, location.city, location.postcode))


def _address(location: Location) -> dict:
    return _present(
        {
            "id": derived_id(location.id, "address"),
            "location_id": location.id,
            "address_1": location.address_1 or "",
            "address_2": location.address_2 or None,
            "city": location.city or "",
            "state_province": "",
            "postal_code": location.postcode or "",
            "country": COUNTRY,
            "address_type": "physical",
        }
    )


def service_at_location_document(
    link: ServiceAtLocation, *, nested: bool = True, with_service: bool = True
) -> dict:
    """A service at one of its places: nested (compiled/service_at_location.json: the place
    with its address and accessibility, the service nested but for its other places) or the
    list shape (compiled/service_at_location_list.json). Within a nested service the service is
    already the parent, so `with_service=False` leaves it out."""
    document = _present(
        {
            "id": link.id,
            "service_id": link.service_id,
            "location_id": link.location_id,
            "description": link.description or None,
            "location": location_document(link.location, nested=nested),
        }
    )
    if with_service:
        service = service_document(link.service, nested=nested)
        service.pop("service_at_locations", None)
        document["service"] = service
    return document


# Taxonomies ----------------------------------------------------------------------------------


def taxonomy_term_document(term: TaxonomyTerm) -> dict:
    return _present(
        {
            "id": term.id,
            "name": term.name,
            "description": term.description or "",
            "parent_id": term.parent_id,
            "taxonomy": term.taxonomy.code,
            "taxonomy_id": term.taxonomy_id,
            "term": term.code,
        }
    )


def taxonomy_document(taxonomy: Taxonomy, *, with_terms: bool) -> dict:
    document = {
        "id": taxonomy.id,
        "name": taxonomy.name,
        "description": taxonomy.description or "",
        f"{LOCAL_PREFIX}code": taxonomy.code,
    }
    if with_terms:
        document["taxonomy_terms"] = [
            taxonomy_term_document(term) for term in terms_in_order(taxonomy.terms)
        ]
    return document


def terms_in_order(terms: list[TaxonomyTerm]) -> list[TaxonomyTerm]:
    """Broader terms before narrower ones (so a reader meets a parent before its children),
    each level by name."""
    children: dict[str | None, list[TaxonomyTerm]] = {}
    ids = {term.id for term in terms}
    for term in terms:
        parent = term.parent_id if term.parent_id in ids else None
        children.setdefault(parent, []).append(term)
    ordered: list[TaxonomyTerm] = []

    def visit(parent_id: str | None) -> None:
        for term in sorted(children.get(parent_id, []), key=lambda t: (t.name.casefold(), t.id)):
            ordered.append(term)
            visit(term.id)

    visit(None)
    return ordered


# Pages and the whole directory ---------------------------------------------------------------


def page_document(contents: list[dict], *, total: int, page: int, per_page: int) -> dict:
    """ORUK's Page, read as Spring Data's Page it is modelled on: an empty result has no pages
    (total_pages 0) and its page 1 is both first and last; a page past the last is empty, not
    first, and last (there is no next page); `size` counts the entities on this page."""
    total_pages = -(-total // per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def directory_document() -> dict:
    """Every published public service, fully nested, ordered by id: one Page, page 1 of 1."""
    services = db.session.scalars(
        public_services_query().options(*NESTED_LOADS).order_by(Service.id)
    ).all()
    contents = [service_document(service) for service in services]
    return page_document(contents, total=len(contents), page=1, per_page=max(1, len(contents)))
