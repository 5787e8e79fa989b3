"""Spotting personal identifiers, so searches holding them are never logged."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.domain.identifiers import (
    KINDS,
    could_identify_someone,
    find_identifiers,
    find_personal_details,
    is_valid_nhs_number,
    looks_like_identifier,
    personal_details_warning,
)


class TestNhsNumber:
    @pytest.mark.parametrize(
        "number",
        [
            "943 476 5919",
            "9434765919",
            "943-476-5919",
            " 943 476 5919 ",
            "401 023 2137",
            "123 456 7830",  # remainder 0: 11 becomes a check digit of 0
            "0000000000",  # valid by the algorithm; not special-cased
        ],
    )
    def test_valid(self, number: str) -> None:
        assert is_valid_nhs_number(number)

    @pytest.mark.parametrize(
        "number",
        [
            "943 476 5910",
            "943 476 5918",
            "1000000010",  # check digit would be 10: no number starting 100000001 is valid
            "1000000011",
            "943 476 591",
            "943 476 59190",
            "943 476 591X",
            "943.476.5919",
            "٩٤٣٤٧٦٥٩١٩",  # Arabic-Indic digits are not NHS numbers
            "",
        ],
    )
    def test_invalid(self, number: str) -> None:
        assert not is_valid_nhs_number(number)


def _check_digit(first_nine: str) -> int:
    weighted = zip(first_nine, range(10, 1, -1), strict=True)
    return (11 - sum(int(digit) * weight for digit, weight in weighted) % 11) % 11


valid_nhs_numbers = (
    st.text(alphabet="0123456789", min_size=9, max_size=9)
    .filter(lambda first_nine: _check_digit(first_nine) != 10)
    .map(lambda first_nine: first_nine + str(_check_digit(first_nine)))
)
property_settings = settings(database=None, deadline=None)


@property_settings
@given(valid_nhs_numbers, st.data())
def test_a_single_mistyped_digit_is_caught(number: str, data: st.DataObject) -> None:
    assert is_valid_nhs_number(number)
    position = data.draw(st.integers(0, 9))
    typo = data.draw(st.sampled_from("0123456789").filter(lambda d: d != number[position]))
    assert not is_valid_nhs_number(number[:position] + typo + number[position + 1 :])


@property_settings
@given(valid_nhs_numbers, st.integers(0, 8))
def test_two_swapped_digits_are_caught(number: str, position: int) -> None:
    swapped = number[:position] + number[position + 1] + number[position] + number[position + 2 :]
    if swapped != number:
        assert not is_valid_nhs_number(swapped)


@property_settings
@given(valid_nhs_numbers)
def test_every_valid_nhs_number_is_found_in_text(number: str) -> None:
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
    assert find_identifiers(f"patient {spaced} needs a food bank") == ["nhs_number"]


class TestFindIdentifiers:
    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("NHS number 943 476 5919 needs housing help", "nhs_number"),
            ("ref 9434765919", "nhs_number"),
            ("943-476-5919", "nhs_number"),
            ("mistyped 943 476 5910 still counts", "nhs_number"),
            ("call her on 0116 225 4000 tomorrow", "phone_number"),
            ("mobile 07700 900123", "phone_number"),
            ("mobile 07700900123", "phone_number"),
            ("ring (0116) 225 4000", "phone_number"),
            ("ring 0116-225-4000", "phone_number"),
            ("ring +44 116 225 4000", "phone_number"),
            ("ring +44 (0)7700 900123", "phone_number"),
            ("ring +447700900123", "phone_number"),
            ("ring 0044 7700 900123", "phone_number"),
            ("lives near LE1 6TP", "postcode"),
            ("le11 3tu", "postcode"),
            ("SW1A 1AA", "postcode"),
            ("postcode LE16TP", "postcode"),
            ("M1 1AE", "postcode"),
            ("write to jo.bloggs@example.co.uk", "email"),
            ("JO_BLOGGS+groups@nhs.net", "email"),
            ("dob 12/03/1985", "date_of_birth"),
            ("born 12-03-85", "date_of_birth"),
            ("born 12.3.1985.", "date_of_birth"),
            ("born 12 March 1985", "date_of_birth"),
            ("born 3rd March 1985", "date_of_birth"),
            ("born 3rd of Sept 1985", "date_of_birth"),
            ("born March 3, 1985", "date_of_birth"),
            ("born 1985-03-12", "date_of_birth"),
            ("born 29/02/84", "date_of_birth"),
        ],
    )
    def test_each_kind_in_a_sentence(self, text: str, kind: str) -> None:
        assert find_identifiers(text) == [kind]

    def test_kinds_come_in_a_fixed_order_each_once(self) -> None:
        text = (
            "born 12/03/1985, jo@example.com, LE1 6TP, 0116 225 4000, 07700 900123, "
            "943 476 5919 or 943 476 5910, EPR RX12345"
        )
        assert find_identifiers(text) == list(KINDS)
        assert KINDS == (
            "nhs_number",
            "phone_number",
            "postcode",
            "email",
            "date_of_birth",
            "record_number",
        )

    def test_a_phone_number_with_a_country_code_is_not_also_an_nhs_number(self) -> None:
        assert find_identifiers("+44 116 225 4000") == ["phone_number"]

    @pytest.mark.parametrize("text", ["XLE1 6TP", "LE1 6TPQ", "covid19 3ab"])
    def test_a_postcode_must_stand_alone(self, text: str) -> None:
        assert "postcode" not in find_identifiers(text)

    @pytest.mark.parametrize(
        "text",
        ["31/02/1985", "13/13/1985", "32 March 1985", "12/03", "12 March"],
    )
    def test_things_that_are_not_dates_are_not_dates_of_birth(self, text: str) -> None:
        assert find_identifiers(text) == []

    @pytest.mark.parametrize(
        "text",
        [
            "AA meetings",
            "24 hour helpline",
            "over 65s",
            "walking group 2pm",
            "LE11 groups",
            "food bank",
            "Leicester LE1",
            "1-2-1 support",
            "24/7 support",
            "Samaritans 116 123",
            "NHS 111 option 2",
            "call 999",
            "Childline 0800 1111",
            "ages 18-25",
            "children aged 5-11",
            "open 9-5",
            "Mon-Fri 9am-5pm",
            "10.30-12.30 drop in",
            "A1 2pm",
            "M1 junction 21",
            "2023/24 annual report",
            "Year 10 revision",
            "£1,000,000 grant",
            "men's shed",
            "",
        ],
    )
    def test_ordinary_searches_are_not_flagged(self, text: str) -> None:
        assert find_identifiers(text) == []
        assert not looks_like_identifier(text)


def test_looks_like_identifier() -> None:
    assert looks_like_identifier("my number is 07700 900123")
    assert not looks_like_identifier("debt advice Loughborough")


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Mr Patel needs a lift to the group", ["name"]),
        ("Mrs. O'Neill would like company", ["name"]),
        ("Dr Khan asked for this", ["name"]),
        ("Needs help joining on ms teams", []),
        ("Has a dr appointment on Tuesdays", []),
        ("Lonely older man, wants company in the week", []),
        ("Ring 0116 496 0123, lives at LE1 3ZQ", ["phone_number", "postcode"]),
        ("NHS 943 476 5919, born 04/07/1961", ["nhs_number", "date_of_birth"]),
    ],
)
def test_personal_details_in_free_text(text, kinds):
    assert find_personal_details(text) == kinds


def test_the_warning_names_what_was_found_in_plain_english():
    assert personal_details_warning("A befriender for the evenings") is None
    assert personal_details_warning("Ring 0116 496 0123, Mr Smith") == (
        "This looks like it holds a phone number and a name (Mr, Mrs, Ms …). Remove anything "
        "that could identify the person, or tick the box to confirm it does not."
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("NHS 943.476.5919", "nhs_number"),
        ("NHS 943/476/5919", "nhs_number"),
        ("NHS 943  476  5919", "nhs_number"),
        ("NHS 943\u00a0476\u00a05919", "nhs_number"),  # non-breaking spaces
        ("NHS ９４３ ４７６ ５９１９", "nhs_number"),  # full-width digits
        ("NHS 943\t476\t5919", "nhs_number"),
        ("ring 0116.496.0123", "phone_number"),
        ("lives at LE1  1AA", "postcode"),
        ("lives at ＬＥ１ １ＡＡ", "postcode"),
        ("RX7781234", "record_number"),
        ("EPR number RX12345", "record_number"),
        ("their ref is 1234567", "record_number"),
        ("jo@exämple.com", "email"),
    ],
)
def test_identifiers_typed_unusually_are_still_found(text, kind):
    assert find_identifiers(text) == [kind]
    assert find_personal_details(text) == [kind]


@pytest.mark.parametrize(
    "text",
    ["Room 12345 at the library", "RX-12 345"],
)
def test_five_digits_in_one_run_of_letters_and_digits_may_be_a_record_number(text):
    assert ("record_number" in find_identifiers(text)) == ("12345" in text)


class TestSearchLog:
    """The search log's test is the same detector, and blunter: searches are short, and a
    search that is not logged costs nothing."""

    @pytest.mark.parametrize(
        "text",
        [
            "943 476 5919",
            "RX12345",
            "ref 123456",
            "0116 225",  # six digits, whatever they are
            "jo@",
            "Mrs Patel",
            "９４３４７６",
        ],
    )
    def test_could_identify_someone(self, text):
        assert could_identify_someone(text)

    @pytest.mark.parametrize(
        "text", ["24 hour helpline", "over 65s", "LE11 groups", "tai chi", "ਮਦਦ", "A1 2pm"]
    )
    def test_ordinary_searches_are_logged(self, text):
        assert not could_identify_someone(text)
