"""What a search needs of every document, read once per index generation: facet values, opening
hours, names to sort by, places to measure from; and the facet counting and paging done with it.

Counting facets is the hot path at scale: a search for "lonely" matches half of a 50,000-service
directory, and the results page shows how many of those fall in every need, type, district, age
group, cost, referral route and opening day. So each facet value's documents are kept as one
bitset (a Python int, bit n set for docnum n) built once per generation, and a count is an AND
and a popcount done in C rather than a Python loop over every match. The "open" values depend
on the day and the time: the days a service opens this coming week are worked out once a day
(at once for services open on the same weekdays every week), and the services open now once a
minute (every opening time is a whole minute, so nothing can change within one).

Results are exactly those of counting document by document (tests/search/test_facts.py
compares the two on random directories).
"""

import heapq
import logging
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter

from knowledge.domain import opening_hours
from knowledge.domain.geo import nearest_km
from knowledge.search.documents import FACETS, Period, SearchQuery
from knowledge.search.scoring import Found, ScoreCache
from knowledge.search.spelling import Vocabulary

log = logging.getLogger(__name__)

WEEKDAY_CODES = ("mo", "tu", "we", "th", "fr", "sa", "su")
OPEN_NOW = "now"
OPEN = "open"

# (docnum, score) pairs, in no particular order.
Scored = list[tuple[int, float]]


@dataclass(frozen=True)
class DocFacts:
    """What a search needs of each document without touching the index again."""

    id: str
    sort_name: str
    temporarily_closed: bool
    values: dict[str, frozenset[str]]
    periods: tuple[Period, ...]
    points: tuple[tuple[float, float], ...]

    @classmethod
    def from_stored(cls, stored: dict, shared: "_Shared | None" = None) -> "DocFacts":
        shared = shared or _Shared()
        periods = shared.periods(stored["periods"])
        if periods is None:
            # One bad schedule must not take search down: the service shows without hours.
            log.error("unusable opening times indexed for service %s", stored["id"])
            periods = ()
        return cls(
            id=stored["id"],
            sort_name=stored["name"].casefold(),
            temporarily_closed=stored["temporarily_closed"],
            values={sys.intern(facet): shared.values(v) for facet, v in stored["values"].items()},
            periods=periods,
            points=tuple(tuple(p) for p in stored["points"]),
        )


class _Shared:
    """Opening times and facet values many services have in common, parsed and held once:
    at 50,000 services there are a few hundred different schedules, and checking each
    service's own was most of the time reading the index took."""

    def __init__(self) -> None:
        self._periods: dict[tuple, tuple[Period, ...] | None] = {}
        self._values: dict[tuple, frozenset[str]] = {}

    def periods(self, stored: list[list]) -> tuple[Period, ...] | None:
        """The periods, or None if one of them is unusable."""
        key = tuple(map(tuple, stored))
        if key not in self._periods:
            periods = tuple(Period.from_json(list(p)) for p in key)
            try:
                opening_hours.check_periods(periods)
            except ValueError:
                periods = None
            self._periods[key] = periods
        return self._periods[key]

    def values(self, stored: list[str]) -> frozenset[str]:
        key = tuple(stored)
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = frozenset(stored)
        return found


def read_facts(reader_segments: list, previous: "IndexFacts | None" = None) -> "IndexFacts":
    """The facts of every live document of the searcher's segments ((segment searcher, docnum
    offset) pairs), by docnum across the index.

    A segment's documents never change, only whether they are deleted, so segments read for
    the `previous` generation are not read again: after an edit only its new segment is."""
    shared = previous.shared if previous is not None else _Shared()
    by_segment: dict[str, dict[int, DocFacts]] = {}
    facts: dict[int, DocFacts] = {}
    for segment_searcher, offset in reader_segments:
        reader = segment_searcher.reader()
        segment = reader.segment() if hasattr(reader, "segment") else None
        key = segment.segment_id() if segment is not None else None
        known = previous.by_segment.get(key) if previous is not None and key else None
        if known is None:
            known = {
                docnum: DocFacts.from_stored(stored["facts"], shared)
                for docnum, stored in reader.iter_docs()
            }
        if key:
            by_segment[key] = known
        is_deleted = reader.is_deleted
        for docnum, doc in known.items():
            if not is_deleted(docnum):
                facts[offset + docnum] = doc
    return IndexFacts(facts, shared, by_segment)


