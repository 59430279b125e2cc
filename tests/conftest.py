"""Shared fixtures: a data folder with the shipped plan, the demo data, a CLI runner.

Every test gets its own cache folder (``NTM_CACHE_DIR``), so that tests never share or
depend on each other's cache, and a clean environment (no language, colour or data
settings of the caller).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "targets.yaml"
DEMO = ROOT / "examples" / "demo"
# The resolution's text, read only by the tests that check the plan against it: beside the
# repository (../shared/seed), or where NTM_SEED says (.ci/run finds it for a clone).
SEED = Path(
    os.environ.get("NTM_SEED") or ROOT.parent / "shared" / "seed" / "000_42401c5a123ee505.txt"
)


POSIX = os.name == "posix"


def posix_only_reason(item: pytest.Item) -> str | None:
    """Why a test runs on POSIX systems only (its ``posix_only`` mark), or None."""
    mark = item.get_closest_marker("posix_only")
    if mark is None:
        return None
    return f"POSIX only: {mark.args[0] if mark.args else 'POSIX system calls'}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip the tests marked ``posix_only`` on Windows, saying why."""
    if POSIX:
        return
    for item in items:
        reason = posix_only_reason(item)
        if reason is not None:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never depend on the caller's language, colour, data or cache settings."""
    for name in ("NTM_LANG", "NTM_DATA_DIR", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LANG",
                 "LC_ALL", "LC_MESSAGES", "LANGUAGE"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


SHIPPED_FOLDERS = [ROOT / "data", DEMO]


def _listing() -> list[list[str]]:
    return [sorted(str(p.relative_to(f)) for p in f.rglob("*")) for f in SHIPPED_FOLDERS]


@pytest.fixture(autouse=True)
def _repository_data_untouched() -> Iterator[None]:
    """No test writes into the repository's own data/ or examples/demo/ (a test that
    leaves the folder it was given runs ntm on them)."""
    before = _listing()
    yield
    assert _listing() == before, "a test wrote into the repository's data/ or examples/demo/"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder holding the shipped plan (as `ntm init` makes it)."""
    d = tmp_path / "data"
    (d / "actuals").mkdir(parents=True)
    (d / "plans").mkdir()
    shutil.copy(PLAN, d / "targets.yaml")
    return d


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    """A writable copy of the illustrative demo data set."""
    d = tmp_path / "demo"
    shutil.copytree(DEMO, d)
    return d


@pytest.fixture
def here(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in the data folder's parent, so that messages name `data/...` as users see it."""
    monkeypatch.chdir(data_dir.parent)
    return data_dir


Invoke = Callable[..., Result]


@pytest.fixture
def ntm() -> Invoke:
    """``ntm(*args, lang=None)``: run a command in-process; stdout and stderr apart."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None, **env: Any) -> Result:
        from ntm_tracker.cli import app

        return runner.invoke(app, list(args), input=input, env={k: str(v) for k, v in env.items()})

    return run
