"""The declarative base every model shares."""

import enum
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Enum, MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so Alembic can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def new_id() -> str:
    """Open Referral UK ids are strings holding a UUID."""
    return str(uuid.uuid4())


# Ids in one IN (…): well within the bound-parameter limits of SQLite (32,766) and PostgreSQL
# drivers (65,535), however many ids a caller has.
CHUNK = 500


def chunks(ids: Iterable[str]) -> list[list[str]]:
    """`ids`, sorted, in lists short enough for one IN (…) each."""
    ordered = sorted(ids)
    return [ordered[start : start + CHUNK] for start in range(0, len(ordered), CHUNK)]


def utc_now() -> datetime:
    return datetime.now(UTC)


def string_enum(cls: type[enum.Enum]) -> Enum:
    """A Python enum stored as its values in a short VARCHAR, the same on SQLite and PostgreSQL."""
    return Enum(
        cls,
        native_enum=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
