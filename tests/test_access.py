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

# Who may use each endpoint, written out here, independently of the routes' own declarations:
# a declaration changed by mistake fails the matrix. A new route must be added here.
PUBLIC, ANYONE_SIGNED_IN = "public", "signed in"
ADMIN, HELPLINE = frozenset({Role.ADMIN}), frozenset({Role.HELPLINE})
EXPECTED: dict[str, object] = {
    "static": PUBLIC,
    "directory.home": PUBLIC,
    "directory.search": PUBLIC,
    "directory.service": PUBLIC,
    "directory.crisis_cafes": PUBLIC,
    "pages.accessibility": PUBLIC,
    "pages.privacy": PUBLIC,
    "shortlist.show": PUBLIC,
    "shortlist.shared": PUBLIC,
    "shortlist.add": PUBLIC,
    "shortlist.remove": PUBLIC,
    "shortlist.save_shared": PUBLIC,
    "shortlist.clear": PUBLIC,
    "accounts.sign_in": PUBLIC,
    "suggestions.report_problem": PUBLIC,
    "suggestions.suggest_service": PUBLIC,
    "suggestions.thanks": PUBLIC,
    "provider.update_entry": PUBLIC,
    "provider.thanks": PUBLIC,
    # For the load balancer (issue 9): no sign-in, nothing personal.
    "health.health": PUBLIC,
    # The open Open Referral UK API (issue 7): read-only, for anyone.
    **{
        f"oruk.{name}": PUBLIC
        for name in (
            "meta",
            "openapi",
            "services",
            "service",
            "service_at_locations",
            "service_at_location",
            "taxonomies",
            "taxonomy",
            "taxonomy_terms",
            "taxonomy_term",
        )
    },
    "accounts.sign_out": ANYONE_SIGNED_IN,
    "accounts.home": ANYONE_SIGNED_IN,
    "accounts.change_password": ANYONE_SIGNED_IN,
    **{
        f"admin.{name}": ADMIN
        for name in (
            "users",
            "new_user",
            "user",
            "change_roles",
            "disable_user",
            "enable_user",
            "reset_password",
            "audit",
        )
    },
    **{
        f"curation.{name}": HELPLINE
        for name in (
            "dashboard",
            "service_list",
            "review_queue",
            "new_service",
            "edit_service",
            "preview_service",
            "publish_service",
            "archive_service",
            "draft_service",
            "mark_checked",
            "history",
            "restore",
            "suggestions",
            "close_suggestion",
            "opening_times",
            "export_csv",
            "phones",
            "unanswered_searches",
            "request_updates",
            "update_request_list",
            "update_request",
            "approve_update",
            "reject_update",
            "duplicate_list",
            "dismiss_duplicates",
            "merge_services",
            "similar_services",
            "import_upload",
            "import_report",
            "import_apply",
            "import_cancel",
            "feed_upload",
            "feed_report",
            "feed_apply",
            "feed_cancel",
            "organisation_list",
            "new_organisation",
            "edit_organisation",
            "places",
            "new_place",
            "edit_place",
            "link_place",
            "unlink_place",
            "contacts",
            "term_list",
            "edit_term",
            "new_term",
        )
    },
    # The unmet-needs register and the helpline dashboard (issue 5).
    **{
        f"helpline.{name}": HELPLINE
        for name in (
            "dashboard",
            "unmet_register",
            "new_unmet",
            "unmet_need",
            "report_unmet",
            "address_unmet",
            "close_unmet",
        )
    },
    # Helpline queries (issue 5): staff and helpline workers ask; the helpline handles them.
    **{
        f"helpline.{name}": frozenset({Role.STAFF, Role.HELPLINE})
        for name in ("ask", "my_questions", "my_question", "add_answer_to_entry")
    },
    **{
        f"helpline.{name}": HELPLINE
        for name in (
            "queue",
            "overdue_follow_ups",
            "new_query",
            "query",
            "assign_query",
            "move_query",
            "answer_query",
            "close_without_answer",
            "add_minutes",
            "add_note",
            "set_follow_up",
            "new_need",
            "edit_need",
            "need",
            "need_met",
            "need_draft_entry",
            "need_unmet",
            "add_connector",
            "remove_connector",
        )
    },
    # Care-plan other-needs entries (issue 5): staff, and helpline workers, who are staff too.
    **{
        f"careplan.{name}": frozenset({Role.STAFF, Role.HELPLINE})
        for name in (
            "find_person",
            "finish_person",
            "person_entries",
            "new_entry",
            "entry",
            "edit_entry",
            "change_outcome",
            "remove_offer",
            "add_service",
            "choose_entry",
            "summary",
            "handout",
        )
    },
    # "Who can help in my area?" (issue 10): anyone; staff see the staff-only roles too.
    "connectors.find": PUBLIC,
    # Printed guides for community venues (issue 10), and the short link they carry.
    "guides.guide": PUBLIC,
    "guides.short_link": PUBLIC,
    # The officer records connector roles (issue 10).
    **{
        f"connectors.{name}": HELPLINE
        for name in (
            "role_list",
            "new_role",
            "edit_role",
            "set_publication",
            "mark_checked",
            "role_history",
        )
    },
    # Commissioner reports (issue 6): commissioners, and the helpline and admins.
    **{
        f"reports.{name}": frozenset({Role.COMMISSIONER, Role.HELPLINE, Role.ADMIN})
        for name in (
            "dashboard",
            "download_csv",
            "download_xlsx",
            "print_report",
            "quarterly_csv",
            "quarterly_xlsx",
        )
    },
}
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


