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
