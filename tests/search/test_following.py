"""Several app servers, one database: each server's index follows the database's change log.

"Another server" here is a second app on the same database with a search index of its own, as
a second machine would have; tests/search/test_several_servers.py runs real server processes.
"""

import time
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, update

from knowledge import create_app
from knowledge.clock import utc_now
from knowledge.config import TestConfig
from knowledge.directory.indexing import (
    Follower,
    catch_up,
    prune_search_changes,
    rebuild_search_index,
    search_index,
    search_lag,
)
from knowledge.extensions import db
from knowledge.models import (
    DirectoryState,
    Organisation,
    PublicationState,
    SearchChange,
    Service,
    ZeroResultSearch,
)
from knowledge.search import SearchQuery
from tests.conftest import FIXED_NOW, FreshContextClient
from tests.factories import create_service


@pytest.fixture
def another_server(app, tmp_path):
    """another_server(name): a second app server on the same database, with a search index of
    its own (not built yet), its connections closed after the test."""
    made = []

    def make(name: str):
        other = create_app(
            TestConfig,
            instance_path=str(tmp_path / f"{name}-instance"),
            SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
            SEARCH_INDEX_PATH=str(tmp_path / f"{name}-index"),
            NOW=lambda: FIXED_NOW,
        )
        other.test_client_class = FreshContextClient
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            for engine in db.engines.values():
                engine.dispose()


@pytest.fixture
def other_server(another_server):
    other = another_server("other")
    with other.app_context():
        rebuild_search_index()
    return other


def found(server, text: str) -> list[str]:
    with server.app_context():
        return [h.id for h in search_index().search(SearchQuery(text=text), FIXED_NOW).hits]


def follow(server) -> None:
    """One round of the server's background follower."""
    Follower(server, interval=1).follow_once()


def logged() -> list[tuple[int, str]]:
    return list(db.session.execute(select(SearchChange.version, SearchChange.service_id)).all())


def version() -> int:
    return db.session.scalar(select(DirectoryState.version))


def test_a_commit_logs_each_changed_service_at_its_version(app):
    first = create_service(name="Knit and Natter")
    second = create_service(name="Walk and Talk")
    first.name, second.name = "Stitch and Chatter", "Stroll and Chat"
    db.session.commit()
    now = version()
    assert (now, first.id) in logged() and (now, second.id) in logged()
    assert len([row for row in logged() if row[0] == now]) == 2


def test_records_that_only_name_a_service_log_nothing(app):
    service = create_service(name="Knit and Natter")
    before = logged()
    db.session.add(ZeroResultSearch(words="zanzibar", searched_on=FIXED_NOW.date()))
    db.session.commit()
    assert logged() == before
    assert service.id  # the service is untouched


def test_a_change_through_one_server_is_found_through_the_other_after_it_follows(app, other_server):
    service = create_service(name="Knit and Natter")
    assert found(app, "natter") == [service.id]  # its own server: at once
    assert found(other_server, "natter") == []
    follow(other_server)
    assert found(other_server, "natter") == [service.id]


def test_edits_withdrawals_and_organisation_renames_reach_the_other_server(app, other_server):
    service = create_service(name="Knit and Natter")
    follow(other_server)

    service.organisation.name = "Zanzibar Community Trust"
    db.session.commit()
    follow(other_server)
    assert found(other_server, "zanzibar") == [service.id]

    service.publication = PublicationState.DRAFT
    db.session.commit()
    follow(other_server)
    assert found(other_server, "natter") == []
    with other_server.app_context():
        assert search_index().indexed_ids() == set()


def test_a_service_deleted_for_good_leaves_the_other_index(app, other_server):
    service = create_service(name="Knit and Natter")
    follow(other_server)
    organisation = db.session.get(Organisation, service.organisation_id)
    db.session.delete(service)
    db.session.delete(organisation)
    db.session.commit()
    follow(other_server)
    assert found(other_server, "natter") == []


def test_the_other_server_records_the_version_it_holds(app, other_server):
    create_service(name="Knit and Natter")
    with other_server.app_context():
        assert search_lag() == 1
    follow(other_server)
    with other_server.app_context():
        assert search_index().applied_version() == version()
        assert search_lag() == 0


