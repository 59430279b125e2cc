"""`ntm summary --format docx/xlsx`: the Word report and the Excel appendix, read back
with python-docx and openpyxl, as the office files them (Hướng dẫn 36-HD/VPTW frame).

The files are written by the command, the format named by the file's extension.
"""

from __future__ import annotations

import builtins
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ntm_tracker.cli import ExitCode
from tests.conftest import DEMO, ROOT, Invoke
from tests.golden import check_golden

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")

from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

# -- helpers -------------------------------------------------------------------------------


def office_file(
    ntm: Invoke, tmp_path: Path, fmt: str, *args: str, folder: Path = DEMO, year: str = "2027"
) -> bytes:
    """Run `ntm summary YEAR --output FILE.FMT` and return the file's bytes."""
    out = tmp_path / f"bao-cao.{fmt}"
    r = ntm("--data-dir", str(folder), "summary", year, "--output", str(out), "--force", *args)
    assert r.exit_code == ExitCode.OK, r.stderr
    assert r.stderr == ""
    assert r.stdout.endswith(f"{out}\n")
    return out.read_bytes()


def word(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def cell_lines(cell: Any) -> list[str]:
    return [p.text for p in cell.paragraphs]


def body_paragraphs(document: Any) -> list[Any]:
    """The paragraphs between the title block ('-----') and the closing table."""
    paragraphs = document.paragraphs
    start = [p.text for p in paragraphs].index("-----") + 1
    end = [p.text for p in paragraphs].index("(Có phụ lục kèm theo)")
    return [p for p in paragraphs[start:end] if not p.text.startswith("(*)")]


def docx_text(document: Any) -> str:
    """The text content, in document order: paragraphs, and table cells (a row a line)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            for row in table.rows:
                out.append(" | ".join(" / ".join(cell_lines(c)) for c in row.cells))
    return "\n".join(out) + "\n"


def text_rows(ntm: Invoke, lang: str = "vi") -> list[list[str]]:
    """The appendix of the text report (tab-separated), header first."""
    r = ntm("--data-dir", str(DEMO), "summary", "2027", "--lang", lang)
    title = "PHỤ LỤC" if lang == "vi" else "APPENDIX"
    lines = r.stdout[r.stdout.index(f"\n{title}\n") + 1 :].splitlines()
    return [line.split("\t") for line in lines[3 : 3 + 24]]


# -- the Word report -----------------------------------------------------------------------


def test_heading_block_with_number_and_date(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx", "--number", "15", "--date", "2027-12-15"))
    head = doc.tables[0]
    left, right = head.rows[0].cells
    assert cell_lines(left) == [
        "ĐẢNG BỘ TỈNH ....................",  # the superior body: a blank to fill in
        "ĐẢNG ỦY XÃ XUÂN TRƯỜNG",
        "*",
        "Số 15-BC/ĐU",  # HD 36: no colon after "Số"
    ]
    assert cell_lines(right) == [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "______________________",
        "Xuân Trường, ngày 15 tháng 12 năm 2027",
    ]
    issuer, party, when = left.paragraphs[1], right.paragraphs[0], right.paragraphs[2]
    assert issuer.runs[0].font.bold is True
    assert party.runs[0].font.bold is True and party.runs[0].font.size.pt == 15
    assert when.runs[0].font.italic is True
    for p in (*left.paragraphs, *right.paragraphs):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_heading_block_blanks_without_number_and_date(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx"))
    left, right = doc.tables[0].rows[0].cells
    assert cell_lines(left)[3] == "Số     -BC/ĐU"
    assert cell_lines(right)[2] == "Xuân Trường, ngày     tháng     năm 2027"


def test_date_written_the_vietnamese_way_and_a_bad_date(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx", "--date", "5/1/2028"))
    assert cell_lines(doc.tables[0].rows[0].cells[1])[2] == (
        "Xuân Trường, ngày 05 tháng 01 năm 2028"
    )
    r = ntm(
        "--data-dir",
        str(DEMO),
        "summary",
        "2027",
        "--format",
        "docx",
        "--output",
        str(tmp_path / "x"),
        "--date",
        "2027-13-45",
    )
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr == (
        "Lỗi: '2027-13-45' không phải là ngày; viết như 2027-12-15 hoặc 15/12/2027.\n"
    )
    assert not (tmp_path / "x").exists()


def test_title_and_body(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx"))
    texts = [p.text for p in doc.paragraphs]
    kind = doc.paragraphs[texts.index("BÁO CÁO")]
    assert kind.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert kind.runs[0].font.bold is True and kind.runs[0].font.size.pt == 16
    about = doc.paragraphs[texts.index("BÁO CÁO") + 1]
    assert about.text == (
        "kết quả thực hiện các chỉ tiêu chủ yếu của Chương trình hành động thực hiện Nghị quyết "
        "Đại hội đại biểu Đảng bộ xã lần thứ I, nhiệm kỳ 2025-2030, năm 2027"
    )
    assert about.runs[0].font.bold is True
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    fonts = normal.element.rPr.rFonts
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        assert fonts.get(qn(script)) == "Times New Roman"  # Vietnamese letters too
    body = body_paragraphs(doc)
    # the same paragraphs as the text report, one Word paragraph each
    r = ntm("--data-dir", str(DEMO), "summary", "2027")
    text = r.stdout[: r.stdout.index("\n(*) ")].splitlines()[3:]
    assert [p.text for p in body] == [line for line in text if line]
    for p in body:
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert p.paragraph_format.first_line_indent.cm == pytest.approx(1.27)
        assert all(run.font.size.pt == 14 for run in p.runs)
    bold = [p.text for p in body if p.runs[0].font.bold]
    assert bold == [
        "I. KẾT QUẢ CHUNG",
        "II. KẾT QUẢ THỰC HIỆN TỪNG CHỈ TIÊU",
        "Các chỉ tiêu bổ sung (theo mục I, III của Chương trình hành động)",
        "III. CÁC CHỈ TIÊU CHƯA ĐẠT TIẾN ĐỘ VÀ YÊU CẦU THỜI GIAN TỚI",
    ]
    assert "(Có phụ lục kèm theo)" in texts


def test_appendix_is_a_word_table_with_a_repeated_header(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx"))
    assert len(doc.tables) == 3  # the heading block, the closing block, the appendix
    table = doc.tables[2]
    assert (len(table.rows), len(table.columns)) == (24, 11)  # header, 15 + 1 + 7 rows
    header = table.rows[0]
    flag = header._tr.trPr.find(qn("w:tblHeader"))
    assert flag is not None and flag.get(qn("w:val")) == "true"
    assert all(cell.paragraphs[0].runs[0].font.bold for cell in header.cells)
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows == text_rows(ntm)  # the same cells as the text report's table
    group = table.rows[16]
    assert group.cells[1].text == "Chỉ tiêu bổ sung" and group.cells[1].paragraphs[0].runs[0].bold
    assert table.rows[1].cells[4].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # the table lies in the landscape section, after its title
    body = list(doc.element.body.iterchildren())
    breaks = [
        i
        for i, el in enumerate(body)
        if el.tag == qn("w:p") and el.find(".//" + qn("w:sectPr")) is not None
    ]
    assert len(breaks) == 1 and body.index(table._tbl) > breaks[0]
    texts = [p.text for p in doc.paragraphs]
    assert texts.index("PHỤ LỤC") > texts.index("(Có phụ lục kèm theo)")


def test_pages_are_a4_portrait_then_landscape(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx"))
    portrait, landscape = doc.sections
    assert portrait.orientation == WD_ORIENT.PORTRAIT
    assert (portrait.page_width.mm, portrait.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert (landscape.page_width.mm, landscape.page_height.mm) == pytest.approx((297, 210), abs=0.1)
    for s in (portrait, landscape):  # top, bottom, left, right (HD 36: 20-25/20-25/30-35/15-20)
        margins = (s.top_margin.mm, s.bottom_margin.mm, s.left_margin.mm, s.right_margin.mm)
        assert margins == pytest.approx((20, 20, 30, 15), abs=0.1)


def test_recipients_and_signature(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx"))
    left, right = doc.tables[1].rows[0].cells
    assert cell_lines(left) == [
        "Nơi nhận:",
        "- TT Đảng uỷ, HĐND, UBND xã,",
        "- Các tổ chức đảng,",
        "- Các cơ quan, đơn vị thuộc xã,",
        "- Lưu VP Đảng uỷ.",
    ]
    heading = left.paragraphs[0].runs[0].font
    assert heading.bold and heading.italic and heading.underline
    assert cell_lines(right) == ["T/M ĐẢNG ỦY", "BÍ THƯ", "", "", "", "", "Trịnh Văn Hoàng"]
    doc = word(office_file(ntm, tmp_path, "docx", "--signer", "Nguyễn Thị Lan"))
    assert cell_lines(doc.tables[1].rows[0].cells[1])[-1] == "Nguyễn Thị Lan"


NO_OFFICE = """\
title: {vi: Chương trình hành động, en: Action programme}
commune: Xuân Trường
term: {start: 2025, end: 2030}
baseline_year: 2025
indicators:
  - {id: income, number: "1", field: economy, name: {vi: Thu nhập, en: Income},
     unit: {vi: triệu đồng, en: million VND}, kind: level, measure: amount,
     comparator: at_least, target: 120, target_year: 2030}
"""


def test_frame_without_an_office_block(ntm: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(NO_OFFICE, "utf-8")
    doc = word(office_file(ntm, tmp_path, "docx", folder=folder, year="2026"))
    left, right = doc.tables[0].rows[0].cells
    assert cell_lines(left)[:2] == ["ĐẢNG BỘ TỈNH ....................", "ĐẢNG ỦY XÃ XUÂN TRƯỜNG"]
    assert cell_lines(right)[2] == "Xuân Trường, ngày     tháng     năm 2026"
    left, right = doc.tables[1].rows[0].cells
    assert cell_lines(left) == [
        "Nơi nhận:",
        "- Ban Thường vụ Tỉnh ủy (để báo cáo),",
        "- Các đồng chí Đảng ủy viên,",
        "- Các chi bộ, đảng bộ trực thuộc,",
        "- Lưu Văn phòng Đảng ủy.",
    ]
    assert cell_lines(right)[-1] == ""  # no signer: left blank to write by hand


def test_english_frame(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx", "--lang", "en", "--date", "2027-12-15"))
    left, right = doc.tables[0].rows[0].cells
    assert cell_lines(left) == [
        "PARTY ORGANISATION OF ....................",
        "ĐẢNG ỦY XÃ XUÂN TRƯỜNG",  # the plan's own words for the issuing body
        "*",
        "No.     -BC/ĐU",
    ]
    assert cell_lines(right) == [
        "COMMUNIST PARTY OF VIET NAM",
        "______________________",
        "Xuân Trường, 15/12/2027",
    ]
    texts = [p.text for p in doc.paragraphs]
    assert "REPORT" in texts and "(The appendix table is attached.)" in texts
    assert cell_lines(doc.tables[1].rows[0].cells[1])[:2] == [
        "ON BEHALF OF THE PARTY COMMITTEE",
        "SECRETARY",
    ]


def test_golden_summary_docx_text(ntm: Invoke, tmp_path: Path) -> None:
    data = office_file(ntm, tmp_path, "docx", "--number", "15", "--date", "2027-12-15")
    check_golden("summary_2027_vi.docx.txt", docx_text(word(data)))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_the_report_to_pdf(ntm: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(office_file(ntm, tmp_path, "docx", "--number", "15"))
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "pdf" / "bao-cao.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    boxes = {
        tuple(round(float(x)) for x in box.split())
        for box in re.findall(rb"/MediaBox\s*\[\s*([\d. ]+?)\s*\]", pdf)
    }
    assert (0, 0, 595, 842) in boxes  # A4 portrait (points)
    assert (0, 0, 842, 595) in boxes  # A4 landscape: the appendix


# -- the Excel appendix --------------------------------------------------------------------


def sheet_of(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_xlsx_sheet(ntm: Invoke, tmp_path: Path) -> None:
    sheet = sheet_of(office_file(ntm, tmp_path, "xlsx"))
    assert sheet.title == "Phụ lục"
    assert sheet["A1"].value == "PHỤ LỤC" and sheet["A1"].font.bold
    assert sheet["A2"].value == (
        "Kết quả thực hiện các chỉ tiêu chủ yếu của Nghị quyết năm 2027, xã Xuân Trường"
    )
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:K1", "A2:K2"}
    header = [c.value for c in sheet[4]]
    assert header == text_rows(ntm)[0]
    assert all(c.font.bold for c in sheet[4])
    assert sheet.freeze_panes == "A5"
    assert sheet.print_title_rows == "$4:$4"  # the header row on every printed page
    setup = sheet.page_setup
    assert (setup.orientation, str(setup.paperSize)) == ("landscape", "9")  # 9: A4
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True


def test_xlsx_numbers_are_numbers(ntm: Invoke, tmp_path: Path) -> None:
    sheet = sheet_of(office_file(ntm, tmp_path, "xlsx"))
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=5, max_row=27)}
    revenue = rows["1"]
    # previous, plan, actual as numbers shown as typed (82, as the Word report says); %
    # with 1 place; the target as a number where it is one
    assert [c.value for c in revenue[4:7]] == [82, 78, 70]
    assert {c.number_format for c in revenue[4:7]} == {"#,##0"}
    assert {c.number_format for c in revenue[7:9]} == {"#,##0.0"}
    assert (rows["3"][3].value, rows["6a"][3].value, rows["6a"][3].number_format) == (
        120,
        96.5,
        "#,##0.0",
    )
    assert rows["4"][3].value == "dưới 1,0"  # a comparison stays words
    assert revenue[7].value == pytest.approx(70 / 78 * 100)  # 89.74: a number, not text
    assert revenue[8].value == pytest.approx(70 / 82 * 100)
    poverty = rows["4"]
    assert [c.value for c in poverty[4:7]] == [2.4, 2.2, 2.3]
    assert poverty[6].number_format == "#,##0.0"  # 2.3, as typed
    assert poverty[7].value == "+0,10 điểm %"  # a change in points stays words
    assert rows["10"][4].value == "có"
    assert rows["6b"][5].value == "-"
    assert all(isinstance(c.value, str) for c in rows["S1"][:4] if c.value is not None)
    notes = [row[0].value for row in sheet.iter_rows(min_row=28)]
    assert len(notes) == 3 and notes[0].startswith("(ước): số ước thực hiện.")
    assert notes[1].startswith("(*) Chỉ tiêu (1)") and notes[2].startswith("(*) Chỉ tiêu (2)")


def test_xlsx_keeps_the_estimate_mark(ntm: Invoke, tmp_path: Path) -> None:
    sheet = sheet_of(office_file(ntm, tmp_path, "xlsx"))
    row = next(r for r in sheet.iter_rows(min_row=5) if r[0].value == "6a")
    cell = row[6]
    assert "(ước)" in str(cell.value) or "ước" in cell.number_format


def test_golden_summary_xlsx_cells(ntm: Invoke, tmp_path: Path) -> None:
    sheet = sheet_of(office_file(ntm, tmp_path, "xlsx", "--lang", "en"))
    lines = [
        "\t".join("" if c.value is None else repr(c.value) for c in row)
        for row in sheet.iter_rows()
    ]
    check_golden("summary_2027_en.xlsx.txt", "\n".join(lines) + "\n")


# -- refusals and missing packages -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_binary_formats_need_an_output_file(ntm: Invoke, fmt: str) -> None:
    r = ntm("--data-dir", str(DEMO), "summary", "2027", "--format", fmt, "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stdout == ""
    assert r.stderr == (
        f"Error: {fmt} is a file format, not for the screen: add --output FILE.{fmt}.\n"
    )


def test_a_report_is_never_written_into_the_data_folder(ntm: Invoke, demo_dir: Path) -> None:
    target = demo_dir / "bao-cao"
    r = ntm("--data-dir", str(demo_dir), "summary", "2027", "--format", "docx", "-o", str(target))
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert "Không ghi báo cáo vào đó vì sẽ ghi đè lên tệp dữ liệu" in r.stderr
    assert not target.exists()


def _without(monkeypatch: pytest.MonkeyPatch, package: str) -> None:
    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == package or name.startswith(package + "."):
            raise ImportError(f"No module named '{package}'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)


def test_without_python_docx(ntm: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _without(monkeypatch, "docx")
    out = tmp_path / "bao-cao.docx"
    r = ntm("--data-dir", str(DEMO), "summary", "2027", "-o", str(out))
    assert r.exit_code == ExitCode.MISSING_EXTRA
    assert r.stdout == ""
    assert r.stderr == (
        "Lỗi: Cần gói python-docx; cài bằng lệnh: pip install python-docx (trong bản sao mã "
        "nguồn: pip install -e '.[docx]').\n"
    )
    assert not out.exists()


def test_without_openpyxl(ntm: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _without(monkeypatch, "openpyxl")
    out = tmp_path / "bao-cao.xlsx"
    r = ntm("--data-dir", str(DEMO), "summary", "2027", "-o", str(out), "--lang", "en")
    assert r.exit_code == ExitCode.MISSING_EXTRA
    assert "pip install openpyxl" in r.stderr
    assert not out.exists()


def test_the_docx_extra_exists() -> None:
    # the missing-package message names the extra: pip install -e '.[docx]'
    tomllib = pytest.importorskip("tomllib")
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
        "optional-dependencies"
    ]
    assert any(dep.startswith("python-docx") for dep in extras["docx"])
    assert any(dep.startswith("openpyxl") for dep in extras["xlsx"])


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_extension_chooses_the_format(ntm: Invoke, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"bao-cao.{fmt}"
    r = ntm("--data-dir", str(DEMO), "summary", "2027", "--output", str(out))
    assert r.exit_code == ExitCode.OK, r.stderr
    assert r.stdout == f"Đã ghi tệp {out}\n"
    if fmt == "docx":
        word(out.read_bytes())
    else:
        sheet_of(out.read_bytes())


def test_the_extension_and_the_format_together(ntm: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    r = ntm("--data-dir", str(DEMO), "summary", "2027", "-f", "docx", "-o", str(out))
    assert r.exit_code == ExitCode.OK, r.stderr
    assert word(out.read_bytes()).paragraphs[1].text == "BÁO CÁO"


def test_a_text_report_into_a_md_file_is_refused_by_name(ntm: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.md"
    r = ntm(
        "--data-dir", str(DEMO), "summary", "2027", "-f", "docx", "-o", str(out), "--lang", "en"
    )
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr == (
        f"Error: {out}: The file name ends in .md but the format is docx; make them agree.\n"
    )
    assert not out.exists()


def test_file_properties_name_the_office_not_the_library(ntm: Invoke, tmp_path: Path) -> None:
    from datetime import datetime, timedelta

    props = word(office_file(ntm, tmp_path, "docx")).core_properties
    assert (props.author, props.last_modified_by) == ("ĐẢNG ỦY XÃ XUÂN TRƯỜNG",) * 2
    assert props.title == "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU CỦA NGHỊ QUYẾT NĂM 2027"
    assert (props.comments, props.subject, props.keywords) == ("", "", "")
    assert abs(props.created.replace(tzinfo=None) - datetime.now()) < timedelta(hours=15)
    book = openpyxl.load_workbook(io.BytesIO(office_file(ntm, tmp_path, "xlsx"))).properties
    assert book.creator != "openpyxl"
    assert book.title.startswith("PHỤ LỤC - Kết quả thực hiện các chỉ tiêu chủ yếu")
