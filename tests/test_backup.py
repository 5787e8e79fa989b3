"""`flask backup create` and `flask backup restore`: a backup brings back every row, on SQLite
and on a real PostgreSQL server (pg_dump and pg_restore of the server's own version), also
into a database upgraded since the backup was made; and nothing is changed by a file that is
not a backup."""

import shutil
import stat
import uuid
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from knowledge import create_app
from knowledge.backup import BackupError, major_version
from knowledge.commands import SEED_FOLDER
from knowledge.config import TestConfig
from knowledge.directory import seeding
from knowledge.directory.indexing import search_index
from knowledge.extensions import db
from knowledge.models import Service
from knowledge.search import SearchQuery
from tests.conftest import FIXED_NOW
from tests.factories import create_service

# The search index's own bookkeeping: a rebuild after the restore may move it on.
INDEX_BOOKKEEPING = {"search_change", "directory_state"}
SERVICE_NAMES = ("Knit and Natter", "Money Advice Drop-in", "Walk and Talk")


def app_on(database_url: str, folder: Path):
    return create_app(
        TestConfig,
        instance_path=str(folder / "instance"),
        SQLALCHEMY_DATABASE_URI=database_url,
        SEARCH_INDEX_PATH=str(folder / "index"),
    )


def revision_before_head(app) -> str:
    with app.app_context():
        scripts = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
        return scripts.get_revision(scripts.get_current_head()).down_revision


def fill(app, revision: str = "head") -> None:
    """Migrate, add a small directory, then step back to `revision` (an older release's
    schema; the downgrades keep every row) if asked."""
    with app.app_context():
        upgrade()
        seeding.load_reference_data(SEED_FOLDER)
        for name in SERVICE_NAMES:
            create_service(name=name)
        db.session.commit()
        db.session.remove()
        if revision != "head":
            downgrade(revision=revision)


def snapshot(app) -> dict[str, list[dict[str, str]]]:
    """Every row of every table, column by column, in a stable order."""
    with app.app_context(), db.engine.connect() as connection:
        tables = [
            row[0]
            for row in connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'table'")
                if connection.dialect.name == "sqlite"
                else text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            )
        ]
        return {
            table: sorted(
                (
                    {column: str(value) for column, value in row.items()}
                    for row in connection.execute(text(f'SELECT * FROM "{table}"')).mappings()
                ),
                key=lambda row: sorted(row.items()),
            )
            for table in sorted(set(tables) - INDEX_BOOKKEEPING)
        }


def as_before(after: dict, before: dict) -> dict:
    """`after` cut down to the tables and columns `before` had: a later migration may add
    tables and columns, but must keep every row and value there was."""
    return {
        table: sorted(
            ({column: row[column] for column in (rows[0] if rows else {})} for row in after[table]),
            key=lambda row: sorted(row.items()),
        )
        for table, rows in before.items()
    }


def found(app, words: str) -> set[str]:
    with app.app_context():
        result = search_index().search(SearchQuery(text=words), FIXED_NOW)
        ids = [hit.id for hit in result.hits]
        return set(db.session.scalars(select(Service.name).where(Service.id.in_(ids))))


def change_everything(app) -> None:
    with app.app_context():
        service = db.session.scalars(select(Service).filter_by(name="Knit and Natter")).one()
        service.name = "Renamed After The Backup"
        create_service(name="Added After The Backup")
        db.session.commit()


def invoke(app, *args: str, **kwargs):
    return app.test_cli_runner().invoke(args=["backup", *args], **kwargs)


# SQLite ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def filled_sqlite(tmp_path_factory) -> Path:
    """Migrated and filled once; each test gets a copy (migrating takes seconds)."""
    folder = tmp_path_factory.mktemp("filled")
    app = app_on(f"sqlite:///{folder / 'knowledge.sqlite'}", folder)
    fill(app)
    with app.app_context():
        db.engine.dispose()
    return folder / "knowledge.sqlite"


@pytest.fixture
def sqlite_app(filled_sqlite, tmp_path):
    shutil.copy(filled_sqlite, tmp_path / "knowledge.sqlite")
    return app_on(f"sqlite:///{tmp_path / 'knowledge.sqlite'}", tmp_path)


def test_sqlite_round_trip(sqlite_app, tmp_path):
    before = snapshot(sqlite_app)
    file = tmp_path / "backups" / "knowledge.backup"
    file.parent.mkdir()

    created = invoke(sqlite_app, "create", str(file))
    assert created.exit_code == 0, created.output
    assert "Backed up the SQLite database" in created.output
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # personal data: the owner's alone
    assert list(file.parent.iterdir()) == [file]  # no partial file left beside it

    change_everything(sqlite_app)
    assert snapshot(sqlite_app) != before

    restored = invoke(sqlite_app, "restore", str(file), "--yes")
    assert restored.exit_code == 0, restored.output
    assert "Indexed 3 published services" in restored.output
    assert snapshot(sqlite_app) == before
    assert found(sqlite_app, "knit natter") == {"Knit and Natter"}
    assert found(sqlite_app, "renamed") == found(sqlite_app, "added") == set()


def test_sqlite_backup_of_an_older_release_restores_and_is_upgraded(tmp_path):
    app = app_on(f"sqlite:///{tmp_path / 'knowledge.sqlite'}", tmp_path)
    older = revision_before_head(app)
    fill(app, revision=older)
    file = tmp_path / "older.backup"
    assert invoke(app, "create", str(file)).exit_code == 0
    with app.app_context():
        upgrade()
    change_everything(app)

    restored = invoke(app, "restore", str(file), "--yes")
    assert restored.exit_code == 0, restored.output
    with app.app_context():
        revision = db.session.scalar(text("SELECT version_num FROM alembic_version"))
        assert revision != older  # migrated to this release
    assert found(app, "knit natter") == {"Knit and Natter"}


