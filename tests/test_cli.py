"""The flask commands: seeding is idempotent, the index rebuild reports what it did."""

from sqlalchemy import func, select

from knowledge.directory.indexing import search_index
from knowledge.extensions import db
from knowledge.models import Area, Service, TaxonomyTerm
from tests.factories import create_service


def test_seed_reference_is_idempotent(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed", "reference"])
    assert result.exit_code == 0, result.output
    assert "0 added" in result.output
    assert db.session.scalar(select(func.count()).select_from(Area)) == 1 + 9 + 25
    assert db.session.scalar(select(func.count()).select_from(TaxonomyTerm)) == 7 + 27 + 7


def test_seed_demo_loads_the_directory_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed", "demo"])
    assert first.exit_code == 0, first.output
    count = db.session.scalar(select(func.count()).select_from(Service))
    assert count >= 200
    assert f"Demo directory: {count} added, 0 already present" in first.output

    second = runner.invoke(args=["seed", "demo"])
    assert f"Demo directory: 0 added, {count} already present" in second.output
    assert db.session.scalar(select(func.count()).select_from(Service)) == count


def test_search_rebuild(app):
    create_service(name="Knit and Natter")
    search_index().rebuild([])
    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0
    assert result.output.strip() == "Indexed 1 published services."
    assert len(search_index().indexed_ids()) == 1


def test_search_status_says_how_far_behind_the_index_is(app):
    service = create_service(name="Knit and Natter")
    search_index().rebuild([])  # holds version 0: the service's change is not applied
    result = app.test_cli_runner().invoke(args=["search", "status"])
    assert result.exit_code == 0
    assert "holds directory version 0" in result.output
    assert "changes not yet applied: 1" in result.output

    app.test_cli_runner().invoke(args=["search", "rebuild"])
    result = app.test_cli_runner().invoke(args=["search", "status"])
    assert "changes not yet applied: 0" in result.output
    assert service.id in search_index().indexed_ids()
