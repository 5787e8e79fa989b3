"""The helpline's figures at a glance: what is waiting, what is late, what is missing."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from knowledge.clock import local_now, local_time
from knowledge.curation.services import UnansweredSearch, unanswered_searches
from knowledge.extensions import db
from knowledge.helpline.unmet import RECORDED_IN_ERROR
from knowledge.models import HelplineQuery, QueryState, UnmetNeed

# A query is waiting for the helpline until it is answered; an answered one waits only for the
# asker to confirm, or for its follow-up date (counted separately).
WAITING = (QueryState.NEW, QueryState.IN_PROGRESS)
AGE_BANDS = (
    ("Under 1 day", 0, 0),
    ("1 to 3 days", 1, 3),
    ("4 to 7 days", 4, 7),
    ("Over a week", 8, None),
)
SEARCH_DAYS = 30
TOP_SEARCHES = 10


@dataclass(frozen=True)
class AgeCount:
    label: str
    count: int


@dataclass(frozen=True)
class HelplineDashboard:
    waiting_by_age: list[AgeCount]
    overdue_follow_ups: list[HelplineQuery]
    unmet_this_month: int
    month_start: date
    unanswered: list[UnansweredSearch]
    searches_since: date

    @property
    def waiting(self) -> int:
        return sum(band.count for band in self.waiting_by_age)


def age_in_days(received_at: datetime, now: datetime) -> int:
    """Whole days since it arrived: under 24 hours is 0."""
    return max((now - local_time(received_at)).days, 0)


def age_label(days: int) -> str:
    for label, low, high in AGE_BANDS:
        if days >= low and (high is None or days <= high):
            return label
    raise ValueError(days)


def overdue_follow_ups(today: date) -> list[HelplineQuery]:
    """Queries not closed whose follow-up date has passed, the longest overdue first. Due today
    is not yet overdue. (knowledge/helpline/queries.py lists these too, by this rule.)"""
    return list(
        db.session.scalars(
            select(HelplineQuery)
            .where(
                HelplineQuery.state != QueryState.CLOSED,
                HelplineQuery.follow_up_on < today,
            )
            .options(selectinload(HelplineQuery.handler))
            .order_by(HelplineQuery.follow_up_on, HelplineQuery.received_at)
        )
    )


def helpline_dashboard() -> HelplineDashboard:
    now = local_now()
    today = now.date()
    received = db.session.scalars(
        select(HelplineQuery.received_at).where(HelplineQuery.state.in_(WAITING))
    ).all()
    counts = dict.fromkeys((label for label, _, _ in AGE_BANDS), 0)
    for moment in received:
        counts[age_label(age_in_days(moment, now))] += 1
    month_start = today.replace(day=1)
    since = today - timedelta(days=SEARCH_DAYS)
    return HelplineDashboard(
        waiting_by_age=[AgeCount(label, count) for label, count in counts.items()],
        overdue_follow_ups=overdue_follow_ups(today),
        unmet_this_month=db.session.scalar(
            select(func.count())
            .select_from(UnmetNeed)
            .where(
                UnmetNeed.first_seen >= month_start,
                # A decision since changed was never a gap.
                UnmetNeed.closed_reason.is_distinct_from(RECORDED_IN_ERROR),
            )
        )
        or 0,
        month_start=month_start,
        unanswered=unanswered_searches(since)[:TOP_SEARCHES],
        searches_since=since,
    )
