"""The annual report as the office files it: a Word report (python-docx) laid out as a
Party report after Hướng dẫn 36-HD/VPTW, and the appendix as an Excel sheet (openpyxl).

The frame: A4, Times New Roman; the issuing body on the left (the superior body, then
"ĐẢNG ỦY XÃ ...", "*", "Số ...-BC/ĐU"), "ĐẢNG CỘNG SẢN VIỆT NAM" with the place and
date on the right; the title "BÁO CÁO" and what it is about; the body at 14 pt,
justified, first lines indented; "Nơi nhận" and "T/M ĐẢNG ỦY / BÍ THƯ"; the appendix
table on a landscape page. What the office fills in (number, date, signer) comes from
the plan's ``office`` block or the command's options, with blanks where unknown.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ntm_tracker.core.problems import MissingExtraError, Problem

if TYPE_CHECKING:
    from ntm_tracker.core.summary import SummaryReport
    from ntm_tracker.i18n import Words
    from ntm_tracker.render.document import Appendix, Document, Frame

FONT = "Times New Roman"
BODY_PT = 14
# Margins in mm: top, bottom, left, right (HD 36: 20-25 / 20-25 / 30-35 / 15-20).
MARGINS_MM = (20, 20, 30, 15)
# The appendix's columns on a landscape A4 page (252 mm between the margins), in mm:
# TT, Chỉ tiêu, ĐVT, Mục tiêu, TH năm trước, KH, TH, so với KH, so với năm trước, Đánh giá, Ghi chú
APPENDIX_MM = (10, 62, 17, 27, 17, 17, 19, 20, 20, 21, 22)


def _missing(package: str, extra: str) -> MissingExtraError:
    return MissingExtraError(Problem("extra.missing", {"package": package, "extra": extra}))


def openpyxl_parts() -> tuple[Any, Any, Any, Any]:
    """Workbook, Alignment, Font, get_column_letter; MissingExtraError without openpyxl."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise _missing("openpyxl", "xlsx") from None
    return Workbook, Alignment, Font, get_column_letter


def append_row(sheet: Any, values: list[Any]) -> None:
    """``sheet.append(values)``, with every text a text cell: never a formula (a note
    ``=HYPERLINK(...)`` imported from a village, a plan name starting with ``=``), with
    Excel's quote prefix so that editing the cell keeps it text; a character a sheet
    cannot hold is shown as its code (U+001B). Numbers stay numbers."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from ntm_tracker.storage.csvfile import formula_like

    cleaned = [
        ILLEGAL_CHARACTERS_RE.sub(lambda m: f"U+{ord(m.group()):04X}", v)
        if isinstance(v, str)
        else v
        for v in values
    ]
    sheet.append(cleaned)
    for cell in sheet[sheet.max_row]:
        value = cell.value
        if isinstance(value, str) and (cell.data_type == "f" or formula_like(value)):
            cell.data_type = "s"
            cell.quotePrefix = True


# -- Word --------------------------------------------------------------------------------


def docx_report(doc: Document, report: SummaryReport, words: Words, frame: Frame) -> bytes:
    try:
        import docx
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Mm, Pt
    except ImportError:
        raise _missing("python-docx", "docx") from None

    plan = report.report.plan
    year = report.year
    office = plan.office
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    _margins(section, Mm)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _east_asian_font(normal)

    def para(
        cell_or_doc: Any,
        text: str = "",
        *,
        size: int = BODY_PT,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        center: bool = False,
        justify: bool = False,
        indent: bool = False,
        after: int = 0,
    ) -> Any:
        p = cell_or_doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(after)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif justify:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            fmt.first_line_indent = Cm(1.27)
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        run.font.underline = underline
        return p

    # the heading block: two columns, no borders
    head = document.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(head, (Mm(80), Mm(85)))  # the issuer "ĐẢNG ỦY XÃ ..." on one line
    left, right = head.rows[0].cells
    _clear(left)
    _clear(right)
    para(left, office.superior or words("frame.superior_blank"), center=True)
    issuer = office.issuer or words("frame.issuer", commune=plan.commune.upper())
    para(left, issuer, bold=True, center=True)
    _docx_properties(document.core_properties, issuer, doc.title[0])
    para(left, "*", center=True)
    para(left, words("frame.number", number=frame.number or "    "), center=True)
    para(right, words("frame.party"), size=15, bold=True, center=True)
    para(right, "_" * 22, center=True)
    place = office.place or plan.commune
    if frame.issued is not None:
        when = words(
            "frame.date",
            place=place,
            day=f"{frame.issued.day:02d}",
            month=f"{frame.issued.month:02d}",
            year=frame.issued.year,
        )
    else:
        when = words("frame.date_blank", place=place, year=year)
    para(right, when, italic=True, center=True)

    para(document, "")
    para(document, words("frame.kind"), size=16, bold=True, center=True)
    para(
        document,
        words("frame.about", year=year, title=plan.title.get(words.lang)),
        bold=True,
        center=True,
    )
    para(document, "-----", center=True, after=6)

    for p in doc.body:
        if p.kind == "heading":
            para(document, p.text, bold=True, justify=True, indent=True, after=6)
        elif p.kind == "subheading":
            para(document, p.text, bold=True, italic=True, justify=True, indent=True, after=6)
        else:
            para(document, p.text, justify=True, indent=True, after=6)
    for note in doc.notes:
        para(document, note, size=12, italic=True, justify=True, after=3)
    para(document, words("frame.see_appendix"), italic=True, justify=True, indent=True, after=6)

    # the closing block: recipients on the left, the signature on the right
    closing = document.add_table(rows=1, cols=2)
    _widths(closing, (Mm(90), Mm(75)))
    left, right = closing.rows[0].cells
    _clear(left)
    _clear(right)
    para(left, words("frame.recipients"), bold=True, italic=True, underline=True)
    recipients = list(office.recipients) or words("frame.recipients_default").split("\n")
    for i, line in enumerate(recipients):
        end = "." if i == len(recipients) - 1 else ","
        para(left, f"- {line.rstrip('.,;')}{end}", size=12)
    para(right, words("frame.on_behalf"), bold=True, center=True)
    para(right, words("frame.secretary"), bold=True, center=True)
    for _ in range(4):
        para(right, "")
    para(right, frame.signer or office.signer or "", bold=True, center=True)

    # the appendix on a landscape page
    landscape = document.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Mm(297), Mm(210)
    _margins(landscape, Mm)
    a = doc.appendix
    para(document, a.title[0], bold=True, center=True)
    para(document, a.title[1], italic=True, center=True, after=6)
    _appendix_table(document, a, Pt, WD_ALIGN_PARAGRAPH)
    for note in a.notes:
        para(document, note, size=11, italic=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _margins(section: Any, mm: Any) -> None:
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = mm(top), mm(bottom)
    section.left_margin, section.right_margin = mm(left), mm(right)


def _east_asian_font(style: Any) -> None:
    """Word picks the font of each script separately; give every script the same one."""
    from docx.oxml.ns import qn

    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _widths(table: Any, widths: tuple[Any, ...]) -> None:
    """Fixed column widths (Word reads the cells' widths, LibreOffice the columns')."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _clear(cell: Any) -> None:
    """A new cell holds one empty paragraph; remove it so the first added is the first."""
    for p in list(cell.paragraphs):
        p._element.getparent().remove(p._element)


