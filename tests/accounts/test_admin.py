"""Admin screens: accounts and the audit log."""

from sqlalchemy import select

from knowledge.extensions import db
from knowledge.models import AuditEvent, Role, User
from tests.conftest import csrf_token, parse


def errors(page) -> str:
    summary = page.select_one(".nhsuk-error-summary")
    return " ".join(summary.text.split()) if summary else ""


def new_account_form(client, **fields):
    page = parse(client.get("/admin/users/new"))
    data = {
        "csrf_token": csrf_token(page),
        "email": "jo.bloggs@example.org",
        "display_name": "Jo Bloggs",
        "roles": ["staff"],
        "temporary_password": "tuesday lantern kettle",
        **fields,
    }
    return client.post("/admin/users/new", data=data)


def test_admin_creates_an_account_that_must_change_its_password(client, login_as):
    login_as(Role.ADMIN)
    response = new_account_form(client, roles=["staff", "helpline"])
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "jo.bloggs@example.org"))
    assert user.roles == {Role.STAFF, Role.HELPLINE} and user.must_change_password
    listing = parse(client.get("/admin/users")).select_one("table").text
    assert "jo.bloggs@example.org" in listing and "Must change password" in listing
    [event] = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "account.created", AuditEvent.target_id == user.id
        )
    )
    assert event.details == {"roles": ["helpline", "staff"]}
    assert "tuesday" not in str(event.details)


def test_bad_input_is_explained_and_kept(client, login_as):
    login_as(Role.ADMIN)
    page = parse(
        new_account_form(client, email="not an email", roles=[], temporary_password="short")
    )
    assert "Enter an email address in the right format" in errors(page)
    assert "Choose at least one role" in errors(page)
    assert page.select_one("#email")["value"] == "not an email"
    assert page.select_one("#display_name")["value"] == "Jo Bloggs"
    assert page.select_one("#temporary_password").get("value", "") == ""
    page = parse(new_account_form(client, temporary_password="password1234"))
    assert "too easy to guess" in errors(page)
    new_account_form(client)
    page = parse(new_account_form(client, email="JO.BLOGGS@example.org"))
    assert "already an account with this email address" in errors(page)


def test_html_and_unicode_in_names_come_back_escaped(client, login_as):
    login_as(Role.ADMIN)
    name = "<script>alert('x')</script> Zoë Ñandú 李"
    new_account_form(client, display_name=name)
    html = client.get("/admin/users").get_data(as_text=True)
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;" in html and "Zoë Ñandú 李" in html
    page = parse(new_account_form(client, email="x@example.org", display_name="n" * 5000))
    assert "200 characters or fewer" in errors(page)


def test_change_roles_disable_enable_and_reset(client, login_as, app):
    login_as(Role.ADMIN)
    new_account_form(client)
    user = db.session.scalar(select(User).where(User.email == "jo.bloggs@example.org"))
    page = parse(client.get(f"/admin/users/{user.id}"))
    token = csrf_token(page)
    client.post(
        f"/admin/users/{user.id}/roles", data={"csrf_token": token, "roles": ["commissioner"]}
    )
    response = client.post(f"/admin/users/{user.id}/roles", data={"csrf_token": token})
    assert response.status_code == 400 and "Choose at least one role" in errors(parse(response))
    client.post(f"/admin/users/{user.id}/disable", data={"csrf_token": token})
    db.session.expire_all()
    assert user.roles == {Role.COMMISSIONER} and not user.enabled
    client.post(f"/admin/users/{user.id}/enable", data={"csrf_token": token})
    response = client.post(
        f"/admin/users/{user.id}/reset-password",
        data={"csrf_token": token, "temporary_password": "qwertyuiopas"},
    )
    assert "too easy to guess" in errors(parse(response))
    client.post(
        f"/admin/users/{user.id}/reset-password",
        data={"csrf_token": token, "temporary_password": "wednesday harbour bell"},
    )
    actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    for action in (
        "account.roles_changed",
        "account.disabled",
        "account.enabled",
        "account.password_reset",
    ):
        assert action in actions


def test_audit_log_filters(client, login_as):
    admin = login_as(Role.ADMIN)
    new_account_form(client)
    page = parse(client.get("/admin/audit?action=account.created"))
    rows = page.select("tbody tr")
    # The test admin's own account, then the one the admin created (newest first).
    assert len(rows) == 2 and all("account.created" in r.text for r in rows)
    assert admin.email in rows[0].text and "roles: staff" in rows[0].text
    page = parse(client.get(f"/admin/audit?actor_email={admin.email}"))
    assert {r.select("td")[2].text.split()[-1] for r in page.select("tbody tr")} == {
        "sign_in.succeeded",
        "account.created",
    }
    page = parse(client.get("/admin/audit?date_from=2099-01-01"))
    assert page.select("tbody tr") == []
    assert client.get("/admin/audit?date_from=not-a-date&page=x").status_code == 200


def test_the_audit_log_cannot_be_changed(app):
    import pytest

    from knowledge.audit.services import record
    from knowledge.models import AuditLogIsAppendOnly

    event = record("test.event")
    db.session.commit()
    event.action = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(event)
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()


def test_an_admin_cannot_lock_everyone_out(client, login_as):
    me = login_as(Role.ADMIN)
    page = parse(client.get(f"/admin/users/{me.id}"))
    token = csrf_token(page)
    response = client.post(
        f"/admin/users/{me.id}/roles", data={"csrf_token": token, "roles": ["staff"]}
    )
    assert "cannot remove your own administrator access" in errors(parse(response))
    client.post(f"/admin/users/{me.id}/disable", data={"csrf_token": token})
    db.session.expire_all()
    assert db.session.get(User, me.id).enabled and Role.ADMIN in db.session.get(User, me.id).roles
    assert client.get("/admin/users").status_code == 200


def test_the_last_admin_cannot_be_removed_from_the_command_line(app):
    from tests.conftest import create_user

    create_user(Role.ADMIN, email="only-admin@example.org")
    result = app.test_cli_runner().invoke(args=["users", "disable", "only-admin@example.org"])
    assert result.exit_code != 0 and "at least one enabled administrator" in result.output


def test_names_with_control_or_direction_characters_are_refused(client, login_as):
    login_as(Role.ADMIN)
    page = parse(new_account_form(client, display_name="Jo \u202eevil\u202c Bloggs"))
    assert "control or formatting characters" in errors(page)


def test_command_line_changes_say_who_ran_them(app):
    from tests.conftest import create_user

    create_user(Role.STAFF, email="jo@example.org")
    app.test_cli_runner().invoke(
        args=["users", "reset-password", "jo@example.org", "--password", "harbour kettle lantern"]
    )
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "account.password_reset")
    )
    assert event.actor_email.startswith("command line: ")
