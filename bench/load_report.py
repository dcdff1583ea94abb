"""The pure parts of bench/load.py: percentiles, a level's summary, the tables and the SVG plot.

Nothing here starts a server or reads a clock, so tests/test_load_report.py tests it directly.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

NAN = float("nan")


def percentile(values: Iterable[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between the closest ranks (numpy's default);
    NaN for no values."""
    ordered = sorted(values)
    if not ordered:
        return NAN
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0-100")
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(users: int, latencies_ms: Sequence[float], errors: int, elapsed_s: float,
              conversations: int = 0) -> dict[str, Any]:
    """One user level: messages answered, errors, throughput (answered messages per second of the level's
    wall time) and the latency percentiles of the answered messages."""
    answered = len(latencies_ms)
    return {
        "users": users,
        "messages": answered,
        "errors": errors,
        "error_rate": errors / (answered + errors) if answered + errors else 0.0,
        "conversations": conversations,
        "elapsed_s": elapsed_s,
        "throughput": answered / elapsed_s if elapsed_s > 0 else NAN,
        "p50_ms": percentile(latencies_ms, 50),
        "p95_ms": percentile(latencies_ms, 95),
        "p99_ms": percentile(latencies_ms, 99),
        "mean_ms": sum(latencies_ms) / answered if answered else NAN,
        "max_ms": max(latencies_ms) if answered else NAN,
    }


def ratio(ours: float | None, stock: float | None) -> float:
    """ours / stock; NaN when either is missing, not a number, or stock is 0."""
    if ours is None or stock is None or not math.isfinite(ours) or not math.isfinite(stock) or stock == 0:
        return NAN
    return ours / stock


RATIO_METRICS = [("throughput", "throughput"), ("p50", "p50_ms"), ("p95", "p95_ms"), ("p99", "p99_ms")]


def ratio_rows(ours: Sequence[dict[str, Any]], stock: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each user level both bots ran: ours/stock for throughput and the latency percentiles."""
    stock_by_users = {level["users"]: level for level in stock}
    rows = []
    for level in ours:
        other = stock_by_users.get(level["users"])
        if other is None:
            continue
        rows.append({"users": level["users"],
                     **{name: ratio(level.get(key), other.get(key)) for name, key in RATIO_METRICS}})
    return rows


def _cell(value: Any, digits: int) -> str:
    if isinstance(value, float):
        return "-" if math.isnan(value) else f"{value:.{digits}f}"
    return str(value)


def format_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str, int]]) -> str:
    """A plain text table: columns are (heading, key, digits after the point for floats), right-aligned."""
    cells = [[heading for heading, _, _ in columns]]
    cells += [[_cell(row.get(key, NAN), digits) for _, key, digits in columns] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True)) for line in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


LEVEL_COLUMNS = [("users", "users", 0), ("msgs", "messages", 0), ("errors", "errors", 0),
                 ("msg/s", "throughput", 1), ("p50 ms", "p50_ms", 0), ("p95 ms", "p95_ms", 0),
                 ("p99 ms", "p99_ms", 0), ("max ms", "max_ms", 0), ("RSS MB", "rss_mb", 0)]
RATIO_COLUMNS = [("users", "users", 0), ("msg/s ×", "throughput", 2), ("p50 ×", "p50", 2),
                 ("p95 ×", "p95", 2), ("p99 ×", "p99", 2)]


def nice_step(span: float, ticks: int = 5) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about `ticks` steps over span."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def svg_plot(series: dict[str, Sequence[tuple[float, float]]], title: str, x_label: str = "simultaneous users",
             y_label: str = "reply latency (ms)", width: int = 720, height: int = 420) -> str:
    """A line chart as SVG text. The x values (user levels) are evenly spaced as categories, in order;
    the y axis is linear from 0. A series named "... p95" is drawn dashed, and series sharing the
    part of their name before the last space share a colour (so "ours p50" and "ours p95" match)."""
    xs = sorted({x for points in series.values() for x, _ in points})
    ys = [y for points in series.values() for _, y in points if math.isfinite(y)]
    step = nice_step(max(ys, default=1.0) * 1.05)
    top = step * max(1, math.ceil(max(ys, default=1.0) * 1.05 / step))
    left, right, upper, lower = 70, 170, 40, 55
    plot_w, plot_h = width - left - right, height - upper - lower

    def px(x: float) -> float:
        i = xs.index(x)
        return left + (plot_w * (i + 0.5) / len(xs) if xs else 0)

    def py(y: float) -> float:
        return upper + plot_h * (1 - y / top)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left + plot_w / 2}" y="22" text-anchor="middle" font-size="15">{escape(title)}</text>']
    tick = 0.0
    while tick <= top + step / 1000:
        y = py(tick)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:g}</text>')
        tick += step
    for x in xs:
        out.append(f'<text x="{px(x):.1f}" y="{upper + plot_h + 18}" text-anchor="middle">{x:g}</text>')
    out.append(f'<line x1="{left}" y1="{upper + plot_h}" x2="{left + plot_w}" y2="{upper + plot_h}" stroke="black"/>')
    out.append(f'<line x1="{left}" y1="{upper}" x2="{left}" y2="{upper + plot_h}" stroke="black"/>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 12}" text-anchor="middle">{escape(x_label)}</text>')
    out.append(f'<text transform="translate(18 {upper + plot_h / 2}) rotate(-90)" '
               f'text-anchor="middle">{escape(y_label)}</text>')
    groups: list[str] = []
    for n, (name, points) in enumerate(series.items()):
        group = name.rsplit(" ", 1)[0]
        if group not in groups:
            groups.append(group)
        colour = COLOURS[groups.index(group) % len(COLOURS)]
        dash = ' stroke-dasharray="6 4"' if name.endswith("p95") else ""
        finite = [(x, y) for x, y in sorted(points) if math.isfinite(y)]
        if finite:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in finite)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
            out += [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>' for x, y in finite]
        legend_y = upper + 10 + 20 * n
        out.append(f'<line x1="{left + plot_w + 15}" y1="{legend_y}" x2="{left + plot_w + 45}" y2="{legend_y}" '
                   f'stroke="{colour}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{left + plot_w + 50}" y="{legend_y + 4}">{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def latency_series(results: dict[str, Sequence[dict[str, Any]]]) -> dict[str, list[tuple[float, float]]]:
    """The plot's lines from each bot's levels: "<bot> p50" and "<bot> p95" against users."""
    series: dict[str, list[tuple[float, float]]] = {}
    for bot, levels in results.items():
        for key in ("p50", "p95"):
            series[f"{bot} {key}"] = [(level["users"], level[f"{key}_ms"]) for level in levels]
    return series
