"""Configuration, read from the environment.

`create_app()` picks a class by KNOWLEDGE_ENV (production unless told otherwise, so a
forgotten variable fails closed). Paths left as None are resolved inside the instance folder.
"""

import os
from typing import ClassVar


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if value.strip().lower() in ("0", "false", "no", "off"):
        return False
    raise RuntimeError(f"{name}={value!r}: expected true or false")


class Config:
    SECRET_KEY: str | None = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI: str | None = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict] = {"pool_pre_ping": True}
    SEARCH_INDEX_PATH: str | None = os.environ.get("SEARCH_INDEX_PATH")
    # Extra synonyms the Community Knowledge Officer maintains, merged over the shipped list.
    SEARCH_SYNONYMS_PATH: str | None = os.environ.get("SEARCH_SYNONYMS_PATH")
    TIMEZONE = "Europe/London"
    RESULTS_PER_PAGE = 20
    SHORTLIST_LIMIT = 30
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", default=True)
    # Tied to the session instead of a clock: a form left open in a clinic still posts.
    WTF_CSRF_TIME_LIMIT = None

    # Shared NHS computers: sign a person out after this long without a request.
    SESSION_IDLE_MINUTES = 30
    SIGN_IN_LOCK_AFTER_FAILURES = 5
    SIGN_IN_LOCK_MINUTES = 15
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # No X-RateLimit-* headers: they would say more than the page does.
    RATELIMIT_HEADERS_ENABLED = False
    SIGN_IN_LIMIT_PER_ADDRESS = os.environ.get(
        "SIGN_IN_LIMIT_PER_ADDRESS", "30 per minute; 300 per hour"
    )
    # Reports and suggestions from one client address (no third-party CAPTCHA; a honeypot too).
    SUGGESTION_LIMIT_PER_ADDRESS = "5 per hour"
    # However active, a session ends this long after sign-in.
    SESSION_MAX_HOURS = 12
    # argon2id at RFC 9106's second recommended setting: 64 MiB, 3 passes.
    PASSWORD_HASH_TIME_COST = 3
    PASSWORD_HASH_MEMORY_KIB = 65536
    PASSWORD_HASH_PARALLELISM = 4
    # How many reverse proxies in front of the app to trust for X-Forwarded-For/-Proto/-Host.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    # Demo data and its accounts (with published passwords): never in production.
    DEMO_DATA_ALLOWED = False


class ProductionConfig(Config):
    pass


DEVELOPMENT_SECRET_KEY = "development-only-not-a-secret"


class DevelopmentConfig(Config):
    SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", default=False)
    DEMO_DATA_ALLOWED = True


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-only-not-a-secret"
    RATELIMIT_STORAGE_URI = "memory://"
    DEMO_DATA_ALLOWED = True
    # Cheap hashing keeps the suite fast; production's cost is tested in test_hashing.
    PASSWORD_HASH_TIME_COST = 1
    PASSWORD_HASH_MEMORY_KIB = 1024
    PASSWORD_HASH_PARALLELISM = 1
    SESSION_COOKIE_SECURE = False
    # The test fixtures set these to a temporary directory.
    SQLALCHEMY_DATABASE_URI = None
    SEARCH_INDEX_PATH = None
    SEARCH_SYNONYMS_PATH = None


CONFIGS: dict[str, type[Config]] = {
    "production": ProductionConfig,
    "development": DevelopmentConfig,
    "test": TestConfig,
}


def config_from_environment() -> type[Config]:
    name = os.environ.get("KNOWLEDGE_ENV", "production")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(
            f"KNOWLEDGE_ENV={name!r} is not one of {', '.join(sorted(CONFIGS))}"
        ) from None
