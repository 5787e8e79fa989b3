"""When the directory last changed, as committed (knowledge/models/directory_state.py): moved
on by every commit that changes what the directory publishes, and by nothing else; stamped at
commit, never at flush, and never backwards."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from knowledge.audit.services import record
from knowledge.commands import SEED_FOLDER
from knowledge.curation.services import update_phones
from knowledge.directory import seeding
from knowledge.extensions import db
from knowledge.models import DirectoryState, Role, Service, TaxonomyTerm
from tests.factories import create_service

MOMENT = datetime(2026, 11, 24, 19, 40, tzinfo=UTC)


def state() -> tuple[int, datetime]:
    db.session.expire_all()
    row = db.session.scalars(select(DirectoryState)).one()
    return row.version, row.changed_at.replace(tzinfo=UTC)


def clock_at(app, monkeypatch, moment: datetime) -> None:
    monkeypatch.setitem(app.config, "UTC_NOW", lambda: moment)


def test_it_moves_only_when_the_directory_changes(app, client, login_as):
    service = create_service()
    version, _ = state()

    login_as(Role.HELPLINE)  # a sign-in: a user's row and an audit row
    record("test.nothing_to_do_with_the_directory")
    db.session.commit()
    db.session.commit()  # nothing at all
    service.name = "Renamed, then thought better of"
    db.session.flush()
    db.session.rollback()
    assert update_phones(service, [(p.number, p.description) for p in service.phones]) is False
    assert state()[0] == version

    assert update_phones(service, [("0116 496 0999", "Bookings")]) is True
    assert state()[0] == version + 1
    # A change to the service's terms alone (a row of the association table).
    term = db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.code == "befriending")).one()
    service.taxonomy_terms.append(term)
    db.session.commit()
    assert state()[0] == version + 2
    # A statement rather than an object.
    db.session.execute(update(Service).values(status_note="Closed on bank holidays"))
    db.session.commit()
    assert state()[0] == version + 3


def test_the_stamp_is_taken_at_commit_and_never_goes_back(app, monkeypatch):
    version, _ = state()
    clock_at(app, monkeypatch, MOMENT)
    create_service(commit=False)
    db.session.flush()  # a long transaction: flushed now …
    clock_at(app, monkeypatch, MOMENT + timedelta(minutes=5))
    db.session.commit()  # … committed later
    assert state() == (version + 1, MOMENT + timedelta(minutes=5))

    # Another app server whose clock is behind: the stamp stays where it was.
    clock_at(app, monkeypatch, MOMENT)
    create_service(name="Another")
    assert state() == (version + 2, MOMENT + timedelta(minutes=5))


def test_loading_the_reference_data_moves_it(app, monkeypatch):
    """As every loader does: the hook is the session's, not any one feature's."""
    db.drop_all()
    db.create_all()
    assert state()[0] == 0
    clock_at(app, monkeypatch, MOMENT)
    seeding.load_reference_data(SEED_FOLDER)
    version, changed_at = state()
    assert version > 0 and changed_at == MOMENT
