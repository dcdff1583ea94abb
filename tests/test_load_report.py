"""The load benchmark's pure parts (bench/load_report.py): no servers."""
import math
import xml.etree.ElementTree as ET

import pytest

from bench.load_report import (
    LEVEL_COLUMNS,
    RATIO_COLUMNS,
    format_table,
    latency_series,
    nice_step,
    percentile,
    ratio,
    ratio_rows,
    summarize,
    svg_plot,
)


def test_percentile_interpolates_between_ranks_like_numpy():
    values = [15, 20, 35, 40, 50]
    assert percentile(values, 0) == 15
    assert percentile(values, 50) == 35
    assert percentile(values, 100) == 50
    assert percentile(values, 40) == pytest.approx(29.0)  # numpy.percentile(values, 40)
    assert percentile(reversed(values), 95) == pytest.approx(48.0)


def test_percentile_of_one_and_of_none():
    assert percentile([7.5], 99) == 7.5
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile([1], 101)


def test_summary_counts_answered_messages_only():
    level = summarize(5, [10.0, 20.0, 30.0, 40.0], errors=1, elapsed_s=2.0, conversations=3)
    assert level["messages"] == 4 and level["errors"] == 1 and level["conversations"] == 3
    assert level["throughput"] == 2.0
    assert level["error_rate"] == pytest.approx(0.2)
    assert level["p50_ms"] == 25.0 and level["max_ms"] == 40.0 and level["mean_ms"] == 25.0


def test_summary_of_a_level_where_nothing_was_answered():
    level = summarize(1, [], errors=3, elapsed_s=1.0)
    assert level["throughput"] == 0 and level["error_rate"] == 1
    assert math.isnan(level["p95_ms"]) and math.isnan(level["max_ms"])


def test_ratio_is_ours_over_stock_and_nan_when_unknown():
    assert ratio(30.0, 10.0) == 3.0
    for ours, stock in [(1.0, 0.0), (None, 1.0), (1.0, None), (float("nan"), 1.0)]:
        assert math.isnan(ratio(ours, stock))


def test_ratio_rows_pair_the_levels_both_bots_ran():
    ours = [summarize(1, [10.0], 0, 1.0), summarize(20, [100.0, 300.0], 0, 1.0), summarize(50, [1.0], 0, 1.0)]
    stock = [summarize(1, [20.0], 0, 2.0), summarize(20, [50.0, 100.0], 0, 2.0)]
    rows = ratio_rows(ours, stock)
    assert [row["users"] for row in rows] == [1, 20]
    assert rows[0]["throughput"] == 2.0 and rows[0]["p50"] == 0.5
    assert rows[1]["p50"] == pytest.approx(200 / 75)


def test_table_aligns_columns_and_shows_missing_values_as_dashes():
    rows = [summarize(1, [12.4], 0, 1.0), summarize(100, [], 2, 1.0)]
    text = format_table(rows, LEVEL_COLUMNS)
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["users", "msgs", "errors"]
    assert len({len(line) for line in lines}) == 1
    assert lines[3].split()[4] == "-"  # p50 of the level with no answers
    assert "×" in format_table(ratio_rows(rows, rows), RATIO_COLUMNS)


def test_nice_steps_are_round():
    assert nice_step(1000) == 200
    assert nice_step(47) == 10
    assert nice_step(0) == 1


def test_svg_plot_is_valid_svg_with_a_line_and_legend_per_series():
    results = {"ours": [summarize(u, [u * 10.0, u * 30.0], 0, 1.0) for u in (1, 5, 20)],
               "stock": [summarize(u, [u * 5.0], 0, 1.0) for u in (1, 5)]}
    svg = svg_plot(latency_series(results), "Latency <ours & stock>")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    lines = root.findall(f"{ns}polyline")
    assert len(lines) == 4
    assert len(lines[0].get("points").split()) == 3 and len(lines[2].get("points").split()) == 2
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "Latency <ours & stock>" in texts
    assert {"ours p50", "ours p95", "stock p50", "stock p95", "1", "5", "20"} <= set(texts)
    dashed = [line.get("stroke-dasharray") is not None for line in lines]
    assert dashed == [False, True, False, True]
    assert lines[0].get("stroke") == lines[1].get("stroke") != lines[2].get("stroke")


def test_svg_plot_skips_missing_points():
    svg = svg_plot({"ours p50": [(1, 10.0), (5, float("nan"))]}, "t")
    root = ET.fromstring(svg)
    (line,) = root.findall("{http://www.w3.org/2000/svg}polyline")
    assert len(line.get("points").split()) == 1


def test_the_capacity_rate_is_the_highest_before_the_first_rate_over_the_target() -> None:
    from bench.open_load import highest_rate_within

    def level(rate: float, p95: float, errors: int = 0) -> dict:
        return {"offered_rate": rate, "p95_ms": p95, "errors": errors}

    assert highest_rate_within([level(15, 304), level(5, 90), level(10, 188), level(21, 290)], 300) == 10
    assert highest_rate_within([level(5, 90, errors=1)], 300) is None
    assert highest_rate_within([level(5, float("nan"))], 300) is None
