from datetime import date

import pytest

from knowledge.domain.reviews import add_months, days_overdue, review_due

pytestmark = pytest.mark.no_database


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2026, 1, 15), 6) == date(2026, 7, 15)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_review_due_and_overdue():
    assert review_due(None, 6) is None
    assert review_due(date(2026, 5, 1), 6) == date(2026, 11, 1)
    assert days_overdue(date(2026, 5, 1), 6, date(2026, 11, 24)) == 23
    assert days_overdue(date(2026, 10, 1), 6, date(2026, 11, 24)) < 0
    assert days_overdue(None, 6, date(2026, 11, 24)) is None
