"""Domain errors and the process exit codes they map to (one place for both)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the ``ntm`` command. The README has the same table."""

    OK = 0
    DATA_ERROR = 1  # the plan or an actuals file is missing, unreadable or invalid
    USAGE_ERROR = 2  # the command line is wrong: bad number, unknown indicator, year...
    CONFLICT = 3  # a value is already recorded; re-run with --force to replace it
    LOCKED = 4  # another ntm process holds the data folder for too long
    MISSING_EXTRA = 5  # an optional package (matplotlib, openpyxl) is not installed
    INTERRUPTED = 130  # stopped with Ctrl+C; nothing half-written is left behind


class NtmError(Exception):
    """A user-facing error: one line of text, no traceback, a named exit code."""

    exit_code: ExitCode = ExitCode.DATA_ERROR

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return one_line(f"{self.message} {self.hint}" if self.hint else self.message)


def one_line(text: str) -> str:
    """``text`` with control characters (a typed newline, a stray byte) shown escaped.

    An error message quotes what the user typed; this keeps it to one readable line.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class DataError(NtmError):
    """The data on disk (plan, actuals) cannot be used as it is."""

    exit_code = ExitCode.DATA_ERROR


class UsageError(NtmError):
    """The user asked for something the command cannot do (bad argument)."""

    exit_code = ExitCode.USAGE_ERROR


class ConflictError(NtmError):
    """Writing would replace a recorded value without --force."""

    exit_code = ExitCode.CONFLICT


class LockedError(NtmError):
    exit_code = ExitCode.LOCKED


class MissingExtraError(NtmError):
    exit_code = ExitCode.MISSING_EXTRA
