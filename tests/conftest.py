"""Fixtures: an app on a temporary database and search index, with or without the demo
directory, at a fixed clock (Tuesday 24 November 2026, 7:30pm) so "open now" is repeatable.

The database is SQLite, or with `--database=postgresql` (or KNOWLEDGE_TEST_DATABASE=postgresql)
a real PostgreSQL server the run starts on loopback (tests/postgres.py), one per xdist worker,
with a fresh database for every app `make_app` makes."""

import os
import re
import shutil
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import count
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from sqlalchemy import Engine, Table, select, text

from knowledge import create_app
from knowledge.commands import SEED_FOLDER
from knowledge.config import TestConfig
from knowledge.directory import seeding
from knowledge.directory.indexing import rebuild_search_index, search_index
from knowledge.extensions import db, limiter
from knowledge.models import Role, User
from tests.postgres import PostgresNotInstalled, PostgresServer

FIXED_NOW = datetime(2026, 11, 24, 19, 30)
DATABASES = ("sqlite", "postgresql")


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--database",
        choices=DATABASES,
        default=os.environ.get("KNOWLEDGE_TEST_DATABASE", "sqlite"),
        help="the database every test app uses (default: $KNOWLEDGE_TEST_DATABASE, else sqlite)",
    )


class SuiteDatabase:
    """Which database `make_app` gives an app; the server, on PostgreSQL."""

    backend = "sqlite"
    server: PostgresServer | None = None
    _numbers = count(1)

    @classmethod
    def url_for(cls, folder: Path) -> str:
        if cls.backend == "sqlite":
            return f"sqlite:///{folder / 'test.sqlite'}"
        if cls.server is None:
            raise RuntimeError("make_app on PostgreSQL needs the `postgres` fixture running")
        # Unique on the worker's server, and named after the test folder to read in its log.
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        label = re.sub(r"[^a-z0-9_]", "_", folder.name.lower())
        return cls.server.create_database(f"{worker}_{next(cls._numbers)}_{label}"[:63])


def pytest_sessionstart(session) -> None:
    """Only this run's browser failures (screenshots and HTML, tests/browser/conftest.py) are
    left to read: cleared once, by the process that starts the run, not by each xdist worker
    (which could delete a report another worker had just saved)."""
    if not hasattr(session.config, "workerinput"):
        shutil.rmtree(Path(__file__).resolve().parents[1] / "build" / "browser-failures", True)


def pytest_configure(config) -> None:
    SuiteDatabase.backend = config.getoption("database")
    if SuiteDatabase.backend not in DATABASES:  # from the environment, which choices= skips
        raise pytest.UsageError(
            f"KNOWLEDGE_TEST_DATABASE={SuiteDatabase.backend!r}: expected one of {DATABASES}"
        )


