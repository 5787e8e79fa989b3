"""Helpline queries: staff ask, the helpline handles and answers, the asker reads the answer and
adds the services to the person's other-needs entry."""

import re
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy

import pytest
from sqlalchemy import event, select

from knowledge.directory.indexing import search_index
from knowledge.domain.pseudonyms import person_pseudonym
from knowledge.extensions import db
from knowledge.helpline import queries
from knowledge.models import (
    AgeBand,
    Area,
    AuditEvent,
    HelplineQuery,
    NeedOutcome,
    OtherNeedsEntry,
    PublicationState,
    QueryChannel,
    QueryNote,
    QueryState,
    Role,
    Service,
    ServiceOffer,
    Specialty,
    SupportLevel,
    TaxonomyTerm,
    UnmetNeed,
    UnmetReason,
    UnmetState,
)
from knowledge.search import SearchQuery
from tests.conftest import (
    FIXED_NOW,
    PASSWORDS,
    create_user,
    csrf_token,
    form_fields,
    parse,
    sign_in,
)
from tests.factories import create_organisation, create_service

NHS_NUMBER = "9434765919"
OTHER_NHS_NUMBER = "4010232137"
QUESTION = "A befriending group for an older man who speaks Gujarati, evenings if possible"


# Helpers -----------------------------------------------------------------------------------


def post_form(client, url: str, action: str | None = None, **changes):
    """Open `url`, fill in the form that posts to `action` (or the page's own form) and send."""
    page = parse(client.get(url))
    selector = (
        f'form[method=post][action="{action}"]' if action else "form[method=post][novalidate]"
    )
    form = page.select_one(selector)
    assert form is not None, f"no form {selector} on {url}"
    return client.post(action or url, data=form_fields(form, **changes))


def errors(page) -> str:
    return " ".join(" ".join(s.text.split()) for s in page.select(".nhsuk-error-summary"))


def flashed(page) -> str:
    return " ".join(" ".join(p.text.split()) for p in page.select(".ck-flash p"))


def term(code: str) -> TaxonomyTerm:
    return db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.code == code)).one()


def area(code: str) -> Area:
    return db.session.scalars(select(Area).where(Area.code == code)).one()


def found(text: str) -> list[str]:
    return [h.id for h in search_index().search(SearchQuery(text=text), FIXED_NOW).hits]


def audit(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
    )


def the_query(reference: str | None = None) -> HelplineQuery:
    db.session.expire_all()
    statement = select(HelplineQuery).order_by(HelplineQuery.reference.desc())
    if reference:
        statement = statement.where(HelplineQuery.reference == reference)
    return db.session.scalars(statement).first()


ASK = {
    "question": QUESTION,
    "caller_team": "Melton community mental health team",
    "caller_specialty": "mhsop",
    "age_band": "65-plus",
    "urgency": "this-week",
}


def ask(client, url: str = "/helpline/ask", **changes):
    fields = {"need_term": term("befriending").id, "area": area("melton").id, **ASK, **changes}
    return post_form(client, url, **fields)


def query_url(query: HelplineQuery) -> str:
    return f"/helpline/queries/{query.id}"


def take(client, query: HelplineQuery):
    return post_form(client, query_url(query), f"/helpline/queries/{query.id}/assign")


def choose_service(client, query: HelplineQuery, service: Service, **changes):
    need = query.needs[0]
    url = f"/helpline/queries/{query.id}/needs/{need.id}"
    return post_form(client, url, f"{url}/met", **{"met-service_id": service.id, **changes})


def answer(client, query: HelplineQuery, text: str = "Try the Melton befriending scheme."):
    return post_form(
        client, query_url(query), f"/helpline/queries/{query.id}/answer", **{"answer-answer": text}
    )


def emails(folder) -> list:
    return [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(folder.glob("*.eml"))
    ]


# Fixtures ----------------------------------------------------------------------------------


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):
    folder = tmp_path / "outbox"
    monkeypatch.setitem(app.config, "MAIL_OUTBOX_PATH", str(folder))
    return folder


@pytest.fixture
def staff(app, client):
    """A member of staff, signed in on `client`."""
    user = create_user(Role.STAFF, email="nurse@example.org", display_name="Sam Nurse")
    assert sign_in(client, user.email, PASSWORDS[Role.STAFF]).status_code == 302
    return user


@pytest.fixture
def officer(app):
    """The Community Knowledge Officer, signed in on a client of their own."""
    user = create_user(Role.HELPLINE, email="cko@example.org", display_name="Kim Officer")
    browser = app.test_client()
    assert sign_in(browser, user.email, PASSWORDS[Role.HELPLINE]).status_code == 302
    browser.user = user
    return browser


