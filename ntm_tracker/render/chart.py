"""Draw the chart of one indicator: as plain text for the terminal, or as a PNG image.

Both take the typed ``Chart`` (``ntm_tracker.core.chart``) and compute no figure. The text
chart needs no colour: bars are blocks, estimates a lighter shade, the path and the
target are marks in the bar area, and every value is written out in the language's
number format. The PNG uses matplotlib (the optional extra ``charts``).
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

from ntm_tracker.core.chart import Chart, ChartPoint
from ntm_tracker.core.domain import Indicator
from ntm_tracker.core.numbers import format_number
from ntm_tracker.core.problems import MissingExtraError, Problem
from ntm_tracker.i18n import Words
from ntm_tracker.render.history import trend_sentence
from ntm_tracker.render.status import status_word

BAR_WIDTH = 40  # characters for the whole scale, from its lowest to its highest number
FULL, LIGHT, PATH, TARGET = "█", "▒", "│", "┆"


def title(words: Words, ind: Indicator) -> str:
    return f"({ind.number}) {ind.name.get(words.lang)} ({words.unit(ind)})"


def subtitle(words: Words, chart: Chart) -> str:
    ind = chart.indicator
    baseline = chart.points[0].result.baseline  # the same every year
    return words.say(ind.kind.chart_subtitle(ind, baseline, chart.base_year))


def _value_label(words: Words, chart: Chart, p: ChartPoint) -> str:
    if p.value is None:
        return "-"
    if chart.indicator.kind.drawn_name:  # a total, an average, a change: worked out
        text = words.computed(chart.indicator, float(p.value))
    else:
        text = words.value(chart.indicator, p.value)
    return f"{text} {words('word.estimate_mark')}" if p.estimate else text


def _drawn(ind: Indicator) -> str:
    """What the chart draws, as its column and legend name it: 'actual', 'total'..."""
    return ind.kind.drawn_name or ("kept" if ind.kind.yes_no else "actual")


class _Scale:
    """Maps a number to a column 0..BAR_WIDTH of the bar area (zero always on the scale)."""

    def __init__(self, numbers: list[float]) -> None:
        self.low = min([0.0, *numbers])
        self.high = max([0.0, *numbers])
        if self.high == self.low:
            self.high = self.low + 1

    def col(self, x: float) -> int:
        return math.floor((x - self.low) / (self.high - self.low) * BAR_WIDTH + 0.5)


def _axis(words: Words, ind: Indicator, scale: _Scale) -> str:
    """The scale above the bars: its lowest number, 0 where it lies inside, its highest."""
    low, high = words.value(ind, scale.low), words.value(ind, scale.high)
    axis = list(low.ljust(BAR_WIDTH + 1 - len(high)) + high)
    zero = scale.col(0.0)
    if scale.low < 0 and len(low) < zero - 1 and zero + 1 < BAR_WIDTH - len(high):
        axis[zero] = "0"
    return "".join(axis)


def _bar(scale: _Scale, p: ChartPoint, target: float | None) -> str:
    cells = [" "] * (BAR_WIDTH + 1)
    if target is not None:
        cells[scale.col(target)] = TARGET
    if p.value is not None:
        a, b = sorted((scale.col(0.0), scale.col(float(p.value))))
        cells[a:b] = (LIGHT if p.estimate else FULL) * (b - a)
    if p.expected is not None:
        cells[scale.col(p.expected)] = PATH
    return "".join(cells).rstrip()


def _recorded_label(words: Words, ind: Indicator, p: ChartPoint) -> str:
    """The year's own recorded value (the cumulative chart shows it beside the total)."""
    if p.recorded is None:
        return "-"
    text = words.value(ind, p.recorded.value)
    return f"{text} {words('word.estimate_mark')}" if p.recorded.estimate else text


def _columns(words: Words, chart: Chart) -> list[list[str]]:
    """The number columns, each a header then one cell per year."""
    ind = chart.indicator
    points = chart.points
    columns = [[words("chart.year")] + [str(p.year) for p in points]]
    if ind.kind.over_period:  # the year's own figure beside the total or average
        columns.append([words("chart.in_year")] + [_recorded_label(words, ind, p) for p in points])
    label = words(f"chart.col_{_drawn(ind)}")
    columns.append([label] + [_value_label(words, chart, p) for p in points])
    if ind.kind.paced:
        columns.append([words("chart.path")] + [words.computed(ind, p.expected) for p in points])
    return columns


def _legend(words: Words, chart: Chart) -> str:
    """What the marks mean: only the marks that the chart shows."""
    ind = chart.indicator
    legend = [f"{FULL} {words(f'chart.legend_{_drawn(ind)}')}"]
    if any(p.estimate for p in chart.points):
        mark = words("word.estimate_mark")
        legend.append(f"{LIGHT} {words('chart.legend_estimate', mark=mark)}")
    if any(p.expected is not None for p in chart.points):
        legend.append(f"{PATH} {words(f'chart.legend_path_{ind.kind.name}')}")
    legend.append(f"{TARGET} {words('chart.legend_target')}: {words.target(ind)}")
    return "   ".join(legend)


