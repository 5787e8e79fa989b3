"""CSV export: every service, every field, formulas neutralised, audited."""

import csv
import io

from sqlalchemy import select

from knowledge.curation.exchange import COLUMNS
from knowledge.extensions import db
from knowledge.models import AuditEvent, PublicationState, Role
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
    assert knit["opening_times"] == "WEEKLY MO,WE 18:00-23:00; MONTHLY 1SA 10:00-12:00"
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
