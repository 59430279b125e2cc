"""`ntm record`, `ntm status`, `ntm indicators`: exact output, exit codes, error text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ntm_tracker.cli import app
from ntm_tracker.errors import ExitCode

runner = CliRunner()


def ntm(data: Path, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--data-dir", str(data), *args], env=env)


def year_file(data: Path, year: int) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((data / "actuals" / f"{year}.yaml").read_text(encoding="utf-8"))


# -- record -----------------------------------------------------------------------


def test_record_then_status_shows_cumulative_share(data_dir: Path) -> None:
    r = ntm(data_dir, "record", "2026", "revenue", "82")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "Recorded revenue 2026 = 82 billion VND. Status 2026: on track.\n"
    assert r.stderr == ""
    entry = year_file(data_dir, 2026)["values"]["revenue"]
    assert entry["value"] == 82 and entry["estimate"] is False
    data = json.loads(ntm(data_dir, "status", "--format", "json").stdout)
    assert data["year"] == 2026
    revenue = data["indicators"][0]
    assert revenue["id"] == "revenue"
    assert revenue["cumulative"] == 82
    assert revenue["expected"] == 81  # 405 / 5
    assert revenue["status"] == "on_track"
    table = ntm(data_dir, "status").stdout
    assert "Σ 82" in table and "81.0" in table and "on track" in table


def test_record_decimal_comma_and_number_lookup(data_dir: Path) -> None:
    r = ntm(data_dir, "record", "2026", "6a", "96,5")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "Recorded health_insurance 2026 = 96.5%. Status 2026: achieved.\n"
    assert year_file(data_dir, 2026)["values"]["health_insurance"]["value"] == 96.5


def test_record_in_vietnamese_with_estimate_and_note(data_dir: Path) -> None:
    r = ntm(
        data_dir, "record", "2026", "income", "80,5", "--estimate", "--note", "Ước", "--lang", "vi"
    )
    assert r.exit_code == 0, r.stderr
    assert r.stdout == (
        "Đã ghi income năm 2026 = 80,5 triệu đồng (ước thực hiện). "
        "Đánh giá năm 2026: thiếu số liệu gốc (2025).\n"
    )
    entry = year_file(data_dir, 2026)["values"]["income"]
    assert entry["estimate"] is True and entry["note"] == "Ước"


def test_record_maintained_accepts_vietnamese_yes(data_dir: Path) -> None:
    r = ntm(data_dir, "record", "2026", "10", "có")
    assert r.stdout == "Recorded ntm_criteria 2026 = yes. Status 2026: achieved.\n"
    assert year_file(data_dir, 2026)["values"]["ntm_criteria"]["value"] is True


def test_record_negative_growth(data_dir: Path) -> None:
    r = ntm(data_dir, "record", "2026", "investment_growth", "-5,5")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "Recorded investment_growth 2026 = -5.5% a year. Status 2026: missed.\n"


def test_rerecord_needs_force_and_keeps_history(data_dir: Path) -> None:
    ntm(data_dir, "record", "2026", "revenue", "82", "--estimate")
    before = (data_dir / "actuals" / "2026.yaml").read_bytes()
    r = ntm(data_dir, "record", "2026", "revenue", "83")
    assert r.exit_code == ExitCode.CONFLICT == 3
    assert r.stdout == ""
    assert r.stderr == (
        "Error: revenue 2026 is already recorded as 82 (estimate). Add --force to replace "
        "it; the old value is kept in the file's history.\n"
    )
    assert (data_dir / "actuals" / "2026.yaml").read_bytes() == before
    r = ntm(data_dir, "record", "2026", "revenue", "83", "--force")
    assert r.exit_code == 0
    assert r.stdout == "Replaced revenue 2026 = 83 billion VND. Status 2026: on track. (was 82)\n"
    doc = year_file(data_dir, 2026)
    assert doc["values"]["revenue"]["value"] == 83
    assert [(h["indicator"], h["value"], h["estimate"]) for h in doc["history"]] == [
        ("revenue", 82, True)
    ]
    assert "replaced_at" in doc["history"][0]


def test_recording_the_same_value_again_is_a_no_op(data_dir: Path) -> None:
    ntm(data_dir, "record", "2026", "revenue", "82")
    before = (data_dir / "actuals" / "2026.yaml").read_bytes()
    r = ntm(data_dir, "record", "2026", "revenue", "82,0")
    assert r.exit_code == 0
    assert r.stdout.startswith("Unchanged revenue 2026 = 82 billion VND.")
    assert (data_dir / "actuals" / "2026.yaml").read_bytes() == before


def test_record_keeps_other_values_and_plan_order(data_dir: Path) -> None:
    for ind, value in (("poverty", "2,1"), ("revenue", "82"), ("income", "80")):
        assert ntm(data_dir, "record", "2026", ind, value).exit_code == 0
    assert list(year_file(data_dir, 2026)["values"]) == ["revenue", "income", "poverty"]


# -- record errors: one line, no traceback, named exit code ---------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["record", "2026", "revenu", "82"],
            ExitCode.USAGE_ERROR,
            "Error: Unknown indicator 'revenu'. Did you mean 'revenue'? "
            "Run `ntm indicators` to list ids and numbers.\n",
        ),
        (
            ["record", "2026", "12", "82"],
            ExitCode.USAGE_ERROR,
            "Error: Unknown indicator '12'. Run `ntm indicators` to list ids and numbers.\n",
        ),
        (
            ["record", "2026", "revenue", "82x"],
            ExitCode.USAGE_ERROR,
            "Error: '82x' is not a number; write it like 96,5 or 96.5 (indicator 'revenue').\n",
        ),
        (
            ["record", "2031", "revenue", "82"],
            ExitCode.USAGE_ERROR,
            "Error: Year 2031 is outside the term 2025-2030; give a year from 2025 to 2030.\n",
        ),
        (
            ["record", "2026", "schools", "100,5"],
            ExitCode.USAGE_ERROR,
            "Error: 100.5 is out of range for 'schools': a value in % must be between 0 and 100.\n",
        ),
        (
            ["record", "2026", "revenue", "-1"],
            ExitCode.USAGE_ERROR,
            "Error: -1 is out of range for 'revenue': a value in billion VND must be at least 0.\n",
        ),
        (
            ["record", "2026", "ntm_criteria", "maybe"],
            ExitCode.USAGE_ERROR,
            "Error: 'maybe' is not yes or no; write yes/no (or có/không) (indicator "
            "'ntm_criteria').\n",
        ),
        (
            ["record", "2026", "revenue", "82", "--lang", "fr"],
            ExitCode.USAGE_ERROR,
            "Error: --lang must be 'en' or 'vi', not 'fr'.\n",
        ),
    ],
)
def test_record_errors(data_dir: Path, args: list[str], code: int, message: str) -> None:
    r = ntm(data_dir, *args)
    assert r.exit_code == code
    assert r.stderr == message
    assert r.stdout == ""
    assert not (data_dir / "actuals" / "2026.yaml").exists()


def test_missing_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["status"])
    assert r.exit_code == ExitCode.DATA_ERROR == 1
    assert r.stderr == (
        "Error: Data folder 'data' not found. Run ntm in the folder that holds 'data/', "
        "or give the folder with --data-dir PATH (or NTM_DATA_DIR).\n"
    )


def test_data_dir_from_environment(data_dir: Path) -> None:
    r = runner.invoke(app, ["record", "2026", "revenue", "82"], env={"NTM_DATA_DIR": str(data_dir)})
    assert r.exit_code == 0
    assert (data_dir / "actuals" / "2026.yaml").exists()


def test_malformed_yaml_names_file_and_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data_dir.parent)
    (data_dir / "actuals" / "2026.yaml").write_text(
        "year: 2026\nvalues:\n  revenue: [82\n  income: 80\n", encoding="utf-8"
    )
    r = runner.invoke(app, ["status"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr.startswith("Error: data/actuals/2026.yaml, line 4: ")
    assert r.stderr.endswith("fix the YAML there and try again.\n")
    assert r.stderr.count("\n") == 1


def test_invalid_plan_names_file_indicator_and_field(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data_dir.parent)
    plan = data_dir / "targets.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("target: 96.5", "target: lots"))
    r = runner.invoke(app, ["status"])
    assert r.exit_code == ExitCode.DATA_ERROR
    line = plan.read_text(encoding="utf-8").splitlines().index("    target: lots") + 1
    assert r.stderr.startswith(
        f"Error: data/targets.yaml, line {line}: indicator 'health_insurance', field 'target': "
    )


# -- status -----------------------------------------------------------------------


def test_status_with_nothing_recorded_shows_whole_plan_and_hint(data_dir: Path) -> None:
    r = ntm(data_dir, "status", "--year", "2026")
    assert r.exit_code == 0
    assert r.stdout.count("no data") == 17 + 1  # every row, and the footer
    assert "Indicators per status: no data 17" in r.stdout
    assert "Nothing recorded yet. Record the baseline first" in r.stdout
    data = json.loads(ntm(data_dir, "status", "--year", "2026", "--format", "json").stdout)
    assert {i["status"] for i in data["indicators"]} == {"no_data"}
    assert data["counts"]["no_data"] == 17


def test_status_default_year_is_latest_recorded(demo_dir: Path) -> None:
    data = json.loads(ntm(demo_dir, "status", "--format", "json").stdout)
    assert data["year"] == 2027


def test_status_json_keys_and_raw_numbers(demo_dir: Path) -> None:
    r = ntm(demo_dir, "status", "--format", "json", "--lang", "vi")
    data = json.loads(r.stdout)
    assert r.stdout == ntm(demo_dir, "status", "--format", "json").stdout  # same in every language
    by_id = {i["id"]: i for i in data["indicators"]}
    required = set(
        [
            "id",
            "number",
            "kind",
            "status",
            "actual",
            "expected",
            "target",
            "baseline",
            "progress",
            "gap",
            "percent_of_target",
            "required_per_year",
            "estimate",
        ]
    )
    for item in data["indicators"]:
        assert required <= set(item)
    assert "cumulative" in by_id["revenue"] and "cumulative" not in by_id["income"]
    assert by_id["revenue"]["cumulative"] == 152
    assert by_id["revenue"]["expected"] == 162
    assert by_id["health_insurance"]["actual"] == 93.5
    assert by_id["health_insurance"]["estimate"] is True
    assert by_id["health_insurance"]["progress"] == pytest.approx(1.5 / 1.8)
    assert by_id["poverty"]["percent_of_target"] is None
    assert by_id["clean_water"]["actual"] is None and by_id["clean_water"]["status"] == "no_data"
    assert by_id["e_health"]["status"] == "no_baseline"
    assert by_id["party_rating"]["status"] == "missed"  # exactly 90 is not "above 90"
    assert by_id["ntm_criteria"]["actual"] is True


def test_status_table_in_vietnamese(demo_dir: Path) -> None:
    out = ntm(demo_dir, "status", "--lang", "vi").stdout
    assert "Xuân Trường: kết quả thực hiện các chỉ tiêu năm 2027" in out
    for words in ("đúng tiến độ", "cần đẩy nhanh", "tiến độ chậm", "đi xuống", "không đạt",
                  "chưa có số liệu", "thiếu số liệu gốc", "Kinh tế", "Văn hóa - xã hội",
                  "93,5 (ư)", "Σ 152", "162,0", "ư = ước thực hiện"):  # fmt: skip
        assert words in out, words
    assert "on track" not in out


def test_language_from_environment_then_plan(demo_dir: Path) -> None:
    assert "đúng tiến độ" in ntm(demo_dir, "status", env={"NTM_LANG": "vi"}).stdout
    assert "on track" in ntm(demo_dir, "status").stdout  # the plan says en
    plan = demo_dir / "targets.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("language: en", "language: vi"))
    assert "đúng tiến độ" in ntm(demo_dir, "status").stdout
    assert "on track" in ntm(demo_dir, "status", "--lang", "en").stdout


def test_status_colour_on_and_off(demo_dir: Path) -> None:
    plain = ntm(demo_dir, "status").stdout
    assert "\x1b[" not in plain  # not a terminal: no colour codes
    coloured = ntm(demo_dir, "--color", "always", "status").stdout
    assert "\x1b[32mon track" in coloured  # green
    assert "\x1b[1;31mdeteriorating" in coloured  # bold red
    forced = ntm(demo_dir, "status", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in forced
    assert "\x1b[" not in ntm(demo_dir, "status", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_status_year_outside_term(demo_dir: Path) -> None:
    r = ntm(demo_dir, "status", "--year", "2024")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr == (
        "Error: Year 2024 is outside the term 2025-2030; give a year from 2025 to 2030.\n"
    )


def test_status_unknown_format(demo_dir: Path) -> None:
    r = ntm(demo_dir, "status", "--format", "xml")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr.startswith("Error: Unknown format 'xml'; choose one of: table, json, csv")


def test_status_csv(demo_dir: Path) -> None:
    out = ntm(demo_dir, "status", "--format", "csv").stdout
    assert out.startswith("\ufeffid,number,field,kind,comparator,status,year,actual,")
    lines = out.splitlines()
    assert lines[1].startswith("revenue,1,economy,cumulative,at_least,needs_acceleration,2027,70,")
    assert ",0.938271604938," in lines[1]  # 12 significant digits, no float noise


def test_status_footer_counts(demo_dir: Path) -> None:
    out = ntm(demo_dir, "status").stdout
    assert (
        "Indicators per status: achieved 7 · on track 2 · needs acceleration 2 · limited "
        "progress 2 · deteriorating 1 · missed 1 · no baseline 1 · no data 1"
    ) in " ".join(out.split())


# -- indicators and global options ---------------------------------------------------


def test_indicators_lists_the_plan(data_dir: Path) -> None:
    out = ntm(data_dir, "indicators").stdout
    for cell in ("revenue", "health_insurance", "6a", "at least 96.5%", "below 1.00%",
                 "above 90%", "military_quota", "S3", "section III.4", "at_least"):  # fmt: skip
        assert cell in out, cell
    vi = ntm(data_dir, "indicators", "--lang", "vi").stdout
    assert "Tỷ lệ dân số tham gia bảo hiểm y tế" in vi
    assert "từ 96,5% trở lên" in vi and "dưới 1,00%" in vi


def test_version() -> None:
    from ntm_tracker import __version__

    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0
    assert r.stdout == f"ntm-tracker {__version__}\n"


def test_bad_colour_option(data_dir: Path) -> None:
    r = ntm(data_dir, "--color", "sometimes", "status")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert "choose auto, always or never" in r.stderr
