"""The anonymous results-page cache (RESULTS_PAGE_CACHE): a kept page is given only to a request
that would be rendered the same, and each visitor still gets their own CSRF token."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from knowledge.commands import SEED_FOLDER
from knowledge.directory import seeding
from knowledge.directory.indexing import rebuild_search_index
from knowledge.extensions import db
from knowledge.models import Role, Service, ZeroResultSearch
from tests.conftest import FIXED_NOW, PASSWORDS, create_user, make_app, parse, sign_in
from tests.factories import create_service, schedule


@dataclass
class Clock:
    now: datetime


@pytest.fixture
def clock() -> Clock:
    return Clock(FIXED_NOW)  # Tuesday 7:30pm


@pytest.fixture
def cached_app(tmp_path, clock):
    app = make_app(tmp_path, RESULTS_PAGE_CACHE=True)
    app.config["NOW"] = lambda: clock.now
    with app.app_context():
        db.create_all()
        seeding.load_reference_data(SEED_FOLDER)
        rebuild_search_index()
        yield app
        db.session.remove()


@pytest.fixture
def visitor(cached_app):
    return cached_app.test_client()


def rename_behind_the_apps_back(service: Service, name: str) -> None:
    """Change a row without moving the directory version (as no code of the app does): a page
    that still shows the old name was given from the cache."""
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE service SET name = :name WHERE id = :id"), {"name": name, "id": service.id}
        )


def names(response) -> list[str]:
    return [a.text.strip() for a in parse(response).select(".ck-result__name a")]


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]+"', 'name="csrf_token" value=""', html)


def test_a_kept_page_is_the_page_rendered_afresh(cached_app, visitor):
    create_service(name="Knit and Natter")
    first = visitor.get("/search?q=natter").get_data(as_text=True)
    kept = visitor.get("/search?q=natter").get_data(as_text=True)
    cached_app.config["RESULTS_PAGE_CACHE"] = False
    afresh = visitor.get("/search?q=natter").get_data(as_text=True)
    assert "Knit and Natter" in afresh
    assert without_tokens(first) == without_tokens(kept) == without_tokens(afresh)


def test_each_visitor_gets_their_own_working_token(cached_app, visitor):
    service = create_service(name="Knit and Natter")
    visitor.get("/search?q=natter")
    other = cached_app.test_client()
    tokens = []
    for client in (visitor, other):
        page = parse(client.get("/search?q=natter"))
        token = page.select_one("form[action='/shortlist/add'] input[name=csrf_token]")["value"]
        response = client.post(
            "/shortlist/add",
            data={"csrf_token": token, "service_id": service.id, "next": "/search?q=natter"},
        )
        assert response.status_code == 302
        tokens.append(token)
    assert tokens[0] != tokens[1]


def test_a_committed_change_is_shown_at_once(visitor):
    service = create_service(name="Knit and Natter")
    assert names(visitor.get("/search?q=natter")) == ["Knit and Natter"]
    rename_behind_the_apps_back(service, "Knit and Natter (renamed unseen)")
    assert names(visitor.get("/search?q=natter")) == ["Knit and Natter"]

    create_service(name="Natter Over Lunch")  # any committed change to the directory
    assert names(visitor.get("/search?q=natter")) == [
        "Knit and Natter (renamed unseen)",
        "Natter Over Lunch",
    ]


def test_a_page_is_kept_for_its_minute_only(visitor, clock):
    create_service(name="Evening Chat", schedules=[schedule("TU", "18:00", "19:31")])
    clock.now = FIXED_NOW.replace(second=59)
    page = parse(visitor.get("/search?q=chat"))
    assert "Open now until 7:31pm" in page.select_one(".ck-result__facts").text
    assert "Open now (1)" in page.select_one("#filters").text

    clock.now = FIXED_NOW + timedelta(minutes=1)
    page = parse(visitor.get("/search?q=chat"))
    assert "Closed now" in page.select_one(".ck-result__facts").text
    assert "Open now" not in page.select_one("#filters").text


def test_a_visitor_with_a_shortlist_gets_their_own_page(visitor):
    service = create_service(name="Knit and Natter")
    page = parse(visitor.get("/search?q=natter"))
    token = page.select_one("input[name=csrf_token]")["value"]
    visitor.post(
        "/shortlist/add",
        data={"csrf_token": token, "service_id": service.id, "next": "/search?q=natter"},
    )
    page = parse(visitor.get("/search?q=natter"))
    assert page.select_one(".ck-added") is not None  # the message waiting for them
    assert page.select_one("form[action='/shortlist/remove']") is not None
    assert "Shortlist (1)" in page.select_one(".nhsuk-header").text


def test_signed_in_staff_never_get_a_kept_page(cached_app, visitor):
    create_service(name="Knit and Natter", do_not_refer=True)
    assert "Do not refer" not in visitor.get("/search?q=natter").get_data(as_text=True)
    staff = cached_app.test_client()
    user = create_user(Role.STAFF)
    sign_in(staff, user.email, PASSWORDS[Role.STAFF])
    page = parse(staff.get("/search?q=natter"))
    assert "Do not refer" in page.select_one(".ck-result").text
    assert page.select_one(".ck-staff-bar") is not None


def test_a_search_that_found_nothing_is_recorded_every_time(visitor):
    create_service(name="Knit and Natter")
    for _ in range(2):
        assert "We could not find a service for that" in visitor.get("/search?q=ferrets").text
    assert [s.words for s in db.session.scalars(select(ZeroResultSearch))] == [
        "ferrets",
        "ferrets",
    ]
