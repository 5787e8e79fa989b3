"""CSV export: every service, every field, formulas neutralised, audited."""

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from knowledge.curation.exchange import COLUMNS, FORMAT, join_parts, split_entries, split_parts
from knowledge.extensions import db
from knowledge.models import (
    Accessibility,
    AuditEvent,
    Contact,
    Language,
    Location,
    Phone,
    PublicationState,
    Role,
    ServiceAtLocation,
)
from tests.factories import create_service, schedule


def download(client) -> list[dict]:
    response = client.get("/curate/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_export_holds_every_service_and_field(client, login_as):
    login_as(Role.HELPLINE)
    create_service(
        name="Knit and Natter",
        schedules=[
            schedule("MO,WE", "18:00", "23:00"),
            schedule("1SA", "10:00", "12:00", freq="MONTHLY"),
        ],
        staff_notes="Back in January",
    )
    create_service(name="Draft Group", publication=PublicationState.DRAFT)
    rows = download(client)
    assert list(rows[0]) == list(COLUMNS)
    assert [r["name"] for r in rows] == ["Draft Group", "Knit and Natter"]
    knit = rows[1]
    assert knit["opening_times"] == "WEEKLY MO,WE 18:00-23:00\nMONTHLY 1SA 10:00-12:00"
    assert knit["phones"] == "0116 496 0123"
    assert knit["need_terms"] == "loneliness-and-isolation" and knit["areas"] == "leicester"
    assert knit["staff_notes"] == "Back in January"
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "directory.exported")
    )
    assert event.details == {"services": 2, "format": "csv"}


def test_formula_injection_is_neutralised(client, login_as):
    login_as(Role.HELPLINE)
    create_service(name='=HYPERLINK("http://evil.example","Click me")', summary="+1 great group")
    [row] = download(client)
    assert row["name"] == '\'=HYPERLINK("http://evil.example","Click me")'
    assert row["summary"] == "'+1 great group"


def test_only_curators_can_export(client, login_as):
    login_as(Role.STAFF)
    assert client.get("/curate/export.csv").status_code == 403


def test_export_holds_places_contacts_and_the_organisation(client, login_as):
    login_as(Role.HELPLINE)
    service = create_service(
        name="Knit and Natter",
        location={
            "name": "Wyvern Hall",
            "address_2": "Back entrance",
            "latitude": 52.63593,
            "longitude": -1.13381,
            "transport_note": "Bus 14 stops outside",
            "accessibility": [
                Accessibility(description="Step-free access"),
                Accessibility(description="Hearing loop", details="In the main hall"),
            ],
        },
        schedules=[schedule("TU", "10:00", "12:00", description="Term time only")],
        commit=False,
    )
    service.contacts = [
        Contact(name="Asha Patel", title="Organiser", email="asha@example.org"),
        Contact(name="Sam Jones", phones=[Phone(number="0116 496 0999")]),
    ]
    service.languages = [Language(name="English", code="en"), Language(name="Gujarati")]
    service.phones = [Phone(number="0116 496 0123", description="Office | weekdays")]
    annexe = Location(name="Annexe", postcode="LE2 2BB")
    service.service_at_locations.append(ServiceAtLocation(location=annexe))
    db.session.commit()
    [row] = download(client)
    assert row["organisation_id"] == service.organisation_id
    assert row["organisation"] == "Test Community Trust"
    assert (row["location_name"], row["address_2"], row["postcode"]) == (
        "Wyvern Hall",
        "Back entrance",
        "LE1 1AA",
    )
    assert (row["latitude"], row["longitude"]) == ("52.63593", "'-1.13381")
    assert row["accessibility"] == "Step-free access\nHearing loop | In the main hall"
    assert row["transport_note"] == "Bus 14 stops outside"
    assert row["other_location_ids"] == annexe.id
    assert row["contacts"] == (
        "Asha Patel | Organiser | asha@example.org\nSam Jones |  |  | 0116 496 0999"
    )
    assert row["phones"] == "0116 496 0123 | Office \\| weekdays"
    assert row["opening_times"] == "WEEKLY TU 10:00-12:00 | Term time only"
    assert row["costs"] == "Free | 0.00"
    assert row["languages"] == "English | en\nGujarati"
    assert row["assured_date"] == date(2026, 10, 1).isoformat()


@pytest.mark.parametrize(
    "parts",
    [
        ["0116 496 0123", "Office"],
        ["a | b", "back\\slash", "line\nbreak", "carriage\rreturn"],
        ["trailing", None, ""],
        ["|", "\\|", "\\n"],
    ],
)
def test_list_cell_parts_come_back_as_they_went(parts):
    expected = [p or "" for p in parts]
    while expected and not expected[-1]:
        expected.pop()
    cell = join_parts(parts)
    assert len(split_entries(cell)) == 1
    assert split_parts(cell)[: len(expected)] == expected


def test_every_column_is_explained():
    assert all(help_text for _, help_text in FORMAT)
    assert len(set(COLUMNS)) == len(COLUMNS)
