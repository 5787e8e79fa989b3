"""CSV import: a dry run that writes nothing, then all rows or none; a lossless round trip."""

import copy
import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from knowledge.commands import SEED_FOLDER
from knowledge.curation import exchange, import_services, importing
from knowledge.curation import services as curation
from knowledge.curation.forms import LocationForm, OrganisationForm, ServiceForm
from knowledge.directory import seeding
from knowledge.directory.indexing import rebuild_search_index, search_index
from knowledge.domain import contact_details
from knowledge.domain.spreadsheets import safe_cell, unsafe_cell
from knowledge.extensions import db
from knowledge.models import (
    AuditEvent,
    Contact,
    Location,
    Organisation,
    PendingImport,
    Phone,
    PublicationState,
    Role,
    Service,
    ServiceAtLocation,
    ServiceVersion,
)
from knowledge.models.base import Base
from tests.conftest import (
    PASSWORDS,
    create_user,
    csrf_token,
    make_app,
    parse,
    post_too_big,
    sign_in,
)
from tests.factories import create_organisation, create_service

# A new service's row: what a test does not set is blank.
NEW_ROW = {
    "name": "Knit and Natter",
    "organisation": "Wyvern Community Trust",
    "summary": "A weekly knitting group.",
    "description": "Bring your needles, or borrow ours.",
    "need_terms": "loneliness-and-isolation",
    "service_types": "vcs-group",
    "areas": "leicester",
    "self_referral": "yes",
    "professional_referral": "no",
    "drop_in": "yes",
    "do_not_refer": "no",
    "review_interval_months": "6",
    "phones": "0116 496 0777 | Wednesdays",
    "opening_times": "WEEKLY WE 10:00-12:00",
    "costs": "Free | 0.00",
}


