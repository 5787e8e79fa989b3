"""GP practices and connector roles (link workers, local area coordinators, ...) with what they
cover, their versions, and the roles a helpline answer links to

Revision ID: 0011_connector_roles
Revises: 0010_list_positions
Create Date: 2026-11-22 23:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011_connector_roles"
down_revision = "0010_list_positions"
branch_labels = None
depends_on = None

ROLE_TYPES = (
    "local-area-coordinator",
    "social-prescribing-link-worker",
    "peer-support-worker",
    "volunteer-befriender",
    "targeted-vcs-worker",
)
PUBLICATION = ("draft", "published", "archived")


def upgrade():
    op.create_table(
        "gp_practice",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("town", sa.String(length=100), nullable=True),
        sa.Column("pcn_name", sa.String(length=200), nullable=True),
        sa.Column("neighbourhood_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["neighbourhood_id"], ["area.id"], name=op.f("fk_gp_practice_neighbourhood_id_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gp_practice")),
        sa.UniqueConstraint("code", name=op.f("uq_gp_practice_code")),
    )
    with op.batch_alter_table("gp_practice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gp_practice_neighbourhood_id"), ["neighbourhood_id"])

    op.create_table(
        "connector_role",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column(
            "role_type",
            sa.Enum(*ROLE_TYPES, name="roletype", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("how_to_contact", sa.Text(), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("hours", sa.Text(), nullable=True),
        sa.Column("eligibility", sa.Text(), nullable=True),
        sa.Column(
            "publication",
            sa.Enum(*PUBLICATION, name="publicationstate", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("assured_date", sa.Date(), nullable=True),
        sa.Column("assurer", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_connector_role_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connector_role")),
    )
    with op.batch_alter_table("connector_role", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_connector_role_role_type"), ["role_type"])
        batch_op.create_index(batch_op.f("ix_connector_role_organisation_id"), ["organisation_id"])
        batch_op.create_index(batch_op.f("ix_connector_role_publication"), ["publication"])

    op.create_table(
        "connector_role_area",
        sa.Column("role_id", sa.String(length=36), nullable=False),
        sa.Column("area_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_id"], ["area.id"], name=op.f("fk_connector_role_area_area_id_area")
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["connector_role.id"],
            name=op.f("fk_connector_role_area_role_id_connector_role"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("role_id", "area_id", name=op.f("pk_connector_role_area")),
    )
    with op.batch_alter_table("connector_role_area", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_connector_role_area_area_id"), ["area_id"])

    op.create_table(
        "connector_role_practice",
        sa.Column("role_id", sa.String(length=36), nullable=False),
        sa.Column("practice_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["gp_practice.id"],
            name=op.f("fk_connector_role_practice_practice_id_gp_practice"),
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["connector_role.id"],
            name=op.f("fk_connector_role_practice_role_id_connector_role"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("role_id", "practice_id", name=op.f("pk_connector_role_practice")),
    )
    with op.batch_alter_table("connector_role_practice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_connector_role_practice_practice_id"), ["practice_id"])

    op.create_table(
        "helpline_query_connector",
        sa.Column("query_id", sa.String(length=36), nullable=False),
        sa.Column("role_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["query_id"],
            ["helpline_query.id"],
            name=op.f("fk_helpline_query_connector_query_id_helpline_query"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["connector_role.id"],
            name=op.f("fk_helpline_query_connector_role_id_connector_role"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("query_id", "role_id", name=op.f("pk_helpline_query_connector")),
    )
    with op.batch_alter_table("helpline_query_connector", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_helpline_query_connector_role_id"), ["role_id"])

    op.create_table(
        "connector_role_version",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("role_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=60), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_by_email", sa.String(length=254), nullable=True),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["connector_role.id"],
            name=op.f("fk_connector_role_version_role_id_connector_role"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connector_role_version")),
        sa.UniqueConstraint("role_id", "number", name=op.f("uq_connector_role_version_role_id")),
    )
    with op.batch_alter_table("connector_role_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_connector_role_version_role_id"), ["role_id"])


def downgrade():
    with op.batch_alter_table("connector_role_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_connector_role_version_role_id"))
    op.drop_table("connector_role_version")
    with op.batch_alter_table("helpline_query_connector", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_helpline_query_connector_role_id"))
    op.drop_table("helpline_query_connector")
    with op.batch_alter_table("connector_role_practice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_connector_role_practice_practice_id"))
    op.drop_table("connector_role_practice")
    with op.batch_alter_table("connector_role_area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_connector_role_area_area_id"))
    op.drop_table("connector_role_area")
    with op.batch_alter_table("connector_role", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_connector_role_publication"))
        batch_op.drop_index(batch_op.f("ix_connector_role_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_connector_role_role_type"))
    op.drop_table("connector_role")
    with op.batch_alter_table("gp_practice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gp_practice_neighbourhood_id"))
    op.drop_table("gp_practice")
