"""Scores worked out from cached postings are Whoosh's own, bit for bit: for both ways Whoosh
adds up an `Or` (an array for small segments, a tree of unions above 5,000 documents), for
`And`, for boosts, and across segments."""

import random

import pytest
from whoosh import index as whoosh_index
from whoosh.query import And, Or, Term

from knowledge.search import scoring
from knowledge.search.index import _fields, _group_query, build_schema
from knowledge.search.scoring import ScoreCache, Unsupported, bitset, scores
from knowledge.search.synonyms import WordGroup
from tests.search.test_facts import WORDS, random_document

pytestmark = pytest.mark.no_database


CODES = ["loneliness-and-isolation", "benefits-and-money", "housing", "vcs-group"]


@pytest.fixture(params=[1, 3], ids=["one segment", "three segments"])
def searcher(request, tmp_path):
    rng = random.Random(request.param)
    index = whoosh_index.create_in(tmp_path, build_schema())
    for segment in range(request.param):
        writer = index.writer()
        for number in range(40):
            writer.add_document(**_fields(random_document(rng, segment * 100 + number)))
        if segment:
            writer.delete_by_term("id", f"service-{rng.randrange(segment * 100)}")
        writer.commit(merge=False)
    with index.searcher() as searcher:
        assert len(searcher.leaf_searchers()) == request.param
        yield searcher


def random_groups(rng: random.Random) -> list[WordGroup]:
    return [
        WordGroup(
            tuple(rng.sample(WORDS, rng.randint(1, 2))), tuple(rng.sample(CODES, rng.randint(0, 2)))
        )
        for _ in range(rng.randint(1, 3))
    ]


def whoosh_scores(searcher, query) -> dict[int, float]:
    return {docnum: score for score, docnum in searcher.search(query, limit=None).top_n}


@pytest.mark.parametrize("few", [0, scoring.FEW_DOCUMENTS], ids=["by dictionary", "one by one"])
@pytest.mark.parametrize("shape", ["array", "tree of unions"])
def test_scores_are_whooshs_to_the_last_bit(searcher, shape, few, monkeypatch):
    # Intersections are added up one document at a time when they are small, from
    # dictionaries when they are not: both ways, on the same queries.
    monkeypatch.setattr(scoring, "FEW_DOCUMENTS", few)
    rng = random.Random(shape)
    cache = ScoreCache()
    for _ in range(80):
        groups = random_groups(rng)
        query = rng.choice([And, Or])([_group_query(g) for g in groups])
        if shape == "tree of unions":
            # What Whoosh does on its own for segments of more than 5,000 documents.
            for part in query.subqueries:
                part.matcher_type = Or.DEFAULT_MATCHER
        expected = whoosh_scores(searcher, query)
        assert scores(searcher, query, cache) == (expected, bitset(expected))
        assert scores(searcher, query, cache) == (expected, bitset(expected))  # from the cache


def test_boosted_compound_queries_score_as_whoosh_does(searcher):
    query = And(
        [
            Or([Term("name", "walk", boost=2.0), Term("description", "group")], boost=1.5),
            Or([Term("description", "walk"), Term("summary", "club")], boost=0.5),
        ],
        boost=3.0,
    )
    assert scores(searcher, query, ScoreCache()).scores == whoosh_scores(searcher, query)


def test_other_query_shapes_are_left_to_whoosh(searcher):
    from whoosh.query import Prefix

    with pytest.raises(Unsupported):
        scores(searcher, Or([Prefix("name", "wal"), Term("name", "club")]), ScoreCache())


def test_the_cache_keeps_to_its_budget(searcher):
    cache = ScoreCache(budget=10)
    for word in ["walk", "group", "club", "debt"]:
        query = Or([Term("description", word), Term("name", word)])
        assert scores(searcher, query, cache).scores == whoosh_scores(searcher, query)
    assert cache._size <= 10 or len(cache._kept) == 1