def _row(chart: Chart, p: ChartPoint) -> Any:
    """What the status word needs of a point (its result)."""
    from types import SimpleNamespace

    return SimpleNamespace(result=p.result, indicator=chart.indicator)


def chart_text(chart: Chart, words: Words) -> str:
    """The chart as plain text: a header, one line per year, a legend and the forecast.

    Numbers are right-aligned; maintained indicators get a yes/no column and no bars.
    """
    ind = chart.indicator
    columns = _columns(words, chart)
    widths = [max(len(cell) for cell in column) for column in columns]
    maintained = ind.is_yes_no
    if maintained:
        graph = [""] * (len(chart.points) + 1)
    else:
        scale = _Scale(chart.numbers)
        bars = [_bar(scale, p, ind.goal).ljust(BAR_WIDTH + 1) for p in chart.points]
        graph = [_axis(words, ind, scale), *bars]
    status = [words("chart.status")] + [status_word(words, _row(chart, p)) for p in chart.points]
    lines = [title(words, ind), subtitle(words, chart), ""]
    for i in range(len(chart.points) + 1):
        year, *numbers = (column[i] for column in columns)
        cells = [year.ljust(widths[0])]
        for text, width in zip(numbers, widths[1:], strict=True):
            cells.append(text.ljust(width) if maintained else text.rjust(width))
        cells += [graph[i], status[i]] if graph[i] else [status[i]]
        lines.append("  ".join(cells))
    if not maintained:
        lines += ["", _legend(words, chart)]
    trend = trend_sentence(words, ind, chart.forecast)
    if trend:
        lines.append(trend)
    return "\n".join(lines) + "\n"


def chart_png(chart: Chart, words: Words) -> bytes:
    """The chart as a PNG image (matplotlib, Agg; no window, no global state)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter
    except ImportError:
        raise MissingExtraError(
            Problem("extra.missing", {"package": "matplotlib", "extra": "charts"})
        ) from None
    import io

    ind = chart.indicator
    years = [p.year for p in chart.points]
    fig = Figure(figsize=(9, 5), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title(
        "\n".join(textwrap.wrap(title(words, ind), 80))
        + "\n"
        + "\n".join(textwrap.wrap(subtitle(words, chart), 120)),
        fontsize=10,
    )
    ax.set_xlabel(words("chart.axis_year"))
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.grid(True, axis="y", alpha=0.3)
    _draw(ax, words, chart, FuncFormatter)
    ax.legend(loc="best", fontsize=8)
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def _nan(x: float | bool | None) -> float:
    """Missing years become NaN: matplotlib leaves a gap there, never interpolates."""
    return math.nan if x is None else float(x)


def _draw(ax: Any, words: Words, chart: Chart, formatter: Any) -> None:
    """Target line, path, values (gaps where missing), estimates hollow, forecast."""
    ind = chart.indicator
    points = chart.points
    years = [p.year for p in points]
    maintained = ind.is_yes_no
    if maintained:  # yes/no per year: a point at 1 (yes) or 0 (no)
        ax.set_yticks([0, 1], [words.value(ind, False), words.value(ind, True)])
        ax.set_ylim(-0.5, 1.5)
    else:
        ax.set_ylabel(words.unit(ind))
        ax.yaxis.set_major_formatter(
            formatter(lambda v, _pos: format_number(v, words.lang, ind.decimals, strip=True))
        )
        ax.margins(y=0.12)  # room for the value labels
    target = f"{words('chart.legend_target')}: {words.target(ind)}"
    ax.axhline(
        float(ind.target) if isinstance(ind.target, bool) else ind.goal,
        color="tab:red",
        linestyle=":",
        label=target,
    )
    if ind.kind.paced:
        path = [_nan(p.expected) for p in points]
        label = words(f"chart.legend_path_{ind.kind.name}")
        ax.plot(years, path, "--", color="grey", marker=".", label=label)
    size = 10 if maintained else 6
    label = words(f"chart.legend_{_drawn(ind)}")
    values = [_nan(p.value) for p in points]
    style = "o" if maintained else "-o"
    ax.plot(years, values, style, color="tab:blue", markersize=size, label=label, zorder=3)
    estimates = [(p.year, _nan(p.value)) for p in points if p.estimate and p.value is not None]
    if estimates:
        label = words("chart.legend_estimate", mark=words("word.estimate_mark"))
        ex, ey = zip(*estimates, strict=True)
        ax.plot(
            ex,
            ey,
            "o",
            color="tab:blue",
            markerfacecolor="white",
            markersize=size,
            label=label,
            zorder=4,
        )
    for p in points:
        if p.value is not None and not maintained:
            ax.annotate(
                _value_label(words, chart, p),
                (p.year, float(p.value)),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                fontsize=8,
            )
    fc = chart.forecast
    recorded = {p.year for p in points if p.value is not None}
    if fc.projected is not None and fc.target_year not in recorded:  # else the value says it
        label = (
            f"{words('chart.forecast', year=fc.target_year)}: {words.computed(ind, fc.projected)}"
        )
        ax.plot([fc.target_year], [fc.projected], "D", color="tab:purple", label=label)
