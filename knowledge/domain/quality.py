"""How complete an entry is: what a person needs to use it, and whether it is checked."""

from dataclasses import dataclass
from datetime import date

from knowledge.domain.reviews import days_overdue

MIN_DESCRIPTION_LENGTH = 100

CHECKS: tuple[tuple[str, str], ...] = (
    ("contact", "a way to get in touch (phone, email or website)"),
    ("opening_times", "opening times"),
    ("area", "an area it serves"),
    ("need", "a need domain"),
    ("description", f"a description of at least {MIN_DESCRIPTION_LENGTH} characters"),
    ("checked", "a check with the provider within its review interval"),
)


@dataclass(frozen=True)
class EntryFacts:
    has_contact: bool
    has_opening_times: bool
    has_area: bool
    has_need: bool
    description_length: int
    assured_date: date | None
    review_interval_months: int


@dataclass(frozen=True)
class Completeness:
    missing: tuple[str, ...]  # codes from CHECKS

    @property
    def score(self) -> int:
        return round(100 * (len(CHECKS) - len(self.missing)) / len(CHECKS))

    @property
    def missing_labels(self) -> list[str]:
        labels = dict(CHECKS)
        return [labels[code] for code in self.missing]


def completeness(facts: EntryFacts, today: date) -> Completeness:
    overdue = days_overdue(facts.assured_date, facts.review_interval_months, today)
    passed = {
        "contact": facts.has_contact,
        "opening_times": facts.has_opening_times,
        "area": facts.has_area,
        "need": facts.has_need,
        "description": facts.description_length >= MIN_DESCRIPTION_LENGTH,
        "checked": overdue is not None and overdue < 0,
    }
    return Completeness(tuple(code for code, _ in CHECKS if not passed[code]))
