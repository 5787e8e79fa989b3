"""Charts for the reports, drawn on the server as SVG: no script, nothing from another site.

A chart draws exactly the figures its table shows (rounded, or "*"), never the unrounded
counts: a bar's length could otherwise give away what the table hides. A suppressed figure
draws nothing and is labelled "*". Every chart is `role="img"` with a title and a description;
the table beside it is the accessible version, with the same figures.

Colours are from the NHS.UK palette, each at least 3:1 against white (WCAG 1.4.11), and series
in a stacked bar also differ by pattern, with a legend, so colour is never the only clue.
Presentation attributes only (fill="…"): the site's Content-Security-Policy refuses inline
style.
"""

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from knowledge.domain.disclosure import SUPPRESSED, Table, value_of
from knowledge.reports.figures import Report

TEXT = "#212b32"  # NHS.UK text colour
SECONDARY_TEXT = "#4c6272"
GRID = "#d8dde0"
BAR = "#005eb8"  # NHS blue, 5.6:1 on white
FONT = "Frutiger W01, Arial, sans-serif"
# (fill, pattern) per series: every fill 3:1 or more on white; the pattern tells neighbours apart.
SERIES = (
    ("#005eb8", "solid"),  # NHS blue
    ("#330072", "stripes"),  # purple
    ("#007f3b", "dots"),  # dark green
    ("#7c2855", "grid"),  # dark pink
    ("#425563", "lines"),  # dark grey
)
WIDTH = 560
FONT_SIZE = 15
CHAR_WIDTH = 7.9  # rough width of a character at FONT_SIZE, for wrapping labels
LINE_HEIGHT = 18
# Classes that tests (and nothing else) read: a drawn figure, and a stacked bar's total.
FIGURE, TOTAL = "app-chart-figure", "app-chart-total"


@dataclass(frozen=True)
class Mark:
    """One drawn figure: a bar, a segment or a point."""

    label: str
    figure: str

    @property
    def value(self) -> int:
        return value_of(self.figure)


def chart_marks(report: Report) -> list[Mark]:
    """What the chart draws, in drawing order: each figure as the table shows it."""
    table = report.table
    if report.chart == "stacked":
        return [
            Mark(f"{row.label}, {column}", cell)
            for row in table.rows
            for column, cell in zip(table.columns, row.cells, strict=True)
        ]
    if report.chart in ("bar", "line"):
        return [Mark(label, figure) for label, figure in _series(table)]
    return []


def render_chart(report: Report) -> Markup | None:
    if report.chart == "bar":
        return _bar_chart(report)
    if report.chart == "stacked":
        return _stacked_chart(report)
    if report.chart == "line":
        return _line_chart(report)
    return None


def what_is_drawn(report: Report) -> str:
    """Which figures of the table the chart draws, in words."""
    table = report.table
    if report.chart == "stacked":
        return f"one bar for each row, divided by {table.row_heading.lower()} column"
    if len(table.columns) == 1:
        return f"the {table.columns[0].lower()} figure for each row"
    return "the total of each row"


def _series(table: Table) -> list[tuple[str, str]]:
    """One figure per row: the only column, or the row's total."""
    if len(table.columns) == 1:
        return [(row.label, row.cells[0]) for row in table.rows]
    return [(row.label, row.total) for row in table.rows]


# Drawing ---------------------------------------------------------------------------------------


def _wrap(text: str, width_px: float) -> list[str]:
    return textwrap.wrap(text, max(int(width_px / CHAR_WIDTH), 8)) or [""]


def _text(x: float, y: float, content: str, *, anchor: str = "start", **attributes) -> str:
    extra = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for name, value in attributes.items()
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{TEXT}"{extra}>'
        f"{escape(content)}</text>"
    )


def _mark(mark: Mark, drawing: str) -> str:
    """A figure as drawn, named for a pointer's tooltip: "Blaby: 10"."""
    return (
        f'<g class="app-chart-mark"><title>{escape(mark.label)}: {escape(mark.figure)}</title>'
        f"{drawing}</g>"
    )


