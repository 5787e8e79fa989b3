"""Importing Open Referral UK feeds: the example files, what is rejected and what is left off
with a warning, ids and sources on importing again, duplicates, all or nothing, and the
round trip from one installation to another."""

import copy
import hashlib
import json
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from knowledge.curation import services as curation
from knowledge.curation.import_services import RowAction
from knowledge.curation.importing import ImportRefused
from knowledge.directory.indexing import search_index
from knowledge.extensions import db
from knowledge.models import (
    AuditEvent,
    FeedRecordType,
    FeedSource,
    Location,
    Organisation,
    Phone,
    PublicationState,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceVersion,
)
from knowledge.models.base import Base
from knowledge.oruk import documents, feeds, feeds_import, schemas
from tests.factories import create_organisation, create_service

EXAMPLES = Path(__file__).parent / "examples"
EXAMPLE_ID = "ac148810-d857-441c-9679-408f346de14b"
EXAMPLE_ORGANISATION = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
EXAMPLE_PLACE = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
FEED = "Example Council Family Information Directory"


def example(name: str) -> object:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def plan_for(document: object, feed: str = FEED, *, publish: bool = False):
    data = json.dumps(document).encode()
    return feeds_import.dry_run(
        feeds.read_feed(feeds.decode(data)), feed, hashlib.sha256(data).hexdigest(), publish=publish
    )


def import_feed(document: object, feed: str = FEED, *, publish=False, create_anyway=()):
    plan = plan_for(document, feed, publish=publish)
    result = feeds_import.apply_plan(plan, feed, "feed.json", set(create_anyway))
    assert result.imported, result.problem
    return plan


def table_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in Base.metadata.sorted_tables
    }


def sources() -> set[tuple[str, str, str, str]]:
    return {
        (s.feed, s.record_type.value, s.original_id, s.local_id)
        for s in db.session.scalars(select(FeedSource))
    }


def a_service(**changes) -> dict:
    """A small, complete service as another publisher might send it."""
    service = {
        "id": "5d2f7a7e-0c55-4c55-9a4e-0c3a4f0e2b11",
        "name": "Walk and Talk",
        "description": "A gentle weekly walk with a chat.",
        "status": "active",
        "organization": {
            "id": "7b8c1f2e-4a7d-4d1e-9b1a-2f0c9e3d4a55",
            "name": "Wyvern Walkers",
            "description": "Volunteers who lead walks.",
        },
        "phones": [{"id": "0c7a0f6e-1111-4d3c-8a5b-5e2a8c9d0f01", "number": "0116 496 0777"}],
        "schedules": [
            {
                "id": "0c7a0f6e-2222-4d3c-8a5b-5e2a8c9d0f02",
                "freq": "WEEKLY",
                "byday": "WE",
                "opens_at": "10:00:00",
                "closes_at": "12:00:00",
            }
        ],
    }
    return service | changes


# The example files -------------------------------------------------------------------------


FULL_WARNINGS = (
    "schedules[0]: opening times with days of the month (bymonthday 2,3,4) cannot be shown here",
    "languages[0]: a language without a name; left off",
    "attributes: this taxonomy term is not one this directory uses: “name” (taxonomy)",
    "service_areas: this area is not one this directory has",
    "“ABC 1234” is not a full UK postcode like LE1 3ZQ; the place was kept without it",
    "location.latitude: latitude 100 is outside the UK; the place was kept without coordinates",
    "It arrives as a draft. Before it can be published, give it a summary, a need domain, an area.",
)


