"""The README stays true to the code: its console examples run, every command is documented."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ntm_tracker.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_blocks() -> list[list[tuple[str, list[str]]]]:
    """Each ```console block as a list of (command, shown output lines)."""
    blocks = []
    for body in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        steps: list[tuple[str, list[str]]] = []
        for line in body.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line.rstrip())
        blocks.append(steps)
    return blocks


def test_readme_console_examples_are_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run every `$ ntm ...` line of the README in order, in a copy of the repo's data.

    A block may show only the first lines of a long output; what it shows must match.
    """
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "110")
    runner = CliRunner()
    ran = 0
    for steps in console_blocks():
        for command, shown in steps:
            argv = shlex.split(command)
            if argv[0] != "ntm":
                continue
            result = runner.invoke(app, argv[1:])
            actual = [line.rstrip() for line in result.output.splitlines()]
            while shown and not shown[-1]:
                shown.pop()
            assert actual[: len(shown)] == shown, f"README example differs: $ {command}"
            ran += 1
    assert ran >= 10


def _commands(group: typer.Typer) -> list[str]:
    return [
        c.name or (c.callback.__name__ if c.callback else "") for c in group.registered_commands
    ]


def test_every_command_has_help_and_is_documented() -> None:
    runner = CliRunner()
    names = _commands(app)
    assert {"record", "status", "indicators"} <= set(names)
    for name in names:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert f"Usage: ntm {name}" in result.output
        lines = [ln for ln in result.output.splitlines()[1:] if ln.strip()]
        assert lines and not lines[0].strip().startswith("Options"), f"{name} has no help text"
        assert re.search(rf"^### `ntm {name}\b", README, flags=re.M), f"{name} not in README"


def test_top_level_help_lists_every_command() -> None:
    output = CliRunner().invoke(app, ["--help"]).output
    for name in _commands(app):
        assert re.search(rf"^  {name}\b", output, flags=re.M), name
