"""Where a rendered report goes: the format a command writes (from --format or the
output file's extension), stdout, or a file written atomically."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import typer

from ntm_tracker.core.problems import InputError, OutputError, Problem

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


def choose_format(given: str | None, formats: Sequence[str], output: Path | None = None) -> str:
    """The output format: the one ``given`` (--format), else the output file's
    extension, else the command's first format. An unknown format, a file whose
    extension names another format, or an extension the command does not write (.jpg for
    a chart, .doc for a report) is refused before any data is read."""
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


def emit(text: str) -> None:
    """Write rendered text to stdout as it is (colour already decided by the renderer)."""
    typer.echo(text, nl=not text.endswith("\n"), color=True)


def emit_bytes(data: bytes) -> None:
    typer.get_binary_stream("stdout").write(data)


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
