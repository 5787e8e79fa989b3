"""Organisations, places, contacts and terms: edited by the officer, audited, versioned."""

import pytest
from sqlalchemy import select

from knowledge.curation import versions
from knowledge.extensions import db
from knowledge.models import (
    AuditEvent,
    Contact,
    Location,
    Organisation,
    Phone,
    Role,
    Service,
    ServiceVersion,
    TaxonomyTerm,
)
from tests.conftest import csrf_token, parse
from tests.curation.test_curation import errors, form_data, found
from tests.factories import create_organisation, create_service


@pytest.fixture
def curator(login_as):
    return login_as(Role.HELPLINE)


def audit_actions() -> list[str]:
    """What the officer's changes wrote (signing in writes its own rows)."""
    return db.session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.target_type.in_(("Organisation", "Location", "TaxonomyTerm")))
        .order_by(AuditEvent.id)
    ).all()


def reasons(service: Service) -> list[str]:
    return db.session.scalars(
        select(ServiceVersion.reason)
        .where(ServiceVersion.service_id == service.id)
        .order_by(ServiceVersion.number)
    ).all()


def test_add_an_organisation_warned_of_a_charity_number_already_recorded(client, curator):
    existing = create_organisation(name="The Lantern Trust", charity_number="1123456")
    db.session.commit()
    page = parse(client.get("/curate/organisations/new"))
    data = form_data(page, name="Lantern Trust (Leicester)", charity_number=" 1123456 ")
    shown = parse(client.post("/curate/organisations/new", data=data))
    warning = shown.select_one("#possible-duplicates")
    assert warning.select_one("a")["href"] == f"/curate/organisations/{existing.id}"
    assert "Same charity number" in warning.text
    assert shown.select_one("#name")["value"] == "Lantern Trust (Leicester)"

    data = form_data(shown, name="Lantern Trust (Leicester)", not_a_duplicate="y")
    assert client.post("/curate/organisations/new", data=data).status_code == 302
    saved = db.session.scalar(
        select(Organisation).where(Organisation.name == "Lantern Trust (Leicester)")
    )
    assert saved.charity_number == "1123456"
    assert audit_actions() == ["organisation.created"]


def test_edit_an_organisation_renames_it_in_search_at_once(client, curator):
    service = create_service(name="Knit and Natter")
    organisation = service.organisation
    edit = f"/curate/organisations/{organisation.id}"
    page = parse(client.get(edit))
    assert page.find("a", string="Knit and Natter")
    client.post(
        edit, data=form_data(page, name="Wyvern Community Association", phone="0116 496 0555")
    )
    db.session.expire_all()
    organisation = db.session.get(Organisation, organisation.id)
    assert organisation.name == "Wyvern Community Association"
    assert [p.number for p in organisation.phones] == ["0116 496 0555"]
    assert found("wyvern") == [service.id]
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "organisation.edited")
    ).one()
    assert event.action == "organisation.edited"
    assert event.details["changes"]["name"] == [
        "Test Community Trust",
        "Wyvern Community Association",
    ]


def test_organisation_form_errors_keep_what_was_typed(client, curator):
    page = parse(client.get("/curate/organisations/new"))
    data = form_data(page, name="", charity_number="twelve", email="not-an-email", url="wyvern")
    shown = parse(client.post("/curate/organisations/new", data=data))
    text = errors(shown)
    for message in (
        "Enter the organisation's name",
        "Enter a charity number, like 1123456",
        "Enter an email address in the right format",
        "Enter a full web address",
    ):
        assert message in text
    assert shown.select_one("#charity_number")["value"] == "twelve"
    assert db.session.scalars(select(Organisation)).all() == []


@pytest.mark.parametrize(
    ("path", "field", "message"),
    [
        ("/curate/organisations/new", "name", "Name must be on one line"),
        ("/curate/services/new", "name", "Name must be on one line"),
    ],
)
def test_names_with_line_breaks_are_refused(client, curator, path, field, message):
    create_organisation(name="Wyvern Trust")
    db.session.commit()
    page = parse(client.get(path))
    shown = parse(client.post(path, data=form_data(page, **{field: "Wyvern\nBcc: x@y.org"})))
    assert message in errors(shown)
    assert db.session.scalars(select(Service)).all() == []
    assert db.session.scalars(select(Organisation.name)).all() == ["Wyvern Trust"]


