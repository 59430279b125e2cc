"""Renderers: each takes a typed report and the words of one language, and returns text
or bytes; none computes a figure. Each report has one dispatch table from format to
renderer (``*_RENDERERS``), and its formats are the table's keys.

Heavy libraries (rich, tabulate, openpyxl, python-docx, matplotlib) are imported only
by the renderer that needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])


def dispatch(fmt: str, renderers: Mapping[str, F]) -> F:
    """The renderer of ``fmt`` (already checked by the command against the same keys)."""
    return renderers[fmt]


LINE_MARK = " / "  # where a note's line break stands in a one-line cell


def on_one_line(text: str) -> str:
    """A note of several lines in a cell that has one (a terminal table, a tab-separated
    row): its lines joined by " / ", tabs and runs of spaces as one space."""
    return LINE_MARK.join(" ".join(line.split()) for line in text.split("\n") if line.strip())