def csv_bytes(
    rows: list[dict],
    columns=exchange.COLUMNS,
    encoding: str = "utf-8",
    line_end: str = "\r\n",
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(columns)
    writer.writerows([row.get(column, "") for column in columns] for row in rows)
    return buffer.getvalue().encode(encoding)


def upload(client, content: bytes, filename: str = "directory.csv"):
    token = csrf_token(parse(client.get("/curate/import")))
    # Encoded here, in memory: the test client spools a large body to a file it never closes.
    boundary, body = encode_multipart(
        {"csrf_token": token, "csv_file": FileStorage(io.BytesIO(content), filename)}
    )
    return client.post(
        "/curate/import", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def dry_run(client, content: bytes, filename: str = "directory.csv"):
    """Upload the file and return its report page."""
    response = upload(client, content, filename)
    assert response.status_code == 302, parse(response).select_one(".nhsuk-error-summary")
    page = parse(client.get(response.location))
    return page


def refusal(client, content: bytes) -> str:
    response = upload(client, content)
    assert response.status_code == 200
    return parse(response).select_one(".nhsuk-error-message").text


def import_it(client, report, ticked: tuple[int, ...] = ()):
    form = report.select_one("form[action$='/apply']")
    data = {
        "csrf_token": form.select_one("input[name=csrf_token]")["value"],
        "plan": form.select_one("input[name=plan]")["value"],
        "create_anyway": [str(n) for n in ticked],
    }
    return client.post(form["action"], data=data)


def cancel(client, report):
    form = report.select_one("form[action$='/apply']")
    button = form.select_one("button[formaction]")
    return client.post(button["formaction"], data={"csrf_token": csrf_token(report)})


def row_cells(report, number: int) -> list[str]:
    """The text of each cell of the report's row `number` (a CSV's row, a feed's record),
    without the heading a narrow screen shows in it."""
    cells = [copy.copy(cell) for cell in report.select_one(f"#row-{number}").select("td")]
    for cell in cells:
        for heading in cell.select(".nhsuk-table-responsive__heading"):
            heading.decompose()
    return [" ".join(cell.text.split()) for cell in cells]


def row_report(report, number: int) -> tuple[str, str]:
    """What the report says row `number` would do, and its details."""
    cells = row_cells(report, number)
    return cells[2], cells[3]


def table_counts() -> dict[str, int]:
    """Rows in every table but the uploads' own."""
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in Base.metadata.sorted_tables
        if table.name != "pending_import"
    }


@pytest.fixture
def curator(client, login_as):
    login_as(Role.HELPLINE)
    return client


# The whole demo directory -------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory):
    """A demo directory of this module's own, with a signed-in officer: some tests import."""
    app = make_app(tmp_path_factory.mktemp("import-demo"))
    with app.app_context():
        db.create_all()
        seeding.load_reference_data(SEED_FOLDER)
        seeding.load_demo_directory(SEED_FOLDER / "demo_directory.json")
        _add_what_the_demo_lacks()
        rebuild_search_index()
        user = create_user(Role.HELPLINE, email="importer@example.org")
        client = app.test_client()
        assert sign_in(client, user.email, PASSWORDS[Role.HELPLINE]).status_code == 302
        db.session.remove()
    return app, client


def _add_what_the_demo_lacks() -> None:
    """Details the demo directory has none of, so the round trip is tested on them too."""
    service = db.session.scalars(
        select(Service).where(Service.languages.any()).order_by(Service.name)
    ).first()
    organisation = service.organisation
    organisation.charity_number = "1123456"
    organisation.phones.append(Phone(number="0116 496 0999", description="Evenings, weekends"))
    service.languages[0].note = "Thursday sessions only\nwith an interpreter"
    service.contacts.append(
        Contact(
            name="Sam Patel",
            title="Volunteer coordinator",
            email="sam@example.org",
            phones=[
                Phone(number="0116 496 0555", description="Mobile | texts too"),
                Phone(number="0116 496 0556"),
                Phone(number="0116 496 0557", description="Office"),
            ],
        )
    )
    place = db.session.scalars(select(Location).order_by(Location.name)).first()
    place.description = "The side door on Wyvern Road.\nRing the bell."
    db.session.commit()


def organisations_as_data() -> dict[str, dict]:
    """Every organisation that runs a service: each column, and its phones."""
    running = select(Service.organisation_id)
    return {
        o.id: _columns(o) | {"phones": [(p.number, p.description) for p in o.phones]}
        for o in db.session.scalars(select(Organisation).where(Organisation.id.in_(running)))
    }


def places_as_data() -> dict[str, dict]:
    """Every place a service is held at: each column, and its access features."""
    used = select(ServiceAtLocation.location_id)
    return {
        p.id: _columns(p) | {"access": [(a.description, a.details) for a in p.accessibility]}
        for p in db.session.scalars(select(Location).where(Location.id.in_(used)))
    }


def _columns(record) -> dict:
    return {
        column.name: getattr(record, column.key)
        for column in type(record).__table__.columns
        if column.name != "last_modified"
    }


@pytest.fixture(scope="module")
def demo_export(demo_copy) -> bytes:
    _, client = demo_copy
    response = client.get("/curate/export.csv")
    assert response.status_code == 200
    return response.get_data()


def entries() -> dict[str, dict]:
    services = db.session.scalars(select(Service).options(*exchange.EXPORT_LOADS))
    return {s.id: exchange.entry(s) for s in services}


def test_the_demo_directory_comes_back_unchanged_into_itself(demo_copy, demo_export):
    app, client = demo_copy
    with app.app_context():
        before = table_counts()
        report = dry_run(client, demo_export)
        assert table_counts() == before
        total = before["service"]
        assert f"{total} rows are the same as the directory" in report.text
        assert report.select_one("#rows") is None
        assert report.select_one("form[action$='/apply'] button:not([formaction])") is None
        assert "There is nothing in this file to import." in report.text
        assert cancel(client, report).status_code == 302
        assert table_counts() == before
        assert db.session.scalar(select(func.count(PendingImport.id))) == 0


def test_the_demo_directory_moves_to_an_empty_one_losing_nothing(
    demo_copy, demo_export, curator, app
):
    demo_app, _ = demo_copy
    with demo_app.app_context():
        original = entries()
        original_organisations = organisations_as_data()
        original_places = places_as_data()
    report = dry_run(curator, demo_export)
    assert report.select_one("#rows")
    assert not report.select(".nhsuk-tag--red"), [
        row_report(report, int(tr["id"][4:])) for tr in report.select("#rows tbody tr")
    ]
    assert len(report.select(".nhsuk-tag--green")) == len(original)
    assert not report.select("input[name=create_anyway]")
    assert import_it(curator, report).status_code == 302

    assert entries() == original
    assert curator.get("/curate/export.csv").get_data() == demo_export
    assert organisations_as_data() == original_organisations
    assert places_as_data() == original_places
    assert any(o["charity_number"] for o in original_organisations.values())
    assert any(p["description"] for p in original_places.values())
    reasons = db.session.scalars(select(ServiceVersion.reason).distinct()).all()
    assert reasons == ["imported"]
    actions = dict(
        db.session.execute(
            select(AuditEvent.action, func.count()).group_by(AuditEvent.action)
        ).all()
    )
    assert actions["service.imported"] == len(original)
    assert actions["directory.imported"] == 1
    assert db.session.scalar(select(func.count(PendingImport.id))) == 0
    published = {i for i, e in original.items() if e["publication"] == "published"}
    assert search_index().indexed_ids() == published


# What a dry run shows ------------------------------------------------------------------------


def test_a_dry_run_and_a_cancel_write_nothing(curator):
    create_service(name="Friendship Café")
    before = table_counts()
    report = dry_run(curator, csv_bytes([NEW_ROW]))
    assert table_counts() == before
    assert db.session.scalar(select(func.count(PendingImport.id))) == 1
    assert row_report(report, 2)[0] == "Create"
    response = cancel(curator, report)
    assert response.status_code == 302
    assert "nothing was changed" in parse(curator.get(response.location)).text
    assert table_counts() == before
    assert db.session.scalar(select(func.count(PendingImport.id))) == 0


def test_new_rows_arrive_as_drafts_and_rows_keeping_an_id_keep_their_state(curator):
    kept_id = "6f1c1c52-8a51-4bb0-9a5c-3f2f0f4f3d11"
    rows = [
        {**NEW_ROW, "publication": "published"},
        {**NEW_ROW, "name": "Walk and Talk", "id": kept_id, "publication": "published"},
    ]
    report = dry_run(curator, csv_bytes(rows))
    assert "arrives as a draft" in row_report(report, 2)[1]
    assert "keeping the id in the file (it is published)" in row_report(report, 3)[1]
    assert "New organisation “Wyvern Community Trust”" in row_report(report, 2)[1]
    assert import_it(curator, report).status_code == 302
    knit = db.session.scalars(select(Service).where(Service.name == "Knit and Natter")).one()
    walk = db.session.get(Service, kept_id)
    assert knit.publication is PublicationState.DRAFT
    assert walk.publication is PublicationState.PUBLISHED
    assert knit.organisation is walk.organisation
    assert [p.number for p in knit.phones] == ["0116 496 0777"]
    assert search_index().indexed_ids() == {kept_id}


def test_an_update_lists_what_changes_and_a_missing_column_changes_nothing(curator):
    service = create_service(name="Friendship Café", staff_notes="Ask for Pat")
    columns = ("id", *importing.REQUIRED_COLUMNS[1:], "phones")
    row = {
        "id": service.id,
        "name": "Friendship Café",
        "organisation": service.organisation.name,
        "summary": "A friendly weekly get-together, with cake.",
        "description": service.description,
        "need_terms": "loneliness-and-isolation",
        "areas": "leicester",
        "phones": "0116 496 0123\n0116 496 0456 | Evenings",
    }
    report = dry_run(curator, csv_bytes([row], columns=columns))
    action, details = row_report(report, 2)
    assert action == "Update"
    assert (
        "Summary: A friendly weekly get-together. → A friendly weekly get-together, with cake."
        in (details)
    )
    assert "Phones: 0116 496 0123 → 0116 496 0123; 0116 496 0456 Evenings" in details
    note = report.select_one(".nhsuk-inset-text").text
    assert "The file has no organisation_id, organisation_description, organisation_email" in note
    assert "organisation_charity_number, publication, status, status_note" in note
    assert import_it(curator, report).status_code == 302
    db.session.expire_all()
    assert service.summary == "A friendly weekly get-together, with cake."
    assert service.staff_notes == "Ask for Pat"
    assert [t.code for t in service.terms_in("service-type")] == ["vcs-group"]
    assert [v.reason for v in curation.service_versions(service)] == [
        "imported",
        "as it was before the first change",
    ]


def test_every_reason_a_row_is_rejected_is_given(curator):
    organisation = create_organisation(name="Wyvern Community Trust")
    db.session.commit()
    rows = [
        {
            **NEW_ROW,
            "need_terms": "loneliness-and-isolation\nsadness",
            "service_types": "knitting",
            "areas": "leicester; atlantis",
            "minimum_age": "eighteen",
            "drop_in": "maybe",
            "opening_times": "WEEKLY WE 10:00-25:00\nFORTNIGHTLY MO 09:00-10:00",
            "assured_date": "31/02/2026",
        },
        {**NEW_ROW, "id": "12"},
        {**NEW_ROW, "id": organisation.id},
        {**NEW_ROW, "summary": "", "do_not_refer": "yes", "maximum_age": "200"},
    ]
    report = dry_run(curator, csv_bytes(rows))
    action, details = row_report(report, 2)
    assert action == "Rejected"
    for reason in (
        "unknown need domain sadness",
        "unknown kind of service knitting",
        "unknown area atlantis",
        "minimum_age: “eighteen” is not a whole number",
        "drop_in: “maybe” should be yes or no",
        "25:00 is not a time",
        "“FORTNIGHTLY MO 09:00-10:00” is not opening times",
        "assured_date: “31/02/2026” is not a date",
    ):
        assert reason in details
    assert "“12” is not an id from a directory export" in row_report(report, 3)[1]
    assert "that is the id of an organisation" in row_report(report, 4)[1]
    details = row_report(report, 5)[1]
    assert "summary is missing" in details
    assert "maximum_age: 200 is not an age" in details
    assert "do_not_refer is yes but do_not_refer_reason is blank" in details
    assert "4: left out" in report.select_one(".nhsuk-summary-list").text.replace("\n", " ")


def test_fields_beyond_their_limits_are_rejected_not_a_database_error(curator):
    rows = [
        {
            **NEW_ROW,
            "name": "N" * 201,
            "description": "D" * 5001,
            "location_name": "Hall",
            "postcode": "LE1 1AA LE1 1AA",
            "phones": "0116 496 0777 | " + "x" * 201,
        }
    ]
    details = row_report(dry_run(curator, csv_bytes(rows)), 2)[1]
    assert "name is 201 characters: the most is 200" in details
    assert "description is 5001 characters: the most is 5000" in details
    assert "postcode is 15 characters: the most is 10" in details
    assert "phones: phone description is 201 characters: the most is 200" in details


def test_line_breaks_in_one_line_columns_are_rejected(curator):
    rows = [
        {
            **NEW_ROW,
            "name": "Knit and\nNatter",
            "organisation": "Wyvern\r\nTrust",
            "location_name": "Wyvern\nHall",
            "postcode": "LE1 1AA",
            # A line break written inside a part, as the export escapes one.
            "phones": "0116 496 0777 | Wednesdays\\nBcc: x@example.org",
        },
        # Several lines where the form has a text area are fine, in a cell or in a part.
        {
            **NEW_ROW,
            "name": "Walk and Talk",
            "description": "Line one\nLine two",
            "costs": "Per session | 2.50 | First session free\\nthen £2.50",
        },
    ]
    action, details = row_report(dry_run(curator, csv_bytes(rows)), 2)
    assert action == "Rejected"
    for reason in (
        "name: “Knit and Natter” is on more than one line",
        "organisation: “Wyvern Trust” is on more than one line",
        "location_name: “Wyvern Hall” is on more than one line",
        "phones: “0116 496 0777 | Wednesdays\\nBcc: x@example.org”: its description is on more",
    ):
        assert reason in details
    assert row_report(dry_run(curator, csv_bytes(rows)), 3)[0] == "Create"


def test_web_addresses_postcodes_and_coordinates_follow_the_forms_rules(curator):
    rows = [
        {
            **NEW_ROW,
            "url": "www.knitandnatter",
            "organisation_url": "ftp://files.example.org",
            "organisation_email": "office at example.org",
            "organisation_charity_number": "12",
            "location_name": "Wyvern Hall",
            "postcode": "LE1",
            "latitude": "-52.6",
            "longitude": "1.1",
        },
        {
            **NEW_ROW,
            "name": "Walk and Talk",
            "phones": "",
            "url": "https://walk.example.org/join?day=tue",
            "location_name": "Wyvern Hall",
            "postcode": "le1 3zq",
            "latitude": "52.63593",
            "longitude": "-1.13381",
        },
    ]
    report = dry_run(curator, csv_bytes(rows))
    action, details = row_report(report, 2)
    assert action == "Rejected"
    for reason in (
        "url: “www.knitandnatter” is not a web address starting https://",
        "organisation_url: “ftp://files.example.org” is not a web address",
        "organisation_email: “office at example.org” is not an email address",
        "organisation_charity_number: “12” is not a charity number",
        "postcode: “LE1” is not a full UK postcode",
        "latitude: -52.6 is not a latitude in the UK",
    ):
        assert reason in details
    assert row_report(report, 3)[0] == "Create"


@pytest.mark.parametrize(
    ("form", "field", "pattern"),
    [
        (LocationForm, "postcode", contact_details.POSTCODE),
        (OrganisationForm, "charity_number", contact_details.CHARITY_NUMBER),
        (ServiceForm, "url", contact_details.WEB_ADDRESS),
        (OrganisationForm, "url", contact_details.WEB_ADDRESS),
        (ServiceForm, "phone", contact_details.PHONE),
    ],
)
def test_the_forms_and_the_import_share_one_set_of_patterns(form, field, pattern):
    patterns = [
        v.regex.pattern for v in getattr(form, field).kwargs["validators"] if hasattr(v, "regex")
    ]
    assert patterns == [pattern]


def test_the_limits_are_the_edit_forms():
    form_limits = {
        name: validator.max
        for name, field in ServiceForm.__dict__.items()
        if hasattr(field, "kwargs")
        for validator in field.kwargs.get("validators", [])
        if type(validator).__name__ == "Length"
    }
    shared = set(form_limits) & set(importing.LIMITS)
    assert shared >= {"name", "summary", "description", "email", "url", "staff_notes"}
    assert {name: importing.LIMITS[name] for name in shared} == {
        name: form_limits[name] for name in shared
    }


def test_the_same_id_twice_rejects_the_second_row(curator):
    service = create_service(name="Friendship Café")
    row = {**NEW_ROW, "id": service.id, "organisation": service.organisation.name}
    report = dry_run(curator, csv_bytes([row, {**row, "summary": "Another"}]))
    assert row_report(report, 2)[0] == "Update"
    assert row_report(report, 3) == ("Rejected", "id: row 2 has the same id")


def test_a_further_place_whose_row_is_rejected_rejects_the_row_naming_it(curator):
    """Row 3 describes the Annexe but is rejected (its own further place is unknown); row 2
    names the Annexe as a further place, so it cannot be imported either."""
    annexe, unknown = "0c6d8e3e-94c8-4a43-9f2e-0a8a9f5f2b6a", "11111111-2222-3333-4444-555555555555"
    rows = [
        {**NEW_ROW, "other_location_ids": annexe},
        {
            **NEW_ROW,
            "name": "Walk and Talk",
            "phones": "",
            "location_id": annexe,
            "location_name": "Annexe",
            "other_location_ids": unknown,
        },
    ]
    before = table_counts()
    report = dry_run(curator, csv_bytes(rows))
    assert row_report(report, 3)[0] == "Rejected"
    action, details = row_report(report, 2)
    assert action == "Rejected"
    assert f"other_location_ids: {annexe} is neither in the directory" in details
    assert report.select_one("form[action$='/apply'] button:not([formaction])") is None
    assert table_counts() == before


def test_a_place_and_an_organisation_are_named_one_way_in_a_file(curator):
    rows = [
        {**NEW_ROW, "location_id": "0c6d8e3e-94c8-4a43-9f2e-0a8a9f5f2b6a", "location_name": "Hall"},
        {
            **NEW_ROW,
            "name": "Walk and Talk",
            "location_id": "0c6d8e3e-94c8-4a43-9f2e-0a8a9f5f2b6a",
            "location_name": "Main Hall",
        },
        {
            **NEW_ROW,
            "name": "Book Club",
            "other_location_ids": "0c6d8e3e-94c8-4a43-9f2e-0a8a9f5f2b6a\n"
            "11111111-2222-3333-4444-555555555555",
        },
    ]
    report = dry_run(curator, csv_bytes(rows))
    assert "row 2 describes this place differently" in row_report(report, 3)[1]
    assert (
        "11111111-2222-3333-4444-555555555555 is neither in the directory"
        in (row_report(report, 4)[1])
    )


def test_a_row_can_rename_an_organisation_but_two_rows_cannot_disagree(curator):
    organisation = create_organisation(name="Wyvern Trust")
    first = create_service(name="Friendship Café", organisation=organisation)
    second = create_service(name="Walk and Talk", organisation=organisation)
    rows = [
        {"id": s.id, "name": s.name, "organisation_id": organisation.id} for s in (first, second)
    ]
    columns = ("id", "name", "organisation_id", *importing.REQUIRED_COLUMNS[2:])
    for row in rows:
        row |= {k: NEW_ROW[k] for k in columns[3:]} | {"summary": first.summary}
        row["description"] = first.description
    rows[0]["organisation"] = "Wyvern Community Trust"
    rows[1]["organisation"] = "Wyvern Trust Ltd"
    report = dry_run(curator, csv_bytes(rows, columns=columns))
    action, details = row_report(report, 2)
    assert action == "Update"
    assert "Renames the organisation “Wyvern Trust” to “Wyvern Community Trust”" in details
    assert "Organisation name: Wyvern Trust → Wyvern Community Trust" in details
    assert (
        "row 2 calls this organisation “Wyvern Community Trust”: use one name"
        in (row_report(report, 3)[1])
    )


def test_a_row_can_change_an_organisations_details_but_two_rows_cannot_disagree(curator):
    organisation = create_organisation(name="Wyvern Trust", email="old@example.org")
    first = create_service(name="Friendship Café", organisation=organisation)
    second = create_service(name="Walk and Talk", organisation=organisation)
    exported = curator.get("/curate/export.csv").get_data(as_text=True)
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(exported[1:]))}
    for row in rows.values():
        row["organisation_email"] = "office@example.org"
        row["organisation_phones"] = "0116 496 0100 | Office\n0116 496 0101"
        row["organisation_charity_number"] = "1123456"
    report = dry_run(curator, csv_bytes(list(rows.values())))
    action, details = row_report(report, 2)
    assert action == "Update"
    assert "Organisation email: old@example.org → office@example.org" in details
    assert "Changes the organisation's email, phones, charity number, for all its" in details
    import_it(curator, report)
    db.session.expire_all()
    organisation = db.session.get(Organisation, organisation.id)
    assert (organisation.email, organisation.charity_number) == ("office@example.org", "1123456")
    assert [(p.number, p.description) for p in organisation.phones] == [
        ("0116 496 0100", "Office"),
        ("0116 496 0101", None),
    ]
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "organisation.edited")
    ).one()
    assert event.details["changes"]["email"] == ["old@example.org", "office@example.org"]

    rows[second.name]["organisation_email"] = "someone-else@example.org"
    report = dry_run(curator, csv_bytes([rows[first.name], rows[second.name]]))
    assert row_report(report, 3) == (
        "Rejected",
        "organisation: row 2 describes this organisation differently: make its columns the "
        "same on every row",
    )


