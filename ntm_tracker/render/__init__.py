"""Renderers: one function per output format, chosen through a single dispatch.

Each renderer takes the typed report and returns text; none computes a figure.
Heavy libraries (rich, json) are imported only by the renderer that needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

from ntm_tracker.errors import UsageError

if TYPE_CHECKING:
    from ntm_tracker.render.terminal import TerminalEnv
    from ntm_tracker.report import StatusReport

STATUS_FORMATS = ("table", "json", "csv")

V = TypeVar("V")


def choose(fmt: str, choices: Mapping[str, V]) -> V:
    """The renderer (or anything) for ``fmt``; an unknown format is a usage error."""
    try:
        return choices[fmt]
    except KeyError:
        raise UsageError(f"Unknown format '{fmt}'; choose one of: {', '.join(choices)}.") from None


def check_format(fmt: str, formats: Iterable[str]) -> None:
    """Refuse an unknown ``--format`` before any data is read."""
    choose(fmt, dict.fromkeys(formats))


def _table(report: StatusReport, lang: str, env: TerminalEnv, forecast: bool) -> str:
    from ntm_tracker.render.table import render_status_table

    return render_status_table(report, lang, env, forecast=forecast)


def _json(report: StatusReport, lang: str, env: TerminalEnv, forecast: bool) -> str:
    from ntm_tracker.render.data import status_json

    return status_json(report)


def _csv(report: StatusReport, lang: str, env: TerminalEnv, forecast: bool) -> str:
    from ntm_tracker.render.data import status_csv

    return status_csv(report)


# the last argument asks for the forecast column (the JSON always carries the forecast)
_STATUS_RENDERERS: dict[str, Callable[[StatusReport, str, TerminalEnv, bool], str]] = {
    "table": _table,
    "json": _json,
    "csv": _csv,
}


def render_status(
    report: StatusReport, fmt: str, lang: str, env: TerminalEnv, *, forecast: bool = False
) -> str:
    return choose(fmt, _STATUS_RENDERERS)(report, lang, env, forecast)
