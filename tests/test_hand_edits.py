"""Year files as a person edits them (issue 12): numbers typed the office's way, YAML's
surprises refused with their line, comments that survive every write, stray copies of
a year file, and files no person would write that still must not hang or crash ntm.

Each case here failed before the rewrite: PyYAML's implicit types read ``070`` as 56,
``1:24`` as 84 and ``.inf`` as infinity; a write dumped the whole file again and lost
every comment; a stray ``2026 - Copy.yaml`` stopped every command.
"""

from __future__ import annotations

import dataclasses
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from ntm_tracker.cli import ExitCode
from ntm_tracker.core.domain import Book
from ntm_tracker.core.numbers import parse_number, parse_yes_no
from ntm_tracker.core.problems import DataError
from ntm_tracker.i18n import clip
from ntm_tracker.storage.store import Store
from tests.conftest import Invoke

FIX = "Fix the file and try again."
BOM = b"\xef\xbb\xbf"


def load(data: Path, book: Book = Book.ACTUALS) -> dict[str, tuple[float | bool, bool, str | None]]:
    """The figures of 2026 as the store loads them: {id: (value, estimate, note)}."""
    years = Store(data).load().data.book(book).years
    if 2026 not in years:
        return {}
    return {k: (e.value, e.estimate, e.note) for k, e in years[2026].values.items()}


def values(data: Path, book: Book = Book.ACTUALS) -> dict[str, float | bool]:
    return {k: v for k, (v, _, _) in load(data, book).items()}


def no_traceback(r: Result) -> None:
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)


def year_file(data: Path, text: str | bytes, book: str = "actuals") -> Path:
    path = data / book / "2026.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


# -- numbers as typed ------------------------------------------------------------------


TYPED = [("070", 70.0), ("2,1", 2.1), ("'96,5'", 96.5), ('"070"', 70.0), ("+5", 5.0)]


@pytest.mark.parametrize(("typed", "value"), TYPED)
def test_numbers_typed_by_hand_are_read_as_meant(
    here: Path, ntm: Invoke, typed: str, value: float
) -> None:
    # 070 is seventy (YAML 1.1 read it as the octal 56), 2,1 is two point one
    year_file(here, f"year: 2026\nvalues:\n  schools: {typed}\n")
    assert values(here) == {"schools": value}
    r = ntm("check", "--lang", "en")
    assert (r.exit_code, r.stdout) == (0, "Checked 2 files: no problems.\n")


