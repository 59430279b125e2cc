"""Where a rendered report goes: the format a command writes (from --format or the
output file's extension), stdout, or a file written atomically; and the encoding of
stdout and stderr, decided once at start-up."""

from __future__ import annotations

import codecs
import contextlib
import errno
import sys
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import typer

from ntm_tracker.core.problems import InputError, OutputError, Problem

if TYPE_CHECKING:
    from ntm_tracker.i18n import Words

STDIO = Path("-")  # `--output -`: stdout; `ntm import -`: stdin

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


def is_stdio(path: Path | None) -> bool:
    """No file named, or ``-``: the report goes to stdout (an import comes from stdin)."""
    return path is None or path == STDIO


def _named(suffix: str, formats: Sequence[str]) -> str | None:
    """The format a file extension names for a command: .txt is the plain text of a
    command, whether it calls it text (summary, check) or table (status, log)."""
    named = EXTENSIONS.get(suffix)
    if named == "text" and "text" not in formats and "table" in formats:
        return "table"
    return named


def choose_format(
    given: str | None,
    formats: Sequence[str],
    output: Path | None = None,
    binary: Collection[str] = (),
) -> str:
    """The output format: the one ``given`` (--format), else the output file's
    extension, else the command's first format. An unknown format, a file whose
    extension names another format, or an extension the command does not write (.jpg for
    a chart, .doc for a report) is refused before any data is read, and so is a
    ``binary`` format (docx, xlsx) without --output (``--output -`` sends it to stdout)."""
    suffix = output.suffix.lower() if output is not None else ""
    named = _named(suffix, formats)
    if given is not None:
        given = given.strip().lower()
        if given not in formats:
            raise InputError(Problem("input.bad_format", {"text": given, "choices": list(formats)}))
    if output is None or not suffix:  # no extension: the format given, or the first
        chosen = given or formats[0]
        if chosen in binary and output is None:
            raise InputError(Problem("input.needs_output", {"format": chosen}))
        return chosen
    if named is not None and given is not None and named != given:
        facts: dict[str, object] = {"format": given, "extension": output.suffix}
        raise OutputError(Problem("output.format_mismatch", facts, path=output))
    if named is None or named not in formats:  # .doc, .pdf, .jpg: not written by it
        endings = [e for f in formats for e in EXTENSIONS if _named(e, formats) == f]
        facts = {"extension": output.suffix, "choices": endings}
        raise OutputError(Problem("output.unknown_extension", facts, path=output))
    return named


def emit(text: str) -> None:
    """Write rendered text to stdout as it is (colour already decided by the renderer)."""
    with _writing():
        typer.echo(text, nl=not text.endswith("\n"), color=True)


def emit_bytes(data: bytes) -> None:
    with _writing():
        stream = typer.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()


