"""The search as it was before issue 9 made it fast: Whoosh's own collector for every match,
then one loop over the matches counting facets document by document, then a full sort.

The same algorithm and the same cache (each document's open days, once a day), so its time is
the time a search took before. Slow at scale and obviously right: the optimised
`SearchIndex.search` must give exactly what this gives (tests/search/test_facts.py, and
bench/search_engines.py --check at 5,000 and 50,000 services). It reads the same index
generation the optimised search reads.
"""

from collections.abc import Mapping
from datetime import date, datetime

from whoosh.query import And, Or
from whoosh.searching import Searcher

from knowledge.domain import opening_hours
from knowledge.domain.geo import nearest_km
from knowledge.search import FACETS, WEEKDAY_CODES, Hit, SearchIndex, SearchQuery, SearchResult
from knowledge.search.facts import DocFacts
from knowledge.search.index import _group_query, _meaningful, _text, _within
from knowledge.search.text import words


class _OpenDays:
    """Its one cache, as it kept it: each document's open days, once a day per generation."""

    generation: object = None
    day: date | None = None
    by_docnum: dict[int, frozenset[str]] | None = None


def reference_search(index: SearchIndex, query: SearchQuery, now: datetime) -> SearchResult:
    with index._lock:
        generation = index._current_facts()
        searcher = index._searcher
        assert searcher is not None
        if (
            _OpenDays.by_docnum is None
            or _OpenDays.generation is not generation
            or _OpenDays.day != now.date()
        ):
            _OpenDays.generation, _OpenDays.day, _OpenDays.by_docnum = generation, now.date(), {}
        return _search(index, searcher, dict(generation), query, now, _OpenDays.by_docnum)


def _search(
    index: SearchIndex,
    searcher: Searcher,
    facts: dict[int, DocFacts],
    query: SearchQuery,
    now: datetime,
    open_days: dict[int, frozenset[str]],
) -> SearchResult:
    typed = words(query.text)
    groups = [g for g in index.synonyms.group(typed) if _meaningful(g)]
    corrected_from = suggestion = None
    matched_all = True
    searched_for = " ".join(typed)
    if query.text.strip() and not groups:
        return SearchResult([], 0, query.page, query.per_page, {}, no_search_words=True)
    if not groups:
        scored = [(docnum, 0.0) for docnum in facts]
    else:
        scored = _run(searcher, And, groups)
        corrected = _corrected(index, searcher, groups) if query.correct_spelling else None
        if not scored and corrected is not None:
            corrected_scored = _run(searcher, And, corrected)
            if corrected_scored:
                scored = corrected_scored
                corrected_from = searched_for
                searched_for = _text(corrected)
        if not scored and len(groups) > 1:
            scored = _run(searcher, Or, groups)
            matched_all = not scored
        if corrected is not None and corrected_from is None:
            suggestion = _text(corrected)
    matches, facets = reference_facet(scored, facts, query.filters, now, open_days)
    ordered, distances = reference_sort(matches, facts, query)
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


def _corrected(index: SearchIndex, searcher: Searcher, groups):
    reader = searcher.reader()
    changed = False
    corrected = []
    for group in groups:
        word = group.words[0]
        if group.codes or len(word) < 4 or reader.doc_frequency("spell", word):
            corrected.append(group)
            continue
        better = _respell(index, reader, word)
        if better is None:
            corrected.append(group)
            continue
        changed = True
        corrected.extend(index.synonyms.group([better]))
    return corrected if changed else None


def _respell(index: SearchIndex, reader, word: str) -> str | None:
    for distance in (1, 2):
        candidates = {
            term: reader.doc_frequency("spell", term)
            for term in reader.terms_within("spell", word, distance, prefix=1)
        }
        for known in index.synonyms.vocabulary:
            if " " not in known and known[:1] == word[:1] and _within(word, known, distance):
                candidates[known] = candidates.get(known, 0) + 1000
        candidates.pop(word, None)
        if candidates:
            return max(sorted(candidates), key=candidates.__getitem__)
    return None


def _run(searcher: Searcher, combine, groups) -> list[tuple[int, float]]:
    results = searcher.search(combine([_group_query(g) for g in groups]), limit=None)
    return [(docnum, score) for score, docnum in results.top_n]


def reference_facet(
    scored: list[tuple[int, float]],
    facts: Mapping[int, DocFacts],
    filters: Mapping[str, frozenset[str]],
    now: datetime,
    open_days: dict[int, frozenset[str]],
) -> tuple[list[tuple[int, float]], dict[str, dict[str, int]]]:
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


def reference_sort(
    matches: list[tuple[int, float]], facts: Mapping[int, DocFacts], query: SearchQuery
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
        matches = sorted(
            matches,
            key=lambda m: (facts[m[0]].temporarily_closed, -m[1], facts[m[0]].sort_name),
        )
    return [docnum for docnum, _ in matches], distances
