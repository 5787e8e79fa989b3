"""The serialiser the API and `flask oruk export` share: every public fact at its documented
key, nothing staff-only, web addresses in a shape the schema takes, and the same bytes from
the same database."""

import json
import uuid
from datetime import date, time
from decimal import Decimal

from knowledge.extensions import db
from knowledge.models import (
    Accessibility,
    Contact,
    CostOption,
    Language,
    Phone,
    Schedule,
    ServiceStatus,
)
from knowledge.oruk import schemas
from knowledge.oruk.documents import (
    directory_document,
    public_url,
    service_at_location_document,
    service_document,
)
from tests.factories import create_organisation, create_service

PLACE = {
    "name": "Belgrave Neighbourhood Centre",
    "description": "Ground floor, by the library.",
    "address_1": "Cossington Street",
    "address_2": "Belgrave",
    "city": "Leicester",
    "postcode": "LE4 6JD",
    "latitude": 52.6551,
    "longitude": -1.1218,
    "transport_note": "Buses 22 and 23 stop outside.",
}


def rich_service():
    organisation = create_organisation(
        name="Belgrave Wellbeing Trust",
        description="A neighbourhood charity.",
        email="hello@example.org",
        url="example.org/belgrave",
        charity_number=" 1123456 ",
        phones=[Phone(number="0116 496 0001", description="Office")],
    )
    service = create_service(
        organisation=organisation,
        name="Tuesday Friendship Group",
        summary="A friendly weekly get-together.",
        description="Tea, talk and games.",
        email="group@example.org",
        url="https://example.org/belgrave/group",
        status=ServiceStatus.TEMPORARILY_CLOSED,
        status_note="Closed while the hall is repainted.",
        minimum_age=18,
        maximum_age=65,
        eligibility_description="Adults living in Leicester.",
        self_referral=True,
        professional_referral=True,
        drop_in=False,
        referral_description="Ring Asha to book a first visit.",
        schedule_notes="Closed on bank holidays.",
        staff_notes="STAFF ONLY",
        do_not_refer_reason="STAFF ONLY",
        assurer="STAFF ONLY",
        terms=("befriending", "vcs-group"),
        areas=("leicester-north-east", "leicester"),
        location=PLACE,
        commit=False,
    )
    service.schedules = [
        Schedule(
            freq="MONTHLY",
            byday="-1FR",
            opens_at=time(18, 0),
            closes_at=time(20, 30),
            valid_from=date(2026, 1, 1),
            valid_to=date(2026, 12, 31),
            description="Last Friday of the month",
        )
    ]
    service.cost_options = [
        CostOption(option="Per session", amount=Decimal("2.50"), amount_description="Tea included")
    ]
    service.languages = [Language(name="Gujarati", code="gu", note="Thursdays only")]
    service.contacts = [
        Contact(
            name="Asha Patel",
            title="Group lead",
            email="asha@example.org",
            phones=[Phone(number="07700 900123", description="Mobile")],
        )
    ]
    service.service_at_locations[0].description = "Main hall"
    service.service_at_locations[0].location.accessibility = [
        Accessibility(description="Step-free access", details="Ramp at the side door")
    ]
    db.session.commit()
    return service


