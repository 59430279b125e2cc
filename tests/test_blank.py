"""`ntm init --blank`: a plan to fill in by hand, in Notepad.

The template (ntm_tracker/shipped/blank.yaml) explains every key in Vietnamese, holds
one example indicator of each form of target ntm reads (every registered kind, a range, a
ceiling, two tiers), and keeps a commented-out example of the form still to come
(structure shares); as it is, it validates, and every command works on it.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest

from ntm_tracker.cli import ExitCode
from ntm_tracker.core import kinds
from ntm_tracker.core.domain import Comparator, Indicator, Plan
from ntm_tracker.core.numbers import Range
from ntm_tracker.storage import codec, planfile
from ntm_tracker.storage.store import BLANK_PLAN, shipped_plan
from tests.conftest import ROOT, Invoke

BLANK = ROOT / "ntm_tracker" / "shipped" / BLANK_PLAN
TEXT = BLANK.read_text(encoding="utf-8")


def _blank() -> Plan:
    checked = planfile.validate(TEXT)
    assert checked.problems == []
    assert checked.content is not None
    return checked.content


def comments() -> str:
    return "\n".join(line for line in TEXT.splitlines() if line.lstrip().startswith("#"))


def commented_examples() -> list[str]:
    """The commented-out indicators, uncommented: each starts at a line `  # - id:`."""
    lines = [line for line in TEXT.splitlines() if line.startswith("  # ")]
    out: list[list[str]] = []
    for line in lines:
        body = "  " + line[4:]
        if body.startswith("  - id:"):
            out.append([body])
        elif out and body.startswith("    ") and not body.strip().startswith("["):
            out[-1].append(body)
        elif out and out[-1][-1] != "":
            out[-1].append("")  # the end of an example
    return ["\n".join(b for b in block if b) + "\n" for block in out]


# -- the template ---------------------------------------------------------------------------


def test_the_blank_plan_validates_as_it_is() -> None:
    plan = _blank()
    assert plan.commune and plan.term.start < plan.term.end
    assert shipped_plan(BLANK_PLAN) == BLANK.read_bytes()  # what `ntm init --blank` writes


def test_one_example_of_every_form_ntm_reads() -> None:
    plan = _blank()
    by_kind = {k: [i for i in plan.indicators if i.kind is k] for k in kinds.all_kinds()}
    assert all(by_kind.values()), {k.name: len(v) for k, v in by_kind.items()}

    def one(test: object) -> Indicator:
        found = [i for i in plan.indicators if callable(test) and test(i)]
        assert len(found) >= 1
        return found[0]

    # a level by a year, a range, a ceiling ("dưới"), a yearly threshold ("hằng năm trên")
    level = one(lambda i: i.kind is kinds.LEVEL and not isinstance(i.target, Range))
    assert level.comparator is Comparator.AT_LEAST and level.target_year == plan.term.end
    assert isinstance(one(lambda i: isinstance(i.target, Range)).target, Range)
    assert one(lambda i: i.comparator is Comparator.BELOW).kind is kinds.LEVEL
    assert one(lambda i: i.kind is kinds.ANNUAL).comparator is Comparator.ABOVE
    # a total and an average over the term, a yes/no kept every year, a milestone
    assert one(lambda i: i.kind is kinds.CUMULATIVE).period is not None
    assert one(lambda i: i.kind is kinds.AVERAGE).measure.value == "rate"
    assert one(lambda i: i.kind is kinds.MAINTAINED).target is True
    assert one(lambda i: i.kind is kinds.MILESTONE).supplementary
    # a change over last year, up and down; a figure not judged; two tiers
    assert one(lambda i: i.kind is kinds.GROWTH).target == 10
    assert one(lambda i: i.kind is kinds.REDUCTION).target == 0.5
    assert one(lambda i: i.kind is kinds.INDICATIVE).target == 670
    assert one(lambda i: i.stretch is not None).stretch == 12320
    # name.en may be left out: some examples do
    assert one(lambda i: i.name.en is None).unit.en is None


def test_comparators_and_yes_no_are_written_as_resolutions_write_them() -> None:
    """`comparator: đạt`, `trên`, `dưới`; `target: có`: the words of the resolution."""
    shown = re.findall(r"(?m)^    comparator: (.+)$", TEXT)
    assert set(shown) == {"đạt", "trên", "dưới", "trong khoảng"}  # a band: a structure share
    assert re.findall(r"(?m)^    target: (.+)$", TEXT).count("có") == 2
    assert "comparator: at_least" not in TEXT


def test_every_key_of_the_plan_is_explained_in_a_comment() -> None:
    """Each field of the plan and of an indicator is named in a comment (a key the plan
    gains later must be explained here too)."""
    said = comments()
    names = {name for name, _ in codec.fields_of(Plan)}
    missing = sorted(n for n in names if not re.search(rf"(?<![\w]){n}\b", said))
    assert missing == []


def test_every_choice_is_explained() -> None:
    said = comments()
    for name, values in planfile.choices().items():
        if name in ("language", "bounds"):
            continue  # two-word choices: vi/en, strict/inclusive, said in their comment
        for value in values:
            assert value in said, (name, value)
    for word in ("vi (tiếng Việt)", "strict", "inclusive", "Đảng ủy", "xã"):
        assert word in said


def test_every_kind_has_an_example_written_out_or_commented() -> None:
    for name in kinds.names():
        assert re.search(rf"(?m)^    kind: {name}$", TEXT), name  # written out, not commented


def test_a_structure_is_written_out_with_its_shares() -> None:
    """The three shares of one structure, bands that add up to about 100 in the middle."""
    plan = _blank()
    shares = [i for i in plan.indicators if i.structure == "co_cau_kinh_te"]
    assert [i.number for i in shares] == ["12a", "12b", "12c"]
    assert all(i.comparator is Comparator.WITHIN for i in shares)
    assert [(i.target.low, i.target.high) for i in shares if isinstance(i.target, Range)] == [
        (20, 22), (40, 42), (37, 39),
    ]  # fmt: skip
    assert "[SẮP CÓ" not in TEXT and commented_examples() == []


def test_blank_is_declared_as_package_data() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["ntm_tracker"]
    assert any(fnmatch.fnmatch(f"shipped/{BLANK_PLAN}", p) for p in patterns)


# -- the command ------------------------------------------------------------------------------


def test_init_blank_then_check_status_and_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ntm: Invoke
) -> None:
    monkeypatch.chdir(tmp_path)
    r = ntm("init", "--blank", "mine")
    assert r.exit_code == ExitCode.OK
    assert r.stdout == (
        "Đã tạo thư mục dữ liệu mine gồm mẫu kế hoạch mine/targets.yaml để điền (có giải thích "
        "từng mục và ví dụ mỗi loại chỉ tiêu) và các thư mục actuals/, plans/ (trống). Hãy "
        "điền các chỉ tiêu của đơn vị vào mẫu, rồi chạy `ntm check`.\n"
    )
    assert (tmp_path / "mine" / "targets.yaml").read_bytes() == BLANK.read_bytes()
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == [
        "actuals", "plans", "targets.yaml",
    ]  # fmt: skip

    check = ntm("--data-dir", "mine", "check")
    assert (check.exit_code, check.stdout) == (
        ExitCode.OK,
        "Đã kiểm tra 1 tệp: không có vấn đề gì.\n",
    )
    status = ntm("--data-dir", "mine", "status", "--lang", "en")
    assert status.exit_code == ExitCode.OK
    assert status.stdout.startswith("Tên xã commune: the targets in 2026\n")
    assert "no data 15" in status.stdout
    assert status.stdout.endswith(
        "Nothing is recorded yet. Record the 2025 figures first (the baseline), with `ntm "
        "record 2025 INDICATOR VALUE` (the ids: `ntm indicators`), then each year's.\n"
    )

    for year, figure in (("2025", "70"), ("2026", "80,5")):
        rec = ntm("--data-dir", "mine", "record", year, "thu_nhap", figure, "--lang", "en")
        assert rec.exit_code == ExitCode.OK, rec.stderr
    assert rec.stdout == ("Recorded (1) thu_nhap 2026 = 80.5 million VND. Status 2026: on track.\n")
    after = ntm("--data-dir", "mine", "status", "--format", "json")
    assert after.exit_code == ExitCode.OK
    assert '"id": "thu_nhap"' in after.stdout and '"actual": 80.5' in after.stdout
    again = ntm("--data-dir", "mine", "check", "--lang", "en")
    assert again.stdout == "Checked 3 files: no problems.\n"


def test_init_blank_in_english_and_into_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ntm: Invoke
) -> None:
    monkeypatch.chdir(tmp_path)
    r = ntm("--data-dir", "other", "init", "--blank", "--lang", "en")
    assert r.exit_code == ExitCode.OK
    assert r.stdout == (
        "Created the data folder other with a blank plan other/targets.yaml to fill in (every "
        "key explained, one example of each kind of target) and empty actuals/ and plans/. "
        "Write your targets into it, then run `ntm check`.\n"
    )
    # the title has no English: English output shows the Vietnamese
    shown = ntm("--data-dir", "other", "indicators", "--lang", "en")
    assert shown.stdout.startswith(
        "Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ xã lần thứ I, nhiệm kỳ "
        "2025-2030\n"
    )


def test_init_blank_does_not_overwrite_a_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ntm: Invoke
) -> None:
    monkeypatch.chdir(tmp_path)
    assert ntm("init", "d").exit_code == ExitCode.OK
    before = (tmp_path / "d" / "targets.yaml").read_bytes()
    r = ntm("init", "--blank", "d", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr == (
        "Error: d/targets.yaml: a plan is already here; ntm init does not overwrite it.\n"
    )
    assert (tmp_path / "d" / "targets.yaml").read_bytes() == before


def test_an_empty_plan_points_to_the_blank_template(here: Path, ntm: Invoke) -> None:
    (here / "targets.yaml").write_text("# nothing yet\n", encoding="utf-8")
    r = ntm("--data-dir", "data", "check")
    assert r.stdout == (
        "data/targets.yaml: lỗi: tệp kế hoạch trống; tệp phải có kế hoạch (title, term, "
        "indicators...): `ntm init --blank THƯ_MỤC` tạo một mẫu để điền.\n"
        "Đã kiểm tra 1 tệp: 1 lỗi.\n"
    )