@pytest.mark.parametrize(
    ("name", "where", "warnings", "address"),
    [
        ("service_full", "", FULL_WARNINGS, "1-30 Main Street"),
        ("organization_full", "services[0]", FULL_WARNINGS, "1-30 Main Street"),
        ("service_at_location_full", "service", FULL_WARNINGS, "1-30 Main Street"),
        ("service_at_location_list", "contents[0].service", FULL_WARNINGS[5:], ""),
        ("service_list", "contents[0]", FULL_WARNINGS[6:], None),
    ],
)
def test_each_example_feed_creates_a_draft_leaving_off_what_it_cannot_keep(
    app, name, where, warnings, address
):
    plan = plan_for(example(name))
    [row] = plan.rows
    assert (row.action, row.name, row.where) == (RowAction.CREATE, "Community Counselling", where)
    for warning in warnings:
        assert any(warning in w for w in row.warnings), (warning, row.warnings)
    assert not row.reasons
    assert any("fees" in note and "accreditations" in note for note in plan.notes)

    import_feed(example(name))
    service = db.session.get(Service, EXAMPLE_ID)
    assert service.publication is PublicationState.DRAFT
    assert service.organisation.id == EXAMPLE_ORGANISATION
    assert service.organisation.name == "Example Organization Inc."
    assert service.minimum_age == 12 and service.maximum_age == 100
    assert service.status_note.startswith("Following COVID-19")
    assert service.schedules == [] and service.taxonomy_terms == [] and service.service_areas == []
    kinds = {"service", "organization"} | ({"location"} if address is not None else set())
    assert {(kind, local) for _, kind, _, local in sources()} == {
        (
            kind,
            {"service": EXAMPLE_ID, "organization": EXAMPLE_ORGANISATION}.get(kind, EXAMPLE_PLACE),
        )
        for kind in kinds
    }
    if address is not None:
        [place] = service.locations
        assert (place.id, place.name, place.postcode) == (EXAMPLE_PLACE, "MyCity Civic Center", "")
        assert (place.address_1, place.latitude, place.longitude) == (address, None, None)
    versions = db.session.scalars(select(ServiceVersion.reason)).all()
    assert versions == ["imported"]


def test_a_page_that_is_one_of_several_says_the_others_were_not_in_the_file(app):
    plan = plan_for(example("service_list"))
    assert any("page 1 of 10" in note and "were not in the file" in note for note in plan.notes)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ((EXAMPLES / "taxonomy.json").read_bytes(), "The file holds taxonomies, not services."),
        (
            (EXAMPLES / "taxonomy_list.json").read_bytes(),
            "The file holds taxonomies, not services.",
        ),
        ((EXAMPLES / "taxonomy_term.json").read_bytes(), "holds taxonomy terms, not services."),
        ((EXAMPLES / "taxonomy_term_list.json").read_bytes(), "holds taxonomy terms, not services"),
        (
            (EXAMPLES / "organization_list.json").read_bytes(),
            "holds organisations without their services, not services.",
        ),
        (b"id,name\n1,Walk\n", "This is not a JSON file (line 1, column 1"),
        ("{}".encode("utf-16"), "This is not a JSON file (it is not UTF-8 text)."),
        (b"  \n", "The file is empty."),
        (b"42", "The file holds a single JSON value, not services."),
        (b'{"contents": []}', "The file holds no services."),
        (b'[{"id": "x", "latitude": NaN}]', "This is not a JSON file this can read."),
    ],
)
def test_files_that_are_not_service_feeds_are_refused_with_what_was_expected(content, message):
    with pytest.raises(ImportRefused) as refused:
        feeds.read_feed(feeds.decode(content))
    assert message in refused.value.message
    if "JSON" in message or "holds" in message:
        assert "a page of services (what /services returns)" in refused.value.message


def test_a_file_over_the_limit_is_refused_and_a_byte_order_mark_is_fine():
    with pytest.raises(ImportRefused, match="an import can be at most 10 MB"):
        feeds.decode(b"[" + b" " * feeds.MAX_BYTES + b"]")
    text = feeds.decode("\ufeff".encode() + json.dumps([a_service()]).encode())
    assert len(feeds.read_feed(text).records) == 1


# Rejected, or imported with warnings ------------------------------------------------------------


def test_a_service_breaking_the_schema_is_rejected_with_every_error_and_the_rest_imported(app):
    broken = a_service(id="not-a-uuid", status="open")
    broken.pop("name")
    broken["schedules"][0]["opens_at"] = 10
    plan = plan_for([broken, a_service()])
    rejected, created = plan.rows
    assert rejected.action is RowAction.REJECTED and created.action is RowAction.CREATE
    assert rejected.reasons == [
        "the service: name is missing (the standard requires it)",
        "id: 'not-a-uuid' is not a valid uuid",
        "schedules[0].opens_at: 10 should be a string",
        "status: 'open' should be one of 'active', 'inactive', 'defunct', 'temporarily closed'",
    ]


def test_a_service_with_no_name_or_no_organisation_is_rejected(app):
    no_organisation = a_service(id="5d2f7a7e-0c55-4c55-9a4e-0c3a4f0e2b12")
    no_organisation.pop("organization")
    plan = plan_for([a_service(name="  "), no_organisation])
    assert [row.action for row in plan.rows] == [RowAction.REJECTED] * 2
    assert "name: the service has no name" in plan.rows[0].reasons
    assert any("names no organisation" in reason for reason in plan.rows[1].reasons)


