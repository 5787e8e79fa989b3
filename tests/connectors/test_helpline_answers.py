"""A helpline answer can point the asker to connector roles as well as services (issue 10)."""

import pytest
from sqlalchemy import select

from knowledge.commands import SEED_FOLDER
from knowledge.connectors.seeding import load_demo_connectors, load_practices
from knowledge.extensions import db
from knowledge.models import AuditEvent, PublicationState, Role
from knowledge.models.connectors import ConnectorRole
from tests.conftest import PASSWORDS, create_user, csrf_token, parse, sign_in
from tests.factories import create_service
from tests.helpline.test_queries import answer, ask, choose_service, query_url, take, the_query


@pytest.fixture
def staff(app, client):
    user = create_user(Role.STAFF, email="nurse@example.org")
    assert sign_in(client, user.email, PASSWORDS[Role.STAFF]).status_code == 302
    return user


@pytest.fixture
def officer(app, tmp_path, monkeypatch):
    """The officer on a client of their own; answers' emails go to a folder."""
    monkeypatch.setitem(app.config, "MAIL_OUTBOX_PATH", str(tmp_path / "outbox"))
    user = create_user(Role.HELPLINE, email="cko@example.org")
    browser = app.test_client()
    assert sign_in(browser, user.email, PASSWORDS[Role.HELPLINE]).status_code == 302
    return browser


@pytest.fixture
def roles(app):
    load_practices(SEED_FOLDER / "practices.json")
    load_demo_connectors(SEED_FOLDER / "demo_connectors.json")


def role(title: str) -> ConnectorRole:
    return db.session.scalar(select(ConnectorRole).where(ConnectorRole.title == title))


def add(officer, query, chosen: ConnectorRole):
    page = parse(officer.get(query_url(query)))
    return officer.post(
        f"/helpline/queries/{query.id}/connectors",
        data={"csrf_token": csrf_token(page), "role_id": chosen.id},
    )


def test_the_helpline_adds_the_roles_covering_the_area_and_the_asker_sees_them(
    client, staff, officer, roles
):
    service = create_service(name="Melton Befrienders", areas=("melton",))
    ask(client)  # about Melton
    query = the_query()
    take(officer, query)
    page = parse(officer.get(query_url(query)))
    offered = [o.text for o in page.select("#connector-role option")]
    assert "Local area coordinator, Melton" in offered
    assert "Local area coordinator, Charnwood" not in offered  # not this query's area

    coordinator = role("Local area coordinator, Melton")
    assert add(officer, query, coordinator).status_code == 302
    add(officer, query, coordinator)  # sent twice: added once
    page = parse(officer.get(query_url(query)))
    assert "Local area coordinator, Melton: already in the answer." in page.text
    assert "Local area coordinator, Melton" not in [
        o.text for o in page.select("#connector-role option")
    ]

    choose_service(officer, query, service)
    answer(officer, query)
    mine = parse(client.get(f"/helpline/my-questions/{query.id}"))
    cards = mine.select(".ck-connector")
    assert [c.h3.text.strip() for c in cards] == ["Local area coordinator, Melton"]
    assert coordinator.phone in cards[0].text
    # Answered: the list is fixed until the query is reopened.
    page = parse(officer.get(query_url(query)))
    assert page.select_one("#connector-role") is None
    add(officer, query, role("Local area coordinator, Charnwood"))
    assert (
        "reopen it to change its needs or its answer" in parse(officer.get(query_url(query))).text
    )
    db.session.expire_all()
    assert [r.title for r in the_query().connectors] == ["Local area coordinator, Melton"]
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "helpline_query.connector_added")
    ).all()
    assert event.target_id == query.id and event.details == {"role_id": coordinator.id}


def test_a_role_taken_out_or_archived_is_not_shown_to_the_asker(client, staff, officer, roles):
    service = create_service(name="Melton Befrienders", areas=("melton",))
    ask(client)
    query = the_query()
    take(officer, query)
    peer = role("Peer support worker, Melton community mental health team")
    befrienders = role("Telephone and home befriending volunteers")
    add(officer, query, peer)
    add(officer, query, befrienders)
    page = parse(officer.get(query_url(query)))
    officer.post(
        f"/helpline/queries/{query.id}/connectors/{peer.id}/remove",
        data={"csrf_token": csrf_token(page)},
    )
    choose_service(officer, query, service)
    answer(officer, query)
    befrienders.publication = PublicationState.ARCHIVED
    db.session.commit()
    mine = parse(client.get(f"/helpline/my-questions/{query.id}"))
    assert mine.select(".ck-connector") == []
    actions = db.session.scalars(
        select(AuditEvent.action)
        .where(
            AuditEvent.target_id == query.id, AuditEvent.action.like("helpline_query.connector%")
        )
        .order_by(AuditEvent.id)
    ).all()
    assert actions == [
        "helpline_query.connector_added",
        "helpline_query.connector_added",
        "helpline_query.connector_removed",
    ]


def test_a_draft_role_cannot_be_added(client, staff, officer, roles):
    ask(client)
    query = the_query()
    take(officer, query)
    coordinator = role("Local area coordinator, Melton")
    coordinator.publication = PublicationState.DRAFT
    db.session.commit()
    response = add(officer, query, coordinator)
    assert response.status_code == 302
    assert "Choose a published connector role." in parse(officer.get(query_url(query))).text
    db.session.expire_all()
    assert the_query().connectors == []
