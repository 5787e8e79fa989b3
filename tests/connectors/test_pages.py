""" "Who can help in my area?" for staff and the public, and the officer's pages for the roles."""

from datetime import date

import pytest
from sqlalchemy import select

from knowledge.commands import SEED_FOLDER
from knowledge.connectors.seeding import load_demo_connectors, load_practices
from knowledge.extensions import db
from knowledge.models import AuditEvent, Organisation, PublicationState, Role
from knowledge.models.connectors import ConnectorRole, ConnectorRoleVersion
from tests.conftest import csrf_token, form_data, parse


@pytest.fixture
def connectors(app):
    load_practices(SEED_FOLDER / "practices.json")
    load_demo_connectors(SEED_FOLDER / "demo_connectors.json")
    return app


def card_titles(page) -> list[str]:
    return [h.text.strip() for h in page.select(".ck-connector h3")]


def headings(page) -> list[str]:
    return [h.text.strip() for h in page.select("main h2")]


def test_staff_find_the_link_worker_and_coordinator_for_a_practice_in_two_clicks(
    connectors, client, login_as
):
    login_as(Role.STAFF)
    home = parse(client.get("/"))
    # Click 1: the staff bar's link, on every page.
    [link] = [a for a in home.select(".ck-staff-bar a") if a.text == "Who can help"]
    chooser = parse(client.get(link["href"]))
    assert chooser.select_one("h1").text == "Who can help in my area?"
    # Click 2: the practice, listed under its district.
    [practice] = [
        a for a in chooser.select(".ck-practice-index a") if a.text == "Wilton Road Surgery"
    ]
    page = parse(client.get(practice["href"]))
    assert page.select_one("h1").text == "Who can help in Wilton Road Surgery"
    titles = card_titles(page)
    assert "Social prescribing link worker, Melton Mowbray PCN" in titles
    assert "Local area coordinator, Melton" in titles
    assert headings(page)[:2] == ["Social prescribing link workers", "Local area coordinators"]
    assert "Social prescribing link worker, Rural Melton PCN" not in titles
    # Staff-only roles are shown to staff, and say so.
    peer = next(c for c in page.select(".ck-connector") if "Peer support worker" in c.h3.text)
    assert "Staff only" in peer.text
    link_worker = page.select(".ck-connector")[0]
    assert link_worker.select_one("a[href^='tel:']")["href"].startswith("tel:0116496")


def test_the_chosen_place_is_remembered_for_the_session(connectors, client, login_as):
    login_as(Role.STAFF)
    client.get("/who-can-help?place=area:charnwood")
    assert parse(client.get("/who-can-help")).select_one("h1").text == "Who can help in Charnwood"
    assert parse(client.get("/who-can-help?change=1")).select_one("h1").text == (
        "Who can help in my area?"
    )


def test_the_public_sees_only_the_roles_marked_public(connectors, client):
    page = parse(client.get("/who-can-help?place=practice:ZZ0034"))  # Wilton Road Surgery
    titles = card_titles(page)
    assert "Local area coordinator, Melton" in titles
    assert "Telephone and home befriending volunteers" in titles
    assert not any("Peer support worker" in t for t in titles)
    assert "Staff only" not in page.text
    public_roles = db.session.scalars(select(ConnectorRole).where(ConnectorRole.public)).all()
    assert set(titles) <= {r.title for r in public_roles}
    # Nothing remembered for a visitor.
    assert parse(client.get("/who-can-help")).select_one("h1").text == "Who can help in my area?"


def test_an_unknown_place_is_not_found(connectors, client):
    assert client.get("/who-can-help?place=practice:NOPE").status_code == 404
    assert client.get("/who-can-help?place=nonsense").status_code == 404


def test_a_place_nobody_covers_says_so_and_points_staff_to_the_helpline(app, client, login_as):
    load_practices(SEED_FOLDER / "practices.json")
    login_as(Role.STAFF)
    page = parse(client.get("/who-can-help?place=area:oadby"))
    assert "No one is recorded as covering Oadby yet." in page.text
    assert page.select_one("a[href='/helpline/ask']") is not None


# The officer ------------------------------------------------------------------------------------


def new_role_form(client) -> dict:
    page = parse(client.get("/curate/connectors/new"))
    organisation = db.session.scalar(
        select(Organisation).where(Organisation.name.like("%Befriend%"))
    )
    return form_data(
        page,
        role_type="volunteer-befriender",
        title="Befriending for people leaving hospital",
        organisation_id=organisation.id,
        description="Volunteers who visit in the first weeks home.",
        how_to_contact="Ward staff phone the coordinator before discharge.",
        phone="0116 496 0870",
        areas=["melton"],
    )


def test_bad_input_is_explained_and_kept(connectors, client, login_as):
    login_as(Role.HELPLINE)
    data = new_role_form(client)
    data.update(title="", phone="", email="", areas=[], practices=[])
    data["description"] = "Kept as typed."
    response = client.post("/curate/connectors/new", data=data)
    assert response.status_code == 200
    page = parse(response)
    summary = page.select_one(".nhsuk-error-summary").text
    assert "Enter what the role is called" in summary
    assert "Choose the areas or GP practices the role covers" in summary
    assert "Give a work email or a work phone" in summary
    assert page.select_one("#description").text == "Kept as typed."
    assert page.select_one("title").text.startswith("Error:")
    assert (
        db.session.scalar(
            select(ConnectorRole).where(ConnectorRole.description == "Kept as typed.")
        )
        is None
    )


