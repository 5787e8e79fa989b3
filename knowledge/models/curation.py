"""What the Community Knowledge Officer's work leaves behind: versions of every entry."""

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge.models.base import Base, new_id, string_enum, utc_now
from knowledge.models.directory import Service


class ServiceVersion(Base):
    """A service as it stood after one save: the whole entry, so any two can be compared and
    any one restored."""

    __tablename__ = "service_version"
    __table_args__ = (UniqueConstraint("service_id", "number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict] = mapped_column(JSON)
    # Why this version exists: "created", "edited", "published", "checked", "restored 3" …
    reason: Mapped[str] = mapped_column(String(60))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    saved_by_id: Mapped[str | None] = mapped_column(String(36))
    saved_by_email: Mapped[str | None] = mapped_column(String(254))


class SuggestionKind(enum.StrEnum):
    PROBLEM = "problem"
    NEW_SERVICE = "new-service"


class SuggestionTopic(enum.StrEnum):
    OUT_OF_DATE = "out-of-date"
    CLOSED = "closed"
    WRONG_CONTACT = "wrong-contact"
    NEW_SERVICE = "new-service"
    OTHER = "other"

    @property
    def label(self) -> str:
        return SUGGESTION_TOPIC_LABELS[self]


SUGGESTION_TOPIC_LABELS = {
    SuggestionTopic.OUT_OF_DATE: "Information is out of date",
    SuggestionTopic.CLOSED: "The service has closed",
    SuggestionTopic.WRONG_CONTACT: "Contact details are wrong",
    SuggestionTopic.NEW_SERVICE: "A service to add",
    SuggestionTopic.OTHER: "Something else",
}


class SuggestionState(enum.StrEnum):
    NEW = "new"
    ACTIONED = "actioned"
    DISMISSED = "dismissed"


class Suggestion(Base):
    """A report of a problem with an entry, or a service to add, from the public or staff."""

    __tablename__ = "suggestion"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[SuggestionKind] = mapped_column(string_enum(SuggestionKind))
    topic: Mapped[SuggestionTopic] = mapped_column(string_enum(SuggestionTopic))
    service_id: Mapped[str | None] = mapped_column(
        ForeignKey("service.id", ondelete="SET NULL"), index=True
    )
    details: Mapped[str] = mapped_column(Text)
    # Only for a new service: what it is called and where.
    service_name: Mapped[str | None] = mapped_column(String(200))
    # Optional, given by the person so the officer can reply; removed when the report is closed.
    reply_email: Mapped[str | None] = mapped_column(String(254))
    from_staff: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[SuggestionState] = mapped_column(
        string_enum(SuggestionState), default=SuggestionState.NEW, index=True
    )
    note: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    handled_by_email: Mapped[str | None] = mapped_column(String(254))

    service: Mapped[Service | None] = relationship()
