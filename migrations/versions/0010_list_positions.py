"""A position for every item of an ordered list (phones, opening times, contacts, costs, areas,
places, accessibility): SQL keeps rows in no order, and PostgreSQL gives them back as they lie
on disk

Revision ID: 0010_list_positions
Revises: 0009_search_changes
Create Date: 2026-11-22 20:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0010_list_positions"
down_revision = "0009_search_changes"
branch_labels = None
depends_on = None

# Table → the columns naming its item's owner (a phone belongs to a service, an organisation
# or a contact).
OWNERS = {
    "accessibility": ("location_id",),
    "contact": ("service_id",),
    "cost_option": ("service_id",),
    "phone": ("service_id", "organisation_id", "contact_id"),
    "schedule": ("service_id",),
    "service_area": ("service_id",),
    "service_at_location": ("service_id",),
}


def upgrade():
    for table in OWNERS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("position", sa.Integer(), server_default="0", nullable=False)
            )
    # Number each list as the database gave it back until now: in the order the rows were
    # written on SQLite (rowid), in the order they lie on disk on PostgreSQL (ctid).
    physical_order = "ctid" if op.get_bind().dialect.name == "postgresql" else "rowid"
    for table, owners in OWNERS.items():
        op.execute(
            f"UPDATE {table} SET position = numbered.position FROM ("
            f" SELECT id, row_number() OVER (PARTITION BY {', '.join(owners)}"
            f" ORDER BY {physical_order}) - 1 AS position FROM {table}"
            f") AS numbered WHERE {table}.id = numbered.id"
        )


def downgrade():
    for table in OWNERS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("position")
