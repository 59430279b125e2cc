"""Where output goes: stdout and stderr in any console or pipe (UTF-8 when redirected,
whatever the code page), and `--output FILE` (or `-`, the screen) on every command that
prints a report or a table.

The Windows branches are run here by giving the stream facts a Windows machine has
(a console that reports UTF-8, a redirect in the ANSI code page); the subprocess tests
make Python itself pick a code page with PYTHONIOENCODING, as Windows does without
UTF-8 mode.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ntm_tracker.cli import ExitCode
from ntm_tracker.render.output import configure_streams, stream_encoding
from tests.conftest import ROOT, Invoke

# -- the encoding of stdout and stderr ----------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "chosen"),
    [
        # redirected on Windows without UTF-8 mode: the ANSI code page, or PYTHONIOENCODING
        (("cp1258", "strict", False), ("utf-8", "replace")),
        (("cp1252", "strict", False), ("utf-8", "replace")),
        (("cp1258", "backslashreplace", False), ("utf-8", "backslashreplace")),  # stderr
        # a Windows 10+ console: Python writes UTF-16 to it and says utf-8
        (("utf-8", "strict", True), ("utf-8", "replace")),
        (("utf-8", "backslashreplace", True), None),
        # a legacy console (PYTHONLEGACYWINDOWSSTDIO) in its OEM code page: shown as it can
        (("cp437", "strict", True), ("cp437", "replace")),
        (("cp1258", "backslashreplace", True), None),
        # Linux and macOS: a UTF-8 pipe and terminal
        (("utf-8", "strict", False), ("utf-8", "replace")),
        (("UTF-8", "replace", False), None),
    ],
)
def test_the_encoding_of_a_stream(
    facts: tuple[str, str, bool], chosen: tuple[str, str] | None
) -> None:
    assert stream_encoding(*facts) == chosen


def test_a_redirected_stream_in_a_code_page_writes_utf8() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1258", errors="strict")
    configure_streams([stream])
    stream.write("Xã Xuân Trường\n")
    stream.flush()
    assert raw.getvalue() == "Xã Xuân Trường\n".encode()


class _Console(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_a_legacy_console_replaces_what_it_cannot_show() -> None:
    raw = io.BytesIO()
    stream = _Console(raw, encoding="cp437", errors="strict")
    configure_streams([stream])
    stream.write("Trường Hòa\n")
    stream.flush()
    assert raw.getvalue() == b"Tr??ng H\x95a\n"  # ư and ờ are not in cp437; ò is


def test_a_stream_that_cannot_be_reconfigured_is_left_alone() -> None:
    stream = io.StringIO()
    configure_streams([stream])  # no reconfigure(): nothing happens, nothing fails
    stream.write("Trường")
    assert stream.getvalue() == "Trường"


def _python_ntm(
    args: list[str], encoding: str, cwd: Path, cache: Path
) -> subprocess.CompletedProcess[bytes]:
    """`python -m ntm_tracker ARGS` with stdout and stderr redirected to pipes, in the
    encoding Python takes from PYTHONIOENCODING (as it takes the ANSI code page on Windows)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NTM_", "PYTHON", "LC_"))}
    env.update(
        PYTHONIOENCODING=encoding,
        PYTHONPATH=str(ROOT),
        NTM_CACHE_DIR=str(cache),
        COLUMNS="200",
        LANG="C",
    )
    return subprocess.run(
        [sys.executable, "-m", "ntm_tracker", *args],
        capture_output=True, cwd=cwd, env=env, check=False,
    )  # fmt: skip


CONSOLE = [
    (["status"], ExitCode.OK),
    (["status", "--lang", "en"], ExitCode.OK),  # the commune's name is Vietnamese all the same
    (["summary", "2027"], ExitCode.OK),
    (["record", "2031", "revenue", "82"], ExitCode.USAGE_ERROR),
    (["record", "2027", "thu nhập", "82", "--lang", "en"], ExitCode.USAGE_ERROR),  # typed
    (["--help"], ExitCode.OK),
    (["record", "--help"], ExitCode.OK),
]


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252"])
@pytest.mark.parametrize(("args", "code"), CONSOLE, ids=[" ".join(a) for a, _ in CONSOLE])
def test_redirected_output_is_utf8_in_any_code_page(
    demo_dir: Path, tmp_path: Path, args: list[str], code: int, encoding: str
) -> None:
    """`ntm status > s.txt` on a Windows PC without UTF-8 mode: exit 0 and a UTF-8 file,
    the same bytes as where UTF-8 is the default; an error on stderr the same, never an
    \\u escape."""
    here, cache = demo_dir.parent, tmp_path / "cache"
    folder = ["--data-dir", demo_dir.name]
    done = _python_ntm([*folder, *args], encoding, here, cache)
    assert done.returncode == code, done.stderr.decode("utf-8", "replace")
    utf8 = _python_ntm([*folder, *args], "utf-8", here, cache)
    assert (done.stdout, done.stderr) == (utf8.stdout, utf8.stderr)
    assert b"\\u" not in done.stdout + done.stderr
    assert not (done.stdout + done.stderr).isascii()  # Vietnamese, as UTF-8
    (done.stdout + done.stderr).decode("utf-8")


