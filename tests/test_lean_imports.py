"""Start-up stays lean: each path imports only the libraries it needs (not timed; the
times are measured by benchmarks/bench.py).

Every check runs in a fresh interpreter and reads its ``sys.modules`` at the end.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HEAVY = {"matplotlib", "openpyxl", "docx", "tabulate"}

CORE_RECORD = """
import sys
from pathlib import Path
from ntm_tracker.core import entering, report
from ntm_tracker.storage import store
s = store.Store(Path(sys.argv[1]))
with s.editing() as loaded:
    ind = entering.find_indicator(loaded.data.plan, "schools")
    item = entering.NewValue(ind, 2027, entering.parse_value(ind, "81,5"))
    written = s.change(loaded, [item], force=True)
report.build_status_report(written.data, 2027)
Path(sys.argv[2]).write_text("\\n".join(sorted(sys.modules)))
"""

# Runs `python -m ntm_tracker ARGS...` in-process and writes its exit code and modules.
CLI = """
import runpy, sys
from pathlib import Path
from ntm_tracker import cli
def stop(code):  # instead of ending the process at once, come back here to list the modules
    raise SystemExit(code)
cli.exit_now = stop
out, sys.argv = sys.argv[1], ["ntm", *sys.argv[2:]]
try:
    runpy.run_module("ntm_tracker", run_name="__main__", alter_sys=True)
    code = 0
except SystemExit as exc:
    code = exc.code
Path(out).write_text(f"{code}\\n" + "\\n".join(sorted(sys.modules)))
"""


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NTM_", "PYDANTIC_"))}
    return {**env, "NTM_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}


def _packages(modules: list[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def _run_cli(tmp_path: Path, *args: str, cwd: Path | None = None) -> tuple[int, set[str]]:
    out = tmp_path / "modules.txt"
    proc = subprocess.run(
        [sys.executable, "-c", CLI, str(out), *args],
        capture_output=True, text=True, env=_env(tmp_path / "cache"), check=False, cwd=cwd,
    )  # fmt: skip
    assert out.exists(), proc.stderr
    code, *modules = out.read_text().splitlines()
    return int(code), _packages(modules)


def test_the_core_imports_no_cli_library(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "modules.txt"
    proc = subprocess.run(
        [sys.executable, "-c", CORE_RECORD, str(demo_dir), str(out)],
        capture_output=True, text=True, env=_env(tmp_path / "cache"), check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    loaded = _packages(out.read_text().splitlines())
    assert "ntm_tracker" in loaded
    assert loaded & (HEAVY | {"typer", "rich", "click"}) == set()
    assert "value: 81.5" in (demo_dir / "actuals" / "2027.yaml").read_text(encoding="utf-8")


def test_ntm_record_with_a_warm_cache_needs_no_pydantic(demo_dir: Path, tmp_path: Path) -> None:
    args = ("--data-dir", str(demo_dir), "record", "2027", "schools", "81", "--force")
    _run_cli(tmp_path, "--data-dir", str(demo_dir), "status", "--format", "json")  # warms
    code, loaded = _run_cli(tmp_path, *args)
    assert code == 0
    assert loaded & (HEAVY | {"pydantic", "pydantic_core", "rich"}) == set()
    assert "value: 81," in (demo_dir / "actuals" / "2027.yaml").read_text(encoding="utf-8")


def test_status_table_needs_no_yaml_or_pydantic(demo_dir: Path, tmp_path: Path) -> None:
    _run_cli(tmp_path, "--data-dir", str(demo_dir), "status")  # warms the cache
    code, loaded = _run_cli(tmp_path, "--data-dir", str(demo_dir), "status")
    assert code == 0
    assert "tabulate" in loaded  # the table's layout
    lean = {"yaml", "pydantic", "pydantic_core", "matplotlib", "openpyxl", "docx"}
    assert loaded & lean == set()


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_load_no_plan_library(tmp_path: Path, flag: str) -> None:
    """Where there is no plan; beside one, the help speaks the plan's language: it reads
    the plan, from the cache once warm, still without YAML or pydantic."""
    code, loaded = _run_cli(tmp_path, flag, cwd=tmp_path)
    assert code == 0
    assert "typer" in loaded
    assert loaded & (HEAVY | {"pydantic", "pydantic_core", "rich", "yaml"}) == set()


def test_help_beside_a_plan_reads_it_from_the_cache(demo_dir: Path, tmp_path: Path) -> None:
    _run_cli(tmp_path, "--data-dir", str(demo_dir), "--help")  # warms the cache
    code, loaded = _run_cli(tmp_path, "--data-dir", str(demo_dir), "record", "--help")
    assert code == 0
    assert loaded & (HEAVY | {"pydantic", "pydantic_core", "rich", "yaml"}) == set()


@pytest.mark.parametrize(
    ("args", "commands"),
    [
        (["--data-dir", "d", "status", "--format", "json"], ["status"]),
        (["--lang", "en", "record", "2027", "x", "1"], ["record"]),
        (["status", "--help"], None),  # help: the whole app
        (["--help", "status"], None),
        ([], None),
        (["stauts"], None),  # a mistyped name: the whole app, to suggest the right one
    ],
)
def test_a_run_builds_only_the_command_it_names(
    args: list[str], commands: list[str] | None
) -> None:
    from ntm_tracker.cli import app, app_commands, app_for

    chosen = app_for(args)
    if commands is None:
        assert chosen is app
    else:
        assert [c.name for c in chosen.registered_commands] == commands
    assert len(app_commands()) > 10  # the app itself keeps every command