def test_parts_the_directory_cannot_keep_are_left_off_with_a_warning(app):
    service = a_service(
        url="ftp://example.org",
        email="someone@localhost",
        minimum_age=4.5,
        phones=[{"id": "0c7a0f6e-1111-4d3c-8a5b-5e2a8c9d0f09", "number": "call us"}],
        schedules=[
            {"id": "0c7a0f6e-2222-4d3c-8a5b-5e2a8c9d0f03", "freq": "WEEKLY", "interval": 2},
            {
                "id": "0c7a0f6e-2222-4d3c-8a5b-5e2a8c9d0f04",
                "freq": "MONTHLY",
                "byday": "1MO",
                "opens_at": "9:30",
                "closes_at": "11:00",
                "valid_to": "someday",
            },
        ],
        cost_options=[
            {"id": "0c7a0f6e-3333-4d3c-8a5b-5e2a8c9d0f05", "amount": 3, "currency": "EUR"}
        ],
        service_at_locations=[
            {
                "id": "0c7a0f6e-4444-4d3c-8a5b-5e2a8c9d0f06",
                "location": {
                    "id": "0c7a0f6e-5555-4d3c-8a5b-5e2a8c9d0f07",
                    "location_type": "physical",
                    "name": "Braunstone Park",
                    "latitude": -1.16,
                    "longitude": 52.61,
                },
            },
            {
                "id": "0c7a0f6e-4444-4d3c-8a5b-5e2a8c9d0f08",
                "location": {
                    "id": "0c7a0f6e-5555-4d3c-8a5b-5e2a8c9d0f0a",
                    "location_type": "virtual",
                },
            },
        ],
    )
    service["organization"]["organization_identifiers"] = [
        {
            "id": "0c7a0f6e-6666-4d3c-8a5b-5e2a8c9d0f0b",
            "identifier_scheme": "GB-CHC",
            "identifier_type": "Charity number",
            "identifier": "12",
        }
    ]
    [row] = plan_for([service]).rows
    assert row.action is RowAction.CREATE
    expected = [
        "url: “ftp://example.org” is not a web address the directory can keep; left off",
        "email: “someone@localhost” is not an email address the directory can keep; left off",
        "minimum_age: 4.5 is not an age from 0 to 120; left off",
        "phones[0].number: “call us” is not a phone number like 0116 496 0123; left off",
        "schedules[0]: opening times with an interval of 2 (every 2 weeks or months) cannot be "
        "shown here; left off",
        "schedules[1].valid_to: “someday” is not a date like 2026-09-23; left off",
        "cost_options[0]: an amount in EUR cannot be kept; kept without it",
        "service_at_locations[0].location.latitude: latitude -1.16 is outside the UK; the place "
        "was kept without coordinates",
        "service_at_locations[1].location: a virtual location is not a place people can go to; "
        "left off",
        "organization.organization_identifiers[0].identifier: “12” is not a charity number like "
        "1123456; left off",
    ]
    for warning in expected:
        assert warning in row.warnings, (warning, row.warnings)
    data = row.data
    assert data["url"] is None and data["email"] is None and data["minimum_age"] is None
    assert data["phones"] == [] and data["cost_options"] == [["Cost", None, None]]
    assert data["schedules"] == [["MONTHLY", "1MO", "09:30", "11:00", None, None, None]]
    assert data["location"]["name"] == "Braunstone Park" and data["other_location_ids"] == []
    assert data["location"]["latitude"] is None


def test_terms_and_areas_this_directory_has_are_read_by_code_or_name(app):
    service = a_service(
        attributes=[
            {
                "id": "0c7a0f6e-7777-4d3c-8a5b-5e2a8c9d0f0c",
                "taxonomy_term": {
                    "id": "0c7a0f6e-8888-4d3c-8a5b-5e2a8c9d0f0d",
                    "name": "Loneliness",
                    "description": "",
                    "taxonomy": "need-domain",
                    "term": "loneliness-and-isolation",
                },
            }
        ],
        service_areas=[
            {"id": "0c7a0f6e-9999-4d3c-8a5b-5e2a8c9d0f0e", "name": "Charnwood"},
            {"id": "0c7a0f6e-9999-4d3c-8a5b-5e2a8c9d0f0f", "name": "Somewhere Else"},
        ],
    )
    [row] = plan_for([service]).rows
    assert row.data["terms"] == ["loneliness-and-isolation"]
    assert row.data["areas"] == ["charnwood"]
    assert "service_areas: this area is not one this directory has: “Somewhere Else”; left off" in (
        row.warnings
    )
    assert any("give it a summary." in w for w in row.warnings)