def test_a_failed_catch_up_does_not_claim_the_version(app, other_server):
    create_service(name="Knit and Natter")
    with other_server.app_context():
        before = search_index().applied_version()

        def broken(_applied):
            raise RuntimeError("database went away")

        with pytest.raises(RuntimeError):
            search_index().catch_up(broken)
        assert search_index().applied_version() == before
    follow(other_server)
    assert found(other_server, "natter")


def test_a_rebuild_swaps_in_a_new_generation_and_keeps_changes_made_meanwhile(app):
    kept = create_service(name="Knit and Natter")
    index = search_index()
    old_generation = index.generation
    late = {}

    def documents_while_someone_edits():
        from knowledge.directory.indexing import service_document

        yield service_document(db.session.get(Service, kept.id))
        # Mid-rebuild, another request commits: searches still use the old generation, and
        # the commit is applied to it at once.
        late["service"] = create_service(name="Walk and Talk")
        assert found(app, "walk") == [late["service"].id]
        assert index.generation == old_generation

    built_at = version()
    index.rebuild(documents_while_someone_edits(), version=built_at)
    assert index.generation != old_generation
    # The new generation holds the version it was read at; the change above it is applied next.
    assert found(app, "walk") == []
    catch_up(timeout=1)
    assert found(app, "walk") == [late["service"].id]
    assert found(app, "natter") == [kept.id]


def test_only_the_current_and_previous_generations_stay_on_disk(app):
    for _ in range(4):
        rebuild_search_index()
    generations = sorted(p.name for p in search_index().path.glob("g-*"))
    assert len(generations) == 2
    assert search_index().generation.name in generations


def test_an_index_behind_the_pruned_log_is_rebuilt(app, other_server):
    service = create_service(name="Knit and Natter")
    removed = prune_search_changes(older_than=utc_now() + timedelta(days=1))
    assert removed == 1
    assert db.session.scalar(select(func.count()).select_from(SearchChange)) == 0
    with other_server.app_context():
        assert search_lag() is None  # cannot be caught up: must be rebuilt
    follow(other_server)
    assert found(other_server, "natter") == [service.id]
    with other_server.app_context():
        assert search_lag() == 0


def test_pruning_keeps_recent_changes(app):
    create_service(name="Knit and Natter")
    assert prune_search_changes(older_than=utc_now() - timedelta(days=1)) == 0
    assert len(logged()) == 1


def test_a_new_server_builds_its_index_in_the_follower(app, another_server):
    service = create_service(name="Knit and Natter")
    fresh = another_server("fresh")
    with fresh.app_context():
        assert search_index().needs_rebuild
    follow(fresh)
    with fresh.app_context():
        assert not search_index().needs_rebuild
    assert found(fresh, "natter") == [service.id]


def test_the_follower_thread_starts_with_the_first_request_and_keeps_following(app, other_server):
    follower = Follower(other_server, interval=0.05)
    other_server.before_request(follower.ensure_running)
    service = create_service(name="Knit and Natter")
    try:
        # The first request catches up before it is answered.
        other_server.test_client().get("/")
        assert found(other_server, "natter") == [service.id]
        service.name = "Stitch and Chatter"
        db.session.commit()
        deadline = time.monotonic() + 10
        while not found(other_server, "stitch") and time.monotonic() < deadline:
            time.sleep(0.02)
        assert found(other_server, "stitch") == [service.id]
    finally:
        follower.stop()


def test_an_index_ahead_of_the_database_is_rebuilt(app, other_server):
    """A database restored from a backup is at an older version than the indexes that followed
    it: what they hold above it may be changes the restored database never had."""
    service = create_service(name="Knit and Natter")
    follow(other_server)
    with other_server.app_context():
        before = search_index().generation
    # As a restore of a backup taken before the service was logged leaves it.
    db.session.execute(update(DirectoryState).values(version=0))
    db.session.execute(delete(SearchChange))
    db.session.commit()
    with other_server.app_context():
        assert search_lag() is None
    follow(other_server)
    with other_server.app_context():
        assert search_index().generation != before
        assert search_index().applied_version() == 0
        assert search_lag() == 0
    assert found(other_server, "natter") == [service.id]