def test_the_officer_adds_publishes_edits_and_checks_a_role_with_history_and_audit(
    connectors, client, login_as, app
):
    login_as(Role.HELPLINE)
    response = client.post("/curate/connectors/new", data=new_role_form(client))
    assert response.status_code == 302
    role = db.session.scalar(
        select(ConnectorRole).where(
            ConnectorRole.title == "Befriending for people leaving hospital"
        )
    )
    assert role.publication is PublicationState.DRAFT
    staff_client = app.test_client()
    from tests.conftest import PASSWORDS, create_user, sign_in

    staff = create_user(Role.STAFF, email="nurse@example.org")
    sign_in(staff_client, staff.email, PASSWORDS[Role.STAFF])
    melton = "/who-can-help?place=area:melton"
    assert role.title not in card_titles(parse(staff_client.get(melton)))

    edit = parse(client.get(f"/curate/connectors/{role.id}"))
    client.post(
        f"/curate/connectors/{role.id}/publication",
        data={"csrf_token": csrf_token(edit), "state": "published"},
    )
    assert role.title in card_titles(parse(staff_client.get(melton)))
    assert role.title not in card_titles(parse(app.test_client().get(melton)))  # staff only

    edit = parse(client.get(f"/curate/connectors/{role.id}"))
    client.post(f"/curate/connectors/{role.id}", data=form_data(edit, public="y", hours="Weekdays"))
    assert role.title in card_titles(parse(app.test_client().get(melton)))
    client.post(f"/curate/connectors/{role.id}/checked", data={"csrf_token": csrf_token(edit)})

    db.session.expire_all()
    versions = db.session.scalars(
        select(ConnectorRoleVersion)
        .where(ConnectorRoleVersion.role_id == role.id)
        .order_by(ConnectorRoleVersion.number)
    ).all()
    assert [v.reason for v in versions] == ["created", "published", "edited", "checked"]
    assert versions[2].snapshot["public"] == "Yes" and versions[1].snapshot["public"] == "No"
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.target_id == role.id).order_by(AuditEvent.id)
    ).all()
    assert actions == [
        "connector_role.created",
        "connector_role.published",
        "connector_role.edited",
        "connector_role.checked",
    ]
    history = parse(client.get(f"/curate/connectors/{role.id}/history"))
    assert "Shown on the public site" in history.text and "Weekdays" in history.text
    listing = parse(client.get("/curate/connectors?type=volunteer-befriender"))
    listed = [row.select_one("a").text for row in listing.select("tbody tr")]
    assert role.title in listed and "Local area coordinator, Melton" not in listed
    assert all("befriend" in title.lower() for title in listed)


def test_a_staff_search_in_an_area_offers_who_can_help_there(connectors, client, login_as):
    assert parse(client.get("/search?area=melton")).select_one(".ck-who-can-help") is None
    login_as(Role.STAFF)
    page = parse(client.get("/search?area=melton"))
    link = page.select_one(".ck-who-can-help a")
    assert link.text == "Who can help in Melton"
    assert "Local area coordinator, Melton" in card_titles(parse(client.get(link["href"])))
    assert page.select_one(".ck-who-can-help") is not None
    assert parse(client.get("/search?q=lonely")).select_one(".ck-who-can-help") is None


def test_roles_due_a_check_are_flagged_and_counted(connectors, client, login_as):
    """Checked more than six months ago, or never: due (the clock is 24 November 2026)."""
    login_as(Role.HELPLINE)
    carers = db.session.scalar(
        select(ConnectorRole).where(ConnectorRole.title == "Befriending for carers, Hinckley")
    )  # checked 20 May 2026: due on 20 November
    outreach = db.session.scalar(
        select(ConnectorRole).where(ConnectorRole.title == "Rural outreach worker")
    )  # checked 18 June 2026: due on 18 December
    due = parse(client.get("/curate/connectors?state=published&due=y"))
    listed = [row.select_one("a").text for row in due.select("tbody tr")]
    assert carers.title in listed and outreach.title not in listed
    assert all(row.select_one(".nhsuk-tag--orange") for row in due.select("tbody tr"))
    published = db.session.scalars(
        select(ConnectorRole).where(ConnectorRole.publication == PublicationState.PUBLISHED)
    ).all()
    expected = [
        r for r in published if r.assured_date is None or r.assured_date <= date(2026, 5, 24)
    ]
    assert len(listed) == len(expected) > 0
    dashboard = parse(client.get("/curate"))
    card = next(
        c for c in dashboard.select(".nhsuk-card") if "Connector roles due a check" in c.text
    )
    assert card.select_one(".ck-count").text == str(len(expected))
    # Checked today: no longer due.
    client.post(f"/curate/connectors/{carers.id}/checked", data={"csrf_token": csrf_token(due)})
    again = parse(client.get("/curate/connectors?state=published&due=y"))
    assert carers.title not in [row.select_one("a").text for row in again.select("tbody tr")]
