"""flask users create / disable / reset-password, and demo accounts."""

import pytest
from sqlalchemy import select

from knowledge import create_app
from knowledge.config import ProductionConfig
from knowledge.extensions import db
from knowledge.models import Role, User


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def test_create_disable_and_reset(app):
    result = run(
        app,
        "users",
        "create",
        "--email",
        "Jo@Example.org",
        "--name",
        "Jo Bloggs",
        "--role",
        "staff",
        "--role",
        "helpline",
        input="kettle lantern harbour\nkettle lantern harbour\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "jo@example.org"))
    assert user.roles == {Role.STAFF, Role.HELPLINE} and user.must_change_password

    result = run(
        app,
        "users",
        "create",
        "--email",
        "x@example.org",
        "--name",
        "X",
        "--role",
        "staff",
        "--password",
        "password1234",
    )
    assert result.exit_code != 0 and "too easy to guess" in result.output
    assert (
        run(
            app,
            "users",
            "create",
            "--email",
            "x@example.org",
            "--name",
            "X",
            "--role",
            "wizard",
            "--password",
            "a b c d e f g",
        ).exit_code
        != 0
    )

    assert run(app, "users", "disable", "jo@example.org").exit_code == 0
    db.session.expire_all()
    assert not user.enabled
    token = user.session_token
    result = run(
        app, "users", "reset-password", "jo@example.org", "--password", "harbour kettle lantern"
    )
    assert result.exit_code == 0
    db.session.expire_all()
    assert user.session_token != token and user.must_change_password
    assert run(app, "users", "disable", "nobody@example.org").exit_code != 0


def test_demo_seed_creates_one_account_per_role(app):
    result = run(app, "seed", "demo")
    assert "Demo accounts: 4 added" in result.output
    users = db.session.scalars(select(User)).all()
    assert sorted(r.value for u in users for r in u.roles) == [
        "admin",
        "commissioner",
        "helpline",
        "staff",
    ]
    assert all(u.is_demo and not u.must_change_password for u in users)
    assert "Demo accounts: 0 added, 4 already present" in run(app, "seed", "demo").output


def test_production_refuses_demo_data_and_demo_accounts(app, tmp_path):
    run(app, "seed", "demo")

    class Production(ProductionConfig):
        SECRET_KEY = "a-real-secret-for-this-test-only-0123456789"
        PSEUDONYM_KEY = "a-real-pseudonym-key-for-this-test-0123456789"
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
        SEARCH_INDEX_PATH = str(tmp_path / "index")

    with pytest.raises(RuntimeError, match="demo accounts exist"):
        create_app(Production, instance_path=str(tmp_path))
