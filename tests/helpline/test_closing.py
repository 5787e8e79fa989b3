"""Closing a query without an answer: a duplicate, withdrawn, or answered some other way. No
outcome is invented for its needs; the reason is kept in a note and the audit log, and the
query is told apart from an answered one by having no answered_at."""

import pytest
from sqlalchemy import select

from knowledge.extensions import db
from knowledge.helpline import queries
from knowledge.models import HelplineQuery, QueryState
from tests.conftest import parse
from tests.helpline.test_queries import (
    ask,
    audit,
    errors,
    flashed,
    officer,  # noqa: F401  (fixture)
    post_form,
    query_url,
    staff,  # noqa: F401  (fixture)
    take,
    the_query,
)


def close_unanswered(officer, query, **fields):  # noqa: F811
    action = f"/helpline/queries/{query.id}/close-without-answer"
    return post_form(officer, query_url(query), action, **fields)


@pytest.mark.parametrize("taken", [False, True], ids=["new", "in progress"])
def test_a_query_closes_without_an_answer_and_without_outcomes(client, staff, officer, taken):  # noqa: F811
    ask(client)
    query = the_query()
    if taken:
        take(officer, query)
    response = close_unanswered(officer, query, **{"close-reason": "duplicate"})
    assert response.status_code == 302
    assert "Closed without an answer" in flashed(parse(officer.get(response.headers["Location"])))

    query = the_query()
    assert query.state is QueryState.CLOSED
    assert query.closed_at is not None and query.answered_at is None
    assert query.answer is None
    assert [need.outcome for need in query.needs] == [None]
    assert queries.closed_without_answer(query)
    [note] = query.notes
    assert note.text == "Closed without an answer: a duplicate of another query."
    [event] = audit("helpline_query.closed_without_answer")
    before = "in-progress" if taken else "new"
    assert event.details == {"from": before, "reason": "duplicate", "note": note.id}

    # Told apart from answered queries, on the helpline's pages and the asker's.
    page = parse(officer.get(query_url(query)))
    assert "Closed without an answer" in page.select_one("main").text
    assert page.select_one('form[action$="/close-without-answer"]') is None
    mine = parse(client.get(f"/helpline/my-questions/{query.id}"))
    assert "closed your question without an answer" in mine.text
    assert mine.select_one("h2") is None or mine.select_one("h2").text != "The answer"


def test_a_reason_is_needed_and_other_needs_saying_what(client, staff, officer):  # noqa: F811
    ask(client)
    query = the_query()
    response = close_unanswered(officer, query)
    assert "Choose why it is closing without an answer" in errors(parse(response))
    response = close_unanswered(officer, query, **{"close-reason": "other"})
    assert "Say why it is closing" in errors(parse(response))
    response = close_unanswered(
        officer, query, **{"close-reason": "other", "close-detail": "Mrs Shah moved away"}
    )
    assert "a name" in errors(parse(response))
    assert the_query().state is QueryState.NEW

    close_unanswered(
        officer,
        query,
        **{"close-reason": "other", "close-detail": "The team found a group themselves"},
    )
    query = the_query()
    assert query.state is QueryState.CLOSED
    assert [n.text for n in query.notes] == [
        "Closed without an answer: other. The team found a group themselves"
    ]


def test_only_a_new_or_in_progress_query_closes_this_way(client, staff, officer):  # noqa: F811
    from tests.factories import create_service
    from tests.helpline.test_queries import answer, choose_service

    service = create_service(name="Melton Befrienders", areas=("melton",))
    ask(client)
    query = the_query()
    take(officer, query)
    choose_service(officer, query, service)
    answer(officer, the_query())
    page = parse(officer.get(query_url(query)))
    assert page.select_one('form[action$="/close-without-answer"]') is None
    response = officer.post(
        f"/helpline/queries/{query.id}/close-without-answer",
        data={
            "csrf_token": page.select_one("input[name=csrf_token]")["value"],
            "close-reason": "withdrawn",
        },
    )
    assert (
        "only a new query or one in progress"
        in flashed(parse(officer.get(response.headers["Location"]))).lower()
    )
    query = the_query()
    assert (query.state, query.answered_at is not None) == (QueryState.ANSWERED, True)


def test_reports_can_tell_them_apart(client, staff, officer):  # noqa: F811
    ask(client)
    first = the_query()
    close_unanswered(officer, first, **{"close-reason": "withdrawn"})
    closed_unanswered = db.session.scalars(
        select(HelplineQuery).where(
            HelplineQuery.state == QueryState.CLOSED, HelplineQuery.answered_at.is_(None)
        )
    ).all()
    assert [q.id for q in closed_unanswered] == [first.id]
