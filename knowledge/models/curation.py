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


class UpdateRequestState(enum.StrEnum):
    SENT = "sent"  # waiting for the provider
    ANSWERED = "answered"  # the provider replied: waiting for the officer
    APPROVED = "approved"
    REJECTED = "rejected"


class UpdateRequest(Base):
    """An email asking a provider to confirm or correct their entry, and their answer.

    Only a hash of the one-time link's token is stored; what the provider proposes waits here
    for the officer's approval and never changes the entry by itself."""

    __tablename__ = "update_request"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    sent_to: Mapped[str] = mapped_column(String(254))
    requested_by_email: Mapped[str | None] = mapped_column(String(254))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[UpdateRequestState] = mapped_column(
        string_enum(UpdateRequestState), default=UpdateRequestState.SENT, index=True
    )
    # The provider's answer: {"confirmed": bool, "changes": {field: value}, "comments": str,
    # "seen": {field: value}} (the entry as they saw it, to warn if it has changed since).
    response: Mapped[dict | None] = mapped_column(JSON)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_by_email: Mapped[str | None] = mapped_column(String(254))
    review_note: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship()


class ImportKind(enum.StrEnum):
    CSV = "csv"  # the directory's own spreadsheet (knowledge.curation.exchange)
    ORUK = "oruk"  # an Open Referral UK feed (knowledge.oruk.feeds)


FEED_NAME_LENGTH = 120


class PendingImport(Base):
    """An uploaded file between its dry run and the officer's decision. Deleted when it is
    applied or cancelled; the directory itself is untouched until then."""

    __tablename__ = "pending_import"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    uploaded_by_id: Mapped[str] = mapped_column(String(36), index=True)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    filename: Mapped[str] = mapped_column(String(255))
    # The file as decoded text (UTF-8), checked for size and encoding on upload.
    content: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    kind: Mapped[ImportKind] = mapped_column(
        string_enum(ImportKind), default=ImportKind.CSV, server_default=ImportKind.CSV.value
    )
    # An Open Referral UK feed's name, as the officer gave it: where its records come from.
    feed: Mapped[str | None] = mapped_column(String(FEED_NAME_LENGTH))


class DuplicateDismissal(Base):
    """The officer looked at two entries flagged as possible duplicates and decided they are
    different services: the pair is not flagged again. The pair is stored in id order."""

    __tablename__ = "duplicate_dismissal"
    __table_args__ = (UniqueConstraint("first_id", "second_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    first_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    second_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    dismissed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    dismissed_by_email: Mapped[str | None] = mapped_column(String(254))


class FeedRecordType(enum.StrEnum):
    SERVICE = "service"
    ORGANIZATION = "organization"
    LOCATION = "location"


class FeedSource(Base):
    """Where an imported record came from: the feed, and the record's id there. Importing the
    feed again finds the record through this and updates it instead of adding it twice; an id
    the feed shares with a record from another feed is given a new one here, remembered too."""

    __tablename__ = "feed_source"
    __table_args__ = (UniqueConstraint("feed", "record_type", "original_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    feed: Mapped[str] = mapped_column(String(FEED_NAME_LENGTH))
    record_type: Mapped[FeedRecordType] = mapped_column(string_enum(FeedRecordType))
    original_id: Mapped[str] = mapped_column(String(36))
    local_id: Mapped[str] = mapped_column(String(36), index=True)
    first_imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # When an import last created or changed the record.
    last_imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
