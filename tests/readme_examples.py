"""Run the README's ```console examples; check them (tests) or rewrite them (make readme).

Every `$ ntm ...` line of a console block runs in order, in a scratch copy of `data/`
and `examples/`, with COLUMNS=160. A block may show only the first lines of a long
output: the rewrite keeps the number of lines shown.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", flags=re.S)


@contextmanager
def scratch() -> Iterator[Path]:
    old = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "data", work / "data")
        shutil.copytree(ROOT / "examples", work / "examples")
        os.chdir(work)
        try:
            yield work
        finally:
            os.chdir(old)


ENV = {"COLUMNS": "160", "NTM_LANG": "", "NO_COLOR": "", "FORCE_COLOR": "", "NTM_CACHE_DIR": ""}


def run(command: str) -> list[str]:
    argv = shlex.split(command)
    if argv[1:2] == ["init"]:  # `ntm init` creates ./data: run it where there is none
        Path("fresh").mkdir(exist_ok=True)
        os.chdir("fresh")
        try:
            return run_in(argv)
        finally:
            os.chdir("..")
    return run_in(argv)


def run_in(argv: list[str]) -> list[str]:
    from typer.testing import CliRunner

    from ntm_tracker.cli import app

    env = dict(ENV)
    result = CliRunner().invoke(app, argv[1:], env=env)
    return [line.rstrip() for line in result.output.splitlines()]


def examples(text: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """(command, shown lines, actual lines) for every `$ ntm` line, in README order."""
    for body in BLOCK.findall(text):
        steps: list[tuple[str, list[str]]] = []
        for line in body.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line.rstrip())
        for command, shown in steps:
            if command.startswith("ntm "):
                while shown and not shown[-1]:
                    shown.pop()
                yield command, shown, run(command)


def rewrite(text: str) -> str:
    def block(match: re.Match[str]) -> str:
        out: list[str] = []
        steps = re.split(r"(?m)^(?=\$ )", match.group(1))
        for step in steps:
            if not step.startswith("$ ntm "):
                out.append(step.rstrip("\n"))
                continue
            command, _, shown = step.partition("\n")
            count = len([ln for ln in shown.rstrip("\n").splitlines()])
            actual = run(command[2:])
            if count and count < len(actual):
                actual = actual[:count]
            out.append("\n".join([command, *actual]))
        return "```console\n" + "\n".join(s for s in out if s) + "\n```"

    return BLOCK.sub(block, text)


def main() -> None:
    with scratch():
        new = rewrite(README.read_text(encoding="utf-8"))
    README.write_text(new, encoding="utf-8")
    print(f"rewrote the console examples of {README}", file=sys.stderr)


if __name__ == "__main__":
    main()