def place_data(page, **changes) -> dict:
    return form_data(
        page,
        **{
            "name": "Wyvern Hall",
            "address_1": "3 Wyvern Road",
            "city": "Loughborough",
            "postcode": "le11 1aa",
            "accessibility": ["Step-free access", "Hearing loop"],
            "other_accessibility": "Lift to the first floor",
            **changes,
        },
    )


def test_add_a_place_to_a_service(client, curator):
    service = create_service(name="Knit and Natter")
    page = parse(client.get(f"/curate/services/{service.id}/places/new"))
    client.post(f"/curate/services/{service.id}/places/new", data=place_data(page))
    db.session.expire_all()
    service = db.session.get(Service, service.id)
    [place] = [sal.location for sal in service.service_at_locations]
    assert (place.name, place.postcode) == ("Wyvern Hall", "LE11 1AA")
    assert [a.description for a in place.accessibility] == [
        "Step-free access",
        "Hearing loop",
        "Lift to the first floor",
    ]
    assert reasons(service) == ["as it was before the first change", "place added"]
    assert "location.created" in audit_actions()
    assert found("loughborough") == [service.id]  # the place's town is searchable at once


def test_changing_a_shared_place_versions_every_service_held_there(client, curator):
    first = create_service(name="Knit and Natter", location={"name": "Wyvern Hall"})
    place = first.service_at_locations[0].location
    second = create_service(name="Tuesday Lunch Club")
    second.service_at_locations = [type(first.service_at_locations[0])(location=place)]
    db.session.commit()

    edit = f"/curate/services/{first.id}/places/{place.id}"
    page = parse(client.get(edit))
    assert "Tuesday Lunch Club" in page.select_one(".nhsuk-inset-text").text
    client.post(edit, data=form_data(page, address_1="5 Wyvern Road", accessibility=[]))
    db.session.expire_all()
    assert db.session.get(Location, place.id).address_1 == "5 Wyvern Road"
    for service in (first, second):
        assert reasons(service) == ["as it was before the first change", "place edited"]
    history = parse(client.get(f"/curate/services/{second.id}/history?from=1&to=2"))
    row = history.find("th", string="Places").find_parent("tr")
    assert "5 Wyvern Road" in row.text and "1 Test Street" in row.text


def test_place_form_checks_the_postcode_and_coordinates(client, curator):
    service = create_service()
    url = f"/curate/services/{service.id}/places/new"
    shown = parse(
        client.post(url, data=place_data(parse(client.get(url)), postcode="LE1", latitude="300"))
    )
    assert "Enter a full UK postcode" in errors(shown)
    assert "Enter a latitude in the UK" in errors(shown)
    assert shown.select_one("#postcode")["value"] == "LE1"
    assert db.session.scalars(select(Location)).all() == []


def test_link_and_unlink_a_place_the_organisation_uses(client, curator):
    first = create_service(name="Knit and Natter", location={"name": "Wyvern Hall"})
    place = first.service_at_locations[0].location
    second = create_service(name="Tuesday Lunch Club", organisation=first.organisation)
    page = parse(client.get(f"/curate/services/{second.id}/places"))
    assert page.select_one("#location_id option")["value"] == place.id
    client.post(
        f"/curate/services/{second.id}/places/link",
        data={"csrf_token": csrf_token(page), "location_id": place.id},
    )
    db.session.expire_all()
    assert [sal.location_id for sal in db.session.get(Service, second.id).service_at_locations] == [
        place.id
    ]
    client.post(
        f"/curate/services/{second.id}/places/{place.id}/unlink",
        data={"csrf_token": csrf_token(page)},
    )
    db.session.expire_all()
    assert db.session.get(Service, second.id).service_at_locations == []
    assert db.session.get(Location, place.id) is not None  # the place is kept

    # A place belonging to another organisation cannot be linked by guessing its id.
    other = create_service(name="Elsewhere", location={"name": "Other Hall"})
    other_place = other.service_at_locations[0].location
    response = client.post(
        f"/curate/services/{second.id}/places/link",
        data={"csrf_token": csrf_token(page), "location_id": other_place.id},
    )
    assert response.status_code == 404


