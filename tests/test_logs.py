"""Logs: one JSON object a line, every line of a request carrying its id, and nothing personal:
no search words, email addresses, names, passwords, client addresses or secret link tokens."""

import io
import json
import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from knowledge.access import public
from knowledge.directory.indexing import search_index
from knowledge.extensions import db
from knowledge.logs import TextFormatter, install_handler, remove_handler
from knowledge.models import Role
from tests.conftest import PASSWORDS, create_user, make_app, sign_in

CLIENT_ADDRESS = "198.51.100.23"
FORWARDED_ADDRESS = "203.0.113.9"


class CapturedLogs:
    """What the app wrote to its log stream, read back the way a log collector would."""

    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def lines(self) -> list[dict]:
        return [json.loads(line) for line in self.text.splitlines()]

    def access_lines(self) -> list[dict]:
        return [line for line in self.lines() if line["logger"] == "knowledge.requests"]


@pytest.fixture
def logs():
    """The production handler (JSON, INFO), writing to a buffer instead of stderr."""
    root = logging.getLogger()
    level = root.level
    stream = io.StringIO()
    handler = install_handler("json", level="INFO", stream=stream)
    yield CapturedLogs(stream)
    remove_handler(handler)
    root.setLevel(level)


@pytest.fixture
def app_with_test_routes(tmp_path):
    """A fresh app with two routes of its own: one that logs, one that fails."""
    app = make_app(tmp_path)

    @public
    def says_something():
        logging.getLogger("knowledge.example").warning("something worth knowing")
        return "said"

    @public
    def fails():
        raise RuntimeError("a bug\nover two lines")

    app.add_url_rule("/test/says-something", view_func=says_something)
    app.add_url_rule("/test/fails", view_func=fails)
    with app.app_context():
        search_index().rebuild([])
    return app


def test_every_line_is_one_json_object(app_with_test_routes, logs):
    client = app_with_test_routes.test_client()
    client.get("/test/says-something")
    lines = logs.lines()
    assert len(lines) == len(logs.text.splitlines()) == 2
    for line in lines:
        assert {"time", "level", "logger", "message"} <= set(line)
        assert line["time"].endswith("+00:00")


def test_each_request_ends_with_an_access_line(app_with_test_routes, logs):
    response = app_with_test_routes.test_client().get("/test/says-something?about=me")
    (access,) = logs.access_lines()
    assert access["level"] == "INFO"
    assert access["message"] == "request"
    assert access["method"] == "GET"
    assert access["path"] == "/test/says-something"
    assert access["status"] == 200
    assert isinstance(access["duration_ms"], float) and access["duration_ms"] >= 0
    assert access["request_id"] == response.headers["X-Request-ID"]


def test_every_line_of_a_request_carries_its_id(app_with_test_routes, logs):
    client = app_with_test_routes.test_client()
    first = client.get("/test/says-something").headers["X-Request-ID"]
    second = client.get("/test/says-something").headers["X-Request-ID"]
    assert first != second
    warnings = [line for line in logs.lines() if line["logger"] == "knowledge.example"]
    assert [w["request_id"] for w in warnings] == [first, second]
    assert warnings[0]["message"] == "something worth knowing"
    assert warnings[0]["path"] == "/test/says-something"


def test_an_error_is_one_line_with_its_traceback(app_with_test_routes, logs):
    response = app_with_test_routes.test_client().get("/test/fails")
    assert response.status_code == 500
    (error,) = [line for line in logs.lines() if line["logger"] == "knowledge.errors"]
    assert error["level"] == "ERROR"
    assert "RuntimeError: a bug\nover two lines" in error["exception"]
    assert error["request_id"] == response.headers["X-Request-ID"]
    (access,) = logs.access_lines()
    assert (access["status"], access["level"]) == (500, "WARNING")


def test_search_words_are_never_logged(demo_client, logs):
    words = ("gambling", "debts", "zanzibarish")  # the last finds nothing, so it is recorded
    response = demo_client.get("/search", query_string={"q": " ".join(words), "area": "melton"})
    assert response.status_code == 200
    (access,) = logs.access_lines()
    assert access["path"] == "/search"
    for word in (*words, "melton"):
        assert word not in logs.text


