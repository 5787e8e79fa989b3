"""The directory, modelled on Open Referral UK 3.0 (shared/oruk/schema).

Names follow ORUK where it has one (`assured_date`, `service_at_location`, `cost_option`);
`Organisation` keeps British spelling in code, `organization` in the API.
"""

import enum
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship, validates

from knowledge.domain import opening_hours
from knowledge.models.base import Base, new_id, string_enum, utc_now


class ServiceStatus(enum.StrEnum):
    ACTIVE = "active"
    TEMPORARILY_CLOSED = "temporarily-closed"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"


class PublicationState(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class AreaKind(enum.StrEnum):
    REGION = "region"
    DISTRICT = "district"
    NEIGHBOURHOOD = "neighbourhood"


class InList:
    """One of a list its owner keeps in the order people gave it: a service's phones, opening
    times, contacts, costs, areas and places, a contact's or an organisation's phones, a
    place's accessibility. The order means something (the first phone is the one a service
    page offers to call; update requests go to the first contact with an email) and SQL keeps
    rows in no order: SQLite happened to give them back as inserted, PostgreSQL gives them back
    as they lie on disk, which an update changes. `position` is written from the list at
    flush (`_number_the_lists`), and each list is read back ordered by it."""

    position: Mapped[int] = mapped_column(Integer, default=0)


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(500))
    # Registered charity number (Charity Commission for England and Wales): the surest sign
    # that two organisation entries are the same organisation.
    charity_number: Mapped[str | None] = mapped_column(String(20), index=True)
    last_modified: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )

    services: Mapped[list["Service"]] = relationship(back_populates="organisation")
    phones: Mapped[list["Phone"]] = relationship(
        back_populates="organisation",
        cascade="all, delete-orphan",
        order_by=lambda: (Phone.position, Phone.id),
    )


service_taxonomy_term = Table(
    "service_taxonomy_term",
    Base.metadata,
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "taxonomy_term_id", ForeignKey("taxonomy_term.id", ondelete="CASCADE"), primary_key=True
    ),
)


