"""The migrations build exactly the schema the models describe, and can be undone."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from knowledge.extensions import db
from tests.conftest import make_app


def test_migrated_schema_matches_the_models(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            differences = compare_metadata(context, db.metadata)
        assert differences == []


def test_downgrade_removes_every_table(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert inspect(db.engine).get_table_names() == ["alembic_version"]


def test_the_database_refuses_to_change_the_audit_log(tmp_path):
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    app = make_app(tmp_path)
    with app.app_context():
        upgrade()
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_event (occurred_at, action, details) "
                    "VALUES ('2026-11-24 09:00:00', 'test.event', '{}')"
                )
            )
        for statement in (
            "UPDATE audit_event SET action = 'rewritten'",
            "DELETE FROM audit_event",
        ):
            with pytest.raises(DatabaseError, match="append-only"), db.engine.begin() as connection:
                connection.execute(text(statement))


def test_upgrading_and_downgrading_keep_every_row(tmp_path):
    """SQLite alters a table by copying it: with foreign keys enforced, dropping the original
    would cascade and silently delete every schedule, phone and version of every service."""
    from sqlalchemy import text

    from knowledge.commands import SEED_FOLDER
    from knowledge.directory.seeding import load_demo_directory, load_reference_data

    app = make_app(tmp_path)
    tables = ("service", "schedule", "phone", "service_area", "service_taxonomy_term")
    with app.app_context():
        upgrade()
        load_reference_data(SEED_FOLDER)
        load_demo_directory(SEED_FOLDER / "demo_directory.json")
        db.session.commit()

        def counts() -> dict[str, int]:
            with db.engine.connect() as connection:
                return {
                    t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                    for t in tables
                }

        def lists() -> dict[str, list]:
            """Each service's phones and opening times in their order (added by 0010)."""
            with db.engine.connect() as connection:
                return {
                    t: connection.execute(
                        text(
                            f"SELECT service_id, id FROM {t} WHERE service_id IS NOT NULL"
                            " ORDER BY service_id, position"
                        )
                    ).all()
                    for t in ("phone", "schedule")
                }

        before, in_order = counts(), lists()
        assert all(before.values())
        downgrade(revision="0004_suggestions")
        assert counts() == before
        upgrade()
        assert counts() == before
        assert lists() == in_order
