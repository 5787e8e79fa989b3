"""Opening times of a service, from Open Referral UK 3.0 schedule rows.

Every time here is UK wall-clock time in naive datetimes: a service page says "6pm to 11pm"
whatever the season, so the caller converts "now" to Europe/London (`knowledge.clock`) and
this module never does time-zone arithmetic. On the two nights a year the clocks change, an
opening that spans 1am to 2am is an hour longer or shorter than it looks; that is what the
service's own sign means too.

A period whose `closes_at` is at or before its `opens_at` closes the next day (a crisis café
open 7pm to 1am), so one opening lasts at most 24 hours. `valid_from` and `valid_to` bound
the days an opening *starts* on, inclusive.
"""

import calendar
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol, TypeAlias

DEFAULT_HORIZON_DAYS = 70

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY_ENTRY = re.compile(r"([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)")
_ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}


class SchedulePeriod(Protocol):
    """One schedule row (the `Schedule` model, or anything shaped like it)."""

    @property
    def freq(self) -> str: ...
    @property
    def byday(self) -> str: ...
    @property
    def opens_at(self) -> time: ...
    @property
    def closes_at(self) -> time: ...
    @property
    def valid_from(self) -> date | None: ...
    @property
    def valid_to(self) -> date | None: ...


_Opening: TypeAlias = tuple[datetime, datetime]
_Hours: TypeAlias = tuple[time, time]
_Validity: TypeAlias = tuple[date | None, date | None]


@dataclass(frozen=True)
class _DayRule:
    weekday: int
    ordinal: int | None  # None: every week; 1 first, -1 last of the month.

    def matches(self, day: date) -> bool:
        if day.weekday() != self.weekday:
            return False
        if self.ordinal is None:
            return True
        if self.ordinal > 0:
            return (day.day - 1) // 7 + 1 == self.ordinal
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        return (days_in_month - day.day) // 7 + 1 == -self.ordinal


@dataclass(frozen=True)
class _Pattern:
    rules: tuple[_DayRule, ...]
    hours: _Hours
    validity: _Validity

    def starts_on(self, day: date) -> bool:
        valid_from, valid_to = self.validity
        if valid_from is not None and day < valid_from:
            return False
        if valid_to is not None and day > valid_to:
            return False
        return any(rule.matches(day) for rule in self.rules)

    def opening_on(self, day: date) -> _Opening:
        opens_at, closes_at = self.hours
        closing_day = day if closes_at > opens_at else day + timedelta(days=1)
        return datetime.combine(day, opens_at), datetime.combine(closing_day, closes_at)


def is_open(periods: Iterable[SchedulePeriod], at: datetime) -> bool:
    return bool(_covering(_parse(periods), _wall_clock(at)))


class Hours:
    """A service's periods parsed once, for a caller that asks about them again and again: the
    search index asks about every service on every search. Same answers as the functions."""

    def __init__(self, periods: Iterable[SchedulePeriod]):
        self._patterns = _parse(periods)

    def __bool__(self) -> bool:
        return bool(self._patterns)

    @property
    def same_every_week(self) -> bool:
        """Open on the same weekdays every week: no "first Monday", no start or end date."""
        return all(
            pattern.validity == (None, None) and all(rule.ordinal is None for rule in pattern.rules)
            for pattern in self._patterns
        )

    def weekdays(self) -> set[int]:
        return {rule.weekday for pattern in self._patterns for rule in pattern.rules}

    def weekdays_open_in_week(self, first_day: date) -> set[int]:
        """As `weekdays_open_in_week`: for hours the same every week, just `weekdays()`."""
        days = (first_day + timedelta(days=offset) for offset in range(7))
        return {day.weekday() for day in days if any(p.starts_on(day) for p in self._patterns)}

    def openings_around(self, day: date) -> list[tuple[datetime, datetime]]:
        """(start, end) of every opening that can be under way at some moment of `day`: those
        starting on it or the day before. Open at a moment of `day` if one of them covers it."""
        return _openings_starting(self._patterns, day - timedelta(days=1)) + _openings_starting(
            self._patterns, day
        )


