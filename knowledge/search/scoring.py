"""Every match of a search and its score, the same numbers Whoosh's
`searcher.search(query, limit=None)` gives, without walking Whoosh's matchers on every search.

Why: the results page needs *all* matches (to count facets) and their scores (to rank them).
Whoosh gets them by stepping a tree of Python matcher objects through every posting of every
term of the query, which at 50,000 services is most of the time a search takes. Here each term's
postings and scores, and each word's `Or` across the fields, are worked out once per index
generation and kept; a search combines them with dictionaries, and an `And` of several words
first finds the documents in all of them as bitsets (in C), then adds up only their scores.

A document's score is a sum of its terms' scores, and floating-point sums depend on their
order, so the sums are done in Whoosh's order, segment by segment: an `Or` in a segment of
5,000 documents or fewer adds its terms in query order (Whoosh's ArrayUnionMatcher); a larger
one, and an `And`, join their parts two at a time, lightest first by `estimate_size`
(`whoosh.util.make_weighted_tree`). Where two parts weigh the same, Whoosh's sort compares the
matcher objects themselves, which compare by class in a way that depends on the class hierarchy
(a boosted term's WrappingMatcher sorts before an unboosted term's FilterMatcher in a segment
with deletions, because FilterMatcher subclasses WrappingMatcher): the parts here are stand-ins
of the same shape that compare the same way, sorted by the same sort. Queries of any other
shape go to Whoosh. tests/search/test_scoring.py checks the numbers against Whoosh's, bit for
bit, for both ways of adding up and on several segments with deletions.
"""

from array import array
from bisect import bisect_left, insort
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from whoosh.query import And, Or, Query, Term
from whoosh.searching import SearchContext, Searcher

Scores = dict[int, float]

# Scores kept per index generation (16 bytes each): about 32 MB. Everyday words are few; a word
# not searched for lately is worked out again when it is.
POSTINGS_BUDGET = 2_000_000
# Whoosh's threshold (whoosh.query.compound.Or._matcher) between adding up an Or in an array and
# building a tree of unions.
ARRAY_OR_MAX_DOCS = 5000
# Up to this many documents in every part of an intersection, their scores are looked up one by
# one in the parts' sorted arrays; beyond, the parts are made into dictionaries.
FEW_DOCUMENTS = 2000


class Unsupported(Exception):
    """A query shape this module does not reproduce: ask Whoosh."""


class _Part:
    """Scores standing in for one of Whoosh's matchers, comparing as whoosh.matching.Matcher
    objects compare: equal to any of the same class, "less" than one of the same class.

    `docs` is the same documents as a bitset (bit n for docnum n), which the facet counts
    start from: joined with AND and OR in C as the parts are joined, not rebuilt. A part may
    hold its scores as sorted arrays (kept in the cache) or as a way to work them out (an
    intersection, worked out only for the documents in every part): `scores` makes the
    dictionary when it is asked for, `score_of` looks one document up without it."""

    def __init__(
        self,
        scores: Scores | None,
        docs: int | None = None,
        sorted_arrays: tuple[array, array] | None = None,
        joined: "tuple[_Part, _Part] | None" = None,
    ):
        self._scores = scores
        self._docs = docs
        self._arrays = sorted_arrays
        self._joined = joined

    @property
    def docs(self) -> int:
        if self._docs is None:
            self._docs = bitset(self.scores)
        return self._docs

    @property
    def scores(self) -> Scores:
        if self._scores is None:
            if self._arrays is not None:
                self._scores = dict(zip(*self._arrays, strict=True))
            elif self.docs.bit_count() <= FEW_DOCUMENTS:
                self._scores = {d: self.score_of(d) for d in members(self.docs)}
            else:
                assert self._joined is not None
                a, b = self._joined[0].scores, self._joined[1].scores
                self._scores = {d: a[d] + b[d] for d in a.keys() & b.keys()}
        return self._scores

    def score_of(self, docnum: int) -> float:
        if self._scores is not None:
            return self._scores[docnum]
        if self._arrays is not None:
            docnums, scores = self._arrays
            return scores[bisect_left(docnums, docnum)]
        assert self._joined is not None
        a, b = self._joined
        return a.score_of(docnum) + b.score_of(docnum)  # IntersectionMatcher: a + b

    def __eq__(self, other: object) -> bool:
        return self.__class__ is type(other)

    def __lt__(self, other: object) -> bool:
        return type(other) is self.__class__

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __gt__(self, other: object) -> bool:
        return not (self.__lt__(other) or self.__eq__(other))

    def __le__(self, other: object) -> bool:
        return self.__eq__(other) or self.__lt__(other)

    def __ge__(self, other: object) -> bool:
        return self.__eq__(other) or self.__gt__(other)

    __hash__ = None  # type: ignore[assignment]


