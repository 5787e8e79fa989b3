"""The Whoosh index of published services: writing, querying, spelling and facets."""

import logging
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.query import And, Or, Query, Term
from whoosh.searching import Searcher
from whoosh.support.charset import accent_map

from knowledge.domain import opening_hours
from knowledge.domain.geo import nearest_km
from knowledge.search.documents import (
    FACETS,
    Hit,
    Period,
    SearchQuery,
    SearchResult,
    ServiceDocument,
)
from knowledge.search.synonyms import Synonyms, WordGroup
from knowledge.search.text import ANALYZER, FILLER_WORDS, index_terms, words

log = logging.getLogger(__name__)

WEEKDAY_CODES = ("mo", "tu", "we", "th", "fr", "sa", "su")

# Field boosts: a word in the name matters most, then the kind of help, then the summary.
TEXT_FIELDS: tuple[tuple[str, float], ...] = (
    ("name", 5.0),
    ("terms", 3.0),
    ("summary", 2.0),
    ("organisation", 1.5),
    ("description", 1.0),
    ("places", 1.0),
)
CODE_BOOST = 4.0
WRITE_LOCK_TIMEOUT_SECONDS = 10.0
# Change when the schema or the stored facts change: an index in an older format is recreated.
INDEX_FORMAT = "3"


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        name=TEXT(analyzer=ANALYZER),
        terms=TEXT(analyzer=ANALYZER),
        summary=TEXT(analyzer=ANALYZER),
        organisation=TEXT(analyzer=ANALYZER),
        description=TEXT(analyzer=ANALYZER),
        places=TEXT(analyzer=ANALYZER),
        codes=KEYWORD(commas=True),
        # Unstemmed words, the vocabulary "Did you mean …?" chooses from.
        spell=TEXT(analyzer=RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)),
        facts=STORED,
    )


@dataclass(frozen=True)
class _DocFacts:
    """What a search needs of each document without touching the index again."""

    id: str
    sort_name: str
    temporarily_closed: bool
    values: dict[str, frozenset[str]]
    periods: tuple[Period, ...]
    points: tuple[tuple[float, float], ...]

    @classmethod
    def from_stored(cls, stored: dict) -> "_DocFacts":
        periods = tuple(Period.from_json(p) for p in stored["periods"])
        try:
            opening_hours.check_periods(periods)
        except ValueError:
            # One bad schedule must not take search down: the service shows without hours.
            log.error("unusable opening times indexed for service %s", stored["id"])
            periods = ()
        values = {facet: frozenset(v) for facet, v in stored["values"].items()}
        return cls(
            id=stored["id"],
            sort_name=stored["name"].casefold(),
            temporarily_closed=stored["temporarily_closed"],
            values=values,
            periods=periods,
            points=tuple(tuple(p) for p in stored["points"]),
        )


