"""Connector roles: the people around a team who help someone get to support (issue 10).

A local area coordinator, a social prescribing link worker attached to a GP practice or Primary
Care Network, a peer support worker, a volunteer befriender, a targeted voluntary-sector worker.
The directory records the *role* and how to reach it, never a private individual: a work email
or phone at most. Roles are staff-only unless the Community Knowledge Officer marks one public.

What a role covers is a set of areas (the region, districts, neighbourhoods) and GP practices;
`knowledge/connectors/coverage.py` answers "who covers here?".
"""

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge.models.base import Base, new_id, string_enum, utc_now
from knowledge.models.directory import Area, Organisation, PublicationState


class RoleType(enum.StrEnum):
    LOCAL_AREA_COORDINATOR = "local-area-coordinator"
    LINK_WORKER = "social-prescribing-link-worker"
    PEER_SUPPORT = "peer-support-worker"
    BEFRIENDER = "volunteer-befriender"
    VCS_WORKER = "targeted-vcs-worker"

    @property
    def label(self) -> str:
        return ROLE_TYPE_LABELS[self][0]

    @property
    def plural(self) -> str:
        return ROLE_TYPE_LABELS[self][1]


# In the order staff see the groups: the roles that take referrals for anything first.
ROLE_TYPE_LABELS = {
    RoleType.LINK_WORKER: ("Social prescribing link worker", "Social prescribing link workers"),
    RoleType.LOCAL_AREA_COORDINATOR: ("Local area coordinator", "Local area coordinators"),
    RoleType.PEER_SUPPORT: ("Peer support worker", "Peer support workers"),
    RoleType.BEFRIENDER: ("Volunteer befriender", "Volunteer befrienders"),
    RoleType.VCS_WORKER: ("Targeted voluntary sector worker", "Targeted voluntary sector workers"),
}
ROLE_TYPE_ORDER = tuple(ROLE_TYPE_LABELS)


class GpPractice(Base):
    """A GP practice, with the neighbourhood (built from its Primary Care Network) it is in.
    Reference data, like the areas: loaded by `flask seed reference`."""

    __tablename__ = "gp_practice"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # The practice's NHS organisation (ODS) code.
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(100))
    pcn_name: Mapped[str | None] = mapped_column(String(200))
    neighbourhood_id: Mapped[str] = mapped_column(ForeignKey("area.id"), index=True)

    neighbourhood: Mapped[Area] = relationship()


connector_role_area = Table(
    "connector_role_area",
    Base.metadata,
    Column("role_id", ForeignKey("connector_role.id", ondelete="CASCADE"), primary_key=True),
    Column("area_id", ForeignKey("area.id"), primary_key=True, index=True),
)
connector_role_practice = Table(
    "connector_role_practice",
    Base.metadata,
    Column("role_id", ForeignKey("connector_role.id", ondelete="CASCADE"), primary_key=True),
    Column("practice_id", ForeignKey("gp_practice.id"), primary_key=True, index=True),
)


# The connector roles a helpline answer points the asker to (issue 10), beside its services.
helpline_query_connector = Table(
    "helpline_query_connector",
    Base.metadata,
    Column("query_id", ForeignKey("helpline_query.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "role_id", ForeignKey("connector_role.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class ConnectorRole(Base):
    __tablename__ = "connector_role"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    role_type: Mapped[RoleType] = mapped_column(string_enum(RoleType), index=True)
    # What the role is called where it works, e.g. "Social prescribing link worker, Melton PCN".
    title: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisation.id"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # How to refer or make contact, in plain words.
    how_to_contact: Mapped[str] = mapped_column(Text, default="")
    # A work contact only: a team inbox or a role's phone, never a private one.
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    hours: Mapped[str | None] = mapped_column(Text)
    eligibility: Mapped[str | None] = mapped_column(Text)

    publication: Mapped[PublicationState] = mapped_column(
        string_enum(PublicationState), default=PublicationState.DRAFT, index=True
    )
    # Shown on the public site too (the officer's choice); staff-only otherwise.
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    assured_date: Mapped[date | None] = mapped_column(Date)
    assurer: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utc_now, onupdate=utc_now
    )

    organisation: Mapped[Organisation] = relationship()
    areas: Mapped[list[Area]] = relationship(secondary=connector_role_area, order_by=Area.name)
    practices: Mapped[list[GpPractice]] = relationship(
        secondary=connector_role_practice, order_by=GpPractice.name
    )
    versions: Mapped[list["ConnectorRoleVersion"]] = relationship(
        back_populates="role",
        order_by="ConnectorRoleVersion.number",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def is_published(self) -> bool:
        return self.publication is PublicationState.PUBLISHED


class ConnectorRoleVersion(Base):
    """A role as it stood after one save, as ServiceVersion keeps services."""

    __tablename__ = "connector_role_version"
    __table_args__ = (UniqueConstraint("role_id", "number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    role_id: Mapped[str] = mapped_column(
        ForeignKey("connector_role.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(String(60))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    saved_by_email: Mapped[str | None] = mapped_column(String(254))

    role: Mapped[ConnectorRole] = relationship(back_populates="versions")