class Service(Base):
    __tablename__ = "service"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(500))

    status: Mapped[ServiceStatus] = mapped_column(
        string_enum(ServiceStatus), default=ServiceStatus.ACTIVE
    )
    # Shown as a notice, e.g. why it is temporarily closed (ORUK `alert`).
    status_note: Mapped[str | None] = mapped_column(Text)
    publication: Mapped[PublicationState] = mapped_column(
        string_enum(PublicationState), default=PublicationState.DRAFT, index=True
    )

    minimum_age: Mapped[int | None] = mapped_column(Integer)
    maximum_age: Mapped[int | None] = mapped_column(Integer)
    eligibility_description: Mapped[str | None] = mapped_column(Text)

    self_referral: Mapped[bool] = mapped_column(Boolean, default=True)
    professional_referral: Mapped[bool] = mapped_column(Boolean, default=False)
    drop_in: Mapped[bool] = mapped_column(Boolean, default=False)
    # How to get in touch or be referred, in plain words (ORUK `application_process`).
    referral_description: Mapped[str | None] = mapped_column(Text)

    schedule_notes: Mapped[str | None] = mapped_column(Text)

    # When a person last checked the entry with the provider; not the same as last_modified.
    assured_date: Mapped[date | None] = mapped_column(Date)
    assurer: Mapped[str | None] = mapped_column(String(200))
    # How often the Community Knowledge Officer checks it with the provider.
    review_interval_months: Mapped[int] = mapped_column(Integer, default=6)

    # Staff-only: never on the public site or the open API.
    staff_notes: Mapped[str | None] = mapped_column(Text)
    do_not_refer: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_refer_reason: Mapped[str | None] = mapped_column(Text)

    # Set on an entry merged into another as a duplicate (it is archived, its history kept).
    merged_into_id: Mapped[str | None] = mapped_column(
        ForeignKey("service.id", ondelete="SET NULL"), index=True
    )

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    last_modified: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )

    organisation: Mapped[Organisation] = relationship(back_populates="services")
    taxonomy_terms: Mapped[list["TaxonomyTerm"]] = relationship(
        secondary=service_taxonomy_term, order_by="TaxonomyTerm.name"
    )
    service_areas: Mapped[list["ServiceArea"]] = relationship(
        back_populates="service",
        cascade="all, delete-orphan",
        order_by=lambda: (ServiceArea.position, ServiceArea.id),
    )
    service_at_locations: Mapped[list["ServiceAtLocation"]] = relationship(
        back_populates="service",
        cascade="all, delete-orphan",
        order_by=lambda: (ServiceAtLocation.position, ServiceAtLocation.id),
    )
    schedules: Mapped[list["Schedule"]] = relationship(
        back_populates="service",
        cascade="all, delete-orphan",
        order_by=lambda: (Schedule.position, Schedule.id),
    )
    phones: Mapped[list["Phone"]] = relationship(
        back_populates="service",
        cascade="all, delete-orphan",
        order_by=lambda: (Phone.position, Phone.id),
    )
    contacts: Mapped[list["Contact"]] = relationship(
        back_populates="service",
        cascade="all, delete-orphan",
        order_by=lambda: (Contact.position, Contact.id),
    )
    cost_options: Mapped[list["CostOption"]] = relationship(
        back_populates="service",
        cascade="all, delete-orphan",
        order_by=lambda: (CostOption.position, CostOption.id),
    )
    languages: Mapped[list["Language"]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Language.name"
    )

    @property
    def locations(self) -> list["Location"]:
        return [sal.location for sal in self.service_at_locations]

    @property
    def is_free(self) -> bool:
        return bool(self.cost_options) and all(
            (c.amount or Decimal(0)) == 0 for c in self.cost_options
        )

    @property
    def is_temporarily_closed(self) -> bool:
        return self.status is ServiceStatus.TEMPORARILY_CLOSED

    def terms_in(self, taxonomy_code: str) -> list["TaxonomyTerm"]:
        return [t for t in self.taxonomy_terms if t.taxonomy.code == taxonomy_code]


class Location(Base):
    __tablename__ = "location"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    address_1: Mapped[str] = mapped_column(String(200), default="")
    address_2: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    transport_note: Mapped[str | None] = mapped_column(Text)

    accessibility: Mapped[list["Accessibility"]] = relationship(
        back_populates="location",
        cascade="all, delete-orphan",
        order_by=lambda: (Accessibility.position, Accessibility.id),
    )

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.address_1, self.address_2, self.city, self.postcode) if line]


class Accessibility(InList, Base):
    __tablename__ = "accessibility"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    location_id: Mapped[str] = mapped_column(
        ForeignKey("location.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(String(200))
    details: Mapped[str | None] = mapped_column(Text)

    location: Mapped[Location] = relationship(back_populates="accessibility")


class ServiceAtLocation(InList, Base):
    __tablename__ = "service_at_location"
    __table_args__ = (UniqueConstraint("service_id", "location_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"), index=True)
    description: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship()


class Schedule(InList, Base):
    """One opening period, as an ORUK schedule (an iCalendar-style rule).

    Weekly: `byday` "MO,WE". Monthly: "1MO" (first Monday), "-1FR" (last Friday).
    `closes_at` at or before `opens_at` means it closes after midnight.
    """

    __tablename__ = "schedule"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    freq: Mapped[str] = mapped_column(String(10), default="WEEKLY")
    byday: Mapped[str] = mapped_column(String(40))
    opens_at: Mapped[time] = mapped_column(Time)
    closes_at: Mapped[time] = mapped_column(Time)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="schedules")

    @validates("freq", "byday")
    def _check_rule(self, key: str, value: str) -> str:
        # A row no page can read must not be saved; checked once both parts are set.
        freq = value if key == "freq" else self.freq
        byday = value if key == "byday" else self.byday
        if freq is not None and byday is not None:
            opening_hours.check_rule(freq, byday)
        return value


class Phone(InList, Base):
    __tablename__ = "phone"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(String(200))
    service_id: Mapped[str | None] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[str | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[str | None] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )

    service: Mapped[Service | None] = relationship(back_populates="phones")
    organisation: Mapped[Organisation | None] = relationship(back_populates="phones")
    contact: Mapped["Contact | None"] = relationship(back_populates="phones")

    @property
    def tel_uri(self) -> str:
        return "tel:" + "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


class Contact(InList, Base):
    __tablename__ = "contact"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))

    service: Mapped[Service] = relationship(back_populates="contacts")
    phones: Mapped[list[Phone]] = relationship(
        back_populates="contact",
        cascade="all, delete-orphan",
        order_by=lambda: (Phone.position, Phone.id),
    )


