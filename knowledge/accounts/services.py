"""Signing in and out, changing passwords, creating and managing accounts."""

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app, session
from flask_login import login_user, logout_user
from sqlalchemy import case, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from knowledge.accounts.hashing import (
    hash_password,
    needs_rehash,
    spend_hashing_time,
    verify_password,
    warm_up_hashing,
)
from knowledge.audit.services import record
from knowledge.clock import utc_now
from knowledge.domain.passwords import password_problems
from knowledge.extensions import db, login_manager
from knowledge.models import Role, SignInThrottle, User
from knowledge.models.base import new_id

SIGN_IN_REFUSED = "Enter a correct email address and password."
IDLE_SIGN_OUT = "You have been signed out after 30 minutes of inactivity."
EXPIRED_SIGN_OUT = "You have been signed out because you signed in more than 12 hours ago."


def init_sign_in(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)
    with app.app_context():
        # Made now, so the first unknown-email sign-in takes no longer than later ones.
        warm_up_hashing()


def load_user(session_id: str) -> User | None:
    user_id, _, token = session_id.partition(".")
    user = db.session.get(User, user_id)
    if user is None or not user.enabled or user.session_token != token:
        return None
    return user


def normalise_email(email: str) -> str:
    return email.strip().lower()


def shows_staff_details(user) -> bool:
    """Staff-only details (internal notes, "do not refer") for staff and helpline roles, and
    not before a forced password change is done."""
    return (
        user.is_authenticated
        and not user.must_change_password
        and user.has_any_role(Role.STAFF, Role.HELPLINE)
    )


@dataclass(frozen=True)
class SignInOutcome:
    user: User | None = None
    locked: bool = False


