"""Filters and globals the templates share. Formatting only: no queries, no rules."""

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from flask import Flask, request
from markupsafe import Markup

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


# Distinct parameter sets kept per app: a header per navigation state and shortlist size, two
# footers, a few tags. Past this, something passes per-person parameters: start again.
COMPONENT_CACHE_SIZE = 512


def nhsuk_component_renderer(app: Flask) -> Callable[[str, dict], Markup]:
    """`nhsuk_component("header", params)`: an NHS.UK component macro (nhsuk-frontend-jinja),
    rendered once per distinct `params` and then reused.

    Each macro call includes its template afresh; the header, footer and tags took nearly half
    of the results page's rendering (docs/performance.md). Their output depends
    on `params` alone (they read no request, user or global), so the same params give the same
    HTML. Parameters that cannot be written as JSON (an `undefined`) are rendered every time.

    The result is marked safe, as the same macro's output is when a template calls it (Jinja
    marks a macro's output by the caller's autoescaping; called from Python it cannot)."""
    cache: dict[str, Markup] = {}

    def nhsuk_component(name: str, params: dict) -> Markup:
        try:
            key = name + json.dumps(params, sort_keys=True)
        except TypeError:
            return Markup(_nhsuk_macro(app, name)(params))
        html = cache.get(key)
        if html is None:
            if len(cache) >= COMPONENT_CACHE_SIZE:
                cache.clear()
            html = cache[key] = Markup(_nhsuk_macro(app, name)(params))
        return html

    return nhsuk_component


def _nhsuk_macro(app: Flask, name: str) -> Callable[[dict], Markup]:
    folder = re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()  # skipLink: skip-link
    template = app.jinja_env.get_template(f"nhsuk/components/{folder}/macro.jinja")
    return getattr(template.module, name)


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
        nhsuk_component=nhsuk_component_renderer(app),
    )
