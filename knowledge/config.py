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
    WTF_CSRF_TIME_LIMIT = (
        None  # tied to the session instead: a form left open in a clinic still posts.
    )


class ProductionConfig(Config):
    pass


class DevelopmentConfig(Config):
    SECRET_KEY = os.environ.get("SECRET_KEY", "development-only-not-a-secret")
    SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", default=False)


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-only-not-a-secret"
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
