import pytest

from knowledge.domain.spreadsheets import safe_cell, unsafe_cell

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    "cell",
    [
        '=HYPERLINK("http://evil.example","Click")',
        "+44 116 496 0123",
        "-1",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1",
    ],
)
def test_formula_starts_are_neutralised_and_restored(cell):
    assert safe_cell(cell) == "'" + cell
    assert unsafe_cell(safe_cell(cell)) == cell


@pytest.mark.parametrize("cell", ["Knit and Natter", "0116 496 0123", "'quoted", "", "a=b"])
def test_ordinary_text_is_left_alone(cell):
    assert safe_cell(cell) == cell
    assert unsafe_cell(cell) == cell


def test_none_is_empty():
    assert safe_cell(None) == ""


def test_text_that_looks_neutralised_survives_a_round_trip():
    assert unsafe_cell(safe_cell("'=1+1")) == "'=1+1"
