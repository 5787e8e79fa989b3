"""Configuration fails closed: production needs a secret, unknown environments are refused."""

import pytest

from knowledge import create_app
from knowledge.config import Config, DevelopmentConfig, config_from_environment


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    class Production(Config):
        SECRET_KEY = None

    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app(Production, instance_path=str(tmp_path))


@pytest.mark.parametrize("secret", ["short", "development-only-not-a-secret"])
def test_production_refuses_a_weak_secret_key(tmp_path, secret):
    class Production(Config):
        SECRET_KEY = secret

    with pytest.raises(RuntimeError, match="too weak"):
        create_app(Production, instance_path=str(tmp_path))


def test_production_accepts_a_strong_secret_key(tmp_path, monkeypatch):
    import secrets

    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(48))

    class Production(Config):
        SECRET_KEY = __import__("os").environ["SECRET_KEY"]
        PSEUDONYM_KEY = secrets.token_urlsafe(48)
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'p.sqlite'}"

    assert create_app(Production, instance_path=str(tmp_path)).config["SECRET_KEY"]


@pytest.mark.parametrize(
    "key",
    [
        None,
        "short",
        "development-only-pseudonym-key-not-a-secret",
        "the-same-as-the-secret-key-0123456789abcdef",
    ],
)
def test_production_refuses_a_missing_weak_or_reused_pseudonym_key(tmp_path, key):
    class Production(Config):
        SECRET_KEY = "the-same-as-the-secret-key-0123456789abcdef"
        PSEUDONYM_KEY = key

    with pytest.raises(RuntimeError, match="PSEUDONYM_KEY must be set"):
        create_app(Production, instance_path=str(tmp_path))


def test_the_default_database_and_index_live_in_the_instance_folder(tmp_path):
    app = create_app(DevelopmentConfig, instance_path=str(tmp_path))
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'knowledge.sqlite'}"
    assert app.config["SEARCH_INDEX_PATH"] == str(tmp_path / "search-index")


def test_environment_chooses_the_configuration(monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_ENV", "development")
    assert config_from_environment() is DevelopmentConfig
    monkeypatch.delenv("KNOWLEDGE_ENV")
    assert config_from_environment().__name__ == "ProductionConfig"
    monkeypatch.setenv("KNOWLEDGE_ENV", "staging")
    with pytest.raises(RuntimeError, match="staging"):
        config_from_environment()
