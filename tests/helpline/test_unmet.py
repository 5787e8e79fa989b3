"""The unmet-needs register: recording and grouping, state changes, the prompt when a service is
published, and the helpline dashboard."""

from datetime import UTC, date, datetime, timedelta
from itertools import count

import pytest
from sqlalchemy import select

from knowledge.extensions import db
from knowledge.helpline import unmet
from knowledge.helpline.dashboard import helpline_dashboard
from knowledge.models import (
    AgeBand,
    Area,
    AuditEvent,
    HelplineQuery,
    NeedOutcome,
    PublicationState,
    QueryChannel,
    QueryNeed,
    QueryState,
    Role,
    Service,
    Specialty,
    TaxonomyTerm,
    UnmetNeed,
    UnmetReason,
    UnmetState,
    User,
    ZeroResultSearch,
)
from tests.conftest import FIXED_NOW, PASSWORDS, create_user, csrf_token, parse, sign_in
from tests.curation.test_curation import form_data as curation_form_data
from tests.factories import create_organisation, create_service
from tests.helpline.test_queries import ask, post_form, take, the_query

REFERENCES = count(1)
# 19:30 on 24 November 2026 in London is 19:30 UTC (GMT in winter).
NOW_UTC = FIXED_NOW.replace(tzinfo=UTC)


def term(code: str) -> TaxonomyTerm:
    return db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.code == code)).one()


def area(code: str) -> Area:
    return db.session.scalars(select(Area).where(Area.code == code)).one()


def make_need(
    need_code: str = "befriending",
    area_code: str | None = "melton-mowbray",
    *,
    person: str | None = None,
    received: datetime = NOW_UTC - timedelta(days=2),
    state: QueryState = QueryState.IN_PROGRESS,
    follow_up_on: date | None = None,
    query: HelplineQuery | None = None,
) -> QueryNeed:
    """A query need (in a new query unless one is given), flushed, not committed."""
    if query is None:
        query = HelplineQuery(
            reference=f"Q-2026-{next(REFERENCES):04d}",
            channel=QueryChannel.PHONE,
            question="Company in the week for an older man living alone",
            area=area(area_code) if area_code else None,
            person_pseudonym=person,
            received_at=received,
            state=state,
            follow_up_on=follow_up_on,
        )
        db.session.add(query)
    need = QueryNeed(need_term=term(need_code), position=len(query.needs))
    query.needs.append(need)
    db.session.flush()
    return need


def log(
    need: QueryNeed,
    actor: User,
    join: UnmetNeed | None = None,
    area_code: str | None = "melton-mowbray",
) -> UnmetNeed:
    recorded = unmet.record_unmet(
        need,
        reason=UnmetReason.OPENING_TIMES,
        description="Befriending in the evenings",
        area=area(area_code) if area_code else None,
        age_band=AgeBand.AGE_65_PLUS,
        specialty=Specialty.MHSOP,
        join=join,
        actor=actor,
    )
    db.session.commit()
    return recorded


def actions(target_id: str) -> list[str]:
    return [
        e.action
        for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.target_id == target_id).order_by(AuditEvent.id)
        )
    ]


@pytest.fixture
def officer(app) -> User:
    return create_user(Role.HELPLINE, email="officer@example.org")


@pytest.fixture
def signed_in_officer(login_as) -> User:
    return login_as(Role.HELPLINE)


# Recording -----------------------------------------------------------------------------------


def test_record_unmet_starts_a_new_unmet_need_without_committing(officer):
    need = make_need()
    recorded = unmet.record_unmet(
        need,
        reason=UnmetReason.OPENING_TIMES,
        description="  Befriending in the evenings  ",
        area=area("melton-mowbray"),
        age_band=AgeBand.AGE_65_PLUS,
        specialty=Specialty.MHSOP,
        actor=officer,
    )
    assert need.outcome is NeedOutcome.UNMET
    assert need.decided_at is not None
    assert need.unmet_need is recorded
    assert recorded.state is UnmetState.OPEN
    assert recorded.first_seen == FIXED_NOW.date()
    assert recorded.need_term.code == "befriending"
    assert recorded.area.code == "melton-mowbray"
    assert recorded.description == "Befriending in the evenings"
    assert recorded.created_by_id == officer.id
    assert actions(recorded.id) == ["unmet_need.created"]

    # The caller commits: until then nothing is saved, audit row included.
    recorded_id = recorded.id
    db.session.rollback()
    assert db.session.get(UnmetNeed, recorded_id) is None
    assert actions(recorded_id) == []


