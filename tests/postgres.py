"""A throwaway PostgreSQL server for one test run: Debian's `postgresql` package, started on
loopback in a temporary folder, stopped and removed at the end. No mocks: the suite runs on the
database production runs on.

    server = PostgresServer.start()
    url = server.create_database("knowledge_gw0_1")   # postgresql+psycopg://…
    subprocess.run([server.bin("pg_dump"), "-h", server.host, "-p", str(server.port), …])
    server.stop()

Each pytest-xdist worker starts its own (the `postgres` fixture is session-scoped, and a session
is a worker): nothing is shared between workers but the machine.

Why these settings: `initdb` refuses to run as root, so as root (CI, these machines) the server
runs as the `postgres` user the package creates, in a folder that user owns; as anyone else it
runs as them. It listens on 127.0.0.1 only, on a port the system says is free, with its socket
in its own folder (not /var/run/postgresql, which may belong to the package's own cluster).
Durability is switched off (fsync, synchronous_commit, full_page_writes): a crash loses a
database the run would have thrown away anyway, and every commit stops waiting for the disk.
The C.UTF-8 locale, which every Debian has, sorts by code point as SQLite does: an order the
app leaves to the database is then the same on both, and one it must not leave (a list shown
to people) is the app's to sort by name.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

POSTGRES_LIBRARIES = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
# The largest number of connections a worker's apps hold at once is well below this: each app
# keeps a small pool, and the suite makes a few dozen apps.
MAX_CONNECTIONS = 300
START_ATTEMPTS = 3


class PostgresNotInstalled(RuntimeError):
    pass


class PostgresFailed(RuntimeError):
    pass


def binaries() -> Path:
    """The newest installed server's bin folder (/usr/lib/postgresql/15/bin on Debian 12)."""
    found = sorted(
        POSTGRES_LIBRARIES.glob("*/bin/initdb"),
        key=lambda initdb: (
            int(initdb.parent.parent.name) if initdb.parent.parent.name.isdigit() else 0
        ),
    )
    if not found:
        raise PostgresNotInstalled(
            f"PostgreSQL is not installed (no {POSTGRES_LIBRARIES}/*/bin/initdb): "
            "run `make system-packages` (it runs `apt-get install postgresql`)."
        )
    return found[-1].parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """A running server: databases made on demand, reached as the `postgres` superuser over
    TCP on loopback with trust authentication (nothing but this machine can connect)."""

    host = "127.0.0.1"

    def __init__(self, bin_dir: Path, folder: Path, port: int, run_as: str | None) -> None:
        self._bin_dir = bin_dir
        self.folder = folder
        self.port = port
        self._run_as = run_as

    @property
    def data_directory(self) -> Path:
        return self.folder / "data"

    @property
    def log_file(self) -> Path:
        return self.folder / "server.log"

    @classmethod
    def start(cls) -> "PostgresServer":
        bin_dir = binaries()
        run_as = SUPERUSER if os.geteuid() == 0 else None
        # Not pytest's temporary folder: it is private to root, and the server's user must
        # reach its own folder.
        folder = Path(tempfile.mkdtemp(prefix="knowledge-postgres-"))
        if run_as:
            account = pwd.getpwnam(run_as)
            os.chown(folder, account.pw_uid, account.pw_gid)
        server = cls(bin_dir, folder, 0, run_as)
        try:
            server._initdb()
            server._start_on_a_free_port()
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return server

    def bin(self, name: str) -> Path:
        """A client or server program of this server's version: pg_dump, psql, …"""
        return self._bin_dir / name

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        with self._connect() as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Ends the database's connections first: an app's pool may still hold some."""
        with self._connect() as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def database_files(self, name: str) -> list[Path]:
        """The files holding a database's tables and indexes, with everything written to them
        (CHECKPOINT): what anyone with the disk, or a copy of it, could read."""
        with self._connect() as connection:
            connection.execute("CHECKPOINT")
            oid = connection.execute(
                "SELECT oid FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()[0]
        return sorted((self.data_directory / "base" / str(oid)).iterdir())

    def stop(self) -> None:
        """Immediately: nothing in a throwaway server is worth a clean shutdown."""
        try:
            self._run(
                self.bin("pg_ctl"), "stop", "-D", self.data_directory, "-m", "immediate", "-w"
            )
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(
            host=self.host, port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        )

    def _initdb(self) -> None:
        self._run(
            self.bin("initdb"),
            "-D",
            self.data_directory,
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )

    def _start_on_a_free_port(self) -> None:
        """Another program may take the port between asking and starting: try another."""
        for attempt in range(1, START_ATTEMPTS + 1):
            self.port = free_port()
            try:
                self._run(
                    self.bin("pg_ctl"),
                    "start",
                    "-D",
                    self.data_directory,
                    "-w",
                    "-t",
                    "60",
                    "-l",
                    self.log_file,
                    "-o",
                    self._server_options(),
                )
                return
            except PostgresFailed:
                if attempt == START_ATTEMPTS:
                    raise
                time.sleep(0.2)

    def _server_options(self) -> str:
        settings = {
            "listen_addresses": self.host,
            "port": self.port,
            "unix_socket_directories": self.folder,
            "max_connections": MAX_CONNECTIONS,
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
        }
        return " ".join(f"-c {name}={value}" for name, value in settings.items())

    def _run(self, program: Path, *arguments: object) -> None:
        command = [str(program), *(str(argument) for argument in arguments)]
        if self._run_as:
            command = ["runuser", "-u", self._run_as, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            log = self.log_file.read_text() if self.log_file.exists() else ""
            raise PostgresFailed(
                f"{' '.join(command)} exited with {result.returncode}:\n"
                f"{result.stdout}{result.stderr}{log}"
            )
