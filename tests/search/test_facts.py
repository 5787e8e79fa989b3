"""The fast search (bitset facets, cached scores and spelling, partial sorts) gives exactly what
the straightforward one gives (reference_search.py): on random directories, random queries,
random moments of the week, before and after edits that add index segments."""

import random
from datetime import date, datetime, time, timedelta

import pytest

from knowledge.search import (
    SHIPPED_SYNONYMS,
    Period,
    SearchIndex,
    SearchQuery,
    ServiceDocument,
    Synonyms,
)
from tests.search.reference_search import reference_search

pytestmark = pytest.mark.no_database


NAMES = ["Friendship Club", "Money Advice", "Walking Group", "Crisis Café", "Carers Circle"]
PLACES = ["Loughborough", "Hinckley", "Oakham", "Leicester"]
WORDS = (
    "lonely company walking walks group debt bailiffs benefits advice carers café cafe "
    "evening friendly volunteers garden food support club money housing"
).split()
TYPOS = ["lonley", "bailifs", "walkng", "volunters", "gardn", "suport", "frendly"]
NEEDS = ["loneliness-and-isolation", "benefits-and-money", "housing", "healthy-lifestyles"]
TYPES = ["vcs-group", "advice-service", "crisis-cafe", "helpline"]
AREAS = ["leicester", "charnwood", "melton", "rutland", "blaby"]
AGES = ["young-people", "adults", "older-people"]
ROUTES = ["self-referral", "professional-referral", "drop-in"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
OPEN_VALUES = ["mo", "tu", "we", "th", "fr", "sa", "su", "now"]
FIRST_MOMENT = datetime(2026, 11, 1)


def random_period(rng: random.Random) -> Period:
    opens = time(rng.choice([0, 9, 10, 14, 18, 19, 23]), rng.choice([0, 30]))
    closes = time(rng.choice([0, 1, 12, 17, 21, 23]), rng.choice([0, 30]))
    if rng.random() < 0.1:
        closes = opens  # 24 hours
    days = rng.sample(DAYS, rng.randint(1, 3))
    if rng.random() < 0.3:
        byday = ",".join(f"{rng.choice(['1', '2', '-1', ''])}{day}" for day in days)
        freq = "MONTHLY"
    else:
        byday, freq = ",".join(days), "WEEKLY"
    valid_from = valid_to = None
    if rng.random() < 0.2:
        valid_from = date(2026, 11, rng.randint(1, 28))
        valid_to = valid_from + timedelta(days=rng.randint(0, 40))
    return Period(freq, byday, opens, closes, valid_from, valid_to)


def random_document(rng: random.Random, number: int) -> ServiceDocument:
    def some(values: list[str], most: int = 2) -> tuple[str, ...]:
        return tuple(rng.sample(values, rng.randint(0, most)))

    needs = some(NEEDS)
    closed = rng.random() < 0.15
    return ServiceDocument(
        id=f"service-{number}",
        # Few names, so many services share one: ties in sort order are common.
        name=f"{rng.choice(PLACES)} {rng.choice(NAMES)}",
        summary=" ".join(rng.choices(WORDS, k=rng.randint(0, 8))),
        description=" ".join(rng.choices(WORDS, k=rng.randint(0, 25))),
        term_names=some(["Befriending", "Debt advice", "Food support"]),
        places=some(PLACES, 1),
        need_terms=needs,
        need_domains=needs,
        service_types=some(TYPES),
        districts=some(AREAS, 3),
        age_groups=some(AGES, 3),
        free=rng.random() < 0.5,
        referral_routes=some(ROUTES, 3),
        temporarily_closed=closed,
        periods=() if closed else tuple(random_period(rng) for _ in range(rng.randint(0, 3))),
        points=tuple(
            (52.5 + rng.random() / 3, -1.3 + rng.random() / 2) for _ in range(rng.randint(0, 2))
        ),
    )


def random_query(rng: random.Random) -> SearchQuery:
    text = " ".join(rng.choices(WORDS + TYPOS + ["the", "help"], k=rng.randint(0, 3)))
    filters = {}
    for facet, values in [
        ("need", NEEDS),
        ("type", TYPES),
        ("area", AREAS),
        ("age", AGES),
        ("cost", ["free"]),
        ("route", ROUTES),
        ("open", OPEN_VALUES),
    ]:
        if rng.random() < 0.25:
            filters[facet] = frozenset(rng.sample(values, rng.randint(0, min(2, len(values)))))
    sort = rng.choice(["relevance", "relevance", "name", "distance"])
    origin = (52.6, -1.1) if sort == "distance" or rng.random() < 0.2 else None
    return SearchQuery(
        text=text,
        filters=filters,
        sort=sort,
        origin=origin,
        page=rng.randint(1, 3),
        per_page=rng.choice([1, 3, 20]),
        correct_spelling=rng.random() < 0.9,
    )


def random_moment(rng: random.Random) -> datetime:
    """Any minute of four weeks; sometimes with seconds, sometimes exactly on an hour."""
    moment = FIRST_MOMENT + timedelta(minutes=rng.randrange(28 * 24 * 60))
    if rng.random() < 0.3:
        moment = moment.replace(minute=rng.choice([0, 30]))
    if rng.random() < 0.5:
        moment = moment.replace(second=rng.randrange(60), microsecond=rng.randrange(10**6))
    return moment


def assert_same(index: SearchIndex, query: SearchQuery, now: datetime) -> None:
    fast, reference = index.search(query, now), reference_search(index, query, now)
    described = f"{query} at {now}"
    assert fast.hits == reference.hits, described
    assert fast.total == reference.total, described
    assert {f: c for f, c in fast.facets.items() if c} == {
        f: c for f, c in reference.facets.items() if c
    }, described
    assert (fast.searched_for, fast.corrected_from, fast.suggestion) == (
        reference.searched_for,
        reference.corrected_from,
        reference.suggestion,
    ), described
    assert fast.matched_all_words == reference.matched_all_words, described
    assert fast.no_search_words == reference.no_search_words, described


@pytest.mark.parametrize("seed", range(6))
def test_the_fast_search_gives_what_the_straightforward_one_gives(tmp_path, seed):
    rng = random.Random(seed)
    documents = [random_document(rng, n) for n in range(rng.randint(1, 80))]
    index = SearchIndex(tmp_path, Synonyms.from_files(SHIPPED_SYNONYMS))
    index.rebuild(documents)
    for _ in range(60):
        assert_same(index, random_query(rng), random_moment(rng))

    # Edits add segments and delete documents: docnums shift, spelling changes its measure.
    for _ in range(3):
        changed = [random_document(rng, rng.randrange(100)) for _ in range(rng.randint(1, 5))]
        removed = {f"service-{rng.randrange(100)}" for _ in range(rng.randint(0, 3))}
        index.update(changed, remove_ids=removed - {d.id for d in changed})
        for _ in range(25):
            assert_same(index, random_query(rng), random_moment(rng))


def test_the_same_search_asked_again_and_again_gives_the_same_answer(tmp_path):
    """Caches (scores, spelling, open days and open now) answer the second time."""
    rng = random.Random(99)
    index = SearchIndex(tmp_path, Synonyms.from_files(SHIPPED_SYNONYMS))
    index.rebuild([random_document(rng, n) for n in range(60)])
    queries = [random_query(rng) for _ in range(30)]
    moments = [random_moment(rng) for _ in range(5)]
    for now in moments:
        for query in queries * 2:
            assert_same(index, query, now)


def test_open_now_changes_on_the_minute_an_opening_starts_and_ends(tmp_path):
    index = SearchIndex(tmp_path, Synonyms())
    index.rebuild(
        [
            ServiceDocument(
                id="cafe", name="Cafe", periods=(Period("WEEKLY", "TU", time(18), time(1)),)
            )
        ]
    )
    open_now = SearchQuery(filters={"open": frozenset({"now"})})

    def open_at(moment: datetime) -> bool:
        return index.search(open_now, moment).total == 1

    tuesday = datetime(2026, 11, 24)
    assert not open_at(tuesday.replace(hour=17, minute=59, second=59, microsecond=999999))
    assert open_at(tuesday.replace(hour=18))
    assert open_at(tuesday + timedelta(days=1, minutes=59, seconds=59))
    assert not open_at(tuesday + timedelta(days=1, hours=1))
