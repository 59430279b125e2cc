"""Draw the chart of one indicator: as plain text for the terminal, or as a PNG image.

Both take the typed ``Chart`` (``ntm_tracker.chart``) and compute no figure. The text
chart needs no colour: bars are blocks, estimates a lighter shade, the path and the
target are marks in the bar area, and every value is written out in the language's
number format. The PNG uses matplotlib (the optional extra ``charts``).
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

from ntm_tracker.chart import Chart, ChartPoint
from ntm_tracker.errors import MissingExtraError
from ntm_tracker.i18n import Formatter
from ntm_tracker.model import Indicator, Kind
from ntm_tracker.numbers import format_number
from ntm_tracker.phrases import forecast_sentence
from ntm_tracker.status import is_compound

BAR_WIDTH = 40  # characters for the whole scale, from its lowest to its highest number
FULL, LIGHT, PATH, TARGET = "█", "▒", "│", "┆"

CHART_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "year": "Year",
        "actual": "Actual",
        "in_year": "In year",
        "total": "Total",
        "path": "Path",
        "kept": "Met",
        "status": "Status",
        "level": "Target {year}: {target}. Path: from the {base} value to the target, {how}.",
        "linear": "the same step each year",
        "compound": "the same rate of change each year",
        "no_path": "Target {year}: {target}. No {base} value is recorded, so there is no path.",
        "cumulative": (
            "Target: a total of {target} over {start}-{end}; the running total since "
            "{start} against an even share of the target each year."
        ),
        "annual": "Target every year: {target}.",
        "maintained": "Required every year: {target}.",
        "legend_actual": "actual",
        "legend_total": "running total",
        "legend_estimate": "with an estimate ({mark})",
        "legend_path": "path",
        "legend_share": "even share",
        "legend_target": "target",
        "forecast": "forecast {year}, least squares trend",
        "axis_year": "Year",
    },
    "vi": {
        "year": "Năm",
        "actual": "Thực hiện",
        "in_year": "Trong năm",
        "total": "Lũy kế",
        "path": "Lộ trình",
        "kept": "Đạt",
        "status": "Đánh giá",
        "level": (
            "Mục tiêu năm {year}: {target}. Lộ trình: từ số liệu năm {base} đến mục tiêu, {how}."
        ),
        "linear": "tăng (giảm) đều mỗi năm",
        "compound": "cùng một tốc độ thay đổi mỗi năm",
        "no_path": (
            "Mục tiêu năm {year}: {target}. Chưa có số liệu năm {base} nên chưa có lộ trình."
        ),
        "cumulative": (
            "Mục tiêu: tổng giai đoạn {start}-{end} {target}; lũy kế từ năm {start} "
            "so với phần đều của mục tiêu mỗi năm."
        ),
        "annual": "Mục tiêu hằng năm: {target}.",
        "maintained": "Yêu cầu hằng năm: {target}.",
        "legend_actual": "thực hiện",
        "legend_total": "lũy kế",
        "legend_estimate": "có số ước thực hiện ({mark})",
        "legend_path": "lộ trình",
        "legend_share": "phần đều của mục tiêu",
        "legend_target": "mục tiêu",
        "forecast": "dự báo {year}, xu thế bình phương tối thiểu",
        "axis_year": "Năm",
    },
}


def _w(fmt: Formatter, key: str, **kw: object) -> str:
    return CHART_WORDS[fmt.lang][key].format(**kw)


def title(fmt: Formatter, ind: Indicator) -> str:
    return f"({ind.number}) {ind.name.get(fmt.lang)} ({fmt.unit(ind)})"


def subtitle(fmt: Formatter, chart: Chart) -> str:
    ind = chart.indicator
    target = fmt.target(ind)
    if ind.kind is Kind.CUMULATIVE and ind.period is not None:
        return _w(fmt, "cumulative", target=target, start=ind.period.start, end=ind.period.end)
    if ind.kind is not Kind.LEVEL:
        return _w(fmt, ind.kind.value, target=target)
    base, baseline = chart.base_year, chart.points[0].result.baseline  # the same every year
    if baseline is None:
        return _w(fmt, "no_path", year=ind.target_year, target=target, base=base)
    compound = is_compound(ind.trajectory, float(baseline), float(ind.target))
    how = _w(fmt, "compound" if compound else "linear")
    return _w(fmt, "level", year=ind.target_year, target=target, base=base, how=how)


def _value_label(fmt: Formatter, chart: Chart, p: ChartPoint) -> str:
    if p.value is None:
        return "-"
    if chart.indicator.kind is Kind.CUMULATIVE:
        text = fmt.computed(chart.indicator, float(p.value))
    else:
        text = fmt.value(chart.indicator, p.value)
    return f"{text} ({fmt.word('estimate_mark')})" if p.estimate else text


class _Scale:
    """Maps a number to a column 0..BAR_WIDTH of the bar area (zero always on the scale)."""

    def __init__(self, numbers: list[float]) -> None:
        self.low = min([0.0, *numbers])
        self.high = max([0.0, *numbers])
        if self.high == self.low:
            self.high = self.low + 1

    def col(self, x: float) -> int:
        return math.floor((x - self.low) / (self.high - self.low) * BAR_WIDTH + 0.5)


def _axis(fmt: Formatter, ind: Indicator, scale: _Scale) -> str:
    """The scale above the bars: its lowest number, 0 where it lies inside, its highest."""
    low, high = fmt.value(ind, scale.low), fmt.value(ind, scale.high)
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


def _recorded_label(fmt: Formatter, ind: Indicator, p: ChartPoint) -> str:
    """The year's own recorded value (the cumulative chart shows it beside the total)."""
    if p.recorded is None:
        return "-"
    text = fmt.value(ind, p.recorded.value)
    return f"{text} ({fmt.word('estimate_mark')})" if p.recorded.estimate else text


