"""Shared fixtures: a temporary data folder with the shipped plan, and the demo data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "targets.yaml"
DEMO = ROOT / "examples" / "demo"
SEED = ROOT.parent / "shared" / "seed" / "000_42401c5a123ee505.txt"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never depend on the caller's language, colour or data settings."""
    for name in ("NTM_LANG", "NTM_DATA_DIR", "NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder holding the shipped plan."""
    d = tmp_path / "data"
    (d / "actuals").mkdir(parents=True)
    shutil.copy(PLAN, d / "targets.yaml")
    return d


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    """A writable copy of the illustrative demo data set."""
    d = tmp_path / "demo"
    shutil.copytree(DEMO, d)
    return d