class SearchIndex:
    """One index directory, opened once per process and shared by its threads."""

    def __init__(self, path: str | os.PathLike, synonyms: Synonyms):
        self.path = Path(path)
        self.synonyms = synonyms
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._facts: dict[int, _DocFacts] = {}
        self._open_days: dict[int, frozenset[str]] = {}
        self._open_days_date: date | None = None
        self.path.mkdir(parents=True, exist_ok=True)
        format_file = self.path / "FORMAT"
        current = format_file.exists() and format_file.read_text().strip() == INDEX_FORMAT
        # An index written by an older version of this code is replaced by an empty one;
        # `needs_rebuild` tells the app to fill it from the database.
        self.needs_rebuild = not current
        if current and whoosh_index.exists_in(self.path):
            self._index = whoosh_index.open_dir(self.path)
        else:
            self._index = whoosh_index.create_in(self.path, build_schema())
            format_file.write_text(INDEX_FORMAT + "\n")

    # Writing -----------------------------------------------------------------------------

    def update(self, documents: Iterable[ServiceDocument], remove_ids: Iterable[str] = ()) -> None:
        """Add or replace documents and remove others, in one commit."""
        self.update_from(lambda: (documents, remove_ids))

    def update_from(
        self, load: Callable[[], tuple[Iterable[ServiceDocument], Iterable[str]]]
    ) -> None:
        """Take the index's write lock, *then* call `load` for what to write.

        Reading the database after the lock is held means two commits that change the same
        service cannot reach the index in the wrong order."""
        writer = self._index.writer(timeout=WRITE_LOCK_TIMEOUT_SECONDS)
        try:
            documents, remove_ids = load()
            for service_id in remove_ids:
                writer.delete_by_term("id", service_id)
            for document in documents:
                writer.update_document(**_fields(document))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def rebuild(self, documents: Iterable[ServiceDocument]) -> int:
        """Replace the whole index. Searches keep using the old one until the commit lands."""
        writer = self._index.writer(timeout=WRITE_LOCK_TIMEOUT_SECONDS)
        count = 0
        try:
            for document in documents:
                writer.add_document(**_fields(document))
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=writing.CLEAR)
        self.needs_rebuild = False
        return count

    def indexed_ids(self) -> set[str]:
        with self._lock:
            return {doc.id for doc in self._current_facts().values()}

    # Reading -----------------------------------------------------------------------------

    def _current_facts(self) -> dict[int, _DocFacts]:
        """Refresh the searcher if the index changed (call holding the lock).

        The facts of every document are read once per index generation, so faceting and
        sorting never go back to the index."""
        if self._searcher is None or not self._searcher.up_to_date():
            # A fresh searcher, not refresh(): Whoosh's reader reuse fails when the previous
            # reader was of an empty index. Swapped in only once its facts are read.
            searcher = self._index.searcher()
            facts = _read_facts(searcher)
            if self._searcher is not None:
                self._searcher.close()
            self._searcher, self._facts = searcher, facts
            self._open_days = {}
        return self._facts

    def _open_days_from(self, today: date) -> dict[int, frozenset[str]]:
        """Docnum → the weekdays of the coming week it opens on, worked out once a day."""
        if self._open_days_date != today:
            self._open_days, self._open_days_date = {}, today
        return self._open_days

    def search(self, query: SearchQuery, now: datetime) -> SearchResult:
        # One searcher per process, used under a lock: Whoosh searchers are not documented as
        # thread-safe, and production runs single-threaded gunicorn workers anyway.
        with self._lock:
            facts = self._current_facts()
            assert self._searcher is not None
            return self._search(self._searcher, facts, query, now)

    def _search(
        self, searcher: Searcher, facts: dict[int, "_DocFacts"], query: SearchQuery, now: datetime
    ) -> SearchResult:
        typed = words(query.text)
        groups = [g for g in self.synonyms.group(typed) if _meaningful(g)]

        corrected_from: str | None = None
        suggestion: str | None = None
        matched_all = True
        searched_for = " ".join(typed)
        if query.text.strip() and not groups:
            # Only filler or stop words ("help", "the", "AND"): nothing to search for.
            return SearchResult([], 0, query.page, query.per_page, {}, no_search_words=True)
        if not groups:
            scored = [(docnum, 0.0) for docnum in facts]
        else:
            scored = self._run(searcher, And, groups)
            corrected = self._corrected(searcher, groups) if query.correct_spelling else None
            if not scored and corrected is not None:
                corrected_scored = self._run(searcher, And, corrected)
                if corrected_scored:
                    scored = corrected_scored
                    corrected_from = searched_for
                    searched_for = _text(corrected)
            if not scored and len(groups) > 1:
                scored = self._run(searcher, Or, groups)
                matched_all = not scored
            if corrected is not None and corrected_from is None:
                suggestion = _text(corrected)

        open_days = self._open_days_from(now.date())
        matches, facets = _facet(scored, facts, query.filters, now, open_days)
        ordered, distances = _sort(matches, facts, query)
        start = (query.page - 1) * query.per_page
        hits = [
            Hit(id=facts[docnum].id, distance_km=distances.get(docnum))
            for docnum in ordered[start : start + query.per_page]
        ]
        return SearchResult(
            hits=hits,
            total=len(ordered),
            page=query.page,
            per_page=query.per_page,
            facets=facets,
            searched_for=searched_for,
            corrected_from=corrected_from,
            suggestion=suggestion,
            matched_all_words=matched_all,
        )

    def _run(self, searcher: Searcher, combine: type[And] | type[Or], groups: list[WordGroup]):
        results = searcher.search(combine([_group_query(g) for g in groups]), limit=None)
        return [(docnum, score) for score, docnum in results.top_n]

    def _corrected(self, searcher: Searcher, groups: list[WordGroup]) -> list[WordGroup] | None:
        """The groups with unknown words respelt, or None if every word is known."""
        reader = searcher.reader()
        changed = False
        corrected: list[WordGroup] = []
        for group in groups:
            word = group.words[0]
            if group.codes or len(word) < 4 or reader.doc_frequency("spell", word):
                corrected.append(group)
                continue
            better = self._respell(reader, word)
            if better is None:
                corrected.append(group)
                continue
            changed = True
            corrected.extend(self.synonyms.group([better]))
        return corrected if changed else None

    def _respell(self, reader, word: str) -> str | None:
        for distance in (1, 2):
            candidates = {
                term: reader.doc_frequency("spell", term)
                for term in reader.terms_within("spell", word, distance, prefix=1)
            }
            for known in self.synonyms.vocabulary:
                if " " not in known and known[:1] == word[:1] and _within(word, known, distance):
                    candidates[known] = candidates.get(known, 0) + 1000
            candidates.pop(word, None)
            if candidates:
                return max(sorted(candidates), key=candidates.__getitem__)
        return None


