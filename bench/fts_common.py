"""What the full-text baselines (PostgreSQL, SQLite FTS5) share with each other and the app.

The baselines answer the app's `SearchQuery` with the app's own behaviour, so the comparison is
of engines, not of features: the same word groups and synonyms (`Synonyms.group`, filler words
dropped), every word must match and the search falls back to any word, unknown words are
respelt, each facet is counted over the results passing every *other* active facet, temporarily
closed services sort last, and one page of ids comes back. What each engine does its own way
(stemming, ranking, spelling) is said where it is done.
"""

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from knowledge.domain import opening_hours
from knowledge.search import (
    FACETS,
    WEEKDAY_CODES,
    Hit,
    Period,
    SearchQuery,
    SearchResult,
    ServiceDocument,
    Synonyms,
)
from knowledge.search.synonyms import WordGroup
from knowledge.search.text import FILLER_WORDS, index_terms, words

OPEN = "open"
OPEN_NOW = "now"
OPEN_VALUES = (*WEEKDAY_CODES, OPEN_NOW)
# As the app's spelling: only words this long are respelt.
SHORTEST_RESPELT = 4
_BYDAY_ENTRY = re.compile(r"([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)")


@dataclass(frozen=True)
class Opening:
    """One day rule of one opening period, as a row a database can test "open now" with."""

    weekday: int  # 0 = Monday
    ordinal: int | None  # None: every week; 1 the first of the month, -1 the last
    opens_at: time
    closes_at: time
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True)
class Day:
    """What a SQL test for "an opening starts on this day" needs to know about the day."""

    day: date
    weekday: int
    ordinal: int  # the day's week of the month counted from the start: 1 to 5
    ordinal_from_end: int  # and from the end, negative: -1 is the last

    @classmethod
    def of(cls, day: date) -> "Day":
        next_month = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        days_in_month = (next_month - timedelta(days=1)).day
        return cls(
            day=day,
            weekday=day.weekday(),
            ordinal=(day.day - 1) // 7 + 1,
            ordinal_from_end=-((days_in_month - day.day) // 7 + 1),
        )


def openings(periods: Iterable[Period]) -> list[Opening]:
    """Rows for the periods, checked as the app checks them (one bad schedule: no hours)."""
    periods = tuple(periods)
    try:
        opening_hours.check_periods(periods)
    except ValueError:
        return []
    rows = []
    for period in periods:
        for entry in filter(None, (part.strip().upper() for part in period.byday.split(","))):
            match = _BYDAY_ENTRY.fullmatch(entry)
            assert match is not None, "check_periods accepted it"
            ordinal, code = match.groups()
            rows.append(
                Opening(
                    weekday=WEEKDAY_CODES.index(code.lower()),
                    ordinal=int(ordinal) if ordinal else None,
                    opens_at=period.opens_at,
                    closes_at=period.closes_at,
                    valid_from=period.valid_from,
                    valid_to=period.valid_to,
                )
            )
    return rows


def open_days(document: ServiceDocument, today: date) -> tuple[str, ...]:
    """The weekdays of the coming week the service opens on: worked out once a day, as the app
    does, and kept beside the document (a column refreshed daily, in a database)."""
    if not openings(document.periods):
        return ()
    weekdays = opening_hours.weekdays_open_in_week(document.periods, today)
    return tuple(WEEKDAY_CODES[d] for d in sorted(weekdays))


def spelling_text(document: ServiceDocument) -> str:
    """The unstemmed words a misspelling is corrected to: the app's `spell` field."""
    return " ".join((document.name, document.summary, document.description, *document.term_names))


def meaningful(group: WordGroup) -> bool:
    """The app's rule: a group counts if it stands for codes or has an indexable word."""
    if group.codes:
        return True
    word = group.words[0]
    return word not in FILLER_WORDS and bool(index_terms(word))


@dataclass
class Page:
    """One engine's answer to one run of a query: before and after the facet filters."""

    matched: int  # documents the words matched, before facet filters
    total: int  # after facet filters
    ids: list[str]
    facets: dict[str, dict[str, int]]


class FullTextBaseline(ABC):
    """The app's control flow around an engine that can match, filter, count and page."""

    name: str

    def __init__(self, synonyms: Synonyms):
        self.synonyms = synonyms

    @abstractmethod
    def build(self, documents: list[ServiceDocument], today: date) -> None: ...

    @abstractmethod
    def run(
        self,
        groups: list[WordGroup] | None,
        any_word: bool,
        query: SearchQuery,
        now: datetime,
    ) -> Page:
        """Match the groups (None: every document), filter, count facets, page."""

    @abstractmethod
    def is_known(self, word: str) -> bool: ...

    @abstractmethod
    def respell(self, word: str) -> str | None: ...

    def close(self) -> None:  # noqa: B027 (nothing to close, for some engines)
        pass

    def search(self, query: SearchQuery, now: datetime) -> SearchResult:
        typed = words(query.text)
        groups = [g for g in self.synonyms.group(typed) if meaningful(g)]
        if query.text.strip() and not groups:
            return SearchResult([], 0, query.page, query.per_page, {}, no_search_words=True)
        searched_for = " ".join(typed)
        corrected_from = suggestion = None
        matched_all = True
        if not groups:
            page = self.run(None, False, query, now)
        else:
            page = self.run(groups, False, query, now)
            corrected = self._corrected(groups) if query.correct_spelling else None
            if not page.matched and corrected is not None:
                respelt = self.run(corrected, False, query, now)
                if respelt.matched:
                    page, corrected_from = respelt, searched_for
                    searched_for = " ".join(" ".join(g.words) for g in corrected)
            if not page.matched and len(groups) > 1:
                page = self.run(groups, True, query, now)
                matched_all = not page.matched
            if corrected is not None and corrected_from is None:
                suggestion = " ".join(" ".join(g.words) for g in corrected)
        return SearchResult(
            hits=[Hit(id=i) for i in page.ids],
            total=page.total,
            page=query.page,
            per_page=query.per_page,
            facets=page.facets,
            searched_for=searched_for,
            corrected_from=corrected_from,
            suggestion=suggestion,
            matched_all_words=matched_all,
        )

    def _corrected(self, groups: list[WordGroup]) -> list[WordGroup] | None:
        changed = False
        corrected: list[WordGroup] = []
        for group in groups:
            word = group.words[0]
            if group.codes or len(word) < SHORTEST_RESPELT or self.is_known(word):
                corrected.append(group)
                continue
            better = self.respell(word)
            if better is None:
                corrected.append(group)
                continue
            changed = True
            corrected.extend(self.synonyms.group([better]))
        return corrected if changed else None


class FacetBits:
    """Each facet value as one bit of an integer column, the way both baselines store facets:
    counting is then one pass over the matches with an aggregate per value,
    `count(*) FILTER (WHERE <the other facets' filters> AND (column & bit) <> 0)`.

    (Measured on PostgreSQL at 5,000 services: `text[]` columns counted with `unnest` and
    GROUP BY took about twice as long, so the baselines get the faster form.)"""

    def __init__(self, bits: Mapping[str, Mapping[str, int]] | None = None):
        self.bits: dict[str, dict[str, int]] = {OPEN: {v: n for n, v in enumerate(OPEN_VALUES)}}
        for facet, by_value in (bits or {}).items():
            self.bits[facet] = dict(by_value)

    @classmethod
    def of(cls, documents: list[ServiceDocument]) -> "FacetBits":
        found = cls()
        for facet in FACETS:
            if facet != OPEN:
                values = sorted({v for d in documents for v in d.facet_values()[facet]})
                found.bits[facet] = {value: n for n, value in enumerate(values)}
        return found

    def rows(self) -> list[tuple[str, str, int]]:
        return [(f, v, bit) for f, by_value in self.bits.items() for v, bit in by_value.items()]

    def mask(self, facet: str, values: Iterable[str]) -> int:
        by_value = self.bits.get(facet, {})
        return sum(1 << by_value[v] for v in set(values) if v in by_value)

    def static_masks(self, document: ServiceDocument) -> list[int]:
        values = document.facet_values()
        return [self.mask(facet, values[facet]) for facet in FACETS if facet != OPEN]

    def counts_sql(self, tests: Mapping[str, str]) -> tuple[list[str], list[tuple[str, str]]]:
        """One aggregate per facet value, over the matches passing the other facets' tests
        (SQL conditions by facet), and what each counts."""
        aggregates, labels = [], []
        for facet in FACETS:
            others = " AND ".join(t for f, t in tests.items() if f != facet) or "TRUE"
            for value, bit in self.bits.get(facet, {}).items():
                aggregates.append(
                    f"count(*) FILTER (WHERE {others} AND (f_{facet} & {1 << bit}) <> 0)"
                )
                labels.append((facet, value))
        return aggregates, labels


def active_filters(filters: Mapping[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    return {facet: chosen for facet, chosen in filters.items() if chosen and facet in FACETS}
