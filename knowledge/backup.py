"""`flask backup create FILE` and `flask backup restore FILE`: the whole database, either kind.

PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore --clean --if-exists
--no-owner --single-transaction`, both from the same major version as the server (an older
pg_dump cannot read a newer server; a newer one writes dumps an older pg_restore cannot read).
SQLite: the online backup API, a consistent copy even while the app is writing.

The search index is not backed up: after a restore it is rebuilt from the database, and the
database is migrated to this release first, so a backup from an older release restores too.
The keys (SECRET_KEY, PSEUDONYM_KEY) are not in the database and are backed up separately.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import Engine, text

from knowledge.extensions import db

backup_cli = AppGroup("backup", help="Back up and restore the database.")

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    """Something an operator can fix, said in a sentence."""


@dataclass(frozen=True)
class Tools:
    """Where the PostgreSQL client programs are: a folder, or None for the PATH."""

    folder: Path | None = None

    def path(self, name: str) -> str:
        if self.folder is None:
            found = shutil.which(name)
        else:
            found = str(self.folder / name) if (self.folder / name).is_file() else None
        if not found:
            where = f"in {self.folder}" if self.folder else "on the PATH"
            raise BackupError(
                f"{name} is not {where}: install the PostgreSQL client programs of the "
                "server's version, or name their folder with --pg-bin"
            )
        return found


def describe(engine: Engine) -> str:
    """The database, named without its credentials."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"the SQLite database {url.database}"
    return f"the PostgreSQL database {url.database} on {url.host or 'the local socket'}"


# Creating ---------------------------------------------------------------------------------


def create_backup(engine: Engine, target: Path, tools: Tools) -> int:
    """Write a backup of the database to `target` (which must not exist); returns its size.
    It is written beside `target` first and renamed when complete and checked, so a file
    with the name is always a whole backup; only its owner may read it (personal data)."""
    if target.exists():
        raise BackupError(f"{target} already exists: choose a new name")
    if not target.parent.is_dir():
        raise BackupError(f"there is no folder {target.parent}")
    partial = target.with_name(target.name + ".partial")
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupError(f"{partial} is left from an unfinished backup: remove it") from None
    try:
        if engine.url.get_backend_name() == "sqlite":
            _backup_sqlite(_sqlite_file(engine), partial)
        else:
            _backup_postgresql(engine, partial, tools)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


def _backup_sqlite(database: Path, partial: Path) -> None:
    if not database.is_file():
        raise BackupError(f"there is no database at {database}")
    with (
        closing(sqlite3.connect(database)) as source,
        closing(sqlite3.connect(partial)) as copy,
    ):
        source.backup(copy)
    _check_sqlite_backup(partial)


def _backup_postgresql(engine: Engine, partial: Path, tools: Tools) -> None:
    pg_dump = tools.path("pg_dump")
    _check_same_major_version(pg_dump, engine)
    uri, environment = _libpq_connection(engine)
    _run([pg_dump, "--format=custom", "--no-password", "--file", str(partial), uri], environment)
    _check_postgresql_backup(partial, tools)


# Restoring --------------------------------------------------------------------------------


