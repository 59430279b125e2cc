"""Write guarantees: concurrent writers lose nothing, a failed or killed write leaves the
old file intact and loadable, the lock waits and says so, a Ctrl+C message tells the
truth, and a device, a pipe or a link to one is never opened for reading or writing.

Real processes only where a real process is the point (concurrency, kill, lock, Ctrl+C).
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ntm_tracker.cli import ExitCode
from ntm_tracker.storage.store import Store
from tests.conftest import ROOT, Invoke

NOTICE_EN = (
    "Another ntm is writing to this data folder; waiting for it to finish (up to 30 seconds)..."
)
NOTICE_VI = (
    "Một lệnh ntm khác đang ghi vào thư mục dữ liệu này; đang chờ lệnh đó xong (tối đa 30 giây)..."
)
TEMP_WARNING = "left over from an interrupted write; ntm ignores it and it can be deleted."
# What Windows lacks (tests/conftest.py skips these there, saying why)
KILLED = pytest.mark.posix_only("SIGKILL, which Windows does not have")
CTRL_C = pytest.mark.posix_only(
    "SIGINT sent with os.kill or Popen.send_signal (Windows has CTRL_C_EVENT)"
)
SPECIAL_FILES = pytest.mark.posix_only("FIFOs (os.mkfifo), /dev and a SIGALRM deadline")
SYMLINK = pytest.mark.posix_only(
    "symlinks, which Windows allows only to admins or in developer mode"
)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder tree (but the lock file), by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink() and p.name != ".ntm.lock"
    }


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


def figures(data: Path, book: str = "actuals") -> dict[tuple[str, int], float | bool]:
    """Every figure of a folder as the store loads it: {(id, year): value}."""
    loaded = Store(data).load().data
    books = loaded.actuals if book == "actuals" else loaded.plans
    return {
        (ind, year): entry.value
        for year, yf in books.years.items()
        for ind, entry in yf.values.items()
    }


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def ntm_process(data: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ntm_tracker", "--data-dir", str(data), *args, "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
    )


def python(code: str, *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
    )


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: a blocking open() of a FIFO is interrupted by the alarm."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def failing_for(name: str, real: Callable[..., object], exc: BaseException) -> Callable[..., None]:
    """``os.replace`` that raises ``exc`` instead of replacing a file called ``name``
    (the cache, which ntm also writes with os.replace, keeps working)."""

    def replace(src: object, dst: object) -> None:
        if Path(str(dst)).name == name:
            raise exc
        real(src, dst)

    return replace


# -- concurrency -----------------------------------------------------------------------

PERCENT_IDS = ["poverty", "schools", "health_insurance", "e_health", "cultural_families",
               "cultural_villages", "clean_water", "waste_collection", "party_org_rating",
               "party_member_rating"]  # fmt: skip


def test_twenty_concurrent_writers_lose_nothing(here: Path, ntm: Invoke) -> None:
    """20 processes record 20 indicator-years at once, two years, so they share files."""
    jobs = [
        (year, ind, f"{10 + i},5") for i, ind in enumerate(PERCENT_IDS) for year in (2026, 2027)
    ]
    assert len(jobs) == 20
    procs = [ntm_process(here, "record", str(year), ind, value) for year, ind, value in jobs]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 20, [err for _, err in results]
    # 10,5 typed with a decimal comma is 10.5: every figure is there, none lost
    assert figures(here) == {(ind, year): float(v.replace(",", ".")) for year, ind, v in jobs}
    assert sorted(p.name for p in (here / "actuals").iterdir()) == ["2026.yaml", "2027.yaml"]
    assert temp_files(here) == []
    r = ntm("check", "--lang", "en")
    assert (r.exit_code, r.stdout) == (0, "Checked 3 files: no problems.\n")


def test_racing_writers_of_one_figure_exactly_one_wins(here: Path) -> None:
    """Eight processes record different figures for revenue 2026 without --force."""
    procs = [ntm_process(here, "record", "2026", "revenue", str(10 + v)) for v in range(8)]
    results = [p.communicate(timeout=120) for p in procs]
    codes = [p.returncode for p in procs]
    assert sorted(codes) == [0] + [ExitCode.CONFLICT] * 7, [err for _, err in results]
    winner = 10 + codes.index(0)
    assert figures(here) == {("revenue", 2026): float(winner)}
    for (_, err), code in zip(results, codes, strict=True):
        if code == ExitCode.CONFLICT:  # after the waiting notice, if it waited a second
            assert err.removeprefix(NOTICE_EN + "\n") == (
                f"Error: revenue 2026 already has the figure {winner}. Add --force to replace "
                "(the old figure is kept in the year file's history).\n"
            )


# -- a failure in the middle of a write --------------------------------------------------

WRITE_FAILURES = [
    pytest.param(
        "replace",
        OSError(errno.ENOSPC, "No space left on device"),
        "the disk is full",
        id="replace",
    ),
    pytest.param(
        "fsync",
        OSError(errno.EIO, "Input/output error"),
        "the disk could not be read or written (a disk or network fault)",  # no errno name
        id="fsync",
    ),
    pytest.param(
        "mkstemp",
        PermissionError(errno.EACCES, "Permission denied"),
        "permission denied",
        id="mkstemp",
    ),
    pytest.param(
        "write", OSError(errno.EROFS, "Read-only file system"), "the disk is read-only", id="write"
    ),
]


@pytest.mark.parametrize(("step", "exc", "reason"), WRITE_FAILURES)
def test_failed_write_keeps_the_old_file_byte_for_byte(
    here: Path,
    ntm: Invoke,
    monkeypatch: pytest.MonkeyPatch,
    step: str,
    exc: OSError,
    reason: str,
) -> None:
    import tempfile

    assert ntm("record", "2026", "revenue", "82").exit_code == 0
    before = snapshot(here)

    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    if step == "replace":
        monkeypatch.setattr(os, "replace", failing_for("2026.yaml", os.replace, exc))
    elif step == "fsync":
        monkeypatch.setattr(os, "fsync", fail)
    elif step == "mkstemp":
        real_mkstemp = tempfile.mkstemp

        def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
            if str(kwargs.get("prefix", "")).startswith(".2026.yaml"):
                raise exc
            return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    else:  # the write itself fails half-way: the temporary file is cut short
        real_fdopen = os.fdopen

        class Broken:
            def __init__(self, handle: object) -> None:
                self.handle = handle

            def __enter__(self) -> Broken:
                return self

            def __exit__(self, *a: object) -> None:
                self.handle.close()  # type: ignore[attr-defined]

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]
                raise exc

        def fdopen(fd: int, mode: str = "r", *args: object, **kwargs: object) -> object:
            handle = real_fdopen(fd, mode, *args, **kwargs)  # type: ignore[call-overload]
            return Broken(handle) if mode == "wb" else handle

        monkeypatch.setattr(os, "fdopen", fdopen)
    r = ntm("record", "2026", "revenue", "90", "--force", "--lang", "en")
    monkeypatch.undo()
    monkeypatch.chdir(here.parent)  # undo() undid the fixture's chdir too
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == (
        f"Error: data/actuals/2026.yaml: the file cannot be written: {reason}. "
        "Nothing was changed.\n"
    )
    assert snapshot(here) == before
    assert temp_files(here) == []
    assert figures(here) == {("revenue", 2026): 82.0}


def test_failed_write_of_a_new_file_leaves_nothing(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    exc = OSError(errno.ENOSPC, "No space left on device")
    with monkeypatch.context() as patched:  # not undo(): it would undo the chdir too
        patched.setattr(os, "replace", failing_for("2026.yaml", os.replace, exc))
        r = ntm("record", "2026", "revenue", "82", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert list((here / "actuals").iterdir()) == []


@pytest.mark.parametrize("first_exists", [True, False], ids=["replaced", "created"])
def test_import_puts_back_the_files_written_when_a_later_one_fails(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch, first_exists: bool
) -> None:
    """An import touching two years is all or nothing, even when the second write fails:
    the first file is put back as it was (or removed, if the import created it)."""
    if first_exists:
        assert ntm("record", "2026", "revenue", "82").exit_code == 0
    before = snapshot(here)
    csv_file = here.parent / "in.csv"
    csv_file.write_text("id,year,value\nincome,2026,80\nincome,2027,85\n", encoding="utf-8")
    real_replace = os.replace
    calls: list[str] = []

    def second_fails(src: str, dst: str) -> None:
        if Path(dst).resolve().parent == here / "actuals":
            calls.append(Path(dst).name)
            if Path(dst).name == "2027.yaml":
                raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    with monkeypatch.context() as patched:  # not undo(): it would undo the chdir too
        patched.setattr(os, "replace", second_fails)
        r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == (
        "Error: data/actuals/2027.yaml: the file cannot be written: the disk is full. "
        "Nothing was changed.\n"
    )
    # 2026 written, 2027 failed, 2026 put back (a created 2026 is deleted instead)
    assert calls == (["2026.yaml", "2027.yaml", "2026.yaml"] if first_exists else
                     ["2026.yaml", "2027.yaml"])  # fmt: skip
    assert snapshot(here) == before
    assert temp_files(here) == []


def test_import_of_figures_and_plans_is_all_or_nothing(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The actuals file is written first; the plans file fails: the actuals are put back."""
    assert ntm("record", "2026", "revenue", "82").exit_code == 0
    assert ntm("plan", "2026", "revenue", "80").exit_code == 0
    before = snapshot(here)
    (here.parent / "in.csv").write_text(
        "id,year,value,annual_plan\nincome,2026,80,78\n", encoding="utf-8"
    )
    exc = OSError(errno.ENOSPC, "No space left on device")
    real = os.replace

    def plans_fail(src: str, dst: str) -> None:
        if Path(dst).resolve() == here / "plans" / "2026.yaml":
            raise exc
        real(src, dst)

    with monkeypatch.context() as patched:  # not undo(): it would undo the chdir too
        patched.setattr(os, "replace", plans_fail)
        r = ntm("import", "in.csv", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr == (
        "Error: data/plans/2026.yaml: the file cannot be written: the disk is full. "
        "Nothing was changed.\n"
    )
    assert snapshot(here) == before


# -- a writer killed ---------------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import itertools, sys
    from pathlib import Path
    from ntm_tracker.core.entering import NewValue, find_indicator
    from ntm_tracker.storage.store import Store
    store = Store(Path(sys.argv[1]))
    for i in itertools.count():
        with store.editing() as loaded:
            ind = find_indicator(loaded.data.plan, "revenue")
            item = NewValue(ind, 2026, float(i % 50), note="n" * (i % 300))
            store.change(loaded, [item], force=True)
        if i == 0:
            print("ready", flush=True)  # the first write is done: kill it in a later one
    """
)

_KILLED_BEFORE_RENAME = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from ntm_tracker.core.entering import NewValue, find_indicator
    from ntm_tracker.storage.store import Store
    real = os.replace
    def replace(src, dst):
        if str(dst).endswith("2026.yaml"):
            os.kill(os.getpid(), signal.SIGKILL)
        real(src, dst)
    os.replace = replace
    store = Store(Path(sys.argv[1]))
    with store.editing() as loaded:
        ind = find_indicator(loaded.data.plan, "revenue")
        store.change(loaded, [NewValue(ind, 2026, 99.0)], force=True)
    """
)


