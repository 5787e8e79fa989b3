"""The SVG charts: the table's shown figures and nothing else, readable without colour."""

import pytest
from bs4 import BeautifulSoup

from knowledge.domain.disclosure import Table
from knowledge.reports.charts import _nice_step, chart_marks, render_chart
from knowledge.reports.figures import Report


def svg_of(report: Report) -> BeautifulSoup:
    return BeautifulSoup(str(render_chart(report)), "html.parser").select_one("svg")


def marks(svg) -> list[str]:
    return [g.select_one("title").text for g in svg.select("g.app-chart-mark")]


ONE_COLUMN = Table.of(
    "Unmet needs by district",
    "District",
    ["Unmet needs"],
    [("Blaby", [3]), ("Charnwood", [12]), ("Melton", [0]), ("Rutland <&>", [23])],
)


def test_a_bar_chart_draws_the_shown_figures_and_no_bar_for_a_star():
    svg = svg_of(Report("unmet-by-district", ONE_COLUMN, "bar"))
    assert marks(svg) == ["Blaby: *", "Charnwood: 10", "Melton: 0", "Rutland <&>: 25"]
    bars = {
        g.select_one("title").text: g.select_one("rect") for g in svg.select("g.app-chart-mark")
    }
    assert bars["Blaby: *"] is None and bars["Melton: 0"] is None
    # Lengths in proportion to the shown figures (10 and 25), not the counts (12 and 23).
    assert float(bars["Charnwood: 10"]["width"]) / float(bars["Rutland <&>: 25"]["width"]) == (
        pytest.approx(10 / 25)
    )
    assert [t.text for t in svg.select("text.app-chart-figure")] == ["*", "10", "0", "25"]
    assert "Rutland <&>" in [t.text for t in svg.select("text")]  # escaped, not markup


def test_a_bar_chart_of_a_cross_tabulation_draws_the_row_totals():
    table = Table.of("t", "Need", ["A", "B"], [("Money", [5, 9]), ("Housing", [0, 0])])
    report = Report("k", table, "bar")
    assert [(m.label, m.figure) for m in chart_marks(report)] == [("Money", "15"), ("Housing", "0")]


def test_a_stacked_bar_has_a_legend_patterns_and_each_rows_total():
    table = Table.of(
        "Entries",
        "Need",
        ["Advice", "Help", "More help"],
        [("Money", [10, 3, 20]), ("Housing", [0, 9, 0])],
    )
    svg = svg_of(Report("entries", table, "stacked"))
    assert marks(svg) == [
        "Money, Advice: 10",
        "Money, Help: *",
        "Money, More help: 20",
        "Housing, Advice: 0",
        "Housing, Help: 10",
        "Housing, More help: 0",
    ]
    assert [t.text for t in svg.select("text.app-chart-total")] == ["35", "10"]
    patterns = [p["id"] for p in svg.select("pattern")]
    assert patterns == ["chart-entries-series-1", "chart-entries-series-2"]
    fills = [
        g.select_one("rect")["fill"] for g in svg.select("g.app-chart-mark") if g.select_one("rect")
    ]
    assert fills == ["#005eb8", "url(#chart-entries-series-2)", "url(#chart-entries-series-1)"]
    legend = [t.text for t in svg.select("text")][:3]
    assert legend == ["Advice", "Help", "More help"]


def test_a_line_breaks_at_a_star():
    table = Table.of(
        "By month",
        "Month",
        ["Unmet needs"],
        [(m, [c]) for m, c in zip("ABCD", [20, 2, 30, 40], strict=True)],
    )
    svg = svg_of(Report("trend", table, "line"))
    assert marks(svg) == ["A: 20", "B: *", "C: 30", "D: 40"]
    assert len(svg.select("g.app-chart-mark circle")) == 3
    # Gridlines and one joining line: C to D only.
    joins = [line for line in svg.select("line") if line.get("stroke-width") == "3"]
    assert len(joins) == 1


def test_a_long_trend_still_draws_every_point_without_crowding_the_labels():
    table = Table.of("By month", "Month", ["Queries"], [(f"Month {i}", [i * 3]) for i in range(60)])
    svg = svg_of(Report("trend", table, "line"))
    assert len(marks(svg)) == 60
    # No room for figures over the points (the table has them), but a "*" has no point to
    # hover over, so it stays; and only every few months are named along the bottom.
    assert [t.text for t in svg.select("text.app-chart-figure")] == ["*", "*"]
    named = [t.text for t in svg.select("text") if t.text.startswith("Month")]
    assert 5 < len(named) < 20


@pytest.mark.parametrize("largest", [0, 1, 7, 8, 40, 49, 51, 99, 240, 1001, 99999])
def test_gridlines_never_step_by_less_than_ten(largest):
    step = _nice_step(largest)
    assert step >= 10 and largest / step <= 5


def test_a_chart_is_an_image_with_a_title_and_a_description():
    svg = svg_of(Report("unmet-by-district", ONE_COLUMN, "bar"))
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "chart-unmet-by-district-title chart-unmet-by-district-desc"
    assert svg.select_one("title#chart-unmet-by-district-title").text == (
        "Bar chart: Unmet needs by district"
    )
    assert svg.find("style") is None and not svg.select("[style]")


def test_no_chart_for_none():
    assert render_chart(Report("gap", ONE_COLUMN, "none")) is None
    assert chart_marks(Report("gap", ONE_COLUMN, "none")) == []