def test_a_changed_place_says_who_else_shares_it(curator):
    hall = {"name": "Wyvern Hall", "postcode": "LE1 1AA"}
    first = create_service(name="Friendship Café", location=hall)
    place = first.locations[0]
    second = create_service(name="Walk and Talk", commit=False)
    second.service_at_locations = [ServiceAtLocation(location=place)]
    db.session.commit()
    exported = curator.get("/curate/export.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(exported[1:])))
    for row in rows:
        row["postcode"] = "LE1 9ZZ"
    rows[1]["other_location_ids"] = "0c6d8e3e-94c8-4a43-9f2e-0a8a9f5f2b6a"
    rows.append(
        {
            **NEW_ROW,
            "location_id": "0c6d8e3e-94c8-4a43-9f2e-0a8a9f5f2b6a",
            "location_name": "Annexe",
        }
    )
    report = dry_run(curator, csv_bytes(rows))
    action, details = row_report(report, 2)
    assert action == "Update"
    assert "Place: Wyvern Hall, 1 Test Street, Leicester, LE1 1AA → Wyvern Hall, 1 Test " in (
        details
    )
    assert "The place “Wyvern Hall” is shared with 1 other entry" in details
    assert row_report(report, 3)[0] == "Update"
    import_it(curator, report, ticked=(4,))
    db.session.expire_all()
    assert place.postcode == "LE1 9ZZ"
    assert [p.name for p in second.locations] == ["Wyvern Hall", "Annexe"]
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.occurred_at))
    assert {"location.edited", "location.created"} <= set(actions)