def other_needs_entry(staff_user, number: str = NHS_NUMBER, **overrides) -> OtherNeedsEntry:
    from flask import current_app

    entry = OtherNeedsEntry(
        **{
            "person_pseudonym": person_pseudonym(number, current_app.config["PSEUDONYM_KEY"]),
            "need_term": term("befriending"),
            "description": "Lonely since moving to sheltered housing",
            "support_level": SupportLevel.NEEDING_HELP,
            "team": "Melton community mental health team",
            "specialty": Specialty.MHSOP,
            "age_band": AgeBand.AGE_65_PLUS,
            "area": area("melton-mowbray"),
            "created_by": staff_user,
            **overrides,
        }
    )
    db.session.add(entry)
    db.session.commit()
    return entry


def choose_person(client, number: str = NHS_NUMBER) -> None:
    """Type the person's number in the care plan, as staff do before opening their entries."""
    page = parse(client.get("/other-needs"))
    response = client.post(
        "/other-needs",
        data={"csrf_token": csrf_token(page), "kind": "nhs", "nhs_number": number},
    )
    assert response.status_code == 302


# The whole path ----------------------------------------------------------------------------


def test_staff_ask_the_helpline_answers_and_the_services_go_into_the_entry(
    client, staff, officer, outbox
):
    befriending = create_service(name="Melton Befrienders", areas=("melton",))
    entry = other_needs_entry(staff)
    choose_person(client)

    # From the entry's page, the question is linked to it and filled in from it.
    page = parse(client.get(f"/helpline/ask?entry={entry.id}"))
    assert page.select_one("#entry")["value"] == entry.id
    assert page.select_one("#area option[selected]")["value"] == entry.area_id
    response = ask(client, f"/helpline/ask?entry={entry.id}", area=area("melton").id)
    query = the_query()
    assert response.headers["Location"] == f"/helpline/my-questions/{query.id}"
    assert query.reference == "Q-2026-0001"
    assert query.channel is QueryChannel.APP
    assert query.state is QueryState.NEW
    assert query.other_needs_entry_id == entry.id
    assert query.person_pseudonym == entry.person_pseudonym
    assert [(n.need_term.code, n.description) for n in query.needs] == [("befriending", QUESTION)]
    mine = parse(client.get("/helpline/my-questions"))
    assert "Q-2026-0001" in mine.select_one("table").text
    assert "New" in mine.select_one("table").text

    # The officer sees it in the queue, takes it, finds a service and answers.
    queue = parse(officer.get("/helpline/queries"))
    assert "Q-2026-0001" in queue.select_one("table").text
    assert "Nobody yet" in queue.select_one("table").text
    take(officer, query)
    query = the_query()
    assert (query.handler_id, query.state) == (officer.user.id, QueryState.IN_PROGRESS)

    need_page = parse(officer.get(f"/helpline/queries/{query.id}/needs/{query.needs[0].id}"))
    # Before anything is typed: the need's published services in the query's district.
    assert [i["value"] for i in need_page.select("input[name=met-service_id]")] == [befriending.id]
    choose_service(officer, query, befriending)
    query = the_query()
    assert (query.needs[0].outcome, query.needs[0].service_id) == (
        NeedOutcome.MET_EXISTING,
        befriending.id,
    )
    answered = answer(officer, query)
    assert "emailed them a link" in flashed(parse(officer.get(answered.headers["Location"])))
    query = the_query()
    assert query.state is QueryState.ANSWERED
    assert query.answered_at is not None

    # The asker reads the answer with a link to the service, and adds it to the entry.
    page = parse(client.get(f"/helpline/my-questions/{query.id}"))
    assert "Try the Melton befriending scheme." in page.text
    assert page.select_one(f'a[href="/services/{befriending.id}"]').text == "Melton Befrienders"
    response = post_form(
        client,
        f"/helpline/my-questions/{query.id}",
        f"/helpline/my-questions/{query.id}/add-to-entry",
    )
    assert "Added 1 service to the other-needs entry." in flashed(
        parse(client.get(response.headers["Location"]))
    )
    offers = db.session.scalars(select(ServiceOffer).where(ServiceOffer.entry_id == entry.id))
    assert [o.service_id for o in offers] == [befriending.id]
    # Once more changes nothing.
    post_form(
        client,
        f"/helpline/my-questions/{query.id}",
        f"/helpline/my-questions/{query.id}/add-to-entry",
    )
    assert db.session.query(ServiceOffer).count() == 1

    # Closing it ends the work; every step is in the audit log.
    post_form(officer, query_url(query), f"/helpline/queries/{query.id}/state", to="closed")
    assert the_query().state is QueryState.CLOSED
    actions = [
        e.action
        for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.target_id == query.id).order_by(AuditEvent.id)
        )
    ]
    assert actions == [
        "helpline_query.asked",
        "helpline_query.assigned",
        "helpline_query.need_decided",
        "helpline_query.moved",
        "helpline_query.asker_emailed",
        "helpline_query.moved",
    ]