@KILLED
def test_killed_right_before_the_rename_leaves_the_old_file(here: Path, ntm: Invoke) -> None:
    assert ntm("record", "2026", "revenue", "82").exit_code == 0
    before = snapshot(here)
    proc = python(_KILLED_BEFORE_RENAME, str(here))
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    leftovers = temp_files(here)
    assert len(leftovers) == 1 and leftovers[0].startswith(".2026.yaml.")
    after = snapshot(here)
    assert {k: v for k, v in after.items() if not k.endswith(".tmp")} == before
    assert figures(here) == {("revenue", 2026): 82.0}
    r = ntm("status", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")  # the temporary file is not a stray year file
    r = ntm("check", "--lang", "en")
    assert (r.exit_code, r.stdout) == (
        0,
        f"data/actuals/{leftovers[0]}: warning: {TEMP_WARNING}\nChecked 2 files: 1 warning.\n",
    )
    assert ntm("record", "2026", "income", "80").exit_code == 0  # still writable
    assert figures(here) == {("revenue", 2026): 82.0, ("income", 2026): 80.0}


@KILLED
def test_writer_killed_at_random_points_never_tears_the_file(here: Path, ntm: Invoke) -> None:
    rng = random.Random(4)
    for _ in range(6):
        proc = python(_WRITER, str(here))
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.2))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        found = figures(here)
        assert set(found) == {("revenue", 2026)}
        assert found[("revenue", 2026)] in {float(i) for i in range(50)}
    r = ntm("check", "--lang", "en")
    assert r.exit_code == 0, r.stdout  # left-over temporary files only warn
    assert all(f": warning: {TEMP_WARNING}" in line for line in r.stdout.splitlines()[:-1])