# What a test asks for when it uses a test app and so a database.
DATABASE_FIXTURES = frozenset(
    {"app", "empty_app", "clean_state", "demo_app", "demo", "client", "demo_client", "postgres"}
)


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked `no_database` (Whoosh scoring, the domain rules, the ORUK schemas) give the
    same answer on any database, so the PostgreSQL pass leaves them out: a minute of a CI run
    spent proving nothing new. One that asks for a test app is a mistake in the marking."""
    unneeded = [item for item in items if item.get_closest_marker("no_database")]
    for item in unneeded:
        if used := DATABASE_FIXTURES.intersection(item.fixturenames):
            raise pytest.UsageError(f"{item.nodeid} is marked no_database but uses {sorted(used)}")
    # Tests that do use a database, but whose subject is not it (the rate-limit store, the
    # access declarations): each says why in `reason`, and runs in the SQLite pass only.
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None and not marker.kwargs.get("reason"):
            raise pytest.UsageError(f"{item.nodeid}: sqlite_only needs a reason=")
        if marker is not None:
            unneeded.append(item)
    if SuiteDatabase.backend == "postgresql" and unneeded:
        config.hook.pytest_deselected(items=unneeded)
        items[:] = [item for item in items if item not in unneeded]


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server of this worker's own, stopped and removed after the run. A machine
    without PostgreSQL fails the tests that need one, saying how to install it: skipping them
    would pass a run that never touched the production database."""
    try:
        server = PostgresServer.start()
    except PostgresNotInstalled as missing:
        pytest.fail(str(missing), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session", autouse=True)
def test_database(request) -> Iterator[str]:
    """Starts the server before any app is made, when the run is on PostgreSQL."""
    if SuiteDatabase.backend == "postgresql":
        SuiteDatabase.server = request.getfixturevalue("postgres")
    yield SuiteDatabase.backend
    SuiteDatabase.server = None


class FreshContextClient(FlaskClient):
    """Each request runs in an app context of its own, as in production. Without this, a
    request reuses the test's app context, and `g` (where Flask-WTF caches the CSRF token)
    would leak from one request, and one client, to the next."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def make_app(folder: Path, **overrides):
    app = create_app(
        TestConfig,
        instance_path=str(folder / "instance"),
        SQLALCHEMY_DATABASE_URI=SuiteDatabase.url_for(folder),
        SEARCH_INDEX_PATH=str(folder / "index"),
        NOW=lambda: FIXED_NOW,
        **overrides,
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        # Closes the pool's connections when the app goes: a PostgreSQL connection left to the
        # garbage collector is a ResourceWarning, an error in this suite.
        weakref.finalize(app, dispose_engines, list(db.engines.values()))
    return app


def dispose_engines(engines: list[Engine]) -> None:
    for engine in engines:
        engine.dispose()


def stored_bytes() -> bytes:
    """Every byte the app's database keeps on disk, freed space included: for the tests that
    a number is stored nowhere, in any form."""
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        database = Path(url.database)
        files = database.parent.glob(database.name + "*")  # the journal or WAL too
    else:
        files = SuiteDatabase.server.database_files(url.database)
    return b"".join(path.read_bytes() for path in files)


@dataclass
class CleanState:
    """Every row of a new database once the reference data is loaded, put back before each
    test. Emptying the tables and inserting these rows takes ~10 ms on SQLite and ~20 ms on
    PostgreSQL, where drop_all, create_all and loading the reference data took ~540 ms and
    ~600 ms (measured on a 2-core CI-like machine): most of the suite's tests use `app`."""

    rows: dict[Table, list[dict]]
    sequences: list[str]

    @classmethod
    def take(cls) -> "CleanState":
        db.create_all()
        seeding.load_reference_data(SEED_FOLDER)
        db.session.remove()
        with db.engine.connect() as connection:
            rows = {
                table: [dict(row._mapping) for row in connection.execute(select(table))]
                for table in db.metadata.sorted_tables
            }
            sequences = []
            if connection.dialect.name == "postgresql":
                sequences = list(connection.scalars(text("SELECT sequencename FROM pg_sequences")))
        return cls(rows, sequences)

    def restore(self) -> None:
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # A transaction some test left open would make this wait for ever: fail instead.
                connection.execute(text("SET LOCAL lock_timeout = '10s'"))
            for table in reversed(self.rows):  # children before parents
                connection.execute(table.delete())
            for sequence in self.sequences:  # ids count from 1 again, as in a new database
                connection.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
            for table, rows in self.rows.items():
                if rows:
                    connection.execute(table.insert(), rows)


@pytest.fixture(scope="session")
def empty_app(tmp_path_factory):
    # One app for the whole run: compiling the NHS.UK templates anew for every test is slow.
    return make_app(tmp_path_factory.mktemp("app"))


@pytest.fixture(scope="session")
def clean_state(empty_app) -> CleanState:
    with empty_app.app_context():
        return CleanState.take()


@pytest.fixture
def app(empty_app, clean_state):
    """An empty directory with the reference vocabularies and areas loaded."""
    with empty_app.app_context():
        clean_state.restore()
        search_index().rebuild([])
        limiter.reset()
        yield empty_app
        db.session.remove()


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory):
    """The full demo directory, indexed. Shared by the tests that only read it."""
    folder = tmp_path_factory.mktemp("demo")
    app = make_app(folder)
    with app.app_context():
        db.create_all()
        seeding.load_reference_data(SEED_FOLDER)
        seeding.load_demo_directory(SEED_FOLDER / "demo_directory.json")
        rebuild_search_index()
        db.session.remove()
    return app


@pytest.fixture
def demo(demo_app):
    with demo_app.app_context():
        yield demo_app
        db.session.rollback()
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def demo_client(demo):
    return demo.test_client()


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def csrf_token(page: BeautifulSoup) -> str:
    return page.select_one("input[name=csrf_token]")["value"]


def post_too_big(client, path: str) -> BeautifulSoup:
    """Post more than MAX_CONTENT_LENGTH to `path`: refused on its Content-Length, before the
    body is read, with 413 and the page that says so."""
    size = client.application.config["MAX_CONTENT_LENGTH"] + 1
    response = client.post(path, data=b"x" * size, content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413
    return parse(response)


def form_fields(form, **changes) -> dict:
    """What the browser would send back from `form` (a parsed <form>): every field as it is
    shown, ticked boxes as lists, the chosen radio, then `changes` (None removes a field)."""
    data: dict = {}
    for field in form.select("input, textarea, select"):
        name = field.get("name")
        if not name:
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen["value"] if chosen else ""
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field["value"])
        elif field.get("type") == "radio":
            if field.has_attr("checked"):
                data[name] = field["value"]
        else:
            data[name] = field.get("value", "")
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def form_data(page, **changes) -> dict:
    """form_fields for the page's own form (the one posting back to it, with novalidate)."""
    return form_fields(page.select_one("form[method=post][novalidate]"), **changes)


PASSWORDS = {role: f"correct horse {role.value} battery" for role in Role}


def create_user(*roles: Role, email: str | None = None, **overrides) -> User:
    """An account that can sign in straight away (no forced password change)."""
    from knowledge.accounts import services as accounts

    first = roles[0] if roles else Role.STAFF
    user = accounts.create_account(
        email or f"{'-'.join(r.value for r in roles) or 'nobody'}@example.org",
        overrides.pop("display_name", f"Test {first.label}"),
        set(roles),
        PASSWORDS[first],
    )
    user.must_change_password = False
    for key, value in overrides.items():
        setattr(user, key, value)
    db.session.commit()
    return user


def sign_in(client, email: str, password: str):
    token = parse(client.get("/sign-in")).select_one("input[name=csrf_token]")
    data = {"email": email, "password": password}
    if token is not None:  # absent only where a test app turns CSRF off
        data["csrf_token"] = token["value"]
    return client.post("/sign-in", data=data)


@pytest.fixture
def login_as(app, client):
    """login_as(Role.STAFF) signs the test client in with a new account holding those roles."""

    def login(*roles: Role) -> User:
        user = create_user(*roles)
        response = sign_in(client, user.email, PASSWORDS[roles[0]])
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return user

    return login
