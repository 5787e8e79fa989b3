import pytest

from knowledge.domain.text import blank_to_none, is_one_line, one_line

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    ("typed", "kept"),
    [(None, None), ("", None), ("  \r\n ", None), ("  Knit and Natter ", "Knit and Natter")],
)
def test_blank_to_none(typed, kept):
    assert blank_to_none(typed) == kept


@pytest.mark.parametrize(
    ("text", "one"),
    [
        ("Knit and Natter", True),
        (" Knit and Natter\r\n", True),  # at the ends: trimmed anyway
        (None, True),
        ("Knit\nBcc: everyone@example.org", False),
        ("Knit\rand", False),
        ("Knit\u2028and", False),  # a Unicode line separator starts a header line too
        ("Knit\x85and", False),
    ],
)
def test_is_one_line(text, one):
    assert is_one_line(text) is one


def test_one_line_collapses_every_break_and_run_of_spaces():
    assert one_line(" Stitch\r\n  Club\u2028Wyvern ") == "Stitch Club Wyvern"
