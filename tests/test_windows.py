"""The Windows branches, run on any machine by giving them a Windows machine's facts:
a file kept open by Word or Excel (Windows' sharing and lock violations, errors 32 and
33), the retried rename, and the command that installs a missing package where ntm runs
(a pipx or uv install, a virtual environment in a folder with a space). (The console
encoding is in test_output.py, the cache folder under %LOCALAPPDATA% in
test_cache_trust.py.)
"""

from __future__ import annotations

import errno
import os
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

import pytest

from ntm_tracker.cli import ExitCode
from ntm_tracker.commands.installation import install_command, installer
from ntm_tracker.storage import fsio
from tests.conftest import Invoke

# -- a file open in Word or Excel -----------------------------------------------------------


def sharing_violation(winerror: int = fsio.SHARING_VIOLATION) -> PermissionError:
    """The error Python raises on Windows for a file another program holds open."""
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = winerror  # type: ignore[attr-defined]  # set by Python on Windows only
    return exc


def test_only_errors_32_and_33_are_a_file_in_use() -> None:
    assert fsio.in_use(sharing_violation(32)) and fsio.in_use(sharing_violation(33))
    assert not fsio.in_use(sharing_violation(5))  # access denied: a real permission problem
    assert not fsio.in_use(PermissionError(errno.EACCES, "Permission denied"))


OPEN_IN_WORD = {
    "en": "Error: {path}: the file is open in another program; close {name} in Word or Excel, "
    "then run the command again.\n",
    "vi": "Lỗi: {path}: tệp đang được mở trong một chương trình khác; hãy đóng tệp {name} trong "
    "Word/Excel rồi chạy lại lệnh.\n",
}


@pytest.mark.parametrize("winerror", [32, 33])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_report_open_in_word_says_to_close_it(
    demo_dir: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch, lang: str, winerror: int
) -> None:
    """Regenerating a report Word has open: not "permission denied, choose another file"."""

    real = os.replace

    def held(src: object, dst: object) -> None:
        if str(dst).endswith("bao-cao.docx"):
            raise sharing_violation(winerror)
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", held)
    monkeypatch.chdir(demo_dir.parent)
    args = ["--data-dir", "demo", "summary", "2027", "-o", "bao-cao.docx", "--lang", lang]
    r = ntm(*args)
    assert (r.exit_code, r.stdout) == (ExitCode.USAGE_ERROR, "")
    assert r.stderr == OPEN_IN_WORD[lang].format(path="bao-cao.docx", name="bao-cao.docx")
    assert sorted(p.name for p in demo_dir.parent.iterdir()) == ["demo"]  # no temporary file


