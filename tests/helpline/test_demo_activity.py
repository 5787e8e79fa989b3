"""The demo activity: realistic, repeatable, loaded once, and free of anything identifying."""

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import func, select

from knowledge.careplan import services as careplan
from knowledge.clock import uk_day
from knowledge.commands import SEED_FOLDER
from knowledge.directory import seeding
from knowledge.domain.identifiers import find_personal_details, is_valid_nhs_number
from knowledge.domain.pseudonyms import person_pseudonym
from knowledge.extensions import db
from knowledge.helpline import demo, unmet
from knowledge.helpline.dashboard import helpline_dashboard
from knowledge.models import (
    HelplineQuery,
    NeedOutcome,
    OtherNeedsEntry,
    PublicationState,
    QueryChannel,
    QueryNeed,
    QueryNote,
    QueryState,
    Role,
    ServiceOffer,
    UnmetNeed,
    UnmetState,
    User,
    ZeroResultSearch,
)
from tests.conftest import FIXED_NOW, create_user, make_app, stored_bytes

README = Path(__file__).resolve().parents[2] / "README.md"
ACTIVITY = (OtherNeedsEntry, ServiceOffer, HelplineQuery, QueryNeed, QueryNote, UnmetNeed)


def load(app) -> tuple[User, User]:
    seeding.load_reference_data(SEED_FOLDER)
    seeding.load_demo_directory(SEED_FOLDER / "demo_directory.json")
    asker = create_user(Role.STAFF, email="staff@example.org")
    handler = create_user(Role.HELPLINE, email="helpline@example.org")
    demo.load_demo_activity(asker, handler)
    return asker, handler


@pytest.fixture(scope="module")
def activity_app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("activity"))
    with app.app_context():
        db.create_all()
        load(app)
        db.session.remove()
    return app


@pytest.fixture
def activity(activity_app):
    with activity_app.app_context():
        yield activity_app
        db.session.rollback()
        db.session.remove()


def snapshot() -> list[tuple]:
    """Everything the demo wrote, without the accounts' random ids."""
    db.session.expire_all()
    rows: list[tuple] = []
    for query in db.session.scalars(select(HelplineQuery).order_by(HelplineQuery.id)):
        rows.append(
            (
                query.id,
                query.reference,
                query.channel,
                query.question,
                query.answer,
                query.state,
                query.received_at,
                query.closed_at,
                query.follow_up_on,
                query.person_pseudonym,
                query.area_id,
                query.asked_by.email if query.asked_by else None,
                tuple(
                    (n.id, n.need_term_id, n.outcome, n.service_id, n.unmet_need_id)
                    for n in query.needs
                ),
            )
        )
    for need in db.session.scalars(select(UnmetNeed).order_by(UnmetNeed.id)):
        rows.append(
            (
                need.id,
                need.need_term_id,
                need.reason,
                need.area_id,
                need.description,
                need.state,
                need.first_seen,
                need.reported_on,
                need.addressed_by_service_id,
                need.closed_reason,
            )
        )
    for entry in db.session.scalars(select(OtherNeedsEntry).order_by(OtherNeedsEntry.id)):
        rows.append(
            (
                entry.id,
                entry.person_pseudonym,
                entry.need_term_id,
                entry.description,
                entry.support_level,
                entry.status,
                entry.created_at,
                entry.area_id,
                entry.team,
                *((o.service_id, o.outcome) for o in entry.offers),
            )
        )
    rows.extend(
        (s.id, s.words, s.searched_on)
        for s in db.session.scalars(select(ZeroResultSearch).order_by(ZeroResultSearch.id))
    )
    return rows


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


# Once, and the same every time ------------------------------------------------------------------


def test_seed_demo_adds_the_activity_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed", "demo"])
    assert first.exit_code == 0, first.output
    assert "Demo activity: 250 people, " in first.output
    counts = {model: count(model) for model in ACTIVITY}
    assert counts[HelplineQuery] == demo.QUERIES
    staff = db.session.scalars(select(User).where(User.email == "staff@example.org")).one()
    assert db.session.scalar(
        select(func.count()).select_from(HelplineQuery).where(HelplineQuery.asked_by_id == staff.id)
    )

    second = runner.invoke(args=["seed", "demo"])
    assert second.exit_code == 0, second.output
    assert "Demo activity: already present" in second.output
    assert {model: count(model) for model in ACTIVITY} == counts


