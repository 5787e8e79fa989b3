"""Whole-page load: gunicorn serving the public results page, driven by wrk from another process.

    .venv/bin/python bench/page_load.py [--sizes 5000,50000] [--workers N] [--duration 20]
                                        [--page-cache off|on|both] [--profile]

For each size: copy the synthetic directory that bench/synthetic.py keeps under build/bench/
(generating it the first time), rebuild its search index, and start gunicorn with the
repository's gunicorn.conf.py and production settings (throwaway keys) on a loopback port. Warm
every worker up (until a 5-s round has no page slower than 3 s), then run
`wrk -t1 -c8 -d20s --timeout 30s --latency` with a Lua script that cycles through everyday
results-page addresses. wrk is a separate process, so the figures include HTTP, gunicorn and
the kernel, as a browser on the same machine would see them. Prints a table; asserts nothing.
Take figures when `uptime` shows the machine otherwise idle: the table prints the load average
before and after each run.

`--sizes demo` serves the 239-service demo directory instead (quick, for development).
`--page-cache both` runs each size twice: without and with the anonymous results-page cache
(RESULTS_PAGE_CACHE; docs/performance.md). `--profile` samples the workers with py-spy during
the measured run and prints where their time went. `--reuse` serves the copy and index the
last run of each size left (rebuilding 50,000 services' index takes about ten minutes here).

/search has no rate limit (only sign-in, suggestions, provider answers and the open API do), so
the bench needs no limit of its own; every answer that is not 2xx counts as an error.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUILD = ROOT / "build" / "bench"
VENV_BIN = ROOT / ".venv" / "bin"
# What people search for, with the filters they tick: the same list in the same order each run.
PATHS = (
    "/search?q=lonely",
    "/search?q=I%27m+in+debt",
    "/search?q=feeling+lonely&area=charnwood&cost=free",
    "/search?q=homeless",
    "/search?q=walking+group&area=leicester",
    "/search?need=benefits-and-money",
    "/search?q=lonley",
    "/search?q=crisis+cafe&open=now",
    "/search?q=carers+support+group+older+people",
    "/search?q=debt&page=2",
    "/search?q=mental+health&route=drop-in&age=adults",
    "/search?q=lonely&sort=distance&near=charnwood-loughborough",
    "/search?need=housing&area=leicester&cost=free",
    "/search?q=peer+support&type=peer-support",
)

WRK_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
local i = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i - 1) %% #paths + 1])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%%d duration_us=%%d p50_us=%%d p95_us=%%d max_us=%%d non2xx=%%d socket=%%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency.max, bad, e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass(frozen=True)
class Run:
    size: str
    services: int
    workers: int
    page_cache: bool
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    errors: int
    load_before: float
    load_after: float


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5000,50000", help="comma-separated; or demo")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py)")
    parser.add_argument("--duration", type=int, default=20, help="seconds of measured load")
    parser.add_argument(
        "--warm-up", type=int, default=300, help="at most this many seconds of load before it"
    )
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--page-cache", choices=("off", "on", "both"), default="off")
    parser.add_argument("--profile", action="store_true", help="sample the workers with py-spy")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the last run's copy and index of each size (indexing 50,000 takes minutes)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is not installed: `make bench` installs it (apt-get install wrk)")
    caches = {"off": (False,), "on": (True,), "both": (False, True)}[args.page_cache]
    runs = []
    with tempfile.TemporaryDirectory(prefix="ck-page-load-") as scratch:
        script = Path(scratch) / "results_pages.lua"
        script.write_text(WRK_SCRIPT % {"paths": ", ".join(f'"{p}"' for p in PATHS)})
        for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            environment, services = prepare(size, args.reuse)
            for cache in caches:
                runs.append(measure(size, services, cache, environment, wrk, script, args))
                print_table(runs)
    if args.json:
        args.json.write_text(json.dumps([run.__dict__ for run in runs], indent=2))


# The directory ----------------------------------------------------------------------------


def prepare(size: str, reuse: bool) -> tuple[dict[str, str], int]:
    """The server's environment for this size, and how many services its index holds."""
    folder = BUILD / f"page-load-{size}"
    indexed = folder / "INDEXED"
    if reuse and indexed.exists():
        return server_environment(folder), int(indexed.read_text())
    directory_folder(size, folder)
    environment = server_environment(folder)
    services = rebuild_index(environment)
    indexed.write_text(f"{services}\n")
    return environment, services


def directory_folder(size: str, folder: Path) -> None:
    """A fresh copy of the directory's SQLite database in `folder`, where its index goes too.

    Generated directories are cached by bench/synthetic.py (50,000 services take minutes);
    the server works on a copy, so what it writes (searches that found nothing) never reaches
    the cache."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    database = folder / "knowledge.sqlite"
    if size == "demo":
        build_demo_directory(database)
    else:
        shutil.copyfile(synthetic_directory(int(size)), database)
    print(f"{size}: directory ready in {time.perf_counter() - started:.0f} s", flush=True)


def synthetic_directory(count: int) -> Path:
    """bench/synthetic.py's cached directory, or, if it was made before the app's tables last
    changed, one made here with today's tables (and kept, for the next run)."""
    from bench.synthetic import DEFAULT_SEED, cached_directory, generate

    cached = cached_directory(count)
    if has_the_apps_tables(cached):
        return cached
    ours = BUILD / f"page-load-directory-{count}-seed{DEFAULT_SEED}.sqlite"
    if not (ours.exists() and has_the_apps_tables(ours)):
        ours.unlink(missing_ok=True)
        print(f"{cached.name} has older tables: generating {count} services afresh", flush=True)
        generate(f"sqlite:///{ours}", count)
    return ours


