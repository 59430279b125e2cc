"""The commands: each parses its arguments, calls the core once, and renders.

Each module lists its commands in ``COMMANDS``; :mod:`ntm_tracker.cli` registers them.
Heavy imports stay inside the functions, so that registering costs almost nothing. What
``ntm COMMAND --help`` says is declared as catalog keys (``help="help.cmd.record"``,
``metavar="metavar.year"``): the help is written in the user's language (cli.write_help);
a docstring is for the reader of the code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Command:
    """A command function and the options of its registration (``app.command(**options)``)."""

    function: Callable[..., Any]
    options: Mapping[str, Any]


def command(**options: Any) -> Callable[[Callable[..., Any]], Command]:
    def register(function: Callable[..., Any]) -> Command:
        return Command(function, options)

    return register
