"""Signing in and out: sessions, lockout, rate limits, idle time-out, password changes."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from knowledge.extensions import db
from knowledge.models import AuditEvent, Role, User
from tests.conftest import PASSWORDS, create_user, csrf_token, parse, sign_in

STAFF_PASSWORD = PASSWORDS[Role.STAFF]


def events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
    )


def error_text(response) -> str:
    summary = parse(response).select_one(".nhsuk-error-summary")
    return " ".join(summary.text.split()) if summary else ""


class Clock:
    """A UTC clock the test moves by hand."""

    def __init__(self):
        self.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def clock(app):
    app.config["UTC_NOW"] = clock = Clock()
    yield clock
    del app.config["UTC_NOW"]


def test_sign_in_starts_a_fresh_session_and_is_audited(client):
    user = create_user(Role.STAFF)
    before = client.get_cookie("session")
    response = sign_in(client, "  STAFF@example.org ", STAFF_PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/staff"
    assert client.get_cookie("session").value != (before.value if before else None)
    page = parse(client.get("/staff"))
    assert page.select_one("h1").text == "Hello, Test Staff"
    [event] = events("sign_in.succeeded")
    assert (event.actor_id, event.actor_email, event.ip_address) == (
        user.id,
        user.email,
        "127.0.0.1",
    )


def test_nothing_from_before_sign_in_survives_it(client):
    from tests.factories import create_service

    service = create_service(name="Knit and Natter")
    page = parse(client.get(f"/services/{service.id}"))
    client.post("/shortlist/add", data={"csrf_token": csrf_token(page), "service_id": service.id})
    create_user(Role.STAFF)
    sign_in(client, "staff@example.org", STAFF_PASSWORD)
    assert "Knit and Natter" not in client.get("/shortlist").get_data(as_text=True)


def test_next_takes_you_back_but_only_within_the_site(client):
    create_user(Role.ADMIN)
    page = parse(client.get("/sign-in?next=/admin/users"))
    response = client.post(
        "/sign-in?next=/admin/users",
        data={
            "csrf_token": csrf_token(page),
            "email": "admin@example.org",
            "password": PASSWORDS[Role.ADMIN],
        },
    )
    assert response.headers["Location"] == "/admin/users"
    client.post("/sign-out", data={"csrf_token": csrf_token(parse(client.get("/staff")))})
    page = parse(client.get("/sign-in"))
    response = client.post(
        "/sign-in?next=https://evil.example.org/",
        data={
            "csrf_token": csrf_token(page),
            "email": "admin@example.org",
            "password": PASSWORDS[Role.ADMIN],
        },
    )
    assert response.headers["Location"] == "/staff"


def test_unknown_email_and_wrong_password_look_the_same(client):
    create_user(Role.STAFF)
    wrong = sign_in(client, "staff@example.org", "not the password at all")
    unknown = sign_in(client, "nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 200
    assert (
        error_text(wrong)
        == error_text(unknown)
        == ("There is a problem Enter a correct email address and password.")
    )
    assert [e.details["reason"] for e in events("sign_in.failed")] == [
        "wrong password",
        "no such enabled account",
    ]
    # What was typed stays (except the password).
    page = parse(unknown)
    assert page.select_one("#email")["value"] == "nobody@example.org"
    assert page.select_one("#password").get("value", "") == ""


def test_a_disabled_account_cannot_sign_in_and_says_nothing_more(client):
    create_user(Role.STAFF, enabled=False)
    response = sign_in(client, "staff@example.org", STAFF_PASSWORD)
    assert "Enter a correct email address and password." in error_text(response)


def test_five_failures_lock_an_address_whether_or_not_it_has_an_account(app, client, clock):
    create_user(Role.STAFF)
    for _ in range(5):
        assert sign_in(client, "staff@example.org", "wrong password here").status_code == 200
        assert sign_in(client, "ghost@example.org", "wrong password here").status_code == 200
    locked = sign_in(client, "staff@example.org", STAFF_PASSWORD)  # right password, too late
    unknown = sign_in(client, "ghost@example.org", "wrong password here")
    assert locked.status_code == unknown.status_code == 429
    assert locked.get_data() == unknown.get_data()
    ignore = {"Set-Cookie", "Date", "Content-Length", "X-Request-ID"}  # one id per request
    assert {k: v for k, v in locked.headers if k not in ignore} == {
        k: v for k, v in unknown.headers if k not in ignore
    }
    assert "Wait 15 minutes" in parse(locked).select_one("main").text
    assert len(events("account.locked")) == 1
    assert len(events("sign_in.locked_out")) == 2

    clock.now += timedelta(minutes=16)
    assert sign_in(client, "staff@example.org", STAFF_PASSWORD).status_code == 302


def test_the_lock_holds_across_app_workers(app, client, clock):
    """Counted in the database, not in a worker's memory."""
    from knowledge.extensions import limiter

    create_user(Role.STAFF)
    for _ in range(5):
        sign_in(client, "staff@example.org", "wrong password here")
    limiter.reset()
    assert sign_in(client, "staff@example.org", STAFF_PASSWORD).status_code == 429


