"""Searches that found nothing: what people looked for and could not find, for the helpline."""

from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from knowledge.models.base import Base, new_id


class ZeroResultSearch(Base):
    """The words only, and the day. No time, IP address, account or filters: nothing that could
    tie the words to a person. Searches that look like identifiers are never recorded."""

    __tablename__ = "zero_result_search"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    words: Mapped[str] = mapped_column(String(200))
    searched_on: Mapped[date] = mapped_column(Date, index=True)
