"""The log of search-relevant changes that every app server's search index follows

Revision ID: 0009_search_changes
Revises: 0008_feed_sources
Create Date: 2026-11-22 19:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009_search_changes"
down_revision = "0008_feed_sources"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_change",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version", "service_id", name=op.f("pk_search_change")),
    )
    with op.batch_alter_table("search_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_change_changed_at"), ["changed_at"])
    with op.batch_alter_table("directory_state", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("search_log_floor", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("directory_state", schema=None) as batch_op:
        batch_op.drop_column("search_log_floor")
    with op.batch_alter_table("search_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_change_changed_at"))
    op.drop_table("search_change")