def test_a_database_with_queries_of_its_own_gets_no_demo_activity(app):
    seeding.load_reference_data(SEED_FOLDER)
    seeding.load_demo_directory(SEED_FOLDER / "demo_directory.json")
    asker = create_user(Role.STAFF, email="staff@example.org")
    handler = create_user(Role.HELPLINE, email="helpline@example.org")
    db.session.add(
        HelplineQuery(reference="Q-2026-0001", channel=QueryChannel.PHONE, question="Befriending")
    )
    db.session.commit()
    counts = demo.load_demo_activity(asker, handler)
    assert counts.describe() == "not added: the helpline already has queries"
    assert count(HelplineQuery) == 1
    assert count(OtherNeedsEntry) == 0


def test_the_same_clock_gives_the_same_data(activity_app, app):
    """Loaded again into another database at the same clock: row for row the same as the
    module's own load (the activity fixture's app)."""
    with activity_app.app_context():
        first = snapshot()
        db.session.remove()
    load(app)
    assert snapshot() == first
    assert len(first) > 1000


# Realistic ------------------------------------------------------------------------------------


def test_a_few_months_of_realistic_volumes(activity):
    assert 380 <= count(OtherNeedsEntry) <= 420
    people = db.session.scalar(select(func.count(OtherNeedsEntry.person_pseudonym.distinct())))
    assert people == demo.PEOPLE
    assert count(HelplineQuery) == demo.QUERIES
    assert count(UnmetNeed) == demo.GAPS_FROM_QUERIES + demo.GAPS_LOGGED_DIRECTLY

    queries = db.session.scalars(select(HelplineQuery)).all()
    received = sorted(uk_day(q.received_at) for q in queries)
    assert date(2026, 6, 1) <= received[0] < date(2026, 6, 8)
    assert received[-1] == FIXED_NOW.date()
    assert {q.channel for q in queries} == set(QueryChannel)
    states = Counter(q.state for q in queries)
    assert states[QueryState.CLOSED] > 0.8 * len(queries)
    assert all(states[s] for s in QueryState)
    outcomes = Counter(n.outcome for q in queries for n in q.needs)
    assert outcomes.most_common(1)[0][0] is NeedOutcome.MET_EXISTING
    assert all(outcomes[o] for o in NeedOutcome)
    decided = [
        n for q in queries for n in q.needs if n.outcome and n.outcome is not NeedOutcome.UNMET
    ]
    assert all(
        n.service is not None and n.service.publication is PublicationState.PUBLISHED
        for n in decided
    )
    assert all(
        n.service.terms_in("need-domain")
        and n.need_term.top.id in {t.top.id for t in n.service.terms_in("need-domain")}
        for n in decided
    )


def test_unmet_needs_group_several_queries_and_move_through_their_states(activity):
    rows = unmet.register(unmet.RegisterFilter(state="all"))
    assert max(r.query_count for r in rows) >= 8
    assert max(r.people_at_least for r in rows) >= 8
    assert sum(1 for r in rows if r.query_count >= 2) >= 15
    assert sum(1 for r in rows if r.query_count == 0) == demo.GAPS_LOGGED_DIRECTLY
    states = Counter(r.unmet.state for r in rows)
    assert all(states[s] for s in UnmetState)
    for row in rows:
        need = row.unmet
        for query_need in need.query_needs:
            assert query_need.outcome is NeedOutcome.UNMET
            assert query_need.need_term.top.id == need.need_term.top.id
            assert unmet.same_place(query_need.query.area, need.area)
        if need.state is UnmetState.ADDRESSED:
            assert need.addressed_by.publication is PublicationState.PUBLISHED
        if need.state is UnmetState.CLOSED:
            assert need.closed_reason
        if need.reported_on:
            assert need.reported_on > need.first_seen
    assert len({r.unmet.area.parent_id or r.unmet.area_id for r in rows}) >= 6


