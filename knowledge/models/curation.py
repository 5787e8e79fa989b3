"""What the Community Knowledge Officer's work leaves behind: versions of every entry."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from knowledge.models.base import Base, new_id, utc_now


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
