"""How ntm was installed, and the command that adds an optional package to that very
installation.

A bare ``pip install openpyxl`` runs whichever pip comes first on the PATH: under pipx or
``uv tool`` (and for anyone with more than one Python) it installs the package where ntm
never looks, and the same message comes back. The command given instead names the
installation ntm runs in: ``pipx inject`` for a pipx install, ``uv tool install --with``
for a uv tool, and otherwise the pip of ntm's own Python (a virtual environment's, or the
system's, which falls back to a user install where it may not write).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path, PurePath

PROJECT = "ntm-tracker"  # the distribution's name (pyproject.toml)
# What each tool leaves in the environments it makes, and the folder it keeps them in:
# pipx in .../pipx/venvs/NAME, uv in .../uv/tools/NAME (%APPDATA%\uv\data\tools on Windows).
MARKERS = {"pipx": ("pipx_metadata.json", "venvs"), "uv": ("uv-receipt.toml", "tools")}
_PLAIN = re.compile(r"[\w.:/\\+-]+")  # a path the shell takes as one word as it is


def installer(prefix: PurePath, has_file: Callable[[str], bool] | None = None) -> str:
    """'pipx', 'uv' or 'pip': what made the environment at ``prefix`` (sys.prefix), by the
    file the tool leaves there (``has_file`` looks on disk unless given) or by where it
    stands."""
    if has_file is None:

        def has_file(name: str) -> bool:
            return Path(prefix, name).is_file()

    parts = [p.lower() for p in prefix.parts]
    for tool, (marker, folder) in MARKERS.items():
        stands = len(parts) > 2 and parts[-2] == folder and any(tool in p for p in parts[:-2])
        if stands or has_file(marker):
            return tool
    return "pip"


def install_command(
    package: str,
    extra: str,
    *,
    prefix: PurePath | None = None,
    executable: str | None = None,
    has_file: Callable[[str], bool] | None = None,
) -> str:
    """The command that installs ``package`` (ntm's extra ``extra``) where this ntm runs;
    ``prefix`` and ``executable`` are sys.prefix and sys.executable unless given."""
    tool = installer(Path(sys.prefix) if prefix is None else prefix, has_file)
    if tool == "pipx":
        return f"pipx inject {PROJECT} {package}"
    if tool == "uv":
        return f"uv tool install --with {package} {PROJECT}"
    python = sys.executable if executable is None else executable
    if not _PLAIN.fullmatch(python):
        python = f'"{python}"'  # a space (C:\Users\Lan Anh\...): one word for the shell
    return f'{python} -m pip install "{PROJECT}[{extra}]"'