class Taxonomy(Base):
    """A vocabulary: 'need-domain' or 'service-type'."""

    __tablename__ = "taxonomy"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    terms: Mapped[list["TaxonomyTerm"]] = relationship(back_populates="taxonomy")


class TaxonomyTerm(Base):
    __tablename__ = "taxonomy_term"
    __table_args__ = (UniqueConstraint("taxonomy_id", "code"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    taxonomy_id: Mapped[str] = mapped_column(ForeignKey("taxonomy.id"), index=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("taxonomy_term.id"), index=True)
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)

    taxonomy: Mapped[Taxonomy] = relationship(back_populates="terms")
    parent: Mapped["TaxonomyTerm | None"] = relationship(
        remote_side=[id], back_populates="children"
    )
    children: Mapped[list["TaxonomyTerm"]] = relationship(
        back_populates="parent", order_by="TaxonomyTerm.name"
    )

    @property
    def top(self) -> "TaxonomyTerm":
        term = self
        while term.parent is not None:
            term = term.parent
        return term


class Area(Base):
    """The region, its nine districts/authorities and their neighbourhoods."""

    __tablename__ = "area"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[AreaKind] = mapped_column(string_enum(AreaKind))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("area.id"), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)

    parent: Mapped["Area | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Area"]] = relationship(back_populates="parent", order_by="Area.name")


class ServiceArea(InList, Base):
    __tablename__ = "service_area"
    __table_args__ = (UniqueConstraint("service_id", "area_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    area_id: Mapped[str] = mapped_column(ForeignKey("area.id"), index=True)

    service: Mapped[Service] = relationship(back_populates="service_areas")
    area: Mapped[Area] = relationship()


class CostOption(InList, Base):
    __tablename__ = "cost_option"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    option: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    amount_description: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="cost_options")


class Language(Base):
    __tablename__ = "language"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    code: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="languages")


# Owner → its lists whose order `InList.position` keeps.
LISTS: dict[type, tuple[str, ...]] = {
    Service: (
        "service_areas",
        "service_at_locations",
        "schedules",
        "phones",
        "contacts",
        "cost_options",
    ),
    Organisation: ("phones",),
    Contact: ("phones",),
    Location: ("accessibility",),
}


@event.listens_for(Session, "before_flush")
def _number_the_lists(session: Session, _flush_context, _instances) -> None:
    """Writes the order of every list changed in this flush into its items' `position`. Only
    changed lists: reading a list never writes to it."""
    changed: dict[tuple[int, str], tuple[object, str]] = {}
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for name in LISTS.get(type(obj), ()):
            if name in state.dict and state.attrs[name].history.has_changes():
                changed[id(obj), name] = (obj, name)
    # An item given its owner (Phone(service=…)) rather than put in a list not loaded yet.
    for obj in session.new:
        if isinstance(obj, InList) and obj.position is None:
            for owner, name in _owners(obj):
                changed[id(owner), name] = (owner, name)
    for owner, name in changed.values():
        for position, item in enumerate(getattr(owner, name)):
            if item.position != position:
                item.position = position


def _owners(item: InList) -> Iterator[tuple[object, str]]:
    for owner_class, names in LISTS.items():
        for name in names:
            relationship = inspect(owner_class).relationships[name]
            if isinstance(item, relationship.mapper.class_):
                owner = getattr(item, relationship.back_populates)
                if owner is not None:
                    yield owner, name