def test_record_unmet_joins_an_open_unmet_need(officer):
    first = log(make_need(person="a" * 64), officer)
    joined = log(make_need("social-groups", person="b" * 64), officer, join=first)
    assert joined is first
    assert len(first.query_needs) == 2
    assert db.session.scalar(select(db.func.count()).select_from(UnmetNeed)) == 1
    assert actions(first.id) == ["unmet_need.created", "unmet_need.joined"]


def test_a_closed_unmet_need_is_not_joined(officer):
    first = log(make_need(), officer)
    unmet.close_unmet(first, "Logged in error", officer)
    second = log(make_need(), officer, join=first)
    assert second is not first
    assert second.state is UnmetState.OPEN
    assert len(first.query_needs) == 1


def test_the_register_counts_queries_and_distinct_people(officer):
    someone, someone_else = "a" * 64, "b" * 64
    first = make_need(person=someone, received=NOW_UTC - timedelta(days=40))
    recorded = log(first, officer)
    log(make_need(person=someone, received=NOW_UTC - timedelta(days=20)), officer, recorded)
    log(make_need(person=someone_else, received=NOW_UTC - timedelta(days=3)), officer, recorded)
    # A second need in the same query joining the same gap is still one query.
    log(make_need("social-groups", query=first.query), officer, recorded)

    row = unmet.register_row(recorded)
    assert row.query_count == 3
    assert (row.known_people, row.people_exact, row.people_text) == (2, True, "2 people")
    # Logged today, from older queries: seen from the first query to the last.
    assert recorded.first_seen == FIXED_NOW.date()
    assert row.first_seen == (FIXED_NOW - timedelta(days=40)).date()
    assert row.last_seen == (FIXED_NOW - timedelta(days=3)).date()

    log(make_need(person=None, received=NOW_UTC - timedelta(days=1)), officer, recorded)
    row = unmet.register_row(recorded)
    assert row.query_count == 4
    assert (row.people_at_least, row.people_exact) == (2, False)
    assert row.people_text == "at least 2 people"


def test_only_queries_without_a_person_count_as_at_least_one(officer):
    recorded = log(make_need(person=None), officer)
    log(make_need(person=None), officer, recorded)
    row = unmet.register_row(recorded)
    assert (row.query_count, row.people_text) == (2, "at least 1 person")


def test_similar_open_needs_share_the_domain_and_the_district(officer):
    melton = log(make_need("befriending", "melton-mowbray"), officer)
    melton_district = log(make_need("loneliness-and-isolation", "melton"), officer, None, "melton")
    rural = log(make_need("social-groups", "melton-rural"), officer, None, "melton-rural")
    log(make_need("befriending", "charnwood"), officer, None, "charnwood")
    log(make_need("housing-advice", "melton"), officer, None, "melton")
    closed = log(make_need("befriending", "melton"), officer, None, "melton")
    unmet.close_unmet(closed, "Duplicate", officer)
    reported = log(make_need("befriending", "melton"), officer, None, "melton")
    unmet.mark_reported(reported, None, officer)

    found = unmet.similar_open(term("telephone-friendship"), area("melton-rural"))
    assert {u.id for u in found} == {melton.id, melton_district.id, rural.id, reported.id}
    assert {u.id for u in unmet.similar_open(term("loneliness-and-isolation"), area("melton"))} == {
        melton.id,
        melton_district.id,
        rural.id,
        reported.id,
    }
    assert unmet.similar_open(term("befriending"), area("rutland")) == []
    # With no place recorded, the handler chooses from the whole domain.
    assert len(unmet.similar_open(term("befriending"), None)) == 5


# State changes ---------------------------------------------------------------------------------


