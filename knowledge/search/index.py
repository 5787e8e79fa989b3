"""The Whoosh index of published services: writing, querying, spelling and facets."""

import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.query import And, Or, Query, Term
from whoosh.searching import Searcher
from whoosh.support.charset import accent_map

from knowledge.search import facts as facts_module
from knowledge.search import scoring
from knowledge.search.documents import (
    Hit,
    SearchQuery,
    SearchResult,
    ServiceDocument,
)
from knowledge.search.facts import DocFacts as _DocFacts
from knowledge.search.facts import IndexFacts
from knowledge.search.generations import (
    PLACEHOLDER,
    Folder,
    format_of,
    read_applied,
    write_applied,
)
from knowledge.search.spelling import Vocabulary
from knowledge.search.synonyms import Synonyms, WordGroup
from knowledge.search.text import ANALYZER, FILLER_WORDS, index_terms, words

log = logging.getLogger(__name__)


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
class IndexChanges:
    """What to write to bring a generation up to directory `version`."""

    documents: list[ServiceDocument]
    remove_ids: set[str]
    version: int


class SearchIndex:
    """One index folder (knowledge/search/generations.py), opened once per process and shared by
    its threads. Searches read the generation CURRENT points to; writers take the folder's write
    lock, so gunicorn workers of one server can share a folder."""

    def __init__(self, path: str | os.PathLike, synonyms: Synonyms):
        self.path = Path(path)
        self.synonyms = synonyms
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._facts: dict[int, _DocFacts] = {}
        self._open_days: dict[int, frozenset[str]] = {}
        self._open_days_date: date | None = None
        self._folder = Folder(self.path)
        self._generation: Path | None = None
        self._pointer_stamp: tuple[int, int] | None = None
        with self._folder.write_lock(WRITE_LOCK_TIMEOUT_SECONDS):
            current = self._folder.current()
            if current is None or format_of(self.path / current) != INDEX_FORMAT:
                # None yet, or written by an older version of this code: an empty stand-in,
                # which `needs_rebuild` reports until a rebuild fills it from the database.
                self._folder.swap(self._build(documents=(), version=0, placeholder=True).name)
        self._follow_pointer()

    @property
    def needs_rebuild(self) -> bool:
        current = self._folder.current()
        return current is None or (self.path / current / PLACEHOLDER).exists()

    @property
    def generation(self) -> Path:
        """The folder of the generation searches use now."""
        current = self._folder.current()
        assert current is not None, "the constructor made one"
        return self.path / current

    def applied_version(self) -> int:
        """The directory version whose changes the current generation holds."""
        return read_applied(self.generation)

    def rebuild_lock(self, timeout: float) -> AbstractContextManager[None]:
        return self._folder.rebuild_lock(timeout)

    def _follow_pointer(self) -> None:
        """Open the generation CURRENT names, if it changed since we last looked (a rebuild
        here or in another worker). Call holding self._lock, or from the constructor."""
        stamp = self._folder.pointer_stamp()
        if stamp == self._pointer_stamp:
            return
        current = self._folder.current()
        if current is None:  # removed by hand: keep searching what is open
            return
        if self._generation is None or current != self._generation.name:
            self._index = whoosh_index.open_dir(self.path / current)
            self._generation = self.path / current
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
        self._pointer_stamp = stamp

    # Writing -----------------------------------------------------------------------------

    def update(self, documents: Iterable[ServiceDocument], remove_ids: Iterable[str] = ()) -> None:
        """Add or replace documents and remove others, in one commit."""
        self.catch_up(lambda _applied: IndexChanges(list(documents), set(remove_ids), version=0))

    def catch_up(
        self,
        load: Callable[[int], IndexChanges | None],
        timeout: float = WRITE_LOCK_TIMEOUT_SECONDS,
    ) -> int:
        """Take the write lock, *then* ask `load` what to write after the version the current
        generation holds (None: nothing). Returns the version it holds afterwards.

        Reading the database after the lock is held means two writers cannot reach the index
        in the wrong order. Raises IndexBusy if the lock is not free within `timeout`."""
        with self._folder.write_lock(timeout):
            generation = self.generation
            applied = read_applied(generation)
            changes = load(applied)
            if changes is None:
                return applied
            writer = whoosh_index.open_dir(generation).writer(timeout=WRITE_LOCK_TIMEOUT_SECONDS)
            try:
                for service_id in changes.remove_ids:
                    writer.delete_by_term("id", service_id)
                for document in changes.documents:
                    writer.update_document(**_fields(document))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            if changes.version > applied:
                write_applied(generation, changes.version)
                return changes.version
            return applied

    def rebuild(self, documents: Iterable[ServiceDocument], version: int = 0) -> int:
        """Build a whole new generation beside the current one, holding the database's
        `version` (read before the documents were), then swap it in. Searches use the old
        generation until the swap; writers keep it up to date meanwhile."""
        count = 0

        def counted() -> Iterator[ServiceDocument]:
            nonlocal count
            for document in documents:
                count += 1
                yield document

        built = self._build(counted(), version)
        with self._folder.write_lock(WRITE_LOCK_TIMEOUT_SECONDS):
            self._folder.swap(built.name)
        return count

    def _build(
        self, documents: Iterable[ServiceDocument], version: int, placeholder: bool = False
    ) -> Path:
        path = self._folder.new_generation()
        try:
            writer = whoosh_index.create_in(path, build_schema()).writer()
            try:
                for document in documents:
                    writer.add_document(**_fields(document))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
        except BaseException:
            self._folder.abandon(path)
            raise
        Folder.finish(path, INDEX_FORMAT, applied=version, placeholder=placeholder)
        return path

    def indexed_ids(self) -> set[str]:
        with self._lock:
            return {doc.id for doc in self._current_facts().values()}

    # Reading -----------------------------------------------------------------------------

    def _current_facts(self) -> dict[int, _DocFacts]:
        """Refresh the searcher if the index changed (call holding the lock).

        The facts of every document are read once per index generation, so faceting and
        sorting never go back to the index."""
        self._follow_pointer()
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
        self, searcher: Searcher, facts: IndexFacts, query: SearchQuery, now: datetime
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
            found: scoring.Found | None = None  # every document, scoring 0
        else:
            found = self._run(searcher, facts, And, groups)
            corrected = self._corrected(searcher, facts, groups) if query.correct_spelling else None
            if not found.scores and corrected is not None:
                respelt = self._run(searcher, facts, And, corrected)
                if respelt.scores:
                    found = respelt
                    corrected_from = searched_for
                    searched_for = _text(corrected)
            if not found.scores and len(groups) > 1:
                found = self._run(searcher, facts, Or, groups)
                matched_all = not found.scores
            if corrected is not None and corrected_from is None:
                suggestion = _text(corrected)

        matches, facets = facts_module.facet(found, facts, query.filters, now)
        start = (query.page - 1) * query.per_page
        ordered, distances = facts_module.page(matches, facts, query, start, start + query.per_page)
        hits = [Hit(id=facts[docnum].id, distance_km=distances.get(docnum)) for docnum in ordered]
        return SearchResult(
            hits=hits,
            total=matches.total,
            page=query.page,
            per_page=query.per_page,
            facets=facets,
            searched_for=searched_for,
            corrected_from=corrected_from,
            suggestion=suggestion,
            matched_all_words=matched_all,
        )

    def _run(
        self,
        searcher: Searcher,
        facts: IndexFacts,
        combine: type[And] | type[Or],
        groups: list[WordGroup],
    ) -> scoring.Found:
        """Every match and its score (knowledge/search/scoring.py: Whoosh's numbers)."""
        query = combine([_group_query(g) for g in groups])
        try:
            return scoring.scores(searcher, query, facts.scores)
        except scoring.Unsupported:
            found = {docnum: score for score, docnum in searcher.search(query, limit=None).top_n}
            return scoring.Found(found, scoring.bitset(found))

    def _corrected(
        self, searcher: Searcher, facts: IndexFacts, groups: list[WordGroup]
    ) -> list[WordGroup] | None:
        """The groups with unknown words respelt, or None if every word is known."""
        reader = searcher.reader()
        changed = False
        corrected: list[WordGroup] = []
        for group in groups:
            word = group.words[0]
            if group.codes or len(word) < 4 or reader.doc_frequency("spell", word):
                corrected.append(group)
                continue
            if word not in facts.respelt:
                if facts.vocabulary is None:
                    facts.vocabulary = Vocabulary(reader)
                facts.respelt[word] = self._respell(facts.vocabulary, word)
            better = facts.respelt[word]
            if better is None:
                corrected.append(group)
                continue
            changed = True
            corrected.extend(self.synonyms.group([better]))
        return corrected if changed else None

    def _respell(self, vocabulary: Vocabulary, word: str) -> str | None:
        """The commonest known word one edit away, else two; a synonym word wins."""
        for distance in (1, 2):
            candidates = vocabulary.within(word, distance)
            for known in self.synonyms.vocabulary:
                if " " not in known and known[:1] == word[:1] and _within(word, known, distance):
                    candidates[known] = candidates.get(known, 0) + 1000
            candidates.pop(word, None)
            if candidates:
                return max(sorted(candidates), key=candidates.__getitem__)
        return None


def _read_facts(searcher: Searcher, previous: IndexFacts | None = None) -> IndexFacts:
    """Every live document's facts (knowledge/search/facts.py). Pass the facts of the
    generation before, and the segments it had already read are not read again."""
    return facts_module.read_facts(searcher.leaf_searchers(), previous)


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


def edit_distance(a: str, b: str, limit: int) -> int | None:
    """Levenshtein distance of a and b, or None if it is more than `limit` (small words,
    small limits: it stops as soon as every path is over)."""
    if abs(len(a) - len(b)) > limit:
        return None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return None
        previous = current
    return previous[-1] if previous[-1] <= limit else None


def _within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most `limit`."""
    return edit_distance(a, b, limit) is not None
