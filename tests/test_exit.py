"""The ``ntm`` process ends at once after its command (``cli.main`` -> ``exit_now``,
without the interpreter's teardown): everything it wrote arrives whole wherever stdout
goes, the exit code is the command's, and the folder's lock is free and no data or cache
file is open by then. Each test runs a real process (``python -m ntm_tracker``); the
in-process runs of the other tests (CliRunner calls ``app()``) never reach ``exit_now``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Invoke

# Runs `ntm` as the console script does, checking at the moment the process is ended
# whether another process could take the folder's lock and which of the folder's and the
# cache's files are still open. With "--hold" the command ends while holding the lock:
# the check must then see it held (it does check something).
CHECKED_EXIT = """
import fcntl, os, sys
from pathlib import Path
from ntm_tracker import cli
from ntm_tracker.storage.store import LOCK_FILE, Store

data = Path(sys.argv[1]).resolve()
cache = Path(os.environ["NTM_CACHE_DIR"]).resolve()
hold = sys.argv[2] == "--hold"
real_exit = cli.exit_now

def checked_exit(code):
    fd = os.open(data / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        free = True
    except OSError:
        free = False
    finally:
        os.close(fd)
    names = [os.path.realpath(f"/proc/self/fd/{n}") for n in os.listdir("/proc/self/fd")]
    held = sorted(n for n in names if n.startswith((str(data), str(cache))))
    print(f"lock free: {free}; open: {held}", file=sys.stderr)
    real_exit(code)

cli.exit_now = checked_exit
sys.argv = ["ntm", "--data-dir", str(data), *sys.argv[3 if hold else 2:]]
if hold:
    with Store(data).lock():
        checked_exit(0)
cli.main()
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NTM_", "PYDANTIC_"))}
    env.update(NTM_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT), COLUMNS="200")
    return {**env, **extra}


def _ntm(tmp_path: Path, *args: str, **kw: Any) -> subprocess.CompletedProcess[bytes]:
    proc: subprocess.CompletedProcess[bytes] = subprocess.run(
        [sys.executable, "-m", "ntm_tracker", *args],
        env=_env(tmp_path), stdin=subprocess.DEVNULL, check=False, **kw,
    )  # fmt: skip
    return proc


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_piped_output_is_complete(ntm: Invoke, demo_dir: Path, tmp_path: Path, fmt: str) -> None:
    args = ("--data-dir", str(demo_dir), "status", "--format", fmt, "--lang", "en")
    proc = _ntm(tmp_path, *args, capture_output=True)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout == ntm(*args).stdout_bytes
    if fmt == "json":
        assert len(proc.stdout) > 8192  # more than one buffer's worth


def test_output_to_a_file_is_complete(ntm: Invoke, demo_dir: Path, tmp_path: Path) -> None:
    args = ("--data-dir", str(demo_dir), "status", "--format", "json")
    out = tmp_path / "status.json"
    with open(out, "wb") as handle:
        proc = _ntm(tmp_path, *args, stdout=handle, stderr=subprocess.PIPE)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert out.read_bytes() == ntm(*args).stdout_bytes


def test_a_reader_that_left_ends_it_quietly(demo_dir: Path, tmp_path: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # `ntm status | head` after head has gone: every write fails (EPIPE)
    try:
        proc = _ntm(tmp_path, "--data-dir", str(demo_dir), "status", stdout=write,
                    stderr=subprocess.PIPE)  # fmt: skip
    finally:
        os.close(write)
    # typer (click) ends a command whose reader has gone with 1, and nothing is said:
    # no "Exception ignored" from a last flush at exit
    assert (proc.returncode, proc.stderr) == (1, b"")


@pytest.mark.posix_only("/dev/full, a device that is always full, is Linux's")
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_output_that_cannot_be_written_is_said(demo_dir: Path, tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = _ntm(tmp_path, "--data-dir", str(demo_dir), "status", "--lang", "en",
                    stdout=full, stderr=subprocess.PIPE)  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.decode("utf-8") == (
        "Error: The output cannot be written: the disk is full; check where it is sent and "
        "run the command again.\n"
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("record", "2026", "6a", "90"), 3),  # a figure already recorded
        (("record", "2026", "6a", "90", "--force"), 0),
        (("recrod", "2026", "6a", "90"), 2),
        (("--data-dir", "missing", "status"), 1),
    ],
)
def test_the_exit_code_is_the_commands(
    demo_dir: Path, tmp_path: Path, args: tuple[str, ...], code: int
) -> None:
    proc = _ntm(tmp_path, "--data-dir", str(demo_dir), *args, capture_output=True, cwd=tmp_path)
    assert proc.returncode == code, proc.stderr


needs_proc = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir() or sys.platform == "win32", reason="Linux /proc needed"
)


def _checked(tmp_path: Path, demo_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHECKED_EXIT, str(demo_dir), *args],
        env=_env(tmp_path), capture_output=True, text=True, check=False,
    )  # fmt: skip


@needs_proc
def test_a_write_has_released_the_lock_and_closed_its_files_before_the_end(
    demo_dir: Path, tmp_path: Path
) -> None:
    proc = _checked(tmp_path, demo_dir, "record", "2027", "schools", "81", "--force")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "lock free: True; open: []\n"
    assert "value: 81," in (demo_dir / "actuals" / "2027.yaml").read_text(encoding="utf-8")


@needs_proc
def test_the_check_sees_a_lock_still_held(demo_dir: Path, tmp_path: Path) -> None:
    proc = _checked(tmp_path, demo_dir, "--hold")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith("lock free: False; open: [")
    assert ".ntm.lock" in proc.stderr


@needs_proc
def test_a_failed_write_has_released_the_lock_too(demo_dir: Path, tmp_path: Path) -> None:
    proc = _checked(tmp_path, demo_dir, "record", "2026", "6a", "90", "--lang", "en")
    assert proc.returncode == 3
    assert proc.stderr.endswith("lock free: True; open: []\n")
