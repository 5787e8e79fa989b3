"""Two app servers on one database, as real processes: gunicorn, two workers each, each server
with a search index on its own folder (no shared filesystem between servers; the workers of one
server share theirs). A change committed through one server's web pages becomes findable
through the other's within a couple of seconds, and a withdrawal disappears from it.

The database is the suite's: a PostgreSQL database on the run's server with
`--database=postgresql`, a SQLite file otherwise.
"""

import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from knowledge import create_app
from knowledge.commands import SEED_FOLDER
from knowledge.config import TestConfig
from knowledge.directory import seeding
from knowledge.extensions import db
from knowledge.models import Role
from tests.conftest import PASSWORDS, SuiteDatabase, create_user, form_fields
from tests.factories import create_service

REPOSITORY = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HELPLINE = ("helpline@example.org", PASSWORDS[Role.HELPLINE])
FOLLOW_SECONDS = 1.0  # the production default
# "Within a couple of seconds": the follower's interval plus one catch-up, with room for a
# loaded CI machine. The test prints the time it took.
WITHIN_SECONDS = 5.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database_url: str, folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "FLASK_APP": "wsgi",
        "KNOWLEDGE_ENV": "development",
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_PATH": str(folder / "index"),
        "SEARCH_FOLLOW_SECONDS": str(FOLLOW_SECONDS),
        "MAIL_OUTBOX_PATH": str(folder / "outbox"),
        "SESSION_COOKIE_SECURE": "false",
    }


def flask(env: dict[str, str], *arguments: str) -> None:
    subprocess.run(
        [str(BIN / "flask"), *arguments], env=env, cwd=REPOSITORY, check=True, capture_output=True
    )


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    opener: urllib.request.OpenerDirector

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str) -> BeautifulSoup:
        with self.opener.open(self.base + path, timeout=120) as response:
            return BeautifulSoup(response.read().decode(), "html.parser")

    def post(self, path: str, data: dict) -> BeautifulSoup:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        with self.opener.open(self.base + path, data=body, timeout=120) as response:
            return BeautifulSoup(response.read().decode(), "html.parser")

    def found(self, words: str) -> list[str]:
        page = self.get("/search?" + urllib.parse.urlencode({"q": words}))
        links = page.select("main a[href^='/services/']")
        return sorted({re.sub(r"^/services/", "", a["href"]).split("?")[0] for a in links})


def start_server(name: str, env: dict[str, str]) -> Server:
    port = free_port()
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        env=env,
        cwd=REPOSITORY,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"server {name} did not start") from None
            time.sleep(0.1)
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    return Server(name, port, process, opener)


def stop(server: Server) -> None:
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[tuple[Server, Server]]:
    if shutil.which("gunicorn", path=str(BIN)) is None:
        pytest.fail("gunicorn is not installed in this environment: run `make install`")
    folder = tmp_path_factory.mktemp("servers")
    database_url = SuiteDatabase.url_for(folder)
    a_env = environment(database_url, folder / "a")
    b_env = environment(database_url, folder / "b")
    flask(a_env, "db", "upgrade")
    service_id = fill(database_url, folder)
    # Neither index is built by hand: each server's follower builds it on its first request.
    started = [start_server("A", a_env)]
    try:
        started.append(start_server("B", b_env))
        yield started[0], started[1], service_id
    finally:
        for server in started:
            stop(server)


def fill(database_url: str, folder: Path) -> str:
    """The reference data, an officer's account and a few services; the id of the first."""
    app = create_app(
        TestConfig,
        instance_path=str(folder / "filling"),
        SQLALCHEMY_DATABASE_URI=database_url,
        SEARCH_INDEX_PATH=str(folder / "filling" / "index"),
    )
    with app.app_context():
        seeding.load_reference_data(SEED_FOLDER)
        create_user(Role.HELPLINE, email=HELPLINE[0])
        first = create_service(name="Lunch Club for Lonely People").id
        create_service(name="Walk and Talk", summary="A gentle walk for anyone feeling lonely.")
        create_service(name="Debt Advice Drop-in", terms=("debt-advice", "advice-service"))
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()
    return first


def sign_in(server: Server, email: str, password: str) -> None:
    page = server.get("/sign-in")
    token = page.select_one("input[name=csrf_token]")["value"]
    after = server.post("/sign-in", {"email": email, "password": password, "csrf_token": token})
    assert after.select_one("a[href='/sign-out'], form[action='/sign-out']"), after.title


def until(check, seconds: float) -> float:
    """Seconds until check() holds (fails the test after `seconds`)."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > seconds:
            pytest.fail(f"not within {seconds} s")
        time.sleep(0.05)
    return time.monotonic() - started


def test_a_change_through_one_server_is_found_through_the_other(servers):
    a, b, service_id = servers
    # The follower of whichever worker answers first builds its server's index (the other
    # answers from the empty stand-in meanwhile, and /health says 503).
    until(lambda: bool(a.found("lonely")), 120)
    until(lambda: bool(b.found("lonely")), 120)
    assert service_id in a.found("lonely")
    assert b.found("zanzibar") == []

    sign_in(a, *HELPLINE)
    form = a.get(f"/curate/services/{service_id}").select_one("form[method=post][novalidate]")
    a.post(f"/curate/services/{service_id}", form_fields(form, name="Zanzibar Lunch Club"))
    assert a.found("zanzibar") == [service_id]  # its own server: at once

    took = until(lambda: b.found("zanzibar") == [service_id], WITHIN_SECONDS)
    print(f"\nedit on A findable on B after {took:.2f} s")
    # Both of B's workers share its index: every answer now has it.
    assert all(b.found("zanzibar") == [service_id] for _ in range(6))

    edit = a.get(f"/curate/services/{service_id}")
    token = edit.select_one("input[name=csrf_token]")["value"]
    a.post(f"/curate/services/{service_id}/draft", {"csrf_token": token})
    assert a.found("zanzibar") == []
    took = until(lambda: b.found("zanzibar") == [], WITHIN_SECONDS)
    print(f"withdrawal on A gone from B after {took:.2f} s")

    # Each index records the version it holds just after its Whoosh commit: a moment later.
    for server in (a, b):
        until(lambda server=server: health(server)["search_changes_waiting"] == 0, WITHIN_SECONDS)
        assert health(server)["status"] == "ok"


def health(server: Server) -> dict:
    with server.opener.open(server.base + "/health", timeout=120) as response:
        return json.load(response)
