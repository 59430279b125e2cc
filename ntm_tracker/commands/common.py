"""What every command starts with: the global settings, the data folder loaded once,
the words of the user's language, and writing a report where the user asked."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ntm_tracker.domain import Book, Plan
from ntm_tracker.numbers import parse_year
from ntm_tracker.problems import InputError, NtmError, OutputError, Problem

if TYPE_CHECKING:
    from ntm_tracker.i18n import Words
    from ntm_tracker.render.terminal import TerminalEnv
    from ntm_tracker.store import Loaded, Store


class ExitCode(IntEnum):
    """Exit codes of ``ntm``. The README has the same table (a test compares them);
    ``ntm_tracker.cli`` maps each kind of error to one of them."""

    OK = 0
    DATA_ERROR = 1  # the plan or a year file is missing, unreadable or invalid
    USAGE_ERROR = 2  # the command line is wrong: unknown indicator, bad number, year...
    CONFLICT = 3  # a figure is already recorded; add --force to replace it
    LOCKED = 4  # another ntm process holds the data folder for too long
    MISSING_EXTRA = 5  # an optional package (matplotlib, openpyxl, python-docx) is missing
    INTERRUPTED = 130  # stopped with Ctrl+C


@dataclass(frozen=True)
class Command:
    """A command function and the options of its registration (``app.command(**options)``)."""

    function: Callable[..., Any]
    options: Mapping[str, Any]


def command(**options: Any) -> Callable[[Callable[..., Any]], Command]:
    def register(function: Callable[..., Any]) -> Command:
        return Command(function, options)

    return register


@dataclass
class Settings:
    """The global options (before or after the command name)."""

    data_dir: Path
    lang: str | None = None
    color: str = "auto"
    format: str | None = None
    store: Store | None = None  # the folder this run opened (for a true Ctrl+C message)

    def check(self) -> None:
        if self.color not in ("auto", "always", "never"):
            raise InputError(Problem("input.bad_color", {"text": self.color}))
        for candidate in (self.lang, os.environ.get("NTM_LANG") or None):
            if candidate is not None and candidate.strip().lower() not in ("en", "vi"):
                raise InputError(Problem("input.bad_language", {"text": candidate}))


def settings(ctx: typer.Context) -> Settings:
    found = ctx.find_object(Settings)
    if found is None:  # pragma: no cover - the group callback always sets it
        found = Settings(Path(os.environ.get("NTM_DATA_DIR") or "data"))
    return found


def fallback_language() -> str:
    """Before a plan says which: the system's language when it names one (vi_VN, en_US),
    else Vietnamese, the language of the plan ntm ships (a Windows office machine sets no
    LANG; "C" and "POSIX" name none)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "").lower()
        if value and not value.startswith(("c.", "posix")) and value != "c":
            return "vi" if value.startswith("vi") else "en"
    return "vi"


def choose_language(given: str | None, plan: Callable[[], Plan | None]) -> str:
    """--lang (``given``), then NTM_LANG, then the plan's language (``plan()`` is asked
    only then), then the system's. A value that names no language is passed over."""
    for candidate in (given, os.environ.get("NTM_LANG")):
        if candidate and candidate.strip().lower() in ("en", "vi"):
            return candidate.strip().lower()
    found = plan()
    return found.language if found is not None else fallback_language()


def language(ctx: typer.Context, plan: Plan | None) -> str:
    return choose_language(settings(ctx).lang, lambda: plan)


def words_for(ctx: typer.Context, plan: Plan | None) -> Words:
    from ntm_tracker.i18n import Words

    return Words(language(ctx, plan))


def open_store(ctx: typer.Context) -> Store:
    from ntm_tracker.store import Store

    s = settings(ctx)
    s.store = Store(s.data_dir)
    return s.store


def load(ctx: typer.Context) -> tuple[Store, Loaded, Words]:
    """The data folder, read and validated once; its warnings (stray files) on stderr."""
    store = open_store(ctx)
    loaded = store.load()
    words = words_for(ctx, loaded.data.plan)
    warn(words, loaded.warnings)
    return store, loaded, words


