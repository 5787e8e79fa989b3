"""The Whoosh adapter on its own: documents in, ids and facet counts out."""

from datetime import datetime, time

import pytest

from knowledge.search import (
    SHIPPED_SYNONYMS,
    Period,
    SearchIndex,
    SearchQuery,
    ServiceDocument,
    Synonyms,
)

pytestmark = pytest.mark.no_database


TUESDAY_EVENING = datetime(2026, 11, 24, 19, 30)


def doc(id, name, **fields) -> ServiceDocument:
    return ServiceDocument(id=id, name=name, **fields)


DOCUMENTS = [
    doc(
        "befriend",
        "Charnwood Befrienders",
        summary="Weekly visits from a friendly volunteer.",
        description="We match you with a volunteer who visits for a cup of tea and a chat.",
        need_terms=("loneliness-and-isolation", "befriending"),
        need_domains=("loneliness-and-isolation",),
        service_types=("vcs-group",),
        districts=("charnwood",),
        age_groups=("adults", "older-people"),
        free=True,
        referral_routes=("self-referral",),
        periods=(Period("WEEKLY", "TU", time(10), time(12)),),
        points=((52.772, -1.206),),
        places=("Loughborough", "Charnwood"),
    ),
    doc(
        "debt",
        "Money Matters Advice",
        summary="Free, confidential debt advice.",
        description="Our advisers help with debts, arrears and dealing with bailiffs.",
        need_terms=("benefits-and-money", "debt-advice"),
        need_domains=("benefits-and-money",),
        service_types=("advice-service",),
        districts=("leicester",),
        age_groups=("adults",),
        free=True,
        referral_routes=("self-referral", "drop-in"),
        periods=(Period("WEEKLY", "MO,WE", time(9), time(17)),),
        points=((52.634, -1.131),),
    ),
    doc(
        "uc",
        "Benefits Helpdesk",
        summary="Help to claim Universal Credit and PIP.",
        description="We help you fill in forms and challenge decisions.",
        need_terms=("benefits-and-money", "benefits-advice"),
        need_domains=("benefits-and-money",),
        service_types=("advice-service",),
        districts=("leicester", "charnwood"),
        age_groups=("adults", "older-people"),
        referral_routes=("professional-referral",),
        periods=(Period("WEEKLY", "TU", time(18), time(21)),),
        points=((52.70, -1.10),),
    ),
    doc(
        "cafe",
        "Evening Sanctuary",
        summary="A crisis café open in the evenings.",
        description="A safe place to talk when you are struggling.",
        need_terms=("wellbeing",),
        need_domains=("healthy-lifestyles",),
        service_types=("crisis-cafe",),
        districts=("leicester",),
        age_groups=("adults",),
        free=True,
        referral_routes=("drop-in",),
        periods=(Period("WEEKLY", "MO,TU,WE,TH,FR", time(18), time(1)),),
        points=((52.64, -1.14),),
    ),
    doc(
        "walk",
        "Melton Walking Group",
        summary="Gentle walks for all abilities.",
        description="Walking together in the fresh air and meeting new friends.",
        need_terms=("healthy-lifestyles", "physical-activity"),
        need_domains=("healthy-lifestyles",),
        service_types=("vcs-group",),
        districts=("melton",),
        age_groups=("adults", "older-people"),
        free=True,
        referral_routes=("self-referral",),
        periods=(Period("MONTHLY", "1SA", time(10), time(12)),),
        points=((52.766, -0.887),),
    ),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    index = SearchIndex(tmp_path_factory.mktemp("index"), Synonyms.from_files(SHIPPED_SYNONYMS))
    index.rebuild(DOCUMENTS)
    return index


def ids(index, text="", **kwargs):
    result = index.search(SearchQuery(text=text, per_page=50, **kwargs), TUESDAY_EVENING)
    return [hit.id for hit in result.hits]


def test_stemming_matches_other_forms_of_a_word(index):
    assert "befriend" in ids(index, "volunteers visiting")


def test_synonyms_map_everyday_words_to_needs(index):
    assert ids(index, "lonely") == ["befriend"]
    # "Debt" reaches the whole money domain, the debt adviser first.
    assert ids(index, "I'm in debt") == ["debt", "uc"]
    assert ids(index, "universal credit") == ["uc", "debt"]


def test_name_outranks_description(index):
    found = ids(index, "walking")
    assert found[0] == "walk"


def test_empty_query_lists_everything_by_name(index):
    assert ids(index, "") == ["uc", "befriend", "cafe", "walk", "debt"]


@pytest.mark.parametrize("typed", ["I need help please", "the", "AND", "OR NOT", "!!!", "*"])
def test_text_with_nothing_to_search_for_says_so(index, typed):
    result = index.search(SearchQuery(text=typed), TUESDAY_EVENING)
    assert (result.total, result.no_search_words) == (0, True)


@pytest.mark.parametrize(
    "typed",
    [
        '"bailiffs',
        "bailiffs*",
        "bailiffs AND",
        "(bailiffs",
        "name:bailiffs^3",
        "bailiffs~2",
        "bailiffs OR NOT",
        "BAILIFFS!!!",
        "bailiffs\x00",
        "bailiffs " + "a" * 5000,
    ],
)
def test_query_syntax_typed_by_a_person_is_just_text(index, typed):
    assert ids(index, typed)[0] == "debt"


def test_facets_and_across_or_within(index):
    both_needs = {"need": frozenset({"benefits-and-money", "loneliness-and-isolation"})}
    assert set(ids(index, filters=both_needs)) == {"befriend", "debt", "uc"}
    with_area = {**both_needs, "area": frozenset({"charnwood"})}
    assert set(ids(index, filters=with_area)) == {"befriend", "uc"}


def test_facet_counts_reflect_the_other_active_filters(index):
    result = index.search(SearchQuery(filters={"area": frozenset({"charnwood"})}), TUESDAY_EVENING)
    # Area counts ignore the area filter itself, so other areas stay choosable…
    assert result.facets["area"] == {"charnwood": 2, "leicester": 3, "melton": 1}
    # …while every other facet counts only Charnwood services.
    assert result.facets["need"] == {"loneliness-and-isolation": 1, "benefits-and-money": 1}
    assert result.facets["cost"] == {"free": 1}


def test_open_now_and_open_on_a_day(index):
    # Tuesday 7:30pm: the helpdesk (6–9pm Tuesday) and the crisis café are open.
    assert set(ids(index, filters={"open": frozenset({"now"})})) == {"uc", "cafe"}
    result = index.search(SearchQuery(), TUESDAY_EVENING)
    assert result.facets["open"]["now"] == 2
    assert set(ids(index, filters={"open": frozenset({"tu"})})) == {"befriend", "uc", "cafe"}


def test_open_on_a_day_means_the_coming_one(index):
    """The walking group meets on the first Saturday of the month."""
    saturday = {"open": frozenset({"sa"})}
    week_before_first_saturday = datetime(2026, 12, 1, 9, 0)
    result = index.search(SearchQuery(filters=saturday), week_before_first_saturday)
    assert [h.id for h in result.hits] == ["walk"]
    # From Tuesday 24 November, the coming Saturday is the 28th: not the first of the month.
    assert ids(index, filters=saturday) == []


def test_open_now_after_midnight_counts_the_evening_before(index):
    just_after_midnight = datetime(2026, 11, 25, 0, 30)
    result = index.search(SearchQuery(filters={"open": frozenset({"now"})}), just_after_midnight)
    assert [h.id for h in result.hits] == ["cafe"]


def test_spelling_mistakes_get_corrected_results(index):
    result = index.search(SearchQuery(text="bailifs"), TUESDAY_EVENING)
    assert result.corrected_from == "bailifs"
    assert result.searched_for == "bailiffs"
    assert result.hits[0].id == "debt"


def test_misspelt_synonym_is_corrected(index):
    result = index.search(SearchQuery(text="lonley"), TUESDAY_EVENING)
    assert result.searched_for == "lonely"
    assert [h.id for h in result.hits] == ["befriend"]


def test_no_match_for_all_words_falls_back_to_any(index):
    result = index.search(SearchQuery(text="advisers walking"), TUESDAY_EVENING)
    assert not result.matched_all_words
    assert {h.id for h in result.hits} == {"debt", "walk"}


def test_sort_by_distance(index):
    melton = (52.766, -0.887)
    assert ids(index, sort="distance", origin=melton)[0] == "walk"
    result = index.search(SearchQuery(sort="distance", origin=melton), TUESDAY_EVENING)
    assert result.hits[0].distance_km == pytest.approx(0, abs=0.01)


def test_paging(index):
    first = index.search(SearchQuery(per_page=2, page=1), TUESDAY_EVENING)
    third = index.search(SearchQuery(per_page=2, page=3), TUESDAY_EVENING)
    assert first.total == 5 and first.pages == 3
    assert [h.id for h in third.hits] == ["debt"]


def test_update_and_remove_take_effect_at_once(tmp_path):
    index = SearchIndex(tmp_path, Synonyms())
    index.rebuild(DOCUMENTS[:2])
    index.update([doc("befriend", "Renamed Friendship Club")], remove_ids=["debt"])
    assert ids(index, "renamed") == ["befriend"]
    assert ids(index, "bailiffs") == []
    assert index.indexed_ids() == {"befriend"}


def test_temporarily_closed_services_rank_below_open_ones(tmp_path):
    index = SearchIndex(tmp_path, Synonyms())
    index.rebuild(
        [
            doc("closed", "Natter Natter Club", temporarily_closed=True),
            doc("open", "Natter Club"),
        ]
    )
    assert ids(index, "natter") == ["open", "closed"]


def test_everyday_filler_words_do_not_narrow_a_search(index):
    assert ids(index, "debt") == ["debt", "uc"]
    assert ids(index, "I've got a problem with too much debt") == ["debt", "uc"]


def test_an_index_in_an_old_format_is_replaced_and_flagged(tmp_path):
    index = SearchIndex(tmp_path, Synonyms())
    assert index.needs_rebuild
    index.rebuild(DOCUMENTS[:1])
    assert not SearchIndex(tmp_path, Synonyms()).needs_rebuild

    (index.generation / "FORMAT").write_text("0\n")
    reopened = SearchIndex(tmp_path, Synonyms())
    assert reopened.needs_rebuild
    assert reopened.indexed_ids() == set()
