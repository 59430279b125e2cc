"""What every command starts from: the global options of the run, the data folder
loaded once, and the words of the user's language."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ntm_tracker.core.problems import InputError, NtmError, Problem
from ntm_tracker.i18n.language import choose_language, named
from ntm_tracker.render import output

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Book, Plan
    from ntm_tracker.i18n import Words
    from ntm_tracker.render.terminal import TerminalEnv
    from ntm_tracker.storage.store import Loaded, Store


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
            if candidate is not None and named(candidate) is None:
                raise InputError(Problem("input.bad_language", {"text": candidate}))


def settings(ctx: typer.Context) -> Settings:
    found = ctx.find_object(Settings)
    if found is None:  # pragma: no cover - the group callback always sets it
        found = Settings(Path(os.environ.get("NTM_DATA_DIR") or "data"))
    return found


def words_for(ctx: typer.Context, plan: Plan | None) -> Words:
    from ntm_tracker.i18n import Words

    return Words(choose_language(settings(ctx).lang, lambda: plan), plan)


def open_store(ctx: typer.Context) -> Store:
    from ntm_tracker.storage.store import Store

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
    """Each problem as one warning line; on a terminal wrapped to its width (a long list
    of blanks would otherwise run past the window's edge)."""
    if not problems:
        return
    import sys
    import textwrap

    from ntm_tracker.render.terminal import TerminalEnv

    env = TerminalEnv.detect(sys.stderr)
    width = env.width
    for p in problems:
        line = words("fmt.warning", message=words.problem(p))
        if env.is_tty:  # into a file or a pipe: one line, to search and to paste
            line = textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False)
        typer.echo(line, err=True)


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
    from ntm_tracker.i18n.language import LANGUAGES

    return [Words(lang)(f"file.header_{book.value}", year=year) for lang in reversed(LANGUAGES)]


# --output FILE of every command that prints a report or a table ('-': the screen)
OUTPUT = typer.Option(
    None,
    "--output",
    "-o",
    metavar="metavar.file",
    help="help.opt.output",
    readable=False,  # a file only written: never click's English "is not readable"
)
# --force beside it: an existing output file is replaced only when told to
REPLACE = typer.Option(False, "--force", help="help.opt.force_output")


def ask_replace(words: Words) -> Callable[[Path], bool] | None:
    """On a terminal, a question before an existing output file is replaced (the answer
    in the user's language: có/không, yes/no; anything else, or none, is no). None where
    nobody can answer (a script, a pipe): the file is then replaced only with --force."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None

    def confirm(path: Path) -> bool:
        from ntm_tracker.core.numbers import NumberError, parse_yes_no

        typer.echo(words("output.ask_replace", path=words.path(path)), nl=False, err=True)
        answer = sys.stdin.readline().strip()
        try:
            return answer.lower() in ("c", "y") or parse_yes_no(answer)
        except NumberError:
            return False

    return confirm


def terminal(ctx: typer.Context, out: Path | None = None) -> TerminalEnv:
    """Where a report is shown: the terminal (or the pipe) of stdout, or for a file the
    same as a pipe without colour."""
    from ntm_tracker.render.terminal import TerminalEnv

    if output.is_stdio(out):
        return TerminalEnv.detect(sys.stdout, color=settings(ctx).color)
    return TerminalEnv.detect(io.StringIO(), color="never")


def choose_format(
    ctx: typer.Context,
    option: str | None,
    formats: Sequence[str],
    out: Path | None = None,
    binary: Collection[str] = (),
) -> str:
    """The format asked for (--format after or before the command name, or the output
    file's extension); see :func:`ntm_tracker.render.output.choose_format`."""
    return output.choose_format(option or settings(ctx).format, formats, out, binary)


def text_only(out: Path | None) -> None:
    """The --output of a command that writes plain text only: a .txt file, or a name
    without an extension (refused before any data is read otherwise)."""
    output.choose_format(None, ("text",), out)


def deliver(
    ctx: typer.Context, words: Words, data: str | bytes, out: Path | None, force: bool = False
) -> None:
    """The report to stdout or into the file of --output (never into the data folder); an
    existing file is replaced with ``force`` (--force), or a yes on a terminal."""
    confirm = None if force or output.is_stdio(out) else ask_replace(words)
    output.deliver(data, out, settings(ctx).data_dir, words, force=force, confirm=confirm)
