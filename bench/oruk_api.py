"""Open Referral UK API latency on the demo directory: prints a table, asserts nothing.

    .venv/bin/python bench/oruk_api.py [--repeat 30]

Whole requests through the app (parameters, database, serialising, ETag), as another
directory's harvester or a web page would make them; and the feed export and a dry run of
importing it back (the import's cost is the dry run: the same work is redone on apply).
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.search_latency import percentile
from knowledge import create_app
from knowledge.commands import SEED_FOLDER
from knowledge.config import TestConfig
from knowledge.directory import seeding
from knowledge.directory.indexing import rebuild_search_index
from knowledge.extensions import db
from knowledge.models import Service
from knowledge.oruk import documents, feeds, feeds_import

REQUESTS = [
    "/api/oruk/services",
    "/api/oruk/services?per_page=200&full=true",
    "/api/oruk/services?search=feeling+lonely",
    "/api/oruk/services?taxonomy_term_id={term}&day=TU&start_time=09:00",
    "/api/oruk/services?minimal=true",
    "/api/oruk/services/{service}",
    "/api/oruk/service_at_locations?postcode=LE11+1HU&proximity=5000",
    "/api/oruk/taxonomy_terms?per_page=200",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ck-bench-"))
    app = create_app(
        TestConfig,
        instance_path=str(folder),
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'bench.sqlite'}",
        SEARCH_INDEX_PATH=str(folder / "index"),
        ORUK_RATE_LIMIT="1000000 per minute",
    )
    with app.app_context():
        db.create_all()
        seeding.load_reference_data(SEED_FOLDER)
        seeding.load_demo_directory(SEED_FOLDER / "demo_directory.json")
        published = rebuild_search_index()
        service = db.session.query(Service).filter_by(name="Befriending in the Soar Valley").one()
        values = {"service": service.id, "term": service.taxonomy_terms[0].id}
        client = app.test_client()
        print(f"demo directory: {published} published services; {args.repeat} runs per request")
        print(f"{'request':<72} {'items':>5} {'KB':>6} {'p50':>8} {'p95':>8} {'max':>8}")
        for template in REQUESTS:
            url = template.format(**values)
            client.get(url)  # warm
            samples = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(url)
                samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            body = response.get_json()
            items = len(body.get("contents", [body]))
            print(
                f"{url[:72]:<72} {items:>5} {len(response.data) / 1024:>6.0f} "
                f"{statistics.median(samples):>6.1f}ms {percentile(samples, 0.95):>6.1f}ms "
                f"{max(samples):>6.1f}ms"
            )

        started = time.perf_counter()
        document = documents.directory_document()
        exported = time.perf_counter() - started
        text = json.dumps(document, indent=2, sort_keys=True)
        started = time.perf_counter()
        plan = feeds_import.dry_run(feeds.read_feed(text), "Bench", "bench")
        planned = time.perf_counter() - started
        print(
            f"\nexport: {len(document['contents'])} services, {len(text.encode()) / 1024:.0f} KB "
            f"in {exported * 1000:.0f} ms; dry run of importing it back: {planned * 1000:.0f} ms "
            f"({len(plan.rows)} records)"
        )


if __name__ == "__main__":
    main()
