"""`ntm summary --format docx/xlsx`: the Word report and the Excel appendix, read back
with python-docx and openpyxl, as the office files them: the Party frame (Hướng dẫn
36-HD/VPTW) and the State frame (Nghị định 30/2020/NĐ-CP).

The files are written by the command, the format named by the file's extension. The
layout facts are asserted on the file itself (fields, borders, widths, keep flags); when
LibreOffice is installed, one test also converts the report to PDF and reads its pages.
"""

from __future__ import annotations

import builtins
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ntm_tracker.cli import ExitCode
from tests.conftest import DEMO, ROOT, Invoke
from tests.golden import check_golden
from tests.test_summary import SKELETON_2027

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")

from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

TWIPS_PER_MM = 1440 / 25.4

# -- helpers -------------------------------------------------------------------------------


def office_file(
    ntm: Invoke, tmp_path: Path, fmt: str, *args: str, folder: Path = DEMO, year: str = "2027"
) -> bytes:
    """Run `ntm summary YEAR --output FILE.FMT` and return the file's bytes."""
    out = tmp_path / f"bao-cao.{fmt}"
    r = ntm("--data-dir", str(folder), "summary", year, "--output", str(out), "--force", *args)
    assert r.exit_code == ExitCode.OK, r.stderr
    # one warning: the places left to fill in, or for the sheet alone (the appendix) the
    # figure missing (its words: test_summary.py)
    warned = ("Cảnh báo: báo cáo còn ", "Warning: the report has ")
    if fmt == "xlsx":
        warned = ("Cảnh báo: năm ", "Warning: ")
    assert r.stderr.startswith(warned) or (r.stderr == "" and folder != DEMO)
    assert r.stderr.count("\n") == 1
    assert r.stdout.endswith(f"{out}\n")
    return out.read_bytes()


