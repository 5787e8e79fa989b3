from datetime import date

import pytest

from knowledge.domain.quality import EntryFacts, completeness

pytestmark = pytest.mark.no_database


TODAY = date(2026, 11, 24)


def facts(**changes) -> EntryFacts:
    values = {
        "has_contact": True,
        "has_opening_times": True,
        "has_area": True,
        "has_need": True,
        "description_length": 250,
        "assured_date": date(2026, 10, 1),
        "review_interval_months": 6,
        **changes,
    }
    return EntryFacts(**values)


def test_a_complete_checked_entry_scores_100():
    result = completeness(facts(), TODAY)
    assert (result.score, result.missing) == (100, ())


def test_each_gap_is_named_and_counted():
    result = completeness(facts(has_contact=False, description_length=99, assured_date=None), TODAY)
    assert result.missing == ("contact", "description", "checked")
    assert result.score == 50
    assert result.missing_labels[0] == "a way to get in touch (phone, email or website)"


def test_an_overdue_check_counts_as_missing():
    assert completeness(facts(assured_date=date(2026, 5, 1)), TODAY).missing == ("checked",)
    assert completeness(facts(assured_date=date(2026, 5, 25)), TODAY).missing == ()
