"""`ntm status` (a colour table, JSON or CSV) and `ntm indicators` (the plan as a table).

The terminal tables are laid out by tabulate (fast: a status table renders in a few
milliseconds) and coloured with rich's styles when the terminal shows colour.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ntm_tracker.core.domain import Indicator, Plan
from ntm_tracker.core.result import Status
from ntm_tracker.render import dispatch

if TYPE_CHECKING:
    from ntm_tracker.core.kinds import Running
    from ntm_tracker.core.report import Row, StatusReport
    from ntm_tracker.i18n import Words
    from ntm_tracker.render.terminal import TerminalEnv

STATUS_STYLES: dict[Status, str] = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.NEEDS_ACCELERATION: "yellow",
    Status.LIMITED_PROGRESS: "dark_orange",
    Status.DETERIORATING: "bold red",
    Status.MISSED: "red",
    Status.PENDING: "cyan",
    Status.BASELINE: "blue",
    Status.NO_BASELINE: "magenta",
    Status.NO_DATA: "dim",
}

# the columns of `status --format csv`, in order (the headers come from the catalogs)
CSV_COLUMNS = (
    "id", "number", "field", "kind", "comparator", "status", "year", "actual", "estimate",
    "annual_plan", "percent_of_annual_plan", "change_from_annual_plan", "previous",
    "change_from_previous", "percent_of_previous", "baseline", "expected", "target",
    "target_year", "progress", "gap", "percent_of_target", "target_gap",
    "required_per_year", "required_rate", "cumulative", "average", "required_average", "note",
)  # fmt: skip
# the columns of codes, and the catalog prefix of their words ("status.on_track": "on track")
CSV_WORDS = {"field": "sector", "kind": "kind", "comparator": "relation", "status": "status"}


def paint(env: TerminalEnv, text: str, style: str) -> str:
    """``text`` in the colours of ``style`` when the terminal shows colour (rich's styles)."""
    if not env.color or not text:
        return text
    from rich.color import ColorSystem
    from rich.style import Style

    return str(Style.parse(style).render(text, color_system=ColorSystem.STANDARD))


def layout(
    headers: list[str],
    rows: list[list[str]],
    env: TerminalEnv,
    *,
    flexible: int = 1,
    least: int = 12,
    right: frozenset[int] = frozenset(),
    optional: Sequence[int] = (),
    last: Sequence[int] = (),
    dropped: Callable[[list[str]], str] | None = None,
) -> str:
    """A plain table no wider than the terminal that never cuts a figure or a word: every
    column gets its longest line where there is room; else the indicator's name
    (``flexible``) wraps at word boundaries down to 20 characters, then the ``optional``
    columns are left out in that order, then every column wraps its words (the name down
    to ``least`` characters, the widest first), and only then are the ``last`` columns
    left out (``dropped`` says which, under the table). Laid out by tabulate (which skips
    colour codes when it measures)."""
    from tabulate import tabulate

    shown = list(range(len(headers)))
    left_out: list[int] = []
    squeeze = False  # first leave out optional columns, while the name keeps 20 characters
    while True:
        widths = _fit(headers, rows, shown, env.width, flexible, least, squeeze)
        heads = [wrap(headers[i], widths[i] - 2) for i in shown]
        body = [[wrap(row[i], widths[i]) for i in shown] for row in rows]
        align = ["right" if i in right else "left" for i in shown]
        table = str(
            tabulate(body, headers=heads, tablefmt="simple", colalign=align, disable_numparse=True)
        )
        if _widest(table) <= env.width:
            break
        spare = [i for i in (last if squeeze else optional) if i in shown]
        if spare:
            shown.remove(spare[0])
            left_out.append(spare[0])
        elif squeeze:
            break
        else:
            squeeze = True  # then every column wraps its words
    if left_out and dropped is not None:
        table += "\n" + wrap(dropped([" ".join(headers[i].split()) for i in left_out]), env.width)
    return table


def _fit(
    headers: list[str],
    rows: list[list[str]],
    shown: list[int],
    width: int,
    flexible: int,
    least: int,
    squeeze: bool,
) -> dict[int, int]:
    """The width of each shown column: its longest line, narrowed until the table fits
    ``width``: the name down to 20 characters; with ``squeeze``, the name down to
    ``least`` and then the widest columns, as long as no word is cut."""
    # tabulate makes a column at least 2 wider than its header; 2 spaces between columns
    natural = {
        i: max(_longest([r[i] for r in rows]), *(len(x) + 2 for x in headers[i].split("\n")))
        for i in shown
    }
    least_of = {
        i: max(_longest_word([r[i] for r in rows]), _longest_word([headers[i]]) + 2)
        if squeeze
        else natural[i]
        for i in shown
    }
    widths = dict(natural)
    excess = sum(widths.values()) + 2 * (len(shown) - 1) - width
    if flexible in shown:  # the name first, down to 20 characters
        words = _longest_word([r[flexible] for r in rows])
        least_of[flexible] = max(words, min(max(least, NAME_LEAST), natural[flexible]))
        cut = max(0, min(excess, widths[flexible] - least_of[flexible]))
        widths[flexible] -= cut
        excess -= cut
        if squeeze:  # then the widest of the others, and only then the name again
            least_of[flexible] = max(words, min(least, natural[flexible]))
    while excess > 0:
        slack = [i for i in shown if widths[i] > least_of[i] and i != flexible]
        slack = slack or [i for i in shown if widths[i] > least_of[i]]
        if not slack:
            break
        widest = max(slack, key=lambda i: (widths[i], i))
        widths[widest] -= 1
        excess -= 1
    return widths


NAME_LEAST = 20  # the indicator's name keeps this much before any column is left out
_STYLED = re.compile(r"(\x1b\[[0-9;]*m)(.*?)(\x1b\[0m)", re.DOTALL)


def wrap(cell: str, width: int) -> str:
    """``cell`` wrapped at word boundaries to ``width`` (a word longer stays whole; a
    styled cell keeps its colour on each line)."""
    import textwrap

    styled = _STYLED.fullmatch(cell)
    if styled is not None:
        start, inner, end = styled.groups()
        return "\n".join(start + line + end for line in wrap(inner, width).split("\n"))
    if all(len(line) <= width for line in cell.split("\n")):
        return cell
    return "\n".join(
        textwrap.fill(line, max(width, 1), break_long_words=False, break_on_hyphens=False)
        for line in cell.split("\n")
    )


def _longest(cells: list[str]) -> int:
    return max((len(line) for cell in cells for line in _plain_lines(cell)), default=1)


def _longest_word(cells: list[str]) -> int:
    return max(
        (len(word) for cell in cells for line in _plain_lines(cell) for word in line.split()),
        default=1,
    )


def _widest(table: str) -> int:
    return max((len(line) for line in _plain_lines(table)), default=0)


def _plain_lines(cell: str) -> list[str]:
    return re.sub(r"\x1b\[[0-9;]*m", "", cell).split("\n")


# -- cells -----------------------------------------------------------------------------


def actual_cell(words: Words, row: Row) -> str:
    """The year's figure, its estimate mark, and what a total or an average adds."""
    ind, r = row.indicator, row.result
    text = words.value(ind, r.actual)
    if r.actual is not None and r.estimate:
        text += " " + words("word.estimate_mark")
    running = ind.kind.running(ind, r)
    if running is not None:
        text += "\n" + words(f"cell.{running.name}", x=running_figure(words, ind, running))
    return text


def running_figure(words: Words, ind: Indicator, running: Running) -> str:
    """A running total as its figures were typed; an average with the indicator's places;
    a change signed, in % for amounts and in points for rates."""
    if running.change:
        signed = words.signed(running.value, ind.decimals)
        return words("cell.points", x=signed) if ind.measure.is_rate else signed + "%"
    if running.computed:
        return words.computed(ind, running.value)
    return words.value(ind, running.value)


def versus_target(words: Words, row: Row) -> str:
    """% of the target for amounts; the distance in points for rates; '-' otherwise."""
    ind, r = row.indicator, row.result
    if r.percent_of_target is not None:
        return words.percent(r.percent_of_target)
    if r.target_gap is not None and not ind.is_yes_no:
        return words("cell.points", x=words.signed(r.target_gap, ind.decimals))
    return "-"


def pace_cell(words: Words, row: Row) -> str:
    """What is still needed each year: a change, a compound rate, or an average."""
    ind, r = row.indicator, row.result
    if r.required_average is not None:
        return words("cell.average", x=words.computed(ind, r.required_average))
    if r.required_per_year is None:
        return "-"
    text = words.signed(r.required_per_year, ind.decimals)
    if r.required_rate is not None:
        text += "\n" + words("cell.rate", x=words.signed(r.required_rate, 1))
    return text


def plan_cell(words: Words, row: Row) -> str:
    c, ind = row.comparison, row.indicator
    if c.annual_plan is None:
        return "-"
    text = words.value(ind, c.annual_plan)
    if c.percent_of_annual_plan is not None:
        text += "\n" + words.percent(c.percent_of_annual_plan)
    elif c.change_from_annual_plan is not None:
        text += "\n" + words("cell.points", x=words.signed(c.change_from_annual_plan, ind.decimals))
    return text


def target_cell(words: Words, ind: Indicator) -> str:
    return f"{words.target_short(ind)}\n{words.scope(ind)}"


def status_word(words: Words, row: Row) -> str:
    """The status, with the years whose figures it lacks."""
    r = row.result
    text = words(f"status.{r.status.value}")
    if r.missing_years and r.reason is not None and r.reason.value != "no_value":
        text += " (" + ", ".join(str(y) for y in r.missing_years) + ")"
    return text


def _name(words: Words, row: Row) -> str:
    ind = row.indicator
    text = words.name(ind)
    if ind.supplementary:
        text += " " + words("cell.supplementary", section=ind.section)
    if not ind.is_yes_no:
        text += f" [{words.unit(ind)}]"
    return text


def status_table(report: StatusReport, words: Words, env: TerminalEnv, forecast: bool) -> str:
    plan, year = report.plan, report.year
    columns: list[tuple[str, Callable[[Row], str]]] = [
        (words("th.number"), lambda r: r.indicator.number),
        (words("th.indicator"), lambda r: _name(words, r)),
        (
            words("th.baseline", year=plan.baseline_year),
            lambda r: (
                words.value(r.indicator, r.result.baseline) if r.indicator.kind.on_path else "-"
            ),
        ),
    ]
    if year > plan.baseline_year:
        columns.append(
            (
                words("th.previous", year=year - 1),
                lambda r: words.value(r.indicator, r.comparison.previous),
            )
        )
    if report.has_annual_plan:
        columns.append((words("th.annual_plan", year=year), lambda r: plan_cell(words, r)))
    columns += [
        (words("th.actual", year=year), lambda r: actual_cell(words, r)),
        (words("th.expected", year=year), lambda r: words.computed(r.indicator, r.result.expected)),
        (
            words("th.target"),
            lambda r: f"{words.target_short(r.indicator)}\n{words.scope(r.indicator)}",
        ),
        (words("th.versus_target"), lambda r: versus_target(words, r)),
        (words("th.needed"), lambda r: pace_cell(words, r)),
    ]
    if forecast:
        columns.append((words("th.forecast"), lambda r: forecast_cell(words, r)))
    headers = [h for h, _ in columns] + [words("th.status")]
    rows = [
        [get(row) for _, get in columns]
        + [paint(env, status_word(words, row), STATUS_STYLES[row.result.status])]
        for row in report.rows
    ]
    right = frozenset(range(2, len(columns)))
    # left out first on a narrow terminal: what the status already sums up
    spare = [words(k, year=year) for k in ("th.expected", "th.needed", "th.versus_target")]
    spare += [words("th.baseline", year=plan.baseline_year), words("th.previous", year=year - 1)]
    optional = [headers.index(h) for h in spare if h in headers]
    lines = [words("table.title", place=words.place(plan), year=year), ""]
    lines.append(
        layout(headers, rows, env, right=right, optional=optional, dropped=dropped_line(words))
    )
    lines.append("")
    counts = [
        f"{paint(env, words(f'status.{s.value}'), STATUS_STYLES[s])} {n}"
        for s, n in report.counts().items()
        if n
    ]
    after = [words("table.footer") + ": " + " · ".join(counts)]
    if any(r.result.estimate for r in report.rows):
        after.append(words("table.estimate_legend"))
    if report.nothing_recorded:
        after.append(words("table.empty_hint", year=plan.baseline_year))
    lines += [wrap(line, env.width) for line in after]
    lines[0] = wrap(lines[0], env.width)
    return "\n".join(lines) + "\n"


def dropped_line(words: Words) -> Callable[[list[str]], str]:
    """The line under a table that names the columns left out to fit the terminal."""
    return lambda names: words("table.dropped", names=", ".join(names))


def forecast_cell(words: Words, row: Row) -> str:
    fc, ind = row.forecast, row.indicator
    if fc is None or fc.reason == "not_applicable":
        return "-"
    if fc.projected is None:
        return words("cell.too_few")
    verdict = words("cell.reached" if fc.reaches_target else "cell.not_reached")
    return f"{words.computed(ind, fc.projected)}\n{verdict}"


def status_json(report: StatusReport, words: Words, env: TerminalEnv, forecast: bool) -> str:
    from ntm_tracker.core.report import report_to_dict
    from ntm_tracker.render.data import json_text

    return json_text(report_to_dict(report))


def status_csv(report: StatusReport, words: Words, env: TerminalEnv, forecast: bool) -> str:
    from ntm_tracker.core.report import row_to_dict
    from ntm_tracker.storage.csvfile import csv_text

    def readable(row: Row) -> list[object]:
        """The raw figures, with the codes a clerk would have to decode put in words."""
        d = row_to_dict(row, forecast=False)
        for key, prefix in CSV_WORDS.items():
            d[key] = words(f"{prefix}.{d[key]}")
        d["estimate"] = words.yes_no(d["estimate"])
        return [d.get(k) for k in CSV_COLUMNS]

    header = [words(f"col.{k}") for k in CSV_COLUMNS]
    return csv_text(header, (readable(row) for row in report.rows))


STATUS_RENDERERS: dict[str, Callable[[StatusReport, Words, TerminalEnv, bool], str]] = {
    "table": status_table,
    "json": status_json,
    "csv": status_csv,
}
STATUS_FORMATS = tuple(STATUS_RENDERERS)


def render_status(
    report: StatusReport, fmt: str, words: Words, env: TerminalEnv, *, forecast: bool = False
) -> str:
    return dispatch(fmt, STATUS_RENDERERS)(report, words, env, forecast)


def render_plan(plan: Plan, words: Words, env: TerminalEnv) -> str:
    """The plan: number, name, id, target in words, unit, kind."""
    headers = [words(f"th.{k}") for k in ("number", "indicator", "id", "target", "unit", "kind")]
    rows = []
    for ind in plan.indicators:
        name = words.name(ind)
        if ind.supplementary:
            name += " " + words("cell.supplementary", section=ind.section)
        rows.append(
            [
                ind.number,
                name,
                ind.id,
                f"{words.target(ind)}\n{words.scope(ind)}",
                words.unit(ind),
                words(f"kind.{ind.kind.name}"),
            ]
        )
    return wrap(plan.title.get(words.lang), env.width) + "\n\n" + layout(headers, rows, env) + "\n"
