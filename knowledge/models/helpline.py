"""Care-plan other-needs entries, helpline queries and the unmet-needs register.

No names and no clinical detail anywhere here. A service user is known only by a keyed
pseudonym of their NHS number or local record number (knowledge/domain/pseudonyms.py); the
number itself is never stored. Free text is short, and the forms warn when it looks like it
holds an identifier.
"""

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge.models.accounts import User
from knowledge.models.base import Base, new_id, string_enum, utc_now
from knowledge.models.connectors import ConnectorRole, helpline_query_connector
from knowledge.models.directory import Area, Service, TaxonomyTerm


class Specialty(enum.StrEnum):
    AMH = "amh"
    CAMHS = "camhs"
    MHSOP = "mhsop"
    LD = "ld"

    @property
    def label(self) -> str:
        return {
            Specialty.AMH: "Adult mental health (AMH)",
            Specialty.CAMHS: "Children and young people (CAMHS)",
            Specialty.MHSOP: "Older people (MHSOP)",
            Specialty.LD: "Learning disabilities (LD)",
        }[self]


class AgeBand(enum.StrEnum):
    """Bands wide enough that reports cannot single anyone out."""

    UNDER_18 = "under-18"
    AGE_18_25 = "18-25"
    AGE_26_64 = "26-64"
    AGE_65_PLUS = "65-plus"

    @property
    def label(self) -> str:
        return {
            AgeBand.UNDER_18: "Under 18",
            AgeBand.AGE_18_25: "18 to 25",
            AgeBand.AGE_26_64: "26 to 64",
            AgeBand.AGE_65_PLUS: "65 and over",
        }[self]


class SupportLevel(enum.StrEnum):
    """The trust's framework for supporting other needs (see ../shared/DOMAIN.md)."""

    ADVICE = "advice-and-information"
    NEEDING_HELP = "needing-help"
    NEEDING_MORE_HELP = "needing-more-help"

    @property
    def label(self) -> str:
        return {
            SupportLevel.ADVICE: "Advice and information",
            SupportLevel.NEEDING_HELP: "Needing help",
            SupportLevel.NEEDING_MORE_HELP: "Needing more help",
        }[self]

    @property
    def actions(self) -> tuple["ExpectedAction", ...]:
        """The framework's expected actions at this level, in order."""
        return LEVEL_ACTIONS[self]


class ExpectedAction(enum.StrEnum):
    PROVIDE_INFORMATION = "provide-information"
    EXPLORE_AND_COACH = "explore-and-coach"
    DISCUSS_OPTIONS = "discuss-options"
    HELP_MAKE_CONTACT = "help-make-contact"
    ORGANISE_ACCESS = "organise-access"
    RECORD_IN_CARE_PLAN = "record-in-care-plan"

    @property
    def label(self) -> str:
        return {
            ExpectedAction.PROVIDE_INFORMATION: "Provide information and contacts",
            ExpectedAction.EXPLORE_AND_COACH: "Explore their needs and coach",
            ExpectedAction.DISCUSS_OPTIONS: "Discuss the options and help them decide",
            ExpectedAction.HELP_MAKE_CONTACT: "Help them make contact",
            ExpectedAction.ORGANISE_ACCESS: "Organise or provide support to access the service",
            ExpectedAction.RECORD_IN_CARE_PLAN: "Record in the care plan",
        }[self]


LEVEL_ACTIONS: dict[SupportLevel, tuple[ExpectedAction, ...]] = {
    SupportLevel.ADVICE: (
        ExpectedAction.PROVIDE_INFORMATION,
        ExpectedAction.RECORD_IN_CARE_PLAN,
    ),
    SupportLevel.NEEDING_HELP: (
        ExpectedAction.EXPLORE_AND_COACH,
        ExpectedAction.DISCUSS_OPTIONS,
        ExpectedAction.HELP_MAKE_CONTACT,
        ExpectedAction.RECORD_IN_CARE_PLAN,
    ),
    SupportLevel.NEEDING_MORE_HELP: (
        ExpectedAction.EXPLORE_AND_COACH,
        ExpectedAction.DISCUSS_OPTIONS,
        ExpectedAction.HELP_MAKE_CONTACT,
        ExpectedAction.ORGANISE_ACCESS,
        ExpectedAction.RECORD_IN_CARE_PLAN,
    ),
}


class EntryStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class OfferOutcome(enum.StrEnum):
    """What happened when a service was offered."""

    GIVEN_INFORMATION = "given-information"
    HELPED_TO_CONTACT = "helped-to-contact"
    SUPPORTED_TO_ATTEND = "supported-to-attend"
    DECLINED = "declined"
    NOT_SUITABLE = "not-suitable"

    @property
    def label(self) -> str:
        return {
            OfferOutcome.GIVEN_INFORMATION: "Given information",
            OfferOutcome.HELPED_TO_CONTACT: "Helped to contact",
            OfferOutcome.SUPPORTED_TO_ATTEND: "Supported to attend",
            OfferOutcome.DECLINED: "Declined",
            OfferOutcome.NOT_SUITABLE: "Not suitable",
        }[self]


class OtherNeedsEntry(Base):
    """One other need in a service user's care plan: the need, the support level, what was
    done and the services offered."""

    __tablename__ = "other_needs_entry"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # HMAC-SHA256 of the NHS number or local record number, keyed from configuration.
    person_pseudonym: Mapped[str] = mapped_column(String(64), index=True)
    need_term_id: Mapped[str] = mapped_column(ForeignKey("taxonomy_term.id"), index=True)
    description: Mapped[str] = mapped_column(String(500), default="")
    support_level: Mapped[SupportLevel] = mapped_column(string_enum(SupportLevel))
    # The expected actions done so far (ExpectedAction values).
    actions_done: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[EntryStatus] = mapped_column(
        string_enum(EntryStatus), default=EntryStatus.OPEN, index=True
    )
    review_date: Mapped[date | None] = mapped_column(Date)
    team: Mapped[str] = mapped_column(String(120), default="")
    specialty: Mapped[Specialty] = mapped_column(string_enum(Specialty))
    age_band: Mapped[AgeBand | None] = mapped_column(string_enum(AgeBand))
    # A neighbourhood or district: never finer.
    area_id: Mapped[str | None] = mapped_column(ForeignKey("area.id"), index=True)
    created_by_id: Mapped[str | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    need_term: Mapped[TaxonomyTerm] = relationship()
    area: Mapped[Area | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    offers: Mapped[list["ServiceOffer"]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="ServiceOffer.offered_at"
    )


class ServiceOffer(Base):
    """A directory service offered for an other-needs entry, and what happened."""

    __tablename__ = "service_offer"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    entry_id: Mapped[str] = mapped_column(
        ForeignKey("other_needs_entry.id", ondelete="CASCADE"), index=True
    )
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), index=True)
    outcome: Mapped[OfferOutcome] = mapped_column(
        string_enum(OfferOutcome), default=OfferOutcome.GIVEN_INFORMATION
    )
    offered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    entry: Mapped[OtherNeedsEntry] = relationship(back_populates="offers")
    service: Mapped[Service] = relationship()


# Helpline --------------------------------------------------------------------------------------


class QueryChannel(enum.StrEnum):
    APP = "app"
    PHONE = "phone"
    EMAIL = "email"


class QueryUrgency(enum.StrEnum):
    TODAY = "today"
    THIS_WEEK = "this-week"
    ROUTINE = "routine"

    @property
    def label(self) -> str:
        return {
            QueryUrgency.TODAY: "Today",
            QueryUrgency.THIS_WEEK: "This week",
            QueryUrgency.ROUTINE: "No rush",
        }[self]


class QueryState(enum.StrEnum):
    NEW = "new"
    IN_PROGRESS = "in-progress"
    ANSWERED = "answered"
    CLOSED = "closed"