def _lines(x: float, y: float, lines: Sequence[str], **attributes) -> str:
    return "".join(
        _text(x, y + i * LINE_HEIGHT, line, **attributes) for i, line in enumerate(lines)
    )


def _svg(report: Report, kind: str, height: float, body: str, defs: str = "") -> Markup:
    key = escape(report.key)
    title = f"{kind}: {report.table.title}"
    desc = (
        f"The chart shows {what_is_drawn(report)} of the table “{report.table.title}”, which "
        f"has the same figures. Figures are rounded to the nearest five; * marks a count too small "
        f"to show, which has no bar."
    )
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-report-chart" role="img" '
        f'aria-labelledby="chart-{key}-title chart-{key}-desc" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" font-family="{FONT}" font-size="{FONT_SIZE}" focusable="false">'
        f'<title id="chart-{key}-title">{escape(title)}</title>'
        f'<desc id="chart-{key}-desc">{escape(desc)}</desc>'
        f"{f'<defs>{defs}</defs>' if defs else ''}{body}</svg>"
    )


def _scale(values: Sequence[int]) -> int:
    return max([*values, 1])


def _bar_chart(report: Report) -> Markup:
    marks = chart_marks(report)
    label_width, value_room = 200, 56
    bar_room = WIDTH - label_width - value_room
    largest = _scale([m.value for m in marks])
    parts, y = [], 8.0
    for mark in marks:
        lines = _wrap(mark.label, label_width - 12)
        row_height = max(len(lines) * LINE_HEIGHT, 22) + 10
        middle = y + row_height / 2
        parts.append(
            _lines(
                label_width - 10,
                middle - (len(lines) - 1) * LINE_HEIGHT / 2 + 5,
                lines,
                anchor="end",
            )
        )
        length = bar_room * mark.value / largest
        bar = (
            f'<rect x="{label_width}" y="{middle - 11:.1f}" width="{length:.1f}" height="22" '
            f'fill="{BAR}"/>'
            if length
            else ""
        )
        figure = _text(label_width + length + 6, middle + 5, mark.figure, class_=FIGURE)
        parts.append(_mark(mark, bar + figure))
        y += row_height
    axis = f'<line x1="{label_width}" y1="4" x2="{label_width}" y2="{y + 4:.1f}" stroke="{TEXT}"/>'
    return _svg(report, "Bar chart", y + 8, "".join(parts) + axis)


def _pattern(key: str, index: int) -> tuple[str, str]:
    """An SVG pattern for series `index` and the fill that uses it."""
    colour, kind = SERIES[index % len(SERIES)]
    if kind == "solid":
        return "", colour
    pattern_id = f"chart-{key}-series-{index}"
    marks = {
        "stripes": (
            '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" stroke-width="1.6"/>'
        ),
        "dots": '<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>',
        "grid": '<path d="M0,4 h8 M4,0 v8" stroke="#ffffff" stroke-width="1.2"/>',
        "lines": '<path d="M0,2 h8 M0,6 h8" stroke="#ffffff" stroke-width="1.2"/>',
    }[kind]
    pattern = (
        f'<pattern id="{pattern_id}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{colour}"/>{marks}</pattern>'
    )
    return pattern, f"url(#{pattern_id})"


