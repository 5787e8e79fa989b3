"""Disclosure control: 0 stays 0, 1–7 is "*", the rest rounded to 5; totals from raw counts."""

from itertools import product

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from knowledge.domain.disclosure import (
    SUPPRESSED,
    Table,
    controlled,
    percentage,
    possible_counts,
    shown,
)

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    ("count", "figure"),
    [
        (0, "0"),
        (1, "*"),
        (2, "*"),
        (7, "*"),
        (8, "10"),
        (9, "10"),
        (10, "10"),
        (12, "10"),
        (13, "15"),
        (15, "15"),
        (17, "15"),
        (18, "20"),
        (22, "20"),
        (23, "25"),
        (1002, "1000"),
        (1003, "1005"),
    ],
)
def test_the_boundaries(count, figure):
    assert shown(count) == figure


def test_a_negative_count_is_a_bug():
    with pytest.raises(ValueError):
        controlled(-1)


@given(st.integers(min_value=8, max_value=10**7))
def test_shown_counts_are_multiples_of_five_within_two_of_the_truth(count):
    value = controlled(count)
    assert value % 5 == 0 and abs(value - count) <= 2 and value >= 10


@given(st.integers(min_value=1, max_value=7))
def test_small_counts_are_always_suppressed(count):
    assert shown(count) == SUPPRESSED


def test_totals_come_from_unrounded_counts_then_are_controlled():
    table = Table.of("t", "Area", ["A", "B", "C"], [("x", [3, 3, 3]), ("y", [0, 12, 13])])
    # 3 + 3 + 3 = 9 → 10, not * + * + * ; 12 + 13 = 25, not 10 + 15.
    assert table.rows[0].cells == ("*", "*", "*") and table.rows[0].total == "10"
    assert table.rows[1].cells == ("0", "10", "15") and table.rows[1].total == "25"
    assert table.column_totals == ("*", "15", "15")
    assert table.grand_total == "35"  # 34 → 35


def test_counts_of_services_are_not_controlled():
    table = Table.of("t", "Area", ["Services"], [("x", [3]), ("y", [12])], people=False)
    assert [r.cells for r in table.rows] == [("3",), ("12",)] and table.grand_total == "15"


def test_percentages_come_from_the_shown_figures():
    assert percentage(12, 23) == "40%"  # 10 of 25
    assert percentage(3, 23) == SUPPRESSED
    assert percentage(0, 0) == ""
    assert percentage(0, 20) == "0%"


def test_a_row_must_have_one_count_per_column():
    with pytest.raises(ValueError, match="2 cells for 3"):
        Table.of("t", "Area", ["A", "B", "C"], [("x", [1, 2])])


def _options(figure: str, largest: int, line: list[str] | None = None) -> list[int]:
    """What a reader knows a shown figure may be. A hidden total may also be one suppressed to
    protect its line: then it is anything its line's cells could add up to."""
    if figure == SUPPRESSED and line is not None:
        sums = {sum(combo) for combo in product(*(_options(c, largest) for c in line))}
        return sorted(sums)
    return list(possible_counts(figure, largest))


def _pinned(options: list[list[int]], hidden: list[bool], total: str, largest: int) -> list[int]:
    """Brute force, independent of the code under test: indexes of hidden figures whose value
    a reader could work out exactly from the other figures of the line and its shown total.
    A suppressed total tells the reader nothing."""
    if total == SUPPRESSED:
        return []
    totals = set(possible_counts(total, largest))
    pinned = []
    for index, is_hidden in enumerate(hidden):
        if not is_hidden:
            continue
        feasible = {combo[index] for combo in product(*options) if sum(combo) in totals}
        if len(feasible) < 2:
            pinned.append(index)
    return pinned


def _line(cells: list[str], total: str, largest: int) -> list[int]:
    return _pinned(
        [_options(c, largest) for c in cells],
        [c == SUPPRESSED for c in cells],
        total,
        largest * len(cells),
    )


def test_a_total_that_would_give_hidden_cells_away_is_suppressed():
    # Four hidden cells can only add up to 28–32 if each is 7: the total 28 must not show as 30.
    table = Table.of("t", "Area", list("ABCD"), [("x", [7, 7, 7, 7])])
    assert table.rows[0].cells == ("*",) * 4
    assert table.rows[0].total == SUPPRESSED
    assert table.column_totals == ("*",) * 4


@settings(max_examples=400, deadline=None)
@example([7, 7, 14])
@example([7, 7, 7, 7])
@given(st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=4))
def test_no_hidden_cell_can_be_recovered_from_its_row_and_total(counts):
    row = Table.of("t", "Area", [str(i) for i in range(len(counts))], [("row", counts)]).rows[0]
    assert _line(list(row.cells), row.total, largest=16) == []


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=3).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(min_value=0, max_value=12), min_size=width, max_size=width),
            min_size=1,
            max_size=3,
        )
    )
)
def test_no_hidden_cell_can_be_recovered_along_any_row_or_column(grid):
    width = len(grid[0])
    table = Table.of(
        "t", "Area", [str(i) for i in range(width)], [(str(i), r) for i, r in enumerate(grid)]
    )
    columns = [[row.cells[i] for row in table.rows] for i in range(width)]
    for row in table.rows:
        assert _line(list(row.cells), row.total, largest=14) == []
    for column, total in zip(columns, table.column_totals, strict=True):
        assert _line(column, total, largest=14) == []
    # The totals against the grand total: a hidden total must not be pinned either.
    for totals, lines in (
        ([row.total for row in table.rows], [list(row.cells) for row in table.rows]),
        (list(table.column_totals), columns),
    ):
        options = [_options(t, 14 * 3, line) for t, line in zip(totals, lines, strict=True)]
        hidden = [t == SUPPRESSED for t in totals]
        assert _pinned(options, hidden, table.grand_total, largest=14 * 9) == []