def test_a_changed_place_saves_a_version_of_entries_the_file_leaves_out(curator):
    first = create_service(name="Friendship Café", location={"name": "Wyvern Hall"})
    place = first.locations[0]
    other = create_service(name="Walk and Talk", commit=False)
    other.service_at_locations = [ServiceAtLocation(location=place)]
    db.session.commit()
    exported = curator.get("/curate/export.csv").get_data(as_text=True)
    [row, _] = list(csv.DictReader(io.StringIO(exported[1:])))
    row["location_name"] = "Wyvern Community Hall"
    import_it(curator, dry_run(curator, csv_bytes([row])))
    db.session.expire_all()
    assert [v.reason for v in curation.service_versions(other)] == [
        "place edited",
        "as it was before the first change",
    ]
    assert [v.reason for v in curation.service_versions(first)] == [
        "imported",
        "as it was before the first change",
    ]


# Possible duplicates ---------------------------------------------------------------------------


def test_a_possible_duplicate_is_only_created_when_ticked(curator):
    existing = create_service(name="Knit & Natter")
    rows = [NEW_ROW, {**NEW_ROW, "name": "Walk and Talk", "phones": "", "opening_times": ""}]
    report = dry_run(curator, csv_bytes(rows))
    action, details = row_report(report, 2)
    assert action == "Create"
    assert "Possible duplicate of: Knit & Natter" in details
    assert "Similar name" in details
    link = report.select_one("#row-2 a")
    assert link["href"] == f"/curate/services/{existing.id}"
    box = report.select_one("#row-2 input[name=create_anyway]")
    assert box["value"] == "2" and not box.has_attr("checked")
    assert "Possible duplicates 1" in " ".join(
        report.select_one(".nhsuk-summary-list").text.split()
    )

    response = import_it(curator, report)
    assert "Skipped as possible duplicates: row 2." in parse(curator.get(response.location)).text
    names = set(db.session.scalars(select(Service.name)))
    assert names == {"Knit & Natter", "Walk and Talk"}