def test_state_changes_are_checked(officer):
    recorded = log(make_need(), officer)
    with pytest.raises(unmet.UnmetNeedError, match="today or in the past"):
        unmet.mark_reported(recorded, FIXED_NOW.date() + timedelta(days=1), officer)
    unmet.mark_reported(recorded, None, officer)
    assert (recorded.state, recorded.reported_on) == (UnmetState.REPORTED, FIXED_NOW.date())
    with pytest.raises(unmet.UnmetNeedError):
        unmet.mark_reported(recorded, None, officer)

    draft = create_service(publication=PublicationState.DRAFT)
    with pytest.raises(unmet.UnmetNeedError, match="published"):
        unmet.mark_addressed(recorded, draft, officer)
    with pytest.raises(unmet.UnmetNeedError, match="why"):
        unmet.close_unmet(recorded, "   ", officer)
    assert recorded.state is UnmetState.REPORTED

    unmet.mark_addressed(recorded, create_service(name="Evening Friends"), officer)
    assert recorded.state is UnmetState.ADDRESSED
    assert recorded.addressed_by.name == "Evening Friends"
    with pytest.raises(unmet.UnmetNeedError):
        unmet.close_unmet(recorded, "Changed my mind", officer)
    assert actions(recorded.id) == [
        "unmet_need.created",
        "unmet_need.reported",
        "unmet_need.addressed",
    ]


def test_the_officer_reports_addresses_and_closes_on_the_page(client, signed_in_officer):
    recorded = log(make_need(), signed_in_officer)
    url = f"/helpline/unmet/{recorded.id}"
    page = parse(client.get(url))
    assert page.select_one("h1").text == "Loneliness and isolation: Befriending"
    assert page.select_one("input[name=reported_on]")["value"] == "2026-11-24"

    response = client.post(
        f"{url}/reported", data={"csrf_token": csrf_token(page), "reported_on": "2026-11-02"}
    )
    assert response.status_code == 302
    db.session.refresh(recorded)
    assert (recorded.state, recorded.reported_on) == (UnmetState.REPORTED, date(2026, 11, 2))
    draft = create_service(name="Draft Friends", publication=PublicationState.DRAFT)
    published = create_service(name="Evening Friends")
    page = parse(client.get(url))
    assert "Reported" in page.select_one(".nhsuk-tag").text
    assert page.select_one("input[name=reported_on]") is None  # already reported
    options = [o["value"] for o in page.select("select[name=service_id] option")]
    assert published.id in options and draft.id not in options
    response = client.post(
        f"{url}/addressed", data={"csrf_token": csrf_token(page), "service_id": draft.id}
    )
    page = parse(response)
    assert "Choose a published directory entry" in page.select_one(".nhsuk-error-summary").text
    assert recorded.state is UnmetState.REPORTED

    response = client.post(
        f"{url}/closed", data={"csrf_token": csrf_token(page), "closed_reason": ""}
    )
    assert "Enter why it is being closed" in parse(response).select_one(".nhsuk-error-summary").text

    client.post(
        f"{url}/addressed", data={"csrf_token": csrf_token(page), "service_id": published.id}
    )
    db.session.refresh(recorded)
    assert recorded.state is UnmetState.ADDRESSED
    page = parse(client.get(url))
    assert page.select_one("a[href*='/curate/services/']").text == "Evening Friends"
    assert page.select("form[action*='/helpline/unmet/']") == []
    # A form from a page opened earlier changes nothing.
    response = client.post(
        f"{url}/closed", data={"csrf_token": csrf_token(page), "closed_reason": "Duplicate"}
    )
    page = parse(client.get(response.headers["Location"]))
    assert "Nothing changed: it is already addressed." in page.select_one(".ck-flash").text
    db.session.refresh(recorded)
    assert (recorded.state, recorded.closed_reason) == (UnmetState.ADDRESSED, None)