def test_reports_have_cells_big_enough_to_show(activity):
    """Disclosure control hides counts of 1 to 7: some cells must be 8 or more."""
    queries = db.session.scalars(select(HelplineQuery)).all()
    by_domain_and_district = Counter(
        (n.need_term.top.code, unmet.district_of(q.area).code) for q in queries for n in q.needs
    )
    assert sum(1 for v in by_domain_and_district.values() if v >= 8) >= 15
    unmet_by_domain = Counter(
        n.need_term.top.code for q in queries for n in q.needs if n.outcome is NeedOutcome.UNMET
    )
    assert sum(1 for v in unmet_by_domain.values() if v >= 8) >= 4


def test_the_dashboard_and_my_questions_have_something_to_show(activity):
    figures = helpline_dashboard()
    assert figures.waiting >= 10
    assert all(band.count for band in figures.waiting_by_age)
    assert len(figures.overdue_follow_ups) >= 3
    assert figures.unmet_this_month >= 1
    assert figures.unanswered[0].times >= 8
    staff = db.session.scalars(select(User).where(User.email == "staff@example.org")).one()
    handler = db.session.scalars(select(User).where(User.email == "helpline@example.org")).one()
    asked = db.session.scalars(
        select(HelplineQuery).where(HelplineQuery.asked_by_id == staff.id)
    ).all()
    assert len(asked) >= 100
    assert all(q.channel is QueryChannel.APP for q in asked)
    assert {q.handler_id for q in asked if q.state is not QueryState.NEW} == {handler.id}


def test_entries_offer_services_in_their_own_need_domain(activity):
    entries = db.session.scalars(select(OtherNeedsEntry)).all()
    offers = [(e, o) for e in entries for o in e.offers]
    assert len(offers) >= 300
    for entry, offer in offers:
        assert entry.need_term.top.id in {t.top.id for t in offer.service.terms_in("need-domain")}
        assert offer.service.publication is PublicationState.PUBLISHED
    for entry in entries:
        assert set(entry.actions_done) <= {a.value for a in entry.support_level.actions}


# Identifies nobody ------------------------------------------------------------------------------


def free_text() -> list[str]:
    texts: list[str] = []
    for query in db.session.scalars(select(HelplineQuery)):
        texts += [query.question, query.answer or "", query.caller_team]
        texts += [note.text for note in query.notes]
        texts += [need.description or "" for need in query.needs]
    for need in db.session.scalars(select(UnmetNeed)):
        texts += [need.description, need.closed_reason or ""]
    for entry in db.session.scalars(select(OtherNeedsEntry)):
        texts += [entry.description, entry.team]
    texts += list(db.session.scalars(select(ZeroResultSearch.words)))
    return [text for text in texts if text]


def test_no_free_text_holds_an_identifier(activity):
    texts = free_text()
    assert len(texts) > 1500
    flagged = {
        text: find_personal_details(text) for text in set(texts) if find_personal_details(text)
    }
    assert flagged == {}
    assert [t for t in texts if re.search(r"\d", t)] == []


def test_the_numbers_are_test_numbers_and_only_their_pseudonyms_are_stored(activity):
    numbers = demo.demo_nhs_numbers()
    assert len(set(numbers)) == demo.PEOPLE
    assert all(is_valid_nhs_number(n) and n.startswith("999") for n in numbers)
    key = current_app.config["PSEUDONYM_KEY"]
    stored = set(db.session.scalars(select(OtherNeedsEntry.person_pseudonym)))
    assert stored == {person_pseudonym(n, key) for n in numbers}
    asked_about = set(db.session.scalars(select(HelplineQuery.person_pseudonym)))
    assert asked_about - {None} <= stored
    assert len(asked_about) > 150
    # The numbers themselves are nowhere in the database's files; their pseudonyms are.
    database = stored_bytes()
    assert person_pseudonym(numbers[0], key).encode() in database
    assert not any(n.encode() in database for n in numbers[:50])


def test_the_readme_numbers_find_their_entries(activity):
    """Typing one of the README's numbers (spaces and all) finds that person's entries."""
    readme = README.read_text(encoding="utf-8")
    key = current_app.config["PSEUDONYM_KEY"]
    for number in demo.demo_nhs_numbers(3):
        spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
        assert spaced in readme
        assert careplan.person_entries(person_pseudonym(spaced, key))