def open_until(
    periods: Iterable[SchedulePeriod], at: datetime, horizon_days: int = DEFAULT_HORIZON_DAYS
) -> datetime | None:
    """When the current opening ends, running on through back-to-back and overlapping periods.

    None when closed. A service that never closes (a 24-hour helpline) gives the point where
    the search stopped, more than `horizon_days` after `at`.
    """
    return _opening_end(_parse(periods), _wall_clock(at), horizon_days)


def next_opening(
    periods: Iterable[SchedulePeriod], after: datetime, horizon_days: int = DEFAULT_HORIZON_DAYS
) -> datetime | None:
    """The next moment strictly after `after` when the service goes from closed to open.

    If it is open now, that is the start of the next opening after this one ends. Only
    openings starting within `horizon_days` days of `after`'s date count.
    """
    return _next_opening(_parse(periods), _wall_clock(after), horizon_days)


def opens_on(periods: Iterable[SchedulePeriod], day: date) -> list[tuple[time, time]]:
    """(opens, closes) of the periods starting on `day`, earliest first, each pair once."""
    return sorted({pattern.hours for pattern in _parse(periods) if pattern.starts_on(day)})


def weekdays_open(periods: Iterable[SchedulePeriod]) -> set[int]:
    return {rule.weekday for pattern in _parse(periods) for rule in pattern.rules}


def weekdays_open_in_week(periods: Iterable[SchedulePeriod], first_day: date) -> set[int]:
    """Weekdays (0=Monday) of the seven days from `first_day` on which an opening starts.

    What "open on Monday" means to someone searching: this coming Monday, so a course that has
    ended or a group that meets on the first Monday of the month only counts when it applies.
    """
    patterns = _parse(periods)
    days = (first_day + timedelta(days=offset) for offset in range(7))
    return {day.weekday() for day in days if any(p.starts_on(day) for p in patterns)}


def check_periods(periods: Iterable[SchedulePeriod]) -> None:
    """Raise ValueError if any period's rule is unusable."""
    for period in periods:
        check_rule(period.freq, period.byday)


def check_rule(freq: str, byday: str) -> None:
    """Raise ValueError, with a message a curator can act on, unless the rule is usable."""
    if not _day_rules(freq, byday):
        raise ValueError("A schedule needs at least one day")


def is_open_later_today(periods: Iterable[SchedulePeriod], at: datetime) -> bool:
    patterns, at = _parse(periods), _wall_clock(at)
    if _covering(patterns, at):
        return False
    return _next_opening(patterns, at, horizon_days=0) is not None


def format_time(t: time) -> str:
    if t.hour == 0 and t.minute == 0:
        return "midnight"
    if t.hour == 12 and t.minute == 0:
        return "midday"
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    return f"{hour}{suffix}" if t.minute == 0 else f"{hour}:{t.minute:02d}{suffix}"


def status_text(periods: Iterable[SchedulePeriod], at: datetime) -> str:
    patterns, at = _parse(periods), _wall_clock(at)
    if not patterns:
        return "No opening times listed"
    end = _opening_end(patterns, at, DEFAULT_HORIZON_DAYS)
    if end is not None:
        if end > at + timedelta(days=DEFAULT_HORIZON_DAYS):
            return "Open now – 24 hours a day"
        # Closing at midnight ends the day before: "until Sunday at midnight", not Monday.
        closing_day = end.date() - timedelta(days=1) if end.time() == time(0) else end.date()
        # Within 12 hours a clock time can only mean one moment, so "until 1am" needs no day.
        if closing_day == at.date() or end - at <= timedelta(hours=12):
            return f"Open now until {format_time(end.time())}"
        return f"Open now until {_day_phrase(closing_day, at.date())} at {format_time(end.time())}"
    start = _next_opening(patterns, at, DEFAULT_HORIZON_DAYS)
    if start is None:
        return "No upcoming opening times"
    opening_day = _day_phrase(start.date(), at.date())
    return f"Closed now – opens {opening_day} at {format_time(start.time())}"


