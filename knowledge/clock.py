"""The app's one clock: the current local time, now in UTC, and the UK day of a stored moment.

Opening times are UK wall-clock times, so "now" for them is a naive datetime in the configured
time zone (TIMEZONE, Europe/London). Timestamps are stored in UTC. Both read the same clock:
tests fix NOW (local) and every UTC timestamp follows it, or fix UTC_NOW on its own when they
move time by hand (sign-in idle limits, emails sent).
"""

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def local_now() -> datetime:
    fixed: Callable[[], datetime] | None = current_app.config.get("NOW")
    if fixed is not None:
        return fixed()
    return datetime.now(_zone()).replace(tzinfo=None)


def utc_now() -> datetime:
    """Now, in UTC, for timestamps and time limits (session idle time, account locks)."""
    fixed: Callable[[], datetime] | None = current_app.config.get("UTC_NOW")
    if fixed is not None:
        return fixed()
    if current_app.config.get("NOW") is not None:
        return local_now().replace(tzinfo=_zone()).astimezone(UTC)
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored moment, aware of being UTC: SQLite hands back naive datetimes for
    timezone-aware columns, and naive and aware ones cannot be compared."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def uk_day(moment: datetime) -> date:
    """The calendar day a stored moment fell on in the UK: what a page or a summary shows,
    since 23:30 UTC on a summer evening is already tomorrow here."""
    return as_utc(moment).astimezone(_zone()).date()


def local_time(moment: datetime) -> datetime:
    """A stored moment as naive UK wall-clock time, comparable with local_now()."""
    return as_utc(moment).astimezone(_zone()).replace(tzinfo=None)