def test_the_asker_is_emailed_a_link_and_nothing_else(client, staff, officer, outbox):
    service = create_service(name="Melton Befrienders", areas=("melton",))
    ask(client)
    query = the_query()
    take(officer, query)
    choose_service(officer, query, service)
    answer(officer, query, "Melton Befrienders, Tuesdays at the library")
    [message] = emails(outbox)
    assert message["To"] == "nurse@example.org"
    body = message.get_content()
    link = re.search(r"http://localhost(/\S+)", body).group(1)
    assert link == f"/helpline/my-questions/{query.id}"
    # Apart from the link (a random id), nothing of the question, the need or the answer.
    words = body.replace(link, "") + message["Subject"]
    for detail in ("Gujarati", "befriend", "Melton", "Tuesday", query.reference, "65", "older"):
        assert detail.lower() not in words.lower()
    # The link is behind the sign-in: the asker's own browser opens it.
    assert client.get(link).status_code == 200


def test_the_answer_is_kept_when_the_mail_server_is_down(app, client, staff, officer, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", 9)  # discard: nothing listens there
    service = create_service(name="Melton Befrienders", areas=("melton",))
    ask(client)
    query = the_query()
    take(officer, query)
    choose_service(officer, query, service)
    response = answer(officer, query)
    assert "no email was sent" in flashed(parse(officer.get(response.headers["Location"])))
    assert the_query().state is QueryState.ANSWERED
    assert audit("helpline_query.asker_emailed") == []


def test_a_staff_member_cannot_see_another_staff_members_question(app, client, staff, officer):
    ask(client)
    query = the_query()
    colleague = create_user(Role.STAFF, email="colleague@example.org")
    other = app.test_client()
    sign_in(other, colleague.email, PASSWORDS[Role.STAFF])
    assert other.get(f"/helpline/my-questions/{query.id}").status_code == 404
    page = parse(other.get("/helpline/my-questions"))
    assert query.reference not in page.text
    token = csrf_token(parse(other.get("/helpline/ask")))
    response = other.post(
        f"/helpline/my-questions/{query.id}/add-to-entry", data={"csrf_token": token}
    )
    assert response.status_code == 404
    # Nor the helpline's pages: those are for the helpline.
    assert other.get(query_url(query)).status_code == 403


# Linking to an other-needs entry -------------------------------------------------------------


def test_an_entry_is_linked_only_if_its_person_is_chosen_in_this_session(client, staff):
    mine = other_needs_entry(staff)
    someone_else = other_needs_entry(staff, number=OTHER_NHS_NUMBER)
    choose_person(client)

    # A changed id in the address is ignored: nothing of that entry is shown or linked.
    page = parse(client.get(f"/helpline/ask?entry={someone_else.id}"))
    assert page.select_one("#entry")["value"] == ""
    # A changed id in the form is refused, and the question is not sent with it.
    response = ask(client, f"/helpline/ask?entry={mine.id}", entry=someone_else.id)
    assert response.status_code == 200
    assert "cannot be linked" in flashed(parse(response))
    assert the_query() is None
    ask(client, f"/helpline/ask?entry={mine.id}")
    assert the_query().other_needs_entry_id == mine.id
    # Opening the form from the entry counts as viewing it, like the entry's own pages.
    viewed = audit("other_needs.viewed")
    assert [(e.target_id, e.details["shown_as"]) for e in viewed] == [
        (mine.id, "helpline question"),
        (mine.id, "helpline question"),
    ]


def test_without_the_person_chosen_the_asker_is_sent_to_type_the_number(
    app, client, staff, officer
):
    service = create_service(name="Melton Befrienders", areas=("melton",))
    entry = other_needs_entry(staff)
    choose_person(client)
    ask(client, f"/helpline/ask?entry={entry.id}")
    query = the_query()
    take(officer, query)
    choose_service(officer, query, service)
    answer(officer, query)

    later = app.test_client()  # another day: a new session, no person chosen
    sign_in(later, staff.email, PASSWORDS[Role.STAFF])
    page = parse(later.get(f"/helpline/my-questions/{query.id}"))
    assert page.select_one('form[action$="/add-to-entry"]') is None
    assert page.select_one(f'a[href="/other-needs?entry={entry.id}"]').text == (
        "enter the person’s number"
    )
    token = (
        csrf_token(page)
        if page.select_one("input[name=csrf_token]")
        else csrf_token(parse(later.get("/helpline/ask")))
    )
    response = later.post(
        f"/helpline/my-questions/{query.id}/add-to-entry", data={"csrf_token": token}
    )
    assert "no open other-needs entry" in flashed(parse(later.get(response.headers["Location"])))
    assert db.session.query(ServiceOffer).count() == 0


def test_a_question_without_an_entry_points_to_the_care_plan(client, staff, officer):
    service = create_service(name="Melton Befrienders", areas=("melton",))
    ask(client)
    query = the_query()
    take(officer, query)
    choose_service(officer, query, service)
    answer(officer, query)
    page = parse(client.get(f"/helpline/my-questions/{query.id}"))
    assert page.select_one('form[action$="/add-to-entry"]') is None
    assert page.select_one('a[href="/other-needs"]') is not None


# Handling ----------------------------------------------------------------------------------


def test_a_need_met_by_a_new_entry_starts_a_draft_that_is_not_public(client, staff, officer):
    organisation = create_organisation(name="Melton Voluntary Action")
    db.session.commit()
    ask(client)
    query = the_query()
    take(officer, query)
    need = query.needs[0]
    url = f"/helpline/queries/{query.id}/needs/{need.id}"
    page = parse(officer.get(url))
    # The name starts as the need's sub-term, for the officer to change: never the need's
    # words, which were about a person.
    assert page.select_one("#draft-name")["value"] == "Befriending"
    response = post_form(
        officer,
        url,
        f"{url}/new-entry",
        **{"draft-name": "Gujarati Evening Friends", "draft-organisation_id": organisation.id},
    )
    service = db.session.scalars(
        select(Service).where(Service.name == "Gujarati Evening Friends")
    ).one()
    assert response.headers["Location"] == f"/curate/services/{service.id}"
    assert service.publication is PublicationState.DRAFT
    assert [t.code for t in service.taxonomy_terms] == ["befriending"]
    assert [sa.area.code for sa in service.service_areas] == ["melton"]
    assert query.reference in service.staff_notes
    query = the_query()
    assert (query.needs[0].outcome, query.needs[0].service_id) == (NeedOutcome.MET_NEW, service.id)
    assert found("gujarati evening friends") == []
    assert client.get(f"/services/{service.id}").status_code == 404
    assert [e.target_id for e in audit("service.created")] == [service.id]

    # The answer waits for it: the asker is told a new entry is coming, with no link yet.
    answer(officer, query)
    page = parse(client.get(f"/helpline/my-questions/{query.id}"))
    assert "A new directory entry is being written" in page.text
    assert page.select_one(f'a[href="/services/{service.id}"]') is None
    # Once published it is a suggestion like any other.
    token = csrf_token(parse(officer.get(f"/curate/services/{service.id}")))
    officer.post(f"/curate/services/{service.id}/publish", data={"csrf_token": token})
    page = parse(client.get(f"/helpline/my-questions/{query.id}"))
    assert page.select_one(f'a[href="/services/{service.id}"]') is not None


def test_an_unmet_need_goes_to_the_register_as_a_new_one_or_joining_one(
    app, client, staff, officer
):
    ask(client)
    first = the_query()
    take(officer, first)
    url = f"/helpline/queries/{first.id}/needs/{first.needs[0].id}"
    post_form(
        officer,
        url,
        f"{url}/unmet",
        **{"unmet-reason": "no-service", "unmet-description": "Gujarati befriending in Melton"},
    )
    first = the_query(first.reference)
    unmet = db.session.scalars(select(UnmetNeed)).one()
    assert first.needs[0].outcome is NeedOutcome.UNMET
    assert first.needs[0].unmet_need_id == unmet.id
    assert (unmet.reason, unmet.state, unmet.area.code) == (
        UnmetReason.NO_SERVICE,
        UnmetState.OPEN,
        "melton",
    )
    assert (unmet.age_band, unmet.specialty) == (AgeBand.AGE_65_PLUS, Specialty.MHSOP)

    # A second query about the same gap is offered the open one, and joins it.
    ask(client, area=area("melton-mowbray").id)
    second = the_query()
    take(officer, second)
    url = f"/helpline/queries/{second.id}/needs/{second.needs[0].id}"
    page = parse(officer.get(url))
    offered = [i["value"] for i in page.select("input[name=unmet-join]")]
    assert offered == ["", unmet.id]
    post_form(
        officer,
        url,
        f"{url}/unmet",
        **{"unmet-reason": "no-service", "unmet-description": "Same gap", "unmet-join": unmet.id},
    )
    assert db.session.query(UnmetNeed).count() == 1
    assert the_query(second.reference).needs[0].unmet_need_id == unmet.id
    # An id that was not offered is refused.
    ask(client)
    third = the_query()
    take(officer, third)
    url = f"/helpline/queries/{third.id}/needs/{third.needs[0].id}"
    response = post_form(
        officer,
        url,
        f"{url}/unmet",
        **{"unmet-reason": "no-service", "unmet-description": "Gap", "unmet-join": "not-an-id"},
    )
    assert response.status_code == 200
    assert "Choose one of the unmet needs listed" in errors(parse(response))
    assert the_query(third.reference).needs[0].outcome is None


def test_a_query_cannot_be_answered_until_every_need_is_decided(client, staff, officer):
    service = create_service(name="Melton Befrienders", areas=("melton",))
    ask(client)
    query = the_query()

    # New: no answer form, and one sent anyway is refused.
    page = parse(officer.get(query_url(query)))
    assert page.select_one('form[action$="/answer"]') is None
    response = officer.post(
        f"/helpline/queries/{query.id}/answer",
        data={"csrf_token": csrf_token(page), "answer-answer": "Too soon"},
    )
    assert response.status_code == 200
    assert "Only a query in progress can be answered" in errors(parse(response))

    take(officer, query)
    post_form(
        officer,
        f"/helpline/queries/{query.id}/needs/new",
        **{"need_term": term("debt-advice").id, "description": "Help with a council tax letter"},
    )
    query = the_query()
    assert [n.position for n in query.needs] == [1, 2]
    choose_service(officer, query, service)
    response = answer(officer, query)
    assert response.status_code == 200
    assert "Need 2 (Benefits and money: Debt advice) has no outcome yet" in errors(parse(response))
    assert the_query().state is QueryState.IN_PROGRESS

    # An empty answer is refused too.
    url = f"/helpline/queries/{query.id}/needs/{query.needs[1].id}"
    post_form(
        officer, url, f"{url}/met", **{"met-outcome": "partly-met", "met-note": "Only by phone"}
    )
    response = answer(officer, the_query(), "")
    assert "Write the answer" in errors(parse(response))
    answer(officer, the_query())
    assert the_query().state is QueryState.ANSWERED


def test_the_states_move_only_forwards_or_back_to_in_progress(client, staff, officer):
    ask(client)
    query = the_query()
    state_url = f"/helpline/queries/{query.id}/state"
    response = post_form(officer, query_url(query), state_url, to="closed")
    # Only the moves the state allows are offered; one sent anyway is refused.
    page = parse(officer.get(query_url(query)))
    assert [i["value"] for i in page.select("input[name=to]")] == ["in-progress"]
    token = csrf_token(page)
    response = officer.post(state_url, data={"csrf_token": token, "to": "closed"})
    assert "A query that is new cannot become closed" in flashed(
        parse(officer.get(response.headers["Location"]))
    )
    officer.post(state_url, data={"csrf_token": token, "to": "answered"})
    assert the_query().state is QueryState.NEW
    assert officer.post(state_url, data={"csrf_token": token, "to": "x"}).status_code == 400
    officer.post(state_url, data={"csrf_token": token, "to": "in-progress"})
    assert the_query().state is QueryState.IN_PROGRESS


def test_a_met_need_must_name_a_public_entry(client, staff, officer):
    draft = create_service(name="Not Yet Live", publication=PublicationState.DRAFT)
    ask(client)
    query = the_query()
    take(officer, query)
    url = f"/helpline/queries/{query.id}/needs/{query.needs[0].id}"
    for service_id in ("", draft.id, "no-such-service"):
        response = post_form(officer, url, f"{url}/met", **{"met-service_id": service_id})
        assert response.status_code == 200
        assert "Choose the directory entry that meets the need" in errors(parse(response))
    assert the_query().needs[0].outcome is None
    # Partly met needs no entry.
    post_form(officer, url, f"{url}/met", **{"met-outcome": "partly-met", "met-service_id": ""})
    assert the_query().needs[0].outcome is NeedOutcome.PARTLY_MET


def test_the_need_page_searches_the_directory_without_javascript(client, staff, officer):
    create_service(name="Melton Befrienders", areas=("melton",))
    chess = create_service(name="Coalville Chess Club", areas=("north-west-leicestershire",))
    ask(client)
    query = the_query()
    url = f"/helpline/queries/{query.id}/needs/{query.needs[0].id}"
    page = parse(officer.get(f"{url}?q=chess"))
    assert [i["value"] for i in page.select("input[name=met-service_id]")] == [chess.id]
    assert page.select_one("#q")["value"] == "chess"


def test_handlers_time_notes_and_follow_ups(client, staff, officer):
    colleague = create_user(Role.HELPLINE, email="second@example.org", display_name="Lee Second")
    ask(client)
    query = the_query()
    page_url = query_url(query)
    post_form(
        officer,
        page_url,
        f"/helpline/queries/{query.id}/assign",
        **{"assign-handler_id": colleague.id},
    )
    query = the_query()
    assert (query.handler_id, query.state) == (colleague.id, QueryState.NEW)
    # Someone without the helpline role cannot be given a query.
    response = post_form(
        officer, page_url, f"/helpline/queries/{query.id}/assign", **{"assign-handler_id": staff.id}
    )
    assert "Choose someone who works on the helpline" in errors(parse(response))
    assert the_query().handler_id == colleague.id

    post_form(
        officer, page_url, f"/helpline/queries/{query.id}/minutes", **{"minutes-minutes": "15"}
    )
    post_form(
        officer, page_url, f"/helpline/queries/{query.id}/minutes", **{"minutes-minutes": "20"}
    )
    response = post_form(
        officer, page_url, f"/helpline/queries/{query.id}/minutes", **{"minutes-minutes": "lots"}
    )
    assert "Enter the minutes as a whole number" in errors(parse(response))
    assert the_query().minutes_spent == 35

    post_form(
        officer,
        page_url,
        f"/helpline/queries/{query.id}/notes",
        **{"note-text": "Rang Melton Voluntary Action, waiting to hear"},
    )
    notes = db.session.scalars(select(QueryNote)).all()
    assert [(n.text, n.author_id) for n in notes] == [
        ("Rang Melton Voluntary Action, waiting to hear", officer.user.id)
    ]
    # The audit row names the note, never its words.
    [added] = audit("helpline_query.note_added")
    assert "Melton" not in str(added.details)

    post_form(
        officer,
        page_url,
        f"/helpline/queries/{query.id}/follow-up",
        **{"follow_up-follow_up_on": "2026-11-30"},
    )
    assert the_query().follow_up_on == date(2026, 11, 30)
    response = post_form(
        officer,
        page_url,
        f"/helpline/queries/{query.id}/follow-up",
        **{"follow_up-follow_up_on": "31/02/2026"},
    )
    assert "Enter a real date" in errors(parse(response))
    assert the_query().follow_up_on == date(2026, 11, 30)


def test_overdue_follow_ups_are_listed_until_the_query_is_closed(client, staff, officer):
    for _ in range(3):
        ask(client)
    late, due_today, later = db.session.scalars(
        select(HelplineQuery).order_by(HelplineQuery.reference)
    ).all()
    late.follow_up_on = date(2026, 11, 20)
    due_today.follow_up_on = date(2026, 11, 24)  # FIXED_NOW's day: due, not yet overdue
    later.follow_up_on = date(2026, 12, 1)
    db.session.commit()
    page = parse(officer.get("/helpline/queries/overdue"))
    assert [a.text for a in page.select("table a")] == [late.reference]
    assert "Overdue" in page.select_one("table").text
    assert "Overdue follow-ups: 1" in parse(officer.get("/helpline/queries")).text

    late.state = QueryState.CLOSED
    db.session.commit()
    page = parse(officer.get("/helpline/queries/overdue"))
    assert page.select_one("table") is None
    assert "No follow-up is overdue." in page.text


def stay_signed_in(app, monkeypatch) -> None:
    """For tests that move the clock by days: sessions follow the same clock, and would end."""
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 100 * 24 * 60)
    monkeypatch.setitem(app.config, "SESSION_MAX_HOURS", 100 * 24)