def test_a_ticked_possible_duplicate_is_created(curator):
    create_service(name="Knit & Natter")
    report = dry_run(curator, csv_bytes([NEW_ROW]))
    import_it(curator, report, ticked=(2,))
    assert db.session.scalar(select(func.count(Service.id))) == 2


def test_two_rows_alike_in_one_file_are_pointed_out(curator):
    rows = [NEW_ROW, {**NEW_ROW, "name": "Knit & Natter", "opening_times": ""}]
    report = dry_run(curator, csv_bytes(rows))
    assert "Looks like row 2 of this file" in row_report(report, 3)[1]


# All or nothing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("failure", [ValueError, KeyError])
def test_a_failed_import_writes_nothing(curator, monkeypatch, failure):
    rows = [NEW_ROW, {**NEW_ROW, "name": "Walk and Talk", "phones": ""}]
    report = dry_run(curator, csv_bytes(rows))
    before = table_counts()
    saves = []

    def failing_save(service, reason, **details):
        saves.append(service.name)
        if len(saves) == 2:
            raise failure("disk full")
        return original_save(service, reason, **details)

    original_save = curation.save_version
    monkeypatch.setattr(curation, "save_version", failing_save)
    response = import_it(curator, report)
    page = parse(response)
    assert response.status_code == 200
    assert (
        "Nothing was imported: row 3 could not be saved"
        in page.select_one(".nhsuk-error-summary").text
    )
    assert table_counts() == before
    assert db.session.scalar(select(func.count(PendingImport.id))) == 1


