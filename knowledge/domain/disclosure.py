"""Disclosure control for counts of people and queries (the NHS Digital method for HES/ECDS).

In any count about people below national level: 0 stays 0; 1 to 7 is shown as "*"; every
other count is rounded to the nearest 5. Totals are computed from the unrounded figures and
then controlled the same way; percentages are computed from the controlled figures. Counts of
services are not counts of people and are shown as they are.

A suppressed cell must not be recoverable from the other figures of its row or column and their
total. Rounding usually prevents that (each "*" hides one of seven values, each rounded figure
one of five), but not always: four cells of 7 total 28, shown as 30, and four hidden cells
between 1 and 7 can only make 28 to 32 if every one is 7. So each line of the table is checked,
and a total that would give a hidden cell away is itself suppressed ("secondary suppression").
The check reasons with the ranges a reader can deduce from what is shown, along each row and
column and between the totals and the grand total.
"""

from collections.abc import Sequence
from dataclasses import dataclass

SUPPRESSED = "*"
SMALLEST_SHOWN = 8


def controlled(count: int) -> int | None:
    """The figure that may be shown: 0, None (suppressed) or a multiple of 5."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    if count == 0:
        return 0
    if count < SMALLEST_SHOWN:
        return None
    # Nearest 5, halves up (integers never fall on a half: 12 → 10, 13 → 15).
    return (count + 2) // 5 * 5


def shown(count: int) -> str:
    value = controlled(count)
    return SUPPRESSED if value is None else str(value)


def percentage(part: int, whole: int) -> str:
    """The share `part` is of `whole`, from their controlled figures, to the nearest whole per
    cent; "*" when either is suppressed, "" when the whole is 0."""
    shown_part, shown_whole = controlled(part), controlled(whole)
    if shown_part is None or shown_whole is None:
        return SUPPRESSED
    if shown_whole == 0:
        return ""
    return f"{round(100 * shown_part / shown_whole)}%"


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[str, ...]
    total: str


@dataclass(frozen=True)
class Table:
    """A cross-tabulation as it may be shown: every cell and total controlled (or, for counts of
    services, as they are). `raw` keeps the unrounded counts for building the charts' scale
    only; it never leaves the server."""

    title: str
    row_heading: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    column_totals: tuple[str, ...]
    grand_total: str
    controlled: bool

    @classmethod
    def of(
        cls,
        title: str,
        row_heading: str,
        columns: Sequence[str],
        counts: Sequence[tuple[str, Sequence[int]]],
        *,
        people: bool = True,
    ) -> "Table":
        """`counts`: (row label, one unrounded count per column) for each row."""
        show = shown if people else str
        for label, values in counts:
            if len(values) != len(columns):
                raise ValueError(f"row {label!r} has {len(values)} cells for {len(columns)}")
        cells = [[show(v) for v in values] for _, values in counts]
        row_totals = [show(sum(values)) for _, values in counts]
        column_sums = [sum(values[i] for _, values in counts) for i in range(len(columns))]
        column_totals = [show(total) for total in column_sums]
        grand_total = show(sum(column_sums))
        if people:
            row_totals = [
                protect(line, total) for line, total in zip(cells, row_totals, strict=True)
            ]
            column_totals = [
                protect([line[i] for line in cells], total) for i, total in enumerate(column_totals)
            ]
            row_ranges = [total_range(t, line) for t, line in zip(row_totals, cells, strict=True)]
            column_ranges = [
                total_range(t, [line[i] for line in cells]) for i, t in enumerate(column_totals)
            ]
            if pins_a_hidden_figure(row_ranges, grand_total) or pins_a_hidden_figure(
                column_ranges, grand_total
            ):
                grand_total = SUPPRESSED
        return cls(
            title=title,
            row_heading=row_heading,
            columns=tuple(columns),
            rows=tuple(
                Row(label, tuple(line), total)
                for (label, _), line, total in zip(counts, cells, row_totals, strict=True)
            ),
            column_totals=tuple(column_totals),
            grand_total=grand_total,
            controlled=people,
        )


def figure_range(figure: str) -> tuple[int, int]:
    """The unrounded counts a reader knows a shown cell may stand for (inclusive)."""
    if figure == SUPPRESSED:
        return (1, SMALLEST_SHOWN - 1)
    value = int(figure)
    return (0, 0) if value == 0 else (max(SMALLEST_SHOWN, value - 2), value + 2)


def total_range(total: str, line: Sequence[str]) -> tuple[int, int]:
    """What a reader knows of a total: its own range, or, when it is suppressed, what its
    line's cells add up to at least and at most."""
    low = sum(figure_range(f)[0] for f in line)
    high = sum(figure_range(f)[1] for f in line)
    if total == SUPPRESSED:
        return (max(low, 1), high)
    own_low, own_high = figure_range(total)
    return (max(low, own_low), min(high, own_high))


def pins_a_hidden_figure(ranges: Sequence[tuple[int, int]], total: str) -> bool:
    """Would `total`, with the other ranges of its line, leave a hidden figure (one whose
    range is wider than a single value) with exactly one possible value?"""
    if total == SUPPRESSED:
        return False
    low, high = figure_range(total)
    lows, highs = sum(r[0] for r in ranges), sum(r[1] for r in ranges)
    for own_low, own_high in ranges:
        if own_low == own_high:
            continue
        feasible_low = max(own_low, low - (highs - own_high))
        feasible_high = min(own_high, high - (lows - own_low))
        if feasible_low >= feasible_high:
            return True
    return False


def protect(line: Sequence[str], total: str) -> str:
    """The total to show for a line of cells: suppressed if it would give a hidden cell away."""
    return SUPPRESSED if pins_a_hidden_figure([figure_range(f) for f in line], total) else total


def value_of(figure: str) -> int:
    """A shown figure as a number for drawing a bar: "*" draws nothing."""
    return 0 if figure == SUPPRESSED else int(figure)


def possible_counts(figure: str, largest: int) -> range | tuple[int, ...]:
    """Every unrounded count (up to `largest`) that would be shown as `figure`: what someone
    reading the table can know about it."""
    if figure == SUPPRESSED:
        return range(1, SMALLEST_SHOWN)
    return tuple(c for c in range(0, largest + 1) if shown(c) == figure)
