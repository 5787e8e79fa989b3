"""Search at 5,000 and 50,000 services: the app's Whoosh index beside PostgreSQL full-text
search and SQLite FTS5, on the same documents and the same queries. Prints tables; asserts
nothing.

    .venv/bin/python bench/search_engines.py [--sizes 5000 50000] [--repeat 30]
        [--engines whoosh postgresql sqlite-fts5] [--profile QUERY_NUMBER]

Each size's directory comes from bench/synthetic.py (cached under build/bench/); the app turns
it into search documents once, and every engine indexes those same documents. A search is the
whole answer the results page needs: the words matched (with the app's synonyms, fall-back and
spelling), every facet's counts over the results passing the *other* chosen facets, the sort,
and one page of 20 ids. The clock is fixed (Tuesday 24 November 2026, 7.30pm) so "open now"
finds the evening groups. Engines take turns query by query, so a busy moment on the shared
machine falls on all of them.

PostgreSQL runs as a throwaway server on loopback (tests/postgres.py), started here and
stopped at the end. Memory is each engine's worker: a fresh process that opens the built
index, runs every query once, and reports its resident set (VmRSS) before and after.
"""

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from bench.fts_postgres import PostgresFullText
from bench.fts_sqlite import SqliteFullText
from bench.search_latency import QUERIES as DEMO_QUERIES
from bench.search_latency import percentile
from bench.synthetic import DEFAULT_SEED, cached_directory, database_app
from knowledge.directory.indexing import (
    SERVICE_DOCUMENT_LOADS,
    public_services_query,
    service_document,
)
from knowledge.extensions import db
from knowledge.models import Service
from knowledge.search import (
    SHIPPED_SYNONYMS,
    SearchIndex,
    SearchQuery,
    SearchResult,
    ServiceDocument,
    Synonyms,
)
from knowledge.search.facts import read_facts

NOW = datetime(2026, 11, 24, 19, 30)
ENGINES = ("whoosh", "postgresql", "sqlite-fts5")
# The demo benchmark's everyday searches, and three more a results page sees: two words with a
# weekend day, a browse by district and age, and one of the commonest needs.
QUERIES: list[tuple[str, dict[str, set[str]]]] = [
    *DEMO_QUERIES,
    ("food bank", {}),
    ("support group", {"open": {"sa"}}),
    ("", {"area": {"melton"}, "age": {"older-people"}}),
]


@dataclass
class Measured:
    """One engine at one size: its build and every query's timings and last answer."""

    build_seconds: float = 0.0
    first: dict[int, float] = field(default_factory=dict)  # ms, the query's first search
    timings: dict[int, list[float]] = field(default_factory=dict)
    answers: dict[int, SearchResult] = field(default_factory=dict)
    memory: dict[str, float] = field(default_factory=dict)
    after_edit: str = ""
    open_ms: float = 0.0
    disk_bytes: int = 0


class WhooshEngine:
    """The app's own index, through its public adapter."""

    name = "whoosh"

    def __init__(self, path: Path, synonyms: Synonyms):
        self.path = path
        self.index = SearchIndex(path, synonyms)

    def build(self, documents: list[ServiceDocument], today) -> None:
        self.index.rebuild(documents)

    def search(self, query: SearchQuery, now: datetime) -> SearchResult:
        return self.index.search(query, now)

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.index.generation.rglob("*") if f.is_file())

    def close(self) -> None:
        pass


def search_query(text: str, filters: dict[str, set[str]]) -> SearchQuery:
    return SearchQuery(text=text, filters={k: frozenset(v) for k, v in filters.items()})


def load_documents(path: Path) -> list[ServiceDocument]:
    """The published services as the app indexes them, in a fixed order."""
    with database_app(f"sqlite:///{path}").app_context():
        services = db.session.scalars(
            public_services_query().options(*SERVICE_DOCUMENT_LOADS).order_by(Service.id)
        )
        documents = [service_document(s) for s in services]
        count = db.session.scalar(select(db.func.count()).select_from(Service))
        db.session.remove()
        db.engine.dispose()
    assert len(documents) == count, "every synthetic service is published"
    return documents


def open_engine(name: str, folder: Path, postgres_url: str | None, synonyms: Synonyms):
    if name == "whoosh":
        return WhooshEngine(folder / "whoosh", synonyms)
    if name == "postgresql":
        assert postgres_url is not None
        return PostgresFullText(postgres_url, synonyms)
    return SqliteFullText(folder / "fts5.sqlite", synonyms)


