"""Deny by default: every route says who may use it, or nobody can.

    @bp.get("/")
    @public
    def home(): ...

    @bp.get("/reports")
    @roles_required(Role.COMMISSIONER, Role.HELPLINE, Role.ADMIN)
    def reports(): ...

A route with no declaration answers 403 to everyone, and tests/test_access.py fails.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, abort, flash, redirect, request, url_for
from flask_login import current_user

from knowledge.models import Role

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Access:
    public: bool = False
    # Empty (and not public): anyone signed in.
    roles: frozenset[Role] = frozenset()

    def allows(self, user) -> bool:
        if self.public:
            return True
        if not user.is_authenticated:
            return False
        return not self.roles or user.has_any_role(*self.roles)


PUBLIC = Access(public=True)
SIGNED_IN = Access()


def public(view: Callable) -> Callable:
    view.access = PUBLIC
    return view


def signed_in(view: Callable) -> Callable:
    view.access = SIGNED_IN
    return view


def roles_required(*roles: Role) -> Callable[[Callable], Callable]:
    def declare(view: Callable) -> Callable:
        view.access = Access(roles=frozenset(roles))
        return view

    return declare


# Pages a person who must change their password can still reach.
PASSWORD_CHANGE_ENDPOINTS = frozenset({"accounts.change_password", "accounts.sign_out"})


def access_for(app: Flask, endpoint: str) -> Access | None:
    declared = app.extensions["access"].get(endpoint)
    if declared is not None:
        return declared
    return getattr(app.view_functions.get(endpoint), "access", None)


def init_access(app: Flask) -> None:
    # Endpoints Flask makes itself, declared by name.
    app.extensions["access"] = {"static": PUBLIC}
    app.before_request(_enforce)


def _enforce():
    endpoint = request.endpoint
    if endpoint is None:  # no route matched: the 404 handler answers
        return None
    from flask import current_app

    access = access_for(current_app, endpoint)
    if access is None:
        log.error("route %s declares no access rule: refused", endpoint)
        abort(403)
    if access.public:
        return None
    if not current_user.is_authenticated:
        flash("Sign in to see that page.")
        return redirect(url_for("accounts.sign_in", next=request.full_path.rstrip("?")))
    if current_user.must_change_password and endpoint not in PASSWORD_CHANGE_ENDPOINTS:
        return redirect(url_for("accounts.change_password"))
    if not access.allows(current_user):
        abort(403)
    return None
