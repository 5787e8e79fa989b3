"""NHS numbers and local record numbers become keyed pseudonyms; the numbers are never kept."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.domain.pseudonyms import (
    NotAnIdentifier,
    normalise_nhs_number,
    person_pseudonym,
    pseudonym,
    without_separators,
)

pytestmark = pytest.mark.no_database


KEY = "a-test-key-of-at-least-thirty-two-characters"
OTHER_KEY = "another-test-key-of-thirty-two-or-more-chars"
VALID = "943 476 5919"  # the NHS's published test number


@pytest.mark.parametrize("typed", ["9434765919", "943 476 5919", "943-476-5919", " 943 476 5919 "])
def test_spaces_and_dashes_are_ignored(typed):
    assert normalise_nhs_number(typed) == "9434765919"
    assert person_pseudonym(typed, KEY) == person_pseudonym(VALID, KEY)


@pytest.mark.parametrize(
    "typed",
    [
        "943\u00a0476\u00a05919",  # non-breaking spaces, as pasted from a letter or a web page
        "943\t476\t5919",
        "943\u2013476\u20135919",  # en dashes, as word processors write hyphens
        "943\u202f476\u20095919",  # narrow and thin spaces
        "\u00a0943 476 5919\n",
    ],
)
def test_any_space_hyphen_or_en_dash_is_ignored(typed):
    assert without_separators(typed) == "9434765919"
    assert normalise_nhs_number(typed) == "9434765919"
    assert person_pseudonym(typed, KEY) == person_pseudonym(VALID, KEY)
    assert person_pseudonym(f"RX{typed}", KEY, kind="local") == person_pseudonym(
        "RX9434765919", KEY, kind="local"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "9434765918",  # wrong check digit
        "943476591",  # nine digits
        "94347659190",  # eleven digits
        "943 476 591X",
        "",
        "1000000010",  # remainder 1: check digit 10, never valid
    ],
)
def test_invalid_numbers_are_refused_with_a_message(typed):
    with pytest.raises(NotAnIdentifier, match="NHS number"):
        person_pseudonym(typed, KEY)


def test_the_pseudonym_depends_on_the_key_and_hides_the_number():
    first = person_pseudonym(VALID, KEY)
    assert first == person_pseudonym(VALID, KEY)  # stable: staff re-find the person
    assert first != person_pseudonym(VALID, OTHER_KEY)
    assert "9434765919" not in first and len(first) == 64


def test_local_numbers_never_collide_with_nhs_numbers():
    assert person_pseudonym("9434765919", KEY, kind="local") != person_pseudonym(VALID, KEY)
    assert person_pseudonym("rx-12 345", KEY, kind="local") == person_pseudonym(
        "RX12345", KEY, kind="local"
    )
    with pytest.raises(NotAnIdentifier):
        person_pseudonym("a!", KEY, kind="local")


def test_a_short_key_is_refused():
    with pytest.raises(ValueError, match="too short"):
        pseudonym("nhs", "9434765919", "short")


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_different_numbers_give_different_pseudonyms(digits):
    if digits != "9434765919":
        assert pseudonym("nhs", digits, KEY) != pseudonym("nhs", "9434765919", KEY)