def timed(call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def measure_size(
    size: int,
    seed: int,
    engine_names: list[str],
    repeat: int,
    postgres,
    folder: Path,
    check: bool,
) -> tuple[dict[str, Measured], float]:
    directory = cached_directory(size, seed)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    documents = load_documents(directory)
    document_seconds = time.perf_counter() - started
    synonyms = Synonyms.from_files(SHIPPED_SYNONYMS)
    postgres_url = postgres.create_database(f"bench_{size}") if postgres else None
    engines, results = {}, {}
    for name in engine_names:
        engine = open_engine(name, folder, postgres_url, synonyms)
        started = time.perf_counter()
        engine.build(documents, NOW.date())
        results[name] = Measured(build_seconds=time.perf_counter() - started)
        engines[name] = engine
    queries = [search_query(text, filters) for text, filters in QUERIES]
    for name, engine in engines.items():
        # Opening: Whoosh reads every document's facts; the databases warm their caches.
        results[name].open_ms, _ = timed(lambda e=engine: e.search(search_query("", {}), NOW))
    for name, engine in engines.items():
        for number, query in enumerate(queries):
            ms, answer = timed(lambda e=engine, q=query: e.search(q, NOW))
            results[name].first[number], results[name].answers[number] = ms, answer
    for number, query in enumerate(queries):
        for _ in range(repeat):
            for name, engine in engines.items():
                ms, _ = timed(lambda e=engine, q=query: e.search(q, NOW))
                results[name].timings.setdefault(number, []).append(ms)
    if check and "whoosh" in engines:
        print_check(size, engines["whoosh"], queries)
    if "whoosh" in engines:
        results["whoosh"].after_edit = time_after_an_edit(engines["whoosh"], documents)
    for name, engine in engines.items():
        results[name].disk_bytes = engine.size_bytes()
        results[name].memory = probe_memory(name, engine, postgres_url)
        engine.close()
    return results, document_seconds


def print_check(size: int, engine: "WhooshEngine", queries: list[SearchQuery]) -> None:
    """The fast search against the straightforward one it replaced (tests/search/
    reference_search.py), query by query: hits, totals, facet counts, spelling."""
    from tests.search.reference_search import reference_search

    for number, query in enumerate(queries, start=1):
        fast, reference = (
            engine.index.search(query, NOW),
            reference_search(engine.index, query, NOW),
        )
        same = (
            fast.hits == reference.hits
            and fast.total == reference.total
            and _nonzero(fast.facets) == _nonzero(reference.facets)
            and (fast.searched_for, fast.suggestion, fast.corrected_from)
            == (reference.searched_for, reference.suggestion, reference.corrected_from)
            and fast.matched_all_words == reference.matched_all_words
        )
        print(f"check {size}: query {number} {'same' if same else 'DIFFERENT'} as before issue 9")


def time_after_an_edit(engine: "WhooshEngine", documents: list[ServiceDocument]) -> str:
    """An edit makes a new index generation (a new Whoosh segment): the next search reads the
    documents' facts again, and the next search for a word works its scores out again. The
    edited service is the first one, given back unchanged.

    Also timed: reading the new generation's facts given the previous generation's, which
    reads only the new segment (facts.read_facts); SearchIndex does not pass them yet."""
    previous = engine.index._current_facts()
    engine.index.update([documents[0]])
    reread_ms, _ = timed(lambda: engine.search(search_query("", {}), NOW))
    word_ms, _ = timed(lambda: engine.search(search_query(*QUERIES[0]), NOW))
    segments = engine.index._searcher.leaf_searchers()
    reuse_ms, _ = timed(lambda: read_facts(segments, previous))
    return (
        f"facts read again {reread_ms:.0f} ms (reusing the unchanged segments: {reuse_ms:.0f} "
        f"ms), then '{QUERIES[0][0]}' {word_ms:.0f} ms"
    )


def probe_memory(name: str, engine, postgres_url: str | None) -> dict[str, float]:
    """A fresh worker opens the built index and runs every query: its VmRSS before and after."""
    location = postgres_url if name == "postgresql" else str(engine.path)
    output = subprocess.run(
        [sys.executable, __file__, "--probe", name, location],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def probe(name: str, location: str) -> None:
    synonyms = Synonyms.from_files(SHIPPED_SYNONYMS)
    before = rss_mb()
    if name == "whoosh":
        engine = WhooshEngine(Path(location), synonyms)
    elif name == "postgresql":
        engine = PostgresFullText(location, synonyms)
    else:
        engine = SqliteFullText(Path(location), synonyms)
    started = time.perf_counter()
    engine.search(search_query(*QUERIES[0]), NOW)
    first_ms = (time.perf_counter() - started) * 1000
    for text, filters in QUERIES:
        engine.search(search_query(text, filters), NOW)
    after = rss_mb()
    print(json.dumps({"before": before, "after": after, "first_search_ms": first_ms}))


def label(filters: dict[str, set[str]]) -> str:
    return ",".join(f"{k}={'|'.join(sorted(v))}" for k, v in filters.items())


def print_size(size: int, results: dict[str, Measured], document_seconds: float) -> None:
    print(f"\n{size:,} published services (seed {DEFAULT_SEED}); clock {NOW:%a %d %b %Y %H:%M}")
    print(f"search documents from the database: {document_seconds:.1f} s (shared by all engines)")
    header = (
        f"{'query':<34} {'filters':<26} {'hits':>6} {'engine':<12} "
        f"{'first':>9} {'p50':>9} {'p95':>9} {'max':>9} {'ratio':>6}"
    )
    print(header)
    for number, (text, filters) in enumerate(QUERIES):
        medians = {n: statistics.median(r.timings[number]) for n, r in results.items()}
        fastest = min(medians.values())
        for n, measured in results.items():
            samples = measured.timings[number]
            print(
                f"{(text or '(no words)')[:34]:<34} {label(filters)[:26]:<26} "
                f"{measured.answers[number].total:>6} {n:<12} "
                f"{measured.first[number]:>7.1f}ms {medians[n]:>7.1f}ms "
                f"{percentile(samples, 0.95):>7.1f}ms {max(samples):>7.1f}ms "
                f"{medians[n] / fastest:>5.1f}×"
            )
    print(
        f"\n{'engine':<12} {'build':>8} {'open':>8} {'on disk':>9} {'worker RSS':>11} "
        f"{'growth':>8} {'fresh worker, first search':>28}"
    )
    for n, measured in results.items():
        memory = measured.memory
        print(
            f"{n:<12} {measured.build_seconds:>7.1f}s {measured.open_ms:>6.0f}ms "
            f"{measured.disk_bytes / 2**20:>7.1f}MB "
            f"{memory['after']:>9.1f}MB {memory['after'] - memory['before']:>6.1f}MB "
            f"{memory['first_search_ms']:>25.0f} ms"
        )
    if "whoosh" in results:
        print(f"whoosh, first searches after an edit: {results['whoosh'].after_edit}")
    print_agreement(results)


def print_agreement(results: dict[str, Measured]) -> None:
    """Where the words play no part, every engine must give the same counts: a check that the
    baselines' facet SQL means what the app's facets mean."""
    if "whoosh" not in results:
        return
    reference = results["whoosh"].answers
    for number, (text, _) in enumerate(QUERIES):
        if text:
            continue
        for name, measured in results.items():
            answer = measured.answers[number]
            same = (
                answer.total == reference[number].total
                and _nonzero(answer.facets) == _nonzero(reference[number].facets)
                and [h.id for h in answer.hits] == [h.id for h in reference[number].hits]
            )
            verdict = "same" if same else "DIFFERENT"
            print(f"query {number + 1} (no words): {name} total, facets and page {verdict}")


def _nonzero(facets: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {f: {v: n for v, n in c.items() if n} for f, c in facets.items() if c}


def profile(size: int, seed: int, number: int, repeat: int, folder: Path, before: bool) -> None:
    """pyinstrument's view of the Whoosh search for one query (its number in the table), or
    with `before` of the search as it was before issue 9 (tests/search/reference_search.py).
    An index already built in `folder` is used as it is."""
    from pyinstrument import Profiler

    from tests.search.reference_search import reference_search

    engine = WhooshEngine(folder, Synonyms.from_files(SHIPPED_SYNONYMS))
    if engine.index.needs_rebuild:
        engine.build(load_documents(cached_directory(size, seed)), NOW.date())
    query = search_query(*QUERIES[number - 1])
    search = reference_search if before else SearchIndex.search
    search(engine.index, query, NOW)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(repeat):
            search(engine.index, query, NOW)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--profile", type=int, metavar="QUERY_NUMBER")
    parser.add_argument("--before", action="store_true", help="profile the search before issue 9")
    parser.add_argument(
        "--index-folder", type=Path, help="a Whoosh index to profile (built if empty)"
    )
    parser.add_argument(
        "--check", action="store_true", help="compare Whoosh's answers with the search before"
    )
    parser.add_argument("--probe", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe(*args.probe)
        return
    # Stopped with a signal, still stop the database server and clear the temporary folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    folder = Path(tempfile.mkdtemp(prefix="ck-engines-"))
    try:
        run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, folder: Path) -> None:
    if args.profile:
        for size in args.sizes:
            where = args.index_folder or folder / str(size)
            profile(size, args.seed, args.profile, args.repeat, where, args.before)
        return
    print(f"load average {os.getloadavg()[0]:.2f} at start; {args.repeat} runs per query")
    postgres = None
    if "postgresql" in args.engines:
        from tests.postgres import PostgresServer

        postgres = PostgresServer.start()
    try:
        for size in args.sizes:
            results, document_seconds = measure_size(
                size,
                args.seed,
                args.engines,
                args.repeat,
                postgres,
                folder / str(size),
                args.check,
            )
            print_size(size, results, document_seconds)
    finally:
        if postgres is not None:
            postgres.stop()
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
