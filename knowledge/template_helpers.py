"""Filters and globals the templates share. Formatting only: no queries, no rules."""

from datetime import date, datetime
from decimal import Decimal

from flask import Flask, request

from knowledge.clock import uk_day
from knowledge.directory.vocabulary import need_label, place_label
from knowledge.domain import opening_hours
from knowledge.domain.ages import describe_ages
from knowledge.domain.geo import describe_miles

# Shown on every page: the route to urgent help must never be more than a glance away.
URGENT_HELP = (
    ("999", "tel:999", "if someone's life is at risk or they're badly hurt"),
    ("NHS 111, option 2", "tel:111", "for urgent mental health help, day or night"),
    ("Samaritans 116 123", "tel:116123", "to talk to someone, free, any time"),
)


def long_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def money(amount: Decimal | None) -> str:
    if amount is None or amount == 0:
        return "Free"
    return f"£{amount:,.2f}".replace(".00", "")


def current_path() -> str:
    return request.full_path.rstrip("?") if request.query_string else request.path


def directions_url(latitude: float, longitude: float) -> str:
    return f"https://www.openstreetmap.org/directions?to={latitude:.5f}%2C{longitude:.5f}"


def checkbox_item(choice, chosen: list[str]) -> dict:
    """A WTForms choice as an NHS.UK checkbox item."""
    return {"value": choice.value, "text": choice.label, "checked": choice.value in chosen}


def select_item(choice, chosen) -> dict:
    """A WTForms choice as an NHS.UK select item."""
    return {"value": choice.value, "text": choice.label, "selected": choice.value == chosen}


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        long_date=long_date,
        money=money,
        time_words=opening_hours.format_time,
        miles=describe_miles,
        checkbox_item=checkbox_item,
        select_item=select_item,
    )
    app.jinja_env.globals.update(
        URGENT_HELP=URGENT_HELP,
        describe_ages=describe_ages,
        current_path=current_path,
        directions_url=directions_url,
        # Stored timestamps are UTC: a page shows the day it was in the UK.
        uk_day=uk_day,
        need_label=need_label,
        place_label=place_label,
    )