def warn(words: Words, problems: Sequence[Problem]) -> None:
    for p in problems:
        typer.echo(words("fmt.warning", message=words.problem(p)), err=True)


def waiting_notice(ctx: typer.Context) -> Callable[[], None]:
    """What a writer says when another ntm holds the folder (in the user's language)."""

    def notice() -> None:
        store, plan = settings(ctx).store, None
        if store is not None:
            try:  # the plan's language, as every other line of this run
                plan = store.load_plan()[0]
            except NtmError:  # the plan's own problem is reported once the folder is free
                plan = None
        typer.echo(words_for(ctx, plan)("write.waiting"), err=True)

    return notice


def year_file_header(book: Book, year: int) -> list[str]:
    """The comment lines at the top of a new year file, in both languages."""
    from ntm_tracker.i18n import Words

    return [Words(lang)(f"file.header_{book.value}", year=year) for lang in ("vi", "en")]


def year_argument(text: str) -> int:
    try:
        return parse_year(text)
    except ValueError:
        raise InputError(Problem("input.not_a_year", {"text": text})) from None


def terminal(ctx: typer.Context) -> TerminalEnv:
    from ntm_tracker.render.terminal import TerminalEnv

    return TerminalEnv.detect(sys.stdout, color=settings(ctx).color)


def emit(text: str) -> None:
    """Write rendered text to stdout as it is (colour already decided by the renderer)."""
    typer.echo(text, nl=not text.endswith("\n"), color=True)


def emit_bytes(data: bytes) -> None:
    typer.get_binary_stream("stdout").write(data)


# -- formats and output files ------------------------------------------------------------

# The formats a file extension names (a report never goes to a file of another kind).
EXTENSIONS = {
    ".csv": "csv",
    ".json": "json",
    ".xlsx": "xlsx",
    ".txt": "text",
    ".md": "markdown",
    ".docx": "docx",
    ".png": "png",
    ".doc": "doc",
    ".xls": "xls",
    ".ods": "ods",
    ".odt": "odt",
    ".pdf": "pdf",
    ".html": "html",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def choose_format(
    ctx: typer.Context,
    option: str | None,
    formats: Sequence[str],
    output: Path | None = None,
) -> str:
    """The output format: --format (after or before the command name), else the output
    file's extension, else the command's first format. An unknown format, a file whose
    extension names another format, or an extension the command does not write (.jpg for
    a chart, .doc for a report) is refused before any data is read."""
    given = option or settings(ctx).format
    suffix = output.suffix.lower() if output is not None else ""
    named = EXTENSIONS.get(suffix)
    if given is not None:
        given = given.strip().lower()
        if given not in formats:
            raise InputError(Problem("input.bad_format", {"text": given, "choices": list(formats)}))
    if output is None or not suffix:  # no extension: the format given, or the first
        return given or formats[0]
    if named is not None and given is not None and named != given:
        facts: dict[str, object] = {"format": given, "extension": output.suffix}
        raise OutputError(Problem("output.format_mismatch", facts, path=output))
    if named is None or named not in formats:  # .doc, .pdf, .jpg: not written by it
        endings = [e for f in formats for e, named_f in EXTENSIONS.items() if named_f == f]
        facts = {"extension": output.suffix, "choices": endings}
        raise OutputError(Problem("output.unknown_extension", facts, path=output))
    return named


def write_output(path: Path, data: bytes, data_dir: Path) -> Path:
    """Write a report to ``path`` atomically; OutputError when it cannot or must not be
    written there (a data file, a folder, a device, a missing folder)."""
    from ntm_tracker.fsio import atomic_write, file_problem, is_special

    target = path.resolve()
    if target.suffix.lower() in (".yaml", ".yml") or target.is_relative_to(data_dir.resolve()):
        raise OutputError(Problem("output.data_file", {}, path=path))
    if path.is_dir():
        raise OutputError(Problem("output.is_folder", {}, path=path))
    if is_special(path):
        raise OutputError(Problem("output.not_regular", {}, path=path))
    if not path.parent.is_dir():
        raise OutputError(Problem("output.no_folder", {"folder": path.parent}, path=path))
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise OutputError(file_problem("output.failed", path, exc)) from None
    return path
