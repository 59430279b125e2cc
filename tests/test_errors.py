"""One reproduction per user error of the whole tool: its exact words and its exit code.

In the style of hledger's error tests: each case sets up the smallest data folder that
causes the error (a one-indicator plan for the plan's own errors), runs one command in
the folder's parent (so that paths read `data/...`), and checks stderr, stdout, the exit
code and that nothing was written. A new `problem.*` message gets a new case here; the
last test checks that every key of the catalog has one (or says why it cannot).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ntm_tracker.cli import ExitCode, app
from tests.conftest import Invoke

Setup = Callable[[Path], object]  # prepares the folder; what it returns is ignored
FIX = "Fix the file and try again."
FORCE = "Add --force to replace (the old figure is kept in the year file's history)."

MINI = """\
title:
  vi: Kế hoạch
  en: Plan
commune: Xã A
term:
  start: 2025
  end: 2030
baseline_year: 2025
indicators:
  - id: income
    number: "3"
    field: economy
    name: {vi: Thu nhập, en: Income}
    unit: {vi: triệu đồng, en: million VND}
    kind: level
    measure: amount
    comparator: at_least
    target: 120
    target_year: 2030
"""
SECOND = """\
  - id: poverty
    number: "4"
    field: culture_society
    name: {vi: Hộ nghèo, en: Poverty}
    unit: {vi: "%", en: "%"}
    kind: level
    measure: percent
    comparator: below
    target: 1
    target_year: 2030
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".ntm.lock"
    }


# -- setups ------------------------------------------------------------------------------


def nothing(data: Path) -> None:
    """The data folder as `ntm init` makes it: the shipped plan, no figures."""


def year(text: str | bytes, name: str = "2026.yaml", book: str = "actuals") -> Setup:
    def setup(data: Path) -> None:
        path = data / book / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    return setup


def values(text: str) -> Setup:
    return year("year: 2026\nvalues:\n" + text)


def mini(old: str = "", new: str = "") -> Setup:
    """The one-indicator plan, with ``old`` replaced by ``new``."""

    def setup(data: Path) -> None:
        assert old in MINI
        (data / "targets.yaml").write_text(MINI.replace(old, new, 1), encoding="utf-8")

    return setup


def mini_edits(*edits: tuple[str, str]) -> Setup:
    """The one-indicator plan with several replacements."""

    def setup(data: Path) -> None:
        text = MINI
        for old, new in edits:
            assert old in text
            text = text.replace(old, new, 1)
        (data / "targets.yaml").write_text(text, encoding="utf-8")

    return setup


def plan_text(text: str | bytes) -> Setup:
    def setup(data: Path) -> None:
        path = data / "targets.yaml"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    return setup


def remove(relative: str) -> Setup:
    def setup(data: Path) -> None:
        path = data / relative
        shutil.rmtree(path) if path.is_dir() else path.unlink()

    return setup


def file_instead(relative: str) -> Setup:
    def setup(data: Path) -> None:
        remove(relative)(data)
        (data / relative).write_text("not a folder\n")

    return setup


def folder_instead(relative: str) -> Setup:
    def setup(data: Path) -> None:
        remove(relative)(data)
        (data / relative).mkdir()

    return setup


def csv_in(text: str | bytes, name: str = "in.csv") -> Setup:
    """An import file next to the data folder (the working folder of every case)."""

    def setup(data: Path) -> None:
        path = data.parent / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    return setup


def workbook(name: str, sheet: str, rows: list[list[object]]) -> Setup:
    """An Excel workbook of one sheet next to the data folder."""

    def setup(data: Path) -> None:
        from openpyxl import Workbook

        book = Workbook()
        book.active.title = sheet
        for row in rows:
            book.active.append(row)
        book.save(data.parent / name)

    return setup


def both(*setups: Setup) -> Setup:
    def setup(data: Path) -> None:
        for s in setups:
            s(data)

    return setup


def fifo(relative: str) -> Setup:
    def setup(data: Path) -> None:
        remove(relative)(data)
        os.mkfifo(data / relative)

    return setup


POSIX_FIFO = pytest.mark.posix_only("a FIFO (os.mkfifo)")
POSIX_DEV = pytest.mark.posix_only("/dev/null")


def beside(name: str, mode: int = 0o644) -> Setup:
    """A file next to the data folder (an output file already there)."""

    def setup(data: Path) -> None:
        path = data.parent / name
        path.write_text("finished by hand\n")
        path.chmod(mode)

    return setup


def read_only(relative: str) -> Setup:
    def setup(data: Path) -> None:
        (data / relative).chmod(0o444)

    return setup


def err(message: str) -> str:
    return f"Error: {message}\n"


@dataclass(frozen=True)
class Case:
    name: str
    setup: Setup
    args: list[str]
    code: ExitCode
    stderr: str  # the whole of stderr
    marks: tuple[pytest.MarkDecorator, ...] = field(default=())


F = "data/actuals/2026.yaml"
P = "data/targets.yaml"
NOT_NUMBER = "'{t}' is not a number (indicator '{i}'); write it like 96,5 or 96.5."
SHAPE = "data/actuals/2026.yaml, line 3: a figure must be a single value, not '[...]'."
TOP_KEYS = "'year', 'comment', 'values', 'history'"
ENTRY_KEYS = "'value', 'estimate', 'note', 'recorded_at', 'recorded_by'"
ADD_TO_MINI = "    target_year: 2030\n"