def test_a_year_file_open_in_another_program(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace

    def held(src: object, dst: object) -> None:
        if str(dst).endswith("2026.yaml"):
            raise sharing_violation()
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", held)
    r = ntm("record", "2026", "revenue", "82", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    path = os.path.join("data", "actuals", "2026.yaml")
    assert r.stderr == OPEN_IN_WORD["en"].format(path=path, name="2026.yaml")
    assert list((here / "actuals").iterdir()) == []  # nothing written, no temporary file


def test_an_import_file_open_in_excel(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    (here.parent / "so-lieu.csv").write_text("year,indicator,value\n2026,income,80\n")
    real = open

    def held(file: object, *args: object, **kwargs: object) -> object:
        if str(file).endswith("so-lieu.csv"):
            raise sharing_violation(fsio.LOCK_VIOLATION)
        return real(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(fsio, "open", held, raising=False)
    r = ntm("import", "so-lieu.csv", "--lang", "vi")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == OPEN_IN_WORD["vi"].format(path="so-lieu.csv", name="so-lieu.csv")


# -- the rename, retried while a reader holds the file ----------------------------------------


def test_a_rename_held_back_for_a_moment_is_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a file being read (an antivirus scan, another ntm) cannot be renamed
    over for a moment: the write tries again instead of failing."""
    real, tries = os.replace, []

    def busy_twice(src: object, dst: object) -> None:
        tries.append(dst)
        if len(tries) <= 2:
            raise sharing_violation()
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", busy_twice)
    monkeypatch.setattr(fsio, "RENAME_RETRIES", 20)  # as on Windows
    monkeypatch.setattr(fsio, "RENAME_WAIT", 0)
    target = tmp_path / "r.txt"
    fsio.atomic_write(target, b"new")
    assert (target.read_bytes(), len(tries)) == (b"new", 3)
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_a_rename_held_back_for_good_fails_after_the_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tries = []

    def held(src: object, dst: object) -> None:
        tries.append(dst)
        raise sharing_violation()

    monkeypatch.setattr(os, "replace", held)
    monkeypatch.setattr(fsio, "RENAME_RETRIES", 3)
    monkeypatch.setattr(fsio, "RENAME_WAIT", 0)
    target = tmp_path / "r.txt"
    target.write_bytes(b"old")
    with pytest.raises(PermissionError):
        fsio.atomic_write(target, b"new")
    assert (target.read_bytes(), len(tries)) == (b"old", 4)
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


# -- a missing optional package, installed where ntm runs -------------------------------------

W, P = PureWindowsPath, PurePosixPath


@pytest.mark.parametrize(
    ("prefix", "markers", "tool"),
    [
        (W(r"C:\Users\lan\pipx\venvs\ntm-tracker"), set(), "pipx"),
        (W(r"C:\Users\lan\AppData\Local\pipx\pipx\venvs\ntm-tracker"), set(), "pipx"),
        (P("/home/lan/.local/share/pipx/venvs/ntm-tracker"), set(), "pipx"),
        (W(r"D:\apps\ntm"), {"pipx_metadata.json"}, "pipx"),  # PIPX_HOME elsewhere
        (W(r"C:\Users\lan\AppData\Roaming\uv\data\tools\ntm-tracker"), set(), "uv"),
        (P("/home/lan/.local/share/uv/tools/ntm-tracker"), set(), "uv"),
        (P("/opt/tools/ntm-tracker"), {"uv-receipt.toml"}, "uv"),  # UV_TOOL_DIR elsewhere
        (W(r"C:\Users\lan\ntm\.venv"), set(), "pip"),
        (W(r"C:\Users\lan\AppData\Local\Programs\Python\Python312"), set(), "pip"),
        (P("/home/lan/venvs/ntm"), set(), "pip"),  # a venvs folder, not pipx's
        (P("/usr"), set(), "pip"),
    ],
)
def test_how_ntm_was_installed(prefix: PurePath, markers: set[str], tool: str) -> None:
    assert installer(prefix, markers.__contains__) == tool


@pytest.mark.parametrize(
    ("prefix", "executable", "command"),
    [
        (W(r"C:\Users\lan\pipx\venvs\ntm-tracker"),
         r"C:\Users\lan\pipx\venvs\ntm-tracker\Scripts\python.exe",
         "pipx inject ntm-tracker python-docx"),
        (P("/home/lan/.local/share/uv/tools/ntm-tracker"),
         "/home/lan/.local/share/uv/tools/ntm-tracker/bin/python",
         "uv tool install --with python-docx ntm-tracker"),
        (W(r"C:\Users\lan\ntm\.venv"), r"C:\Users\lan\ntm\.venv\Scripts\python.exe",
         r'C:\Users\lan\ntm\.venv\Scripts\python.exe -m pip install "ntm-tracker[docx]"'),
        (W(r"C:\Users\Lan Anh\ntm\.venv"), r"C:\Users\Lan Anh\ntm\.venv\Scripts\python.exe",
         r'"C:\Users\Lan Anh\ntm\.venv\Scripts\python.exe" -m pip install "ntm-tracker[docx]"'),
        (P("/usr"), "/usr/bin/python3", '/usr/bin/python3 -m pip install "ntm-tracker[docx]"'),
    ],
)  # fmt: skip
def test_the_install_command_fits_the_installation(
    prefix: PurePath, executable: str, command: str
) -> None:
    no_markers = set[str]().__contains__
    found = install_command("python-docx", "docx", prefix=prefix, executable=executable,
                            has_file=no_markers)  # fmt: skip
    assert found == command


def test_the_install_command_is_never_clipped(
    demo_dir: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long path is the command to copy: the message gives it whole, in Vietnamese too."""
    import sys

    python = "/home/lan/" + "thư mục rất dài/" * 8 + ".venv/bin/python"
    monkeypatch.setattr(sys, "executable", python)
    monkeypatch.setitem(sys.modules, "docx", None)  # import fails
    monkeypatch.chdir(demo_dir.parent)
    r = ntm("--data-dir", "demo", "summary", "2027", "-o", "r.docx", "--lang", "vi")
    assert (r.exit_code, r.stdout) == (ExitCode.MISSING_EXTRA, "")
    assert r.stderr == (
        "Lỗi: Chức năng này cần gói python-docx (chưa được cài đặt); hãy cài bằng lệnh: "
        f'"{python}" -m pip install "ntm-tracker[docx]"\n'
    )


# -- what Windows does not have, or does otherwise ---------------------------------------------


def test_no_folder_sync_on_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder cannot be opened on Windows: the rename is left to the file system; on
    POSIX the folder is opened and synced."""
    real, opened = os.open, []

    def recording(path: object, flags: int, *args: object, **kwargs: object) -> int:
        opened.append(path)
        return real(tmp_path, os.O_RDONLY)

    monkeypatch.setattr(os, "open", recording)
    fsio._fsync_dir(tmp_path, posix=False)
    assert opened == []
    fsio._fsync_dir(tmp_path, posix=True)
    assert opened == [tmp_path]


def test_a_path_on_another_drive_is_named_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows a path on another drive has no relative form (relpath raises)."""
    from ntm_tracker.i18n import display

    def other_drive(path: object, start: object = None) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(os.path, "relpath", other_drive)
    assert display(Path("/elsewhere/bao-cao.docx")) == str(Path("/elsewhere/bao-cao.docx"))