def test_parallel_guesses_cannot_slip_past_the_limit(app, clock):
    """Attempts are charged before the password is checked, in one UPDATE."""
    from concurrent.futures import ThreadPoolExecutor

    create_user(Role.STAFF)
    clients = [app.test_client() for _ in range(12)]
    tokens = [csrf_token(parse(c.get("/sign-in"))) for c in clients]

    def guess(n: int) -> int:
        data = {"csrf_token": tokens[n], "email": "staff@example.org", "password": f"guess {n} x"}
        return clients[n].post("/sign-in", data=data).status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        codes = list(pool.map(guess, range(12)))
    assert codes.count(200) == 5 and codes.count(429) == 7
    assert len(events("sign_in.failed")) == 5


def test_failed_sign_ins_are_logged_against_the_account_not_as_its_owner(client):
    user = create_user(Role.STAFF)
    sign_in(client, user.email, "wrong password here")
    [event] = events("sign_in.failed")
    assert (event.actor_id, event.actor_email, event.target_id) == (None, None, user.id)


def test_sign_in_is_rate_limited_per_address(app, client):
    app.config["SIGN_IN_LIMIT_PER_ADDRESS"] = "3 per minute"
    try:
        codes = [
            sign_in(client, f"person{n}@example.org", "whatever it is").status_code
            for n in range(4)
        ]
    finally:
        app.config["SIGN_IN_LIMIT_PER_ADDRESS"] = "30 per minute; 300 per hour"
    assert codes == [200, 200, 200, 429]


def test_signed_out_after_30_minutes_idle(client, clock):
    user = create_user(Role.STAFF)
    sign_in(client, user.email, STAFF_PASSWORD)
    clock.now += timedelta(minutes=29)
    assert client.get("/staff").status_code == 200
    clock.now += timedelta(minutes=29)  # active 29 minutes ago: still fine
    assert client.get("/staff").status_code == 200
    clock.now += timedelta(minutes=31)
    response = client.get("/staff")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    message = parse(client.get(response.headers["Location"])).select_one(".ck-flash").text
    assert "You have been signed out after 30 minutes of inactivity." in message
    assert events("sign_out")[0].details == {"reason": "idle"}


def test_sign_out_needs_a_post_and_ends_the_session_even_for_a_copied_cookie(app, client):
    user = create_user(Role.STAFF)
    sign_in(client, user.email, STAFF_PASSWORD)
    copied = client.get_cookie("session").value
    assert client.get("/sign-out").status_code == 405
    token = csrf_token(parse(client.get("/staff")))
    assert client.post("/sign-out", data={"csrf_token": token}).headers["Location"] == "/sign-in"
    assert client.get("/staff").headers["Location"].startswith("/sign-in")
    replay = app.test_client()
    replay.set_cookie("session", copied)
    assert replay.get("/staff").headers["Location"].startswith("/sign-in")
    assert len(events("sign_out")) == 1


def test_a_session_ends_12_hours_after_sign_in_however_active(client, clock):
    user = create_user(Role.STAFF)
    sign_in(client, user.email, STAFF_PASSWORD)
    for _ in range(25):  # active every 29 minutes for over 12 hours
        clock.now += timedelta(minutes=29)
        response = client.get("/staff")
    assert response.headers["Location"].startswith("/sign-in")
    assert events("sign_out")[0].details == {"reason": "session too old"}