# Importing again ---------------------------------------------------------------------------------


def test_importing_the_same_feed_again_updates_field_by_field_and_never_duplicates(app):
    import_feed([a_service()])
    service = db.session.get(Service, a_service()["id"])
    service.publication = PublicationState.PUBLISHED
    db.session.commit()

    again = plan_for([a_service()])
    assert [row.action for row in again.rows] == [RowAction.UNCHANGED]

    changed = a_service(description="A gentle walk, every Wednesday, with a chat.")
    changed["phones"][0]["number"] = "0116 496 0778"
    [row] = plan_for([changed]).rows
    assert row.action is RowAction.UPDATE and row.service.id == service.id
    assert {(c.label, c.before, c.after) for c in row.changes} == {
        (
            "Description",
            "A gentle weekly walk with a chat.",
            "A gentle walk, every Wednesday, with a chat.",
        ),
        ("Phones", "0116 496 0777", "0116 496 0778"),
    }
    assert "It is published: these changes are public as soon as you import." in row.notes
    import_feed([changed])
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Service.id))) == 1
    assert service.publication is PublicationState.PUBLISHED
    assert service.description.startswith("A gentle walk, every Wednesday")
    # The phone kept its id in the feed through the update.
    assert [(p.id, p.number) for p in service.phones] == [
        ("0c7a0f6e-1111-4d3c-8a5b-5e2a8c9d0f01", "0116 496 0778")
    ]
    assert [s.reason for s in curation.service_versions(service)][:2] == ["imported", "imported"]
    assert (
        db.session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action == "directory.imported")
        )
        == 2
    )


def test_records_an_entry_is_made_of_keep_the_feeds_ids_through_an_update(app):
    def feed(title: str, when: str) -> dict:
        service = a_service(
            contacts=[
                {
                    "id": "0c7a0f6e-eeee-4d3c-8a5b-5e2a8c9d0f20",
                    "name": "Sam Patel",
                    "title": title,
                    "phones": [
                        {"id": "0c7a0f6e-eeee-4d3c-8a5b-5e2a8c9d0f21", "number": "0116 496 0555"}
                    ],
                }
            ]
        )
        service["organization"]["phones"] = [
            {
                "id": "0c7a0f6e-eeee-4d3c-8a5b-5e2a8c9d0f22",
                "number": "0116 496 0999",
                "description": when,
            }
        ]
        return service

    import_feed([feed("Volunteer", "Evenings")])
    [row] = plan_for([feed("Volunteer coordinator", "Weekends")]).rows
    assert {c.label for c in row.changes} == {"Contacts", "Organisation phones"}
    import_feed([feed("Volunteer coordinator", "Weekends")])
    db.session.expire_all()
    service = db.session.get(Service, a_service()["id"])
    [contact] = service.contacts
    assert (contact.id, contact.title) == (
        "0c7a0f6e-eeee-4d3c-8a5b-5e2a8c9d0f20",
        "Volunteer coordinator",
    )
    assert [p.id for p in contact.phones] == ["0c7a0f6e-eeee-4d3c-8a5b-5e2a8c9d0f21"]
    assert [(p.id, p.description) for p in service.organisation.phones] == [
        ("0c7a0f6e-eeee-4d3c-8a5b-5e2a8c9d0f22", "Weekends")
    ]
    assert db.session.scalar(select(func.count(Phone.id))) == 3


def test_the_same_ids_from_another_feed_get_ids_of_their_own_and_are_found_again(app):
    import_feed([a_service()], "First feed")
    [row] = plan_for([a_service()], "Second feed").rows
    assert row.action is RowAction.CREATE and row.possible_duplicate
    assert row.data["id"] != a_service()["id"]
    assert [m.service.id for m in row.duplicates] == [a_service()["id"]]
    assert any("gets an id of its own" in note for note in row.notes)

    import_feed([a_service()], "Second feed", create_anyway={1})
    assert db.session.scalar(select(func.count(Service.id))) == 2
    second = {
        (kind, original): local
        for feed, kind, original, local in sources()
        if feed == "Second feed"
    }
    assert second[("service", a_service()["id"])] == row.data["id"]
    assert db.session.get(Service, row.data["id"]).phones[0].id != a_service()["phones"][0]["id"]
    # The same feed, its name typed differently.
    again = plan_for([a_service()], feeds_import.feed_name("  second   FEED "))
    assert [r.action for r in again.rows] == [RowAction.UNCHANGED]