def test_closing_needs_a_reason_free_of_identifiers(client, signed_in_officer):
    recorded = log(make_need(), signed_in_officer)
    url = f"/helpline/unmet/{recorded.id}"
    token = csrf_token(parse(client.get(url)))
    reason = "Duplicate: the carer rang back from 07700 900123"
    page = parse(client.post(f"{url}/closed", data={"csrf_token": token, "closed_reason": reason}))
    assert "phone number" in page.select_one(".nhsuk-error-summary").text
    assert page.select_one("textarea[name=closed_reason]").text == reason
    assert page.select_one("input[name=not_identifying]") is not None
    db.session.refresh(recorded)
    assert recorded.state is UnmetState.OPEN

    client.post(f"{url}/closed", data={"csrf_token": token, "closed_reason": "Duplicate record"})
    db.session.refresh(recorded)
    assert (recorded.state, recorded.closed_reason) == (UnmetState.CLOSED, "Duplicate record")
    assert actions(recorded.id)[-1] == "unmet_need.closed"


# Logging directly -----------------------------------------------------------------------------


def test_logging_an_unmet_need_warns_about_identifiers_and_keeps_what_was_typed(
    client, signed_in_officer
):
    page = parse(client.get("/helpline/unmet/new?words=sign+language+coffee+morning"))
    assert "sign language coffee morning" in page.select_one("textarea[name=description]").text
    assert page.select_one("input[name=not_identifying]") is None
    data = {
        "csrf_token": csrf_token(page),
        "words": "sign language coffee morning",
        "need_term": "social-groups",
        "reason": "barrier",
        "area": "charnwood-loughborough",
        "age_band": "26-64",
        "specialty": "",
        "description": "Deaf man, NHS number 943 476 5919, wants a signing social group",
    }
    page = parse(client.post("/helpline/unmet/new", data=data))
    assert "NHS number" in page.select_one(".nhsuk-error-summary").text
    assert page.select_one("textarea[name=description]").text == data["description"]
    assert page.select_one("select[name=area] option[selected]")["value"] == data["area"]
    assert page.select_one("select[name=reason] option[selected]")["value"] == "barrier"
    assert page.select_one("input[name=not_identifying]") is not None
    assert db.session.scalars(select(UnmetNeed)).all() == []

    data["description"] = "A signing social group for deaf adults in Loughborough"
    response = client.post("/helpline/unmet/new", data=data)
    assert response.status_code == 302
    logged = db.session.scalars(select(UnmetNeed)).one()
    assert response.headers["Location"] == f"/helpline/unmet/{logged.id}"
    assert (logged.need_term.code, logged.area.code, logged.reason) == (
        "social-groups",
        "charnwood-loughborough",
        UnmetReason.BARRIER,
    )
    assert (logged.age_band, logged.specialty) == (AgeBand.AGE_26_64, None)
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.target_id == logged.id)).one()
    assert event.details == {"logged": "directly", "from_search": True}

    page = parse(client.get(f"/helpline/unmet/{logged.id}"))
    assert "None: logged directly" in page.text


def test_words_that_look_like_an_identifier_are_not_repeated(client, signed_in_officer):
    page = parse(client.get("/helpline/unmet/new?words=943+476+5919"))
    assert "943" not in page.select_one("main").text
    assert page.select_one("input[name=words]")["value"] == ""


def test_a_false_alarm_is_saved_once_the_box_is_ticked(client, signed_in_officer):
    page = parse(client.get("/helpline/unmet/new"))
    data = {
        "csrf_token": csrf_token(page),
        "need_term": "debt-advice",
        "reason": "capacity",
        "area": "",
        "age_band": "",
        "specialty": "",
        "description": "The Dr Barnardo's style drop-in on Mr Lee Road closed",  # not a person
    }
    page = parse(client.post("/helpline/unmet/new", data=data))
    assert "a name" in page.select_one(".nhsuk-error-summary").text
    digest = page.select_one("input[name=warned_digest]")["value"]
    confirmed = {**data, "not_identifying": "y", "warned_digest": digest}
    response = client.post("/helpline/unmet/new", data=confirmed)
    assert response.status_code == 302
    assert db.session.scalars(select(UnmetNeed)).one().area is None


def test_the_new_unmet_need_form_explains_what_is_missing(client, signed_in_officer):
    page = parse(client.get("/helpline/unmet/new"))
    page = parse(client.post("/helpline/unmet/new", data={"csrf_token": csrf_token(page)}))
    summary = page.select_one(".nhsuk-error-summary").text
    assert "Choose the need" in summary
    assert "Choose why the need is unmet" in summary
    assert "Describe what is needed" in summary


# The register page ----------------------------------------------------------------------------