def test_the_queue_is_oldest_first_with_its_age_and_filters(
    app, client, staff, officer, monkeypatch
):
    stay_signed_in(app, monkeypatch)
    for day in (20, 23, 24):
        monkeypatch.setitem(app.config, "NOW", lambda day=day: datetime(2026, 11, day, 9, 0))
        ask(client)
    monkeypatch.setitem(app.config, "NOW", lambda: FIXED_NOW)
    second = db.session.scalars(
        select(HelplineQuery).where(HelplineQuery.reference == "Q-2026-0002")
    ).one()
    take(officer, second)

    def listed(url: str) -> list[tuple[str, str]]:
        rows = parse(officer.get(url)).select("table tbody tr")
        return [
            (row.select_one("a").text, " ".join(row.select("td")[1].get_text(" ").split()))
            for row in rows
        ]

    assert listed("/helpline/queries") == [
        ("Q-2026-0001", "Waiting 4 days since 20 November 2026"),
        ("Q-2026-0002", "Waiting 1 day since 23 November 2026"),
        ("Q-2026-0003", "Waiting Under a day since 24 November 2026"),
    ]
    assert [r for r, _ in listed("/helpline/queries?state=new")] == ["Q-2026-0001", "Q-2026-0003"]
    assert [r for r, _ in listed("/helpline/queries?mine=1")] == ["Q-2026-0002"]
    assert listed("/helpline/queries?state=closed") == []
    assert [r for r, _ in listed("/helpline/queries?state=nonsense")] == [
        "Q-2026-0001",
        "Q-2026-0002",
        "Q-2026-0003",
    ]