def test_our_own_export_read_back_finds_our_entries_and_claims_none_of_them(app):
    """The export leaves out what fails the schema's formats (an email like "bad@") and adds
    https:// to a web address saved without it: neither is a difference."""
    organisation = create_organisation(url="www.wyvern.example.org", email="office@")
    create_service(
        name="Friendship Café",
        location={},
        terms=("loneliness-and-isolation",),
        url="www.example.org/cafe",
        email="bad@",
        organisation=organisation,
    )
    document = documents.directory_document()
    assert "email" not in document["contents"][0]
    assert document["contents"][0]["url"] == "https://www.example.org/cafe"
    before = table_counts()
    plan = plan_for(document, "Our own export")
    assert [(row.action, row.notes) for row in plan.rows] == [(RowAction.UNCHANGED, [])]
    import_feed(document, "Our own export")
    assert table_counts() == before | {"audit_event": before["audit_event"] + 1}


def test_a_feed_leaving_out_a_web_address_or_email_leaves_ours(app):
    service = a_service(url="https://walks.example.org", email="walks@example.org")
    service["organization"] |= {"website": "https://wyvern.example.org"}
    import_feed([service])
    entry = db.session.get(Service, service["id"])
    entry.url, entry.organisation.url = "walks.example.org", "wyvern.example.org"
    db.session.commit()
    said_nothing = a_service()
    assert {"url", "email"}.isdisjoint(said_nothing)
    assert [row.action for row in plan_for([said_nothing]).rows] == [RowAction.UNCHANGED]
    # Ours as the export publishes it is no change on its own …
    assert [row.action for row in plan_for([service]).rows] == [RowAction.UNCHANGED]
    # … and with another change, saved as the feed has it, which the edit form takes.
    [row] = plan_for([service | {"email": "new@example.org"}]).rows
    assert {(c.label, c.before, c.after) for c in row.changes} == {
        ("Email", "walks@example.org", "new@example.org"),
        ("Website", "walks.example.org", "https://walks.example.org"),
        ("Organisation website", "wyvern.example.org", "https://wyvern.example.org"),
    }


def test_a_feed_never_changes_this_directorys_own_entries(app):
    """An aggregator republishing us: its records carry our ids. Ours stay as they are, with
    what the feed says differently listed, and the feed claims none of them."""
    own = create_service(name="Friendship Café", location={}, terms=("loneliness-and-isolation",))
    untouched = create_service(name="Knit and Natter", organisation=own.organisation)
    republished = documents.directory_document()
    by_name = {service["name"]: service for service in republished["contents"]}
    changed = by_name["Friendship Café"]
    changed["description"] = "Tea, cake and a chat."
    changed["service_at_locations"][0]["location"]["name"] = "The Old Library"
    newcomer = a_service(
        organization=by_name["Knit and Natter"]["organization"] | {"description": "Their words."}
    )
    republished["contents"].insert(0, newcomer)

    plan = plan_for(republished, "Aggregator")
    rows = {row.name: row for row in plan.rows}
    assert rows["Friendship Café"].action is RowAction.OWN
    assert rows["Friendship Café"].notes == [
        "This directory's own entry — not changed by a feed.",
        "The feed has Description “Tea, cake and a chat.”; this directory has “Come along for "
        "a cuppa and a chat.”",
        "The feed describes this directory's own place “Community Hall” differently: it is "
        "kept as it is.",
    ]
    assert not rows["Friendship Café"].changes
    assert rows["Knit and Natter"].action is RowAction.UNCHANGED
    assert rows["Walk and Talk"].action is RowAction.CREATE
    assert (
        "The feed describes this directory's own organisation “Test Community Trust” "
        "differently: it is kept as it is." in rows["Walk and Talk"].notes
    )

    import_feed(republished, "Aggregator")
    db.session.expire_all()
    assert own.description == "Come along for a cuppa and a chat."
    assert own.locations[0].name == "Community Hall"
    assert own.organisation.description == ""
    assert db.session.get(Service, newcomer["id"]).organisation_id == own.organisation_id
    assert untouched.publication is PublicationState.PUBLISHED
    assert {original for _, _, original, _ in sources()} == {newcomer["id"]}