# -- --output FILE, and '-' -----------------------------------------------------------------

REPORTS = [
    (["status"], "s.txt"),
    (["status", "--format", "csv"], "s.csv"),
    (["status"], "s.json"),  # the format follows the extension
    (["indicators"], "i.txt"),
    (["summary", "2027"], "r.txt"),
    (["summary", "2027"], "r.md"),
    (["history", "1"], "h.txt"),
    (["history", "1"], "h.csv"),
    (["explain", "income"], "e.txt"),
    (["chart", "income"], "c.txt"),
    (["export"], "x.csv"),
    (["export"], "x.json"),
    (["check"], "k.txt"),
    (["check"], "k.json"),
    (["log", "6a"], "l.txt"),
    (["log", "6a"], "l.json"),
]


@pytest.mark.parametrize(("args", "name"), REPORTS, ids=[f"{a[0]} {n}" for a, n in REPORTS])
def test_every_report_can_be_written_to_a_file(
    demo_dir: Path,
    ntm: Invoke,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    name: str,
) -> None:
    """--output FILE holds exactly what the command prints in the format its extension
    names (without colour); --output - prints it."""
    monkeypatch.chdir(tmp_path)
    folder = ["--data-dir", str(demo_dir), "--lang", "en"]
    r = ntm(*folder, *args, "--output", name)
    assert (r.exit_code, r.stdout) == (0, f"Written: {name}\n")
    # a report to fill in names its blanks (test_summary.py); nothing else is said
    blanks = "Warning: the report has 3 blanks to fill in before it is sent"
    assert r.stderr == "" or (args[0] == "summary" and r.stderr.startswith(blanks))
    fmt = {"txt": None, "md": "markdown"}.get(name.rsplit(".", 1)[1], name.rsplit(".", 1)[1])
    given = [] if fmt is None or "--format" in args else ["--format", fmt]
    shown = ntm(*folder, *args, *given)
    assert shown.exit_code == 0, shown.stderr
    assert (tmp_path / name).read_bytes() == shown.stdout_bytes
    dash = ntm(*folder, *args, *given, "--output", "-")
    assert (dash.exit_code, dash.stdout_bytes) == (0, shown.stdout_bytes)
    assert not (tmp_path / "-").exists()


def test_a_file_gets_no_colour(demo_dir: Path, ntm: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "s.txt"
    r = ntm("--data-dir", str(demo_dir), "status", "--color", "always", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert "\x1b[" in ntm("--data-dir", str(demo_dir), "status", "--color", "always").stdout
    assert "\x1b[" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "magic"),
    [
        (["export", "--format", "xlsx"], b"PK\x03\x04"),
        (["summary", "2027", "--format", "docx"], b"PK\x03\x04"),
    ],
)
def test_a_workbook_or_a_document_goes_to_stdout_only_when_asked(
    demo_dir: Path,
    ntm: Invoke,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    magic: bytes,
) -> None:
    monkeypatch.chdir(tmp_path)
    r = ntm("--data-dir", str(demo_dir), *args, "--output", "-", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert r.stdout_bytes.startswith(magic)
    assert [p.name for p in tmp_path.iterdir()] == ["demo"]  # no file named -
    r = ntm("--data-dir", str(demo_dir), *args, "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR
    fmt = args[-1]
    message = f"{fmt} is a file format, not for the screen: add --output FILE.{fmt}."
    assert r.stderr == f"Error: {message}\n"


def test_a_chart_as_an_image_and_as_text(
    demo_dir: Path, ntm: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = ["--data-dir", str(demo_dir), "--lang", "en"]
    r = ntm(*folder, "chart", "income", "--png", "c.png", "--output", "c.txt")
    assert (r.exit_code, r.stdout) == (0, "Written: c.png\nWritten: c.txt\n")
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")
    text = ntm(*folder, "chart", "income").stdout
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == text
    r = ntm(*folder, "chart", "income", "--png", "d.png")
    assert (r.exit_code, r.stdout) == (0, "Written: d.png\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", "--output", "s.md"],
         "s.md: A .md file cannot be written here; give a file ending in one of: '.txt', "
         "'.json', '.csv'."),
        (["explain", "income", "--output", "e.csv"],
         "e.csv: A .csv file cannot be written here; give a file ending in one of: '.txt'."),
        (["status", "--format", "json", "--output", "s.txt"],
         "s.txt: The file name ends in .txt but the format is json; make them agree."),
    ],
)  # fmt: skip
def test_an_output_file_of_another_kind_is_refused(
    here: Path, ntm: Invoke, args: list[str], message: str
) -> None:
    r = ntm("--lang", "en", *args)
    assert (r.exit_code, r.stdout, r.stderr) == (ExitCode.USAGE_ERROR, "", f"Error: {message}\n")
    assert sorted(p.name for p in here.parent.iterdir()) == ["data"]