class IndexFacts(dict[int, DocFacts]):
    """Every document of one index generation by docnum, and its facets as bitsets.

    Not thread-safe: the index searches holding its lock."""

    def __init__(
        self,
        facts: Mapping[int, DocFacts],
        shared: _Shared | None = None,
        by_segment: dict[str, dict[int, DocFacts]] | None = None,
    ):
        super().__init__(facts)
        self.shared = shared or _Shared()
        self.by_segment = by_segment or {}
        self.size = max(self, default=-1) + 1
        self.everything = self.bitset(self)
        self.closed = [False] * self.size
        # Services with the same facet values, or the same opening times, are grouped first
        # (read through _Shared, equal ones are the same objects): the work is per group.
        combinations: dict[tuple[int, ...], tuple[dict[str, frozenset[str]], list[int]]] = {}
        schedules: dict[int, tuple[tuple[Period, ...], list[int]]] = {}
        for docnum, doc in self.items():
            self.closed[docnum] = doc.temporarily_closed
            key = tuple(map(id, doc.values.values())) + tuple(map(id, doc.values))
            combinations.setdefault(key, (doc.values, []))[1].append(docnum)
            if doc.periods:
                schedules.setdefault(id(doc.periods), (doc.periods, []))[1].append(docnum)
        self.any_closed = any(self.closed)
        members: dict[str, dict[str, list[int]]] = {}
        for values, docnums in combinations.values():
            for facet, chosen in values.items():
                by_value = members.setdefault(facet, {})
                for value in chosen:
                    by_value.setdefault(value, []).extend(docnums)
        self._static = {
            facet: {value: self.bitset(docnums) for value, docnums in by_value.items()}
            for facet, by_value in members.items()
        }
        # The day's and the minute's work is per schedule, not per service. (Docnums, not
        # bitsets: there are thousands of schedules, most of a few services.)
        self._schedules = [
            (opening_hours.Hours(periods), docnums) for periods, docnums in schedules.values()
        ]
        weekly: dict[str, list[int]] = {}
        self._varying: list[tuple[opening_hours.Hours, list[int]]] = []
        for hours, docnums in self._schedules:
            if hours.same_every_week:
                for weekday in hours.weekdays():
                    weekly.setdefault(WEEKDAY_CODES[weekday], []).extend(docnums)
            else:
                self._varying.append((hours, docnums))
        self._weekly = {code: self.bitset(docnums) for code, docnums in weekly.items()}
        self.by_name = sorted(self, key=lambda d: (self[d].sort_name, d))
        self.name_rank = [0] * self.size
        rank, previous = -1, None
        for docnum in self.by_name:
            if self[docnum].sort_name != previous:
                rank, previous = rank + 1, self[docnum].sort_name
            self.name_rank[docnum] = rank
        self._day: date | None = None
        self._open_days: dict[str, int] = {}
        self._openings: list[tuple[list[tuple[datetime, datetime]], list[int]]] = []
        self._minute: datetime | None = None
        self._open_now = 0
        # Each term's and word's scores, worked out as searches need them (scoring.py).
        self.scores = ScoreCache()
        # The words misspellings are corrected to, read at the first (spelling.py), and the
        # corrections made: the same word is respelt the same way within a generation.
        self.vocabulary: Vocabulary | None = None
        self.respelt: dict[str, str | None] = {}

    def bitset(self, docnums: Iterable[int]) -> int:
        flags = bytearray((self.size + 7) // 8)
        for docnum in docnums:
            flags[docnum >> 3] |= 1 << (docnum & 7)
        return int.from_bytes(flags, "little")

    def members(self, bits: int) -> bytes:
        """Bit n of byte n // 8 says whether docnum n is in `bits`: a cheap test for each."""
        return bits.to_bytes((self.size + 7) // 8, "little")

    def values_at(self, now: datetime) -> dict[str, dict[str, int]]:
        """Every facet's values and their documents, "open" as it is at `now`."""
        self._follow_the_clock(now)
        open_values = dict(self._open_days)
        if self._open_now:
            open_values[OPEN_NOW] = self._open_now
        return {**self._static, OPEN: open_values}

    def _follow_the_clock(self, now: datetime) -> None:
        if now.tzinfo is not None:
            raise ValueError(
                "Opening times take naive UK wall-clock datetimes (see knowledge.clock)"
            )
        today = now.date()
        if self._day != today:
            self._day = today
            self._open_days = self._open_days_from(today)
            self._openings = [
                (openings, docnums)
                for hours, docnums in self._schedules
                if (openings := hours.openings_around(today))
            ]
            self._minute = None
        minute = now.replace(second=0, microsecond=0)
        if self._minute != minute:
            self._minute = minute
            self._open_now = self.bitset(
                docnum
                for openings, docnums in self._openings
                if any(start <= minute < end for start, end in openings)
                for docnum in docnums
            )

    def _open_days_from(self, today: date) -> dict[str, int]:
        """The weekdays of the coming week each service opens on ("open on Monday" means this
        coming Monday: a course that has ended does not count)."""
        varying: dict[str, list[int]] = {}
        for hours, docnums in self._varying:
            for weekday in hours.weekdays_open_in_week(today):
                varying.setdefault(WEEKDAY_CODES[weekday], []).extend(docnums)
        days = dict(self._weekly)
        for code, docnums in varying.items():
            days[code] = days.get(code, 0) | self.bitset(docnums)
        return days


@dataclass
class Matches:
    """The documents a search matched that pass the chosen facets."""

    docs: int  # a bitset
    total: int
    # Docnum → score of everything the words matched (before facets); None when there were no
    # words: every document matched, with a score of 0.
    scored: Mapping[int, float] | None

    def scored_pairs(self, facts: "IndexFacts") -> Scored:
        """(docnum, score) of each match."""
        if self.scored is None:
            flags = facts.members(self.docs)
            return [(d, 0.0) for d in facts if flags[d >> 3] >> (d & 7) & 1]
        if self.total == len(self.scored):
            return list(self.scored.items())
        flags = facts.members(self.docs)
        return [
            (d, score)
            for d, score in self.scored.items()
            if d < facts.size and flags[d >> 3] >> (d & 7) & 1
        ]


def facet(
    found: Found | None,
    facts: IndexFacts,
    filters: Mapping[str, frozenset[str]],
    now: datetime,
) -> tuple[Matches, dict[str, dict[str, int]]]:
    """Filter what the words found (None: every document, scoring 0) by the chosen facets
    (AND across facets, OR within one) and count each facet's values over the documents that
    pass every *other* active facet."""
    scored = None if found is None else found.scores
    matched = facts.everything if found is None else found.docs & facts.everything
    values = facts.values_at(now)
    passing: dict[str, int] = {}
    for name, chosen in filters.items():
        if chosen:
            by_value = values.get(name, {})
            passing[name] = 0
            for value in chosen:
                passing[name] |= by_value.get(value, 0)
    counts: dict[str, dict[str, int]] = {}
    for name in FACETS:
        within = matched
        for other, bits in passing.items():
            if other != name:
                within &= bits
        counts[name] = {
            value: n
            for value, docs in values.get(name, {}).items()
            if (n := (docs & within).bit_count())
        }
    passed = matched
    for bits in passing.values():
        passed &= bits
    return Matches(passed, passed.bit_count(), scored), counts


def page(
    matches: Matches, facts: IndexFacts, query: SearchQuery, start: int, stop: int
) -> tuple[list[int], dict[int, float | None]]:
    """Docnums `start` to `stop` of the matches in the query's order, and their distances from
    the query's origin (if it has one). Only as much is sorted as the page needs.

    The order is what sorting Whoosh's results (best score first, then docnum) by the query's
    sort key with a stable sort gives, so ties fall back on score, then docnum."""
    if query.sort == "distance" and query.origin is not None:
        ordered = _by_distance(matches.scored_pairs(facts), facts, query.origin)[start:stop]
    elif query.sort == "name" or not query.text.strip():
        ordered = _by_name(matches, facts, stop)[start:stop]
    else:
        ordered = _by_relevance(matches.scored_pairs(facts), facts, stop)[start:stop]
    distances: dict[int, float | None] = {}
    if query.origin is not None:
        distances = {d: nearest_km(query.origin, facts[d].points) for d in ordered}
    return ordered, distances


def _by_distance(matches: Scored, facts: IndexFacts, origin: tuple[float, float]) -> list[int]:
    far = float("inf")
    distance = {d: nearest_km(origin, facts[d].points) for d, _ in matches}
    ordered = sorted(
        matches,
        key=lambda m: (
            distance[m[0]] if distance[m[0]] is not None else far,
            facts[m[0]].sort_name,
            -m[1],
            m[0],
        ),
    )
    return [d for d, _ in ordered]


def _by_name(matches: Matches, facts: IndexFacts, stop: int) -> list[int]:
    """With no words every score is 0: walk the index's name order rather than sort (most of
    the index may match). With words, equal names go by score."""
    if matches.scored is not None:
        rank = facts.name_rank
        best = heapq.nsmallest(
            stop, matches.scored_pairs(facts), key=lambda m: (rank[m[0]], -m[1], m[0])
        )
        return [d for d, _ in best]
    flags = facts.members(matches.docs)
    ordered = []
    if stop > 0 and matches.total:
        for docnum in facts.by_name:
            if flags[docnum >> 3] >> (docnum & 7) & 1:
                ordered.append(docnum)
                if len(ordered) >= stop:
                    break
    return ordered


def _by_relevance(matches: Scored, facts: IndexFacts, stop: int) -> list[int]:
    """Best match first, but a service open for business before one that is temporarily
    closed."""
    closed = facts.closed
    if not facts.any_closed:
        return _best(matches, stop, facts)
    ordered = _best([m for m in matches if not closed[m[0]]], stop, facts)
    if len(ordered) < stop:
        ordered += _best([m for m in matches if closed[m[0]]], stop - len(ordered), facts)
    return ordered


def _best(scored: Scored, count: int, facts: IndexFacts) -> list[int]:
    """The `count` best by score, then name, then docnum. Only the best scores are sorted:
    those above the `count`-th, then as many as are still needed of those tied with it (a
    directory has many equal scores: "lonely" matches thousands by their need alone), chosen
    by name without sorting them all."""
    if count <= 0:
        return []
    rank = facts.name_rank
    if len(scored) <= count:
        return [d for d, _ in sorted(scored, key=lambda m: (-m[1], rank[m[0]], m[0]))]
    lowest = heapq.nlargest(count, scored, key=itemgetter(1))[-1][1]
    above: Scored = []
    tied: list[int] = []
    for docnum, score in scored:
        if score >= lowest:
            if score > lowest:
                above.append((docnum, score))
            else:
                tied.append(docnum)
    above.sort(key=lambda m: (-m[1], rank[m[0]], m[0]))
    chosen = heapq.nsmallest(count - len(above), tied, key=lambda d: (rank[d], d))
    return [d for d, _ in above] + chosen