def word(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def cell_lines(cell: Any) -> list[str]:
    return [p.text for p in cell.paragraphs]


def section_break(document: Any) -> int:
    """The index (in document.paragraphs) of the paragraph that ends the portrait section."""
    return next(
        i
        for i, p in enumerate(document.paragraphs)
        if p._p.find(".//" + qn("w:sectPr")) is not None
    )


def body_paragraphs(document: Any) -> list[Any]:
    """The report's paragraphs: after the title block ('-----' or the State rule) up to the
    closing block, without the line pointing to the appendix."""
    paragraphs = document.paragraphs[: section_break(document)]
    texts = [p.text for p in paragraphs]
    start = texts.index("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    return [p for p in paragraphs[start:] if p.text != "(Có phụ lục kèm theo)"]


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


def footnotes(document: Any) -> dict[str, str]:
    """The document's footnotes by id (without Word's separators)."""
    part = next(
        r.target_part for r in document.part.rels.values() if r.reltype.endswith("/footnotes")
    )
    root = part.element if hasattr(part, "element") else docx.oxml.parse_xml(part.blob)
    return {
        n.get(qn("w:id")): "".join(t.text or "" for t in n.iter(qn("w:t"))).strip()
        for n in root.findall(qn("w:footnote"))
        if n.get(qn("w:type")) is None
    }


def plain(paragraph: Any) -> str:
    """The paragraph's text without its note marks (footnote numbers are superscript)."""
    return "".join(r.text for r in paragraph.runs if not r.font.superscript)


def references(paragraph: Any) -> list[str]:
    return [r.get(qn("w:id")) for r in paragraph._p.iter(qn("w:footnoteReference"))]


def top_rule(paragraph: Any) -> Any:
    """The paragraph's top border (a rule), or None."""
    ppr = paragraph._p.pPr
    found = ppr.find(qn("w:pBdr")) if ppr is not None else None
    return found.find(qn("w:top")) if found is not None else None


def cell_margin_mm(table: Any) -> float:
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    left = margins.find(qn("w:left"))
    return int(left.get(qn("w:w"))) / TWIPS_PER_MM


def rule_width_mm(table: Any, cell: Any, rule: Any) -> float:
    """How long a rule drawn in ``cell`` is: the cell less its margins and the indents."""
    fmt = rule.paragraph_format
    return float(
        cell.width.mm - 2 * cell_margin_mm(table) - fmt.left_indent.mm - fmt.right_indent.mm
    )


def header_fields(section: Any) -> list[str]:
    return [t.text.strip() for t in section.header._element.iter(qn("w:instrText"))]


def text_rows(ntm: Invoke, lang: str = "vi") -> list[list[str]]:
    """The appendix of the text report (tab-separated), header first."""
    r = ntm("--data-dir", str(DEMO), "summary", "2027", "--lang", lang)
    title = "PHỤ LỤC" if lang == "vi" else "APPENDIX"
    lines = r.stdout[r.stdout.index(f"\n{title}\n") + 1 :].splitlines()
    return [line.split("\t") for line in lines[3 : 3 + 26]]  # header, 15 + 1 + 9 rows


def state_plan(
    tmp_path: Path, body: str = "committee", level: str = "phuong", office: str = ""
) -> Path:
    """A copy of the demo data whose plan was adopted by a State body (UBND or HĐND)."""
    folder = tmp_path / "state"
    shutil.copytree(DEMO, folder)
    plan = folder / "targets.yaml"
    text = plan.read_text("utf-8")
    start, end = text.index("office:"), text.index("# Progress R")
    text = (
        text[:start]
        + (office or "office:\n  place: Xuân Trường\n  signer: Nguyễn Văn An\n")
        + "\n"
        + text[end:]
    )
    text = re.sub(r"(?m)^level: .*$", f"level: {level}", text, count=1)  # the plan's own lines
    text = re.sub(r"(?m)^body: .*$", f"body: {body}", text, count=1)
    plan.write_text(text, "utf-8")
    return folder


# -- a description of the layout, for the golden files --------------------------------------


def _run_text(run: Any, normal: float) -> str:
    text = "".join(
        "{PAGE}" if child.tag == qn("w:instrText") else (child.text or "")
        for child in run._r
        if child.tag in (qn("w:t"), qn("w:instrText"))
    )
    refs = [f"[^{r.get(qn('w:id'))}]" for r in run._r.iter(qn("w:footnoteReference"))]
    if refs:
        return "".join(refs)
    if not text:
        return ""
    font = run.font
    if font.superscript:
        text = f"^{text}^"
    if font.underline:
        text = f"__{text}__"
    if font.italic:
        text = f"_{text}_"
    if font.bold:
        text = f"**{text}**"
    if font.size is not None and font.size.pt != normal:
        text = f"{text}[{font.size.pt:g}]"
    return text


def _paragraph(p: Any, normal: float = 14) -> str:
    from docx.text.run import Run

    flags = []
    align = {WD_ALIGN_PARAGRAPH.CENTER: "C", WD_ALIGN_PARAGRAPH.JUSTIFY: "J",
             WD_ALIGN_PARAGRAPH.RIGHT: "R"}.get(p.alignment, "L")  # fmt: skip
    flags.append(align)
    fmt = p.paragraph_format
    if fmt.first_line_indent:
        flags.append("indent")
    if fmt.keep_with_next:
        flags.append("keep-next")
    if fmt.keep_together:
        flags.append("keep-lines")
    rule = top_rule(p)
    if rule is not None:
        flags.append(f"rule {rule.get(qn('w:val'))}")
    runs = "".join(_run_text(Run(r, p), normal) for r in p._p.iter(qn("w:r")))
    return f"[{' '.join(flags)}] {runs}".rstrip()


def layout(document: Any) -> str:
    """The Word file as its layout: sections, headers, paragraphs with their alignment,
    keep flags and rules, runs with their style, tables cell by cell, the footnotes."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []
    for i, s in enumerate(document.sections, start=1):
        start = s._sectPr.find(qn("w:pgNumType"))
        out.append(
            f"== section {i}: {s.orientation.name.lower()} "
            f"{s.page_width.mm:.0f}x{s.page_height.mm:.0f} mm, margins "
            f"{s.top_margin.mm:.0f}/{s.bottom_margin.mm:.0f}/{s.left_margin.mm:.0f}/"
            f"{s.right_margin.mm:.0f}, first page apart: {s.different_first_page_header_footer}, "
            f"numbers from: {start.get(qn('w:start')) if start is not None else '-'}"
        )
        if not s.header.is_linked_to_previous:
            out += [f"   header: {_paragraph(p)}" for p in s.header.paragraphs]
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(_paragraph(Paragraph(child, document)))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            for r, row in enumerate(table.rows):
                split = (
                    row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
                )
                widths = "/".join(f"{cell.width.mm:.1f}" for cell in row.cells)
                out.append(f"-- row {r + 1}{' (never split)' if split else ''}, {widths} mm")
                for cell in row.cells:
                    out.append("   | " + " / ".join(_paragraph(p) for p in cell.paragraphs))
    out += [f"[^{k}]: {v}" for k, v in footnotes(document).items()]
    return "\n".join(out) + "\n"


# -- the Party frame -----------------------------------------------------------------------


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
        "",  # the rule
        "Xuân Trường, ngày 15 tháng 12 năm 2027",
    ]
    issuer, party, when = left.paragraphs[1], right.paragraphs[0], right.paragraphs[2]
    assert issuer.runs[0].font.bold is True
    assert party.runs[0].font.bold is True and party.runs[0].font.size.pt == 15
    assert when.runs[0].font.italic is True
    for p in (*left.paragraphs, *right.paragraphs):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_the_rule_under_the_party_heading_is_as_long_as_the_heading(
    ntm: Invoke, tmp_path: Path
) -> None:
    # HD 36 §1.1.2: "đường kẻ ngang nét liền, có độ dài bằng độ dài tiêu đề". The heading
    # in Times New Roman Bold 15 pt: 28 218 font units of 2048 (Đ A N G, C O N G, ...)
    # × 15 / 2048 = 206.67 pt = 72.9 mm
    doc = word(office_file(ntm, tmp_path, "docx"))
    head = doc.tables[0]
    right = head.rows[0].cells[1]
    rule = right.paragraphs[1]
    border = top_rule(rule)
    assert border is not None and border.get(qn("w:val")) == "single"  # a solid line
    assert rule.text == "" and not rule.runs
    assert rule_width_mm(head, right, rule) == pytest.approx(72.9, abs=0.1)
    assert "_" not in docx_text(doc).split("\n")[0]  # no row of typed underscores


def test_the_date_fits_on_one_line(ntm: Invoke, tmp_path: Path) -> None:
    # "Xuân Trường, ngày 15 tháng 12 năm 2027" in Times New Roman Italic 14 pt: 84.2 mm; the
    # right column leaves it that much room inside its margins (the old 85 mm column left
    # 81 mm: the year wrapped)
    doc = word(office_file(ntm, tmp_path, "docx", "--date", "15/12/2027"))
    head = doc.tables[0]
    right = head.rows[0].cells[1]
    assert right.paragraphs[2].text == "Xuân Trường, ngày 15 tháng 12 năm 2027"
    assert right.width.mm - 2 * cell_margin_mm(head) >= 84.2
    # the two columns stay within the page and its margins
    left = head.rows[0].cells[0]
    assert left.width.mm + right.width.mm <= 165 + 10


def test_heading_block_blanks_without_number_and_date(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx"))
    left, right = doc.tables[0].rows[0].cells
    assert cell_lines(left)[3] == "Số     -BC/ĐU"
    assert cell_lines(right)[2] == "Xuân Trường, ngày     tháng     năm 2027"


def test_date_written_the_vietnamese_way_and_a_bad_date(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx", "--date", "5/1/2028", "--number", "7"))
    left, right = doc.tables[0].rows[0].cells
    assert cell_lines(right)[2] == "Xuân Trường, ngày 05 tháng 01 năm 2028"
    assert cell_lines(left)[3] == "Số 07-BC/ĐU"  # numbered from 01
    # NĐ 30 (II.4), and HD 36's examples: a 0 before the months 1 and 2 only
    doc = word(office_file(ntm, tmp_path, "docx", "--date", "2027-06-09"))
    assert cell_lines(doc.tables[0].rows[0].cells[1])[2] == "Xuân Trường, ngày 09 tháng 6 năm 2027"
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


def test_pages_are_numbered_from_the_second(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx"))
    portrait, landscape = doc.sections
    # page 1 has its own, empty header; from page 2 a PAGE field, centred at the top
    assert portrait.different_first_page_header_footer is True
    assert not portrait.first_page_header.is_linked_to_previous
    assert [p.text for p in portrait.first_page_header.paragraphs] in ([], [""])
    assert header_fields(portrait) == ["PAGE"]
    number = portrait.header.paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {r.font.size.pt for r in number.runs} == {14}
    assert portrait.header_distance.mm == pytest.approx(10, abs=0.1)
    # the appendix counts its own pages from 1, the first unnumbered (NĐ 30, III.1.đ)
    start = landscape._sectPr.find(qn("w:pgNumType"))
    assert start is not None and start.get(qn("w:start")) == "1"
    assert landscape.different_first_page_header_footer is True
    assert landscape.header.is_linked_to_previous  # the same number, centred at the top


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
    # the same paragraphs as the text report, one Word paragraph each; the note marks are
    # footnotes, "./." closes the last
    r = ntm("--data-dir", str(DEMO), "summary", "2027")
    text = r.stdout[: r.stdout.index("\n(*) ")].splitlines()[3:]
    expected = [re.sub(r"\(\*+\)", "", line) for line in text if line]
    assert expected[-1].endswith("./.")  # the text closes as the Word file does
    assert [plain(p) for p in body] == expected
    for p in body:
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert p.paragraph_format.first_line_indent.cm == pytest.approx(1.27)
        assert all(run.font.size.pt == 14 for run in p.runs)
    bold = [p.text for p in body if p.runs[0].font.bold]
    assert bold == list(SKELETON_2027)  # the headings of the text report
    # a heading is kept on the page of the text it heads
    assert all(p.paragraph_format.keep_with_next for p in body if p.text in bold)
    # the pointer to the appendix closes the overview, where the counts sum the table up
    pointer = doc.paragraphs[texts.index("(Có phụ lục kèm theo)")]
    assert texts[texts.index("(Có phụ lục kèm theo)") + 1] == "2. Kết quả cụ thể"
    assert pointer.runs[0].font.italic is True


def test_the_body_ends_with_the_closing_mark(ntm: Invoke, tmp_path: Path) -> None:
    for year in ("2026", "2027"):
        doc = word(office_file(ntm, tmp_path, "docx", year=year))
        last = body_paragraphs(doc)[-1]
        assert last.text.endswith("./.") and not last.text.endswith("../.")
        assert sum(p.text.count("./.") for p in doc.paragraphs) == 1


def test_notes_are_footnotes_with_their_own_marks(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx"))
    notes = footnotes(doc)
    assert notes == {
        "1": "Chỉ tiêu (1) tính tổng cả giai đoạn 2026-2030.",
        "2": "Chỉ tiêu (2) tính tốc độ tăng bình quân hằng năm giai đoạn 2026-2030 (bình quân "
        "nhân).",
    }
    body = body_paragraphs(doc)
    revenue = next(p for p in body if p.text.startswith("(1) Tổng thu"))
    growth = next(p for p in body if p.text.startswith("(2) Tốc độ"))
    assert references(revenue) == ["1"] and references(growth) == ["2"]
    # the reference stands after the target, as a superscript number, not "(*)"
    assert "(405 tỷ đồng)" in revenue.text and "(*)" not in revenue.text
    ref_run = next(
        r for r in revenue._p.iter(qn("w:r")) if r.find(qn("w:footnoteReference")) is not None
    )
    assert ref_run.find(qn("w:rPr")).find(qn("w:vertAlign")).get(qn("w:val")) == "superscript"
    # a later mention of the same note repeats its number, without a second footnote
    (pace,) = [
        p for p in body if p.text.startswith("(1) Tổng thu ngân sách nhà nước trên địa bàn: ")
    ]
    assert references(pace) == []
    assert [r.text for r in pace.runs if r.font.superscript] == ["1"]
    assert pace.text.endswith("mục tiêu 405 tỷ đồng1.")
    # nowhere two marks glued together, nowhere a note printed in the body
    for year in ("2026", "2027"):
        text = docx_text(word(office_file(ntm, tmp_path, "docx", year=year)))
        assert "(*)(*)" not in text and ")(*)" not in text
        assert "xu hướng" not in text  # no forecast from a trend in a report
    assert not any(p.text.startswith("(*) ") for p in doc.paragraphs[: section_break(doc)])


def test_the_closing_block_stays_on_one_page_with_the_text_before_it(
    ntm: Invoke, tmp_path: Path
) -> None:
    doc = word(office_file(ntm, tmp_path, "docx"))
    closing = doc.tables[1]
    (row,) = closing.rows
    assert row._tr.trPr.find(qn("w:cantSplit")) is not None  # the row never splits
    for cell in row.cells:
        *first, last = cell.paragraphs
        assert all(p.paragraph_format.keep_together for p in cell.paragraphs)
        assert all(p.paragraph_format.keep_with_next for p in first)
    # the last paragraph of the text goes to the next page with the block, if it must
    last = body_paragraphs(doc)[-1]
    assert last.paragraph_format.keep_with_next is True
    assert last._p.getnext() is closing._tbl


def test_appendix_is_a_word_table_with_a_repeated_header(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx", "--number", "15", "--date", "15/12/2027"))
    assert len(doc.tables) == 3  # the heading block, the closing block, the appendix
    table = doc.tables[2]
    assert (len(table.rows), len(table.columns)) == (26, 12)  # header, 15 + 1 + 9 rows
    header = table.rows[0]
    flag = header._tr.trPr.find(qn("w:tblHeader"))
    assert flag is not None and flag.get(qn("w:val")) == "true"
    assert all(cell.paragraphs[0].runs[0].font.bold for cell in header.cells)
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows == text_rows(ntm)  # the same cells as the text report's table
    group = table.rows[16]
    assert (
        group.cells[1].text == "Các mục tiêu, nhiệm vụ cụ thể khác"
        and group.cells[1].paragraphs[0].runs[0].bold
    )
    assert table.rows[1].cells[4].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # the table lies in the landscape section, after its title and "Kèm theo" line
    body = list(doc.element.body.iterchildren())
    breaks = [
        i
        for i, el in enumerate(body)
        if el.tag == qn("w:p") and el.find(".//" + qn("w:sectPr")) is not None
    ]
    assert len(breaks) == 1 and body.index(table._tbl) > breaks[0]
    texts = [p.text for p in doc.paragraphs]
    title = texts.index("PHỤ LỤC")
    assert title > section_break(doc)
    assert texts[title + 2] == (
        "(Kèm theo Báo cáo số 15-BC/ĐU ngày 15 tháng 12 năm 2027 của Đảng ủy xã Xuân Trường)"
    )
    assert doc.paragraphs[title + 2].runs[0].font.italic is True
    # every row whole on its page; the last one goes with the notes under the table
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    assert all(
        p.paragraph_format.keep_with_next for c in table.rows[-1].cells for p in c.paragraphs
    )
    notes = doc.paragraphs[-3:]
    assert [p.text[:6] for p in notes] == ["(ước):", "(*) Ch", "(**) C"]
    assert [p.paragraph_format.keep_with_next for p in notes] == [True, True, False]


def test_the_appendix_line_is_left_to_fill_without_number_and_date(
    ntm: Invoke, tmp_path: Path
) -> None:
    texts = [p.text for p in word(office_file(ntm, tmp_path, "docx")).paragraphs]
    assert (
        "(Kèm theo Báo cáo số     -BC/ĐU ngày     tháng     năm 2027 của Đảng ủy xã Xuân Trường)"
        in texts
    )


def test_pages_are_a4_portrait_then_landscape(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx"))
    portrait, landscape = doc.sections
    assert portrait.orientation == WD_ORIENT.PORTRAIT
    assert (portrait.page_width.mm, portrait.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert (landscape.page_width.mm, landscape.page_height.mm) == pytest.approx((297, 210), abs=0.1)
    for s in (portrait, landscape):  # top, bottom, left, right (NĐ 30: 20-25/20-25/30-35/15-20)
        margins = (s.top_margin.mm, s.bottom_margin.mm, s.left_margin.mm, s.right_margin.mm)
        assert margins == pytest.approx((20, 20, 30, 15), abs=0.1)
    # the appendix table fills the width between the margins, no more
    widths = sum(c.width.mm for c in doc.tables[2].rows[0].cells)
    assert widths == pytest.approx(297 - 30 - 15, abs=0.5)


def test_recipients_and_signature(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx"))
    left, right = doc.tables[1].rows[0].cells
    # the plan's recipients, each with its purpose; the superior body first (để báo cáo)
    assert cell_lines(left) == [
        "Nơi nhận:",
        "- Ban Thường vụ Tỉnh ủy (để báo cáo),",
        "- Các đồng chí Đảng ủy viên (để biết),",
        "- Các chi bộ, đảng bộ trực thuộc (để thực hiện),",
        "- Hội đồng nhân dân, Ủy ban nhân dân xã (để thực hiện),",
        "- Lưu Văn phòng Đảng ủy.",
    ]
    label = left.paragraphs[0].runs[0].font
    # Party practice: underlined, not the State's bold italic
    assert (label.underline, label.bold, label.italic, label.size.pt) == (True, False, False, 14)
    assert {r.font.size.pt for p in left.paragraphs[1:] for r in p.runs} == {12}
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
        "- Các đồng chí Đảng ủy viên (để biết),",
        "- Các chi bộ, đảng bộ trực thuộc (để thực hiện),",
        "- Lưu Văn phòng Đảng ủy.",
    ]
    assert cell_lines(right)[-1] == ""  # no signer: left blank to write by hand
    # a plan without reading notes: no footnotes, and still "./." at the end
    assert body_paragraphs(doc)[-1].text.endswith("./.")


PLAIN_RECIPIENTS = """\
office:
  signer_title: PHÓ BÍ THƯ
  on_behalf: T/M BAN THƯỜNG VỤ
  symbol: BC/ĐU
  recipients:
    - Ban Thường vụ Tỉnh ủy (để báo cáo);
    - {name: Đảng ủy viên, purpose: b/c}
    - Lưu VP
"""


def test_office_block_old_and_new_keys(ntm: Invoke, tmp_path: Path) -> None:
    # plain lines (old plans) stay as written; a purpose typed the office's way ("b/c")
    folder = tmp_path / "data"
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(NO_OFFICE + PLAIN_RECIPIENTS, "utf-8")
    doc = word(office_file(ntm, tmp_path, "docx", "--number", "3", folder=folder, year="2026"))
    left, right = doc.tables[1].rows[0].cells
    assert cell_lines(left)[1:] == [
        "- Ban Thường vụ Tỉnh ủy (để báo cáo),",
        "- Đảng ủy viên (để báo cáo),",
        "- Lưu VP.",
    ]
    # a Party deputy signs on behalf of the committee, without "K/T"
    assert cell_lines(right)[:2] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    assert cell_lines(doc.tables[0].rows[0].cells[0])[-1] == "Số 03-BC/ĐU"


def test_english_frame(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx", "--lang", "en", "--date", "2027-12-15"))
    left, right = doc.tables[0].rows[0].cells
    assert cell_lines(left) == [
        "PARTY ORGANISATION OF ..........",
        "ĐẢNG ỦY XÃ XUÂN TRƯỜNG",  # the plan's own words for the issuing body
        "*",
        "No.     -BC/ĐU",
    ]
    assert cell_lines(right) == ["COMMUNIST PARTY OF VIET NAM", "", "Xuân Trường, 15/12/2027"]
    texts = [p.text for p in doc.paragraphs]
    assert "REPORT" in texts and "(The appendix table is attached.)" in texts
    assert cell_lines(doc.tables[1].rows[0].cells[1])[:2] == [
        "ON BEHALF OF THE PARTY COMMITTEE",
        "SECRETARY",
    ]
    assert (
        "(Attached to Report No.     -BC/ĐU of 15/12/2027 by the Party Committee of Xuân "
        "Trường commune)" in texts
    )
    head = doc.tables[0]
    rule = head.rows[0].cells[1].paragraphs[1]
    # "COMMUNIST PARTY OF VIET NAM" in Times New Roman Bold 15 pt: 90.5 mm
    assert rule_width_mm(head, head.rows[0].cells[1], rule) == pytest.approx(90.5, abs=0.1)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_golden_summary_docx_layout(ntm: Invoke, tmp_path: Path, lang: str) -> None:
    data = office_file(
        ntm, tmp_path, "docx", "--number", "15", "--date", "2027-12-15", "--lang", lang
    )
    check_golden(f"summary_2027_{lang}.docx.txt", layout(word(data)))


# -- the State frame (Nghị định 30/2020/NĐ-CP) ----------------------------------------------


def test_state_frame_of_a_ward_committee(ntm: Invoke, tmp_path: Path) -> None:
    folder = state_plan(tmp_path)
    doc = word(office_file(ntm, tmp_path, "docx", "--number", "5", "--date", "2/2/2028",
                           folder=folder))  # fmt: skip
    head = doc.tables[0]
    (left, right), (number, when) = (r.cells for r in head.rows)
    assert cell_lines(left) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG XUÂN TRƯỜNG", ""]
    assert cell_lines(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
    ]
    # NĐ 30 (II.3, II.4): "Số:" with a colon, the number padded, the symbol after a slash;
    # the place and date on the number's line, a 0 before the month 2
    assert cell_lines(number) == ["Số: 05/BC-UBND"]
    assert cell_lines(when) == ["Xuân Trường, ngày 02 tháng 02 năm 2028"]
    assert number.paragraphs[0].runs[0].font.size.pt == 13
    assert when.paragraphs[0].runs[0].font.italic is True
    fonts = [left.paragraphs[i].runs[0].font for i in (0, 1)]
    assert all(f.bold and f.size.pt == 13 for f in fonts)
    nation, motto = (right.paragraphs[i].runs[0].font for i in (0, 1))
    assert nation.bold and motto.bold and motto.size.pt == 13
    # the motto's rule as long as the motto (13 pt bold: 56.0 mm); the issuer's 0.4 of
    # its longer line (PHƯỜNG XUÂN TRƯỜNG, 13 pt bold: 56.5 mm → 22.6 mm)
    assert rule_width_mm(head, right, right.paragraphs[2]) == pytest.approx(56.0, abs=0.1)
    assert rule_width_mm(head, left, left.paragraphs[2]) == pytest.approx(22.6, abs=0.1)
    texts = [p.text for p in doc.paragraphs]
    kind = doc.paragraphs[texts.index("BÁO CÁO")]
    assert kind.runs[0].font.size.pt == 14
    about = doc.paragraphs[texts.index("BÁO CÁO") + 1]
    assert about.text.startswith("Kết quả thực hiện")  # NĐ 30: a capital, "Về ..."
    assert top_rule(doc.paragraphs[texts.index("BÁO CÁO") + 2]) is not None
    left, right = doc.tables[1].rows[0].cells
    assert cell_lines(left) == [
        "Nơi nhận:",
        "- Ủy ban nhân dân tỉnh (để báo cáo);",
        "- Thường trực Đảng ủy phường (để báo cáo);",
        "- Thường trực Hội đồng nhân dân phường (để báo cáo);",
        "- Các đại biểu Hội đồng nhân dân phường (để biết);",
        "- Lưu: VT.",
    ]
    label = left.paragraphs[0].runs[0].font  # NĐ 30 (II.9): 12 pt bold italic; the list 11
    assert (label.bold, label.italic, label.underline, label.size.pt) == (True, True, False, 12)
    assert {r.font.size.pt for p in left.paragraphs[1:] for r in p.runs} == {11}
    assert cell_lines(right) == [
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "", "", "Nguyễn Văn An",
    ]  # fmt: skip
    assert (
        "(Kèm theo Báo cáo số 05/BC-UBND ngày 02 tháng 02 năm 2028 của Ủy ban nhân dân "
        "phường Xuân Trường)" in texts
    )
    assert body_paragraphs(doc)[-1].text.endswith("./.")


def test_state_frame_deputy_and_council(ntm: Invoke, tmp_path: Path) -> None:
    office = (
        "office:\n  signer: Lê Thị Hoa\n  signer_title: PHÓ CHỦ TỊCH\n"
        "  superior: ỦY BAN NHÂN DÂN TỈNH NINH BÌNH\n"
    )
    doc = word(office_file(ntm, tmp_path, "docx", folder=state_plan(tmp_path, office=office)))
    left = doc.tables[0].rows[0].cells[0]
    assert cell_lines(left)[:3] == [
        "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG XUÂN TRƯỜNG",
    ]
    assert left.paragraphs[0].runs[0].font.bold is False  # the superior body: not bold
    # NĐ 30 (II.7): a deputy signs for the chair of a collective body
    assert cell_lines(doc.tables[1].rows[0].cells[1]) == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "", "", "Lê Thị Hoa",
    ]  # fmt: skip
    council = state_plan(tmp_path / "c", body="council", level="xa")
    doc = word(office_file(ntm, tmp_path, "docx", "--number", "12", folder=council))
    assert cell_lines(doc.tables[0].rows[0].cells[0])[:2] == ["HỘI ĐỒNG NHÂN DÂN", "XÃ XUÂN TRƯỜNG"]
    assert cell_lines(doc.tables[0].rows[1].cells[0]) == ["Số: 12/BC-HĐND"]
    closing = doc.tables[1].rows[0].cells
    assert cell_lines(closing[1])[:2] == ["TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"]
    assert cell_lines(closing[0])[1] == "- Thường trực Hội đồng nhân dân tỉnh (để báo cáo);"


def test_state_frame_in_english(ntm: Invoke, tmp_path: Path) -> None:
    doc = word(office_file(ntm, tmp_path, "docx", "--lang", "en", folder=state_plan(tmp_path)))
    (left, right), (number, _) = (r.cells for r in doc.tables[0].rows)
    assert cell_lines(left)[:2] == ["PEOPLE'S COMMITTEE", "OF XUÂN TRƯỜNG WARD"]
    assert cell_lines(right)[:2] == [
        "SOCIALIST REPUBLIC OF VIET NAM",
        "Independence - Freedom - Happiness",
    ]
    assert cell_lines(number) == ["No.:     /BC-UBND"]
    closing = doc.tables[1].rows[0].cells
    assert cell_lines(closing[0])[:3] == [
        "Recipients:",
        "- The provincial People's Committee (for review);",
        "- The Standing Board of the ward Party Committee (for review);",
    ]
    assert cell_lines(closing[0])[-1] == "- Filed at the records office."
    assert cell_lines(closing[1])[:2] == ["ON BEHALF OF THE PEOPLE'S COMMITTEE", "CHAIR"]


def test_golden_state_docx_layout(ntm: Invoke, tmp_path: Path) -> None:
    folder = state_plan(tmp_path)
    data = office_file(
        ntm, tmp_path, "docx", "--number", "5", "--date", "2028-02-02", folder=folder
    )
    check_golden("summary_2027_state_vi.docx.txt", layout(word(data)))


# -- the office's own Word file --------------------------------------------------------------


def _template(path: Path) -> Path:
    """An office's Word file as python-docx makes it: its own margins, a Normal style in
    13 pt, a page header with a line of text, a sentence in the body."""
    from docx.shared import Mm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.left_margin, section.right_margin = Mm(35), Mm(20)
    section.top_margin = section.bottom_margin = Mm(25)
    doc.styles["Normal"].font.size = Pt(13)
    doc.styles["Normal"].font.name = "Arial"
    section.header.paragraphs[0].text = "VĂN PHÒNG ĐẢNG ỦY - MẪU BÁO CÁO"
    doc.add_paragraph("Bản lưu của Văn phòng")
    doc.add_paragraph("")
    doc.save(path)
    return path


def test_template_keeps_the_office_styles_page_and_header(ntm: Invoke, tmp_path: Path) -> None:
    model = _template(tmp_path / "mau.docx")
    doc = word(office_file(ntm, tmp_path, "docx", "--template", str(model)))
    first = doc.sections[0]
    margins = (
        first.top_margin.mm,
        first.bottom_margin.mm,
        first.left_margin.mm,
        first.right_margin.mm,
    )
    assert margins == pytest.approx((25, 25, 35, 20), abs=0.1)
    normal = doc.styles["Normal"]
    assert (normal.font.name, normal.font.size.pt) == ("Arial", 13)
    # its header is the office's own: kept, no page number put over it
    assert [p.text for p in first.header.paragraphs] == ["VĂN PHÒNG ĐẢNG ỦY - MẪU BÁO CÁO"]
    assert header_fields(first) == []
    # its text first, then the report (its empty last line dropped)
    assert [p.text for p in doc.paragraphs[:3]] == ["Bản lưu của Văn phòng", "", "BÁO CÁO"]
    assert doc.tables[0].rows[0].cells[0].paragraphs[1].text == "ĐẢNG ỦY XÃ XUÂN TRƯỜNG"
    # the appendix in landscape with the template's margins
    landscape = doc.sections[-1]
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert landscape.left_margin.mm == pytest.approx(35, abs=0.1)
    # (python-docx's blank document is US Letter: the template's paper is kept)
    assert landscape.page_width.mm == pytest.approx(first.page_height.mm, abs=0.1)
    widths = sum(c.width.mm for c in doc.tables[2].rows[0].cells)
    assert widths == pytest.approx(landscape.page_width.mm - 35 - 20, abs=0.5)


def test_template_with_an_empty_header_gets_the_page_numbers(ntm: Invoke, tmp_path: Path) -> None:
    from docx.shared import Mm

    path = tmp_path / "trang.docx"
    blank = docx.Document()
    blank.sections[0].left_margin = Mm(32)
    blank.save(path)
    doc = word(office_file(ntm, tmp_path, "docx", "--template", str(path)))
    assert header_fields(doc.sections[0]) == ["PAGE"]
    assert doc.paragraphs[0].text == "" and doc.paragraphs[1].text == "BÁO CÁO"
    assert doc.sections[0].left_margin.mm == pytest.approx(32, abs=0.1)


def test_a_word_template_file_dotx_is_read_as_its_document(ntm: Invoke, tmp_path: Path) -> None:
    import zipfile

    source = _template(tmp_path / "mau.docx")
    dotx = tmp_path / "mau.dotx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dotx, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
                )
            zout.writestr(item, data)
    doc = word(office_file(ntm, tmp_path, "docx", "--template", str(dotx)))
    assert doc.paragraphs[0].text == "Bản lưu của Văn phòng"


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"", "rong.docx"), (b"PK\x03\x04 broken", "hong.docx"), (b"{\\rtf1 Word 97}", "cu.doc")],
)
def test_a_file_that_is_not_a_docx_is_refused_in_one_line(
    ntm: Invoke, tmp_path: Path, content: bytes, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "r.docx"
    r = ntm("--data-dir", str(DEMO), "summary", "2027", "-o", str(out), "--template", str(path))
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stdout == ""
    assert r.stderr == (
        f"Lỗi: {path} không phải là tệp Word (.docx) mở được; hãy mở tệp mẫu bằng Word, chọn "
        "Lưu thành (Save As) kiểu Word Document (.docx) rồi chạy lại.\n"
    )
    assert not out.exists()


def test_a_missing_template_is_a_mistake_of_the_command_line(ntm: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    r = ntm(
        "--data-dir", str(DEMO), "summary", "2027", "-o", str(out), "--lang", "en",
        "--template", str(tmp_path / "none.docx"),
    )  # fmt: skip
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr.startswith(f"Error: {tmp_path / 'none.docx'}: ")
    assert r.stderr.count("\n") == 1
    assert not out.exists()


# -- what LibreOffice makes of it --------------------------------------------------------------


def _pdf(tmp_path: Path, source: Path) -> Path:
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
    return tmp_path / "pdf" / (source.stem + ".pdf")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_the_report_to_pdf(ntm: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(office_file(ntm, tmp_path, "docx", "--number", "15", "--date", "15/12/2026",
                                   year="2026"))  # fmt: skip
    pdf_path = _pdf(tmp_path, source)
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF")
    boxes = {
        tuple(round(float(x)) for x in box.split())
        for box in re.findall(rb"/MediaBox\s*\[\s*([\d. ]+?)\s*\]", pdf)
    }
    assert (0, 0, 595, 842) in boxes  # A4 portrait (points)
    assert (0, 0, 842, 595) in boxes  # A4 landscape: the appendix
    if shutil.which("pdftotext") is None:
        return
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    pages = text.split("\f")
    assert "Xuân Trường, ngày 15 tháng 12 năm 2026" in pages[0]  # the date on one line
    assert pages[1].lstrip().startswith("2\n")  # page 2 numbered at the top, page 1 not
    assert not pages[0].lstrip().startswith("1")
    signature = next(i for i, page in enumerate(pages) if "T/M ĐẢNG ỦY" in page)
    assert "Trịnh Văn Hoàng" in pages[signature]  # the name on the signature's page
    assert "./." in pages[signature]  # with the end of the text


# -- the Excel appendix --------------------------------------------------------------------

HEADER_ROW = 5  # title, subtitle, "Kèm theo ...", an empty row, the header


def sheet_of(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data)).active


def sheet_rows(sheet: Any) -> dict[str, Any]:
    return {
        row[0].value: row
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 23)
    }


def test_xlsx_sheet(ntm: Invoke, tmp_path: Path) -> None:
    sheet = sheet_of(office_file(ntm, tmp_path, "xlsx", "--number", "15", "--date", "15/12/2027"))
    assert sheet.title == "Phụ lục"
    assert sheet["A1"].value == "PHỤ LỤC" and sheet["A1"].font.bold
    assert sheet["A2"].value == ("Kết quả thực hiện các chỉ tiêu chủ yếu năm 2027, xã Xuân Trường")
    assert sheet["A3"].value == (
        "(Kèm theo Báo cáo số 15-BC/ĐU ngày 15 tháng 12 năm 2027 của Đảng ủy xã Xuân Trường)"
    )
    assert sheet["A3"].font.italic
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:L1", "A2:L2", "A3:L3"} <= merged
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header == text_rows(ntm)[0]
    assert all(c.font.bold for c in sheet[HEADER_ROW])
    assert sheet.freeze_panes == "A6"
    assert sheet.print_title_rows == "$5:$5"  # the header row on every printed page
    setup = sheet.page_setup
    assert (setup.orientation, str(setup.paperSize)) == ("landscape", "9")  # 9: A4
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True


def test_xlsx_numbers_are_numbers(ntm: Invoke, tmp_path: Path) -> None:
    sheet = sheet_of(office_file(ntm, tmp_path, "xlsx"))
    rows = sheet_rows(sheet)
    revenue = rows["1"]
    # previous, plan, actual as numbers shown as typed (82, as the Word report says)
    assert [c.value for c in revenue[4:7]] == [82, 78, 70]
    assert {c.number_format for c in revenue[4:7]} == {"#,##0"}
    # % of the plan and of last year: numbers, shown with their "%"
    assert revenue[7].value == pytest.approx(70 / 78 * 100)  # 89.74: a number, not text
    assert revenue[8].value == pytest.approx(70 / 82 * 100)
    assert {c.number_format for c in revenue[7:9]} == {'#,##0.0"%"'}
    # the target column: every figure a number, its words in the number's format
    assert (revenue[3].value, revenue[3].number_format) == (405, '#,##0" (tổng 2026-2030)"')
    assert (rows["3"][3].value, rows["3"][3].number_format) == (120, "#,##0")
    assert (rows["6a"][3].value, rows["6a"][3].number_format) == (96.5, "#,##0.0")
    assert (rows["4"][3].value, rows["4"][3].number_format) == (1, '"dưới "#,##0.0')
    assert (rows["11a"][3].value, rows["11a"][3].number_format) == (
        90,
        '"trên "#,##0" (hằng năm)"',
    )
    assert rows["2"][3].number_format == '"trên "#,##0" (bình quân 2026-2030)"'
    said_in_words = {"10", "S1", "S2", "S3", "S4", "S5", "S6", None}  # "duy trì", "đạt"
    targets = [r[3].value for n, r in rows.items() if n not in said_in_words]
    assert len(targets) == 15 and all(isinstance(v, int | float) for v in targets)
    # a change in points: a signed number, "điểm %" in its format
    poverty = rows["4"]
    assert [c.value for c in poverty[4:7]] == [2.4, 2.2, 2.3]
    assert poverty[6].number_format == "#,##0.0"  # 2.3, as typed
    assert poverty[7].value == pytest.approx(0.1)
    assert poverty[7].number_format == ('+#,##0.0" điểm %";-#,##0.0" điểm %";#,##0.0" điểm %"')
    assert poverty[8].value == pytest.approx(-0.1)
    # the year against its plan, in the office's words
    assert [rows[n][9].value for n in ("1", "3", "4", "6b")] == [
        "Chưa đạt",
        "Vượt",
        "Chưa đạt",
        "-",
    ]
    assert rows["10"][4].value == "Đạt"  # a yes/no in the office's words
    assert rows["6b"][5].value == "-"
    assert all(isinstance(c.value, str) for c in rows["S1"][:4] if c.value is not None)
    notes = [row[0].value for row in sheet.iter_rows(min_row=HEADER_ROW + 26)]
    assert len(notes) == 3 and notes[0].startswith("(ước): số ước thực hiện.")
    assert notes[1].startswith("(*) Chỉ tiêu (1)") and notes[2].startswith("(**) Chỉ tiêu (2)")


def test_xlsx_rows_are_as_high_as_their_wrapped_text(ntm: Invoke, tmp_path: Path) -> None:
    # LibreOffice keeps the default height (15 pt) of a row it is not told the height of:
    # wrapped text overlapped the next row. Each row is set to its lines: the name of (2)
    # in Times New Roman 11 pt is 349 pt wide, its column (40 units of 7 pixels at 96 dpi,
    # less the padding) 207 pt: 2 lines, 2 × 15 + 2 = 32 pt; (S2)'s name, 735 pt: 4 lines,
    # 62 pt; (3)'s name, one line: 17 pt
    sheet = sheet_of(office_file(ntm, tmp_path, "xlsx"))
    heights = {
        row[0].value: sheet.row_dimensions[row[0].row].height
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 23)
    }
    assert (heights["3"], heights["2"], heights["S2"]) == (17, 32, 62)
    assert all(h is not None and h >= 17 for h in heights.values())
    assert sheet.row_dimensions[HEADER_ROW].height == 47  # the header: 3 lines
    notes = [sheet.row_dimensions[r].height for r in range(HEADER_ROW + 24, HEADER_ROW + 27)]
    assert all(h is not None for h in notes)
    # a figure never wraps (Excel shows ### instead): the target column and the two
    # comparisons widen to their longest figure, "trên 10 (bình quân 2026-2030)"
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJKL"]
    assert widths == [5, 40, 10, 28, 11, 11, 13, 13, 13, 12, 17, 28]


def test_xlsx_keeps_the_estimate_mark(ntm: Invoke, tmp_path: Path) -> None:
    sheet = sheet_of(office_file(ntm, tmp_path, "xlsx"))
    cell = sheet_rows(sheet)["6a"][6]
    assert (cell.value, cell.number_format) == (93.5, '#,##0.0" (ước)"')


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_golden_summary_xlsx_cells(ntm: Invoke, tmp_path: Path, lang: str) -> None:
    sheet = sheet_of(office_file(ntm, tmp_path, "xlsx", "--lang", lang, "--number", "15"))
    lines = [
        "\t".join(
            ""
            if c.value is None
            else repr(c.value) + ("" if c.number_format == "General" else f" <{c.number_format}>")
            for c in row
        )
        + f"\t[{sheet.row_dimensions[row[0].row].height}]"
        for row in sheet.iter_rows()
    ]
    check_golden(f"summary_2027_{lang}.xlsx.txt", "\n".join(lines) + "\n")


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
        "Lỗi: Chức năng này cần gói python-docx (chưa được cài đặt); hãy cài bằng lệnh: "
        f'{sys.executable} -m pip install "ntm-tracker[docx]"\n'
    )
    assert not out.exists()


def test_without_openpyxl(ntm: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _without(monkeypatch, "openpyxl")
    out = tmp_path / "bao-cao.xlsx"
    r = ntm("--data-dir", str(DEMO), "summary", "2027", "-o", str(out), "--lang", "en")
    assert r.exit_code == ExitCode.MISSING_EXTRA
    assert r.stderr == (
        "Error: This needs the openpyxl package, which is not installed; install it with: "
        f'{sys.executable} -m pip install "ntm-tracker[xlsx]"\n'
    )
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
    assert props.title == "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2027"
    assert (props.comments, props.subject, props.keywords) == ("", "", "")
    assert abs(props.created.replace(tzinfo=None) - datetime.now()) < timedelta(hours=15)
    book = openpyxl.load_workbook(io.BytesIO(office_file(ntm, tmp_path, "xlsx"))).properties
    assert book.creator != "openpyxl"
    assert book.title.startswith("PHỤ LỤC - Kết quả thực hiện các chỉ tiêu chủ yếu")


def test_xlsx_a_percent_that_rounds_to_a_whole_number_is_a_number(
    ntm: Invoke, tmp_path: Path, demo_dir: Path
) -> None:
    # income 87 against a plan of 87: 100%, written "100%" (no ",0"), still a number
    assert (
        ntm("--data-dir", str(demo_dir), "plan", "2027", "income", "87", "--force").exit_code == 0
    )
    out = tmp_path / "pl.xlsx"
    r = ntm("--data-dir", str(demo_dir), "summary", "2027", "-o", str(out), "--lang", "en")
    assert r.exit_code == ExitCode.OK
    # the sheet holds no marked place: only the figure missing is named
    assert r.stderr == (
        "Warning: 2027 has no figure yet for (8) Share of the population with access to clean "
        "water: the report leaves it blank.\n"
    )
    cell = sheet_rows(sheet_of(out.read_bytes()))["3"][7]
    assert cell.value == pytest.approx(100.0) and isinstance(cell.value, int | float)
    assert "%" in cell.number_format


def test_xlsx_one_point_is_one_point(ntm: Invoke, tmp_path: Path) -> None:
    en = sheet_rows(sheet_of(office_file(ntm, tmp_path, "xlsx", "--lang", "en")))
    # schools 78 against 79 last year: -1 point, singular in English
    assert en["5"][8].value == pytest.approx(-1.0)
    assert '" pt"' in en["5"][8].number_format
