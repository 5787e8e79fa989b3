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
    # hide_parameters: a database error's message (logged) leaves out the values of its query,
    # which may be search words, names or email addresses.
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict] = {"pool_pre_ping": True, "hide_parameters": True}
    SEARCH_INDEX_PATH: str | None = os.environ.get("SEARCH_INDEX_PATH")
    # Each process's search index follows the database's change log this often (seconds), so a
    # change committed through another server is findable here within about this long.
    SEARCH_FOLLOW_SECONDS = float(os.environ.get("SEARCH_FOLLOW_SECONDS", "1"))
    # /health answers 503 while a committed change has waited longer than this for this server's
    # index: its follower is stuck, and people searching here would miss the change.
    SEARCH_STALE_SECONDS = int(os.environ.get("SEARCH_STALE_SECONDS", "60"))
    # Log rows older than this are cleared; an index further behind is rebuilt, not caught up.
    SEARCH_CHANGE_LOG_DAYS = int(os.environ.get("SEARCH_CHANGE_LOG_DAYS", "7"))
    # Extra synonyms the Community Knowledge Officer maintains, merged over the shipped list.
    SEARCH_SYNONYMS_PATH: str | None = os.environ.get("SEARCH_SYNONYMS_PATH")
    TIMEZONE = "Europe/London"
    RESULTS_PER_PAGE = 20
    # Keep whole results pages for visitors who are not signed in, for the minute they hold
    # true (knowledge/directory/page_cache.py; figures in docs/performance.md).
    RESULTS_PAGE_CACHE = _flag("RESULTS_PAGE_CACHE", default=False)
    SHORTLIST_LIMIT = 30
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", default=True)
    # Tied to the session instead of a clock: a form left open in a clinic still posts.
    WTF_CSRF_TIME_LIMIT = None
    # The largest request: a CSV import (10 MB, knowledge/curation/importing.py) and its form.
    # Anything bigger is refused before it is read.
    MAX_CONTENT_LENGTH = 11 * 1024 * 1024

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

    # Email (knowledge/mail.py): "outbox" writes .eml files into MAIL_OUTBOX_PATH (default
    # instance/outbox); "smtp" sends through MAIL_SERVER, the production default.
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "outbox")
    MAIL_OUTBOX_PATH: str | None = os.environ.get("MAIL_OUTBOX_PATH")
    MAIL_SERVER: str | None = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    # STARTTLS before anything else is said; a server that does not offer it gets nothing.
    MAIL_USE_TLS = _flag("MAIL_USE_TLS", default=True)
    # A PEM file of the authority that signed the relay's certificate, if it is not one the
    # system trusts (a relay inside the trust's network); unset: the system's authorities.
    MAIL_CA_FILE: str | None = os.environ.get("MAIL_CA_FILE")
    MAIL_USERNAME: str | None = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD: str | None = os.environ.get("MAIL_PASSWORD")
    MAIL_SENDER: str | None = os.environ.get("MAIL_SENDER")
    MAIL_TIMEOUT_SECONDS = 20
    # The Community Knowledge Service's own mailbox: replies to providers' emails go there.
    HELPLINE_EMAIL: str | None = os.environ.get("HELPLINE_EMAIL")
    # Where providers and other directories reach the site, e.g. https://knowledge.example.nhs.uk:
    # links in emails (the officer may be using an internal address) and the open API's own
    # addresses (knowledge/urls.py). Unset: the address of the request, Host header and all;
    # set it in production, where a publicly cached API answer must not repeat a forged Host.
    PUBLIC_BASE_URL: str | None = os.environ.get("PUBLIC_BASE_URL")
    # How long a provider's one-time "update your entry" link works.
    UPDATE_REQUEST_DAYS = int(os.environ.get("UPDATE_REQUEST_DAYS", "28"))
    # Answers to update requests from one client address. Higher than for public reports: one
    # organisation (one office address) may answer for several services, and fix mistakes.
    PROVIDER_UPDATE_LIMIT_PER_ADDRESS = "30 per hour"
    # The open ORUK API (/api/oruk/): requests from one client address, and the largest page.
    ORUK_RATE_LIMIT = os.environ.get("ORUK_RATE_LIMIT", "600 per minute")
    ORUK_MAX_PER_PAGE = int(os.environ.get("ORUK_MAX_PER_PAGE", "200"))
    # Keys the pseudonyms of NHS numbers and local record numbers (knowledge/domain/pseudonyms.py).
    # Separate from SECRET_KEY, which can be rotated; this one cannot without orphaning every
    # care-plan entry, so back it up with the database backups' key, not with the database.
    PSEUDONYM_KEY: str | None = os.environ.get("PSEUDONYM_KEY")
    # Logs (knowledge/logs.py) go to stderr: "json", one object a line, or "text" for a person.
    LOG_FORMAT: str | None = os.environ.get("LOG_FORMAT", "json")
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()


class ProductionConfig(Config):
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")


DEVELOPMENT_SECRET_KEY = "development-only-not-a-secret"
DEVELOPMENT_PSEUDONYM_KEY = "development-only-pseudonym-key-not-a-secret"


class DevelopmentConfig(Config):
    SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", default=False)
    DEMO_DATA_ALLOWED = True
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "Community Knowledge <knowledge@example.org>")
    HELPLINE_EMAIL = os.environ.get("HELPLINE_EMAIL", "community-knowledge@example.org")
    PSEUDONYM_KEY = os.environ.get("PSEUDONYM_KEY", DEVELOPMENT_PSEUDONYM_KEY)
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")


class TestConfig(Config):
    TESTING = True
    # Whatever the environment says: the tests of the cache turn it on in their own app.
    RESULTS_PAGE_CACHE = False
    # No background thread: tests catch up on commit, or call the follower themselves.
    SEARCH_FOLLOW_SECONDS = 0.0
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
    # Never a real mail server from the tests, whatever the environment says.
    MAIL_BACKEND = "outbox"
    MAIL_OUTBOX_PATH = None
    MAIL_SENDER = "Community Knowledge <knowledge@example.org>"
    HELPLINE_EMAIL = "community-knowledge@example.org"
    PUBLIC_BASE_URL = None
    UPDATE_REQUEST_DAYS = 28
    PSEUDONYM_KEY = "test-only-pseudonym-key-not-a-secret-0123"
    # The API tests read every demo service in turn; the rate-limit test sets its own limit.
    ORUK_RATE_LIMIT = "100000 per minute"
    ORUK_MAX_PER_PAGE = 200
    # pytest captures log records itself; tests/test_logs.py installs the handler on purpose.
    LOG_FORMAT = None


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
