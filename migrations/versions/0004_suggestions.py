"""Reports of problems with entries and suggested services, from the public and staff.

Revision ID: 0004_suggestions
Revises: 0003_service_versions
Create Date: 2026-11-22 12:30:55.444660

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004_suggestions"
down_revision = "0003_service_versions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "suggestion",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("problem", "new-service", name="suggestionkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "topic",
            sa.Enum(
                "out-of-date",
                "closed",
                "wrong-contact",
                "new-service",
                "other",
                name="suggestiontopic",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("service_id", sa.String(length=36), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("service_name", sa.String(length=200), nullable=True),
        sa.Column("reply_email", sa.String(length=254), nullable=True),
        sa.Column("from_staff", sa.Boolean(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "new", "actioned", "dismissed", name="suggestionstate", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_by_email", sa.String(length=254), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_suggestion_service_id_service"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion")),
    )
    with op.batch_alter_table("suggestion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_suggestion_service_id"), ["service_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_suggestion_state"), ["state"], unique=False)


def downgrade():
    with op.batch_alter_table("suggestion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suggestion_state"))
        batch_op.drop_index(batch_op.f("ix_suggestion_service_id"))

    op.drop_table("suggestion")