def describe(periods: Iterable[SchedulePeriod]) -> list[str]:
    """Plain-English lines for a service page: weekly days Monday to Sunday, then monthly ones.

    Days with the same times share a line; a period with validity dates gets a line of its own.
    """
    weekly: dict[_Validity, dict[int, set[_Hours]]] = defaultdict(lambda: defaultdict(set))
    monthly: dict[tuple[_Validity, int], dict[int, set[_Hours]]] = defaultdict(
        lambda: defaultdict(set)
    )
    for pattern in _parse(periods):
        for rule in pattern.rules:
            if rule.ordinal is None:
                weekly[pattern.validity][rule.weekday].add(pattern.hours)
            else:
                monthly[pattern.validity, rule.weekday][rule.ordinal].add(pattern.hours)

    weekly_lines: list[tuple[int, tuple[date, date], str]] = []
    for validity, hours_by_day in weekly.items():
        for days, hours in _group_by_hours(hours_by_day):
            line = f"{_days_phrase(days)}: {_hours_phrase(hours)}{_validity_phrase(validity)}"
            weekly_lines.append((days[0], _validity_sort_key(validity), line))

    monthly_lines: list[tuple[int, int, tuple[date, date], str]] = []
    for (validity, weekday), hours_by_ordinal in monthly.items():
        for ordinals, hours in _group_by_hours(hours_by_ordinal, key=_ordinal_sort_key):
            which = _join([_ordinal_word(ordinal) for ordinal in ordinals])
            when = f"{which[0].upper()}{which[1:]} {DAY_NAMES[weekday]} of the month"
            line = f"{when}: {_hours_phrase(hours)}{_validity_phrase(validity)}"
            monthly_lines.append(
                (weekday, _ordinal_sort_key(ordinals[0]), _validity_sort_key(validity), line)
            )

    weekly_lines.sort()
    monthly_lines.sort()
    return [line for *_, line in weekly_lines] + [line for *_, line in monthly_lines]


def _parse(periods: Iterable[SchedulePeriod]) -> list[_Pattern]:
    return [
        _Pattern(
            rules=_day_rules(period.freq, period.byday),
            hours=(period.opens_at, period.closes_at),
            validity=(period.valid_from, period.valid_to),
        )
        for period in periods
    ]


@functools.lru_cache(maxsize=4096)
def _day_rules(freq: str, byday: str) -> tuple[_DayRule, ...]:
    # Cached: a directory has a few hundred different rules, read for thousands of services.
    frequency = freq.strip().upper()
    if frequency not in ("WEEKLY", "MONTHLY"):
        raise ValueError(f"Unknown schedule frequency {freq!r}: expected WEEKLY or MONTHLY")
    rules = []
    for entry in filter(None, (part.strip().upper() for part in byday.split(","))):
        match = _BYDAY_ENTRY.fullmatch(entry)
        if match is None:
            raise ValueError(f"Unknown day {entry!r} in byday {byday!r}")
        ordinal_text, code = match.groups()
        # As in iCalendar, an ordinal only makes sense monthly; a monthly "MO" is every Monday.
        if ordinal_text is not None and frequency == "WEEKLY":
            raise ValueError(f"Weekly schedules take plain days, not {entry!r}")
        ordinal = int(ordinal_text) if ordinal_text is not None else None
        rules.append(_DayRule(weekday=_DAY_CODES.index(code), ordinal=ordinal))
    if not rules:
        raise ValueError(f"No days in byday {byday!r}")
    return tuple(rules)


def _wall_clock(moment: datetime) -> datetime:
    if moment.tzinfo is not None:
        raise ValueError("Opening times take naive UK wall-clock datetimes (see knowledge.clock)")
    return moment


def _openings_starting(patterns: list[_Pattern], day: date) -> list[_Opening]:
    return [pattern.opening_on(day) for pattern in patterns if pattern.starts_on(day)]