# References --------------------------------------------------------------------------------


def test_references_count_up_within_each_year(app, client, staff, monkeypatch):
    stay_signed_in(app, monkeypatch)
    ask(client)
    ask(client)
    monkeypatch.setitem(app.config, "NOW", lambda: datetime(2027, 1, 1, 0, 5))
    ask(client)
    references = sorted(db.session.scalars(select(HelplineQuery.reference)))
    assert references == ["Q-2026-0001", "Q-2026-0002", "Q-2027-0001"]
    assert queries.next_reference(2026) == "Q-2026-0003"
    # Past 9,999 the number grows a digit and still sorts after the last.
    db.session.add_all(
        HelplineQuery(
            reference=reference,
            channel=QueryChannel.PHONE,
            question="Test",
            received_at=datetime(2026, 5, 1),
        )
        for reference in ("Q-2026-9999", "Q-2026-10000")
    )
    db.session.commit()
    assert queries.next_reference(2026) == "Q-2026-10001"


def test_a_reference_taken_meanwhile_is_not_reused(app, client, staff):
    """Another server saves Q-2026-0002 between this request reading the last reference and
    saving its own: the unique constraint refuses the duplicate and the next number is taken."""
    ask(client)
    engine = db.engine
    taken = []

    def another_server_saves(conn, cursor, statement, parameters, context, executemany):
        # Just before this request's INSERT: after it read the last reference, before it wrote.
        if taken or not statement.startswith("INSERT INTO helpline_query "):
            return
        taken.append(True)
        with engine.begin() as other:
            other.execute(
                HelplineQuery.__table__.insert().values(
                    reference="Q-2026-0002",
                    channel="phone",
                    question="Logged elsewhere",
                    urgency="routine",
                    state="new",
                    minutes_spent=0,
                    received_at=datetime(2026, 11, 24, 19, 0),
                )
            )

    event.listen(engine, "before_cursor_execute", another_server_saves)
    try:
        response = ask(client)
    finally:
        event.remove(engine, "before_cursor_execute", another_server_saves)
    assert response.status_code == 302
    assert taken
    db.session.expire_all()
    mine = db.session.scalars(
        select(HelplineQuery).where(HelplineQuery.asked_by_id == staff.id)
    ).all()
    assert sorted(q.reference for q in mine) == ["Q-2026-0001", "Q-2026-0003"]
    assert len(audit("helpline_query.asked")) == 2


