"""The cache of validated files makes reading fast and never changes a result.

Missing, warm, stale, corrupt, unwritable or turned off: every command shows the same
thing; the data folder never gets a file from it; what ``record`` puts in it is what the
full reading of the new file gives.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm_tracker.core.entering import NewValue, find_indicator
from ntm_tracker.storage.cache import Cache
from ntm_tracker.storage.store import Store
from tests.conftest import DEMO, ROOT, Invoke

COMMANDS = (
    ("status", "--format", "json"),
    ("status", "--lang", "en"),
    ("summary", "2027", "--lang", "vi"),
    ("export", "--format", "csv"),
    ("history", "1"),
)


def outputs(ntm: Invoke, data: Path, cache: str) -> list[str]:
    results = [ntm("--data-dir", str(data), *c, NTM_CACHE_DIR=cache) for c in COMMANDS]
    assert all(r.exit_code == 0 for r in results), [r.stderr for r in results]
    return [r.stdout for r in results]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_cold_warm_off_corrupt_and_unwritable_give_the_same_output(
    ntm: Invoke, demo_dir: Path, tmp_path: Path
) -> None:
    before = snapshot(demo_dir)
    cache = tmp_path / "c"
    off = outputs(ntm, demo_dir, "")
    cold = outputs(ntm, demo_dir, str(cache))
    entries = sorted(cache.glob("*.json"))
    assert len(entries) == 1 + 3 + 2  # the plan, 3 actuals and 2 plan files
    warm = outputs(ntm, demo_dir, str(cache))
    for entry in entries:  # corrupt every entry in a different way
        entry.write_text(["", "{", "[]", '{"key": 1}', "null", "\x00\x01"][entries.index(entry)])
    corrupt = outputs(ntm, demo_dir, str(cache))
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    unwritable = outputs(ntm, demo_dir, str(blocked / "cache"))
    assert off == cold == warm == corrupt == unwritable
    assert snapshot(demo_dir) == before  # nothing written into the data folder


def test_a_stale_entry_is_never_used(ntm: Invoke, demo_dir: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "c")
    outputs(ntm, demo_dir, cache)
    path = demo_dir / "actuals" / "2027.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("income: 87", "income: 88"), "utf-8")
    r = ntm("--data-dir", str(demo_dir), "status", "--format", "json", NTM_CACHE_DIR=cache)
    assert '"id": "income"' in r.stdout
    income = next(x for x in json.loads(r.stdout)["indicators"] if x["id"] == "income")
    assert income["actual"] == 88.0


def test_a_changed_plan_is_read_again_and_so_are_the_year_files(
    ntm: Invoke, demo_dir: Path, tmp_path: Path
) -> None:
    """A year file's meaning depends on the plan: an id the plan drops is an error, even
    though the year file itself did not change."""
    cache = str(tmp_path / "c")
    outputs(ntm, demo_dir, cache)
    plan = demo_dir / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("id: e_health", "id: e_health_records"), encoding="utf-8")
    r = ntm("--data-dir", str(demo_dir), "--lang", "en", "status", NTM_CACHE_DIR=cache)
    assert r.exit_code == 1
    assert "the indicator 'e_health' is not in the plan" in r.stderr


def test_record_leaves_an_entry_equal_to_a_full_reading(demo_dir: Path, tmp_path: Path) -> None:
    cached = Store(demo_dir, Cache(tmp_path / "c"))
    with cached.editing() as loaded:
        ind = find_indicator(loaded.data.plan, "schools")
        cached.change(loaded, [NewValue(ind, 2027, 81.5)], force=True)
    from_cache = cached.load().data
    full = Store(demo_dir, Cache(None)).load().data
    assert from_cache.actuals.years == full.actuals.years
    assert from_cache.actuals.entry("schools", 2027).value == 81.5  # type: ignore[union-attr]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["income", "schools", "poverty", "ntm_criteria", "revenue"]),
            st.integers(2025, 2030),
            st.one_of(st.none(), st.integers(0, 100)),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_sequence_of_writes_reads_the_same_with_and_without_the_cache(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int, int | None, bool]]
) -> None:
    work = tmp_path_factory.mktemp("w")
    shutil.copytree(DEMO, work / "d")
    store = Store(work / "d", Cache(work / "c"))
    for ind_id, year, value, planned in steps:
        with store.editing() as loaded:
            ind = find_indicator(loaded.data.plan, ind_id)
            data = loaded.data.plans if planned else loaded.data.actuals
            figure: float | bool | None = None
            if value is not None:
                figure = bool(value % 2) if ind.is_yes_no else float(value)
            elif data.entry(ind_id, year) is None:
                continue  # nothing to remove
            from ntm_tracker.core.domain import Book

            book = Book.PLANS if planned else Book.ACTUALS
            store.change(loaded, [NewValue(ind, year, figure, book=book)], force=True)
        warm = store.load().data
        full = Store(work / "d", Cache(None)).load().data
        assert warm.actuals.years == full.actuals.years
        assert warm.plans.years == full.plans.years


LEAN = """
import sys, runpy, json
from pathlib import Path
from ntm_tracker import cli
def stop(code):  # come back here to list the modules instead of ending the process
    raise SystemExit(code)
cli.exit_now = stop
out, sys.argv = sys.argv[1], ["ntm", *sys.argv[2:]]
try:
    runpy.run_module("ntm_tracker", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
Path(out).write_text(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def loaded_packages(tmp_path: Path, *args: str, cache: Path) -> set[str]:
    out = tmp_path / "modules.json"
    env = {**os.environ, "NTM_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", LEAN, str(out), *args], env=env, check=True,
                   capture_output=True)  # fmt: skip
    return set(json.loads(out.read_text()))


def test_an_unchanged_folder_is_read_without_yaml_or_pydantic(
    demo_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "c"
    args = ("--data-dir", str(demo_dir), "status", "--format", "json")
    first = loaded_packages(tmp_path, *args, cache=cache)
    assert {"yaml", "pydantic"} <= first  # the cold run reads the files the full way
    warm = loaded_packages(tmp_path, *args, cache=cache)
    assert warm & {"yaml", "pydantic", "pydantic_core", "rich", "tabulate"} == set()
    # a record writes the cache entry of the file it changed: the next status stays lean
    loaded_packages(tmp_path, "--data-dir", str(demo_dir), "record", "2027", "schools", "82",
                    "--force", cache=cache)  # fmt: skip
    after = loaded_packages(tmp_path, *args, cache=cache)
    assert after & {"yaml", "pydantic", "pydantic_core"} == set()
