"""docs/operations.md, "PostgreSQL setup", done as written on a real PostgreSQL server: its SQL
makes the roles and the database, the owner migrates, the app runs as the app's role and cannot
change the audit log, and a backup and restore by the owner keep it all so."""

import re
import uuid
from pathlib import Path

import psycopg
import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select, text
from sqlalchemy.exc import ProgrammingError

from knowledge import create_app
from knowledge.commands import SEED_FOLDER
from knowledge.config import TestConfig
from knowledge.directory import seeding
from knowledge.directory.indexing import search_index
from knowledge.extensions import db
from knowledge.models import Service
from tests.factories import create_service

OPERATIONS = Path(__file__).resolve().parent.parent / "docs" / "operations.md"


def documented_sql(section: str) -> list[str]:
    """The ```sql blocks of a section of docs/operations.md, in order."""
    page = OPERATIONS.read_text()
    body = page.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", body, flags=re.DOTALL)


class Cluster:
    """The documented names made unique on the test server (roles belong to the whole server)."""

    def __init__(self, postgres) -> None:
        self.postgres = postgres
        self.suffix = uuid.uuid4().hex[:8]

    def rename(self, sql: str) -> str:
        return re.sub(r"\bknowledge(_owner|_app)?\b", lambda m: f"{m.group(0)}_{self.suffix}", sql)

    @property
    def database(self) -> str:
        return f"knowledge_{self.suffix}"

    def role(self, name: str) -> str:
        return f"knowledge_{name}_{self.suffix}"

    def url(self, role: str) -> str:
        postgres = self.postgres
        return f"postgresql+psycopg://{self.role(role)}@{postgres.host}:{postgres.port}/{self.database}"

    def run(self, sql: str, user: str = "postgres", database: str = "postgres") -> None:
        """As psql would: statement by statement, `\\connect` switching database."""
        statements: list[tuple[str, str]] = []
        for line in self.rename(sql).splitlines():
            connect = re.match(r"\\connect (\S+)", line)
            if connect:
                database = connect.group(1)
            elif line.strip():
                statements.append((database, line))
        for target, statement in statements:
            with psycopg.connect(
                host=self.postgres.host,
                port=self.postgres.port,
                user=user,
                dbname=target,
                autocommit=True,
            ) as connection:
                connection.execute(statement)


def app_as(cluster: Cluster, role: str, folder: Path):
    return create_app(
        TestConfig,
        instance_path=str(folder / "instance"),
        SQLALCHEMY_DATABASE_URI=cluster.url(role),
        SEARCH_INDEX_PATH=str(folder / "index"),
    )


def refused_audit_update(app) -> bool:
    with app.app_context():
        try:
            db.session.execute(text("UPDATE audit_event SET action = 'rewritten'"))
        except ProgrammingError as error:
            db.session.rollback()
            return "permission denied" in str(error)
        db.session.rollback()
        return False


def service_names(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(Service.name)))


@pytest.fixture
def setup_as_documented(postgres, tmp_path):
    cluster = Cluster(postgres)
    setup, after_migration = documented_sql("PostgreSQL setup")
    cluster.run(setup)
    owner = app_as(cluster, "owner", tmp_path / "owner")
    with owner.app_context():
        upgrade()
    cluster.run(after_migration, user=cluster.role("owner"), database=cluster.database)
    app = app_as(cluster, "app", tmp_path / "app")
    yield cluster, owner, app
    for each in (owner, app):
        with each.app_context():
            db.session.remove()
            db.engine.dispose()
    postgres.drop_database(cluster.database)


def test_the_app_runs_as_the_apps_role(setup_as_documented):
    _, _, app = setup_as_documented
    with app.app_context():
        seeding.load_reference_data(SEED_FOLDER)
        create_service(name="Knit and Natter")
        db.session.commit()
        search_index().rebuild([])
        db.session.execute(
            text(
                "INSERT INTO audit_event (occurred_at, action, details)"
                " VALUES ('2026-11-24 09:00:00', 'test.event', '{}')"
            )
        )
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Service)) == 1
    assert app.test_client().get("/health").status_code == 200
    assert refused_audit_update(app)


def test_the_owner_backs_up_and_restores_and_the_app_carries_on(setup_as_documented, tmp_path):
    cluster, owner, app = setup_as_documented
    with app.app_context():
        seeding.load_reference_data(SEED_FOLDER)
        create_service(name="Knit and Natter")
        db.session.commit()
    pg_bin = str(cluster.postgres.bin("pg_dump").parent)
    file = tmp_path / "knowledge.dump"
    runner = owner.test_cli_runner()
    created = runner.invoke(args=["backup", "create", str(file), "--pg-bin", pg_bin])
    assert created.exit_code == 0, created.output
    with app.app_context():
        create_service(name="Added After The Backup")
        db.session.commit()

    restored = runner.invoke(args=["backup", "restore", str(file), "--yes", "--pg-bin", pg_bin])
    assert restored.exit_code == 0, restored.output
    with app.app_context():
        db.engine.dispose()  # the app servers are stopped during a restore
    assert service_names(app) == {"Knit and Natter"}
    with app.app_context():  # the app's grants came back with the tables
        create_service(name="Added After The Restore")
        db.session.commit()
    assert service_names(app) == {"Knit and Natter", "Added After The Restore"}
    assert refused_audit_update(app)
