"""Fixtures for the reports: small hand-made activity, and the demo activity for smoke tests."""

from datetime import UTC, date, datetime
from itertools import count
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from knowledge.commands import SEED_FOLDER
from knowledge.directory import seeding
from knowledge.extensions import db
from knowledge.helpline import demo
from knowledge.models import (
    AgeBand,
    Area,
    HelplineQuery,
    NeedOutcome,
    OtherNeedsEntry,
    QueryChannel,
    QueryNeed,
    QueryState,
    Role,
    Specialty,
    SupportLevel,
    TaxonomyTerm,
    UnmetNeed,
    UnmetReason,
)
from tests.conftest import PASSWORDS, create_user, make_app, sign_in

UK = ZoneInfo("Europe/London")
_numbers = count(1)


def term(code: str) -> TaxonomyTerm:
    return db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.code == code)).one()


def area(code: str | None) -> Area | None:
    if code is None:
        return None
    return db.session.scalars(select(Area).where(Area.code == code)).one()


def uk(moment: datetime) -> datetime:
    """A UK wall-clock time as the database keeps it: UTC."""
    return moment.replace(tzinfo=UK).astimezone(UTC)


def add_query(
    received: datetime,
    *needs: tuple[str, NeedOutcome | None],
    place: str | None = "leicester-central",
    specialty: Specialty | None = Specialty.AMH,
    age_band: AgeBand | None = AgeBand.AGE_26_64,
    state: QueryState = QueryState.ANSWERED,
    answered: bool = True,
    reason: UnmetReason = UnmetReason.NO_SERVICE,
) -> HelplineQuery:
    """A query received at a UK time, with (need code, outcome) pairs (one befriending need
    met by an existing entry if none given). An unmet need gets an unmet need of its own."""
    number = next(_numbers)
    query = HelplineQuery(
        reference=f"Q-TEST-{number:05d}",
        channel=QueryChannel.PHONE,
        question="A person would like company in the week.",
        area=area(place),
        caller_specialty=specialty,
        age_band=age_band,
        state=state,
        received_at=uk(received),
        answered_at=uk(received) if answered else None,
    )
    for position, (code, outcome) in enumerate(
        needs or (("befriending", NeedOutcome.MET_EXISTING),)
    ):
        need = QueryNeed(position=position, need_term=term(code), outcome=outcome)
        if outcome is NeedOutcome.UNMET:
            need.unmet_need = UnmetNeed(
                need_term=term(code),
                reason=reason,
                area=area(place),
                first_seen=received.date(),
            )
        query.needs.append(need)
    db.session.add(query)
    return query


def add_unmet(
    first_seen: date,
    code: str = "befriending",
    *,
    place: str | None = "blaby",
    reason: UnmetReason = UnmetReason.COST,
    specialty: Specialty | None = None,
    age_band: AgeBand | None = None,
) -> UnmetNeed:
    """An unmet need the helpline logged directly, with no query."""
    unmet = UnmetNeed(
        need_term=term(code),
        reason=reason,
        area=area(place),
        first_seen=first_seen,
        specialty=specialty,
        age_band=age_band,
    )
    db.session.add(unmet)
    return unmet


def add_entry(
    created: datetime,
    code: str = "befriending",
    *,
    level: SupportLevel = SupportLevel.ADVICE,
    place: str | None = "leicester-central",
    specialty: Specialty = Specialty.AMH,
) -> OtherNeedsEntry:
    entry = OtherNeedsEntry(
        person_pseudonym=f"{next(_numbers):064d}",
        need_term=term(code),
        support_level=level,
        specialty=specialty,
        age_band=AgeBand.AGE_26_64,
        area=area(place),
        created_at=uk(created),
    )
    db.session.add(entry)
    return entry


@pytest.fixture(scope="session")
def activity_app(tmp_path_factory):
    """The demo directory and the demo activity (June to November 2026 at the test clock), with
    an account for each role that may read the reports."""
    app = make_app(tmp_path_factory.mktemp("reports-demo"))
    with app.app_context():
        db.create_all()
        seeding.load_reference_data(SEED_FOLDER)
        seeding.load_demo_directory(SEED_FOLDER / "demo_directory.json")
        asker = create_user(Role.STAFF, email="staff@example.org")
        handler = create_user(Role.HELPLINE, email="helpline@example.org")
        create_user(Role.COMMISSIONER, email="commissioner@example.org")
        create_user(Role.ADMIN, email="admin@example.org")
        demo.load_demo_activity(asker, handler)
        db.session.remove()
    return app


@pytest.fixture
def activity(activity_app):
    with activity_app.app_context():
        yield activity_app
        db.session.rollback()
        db.session.remove()


@pytest.fixture
def commissioner(activity_app):
    client = activity_app.test_client()
    response = sign_in(client, "commissioner@example.org", PASSWORDS[Role.COMMISSIONER])
    assert response.status_code == 302
    return client