# One stand-in for each matcher class a search's tree can hold, in Whoosh's class hierarchy.
class _Null(_Part):  # NullMatcherClass: a term not in the segment
    pass


class _Leaf(_Part):  # W3LeafMatcher: a term's postings
    pass


class _Wrapping(_Part):  # WrappingMatcher: a boost
    pass


class _Filter(_Wrapping):  # FilterMatcher (a WrappingMatcher): postings less deleted documents
    pass


class _Union(_Part):  # UnionMatcher
    pass


class _Intersection(_Part):  # IntersectionMatcher
    pass


class _Array(_Part):  # ArrayUnionMatcher
    pass


def bitset(docnums: Iterable[int]) -> int:
    """The docnums as an int with those bits set."""
    docnums = list(docnums)
    flags = bytearray(max(docnums, default=-1) // 8 + 1)
    for docnum in docnums:
        flags[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(flags, "little")


def members(docs: int) -> list[int]:
    """The docnums of a bitset, in order."""
    found = []
    for at, byte in enumerate(docs.to_bytes((docs.bit_length() + 7) // 8, "little")):
        if byte:
            base = at * 8
            found.extend(base + bit for bit in range(8) if byte >> bit & 1)
    return found


class Found(NamedTuple):
    scores: Scores  # docnum → score
    docs: int  # the same docnums, as a bitset


class ScoreCache:
    """What searches of one index generation have worked out: each term's documents and
    boosted scores (read through Whoosh's own matcher), and each word's `Or` across the fields.
    Kept as arrays (16 bytes a document), made into dictionaries in C when used; the least
    recently used go first past the budget."""

    def __init__(self, budget: int = POSTINGS_BUDGET):
        self._budget = budget
        self._size = 0
        self._kept: OrderedDict[tuple, tuple[type[_Part], array, array, int]] = OrderedDict()

    def get(self, key: tuple) -> _Part | None:
        kept = self._kept.get(key)
        if kept is None:
            return None
        self._kept.move_to_end(key)
        kind, docnums, scores, docs = kept
        return kind(None, docs, sorted_arrays=(docnums, scores))

    def keep(self, key: tuple, part: _Part) -> None:
        ordered = sorted(part.scores.items())
        docnums = array("q", (d for d, _ in ordered))
        scores = array("d", (score for _, score in ordered))
        self._kept[key] = (type(part), docnums, scores, part.docs)
        self._size += len(docnums)
        while self._size > self._budget and len(self._kept) > 1:
            _, (_, dropped, _, _) = self._kept.popitem(last=False)
            self._size -= len(dropped)


def scores(searcher: Searcher, query: Query, cache: ScoreCache) -> Found:
    """Every document the query matches, with its score (raises Unsupported)."""
    context = searcher.context()
    found: Scores = {}
    docs = 0
    for segment, offset in searcher.leaf_searchers():
        part = _part(query, segment, offset, context, cache)
        found.update(part.scores)
        docs |= part.docs
    return Found(found, docs)


def _part(
    query: Query, segment: Searcher, offset: int, context: SearchContext, cache: ScoreCache
) -> _Part:
    kind = type(query)
    if kind is Term:
        return _kept(query, offset, cache, lambda: _term(query, segment, offset, context))
    if kind is not Or and kind is not And:
        raise Unsupported(kind.__name__)
    subqueries = query.subqueries
    if not subqueries:
        return _Null({})
    if len(subqueries) == 1:  # Whoosh uses the one subquery's matcher as it is, boost and all
        return _part(subqueries[0], segment, offset, context, cache)
    if kind is Or:
        return _kept(query, offset, cache, lambda: _or(query, segment, offset, context, cache))
    parts = [_part(q, segment, offset, context, cache) for q in subqueries]
    reader = segment.reader()
    joined = _tree([-q.estimate_size(reader) for q in subqueries], parts, _Intersection)
    return _boosted(joined, query.boost)


def _or(query: Or, segment: Searcher, offset: int, context: SearchContext, cache: ScoreCache):
    parts = [_part(q, segment, offset, context, cache) for q in query.subqueries]
    if _adds_up_in_an_array(query, segment, context):
        # The array applies the boost itself; a sum not above zero is no match.
        total = _array_sum(parts, query.boost)
        docs = 0
        for part in parts:
            docs |= part.docs
        return _Array(total, docs if len(total) == docs.bit_count() else None)
    if query.scale:
        raise Unsupported("Or with scale")
    reader = segment.reader()
    joined = _tree([q.estimate_size(reader) for q in query.subqueries], parts, _Union)
    return _boosted(joined, query.boost)


def _term(query: Term, segment: Searcher, offset: int, context: SearchContext) -> _Part:
    """As Term.matcher: the postings' scores, times the boost (a WrappingMatcher) if not 1."""
    if query.minquality:
        raise Unsupported("Term with minquality")
    field, text, boost = query.fieldname, query.text, query.boost
    if field not in segment.schema:
        return _Null({})
    try:
        as_bytes = segment.schema[field].to_bytes(text)
    except ValueError:
        return _Null({})
    reader = segment.reader()
    if (field, as_bytes) not in reader:
        return _Null({})
    found: Scores = {}
    matcher = Term(field, text).matcher(segment, context)
    while matcher.is_active():
        score = matcher.score()
        found[matcher.id() + offset] = score * boost if boost != 1.0 else score
        matcher.next()
    if boost != 1.0:
        return _Wrapping(found)
    return _Filter(found) if reader.has_deletions() else _Leaf(found)


def _kept(query: Query, offset: int, cache: ScoreCache, work: Callable[[], _Part]) -> _Part:
    key = (offset, *_shape(query))
    found = cache.get(key)
    if found is None:
        found = work()
        cache.keep(key, found)
    return found


def _shape(query: Query) -> tuple:
    """Everything about a query its scores depend on, as a dictionary key."""
    if type(query) is Term:
        return ("term", query.fieldname, query.text, query.boost, query.minquality)
    if type(query) is Or:
        parts = tuple(_shape(q) for q in query.subqueries)
        return ("or", query.boost, query.matcher_type, query.scale, parts)
    raise Unsupported(type(query).__name__)


def _boosted(part: _Part, boost: float) -> _Part:
    if boost == 1.0:
        return part
    return _Wrapping({d: score * boost for d, score in part.scores.items()}, part.docs)


def _adds_up_in_an_array(query: Or, segment: Searcher, context: SearchContext) -> bool:
    """Whoosh's choice between its ArrayUnionMatcher and a tree of unions (Or._matcher)."""
    matcher_type = query.matcher_type
    if matcher_type == Or.AUTO_MATCHER:
        tree = len(query.subqueries) < query.TOO_MANY_CLAUSES and (
            context.needs_current
            or query.scale
            or len(query.subqueries) == 2
            or segment.doc_count_all() > ARRAY_OR_MAX_DOCS
        )
        return not tree
    if matcher_type == Or.ARRAY_MATCHER:
        return True
    if matcher_type == Or.DEFAULT_MATCHER:
        return False
    raise Unsupported("Or split matcher")


def _array_sum(parts: list[_Part], boost: float) -> Scores:
    """ArrayUnionMatcher: an array of zeros, each subquery's scores times the boost added in
    query order; documents whose sum is not above zero are not matches."""
    total: Scores = {}
    for part in parts:
        scores = part.scores
        if boost != 1.0:
            scores = {d: score * boost for d, score in scores.items()}
        # Only documents in both need adding (0 + score is score): the rest is copied in C.
        both = {d: total[d] + scores[d] for d in total.keys() & scores.keys()}
        total.update(scores)
        total.update(both)
    return {d: score for d, score in total.items() if score > 0}


def _tree(weights: list[int], parts: list[_Part], joint: type[_Part]) -> _Part:
    """whoosh.util.make_weighted_tree: sort (weight, part) pairs, join the two first, insert
    the joint back in order, until one is left."""
    pending = list(zip(weights, parts, strict=True))
    pending.sort()
    while len(pending) > 1:
        (weight_a, a), (weight_b, b) = pending.pop(0), pending.pop(0)
        if joint is _Union:
            joined = joint(_union(a.scores, b.scores), a.docs | b.docs)
        else:
            # Scores only for what is in every part, worked out when asked for.
            joined = joint(None, a.docs & b.docs, joined=(a, b))
        insort(pending, (weight_a + weight_b, joined))
    return pending[0][1]


def _union(a: Scores, b: Scores) -> Scores:
    """UnionMatcher: a + b where both match, else whichever does (a + b is b + a: the smaller
    is the one walked)."""
    if len(b) > len(a):
        a, b = b, a
    joined = dict(a)
    get = joined.get
    for docnum, score in b.items():
        mine = get(docnum)
        joined[docnum] = score if mine is None else mine + score
    return joined