def test_an_assured_date_from_a_feed_is_said_to_be_the_feeds(app):
    import_feed([a_service(assured_date="2026-09-01")])
    service = db.session.get(Service, a_service()["id"])
    assert service.assured_date.isoformat() == "2026-09-01"
    assert service.assurer == f"{FEED} (imported)"
    service.assurer = "Hana Helpline"  # checked again here, on the same day
    db.session.commit()
    assert [r.action for r in plan_for([a_service(assured_date="2026-09-01")]).rows] == [
        RowAction.UNCHANGED
    ]
    [row] = plan_for([a_service(assured_date="2026-11-20")]).rows
    assert {(c.label, c.before, c.after) for c in row.changes} == {
        ("Last checked", "2026-09-01", "2026-11-20"),
        ("Checked by", "Hana Helpline", f"{FEED} (imported)"),
    }
    import_feed([a_service(assured_date="2026-11-20")])
    db.session.expire_all()
    assert service.assurer == f"{FEED} (imported)"
    import_feed([a_service(id="5d2f7a7e-0c55-4c55-9a4e-0c3a4f0e2b19", name="Knit", phones=[])])
    assert db.session.get(Service, "5d2f7a7e-0c55-4c55-9a4e-0c3a4f0e2b19").assurer is None


def test_a_new_service_like_an_existing_entry_is_a_possible_duplicate_until_ticked(app):
    existing = create_service(name="Walk & Talk")
    existing.phones = [Phone(number="0116 496 0777")]
    db.session.commit()
    plan = plan_for([a_service()])
    [row] = plan.rows
    assert row.possible_duplicate and row.duplicates[0].service.id == existing.id
    feeds_import.apply_plan(plan, FEED, "feed.json", set())
    assert row.action is RowAction.SKIPPED
    assert db.session.scalar(select(func.count(Service.id))) == 1
    import_feed([a_service()], create_anyway={1})
    assert db.session.scalar(select(func.count(Service.id))) == 2


def test_a_place_several_services_share_stays_one_place_keeping_its_ids(app):
    place = {
        "id": "0c7a0f6e-aaaa-4d3c-8a5b-5e2a8c9d0f10",
        "location_type": "physical",
        "name": "Wyvern Centre",
        "addresses": [
            {
                "id": "0c7a0f6e-bbbb-4d3c-8a5b-5e2a8c9d0f11",
                "address_1": "2 Wyvern Road",
                "city": "Leicester",
                "state_province": "",
                "postal_code": "LE1 3ZQ",
                "country": "GB",
                "address_type": "physical",
            }
        ],
        "accessibility": [{"id": "0c7a0f6e-cccc-4d3c-8a5b-5e2a8c9d0f12", "description": "Ramp"}],
    }
    first = a_service(
        service_at_locations=[{"id": "0c7a0f6e-dddd-4d3c-8a5b-5e2a8c9d0f13", "location": place}]
    )
    second = a_service(
        id="5d2f7a7e-0c55-4c55-9a4e-0c3a4f0e2b13",
        name="Knit and Natter",
        phones=[],
        schedules=[],
        service_at_locations=[{"id": "0c7a0f6e-dddd-4d3c-8a5b-5e2a8c9d0f14", "location": place}],
    )
    import_feed([first, second])
    assert db.session.scalar(select(func.count(Location.id))) == 1
    location = db.session.get(Location, place["id"])
    assert (location.postcode, [a.id for a in location.accessibility]) == (
        "LE1 3ZQ",
        ["0c7a0f6e-cccc-4d3c-8a5b-5e2a8c9d0f12"],
    )
    links = db.session.scalars(select(ServiceAtLocation.id).order_by(ServiceAtLocation.id)).all()
    assert links == ["0c7a0f6e-dddd-4d3c-8a5b-5e2a8c9d0f13", "0c7a0f6e-dddd-4d3c-8a5b-5e2a8c9d0f14"]
    assert db.session.scalar(select(func.count(Organisation.id))) == 1