def test_contacts_are_versioned_and_restored(client, curator):
    service = create_service(name="Knit and Natter")
    url = f"/curate/services/{service.id}/contacts"
    page = parse(client.get(url))
    data = form_data(
        page,
        **{
            "contacts-0-name": "Volunteer coordinator",
            "contacts-0-email": "volunteers@example.org",
            "contacts-0-phones": "0116 496 0777",
        },
    )
    client.post(url, data=data)
    db.session.expire_all()
    [contact] = db.session.get(Service, service.id).contacts
    assert (contact.name, contact.email, contact.phones[0].number) == (
        "Volunteer coordinator",
        "volunteers@example.org",
        "0116 496 0777",
    )
    bad = parse(client.post(url, data={**data, "contacts-0-name": "", "contacts-0-email": "nope"}))
    assert "Contact 1: Enter an email address" in errors(bad)
    assert "Contact 1: Enter a name or a role" in errors(bad)
    assert bad.select_one("#contacts-0-email")["value"] == "nope"

    client.post(f"/curate/services/{service.id}/restore/1", data={"csrf_token": csrf_token(page)})
    db.session.expire_all()
    assert db.session.get(Service, service.id).contacts == []


def test_saving_contacts_keeps_every_phone_and_what_it_is_for(client, curator):
    """A contact imported or merged with several numbers: the page shows them all, and a save
    that changes something else loses none of them."""
    service = create_service(name="Knit and Natter", commit=False)
    service.contacts = [
        Contact(
            name="Sam Patel",
            phones=[
                Phone(number="0116 496 0555", description="Mobile, weekdays"),
                Phone(number="0116 496 0556"),
            ],
        )
    ]
    db.session.commit()
    url = f"/curate/services/{service.id}/contacts"
    page = parse(client.get(url))
    assert page.select_one("#contacts-0-phones").text == (
        "0116 496 0555, Mobile, weekdays\n0116 496 0556"
    )
    client.post(url, data=form_data(page))
    assert reasons(service) == []  # nothing had changed: no version
    client.post(url, data=form_data(page, **{"contacts-0-title": "Volunteer coordinator"}))
    db.session.expire_all()
    [contact] = db.session.get(Service, service.id).contacts
    assert contact.title == "Volunteer coordinator"
    assert [(p.number, p.description) for p in contact.phones] == [
        ("0116 496 0555", "Mobile, weekdays"),
        ("0116 496 0556", None),
    ]
    bad = parse(client.post(url, data=form_data(page, **{"contacts-0-phones": "0116\ncall us"})))
    assert "Contact 1: Line 1: Enter a phone number" in errors(bad)
    assert "Line 2: Enter a phone number" in errors(bad)


def test_restoring_a_version_brings_back_contacts_phones_and_what_they_are_for(client, curator):
    service = create_service(name="Knit and Natter", commit=False)
    service.contacts = [
        Contact(name="Sam Patel", phones=[Phone(number="0116 496 0555", description="Mobile")])
    ]
    db.session.commit()
    url = f"/curate/services/{service.id}/contacts"
    page = parse(client.get(url))
    client.post(url, data=form_data(page, **{"contacts-0-phones": ""}))
    db.session.expire_all()
    assert db.session.get(Service, service.id).contacts[0].phones == []
    client.post(f"/curate/services/{service.id}/restore/1", data={"csrf_token": csrf_token(page)})
    db.session.expire_all()
    [contact] = db.session.get(Service, service.id).contacts
    assert [(p.number, p.description) for p in contact.phones] == [("0116 496 0555", "Mobile")]


