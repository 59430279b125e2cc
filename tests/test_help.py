"""`ntm`, `ntm --help` and `ntm COMMAND --help` in the user's language.

Every text of the help comes from the catalogs: the commands declare keys, and click's
own words (Usage, Options, [default: ...]) are the catalogs' too. Under Vietnamese no
English text of the catalogs is left, and under English no Vietnamese one; the
language is chosen as for every other output (--lang, NTM_LANG, the plan's, the
system's).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from ntm_tracker.cli import app
from ntm_tracker.i18n import catalog
from tests.conftest import Invoke

EN, VI = catalog("en"), catalog("vi")
HELP_KEYS = sorted(k for k in EN if k.startswith(("help.", "metavar.")))
BUILT_IN = {"help", "install_completion", "show_completion"}  # added by click and typer


def group() -> Any:
    return typer.main.get_command(app)


def commands() -> list[str]:
    return list(group().commands)


def help_of(command: str | None, lang: str) -> str:
    """The help as the test runner lays it out (80 columns, click's width in tests)."""
    args = [command] if command else []
    r = CliRunner().invoke(app, [*args, "--help", "--lang", lang])
    assert (r.exit_code, r.stderr) == (0, ""), r.stderr
    return str(r.stdout)


def test_every_help_text_is_a_catalog_key() -> None:
    """What a command declares (its help, each argument's and option's help and metavar)
    is a key of the catalogs, or a list of the values it takes (en|vi)."""
    seen = 0
    for command in [group(), *group().commands.values()]:
        assert command.help in EN, command.name
        for param in command.params:
            if param.name in BUILT_IN:
                continue
            assert param.help in EN, (command.name, param.name, param.help)
            takes_value = param.param_type_name == "argument" or not param.is_flag
            if takes_value:
                assert param.metavar in EN or "|" in param.metavar, (command.name, param.name)
            seen += 1
    assert seen > 40
    for name in BUILT_IN:
        assert f"help.opt.{name}" in EN


def _differ() -> list[str]:
    return [k for k in HELP_KEYS if EN[k] != VI[k]]


def _texts(words: dict[str, str]) -> list[str]:
    """Each help text of a catalog as help shows it, paragraph by paragraph, without the
    placeholders ('default: {value}' is 'default:'), and without the examples' command
    lines (the same in both languages)."""
    found = []
    for key in _differ():
        for part in words[key].split("\n\n"):
            text = part.split("{", 1)[0].strip()
            if text and not text.startswith(("Example:", "Ví dụ:")):
                found.append(text)
    return found


ENGLISH = r"\b(the|and|of|to|is|not|with|for|this|file|year|figure|target|show|write)\b"


def _prose(text: str) -> str:
    """The help's sentences: without the command lines of the usage and the examples,
    option names, quoted or back-quoted text and lists of values (en|vi), which are the
    same in both languages."""
    lines = []
    for line in text.splitlines():
        label, ntm, _ = line.partition(" ntm ")
        lines.append(label if ntm and label.strip().endswith(":") else line)
    kept = re.sub(r"--?[a-z][a-z-]*|`[^`]*`|'[^']*'|\b[a-z]+\|[a-z|]+", "", "\n".join(lines))
    return _flat(kept)


def _within(text: str, shown: str) -> bool:
    """Is ``text`` in ``shown`` as words of its own (DIR is not in NTM_DATA_DIR)?"""
    return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", shown) is not None


def _flat(text: str) -> str:
    """The help's text without its line breaks (a wrapped sentence is one again)."""
    return " ".join(text.split())


@pytest.mark.parametrize("command", [None, *commands()])
def test_no_english_left_in_the_vietnamese_help(command: str | None) -> None:
    shown = _flat(help_of(command, "vi"))
    left = [t for t in _texts(EN) if _within(_flat(t), shown)]
    assert left == [], f"ntm {command or ''} --help --lang vi: {left}"
    # click's and typer's own words are not left either, nor any English word in the prose
    prose = _prose(help_of(command, "vi"))
    for english in ("Usage", "Options", "Arguments", "Commands", "Show this message",
                    "default:", "required", "env var", "completion", "Example"):  # fmt: skip
        assert english not in prose, english
    assert re.findall(ENGLISH, prose) == [], prose


@pytest.mark.parametrize("command", [None, *commands()])
def test_no_vietnamese_left_in_the_english_help(command: str | None) -> None:
    shown = _flat(help_of(command, "en"))
    left = [t for t in _texts(VI) if _within(_flat(t), shown)]
    assert left == [], f"ntm {command or ''} --help --lang en: {left}"
    assert shown.startswith(f"Usage: ntm {command or ''}".rstrip())
    assert re.findall(ENGLISH, _prose(help_of(command, "en")))  # the check above can fail


def test_the_help_of_a_command_in_vietnamese() -> None:
    assert help_of("record", "vi") == (
        "Cách dùng: ntm record [TÙY_CHỌN] NĂM CHỈ_TIÊU SỐ_LIỆU\n"
        "\n"
        "  Ghi số liệu thực hiện của một chỉ tiêu trong một năm.\n"
        "\n"
        "  Ví dụ: ntm record 2026 revenue 82 --estimate\n"
        "\n"
        "Đối số:\n"
        "  NĂM       Năm, trong nhiệm kỳ (ví dụ 2026).  [bắt buộc]\n"
        "  CHỈ_TIÊU  Mã chỉ tiêu (income) hoặc số thứ tự (3, 6b).  [bắt buộc]\n"
        "  SỐ_LIỆU   Số liệu: 96,5 hoặc 96.5; có/không (yes/no) với chỉ tiêu chỉ đánh giá\n"
        "            đạt hay không đạt.  [bắt buộc]\n"
        "\n"
        "Tùy chọn:\n"
        "  -e, --estimate      Đánh dấu là số ước thực hiện (chưa chính thức).\n"
        "  -n, --note GHI_CHÚ  Ghi chú lưu kèm số liệu (nguồn, nhận xét).\n"
        "  -f, --force         Thay số liệu đã ghi (số cũ vẫn được lưu trong lịch sử);\n"
        "                      ghi cả vào tệp năm chỉ cho đọc.\n"
        "  -h, --help          Hiện hướng dẫn này rồi thoát.\n"
    )


def test_the_help_of_a_command_in_english() -> None:
    assert help_of("import", "en") == (
        "Usage: ntm import [OPTIONS] FILE\n"
        "\n"
        "  Record many figures from a CSV or Excel file: all of them, or none if any row\n"
        "  is wrong.\n"
        "\n"
        "  Columns as `ntm export` writes them (id, year, value, estimate, note,\n"
        "  annual_plan), or simply year,indicator,value[,note,estimate]. A CSV as Excel\n"
        "  saves it: UTF-8, UTF-16 (Unicode Text) or Windows-1258; cells separated by\n"
        "  ',', ';' or tabs.\n"
        "\n"
        "  Example: ntm import so-lieu-2026.xlsx --dry-run\n"
        "\n"
        "Arguments:\n"
        "  FILE  CSV or Excel file (.xlsx) of figures; '-': read stdin.  [required]\n"
        "\n"
        "Options:\n"
        "  -n, --dry-run  Check every row and show what would change; write nothing.\n"
        "  -f, --force    Replace figures already recorded (kept in history).\n"
        "  --sheet NAME   The sheet of an Excel file (default: the first).\n"
        "  -h, --help     Show this message and exit.\n"
    )


def test_the_top_level_help_in_vietnamese() -> None:
    shown = help_of(None, "vi")
    assert shown.startswith(
        "Cách dùng: ntm [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]...\n\n"
        "  Theo dõi các chỉ tiêu phát triển 2025-2030 của xã qua từng năm:"
    )
    assert "  --data-dir THƯ_MỤC         Thư mục chứa targets.yaml, actuals/ và plans/.\n" in shown
    assert "[biến môi trường: NTM_DATA_DIR; mặc định: data]\n" in shown
    assert "\nCác lệnh:\n  record      Ghi số liệu thực hiện của một chỉ tiêu trong một năm.\n" in (
        shown
    )


@pytest.mark.parametrize(
    ("lang", "metavars"),
    [("en", ["YEAR", "INDICATOR", "VALUE", "FILE"]), ("vi", ["NĂM", "CHỈ_TIÊU", "SỐ_LIỆU", "TỆP"])],
)
def test_what_arguments_take_is_named_in_the_language(lang: str, metavars: list[str]) -> None:
    year, indicator, value, file = metavars
    assert f" {year} {indicator} {value}\n" in help_of("record", lang)
    assert f"] [{year}]\n" in help_of("status", lang)
    assert f"] {indicator} [{year}]\n" in help_of("explain", lang)
    assert f"-o, --output {file} " in help_of("export", lang)


# -- the language of the help: the rule of every output ------------------------------------


def test_ntm_alone_speaks_the_plan_s_language(here: Path, ntm: Invoke) -> None:
    r = ntm()
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.startswith("Cách dùng: ntm [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]...\n")
    plan = here / "targets.yaml"
    plan.write_text(plan.read_text("utf-8").replace("language: vi", "language: en"), "utf-8")
    assert ntm().stdout.startswith("Usage: ntm [OPTIONS] COMMAND [ARGS]...\n")
    assert ntm("record", "--help").stdout.startswith("Usage: ntm record [OPTIONS] YEAR ")


@pytest.mark.parametrize(
    ("args", "env", "usage"),
    [
        (["--help"], {}, "Cách dùng:"),
        (["--help", "--lang", "en"], {}, "Usage:"),
        (["--lang", "en"], {}, "Usage:"),  # ntm with options only: the help
        (["status", "--help", "--lang", "en"], {}, "Usage:"),  # --lang after the command
        (["status", "--help"], {"NTM_LANG": "en"}, "Usage:"),
        (["status", "--help", "--lang", "vi"], {"NTM_LANG": "en"}, "Cách dùng:"),
    ],
)
def test_the_language_of_the_help(
    here: Path, ntm: Invoke, args: list[str], env: dict[str, str], usage: str
) -> None:
    r = ntm(*args, **env)
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.startswith(f"{usage} ntm")


def test_without_a_plan_the_system_s_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ntm: Invoke
) -> None:
    monkeypatch.chdir(tmp_path)
    assert ntm("--help", LANG="en_US.UTF-8").stdout.startswith("Usage: ntm")
    assert ntm("--help", LANG="vi_VN.UTF-8").stdout.startswith("Cách dùng: ntm")
    assert ntm("--help").stdout.startswith("Cách dùng: ntm")  # no LANG (Windows): Vietnamese


