"""Open Referral UK feed imports: where each imported record came from, and pending uploads
that say which kind of file they hold

Revision ID: 0008_feed_sources
Revises: 0007_helpline
Create Date: 2026-11-22 17:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008_feed_sources"
down_revision = "0007_helpline"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "feed_source",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("feed", sa.String(length=120), nullable=False),
        sa.Column(
            "record_type",
            sa.Enum(
                "service",
                "organization",
                "location",
                name="feedrecordtype",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("original_id", sa.String(length=36), nullable=False),
        sa.Column("local_id", sa.String(length=36), nullable=False),
        sa.Column("first_imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_source")),
        sa.UniqueConstraint("feed", "record_type", "original_id", name=op.f("uq_feed_source_feed")),
    )
    with op.batch_alter_table("feed_source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feed_source_local_id"), ["local_id"], unique=False)

    # Uploads already waiting are CSV files: the only kind there was.
    with op.batch_alter_table("pending_import", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sa.Enum("csv", "oruk", name="importkind", native_enum=False, length=32),
                server_default="csv",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("feed", sa.String(length=120), nullable=True))

    # When the directory last changed, as committed (knowledge/models/directory_state.py): one
    # row, from now; what changed before is covered by the app's own start time.
    op.create_table(
        "directory_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_directory_state_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_state")),
    )
    op.execute(
        "INSERT INTO directory_state (id, changed_at, version) VALUES (1, CURRENT_TIMESTAMP, 0)"
    )


def downgrade():
    op.drop_table("directory_state")

    # A waiting feed upload would otherwise be read as a CSV file.
    op.execute("DELETE FROM pending_import WHERE kind = 'oruk'")
    with op.batch_alter_table("pending_import", schema=None) as batch_op:
        batch_op.drop_column("feed")
        batch_op.drop_column("kind")

    with op.batch_alter_table("feed_source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feed_source_local_id"))

    op.drop_table("feed_source")