def has_the_apps_tables(database: Path) -> bool:
    """Whether every table and column the app's models declare is in `database`."""
    from sqlalchemy import create_engine, inspect

    from knowledge import models  # noqa: F401  (declares every table on db.metadata)
    from knowledge.extensions import db

    engine = create_engine(f"sqlite:///{database}")
    try:
        inspector = inspect(engine)
        present = set(inspector.get_table_names())
        return all(
            table.name in present
            and {c.name for c in table.columns}
            <= {c["name"] for c in inspector.get_columns(table.name)}
            for table in db.metadata.sorted_tables
        )
    finally:
        engine.dispose()


def database_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'knowledge.sqlite'}"


def build_demo_directory(path: Path) -> None:
    """The demo directory without its accounts (production refuses to start with them). Built
    afresh each time: it takes seconds, and always has the current tables."""
    from knowledge import create_app
    from knowledge.commands import SEED_FOLDER
    from knowledge.config import TestConfig
    from knowledge.directory import seeding
    from knowledge.extensions import db

    with tempfile.TemporaryDirectory() as scratch:
        app = create_app(
            TestConfig,
            instance_path=scratch,
            SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}",
            SEARCH_INDEX_PATH=str(Path(scratch) / "index"),
        )
        with app.app_context():
            db.create_all()
            seeding.load_reference_data(SEED_FOLDER)
            seeding.load_demo_directory(SEED_FOLDER / "demo_directory.json")
            db.session.remove()
            db.engine.dispose()


# The server -------------------------------------------------------------------------------


