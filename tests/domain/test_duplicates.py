"""Do two entries describe the same thing? Names on their distinctive words; numbers exactly."""

import json

import pytest

from knowledge.commands import SEED_FOLDER
from knowledge.domain.duplicates import (
    SIMILAR_NAME,
    SUSPECT_NAME,
    EntryKeys,
    WordFrequencies,
    charity_number_key,
    compare,
    name_similarity,
    name_words,
    phone_display,
    phone_key,
    postcode_key,
)

# Word frequencies from the demo directory (239 real-looking names): the furniture words
# ("crisis", "café", "link workers", "carers") are common there, as in any directory.
DIRECTORY = [
    service["name"]
    for service in json.loads((SEED_FOLDER / "demo_directory.json").read_text())["services"]
]
FREQUENCIES = WordFrequencies.of(DIRECTORY)


def test_names_are_folded_for_comparison():
    assert name_words("The Lantern Crisis Café & Co. Ltd") == ["lantern", "crisis", "cafe"]


@pytest.mark.parametrize(
    ("typed", "existing"),
    [
        ("The Lantern Crisis Cafe", "The Lantern Crisis Café"),
        ("Lanturn Crisis Café", "The Lantern Crisis Café"),
        ("Night Owls Crisis Cafe", "Night Owls Late-Night Crisis Café"),
        ("Big Sing Choir", "Big Sing Community Choir"),
        ("LANTERN CRISIS CAFÉ", "The Lantern Crisis Café"),
    ],
)
def test_the_same_service_typed_differently_is_similar(typed, existing):
    assert name_similarity(typed, existing, FREQUENCIES) >= SIMILAR_NAME


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Night Owls Late-Night Crisis Café", "Soar Lights Late-Night Crisis Café"),
        ("The Lantern Crisis Café", "Stillwater Crisis Café"),
        ("Social Prescribing Link Workers, Blaby", "Social Prescribing Link Workers, Rutland"),
        ("The Lantern Crisis Café", "Harbour Lights Crisis Café"),
    ],
)
def test_different_services_sharing_furniture_words_are_not_similar(first, second):
    assert name_similarity(first, second, FREQUENCIES) < SIMILAR_NAME


def test_an_empty_name_resembles_nothing():
    assert name_similarity("", "The Lantern Crisis Café", FREQUENCIES) == 0
    assert name_similarity("The", "The", FREQUENCIES) == 0


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("0116 496 0283", "01164960283"),
        ("+44 116 496 0283", "01164960283"),
        ("+44 (0)116 496 0283", "01164960283"),
        ("(0116) 496-0283", "01164960283"),
        ("999", ""),  # too short to mean anything
    ],
)
def test_phone_numbers_compare_in_national_form(typed, key):
    assert phone_key(typed) == key


@pytest.mark.parametrize(
    "number", ["0116 496 0283", "020 7946 0000", "07700 900123", "01632 960706", "0300 123 4567"]
)
def test_numbers_are_shown_as_people_write_them(number):
    assert phone_display(phone_key(number)) == number


def test_postcodes_and_charity_numbers_ignore_spacing_and_prefixes():
    assert postcode_key("le1 3zq") == postcode_key("LE13ZQ") == "LE13ZQ"
    assert charity_number_key("Registered charity no. 1 123 456") == "1123456"
    assert charity_number_key("1123456-1") != charity_number_key("1123456")
    assert charity_number_key(None) == ""


def test_a_shared_office_number_alone_is_not_a_suspected_duplicate():
    blaby = EntryKeys.of("Social Prescribing Link Workers, Blaby", phones=["0116 496 0409"])
    rutland = EntryKeys.of("Social Prescribing Link Workers, Rutland", phones=["0116 496 0409"])
    resemblance = compare(blaby, rutland, FREQUENCIES)
    assert resemblance.same_phones == ("01164960409",)
    assert resemblance.worth_showing  # shown before saving: the officer decides
    assert not resemblance.suspected


def test_a_similar_name_with_a_shared_detail_is_suspected():
    lantern = EntryKeys.of("The Lantern Crisis Café", postcodes=["LE1 3ZQ"])
    again = EntryKeys.of("Lantern Crisis Cafe", postcodes=["le1 3zq"])
    resemblance = compare(lantern, again, FREQUENCIES)
    assert resemblance.name_score >= SUSPECT_NAME
    assert resemblance.suspected
    assert resemblance.reasons() == (
        f"Similar name ({resemblance.name_score:.0f}% alike)",
        "Same postcode LE1 3ZQ",
    )


def test_a_similar_name_alone_is_shown_but_not_suspected():
    resemblance = compare(
        EntryKeys.of("Big Sing Choir"), EntryKeys.of("Big Sing Community Choir"), FREQUENCIES
    )
    assert resemblance.worth_showing and not resemblance.suspected


def test_the_same_charity_number_is_a_shared_detail():
    first = EntryKeys.of("Lantern Trust", charity_number="1123456")
    second = EntryKeys.of("The Lantern Trust Ltd", charity_number="1123 456")
    assert compare(first, second, FREQUENCIES).same_charity
    assert not compare(first, EntryKeys.of("Lantern Trust"), FREQUENCIES).same_charity