# Asking and logging --------------------------------------------------------------------------


def test_the_team_and_specialty_are_remembered_for_next_time(client, staff):
    ask(client)
    page = parse(client.get("/helpline/ask"))
    assert page.select_one("#caller_team")["value"] == ASK["caller_team"]
    assert page.select_one("input[name=caller_specialty][checked]")["value"] == "mhsop"
    # Never the question or the need: each question is about someone else.
    assert page.select_one("#question").text == ""


def test_mistakes_are_explained_and_everything_typed_is_kept(client, staff):
    response = ask(client, need_term="", area="", caller_team="", caller_specialty=None)
    page = parse(response)
    text = errors(page)
    for message in (
        "Choose the need",
        "Choose where the help is needed",
        "Enter the team",
        "Choose the specialty",
    ):
        assert message in text
    assert page.select_one("#question").text == QUESTION
    assert page.select_one("input[name=urgency][checked]")["value"] == "this-week"
    assert the_query() is None


def test_a_helpline_worker_logs_a_call_for_a_caller_with_an_account(client, staff, officer):
    page = parse(officer.get("/helpline/queries/new?question=gujarati+befriending"))
    assert page.select_one("#question").text == "gujarati befriending"
    fields = {
        "need_term": term("befriending").id,
        "area": area("melton").id,
        **ASK,
        "channel": "phone",
        "caller_email": "NURSE@example.org ",
    }
    response = post_form(officer, "/helpline/queries/new", **fields)
    query = the_query()
    assert response.headers["Location"] == query_url(query)
    assert query.channel is QueryChannel.PHONE
    assert (query.state, query.handler_id, query.asked_by_id) == (
        QueryState.IN_PROGRESS,
        officer.user.id,
        staff.id,
    )
    assert [e.target_id for e in audit("helpline_query.logged")] == [query.id]
    # It shows in the caller's own list.
    assert query.reference in parse(client.get("/helpline/my-questions")).text

    response = post_form(
        officer, "/helpline/queries/new", **{**fields, "caller_email": "nobody@example.org"}
    )
    assert "No staff account has that email address" in errors(parse(response))


