"""Deny by default: every route in the app, for anonymous visitors and for each role.

A new route without an access declaration fails here; so does one that lets the wrong role in.
"""

import pytest
from werkzeug.routing import IntegerConverter, Rule

from knowledge.access import access_for
from knowledge.commands import SEED_FOLDER
from knowledge.directory import seeding
from knowledge.directory.indexing import search_index
from knowledge.extensions import db
from knowledge.models import Role
from tests.conftest import PASSWORDS, create_user, make_app, sign_in

DUMMY_VALUES = {"filename": "js/app.js"}
PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000"
# Who holds each test client's account; None is a visitor who has not signed in.
PEOPLE: list[tuple[Role, ...] | None] = [None, *[(r,) for r in Role], (Role.STAFF, Role.ADMIN)]


@pytest.fixture(scope="module")
def matrix_app(tmp_path_factory):
    # CSRF off so POST routes reach the access check (CSRF is tested on its own elsewhere).
    app = make_app(tmp_path_factory.mktemp("matrix"), WTF_CSRF_ENABLED=False)
    with app.app_context():
        db.create_all()
        seeding.load_reference_data(SEED_FOLDER)
        search_index().rebuild([])
        clients = {}
        for roles in PEOPLE:
            client = app.test_client()
            if roles is not None:
                user = create_user(
                    *roles, email=f"{'-'.join(r.value for r in roles)}@matrix.example.org"
                )
                assert sign_in(client, user.email, PASSWORDS[roles[0]]).status_code == 302
            clients[roles] = client
        db.session.remove()
    return app, clients


def all_rules(app) -> list[Rule]:
    # Signing out last: it ends the session the other requests rely on.
    return sorted(
        app.url_map.iter_rules(), key=lambda r: (r.endpoint == "accounts.sign_out", r.rule)
    )


def url_for_rule(rule: Rule) -> str:
    values = {
        arg: 1
        if isinstance(rule._converters.get(arg), IntegerConverter)
        else DUMMY_VALUES.get(arg, PLACEHOLDER_ID)
        for arg in rule.arguments
    }
    return rule.build(values, append_unknown=False)[1]


def test_every_route_declares_who_may_use_it(matrix_app):
    app, _ = matrix_app
    undeclared = [r.endpoint for r in all_rules(app) if access_for(app, r.endpoint) is None]
    assert undeclared == []


def test_there_are_routes_of_every_kind(matrix_app):
    """Guard against a matrix that passes because it checks nothing."""
    app, _ = matrix_app
    accesses = [access_for(app, r.endpoint) for r in all_rules(app)]
    assert any(a.public for a in accesses)
    assert any(not a.public and not a.roles for a in accesses)
    assert any(a.roles == {Role.ADMIN} for a in accesses)
    assert len(accesses) >= 20


def test_role_matrix(matrix_app):
    app, clients = matrix_app
    failures = []
    for rule in all_rules(app):
        access = access_for(app, rule.endpoint)
        method = "GET" if "GET" in rule.methods else "POST"
        url = url_for_rule(rule)
        for roles, client in clients.items():
            response = client.open(url, method=method)
            response.close()
            signed_in = roles is not None
            allowed = access.public or (
                signed_in and (not access.roles or bool(access.roles & set(roles)))
            )
            location = response.headers.get("Location", "")
            # The access check sends visitors to sign in with ?next=; signing out lands on a
            # plain /sign-in, which is the route working, not a refusal.
            sent_to_sign_in = response.status_code == 302 and location.startswith("/sign-in?next=")
            if allowed:
                ok = response.status_code != 403 and not sent_to_sign_in
            elif not signed_in:
                ok = sent_to_sign_in
            else:
                ok = response.status_code == 403
            if not ok:
                failures.append((method, url, roles, response.status_code, location))
    assert failures == []