def test_the_register_lists_and_filters(client, signed_in_officer):
    officer = signed_in_officer
    melton = log(make_need(person="a" * 64), officer)
    log(make_need(person="b" * 64), officer, melton)
    log(make_need(person=None), officer, melton)
    housing = unmet.record_unmet(
        make_need("homelessness", "leicester-central"),
        reason=UnmetReason.CAPACITY,
        description="Emergency beds for young people",
        area=area("leicester-central"),
        age_band=AgeBand.AGE_18_25,
        specialty=Specialty.AMH,
        actor=officer,
    )
    db.session.commit()
    closed = log(make_need(), officer)
    unmet.close_unmet(closed, "Duplicate", officer)

    def listed(query: str = "") -> list[str]:
        page = parse(client.get(f"/helpline/unmet{query}"))
        return [row.select("td")[0].a.text for row in page.select("tbody tr")]

    page = parse(client.get("/helpline/unmet"))
    # The most recently seen first, then the most asked about.
    cells = [" ".join(td.get_text(" ").split()) for td in page.select("tbody tr")[0].select("td")]
    assert cells[0].startswith("Need Loneliness and isolation: Befriending")
    assert cells[1:] == [
        "Where and who Melton: Melton Mowbray 65 and over, Older people (MHSOP)",
        "Reason Opening times",
        "Evidence 3 queries, at least 2 people",
        "Seen 22 Nov 2026",
        "State Open",
    ]
    assert len(listed()) == 2  # still open: not the closed one
    assert len(listed("?state=all")) == 3
    assert listed("?state=closed") == ["Loneliness and isolation: Befriending"]
    assert listed("?domain=housing") == ["Housing: Homelessness"]
    assert listed("?district=leicester") == ["Housing: Homelessness"]
    assert listed("?district=melton&reason=opening-times") == [
        "Loneliness and isolation: Befriending"
    ]
    assert listed("?reason=cost") == []
    assert housing.id in str(page)


# Publishing prompts a review ------------------------------------------------------------------


def test_possibly_addressed_by_matches_domain_and_place(officer):
    melton = log(make_need("befriending", "melton-mowbray"), officer)
    anywhere = log(make_need("social-groups", None), officer, None, None)
    region = log(make_need("befriending", "llr"), officer, None, "llr")
    charnwood = log(make_need("befriending", "charnwood"), officer, None, "charnwood")
    log(make_need("homelessness", "melton"), officer, None, "melton")
    closed = log(make_need("befriending", "melton"), officer, None, "melton")
    unmet.close_unmet(closed, "Duplicate", officer)

    in_melton = create_service(terms=("telephone-friendship",), areas=("melton-rural",))
    assert {u.id for u in unmet.possibly_addressed_by(in_melton)} == {
        melton.id,
        anywhere.id,
        region.id,
    }
    everywhere = create_service(terms=("loneliness-and-isolation",), areas=("llr",))
    assert {u.id for u in unmet.possibly_addressed_by(everywhere)} == {
        melton.id,
        anywhere.id,
        region.id,
        charnwood.id,
    }
    elsewhere = create_service(terms=("debt-advice",), areas=("melton",))
    assert unmet.possibly_addressed_by(elsewhere) == []


def test_publishing_a_service_prompts_a_review_of_unmet_needs(client, signed_in_officer):
    recorded = log(make_need("befriending", "melton-mowbray"), signed_in_officer)
    draft = create_service(
        name="Melton Evening Friends",
        terms=("befriending", "vcs-group"),
        areas=("melton",),
        publication=PublicationState.DRAFT,
    )
    token = csrf_token(parse(client.get(f"/curate/services/{draft.id}")))
    response = client.post(f"/curate/services/{draft.id}/publish", data={"csrf_token": token})
    page = parse(client.get(response.headers["Location"]))
    prompt = page.select_one(".ck-flash a[href*='addressed_by_candidate']")
    assert "1 open unmet need may be met by this entry" in page.select_one(".ck-flash").text
    assert prompt["href"] == f"/helpline/unmet?addressed_by_candidate={draft.id}"

    page = parse(client.get(prompt["href"]))
    assert page.select_one("h1").text == "Unmet needs Melton Evening Friends may meet"
    link = page.select_one("tbody tr a")
    assert link["href"] == f"/helpline/unmet/{recorded.id}?service={draft.id}"

    page = parse(client.get(link["href"]))
    assert page.select_one("select[name=service_id] option[selected]")["value"] == draft.id
    client.post(
        f"/helpline/unmet/{recorded.id}/addressed",
        data={"csrf_token": csrf_token(page), "service_id": draft.id},
    )
    db.session.refresh(recorded)
    assert (recorded.state, recorded.addressed_by_service_id) == (UnmetState.ADDRESSED, draft.id)