def server_environment(folder: Path) -> dict[str, str]:
    """Production settings with throwaway keys: nothing here is kept or sent anywhere."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("KNOWLEDGE_", "DATABASE_", "SEARCH_", "MAIL_", "RESULTS_", "GUNICORN_", "LOG_")
        )
    }
    environment.update(
        FLASK_APP="wsgi",
        KNOWLEDGE_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        PSEUDONYM_KEY=secrets.token_urlsafe(48),
        DATABASE_URL=database_url(folder),
        SEARCH_INDEX_PATH=str(folder / "search-index"),
        # Production refuses to start without a mail relay; the results page sends no email.
        MAIL_SERVER="127.0.0.1",
        MAIL_SENDER="Community Knowledge <bench@example.org>",
        HELPLINE_EMAIL="bench@example.org",
        PUBLIC_BASE_URL="http://127.0.0.1",
        SESSION_COOKIE_SECURE="false",
    )
    return environment


def rebuild_index(environment: dict[str, str]) -> int:
    """Rebuilt every run: the index format may have moved on since the data was built."""
    shutil.rmtree(environment["SEARCH_INDEX_PATH"], ignore_errors=True)
    output = subprocess.run(
        [str(VENV_BIN / "flask"), "search", "rebuild"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = re.search(r"Indexed (\d+)", output)
    if found is None:
        sys.exit(f"`flask search rebuild` said: {output}")
    return int(found.group(1))


def measure(size, services, page_cache, environment, wrk, script, args) -> Run:
    folder = Path(environment["SEARCH_INDEX_PATH"]).parent
    server, base, log = start_gunicorn(environment, page_cache, args.workers, folder)
    try:
        wait_until_serving(base, server, log)
        check_pages(base)
        warm_up(wrk, script, base, args.connections, args.warm_up)
        workers = len(re.findall(r"Booting worker", log.read_text()))
        profiler = start_profiler(server.pid, args.duration, folder) if args.profile else None
        load_before = os.getloadavg()[0]
        figures = parse_wrk(run_wrk(wrk, script, base, args.connections, args.duration))
        load_after = os.getloadavg()[0]
        if profiler is not None:
            profiler.wait(timeout=args.duration + 60)
            print_profile(folder / "profile.txt", size)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return Run(
        size=size,
        services=services,
        workers=workers,
        page_cache=page_cache,
        requests_per_second=figures["requests"] / (figures["duration_us"] / 1e6),
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        max_ms=figures["max_us"] / 1000,
        errors=figures["non2xx"] + figures["socket"],
        load_before=load_before,
        load_after=load_after,
    )


def start_gunicorn(
    environment: dict[str, str], page_cache: bool, workers: int | None, folder: Path
) -> tuple[subprocess.Popen, str, Path]:
    """gunicorn as production runs it: it reads the repository's gunicorn.conf.py (workers,
    timeouts, JSON logs) by itself; only the address, and the workers if asked, are ours."""
    port = free_port()
    environment = {
        **environment,
        "RESULTS_PAGE_CACHE": "true" if page_cache else "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    if workers is not None:
        environment["GUNICORN_WORKERS"] = str(workers)
    log = folder / "gunicorn.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "wsgi:app"],
            cwd=ROOT,
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    return server, f"http://127.0.0.1:{port}", log


# A warm-up round passes when it served this many pages, none slower than this.
WARM_ROUND_SECONDS = 5
WARM_PAGES = 20
WARM_SLOWEST_MS = 3000


def warm_up(wrk: str, script: Path, base: str, connections: int, most_seconds: int) -> None:
    """Load until every worker has read its search index: a worker's first search reads the
    facts of every document (at 50,000 services, about 15 s on this machine), and a cold worker
    in the measured run would be measured as slow. Rounds of 5 s until one passes, at most
    `most_seconds` in all."""
    deadline = time.monotonic() + most_seconds
    while time.monotonic() < deadline:
        figures = parse_wrk(run_wrk(wrk, script, base, connections, WARM_ROUND_SECONDS))
        if figures["requests"] >= WARM_PAGES and figures["max_us"] < WARM_SLOWEST_MS * 1000:
            return
    print(f"  (still warming up after {most_seconds} s: measuring anyway)", flush=True)


def run_wrk(wrk: str, script: Path, base: str, connections: int, seconds: int) -> str:
    """wrk's own timeout is 2 s, past which it counts a request as a socket error and drops its
    time: at 30 s a slow page is measured as slow, not lost."""
    command = [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency"]
    return subprocess.run(
        [*command, "-s", str(script), base], check=True, capture_output=True, text=True
    ).stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(base + "/", timeout=60):
                return
        except OSError:  # not listening yet
            time.sleep(0.2)
    sys.exit(f"gunicorn did not answer within 120 s:\n{log.read_text()}")


def check_pages(base: str) -> None:
    """Every address answers 200, and most with results: an empty index would make a fast,
    useless bench."""
    empty = []
    for path in PATHS:
        # A worker's first search reads its index's facts: long at 50,000 on a busy machine.
        with urllib.request.urlopen(base + path, timeout=300) as response:
            if response.status != 200:
                sys.exit(f"{path}: {response.status}")
            if 'class="ck-result"' not in response.read().decode():
                empty.append(path)
    if len(empty) > len(PATHS) // 2:
        sys.exit(f"no results on {len(empty)} of {len(PATHS)} pages: {empty}")
    if empty:
        print(f"  (no results on {', '.join(empty)})", flush=True)


def parse_wrk(output: str) -> dict[str, int]:
    found = re.search(r"^RESULT (.*)$", output, re.MULTILINE)
    if found is None:
        sys.exit(f"wrk printed no figures:\n{output}")
    return {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", found.group(1))}


# Where the time goes: a sample counts under a heading if its stack holds any of these frames
# (the names before and after the results page was reworked, so old profiles read the same).
PROFILE_PARTS = (
    ("whole request (Flask)", ("wsgi_app (flask/app.py",)),
    ("  search index (Whoosh and facets)", ("SearchIndex.search (",)),
    ("  loading the page's services", ("listed_services (", "public_services_in_order (")),
    ("  rendering the page", ("render_template (",)),
    ("  facet labels, areas (reference data)", ("facet_vocabulary (", "area_centres (")),
)


def start_profiler(master_pid: int, seconds: int, folder: Path) -> subprocess.Popen:
    """py-spy sampling every worker (the master's subprocesses) while wrk runs. It slows them
    a little, so the run's own figures are a shade low."""
    return subprocess.Popen(
        [
            *(str(VENV_BIN / "py-spy"), "record", "--pid", str(master_pid), "--subprocesses"),
            *("--nonblocking", "--rate", "200", "--duration", str(seconds), "--format", "raw"),
            *("--output", str(folder / "profile.txt")),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def print_profile(path: Path, size: str) -> None:
    """Share of the workers' busy samples under each heading of PROFILE_PARTS."""
    samples = []
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            samples.append((stack, int(count)))
    busy = sum(count for _, count in samples) or 1
    print(f"\n{size}: py-spy, {busy:,} samples of busy workers ({path})")
    for label, frames in PROFILE_PARTS:
        share = sum(count for stack, count in samples if any(f in stack for f in frames)) / busy
        print(f"  {label:<42} {share:6.1%}")


def print_table(runs: list[Run]) -> None:
    print()
    print(
        f"{'size':>8} {'services':>9} {'workers':>7} {'page cache':>10} {'req/s':>8} "
        f"{'p50':>9} {'p95':>9} {'max':>9} {'errors':>6}  load (1 min, before → after)"
    )
    for run in runs:
        print(
            f"{run.size:>8} {run.services:>9,} {run.workers:>7} "
            f"{'on' if run.page_cache else 'off':>10} {run.requests_per_second:>8.1f} "
            f"{run.p50_ms:>7.1f}ms {run.p95_ms:>7.1f}ms {run.max_ms:>7.1f}ms {run.errors:>6}  "
            f"{run.load_before:.2f} → {run.load_after:.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