# Identifier warnings ---------------------------------------------------------------------------

IDENTIFYING = {
    "an NHS number": "For 943 476 5919, lonely",
    "a postcode": "Lives at LE13 0AB, lonely",
    "a phone number": "Ring her on 07700 900123",
    "a date (of birth?)": "Born 12/03/1950, lonely",
    "a name (Mr, Mrs, Ms …)": "Mrs Patel wants company",
}


@pytest.mark.parametrize("kind, text", IDENTIFYING.items())
def test_the_question_warns_about_identifiers_until_confirmed(client, staff, kind, text):
    response = ask(client, question=text)
    page = parse(response)
    assert f"This looks like it holds {kind}" in errors(page)
    assert page.select_one("#question").text == text
    assert page.select_one("#not_identifying") is not None
    assert the_query() is None
    form = page.select_one("form[method=post][novalidate]")
    response = client.post("/helpline/ask", data=form_fields(form, not_identifying="y"))
    assert response.status_code == 302
    assert the_query().question == text


def test_the_confirmation_box_is_shown_only_after_a_warning(client, staff):
    assert parse(client.get("/helpline/ask")).select_one("#not_identifying") is None


@pytest.mark.parametrize(
    "form, field, path",
    [
        ("note", "text", "notes"),
        ("answer", "answer", "answer"),
    ],
)
def test_notes_and_answers_warn_about_identifiers(client, staff, officer, form, field, path):
    service = create_service(name="Melton Befrienders", areas=("melton",))
    ask(client)
    query = the_query()
    take(officer, query)
    choose_service(officer, query, service)
    action = f"/helpline/queries/{query.id}/{path}"
    text = "Spoke to Mr Shah on 0116 496 0999"
    response = post_form(officer, query_url(query), action, **{f"{form}-{field}": text})
    page = parse(response)
    assert response.status_code == 200
    assert "This looks like it holds a phone number and a name" in errors(page)
    assert page.select_one(f"#{form}-{field}").text == text
    assert page.select_one(f"#{form}-not_identifying") is not None
    query = the_query()
    assert query.notes == [] and query.answer is None
    warned = page.select_one(f'form[action="{action}"]')
    officer.post(action, data=form_fields(warned, **{f"{form}-not_identifying": "y"}))
    query = the_query()
    assert text in [n.text for n in query.notes] + [query.answer]
    [override] = audit("personal_details.confirmed")
    assert (override.target_id, override.details) == (
        query.id,
        {"form": f"{form.title()}Form", "fields": [field]},
    )