def test_every_route_is_in_the_expected_table(matrix_app):
    app, _ = matrix_app
    assert {r.endpoint for r in all_rules(app)} == set(EXPECTED)


def test_declarations_match_the_expected_table(matrix_app):
    app, _ = matrix_app
    for endpoint, expected in EXPECTED.items():
        access = access_for(app, endpoint)
        if expected == PUBLIC:
            assert access.public, endpoint
        elif expected == ANYONE_SIGNED_IN:
            assert not access.public and not access.roles, endpoint
        else:
            assert not access.public and access.roles == expected, endpoint


def test_there_are_routes_of_every_kind(matrix_app):
    """Guard against a matrix that passes because it checks nothing."""
    app, _ = matrix_app
    accesses = [access_for(app, r.endpoint) for r in all_rules(app)]
    assert any(a.public for a in accesses)
    assert any(not a.public and not a.roles for a in accesses)
    assert any(a.roles == {Role.ADMIN} for a in accesses)
    assert len(accesses) >= 20


@pytest.mark.sqlite_only(
    reason="about each route's declared access, the same on any database; 18 s a run"
)
def test_role_matrix(matrix_app):
    app, clients = matrix_app
    failures = []
    for rule in all_rules(app):
        expected = EXPECTED[rule.endpoint]
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        url = url_for_rule(rule)
        for (roles, client), method in ((c, m) for c in clients.items() for m in methods):
            response = client.open(url, method=method)
            response.close()
            signed_in = roles is not None
            allowed = expected == PUBLIC or (
                signed_in and (expected == ANYONE_SIGNED_IN or bool(expected & set(roles)))
            )
            location = response.headers.get("Location", "")
            # The access check sends visitors to sign in with ?next=; signing out lands on a
            # plain /sign-in, which is the route working, not a refusal.
            sent_to_sign_in = response.status_code == 302 and location.startswith("/sign-in?next=")
            if allowed:
                ok = response.status_code not in (401, 403) and response.status_code < 500
                ok = ok and not sent_to_sign_in
            elif not signed_in:
                ok = sent_to_sign_in
            else:
                ok = response.status_code == 403
            if not ok:
                failures.append((method, url, roles, response.status_code, location))
    assert failures == []


def test_someone_who_must_change_their_password_can_do_nothing_else(matrix_app):
    app, _ = matrix_app
    with app.app_context():
        user = create_user(Role.STAFF, Role.HELPLINE, Role.ADMIN, email="must@matrix.example.org")
        user.must_change_password = True
        db.session.commit()
        client = app.test_client()
        assert sign_in(client, user.email, PASSWORDS[Role.STAFF]).status_code == 302
        db.session.remove()
    for rule in all_rules(app):
        if EXPECTED[rule.endpoint] == PUBLIC or rule.endpoint in (
            "accounts.change_password",
            "accounts.sign_out",
        ):
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url_for_rule(rule), method=method)
        assert response.headers.get("Location") == "/account/password", rule.endpoint


def test_every_post_needs_a_csrf_token(app):
    """With CSRF on (the real configuration), a POST without a token changes nothing."""
    from knowledge.models import AuditEvent

    client = app.test_client()
    user = create_user(Role.STAFF, Role.HELPLINE, Role.ADMIN, email="all@example.org")
    assert sign_in(client, user.email, PASSWORDS[Role.STAFF]).status_code == 302
    before = db.session.query(AuditEvent).count()
    posts = [r for r in all_rules(app) if "POST" in r.methods]
    assert len(posts) >= 15
    for rule in posts:
        response = client.post(url_for_rule(rule), data={"email": user.email, "password": "x"})
        assert response.status_code == 302, rule.endpoint
        assert client.get("/").status_code == 200
    assert db.session.query(AuditEvent).count() == before