def test_a_new_account_must_change_its_password_first(client):
    from knowledge.accounts.services import create_account

    create_account("new@example.org", "New Person", {Role.STAFF}, "temporary kettle lantern")
    sign_in(client, "new@example.org", "temporary kettle lantern")
    assert client.get("/staff").headers["Location"] == "/account/password"
    assert client.get("/search").status_code == 200  # the public site is still open

    page = parse(client.get("/account/password"))
    form = {
        "csrf_token": csrf_token(page),
        "current_password": "temporary kettle lantern",
        "new_password": "password1234",
        "confirm_password": "password1234",
    }
    response = client.post("/account/password", data=form)
    assert "too easy to guess" in error_text(response)
    form.update(new_password="short", confirm_password="short")
    assert "12 characters or more" in error_text(client.post("/account/password", data=form))
    form.update(new_password="my own harbour words", confirm_password="different words here")
    assert "do not match" in error_text(client.post("/account/password", data=form))
    form.update(
        new_password="temporary kettle lantern", confirm_password="temporary kettle lantern"
    )
    assert "not the one you have now" in error_text(client.post("/account/password", data=form))
    form.update(new_password="my own harbour words", confirm_password="my own harbour words")
    assert client.post("/account/password", data=form).headers["Location"] == "/staff"
    assert client.get("/staff").status_code == 200
    assert len(events("password.changed")) == 1


def test_a_password_reset_forces_a_change_and_ends_existing_sessions(app, client):
    from knowledge.accounts.services import reset_password

    user = create_user(Role.STAFF)
    sign_in(client, user.email, STAFF_PASSWORD)
    assert client.get("/staff").status_code == 200
    reset_password(db.session.get(User, user.id), "a temporary for jo here")
    assert client.get("/staff").headers["Location"].startswith("/sign-in")
    db.session.expire_all()
    assert db.session.get(User, user.id).must_change_password


@pytest.mark.parametrize(
    "email, password, message",
    [
        ("x" * 10_000 + "@example.org", "whatever it is", "254 characters or fewer"),
        ("staff@example.org", "p" * 10_000, "128 characters or fewer"),
        ("", "", "Enter your email address"),
        ("' OR 1=1 --", "' OR '1'='1", "Enter a correct email address and password"),
        ("<script>alert(1)</script>", "x", "Enter a correct email address and password"),
        ("ünïcödé@exämple.org", "пароль пароль", "Enter a correct email address and password"),
    ],
)
def test_hostile_sign_in_input_gets_a_clear_message(client, email, password, message):
    create_user(Role.STAFF)
    response = sign_in(client, email, password)
    assert response.status_code == 200
    assert message in error_text(response)
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_session_cookie_flags(app, client):
    create_user(Role.STAFF)
    response = sign_in(client, "staff@example.org", STAFF_PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    from knowledge.config import ProductionConfig

    assert ProductionConfig.SESSION_COOKIE_SECURE is True


def test_signed_in_pages_are_not_cached_and_https_gets_hsts(client):
    create_user(Role.STAFF)
    sign_in(client, "staff@example.org", STAFF_PASSWORD)
    assert client.get("/staff").headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_guessing_the_current_password_on_the_change_form_is_limited(client):
    user = create_user(Role.STAFF)
    sign_in(client, user.email, STAFF_PASSWORD)
    token = csrf_token(parse(client.get("/account/password")))
    messages = []
    for n in range(6):
        form = {
            "csrf_token": token,
            "current_password": f"a wrong guess {n}",
            "new_password": "my own harbour words",
            "confirm_password": "my own harbour words",
        }
        messages.append(error_text(client.post("/account/password", data=form)))
    assert all("current password is not right" in m for m in messages[:5])
    assert "too many wrong passwords" in messages[5]
    assert len(events("password.change_failed")) == 5


def test_before_changing_a_temporary_password_no_staff_details_show(client):
    from knowledge.accounts.services import create_account
    from tests.factories import create_service

    service = create_service(staff_notes="Coordinator back in January")
    create_account("new@example.org", "New Person", {Role.STAFF}, "temporary kettle lantern")
    sign_in(client, "new@example.org", "temporary kettle lantern")
    assert "Coordinator back in January" not in client.get(f"/services/{service.id}").get_data(
        as_text=True
    )