def _openings_near(patterns: list[_Pattern], moment: datetime) -> list[_Opening]:
    # No opening lasts more than 24 hours, so only those starting today or yesterday reach `moment`.
    day = moment.date()
    return _openings_starting(patterns, day - timedelta(days=1)) + _openings_starting(patterns, day)


def _covering(patterns: list[_Pattern], moment: datetime) -> list[_Opening]:
    return [
        (start, end) for start, end in _openings_near(patterns, moment) if start <= moment < end
    ]


def _opening_end(patterns: list[_Pattern], at: datetime, horizon_days: int) -> datetime | None:
    covering = _covering(patterns, at)
    if not covering:
        return None
    end = max(end for _, end in covering)
    limit = at + timedelta(days=horizon_days)
    while end <= limit:
        continuing = _covering(patterns, end)
        if not continuing:
            return end
        end = max(end for _, end in continuing)
    return end


def _next_opening(patterns: list[_Pattern], after: datetime, horizon_days: int) -> datetime | None:
    for offset in range(horizon_days + 1):
        day = after.date() + timedelta(days=offset)
        for start, _ in sorted(_openings_starting(patterns, day)):
            if start > after and not _open_just_before(patterns, start):
                return start
    return None


def _open_just_before(patterns: list[_Pattern], moment: datetime) -> bool:
    return any(start < moment <= end for start, end in _openings_near(patterns, moment))


def _group_by_hours(
    hours_by_key: dict[int, set[_Hours]], key: Callable[[int], int] | None = None
) -> list[tuple[list[int], list[_Hours]]]:
    """Days (or monthly ordinals) sharing exactly the same hours, in order of their first member."""
    groups: dict[tuple[_Hours, ...], list[int]] = defaultdict(list)
    for day_key in sorted(hours_by_key, key=key):
        groups[tuple(sorted(hours_by_key[day_key]))].append(day_key)
    return [(keys, list(hours)) for hours, keys in groups.items()]


def _days_phrase(weekdays: list[int]) -> str:
    if len(weekdays) == 7:
        return "Every day"
    runs: list[list[int]] = []
    for weekday in weekdays:
        if runs and runs[-1][-1] == weekday - 1:
            runs[-1].append(weekday)
        else:
            runs.append([weekday])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAY_NAMES[run[0]]} to {DAY_NAMES[run[-1]]}")
        else:
            parts.extend(DAY_NAMES[weekday] for weekday in run)
    return _join(parts)


def _hours_phrase(hours: list[_Hours]) -> str:
    return _join([_opening_phrase(opens_at, closes_at) for opens_at, closes_at in hours])


def _opening_phrase(opens_at: time, closes_at: time) -> str:
    if opens_at == closes_at:
        return "all day" if opens_at == time(0) else f"24 hours from {format_time(opens_at)}"
    return f"{format_time(opens_at)} to {format_time(closes_at)}"


def _validity_phrase(validity: _Validity) -> str:
    valid_from, valid_to = validity
    if valid_from is not None and valid_to is not None:
        return f" (from {_format_date(valid_from)} until {_format_date(valid_to)})"
    if valid_from is not None:
        return f" (from {_format_date(valid_from)})"
    if valid_to is not None:
        return f" (until {_format_date(valid_to)})"
    return ""


def _validity_sort_key(validity: _Validity) -> tuple[date, date]:
    valid_from, valid_to = validity
    return valid_from or date.min, valid_to or date.max


def _ordinal_word(ordinal: int) -> str:
    if ordinal in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[ordinal]
    return f"{_ORDINAL_WORDS[-ordinal]} to last"


def _ordinal_sort_key(ordinal: int) -> int:
    # First, second … fifth, then counting back from the end: second to last, last.
    return ordinal if ordinal > 0 else 10 + ordinal


def _format_date(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _day_phrase(day: date, today: date) -> str:
    days_away = (day - today).days
    if days_away == 0:
        return "today"
    if days_away == 1:
        return "tomorrow"
    if days_away <= 6:
        return DAY_NAMES[day.weekday()]
    return f"{day.day} {MONTH_NAMES[day.month - 1]}"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"