def _columns(fmt: Formatter, chart: Chart) -> list[list[str]]:
    """The number columns, each a header then one cell per year."""
    ind = chart.indicator
    points = chart.points
    columns = [[_w(fmt, "year")] + [str(p.year) for p in points]]
    if ind.kind is Kind.CUMULATIVE:
        columns.append([_w(fmt, "in_year")] + [_recorded_label(fmt, ind, p) for p in points])
    label = {Kind.CUMULATIVE: "total", Kind.MAINTAINED: "kept"}.get(ind.kind, "actual")
    columns.append([_w(fmt, label)] + [_value_label(fmt, chart, p) for p in points])
    if ind.kind in (Kind.LEVEL, Kind.CUMULATIVE):
        columns.append([_w(fmt, "path")] + [fmt.computed(ind, p.expected) for p in points])
    return columns


def _legend(fmt: Formatter, chart: Chart) -> str:
    """What the marks mean: only the marks that the chart shows."""
    cumulative = chart.indicator.kind is Kind.CUMULATIVE
    legend = [f"{FULL} {_w(fmt, 'legend_total' if cumulative else 'legend_actual')}"]
    if any(p.estimate for p in chart.points):
        legend.append(f"{LIGHT} {_w(fmt, 'legend_estimate', mark=fmt.word('estimate_mark'))}")
    if any(p.expected is not None for p in chart.points):
        legend.append(f"{PATH} {_w(fmt, 'legend_share' if cumulative else 'legend_path')}")
    legend.append(f"{TARGET} {_w(fmt, 'legend_target')}: {fmt.target(chart.indicator)}")
    return "   ".join(legend)


def chart_text(chart: Chart, lang: str) -> str:
    """The chart as plain text: a header, one line per year, a legend and the forecast.

    Numbers are right-aligned; maintained indicators get a yes/no column and no bars.
    """
    fmt = Formatter(lang)
    ind = chart.indicator
    columns = _columns(fmt, chart)
    widths = [max(len(cell) for cell in column) for column in columns]
    maintained = ind.kind is Kind.MAINTAINED
    if maintained:
        graph = [""] * (len(chart.points) + 1)
    else:
        scale = _Scale(chart.numbers)
        bars = [_bar(scale, p, float(ind.target)).ljust(BAR_WIDTH + 1) for p in chart.points]
        graph = [_axis(fmt, ind, scale), *bars]
    status = [_w(fmt, "status")] + [fmt.status_text(ind, p.result) for p in chart.points]
    lines = [title(fmt, ind), subtitle(fmt, chart), ""]
    for i in range(len(chart.points) + 1):
        year, *numbers = (column[i] for column in columns)
        cells = [year.ljust(widths[0])]
        for text, width in zip(numbers, widths[1:], strict=True):
            cells.append(text.ljust(width) if maintained else text.rjust(width))
        cells += [graph[i], status[i]] if graph[i] else [status[i]]
        lines.append("  ".join(cells))
    if not maintained:
        lines += ["", _legend(fmt, chart)]
    if ind.kind in (Kind.LEVEL, Kind.CUMULATIVE):
        lines.append(forecast_sentence(fmt, ind, chart.forecast))
    return "\n".join(lines) + "\n"


