"""The sdist and the wheel, built here without a network (setuptools from the test extra,
no build isolation): the sdist holds the repository, so its tests run where it is
unpacked; the wheel holds ntm, its shipped plan and its licence, and nothing else."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Not part of the project: made by tools, caches, virtual environments, builds.
SCRATCH = shutil.ignore_patterns(
    ".git", ".venv*", "*.egg-info", "build", "dist", "__pycache__", ".*_cache", ".hypothesis",
    "bench-results.json", ".ntm.lock",
)  # fmt: skip
# What every sdist must hold for its tests to run, checked even outside a git checkout.
NEEDED = [
    "tests/conftest.py", "tests/golden/status_2027_en.txt", "tests/readme_examples.py",
    "data/targets.yaml", "data/actuals/.gitkeep", "data/plans/.gitkeep",
    "examples/demo/targets.yaml", "examples/demo/actuals/2027.yaml", "examples/import.csv",
    ".ci/run", ".ci/lowest.txt", "README.md", "LICENSE", "pyproject.toml",
    "tools/windows_bundle.py", "ntm_tracker/shipped/targets.yaml",
]  # fmt: skip


def _build(kind: str, tmp_path: Path) -> Path:
    """Build ``kind`` (sdist or wheel) from a copy of the source tree into tmp_path/out."""
    source, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(ROOT, source, ignore=SCRATCH)
    out.mkdir()
    code = f"from setuptools import build_meta; print(build_meta.build_{kind}({str(out)!r}))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=source, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out / done.stdout.strip().splitlines()[-1]


def _tracked() -> list[str] | None:
    """The files git tracks, or None outside a git checkout (an unpacked sdist)."""
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        return None
    done = subprocess.run(
        [git, "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=False
    )
    if done.returncode != 0:
        return None
    return sorted(name for name in done.stdout.decode().split("\0") if name)


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    path = _build("sdist", tmp_path_factory.mktemp("sdist"))
    assert path.name == "ntm_tracker-0.1.0.tar.gz"
    with tarfile.open(path) as tar:
        names = [m.name for m in tar.getmembers() if m.isfile()]
    top = "ntm_tracker-0.1.0/"
    assert all(name.startswith(top) for name in names)
    return sorted(name[len(top) :] for name in names)


def test_the_sdist_holds_what_its_tests_need(sdist: list[str]) -> None:
    missing = [name for name in NEEDED if name not in sdist]
    assert missing == []
    assert len([n for n in sdist if n.startswith("tests/golden/")]) >= 19


def test_the_sdist_holds_every_file_of_the_repository(sdist: list[str]) -> None:
    tracked = _tracked()
    if tracked is None:
        pytest.skip("not a git checkout")
    assert [name for name in tracked if name not in sdist] == []


def test_the_wheel_holds_ntm_its_plan_and_its_licence(tmp_path: Path) -> None:
    path = _build("wheel", tmp_path)
    assert path.name == "ntm_tracker-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        metadata = z.read("ntm_tracker-0.1.0.dist-info/METADATA").decode()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"ntm_tracker", "ntm_tracker-0.1.0.dist-info"}
    assert "ntm_tracker/shipped/targets.yaml" in names
    assert "ntm_tracker-0.1.0.dist-info/licenses/LICENSE" in names
    assert "License-Expression: MIT\n" in metadata
    assert "Requires-Dist: typer<0.29,>=0.26\n" in metadata
