"""Deciding a need again: the same decision twice changes nothing, and a changed decision takes
the need off its unmet need, closing one that nothing else stands behind, so the register, the
dashboard and the reports count only real gaps."""

import pytest
from sqlalchemy import select

from knowledge.extensions import db
from knowledge.helpline import unmet
from knowledge.helpline.dashboard import helpline_dashboard
from knowledge.models import (
    AuditEvent,
    NeedOutcome,
    QueryNeed,
    Service,
    UnmetNeed,
    UnmetReason,
    UnmetState,
)
from tests.conftest import parse
from tests.factories import create_organisation, create_service
from tests.helpline.test_queries import (
    ask,
    audit,
    choose_service,
    errors,
    officer,  # noqa: F401  (fixture)
    post_form,
    staff,  # noqa: F401  (fixture)
    take,
    term,
    the_query,
)

UNMET = {"unmet-reason": "no-service", "unmet-description": "Gujarati befriending in Melton"}


@pytest.fixture
def query(client, staff, officer):  # noqa: F811
    ask(client)
    query = the_query()
    take(officer, query)
    return the_query()


def need_url(query) -> str:
    return f"/helpline/queries/{query.id}/needs/{query.needs[0].id}"


def mark_unmet(officer, query, **changes):  # noqa: F811
    url = need_url(query)
    return post_form(officer, url, f"{url}/unmet", **{**UNMET, **changes})


def unmet_needs() -> list[UnmetNeed]:
    db.session.expire_all()
    return list(db.session.scalars(select(UnmetNeed).order_by(UnmetNeed.created_at)))


def the_need(query) -> QueryNeed:
    return the_query(query.reference).needs[0]


def test_sending_unmet_twice_records_one_unmet_need(officer, query):  # noqa: F811
    url = need_url(query)
    page_data = {**UNMET}
    first = post_form(officer, url, f"{url}/unmet", **page_data)
    assert first.status_code == 302
    # The same form again, as a double click or the back button sends it.
    second = post_form(officer, url, f"{url}/unmet", **{**page_data, "unmet-join": ""})
    assert second.status_code == 302
    [recorded] = unmet_needs()
    assert the_need(query).unmet_need_id == recorded.id
    assert [e.target_id for e in audit("unmet_need.created")] == [recorded.id]
    assert len(audit("helpline_query.need_decided")) == 1
    # The need's page offers the unmet need it is in, chosen.
    page = parse(officer.get(url))
    assert page.select_one(f"input[name=unmet-join][value='{recorded.id}']").has_attr("checked")


def test_changing_unmet_to_met_closes_the_unmet_need_it_alone_made(officer, query):  # noqa: F811
    mark_unmet(officer, query)
    [recorded] = unmet_needs()
    assert helpline_dashboard().unmet_this_month == 1
    service = create_service(name="Melton Befrienders", areas=("melton",))
    choose_service(officer, the_query(query.reference), service)

    need = the_need(query)
    assert (need.outcome, need.service_id, need.unmet_need_id) == (
        NeedOutcome.MET_EXISTING,
        service.id,
        None,
    )
    [recorded] = unmet_needs()
    assert (recorded.state, recorded.closed_reason) == (UnmetState.CLOSED, unmet.RECORDED_IN_ERROR)
    [closed] = audit("unmet_need.closed")
    assert closed.target_id == recorded.id
    assert closed.details == {"reason": "recorded in error", "query_need": need.id}
    assert helpline_dashboard().unmet_this_month == 0
    assert unmet.register(unmet.RegisterFilter()) == []


def test_an_unmet_need_others_stand_behind_stays_open(client, officer, query):  # noqa: F811
    mark_unmet(officer, query)
    [recorded] = unmet_needs()
    ask(client)
    other = the_query()
    take(officer, other)
    mark_unmet(officer, other, **{"unmet-join": recorded.id})

    service = create_service(name="Melton Befrienders", areas=("melton",))
    choose_service(officer, the_query(query.reference), service)
    [recorded] = unmet_needs()
    assert recorded.state is UnmetState.OPEN
    assert [n.query_id for n in recorded.query_needs] == [other.id]


