"""The directory: organisations, services, locations, schedules, vocabularies and areas (ORUK 3.0),
and the log of searches that found nothing.

Revision ID: 0001_directory
Revises: (none)
Create Date: 2026-11-22 11:15:08.398282

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0001_directory"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "area",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "region", "district", "neighbourhood", name="areakind", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("parent_id", sa.String(length=36), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["parent_id"], ["area.id"], name=op.f("fk_area_parent_id_area")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area")),
        sa.UniqueConstraint("code", name=op.f("uq_area_code")),
    )
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_area_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "organisation",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_name"), ["name"], unique=False)

    op.create_table(
        "taxonomy",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taxonomy")),
        sa.UniqueConstraint("code", name=op.f("uq_taxonomy_code")),
    )
    op.create_table(
        "zero_result_search",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("words", sa.String(length=200), nullable=False),
        sa.Column("searched_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zero_result_search")),
    )
    with op.batch_alter_table("zero_result_search", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_zero_result_search_searched_on"), ["searched_on"], unique=False
        )

    op.create_table(
        "location",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("address_1", sa.String(length=200), nullable=False),
        sa.Column("address_2", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("transport_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_location_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_location")),
    )
    with op.batch_alter_table("location", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_location_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "service",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "temporarily-closed",
                "inactive",
                "defunct",
                name="servicestatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("status_note", sa.Text(), nullable=True),
        sa.Column(
            "publication",
            sa.Enum(
                "draft",
                "published",
                "archived",
                name="publicationstate",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("minimum_age", sa.Integer(), nullable=True),
        sa.Column("maximum_age", sa.Integer(), nullable=True),
        sa.Column("eligibility_description", sa.Text(), nullable=True),
        sa.Column("self_referral", sa.Boolean(), nullable=False),
        sa.Column("professional_referral", sa.Boolean(), nullable=False),
        sa.Column("drop_in", sa.Boolean(), nullable=False),
        sa.Column("referral_description", sa.Text(), nullable=True),
        sa.Column("schedule_notes", sa.Text(), nullable=True),
        sa.Column("assured_date", sa.Date(), nullable=True),
        sa.Column("assurer", sa.String(length=200), nullable=True),
        sa.Column("staff_notes", sa.Text(), nullable=True),
        sa.Column("do_not_refer", sa.Boolean(), nullable=False),
        sa.Column("do_not_refer_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_modified", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_service_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service")),
    )
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_service_publication"), ["publication"], unique=False)

    op.create_table(
        "taxonomy_term",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("taxonomy_id", sa.String(length=36), nullable=False),
        sa.Column("parent_id", sa.String(length=36), nullable=True),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["taxonomy_term.id"],
            name=op.f("fk_taxonomy_term_parent_id_taxonomy_term"),
        ),
        sa.ForeignKeyConstraint(
            ["taxonomy_id"], ["taxonomy.id"], name=op.f("fk_taxonomy_term_taxonomy_id_taxonomy")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taxonomy_term")),
        sa.UniqueConstraint("taxonomy_id", "code", name=op.f("uq_taxonomy_term_taxonomy_id")),
    )
    with op.batch_alter_table("taxonomy_term", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_taxonomy_term_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_taxonomy_term_taxonomy_id"), ["taxonomy_id"], unique=False
        )

    op.create_table(
        "accessibility",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("location_id", sa.String(length=36), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("details", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["location.id"],
            name=op.f("fk_accessibility_location_id_location"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accessibility")),
    )
    with op.batch_alter_table("accessibility", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_accessibility_location_id"), ["location_id"], unique=False
        )

    op.create_table(
        "contact",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_contact_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_service_id"), ["service_id"], unique=False)

    op.create_table(
        "cost_option",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("option", sa.String(length=200), nullable=False),
        sa.Column("amount", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount_description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_cost_option_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_option")),
    )
    with op.batch_alter_table("cost_option", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cost_option_service_id"), ["service_id"], unique=False)

    op.create_table(
        "language",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_language_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_language")),
    )
    with op.batch_alter_table("language", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_language_service_id"), ["service_id"], unique=False)

    op.create_table(
        "schedule",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("freq", sa.String(length=10), nullable=False),
        sa.Column("byday", sa.String(length=40), nullable=False),
        sa.Column("opens_at", sa.Time(), nullable=False),
        sa.Column("closes_at", sa.Time(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_schedule_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule")),
    )
    with op.batch_alter_table("schedule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_schedule_service_id"), ["service_id"], unique=False)

    op.create_table(
        "service_area",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("area_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_id"], ["area.id"], name=op.f("fk_service_area_area_id_area")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_service_area_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_area")),
        sa.UniqueConstraint("service_id", "area_id", name=op.f("uq_service_area_service_id")),
    )
    with op.batch_alter_table("service_area", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_area_area_id"), ["area_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_service_area_service_id"), ["service_id"], unique=False
        )

    op.create_table(
        "service_at_location",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("location_id", sa.String(length=36), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["location.id"],
            name=op.f("fk_service_at_location_location_id_location"),
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_service_at_location_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_at_location")),
        sa.UniqueConstraint(
            "service_id", "location_id", name=op.f("uq_service_at_location_service_id")
        ),
    )
    with op.batch_alter_table("service_at_location", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_at_location_location_id"), ["location_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_at_location_service_id"), ["service_id"], unique=False
        )

    op.create_table(
        "service_taxonomy_term",
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("taxonomy_term_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_service_taxonomy_term_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["taxonomy_term_id"],
            ["taxonomy_term.id"],
            name=op.f("fk_service_taxonomy_term_taxonomy_term_id_taxonomy_term"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "service_id", "taxonomy_term_id", name=op.f("pk_service_taxonomy_term")
        ),
    )
    op.create_table(
        "phone",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=True),
        sa.Column("service_id", sa.String(length=36), nullable=True),
        sa.Column("organisation_id", sa.String(length=36), nullable=True),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_phone_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_phone_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_phone_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone")),
    )
    with op.batch_alter_table("phone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phone_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_phone_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_phone_service_id"), ["service_id"], unique=False)


def downgrade():
    with op.batch_alter_table("phone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phone_service_id"))
        batch_op.drop_index(batch_op.f("ix_phone_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_phone_contact_id"))

    op.drop_table("phone")
    op.drop_table("service_taxonomy_term")
    with op.batch_alter_table("service_at_location", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_at_location_service_id"))
        batch_op.drop_index(batch_op.f("ix_service_at_location_location_id"))

    op.drop_table("service_at_location")
    with op.batch_alter_table("service_area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_area_service_id"))
        batch_op.drop_index(batch_op.f("ix_service_area_area_id"))

    op.drop_table("service_area")
    with op.batch_alter_table("schedule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_schedule_service_id"))

    op.drop_table("schedule")
    with op.batch_alter_table("language", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_language_service_id"))

    op.drop_table("language")
    with op.batch_alter_table("cost_option", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cost_option_service_id"))

    op.drop_table("cost_option")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_service_id"))

    op.drop_table("contact")
    with op.batch_alter_table("accessibility", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accessibility_location_id"))

    op.drop_table("accessibility")
    with op.batch_alter_table("taxonomy_term", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_taxonomy_term_taxonomy_id"))
        batch_op.drop_index(batch_op.f("ix_taxonomy_term_parent_id"))

    op.drop_table("taxonomy_term")
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_publication"))
        batch_op.drop_index(batch_op.f("ix_service_organisation_id"))

    op.drop_table("service")
    with op.batch_alter_table("location", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_location_organisation_id"))

    op.drop_table("location")
    with op.batch_alter_table("zero_result_search", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zero_result_search_searched_on"))

    op.drop_table("zero_result_search")
    op.drop_table("taxonomy")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_name"))

    op.drop_table("organisation")
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_area_parent_id"))

    op.drop_table("area")
