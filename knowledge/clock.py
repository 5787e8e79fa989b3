"""The current local time, replaceable in tests ("open now" at a fixed clock).

Opening times are UK wall-clock times, so every "now" the site reasons with is a naive
datetime in Europe/London.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def local_now() -> datetime:
    fixed: Callable[[], datetime] | None = current_app.config.get("NOW")
    if fixed is not None:
        return fixed()
    return datetime.now(ZoneInfo(current_app.config["TIMEZONE"])).replace(tzinfo=None)


def utc_now() -> datetime:
    """Now, in UTC, for timestamps and time limits (session idle time, account locks)."""
    fixed: Callable[[], datetime] | None = current_app.config.get("UTC_NOW")
    if fixed is not None:
        return fixed()
    return datetime.now(UTC)