def restore_backup(engine: Engine, source: Path, tools: Tools) -> None:
    """Replace everything in the database with the backup in `source`. The caller then
    migrates the database and rebuilds the search index."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    if engine.url.get_backend_name() == "sqlite":
        _restore_sqlite(engine, source)
    else:
        _restore_postgresql(engine, source, tools)


def _restore_sqlite(engine: Engine, source: Path) -> None:
    database = _sqlite_file(engine)
    _check_sqlite_backup(source)
    engine.dispose()  # no pooled connection keeps reading the old pages
    with closing(sqlite3.connect(source)) as backup, closing(sqlite3.connect(database)) as live:
        # Copies every page in one step, under a lock: other connections then see the backup.
        backup.backup(live)


def _restore_postgresql(engine: Engine, source: Path, tools: Tools) -> None:
    pg_restore = tools.path("pg_restore")
    _check_same_major_version(pg_restore, engine)
    _check_postgresql_backup(source, tools)
    _empty_public_schema(engine)
    uri, environment = _libpq_connection(engine)
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            "--dbname",
            uri,
            str(source),
        ],
        environment,
    )
    engine.dispose()


def _empty_public_schema(engine: Engine) -> None:
    """Drop everything the app made, not only what the backup holds: a database upgraded since
    the backup has tables (and functions) the backup knows nothing of, which would stop the
    upgrade that follows the restore. The schema is made again as PostgreSQL 15 makes it
    (owned by the database's owner, usable by all); the backup restores any grants on it."""
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
        connection.execute(text("ALTER SCHEMA public OWNER TO pg_database_owner"))
        connection.execute(text("GRANT USAGE ON SCHEMA public TO PUBLIC"))
    engine.dispose()  # pooled connections may hold plans for the dropped tables


# Checks -----------------------------------------------------------------------------------


def _check_sqlite_backup(path: Path) -> None:
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{path} is not a SQLite backup")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as copy:
            (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
            tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is damaged: {error}") from None
    if verdict != "ok":
        raise BackupError(f"{path} is damaged: {verdict}")
    if "alembic_version" not in tables:
        raise BackupError(f"{path} is not a backup of this app's database (no alembic_version)")


def _check_postgresql_backup(path: Path, tools: Tools) -> None:
    with path.open("rb") as file:
        if file.read(len(PG_DUMP_HEADER)) != PG_DUMP_HEADER:
            raise BackupError(f"{path} is not a PostgreSQL backup (pg_dump --format=custom)")
    listing = _run([tools.path("pg_restore"), "--list", str(path)], dict(os.environ))
    if not re.search(r"\bTABLE \S+ alembic_version\b", listing):
        raise BackupError(f"{path} is not a backup of this app's database (no alembic_version)")


def major_version(version_output: str) -> int:
    """15 from "pg_dump (PostgreSQL) 15.10 (Debian 15.10-0+deb12u1)"."""
    found = re.search(r"\(PostgreSQL\)\s+(\d+)", version_output)
    if not found:
        raise BackupError(f"cannot read a PostgreSQL version from {version_output.strip()!r}")
    return int(found.group(1))


def server_major_version(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SHOW server_version_num")).scalar_one()) // 10000


def _check_same_major_version(program: str, engine: Engine) -> None:
    tool = major_version(_run([program, "--version"], dict(os.environ)))
    server = server_major_version(engine)
    if tool != server:
        name = Path(program).name
        raise BackupError(
            f"{name} is from PostgreSQL {tool} but the server runs {server}: use the client "
            f"programs of version {server} (--pg-bin /usr/lib/postgresql/{server}/bin on Debian)"
        )


# Plumbing ---------------------------------------------------------------------------------


def _sqlite_file(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(database)


def _libpq_connection(engine: Engine) -> tuple[str, dict[str, str]]:
    """The database as a libpq URI for pg_dump and pg_restore, and their environment: the
    password goes in PGPASSWORD, never on a command line any user of the server can read."""
    url = engine.url
    uri = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    return uri, environment


def _run(command: list[str], environment: dict[str, str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    if result.returncode != 0:
        # Their messages name objects and files, not data, and never the password.
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")
    return result.stdout


# Commands ---------------------------------------------------------------------------------

pg_bin_option = click.option(
    "--pg-bin",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of pg_dump and pg_restore (default: the PATH), e.g. /usr/lib/postgresql/15/bin.",
)


@backup_cli.command("create")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pg_bin_option
def backup_create(file: Path, pg_bin: Path | None) -> None:
    """Write a backup of the whole database to FILE (a new file, readable by you alone)."""
    try:
        size = create_backup(db.engine, file, Tools(pg_bin))
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up {describe(db.engine)} to {file} ({size:,} bytes).")


@backup_cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pg_bin_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def backup_restore(file: Path, pg_bin: Path | None, yes: bool) -> None:
    """Replace everything in the database with the backup in FILE, migrate it to this release
    and rebuild this server's search index. Stop the app servers first."""
    from flask_migrate import upgrade

    from knowledge.directory.indexing import rebuild_search_index

    if not yes:
        click.confirm(
            f"This replaces everything in {describe(db.engine)} with {file}. Continue?",
            abort=True,
        )
    try:
        restore_backup(db.engine, file, Tools(pg_bin))
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    db.session.remove()
    click.echo(f"Restored {describe(db.engine)} from {file}.")
    upgrade()
    click.echo("Migrated it to this release.")
    count = rebuild_search_index()
    click.echo(
        f"Indexed {count} published services. On every other app server run "
        "`flask search rebuild`, then start the app servers."
    )