def test_publish_publishes_only_new_entries_the_edit_form_would_take(app):
    complete = a_service(
        ck_summary="A weekly walk.",
        attributes=[
            {
                "id": "0c7a0f6e-7777-4d3c-8a5b-5e2a8c9d0f1c",
                "taxonomy_term": {
                    "id": "0c7a0f6e-8888-4d3c-8a5b-5e2a8c9d0f1d",
                    "name": "Wellbeing",
                    "description": "",
                    "taxonomy": "need-domain",
                    "term": "wellbeing",
                },
            }
        ],
        service_areas=[{"id": "0c7a0f6e-9999-4d3c-8a5b-5e2a8c9d0f1e", "ck_area_code": "leicester"}],
    )
    lacking = a_service(id="5d2f7a7e-0c55-4c55-9a4e-0c3a4f0e2b14", name="Knit and Natter")
    import_feed([complete, lacking], publish=True)
    states = dict(db.session.execute(select(Service.name, Service.publication)).all())
    assert states == {
        "Walk and Talk": PublicationState.PUBLISHED,
        "Knit and Natter": PublicationState.DRAFT,
    }


def test_a_failure_part_way_through_writes_nothing(app, monkeypatch):
    plan = plan_for(
        [a_service(), a_service(id="5d2f7a7e-0c55-4c55-9a4e-0c3a4f0e2b15", name="Knit")]
    )
    before = table_counts()
    saved = []
    original_save = curation.save_version

    def failing_save(service, reason, **details):
        saved.append(service.name)
        if len(saved) == 2:
            raise RuntimeError("disk full")
        return original_save(service, reason, **details)

    monkeypatch.setattr(curation, "save_version", failing_save)
    result = feeds_import.apply_plan(plan, FEED, "feed.json", set())
    assert not result.imported
    assert result.problem.startswith("Nothing was imported: record 2 could not be saved")
    assert table_counts() == before


# From one installation to another ---------------------------------------------------------------


def _without_last_modified(document: dict) -> dict:
    document = copy.deepcopy(document)
    for service in document["contents"]:
        service.pop("last_modified")
    return document


def test_the_published_directory_moves_to_an_empty_installation_and_exports_the_same(demo_app, app):
    """The issue's headline: export → import into an empty directory (with --publish) →
    export gives the same document. One thing legitimately differs: `last_modified`, which is
    when a record was saved here, so that a consumer syncing from the new installation with
    `modified_after` sees the entries it has just gained. Everything else must be equal, and
    `last_modified` must be exactly the difference: every service's is the import's time."""
    with demo_app.app_context():
        original = documents.directory_document()
        db.session.remove()
    assert len(original["contents"]) > 200
    for service in original["contents"]:
        assert schemas.errors(service, "compiled/service.json") == []
    assert schemas.errors(original, schemas.response_validator("/services")) == []

    started = datetime.now().astimezone()
    plan = import_feed(original, "Old installation", publish=True)
    assert {row.action for row in plan.rows} == {RowAction.CREATE}
    assert not any(row.warnings or row.possible_duplicate for row in plan.rows)

    again = documents.directory_document()
    assert _without_last_modified(again) == _without_last_modified(original)
    modified = {datetime.fromisoformat(s["last_modified"]) for s in again["contents"]}
    assert min(modified) >= started.replace(microsecond=0)
    assert modified.isdisjoint(
        {datetime.fromisoformat(s["last_modified"]) for s in original["contents"]}
    )
    assert search_index().indexed_ids() == {service["id"] for service in again["contents"]}
    # Importing the same file again changes nothing.
    assert {row.action for row in plan_for(original, "Old installation").rows} == {
        RowAction.UNCHANGED
    }
    assert db.session.scalar(
        select(func.count(FeedSource.id)).where(FeedSource.record_type == FeedRecordType.SERVICE)
    ) == len(original["contents"])


# Ids the directory cannot keep as they are ----------------------------------------------------


def _schedule(record_id: str, day: str) -> dict:
    return {
        "id": record_id,
        "freq": "WEEKLY",
        "byday": day,
        "opens_at": "10:00",
        "closes_at": "12:00",
    }