def test_an_import_stops_if_the_directory_changed_after_the_dry_run(curator):
    service = create_service(name="Friendship Café")
    row = {**NEW_ROW, "id": service.id, "name": "Friendship Café", "organisation": "Other"}
    report = dry_run(curator, csv_bytes([row]))
    service.summary = "Changed by someone else meanwhile"
    db.session.commit()
    before = table_counts()
    page = parse(import_it(curator, report))
    assert "The directory has changed since you checked this file" in page.text
    assert table_counts() == before
    assert import_it(curator, page).status_code == 302
    db.session.expire_all()
    assert service.summary == NEW_ROW["summary"]


# Files that are not what they should be -----------------------------------------------------


def test_a_windows_excel_file_is_read_and_said_so(curator):
    row = {**NEW_ROW, "name": "Café Crème", "costs": "Per session | £2.50"}
    report = dry_run(curator, csv_bytes([row], encoding="cp1252"))
    assert "read as Windows-1252" in report.select_one(".nhsuk-inset-text").text
    assert row_report(report, 2)[0] == "Create"
    assert row_cells(report, 2)[1] == "Café Crème"
    import_it(curator, report)
    service = db.session.scalars(select(Service)).one()
    assert service.name == "Café Crème"
    assert str(service.cost_options[0].amount) == "2.50"