def test_publishing_with_nothing_to_review_says_nothing_more(client, signed_in_officer):
    draft = create_service(terms=("debt-advice",), publication=PublicationState.DRAFT)
    token = csrf_token(parse(client.get(f"/curate/services/{draft.id}")))
    response = client.post(f"/curate/services/{draft.id}/publish", data={"csrf_token": token})
    page = parse(client.get(response.headers["Location"]))
    assert "unmet" not in page.select_one(".ck-flash").text


# The dashboard --------------------------------------------------------------------------------


def test_dashboard_figures(client, signed_in_officer, app):
    for hours, state in (
        (2, QueryState.NEW),  # under a day
        (23, QueryState.IN_PROGRESS),  # under a day
        (25, QueryState.NEW),  # 1 day
        (24 * 3 + 5, QueryState.IN_PROGRESS),  # 3 days
        (24 * 4 + 1, QueryState.NEW),  # 4 days
        (24 * 7 + 23, QueryState.NEW),  # 7 days
        (24 * 8 + 1, QueryState.IN_PROGRESS),  # 8 days: over a week
        (24 * 30, QueryState.ANSWERED),  # answered: not waiting
        (24 * 30, QueryState.CLOSED),
    ):
        make_need(received=NOW_UTC - timedelta(hours=hours), state=state)
    late = make_need(state=QueryState.ANSWERED, follow_up_on=date(2026, 11, 20)).query
    later = make_need(state=QueryState.IN_PROGRESS, follow_up_on=date(2026, 11, 23)).query
    make_need(state=QueryState.IN_PROGRESS, follow_up_on=FIXED_NOW.date())  # due today
    make_need(state=QueryState.CLOSED, follow_up_on=date(2026, 11, 1))  # closed
    this_month = log(make_need(state=QueryState.CLOSED), signed_in_officer)
    last_month = log(make_need("debt-advice", state=QueryState.CLOSED), signed_in_officer)
    last_month.first_seen = date(2026, 10, 31)
    for words, days_ago in (
        ("mens shed", 1),
        ("mens shed", 3),
        ("mens shed", 29),
        ("allotment", 2),
        ("allotment", 31),  # too long ago
        ("allotment", 40),
    ):
        db.session.add(
            ZeroResultSearch(words=words, searched_on=FIXED_NOW.date() - timedelta(days=days_ago))
        )
    db.session.commit()

    figures = helpline_dashboard()
    assert [(band.label, band.count) for band in figures.waiting_by_age] == [
        ("Under 1 day", 2),
        ("1 to 3 days", 2 + 2),  # and two of the four with follow-ups
        ("4 to 7 days", 2),
        ("Over a week", 1),
    ]
    assert [q.id for q in figures.overdue_follow_ups] == [late.id, later.id]
    assert figures.unmet_this_month == 1
    assert this_month.first_seen.month == 11
    assert [(s.words, s.times) for s in figures.unanswered] == [("mens shed", 3), ("allotment", 1)]

    page = parse(client.get("/helpline/"))
    assert page.select_one("h1").text == "Helpline"
    counts = [p.text for p in page.select(".ck-count")]
    assert counts == ["2", "4", "2", "1"]
    overdue = page.select_one("#overdue")
    assert overdue.text == "Overdue follow-ups: 2"
    references = [
        row.select("td")[0].text.split()[-1] for row in page.select("#overdue + table tbody tr")
    ]
    assert references == [late.reference, later.reference]
    assert "Unmet needs opened this month: 1" in page.text
    first_search = page.select("table")[-1].select_one("tbody tr")
    links = [a["href"] for a in first_search.select("a")]
    assert links == [
        "/helpline/queries/new?question=mens+shed",
        "/helpline/unmet/new?words=mens+shed",
    ]