def test_repeated_and_non_uuid_ids_get_ids_of_their_own_and_the_dry_run_holds(app):
    """A publisher's ids are kept only where they can be: a UUID, not already given to another
    record of the file or of the directory. Whatever the dry run says it creates, the import
    saves, and importing the file again finds the same records."""
    long_id = "phone/" + "7" * 65  # 71 characters: no UUID, and too long for the column
    repeated = "0c7a0f6e-2222-4d3c-8a5b-5e2a8c9d0f02"
    first = a_service(
        phones=[
            {"id": long_id, "number": "0116 496 0777"},
            {"id": long_id.upper(), "number": "0116 496 0778"},
        ],
        schedules=[_schedule(repeated, "MO"), _schedule(repeated, "WE")],
        contacts=[
            {
                "id": "0c7a0f6e-eeee-4d3c-8a5b-5e2a8c9d0f20",
                "name": "Sam Patel",
                "phones": [{"id": long_id, "number": "0116 496 0555"}],
            }
        ],
    )
    second = a_service(
        id="5d2f7a7e-0c55-4c55-9a4e-0c3a4f0e2b13",
        name="Knit and Natter",
        phones=[{"id": "not-an-id", "number": "0116 496 0779"}],
        schedules=[_schedule(repeated, "FR")],
    )
    plan = plan_for([first, second])
    assert [row.action for row in plan.rows] == [RowAction.CREATE, RowAction.CREATE]
    import_feed([first, second])

    def records(model) -> dict[str, str]:
        return dict(db.session.execute(select(model.id, model.service_id)).all())

    schedules, phones = records(Schedule), records(Phone)
    assert len(schedules) == 3 and len(phones) == 4  # the contact's phone has no service_id
    for record_id in [*schedules, *phones]:
        assert str(uuid.UUID(record_id)) == record_id
    # The first record with an id keeps it; the ones after get ids of their own.
    walk_schedule = db.session.get(Schedule, repeated)
    assert (walk_schedule.service_id, walk_schedule.byday) == (first["id"], "MO")
    assert long_id not in phones

    changed = [a_service(**{**first, "description": "Now on Mondays too."}), second]
    [update, unchanged] = plan_for(changed).rows
    assert (update.action, unchanged.action) == (RowAction.UPDATE, RowAction.UNCHANGED)
    import_feed(changed)
    db.session.expire_all()
    assert (records(Schedule), records(Phone)) == (schedules, phones)


def test_an_oversized_service_gets_a_few_reasons_not_one_per_problem(app):
    """An 800 KB service of 200,000 empty schedules once took 15 seconds to check and gave as
    many reasons. A list longer than any service needs is one reason, and a service with many
    problems lists the first few."""
    huge = a_service(schedules=[{}] * 200_000)
    nested = a_service(
        id="5d2f7a7e-0c55-4c55-9a4e-0c3a4f0e2b16",
        contacts=[{"id": str(uuid.UUID(int=n)), "phones": [{}] * 20} for n in range(400)],
    )
    many = a_service(id="5d2f7a7e-0c55-4c55-9a4e-0c3a4f0e2b17", schedules=[{}] * 300)
    plan = plan_for([huge, nested, many, a_service(id="5d2f7a7e-0c55-4c55-9a4e-0c3a4f0e2b18")])
    assert [row.action for row in plan.rows] == [RowAction.REJECTED] * 3 + [RowAction.CREATE]
    assert plan.rows[0].reasons == [
        "schedules: 200,000 items, more than the 500 a service can have in one list; the "
        "service was not checked further"
    ]
    assert plan.rows[1].reasons == [
        "the service has more than 5,000 parts (schedules, phones, places and the like); it "
        "was not checked further"
    ]
    reasons = plan.rows[2].reasons
    assert len(reasons) == 21
    assert reasons[0] == "schedules[0]: id is missing (the standard requires it)"
    assert reasons[-1] == "… and 280 more problems like these"


def test_a_service_with_many_warnings_lists_the_first_few(app):
    service = a_service(phones=[{"number": f"call {n}"} for n in range(50)])
    [row] = plan_for([service]).rows
    assert row.action is RowAction.CREATE
    assert len(row.warnings) == 22
    assert row.warnings[0] == (
        "phones[0].number: “call 0” is not a phone number like 0116 496 0123; left off"
    )
    assert row.warnings[20:] == [
        "… and 30 more warnings like these",
        "It arrives as a draft. Before it can be published, give it a summary, a need domain, "
        "an area.",
    ]


def test_after_a_thousand_problems_only_the_first_of_each_record_is_listed(app):
    broken = [a_service(id=str(uuid.UUID(int=n)), schedules=[{}] * 30) for n in range(60)]
    plan = plan_for(broken)
    # 20 problems and "… and 10 more" a record, until more than 1,000 are listed.
    assert [len(row.reasons) for row in plan.rows] == [21] * 48 + [1] * 12
    assert plan.rows[-1].reasons == ["schedules[0]: id is missing (the standard requires it)"]
    assert feeds_import.ONLY_THE_FIRST in plan.notes
