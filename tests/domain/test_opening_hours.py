"""Opening times, as a service page and the "open now" filter need them.

Dates used throughout (2026): Monday 2 February starts the usual test week. February has
four of every weekday; January and March have five Fridays and Mondays respectively.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.domain.opening_hours import (
    describe,
    format_time,
    is_open,
    is_open_later_today,
    next_opening,
    open_until,
    opens_on,
    status_text,
    weekdays_open,
)


@dataclass(frozen=True)
class Period:
    """Stands in for a `Schedule` row."""

    freq: str
    byday: str
    opens_at: time
    closes_at: time
    valid_from: date | None = None
    valid_to: date | None = None


def weekly(
    byday: str, opens: str, closes: str, valid_from: str | None = None, valid_to: str | None = None
) -> Period:
    return _period("WEEKLY", byday, opens, closes, valid_from, valid_to)


def monthly(
    byday: str, opens: str, closes: str, valid_from: str | None = None, valid_to: str | None = None
) -> Period:
    return _period("MONTHLY", byday, opens, closes, valid_from, valid_to)


def _period(
    freq: str, byday: str, opens: str, closes: str, valid_from: str | None, valid_to: str | None
) -> Period:
    return Period(
        freq=freq,
        byday=byday,
        opens_at=time.fromisoformat(opens),
        closes_at=time.fromisoformat(closes),
        valid_from=date.fromisoformat(valid_from) if valid_from else None,
        valid_to=date.fromisoformat(valid_to) if valid_to else None,
    )


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment)


MONDAY_EVENINGS = [weekly("MO", "18:00", "23:00")]
CRISIS_CAFE = [weekly("FR", "19:00", "01:00")]


class TestIsOpen:
    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            ("2026-02-02 17:59", False),
            ("2026-02-02 18:00", True),
            ("2026-02-02 22:59", True),
            ("2026-02-02 23:00", False),
            ("2026-02-03 20:00", False),
            ("2026-02-09 18:30", True),
        ],
    )
    def test_open_from_the_opening_minute_and_closed_from_the_closing_minute(
        self, moment: str, expected: bool
    ) -> None:
        assert is_open(MONDAY_EVENINGS, at(moment)) is expected

    def test_open_between_seconds_of_a_minute(self) -> None:
        assert is_open(MONDAY_EVENINGS, at("2026-02-02 22:59:59.999999"))

    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            ("2026-02-06 18:59", False),
            ("2026-02-06 23:30", True),
            ("2026-02-07 00:00", True),
            ("2026-02-07 00:30", True),
            ("2026-02-07 01:00", False),
            ("2026-02-06 00:30", False),
        ],
    )
    def test_an_overnight_period_stays_open_into_the_next_day(
        self, moment: str, expected: bool
    ) -> None:
        assert is_open(CRISIS_CAFE, at(moment)) is expected

    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            ("2026-02-01 23:00", True),
            ("2026-02-02 01:59", True),
            ("2026-02-02 02:00", False),
            ("2026-02-08 21:59", False),
        ],
    )
    def test_sunday_night_runs_into_monday_morning(self, moment: str, expected: bool) -> None:
        assert is_open([weekly("SU", "22:00", "02:00")], at(moment)) is expected

    def test_closing_at_midnight_means_the_end_of_that_day(self) -> None:
        periods = [weekly("SA", "19:00", "00:00")]
        assert is_open(periods, at("2026-02-07 23:59"))
        assert not is_open(periods, at("2026-02-08 00:00"))

    def test_the_same_opening_and_closing_time_means_24_hours(self) -> None:
        periods = [weekly("MO", "09:00", "09:00")]
        assert is_open(periods, at("2026-02-02 09:00"))
        assert is_open(periods, at("2026-02-03 08:59"))
        assert not is_open(periods, at("2026-02-03 09:00"))

    @pytest.mark.parametrize(
        ("moment", "expected"),
        [("11:00", True), ("12:00", False), ("13:59", False), ("14:00", True), ("16:00", False)],
    )
    def test_several_periods_in_a_day(self, moment: str, expected: bool) -> None:
        periods = [weekly("MO", "10:00", "12:00"), weekly("MO", "14:00", "16:00")]
        assert is_open(periods, at(f"2026-02-02 {moment}")) is expected

    def test_weekly_days_are_a_comma_list(self) -> None:
        periods = [weekly("MO,WE,FR", "09:00", "17:00")]
        open_days = [day for day in range(2, 9) if is_open(periods, datetime(2026, 2, day, 12))]
        assert open_days == [2, 4, 6]

    def test_frequency_and_days_ignore_case_and_spaces(self) -> None:
        periods = [Period("weekly", " mo , we ", time(9), time(17))]
        assert is_open(periods, at("2026-02-04 12:00"))

    def test_no_periods_means_never_open(self) -> None:
        assert not is_open([], at("2026-02-02 12:00"))


class TestMonthlyPatterns:
    @pytest.mark.parametrize(
        ("byday", "open_on", "closed_on"),
        [
            ("1MO", "2026-02-02", "2026-02-09"),
            ("3TH", "2026-02-19", "2026-02-12"),
            ("3TH", "2026-01-15", "2026-01-22"),
            ("1TH", "2026-01-01", "2026-01-08"),
            ("5FR", "2026-01-30", "2026-01-23"),
            ("-1FR", "2026-02-27", "2026-02-20"),
            ("-1TU", "2026-03-31", "2026-03-24"),
            ("-1MO", "2026-08-31", "2026-08-24"),
            ("-1SU", "2026-05-31", "2026-05-24"),
            ("-2FR", "2026-05-22", "2026-05-29"),
        ],
    )
    def test_the_nth_and_last_weekday_of_the_month(
        self, byday: str, open_on: str, closed_on: str
    ) -> None:
        periods = [monthly(byday, "10:00", "12:00")]
        assert is_open(periods, at(f"{open_on} 11:00"))
        assert not is_open(periods, at(f"{closed_on} 11:00"))

    def test_a_fifth_weekday_is_skipped_in_months_without_one(self) -> None:
        periods = [monthly("5FR", "10:00", "12:00")]
        february = [date(2026, 2, 1) + timedelta(days=n) for n in range(28)]
        assert [day for day in february if opens_on(periods, day)] == []

    def test_the_last_weekday_can_be_the_fifth(self) -> None:
        periods = [monthly("-1MO", "10:00", "12:00")]
        assert opens_on(periods, date(2026, 3, 30)) == [(time(10), time(12))]
        assert opens_on(periods, date(2026, 3, 23)) == []

    def test_several_ordinals_in_one_row(self) -> None:
        periods = [monthly("1MO,3MO", "10:00", "12:00")]
        mondays = [date(2026, 2, day) for day in (2, 9, 16, 23)]
        assert [bool(opens_on(periods, day)) for day in mondays] == [True, False, True, False]

    def test_a_last_friday_evening_runs_into_saturday(self) -> None:
        periods = [monthly("-1FR", "19:00", "01:00")]
        assert is_open(periods, at("2026-02-28 00:30"))
        assert not is_open(periods, at("2026-02-21 00:30"))

    def test_a_monthly_day_without_an_ordinal_is_every_such_day(self) -> None:
        periods = [monthly("TU", "10:00", "12:00")]
        assert all(opens_on(periods, date(2026, 2, day)) for day in (3, 10, 17, 24))


class TestValidity:
    PERIODS = (weekly("MO", "18:00", "23:00", valid_from="2026-02-09", valid_to="2026-02-23"),)

    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            ("2026-02-02 19:00", False),
            ("2026-02-09 18:00", True),
            ("2026-02-23 22:59", True),
            ("2026-03-02 19:00", False),
        ],
    )
    def test_valid_from_and_valid_to_are_inclusive(self, moment: str, expected: bool) -> None:
        assert is_open(self.PERIODS, at(moment)) is expected

    def test_an_opening_that_started_on_the_last_valid_day_runs_its_course(self) -> None:
        periods = [weekly("FR", "19:00", "01:00", valid_to="2026-02-06")]
        assert is_open(periods, at("2026-02-07 00:30"))
        assert not is_open(periods, at("2026-02-13 20:00"))

    def test_an_opening_that_started_before_valid_from_does_not_count(self) -> None:
        periods = [weekly("FR", "19:00", "01:00", valid_from="2026-02-07")]
        assert not is_open(periods, at("2026-02-07 00:30"))
        assert is_open(periods, at("2026-02-14 00:30"))


class TestOpenUntil:
    def test_none_when_closed(self) -> None:
        assert open_until(MONDAY_EVENINGS, at("2026-02-02 17:00")) is None

    def test_the_end_of_the_current_opening(self) -> None:
        assert open_until(MONDAY_EVENINGS, at("2026-02-02 19:00")) == at("2026-02-02 23:00")

    def test_an_overnight_opening_ends_the_next_day(self) -> None:
        assert open_until(CRISIS_CAFE, at("2026-02-07 00:15")) == at("2026-02-07 01:00")

    @pytest.mark.parametrize(
        "periods",
        [
            [weekly("MO", "10:00", "12:00"), weekly("MO", "12:00", "14:00")],
            [weekly("MO", "10:00", "13:00"), weekly("MO", "12:00", "14:00")],
            [weekly("MO", "12:00", "14:00"), weekly("MO", "10:00", "13:30")],
        ],
        ids=["back to back", "overlapping", "listed out of order"],
    )
    def test_runs_on_through_periods_that_meet_or_overlap(self, periods: list[Period]) -> None:
        assert open_until(periods, at("2026-02-02 11:00")) == at("2026-02-02 14:00")

    def test_does_not_run_on_over_a_gap(self) -> None:
        periods = [weekly("MO", "10:00", "12:00"), weekly("MO", "12:01", "14:00")]
        assert open_until(periods, at("2026-02-02 11:00")) == at("2026-02-02 12:00")

    def test_runs_on_across_midnight_and_the_week(self) -> None:
        periods = [weekly("SU", "20:00", "00:00"), weekly("MO", "00:00", "02:00")]
        assert open_until(periods, at("2026-02-01 21:00")) == at("2026-02-02 02:00")

    def test_a_service_that_never_closes_runs_past_the_horizon(self) -> None:
        always = [weekly("MO,TU,WE,TH,FR,SA,SU", "00:00", "00:00")]
        now = at("2026-02-02 12:00")
        end = open_until(always, now, horizon_days=10)
        assert end is not None
        assert end > now + timedelta(days=10)


class TestNextOpening:
    def test_later_today(self) -> None:
        assert next_opening(MONDAY_EVENINGS, at("2026-02-02 10:00")) == at("2026-02-02 18:00")

    def test_just_after_closing_it_is_next_week(self) -> None:
        assert next_opening(MONDAY_EVENINGS, at("2026-02-02 23:00")) == at("2026-02-09 18:00")

    def test_strictly_after_the_given_moment(self) -> None:
        assert next_opening(MONDAY_EVENINGS, at("2026-02-02 18:00")) == at("2026-02-09 18:00")

    def test_when_open_it_is_the_opening_after_this_one(self) -> None:
        periods = [weekly("MO,WE", "18:00", "23:00")]
        assert next_opening(periods, at("2026-02-02 20:00")) == at("2026-02-04 18:00")

    def test_a_period_that_continues_the_current_one_is_not_an_opening(self) -> None:
        periods = [weekly("MO", "10:00", "12:00"), weekly("MO", "12:00", "14:00")]
        assert next_opening(periods, at("2026-02-02 11:00")) == at("2026-02-09 10:00")

    def test_across_the_end_of_the_week(self) -> None:
        assert next_opening([weekly("MO", "09:00", "17:00")], at("2026-02-07 12:00")) == at(
            "2026-02-09 09:00"
        )

    def test_across_months(self) -> None:
        periods = [monthly("1MO", "10:00", "12:00")]
        assert next_opening(periods, at("2026-02-03 09:00")) == at("2026-03-02 10:00")

    def test_only_as_far_as_the_horizon(self) -> None:
        fifth_friday = [monthly("5FR", "10:00", "12:00")]
        after = at("2026-01-31 09:00")
        assert next_opening(fifth_friday, after) is None
        assert next_opening(fifth_friday, after, horizon_days=120) == at("2026-05-29 10:00")

    def test_waits_for_valid_from(self) -> None:
        periods = [weekly("MO", "18:00", "23:00", valid_from="2026-02-16")]
        assert next_opening(periods, at("2026-02-02 10:00")) == at("2026-02-16 18:00")

    def test_none_once_a_schedule_has_ended(self) -> None:
        periods = [weekly("MO", "18:00", "23:00", valid_to="2026-01-26")]
        assert next_opening(periods, at("2026-02-02 10:00")) is None

    def test_none_without_periods(self) -> None:
        assert next_opening([], at("2026-02-02 10:00")) is None


class TestOpensOn:
    def test_the_periods_starting_that_day_earliest_first(self) -> None:
        periods = [
            weekly("MO", "14:00", "16:00"),
            weekly("MO,TU", "10:00", "12:00"),
            monthly("1MO", "18:00", "20:00"),
        ]
        assert opens_on(periods, date(2026, 2, 2)) == [
            (time(10), time(12)),
            (time(14), time(16)),
            (time(18), time(20)),
        ]
        assert opens_on(periods, date(2026, 2, 9)) == [(time(10), time(12)), (time(14), time(16))]

    def test_an_overnight_period_belongs_to_the_day_it_starts(self) -> None:
        assert opens_on(CRISIS_CAFE, date(2026, 2, 6)) == [(time(19), time(1))]
        assert opens_on(CRISIS_CAFE, date(2026, 2, 7)) == []

    def test_the_same_times_twice_are_listed_once(self) -> None:
        periods = [weekly("MO", "10:00", "12:00"), weekly("MO,WE", "10:00", "12:00")]
        assert opens_on(periods, date(2026, 2, 2)) == [(time(10), time(12))]

    def test_outside_the_valid_dates_nothing(self) -> None:
        periods = [weekly("MO", "10:00", "12:00", valid_to="2026-01-31")]
        assert opens_on(periods, date(2026, 2, 2)) == []


def test_weekdays_open_counts_monthly_days_and_ignores_validity() -> None:
    periods = [
        weekly("MO,WE", "10:00", "12:00"),
        monthly("-1FR", "19:00", "01:00"),
        weekly("SU", "10:00", "12:00", valid_to="2020-01-01"),
    ]
    assert weekdays_open(periods) == {0, 2, 4, 6}


@pytest.mark.parametrize(
    ("clock", "words"),
    [
        (time(18), "6pm"),
        (time(18, 30), "6:30pm"),
        (time(10), "10am"),
        (time(9, 5), "9:05am"),
        (time(12), "midday"),
        (time(12, 30), "12:30pm"),
        (time(0), "midnight"),
        (time(0, 30), "12:30am"),
        (time(23, 59), "11:59pm"),
        (time(1), "1am"),
    ],
)
def test_format_time(clock: time, words: str) -> None:
    assert format_time(clock) == words


class TestDescribe:
    def test_several_periods_in_a_day_share_a_line(self) -> None:
        periods = [weekly("MO", "14:00", "16:00"), weekly("MO", "10:00", "12:00")]
        assert describe(periods) == ["Monday: 10am to midday and 2pm to 4pm"]

    @pytest.mark.parametrize(
        ("byday", "days"),
        [
            ("TU,TH", "Tuesday and Thursday"),
            ("MO,TU,WE,TH,FR", "Monday to Friday"),
            ("MO,WE,FR", "Monday, Wednesday and Friday"),
            ("MO,TU,WE,FR", "Monday to Wednesday and Friday"),
            ("MO,TU,TH,FR", "Monday, Tuesday, Thursday and Friday"),
            ("SA,SU", "Saturday and Sunday"),
            ("FR,MO,WE,TU,TH", "Monday to Friday"),
            ("MO,TU,WE,TH,FR,SA,SU", "Every day"),
        ],
    )
    def test_days_with_the_same_times_are_grouped(self, byday: str, days: str) -> None:
        assert describe([weekly(byday, "18:00", "23:00")]) == [f"{days}: 6pm to 11pm"]

    def test_days_from_separate_rows_are_grouped_too(self) -> None:
        periods = [weekly(day, "09:00", "17:00") for day in ("WE", "MO", "TU")]
        assert describe(periods) == ["Monday to Wednesday: 9am to 5pm"]

    def test_a_whole_week_in_order_then_monthly(self) -> None:
        periods = [
            monthly("-1FR", "19:00", "01:00"),
            weekly("SA", "10:00", "13:00"),
            monthly("1MO", "10:00", "12:00"),
            weekly("MO,TU,WE,TH,FR", "09:00", "17:00"),
            weekly("TH", "18:00", "20:30"),
        ]
        assert describe(periods) == [
            "Monday to Wednesday and Friday: 9am to 5pm",
            "Thursday: 9am to 5pm and 6pm to 8:30pm",
            "Saturday: 10am to 1pm",
            "First Monday of the month: 10am to midday",
            "Last Friday of the month: 7pm to 1am",
        ]

    @pytest.mark.parametrize(
        ("byday", "line"),
        [
            ("1MO", "First Monday of the month: 10am to midday"),
            ("3TH", "Third Thursday of the month: 10am to midday"),
            ("-1FR", "Last Friday of the month: 10am to midday"),
            ("-2WE", "Second to last Wednesday of the month: 10am to midday"),
            ("3MO,1MO", "First and third Monday of the month: 10am to midday"),
            ("1MO,-1MO", "First and last Monday of the month: 10am to midday"),
        ],
    )
    def test_monthly_lines(self, byday: str, line: str) -> None:
        assert describe([monthly(byday, "10:00", "12:00")]) == [line]

    @pytest.mark.parametrize(
        ("valid_from", "valid_to", "suffix"),
        [
            ("2027-01-05", "2027-03-30", " (from 5 January 2027 until 30 March 2027)"),
            ("2027-01-05", None, " (from 5 January 2027)"),
            (None, "2027-03-30", " (until 30 March 2027)"),
        ],
    )
    def test_validity_dates_are_spelled_out(
        self, valid_from: str | None, valid_to: str | None, suffix: str
    ) -> None:
        periods = [weekly("TU,TH", "18:00", "23:00", valid_from, valid_to)]
        assert describe(periods) == [f"Tuesday and Thursday: 6pm to 11pm{suffix}"]

    def test_periods_with_validity_dates_are_not_merged_with_others(self) -> None:
        periods = [
            weekly("MO", "10:00", "12:00"),
            weekly("MO", "14:00", "16:00", valid_from="2027-01-05"),
        ]
        assert describe(periods) == [
            "Monday: 10am to midday",
            "Monday: 2pm to 4pm (from 5 January 2027)",
        ]

    def test_24_hours(self) -> None:
        assert describe([weekly("SA,SU", "00:00", "00:00")]) == ["Saturday and Sunday: all day"]
        assert describe([weekly("FR", "09:00", "09:00")]) == ["Friday: 24 hours from 9am"]

    def test_nothing_to_describe(self) -> None:
        assert describe([]) == []


class TestStatusText:
    ALL_WEEKEND = (weekly("FR", "17:00", "00:00"), weekly("SA,SU", "00:00", "00:00"))
    ALWAYS = (weekly("MO,TU,WE,TH,FR,SA,SU", "00:00", "00:00"),)

    @pytest.mark.parametrize(
        ("periods", "moment", "text"),
        [
            (MONDAY_EVENINGS, "2026-02-02 19:00", "Open now until 11pm"),
            (CRISIS_CAFE, "2026-02-06 20:00", "Open now until 1am"),
            ([weekly("SA", "19:00", "00:00")], "2026-02-07 20:00", "Open now until midnight"),
            ([weekly("MO", "08:00", "23:00")], "2026-02-02 09:00", "Open now until 11pm"),
            (
                [weekly("MO", "09:00", "09:00")],
                "2026-02-02 10:00",
                "Open now until tomorrow at 9am",
            ),
            (ALL_WEEKEND, "2026-02-06 18:00", "Open now until Sunday at midnight"),
            (ALWAYS, "2026-02-02 12:00", "Open now – 24 hours a day"),
        ],
    )
    def test_when_open(self, periods: list[Period], moment: str, text: str) -> None:
        assert status_text(periods, at(moment)) == text

    TUESDAY_MORNINGS = (weekly("TU", "10:00", "12:00"),)
    FIRST_TUESDAYS = (monthly("1TU", "10:00", "12:00"),)

    @pytest.mark.parametrize(
        ("periods", "moment", "text"),
        [
            (MONDAY_EVENINGS, "2026-02-02 10:00", "Closed now – opens today at 6pm"),
            (TUESDAY_MORNINGS, "2026-02-02 19:00", "Closed now – opens tomorrow at 10am"),
            (TUESDAY_MORNINGS, "2026-02-04 12:00", "Closed now – opens Tuesday at 10am"),
            (TUESDAY_MORNINGS, "2026-02-03 12:00", "Closed now – opens 10 February at 10am"),
            (MONDAY_EVENINGS, "2026-02-03 12:00", "Closed now – opens Monday at 6pm"),
            (FIRST_TUESDAYS, "2026-01-28 12:00", "Closed now – opens Tuesday at 10am"),
            (FIRST_TUESDAYS, "2026-01-26 12:00", "Closed now – opens 3 February at 10am"),
        ],
    )
    def test_when_closed(self, periods: list[Period], moment: str, text: str) -> None:
        assert status_text(periods, at(moment)) == text

    def test_without_periods(self) -> None:
        assert status_text([], at("2026-02-02 12:00")) == "No opening times listed"

    def test_when_every_period_has_ended(self) -> None:
        ended = [weekly("MO", "18:00", "23:00", valid_to="2026-01-26")]
        assert status_text(ended, at("2026-02-02 12:00")) == "No upcoming opening times"


class TestIsOpenLaterToday:
    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            ("2026-02-02 10:00", True),
            ("2026-02-02 20:00", False),
            ("2026-02-02 23:30", False),
            ("2026-02-03 10:00", False),
        ],
    )
    def test_only_when_closed_now_and_opening_before_midnight(
        self, moment: str, expected: bool
    ) -> None:
        assert is_open_later_today(MONDAY_EVENINGS, at(moment)) is expected

    def test_between_two_periods(self) -> None:
        periods = [weekly("MO", "10:00", "12:00"), weekly("MO", "14:00", "16:00")]
        assert is_open_later_today(periods, at("2026-02-02 13:00"))

    def test_an_opening_at_midnight_is_tomorrow(self) -> None:
        assert not is_open_later_today([weekly("TU", "00:00", "02:00")], at("2026-02-02 23:00"))


class TestBadInput:
    def test_times_must_be_naive_wall_clock(self) -> None:
        aware = datetime(2026, 2, 2, 19, tzinfo=ZoneInfo("Europe/London"))
        with pytest.raises(ValueError, match="wall-clock"):
            is_open(MONDAY_EVENINGS, aware)

    @pytest.mark.parametrize(
        "period",
        [
            Period("DAILY", "MO", time(9), time(17)),
            Period("WEEKLY", "XX", time(9), time(17)),
            Period("WEEKLY", "1MO", time(9), time(17)),
            Period("MONTHLY", "6MO", time(9), time(17)),
            Period("MONTHLY", "0MO", time(9), time(17)),
            Period("WEEKLY", "", time(9), time(17)),
        ],
        ids=["unknown frequency", "unknown day", "ordinal in weekly", "sixth", "zeroth", "no days"],
    )
    def test_a_malformed_row_is_an_error_not_a_closed_service(self, period: Period) -> None:
        with pytest.raises(ValueError):
            is_open([period], at("2026-02-02 12:00"))


# Properties. Times sit on a five-minute grid, so "a minute before" is "just before".

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
clock_times = st.builds(time, hour=st.integers(0, 23), minute=st.sampled_from(range(0, 60, 5)))
moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)
weekly_periods = st.builds(
    Period,
    freq=st.just("WEEKLY"),
    byday=st.lists(st.sampled_from(DAY_CODES), min_size=1, max_size=7, unique=True).map(",".join),
    opens_at=clock_times,
    closes_at=clock_times,
)
monthly_periods = st.builds(
    Period,
    freq=st.just("MONTHLY"),
    byday=st.builds(
        "{}{}".format, st.sampled_from([1, 2, 3, 4, 5, -1, -2]), st.sampled_from(DAY_CODES)
    ),
    opens_at=clock_times,
    closes_at=clock_times,
    valid_from=st.none() | st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    valid_to=st.none() | st.dates(date(2025, 1, 1), date(2027, 12, 31)),
)
schedules = st.lists(weekly_periods | monthly_periods, max_size=4)
MINUTE = timedelta(minutes=1)
property_settings = settings(database=None, deadline=None)


@property_settings
@given(schedules, moments)
def test_next_opening_is_a_moment_the_service_opens(periods: list[Period], after: datetime) -> None:
    opening = next_opening(periods, after)
    if opening is not None:
        assert opening > after
        assert is_open(periods, opening)
        assert not is_open(periods, opening - MINUTE)


@property_settings
@given(schedules, moments)
def test_open_until_is_the_moment_the_service_closes(periods: list[Period], now: datetime) -> None:
    end = open_until(periods, now, horizon_days=14)
    assert (end is not None) == is_open(periods, now)
    if end is not None and end <= now + timedelta(days=14):
        assert is_open(periods, end - MINUTE)
        assert not is_open(periods, end)


@property_settings
@given(st.lists(weekly_periods, max_size=4), moments)
def test_weekly_schedules_repeat_every_seven_days(periods: list[Period], now: datetime) -> None:
    assert is_open(periods, now) == is_open(periods, now + timedelta(days=7))


@property_settings
@given(schedules, st.dates(date(2025, 1, 1), date(2027, 12, 31)))
def test_the_service_is_open_when_each_of_the_days_periods_starts(
    periods: list[Period], day: date
) -> None:
    for opens_at, _ in opens_on(periods, day):
        assert is_open(periods, datetime.combine(day, opens_at))


@property_settings
@given(schedules, moments)
def test_open_later_today_agrees_with_next_opening(periods: list[Period], now: datetime) -> None:
    opening = next_opening(periods, now)
    expected = not is_open(periods, now) and opening is not None and opening.date() == now.date()
    assert is_open_later_today(periods, now) == expected


def test_check_rule_explains_what_is_wrong():
    from knowledge.domain.opening_hours import check_rule

    check_rule("WEEKLY", "MO,TU")
    check_rule("MONTHLY", "-1FR")
    for freq, byday in (("WEEKLY", "Mondays"), ("WEEKLY", ""), ("DAILY", "MO"), ("WEEKLY", "1MO")):
        with pytest.raises(ValueError):
            check_rule(freq, byday)