def test_needs_and_outcome_notes_warn_about_identifiers(client, staff, officer):
    ask(client)
    query = the_query()
    take(officer, query)
    response = post_form(
        officer,
        f"/helpline/queries/{query.id}/needs/new",
        need_term=term("debt-advice").id,
        description="Letter dated 01/02/1961 for Mr Jones",
    )
    assert "This looks like it holds a date (of birth?) and a name" in errors(parse(response))
    assert len(the_query().needs) == 1
    url = f"/helpline/queries/{query.id}/needs/{query.needs[0].id}"
    response = post_form(
        officer,
        f"{url}/edit",
        description="Befriending near LE11 3AB",
    )
    assert "postcode" in errors(parse(response))
    response = post_form(
        officer, url, f"{url}/met", **{"met-outcome": "partly-met", "met-note": "Call 07700 900123"}
    )
    assert "phone number" in errors(parse(response))
    response = post_form(
        officer,
        url,
        f"{url}/unmet",
        **{"unmet-reason": "cost", "unmet-description": "For Miss Brown"},
    )
    assert "a name" in errors(parse(response))
    assert the_query().needs[0].outcome is None
    assert the_query().needs[0].description == QUESTION


def test_a_draft_entry_name_warns_about_identifiers(client, staff, officer):
    organisation = create_organisation(name="Melton Voluntary Action")
    db.session.commit()
    ask(client)
    query = the_query()
    take(officer, query)
    url = f"/helpline/queries/{query.id}/needs/{query.needs[0].id}"
    fields = {"draft-name": "Befriending for Mr Shah", "draft-organisation_id": organisation.id}
    response = post_form(officer, url, f"{url}/new-entry", **fields)
    assert response.status_code == 200
    page = parse(response)
    assert "This looks like it holds a name" in errors(page)
    assert page.select_one("#draft-not_identifying") is not None
    assert db.session.scalars(select(Service)).all() == []
    assert the_query().needs[0].outcome is None


# Links ---------------------------------------------------------------------------------------


def test_the_staff_home_page_links_to_the_helpline(app, client, staff):
    links = {a["href"] for a in parse(client.get("/staff")).select("main a")}
    assert {"/helpline/ask", "/helpline/my-questions"} <= links
    assert "/helpline/queries" not in links
    officer_client = app.test_client()
    officer = create_user(Role.HELPLINE, email="cko2@example.org")
    sign_in(officer_client, officer.email, PASSWORDS[Role.HELPLINE])
    links = {a["href"] for a in parse(officer_client.get("/staff")).select("main a")}
    assert {"/helpline/ask", "/helpline/my-questions", "/helpline/queries"} <= links


def test_my_questions_come_a_page_at_a_time(client, staff):
    for number in range(27):
        db.session.add(
            HelplineQuery(
                reference=f"Q-2026-{number:04d}",
                channel=QueryChannel.APP,
                asked_by_id=staff.id,
                question=f"Question {number}",
                received_at=datetime(2026, 11, 1, 9, tzinfo=UTC) + timedelta(hours=number),
            )
        )
    db.session.commit()
    first = parse(client.get("/helpline/my-questions"))
    assert len(first.select("tbody tr")) == 25
    assert first.select_one("tbody a").text == "Q-2026-0026"  # newest first
    second = parse(client.get(first.select_one(".nhsuk-pagination__link--next")["href"]))
    assert [a.text for a in second.select("tbody a")] == ["Q-2026-0001", "Q-2026-0000"]