def flush() -> None:
    """Push out what stdout still holds, while a failure can still be reported (the
    process then ends without the interpreter's teardown: see ``cli.main``)."""
    with _writing():
        sys.stdout.flush()


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    """A failed write to stdout (a full disk, a file that cannot grow) as an OutputError;
    a reader that left (``ntm status | head``) stays a BrokenPipeError, which is no error."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        from ntm_tracker.storage.fsio import os_reason

        facts = {"reason": os_reason(exc), "errno": errno.errorcode.get(exc.errno or 0, "")}
        raise OutputError(Problem("output.stdout_failed", facts)) from None


def deliver(
    data: str | bytes,
    output: Path | None,
    data_dir: Path,
    words: Words,
    *,
    force: bool = False,
    confirm: Callable[[Path], bool] | None = None,
) -> None:
    """A rendered report where the user asked for it: stdout (no --output, or ``-``), or
    the file, written atomically (see :func:`write_output` for ``force`` and
    ``confirm``), and a line saying so. Text goes into a file as UTF-8."""
    from ntm_tracker.render.messages import render_written

    if is_stdio(output):
        emit(data) if isinstance(data, str) else emit_bytes(data)
        return
    assert output is not None
    raw = data.encode("utf-8") if isinstance(data, str) else data
    written = write_output(output, raw, data_dir, force=force, confirm=confirm)
    emit(render_written(words, written))


def read_only(path: Path) -> bool:
    """A file nobody may write (``chmod 444``, Windows' read-only attribute): someone
    protected it, and ntm replaces it only when told to."""
    import stat

    try:
        return not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    except OSError:
        return False


def write_output(
    path: Path,
    data: bytes,
    data_dir: Path,
    *,
    force: bool = False,
    confirm: Callable[[Path], bool] | None = None,
) -> Path:
    """Write a report to ``path`` atomically; OutputError when it cannot or must not be
    written there (a data file, a folder, a device, a missing folder), or when a file is
    there already and neither ``force`` nor ``confirm`` (a question on a terminal) says to
    replace it: a report finished by hand in Word is never lost to a re-run command."""
    from ntm_tracker.storage.fsio import atomic_write, cwd_gone, file_problem, is_special

    try:
        target = path.resolve()
        if target.suffix.lower() in (".yaml", ".yml") or target.is_relative_to(data_dir.resolve()):
            raise OutputError(Problem("output.data_file", {}, path=path))
        if path.is_dir():
            raise OutputError(Problem("output.is_folder", {}, path=path))
        if is_special(path):
            raise OutputError(Problem("output.not_regular", {}, path=path))
        if not path.parent.is_dir():
            raise OutputError(Problem("output.no_folder", {"folder": path.parent}, path=path))
        if path.exists() and not force:
            if read_only(path):
                raise OutputError(Problem("output.read_only", {}, path=path))
            if confirm is None or not confirm(path):
                raise OutputError(Problem("output.exists", {}, path=path))
        atomic_write(path, data)
    except OSError as exc:
        if not path.is_absolute() and cwd_gone():
            raise OutputError(Problem("folder.cwd_gone", {})) from None
        raise OutputError(file_problem("output.failed", path, exc)) from None
    return path


# -- the standard streams ------------------------------------------------------------------


def stream_encoding(encoding: str, errors: str, is_tty: bool) -> tuple[str, str] | None:
    """The encoding and error handler a standard stream should write with, or None to
    keep its own; decided from what the stream is, so that any platform can be tested.

    Into a file or a pipe (``ntm status > s.txt``, ``| clip``, a PowerShell pipe, Git
    Bash): UTF-8, whatever Python chose. Python picks the ANSI code page there on
    Windows (cp1258, cp1252) or what PYTHONIOENCODING says, and a Vietnamese name in such
    an encoding ends in UnicodeEncodeError. On a terminal: its own encoding. A Windows 10+
    console reports UTF-8 (Python writes it through the console's wide-character API,
    whatever the code page), as do today's Linux and macOS terminals: kept as it is. A
    legacy console (PYTHONLEGACYWINDOWSSTDIO, cp437) or a terminal in another locale keeps
    its encoding. Either way a character the encoding cannot take (a lone surrogate in
    UTF-8, a Vietnamese letter in cp437) is replaced instead of a crash."""
    utf8 = codecs.lookup(encoding).name == "utf-8"
    wanted = (encoding if is_tty or utf8 else "utf-8", "replace" if errors == "strict" else errors)
    return None if wanted == (encoding, errors) else wanted


def configure_streams(streams: Sequence[TextIO]) -> None:
    """Set each of ``streams`` (stdout, stderr) to what :func:`stream_encoding` says."""
    for stream in streams:
        try:
            is_tty = stream.isatty()
            chosen = stream_encoding(stream.encoding or "utf-8", stream.errors or "strict", is_tty)
            if chosen is not None:
                stream.reconfigure(encoding=chosen[0], errors=chosen[1])  # type: ignore[attr-defined]
        except (AttributeError, ValueError, LookupError, OSError):
            continue  # not a real text stream (replaced by a caller): leave it