def test_decimal_comma_and_co_typed_by_hand(here: Path, ntm: Invoke) -> None:
    year_file(here, "year: 2026\nvalues:\n  poverty: 2,1\n  ntm_criteria: có\n")
    assert values(here) == {"poverty": 2.1, "ntm_criteria": True}
    r = ntm("status", "--format", "json", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    import json

    rows = {row["id"]: row for row in json.loads(r.stdout)["indicators"]}
    assert rows["poverty"]["actual"] == 2.1
    assert rows["ntm_criteria"]["actual"] is True


NOT_A_NUMBER = "'{t}' is not a number (indicator 'schools'); write it like 96,5 or 96.5."
TOO_LARGE = "'{t}' is too large to be a figure (indicator 'schools')."
EXPONENT = (
    "'{t}' is written with an exponent (indicator 'schools'); write the figure out in full, "
    "like 80 rather than 8e1."
)
REFUSED = [
    ("1:24", NOT_A_NUMBER),  # YAML 1.1: sexagesimal 84
    ("0x54", NOT_A_NUMBER),  # hexadecimal 84
    ("0b1010100", NOT_A_NUMBER),  # binary 84
    ("8_4", NOT_A_NUMBER),  # 84 with a digit separator
    ("1e999", EXPONENT),  # infinity once read as a float
    ("8e1", EXPONENT),  # the README refuses exponents: 80 is typed 80
    ("9" * 400, TOO_LARGE),  # a 400-digit integer
    (".inf", NOT_A_NUMBER),
    ("-.inf", NOT_A_NUMBER),
    (".nan", NOT_A_NUMBER),
    ("2027-13-02", NOT_A_NUMBER),  # a date that is none (PyYAML raised a bare ValueError)
]


@pytest.mark.parametrize(("typed", "message"), REFUSED, ids=[t[:12] for t, _ in REFUSED])
def test_yaml_number_forms_are_refused_with_their_line(
    here: Path, ntm: Invoke, typed: str, message: str
) -> None:
    year_file(here, f"year: 2026\nvalues:\n  income: 80\n  schools: {typed}\n")
    problem = message.format(t=clip(typed))  # a 400-digit figure is quoted by its start
    r = ntm("status", "--lang", "en")
    no_traceback(r)
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == f"Error: data/actuals/2026.yaml, line 4: {problem} {FIX}\n"
    r = ntm("check", "--lang", "en")
    assert (r.exit_code, r.stdout) == (
        ExitCode.DATA_ERROR,
        f"data/actuals/2026.yaml:4: error: {problem}\nChecked 2 files: 1 error.\n",
    )
    with pytest.raises(DataError) as info:
        Store(here).load()
    assert (info.value.problem.path, info.value.problem.line) == (here / "actuals" / "2026.yaml", 4)


def test_a_huge_value_is_not_quoted_whole(here: Path, ntm: Invoke) -> None:
    year_file(here, "year: 2026\nvalues:\n  income: 8" + " " * 100_000 + "0\n")
    r = ntm("status", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr == (
        "Error: data/actuals/2026.yaml, line 3: '8...' is not a number (indicator 'income'); "
        f"write it like 96,5 or 96.5. {FIX}\n"
    )


# -- comments survive every write --------------------------------------------------------

HAND_WRITTEN = """\
# Số liệu năm 2026 - nhập tay, đừng xóa dòng này
year: 2026   # the year of this file
# -- between the top keys
values:
  # the budget, from the district
  revenue: 82  # quyết toán
  # between two entries

  income:
    # inside a multi-line entry
    value: 80   # from the survey
    note: thu nhập  # a note comment
  poverty: 2,1    # decimal comma typed by hand
  ntm_criteria: có
# after the values
history:
  - {indicator: revenue, value: 81, replaced_at: 2026-03-01T09:30:00+07:00}  # first try
# after the history, at the very end
"""
COMMENTS = [m.group(0).strip() for m in re.finditer(r"#[^\n]*", HAND_WRITTEN)]
START = {"revenue": 82.0, "income": 80.0, "poverty": 2.1, "ntm_criteria": True}


@dataclass(frozen=True)
class Edit:
    name: str
    book: Book
    args: list[str]
    expected: dict[str, float | bool]
    csv: str | None = None


EDITS = [
    Edit("record a new figure", Book.ACTUALS, ["record", "2026", "schools", "70"],
         {**START, "schools": 70.0}),
    Edit("replace a one-line entry", Book.ACTUALS, ["record", "2026", "revenue", "83", "--force"],
         {**START, "revenue": 83.0}),
    Edit("replace a multi-line entry", Book.ACTUALS, ["record", "2026", "income", "85", "--force"],
         {**START, "income": 85.0}),
    Edit("unset", Book.ACTUALS, ["unset", "2026", "poverty"],
         {k: v for k, v in START.items() if k != "poverty"}),
    Edit("plan", Book.PLANS, ["plan", "2026", "revenue", "90", "--force"],
         {**START, "revenue": 90.0}),
    Edit("plan a new figure", Book.PLANS, ["plan", "2026", "e_health", "55,5"],
         {**START, "e_health": 55.5}),
    Edit("import", Book.ACTUALS, ["import", "in.csv", "--force"],
         {**START, "revenue": 84.0, "e_health": 50.0},
         csv="id,year,value\ne_health,2026,50\nrevenue,2026,84\n"),
    Edit("import replacing two", Book.ACTUALS, ["import", "in.csv", "--force"],
         {**START, "revenue": 84.0, "ntm_criteria": False},
         csv="id,year,value\nrevenue,2026,84\nntm_criteria,2026,không\n"),
    Edit("import plan figures", Book.PLANS, ["import", "in.csv", "--force"],
         {**START, "income": 88.0},
         csv="id,year,annual_plan\nincome,2026,88\n"),
]  # fmt: skip
EDIT_PARAMS = [pytest.param(e, id=e.name) for e in EDITS]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("bom", [False, True], ids=["utf8", "bom"])
@pytest.mark.parametrize("edit", EDIT_PARAMS)
def test_comments_survive_every_write(
    here: Path, ntm: Invoke, edit: Edit, newline: str, bom: bool
) -> None:
    folder = "actuals" if edit.book is Book.ACTUALS else "plans"
    raw = (BOM if bom else b"") + HAND_WRITTEN.replace("\n", newline).encode("utf-8")
    path = year_file(here, raw, folder)
    if edit.csv is not None:
        (here.parent / "in.csv").write_text(edit.csv, encoding="utf-8")
    r = ntm(*edit.args, "--lang", "en")
    assert r.exit_code == 0, r.stderr
    new = path.read_bytes()
    assert new.startswith(BOM) == bom
    text = new.removeprefix(BOM).decode("utf-8")
    if newline == "\r\n":
        assert "\n" not in text.replace("\r\n", "")  # every line end is still CRLF
    else:
        assert "\r" not in text
    for comment in COMMENTS:
        assert comment in text, comment
    # the lines the edit did not touch are as they were typed
    top = [
        "# Số liệu năm 2026 - nhập tay, đừng xóa dòng này",
        "year: 2026   # the year of this file",
        "# -- between the top keys",
        "values:",
    ]
    assert text.startswith(newline.join(top))
    assert text.endswith("# after the history, at the very end" + newline)
    assert values(here, edit.book) == edit.expected
    r = ntm("check", "--lang", "en")
    assert (r.exit_code, r.stdout) == (0, "Checked 2 files: no problems.\n")


def test_a_replaced_entry_keeps_its_note_in_the_history(here: Path, ntm: Invoke) -> None:
    year_file(here, HAND_WRITTEN)
    assert ntm("record", "2026", "income", "85", "--force").exit_code == 0
    r = ntm("log", "income", "--format", "json", "--lang", "en")
    assert r.exit_code == 0
    assert '"note": "thu nhập"' in r.stdout


def test_flow_style_values_are_rewritten_as_a_block_keeping_comments(
    here: Path, ntm: Invoke
) -> None:
    path = year_file(
        here,
        "# top\nyear: 2026\nvalues: {revenue: 82, poverty: '2,1'}  # typed in one line\n# end\n",
    )
    assert ntm("record", "2026", "schools", "70").exit_code == 0
    text = path.read_text(encoding="utf-8")
    for comment in ("# top", "# typed in one line", "# end"):
        assert comment in text
    assert values(here) == {"revenue": 82.0, "poverty": 2.1, "schools": 70.0}


# -- stray files in the year folders -------------------------------------------------------

STRAYS = ["2026 - Copy.yaml", "2026 (1).yaml", "~$2026.yaml", "2026.yml", "٢٠٢٦.yaml"]
STRAY = (  # a copy of the year 2026 beside 2026.yaml: what to do with it
    "not read: the figures of 2026 are read from 2026.yaml only; copy what you need from "
    "this file into 2026.yaml, then delete this file or move it out of the folder."
)
LONE = (
    "not read: only files named like 2026.yaml are; if it holds the figures of {y}, rename it "
    "{y}.yaml."
)
COMMANDS = [["status"], ["status", "--format", "json"], ["summary", "2026"],
            ["history", "income"], ["explain", "income"], ["chart", "income"], ["export"],
            ["log"], ["indicators"], ["record", "2027", "income", "80"]]  # fmt: skip


@pytest.mark.parametrize("name", STRAYS)
def test_a_stray_file_is_ignored_with_a_warning(here: Path, ntm: Invoke, name: str) -> None:
    year_file(here, "year: 2026\nvalues:\n  income: 80\n")
    (here / "actuals" / name).write_text("this: is: not [valid YAML\n", encoding="utf-8")
    for args in COMMANDS:
        r = ntm(*args, "--lang", "en")
        no_traceback(r)
        assert r.exit_code == 0, (args, r.stderr)
        stray = f"Warning: data/actuals/{name}: {STRAY}\n"
        if args[0] == "summary":  # and then the figures the report leaves blank
            assert r.stderr.startswith(stray), args
            assert r.stderr[len(stray) :].startswith("Warning: 2026 has no figures yet for 23 ")
        else:
            assert r.stderr == stray, args
    r = ntm("check", "--lang", "en")
    assert (r.exit_code, r.stdout) == (
        0,
        f"data/actuals/{name}: warning: {STRAY}\nChecked 3 files: 1 warning.\n",
    )
    r = ntm("check", "--strict", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR


def test_every_stray_file_is_listed_by_check(here: Path, ntm: Invoke) -> None:
    for name in STRAYS:
        (here / "actuals" / name).write_text("year: 2026\n", encoding="utf-8")
    (here / "plans" / "2027 (1).yaml").write_text("year: 2027\n", encoding="utf-8")
    (here / "actuals" / "notes.txt").write_text("not YAML, not ours: not even a warning\n")
    r = ntm("check", "--lang", "en")
    assert r.exit_code == 0
    lone = LONE.format(y=2026)  # no 2026.yaml: the copy would be the file if renamed
    listed = sorted(f"data/actuals/{n}: warning: {lone}" for n in STRAYS)
    assert r.stdout.splitlines() == [
        *listed,
        f"data/plans/2027 (1).yaml: warning: {LONE.format(y=2027)}",
        "Checked 1 file: 6 warnings.",
    ]


@pytest.mark.parametrize("name", STRAYS)
@pytest.mark.parametrize(
    "args",
    [["record", "2026", "revenue", "82"], ["unset", "2026", "income"], ["import", "in.csv"]],
    ids=["record", "unset", "import"],
)
def test_writing_a_year_a_stray_file_claims_is_refused(
    here: Path, ntm: Invoke, name: str, args: list[str]
) -> None:
    """Two files for one year: ntm will not pick one; it says which and writes nothing."""
    path = year_file(here, "year: 2026\nvalues:\n  income: 80\n")
    (here / "actuals" / name).write_text("year: 2026\nvalues:\n  income: 81\n", encoding="utf-8")
    (here.parent / "in.csv").write_text("id,year,value\nrevenue,2026,82\n", encoding="utf-8")
    before = path.read_bytes()
    r = ntm(*args, "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == (
        f"Warning: data/actuals/{name}: {STRAY}\n"
        f"Error: data/actuals/2026.yaml: other files also claim the year 2026 "
        f"(data/actuals/{name}); merge them into this one and delete them, then try again. "
        "Nothing was written.\n"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in (here / "actuals").iterdir()) == sorted(["2026.yaml", name])


def test_a_year_no_stray_file_claims_can_be_written(here: Path, ntm: Invoke) -> None:
    (here / "actuals" / "2026 - Copy.yaml").write_text("year: 2026\n", encoding="utf-8")
    r = ntm("record", "2027", "income", "80", "--lang", "en")
    assert r.exit_code == 0
    assert Store(here).load().data.actuals.years.keys() == {2027}


# -- hand-written files, generated -------------------------------------------------------

NUMBER_IDS = {"poverty": (0, 100), "schools": (0, 100), "e_health": (0, 100),
              "party_admission": (0, 100), "investment_growth": (-100, 1_000_000)}  # fmt: skip
YES_NO_IDS = ("ntm_criteria", "universal_education", "health_station")
YES_NO_WORDS = ["yes", "no", "Yes", "có", "Có", "không", "KHÔNG", "co", "khong", "true", "false",
                "đạt", "không đạt", "chưa đạt", "x", "ok", "1", "0", "y", "n"]  # fmt: skip
JUNK = ["0x46", "7_0", "1:10", ".inf", ".nan", "1e999", "seventy", "yes", "maybe", "2027-13-02",
        "0b101", "0o17", "96,5,3", "12,5.", "1.2.3,4", "--5", "", "~", "null", "٧٠",
        "5 %x"]  # fmt: skip


@st.composite
def number_text(draw: st.DrawFn, low: float, high: float) -> str:
    """A number the way the office types it (in or out of the indicator's range)."""
    whole = draw(st.integers(min_value=0, max_value=int(min(high, 100_000)) + 50))
    frac = draw(st.sampled_from(["", "5", "25", "05", "125"]))
    negative = low < 0 and draw(st.booleans())
    form = draw(st.sampled_from(["point", "comma", "percent", "zeros", "plus", "sci", "grouped"]))
    sign = "-" if negative else ""
    if form == "sci" and whole % 10 == 0 and whole and not frac:
        return f"{sign}{whole // 10}e1"
    if form == "grouped" and whole >= 1000:
        groups = f"{whole:,}"
        return sign + (
            groups.replace(",", ".") + ("," + frac if frac else "")
            if draw(st.booleans())
            else groups + ("." + frac if frac else "")
        )
    sep = "." if form in ("point", "plus", "zeros", "sci", "grouped") else ","
    body = f"{whole}{sep}{frac}" if frac else str(whole)
    if form == "zeros":
        body = "0" + body
    if form == "plus" and not negative:
        body = "+" + body
    if form == "percent":
        body += "%"
    return sign + body


@dataclass(frozen=True)
class Typed:
    """One entry as typed: the indicator, the scalar text, how it is quoted and laid out."""

    ind: str
    text: str | None  # None: nothing typed (a null)
    quote: str  # "", "'" or '"'
    style: str  # short, flow, block
    in_flow: bool  # inside braces (a flow entry or a flow section): a comma splits
    estimate: str | None
    note: str | None
    comment: str | None  # a trailing comment on the value's line
    above: str | None  # a comment line above the entry
    blank: bool  # a blank line above the entry


COMMENT_TEXT = st.sampled_from(["# ghi chú", "# số liệu huyện: 2026", "#", "# a # in a comment",
                                "# value: 99", "#  Ước thực hiện"])  # fmt: skip
NOTES = ["Ước thực hiện đến 31/12", "BHXH huyện", "provisional figure"]
ESTIMATES = ["yes", "có", "true", "no", "không", "false"]


@st.composite
def typed_entry(draw: st.DrawFn, ind: str, flow_section: bool) -> Typed:
    if ind in YES_NO_IDS:
        text: str | None = draw(st.sampled_from([*YES_NO_WORDS, *JUNK[6:10], "70"]))
    else:
        low, high = NUMBER_IDS[ind]
        text = draw(st.one_of(number_text(low, high), st.sampled_from(JUNK)))
    quote = draw(st.sampled_from(["", "", "'", '"']))
    if text in ("", "~", "null") and quote == "" and draw(st.booleans()):
        text = None  # a null: nothing typed, or ~
    style = "short" if flow_section else draw(st.sampled_from(["short", "flow", "block"]))
    in_flow = flow_section or style == "flow"
    # ':' and a comma cut a plain value inside braces: kept to the forms ntm names
    cut = text is not None and (
        ":" in text or ("," in text and not re.fullmatch(r"-?\d+,\d+", text))
    )
    if quote == "" and in_flow and cut:
        quote = '"'
    extra = style != "short"
    return Typed(
        ind,
        text,
        quote,
        style,
        in_flow,
        draw(st.sampled_from([None, *ESTIMATES])) if extra else None,
        draw(st.sampled_from([None, *NOTES])) if extra else None,
        None if flow_section else draw(st.one_of(st.none(), COMMENT_TEXT)),
        None if flow_section else draw(st.one_of(st.none(), COMMENT_TEXT)),
        not flow_section and draw(st.booleans()),
    )


def scalar(e: Typed) -> str:
    if e.text is None:
        return "~" if e.quote else ""
    return f"{e.quote}{e.text}{e.quote}"


@dataclass(frozen=True)
class HandFile:
    text: str  # with \n line ends; the bytes add CRLF and a BOM
    crlf: bool
    bom: bool
    expected: dict[str, tuple[float | bool, bool, str | None]]  # when error_lines is empty
    error_lines: set[int]

    def raw(self) -> bytes:
        text = self.text.replace("\n", "\r\n") if self.crlf else self.text
        return (BOM if self.bom else b"") + text.encode("utf-8")


def reading(e: Typed) -> tuple[float | bool, bool, str | None] | None:
    """The careful reading of one entry: (value, estimate, note), or None if it is wrong."""
    if e.text is None:
        return None
    if e.quote == "" and e.text.strip() in ("", "~", "null"):
        return None  # YAML's null
    if e.quote == "" and e.in_flow and "," in e.text:
        return None  # split at the comma inside braces
    try:
        if e.ind in YES_NO_IDS:
            value: float | bool = parse_yes_no(e.text)
        else:
            value = parse_number(e.text)
            low, high = NUMBER_IDS[e.ind]
            if not low <= value <= high:
                return None
    except ValueError:
        return None
    estimate = parse_yes_no(e.estimate) if e.estimate is not None else False
    return value, estimate, e.note


@st.composite
def hand_files(draw: st.DrawFn, stray_keys: bool = False) -> HandFile:
    ids = draw(
        st.lists(st.sampled_from([*NUMBER_IDS, *YES_NO_IDS]), min_size=0, max_size=6, unique=True)
    )
    flow_section = bool(ids) and draw(st.integers(0, 4)) == 0
    entries = [draw(typed_entry(i, flow_section)) for i in ids]
    if flow_section:  # one comma at most: two would give the key after it twice
        commas = [e for e in entries if e.quote == "" and e.text and "," in e.text]
        for e in commas[1:]:
            entries[entries.index(e)] = dataclasses.replace(e, quote='"')
    lines: list[str] = []
    errors: set[int] = set()
    expected: dict[str, tuple[float | bool, bool, str | None]] = {}

    def add(line: str) -> int:
        lines.append(line)
        return len(lines)

    if draw(st.booleans()):
        add(draw(COMMENT_TEXT) + " tệp nhập tay")
    if draw(st.booleans()):
        add("")
    year = draw(st.sampled_from(["2026", "'2026'", '"2026"', "2026   # năm"]))
    add(f"year: {year}")
    if draw(st.booleans()):
        add("comment: " + draw(st.sampled_from(["Số liệu minh họa", "draft", '"a: b"'])))
    if stray_keys:
        at = add(f"{draw(st.sampled_from(['notes', 'Year', 'value', 'values2']))}: x")
        errors.add(at)
    if flow_section:
        parts = [f"{e.ind}: {scalar(e)}" for e in entries]
        at = add("values: {" + ", ".join(parts) + "}")
        for e in entries:
            found = reading(e)
            if found is None:
                errors.add(at)
            else:
                expected[e.ind] = found
    else:
        add("values:" if bool(entries) or draw(st.booleans()) else "values: {}")
        for e in entries:
            if e.blank:
                add("")
            if e.above is not None:
                add("  " + e.above)
            tail = f"  {e.comment}" if e.comment is not None else ""
            found = reading(e)
            if e.style == "short":
                at = add(f"  {e.ind}: {scalar(e)}{tail}".rstrip() if e.text is None
                         else f"  {e.ind}: {scalar(e)}{tail}")  # fmt: skip
                value_line = at
            elif e.style == "flow":
                fields = [f"value: {scalar(e)}"]
                if e.estimate is not None:
                    fields.append(f"estimate: {e.estimate}")
                if e.note is not None:
                    fields.append(f'note: "{e.note}"')
                at = add(f"  {e.ind}: {{{', '.join(fields)}}}{tail}")
                value_line = at
            else:
                at = add(f"  {e.ind}:{tail}")
                value_line = add(f"    value: {scalar(e)}".rstrip())
                if e.estimate is not None:
                    add(f"    estimate: {e.estimate}")
                if e.note is not None:
                    add("    # the note")
                    add(f"    note: {e.note}")
            if found is None:
                errors.add(at if e.text is None or (e.quote == "" and e.text in ("~", "null", ""))
                           else value_line)  # fmt: skip
            else:
                expected[e.ind] = found
    if draw(st.booleans()):
        add("# after the values")
    if stray_keys and entries and not flow_section and draw(st.booleans()):
        at = add("  extra_entry_key: 1")
        errors.add(at)  # an id that is not in the plan
    return HandFile(
        "\n".join(lines) + "\n", draw(st.booleans()), draw(st.booleans()), expected, errors
    )


def check_hand_file(data: Path, ntm: Invoke, f: HandFile) -> None:
    year_file(data, f.raw())
    try:
        got = load(data)
        problem = None
    except DataError as exc:
        got, problem = None, exc.problem
    status = ntm("status", "--lang", "en")
    check = ntm("check", "--lang", "en")
    no_traceback(status)
    no_traceback(check)
    if not f.error_lines:
        assert problem is None, (f.text, problem)
        assert got == f.expected, f.text
        assert (status.exit_code, status.stderr) == (0, ""), f.text
        assert (check.exit_code, check.stdout) == (0, "Checked 2 files: no problems.\n"), f.text
        return
    first = min(f.error_lines)
    assert problem is not None and problem.line == first, (f.text, problem)
    assert (status.exit_code, status.stdout) == (ExitCode.DATA_ERROR, ""), f.text
    assert status.stderr.count("\n") == 1, status.stderr
    assert status.stderr.startswith(f"Error: data/actuals/2026.yaml, line {first}: "), f.text
    assert status.stderr.endswith(f" {FIX}\n"), status.stderr
    assert check.exit_code == ExitCode.DATA_ERROR, f.text
    *found, summary = check.stdout.splitlines()
    assert re.fullmatch(r"Checked 2 files: \d+ errors?\.", summary), check.stdout
    lines = set()
    for line in found:
        m = re.match(r"data/actuals/2026\.yaml:(\d+): error: ", line)
        assert m is not None, line
        lines.add(int(m.group(1)))
    assert lines == f.error_lines, (f.text, check.stdout)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(f=hand_files())
def test_hand_written_year_files_read_as_meant_or_one_located_error(
    here: Path, ntm: Invoke, f: HandFile
) -> None:
    """Every form a person types: either exactly the figures a careful reading gives, or
    one error line with the file and the first wrong line (and `check` lists each)."""
    check_hand_file(here, ntm, f)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(f=hand_files(stray_keys=True))
def test_hand_written_year_files_with_stray_keys(here: Path, ntm: Invoke, f: HandFile) -> None:
    check_hand_file(here, ntm, f)


# -- record, plan and unset, in any order, on a commented file ------------------------------

OPS_FILE = """\
# hand-written: keep these comments
year: 2026
values:
  # economy
  revenue: 82   # quyết toán
  income:
    value: 80  # khảo sát
    # inside the entry
    note: thu nhập
  # society
  poverty: 2,1
  ntm_criteria: có   # kept
# after values
history:
  - {indicator: revenue, value: 81, replaced_at: 2026-03-01T09:30:00+07:00}
# the end
"""
OPS_COMMENTS = [m.group(0).strip() for m in re.finditer(r"#[^\n]*", OPS_FILE)]
OPS_START = {"revenue": 82.0, "income": 80.0, "poverty": 2.1, "ntm_criteria": True}
OP_IDS = ["revenue", "income", "poverty", "schools", "ntm_criteria", "health_station"]


@st.composite
def operation(draw: st.DrawFn) -> tuple[str, str, str | None]:
    op = draw(st.sampled_from(["record", "plan", "unset", "unset --plan"]))
    ind = draw(st.sampled_from(OP_IDS))
    if op.startswith("unset"):
        return op, ind, None
    if ind in ("ntm_criteria", "health_station"):
        return op, ind, draw(st.sampled_from(["có", "không", "yes", "no"]))
    low = {"revenue": 1, "income": 10}.get(ind, 0)  # inside the plausible ranges
    whole = draw(st.integers(low, 99))
    tenth = draw(st.integers(0, 9))
    return op, ind, draw(st.sampled_from([f"{whole},{tenth}", f"{whole}.{tenth}", str(whole)]))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=st.lists(operation(), min_size=1, max_size=7))
def test_any_sequence_of_edits_keeps_every_comment(
    here: Path, ntm: Invoke, ops: list[tuple[str, str, str | None]]
) -> None:
    paths = {
        Book.ACTUALS: year_file(here, OPS_FILE),
        Book.PLANS: year_file(here, OPS_FILE, "plans"),
    }
    model = {Book.ACTUALS: dict(OPS_START), Book.PLANS: dict(OPS_START)}
    for op, ind, typed in ops:
        book = Book.PLANS if op in ("plan", "unset --plan") else Book.ACTUALS
        if op.startswith("unset"):
            r = ntm(
                "unset", "2026", ind, *(["--plan"] if book is Book.PLANS else []), "--lang", "en"
            )
            if ind in model[book]:
                assert r.exit_code == 0, r.stderr
                del model[book][ind]
            else:
                what = "plan figure" if book is Book.PLANS else "figure"
                assert (r.exit_code, r.stderr) == (
                    ExitCode.USAGE_ERROR,
                    f"Error: There is no {what} for {ind} 2026 to remove.\n",
                )
        else:
            assert typed is not None
            r = ntm(op, "2026", ind, typed, "--force", "--lang", "en")
            assert r.exit_code == 0, r.stderr
            model[book][ind] = (
                parse_yes_no(typed) if ind in ("ntm_criteria", "health_station")
                else parse_number(typed)
            )  # fmt: skip
        for b, path in paths.items():
            text = path.read_text(encoding="utf-8")
            for comment in OPS_COMMENTS:
                assert comment in text, (comment, text)
            assert values(here, b) == model[b], text
    r = ntm("check", "--lang", "en")
    assert (r.exit_code, r.stdout) == (0, "Checked 3 files: no problems.\n")


# -- pathological files -------------------------------------------------------------------

SPACES = " " * 1_000_000
PATHOLOGICAL = {
    "a value with a million spaces": "year: 2026\nvalues:\n  income: 8" + SPACES + "0\n",
    "a quoted value with a million spaces": f'year: 2026\nvalues:\n  income: "8{SPACES}0"\n',
    "a million spaces after a value": "year: 2026\nvalues:\n  income: 80" + SPACES + "\n",
    "lists 5,000 deep in flow style": "year: 2026\nvalues: " + "[" * 5000 + "]" * 5000 + "\n",
    "mappings 5,000 deep in flow style": "year: 2026\nvalues: "
    + "{a: " * 5000
    + "1"
    + "}" * 5000
    + "\n",
    "mappings 5,000 deep in block style": "year: 2026\nvalues:\n"
    + "".join(" " * (i + 2) + f"k{i}:\n" for i in range(5000)),
    "lists 5,000 deep in block style": "year: 2026\nvalues:\n"
    + "".join(" " * (i + 2) + "-\n" for i in range(5000)),
    "a 5 MB comment line": "# " + "x" * 5_000_000 + "\nyear: 2026\nvalues:\n  income: 80\n",
    "a 5 MB figure": "year: 2026\nvalues:\n  income: " + "9" * 5_000_000 + "\n",
    "a 5 MB note": "year: 2026\nvalues:\n  income: {value: 80, note: " + "x" * 5_000_000 + "}\n",
    "a 5 MB comment field": "year: 2026\ncomment: " + "x" * 5_000_000 + "\n",
}


@pytest.mark.parametrize(
    "name",
    PATHOLOGICAL,
)
def test_pathological_files_load_or_fail_in_a_second(here: Path, ntm: Invoke, name: str) -> None:
    year_file(here, "year: 2026\nvalues:\n  income: 80\n")
    assert ntm("status").exit_code == 0  # imports and the plan's cache are warm
    year_file(here, PATHOLOGICAL[name])
    for args in (["status"], ["check"]):
        start = time.perf_counter()
        r = ntm(*args, "--lang", "en")
        took = time.perf_counter() - start
        no_traceback(r)
        assert took < 1.0, (args, took)
        assert r.exit_code in (0, ExitCode.DATA_ERROR)
        if args == ["status"]:
            assert r.stderr.count("\n") == (r.exit_code != 0), r.stderr[:300]
            if r.exit_code:
                assert r.stderr.startswith("Error: data/actuals/2026.yaml, line ")
        elif r.exit_code:
            assert r.stdout.splitlines()[-1] == "Checked 2 files: 1 error."


def test_a_replaced_figure_keeps_its_comment_where_it_was_typed(here: Path, ntm: Invoke) -> None:
    year_file(here, "year: 2026\nvalues:\n  revenue: 82      # quyết toán\n  income: 80\n")
    assert ntm("record", "2026", "revenue", "83", "--force").exit_code == 0
    text = (here / "actuals" / "2026.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[2].startswith("  revenue: {value: 83, ")
    assert text.splitlines()[2].endswith("}      # quyết toán")