def test_the_staff_home_page_links_the_helpline_dashboard(client, login_as):
    login_as(Role.HELPLINE)
    assert parse(client.get("/staff")).select_one("a[href='/helpline/']").text == "Helpline"


def test_staff_without_the_helpline_role_see_no_link(client, login_as):
    login_as(Role.STAFF)
    assert parse(client.get("/staff")).select_one("a[href='/helpline/']") is None


# The whole path -------------------------------------------------------------------------------


def test_a_question_nobody_can_answer_becomes_an_unmet_need_until_a_service_meets_it(app, client):
    """Staff ask → the helpline finds nothing → unmet need logged → a service is added and
    published → the officer is prompted → the unmet need is addressed."""
    staff = create_user(Role.STAFF, email="nurse@example.org")
    assert sign_in(client, staff.email, PASSWORDS[Role.STAFF]).status_code == 302
    officer = app.test_client()
    officer_user = create_user(Role.HELPLINE, email="cko@example.org")
    assert sign_in(officer, officer_user.email, PASSWORDS[Role.HELPLINE]).status_code == 302

    ask(client)
    query = the_query()
    assert query.asked_by_id == staff.id
    take(officer, query)
    need_url = f"/helpline/queries/{query.id}/needs/{query.needs[0].id}"
    post_form(
        officer,
        need_url,
        f"{need_url}/unmet",
        **{"unmet-reason": "opening-times", "unmet-description": "Evening befriending in Melton"},
    )
    recorded = db.session.scalars(select(UnmetNeed)).one()
    assert (recorded.state, recorded.area.code) == (UnmetState.OPEN, "melton")

    page = parse(officer.get("/helpline/unmet"))
    row = page.select_one("tbody tr")
    assert "Evening befriending in Melton" in row.text
    assert row.select_one(f"a[href='/helpline/unmet/{recorded.id}']") is not None
    page = parse(officer.get(f"/helpline/unmet/{recorded.id}"))
    assert page.select_one(f"a[href='/helpline/queries/{query.id}']").text == query.reference
    assert "Unmet needs opened this month: 1" in parse(officer.get("/helpline/")).text

    # Months later the officer adds a new evening group, and publishes it.
    organisation = create_organisation(name="Melton Evening Friends Trust")
    db.session.commit()
    page = parse(officer.get("/curate/services/new"))
    data = curation_form_data(
        page,
        name="Melton Evening Friends",
        organisation_id=organisation.id,
        summary="Evening befriending for older people in Melton.",
        description="Volunteers visit or ring in the evenings.",
        need_terms=["befriending"],
        service_types=["vcs-group"],
        areas=["melton"],
        self_referral="y",
    )
    assert officer.post("/curate/services/new", data=data).status_code == 302
    service = db.session.scalars(select(Service).where(Service.name == data["name"])).one()
    token = csrf_token(parse(officer.get(f"/curate/services/{service.id}")))
    response = officer.post(f"/curate/services/{service.id}/publish", data={"csrf_token": token})
    page = parse(officer.get(response.headers["Location"]))
    prompt = page.select_one(".ck-flash a")
    assert "1 open unmet need may be met by this entry" in page.select_one(".ck-flash").text

    page = parse(officer.get(prompt["href"]))
    page = parse(officer.get(page.select_one("tbody tr a")["href"]))
    officer.post(
        f"/helpline/unmet/{recorded.id}/addressed",
        data={
            "csrf_token": csrf_token(page),
            "service_id": page.select_one("select[name=service_id] option[selected]")["value"],
        },
    )
    db.session.expire_all()
    assert (recorded.state, recorded.addressed_by_service_id) == (UnmetState.ADDRESSED, service.id)
    assert actions(recorded.id) == ["unmet_need.created", "unmet_need.addressed"]
    assert parse(officer.get("/helpline/unmet")).select("tbody tr") == []
    page = parse(officer.get("/helpline/unmet?state=addressed"))
    assert "Addressed" in page.select_one("tbody tr .nhsuk-tag").text
