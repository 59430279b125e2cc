"""What pip sees of ntm: the version bounds CI tests, the licence, the sdist's contents."""

from __future__ import annotations

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.version import Version

from tests.conftest import ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
LOWEST = ROOT / ".ci" / "lowest.txt"
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
# In the test extra but not pinned by .ci/lowest.txt: the lowest run does not lint, so
# pinning the linters there would test nothing; the stubs have no lower bound.
NOT_PINNED = {"ruff", "mypy", "types-pyyaml", "types-tabulate"}


def _on(python: str) -> dict[str, str]:
    env = {key: str(value) for key, value in default_environment().items()}
    return {**env, "python_version": python, "python_full_version": f"{python}.0", "extra": ""}


def _lower_bounds(python: str) -> dict[str, Version]:
    """{name: the highest `>=` bound that applies on this Python}, over the dependencies
    and every extra (ntm-tracker's own extras, named in the test extra, are in there)."""
    lines = [*PROJECT["dependencies"]]
    for extra in PROJECT["optional-dependencies"].values():
        lines += extra
    bounds: dict[str, Version] = {}
    for line in lines:
        req = Requirement(line)
        name = req.name.lower()
        if name == "ntm-tracker" or (req.marker and not req.marker.evaluate(_on(python))):
            continue
        for spec in req.specifier:
            if spec.operator == ">=":
                bounds[name] = max(bounds.get(name, Version("0")), Version(spec.version))
    return bounds


def _pins(python: str) -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in LOWEST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate(_on(python)):
                (spec,) = req.specifier
                assert spec.operator == "==", line
                pins[req.name.lower()] = Version(spec.version)
    return pins


@pytest.mark.parametrize("python", PYTHONS)
def test_the_lowest_versions_ci_tests_are_the_declared_lower_bounds(python: str) -> None:
    """.ci/lowest.txt pins every package at the lower bound pyproject.toml gives it on
    each supported Python, so that CI's lowest run tests the bounds as written."""
    bounds = _lower_bounds(python)
    for name in NOT_PINNED:
        bounds.pop(name, None)
    assert _pins(python) == bounds


def test_every_dependency_has_a_lower_bound() -> None:
    for line in PROJECT["dependencies"]:
        assert any(s.operator == ">=" for s in Requirement(line).specifier), line


def test_the_supported_pythons_are_the_ones_declared() -> None:
    assert PROJECT["requires-python"] == f">={PYTHONS[0]}"


def test_the_license_is_an_spdx_expression_with_its_file() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 ntm-tracker developers\n")
    (requires,) = PYPROJECT["build-system"]["requires"]
    assert Requirement(requires).specifier.contains("77.0.1")  # PEP 639 support
    assert not Requirement(requires).specifier.contains("76.1.0")
