"""Versions of every saved service, and how often each is checked with its provider.

Revision ID: 0003_service_versions
Revises: 0002_accounts_and_audit
Create Date: 2026-11-22 12:14:54.369205

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0003_service_versions"
down_revision = "0002_accounts_and_audit"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "service_version",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=60), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_by_id", sa.String(length=36), nullable=True),
        sa.Column("saved_by_email", sa.String(length=254), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_service_version_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_version")),
        sa.UniqueConstraint("service_id", "number", name=op.f("uq_service_version_service_id")),
    )
    with op.batch_alter_table("service_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_version_service_id"), ["service_id"], unique=False
        )

    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("review_interval_months", sa.Integer(), nullable=False, server_default="6")
        )


def downgrade():
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_column("review_interval_months")

    with op.batch_alter_table("service_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_version_service_id"))

    op.drop_table("service_version")
