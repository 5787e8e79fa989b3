"""GET /health, for the load balancer: can this app server answer searches right now?

200 when the database answers and the search index is open; 503 otherwise, with the failing
check named, so the balancer stops sending people to a server that would fail them. Open to
anyone and never cached. It says nothing a visitor could not already see: no versions, no
host names, no error text (that goes to the log).
"""

import logging
from collections.abc import Callable

from flask import Blueprint, Response, current_app, g, jsonify
from sqlalchemy import text

from knowledge.access import public
from knowledge.clock import utc_now
from knowledge.directory.indexing import follow_state, search_index
from knowledge.extensions import db, limiter
from knowledge.logs import quiet_when_successful

log = logging.getLogger(__name__)

bp = Blueprint("health", __name__)

OK = "ok"


def check_database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # any failure to answer is "unreachable" to the balancer
        db.session.rollback()
        log.warning("health: database unreachable: %s", type(error).__name__)
        return "unreachable"
    return OK


def check_search_index() -> str:
    index = search_index()
    try:
        if index.needs_rebuild:
            return "needs rebuild"
        index.applied_version()  # reads the current generation: fails if it has gone
    except Exception as error:
        log.warning("health: search index unreadable: %s", type(error).__name__)
        return "unreadable"
    return OK


def check_search_follows() -> str:
    """Is this server's index following the database? A change committed through another
    server should be findable here within a couple of seconds (the follower's round); one
    waiting for longer than SEARCH_STALE_SECONDS means the follower is stuck or failing."""
    try:
        state = g.search_follow_state = follow_state()
    except Exception as error:  # the database check names the outage
        log.warning("health: search change log unreadable: %s", type(error).__name__)
        return "unknown"
    if state.waiting is None:
        return "rebuilding"
    if state.behind_seconds(utc_now()) > current_app.config["SEARCH_STALE_SECONDS"]:
        return "behind the database"
    return OK


# The checks, by the name the answer gives each. Each returns "ok" or a short reason (a few
# words, nothing from an exception). Add one here and the endpoint reports it.
CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "search_index": check_search_index,
    "search_follows": check_search_follows,
}


def search_index_facts() -> dict[str, int]:
    """How many committed service changes this server's index has not applied yet: an operator
    watching it climb knows the follower is behind before the balancer does."""
    state = g.get("search_follow_state")
    if state is None or state.waiting is None:
        return {}
    return {"search_changes_waiting": state.waiting}


def health_report() -> tuple[bool, dict[str, object]]:
    checks = {name: check() for name, check in CHECKS.items()}
    failing = [f"{name}: {result}" for name, result in checks.items() if result != OK]
    report: dict[str, object] = {"status": "unavailable" if failing else OK, "checks": checks}
    if failing:
        report["reason"] = "; ".join(failing)
    report.update(search_index_facts())
    return not failing, report


@bp.get("/health")
@public
@limiter.exempt
@quiet_when_successful
def health() -> Response:
    healthy, report = health_report()
    response = jsonify(report)
    response.status_code = 200 if healthy else 503
    # A cached "ok" would hide the outage the balancer asks about.
    response.headers["Cache-Control"] = "no-store"
    return response
