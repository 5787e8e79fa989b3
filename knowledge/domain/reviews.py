"""When an entry is due to be checked again with its provider."""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_due(assured: date | None, interval_months: int) -> date | None:
    """None means never checked: due now, before everything else."""
    if assured is None:
        return None
    return add_months(assured, interval_months)


def days_overdue(assured: date | None, interval_months: int, today: date) -> int | None:
    """Days past the due date (0 or less: not yet due); None if never checked."""
    due = review_due(assured, interval_months)
    return None if due is None else (today - due).days
