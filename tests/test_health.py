"""GET /health: what the load balancer asks every few seconds, and what it is told when this
server cannot serve people. Broken databases here are real: a folder that does not exist, a
PostgreSQL port nothing listens on."""

from datetime import UTC, timedelta

import pytest

from knowledge import create_app, health
from knowledge.config import TestConfig
from knowledge.directory.indexing import prune_search_changes, search_index
from tests.conftest import FIXED_NOW
from tests.factories import create_service
from tests.postgres import free_port


def app_on(database_url: str, folder, rebuild_index: bool = True):
    app = create_app(
        TestConfig,
        instance_path=str(folder / "instance"),
        SQLALCHEMY_DATABASE_URI=database_url,
        SEARCH_INDEX_PATH=str(folder / "index"),
    )
    if rebuild_index:
        with app.app_context():
            search_index().rebuild([])
    return app


def test_healthy(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "checks": {"database": "ok", "search_index": "ok", "search_follows": "ok"},
        "search_changes_waiting": 0,
    }


def test_never_cached_and_sets_no_cookie(client):
    response = client.get("/health")
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_says_nothing_about_the_software(client):
    """No versions or names for an attacker to look up: only the checks and their verdicts."""
    body = client.get("/health").get_data(as_text=True).lower()
    for word in ("flask", "werkzeug", "python", "sqlite", "postgres", "whoosh", "version"):
        assert word not in body


@pytest.mark.parametrize(
    "broken_url",
    [
        "sqlite:////nonexistent-folder/for-health-test/knowledge.sqlite",
        f"postgresql+psycopg://knowledge@127.0.0.1:{free_port()}/knowledge?connect_timeout=3",
    ],
    ids=["sqlite-missing-folder", "postgresql-closed-port"],
)
def test_unreachable_database_is_unavailable(tmp_path, broken_url):
    response = app_on(broken_url, tmp_path).test_client().get("/health")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "unavailable",
        "checks": {"database": "unreachable", "search_index": "ok", "search_follows": "unknown"},
        "reason": "database: unreachable; search_follows: unknown",
    }
    assert response.headers["Cache-Control"] == "no-store"
    # Nothing from the error itself: it could name hosts and accounts.
    assert "127.0.0.1" not in response.get_data(as_text=True)


def test_an_index_never_built_is_unavailable(tmp_path):
    """A new server whose `flask search rebuild` has not run would find nothing for anyone."""
    app = app_on(f"sqlite:///{tmp_path / 'knowledge.sqlite'}", tmp_path, rebuild_index=False)
    response = app.test_client().get("/health")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {
        "database": "ok",
        "search_index": "needs rebuild",
        "search_follows": "rebuilding",
    }
    reason = "search_index: needs rebuild; search_follows: rebuilding"
    assert response.get_json()["reason"] == reason


def test_a_change_waiting_a_little_is_healthy_but_counted(app, client, monkeypatch):
    create_service(name="Knit and Natter")
    search_index().rebuild([])  # holds version 0: the change above is not applied
    monkeypatch.setitem(app.config, "NOW", lambda: FIXED_NOW + timedelta(seconds=5))
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json()["search_changes_waiting"] == 1


def test_a_follower_that_is_stuck_is_unavailable(app, client, monkeypatch):
    """A change committed through another server a while ago is still not findable here."""
    create_service(name="Knit and Natter")
    search_index().rebuild([])
    stale = app.config["SEARCH_STALE_SECONDS"] + 1
    monkeypatch.setitem(app.config, "NOW", lambda: FIXED_NOW + timedelta(seconds=stale))
    response = client.get("/health")
    assert response.status_code == 503
    assert response.get_json()["reason"] == "search_follows: behind the database"
    assert response.get_json()["search_changes_waiting"] == 1


def test_an_index_behind_the_pruned_change_log_is_unavailable(app, client):
    create_service(name="Knit and Natter")
    search_index().rebuild([])
    prune_search_changes(older_than=FIXED_NOW.replace(tzinfo=UTC) + timedelta(days=1))
    response = client.get("/health")
    assert response.status_code == 503
    assert response.get_json()["reason"] == "search_follows: rebuilding"


def test_a_new_check_takes_part(client, monkeypatch):
    monkeypatch.setitem(health.CHECKS, "search_index_lag", lambda: "too far behind")
    response = client.get("/health")
    assert response.status_code == 503
    assert response.get_json()["reason"] == "search_index_lag: too far behind"


def test_open_to_anyone_and_not_rate_limited(client):
    """No sign-in, and a balancer checking often from one address is never refused."""
    statuses = {client.get("/health").status_code for _ in range(300)}
    assert statuses == {200}
