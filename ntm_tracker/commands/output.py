"""Writing a command's output to a file the user named (--output, --png)."""

from __future__ import annotations

from pathlib import Path

import typer

from ntm_tracker.errors import UsageError


def write_output(path: Path, data: bytes, done: str, data_dir: Path) -> None:
    """Write ``data`` to ``path`` atomically, then print ``done`` and the path on one line.

    A path the user cannot write to is a usage error: the path is what they typed.
    A report never lands in the data folder or on a YAML file, where it would replace
    recorded values or the plan.
    """
    from ntm_tracker.yamlio import atomic_write_bytes, display

    target = path.resolve()
    if target.suffix.lower() in (".yaml", ".yml") or target.is_relative_to(data_dir.resolve()):
        raise UsageError(
            f"Refusing to write {display(path)}: it would replace data files; "
            "write reports outside the data folder, e.g. --output summary.txt."
        )
    if path.is_dir():
        raise UsageError(f"{display(path)} is a folder; give a file name.")
    if not path.parent.is_dir():
        raise UsageError(f"The folder {display(path.parent)} does not exist; create it first.")
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise UsageError(
            f"Cannot write {display(path)}: {exc.strerror or exc}; choose another file or folder."
        ) from None
    typer.echo(f"{done} {display(path)}")