def test_a_version_saved_before_phone_descriptions_were_kept_still_restores(client, curator):
    service = create_service(name="Knit and Natter")
    old = versions.snapshot(service) | {"contacts": [["Sam Patel", None, None, ["0116 496 0555"]]]}
    db.session.add(ServiceVersion(service_id=service.id, number=1, snapshot=old, reason="edited"))
    db.session.commit()
    page = parse(client.get(f"/curate/services/{service.id}/restore/1"))
    rows = [[c.text for c in row.select("th, td")] for row in page.select("tbody tr")]
    assert rows == [["Contacts", "(none)", "Sam Patel 0116 496 0555"]]
    client.post(f"/curate/services/{service.id}/restore/1", data={"csrf_token": csrf_token(page)})
    db.session.expire_all()
    [contact] = db.session.get(Service, service.id).contacts
    assert [(p.number, p.description) for p in contact.phones] == [("0116 496 0555", None)]


def test_a_version_from_before_places_and_contacts_were_kept_shows_no_false_changes(
    client, curator
):
    """Its places and contacts were not recorded, not empty: the restore preview and the
    history compare what was recorded, and restoring leaves the places and contacts alone."""
    service = create_service(
        name="Knit and Natter", location={"name": "Wyvern Hall"}, summary="Weekly.", commit=False
    )
    service.contacts = [Contact(name="Sam Patel")]
    db.session.commit()
    old = versions.snapshot(service) | {"summary": "Every week."}
    del old["locations"], old["contacts"]
    db.session.add(ServiceVersion(service_id=service.id, number=1, snapshot=old, reason="edited"))
    db.session.add(
        ServiceVersion(
            service_id=service.id, number=2, snapshot=versions.snapshot(service), reason="edited"
        )
    )
    db.session.commit()
    edit = f"/curate/services/{service.id}"

    preview = parse(client.get(f"{edit}/restore/1"))
    rows = [[c.text for c in row.select("th, td")] for row in preview.select("tbody tr")]
    assert rows == [["Summary", "Weekly.", "Every week."]]
    history = parse(client.get(f"{edit}/history?from=1&to=2"))
    first_table = history.select("table")[0]
    rows = [[c.text for c in row.select("th, td")] for row in first_table.select("tbody tr")]
    assert rows == [["Summary", "Every week.", "Weekly."]]

    client.post(f"{edit}/restore/1", data={"csrf_token": csrf_token(preview)})
    db.session.expire_all()
    restored = db.session.get(Service, service.id)
    assert restored.summary == "Every week."
    assert [p.name for p in restored.locations] == ["Wyvern Hall"]
    assert [c.name for c in restored.contacts] == ["Sam Patel"]


def test_rename_a_term_and_add_a_sub_need(client, curator):
    service = create_service(name="Knit and Natter", terms=("loneliness-and-isolation",))
    term = db.session.scalar(
        select(TaxonomyTerm).where(TaxonomyTerm.code == "loneliness-and-isolation")
    )
    page = parse(client.get(f"/curate/terms/{term.id}"))
    assert "Used by 1 service" in page.text
    client.post(f"/curate/terms/{term.id}", data=form_data(page, name="Feeling alone"))
    db.session.expire_all()
    assert db.session.get(TaxonomyTerm, term.id).code == "loneliness-and-isolation"
    assert "Feeling alone" in client.get(f"/services/{service.id}").get_data(as_text=True)

    parent = db.session.get(TaxonomyTerm, term.id).parent or db.session.get(TaxonomyTerm, term.id)
    url = f"/curate/terms/{parent.id}/new"
    client.post(url, data=form_data(parse(client.get(url)), name="Befriending by phone"))
    added = db.session.scalar(
        select(TaxonomyTerm).where(TaxonomyTerm.name == "Befriending by phone")
    )
    assert added.code == "befriending-by-phone" and added.parent_id == parent.id
    assert audit_actions()[-2:] == ["taxonomy_term.edited", "taxonomy_term.created"]
    listing = parse(client.get("/curate/terms"))
    assert listing.find("a", string="Befriending by phone")


def test_organisations_come_a_page_at_a_time(client, curator):
    for number in range(52):
        create_organisation(name=f"Organisation {number:02d}")
    db.session.commit()
    first = parse(client.get("/curate/organisations"))
    assert len(first.select("tbody tr")) == 50
    second = parse(client.get(first.select_one(".nhsuk-pagination__link--next")["href"]))
    assert [a.text for a in second.select("tbody a")] == ["Organisation 50", "Organisation 51"]
