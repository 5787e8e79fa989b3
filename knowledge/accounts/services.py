"""Signing in and out, changing passwords, creating and managing accounts."""

from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app, session
from flask_login import login_user, logout_user
from sqlalchemy import select

from knowledge.accounts.hashing import (
    hash_password,
    needs_rehash,
    spend_hashing_time,
    verify_password,
)
from knowledge.audit.services import record
from knowledge.clock import utc_now
from knowledge.domain.passwords import password_problems
from knowledge.extensions import db, login_manager
from knowledge.models import Role, User
from knowledge.models.base import as_utc, new_id

SIGN_IN_REFUSED = "Enter a correct email address and password."
IDLE_SIGN_OUT = "You have been signed out after 30 minutes of inactivity."


def init_sign_in(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)


def load_user(session_id: str) -> User | None:
    user_id, _, token = session_id.partition(".")
    user = db.session.get(User, user_id)
    if user is None or not user.enabled or user.session_token != token:
        return None
    return user


def normalise_email(email: str) -> str:
    return email.strip().lower()


@dataclass(frozen=True)
class SignInOutcome:
    user: User | None = None
    locked: bool = False


def sign_in(email: str, password: str) -> SignInOutcome:
    """Check the email and password and, if right, start a fresh session.

    An unknown email, a disabled account and a wrong password get the same answer after the
    same work (one argon2 check), so nobody can find out which accounts exist."""
    config = current_app.config
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    now = utc_now()
    if user is None or not user.enabled:
        spend_hashing_time(password)
        record("sign_in.failed", details={"reason": "no such enabled account"})
        db.session.commit()
        return SignInOutcome()
    locked_until = as_utc(user.locked_until)
    if locked_until is not None and locked_until > now:
        spend_hashing_time(password)
        record("sign_in.refused", actor=user, details={"reason": "locked"})
        db.session.commit()
        return SignInOutcome(locked=True)
    if not verify_password(user.password_hash, password):
        user.failed_sign_ins += 1
        record("sign_in.failed", actor=user, details={"reason": "wrong password"})
        locked = user.failed_sign_ins >= config["SIGN_IN_LOCK_AFTER_FAILURES"]
        if locked:
            user.locked_until = now + timedelta(minutes=config["SIGN_IN_LOCK_MINUTES"])
            user.failed_sign_ins = 0
            record("account.locked", actor=user, target=user)
        db.session.commit()
        # Said only from the next attempt on, as the per-account rate limit does for an email
        # address with no account: the two must look the same.
        return SignInOutcome()

    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_sign_in_at = now
    record("sign_in.succeeded", actor=user)
    db.session.commit()
    # A new session: nothing from before sign-in (or from a previous person) carries over.
    session.clear()
    login_user(user)
    mark_active()
    return SignInOutcome(user=user)


def sign_out(user: User, *, reason: str = "signed out") -> None:
    record("sign_out", actor=user, details={"reason": reason})
    db.session.commit()
    logout_user()
    session.clear()


def mark_active() -> None:
    session["last_active"] = utc_now().timestamp()


def idle_too_long() -> bool:
    last_active = session.get("last_active")
    if last_active is None:
        return True
    idle = utc_now().timestamp() - last_active
    return idle > current_app.config["SESSION_IDLE_MINUTES"] * 60


def change_password(user: User, current: str, new: str) -> list[str]:
    """Problems to show (the new password's, or a wrong current one); empty when changed."""
    if not verify_password(user.password_hash, current):
        return ["Your current password is not right"]
    problems = new_password_problems(user, new)
    if problems:
        return problems
    _set_password(user, new, must_change=False)
    record("password.changed", target=user)
    db.session.commit()
    # The change ended every session of this account, this one included: start a new one.
    session.clear()
    login_user(user)
    mark_active()
    return []


def new_password_problems(user: User | None, password: str, email: str = "", name: str = ""):
    personal = (user.email, user.display_name) if user else (email, name)
    return password_problems(password, personal=personal)


def _set_password(user: User, password: str, *, must_change: bool) -> None:
    user.password_hash = hash_password(password)
    user.must_change_password = must_change
    user.password_changed_at = utc_now()
    user.failed_sign_ins = 0
    user.locked_until = None
    user.session_token = new_id()


# Managing accounts (admin screens and `flask users …`) ----------------------------------


class AccountError(ValueError):
    pass


def create_account(
    email: str, display_name: str, roles: set[Role], temporary_password: str, *, is_demo=False
) -> User:
    email = normalise_email(email)
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


def change_roles(user: User, roles: set[Role]) -> None:
    before = sorted(r.value for r in user.roles)
    user.roles = roles
    record(
        "account.roles_changed",
        target=user,
        details={"from": before, "to": sorted(r.value for r in roles)},
    )
    db.session.commit()


def set_enabled(user: User, enabled: bool) -> None:
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
    return db.session.scalar(select(User.id).where(User.is_demo.is_(True)).limit(1)) is not None