def sign_in(email: str, password: str) -> SignInOutcome:
    """Check the email and password and, if right, start a fresh session.

    An unknown email, a disabled account and a wrong password get the same answer after the
    same work (one argon2 check); the attempt limit applies to every address typed, account
    or not, so nobody can find out which accounts exist."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    limit = current_app.config["SIGN_IN_LOCK_AFTER_FAILURES"]
    attempts = charge_attempt(email)
    if attempts > limit:
        record("sign_in.locked_out", target=user)
        db.session.commit()
        return SignInOutcome(locked=True)
    if user is None or not user.enabled:
        spend_hashing_time(password)
        record("sign_in.failed", details={"reason": "no such enabled account"})
        db.session.commit()
        return SignInOutcome()
    if not verify_password(user.password_hash, password):
        record("sign_in.failed", target=user, details={"reason": "wrong password"})
        if attempts == limit:
            record("account.locked", target=user)
        db.session.commit()
        return SignInOutcome()

    clear_attempts(email)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_sign_in_at = utc_now()
    record("sign_in.succeeded", actor=user)
    db.session.commit()
    # A new session: nothing from before sign-in (or from a previous person) carries over.
    session.clear()
    login_user(user)
    session["signed_in_at"] = utc_now().timestamp()
    mark_active()
    return SignInOutcome(user=user)


def charge_attempt(email: str) -> int:
    """Count an attempt against this address before checking anything; returns the attempts
    in the current window, this one included. One UPDATE, so parallel requests each count."""
    key = _email_key(email)
    now = utc_now()
    window_start = now - timedelta(minutes=current_app.config["SIGN_IN_LOCK_MINUTES"])
    _insert_if_missing(key, now)
    expired = SignInThrottle.window_started_at < window_start
    attempts = db.session.execute(
        update(SignInThrottle)
        .where(SignInThrottle.email_key == key)
        .values(
            attempts=case((expired, 1), else_=SignInThrottle.attempts + 1),
            window_started_at=case((expired, now), else_=SignInThrottle.window_started_at),
        )
        .returning(SignInThrottle.attempts)
    ).scalar_one()
    db.session.commit()
    return attempts


def clear_attempts(email: str) -> None:
    db.session.execute(
        update(SignInThrottle)
        .where(SignInThrottle.email_key == _email_key(email))
        .values(attempts=0)
    )


def _insert_if_missing(key: str, now) -> None:
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    db.session.execute(
        insert(SignInThrottle)
        .values(email_key=key, attempts=0, window_started_at=now)
        .on_conflict_do_nothing(index_elements=["email_key"])
    )


def _email_key(email: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, normalise_email(email).encode(), hashlib.sha256).hexdigest()


def sign_out(user: User, *, reason: str = "signed out") -> None:
    # A new token ends this session everywhere, including copies of the cookie.
    user.session_token = new_id()
    record("sign_out", actor=user, details={"reason": reason})
    db.session.commit()
    logout_user()
    session.clear()


def mark_active() -> None:
    session["last_active"] = utc_now().timestamp()


def session_expiry_message() -> str | None:
    """Why the current session must end now, or None if it may go on."""
    now = utc_now().timestamp()
    last_active, signed_in_at = session.get("last_active"), session.get("signed_in_at")
    if last_active is None or now - last_active > current_app.config["SESSION_IDLE_MINUTES"] * 60:
        return IDLE_SIGN_OUT
    if signed_in_at is None or now - signed_in_at > current_app.config["SESSION_MAX_HOURS"] * 3600:
        return EXPIRED_SIGN_OUT
    return None


def change_password(user: User, current: str, new: str) -> list[str]:
    """Problems to show (the new password's, or a wrong current one); empty when changed."""
    if charge_attempt(user.email) > current_app.config["SIGN_IN_LOCK_AFTER_FAILURES"]:
        record("password.change_refused", target=user, details={"reason": "too many attempts"})
        db.session.commit()
        return ["There have been too many wrong passwords. Wait 15 minutes and try again."]
    if not verify_password(user.password_hash, current):
        record("password.change_failed", target=user, details={"reason": "wrong password"})
        db.session.commit()
        return ["Your current password is not right"]
    clear_attempts(user.email)
    if new == current:
        db.session.commit()
        return ["Choose a new password, not the one you have now"]
    problems = new_password_problems(user, new)
    if problems:
        db.session.commit()
        return problems
    _set_password(user, new, must_change=False)
    record("password.changed", target=user)
    db.session.commit()
    # The change ended every session of this account, this one included: start a new one.
    session.clear()
    login_user(user)
    session["signed_in_at"] = utc_now().timestamp()
    mark_active()
    return []


def new_password_problems(user: User | None, password: str, email: str = "", name: str = ""):
    personal = (user.email, user.display_name) if user else (email, name)
    return password_problems(password, personal=personal)


def _set_password(user: User, password: str, *, must_change: bool) -> None:
    user.password_hash = hash_password(password)
    user.must_change_password = must_change
    user.password_changed_at = utc_now()
    user.session_token = new_id()


# Managing accounts (admin screens and `flask users …`) ----------------------------------


class AccountError(ValueError):
    pass


def check_display_name(name: str) -> None:
    """Names are shown in lists and the audit log: no control or invisible formatting
    characters (a right-to-left override can make one name look like another)."""
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise AccountError("Name must not contain control or formatting characters")


def create_account(
    email: str, display_name: str, roles: set[Role], temporary_password: str, *, is_demo=False
) -> User:
    email = normalise_email(email)
    check_display_name(display_name)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError("There is already an account with this email address")
    problems = new_password_problems(None, temporary_password, email, display_name)
    if problems:
        raise AccountError(problems[0])
    user = User(email=email, display_name=display_name.strip(), is_demo=is_demo)
    user.roles = roles
    _set_password(user, temporary_password, must_change=not is_demo)
    db.session.add(user)
    db.session.flush()
    record("account.created", target=user, details={"roles": sorted(r.value for r in roles)})
    db.session.commit()
    return user


def _keep_an_administrator(user: User, *, loses_admin: bool) -> None:
    if not loses_admin or Role.ADMIN not in user.roles:
        return
    if current_user_is(user):
        raise AccountError("You cannot remove your own administrator access")
    others = [u for u in all_accounts() if u.id != user.id and u.enabled and Role.ADMIN in u.roles]
    if not others:
        raise AccountError("There must always be at least one enabled administrator")


def current_user_is(user: User) -> bool:
    from flask import has_request_context
    from flask_login import current_user

    return has_request_context() and current_user.is_authenticated and current_user.id == user.id


def change_roles(user: User, roles: set[Role]) -> None:
    _keep_an_administrator(user, loses_admin=Role.ADMIN not in roles)
    before = sorted(r.value for r in user.roles)
    user.roles = roles
    record(
        "account.roles_changed",
        target=user,
        details={"from": before, "to": sorted(r.value for r in roles)},
    )
    db.session.commit()


def set_enabled(user: User, enabled: bool) -> None:
    if not enabled:
        if current_user_is(user):
            raise AccountError("You cannot disable your own account")
        _keep_an_administrator(user, loses_admin=True)
    user.enabled = enabled
    if not enabled:
        user.session_token = new_id()  # signs them out everywhere
    record("account.enabled" if enabled else "account.disabled", target=user)
    db.session.commit()


def reset_password(user: User, temporary_password: str) -> None:
    problems = new_password_problems(user, temporary_password)
    if problems:
        raise AccountError(problems[0])
    _set_password(user, temporary_password, must_change=True)
    record("account.password_reset", target=user)
    db.session.commit()


def find_account(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def all_accounts() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.email)))


def demo_accounts_exist() -> bool:
    """Enabled demo accounts: disabling one (flask users disable) makes it harmless."""
    query = select(User.id).where(User.is_demo.is_(True), User.enabled.is_(True)).limit(1)
    return db.session.scalar(query) is not None
