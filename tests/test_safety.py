"""Write guarantees: concurrent writers lose nothing, a failed or killed write leaves the
old file intact and loadable, every bad file gives one clear line and no traceback."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm_tracker.cli import app
from ntm_tracker.errors import DataError, ExitCode
from ntm_tracker.store import Store, find_indicator
from tests.conftest import ROOT

runner = CliRunner()


def ntm(data: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--data-dir", str(data), *args])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder tree (but the empty lock file), by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".ntm.lock"
    }


def temp_files(data: Path) -> list[str]:
    return sorted(p.name for p in (data / "actuals").glob(".*.tmp"))


# -- concurrency -----------------------------------------------------------------------

PERCENT_IDS = ["schools", "health_insurance", "e_health", "cultural_families",
               "cultural_villages", "clean_water", "waste_collection", "party_rating",
               "party_admission", "poverty"]  # fmt: skip


def test_twenty_concurrent_writers_lose_nothing(data_dir: Path) -> None:
    """20 processes record 20 indicator-years (two years, so they share files) at once."""
    jobs = [
        (year, ind, f"{10 + i},5") for i, ind in enumerate(PERCENT_IDS) for year in (2026, 2027)
    ]
    assert len(jobs) == 20
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ntm_tracker",
                "--data-dir",
                str(data_dir),
                "record",
                str(year),
                ind,
                value,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for year, ind, value in jobs
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 20, [err for _, err in results]
    store = Store(data_dir)
    plan = store.load_plan()
    actuals = store.load_actuals(plan)
    for year, ind, value in jobs:
        entry = actuals.entry(ind, year)
        assert entry is not None, (ind, year)
        assert entry.value == float(value.replace(",", "."))
    assert sorted(actuals.files) == [2026, 2027]
    assert temp_files(data_dir) == []
    assert ntm(data_dir, "check").stdout == "Checked 3 files: no problems.\n"


def _record_one(data: str, value: float) -> str:
    """In a child process: record revenue 2026 without --force; say how it went."""
    from ntm_tracker.errors import ConflictError

    store = Store(Path(data))
    plan = store.load_plan()
    try:
        store.record(plan, find_indicator(plan, "revenue"), 2026, value)
    except ConflictError:
        return "conflict"
    return "recorded"


def test_racing_writers_of_one_value_exactly_one_wins(data_dir: Path) -> None:
    """Eight processes record different values for the same indicator-year at once."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(4) as pool:
        outcomes = pool.starmap(_record_one, [(str(data_dir), float(v)) for v in range(8)])
    assert sorted(outcomes) == ["conflict"] * 7 + ["recorded"]
    store = Store(data_dir)
    entry = store.load_actuals(store.load_plan()).entry("revenue", 2026)
    assert entry is not None and entry.value == outcomes.index("recorded")


# -- a failure between write and rename -------------------------------------------------