def test_an_existing_file_is_never_overwritten(sqlite_app, tmp_path):
    file = tmp_path / "taken.backup"
    file.write_text("something precious")
    result = invoke(sqlite_app, "create", str(file))
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert file.read_text() == "something precious"


def test_a_missing_folder_is_said_plainly(sqlite_app, tmp_path):
    result = invoke(sqlite_app, "create", str(tmp_path / "not-made-yet" / "knowledge.backup"))
    assert result.exit_code == 1
    assert "there is no folder" in result.output


@pytest.mark.parametrize(
    "content",
    [b"not a backup at all", b"SQLite format 3\x00" + b"\x00" * 200],
    ids=["text", "damaged-sqlite"],
)
def test_a_file_that_is_not_a_backup_changes_nothing(sqlite_app, tmp_path, content):
    before = snapshot(sqlite_app)
    file = tmp_path / "odd.file"
    file.write_bytes(content)
    result = invoke(sqlite_app, "restore", str(file), "--yes")
    assert result.exit_code == 1
    assert "Error:" in result.output
    assert snapshot(sqlite_app) == before


def test_restore_asks_first(sqlite_app, tmp_path):
    file = tmp_path / "knowledge.backup"
    assert invoke(sqlite_app, "create", str(file)).exit_code == 0
    change_everything(sqlite_app)
    changed = snapshot(sqlite_app)
    result = invoke(sqlite_app, "restore", str(file), input="n\n")
    assert "This replaces everything in the SQLite database" in result.output
    assert result.exit_code == 1  # aborted
    assert snapshot(sqlite_app) == changed


# PostgreSQL --------------------------------------------------------------------------------


@pytest.fixture
def pg_app(postgres, tmp_path):
    url = postgres.create_database(f"backup_{uuid.uuid4().hex[:12]}")
    app = app_on(url, tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_postgresql_round_trip(postgres, pg_app, tmp_path):
    fill(pg_app)
    before = snapshot(pg_app)
    file = tmp_path / "knowledge.dump"
    pg_bin = str(postgres.bin("pg_dump").parent)

    created = invoke(pg_app, "create", str(file), "--pg-bin", pg_bin)
    assert created.exit_code == 0, created.output
    assert "Backed up the PostgreSQL database backup_" in created.output
    assert file.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert stat.S_IMODE(file.stat().st_mode) == 0o600

    change_everything(pg_app)
    restored = invoke(pg_app, "restore", str(file), "--yes", "--pg-bin", pg_bin)
    assert restored.exit_code == 0, restored.output
    assert snapshot(pg_app) == before
    assert found(pg_app, "knit natter") == {"Knit and Natter"}
    assert found(pg_app, "renamed") == set()


def test_postgresql_backup_of_an_older_release_restores_into_an_upgraded_database(
    postgres, pg_app, tmp_path
):
    """The rollback after a failed upgrade: the database has tables the backup does not."""
    older = revision_before_head(pg_app)
    fill(pg_app, revision=older)
    before = snapshot(pg_app)
    file = tmp_path / "older.dump"
    pg_bin = str(postgres.bin("pg_dump").parent)
    assert invoke(pg_app, "create", str(file), "--pg-bin", pg_bin).exit_code == 0
    with pg_app.app_context():
        upgrade()
    change_everything(pg_app)

    restored = invoke(pg_app, "restore", str(file), "--yes", "--pg-bin", pg_bin)
    assert restored.exit_code == 0, restored.output
    after = snapshot(pg_app)
    assert after.pop("alembic_version") != before.pop("alembic_version")  # upgraded again
    assert as_before(after, before) == before
    assert found(pg_app, "knit natter") == {"Knit and Natter"}


def test_postgresql_tools_of_another_version_are_refused(postgres, pg_app, tmp_path):
    """pg_dump must be the server's major version: a fake pg_dump 99 is refused before it runs."""
    fill(pg_app)
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for name in ("pg_dump", "pg_restore"):
        program = fake_bin / name
        program.write_text(f"#!/bin/sh\necho '{name} (PostgreSQL) 99.1'\n")
        program.chmod(0o755)
    file = tmp_path / "knowledge.dump"
    result = invoke(pg_app, "create", str(file), "--pg-bin", str(fake_bin))
    assert result.exit_code == 1
    assert "pg_dump is from PostgreSQL 99 but the server runs 15" in result.output
    assert not file.exists()


def test_a_sqlite_backup_is_not_restored_into_postgresql(postgres, pg_app, sqlite_app, tmp_path):
    fill(pg_app)
    before = snapshot(pg_app)
    file = tmp_path / "knowledge.backup"
    assert invoke(sqlite_app, "create", str(file)).exit_code == 0
    pg_bin = str(postgres.bin("pg_dump").parent)
    result = invoke(pg_app, "restore", str(file), "--yes", "--pg-bin", pg_bin)
    assert result.exit_code == 1
    assert "is not a PostgreSQL backup" in result.output
    assert snapshot(pg_app) == before


# Reading versions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "major"),
    [
        ("pg_dump (PostgreSQL) 15.10 (Debian 15.10-0+deb12u1)\n", 15),
        ("pg_restore (PostgreSQL) 16.4\n", 16),
        ("pg_dump (PostgreSQL) 9.6.24\n", 9),
    ],
)
def test_major_version(output, major):
    assert major_version(output) == major


def test_an_unreadable_version_is_an_error():
    with pytest.raises(BackupError):
        major_version("command not found")