CASES = [
    # -- the data folder
    Case("folder.missing", remove(""), ["status"], ExitCode.DATA_ERROR,
         err("data: the data folder does not exist. Run ntm in the folder that holds data/, "
             "give the folder with --data-dir PATH (or NTM_DATA_DIR), or create one with "
             "`ntm init`.")),
    Case("folder.not_folder (data)", file_instead(""),
         ["status"], ExitCode.DATA_ERROR, err("data: this is a file, not a folder.")),
    Case("folder.not_folder (actuals)", file_instead("actuals"), ["status"],
         ExitCode.DATA_ERROR, err("data/actuals: this is a file, not a folder.")),
    Case("folder.not_folder (plans)", file_instead("plans"), ["record", "2026", "income", "80"],
         ExitCode.DATA_ERROR, err("data/plans: this is a file, not a folder.")),
    Case("folder.no_plan", remove("targets.yaml"), ["status"], ExitCode.DATA_ERROR,
         err("data: there is no plan here (data/targets.yaml is missing); create a data "
             "folder with `ntm init`.")),
    # -- reading a file
    Case("file.is_folder", folder_instead("targets.yaml"), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}: this is a folder; a file is needed here.")),
    Case("file.is_folder (a year)", lambda d: (d / "actuals" / "2026.yaml").mkdir(),
         ["status"], ExitCode.DATA_ERROR, err(f"{F}: this is a folder; a file is needed here.")),
    Case("file.missing", nothing, ["import", "figures.csv"], ExitCode.DATA_ERROR,
         err("figures.csv: the file does not exist.")),
    Case("file.not_regular", fifo("targets.yaml"), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}: this is not a regular file (a device, a pipe or a socket); ntm reads only "
             "ordinary files."), marks=(POSIX_FIFO,)),
    Case("file.not_utf8", year(b"year: 2026\n# caf\xe9\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 2: the file is not UTF-8 text; save it again as UTF-8. {FIX}")),
    Case("file.not_utf8 (plan)", plan_text(b"\xff\xfe"), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 1: the file is not UTF-8 text; save it again as UTF-8. {FIX}")),
    # -- YAML
    Case("yaml.tab", values("\tincome: 87\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 3: a tab character; YAML needs spaces, not tabs, to indent. {FIX}")),
    Case("yaml.colon_in_value", values("  income: note: 87\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: a ':' inside a value; put the value in quotes (\"...\"). {FIX}")),
    Case("yaml.missing_colon", values("  income: 87\n  poverty\n  schools: 5\n"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 5: a line without 'key: value'; check the ':' and the indentation "
             f"here. {FIX}")),
    Case("yaml.unclosed_quote", values('  income: "87\n'), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 4: a quote is opened and never closed. {FIX}")),
    Case("yaml.escape", values('  income: {value: 87, note: "C:\\data"}\n'), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: an unknown escape (a backslash) inside double quotes; use single "
             f"quotes or write \\\\. {FIX}")),
    Case("yaml.too_deep", values("  income: " + "[" * 100 + "]" * 100 + "\n"), ["status"],
         ExitCode.DATA_ERROR, err(f"{F}, line 3: the YAML is nested far too deeply. {FIX}")),
    Case("yaml.several_documents", year("year: 2026\n---\nyear: 2026\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 2: the file holds several YAML documents (---); keep one. {FIX}")),
    Case("yaml.indentation", values("  income: 87\nhistory:\n  - a\n - b\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 6: the indentation is wrong here; line the keys up under each other. "
             f"{FIX}")),
    Case("yaml.indent_mismatch", values("  income: 87\n poverty: 2\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 4: this line is indented 1 spaces and the line above 2; indent them "
             f"alike: 2 spaces. {FIX}")),
    Case("yaml.indent_mismatch (deeper)", values("  income: 87\n    poverty: 2\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 4: this line is indented 4 spaces and the line above 2; indent them "
             f"alike: 2 spaces. {FIX}")),
    Case("yaml.no_space", values("  income:87\n  poverty: 2\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: add a space after the colon: 'income: 82', not 'income:82'. {FIX}")),
    Case("yaml.odd_space", values("  income:\u00a087\n  poverty: 2\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: column 10 holds a space that is not an ordinary one (U+00A0: a "
             f"no-break or full-width space); delete it and type an ordinary space. {FIX}")),
    Case("yaml.odd_space (indent)", values("\u3000 income: 87\n  poverty: 2\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: column 1 holds a space that is not an ordinary one (U+3000: a "
             f"no-break or full-width space); delete it and type an ordinary space. {FIX}")),
    Case("yaml.missing_values", year("year: 2026\n  income: 87\n  poverty: 2\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 2: the line `values:` is missing above the figures; add a line "
             f"`values:` (not indented) just above this one. {FIX}")),
    Case("yaml.hidden_break", year("# a\x85b\nyear: 2026\nvalues:\n  income: 87\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 1: column 4 holds U+0085, a character YAML takes for a line break "
             f"although Notepad shows none; delete it. {FIX}")),
    Case("yaml.alias", values("  income: &a 87\n  poverty: *a\n"), ["status"],
         ExitCode.DATA_ERROR,  # the line of the anchor the alias names
         err(f"{F}, line 3: anchors and aliases (&name, *name) are not allowed in ntm files; "
             f"write the value out. {FIX}")),
    Case("yaml.invalid", values("  income: [87\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 4: this is not valid YAML; check the line and the one before it. "
             f"{FIX}")),
    Case("yaml.control_char", values("  income: 8\x077\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 3: a character that is not allowed in a text file (a control "
             f"character). {FIX}")),
    Case("yaml.duplicate_key", values("  income: 87\n  income: 88\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 4: the key 'income' is written twice (first on line 3); keep one. "
             f"{FIX}")),
    Case("yaml.tag", values("  income: !!float 87\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 3: a YAML tag (tag:yaml.org,2002:float) is not allowed in ntm files; "
             f"write the value plainly. {FIX}")),
    Case("yaml.tag (python)", year("year: 2026\nvalues: !!python/object:os.system {}\n"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 2: a YAML tag (tag:yaml.org,2002:python/object:os.system) is not "
             f"allowed in ntm files; write the value plainly. {FIX}")),
    Case("yaml.complex_key", values("  [income]: 87\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 3: a key must be a plain word. {FIX}")),
    # -- the plan
    Case("plan.empty", plan_text("# nothing yet\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}: the plan file is empty; it must hold the plan (title, term, "
             f"indicators...): `ntm init --blank FOLDER` writes a template to fill in. {FIX}")),
    Case("plan.not_a_plan", plan_text("- income\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 1: the plan file must be a mapping (title:, term:, indicators: ...). "
             f"{FIX}")),
    Case("plan.missing", mini("commune: Xã A\n", ""), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}: field 'commune' is missing; add it. {FIX}")),
    Case("plan.unknown_key", mini("commune: Xã A", "commune: Xã A\ncolour: red"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 5: field 'colour' is not a known field; check its spelling or remove "
             f"it. {FIX}")),
    Case("plan.unknown_key (close)", mini(ADD_TO_MINI, ADD_TO_MINI + "    decimal: 2\n"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 20: indicator 'income', field 'decimal' is not a known field; check its "
             f"spelling or remove it. Did you mean 'decimals'? {FIX}")),
    Case("plan.split_decimal", mini("target: 120", "target: 120\n    plausible: {low: 1,5}"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 19: indicator 'income', field 'plausible.low': in braces {{...}} a "
             f"comma separates entries, so 1,5 was split in two; write 1,5 in quotes: '1,5', or "
             f"as 1.5. (There is 1 more problem; `ntm check` lists them all.) {FIX}")),
    Case("plan.not_text", mini("commune: Xã A", "commune: [a, b]"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 4: field 'commune' must be one value on its line (a word or a figure), "
             f"not a list or a mapping. {FIX}")),
    Case("plan.empty_text", mini("commune: Xã A", "commune: ''"), ["status"],
         ExitCode.DATA_ERROR, err(f"{P}, line 4: field 'commune' must not be empty. {FIX}")),
    Case("plan.too_long", mini("commune: Xã A", "commune: " + "x" * 201), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 4: field 'commune' is too long (at most 200 characters). {FIX}")),
    Case("plan.bad_id", mini("id: income", "id: Thu nhập"), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 10: indicator 'Thu nhập', field 'id': 'Thu nhập' cannot be an id; an id "
             f"has lower-case letters without marks, digits and _, and starts with a letter, like "
             f"'thu_nhap'. {FIX}")),
    Case("plan.bad_id (structure)",
         mini("target_year: 2030", "target_year: 2030\n    structure: Cơ cấu"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 20: indicator 'income', field 'structure': 'Cơ cấu' cannot be an id; an "
             f"id has lower-case letters without marks, digits and _, and starts with a letter, "
             f"like 'co_cau'. {FIX}")),
    Case("plan.bad_number", mini('number: "3"', 'number: "(3)"'), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 11: indicator 'income', field 'number': '(3)' cannot be a number in the "
             f"resolution; write digits and letters, like 6b or S1. {FIX}")),
    Case("plan.choice", mini("kind: level", "kind: levels"), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 15: indicator 'income', field 'kind': 'levels' is not one of 'level', "
             f"'cumulative', 'average', 'annual', 'maintained', 'milestone', 'growth', "
             f"'reduction', 'indicative'. {FIX}")),
    Case("plan.not_mapping", mini("term:", "judging: strict\nterm:"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 5: field 'judging' must be a mapping (key: value lines). {FIX}")),
    Case("plan.text_by_language", mini("name: {vi: Thu nhập, en: Income}", "name: Thu nhập"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 13: indicator 'income', field 'name': write the Vietnamese after vi: "
             f"(and the English after en:, if wanted), like name: {{vi: Thu nhập}}. {FIX}")),
    Case("plan.not_list", mini("indicators:\n", "indicators: income\nx:\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 9: field 'indicators' must be a list (lines starting with -). (There "
             f"is 1 more problem; `ntm check` lists them all.) {FIX}")),
    Case("plan.pair", mini(ADD_TO_MINI, ADD_TO_MINI + "    plausible: [1, 2, 3]\n"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 20: indicator 'income', field 'plausible' must be two numbers: [min, "
             f"max]. {FIX}")),
    Case("plan.pair (one number)", mini(ADD_TO_MINI, ADD_TO_MINI + "    plausible: [1]\n"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 20: indicator 'income', field 'plausible' must be two numbers: [min, "
             f"max]. {FIX}")),
    Case("plan.too_few", mini("indicators:\n" + MINI.split("indicators:\n")[1], "indicators: []\n"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 9: field 'indicators' has too few entries (at least 1). {FIX}")),
    Case("plan.limit", mini("baseline_year: 2025", "baseline_year: 1800"), ["status"],
         ExitCode.DATA_ERROR, err(f"{P}, line 8: field 'baseline_year': '1800' must be ≥ 1900. "
                                  f"{FIX}")),
    Case("plan.not_a_number", mini("term:", "status_bands: {on_track: lots}\nterm:"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 5: field 'status_bands.on_track': 'lots' is not a number (write it "
             f"like 96,5 or 96.5). {FIX}")),
    Case("plan.not_whole", mini(ADD_TO_MINI, ADD_TO_MINI + "    decimals: 1,5\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 20: indicator 'income', field 'decimals': '1,5' is not a whole number; "
             f"write digits only, like 2030 or 2. {FIX}")),
    Case("plan.not_yes_no", mini(ADD_TO_MINI, ADD_TO_MINI + "    supplementary: maybe\n"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 20: indicator 'income', field 'supplementary': 'maybe' is not yes or "
             f"no; write true or false (có or không). {FIX}")),
    Case("plan.target_value", mini("target: 120", "target: lots"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 18: indicator 'income', field 'target': 'lots' is neither a number nor "
             f"yes/no; write a figure (96,5), a range (8,5-9,5) or, for a yes/no target, true. "
             f"{FIX}")),
    Case("plan.yes_no_kind", mini("kind: level", "kind: maintained"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 16: indicator 'income': the kind 'maintained' does not go with this "
             "measure: maintained and milestone (yes/no) take measure: yes_no, the other kinds "
             "percent, rate or amount. (There is 1 more problem; `ntm check` lists them all.) "
             f"{FIX}")),
    Case("plan.target_type", mini("target: 120", "target: yes"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 18: indicator 'income': a yes/no target takes true/false, the others a "
             f"number. {FIX}")),
    Case("plan.period_kind", mini(ADD_TO_MINI, ADD_TO_MINI + "    period: {start: 2026, end: "
                                  "2030}\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 20: indicator 'income': only a total or an average (cumulative, "
             f"average) has a period; remove the period line, or change the kind. {FIX}")),
    Case("plan.period_end", mini("kind: level", "kind: cumulative\n    period: {start: 2026, "
                                 "end: 2029}"), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 16: indicator 'income': the period must end in the target year (2030). "
             f"{FIX}")),
    Case("plan.cumulative_direction", mini_edits(("kind: level", "kind: cumulative"),
                                                ("comparator: at_least", "comparator: below")),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 17: indicator 'income': a total counts up; use at_least, or_more or "
             f"above. {FIX}")),
    Case("plan.cumulative_target", mini_edits(("kind: level", "kind: cumulative"),
                                              ("target: 120", "target: 0")),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 18: indicator 'income': the target of a total must be above 0. {FIX}")),
    Case("plan.target_range", mini("measure: amount", "measure: percent"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 18: indicator 'income': the target 120 is outside what its measure "
             f"allows (0 to 100). {FIX}")),
    Case("plan.within_needs_range", mini("comparator: at_least", "comparator: within"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 18: indicator 'income': 'within' needs a range as the target; write it "
             f"like 20-22. {FIX}")),
    Case("plan.target_impossible", mini_edits(("measure: amount", "measure: percent"),
                                              ("comparator: at_least", "comparator: above"),
                                              ("target: 120", "target: 100")),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 18: indicator 'income': the target can never be met (100 is the limit "
             f"of a percentage); check the comparator (\"đạt\" is at_least) and the target. "
             f"{FIX}")),
    Case("plan.plausible_order", mini(ADD_TO_MINI, ADD_TO_MINI + "    plausible: [100, 10]\n"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 20: indicator 'income': plausible must be [min, max] with min at most "
             f"max. {FIX}")),
    Case("plan.term_order", mini("  end: 2030", "  end: 2024"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 5: the term must not end before it starts (a plan of one year starts "
             f"and ends in that year). (There are 2 more problems; `ntm check` lists them "
             f"all.) {FIX}")),
    Case("plan.baseline_in_term", mini("baseline_year: 2025", "baseline_year: 2023"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 8: the baseline year 2023 must lie in the term, or be the year just "
             f"before it. {FIX}")),
    Case("plan.bands_order", mini("term:", "status_bands: {on_track: 0.5, needs_acceleration: "
                                  "0.6}\nterm:"), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 5: status_bands: needs_acceleration must be below on_track. {FIX}")),
    Case("plan.id_twice", mini(ADD_TO_MINI, ADD_TO_MINI + SECOND.replace("id: poverty",
                                                                         "id: income")),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 20: the id 'income' is used twice; give one of the two indicators "
             f"another id. {FIX}")),
    Case("plan.number_twice", mini(ADD_TO_MINI, ADD_TO_MINI + SECOND.replace('"4"', '"3"')),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 21: the number '3' is used twice; give one of the two indicators "
             f"another number. {FIX}")),
    Case("plan.target_year", mini("target_year: 2030", "target_year: 2025"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{P}, line 19: indicator 'income': the target year must lie from 2026 to 2030. "
             f"{FIX}")),
    Case("plan.period_order", mini("kind: level", "kind: cumulative\n    period: {start: "
                                   "2030, end: 2026}"), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 16: indicator 'income': the period must start before it ends. {FIX}")),
    Case("plan.milestone_target", mini_edits(("kind: level", "kind: milestone"),
                                             ("measure: amount", "measure: yes_no"),
                                             ("target: 120", "target: no")),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 18: indicator 'income': a milestone is something to reach: its target "
             f"is true (yes). {FIX}")),
    Case("plan.period_in_term", mini("kind: level", "kind: cumulative\n    period: {start: "
                                     "2024, end: 2030}"), ["status"], ExitCode.DATA_ERROR,
         err(f"{P}, line 16: indicator 'income': the period must lie in the term. {FIX}")),
    # -- year files
    Case("year.empty", year(""), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}: the file is empty; it holds no figures, so delete it, then record again. "
             f"{FIX}")),
    Case("year.not_mapping", year("- 82\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}: the file must be a mapping (year:, values:), not '[...]'. {FIX}")),
    Case("year.unknown_key", year("year: 2026\nnotes: x\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 2: 'notes' is not a key of a year file (allowed: {TOP_KEYS}). {FIX}")),
    Case("year.unknown_key (entry)", values("  income: {value: 87, source: x}\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: 'source' is not a key of a year file (allowed: {ENTRY_KEYS}). {FIX}")),
    Case("year.year_missing", year("values:\n  income: 87\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}: the file does not say its year; add 'year: 2026' at the top. {FIX}")),
    Case("year.not_a_year", year("year: twenty\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 1: 'twenty' is not a year; write it like 2026. {FIX}")),
    Case("year.name_mismatch", year("year: 2027\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 1: the file says year 2027 but its name says 2026; make them agree. "
             f"{FIX}")),
    Case("year.outside_term", year("year: 2031\n", "2031.yaml"), ["status"], ExitCode.DATA_ERROR,
         err("data/actuals/2031.yaml, line 1: the year 2031 lies outside the term 2025-2030; "
             f"move or delete the file. {FIX}")),
    Case("year.not_text", year("year: 2026\ncomment: [a, b]\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 2: 'comment' must be text, not '[...]'. {FIX}")),
    Case("year.too_long", values("  income: {value: 87, note: " + "x" * 2001 + "}\n"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 3: 'note' is 2001 characters long; at most 2000 are allowed. {FIX}")),
    Case("year.control_char", values('  income: {value: 87, note: "a\\e]0;x\\ab"}\n'), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: 'note' contains an invisible control character (U+001B) that would "
             f"garble the screen or reorder the text; delete it. {FIX}")),
    Case("year.not_yes_no", values("  income: {value: 87, estimate: maybe}\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: 'estimate' must be yes or no, not 'maybe'. {FIX}")),
    Case("year.key_missing", values("  income: {estimate: yes}\n"), ["status"],
         ExitCode.DATA_ERROR, err(f"{F}, line 3: 'value' is missing here. {FIX}")),
    Case("year.not_a_time", values("  income: {value: 87, recorded_at: yesterday}\n"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 3: 'recorded_at' must be a date and time like "
             f"2026-03-01T09:30:00+07:00, not 'yesterday'. {FIX}")),
    Case("year.bad_id", values("  In-come: 87\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 3: 'In-come' is not an indicator id (lower-case letters, digits and _). "
             f"{FIX}")),
    Case("year.not_an_id", values("  6a: 94\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 3: '6a' is not how a year file names an indicator; write its id: "
             f"'health_insurance: ...' (numbers and names are for the command line). {FIX}")),
    Case("year.not_an_id (a name)", values("  Thu nhập bình quân đầu người: 87\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: 'Thu nhập bình quân đầu người' is not how a year file names an "
             f"indicator; write its id: 'income: ...' (numbers and names are for the command "
             f"line). {FIX}")),
    Case("year.outside_values", year("year: 2026\nincome: 87\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 2: 'income' is an indicator, but it stands outside `values:`; put the "
             f"line `values:` above the figures and indent them 2 spaces. {FIX}")),
    Case("year.unknown_indicator", values("  incom: 87\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 3: the indicator 'incom' is not in the plan. Did you mean 'income'? "
             f"{FIX}")),
    Case("year.unknown_indicator (no match)", values("  xyzzy: 87\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: the indicator 'xyzzy' is not in the plan. {FIX}")),
    Case("year.value_missing", values("  income:\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 3: a figure is missing here. {FIX}")),
    Case("year.not_a_value", values("  income: {value: [87]}\n"), ["status"],
         ExitCode.DATA_ERROR, err(f"{SHAPE} {FIX}")),
    Case("year.values_not_mapping", year("year: 2026\nvalues: [1, 2]\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 2: 'values' must be a mapping (id: figure lines), not '[...]'. {FIX}")),
    Case("year.entry_shape", values("  income: [87, 88]\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 3: each entry must be a figure or a mapping (value:, note: ...), not "
             f"'[...]'. {FIX}")),
    Case("year.history_not_list", year("year: 2026\nhistory: {income: 80}\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 2: 'history' must be a list (lines starting with -), not '{{...}}'. "
             f"{FIX}")),
    Case("year.split_decimal", values("  income: {value: 87,5}\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: '87,5' inside braces {{...}} is split at the comma; write it in "
             f"quotes: '87,5', or as 87.5. {FIX}")),
    Case("year.split_decimal (values)", year("year: 2026\nvalues: {income: 87,5}\n"),
         ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 2: '87,5' inside braces {{...}} is split at the comma; write it in "
             f"quotes: '87,5', or as 87.5. {FIX}")),
    Case("year.range_needs_estimate", values("  health_insurance: 93-94\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: '93-94' is a range, and a range is an estimate (health_insurance); "
             f"write {{value: 93-94, estimate: true}}, or the final figure. {FIX}")),
    # -- figures in a file
    Case("value.out_of_range (file)", values("  schools: 101\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: 101 is out of range for 'schools': a percentage must lie between 0 "
             f"and 100. {FIX}")),
    Case("value.not_a_number (file)", values("  income: lots\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: " + NOT_NUMBER.format(t="lots", i="income") + f" {FIX}")),
    Case("value.not_finite (file)", values("  income: 1000000000000000\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: '1000000000000000' is too large to be a figure (indicator "
             f"'income'). {FIX}")),
    Case("value.exponent (file)", values("  revenue: 8e1\n"), ["status"], ExitCode.DATA_ERROR,
         err(f"{F}, line 3: '8e1' is written with an exponent (indicator 'revenue'); write the "
             f"figure out in full, like 80 rather than 8e1. {FIX}")),
    Case("value.too_precise (file)", values("  income: 0,0000001\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: '0,0000001' has more digits than a figure keeps (indicator "
             f"'income'): at most 6 after the decimal mark and 15 in all; round it. {FIX}")),
    Case("value.not_yes_no (file)", values("  ntm_criteria: 2\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: '2' is not yes or no (indicator 'ntm_criteria'); write yes/no "
             f"(có/không). {FIX}")),
    Case("value.* (a plan file)", year("year: 2026\nvalues:\n  schools: -1\n", book="plans"),
         ["status"], ExitCode.DATA_ERROR,
         err("data/plans/2026.yaml, line 3: -1 is out of range for 'schools': a percentage "
             f"must lie between 0 and 100. {FIX}")),
    # -- what was typed
    Case("input.unknown_indicator", nothing, ["record", "2026", "heath", "1"],
         ExitCode.USAGE_ERROR,
         err("Unknown indicator 'heath'. Did you mean 'e_health', 'health_station'? Run "
             "`ntm indicators` to list ids and numbers.")),
    Case("input.unknown_indicator (no match)", nothing, ["record", "2026", "xyzzy", "1"],
         ExitCode.USAGE_ERROR,
         err("Unknown indicator 'xyzzy'. Run `ntm indicators` to list ids and numbers.")),
    Case("input.unknown_indicator (a number)", nothing, ["record", "2026", "12", "1"],
         ExitCode.USAGE_ERROR,
         err("Unknown indicator '12'. Run `ntm indicators` to list ids and numbers.")),
    Case("input.unknown_indicator (explain)", nothing, ["explain", "revenu"],
         ExitCode.USAGE_ERROR,
         err("Unknown indicator 'revenu'. Did you mean 'revenue'? Run `ntm indicators` to list "
             "ids and numbers.")),
    Case("input.year_outside", nothing, ["record", "2031", "revenue", "82"],
         ExitCode.USAGE_ERROR,
         err("The year 2031 is outside the term 2025-2030; give a year from 2025 to 2030.")),
    Case("input.year_outside (summary)", nothing, ["summary", "2024"], ExitCode.USAGE_ERROR,
         err("The year 2024 is outside the term 2025-2030; give a year from 2025 to 2030.")),
    Case("input.not_a_year", nothing, ["record", "20x6", "revenue", "82"], ExitCode.USAGE_ERROR,
         err("'20x6' is not a year; write it like 2026.")),
    Case("input.not_a_year (log)", nothing, ["log", "--year", "26"], ExitCode.USAGE_ERROR,
         err("'26' is not a year; write it like 2026.")),
    Case("input.note_too_long", nothing, ["record", "2026", "revenue", "82", "--note",
                                          "x" * 2001],
         ExitCode.USAGE_ERROR,
         err("The note is 2001 characters long; shorten it to 2000 at most.")),
    Case("input.note_not_text", nothing, ["record", "2026", "revenue", "82", "--note",
                                          "b\udcffad"],
         ExitCode.USAGE_ERROR, err("The note contains bytes that are not text; type it again.")),
    Case("input.note_control", nothing, ["record", "2026", "revenue", "82", "--note",
                                         "\x1b[2J\x1b[Hok"],
         ExitCode.USAGE_ERROR,
         err("The note contains an invisible control character (U+001B) that would garble the "
             "screen or reorder the text; type the note again without it.")),
    Case("input.note_control (bidi)", nothing, ["record", "2026", "revenue", "82", "--note",
                                                "\u202eabc"],
         ExitCode.USAGE_ERROR,
         err("The note contains an invisible control character (U+202E) that would garble the "
             "screen or reorder the text; type the note again without it.")),
    Case("input.nothing_to_remove", nothing, ["unset", "2026", "revenue"],
         ExitCode.USAGE_ERROR, err("There is no figure for revenue 2026 to remove.")),
    Case("input.nothing_to_remove (plan)", nothing, ["unset", "2026", "revenue", "--plan"],
         ExitCode.USAGE_ERROR, err("There is no plan figure for revenue 2026 to remove.")),
    Case("input.bad_color", nothing, ["status", "--color", "pink"], ExitCode.USAGE_ERROR,
         err("--color must be auto, always or never, not 'pink'.")),
    Case("input.bad_language", nothing, ["status", "--lang", "fr"], ExitCode.USAGE_ERROR,
         err("The language must be 'en' or 'vi', not 'fr' (--lang or NTM_LANG).")),
    Case("input.bad_format", nothing, ["status", "--format", "xml"], ExitCode.USAGE_ERROR,
         err("Unknown format 'xml'; choose one of: 'table', 'json', 'csv'.")),
    Case("input.bad_format (check)", nothing, ["check", "--format", "xml"],
         ExitCode.USAGE_ERROR, err("Unknown format 'xml'; choose one of: 'text', 'json'.")),
    Case("input.needs_output", nothing, ["export", "--format", "xlsx"], ExitCode.USAGE_ERROR,
         err("xlsx is a file format, not for the screen: add --output FILE.xlsx.")),
    Case("input.needs_output (docx)", nothing, ["summary", "2026", "--format", "docx"],
         ExitCode.USAGE_ERROR,
         err("docx is a file format, not for the screen: add --output FILE.docx.")),
    Case("input.not_a_date", nothing, ["summary", "2026", "--date", "31/02/2027"],
         ExitCode.USAGE_ERROR,
         err("'31/02/2027' is not a date; write it like 2027-12-15 or 15/12/2027.")),
    Case("input.template_for_word", csv_in(b"", "mau.docx"),
         ["summary", "2026", "--output", "r.xlsx", "--template", "mau.docx"], ExitCode.USAGE_ERROR,
         err("--template is for the Word report (docx) only, not for xlsx; leave out --template "
             "or write a .docx file.")),
    Case("input.bad_template", csv_in(b"PK not a Word file", "mau.docx"),
         ["summary", "2026", "--output", "r.docx", "--template", "mau.docx"], ExitCode.USAGE_ERROR,
         err("mau.docx is not a Word file (.docx) that can be opened; open the template in Word, "
             "save it as a Word Document (.docx) and run the command again.")),
    Case("input.date_outside", nothing, ["summary", "2027", "--date", "1999-01-01"],
         ExitCode.USAGE_ERROR,
         err("The report on 2027 cannot be dated 1999-01-01: give a date in 2027 or 2028, like "
             "15/12/2027.")),
    Case("input.not_a_document_number", nothing, ["summary", "2027", "--number", "-5"],
         ExitCode.USAGE_ERROR,
         err("'-5' is not a report number; give the number alone, like 15 (the report reads Số "
             "15-BC/ĐU).")),
    # -- figures typed
    Case("value.not_a_number", nothing, ["record", "2026", "revenue", "82x"],
         ExitCode.USAGE_ERROR, err(NOT_NUMBER.format(t="82x", i="revenue"))),
    Case("value.not_a_number (control character)", nothing, ["record", "2026", "revenue",
                                                            "8\x07"],
         ExitCode.USAGE_ERROR, err(NOT_NUMBER.format(t="8\\x07", i="revenue"))),
    Case("value.range_order", nothing, ["record", "2026", "income", "90-80", "--estimate"],
         ExitCode.USAGE_ERROR,
         err("'90-80' gives the high end first (indicator 'income'); write the low end first, "
             "like 8-8.5.")),
    Case("input.range_needs_estimate", nothing, ["record", "2026", "income", "80-90"],
         ExitCode.USAGE_ERROR,
         err("income 2026: a range is an estimate; add --estimate, or record the final "
             "figure.")),
    Case("value.ambiguous", nothing, ["record", "2026", "income", "12.500"],
         ExitCode.USAGE_ERROR,
         err("'12.500' can be read two ways (indicator 'income'): the mark may separate "
             "thousands or decimals; write it without a thousands separator (like 12500) or "
             "with one more decimal place (like 12.50).")),
    Case("value.ambiguous (file)", values("  income: 12.500\n"), ["status"],
         ExitCode.DATA_ERROR,
         err(f"{F}, line 3: '12.500' can be read two ways (indicator 'income'): the mark may "
             "separate thousands or decimals; write it without a thousands separator (like "
             f"12500) or with one more decimal place (like 12.50). {FIX}")),
    Case("value.not_finite", nothing, ["record", "2026", "revenue", "1000000000000000"],
         ExitCode.USAGE_ERROR,
         err("'1000000000000000' is too large to be a figure (indicator 'revenue').")),
    Case("value.exponent", nothing, ["record", "2028", "revenue", "8E+1"], ExitCode.USAGE_ERROR,
         err("'8E+1' is written with an exponent (indicator 'revenue'); write the figure out "
             "in full, like 80 rather than 8e1.")),
    Case("value.exponent (subnormal)", nothing, ["record", "2028", "revenue", "1e-320"],
         ExitCode.USAGE_ERROR,
         err("'1e-320' is written with an exponent (indicator 'revenue'); write the figure out "
             "in full, like 80 rather than 8e1.")),
    Case("value.too_precise", nothing, ["record", "2028", "revenue", "0,0000001"],
         ExitCode.USAGE_ERROR,
         err("'0,0000001' has more digits than a figure keeps (indicator 'revenue'): at most 6 "
             "after the decimal mark and 15 in all; round it.")),
    Case("value.not_yes_no", nothing, ["record", "2026", "10", "maybe"], ExitCode.USAGE_ERROR,
         err("'maybe' is not yes or no (indicator 'ntm_criteria'); write yes/no (có/không).")),
    Case("value.out_of_range", nothing, ["record", "2026", "6a", "100,5"], ExitCode.USAGE_ERROR,
         err("100.5 is out of range for 'health_insurance': a percentage must lie between 0 "
             "and 100.")),
    Case("value.out_of_range (negative amount)", nothing, ["record", "2026", "revenue", "-1"],
         ExitCode.USAGE_ERROR,
         err("-1 is out of range for 'revenue': an amount must lie between 0 and "
             "1,000,000,000,000,000.")),
    Case("value.out_of_range (growth below -100%)", nothing, ["record", "2026", "2", "-101"],
         ExitCode.USAGE_ERROR,
         err("-101 is out of range for 'investment_growth': a growth rate must lie between -100 "
             "and 1,000,000.")),
    Case("value.not_a_number (a plan figure)", nothing, ["plan", "2027", "income", "tám"],
         ExitCode.USAGE_ERROR, err(NOT_NUMBER.format(t="tám", i="income"))),
    # -- writing
    Case("write.conflict", values("  revenue: {value: 82, estimate: true}\n"),
         ["record", "2026", "revenue", "83"], ExitCode.CONFLICT,
         err(f"revenue 2026 already has the figure 82 (est.). {FORCE}")),
    Case("write.conflict_note", values('  revenue: {value: 82, note: "quyết toán"}\n'),
         ["record", "2026", "revenue", "82"], ExitCode.CONFLICT,
         err(f"revenue 2026 already has the figure 82, with another note. {FORCE}")),
    Case("write.conflict (plan)", year("year: 2027\nvalues:\n  income: 85\n", "2027.yaml",
                                       "plans"),
         ["plan", "2027", "income", "86"], ExitCode.CONFLICT,
         err(f"income 2027 already has the plan figure 85. {FORCE}")),
    Case("write.conflicts", both(values("  revenue: 82\n  income: 80\n"),
                                 csv_in("id,year,value\nrevenue,2026,83\nincome,2026,81\n")),
         ["import", "in.csv"], ExitCode.CONFLICT,
         "in.csv, line 2: revenue 2026 already has the figure 82.\n"
         "in.csv, line 3: income 2026 already has the figure 80.\n"
         + err(f"2 figures are already recorded; nothing was written. {FORCE}")),
    Case("write.year_claimed", both(values("  revenue: 82\n"),
                                    year("year: 2026\n", "2026 (1).yaml")),
         ["record", "2026", "income", "80"], ExitCode.DATA_ERROR,
         "Warning: data/actuals/2026 (1).yaml: not read: the figures of 2026 are read from "
         "2026.yaml only; copy what you need from this file into 2026.yaml, then delete this "
         "file or move it out of the folder.\n"
         + err(f"{F}: other files also claim the year 2026 (data/actuals/2026 (1).yaml); merge "
               "them into this one and delete them, then try again. Nothing was written.")),
    Case("write.read_only", both(values("  income: 80\n"), read_only("actuals/2026.yaml")),
         ["unset", "2026", "income"], ExitCode.DATA_ERROR,
         err(f"{F}: the file is read-only (someone protected it); add --force to write it all "
             "the same. Nothing was written.")),
    Case("write.year_claimed_new", year("year: 2026\n", "2026.yaml.txt"),
         ["record", "2026", "income", "80"], ExitCode.DATA_ERROR,
         "Warning: data/actuals/2026.yaml.txt: saved as a text file (Notepad adds .txt when "
         "file extensions are hidden), so it is not read; rename it 2026.yaml (in Notepad: Save "
         "As, type 'All files', name 2026.yaml).\n"
         + err(f"{F}: data/actuals/2026.yaml.txt also holds figures of 2026 but is not read; "
               "rename or move it to this name (or delete it), then try again. Nothing was "
               "written.")),
    # -- import
    Case("import.bad_quotes", csv_in('id,year,value\nincome,2026,"8\n'), ["import", "in.csv"],
         ExitCode.DATA_ERROR,
         err("in.csv, line 2: the CSV cannot be read here; check the quotes on this row.")),
    Case("import.no_header", csv_in("name,amount\nrevenue,3\n"), ["import", "in.csv"],
         ExitCode.DATA_ERROR,
         err("in.csv, line 1: the first line must name the columns (id or indicator, year, "
             "value, and if wanted estimate, note, annual_plan) or be a row year,indicator,value; "
             "found 'name,amount'.")),
    Case("import.cell_count", csv_in("id;year;value\nincome,2026,80\n"), ["import", "in.csv"],
         ExitCode.DATA_ERROR,
         "in.csv, line 2: the file has 3 columns (separated by ';') but this row has 1; a "
         "decimal comma in a comma-separated file must be quoted (\"96,5\"), and every row must "
         "use the same separator.\n"
         + err("in.csv: 1 bad row; nothing was written. Fix the rows above and import again.")),
    Case("import.split_decimal", csv_in("id,year,value,note\nincome,2026,80,5\n"),
         ["import", "in.csv"], ExitCode.DATA_ERROR,
         "in.csv, line 2: '80,5' looks like a decimal comma split into two cells; quote it "
         "(\"96,5\") or separate the cells with ';'.\n"
         + err("in.csv: 1 bad row; nothing was written. Fix the rows above and import again.")),
    Case("import.duplicate", csv_in("id,year,value\nincome,2026,80\nincome,2026,81\n"),
         ["import", "in.csv"], ExitCode.DATA_ERROR,
         "in.csv, line 3: income 2026 is also on line 2; keep one of the two rows.\n"
         + err("in.csv: 1 bad row; nothing was written. Fix the rows above and import again.")),
    Case("import.bad_estimate", csv_in("id,year,value,estimate\nincome,2026,80,maybe\n"),
         ["import", "in.csv"], ExitCode.DATA_ERROR,
         "in.csv, line 2: estimate 'maybe' is not yes or no; leave it empty for a final "
         "figure.\n"
         + err("in.csv: 1 bad row; nothing was written. Fix the rows above and import again.")),
    Case("import.bad_rows", csv_in("id,year,value\nrevenu,2026,1\nincome,2031,2\n"),
         ["import", "in.csv"], ExitCode.DATA_ERROR,
         "in.csv, line 2: Unknown indicator 'revenu'. Did you mean 'revenue'? Run `ntm "
         "indicators` to list ids and numbers.\n"
         "in.csv, line 3: The year 2031 is outside the term 2025-2030; give a year from 2025 to "
         "2030.\n"
         + err("in.csv: 2 bad rows; nothing was written. Fix the rows above and import again.")),
    Case("import.spreadsheet", nothing, ["import", "figures.xls"], ExitCode.USAGE_ERROR,
         err("figures.xls: this is an older Excel file (.xls) or an OpenDocument sheet; save it "
             "as an Excel Workbook (.xlsx) or as CSV UTF-8 (File > Save As) and import that.")),
    Case("import.bad_workbook", csv_in(b"PK\x03\x04 damaged", "t.xlsx"), ["import", "t.xlsx"],
         ExitCode.DATA_ERROR,
         err("t.xlsx: the file cannot be read as an Excel workbook (.xlsx); open it in Excel and "
             "save it again as an Excel Workbook or as CSV UTF-8.")),
    Case("import.no_sheet", workbook("t.xlsx", "Số liệu", [["Năm", "Chỉ tiêu", "Số liệu"]]),
         ["import", "t.xlsx", "--sheet", "2026"], ExitCode.USAGE_ERROR,
         err("t.xlsx: there is no sheet '2026' in this workbook; its sheets are 'Số liệu'.")),
    Case("import.sheet_of_csv", csv_in("id,year,value\nincome,2026,80\n"),
         ["import", "in.csv", "--sheet", "2026"], ExitCode.USAGE_ERROR,
         err("in.csv: --sheet '2026' is for an Excel workbook (.xlsx), and this file is CSV; "
             "leave --sheet out.")),
    Case("import.encoding", csv_in(b"id;year;value\nincome;2026;8\x81\n"), ["import", "in.csv"],
         ExitCode.DATA_ERROR,
         err("in.csv: the text of the file is in an encoding ntm does not know (it reads UTF-8, "
             "UTF-16 and Windows-1258); save it from Excel as CSV UTF-8.")),
    Case("import.empty", csv_in("id,year,value\n"), ["import", "in.csv"], ExitCode.DATA_ERROR,
         err("in.csv: the file has no figures to import.")),
    # -- init
    Case("init.exists", nothing, ["init"], ExitCode.DATA_ERROR,
         err(f"{P}: a plan is already here; ntm init does not overwrite it.")),
    Case("init.failed", lambda d: (d.parent / "afile").write_text("x"), ["init", "afile/data"],
         ExitCode.DATA_ERROR,
         err("afile/data: the data folder cannot be created: a part of the path is not a "
             "folder.")),
    Case("folder.not_folder (init)", lambda d: (d.parent / "afile").write_text("x"),
         ["init", "afile"], ExitCode.DATA_ERROR, err("afile: this is a file, not a folder.")),
    # -- reports written to a file
    Case("output.data_file", nothing, ["export", "--output", "data/export.csv"],
         ExitCode.USAGE_ERROR,
         err("data/export.csv: Refusing to write a report there: it would replace data files; "
             "write it outside the data folder.")),
    Case("output.data_file (a year folder)", nothing,
         ["summary", "2026", "--output", "data/actuals/r.txt"], ExitCode.USAGE_ERROR,
         err("data/actuals/r.txt: Refusing to write a report there: it would replace data "
             "files; write it outside the data folder.")),
    Case("output.is_folder", lambda d: (d.parent / "out").mkdir(), ["export", "--output", "out"],
         ExitCode.USAGE_ERROR, err("out: This is a folder; give a file name.")),
    Case("output.not_regular", nothing, ["export", "--output", "/dev/null"],
         ExitCode.USAGE_ERROR,
         err("/dev/null: This is not a regular file (a device or a pipe); give an ordinary "
             "file name."), marks=(POSIX_DEV,)),
    Case("output.no_folder", nothing, ["export", "--output", "nope/x.csv"], ExitCode.USAGE_ERROR,
         err("nope/x.csv: The folder nope does not exist; create it first.")),
    Case("output.exists", beside("bc.docx"), ["summary", "2026", "--output", "bc.docx"],
         ExitCode.USAGE_ERROR,
         err("bc.docx: The file already exists; add --force to replace it, or give another file "
             "name. Nothing was written.")),
    Case("output.read_only", beside("x.csv", 0o444), ["export", "--output", "x.csv"],
         ExitCode.USAGE_ERROR,
         err("x.csv: The file is read-only (someone protected it); add --force to replace it all "
             "the same, or give another file name. Nothing was written.")),
    Case("output.format_mismatch", nothing, ["export", "--format", "csv", "--output", "x.xlsx"],
         ExitCode.USAGE_ERROR,
         err("x.xlsx: The file name ends in .xlsx but the format is csv; make them agree.")),
    Case("output.format_mismatch (chart)", nothing, ["chart", "income", "--png", "chart.csv"],
         ExitCode.USAGE_ERROR,
         err("chart.csv: The file name ends in .csv but the format is png; make them agree.")),
    Case("output.unknown_extension", nothing, ["export", "--output", "x.pdf"],
         ExitCode.USAGE_ERROR,
         err("x.pdf: A .pdf file cannot be written here; give a file ending in one of: '.csv', "
             "'.json', '.xlsx'.")),
    Case("output.unknown_extension (chart)", nothing, ["chart", "income", "--png", "c.jpg"],
         ExitCode.USAGE_ERROR,
         err("c.jpg: A .jpg file cannot be written here; give a file ending in one of: '.png'.")),
    Case("output.unknown_extension (yaml)", nothing, ["export", "--output", "report.yaml"],
         ExitCode.USAGE_ERROR,
         err("report.yaml: A .yaml file cannot be written here; give a file ending in one of: "
             "'.csv', '.json', '.xlsx'.")),
]  # fmt: skip


def _params(cases: list[Case]) -> list[object]:
    return [pytest.param(c, id=c.name, marks=list(c.marks)) for c in cases]


@pytest.mark.parametrize("case", _params(CASES))
def test_error(case: Case, here: Path, ntm: Invoke) -> None:
    case.setup(here)
    before = snapshot(here.parent)
    r = ntm("--lang", "en", *case.args)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert (r.exit_code, r.stdout) == (case.code, "")
    assert r.stderr == case.stderr
    assert snapshot(here.parent) == before  # nothing written


def test_every_case_has_its_own_message() -> None:
    # two cases of one problem ("plan.pair", "plan.pair (one number)") may say the same
    per_problem = {(re.sub(r" \(.*\)$", "", c.name), c.stderr) for c in CASES}
    messages = [message for _, message in per_problem]
    assert len(set(messages)) == len(messages)


# -- Vietnamese ---------------------------------------------------------------------------

VI_CASES = [
    Case("folder.missing", remove(""), ["status"], ExitCode.DATA_ERROR,
         "Lỗi: data: không tìm thấy thư mục dữ liệu. Hãy chạy ntm trong thư mục chứa data/, chỉ "
         "rõ thư mục bằng --data-dir ĐƯỜNG_DẪN (hoặc NTM_DATA_DIR), hoặc tạo mới bằng "
         "`ntm init`.\n"),
    Case("file.not_utf8", year(b"year: 2026\n# caf\xe9\n"), ["status"], ExitCode.DATA_ERROR,
         f"Lỗi: {F}, dòng 2: tệp không phải văn bản UTF-8; hãy lưu lại tệp dưới dạng UTF-8. "
         "Hãy sửa tệp rồi chạy lại.\n"),
    Case("yaml.tab", values("\tincome: 87\n"), ["status"], ExitCode.DATA_ERROR,
         f"Lỗi: {F}, dòng 3: có ký tự tab; YAML cần thụt lề bằng dấu cách, không dùng tab. "
         "Hãy sửa tệp rồi chạy lại.\n"),
    Case("plan.choice", mini("kind: level", "kind: levels"), ["status"], ExitCode.DATA_ERROR,
         f"Lỗi: {P}, dòng 15: chỉ tiêu 'income', mục 'kind': 'levels' không thuộc các giá trị "
         "'level', 'cumulative', 'average', 'annual', 'maintained', 'milestone', 'growth', "
         "'reduction', 'indicative'. Hãy sửa tệp rồi chạy lại.\n"),
    Case("year.name_mismatch", year("year: 2027\n"), ["status"], ExitCode.DATA_ERROR,
         f"Lỗi: {F}, dòng 1: tệp ghi năm 2027 nhưng tên tệp là năm 2026; hãy sửa cho khớp. Hãy "
         "sửa tệp rồi chạy lại.\n"),
    Case("year.unknown_indicator", values("  incom: 87\n"), ["status"], ExitCode.DATA_ERROR,
         f"Lỗi: {F}, dòng 3: chỉ tiêu 'incom' không có trong kế hoạch. Có phải là 'income'? Hãy "
         "sửa tệp rồi chạy lại.\n"),
    Case("value.not_a_number (file)", values("  income: lots\n"), ["status"],
         ExitCode.DATA_ERROR,
         f"Lỗi: {F}, dòng 3: 'lots' không phải là số (chỉ tiêu 'income'); viết như 96,5 hoặc "
         "96.5. Hãy sửa tệp rồi chạy lại.\n"),
    Case("input.unknown_indicator", nothing, ["record", "2026", "heath", "1"],
         ExitCode.USAGE_ERROR,
         "Lỗi: Không có chỉ tiêu 'heath'. Có phải là 'e_health', 'health_station'? Chạy `ntm "
         "indicators` để xem mã và số thứ tự các chỉ tiêu.\n"),
    Case("input.year_outside", nothing, ["record", "2031", "revenue", "82"],
         ExitCode.USAGE_ERROR,
         "Lỗi: Năm 2031 nằm ngoài nhiệm kỳ 2025-2030; hãy ghi một năm từ 2025 đến 2030.\n"),
    Case("value.out_of_range", nothing, ["record", "2026", "6a", "100,5"], ExitCode.USAGE_ERROR,
         "Lỗi: 100,5 nằm ngoài khoảng cho phép của 'health_insurance': tỷ lệ (%) phải từ 0 đến "
         "100.\n"),
    Case("value.not_yes_no", nothing, ["record", "2026", "10", "maybe"], ExitCode.USAGE_ERROR,
         "Lỗi: 'maybe' không phải có hoặc không (chỉ tiêu 'ntm_criteria'); hãy ghi có/không.\n"),
    Case("write.conflict", values("  revenue: 82\n"), ["record", "2026", "revenue", "83"],
         ExitCode.CONFLICT,
         "Lỗi: revenue năm 2026 đã có số liệu thực hiện là 82. Thêm --force để thay (số liệu cũ "
         "vẫn lưu trong mục history của tệp năm).\n"),
    Case("import.duplicate", csv_in("id,year,value\nincome,2026,80\nincome,2026,81\n"),
         ["import", "in.csv"], ExitCode.DATA_ERROR,
         "in.csv, dòng 3: income năm 2026 cũng có ở dòng 2; chỉ giữ một trong hai dòng.\n"
         "Lỗi: in.csv: 1 dòng có lỗi; chưa ghi gì. Hãy sửa các dòng trên rồi nhập lại.\n"),
    Case("output.format_mismatch", nothing, ["export", "--format", "csv", "--output", "x.xlsx"],
         ExitCode.USAGE_ERROR,
         "Lỗi: x.xlsx: Tên tệp có đuôi .xlsx nhưng định dạng là csv; hãy sửa cho khớp.\n"),
    Case("input.nothing_to_remove", nothing, ["unset", "2026", "revenue"],
         ExitCode.USAGE_ERROR, "Lỗi: Không có số liệu thực hiện của revenue năm 2026 để xóa.\n"),
    Case("input.bad_template", csv_in(b"", "mau.docx"),
         ["summary", "2026", "--output", "r.docx", "--template", "mau.docx"], ExitCode.USAGE_ERROR,
         "Lỗi: mau.docx không phải là tệp Word (.docx) mở được; hãy mở tệp mẫu bằng Word, chọn "
         "Lưu thành (Save As) kiểu Word Document (.docx) rồi chạy lại.\n"),
]  # fmt: skip


@pytest.mark.parametrize("case", _params(VI_CASES))
def test_error_in_vietnamese(case: Case, here: Path, ntm: Invoke) -> None:
    case.setup(here)
    before = snapshot(here.parent)
    r = ntm("--lang", "vi", *case.args)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert (r.exit_code, r.stdout) == (case.code, "")
    assert r.stderr == case.stderr
    assert snapshot(here.parent) == before


def test_the_plan_s_language_is_the_default(here: Path, ntm: Invoke) -> None:
    """The shipped plan says `language: vi`: without --lang, errors are Vietnamese."""
    r = ntm("record", "2031", "revenue", "82")
    assert r.stderr == (
        "Lỗi: Năm 2031 nằm ngoài nhiệm kỳ 2025-2030; hãy ghi một năm từ 2025 đến 2030.\n"
    )
    r = CliRunner().invoke(app, ["record", "2031", "revenue", "82"], env={"NTM_LANG": "en"})
    assert r.stderr.startswith("Error: The year 2031")


def test_before_a_plan_is_read_the_system_language_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(app, ["status"], env={"LANG": "vi_VN.UTF-8"})
    assert r.stderr.startswith("Lỗi: data: không tìm thấy thư mục dữ liệu.")
    r = CliRunner().invoke(app, ["status"], env={"LANG": "en_US.UTF-8"})
    assert r.stderr.startswith("Error: data: the data folder does not exist.")
    # a system that names no language ("C", or no LANG at all, as on Windows): the shipped
    # plan's language, Vietnamese
    for lang in ("C.UTF-8", "C", "POSIX", ""):
        r = CliRunner().invoke(app, ["status"], env={"LANG": lang})
        assert r.stderr.startswith("Lỗi: data: không tìm thấy thư mục dữ liệu."), lang


def test_init_answers_in_the_language_of_the_plan_it_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(app, ["init"], env={"LANG": "en_US.UTF-8"})
    assert r.exit_code == 0
    assert r.stdout.startswith("Đã tạo thư mục dữ liệu data")


# -- the command-line parser's own errors ----------------------------------------------

TRY_RECORD = {
    "en": "Try 'ntm record --help' for help.",
    "vi": "Xem hướng dẫn: 'ntm record --help'.",
}
TRY_STATUS = {
    "en": "Try 'ntm status --help' for help.",
    "vi": "Xem hướng dẫn: 'ntm status --help'.",
}
TRY_LOG = {"en": "Try 'ntm log --help' for help.", "vi": "Xem hướng dẫn: 'ntm log --help'."}
TRY_NTM = {"en": "Try 'ntm --help' for help.", "vi": "Xem hướng dẫn: 'ntm --help'."}
PARSER = [
    ("missing argument", ["record", "2026", "income"],
     {"en": "Error: The argument VALUE is missing: ntm record YEAR INDICATOR VALUE.",
      "vi": "Lỗi: Thiếu SỐ_LIỆU: ntm record NĂM CHỈ_TIÊU SỐ_LIỆU."}, TRY_RECORD),
    ("the year forgotten", ["record", "revenue", "82"],
     {"en": "Error: The argument YEAR is missing: ntm record YEAR INDICATOR VALUE.",
      "vi": "Lỗi: Thiếu NĂM: ntm record NĂM CHỈ_TIÊU SỐ_LIỆU."}, TRY_RECORD),
    ("the indicator forgotten", ["record", "2026", "82"],
     {"en": "Error: The argument INDICATOR is missing: ntm record YEAR INDICATOR VALUE.",
      "vi": "Lỗi: Thiếu CHỈ_TIÊU: ntm record NĂM CHỈ_TIÊU SỐ_LIỆU."}, TRY_RECORD),
    ("a name of several words", ["record", "2026", "doanh", "thu", "82"],
     {"en": "Error: An indicator's name of several words goes in quotes: ntm record 2026 "
            "\"doanh thu\" 82 (or give its id or number, listed by `ntm indicators`).",
      "vi": "Lỗi: Tên chỉ tiêu có nhiều từ phải đặt trong dấu nháy: ntm record 2026 \"doanh "
            "thu\" 82 (hoặc ghi mã hay số thứ tự của chỉ tiêu, xem bằng `ntm indicators`)."},
     TRY_RECORD),
    ("unknown option", ["status", "--formt", "json"],
     {"en": "Error: There is no option --formt. Did you mean '--format', '--force'?",
      "vi": "Lỗi: Không có tùy chọn --formt. Có phải là '--format', '--force'?"}, TRY_STATUS),
    ("unknown option without a close one", ["status", "--zzz"],
     {"en": "Error: There is no option --zzz.", "vi": "Lỗi: Không có tùy chọn --zzz."},
     TRY_STATUS),
    ("unknown command", ["stauts"],
     {"en": "Error: There is no command 'stauts'. Did you mean 'status'?",
      "vi": "Lỗi: Không có lệnh 'stauts'. Có phải là 'status'?"}, TRY_NTM),
    ("unknown command without a close one", ["xyz"],
     {"en": "Error: There is no command 'xyz'.", "vi": "Lỗi: Không có lệnh 'xyz'."}, TRY_NTM),
    ("extra argument", ["record", "2026", "income", "80", "90"],
     {"en": "Error: Too many arguments: 90. (A negative figure is fine: -3; anything else after "
            "the figure must be an option.)",
      "vi": "Lỗi: Thừa đối số: 90. (Số âm như -3 vẫn được; sau số liệu chỉ được ghi các tùy "
            "chọn.)"}, TRY_RECORD),
    ("option needing a value", ["record", "2026", "income", "80", "--note"],
     {"en": "Error: The option --note needs a value.", "vi": "Lỗi: Tùy chọn --note cần một giá "
                                                             "trị."}, TRY_RECORD),
    ("option needing a value, another", ["log", "--year"],
     {"en": "Error: The option --year needs a value.", "vi": "Lỗi: Tùy chọn --year cần một giá "
                                                             "trị."}, TRY_LOG),
    ("extra argument, not a figure", ["status", "2026", "2027"],
     {"en": "Error: Too many arguments: 2027.", "vi": "Lỗi: Thừa đối số: 2027."}, TRY_STATUS),
    ("option given twice", ["record", "2026", "income", "80", "--note", "A", "--note", "B"],
     {"en": "Error: The option --note is given twice; give it once, with the value you mean.",
      "vi": "Lỗi: Tùy chọn --note được ghi hai lần; chỉ ghi một lần, với giá trị cần dùng."},
     TRY_RECORD),
    ("global option needing a value", ["--data-dir"],
     {"en": "Error: The option --data-dir needs a value.",
      "vi": "Lỗi: Tùy chọn --data-dir cần một giá trị."}, TRY_NTM),
]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        pytest.param(
            *p[1:],
            id=p[0],
        )
        for p in PARSER
    ],
)
def test_parser_errors(
    here: Path,
    ntm: Invoke,
    lang: str,
    args: list[str],
    message: dict[str, str],
    hint: dict[str, str],
) -> None:
    r = ntm("--lang", lang, *args)
    assert (r.exit_code, r.stdout) == (ExitCode.USAGE_ERROR, "")
    assert r.stderr == f"{message[lang]}\n{hint[lang]}\n"
    assert list((here / "actuals").iterdir()) == []


def test_an_option_given_a_value_points_to_the_command_s_help(here: Path, ntm: Invoke) -> None:
    r = ntm("--lang", "en", "record", "2026", "income", "80", "--force=yes")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr == (
        "Error: The option --force takes no value.\nTry 'ntm record --help' for help.\n"
    )


def test_an_option_given_a_value_is_refused(here: Path, ntm: Invoke) -> None:
    r = ntm("--lang", "en", "record", "2026", "income", "80", "--force=yes")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr.startswith("Error: The option --force takes no value.\n")
    r = ntm("--lang", "vi", "record", "2026", "income", "80", "--force=yes")
    assert r.stderr.startswith("Lỗi: Tùy chọn --force không nhận giá trị.\n")
    assert list((here / "actuals").iterdir()) == []


def test_options_without_a_command_show_the_help(here: Path, ntm: Invoke) -> None:
    r = ntm("--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.startswith("Usage: ntm [OPTIONS] COMMAND [ARGS]...")


def test_help_is_not_an_error(here: Path, ntm: Invoke) -> None:
    r = ntm("record", "--help")  # the shipped plan's language: Vietnamese
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.startswith("Cách dùng: ntm record [TÙY_CHỌN] NĂM CHỈ_TIÊU SỐ_LIỆU\n")


# -- negative figures, global options after the command, formats -------------------------


def test_negative_figures_are_figures(here: Path, ntm: Invoke) -> None:
    r = ntm("record", "2027", "investment_growth", "-3", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.startswith("Recorded (2) investment_growth 2027 = -3%.")
    r = ntm("record", "2027", "2", "-3,5", "--force", "--lang", "en")  # by its number, a comma
    assert r.exit_code == 0, r.stderr
    r = ntm("plan", "2028", "2", "-.5", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    from ntm_tracker.storage.store import Store

    data = Store(here).load().data
    assert data.actuals.years[2027].values["investment_growth"].value == -3.5
    assert data.plans.years[2028].values["investment_growth"].value == -0.5


@pytest.mark.parametrize("typed", ["-3f", "-5e"])
def test_a_mistyped_negative_figure_is_named_as_a_figure(
    here: Path, ntm: Invoke, typed: str
) -> None:
    r = ntm("record", "2027", "investment_growth", typed, "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.USAGE_ERROR, "")
    assert r.stderr == (
        f"Error: '{typed}' is not a number (indicator 'investment_growth'); write it like 96,5 "
        "or 96.5.\n"
    )
    assert list((here / "actuals").iterdir()) == []


def test_global_options_after_the_command(here: Path, ntm: Invoke, demo_dir: Path) -> None:
    r = ntm("status", "--lang", "vi")
    assert r.exit_code == 0
    assert "Xã Xuân Trường: kết quả thực hiện các chỉ tiêu năm" in r.stdout
    r = ntm("status", "--data-dir", str(demo_dir), "--format", "json", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert '"year": 2027' in r.stdout  # the demo's latest year, not the empty folder's
    r = ntm("record", "2026", "income", "80", "--lang", "vi")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.startswith("Đã ghi chỉ tiêu (3) income năm 2026: 80 triệu đồng.")
    r = ntm("record", "2026", "revenue", "83", "--data-dir", str(demo_dir), "--lang", "en")
    assert r.exit_code == ExitCode.CONFLICT  # the demo has 82 for revenue 2026
    r = ntm("status", "--lang=en", "--color=never")
    assert r.exit_code == 0


def test_format_given_before_the_command(here: Path, ntm: Invoke) -> None:
    import json

    r = ntm("--format", "json", "status", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["commune"] == "Xuân Trường"
    r = ntm("--format", "xml", "status", "--lang", "en")
    assert (r.exit_code, r.stderr) == (
        ExitCode.USAGE_ERROR,
        "Error: Unknown format 'xml'; choose one of: 'table', 'json', 'csv'.\n",
    )


@pytest.mark.parametrize(
    ("args", "magic"),
    [
        (["export", "--output", "x.xlsx"], b"PK\x03\x04"),
        (["export", "--output", "x.json"], b"["),
        (["summary", "2027", "--output", "x.docx"], b"PK\x03\x04"),
        (["summary", "2027", "--output", "x.md"], b"# "),
    ],
    ids=["xlsx", "json", "docx", "md"],
)
def test_the_format_follows_the_output_extension(
    demo_dir: Path, ntm: Invoke, tmp_path: Path, args: list[str], magic: bytes
) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    r = ntm("--data-dir", str(demo_dir), *args, "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert Path(args[-1]).read_bytes().startswith(magic)


def test_export_to_a_csv_file(demo_dir: Path, ntm: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    r = ntm("--data-dir", str(demo_dir), "export", "--output", str(out), "--lang", "en")
    assert r.exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfIndicator id,No.,Indicator,")


def test_format_and_extension_that_disagree_write_nothing(here: Path, ntm: Invoke) -> None:
    r = ntm("export", "--format", "csv", "--output", "x.xlsx", "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR
    r = ntm("chart", "income", "--png", "chart.csv", "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert sorted(p.name for p in here.parent.iterdir()) == ["data"]


# -- errors that need the environment changed ---------------------------------------------


def run_en(ntm: Invoke, *args: str) -> tuple[int, str, str]:
    r = ntm("--lang", "en", *args)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.exit_code, r.stdout, r.stderr


def test_file_too_large(here: Path, ntm: Invoke) -> None:
    from ntm_tracker.storage.fsio import MAX_FILE_BYTES

    path = here / "actuals" / "2026.yaml"
    with open(path, "wb") as f:  # sparse: nothing is really written to the disk
        f.truncate(MAX_FILE_BYTES + 1)
    assert run_en(ntm, "status") == (
        ExitCode.DATA_ERROR,
        "",
        err(f"{F}: the file is too large ({MAX_FILE_BYTES + 1} bytes) to be an ntm file."),
    )


def test_file_unreadable(here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from ntm_tracker.storage import fsio

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(fsio, "open", denied, raising=False)
    assert run_en(ntm, "status") == (
        ExitCode.DATA_ERROR,
        "",
        err(f"{P}: the file cannot be read: permission denied."),
    )


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (
            OSError(errno.EIO, "Input/output error"),
            "the disk could not be read or written (a disk or network fault)",
        ),
        (OSError(errno.EPROTO, "Protocol error"), "the system refused"),  # no errno name
    ],
    ids=["permission", "EIO", "EPROTO"],
)
def test_folder_unreadable(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    real = os.listdir

    def failing(path: str = ".") -> list[str]:
        if Path(str(path)).name == "actuals":
            raise error
        return real(path)

    monkeypatch.setattr(os, "listdir", failing)
    assert run_en(ntm, "status") == (
        ExitCode.DATA_ERROR,
        "",
        err(f"data/actuals: the folder cannot be read: {reason}."),
    )


def test_lock_timeout(here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import filelock

    def busy(self: filelock.FileLock, *args: object, **kwargs: object) -> None:
        raise filelock.Timeout(self.lock_file)

    monkeypatch.setattr(filelock.FileLock, "acquire", busy)
    assert run_en(ntm, "record", "2026", "revenue", "82") == (
        ExitCode.LOCKED,
        "",
        "Another ntm is writing to this data folder; waiting for it to finish (up to 30 "
        "seconds)...\n"
        + err("data: Another ntm command kept this data folder busy for 30 seconds. Wait a "
              "moment and try again."),
    )  # fmt: skip


def test_cannot_lock(here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import filelock

    def read_only(self: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(filelock.FileLock, "acquire", read_only)
    assert run_en(ntm, "record", "2026", "revenue", "82") == (
        ExitCode.DATA_ERROR,
        "",
        err(
            "data: The data folder cannot be locked for writing: the disk is read-only. "
            "Nothing was written."
        ),
    )


def test_write_failed(here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    assert run_en(ntm, "record", "2026", "revenue", "82") == (
        ExitCode.DATA_ERROR,
        "",
        err(f"{F}: the file cannot be written: the disk is full. Nothing was changed."),
    )
    assert list((here / "actuals").iterdir()) == []


def test_write_verify_failed(here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """The editor's text is read back before it replaces the file; a mismatch writes nothing."""
    from ntm_tracker.storage import yearfile

    (here / "actuals" / "2026.yaml").write_text("year: 2026\nvalues:\n  revenue: 82\n")
    before = snapshot(here)
    monkeypatch.setattr(yearfile, "edit", lambda text, *a: text)  # an editor that does nothing
    assert run_en(ntm, "record", "2026", "income", "80") == (
        ExitCode.DATA_ERROR,
        "",
        err(
            f"{F}: the file could not be updated safely (what would be written does not read "
            "back the same). Nothing was written; please report this."
        ),
    )
    assert snapshot(here) == before


def test_output_failed(demo_dir: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from ntm_tracker.storage import fsio

    def denied(path: Path, data: bytes) -> Path:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(fsio, "atomic_write", denied)
    monkeypatch.chdir(demo_dir.parent)
    assert run_en(ntm, "--data-dir", "demo", "export", "--output", "x.csv") == (
        ExitCode.USAGE_ERROR,
        "",
        err("x.csv: The file cannot be written: permission denied; choose another file or folder."),
    )


@pytest.mark.parametrize(
    ("module", "args", "package", "extra"),
    [
        ("openpyxl", ["summary", "2027", "--format", "xlsx", "--output", "r.xlsx"], "openpyxl",
         "xlsx"),
        ("docx", ["summary", "2027", "--format", "docx", "--output", "r.docx"], "python-docx",
         "docx"),
        ("matplotlib", ["chart", "income", "--png", "c.png"], "matplotlib", "charts"),
    ],
    ids=["xlsx", "docx", "png"],
)  # fmt: skip
def test_missing_extra(
    demo_dir: Path,
    ntm: Invoke,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    args: list[str],
    package: str,
    extra: str,
) -> None:
    import sys

    for name in list(sys.modules):
        if name == module or name.startswith(module + "."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # import fails
    monkeypatch.chdir(demo_dir.parent)
    code, out, error = run_en(ntm, "--data-dir", "demo", *args)
    assert (code, out) == (ExitCode.MISSING_EXTRA, "")
    assert error == err(  # in a virtual environment (this one): its own pip
        f"This needs the {package} package, which is not installed; install it with: "
        f'{sys.executable} -m pip install "ntm-tracker[{extra}]"'
    )
    monkeypatch.setattr(sys, "prefix", "/home/lan/.local/share/pipx/venvs/ntm-tracker")
    code, out, error = run_en(ntm, "--data-dir", "demo", *args)
    assert (code, out) == (ExitCode.MISSING_EXTRA, "")
    assert error == err(
        f"This needs the {package} package, which is not installed; install it with: pipx "
        f"inject ntm-tracker {package}"
    )
    assert not (demo_dir.parent / args[-1]).exists()


def test_interrupted(here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from ntm_tracker.storage.store import Store

    def interrupted(self: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "load", interrupted)
    assert run_en(ntm, "status") == (
        ExitCode.INTERRUPTED,
        "",
        err("Interrupted; nothing was written."),
    )


# -- the core's own checks, in words ------------------------------------------------------


def test_problems_only_the_core_api_can_cause(here: Path) -> None:
    """A program using ntm as a library can give a yes/no indicator a number, or the same
    figure twice; the command line never does. The words exist all the same."""
    from ntm_tracker.core.entering import NewValue, find_indicator
    from ntm_tracker.core.problems import InputError
    from ntm_tracker.i18n import Words
    from ntm_tracker.storage.store import Store

    store = Store(here)
    words = Words("en")
    with store.editing() as loaded:
        plan = loaded.data.plan
        crit, income = find_indicator(plan, "ntm_criteria"), find_indicator(plan, "income")
        cases = [
            ([NewValue(crit, 2026, 5.0)], "indicator 'ntm_criteria' takes yes or no (có/không)."),
            ([NewValue(income, 2026, True)], "indicator 'income' takes a number, not yes/no."),
            ([NewValue(income, 2026, 80.0), NewValue(income, 2026, 81.0)],
             "income 2026 is given twice; keep one."),
        ]  # fmt: skip
        for items, message in cases:
            with pytest.raises(InputError) as info:
                store.change(loaded, items)
            assert words.problem(info.value.problem) == message
    assert list((here / "actuals").iterdir()) == []


# -- warnings ------------------------------------------------------------------------------

STRAY = (
    "not a year file (only names like 2026.yaml are read), so it is ignored; rename it or move "
    "it out of the folder."
)


@pytest.mark.parametrize(
    ("setup", "line"),
    [
        (year("year: 2026\n", "copy.yaml"), f"data/actuals/copy.yaml: warning: {STRAY}"),
        (year("year: 2026\n", "2026 - Copy.yaml"),
         "data/actuals/2026 - Copy.yaml: warning: not read: only files named like 2026.yaml "
         "are; if it holds the figures of 2026, rename it 2026.yaml."),
        (both(values("  income: 80\n"), year("year: 2026\n", "2026.yaml.bak")),
         "data/actuals/2026.yaml.bak: warning: not read: the figures of 2026 are read from "
         "2026.yaml only; copy what you need from this file into 2026.yaml, then delete this "
         "file or move it out of the folder."),
        (year("year: 2026\n", "2026.yaml.txt"),
         "data/actuals/2026.yaml.txt: warning: saved as a text file (Notepad adds .txt when "
         "file extensions are hidden), so it is not read; rename it 2026.yaml (in Notepad: Save "
         "As, type 'All files', name 2026.yaml)."),
        (both(values("  income: 80\n"), year("year: 2026\n", "2026.yaml.txt")),
         "data/actuals/2026.yaml.txt: warning: saved as a text file (Notepad adds .txt when "
         "file extensions are hidden), so it is not read: 2026.yaml is; copy what you changed "
         "into 2026.yaml, then delete this file."),
        (lambda data: (data / "2026.yaml").write_text("year: 2026\n"),
         "data/2026.yaml: warning: a year file (2026) outside actuals/ and plans/, so it is not "
         "read; move it into data/actuals (figures) or data/plans (the year's plan figures)."),
        (year("x", ".2026.yaml.k3j_x.tmp"),
         "data/actuals/.2026.yaml.k3j_x.tmp: warning: left over from an interrupted write; ntm "
         "ignores it and it can be deleted."),
        (values("  revenue: 500\n"),
         "data/actuals/2026.yaml:3: warning: indicator 'revenue': 500 lies outside the "
         "plausible range 1-405 set in the plan; check the figure."),
        (both(year("year: 2025\nvalues:\n  income: 20\n", "2025.yaml"),
              values("  income: 100\n")),
         "data/actuals/2026.yaml:3: warning: indicator 'income' went from 20 in 2025 to 100, 5 "
         "times as much (more than checks.max_jump_factor 3); check the figure."),
        (both(year("year: 2025\nvalues:\n  schools: 50\n", "2025.yaml"),
              values("  schools: 0\n")),
         "data/actuals/2026.yaml:3: warning: indicator 'schools' went from 50 in 2025 to 0; "
         "check that 0 is the real figure."),
    ],
    ids=["folder.stray", "folder.stray_rename", "folder.stray_merge", "folder.stray_txt_rename",
         "folder.stray_txt_merge", "folder.misplaced", "folder.temp_file", "check.implausible",
         "check.jump", "check.to_or_from_zero"],
)  # fmt: skip
def test_warnings_of_check(here: Path, ntm: Invoke, setup: Setup, line: str) -> None:
    setup(here)
    r = ntm("check", "--lang", "en")
    assert r.exit_code == 0
    *found, summary = r.stdout.splitlines()
    assert found == [line]
    assert summary.endswith(": 1 warning.")
    r = ntm("check", "--strict", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR


def test_record_warns_about_an_implausible_figure_and_records_it(here: Path, ntm: Invoke) -> None:
    r = ntm("record", "2026", "revenue", "500", "--lang", "en")
    assert r.exit_code == 0
    assert r.stderr == (
        "Warning: indicator 'revenue': 500 lies outside the plausible range 1-405 set in the "
        "plan; check the figure.\n"
    )


# -- every message has a case ---------------------------------------------------------------

ELSEWHERE = {  # no case above: unreachable from the command line, or tested below
    "problem.plan.invalid": "no field of the schema has a check outside the named ones",
    "problem.usage.missing_option": "no command has a required option",
    "problem.usage.other": "every parser error ntm can meet has its own words",
    "problem.interrupted": "test_safety.py: Ctrl+C during the commit",
    "problem.value.needs_yes_no": "test_problems_only_the_core_api_can_cause",
    "problem.value.needs_number": "test_problems_only_the_core_api_can_cause",
    "problem.input.given_twice": "test_problems_only_the_core_api_can_cause",
    "problem.file.too_large": "test_file_too_large",
    "problem.file.unreadable": "test_file_unreadable",
    "problem.file.in_use": "test_windows.py: a file open in Word or Excel (Windows errors 32, 33)",
    "problem.import.stdin_terminal": "test_import.py: stdin is a terminal, not a pipe",
    "problem.folder.unreadable": "test_folder_unreadable",
    "problem.folder.stray": "test_warnings_of_check",
    "problem.folder.stray_rename": "test_warnings_of_check",
    "problem.folder.stray_merge": "test_warnings_of_check",
    "problem.folder.stray_txt_rename": "test_warnings_of_check",
    "problem.folder.stray_txt_merge": "test_warnings_of_check",
    "problem.folder.misplaced": "test_warnings_of_check",
    "problem.folder.temp_file": "test_warnings_of_check",
    "problem.cache.linked": "test_cache_trust.py: test_a_folder_reached_through_a_link_is_not_used",
    "problem.cache.not_owned": "test_cache_trust.py: test_a_folder_of_another_user_is_not_used",
    "problem.cache.shared": "test_cache_trust.py: test_a_folder_others_can_write_is_not_used",
    "problem.check.implausible": "test_warnings_of_check",
    "problem.check.jump": "test_warnings_of_check",
    "problem.check.to_or_from_zero": "test_warnings_of_check",
    "problem.check.failed": "the exit of test_warnings_of_check; check has listed every finding",
    "problem.write.locked": "test_lock_timeout",
    "problem.write.cannot_lock": "test_cannot_lock",
    "problem.write.failed": "test_write_failed",
    "problem.write.verify_failed": "test_write_verify_failed",
    "problem.output.failed": "test_output_failed",
    "problem.output.stdout_failed": "test_exit.py: test_output_that_cannot_be_written_is_said",
    "problem.extra.missing": "test_missing_extra",
    "problem.interrupted_nothing": "test_interrupted",
    "problem.usage.no_such_option": "test_parser_errors",
    "problem.usage.needs_value": "test_parser_errors",
    "problem.usage.takes_no_value": "test_an_option_given_a_value_is_refused",
    "problem.usage.missing_argument": "test_parser_errors",
    "problem.usage.extra_arguments": "test_parser_errors",
    "problem.usage.extra_after_figure": "test_parser_errors",
    "problem.usage.no_such_command": "test_parser_errors",
    "problem.usage.option_twice": "test_parser_errors",
    "problem.usage.quote_name": "test_parser_errors",
    "problem.folder.cwd_gone": "test_adversary.py: a deleted working folder",
    "problem.file.os_error": "test_adversary.py: any OSError that reaches the top",
    "problem.import.bad_rows.one": "import.cell_count",
    "problem.check.structure_sum": "test_summary.py: test_structure_shares_in_a_plan_of_one_year",
    "problem.report.missing.one": "test_summary.py: a missing figure is a marked blank",
    "problem.report.missing.other": "test_summary.py: a missing figure is a marked blank",
    "problem.report.blanks.other": "test_summary.py: a missing figure is a marked blank",
    "problem.report.blanks.one": "the causes and the solutions are always left to write: 2 or more",
    "problem.import.bad_rows.other": "import.bad_rows",
}


def test_every_problem_of_the_catalog_has_a_case() -> None:
    from ntm_tracker.i18n.en import WORDS

    keys = {k for k in WORDS if k.startswith("problem.")}
    covered = {"problem." + re.sub(r" \(.*\)$", "", c.name) for c in CASES}
    assert sorted(keys - covered - set(ELSEWHERE)) == []
    assert sorted(set(ELSEWHERE) - keys) == []


def test_an_unknown_extension_names_the_extensions(here: Path, ntm: Invoke) -> None:
    r = ntm("--lang", "en", "summary", "2026", "--output", "r.doc")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr.startswith("Error: r.doc: A .doc file cannot be written here; ")
    for extension in (".txt", ".md", ".docx", ".xlsx"):
        assert extension in r.stderr
    assert "'text'" not in r.stderr and "'markdown'" not in r.stderr


def test_the_parser_s_errors_are_reached_without_a_private_import() -> None:
    """typer keeps click private; ntm reaches click's UsageError through the public
    typer.BadParameter and tells its kinds apart by what they carry (cli._usage_message)."""
    from ntm_tracker.cli import USAGE_ERROR

    assert USAGE_ERROR.__name__ == "UsageError"
    assert issubclass(typer.BadParameter, USAGE_ERROR)