def _read_facts(searcher: Searcher) -> dict[int, _DocFacts]:
    return {
        docnum: _DocFacts.from_stored(stored["facts"])
        for docnum, stored in searcher.reader().iter_docs()
    }


def _fields(document: ServiceDocument) -> dict:
    text_for_spelling = " ".join(
        (document.name, document.summary, document.description, *document.term_names)
    )
    return {
        "id": document.id,
        "name": document.name,
        "terms": " ".join(document.term_names),
        "summary": document.summary,
        "organisation": document.organisation,
        "description": document.description,
        "places": " ".join(document.places),
        "codes": ",".join((*document.need_terms, *document.service_types)),
        "spell": text_for_spelling,
        "facts": {
            "id": document.id,
            "name": document.name,
            "temporarily_closed": document.temporarily_closed,
            "values": {facet: list(v) for facet, v in document.facet_values().items()},
            "periods": [p.to_json() for p in document.periods],
            "points": [list(p) for p in document.points],
        },
    }


def _meaningful(group: WordGroup) -> bool:
    if group.codes:
        return True
    word = group.words[0]
    return word not in FILLER_WORDS and bool(index_terms(word))


def _group_query(group: WordGroup) -> Query:
    parts: list[Query] = [Term("codes", code, boost=CODE_BOOST) for code in group.codes]
    for word in group.words:
        for term in index_terms(word):
            parts.extend(Term(field, term, boost=boost) for field, boost in TEXT_FIELDS)
    return Or(parts)


def _text(groups: list[WordGroup]) -> str:
    return " ".join(" ".join(g.words) for g in groups)


def _within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most `limit` (small words, small limits)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _facet(
    scored: list[tuple[int, float]],
    facts: dict[int, _DocFacts],
    filters: Mapping[str, frozenset[str]],
    now: datetime,
    open_days: dict[int, frozenset[str]],
) -> tuple[list[tuple[int, float]], dict[str, dict[str, int]]]:
    """Filter by the chosen facets (AND across facets, OR within one) and count each facet's
    values over the documents that pass every *other* active facet."""
    active = {facet: chosen for facet, chosen in filters.items() if chosen}
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    matches: list[tuple[int, float]] = []
    for docnum, score in scored:
        doc = facts.get(docnum)
        if doc is None:
            continue
        days = open_days.get(docnum)
        if days is None:
            weekdays = opening_hours.weekdays_open_in_week(doc.periods, now.date())
            days = open_days[docnum] = frozenset(WEEKDAY_CODES[d] for d in weekdays)
        if opening_hours.is_open(doc.periods, now):
            days = days | {"now"}
        values = {**doc.values, "open": days}
        failing = [
            facet for facet, chosen in active.items() if not values.get(facet, frozenset()) & chosen
        ]
        if len(failing) > 1:
            continue
        if not failing:
            matches.append((docnum, score))
        for facet in failing or FACETS:
            facet_counts = counts[facet]
            for value in values[facet]:
                facet_counts[value] = facet_counts.get(value, 0) + 1
    return matches, counts


def _sort(
    matches: list[tuple[int, float]], facts: dict[int, _DocFacts], query: SearchQuery
) -> tuple[list[int], dict[int, float | None]]:
    distances: dict[int, float | None] = {}
    if query.origin is not None:
        distances = {d: nearest_km(query.origin, facts[d].points) for d, _ in matches}
    if query.sort == "distance" and query.origin is not None:
        far = float("inf")
        matches = sorted(
            matches,
            key=lambda m: (
                distances[m[0]] if distances[m[0]] is not None else far,
                facts[m[0]].sort_name,
            ),
        )
    elif query.sort == "name" or not query.text.strip():
        matches = sorted(matches, key=lambda m: facts[m[0]].sort_name)
    else:
        # Best match first, but a service that is open for business before one that is not.
        matches = sorted(
            matches,
            key=lambda m: (facts[m[0]].temporarily_closed, -m[1], facts[m[0]].sort_name),
        )
    return [docnum for docnum, _ in matches], distances