def test_utf8_with_a_byte_order_mark_is_read_without_a_note(curator):
    report = dry_run(curator, "\ufeff".encode() + csv_bytes([NEW_ROW]))
    assert row_report(report, 2)[0] == "Create"
    assert report.select_one(".nhsuk-inset-text") is None


@pytest.mark.parametrize("line_end", ["\r\n", "\n"])
def test_either_line_ending_reads_the_same(curator, line_end):
    row = {**NEW_ROW, "description": "Line one\nLine two", "phones": "0116 496 0777\n0116 496 0888"}
    import_it(curator, dry_run(curator, csv_bytes([row], line_end=line_end)))
    service = db.session.scalars(select(Service)).one()
    assert service.description == "Line one\nLine two"
    assert [p.number for p in service.phones] == ["0116 496 0777", "0116 496 0888"]


def test_unknown_columns_are_ignored_with_a_note(curator):
    columns = (*exchange.COLUMNS, "colour", "notes to self")
    report = dry_run(curator, csv_bytes([{**NEW_ROW, "colour": "blue"}], columns=columns))
    note = report.select_one(".nhsuk-inset-text").text
    assert "were ignored: colour, notes_to_self" in note
    assert row_report(report, 2)[0] == "Create"


def test_formula_looking_cells_are_imported_as_text_and_exported_safe(curator):
    formula = '=HYPERLINK("http://evil.example","Click me")'
    rows = [
        {**NEW_ROW, "name": formula},
        {**NEW_ROW, "name": "Walk and Talk", "summary": "'+1 great group", "phones": ""},
    ]
    import_it(curator, dry_run(curator, csv_bytes(rows)))
    assert set(db.session.scalars(select(Service.name))) == {formula, "Walk and Talk"}
    assert db.session.scalars(
        select(Service.summary).where(Service.name == "Walk and Talk")
    ).one() == ("+1 great group")
    exported = curator.get("/curate/export.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(exported[1:])))
    assert {r["name"] for r in rows} == {"'" + formula, "Walk and Talk"}


def test_day_month_year_dates_from_excel_are_read(curator):
    import_it(curator, dry_run(curator, csv_bytes([{**NEW_ROW, "assured_date": "23/09/2026"}])))
    assert db.session.scalars(select(Service.assured_date)).one().isoformat() == "2026-09-23"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\r\n\r\n", "The file is empty."),
        (csv_bytes([]), "The file has column names but no rows"),
        (
            csv_bytes([NEW_ROW], columns=("id", "name", "summary", "need_terms")),
            "The file is missing these columns: organisation, description, areas.",
        ),
        (b"service;name;where\r\nx;y;z\r\n", "separated by semicolons"),
        (b"Title,Author\r\nx,y\r\n", "this file's first row has none of them"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100, "This is an Excel workbook"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is not a CSV file"),
        (b"id,name,name\r\n", "These columns appear more than once: name."),
    ],
)
def test_files_that_cannot_be_imported_are_refused_with_a_reason(curator, content, message):
    assert message in refusal(curator, content)
    assert db.session.scalar(select(func.count(PendingImport.id))) == 0


def test_a_short_row_is_rejected_not_guessed(curator):
    content = csv_bytes([NEW_ROW]) + b"x,y\r\n"
    assert row_report(dry_run(curator, content), 3) == (
        "Rejected",
        f"It has 2 cells; the header has {len(exchange.COLUMNS)}.",
    )


def test_a_file_over_10_mb_is_refused_plainly(curator):
    content = csv_bytes([NEW_ROW])
    content += b" " * (importing.MAX_BYTES + 1 - len(content))
    assert "an import can be at most 10 MB" in refusal(curator, content)


