"""The README stays true to the code: its console examples run, every command is documented."""

from __future__ import annotations

import re

import typer
from typer.testing import CliRunner

from ntm_tracker.cli import app
from tests.readme_examples import README, examples, scratch

TEXT = README.read_text(encoding="utf-8")


def test_readme_console_examples_are_real_output() -> None:
    """Every `$ ntm ...` example shows what the command prints (`make readme` rewrites)."""
    ran = 0
    with scratch():
        for command, shown, actual in examples(TEXT):
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
        result = runner.invoke(app, [name, "--help", "--lang", "en"])
        assert result.exit_code == 0, name
        assert f"Usage: ntm {name}" in result.output
        lines = [ln for ln in result.output.splitlines()[1:] if ln.strip()]
        assert lines and not lines[0].strip().startswith("Options"), f"{name} has no help text"
        # every option says what it takes (FILE, YEAR, en|vi), not a Python type
        assert not re.search(r"<(str|int|path)>", result.output), f"{name}: {result.output}"
        assert re.search(rf"^### `ntm {name}\b", TEXT, flags=re.M), f"{name} not in README"


def test_top_level_help_lists_every_command() -> None:
    output = CliRunner().invoke(app, ["--help", "--lang", "en"]).output
    for name in _commands(app):
        assert re.search(rf"^  {name}\b", output, flags=re.M), name


def test_exit_code_table_matches_the_code() -> None:
    from ntm_tracker.cli import ExitCode

    section = TEXT.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\d+) \| `([A-Z_]+)` \|", section, flags=re.M)
    assert [(int(code), name) for code, name in rows] == [(c.value, c.name) for c in ExitCode]


def test_quick_start_commands_are_what_ci_runs() -> None:
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    block = TEXT.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    test_command = block.strip().splitlines()[1]
    assert test_command.replace("-e '.[test]'", "-q -e '.[test]'") in ci
