"""Start-up stays lean: each path imports only the libraries it needs (not timed).

Every check runs in a fresh interpreter and reads its ``sys.modules`` at the end.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = {"matplotlib", "openpyxl", "tabulate"}

CORE_RECORD = """
import sys
from pathlib import Path
from ntm_tracker import errors, i18n, model, numbers, report, status, store, yamlio
data, out = Path(sys.argv[1]), sys.argv[2]
s = store.Store(data)
plan = s.load_plan()
ind = store.find_indicator(plan, "schools")
outcome = s.record(plan, ind, 2027, store.parse_value(ind, "81,5"), force=True)
assert outcome.changed
report.build_status_report(plan, s.load_actuals(plan), 2027)
Path(out).write_text("\\n".join(sorted(sys.modules)))
"""

# Runs `python -m ntm_tracker ARGS...` in-process and writes its exit code and modules.
CLI = """
import runpy, sys
from pathlib import Path
out, sys.argv = sys.argv[1], ["ntm", *sys.argv[2:]]
try:
    runpy.run_module("ntm_tracker", run_name="__main__", alter_sys=True)
    code = 0
except SystemExit as exc:
    code = exc.code
Path(out).write_text(f"{code}\\n" + "\\n".join(sorted(sys.modules)))
"""


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("NTM_", "PYDANTIC_"))}


def _packages(modules: list[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def _run_cli(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    out = tmp_path / "modules.txt"
    proc = subprocess.run(
        [sys.executable, "-c", CLI, str(out), *args],
        capture_output=True, text=True, env=_env(), check=False,
    )  # fmt: skip
    assert out.exists(), proc.stderr
    code, *modules = out.read_text().splitlines()
    return int(code), _packages(modules)


def test_core_record_path_imports_no_heavy_or_cli_library(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "modules.txt"
    proc = subprocess.run(
        [sys.executable, "-c", CORE_RECORD, str(demo_dir), str(out)],
        capture_output=True, text=True, env=_env(), check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    loaded = _packages(out.read_text().splitlines())
    assert "ntm_tracker" in loaded
    assert loaded & (HEAVY | {"typer", "rich", "click"}) == set()
    assert "value: 81.5" in (demo_dir / "actuals" / "2027.yaml").read_text()


def test_ntm_record_imports_no_heavy_library(demo_dir: Path, tmp_path: Path) -> None:
    args = ("--data-dir", str(demo_dir), "record", "2027", "schools", "81", "--force")
    code, loaded = _run_cli(tmp_path, *args)
    assert code == 0
    # well-formed files take model's fast reader: pydantic is not even imported
    assert loaded & (HEAVY | {"pydantic", "pydantic_core"}) == set()
    assert "value: 81\n" in (demo_dir / "actuals" / "2027.yaml").read_text()


def test_an_irregular_file_goes_to_pydantic(demo_dir: Path, tmp_path: Path) -> None:
    path = demo_dir / "actuals" / "2027.yaml"
    path.write_text(path.read_text().replace("year: 2027", "year: '2027'"))  # a string
    code, loaded = _run_cli(tmp_path, "--data-dir", str(demo_dir), "status", "--format", "json")
    assert code == 0
    assert "pydantic" in loaded


def test_status_json_needs_no_table_library(demo_dir: Path, tmp_path: Path) -> None:
    code, loaded = _run_cli(tmp_path, "--data-dir", str(demo_dir), "status", "--format", "json")
    assert code == 0
    assert loaded & (HEAVY | {"rich", "pydantic", "yaml"}) == set()


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_load_no_plan_library(tmp_path: Path, flag: str) -> None:
    code, loaded = _run_cli(tmp_path, flag)
    assert code == 0
    assert "typer" in loaded
    assert loaded & (HEAVY | {"pydantic", "pydantic_core", "rich", "yaml"}) == set()