# -- the lock ----------------------------------------------------------------------------


def hold_lock(data: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the folder's lock for ``seconds`` (after printing 'held')."""
    proc = python(
        "import sys, time, filelock\n"
        "with filelock.FileLock(sys.argv[1] + '/.ntm.lock'):\n"
        "    print('held', flush=True); time.sleep(float(sys.argv[2]))\n",
        str(data),
        str(seconds),
    )
    assert proc.stdout is not None and proc.stdout.readline() == "held\n"
    return proc


def test_lock_timeout_says_it_waits_then_exits_4(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import filelock

    from ntm_tracker.storage import store

    monkeypatch.setattr(store, "LOCK_TIMEOUT_SECONDS", 1.5)
    before = snapshot(here)
    with filelock.FileLock(str(here / ".ntm.lock")):  # another holder: flock is per open file
        start = time.monotonic()
        r = ntm("record", "2026", "revenue", "82", "--lang", "en")
        waited = time.monotonic() - start
    assert r.exit_code == ExitCode.LOCKED
    assert int(ExitCode.LOCKED) == 4
    assert r.stdout == ""
    assert r.stderr == (
        f"{NOTICE_EN}\n"
        "Error: data: Another ntm command kept this data folder busy for 1.5 seconds. "
        "Wait a moment and try again.\n"
    )
    assert 1.4 <= waited < 10
    assert snapshot(here) == before


def test_second_writer_waits_for_the_first_and_says_so(here: Path, ntm: Invoke) -> None:
    """The notice comes after about a second; the figure is written once the lock is free."""
    holder = hold_lock(here, 2.0)
    start = time.monotonic()
    r = ntm("record", "2026", "revenue", "82", "--lang", "en")
    waited = time.monotonic() - start
    holder.communicate(timeout=30)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == NOTICE_EN + "\n"
    assert waited >= 1.0
    assert figures(here) == {("revenue", 2026): 82.0}


def test_a_short_wait_says_nothing(here: Path, ntm: Invoke) -> None:
    holder = hold_lock(here, 0.2)
    r = ntm("record", "2026", "revenue", "82", "--lang", "en")
    holder.communicate(timeout=30)
    assert (r.exit_code, r.stderr) == (0, "")


def test_waiting_notice_in_vietnamese(here: Path, ntm: Invoke) -> None:
    holder = hold_lock(here, 2.0)
    r = ntm("record", "2026", "revenue", "82", "--lang", "vi")
    holder.communicate(timeout=30)
    assert (r.exit_code, r.stderr) == (0, NOTICE_VI + "\n")


def test_waiting_notice_speaks_the_plan_s_language(here: Path, ntm: Invoke) -> None:
    """The shipped plan says `language: vi`; without --lang every line is Vietnamese."""
    holder = hold_lock(here, 2.0)
    r = ntm("record", "2026", "revenue", "82")
    holder.communicate(timeout=30)
    assert r.exit_code == 0
    assert r.stderr == NOTICE_VI + "\n"


def test_a_lock_that_cannot_be_created_is_one_line(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import filelock

    def denied(self: object, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    before = snapshot(here)
    with monkeypatch.context() as patched:  # not undo(): it would undo the chdir too
        patched.setattr(filelock.FileLock, "acquire", denied)
        r = ntm("record", "2026", "revenue", "82", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == (
        "Error: data: The data folder cannot be locked for writing: permission denied. "
        "Nothing was written.\n"
    )
    assert snapshot(here) == before


# -- links -------------------------------------------------------------------------------


@SYMLINK
def test_a_year_file_that_is_a_symlink_stays_one(here: Path, ntm: Invoke) -> None:
    """A year file kept elsewhere (a shared folder) and linked in: the link is kept and
    its target gets the figure."""
    elsewhere = here.parent / "shared"
    elsewhere.mkdir()
    target = elsewhere / "2026.yaml"
    target.write_text("# kept on the shared drive\nyear: 2026\nvalues:\n  revenue: 82\n")
    link = here / "actuals" / "2026.yaml"
    link.symlink_to(Path("..") / ".." / "shared" / "2026.yaml")
    r = ntm("record", "2026", "income", "80", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    r = ntm("record", "2026", "revenue", "83", "--force", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink()
    assert os.readlink(link) == str(Path("..") / ".." / "shared" / "2026.yaml")
    text = target.read_text(encoding="utf-8")
    assert text.startswith(
        "# kept on the shared drive\nyear: 2026\nvalues:\n  revenue: {value: 83,"
    )
    assert "\n  income: {value: 80," in text
    assert "\n  - {indicator: revenue, value: 82, replaced_at: " in text
    assert figures(here) == {("revenue", 2026): 83.0, ("income", 2026): 80.0}
    assert temp_files(here) == [] and temp_files(elsewhere) == []


# -- Ctrl+C ------------------------------------------------------------------------------


def test_interrupted_before_any_write_says_nothing_was_written(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    assert ntm("record", "2026", "revenue", "82").exit_code == 0
    before = snapshot(here)
    with monkeypatch.context() as patched:  # not undo(): it would undo the chdir too
        patched.setattr(Store, "load", interrupted)
        r = ntm("record", "2026", "income", "80", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.INTERRUPTED, "")
    assert r.stderr == "Error: Interrupted; nothing was written.\n"
    assert snapshot(here) == before
    r = ntm("record", "2026", "income", "80", "--lang", "vi")  # nothing half-done: it works
    assert r.exit_code == 0


def test_interrupted_before_any_write_in_vietnamese(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "load", interrupted)
    r = ntm("status", "--lang", "vi")
    assert (r.exit_code, r.stderr) == (ExitCode.INTERRUPTED, "Lỗi: Đã dừng; chưa ghi gì.\n")


@CTRL_C
def test_ctrl_c_during_the_commit_waits_and_tells_the_truth(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real SIGINT right after the year file was replaced: the write is not undone and
    the message says the file was written."""
    assert ntm("record", "2026", "revenue", "82").exit_code == 0
    real = os.replace

    def replace_then_ctrl_c(src: str, dst: str) -> None:
        real(src, dst)
        if Path(dst).name == "2026.yaml":
            os.kill(os.getpid(), signal.SIGINT)  # held back until the commit is complete

    with monkeypatch.context() as patched:  # not undo(): it would undo the chdir too
        patched.setattr(os, "replace", replace_then_ctrl_c)
        r = ntm("record", "2026", "income", "80", "--lang", "en")
    assert r.exit_code == ExitCode.INTERRUPTED
    assert r.stderr == (
        "Error: Interrupted after writing data/actuals/2026.yaml; those figures are recorded, "
        "nothing else was written.\n"
    )
    assert figures(here) == {("revenue", 2026): 82.0, ("income", 2026): 80.0}
    assert temp_files(here) == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handler restored


def test_keyboard_interrupt_after_the_rename_reports_the_file_written(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ntm("record", "2026", "revenue", "82").exit_code == 0
    real = os.replace

    def replace_then_interrupt(src: str, dst: str) -> None:
        real(src, dst)
        if Path(dst).name == "2026.yaml":
            raise KeyboardInterrupt

    with monkeypatch.context() as patched:  # not undo(): it would undo the chdir too
        patched.setattr(os, "replace", replace_then_interrupt)
        r = ntm("record", "2026", "income", "80", "--lang", "en")
    assert figures(here) == {("revenue", 2026): 82.0, ("income", 2026): 80.0}  # it IS written
    assert r.exit_code == ExitCode.INTERRUPTED
    assert r.stderr == (
        "Error: Interrupted after writing data/actuals/2026.yaml; those figures are recorded, "
        "nothing else was written.\n"
    )


@CTRL_C
def test_real_ctrl_c_at_random_moments_is_truthful(here: Path, ntm: Invoke) -> None:
    """SIGINT to a real `ntm record` at random moments: whatever it says is true. (The
    shell shows 130 both for exit code 130 and for a death by SIGINT, -2 here.)"""
    assert ntm("record", "2026", "revenue", "10").exit_code == 0
    path = here / "actuals" / "2026.yaml"
    rng = random.Random(7)
    current = 10
    for value in range(11, 19):
        before = path.read_bytes()
        proc = ntm_process(here, "record", "2026", "revenue", str(value), "--force")
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        written = path.read_bytes() != before
        says_written = (
            f"Replaced (1) revenue 2026 = {value} billion VND." in out
            or "Error: Interrupted after writing data/actuals/2026.yaml; those figures are "
            "recorded, nothing else was written.\n"
            in err
        )
        says_nothing = "Error: Interrupted; nothing was written.\n" in err
        assert not (says_written and says_nothing), (out, err)
        assert written == says_written, (proc.returncode, out, err)
        current = value if written else current
        assert figures(here) == {("revenue", 2026): current}
        if proc.returncode not in (0, ExitCode.INTERRUPTED, -signal.SIGINT):
            assert "KeyboardInterrupt" in err  # Python's own, while it was starting up
        assert temp_files(here) == []


# -- devices, pipes and links to them ----------------------------------------------------


@SPECIAL_FILES
@pytest.mark.parametrize("target", ["/dev/full", "fifo"])
def test_export_to_a_device_or_a_pipe_is_refused(here: Path, ntm: Invoke, target: str) -> None:
    if target == "fifo":
        os.mkfifo(here.parent / "fifo")
    with deadline(10):
        r = ntm("export", "--output", target, "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.USAGE_ERROR, "")
    assert r.stderr == (
        f"Error: {target}: This is not a regular file (a device or a pipe); "
        "give an ordinary file name.\n"
    )
    if target == "fifo":
        path = here.parent / "fifo"
        assert stat.S_ISFIFO(path.stat().st_mode)  # not replaced by a regular file
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            assert os.read(fd, 100) == b""  # nobody wrote into it
        finally:
            os.close(fd)


@SPECIAL_FILES
def test_summary_to_a_pipe_is_refused(demo_dir: Path, ntm: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    with deadline(10):
        r = ntm("--data-dir", str(demo_dir), "summary", "2027", "--output", str(fifo))
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr.count("\n") == 1


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


SPECIAL = {"fifo": _fifo, "link to /dev/zero": _zero}
NOT_REGULAR = (
    "this is not a regular file (a device, a pipe or a socket); ntm reads only ordinary files."
)


@SPECIAL_FILES
@pytest.mark.parametrize("kind", list(SPECIAL))
@pytest.mark.parametrize(
    "args",
    [["status"], ["record", "2026", "income", "80"], ["log"], ["export"], ["summary", "2026"]],
    ids=["status", "record", "log", "export", "summary"],
)
def test_a_year_file_that_is_no_file_is_refused(
    here: Path, ntm: Invoke, kind: str, args: list[str]
) -> None:
    SPECIAL[kind](here / "actuals" / "2026.yaml")
    with deadline(10):
        r = ntm(*args, "--lang", "en")
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == f"Error: data/actuals/2026.yaml: {NOT_REGULAR}\n"
    assert temp_files(here) == []
    assert sorted(p.name for p in (here / "actuals").iterdir()) == ["2026.yaml"]


@SPECIAL_FILES
@pytest.mark.parametrize("kind", list(SPECIAL))
def test_a_year_file_that_is_no_file_is_listed_by_check(here: Path, ntm: Invoke, kind: str) -> None:
    SPECIAL[kind](here / "plans" / "2027.yaml")
    with deadline(10):
        r = ntm("check", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stdout == (f"data/plans/2027.yaml: error: {NOT_REGULAR}\nChecked 2 files: 1 error.\n")


@SPECIAL_FILES
@pytest.mark.parametrize("kind", list(SPECIAL))
@pytest.mark.parametrize("args", [["status"], ["record", "2026", "income", "80"], ["check"]])
def test_a_plan_that_is_no_file_is_refused(
    here: Path, ntm: Invoke, kind: str, args: list[str]
) -> None:
    (here / "targets.yaml").unlink()
    SPECIAL[kind](here / "targets.yaml")
    with deadline(10):
        r = ntm(*args, "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    if args == ["check"]:
        assert r.stdout == f"data/targets.yaml: error: {NOT_REGULAR}\nChecked 1 file: 1 error.\n"
    else:
        assert (r.stdout, r.stderr) == ("", f"Error: data/targets.yaml: {NOT_REGULAR}\n")
    assert list((here / "actuals").iterdir()) == []


@SPECIAL_FILES
@pytest.mark.parametrize("kind", list(SPECIAL))
def test_an_import_file_that_is_no_file_is_refused(here: Path, ntm: Invoke, kind: str) -> None:
    SPECIAL[kind](here.parent / "in.csv")
    with deadline(10):
        r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == f"Error: in.csv: {NOT_REGULAR}\n"
