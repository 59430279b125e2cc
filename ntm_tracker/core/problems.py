"""Problems and the exceptions that carry them: data, not sentences.

A :class:`Problem` names the kind of problem (``code``, a key of the word catalogs) and
the facts behind it (``params``: ids, years, numbers, paths), with the file and line it
was found at. The core raises them inside exceptions; the command line alone decides
the words (``ntm_tracker.i18n``) and the exit code (``ntm_tracker.cli``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any


class Severity(str, Enum):
    ERROR = "error"  # the data cannot be used as it is
    WARNING = "warning"  # it can, but something looks wrong


@dataclass(frozen=True)
class Problem:
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None
    line: int | None = None
    severity: Severity = Severity.ERROR

    def at(self, path: Path | None, line: int | None = None) -> Problem:
        return replace(self, path=path, line=line)

    def warning(self) -> Problem:
        return replace(self, severity=Severity.WARNING)


class NtmError(Exception):
    """Something a user can cause and fix; carries one :class:`Problem`."""

    def __init__(self, problem: Problem, *, more: int = 0) -> None:
        super().__init__(problem.code)
        self.problem = problem
        self.more = more  # further problems found after this one (``ntm check`` lists them)


class DataError(NtmError):
    """The data on disk cannot be used: a broken plan or year file, an unreadable folder."""


class InputError(NtmError):
    """What the user asked for cannot be done: an unknown indicator, a bad number or year."""


class ConflictError(NtmError):
    """Figures already recorded would be replaced without being told to (nothing written).

    ``problems`` holds one ``record.conflict`` problem per figure, with its place."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0])
        self.problems = problems


class RowsError(NtmError):
    """An import file has bad rows (nothing written); ``problems`` holds one per row."""

    def __init__(self, summary: Problem, problems: list[Problem]) -> None:
        super().__init__(summary)
        self.problems = problems


class LockedError(NtmError):
    """Another ntm process held the data folder for too long."""


class MissingExtraError(NtmError):
    """An optional package is not installed (``params``: package, extra)."""


class OutputError(NtmError):
    """A report cannot be written where the user asked (``--output``, ``--png``)."""


class Findings(NtmError):
    """``ntm check`` found errors (or, with --strict, warnings): each is listed already;
    ``params``: errors, warnings."""


class Interrupted(NtmError):
    """Stopped by Ctrl+C; ``params['written']`` lists the files already replaced."""


class Placeholder(str):
    """A word of a usage line (``metavar.year``, ``[metavar.year]`` when optional): a
    message shows it in the user's language (NĂM, [NĂM]) where the catalog has the key,
    else as it is (the command's path, ``ntm record``)."""


def problem(code: str, **params: Any) -> Problem:
    return Problem(code, params)