def test_failed_rename_keeps_old_file_and_leaves_no_temp(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ntm(data_dir, "record", "2026", "revenue", "82").exit_code == 0
    before = snapshot(data_dir)

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    r = ntm(data_dir, "record", "2026", "revenue", "90", "--force")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr == (
        f"Error: Cannot write {data_dir / 'actuals' / '2026.yaml'}: "
        "No space left on device. Nothing was changed.\n"
    )
    monkeypatch.undo()
    assert snapshot(data_dir) == before
    assert temp_files(data_dir) == []
    assert ntm(data_dir, "status", "--format", "json").exit_code == 0


def test_failed_fsync_keeps_old_file(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ntm(data_dir, "record", "2026", "revenue", "82").exit_code == 0
    before = snapshot(data_dir)

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    r = ntm(data_dir, "record", "2026", "income", "80")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr.endswith(": Input/output error. Nothing was changed.\n")
    monkeypatch.undo()
    assert snapshot(data_dir) == before


def test_import_puts_back_written_files_when_a_later_one_fails(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import touching two years is all or nothing, even when the second write fails."""
    assert ntm(data_dir, "record", "2026", "revenue", "82").exit_code == 0
    before = snapshot(data_dir)
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("year,indicator,value\n2026,income,80\n2027,income,85\n")
    real_replace = os.replace
    calls: list[object] = []

    def second_fails(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    r = ntm(data_dir, "import", str(csv_file))
    monkeypatch.undo()
    assert r.exit_code == ExitCode.DATA_ERROR
    assert len(calls) == 3  # 2026 written, 2027 failed, 2026 put back
    assert snapshot(data_dir) == before


# -- a writer killed ------------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import itertools, sys
    from pathlib import Path
    from ntm_tracker.store import Store, find_indicator
    store = Store(Path(sys.argv[1]))
    plan = store.load_plan()
    ind = find_indicator(plan, "revenue")
    print("ready", flush=True)
    for i in itertools.count():
        store.record(plan, ind, 2026, float(i % 50), note="n" * (i % 300), force=True)
    """
)

_KILLED_BEFORE_RENAME = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from ntm_tracker.store import Store, find_indicator
    store = Store(Path(sys.argv[1]))
    plan = store.load_plan()
    os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)
    store.record(plan, find_indicator(plan, "revenue"), 2026, 99.0, force=True)
    """
)


def _python(code: str, data: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code, str(data)], stdout=subprocess.PIPE, text=True, env=env
    )


def test_killed_between_write_and_rename_leaves_old_file(data_dir: Path) -> None:
    assert ntm(data_dir, "record", "2026", "revenue", "82").exit_code == 0
    before = snapshot(data_dir)
    proc = _python(_KILLED_BEFORE_RENAME, data_dir)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    leftovers = temp_files(data_dir)
    assert len(leftovers) == 1 and leftovers[0].startswith(".2026.yaml.")
    after = snapshot(data_dir)
    assert {k: v for k, v in after.items() if not k.endswith(".tmp")} == before
    store = Store(data_dir)
    plan = store.load_plan()
    assert store.load_actuals(plan).entry("revenue", 2026).value == 82  # type: ignore[union-attr]
    r = ntm(data_dir, "check")
    assert r.exit_code == 0
    assert r.stdout == (
        f"{data_dir / 'actuals' / leftovers[0]}: warning: left over from an "
        "interrupted write; ntm ignores it and it can be deleted\n"
        "Checked 2 files: 1 warning.\n"
    )
    assert ntm(data_dir, "record", "2026", "income", "80").exit_code == 0  # still writable


def test_writer_killed_at_random_points_never_tears_the_file(data_dir: Path) -> None:
    rng = random.Random(4)
    store = Store(data_dir)
    plan = store.load_plan()
    for _ in range(6):
        proc = _python(_WRITER, data_dir)
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.01, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        path = data_dir / "actuals" / "2026.yaml"
        if path.exists():  # the first write may not have happened yet
            entry = store.load_actuals(plan).entry("revenue", 2026)
            assert entry is not None and entry.value in {float(i) for i in range(50)}
    assert ntm(data_dir, "check").exit_code == 0  # leftover temp files only warn


# -- every load path is defensive ------------------------------------------------------

BAD_YEAR_FILES = [
    (b"", "{f} is empty; it holds no values, so delete it, then record again."),
    (b"- 1\n- 2\n", "{f}: expected a mapping (year:, values:), found a list."),
    (b"year: 2026\nvalues: [1, 2]\n", "{f}, line 2: field 'values': Input should be a valid "
     "dictionary. Fix the file and try again."),
    (b"year: twenty\n", "{f}, line 1: field 'year': Input should be a valid integer, unable to "
     "parse string as an integer. Fix the file and try again."),
    (b"year: 2026\nvalues:\n  revenue: .nan\n", "{f}, line 3: indicator 'revenue', field 'value': "
     "value must be a finite number. Fix the file and try again."),
    (b"year: 2026\nvalues:\n  revenue: -.inf\n", "{f}, line 3: indicator 'revenue', field "
     "'value': value must be a finite number. Fix the file and try again."),
    (b"year: 2026\nvalues:\n  revenue: lots\n", "{f}, line 3: indicator 'revenue', field "
     "'value': 'lots' is neither a number (like 96,5) nor yes/no (có/không). Fix the file "
     "and try again."),
    (b"year: 2026\nvalues:\n  revenue: {value: 1, note: " + b"x" * 5000 + b"}\n",
     "{f}, line 3: indicator 'revenue', field 'note': String should have at most 2000 "
     "characters. Fix the file and try again."),
    (b"year: 2026\ncomment: caf\xe9\n",
     "{f}, line 2: the file is not UTF-8 text; save it again as UTF-8."),
    (b"year: 2026\nvalues:\n  revenue: 1\n  revenue: 2\n", "{f}, line 4: key 'revenue' is "
     "written twice (first on line 3); fix the YAML there and try again."),
    (b"year: 2026\nvalues:\n  schools: 120\n", "{f}, line 3: 120 is out of range for 'schools': a "
     "value in % must be between 0 and 100. Fix the file and try again."),
    (b"year: 2026\nvalues:\n  ntm_criteria: 1.5\n", "{f}, line 3: indicator 'ntm_criteria': value "
     "must be yes or no. Fix the file and try again."),
    (b"year: 2026\nvalues:\n  revenu: 1\n", "{f}, line 3: indicator 'revenu' is not in the plan "
     "(did you mean 'revenue'?). Fix the file and try again."),
    (b"year: 2027\n", "{f}, line 1: says year 2027 but the file name says 2026; make them agree."),
    (b"year: 2026\nvalues: !!python/object:os.system {}\n", "{f}, line 2: could not determine a "
     "constructor for the tag 'tag:yaml.org,2002:python/object:os.system'; fix the YAML there and "
     "try again."),
]  # fmt: skip


@pytest.mark.parametrize(("content", "message"), BAD_YEAR_FILES)
def test_bad_year_file_gives_one_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, message: str
) -> None:
    monkeypatch.chdir(data_dir.parent)
    path = data_dir / "actuals" / "2026.yaml"
    path.write_bytes(content)
    for args in (["status"], ["record", "2027", "revenue", "1"], ["log"]):
        before = snapshot(data_dir)
        r = runner.invoke(app, args)
        assert r.exit_code == ExitCode.DATA_ERROR, args
        assert r.stderr == "Error: " + message.format(f="data/actuals/2026.yaml") + "\n", args
        assert r.stdout == ""
        assert snapshot(data_dir) == before  # never a partial write


def test_bad_year_file_is_listed_by_check(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_dir.parent)
    for content, _ in BAD_YEAR_FILES:
        (data_dir / "actuals" / "2026.yaml").write_bytes(content)
        r = runner.invoke(app, ["check"])
        assert r.exit_code == ExitCode.DATA_ERROR, content
        assert r.stdout.startswith("data/actuals/2026.yaml"), content
        assert ": error: " in r.stdout, content


def test_bad_plan_files(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_dir.parent)
    plan = data_dir / "targets.yaml"
    cases = [
        (b"", "data/targets.yaml is empty; it must hold the plan (title, indicators...)."),
        (b"[1, 2]\n", "data/targets.yaml: expected a mapping (title:, term:, indicators: ...), "
         "found a list."),
        (b"\xff\xfe", "data/targets.yaml, line 1: the file is not UTF-8 text; save it again as "
         "UTF-8."),
    ]  # fmt: skip
    for content, message in cases:
        plan.write_bytes(content)
        r = runner.invoke(app, ["status"])
        assert (r.exit_code, r.stderr) == (ExitCode.DATA_ERROR, f"Error: {message}\n")


def test_data_folder_that_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("data").write_text("not a folder")
    for args in (["status"], ["record", "2026", "revenue", "1"], ["check"], ["import", "x.csv"]):
        r = runner.invoke(app, args)
        assert r.exit_code == ExitCode.DATA_ERROR, args
        assert r.stderr == (
            "Error: 'data' is a file, not a data folder; give a folder with --data-dir.\n"
        )


def test_actuals_folder_that_is_a_file(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_dir.parent)
    (data_dir / "actuals").rmdir()
    (data_dir / "actuals").write_text("oops")
    r = runner.invoke(app, ["status"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr == (
        "Error: 'data/actuals' is a file; it must be a folder of YEAR.yaml files.\n"
    )
    r = runner.invoke(app, ["record", "2026", "revenue", "1"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr == "Error: Cannot create 'data/actuals': file exists. Nothing was written.\n"
    r = runner.invoke(app, ["check"])
    assert r.stdout == (
        "data/actuals: error: this is a file; it must be a folder of YEAR.yaml files\n"
        "Checked 1 file: 1 error.\n"
    )


def test_file_name_that_is_not_a_year(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_dir.parent)
    (data_dir / "actuals" / "2026 copy.yaml").write_text("year: 2026\n")
    r = runner.invoke(app, ["status"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr == (
        "Error: data/actuals/2026 copy.yaml: an actuals file must be named after its year, "
        "like 2026.yaml; rename or move it.\n"
    )
    (data_dir / "actuals" / "notes.txt").write_text("not YAML, not ours: ignored")
    (data_dir / "actuals" / "2026 copy.yaml").unlink()
    assert runner.invoke(app, ["status"]).exit_code == 0


def test_read_only_folder_lock_refused(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder where the lock file cannot be created: one line, nothing written."""
    import filelock

    monkeypatch.chdir(data_dir.parent)

    def denied(self: object, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(filelock.FileLock, "acquire", denied)
    before = snapshot(data_dir)
    r = runner.invoke(app, ["record", "2026", "revenue", "82"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr == (
        "Error: Cannot lock 'data/actuals' for writing: permission denied. Nothing was written.\n"
    )
    assert snapshot(data_dir) == before


def test_read_only_folder_write_refused(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lock file exists but no new file may be created: one line, nothing written."""
    import tempfile

    monkeypatch.chdir(data_dir.parent)
    assert runner.invoke(app, ["record", "2026", "revenue", "82"]).exit_code == 0
    before = snapshot(data_dir)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    r = runner.invoke(app, ["record", "2026", "income", "80"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr == (
        "Error: Cannot write data/actuals/2026.yaml: Permission denied. Nothing was changed.\n"
    )
    assert snapshot(data_dir) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_really_read_only_folder(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_dir.parent)
    os.chmod(data_dir / "actuals", 0o555)
    try:
        r = runner.invoke(app, ["record", "2026", "revenue", "82"])
        assert r.exit_code == ExitCode.DATA_ERROR
        assert r.stderr.count("\n") == 1 and "Nothing was" in r.stderr
        assert list((data_dir / "actuals").iterdir()) == []
    finally:
        os.chmod(data_dir / "actuals", 0o755)


def test_lock_timeout(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second writer waits for the lock, then gives up with exit code 4."""
    from ntm_tracker import store as store_module

    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.1)
    before = snapshot(data_dir)
    # filelock is re-entrant within one process: hold the lock from another one
    proc = _python(
        "import sys, time, filelock\n"
        "with filelock.FileLock(sys.argv[1] + '/actuals/.ntm.lock'):\n"
        "    print('held', flush=True); time.sleep(30)\n",
        data_dir,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "held\n"
        r = ntm(data_dir, "record", "2026", "revenue", "82")
        assert r.exit_code == ExitCode.LOCKED == 4
        assert r.stderr == (
            "Error: Another ntm command is writing to this data folder; wait a moment and "
            "try again.\n"
        )
    finally:
        proc.kill()
        proc.wait()
    assert snapshot(data_dir) == before


def test_store_record_refuses_bad_year_before_locking(data_dir: Path) -> None:
    store = Store(data_dir)
    plan = store.load_plan()
    with pytest.raises(Exception, match="outside the term"):
        store.record(plan, find_indicator(plan, "revenue"), 2040, 1.0)
    assert not (data_dir / "actuals" / ".ntm.lock").exists()
    with pytest.raises(DataError):
        Store(data_dir / "nope").load_plan()


def test_rename_blocked_for_a_moment_is_retried(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to rename over a file a reader holds open; the write waits a little."""
    from ntm_tracker import yamlio

    real_replace = os.replace
    refusals = [PermissionError(13, "Access is denied")] * 2

    def busy_then_free(src: str, dst: str) -> None:
        if refusals:
            raise refusals.pop()
        real_replace(src, dst)

    monkeypatch.setattr(yamlio, "RENAME_RETRIES", 3)
    monkeypatch.setattr(os, "replace", busy_then_free)
    assert ntm(data_dir, "record", "2026", "revenue", "82").exit_code == 0
    assert refusals == []
    store = Store(data_dir)
    assert store.load_actuals(store.load_plan()).entry("revenue", 2026) is not None
    assert temp_files(data_dir) == []
