"""The terminal a renderer writes to, detected once and injectable in tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class TerminalEnv:
    color: bool = False
    width: int = 120
    is_tty: bool = False

    @classmethod
    def detect(
        cls,
        stream: TextIO,
        environ: Mapping[str, str] | None = None,
        color: str = "auto",
    ) -> TerminalEnv:
        """Colour when asked (``always``), or in ``auto`` when the stream is a terminal,
        NO_COLOR is unset and TERM is not 'dumb'. FORCE_COLOR turns ``auto`` on."""
        env = os.environ if environ is None else environ
        try:
            is_tty = stream.isatty()
        except (AttributeError, ValueError):
            is_tty = False
        if color == "always":
            use_color = True
        elif color == "never" or env.get("NO_COLOR"):
            use_color = False
        elif env.get("FORCE_COLOR"):
            use_color = True
        else:
            use_color = is_tty and env.get("TERM") != "dumb"
        width = UNLIMITED  # a file or a pipe gets the full table, a row per line
        if env.get("COLUMNS", "").isdigit():
            width = int(env["COLUMNS"])
        elif is_tty:
            width = shutil.get_terminal_size((120, 24)).columns
        return cls(color=use_color, width=max(width, 40), is_tty=is_tty)


UNLIMITED = 10_000  # the width of a file: no table is that wide