def test_sign_in_attempts_log_no_email_name_or_password(app, client, logs):
    user = create_user(Role.STAFF, email="jo.bloggs@example.org", display_name="Jo Bloggs")
    unknown = sign_in(client, "nobody.here@example.org", "any password will do")
    wrong = sign_in(client, user.email, "not the right password at all")
    right = sign_in(client, user.email, PASSWORDS[Role.STAFF])
    assert (wrong.status_code, right.status_code, unknown.status_code) == (200, 302, 200)
    assert [line["path"] for line in logs.access_lines() if line["method"] == "POST"] == [
        "/sign-in"
    ] * 3
    for secret in (
        "jo.bloggs",
        "Jo Bloggs",
        "nobody.here",
        "not the right password",
        PASSWORDS[Role.STAFF],
        "any password",
    ):
        assert secret not in logs.text


def test_client_addresses_are_never_logged(client, logs):
    client.get(
        "/",
        headers={"X-Forwarded-For": FORWARDED_ADDRESS},
        environ_base={"REMOTE_ADDR": CLIENT_ADDRESS},
    )
    assert logs.access_lines()
    assert CLIENT_ADDRESS not in logs.text
    assert FORWARDED_ADDRESS not in logs.text


def test_a_provider_link_token_is_logged_as_its_pattern(client, logs):
    token = "Zq3-secret-link-token-9f8e7d6c5b4a"
    client.get(f"/update/{token}")
    (access,) = logs.access_lines()
    assert access["path"] == "/update/<token>"
    assert token not in logs.text


def test_a_client_cannot_choose_its_request_id(client, logs):
    """Without a trusted proxy, X-Request-ID comes from the client: it could make its requests
    look like someone else's, so the app makes its own."""
    response = client.get("/", headers={"X-Request-ID": "chosen-by-the-client-0001"})
    (access,) = logs.access_lines()
    assert access["request_id"] != "chosen-by-the-client-0001"
    assert len(access["request_id"]) == 32
    assert response.headers["X-Request-ID"] == access["request_id"]


def test_a_trusted_proxys_request_id_is_kept(tmp_path, logs):
    app = make_app(tmp_path, TRUSTED_PROXIES=1)
    client = app.test_client()
    kept = client.get("/no-such-page", headers={"X-Request-ID": "6f1c0b9e2d7a4c3b8e5f1a2d3c4b5a69"})
    odd = client.get("/no-such-page", headers={"X-Request-ID": "two words; and <b>markup</b>"})
    assert kept.headers["X-Request-ID"] == "6f1c0b9e2d7a4c3b8e5f1a2d3c4b5a69"
    assert odd.headers["X-Request-ID"] != "two words; and <b>markup</b>"
    assert [line["request_id"] for line in logs.access_lines()] == [
        kept.headers["X-Request-ID"],
        odd.headers["X-Request-ID"],
    ]


def test_healthy_checks_are_quiet(client, logs):
    """A balancer asks every few seconds: only a failing check is worth a line at INFO."""
    assert client.get("/health").status_code == 200
    assert logs.access_lines() == []


def test_database_errors_leave_out_the_query_values(app):
    with pytest.raises(DatabaseError) as raised:
        db.session.execute(
            text("SELECT * FROM no_such_table WHERE email = :email"),
            {"email": "jo.bloggs@example.org"},
        )
    db.session.rollback()
    assert "no_such_table" in str(raised.value)
    assert "jo.bloggs" not in str(raised.value)


def test_text_format_for_developers(app_with_test_routes):
    root = logging.getLogger()
    level = root.level
    stream = io.StringIO()
    handler = install_handler("text", level="INFO", stream=stream)
    try:
        app_with_test_routes.test_client().get("/test/says-something")
    finally:
        remove_handler(handler)
        root.setLevel(level)
    warning, access = stream.getvalue().splitlines()
    assert " WARNING knowledge.example: something worth knowing [request_id=" in warning
    assert "method=GET path=/test/says-something]" in warning
    assert "status=200 duration_ms=" in access
    assert isinstance(handler.formatter, TextFormatter)


def test_an_unknown_format_stops_start_up(tmp_path):
    with pytest.raises(RuntimeError, match="LOG_FORMAT='xml'"):
        make_app(tmp_path, LOG_FORMAT="xml")
