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