def test_every_public_fact_is_at_its_documented_key(app):
    service = rich_service()
    document = service_document(service)
    assert schemas.errors(document, "compiled/service.json") == []
    link = service.service_at_locations[0]
    location = link.location
    assert {k: v for k, v in document.items() if not isinstance(v, list | dict)} == {
        "id": service.id,
        "organization_id": service.organisation_id,
        "name": "Tuesday Friendship Group",
        "description": "Tea, talk and games.",
        "url": "https://example.org/belgrave/group",
        "email": "group@example.org",
        "status": "temporarily closed",
        "alert": "Closed while the hall is repainted.",
        "minimum_age": 18,
        "maximum_age": 65,
        "eligibility_description": "Adults living in Leicester.",
        "application_process": "Ring Asha to book a first visit.",
        "assured_date": "2026-10-01",
        "last_modified": document["last_modified"],
        "ck_summary": "A friendly weekly get-together.",
        "ck_schedule_notes": "Closed on bank holidays.",
    }
    assert document["last_modified"].endswith("Z") and len(document["last_modified"]) == 24
    assert document["ck_referral_routes"] == ["self-referral", "professional-referral"]
    assert document["organization"] == {
        "id": service.organisation_id,
        "name": "Belgrave Wellbeing Trust",
        "description": "A neighbourhood charity.",
        "email": "hello@example.org",
        "website": "https://example.org/belgrave",
        "organization_identifiers": [
            {
                "id": str(
                    uuid.uuid5(uuid.NAMESPACE_URL, f"{service.organisation_id}/charity-number")
                ),
                "organization_id": service.organisation_id,
                "identifier_scheme": "GB-CHC",
                "identifier_type": "Charity number",
                "identifier": "1123456",
            }
        ],
        "phones": [
            {
                "id": service.organisation.phones[0].id,
                "number": "0116 496 0001",
                "description": "Office",
            }
        ],
    }
    assert document["schedules"] == [
        {
            "id": service.schedules[0].id,
            "service_id": service.id,
            "freq": "MONTHLY",
            "byday": "-1FR",
            "opens_at": "18:00",
            "closes_at": "20:30",
            "valid_from": "2026-01-01",
            "valid_to": "2026-12-31",
            "description": "Last Friday of the month",
        }
    ]
    assert [(a["name"], a["ck_area_code"]) for a in document["service_areas"]] == [
        ("North East Leicester", "leicester-north-east"),
        ("Leicester City", "leicester"),
    ]
    assert document["cost_options"] == [
        {
            "id": service.cost_options[0].id,
            "service_id": service.id,
            "option": "Per session",
            "amount": 2.5,
            "currency": "GBP",
            "amount_description": "Tea included",
        }
    ]
    assert [{k: v for k, v in x.items() if k != "id"} for x in document["languages"]] == [
        {"service_id": service.id, "name": "Gujarati", "code": "gu", "note": "Thursdays only"}
    ]
    contact = service.contacts[0]
    assert document["contacts"] == [
        {
            "id": contact.id,
            "service_id": service.id,
            "name": "Asha Patel",
            "title": "Group lead",
            "email": "asha@example.org",
            "phones": [
                {"id": contact.phones[0].id, "number": "07700 900123", "description": "Mobile"}
            ],
        }
    ]
    assert [p["number"] for p in document["phones"]] == ["0116 496 0123"]
    assert document["service_at_locations"] == [
        {
            "id": link.id,
            "service_id": service.id,
            "location_id": location.id,
            "description": "Main hall",
            "location": {
                "id": location.id,
                "location_type": "physical",
                "name": "Belgrave Neighbourhood Centre",
                "description": "Ground floor, by the library.",
                "latitude": 52.6551,
                "longitude": -1.1218,
                "transportation": "Buses 22 and 23 stop outside.",
                "addresses": [
                    {
                        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{location.id}/address")),
                        "location_id": location.id,
                        "address_1": "Cossington Street",
                        "address_2": "Belgrave",
                        "city": "Leicester",
                        "state_province": "",
                        "postal_code": "LE4 6JD",
                        "country": "GB",
                        "address_type": "physical",
                    }
                ],
                "accessibility": [
                    {
                        "id": location.accessibility[0].id,
                        "location_id": location.id,
                        "description": "Step-free access",
                        "details": "Ramp at the side door",
                    }
                ],
            },
        }
    ]
    terms = {a["taxonomy_term"]["term"]: a for a in document["attributes"]}
    assert set(terms) == {"befriending", "vcs-group"}
    befriending = terms["befriending"]
    assert befriending["link_id"] == service.id and befriending["link_entity"] == "service"
    assert befriending["taxonomy_term"]["taxonomy"] == "need-domain"
    assert befriending["taxonomy_term"]["parent_id"] is not None
    assert terms["vcs-group"]["taxonomy_term"]["description"] == ""
    assert "STAFF ONLY" not in json.dumps(document)


def test_parts_without_rows_get_ids_that_never_change(app):
    first, second = create_service(name="One", location=PLACE), create_service(name="Two")
    attribute_ids = [
        {a["taxonomy_term_id"]: a["id"] for a in service_document(s)["attributes"]}
        for s in (first, second)
    ]
    shared_term = next(iter(attribute_ids[0]))
    assert attribute_ids[0][shared_term] != attribute_ids[1][shared_term]
    db.session.expire_all()
    assert service_document(first) == service_document(first)
    again = service_document(first)["attributes"]
    assert {a["taxonomy_term_id"]: a["id"] for a in again} == attribute_ids[0]
    link = first.service_at_locations[0]
    assert service_at_location_document(link)["location"]["addresses"][0]["id"] == str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"{link.location_id}/address")
    )


def test_web_addresses_and_emails_are_published_only_in_a_valid_shape(app):
    assert public_url("example.org/walks") == "https://example.org/walks"
    assert public_url(" http://example.org ") == "http://example.org"
    assert public_url("not a web address") is None
    assert public_url("") is None
    organisation = create_organisation(name="Odd data", url="www.example.org/odd", email="nobody")
    service = create_service(organisation=organisation, url="see leaflet", email="not an email")
    document = service_document(service)
    assert "url" not in document and "email" not in document
    assert document["organization"]["website"] == "https://www.example.org/odd"
    assert "email" not in document["organization"]
    assert schemas.errors(document, "compiled/service.json") == []


def test_the_whole_directory_is_one_deterministic_page(demo):
    document = directory_document()
    text = json.dumps(document, sort_keys=True, indent=2)
    db.session.expire_all()
    assert json.dumps(directory_document(), sort_keys=True, indent=2) == text
    contents = document.pop("contents")
    assert document == {
        "total_items": 239,
        "total_pages": 1,
        "page_number": 1,
        "size": 239,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    assert [s["id"] for s in contents] == sorted(s["id"] for s in contents)
    validator = schemas.validator("compiled/service.json")
    assert [e for s in contents for e in schemas.errors(s, validator)] == []