def test_an_unmet_need_logged_directly_or_reported_is_never_closed_as_an_error(
    officer,  # noqa: F811
    query,
):
    logged = unmet.log_unmet_need(
        unmet.UnmetDetails(
            need_term=term("befriending"),
            reason=UnmetReason.NO_SERVICE,
            description="Evening befriending in Melton",
            area=query.area,
            age_band=None,
            specialty=None,
        ),
        officer.user,
    )
    mark_unmet(officer, query, **{"unmet-join": logged.id})
    assert the_need(query).unmet_need_id == logged.id
    # Sending "record a new unmet need" again is the same decision: nothing changes.
    again = post_form(
        officer,
        need_url(query),
        f"{need_url(query)}/unmet",
        **{**UNMET, "unmet-join": ""},
    )
    assert again.status_code == 302
    assert the_need(query).unmet_need_id == logged.id
    assert len(unmet_needs()) == 1

    # Met after all: the need leaves it, and it stays open, as it was logged before any query
    # joined it.
    service = create_service(name="Melton Befrienders", areas=("melton",))
    choose_service(officer, the_query(query.reference), service)
    db.session.refresh(logged)
    assert (logged.state, logged.query_needs) == (UnmetState.OPEN, [])

    # Reported to commissioners: the record stands, whatever the query decides later.
    mark_unmet(officer, the_query(query.reference), **{"unmet-join": ""})
    reported = db.session.get(UnmetNeed, the_need(query).unmet_need_id)
    assert reported.id != logged.id
    unmet.mark_reported(reported, None, officer.user)
    choose_service(officer, the_query(query.reference), service)
    db.session.refresh(reported)
    assert (reported.state, the_need(query).unmet_need_id) == (UnmetState.REPORTED, None)


def test_sending_a_new_entry_twice_makes_one_draft(officer, query):  # noqa: F811
    organisation = create_organisation(name="Melton Voluntary Action")
    db.session.commit()
    url = need_url(query)
    fields = {"draft-name": "Gujarati Evening Friends", "draft-organisation_id": organisation.id}
    first = post_form(officer, url, f"{url}/new-entry", **fields)
    second = post_form(officer, url, f"{url}/new-entry", **fields)
    [draft] = db.session.scalars(select(Service)).all()
    assert first.headers["Location"] == second.headers["Location"]
    assert second.headers["Location"] == f"/curate/services/{draft.id}"
    assert the_need(query).service_id == draft.id
    assert len(audit("helpline_query.need_decided")) == 1


def test_a_draft_replacing_unmet_closes_the_unmet_need(officer, query):  # noqa: F811
    mark_unmet(officer, query)
    organisation = create_organisation(name="Melton Voluntary Action")
    db.session.commit()
    url = need_url(query)
    fields = {"draft-name": "Gujarati Evening Friends", "draft-organisation_id": organisation.id}
    post_form(officer, url, f"{url}/new-entry", **fields)
    [recorded] = unmet_needs()
    assert recorded.state is UnmetState.CLOSED
    assert (the_need(query).outcome, the_need(query).unmet_need_id) == (NeedOutcome.MET_NEW, None)


def test_choosing_the_same_entry_twice_is_one_decision(officer, query):  # noqa: F811
    service = create_service(name="Melton Befrienders", areas=("melton",))
    choose_service(officer, query, service)
    choose_service(officer, the_query(query.reference), service)
    assert len(audit("helpline_query.need_decided")) == 1


def test_changing_a_decided_needs_term_clears_its_outcome(officer, query):  # noqa: F811
    mark_unmet(officer, query)
    url = need_url(query)
    # The words alone may change: the decision stands.
    post_form(officer, f"{url}/edit", description="Befriending, evenings")
    assert the_need(query).outcome is NeedOutcome.UNMET

    response = post_form(officer, f"{url}/edit", need_term=term("debt-advice").id)
    assert response.status_code == 302
    need = the_need(query)
    assert need.need_term.code == "debt-advice"
    assert (need.outcome, need.unmet_need_id, need.decided_at) == (None, None, None)
    [recorded] = unmet_needs()
    assert (recorded.state, recorded.closed_reason) == (UnmetState.CLOSED, unmet.RECORDED_IN_ERROR)
    edited = audit("helpline_query.need_edited")[-1]
    assert edited.details == {"need": need.id, "outcome_cleared": "unmet"}


def test_a_tampered_outcome_is_refused_not_a_server_error(officer, query):  # noqa: F811
    service = create_service(name="Melton Befrienders", areas=("melton",))
    url = need_url(query)
    response = post_form(
        officer, url, f"{url}/met", **{"met-outcome": "bogus", "met-service_id": service.id}
    )
    assert response.status_code == 200
    assert "Choose met or partly met" in errors(parse(response))
    assert the_need(query).outcome is None


def test_audit_rows_name_records_never_words(officer, query):  # noqa: F811
    mark_unmet(officer, query)
    service = create_service(name="Melton Befrienders", areas=("melton",))
    choose_service(officer, the_query(query.reference), service)
    logged = " ".join(str(e.details) for e in db.session.scalars(select(AuditEvent)))
    assert "Gujarati" not in logged
