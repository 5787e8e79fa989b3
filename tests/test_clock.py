"""One clock for the whole app: UK dates of stored moments, and "now" that tests can fix."""

from datetime import UTC, date, datetime

import pytest

from knowledge.clock import local_now, uk_day, utc_now
from tests.conftest import FIXED_NOW


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        # British Summer Time: 23:30 UTC is half past midnight the next day in the UK.
        (datetime(2026, 6, 30, 23, 30, tzinfo=UTC), date(2026, 7, 1)),
        (datetime(2026, 6, 30, 22, 59, tzinfo=UTC), date(2026, 6, 30)),
        # GMT in winter: the same day.
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), date(2026, 12, 31)),
        # SQLite hands timestamps back without a zone: they are UTC.
        (datetime(2026, 6, 30, 23, 30), date(2026, 7, 1)),
    ],
)
def test_uk_day(app, moment, day):
    assert uk_day(moment) == day


def test_uk_day_follows_the_configured_time_zone(app, monkeypatch):
    monkeypatch.setitem(app.config, "TIMEZONE", "America/New_York")
    assert uk_day(datetime(2026, 7, 1, 2, 0, tzinfo=UTC)) == date(2026, 6, 30)


def test_a_fixed_local_clock_fixes_utc_now_too(app, monkeypatch):
    # 19:30 on 24 November is GMT; in June the same wall-clock time is an hour ahead of UTC.
    assert local_now() == FIXED_NOW
    assert utc_now() == FIXED_NOW.replace(tzinfo=UTC)
    monkeypatch.setitem(app.config, "NOW", lambda: datetime(2026, 6, 30, 0, 30))
    assert utc_now() == datetime(2026, 6, 29, 23, 30, tzinfo=UTC)
    # A UTC clock set on its own wins, as the sign-in tests need.
    monkeypatch.setitem(app.config, "UTC_NOW", lambda: datetime(2027, 1, 1, tzinfo=UTC))
    assert utc_now() == datetime(2027, 1, 1, tzinfo=UTC)