# -- shell completion shows the same words beside each name ---------------------------------


@pytest.mark.parametrize(
    ("lang", "record", "force", "help_"),
    [
        ("vi", "Ghi số liệu thực hiện của một chỉ tiêu trong một năm.",
         "Thay số liệu đã ghi (số cũ vẫn được lưu trong lịch sử); ghi cả vào tệp năm...",
         "Hiện hướng dẫn này rồi thoát."),
        ("en", "Record the actual figure of one indicator for one year.",
         "Replace a figure already recorded (the old one is kept in history); write a...",
         "Show this message and exit."),
    ],
)  # fmt: skip
def test_completion_shows_the_help_in_the_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str, record: str, force: str, help_: str
) -> None:
    """zsh, fish and PowerShell show each command's and option's help as it completes."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NTM_LANG", lang)
    ntm = group()
    ctx = ntm.make_context("ntm", [], resilient_parsing=True)
    assert [(i.value, i.help) for i in ntm.shell_complete(ctx, "rec")] == [("record", record)]
    command = ntm.commands["record"]
    sub = command.make_context("record", [], parent=ctx, resilient_parsing=True)
    shown = {i.value: i.help for i in command.shell_complete(sub, "--")}
    assert (shown["--force"], shown["--help"]) == (force, help_)
