"""Search latency on the demo directory: prints a table, asserts nothing.

    .venv/bin/python bench/search_latency.py [--repeat 50]

Two layers, same everyday queries: the Whoosh adapter alone (query, facet counts for every
facet, sort, one page of ids) and the whole results page through the app (database load of the
page's services, template render), as a member of the public or a clinician would wait for it.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge import create_app
from knowledge.clock import local_now
from knowledge.commands import SEED_FOLDER
from knowledge.config import TestConfig
from knowledge.directory import seeding
from knowledge.directory.indexing import rebuild_search_index, search_index
from knowledge.extensions import db
from knowledge.search import SearchQuery

QUERIES = [
    ("lonely", {}),
    ("I'm in debt", {}),
    ("feeling lonely", {"area": {"charnwood"}, "cost": {"free"}}),
    ("homeless", {}),
    ("gambling", {}),
    ("crisis cafe", {"open": {"now"}}),
    ("walking group", {"area": {"leicester"}}),
    ("lonley", {}),
    ("", {"need": {"benefits-and-money"}}),
    ("carers support group older people", {}),
]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ck-bench-"))
    app = create_app(
        TestConfig,
        instance_path=str(folder),
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'bench.sqlite'}",
        SEARCH_INDEX_PATH=str(folder / "index"),
        WTF_CSRF_ENABLED=False,
    )
    with app.app_context():
        db.create_all()
        seeding.load_reference_data(SEED_FOLDER)
        seeding.load_demo_directory(SEED_FOLDER / "demo_directory.json")
        documents = rebuild_search_index()
        index = search_index()
        now = local_now()
        client = app.test_client()
        client.get("/search?q=warm+up")
        print(f"demo directory: {documents} published services; {args.repeat} runs per query")
        print(
            f"{'query':<36} {'filters':<22} {'hits':>5} "
            f"{'index p50':>10} {'p95':>7} {'max':>7}   {'page p50':>9} {'p95':>7} {'max':>7}"
        )
        for text, filters in QUERIES:
            query = SearchQuery(text=text, filters={k: frozenset(v) for k, v in filters.items()})
            index_ms, page_ms = [], []
            for _ in range(args.repeat):
                started = time.perf_counter()
                result = index.search(query, now)
                index_ms.append((time.perf_counter() - started) * 1000)
            url_args = {"q": text, **{k: sorted(v) for k, v in filters.items()}}
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get("/search", query_string=url_args)
                page_ms.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            label = ",".join(f"{k}={'|'.join(sorted(v))}" for k, v in filters.items())
            print(
                f"{text or '(none)':<36} {label[:22]:<22} {result.total:>5} "
                f"{statistics.median(index_ms):>8.1f}ms {percentile(index_ms, 0.95):>5.1f}ms "
                f"{max(index_ms):>5.1f}ms   {statistics.median(page_ms):>7.1f}ms "
                f"{percentile(page_ms, 0.95):>5.1f}ms {max(page_ms):>5.1f}ms"
            )


if __name__ == "__main__":
    main()
