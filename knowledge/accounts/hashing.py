"""Password hashing with argon2id (argon2-cffi), at the cost the configuration sets."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(
        time_cost=config["PASSWORD_HASH_TIME_COST"],
        memory_cost=config["PASSWORD_HASH_MEMORY_KIB"],
        parallelism=config["PASSWORD_HASH_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made at another cost: rehash on the next good sign-in."""
    return _hasher().check_needs_rehash(password_hash)


def spend_hashing_time(password: str) -> None:
    """Do the work of a real check, so an unknown email takes as long as a wrong password."""
    verify_password(_dummy_hash(), password)


def warm_up_hashing() -> None:
    _dummy_hash()


_DUMMY: dict[tuple, str] = {}


def _dummy_hash() -> str:
    key = (
        current_app.config["PASSWORD_HASH_TIME_COST"],
        current_app.config["PASSWORD_HASH_MEMORY_KIB"],
        current_app.config["PASSWORD_HASH_PARALLELISM"],
    )
    if key not in _DUMMY:
        _DUMMY[key] = hash_password("not a real password, only here to spend time")
    return _DUMMY[key]