class NeedOutcome(enum.StrEnum):
    MET_EXISTING = "met-existing"
    MET_NEW = "met-new"
    PARTLY_MET = "partly-met"
    UNMET = "unmet"

    @property
    def label(self) -> str:
        return {
            NeedOutcome.MET_EXISTING: "Met by an existing entry",
            NeedOutcome.MET_NEW: "Met by a new entry",
            NeedOutcome.PARTLY_MET: "Partly met",
            NeedOutcome.UNMET: "Unmet",
        }[self]


class HelplineQuery(Base):
    """A question to the Community Knowledge Service helpline: asked in the app by staff, or
    logged by a helpline worker from a phone call or email."""

    __tablename__ = "helpline_query"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # A short human reference for phone calls: "Q-2026-0042".
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    channel: Mapped[QueryChannel] = mapped_column(string_enum(QueryChannel))
    asked_by_id: Mapped[str | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    caller_team: Mapped[str] = mapped_column(String(120), default="")
    caller_specialty: Mapped[Specialty | None] = mapped_column(string_enum(Specialty))
    # What is needed, in a sentence or two: no names, no clinical detail.
    question: Mapped[str] = mapped_column(Text)
    area_id: Mapped[str | None] = mapped_column(ForeignKey("area.id"), index=True)
    age_band: Mapped[AgeBand | None] = mapped_column(string_enum(AgeBand))
    urgency: Mapped[QueryUrgency] = mapped_column(
        string_enum(QueryUrgency), default=QueryUrgency.ROUTINE
    )
    # The person the question is about, if known: the same pseudonym as their entries.
    person_pseudonym: Mapped[str | None] = mapped_column(String(64), index=True)
    other_needs_entry_id: Mapped[str | None] = mapped_column(
        ForeignKey("other_needs_entry.id", ondelete="SET NULL"), index=True
    )
    state: Mapped[QueryState] = mapped_column(
        string_enum(QueryState), default=QueryState.NEW, index=True
    )
    handler_id: Mapped[str | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    minutes_spent: Mapped[int] = mapped_column(Integer, default=0)
    follow_up_on: Mapped[date | None] = mapped_column(Date, index=True)
    # The answer the asker sees in "My questions".
    answer: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    asked_by: Mapped[User | None] = relationship(foreign_keys=[asked_by_id])
    handler: Mapped[User | None] = relationship(foreign_keys=[handler_id])
    area: Mapped[Area | None] = relationship()
    other_needs_entry: Mapped[OtherNeedsEntry | None] = relationship()
    # People who can help the person get to support (issue 10), part of the answer.
    connectors: Mapped[list[ConnectorRole]] = relationship(
        secondary=helpline_query_connector, order_by=ConnectorRole.title
    )
    needs: Mapped[list["QueryNeed"]] = relationship(
        back_populates="query", cascade="all, delete-orphan", order_by="QueryNeed.position"
    )
    notes: Mapped[list["QueryNote"]] = relationship(
        back_populates="query", cascade="all, delete-orphan", order_by="QueryNote.written_at"
    )


class QueryNote(Base):
    """A handler's working note on a query (staff-only, no identifiers)."""

    __tablename__ = "query_note"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    query_id: Mapped[str] = mapped_column(
        ForeignKey("helpline_query.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[str | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    query: Mapped[HelplineQuery] = relationship(back_populates="notes")
    author: Mapped[User | None] = relationship()


class QueryNeed(Base):
    """One need within a query, and how it ended."""

    __tablename__ = "query_need"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    query_id: Mapped[str] = mapped_column(
        ForeignKey("helpline_query.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    need_term_id: Mapped[str] = mapped_column(ForeignKey("taxonomy_term.id"), index=True)
    description: Mapped[str] = mapped_column(String(500), default="")
    outcome: Mapped[NeedOutcome | None] = mapped_column(string_enum(NeedOutcome), index=True)
    # Met (or partly met) by this directory entry; for "met by a new entry", the draft created.
    service_id: Mapped[str | None] = mapped_column(
        ForeignKey("service.id", ondelete="SET NULL"), index=True
    )
    unmet_need_id: Mapped[str | None] = mapped_column(
        ForeignKey("unmet_need.id", ondelete="SET NULL"), index=True
    )
    outcome_note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    query: Mapped[HelplineQuery] = relationship(back_populates="needs")
    need_term: Mapped[TaxonomyTerm] = relationship()
    service: Mapped[Service | None] = relationship()
    unmet_need: Mapped["UnmetNeed | None"] = relationship(back_populates="query_needs")


# Unmet needs -----------------------------------------------------------------------------------


class UnmetReason(enum.StrEnum):
    NO_SERVICE = "no-service"
    NOT_ELIGIBLE_AGE = "not-eligible-age"
    NOT_ELIGIBLE_DIAGNOSIS = "not-eligible-diagnosis"
    NOT_ELIGIBLE_RESIDENCE = "not-eligible-residence"
    CAPACITY = "capacity"
    COST = "cost"
    TRANSPORT = "transport"
    OPENING_TIMES = "opening-times"
    BARRIER = "barrier"
    CLOSED = "closed"
    OTHER = "other"

    @property
    def label(self) -> str:
        return UNMET_REASON_LABELS[self]


UNMET_REASON_LABELS = {
    UnmetReason.NO_SERVICE: "No service exists in the area",
    UnmetReason.NOT_ELIGIBLE_AGE: "Not eligible: age",
    UnmetReason.NOT_ELIGIBLE_DIAGNOSIS: "Not eligible: diagnosis",
    UnmetReason.NOT_ELIGIBLE_RESIDENCE: "Not eligible: where they live",
    UnmetReason.CAPACITY: "At capacity or waiting list",
    UnmetReason.COST: "Cost",
    UnmetReason.TRANSPORT: "Transport or distance",
    UnmetReason.OPENING_TIMES: "Opening times",
    UnmetReason.BARRIER: "Language, cultural or accessibility barrier",
    UnmetReason.CLOSED: "Service closed or funding ended",
    UnmetReason.OTHER: "Other",
}


class UnmetState(enum.StrEnum):
    OPEN = "open"
    REPORTED = "reported"
    ADDRESSED = "addressed"
    CLOSED = "closed"


class UnmetNeed(Base):
    """A need nothing in the directory meets: the evidence commissioners see (in aggregate).
    Similar queries join one record rather than each making their own."""

    __tablename__ = "unmet_need"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    need_term_id: Mapped[str] = mapped_column(ForeignKey("taxonomy_term.id"), index=True)
    reason: Mapped[UnmetReason] = mapped_column(string_enum(UnmetReason), index=True)
    # A neighbourhood or district; never finer.
    area_id: Mapped[str | None] = mapped_column(ForeignKey("area.id"), index=True)
    age_band: Mapped[AgeBand | None] = mapped_column(string_enum(AgeBand))
    specialty: Mapped[Specialty | None] = mapped_column(string_enum(Specialty))
    description: Mapped[str] = mapped_column(String(500), default="")
    state: Mapped[UnmetState] = mapped_column(
        string_enum(UnmetState), default=UnmetState.OPEN, index=True
    )
    reported_on: Mapped[date | None] = mapped_column(Date)
    addressed_by_service_id: Mapped[str | None] = mapped_column(
        ForeignKey("service.id", ondelete="SET NULL")
    )
    closed_reason: Mapped[str | None] = mapped_column(Text)
    # When it was first recorded; each query need that joins it adds its own date.
    first_seen: Mapped[date] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    created_by_id: Mapped[str | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    need_term: Mapped[TaxonomyTerm] = relationship()
    area: Mapped[Area | None] = relationship()
    addressed_by: Mapped[Service | None] = relationship()
    query_needs: Mapped[list[QueryNeed]] = relationship(back_populates="unmet_need")
