"""`flask seed …` and `flask search …`."""

from pathlib import Path

import click
from flask.cli import AppGroup

from knowledge.directory import seeding
from knowledge.directory.indexing import rebuild_search_index

SEED_FOLDER = Path(__file__).resolve().parent.parent / "seed"

seed_cli = AppGroup("seed", help="Load reference and demo data.")
search_cli = AppGroup("search", help="Manage the search index.")


@seed_cli.command("reference")
def seed_reference() -> None:
    """Load the vocabularies and the LLR areas (safe to run again)."""
    counts = seeding.load_reference_data(SEED_FOLDER)
    click.echo(f"Reference data: {counts.describe()}")


@seed_cli.command("demo")
def seed_demo() -> None:
    """Load reference data and the fictional demo directory (safe to run again)."""
    counts = seeding.load_reference_data(SEED_FOLDER)
    click.echo(f"Reference data: {counts.describe()}")
    counts = seeding.load_demo_directory(SEED_FOLDER / "demo_directory.json")
    click.echo(f"Demo directory: {counts.describe()}")


@search_cli.command("rebuild")
def search_rebuild() -> None:
    """Rebuild the search index from the database. Searches carry on while it runs."""
    count = rebuild_search_index()
    click.echo(f"Indexed {count} published services.")
