"""The "it does not identify anyone" override (knowledge/personal_details.py), through the real
forms: the tick counts only for the exact text that was warned about, and every override is
audited by form and field name, never by the text."""

import pytest
from sqlalchemy import select

from knowledge.extensions import db
from knowledge.models import AuditEvent, HelplineQuery, OtherNeedsEntry, Role
from tests.conftest import form_fields, parse
from tests.helpline.test_queries import ASK, area, term

WARNED = "Mrs Patel wants company in the evenings"
ALSO_WARNED = "Ring her on 07700 900123 about company"


@pytest.fixture
def staff(login_as):
    return login_as(Role.STAFF)


def ask_page(client):
    return parse(client.get("/helpline/ask")).select_one("form[method=post][novalidate]")


def ask_data(form, **changes) -> dict:
    fields = {"need_term": term("befriending").id, "area": area("melton").id, **ASK, **changes}
    return form_fields(form, **fields)


def queries() -> list[HelplineQuery]:
    db.session.expire_all()
    return list(db.session.scalars(select(HelplineQuery)))


def overrides() -> list[AuditEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "personal_details.confirmed")
            .order_by(AuditEvent.id)
        )
    )


def warned_form(client, question: str = WARNED):
    """Send identifying text once: the page that comes back, with the warning and the box."""
    response = client.post("/helpline/ask", data=ask_data(ask_page(client), question=question))
    page = parse(response)
    assert "This looks like it holds" in page.select_one(".nhsuk-error-summary").text
    assert page.select_one("input[name=not_identifying]") is not None
    return page.select_one("form[method=post][novalidate]")


def test_a_tick_sent_without_a_warning_is_ignored(client, staff):
    data = ask_data(ask_page(client), question=WARNED, not_identifying="y")
    response = client.post("/helpline/ask", data=data)
    assert response.status_code == 200
    page = parse(response)
    assert "a name (Mr, Mrs, Ms …)" in page.select_one(".nhsuk-error-summary").text
    # The box comes back unticked: the person must look at the warning and tick it themselves.
    assert not page.select_one("input[name=not_identifying]").has_attr("checked")
    assert queries() == []


def test_a_tick_counts_only_for_the_text_that_was_warned_about(client, staff):
    form = warned_form(client)
    # Changed after the warning, to other identifying text, with the box ticked.
    data = form_fields(form, question=ALSO_WARNED, not_identifying="y")
    response = client.post("/helpline/ask", data=data)
    assert "a phone number" in parse(response).select_one(".nhsuk-error-summary").text
    assert queries() == []
    # A digest made up by the sender counts for nothing either.
    data = form_fields(form, not_identifying="y", warned_digest="0" * 64)
    assert client.post("/helpline/ask", data=data).status_code == 200
    assert queries() == []

    # The text warned about, sent back as browsers do (CRLF line endings), with the tick: saved.
    form = warned_form(client, "Mrs Patel\nwants company")
    data = form_fields(form, question="Mrs Patel\r\nwants company", not_identifying="y")
    assert client.post("/helpline/ask", data=data).status_code == 302
    [query] = queries()
    assert query.question == "Mrs Patel\r\nwants company"


def test_every_override_is_audited_by_form_and_field_never_the_text(client, staff):
    form = warned_form(client)
    client.post("/helpline/ask", data=form_fields(form, not_identifying="y"))
    [query] = queries()
    [event] = overrides()
    assert (event.target_type, event.target_id) == ("HelplineQuery", query.id)
    assert event.details == {"form": "AskForm", "fields": ["question"]}
    assert event.actor_id == staff.id
    assert "Patel" not in str(event.details)


def test_an_other_needs_entry_needs_the_same_text_confirmed(client, staff):
    from tests.careplan.test_careplan import ENTRY_FIELDS, find, term_id
    from tests.conftest import form_data as page_data

    find(client)
    page = parse(client.get("/other-needs/new"))
    fields = {**ENTRY_FIELDS, "need_term_id": term_id("debt-advice"), "description": WARNED}
    page = parse(client.post("/other-needs/new", data=page_data(page, **fields)))
    box = page.select_one("input[type=checkbox][name*=identif]")
    assert box is not None
    # Ticked, but for text changed since the warning: warned again, nothing saved.
    changed = page_data(page, description=ALSO_WARNED, **{box["name"]: "y"})
    page = parse(client.post("/other-needs/new", data=changed))
    assert "a phone number" in page.select_one(".nhsuk-error-summary").text
    assert db.session.scalars(select(OtherNeedsEntry)).all() == []

    response = client.post("/other-needs/new", data=page_data(page, **{box["name"]: "y"}))
    assert response.status_code == 302
    entry = db.session.scalars(select(OtherNeedsEntry)).one()
    assert entry.description == ALSO_WARNED
    [event] = overrides()
    assert (event.target_id, event.details) == (
        entry.id,
        {"form": "EntryForm", "fields": ["description"]},
    )
