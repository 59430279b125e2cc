"""Machine-readable output (JSON), and the renderers of `ntm check` and `ntm log`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ntm_tracker.render import dispatch, on_one_line

if TYPE_CHECKING:
    from ntm_tracker.core.audit import LogEntry
    from ntm_tracker.core.domain import Plan
    from ntm_tracker.i18n import Words
    from ntm_tracker.storage.check import CheckReport


def json_text(data: Any) -> str:
    """Every JSON that ntm prints: one line per top-level key and one line per record of
    a list of records; anything else compact on its line. It reads and diffs well, and
    Python's C encoder writes each line (fully indented JSON goes through the pure-Python
    encoder, 5x slower on 10,000 indicators). No NaN or Infinity ever: the figures are
    finite by construction, and a bug would fail here rather than write invalid JSON."""
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode

    def block(value: Any, indent: str) -> str:
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            rows = ",\n".join(f"{indent}  {encode(v)}" for v in value)
            return f"[\n{rows}\n{indent}]"
        return encode(value)

    if isinstance(data, dict) and data:
        body = ",\n".join(f"  {encode(k)}: {block(v, '  ')}" for k, v in data.items())
        return f"{{\n{body}\n}}\n"
    return block(data, "") + "\n"


# -- check -----------------------------------------------------------------------------


def check_text(report: CheckReport, words: Words) -> str:
    """One line per problem, in file order, then a summary line."""
    lines = [
        words(
            f"check.{p.severity.value}",
            where=_where(words, p),
            message=words.problem(p, located=False),
        )
        for p in report.problems
    ]
    files = words.plural("check.files", len(report.files))
    if not report.problems:
        lines.append(words("check.no_problems", files=files))
    else:
        parts = []
        if report.errors:
            parts.append(words.plural("check.errors", report.errors))
        if report.warnings:
            parts.append(words.plural("check.warnings", report.warnings))
        lines.append(words("check.summary", files=files, found=", ".join(parts)))
    return "\n".join(lines) + "\n"


def _where(words: Words, problem: Any) -> str:
    if problem.path is None:
        return ""
    return words.path(problem.path) + (f":{problem.line}" if problem.line else "")


def check_json(report: CheckReport, words: Words) -> str:
    from ntm_tracker.i18n import display

    return json_text(
        {
            "ok": report.errors == 0,
            "errors": report.errors,
            "warnings": report.warnings,
            "files": [display(p) for p in report.files],
            "findings": [
                {
                    "file": display(p.path) if p.path else None,
                    "line": p.line,
                    "severity": p.severity.value,
                    "code": p.code,
                    "message": words.problem(p, located=False),
                }
                for p in report.problems
            ],
        }
    )


CHECK_RENDERERS: dict[str, Callable[[CheckReport, Words], str]] = {
    "text": check_text,
    "json": check_json,
}
CHECK_FORMATS = tuple(CHECK_RENDERERS)


def render_check(report: CheckReport, fmt: str, words: Words) -> str:
    return dispatch(fmt, CHECK_RENDERERS)(report, words)


# -- log -------------------------------------------------------------------------------


def log_table(plan: Plan, entries: list[LogEntry], words: Words) -> str:
    from tabulate import tabulate

    from ntm_tracker.i18n import one_line

    if not entries:
        return words("log.empty") + "\n"

    def shown(ind_id: str, value: float | bool | None, estimate: bool) -> str:
        if value is None:
            return "-"
        ind = plan.index.get(ind_id)
        text = words.value(ind, value) if ind is not None else words.raw(value)
        return text + (" " + words("word.estimate_mark") if estimate else "")

    headers = [
        words(f"log.{k}")
        for k in ("time", "user", "year", "indicator", "action", "value", "previous", "note")
    ]
    rows = [
        [
            words.moment(e.at),
            one_line(e.by or "-"),
            str(e.year),
            one_line(e.indicator),  # an id of a history line is only warned about
            words(f"action.{e.action.value}"),
            shown(e.indicator, e.value, e.estimate),
            shown(e.indicator, e.previous, e.previous_estimate),
            on_one_line(e.note or ""),  # one line per figure, even for a note of several
        ]
        for e in entries
    ]
    return str(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)) + "\n"


def log_json(plan: Plan, entries: list[LogEntry], words: Words) -> str:
    from ntm_tracker.core.audit import log_to_dict

    return json_text(log_to_dict(entries))


LOG_RENDERERS: dict[str, Callable[[Plan, list[LogEntry], Words], str]] = {
    "table": log_table,
    "json": log_json,
}
LOG_FORMATS = tuple(LOG_RENDERERS)


def render_log(plan: Plan, entries: list[LogEntry], fmt: str, words: Words) -> str:
    return dispatch(fmt, LOG_RENDERERS)(plan, entries, words)