def chart_png(chart: Chart, lang: str) -> bytes:
    """The chart as a PNG image (matplotlib, Agg; no window, no global state)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter
    except ImportError:
        raise MissingExtraError(
            "Drawing a PNG needs the matplotlib package; "
            "install it with: pip install matplotlib (in a clone: pip install -e '.[charts]')"
        ) from None
    import io

    fmt = Formatter(lang)
    ind = chart.indicator
    years = [p.year for p in chart.points]
    fig = Figure(figsize=(9, 5), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title(
        "\n".join(textwrap.wrap(title(fmt, ind), 80))
        + "\n"
        + "\n".join(textwrap.wrap(subtitle(fmt, chart), 120)),
        fontsize=10,
    )
    ax.set_xlabel(_w(fmt, "axis_year"))
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.grid(True, axis="y", alpha=0.3)
    _draw(ax, fmt, chart, FuncFormatter)
    ax.legend(loc="best", fontsize=8)
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def _nan(x: float | bool | None) -> float:
    """Missing years become NaN: matplotlib leaves a gap there, never interpolates."""
    return math.nan if x is None else float(x)


def _draw(ax: Any, fmt: Formatter, chart: Chart, formatter: Any) -> None:
    """Target line, path, values (gaps where missing), estimates hollow, forecast."""
    ind = chart.indicator
    points = chart.points
    years = [p.year for p in points]
    maintained = ind.kind is Kind.MAINTAINED
    cumulative = ind.kind is Kind.CUMULATIVE
    if maintained:  # yes/no per year: a point at 1 (yes) or 0 (no)
        ax.set_yticks([0, 1], [fmt.value(ind, False), fmt.value(ind, True)])
        ax.set_ylim(-0.5, 1.5)
    else:
        ax.set_ylabel(fmt.unit(ind))
        ax.yaxis.set_major_formatter(
            formatter(lambda v, _pos: format_number(v, fmt.lang, ind.decimals, strip=True))
        )
        ax.margins(y=0.12)  # room for the value labels
    target = f"{_w(fmt, 'legend_target')}: {fmt.target(ind)}"
    ax.axhline(float(ind.target), color="tab:red", linestyle=":", label=target)
    if ind.kind in (Kind.LEVEL, Kind.CUMULATIVE):
        path = [_nan(p.expected) for p in points]
        label = _w(fmt, "legend_share" if cumulative else "legend_path")
        ax.plot(years, path, "--", color="grey", marker=".", label=label)
    size = 10 if maintained else 6
    label = _w(fmt, "legend_total" if cumulative else "legend_actual")
    values = [_nan(p.value) for p in points]
    style = "o" if maintained else "-o"
    ax.plot(years, values, style, color="tab:blue", markersize=size, label=label, zorder=3)
    estimates = [(p.year, _nan(p.value)) for p in points if p.estimate and p.value is not None]
    if estimates:
        label = _w(fmt, "legend_estimate", mark=fmt.word("estimate_mark"))
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
                _value_label(fmt, chart, p),
                (p.year, float(p.value)),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                fontsize=8,
            )
    fc = chart.forecast
    recorded = {p.year for p in points if p.value is not None}
    if fc.projected is not None and fc.target_year not in recorded:  # else the value says it
        label = f"{_w(fmt, 'forecast', year=fc.target_year)}: {fmt.computed(ind, fc.projected)}"
        ax.plot([fc.target_year], [fc.projected], "D", color="tab:purple", label=label)