def _appendix_table(document: Any, a: Appendix, pt: Any, align: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=len(a.header))
    table.style = "Table Grid"
    header_row = table.rows[0]
    flag = OxmlElement("w:tblHeader")  # the header row repeats on every page
    flag.set(qn("w:val"), "true")
    header_row._tr.get_or_add_trPr().append(flag)
    for cell, text in zip(header_row.cells, a.header, strict=True):
        _cell_text(cell, text, pt, bold=True, center=True, align=align)
    for i, row in enumerate(a.rows):
        cells = table.add_row().cells
        group = i in a.groups
        for j, (cell, value) in enumerate(zip(cells, row, strict=True)):
            right = j in (4, 5, 6, 7, 8)  # the figure columns
            _cell_text(cell, value.text, pt, bold=group, right=right, align=align)
    _widths(table, tuple(Mm(w) for w in APPENDIX_MM))


def _cell_text(
    cell: Any,
    text: str,
    pt: Any,
    *,
    bold: bool = False,
    center: bool = False,
    right: bool = False,
    align: Any = None,
) -> None:
    p = cell.paragraphs[0]
    if center:
        p.alignment = align.CENTER
    elif right:
        p.alignment = align.RIGHT
    run = p.add_run(text)
    run.font.size = pt(11)
    run.font.bold = bold


def _docx_properties(props: Any, author: str, title: str) -> None:
    """File > Info of the Word file: the issuer, the title, today; never python-docx's
    own ("python-docx", "generated by python-docx", a date in 2013)."""
    props.author = props.last_modified_by = author
    props.title = title
    props.comments = props.subject = props.keywords = ""
    props.created = props.modified = datetime.now().replace(microsecond=0)


# -- Excel -------------------------------------------------------------------------------


def xlsx_appendix(a: Appendix, words: Words) -> bytes:
    """The appendix as a sheet: title, bold wrapped header, figures as numbers with the
    indicator's places, fitted widths, the header frozen, printed on A4 landscape."""
    Workbook, Alignment, Font, get_column_letter = openpyxl_parts()
    from openpyxl.styles import Border, Side

    book = Workbook()
    book.properties.creator = book.properties.lastModifiedBy = ""  # not "openpyxl"
    book.properties.title = " - ".join(a.title)
    sheet = book.active
    sheet.title = words("xlsx.appendix_sheet")
    width = len(a.header)
    for line, bold in ((a.title[0], True), (a.title[1], False)):
        append_row(sheet, [line])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = sheet.cell(row=row, column=1)
        cell.font = Font(name=FONT, bold=bold, italic=not bold, size=13 if bold else 11)
        cell.alignment = Alignment(horizontal="center")
    sheet.append([])
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    append_row(sheet, a.header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(name=FONT, bold=True, size=11)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
    for i, row in enumerate(a.rows):
        append_row(sheet, [c.number if c.number is not None else c.text for c in row])
        n = sheet.max_row
        for j, value in enumerate(row, start=1):
            cell = sheet.cell(row=n, column=j)
            cell.font = Font(name=FONT, size=11, bold=i in a.groups)
            cell.border = box
            if value.number is not None:
                places = "." + "0" * value.decimals if value.decimals else ""
                mark = f' "{value.mark}"' if value.mark else ""  # 93,5 (ước), still a number
                cell.number_format = f"#,##0{places}{mark}"
                cell.alignment = Alignment(horizontal="right", vertical="top")
            else:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    for note in a.notes:
        append_row(sheet, [note])
        sheet.cell(row=sheet.max_row, column=1).font = Font(name=FONT, italic=True, size=10)
    widths = (5, 44, 11, 16, 12, 12, 14, 12, 12, 16, 30)
    for j in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(j)].width = (
            widths[j - 1] if j <= len(widths) else 14
        )
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
