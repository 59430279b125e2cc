"""Tests say where they run: one that needs POSIX (signals Windows lacks, FIFOs, /dev,
symlinks) is marked ``posix_only`` with its reason, and tests/conftest.py skips it on
Windows."""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest

from tests import conftest, test_errors
from tests.conftest import ROOT

# What a test body calls that Windows does not have (or has only for admins).
POSIX_CALLS = re.compile(
    r"os\.mkfifo|SIGKILL|SIGALRM|os\.kill\(|\.send_signal\(|symlink_to\(|os\.symlink\("
    r"|\"/dev/|SPECIAL\[|\bdeadline\("
)


def _posix_reason(marks: list[Any]) -> str | None:
    for mark in marks:
        if getattr(mark, "name", None) == "posix_only":
            return str(mark.args[0]) if mark.args else ""
    return None


def _test_functions() -> list[tuple[str, Callable[..., object]]]:
    found: list[tuple[str, Callable[..., object]]] = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        if path.name == Path(__file__).name:  # this file names the calls it looks for
            continue
        module = importlib.import_module(f"tests.{path.stem}")
        for name, func in vars(module).items():
            if name.startswith("test_") and inspect.isfunction(func):
                found.append((f"{path.name}::{name}", func))
    return found


def test_every_test_that_needs_posix_is_marked_with_a_reason() -> None:
    needing = []
    for name, func in _test_functions():
        if POSIX_CALLS.search(inspect.getsource(func)):
            needing.append(name)
            reason = _posix_reason(getattr(func, "pytestmark", []))
            assert reason, f"{name} needs POSIX: mark it @pytest.mark.posix_only('why')"
    assert len(needing) >= 10  # the search finds them


def test_every_error_case_that_needs_posix_is_marked() -> None:
    for case in test_errors.CASES:
        posix = "fifo" in case.setup.__qualname__ or any("/dev/" in a for a in case.args)
        assert bool(_posix_reason(list(case.marks))) == posix, case.name


class _Item:
    """Enough of a pytest.Item for the collection hook."""

    def __init__(self, mark: pytest.Mark | None) -> None:
        self.mark, self.added = mark, list[pytest.MarkDecorator]()

    def get_closest_marker(self, name: str) -> pytest.Mark | None:
        return self.mark if name == "posix_only" else None

    def add_marker(self, marker: pytest.MarkDecorator) -> None:
        self.added.append(marker)


@pytest.mark.parametrize("posix", [True, False], ids=["posix", "windows"])
def test_marked_tests_are_skipped_off_posix_with_their_reason(
    monkeypatch: pytest.MonkeyPatch, posix: bool
) -> None:
    marked, plain = _Item(pytest.mark.posix_only("SIGKILL").mark), _Item(None)
    monkeypatch.setattr(conftest, "POSIX", posix)
    conftest.pytest_collection_modifyitems(cast(list[pytest.Item], [marked, plain]))
    assert plain.added == []
    if posix:
        assert marked.added == []
    else:
        (skip,) = marked.added
        assert (skip.name, skip.kwargs) == ("skip", {"reason": "POSIX only: SIGKILL"})


def test_the_marker_is_registered(pytestconfig: pytest.Config) -> None:
    assert any(line.startswith("posix_only(") for line in pytestconfig.getini("markers"))
