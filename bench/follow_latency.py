"""From an edit to it being searchable, on the server that took it and on another server.

    .venv/bin/python bench/follow_latency.py [--sizes 5000,50000] [--edits 30]
                                             [--database sqlite|postgresql]

For each size: the synthetic directory (bench/synthetic.py), on a SQLite file or on a throwaway
PostgreSQL server on loopback (tests/postgres.py); two gunicorn servers, A and B, two workers
each, each with its own index folder built by `flask search rebuild` (timed: the index build).
This process plays one more worker of server A (it shares A's index folder): it renames a
random published service to carry a word nobody else uses and commits, as an officer's edit
does. "on A" is the time the commit takes to return — the committing process has caught its
index up by then, so A's workers find it at once. "on B" is the time from the start of the
commit until B's results page (asked every 20 ms over HTTP) lists the service: B's follower
(SEARCH_FOLLOW_SECONDS, default 1 s) reading the change log, re-reading the service and writing
it to B's index. Prints a table; asserts nothing.
"""

import argparse
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.page_load import (  # noqa: E402
    BUILD,
    VENV_BIN,
    directory_folder,
    free_port,
    rebuild_index,
    server_environment,
    wait_until_serving,
)

POLL_SECONDS = 0.02
GIVE_UP_SECONDS = 30


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5000,50000")
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    rows = []
    for size in args.sizes.split(","):
        rows.append(run(size, args))
    print()
    print(f"{args.database}, {args.edits} edits per size, follower every 1 s, load {load()}")
    print("| services | rebuild A | rebuild B | on A p50 | p95 | max | on B p50 | p95 | max |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def load() -> str:
    return ", ".join(f"{figure:.2f}" for figure in os.getloadavg())


def run(size: str, args) -> list[str]:
    folder = directory_folder(size)
    server = None
    if args.database == "postgresql":
        from bench.synthetic import generate
        from tests.postgres import PostgresServer

        server = PostgresServer.start()
        url = server.create_database("follow")
        started = time.perf_counter()
        generate(url, int(size))
        print(f"{size}: generated on PostgreSQL in {time.perf_counter() - started:.0f} s")
    else:
        url = f"sqlite:///{folder / 'knowledge.sqlite'}"
    try:
        return measure(size, folder, url, args)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def measure(size: str, folder: Path, url: str, args) -> list[str]:
    environments = {}
    builds = {}
    for name in ("a", "b"):
        environment = server_environment(folder)
        environment.update(
            DATABASE_URL=url,
            SEARCH_INDEX_PATH=str(folder / f"{name}-index"),
            GUNICORN_BIND=f"127.0.0.1:{free_port()}",
            GUNICORN_WORKERS="2",
        )
        started = time.perf_counter()
        rebuild_index(environment)
        builds[name] = time.perf_counter() - started
        environments[name] = environment
    servers = {name: start(environment) for name, environment in environments.items()}
    try:
        on_a, on_b = edit_and_wait(url, environments["a"], environments["b"], args.edits)
    finally:
        for process in servers.values():
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    return [
        f"{int(size):,}" if size.isdigit() else size,
        f"{builds['a']:.1f} s",
        f"{builds['b']:.1f} s",
        *figures(on_a),
        *figures(on_b),
    ]


def start(environment: dict[str, str]) -> subprocess.Popen:
    log = Path(environment["SEARCH_INDEX_PATH"] + ".log")
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "wsgi:app"],
            cwd=ROOT,
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    wait_until_serving(base(environment), process, log)
    return process


def base(environment: dict[str, str]) -> str:
    return "http://" + environment["GUNICORN_BIND"]


def edit_and_wait(url: str, a: dict[str, str], b: dict[str, str], edits: int):

    from knowledge import create_app
    from knowledge.config import TestConfig
    from knowledge.directory.indexing import public_services_query
    from knowledge.extensions import db
    from knowledge.models import Service

    # One more worker of server A: A's index folder, the app's commit hooks.
    app = create_app(
        TestConfig,
        instance_path=str(BUILD / "follow-instance"),
        SQLALCHEMY_DATABASE_URI=url,
        SEARCH_INDEX_PATH=a["SEARCH_INDEX_PATH"],
    )
    rng = random.Random(9)
    on_a, on_b = [], []
    with app.app_context():
        ids = list(db.session.scalars(public_services_query().with_only_columns(Service.id)))
        for number in range(edits):
            word = f"zq{number}x{rng.randrange(10**6)}"
            service = db.session.get(Service, rng.choice(ids))
            service.name = f"{service.name.split(' (')[0]} ({word})"
            started = time.perf_counter()
            db.session.commit()
            on_a.append(time.perf_counter() - started)
            on_b.append(wait_for(base(b), word, service.id, started))
        db.session.remove()
        db.engine.dispose()
    return on_a, on_b


def wait_for(server: str, word: str, service_id: str, started: float) -> float:
    address = f"{server}/search?" + urllib.parse.urlencode({"q": word})
    while time.perf_counter() - started < GIVE_UP_SECONDS:
        with urllib.request.urlopen(address, timeout=30) as response:
            if f"/services/{service_id}" in response.read().decode():
                return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    sys.exit(f"{word} not findable on B after {GIVE_UP_SECONDS} s")


def figures(seconds: list[float]) -> list[str]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return [
        f"{statistics.median(ordered) * 1000:.0f} ms",
        f"{p95 * 1000:.0f} ms",
        f"{ordered[-1] * 1000:.0f} ms",
    ]


if __name__ == "__main__":
    main()