def _stacked_chart(report: Report) -> Markup:
    table = report.table
    key = escape(report.key)
    defs, fills = [], []
    for index in range(len(table.columns)):
        pattern, fill = _pattern(str(key), index)
        defs.append(pattern)
        fills.append(fill)
    # The legend, wrapped onto as many lines as it needs.
    parts, x, y = [], 0.0, 8.0
    for column, fill in zip(table.columns, fills, strict=True):
        width = 26 + len(column) * CHAR_WIDTH + 18
        if x and x + width > WIDTH:
            x, y = 0.0, y + 26
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="18" height="18" fill="{fill}" '
            f'stroke="{TEXT}" stroke-width="0.5"/>'
        )
        parts.append(_text(x + 24, y + 14, column))
        x += width
    y += 36
    bars_top = y
    label_width, value_room = 200, 56
    bar_room = WIDTH - label_width - value_room
    largest = _scale([sum(value_of(c) for c in row.cells) for row in table.rows])
    for row in table.rows:
        lines = _wrap(row.label, label_width - 12)
        row_height = max(len(lines) * LINE_HEIGHT, 22) + 10
        middle = y + row_height / 2
        parts.append(
            _lines(
                label_width - 10,
                middle - (len(lines) - 1) * LINE_HEIGHT / 2 + 5,
                lines,
                anchor="end",
            )
        )
        start = float(label_width)
        for column, cell, fill in zip(table.columns, row.cells, fills, strict=True):
            length = bar_room * value_of(cell) / largest
            segment = (
                f'<rect x="{start:.1f}" y="{middle - 11:.1f}" width="{length:.1f}" '
                f'height="22" fill="{fill}" stroke="#ffffff" stroke-width="1"/>'
                if length
                else ""
            )
            parts.append(_mark(Mark(f"{row.label}, {column}", cell), segment))
            start += length
        parts.append(_text(start + 6, middle + 5, row.total, class_=TOTAL))
        y += row_height
    axis = (
        f'<line x1="{label_width}" y1="{bars_top - 4:.1f}" x2="{label_width}" y2="{y + 4:.1f}" '
        f'stroke="{TEXT}"/>'
    )
    return _svg(report, "Stacked bar chart", y + 8, "".join(parts) + axis, "".join(defs))


def _nice_step(largest: int) -> int:
    """A gridline step of 10, 20, 25, 50, 100 … giving at most five lines: never a step
    below 10, so no axis label reads like a small count."""
    step, magnitude = 10, 10
    while True:
        for multiple in (1, 2, 2.5, 5):
            step = int(multiple * magnitude)
            if largest / step <= 5:
                return step
        magnitude *= 10


def _line_chart(report: Report) -> Markup:
    marks = chart_marks(report)
    left, right, top, plot_height = 56, 24, 24, 200
    largest = _scale([m.value for m in marks])
    step = _nice_step(largest)
    ceiling = max(step, -(-largest // step) * step)
    bottom = top + plot_height
    room = WIDTH - left - right
    gap = room / max(len(marks), 1)
    show_every = max(1, -(-len(marks) * 70 // room))  # keep the month labels from colliding
    parts = []
    for value in range(0, ceiling + 1, step):
        y = bottom - plot_height * value / ceiling
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(_text(left - 8, y + 5, str(value), anchor="end"))
    points: list[tuple[float, float] | None] = []
    # Figures over the points while there is room; otherwise the table has them.
    labelled = gap >= 34
    points: list[tuple[float, float] | None] = []
    for index, mark in enumerate(marks):
        x = left + gap * (index + 0.5)
        if index % show_every == 0:
            parts.append(
                _lines(x, bottom + 20, _wrap(mark.label, gap * show_every - 6), anchor="middle")
            )
        points.append(
            None if mark.figure == SUPPRESSED else (x, bottom - plot_height * mark.value / ceiling)
        )
    # The line joins neighbouring shown figures only: a "*" breaks it.
    for first, second in pairwise(points):
        if first and second:
            parts.append(
                f'<line x1="{first[0]:.1f}" y1="{first[1]:.1f}" x2="{second[0]:.1f}" '
                f'y2="{second[1]:.1f}" stroke="{BAR}" stroke-width="3"/>'
            )
    for index, (mark, point) in enumerate(zip(marks, points, strict=True)):
        x = left + gap * (index + 0.5)
        if point is None:
            drawn = _text(x, bottom - 8, mark.figure, anchor="middle", class_=FIGURE)
        else:
            drawn = (
                f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="5" fill="{BAR}" '
                f'stroke="#ffffff" stroke-width="1.5"/>'
            )
            if labelled:
                drawn += _text(x, point[1] - 10, mark.figure, anchor="middle", class_=FIGURE)
        parts.append(_mark(mark, drawn))
    parts.append(
        f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - right}" y2="{bottom}" stroke="{TEXT}"/>'
    )
    label_lines = max(len(_wrap(m.label, gap * show_every - 6)) for m in marks) if marks else 1
    return _svg(report, "Line chart", bottom + 20 + label_lines * LINE_HEIGHT + 6, "".join(parts))