def test_a_file_with_too_many_rows_is_refused_plainly(curator):
    columns = importing.REQUIRED_COLUMNS
    content = csv_bytes([{"name": "x"}] * (importing.MAX_ROWS + 1), columns=columns)
    assert len(content) < importing.MAX_BYTES  # short rows: small enough by size
    assert "more than 20,000 rows: an import can take at most 20,000" in refusal(curator, content)
    assert db.session.scalar(select(func.count(PendingImport.id))) == 0


def test_a_request_too_big_to_read_gets_the_upload_page_not_a_crash(curator):
    page = post_too_big(curator, "/curate/import")
    assert page.select_one("h1").text == "Import services from a spreadsheet"
    assert "larger than 10 MB" in page.select_one(".nhsuk-error-message").text


@pytest.mark.parametrize("path", ["/curate/import", "/curate/oruk-import"])
@pytest.mark.parametrize("role", [None, Role.STAFF])
def test_anyone_else_sending_a_request_too_big_to_read_gets_the_plain_error(
    client, login_as, path, role
):
    if role is not None:
        login_as(role)
    assert post_too_big(client, path).select_one("h1").text == "Request Entity Too Large"


def test_the_file_is_read_as_utf8_else_as_windows_1252():
    assert importing.decode("\ufeffid,name\r\n".encode()) == importing.DecodedFile(
        "id,name\r\n", "utf-8"
    )
    assert importing.decode("Café £2".encode("cp1252")) == importing.DecodedFile(
        "Café £2", "windows-1252"
    )


def test_every_exported_column_is_read_back():
    assert set(importing.PARSERS) == set(exchange.COLUMNS)


def test_an_exported_entry_reads_back_as_itself(demo_copy):
    app, _ = demo_copy
    with app.app_context():
        vocabulary = import_services.vocabulary()
        for service in db.session.scalars(select(Service).options(*exchange.EXPORT_LOADS)):
            data = exchange.entry(service)
            cells = {
                column: unsafe_cell(safe_cell(text))
                for column, text in exchange.cells(data, vocabulary.need_codes).items()
            }
            parsed = importing.parse_row(importing.CsvRow(2, cells), vocabulary)
            assert parsed.errors == []
            merged = importing.merge(None, parsed.values, vocabulary, {})
            merged["organisation_id"] = data["organisation_id"]
            assert merged | {"publication": data["publication"]} == data
        db.session.remove()


# Who may use it ------------------------------------------------------------------------------


def test_only_curators_can_import(client, login_as):
    login_as(Role.STAFF)
    assert client.get("/curate/import").status_code == 403


def test_another_officers_upload_is_not_found(curator, app):
    report = dry_run(curator, csv_bytes([NEW_ROW]))
    form = report.select_one("form[action$='/apply']")
    report_url = form["action"].removesuffix("/apply")
    other = app.test_client()
    someone = create_user(Role.HELPLINE, email="someone-else@example.org")
    assert sign_in(other, someone.email, PASSWORDS[Role.HELPLINE]).status_code == 302
    token = csrf_token(parse(other.get("/curate/import")))
    assert other.get(report_url).status_code == 404
    assert other.post(form["action"], data={"csrf_token": token}).status_code == 404
    assert other.post(report_url + "/cancel", data={"csrf_token": token}).status_code == 404
    assert db.session.scalar(select(func.count(PendingImport.id))) == 1


def test_a_new_upload_clears_uploads_older_than_a_day(curator):
    stale = PendingImport(
        uploaded_by_id="someone",
        uploaded_at=datetime.now(UTC) - timedelta(days=2),
        filename="old.csv",
        content="id\r\n",
        sha256="0" * 64,
    )
    db.session.add(stale)
    db.session.commit()
    dry_run(curator, csv_bytes([NEW_ROW]))
    dry_run(curator, csv_bytes([NEW_ROW]))
    assert db.session.scalars(select(PendingImport.filename)).all() == ["directory.csv"]


def test_a_file_refused_after_its_upload_is_only_deleted_by_cancel(curator):
    """A file the rules of a later release refuse: opening its page (a GET, which a browser
    may prefetch or repeat) says so and deletes nothing; Cancel deletes it."""
    report = dry_run(curator, csv_bytes([NEW_ROW]))
    report_url = report.select_one("form[action$='/apply']")["action"].removesuffix("/apply")
    pending = db.session.scalars(select(PendingImport)).one()
    pending.content = "id,name\r\nx,y\r\n"
    db.session.commit()
    for _ in range(2):
        page = parse(curator.get(report_url))
        assert "The file is missing these columns" in page.select_one(".nhsuk-error-summary").text
        assert db.session.scalar(select(func.count(PendingImport.id))) == 1
    form = page.select_one("form[action$='/cancel']")
    response = curator.post(form["action"], data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(PendingImport.id))) == 0


def test_the_upload_page_links_a_waiting_file(curator):
    dry_run(curator, csv_bytes([NEW_ROW]), filename="My services.csv")
    page = parse(curator.get("/curate/import"))
    assert page.select_one(".nhsuk-inset-text a").text == "My services.csv"
