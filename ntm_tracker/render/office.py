"""The annual report as the office files it: a Word report (python-docx) in the frame of
the body that issues it, and the appendix as an Excel sheet (openpyxl).

Two frames, chosen by the plan's ``body`` (:class:`Rules`):

- a Party committee (Đảng ủy) writes after Hướng dẫn 36-HD/VPTW: the superior body,
  "ĐẢNG ỦY XÃ ...", "*" and "Số 15-BC/ĐU" on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" on the
  right with a rule as long as it (HD 36 §1.1.2) and the place and date under it; the
  title "BÁO CÁO" and its lower-case subject; "Nơi nhận:" underlined and "T/M ĐẢNG ỦY /
  BÍ THƯ";
- a State body (UBND, HĐND) writes after Nghị định 30/2020/NĐ-CP, Phụ lục I: "ỦY BAN
  NHÂN DÂN / XÃ ..." over a short rule and "Số: 15/BC-UBND" on the left; "CỘNG HÒA XÃ
  HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" over a rule as long as the motto,
  the date on the number's line; "Nơi nhận:" bold italic 12 pt, the list 11 pt ending
  "- Lưu: VT."; "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".

Both: A4, Times New Roman, margins 20/20/30/15 mm (inside NĐ 30's ranges; HD 36's own
values could not be read, see the research notes), the body at 14 pt justified, pages
numbered from page 2 at the top centre, the reading notes as Word footnotes, "./." after
the last sentence, the closing block kept on one page with the text before it, and the
appendix on landscape pages numbered apart, under "(Kèm theo Báo cáo số ...)".

What the office fills in (number, date, signer) comes from the command's options or the
plan's ``office`` block, with blanks where unknown. ``--template`` starts from the
office's own Word file: its styles, page and header are kept, the report is added after
whatever its body holds (as Word does with a new document from a template).
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_tracker.core.domain import Level, Purpose
from ntm_tracker.core.problems import InputError, MissingExtraError, Problem
from ntm_tracker.render.document import end_mark
from ntm_tracker.render.metrics import line_count, width_mm, width_pt

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Plan
    from ntm_tracker.core.summary import SummaryReport
    from ntm_tracker.i18n import Words
    from ntm_tracker.render.document import Appendix, Document, Frame, Note

FONT = "Times New Roman"
BODY_PT = 14
# Margins in mm: top, bottom, left, right. NĐ 30 (Phụ lục I, I.3): 20-25 / 20-25 / 30-35 /
# 15-20; HD 36's values could not be confirmed, so both frames take the smallest.
MARGINS_MM = (20, 20, 30, 15)
HEADER_MM = 10  # the page number 10 mm from the top edge (older Party guidance; NĐ 30: in
# the top margin)
CELL_MARGIN_MM = 1.0  # left and right inside the frame's tables (Word's default: 1.9)
OVERHANG_MM = 10.0  # how far the heading block may reach into the margins, in all
STATE_RULE = 0.4  # NĐ 30: the rules under the issuer and the subject, 1/3 to 1/2 of the line
# The appendix's columns on a landscape A4 page (252 mm between the margins), in mm: TT,
# Chỉ tiêu, ĐVT, Mục tiêu, TH năm trước, KH, TH, so với KH, so với năm trước, đánh giá so
# với KH, tiến độ, Ghi chú (scaled to the page of a template)
APPENDIX_MM = (9, 51, 14, 24, 15, 15, 17, 22, 22, 16, 25, 22)
TABLE_PT = 10  # twelve columns on the width of a landscape page; "+15,0 điểm %" on one line


@dataclass(frozen=True)
class Rules:
    """What differs between the Party frame (HD 36) and the State frame (NĐ 30); sizes
    in points."""

    state: bool
    issuer_pt: float  # the superior and issuing bodies (HD 36: 14; NĐ 30: 12-13)
    number_pt: float  # "Số ..." (HD 36: 14; NĐ 30: 13)
    kind_pt: float  # "BÁO CÁO" (HD 36: 15-16; NĐ 30: 13-14)
    label_pt: float  # "Nơi nhận:" (NĐ 30: 12 bold italic; Party practice: underlined)
    recipients_pt: float  # the list (NĐ 30: 11; Party practice: 12)
    line_end: str  # each recipient line ends with it, the last with "."

    def label(self) -> dict[str, bool]:
        if self.state:
            return {"bold": True, "italic": True}
        # HD 36's own rule for "Nơi nhận" could not be read; Party documents and
        # templates write it underlined, not in the State's bold italic
        return {"underline": True}


PARTY = Rules(
    state=False,
    issuer_pt=14,
    number_pt=14,
    kind_pt=16,
    label_pt=14,
    recipients_pt=12,
    line_end=",",
)
STATE = Rules(
    state=True,
    issuer_pt=13,
    number_pt=13,
    kind_pt=14,
    label_pt=12,
    recipients_pt=11,
    line_end=";",
)

# The recipients when the plan names none: (catalog key, purpose), then the archive line.
# The superior body ("để báo cáo") is left out for a province, whose superior is central.
DEFAULT_RECIPIENTS = {
    "party": (
        ("frame.to.superior_party", Purpose.REPORT),
        ("frame.to.members", Purpose.INFORMATION),
        ("frame.to.cells", Purpose.CARRY_OUT),
    ),
    "committee": (
        ("frame.to.superior_committee", Purpose.REPORT),
        ("frame.to.party_standing", Purpose.REPORT),
        ("frame.to.council_standing", Purpose.REPORT),
        ("frame.to.council_members", Purpose.INFORMATION),
    ),
    "council": (
        ("frame.to.superior_council", Purpose.REPORT),
        ("frame.to.party_standing", Purpose.REPORT),
        ("frame.to.committee", Purpose.INFORMATION),
        ("frame.to.council_members", Purpose.INFORMATION),
    ),
}
SUPERIORS = ("frame.to.superior_party", "frame.to.superior_committee", "frame.to.superior_council")


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


def _docx() -> Any:
    try:
        import docx
    except ImportError:
        raise _missing("python-docx", "docx") from None
    from docx.opc.constants import CONTENT_TYPE
    from docx.opc.part import PartFactory, XmlPart

    # footnotes as XML (python-docx reads them as opaque bytes otherwise): a template's
    # own footnotes are kept and ours added after them
    PartFactory.part_type_for[CONTENT_TYPE.WML_FOOTNOTES] = XmlPart
    return docx


# -- the office's words ------------------------------------------------------------------


def rules_for(plan: Plan) -> Rules:
    return STATE if plan.body.is_state else PARTY


def _two_digits(n: int) -> str:
    return f"{n:02d}"


def _month(n: int) -> str:
    """NĐ 30 (II.4): a 0 before days under 10 and the months 1 and 2 only ("tháng 02",
    "tháng 6"); HD 36's examples write the same ("ngày 03 tháng 4", "tháng 02")."""
    return f"{n:02d}" if n < 3 else str(n)


def number_text(words: Words, plan: Plan, frame: Frame, *, with_word: bool = True) -> str:
    """'Số 15-BC/ĐU' (Party), 'Số: 15/BC-UBND' (State); '15-BC/ĐU' without the word;
    a blank to fill in by hand without a number. Numbers under 10 take a 0 (05)."""
    symbol = plan.office.symbol or words(f"frame.symbol.{plan.body.value}")
    number = frame.number
    if number is None:
        number = "    "
    elif number.isdigit() and len(number) < 2:
        number = number.zfill(2)
    if not with_word:
        return number + ("/" if plan.body.is_state else "-") + symbol
    key = "frame.number_state" if plan.body.is_state else "frame.number"
    return words(key, number=number, symbol=symbol)


def date_text(words: Words, plan: Plan, frame: Frame, year: int) -> str:
    place = plan.office.place or plan.commune
    if frame.issued is None:
        return words("frame.date_blank", place=place, year=year)
    d = frame.issued
    return words(
        "frame.date", place=place, day=_two_digits(d.day), month=_month(d.month), year=d.year
    )


def attached_line(words: Words, plan: Plan, frame: Frame, year: int) -> str:
    """'(Kèm theo Báo cáo số 15-BC/ĐU ngày 15 tháng 12 năm 2027 của Đảng ủy xã Xuân
    Trường)' under the appendix's title (NĐ 30, Phụ lục I, III.1.c; Mẫu 2.1)."""
    level = words(f"level.{plan.level.value}")
    issuer = words(f"frame.issuer_name.{plan.body.value}", level=level, name=plan.commune)
    number = number_text(words, plan, frame, with_word=False)
    if frame.issued is None:
        return words("frame.attached_blank", number=number, year=year, issuer=issuer)
    d = frame.issued
    return words(
        "frame.attached",
        number=number,
        day=_two_digits(d.day),
        month=_month(d.month),
        year=d.year,
        issuer=issuer,
    )


def recipient_lines(words: Words, plan: Plan, rules: Rules) -> list[str]:
    """The "Nơi nhận" lines: '- Ban Thường vụ Tỉnh ủy (để báo cáo),' ... '- Lưu ....'"""
    lines: list[str] = []
    if plan.office.recipients:
        for r in plan.office.recipients:
            name = r.name.strip().rstrip(".,;")
            if r.purpose is not None:
                name = words(
                    "frame.recipient", name=name, purpose=words(f"purpose.{r.purpose.value}")
                )
            lines.append(name)
    else:
        level = words(f"level.{plan.level.value}")
        for key, purpose in DEFAULT_RECIPIENTS[plan.body.value]:
            if key in SUPERIORS and plan.level is Level.PROVINCE:
                continue
            name = words(key, level=level)
            lines.append(
                words("frame.recipient", name=name, purpose=words(f"purpose.{purpose.value}"))
            )
        lines.append(words("frame.archive.state" if rules.state else "frame.archive.party"))
    return [
        f"- {line}{'.' if i == len(lines) - 1 else rules.line_end}" for i, line in enumerate(lines)
    ]


def signature_lines(words: Words, plan: Plan, frame: Frame) -> tuple[list[str], str]:
    """The signer's authority and title ('T/M ĐẢNG ỦY', 'BÍ THƯ'), and the name. A State
    body's deputy signs for the head: 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'
    (NĐ 30, II.7)."""
    office, body = plan.office, plan.body.value
    head = words(f"frame.title.{body}")
    title = office.signer_title or head
    lines = [office.on_behalf or words(f"frame.on_behalf.{body}")]
    if plan.body.is_state and title != head and title.upper().startswith("PHÓ"):
        lines.append(words("frame.deputy_for", title=head))
    lines.append(title)
    return lines, frame.signer or office.signer or ""


def issuer_lines(words: Words, plan: Plan) -> list[str]:
    """The issuing body as the heading writes it. A State body on two lines, as its
    documents do ('ỦY BAN NHÂN DÂN' / 'XÃ XUÂN TRƯỜNG'); the plan's own words as typed,
    on the lines it typed, split the same way when they begin with the body's name."""
    if plan.office.issuer:
        lines = [line.strip() for line in plan.office.issuer.splitlines() if line.strip()]
        if plan.body.is_state and len(lines) == 1:
            head = words(f"frame.body.{plan.body.value}")
            if lines[0].upper().startswith(head + " "):
                lines = [head, lines[0][len(head) :].strip()]
        return lines
    if not plan.body.is_state:
        return [words.issuer(plan)]
    level = words(f"level.{plan.level.value}")
    return [
        words(f"frame.body.{plan.body.value}"),
        words("frame.unit", level=level, name=plan.commune).upper(),
    ]


# -- the template --------------------------------------------------------------------------

_TEMPLATE_TYPES = (b"wordprocessingml.template.main+xml", b"wordprocessingml.document.main+xml")


def _readable(data: bytes) -> bytes:
    """The bytes python-docx opens: a Word template (.dotx) read as the document it makes
    (python-docx refuses the template's content type, Word treats both alike)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            types = source.read("[Content_Types].xml")
            if _TEMPLATE_TYPES[0] not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for item in source.infolist():
                    content = source.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        content = content.replace(*_TEMPLATE_TYPES)
                    target.writestr(item, content)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return data  # python-docx says what is wrong


def open_template(data: bytes, path: Path | None = None) -> Any:
    """The office's Word file as a python-docx document; InputError when it is not a Word
    file python-docx can open (a .doc, a renamed file, a damaged one)."""
    docx = _docx()
    try:
        return docx.Document(io.BytesIO(_readable(data)))
    except Exception:  # python-docx and lxml raise many kinds; all mean "not a .docx"
        raise InputError(
            Problem("input.bad_template", {"path": path if path is not None else ""})
        ) from None


# -- Word ----------------------------------------------------------------------------------


class _Word:
    """python-docx's parts, and the paragraph and table helpers of the frame."""

    def __init__(self) -> None:
        docx = _docx()
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Mm, Pt

        self.docx = docx
        self.orient, self.new_section = WD_ORIENT, WD_SECTION
        self.table_align, self.align, self.spacing = (
            WD_TABLE_ALIGNMENT,
            WD_ALIGN_PARAGRAPH,
            WD_LINE_SPACING,
        )
        self.element, self.qn = OxmlElement, qn
        self.cm, self.mm, self.pt = Cm, Mm, Pt

    def para(
        self,
        where: Any,
        text: str = "",
        *,
        size: float = BODY_PT,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        center: bool = False,
        justify: bool = False,
        indent: bool = False,
        before: float = 0,
        after: float = 0,
    ) -> Any:
        p = where.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_before = self.pt(before)
        fmt.space_after = self.pt(after)
        if center:
            p.alignment = self.align.CENTER
        elif justify:
            p.alignment = self.align.JUSTIFY
        if indent:
            fmt.first_line_indent = self.cm(1.27)  # NĐ 30: 1 cm or 1,27 cm
        if text:
            self.run(p, text, size=size, bold=bold, italic=italic, underline=underline)
        else:  # the size of an empty line is its mark's
            self._mark_size(p, size)
        return p

    def run(
        self,
        p: Any,
        text: str,
        *,
        size: float = BODY_PT,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        superscript: bool = False,
        highlight: bool = False,
    ) -> Any:
        run = p.add_run(text)
        run.font.size = self.pt(size)
        run.font.bold = bold
        run.font.italic = italic
        run.font.underline = underline
        if superscript:
            run.font.superscript = True
        if highlight:  # a place the office fills in by hand, to be found at a glance
            from docx.enum.text import WD_COLOR_INDEX

            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return run

    def _mark_size(self, p: Any, size: float) -> None:
        """The size of the paragraph's mark: the height of an empty line."""
        ppr = p._p.get_or_add_pPr()
        rpr = ppr.find(self.qn("w:rPr"))
        if rpr is None:
            rpr = self.element("w:rPr")
            ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
        sz = self.element("w:sz")
        sz.set(self.qn("w:val"), str(round(size * 2)))
        rpr.append(sz)

    def rule(self, cell: Any, width: float, inner: float, *, before: float = 0) -> Any:
        """A solid line ``width`` mm long, centred in ``inner`` mm: the top border of an
        empty paragraph two points high under the text it underlines (a paragraph border,
        not a drawing: it stays in place when the text is edited, and prints anywhere)."""
        p = cell.add_paragraph()
        p.alignment = self.align.CENTER
        fmt = p.paragraph_format
        side = max((inner - width) / 2, 0.0)
        fmt.left_indent = fmt.right_indent = self.mm(side)
        fmt.space_before, fmt.space_after = self.pt(before), self.pt(0)
        fmt.line_spacing_rule = self.spacing.EXACTLY
        fmt.line_spacing = self.pt(2)
        self._mark_size(p, 2)
        borders = self.element("w:pBdr")
        top = self.element("w:top")
        for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0")):
            top.set(self.qn(name), value)
        top.set(self.qn("w:color"), "000000")
        borders.append(top)
        p._p.get_or_add_pPr().insert_element_before(
            borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"
        )
        return p

    def plain_table(self, where: Any, rows: int, widths: tuple[float, ...]) -> Any:
        """A table without borders, of fixed columns (mm), with 1 mm inside each cell."""
        table = where.add_table(rows=rows, cols=len(widths))
        table.alignment = self.table_align.CENTER
        fixed_widths(table, tuple(self.mm(w) for w in widths))
        self.cell_margins(table, CELL_MARGIN_MM)
        for row in table.rows:
            for cell in row.cells:
                clear(cell)
        return table

    def cell_margins(self, table: Any, margin: float) -> None:
        tblPr = table._tbl.tblPr
        margins = self.element("w:tblCellMar")
        for side in ("w:left", "w:right"):
            m = self.element(side)
            m.set(self.qn("w:w"), str(round(margin * 1440 / 25.4)))
            m.set(self.qn("w:type"), "dxa")
            margins.append(m)
        tblPr.append(margins)

    def keep(self, p: Any, *, with_next: bool = True) -> None:
        fmt = p.paragraph_format
        fmt.keep_together = True
        fmt.keep_with_next = with_next

    def cant_split(self, row: Any) -> None:
        trPr = row._tr.get_or_add_trPr()
        trPr.append(self.element("w:cantSplit"))

    def page_field(self, p: Any, size: float) -> None:
        """A PAGE field: begin, the instruction, separate, the shown number, end (Word and
        LibreOffice put in the page's number)."""

        def field_char(kind: str) -> None:
            char = self.element("w:fldChar")
            char.set(self.qn("w:fldCharType"), kind)
            self.run(p, "", size=size)._r.append(char)

        field_char("begin")
        instr = self.element("w:instrText")
        instr.set(self.qn("xml:space"), "preserve")
        instr.text = " PAGE "
        self.run(p, "", size=size)._r.append(instr)
        field_char("separate")
        self.run(p, "2", size=size)
        field_char("end")


def fixed_widths(table: Any, widths: tuple[Any, ...]) -> None:
    """Fixed column widths (Word reads the cells' widths, LibreOffice the columns')."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def clear(cell: Any) -> None:
    """A new cell holds one empty paragraph; remove it so the first added is the first."""
    for p in list(cell.paragraphs):
        p._element.getparent().remove(p._element)


def _text_mm(section: Any) -> float:
    """The width between the margins, in mm (A4 with our margins when a template's
    section does not say)."""
    sizes = (section.page_width, section.left_margin, section.right_margin)
    if any(x is None for x in sizes):
        return 210.0 - MARGINS_MM[2] - MARGINS_MM[3]
    return float((sizes[0] - sizes[1] - sizes[2]) / 36000)


class _Footnotes:
    """The document's footnotes part (made when the document has none), and the notes
    added to it."""

    def __init__(self, w: _Word, document: Any) -> None:
        from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart
        from docx.oxml import parse_xml

        self.w = w
        part = document.part
        found = [
            r.target_part for r in part.rels.values() if r.reltype == RELATIONSHIP_TYPE.FOOTNOTES
        ]
        if found:
            self.root = found[0].element
        else:
            ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            separators = "".join(
                f'<w:footnote w:type="{kind}" w:id="{i}"><w:p><w:pPr><w:spacing w:after="0" '
                f'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>'
                for i, kind in ((-1, "separator"), (0, "continuationSeparator"))
            )
            self.root = parse_xml(f"<w:footnotes {ns}>{separators}</w:footnotes>")
            new = XmlPart(
                PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, self.root, part.package
            )
            part.relate_to(new, RELATIONSHIP_TYPE.FOOTNOTES)
        ids = [int(n.get(w.qn("w:id"))) for n in self.root.findall(w.qn("w:footnote"))]
        self.next_id = max([0, *ids]) + 1
        self.count = len([i for i in ids if i > 0])  # a template's own footnotes come first
        self.text_style = _style(document, "footnote text", "FootnoteText", paragraph=True)
        self.mark_style = _style(document, "footnote reference", "FootnoteReference")

    def add(self, text: str, size: float) -> int:
        """A new footnote saying ``text``; its id."""
        w = self.w
        note_id = self.next_id
        self.next_id += 1
        footnote = w.element("w:footnote")
        footnote.set(w.qn("w:id"), str(note_id))
        p = w.element("w:p")
        ppr = w.element("w:pPr")
        style = w.element("w:pStyle")
        style.set(w.qn("w:val"), self.text_style)
        ppr.append(style)
        spacing = w.element("w:spacing")
        spacing.set(w.qn("w:after"), "0")
        ppr.append(spacing)
        jc = w.element("w:jc")
        jc.set(w.qn("w:val"), "both")
        ppr.append(jc)
        p.append(ppr)
        p.append(self._run(size, superscript=True, child=w.element("w:footnoteRef")))
        text_run = self._run(size)
        t = w.element("w:t")
        t.set(w.qn("xml:space"), "preserve")
        t.text = " " + text
        text_run.append(t)
        p.append(text_run)
        footnote.append(p)
        self.root.append(footnote)
        return note_id

    def reference(self, paragraph: Any, note_id: int, size: float) -> None:
        ref = self.w.element("w:footnoteReference")
        ref.set(self.w.qn("w:id"), str(note_id))
        paragraph._p.append(self._run(size, superscript=True, child=ref))

    def _run(self, size: float, *, superscript: bool = False, child: Any = None) -> Any:
        w = self.w
        r = w.element("w:r")
        rpr = w.element("w:rPr")
        if superscript:  # the style LibreOffice reads, the property Word reads
            style = w.element("w:rStyle")
            style.set(w.qn("w:val"), self.mark_style)
            rpr.append(style)
        fonts = w.element("w:rFonts")
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(w.qn(attr), FONT)
        rpr.append(fonts)
        sz = w.element("w:sz")  # the schema's order: rStyle, rFonts, sz, vertAlign
        sz.set(w.qn("w:val"), str(round(size * 2)))
        rpr.append(sz)
        if superscript:
            align = w.element("w:vertAlign")
            align.set(w.qn("w:val"), "superscript")
            rpr.append(align)
        r.append(rpr)
        if child is not None:
            r.append(child)
        return r


def _style(document: Any, name: str, style_id: str, *, paragraph: bool = False) -> str:
    """The id of Word's built-in style ``name`` ("footnote text"), added when the document
    lacks it: 12 pt, no space after, for the notes; superscript for their marks."""
    from docx.enum.style import WD_STYLE_TYPE

    for style in document.styles:
        if (style.name or "").lower() == name:
            return str(style.style_id)
    kind = WD_STYLE_TYPE.PARAGRAPH if paragraph else WD_STYLE_TYPE.CHARACTER
    style = document.styles.add_style(name, kind, builtin=True)
    style.element.styleId = style_id
    if paragraph:
        style.base_style = document.styles["Normal"]
        style.font.size = 12 * 12700  # EMU: 12 pt
        style.paragraph_format.space_after = 0
    else:
        style.font.superscript = True
    return style_id


def docx_report(doc: Document, report: SummaryReport, words: Words, frame: Frame) -> bytes:
    w = _Word()
    plan = report.report.plan
    year = report.year
    rules = rules_for(plan)
    if frame.template is not None:
        document = open_template(frame.template)
        _drop_trailing_empty(document, w.qn)
    else:
        document = w.docx.Document()
        section = document.sections[0]
        section.page_width, section.page_height = w.mm(210), w.mm(297)
        _margins(section, w.mm)
        normal = document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = w.pt(BODY_PT)
        _east_asian_font(normal)
    section = document.sections[-1]
    _page_numbers(w, document, section)
    text_mm = _text_mm(section)
    issuer = " ".join(issuer_lines(words, plan))
    _docx_properties(document.core_properties, issuer, doc.title[0])

    if rules.state:
        _state_heading(w, document, words, plan, frame, year, text_mm)
    else:
        _party_heading(w, document, words, plan, frame, year, text_mm)
    _title(w, document, words, plan, year, rules, text_mm)
    last = _body(w, document, doc, words)
    _closing(w, document, words, plan, frame, rules, text_mm)
    last.paragraph_format.keep_with_next = True  # its last lines go with the closing block

    _appendix_pages(w, document, doc.appendix, attached_line(words, plan, frame, year), rules)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _drop_trailing_empty(document: Any, qn: Any) -> None:
    """A template's empty last paragraphs (a new Word file has one) go: the report starts
    where the template's own text ends."""
    body = document.element.body
    children = [c for c in body if c.tag != qn("w:sectPr")]
    for child in reversed(children):
        empty = (
            child.tag == qn("w:p")
            and not "".join(child.itertext()).strip()
            and not child.xpath(".//w:sectPr|.//w:drawing|.//w:pict|.//w:fldChar|.//w:fldSimple")
        )
        if not empty:
            break
        body.remove(child)


def _page_numbers(w: _Word, document: Any, section: Any) -> None:
    """The page number from page 2, Arabic, centred at the top (NĐ 30, I.7: "không hiển
    thị số trang thứ nhất"; HD 36's own rule could not be read, older Party guidance says
    the same). A template's header, if it has any text or field, is the office's own and
    stays as it is."""
    header = section.header
    if not header.is_linked_to_previous and any(
        p.text.strip() or p._p.xpath(".//w:fldChar|.//w:fldSimple") for p in header.paragraphs
    ):
        return
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty first-page header
    header.is_linked_to_previous = False
    section.header_distance = w.mm(HEADER_MM)
    p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    p.alignment = w.align.CENTER
    w.page_field(p, BODY_PT)


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


def _columns(left_need: float, right_need: float, text: float) -> tuple[float, float, float]:
    """The heading block's two columns (mm) and how far it starts left of the margin: the
    room each side needs, the rest shared; when both need more than the text's width the
    block reaches up to OVERHANG_MM into the margins, then the left column gives way (the
    issuer wraps; the date on the right stays on one line)."""
    slack = text - left_need - right_need
    if slack >= 0:
        return left_need + slack / 2, right_need + slack / 2, 0.0
    width = text + min(-slack, OVERHANG_MM)
    right = min(right_need, width - 40)
    return width - right, right, -(width - text) / 2


def _widths(table: Any, widths: tuple[Any, ...]) -> None:
    """Fixed column widths (Word reads the cells' widths, LibreOffice the columns').

    Row by row: python-docx finds a column's cells by laying out the whole table, so
    setting them column by column cost the table's size once per column (half of a
    ``summary --format docx``)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _heading_table(w: _Word, document: Any, rows: int, columns: tuple[float, float, float]) -> Any:
    left, right, shift = columns
    table = w.plain_table(document, rows, (left, right))
    if shift:
        tblPr = table._tbl.tblPr
        jc = tblPr.find(w.qn("w:jc"))
        if jc is not None:
            tblPr.remove(jc)
        ind = w.element("w:tblInd")
        ind.set(w.qn("w:w"), str(round(shift * 1440 / 25.4)))
        ind.set(w.qn("w:type"), "dxa")
        tblPr.append(ind)
    return table


def _party_heading(
    w: _Word, document: Any, words: Words, plan: Plan, frame: Frame, year: int, text: float
) -> None:
    """HD 36: the superior body, the issuer in bold, "*", the number on the left;
    "ĐẢNG CỘNG SẢN VIỆT NAM" (15 pt bold), its rule, the place and date on the right."""
    pt = PARTY.issuer_pt
    superior = plan.office.superior or words("frame.superior_blank")
    issuers = issuer_lines(words, plan)
    number = number_text(words, plan, frame)
    heading = words("frame.party")
    when = date_text(words, plan, frame, year)
    pad = 2 * CELL_MARGIN_MM + 1  # a millimetre to spare: Word and LibreOffice round
    left_need = pad + max(
        width_mm(superior, pt),
        *(width_mm(line, pt, bold=True) for line in issuers),
        width_mm(number, PARTY.number_pt),
    )
    right_need = pad + max(width_mm(heading, 15, bold=True), width_mm(when, BODY_PT, italic=True))
    columns = _columns(left_need, right_need, text)
    table = _heading_table(w, document, 1, columns)
    left, right = table.rows[0].cells
    w.para(left, superior, size=pt, center=True)
    for line in issuers:
        w.para(left, line, size=pt, bold=True, center=True)
    w.para(left, "*", size=pt, center=True)
    w.para(left, number, size=PARTY.number_pt, center=True)
    w.para(right, heading, size=15, bold=True, center=True)
    inner = columns[1] - 2 * CELL_MARGIN_MM
    w.rule(right, width_mm(heading, 15, bold=True), inner, before=1)
    w.para(right, when, italic=True, center=True, before=6)


def _state_heading(
    w: _Word, document: Any, words: Words, plan: Plan, frame: Frame, year: int, text: float
) -> None:
    """NĐ 30: the superior body (if any) and the issuer in bold over a short rule on the
    left, the national name and motto over the motto's rule on the right; then the number
    and the place and date on one line."""
    pt = STATE.issuer_pt
    superior = plan.office.superior
    issuers = issuer_lines(words, plan)
    number = number_text(words, plan, frame)
    nation, motto = words("frame.nation"), words("frame.motto")
    when = date_text(words, plan, frame, year)
    pad = 2 * CELL_MARGIN_MM + 1
    left_need = pad + max(
        width_mm(superior or "", pt),
        *(width_mm(line, pt, bold=True) for line in issuers),
        width_mm(number, STATE.number_pt),
    )
    nation_pt = 13.0  # NĐ 30: 12-13; 12 when 13 does not leave the left its room
    motto_w = width_mm(motto, 13, bold=True)
    right_need = pad + max(
        width_mm(nation, 13, bold=True), motto_w, width_mm(when, 14, italic=True)
    )
    if left_need + right_need > text:
        nation_pt = 12.0
        right_need = pad + max(
            width_mm(nation, 12, bold=True), motto_w, width_mm(when, 14, italic=True)
        )
    columns = _columns(left_need, right_need, text)
    table = _heading_table(w, document, 2, columns)
    left, right = table.rows[0].cells
    if superior:
        w.para(left, superior, size=pt, center=True)
    for line in issuers:
        w.para(left, line, size=pt, bold=True, center=True)
    longest = max(width_mm(line, pt, bold=True) for line in issuers)
    w.rule(left, longest * STATE_RULE, columns[0] - 2 * CELL_MARGIN_MM, before=1)
    w.para(right, nation, size=nation_pt, bold=True, center=True)
    w.para(right, motto, size=13, bold=True, center=True)
    w.rule(right, motto_w, columns[1] - 2 * CELL_MARGIN_MM, before=1)
    left, right = table.rows[1].cells
    w.para(left, number, size=STATE.number_pt, center=True, before=6)
    w.para(right, when, italic=True, center=True, before=6)


def _title(
    w: _Word, document: Any, words: Words, plan: Plan, year: int, rules: Rules, text: float
) -> None:
    about = words("frame.about", year=year, title=plan.title.get(words.lang))
    w.para(document, "", size=8)
    w.para(document, words("frame.kind"), size=rules.kind_pt, bold=True, center=True)
    if rules.state:  # NĐ 30: the subject begins with a capital ("Về ..."), a short rule under it
        about = about[:1].upper() + about[1:]
        w.para(document, about, bold=True, center=True)
        first_line = min(width_mm(about, BODY_PT, bold=True), text)
        w.rule(document, first_line * STATE_RULE, text, before=2)
        w.para(document, "", size=6)
    else:  # HD 36: the subject in lower case; a short dashed line under it, as practised
        w.para(document, about, bold=True, center=True)
        w.para(document, "-----", center=True, after=6)


def _body(w: _Word, document: Any, doc: Document, words: Words) -> Any:
    """The report's paragraphs, the notes as footnotes, the pointer to the appendix, and
    "./." after the last sentence; the last paragraph."""
    items: list[tuple[str, str]] = [(p.text, p.kind) for p in doc.body]
    at = len(items) - 1 if doc.appendix_at is None else doc.appendix_at
    items.insert(at + 1, (words("frame.see_appendix"), "pointer"))
    text, kind = items[-1]
    items[-1] = (end_mark(text, doc.end), kind)
    notes = _NoteMarks(w, document, doc.notes)
    p = None
    for text, kind in items:
        p = w.para(document, "", justify=True, indent=True, after=6)
        if kind in ("heading", "subheading", "field"):  # a heading stays with what it heads
            p.paragraph_format.keep_with_next = True
        notes.write(
            p,
            text,
            bold=kind in ("heading", "subheading", "field"),
            italic=kind in ("field", "pointer", "placeholder"),
            blank=words("sum.blank") if kind != "placeholder" else None,
            highlight=kind == "placeholder",
        )
    assert p is not None  # the body has its headings at least
    return p


class _NoteMarks:
    """Writes a paragraph's text with its note marks turned into footnotes: the first
    mention of a note is a Word footnote (numbered by Word, at the foot of its page), a
    later mention repeats its number."""

    def __init__(self, w: _Word, document: Any, notes: list[Note]) -> None:
        self.w = w
        self.notes = {n.mark: n for n in notes}
        self.ids: dict[str, int] = {}
        self.numbers: dict[str, int] = {}
        self.footnotes = _Footnotes(w, document) if notes else None
        marks = sorted(self.notes, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(m) for m in marks)) if marks else None

    def write(
        self,
        p: Any,
        text: str,
        *,
        bold: bool,
        italic: bool,
        blank: str | None = None,
        highlight: bool = False,
    ) -> None:
        """``text`` with its note marks as footnotes; a ``blank`` in it (the marked place
        of a missing figure) and a whole ``highlight`` paragraph are highlighted."""
        parts = self.pattern.split(text) if self.pattern else [text]
        found = self.pattern.findall(text) if self.pattern else []
        for i, part in enumerate(parts):
            pieces = part.split(blank) if blank else [part]
            for j, piece in enumerate(pieces):
                if piece:
                    self.w.run(p, piece, bold=bold, italic=italic, highlight=highlight)
                if j < len(pieces) - 1:
                    assert blank is not None
                    self.w.run(p, blank, bold=bold, italic=italic, highlight=True)
            if i < len(found):
                self._mark(p, found[i])

    def _mark(self, p: Any, mark: str) -> None:
        assert self.footnotes is not None
        if mark not in self.ids:
            self.ids[mark] = self.footnotes.add(self.notes[mark].text, 12)
            self.numbers[mark] = self.footnotes.count + len(self.numbers) + 1
            self.footnotes.reference(p, self.ids[mark], BODY_PT)
        else:
            self.w.run(p, str(self.numbers[mark]), superscript=True)


def _closing(
    w: _Word, document: Any, words: Words, plan: Plan, frame: Frame, rules: Rules, text: float
) -> None:
    """'Nơi nhận' on the left, the signature on the right: one row that never splits, its
    lines kept together, the text before it kept with it."""
    left_w = min(text * 0.55, 95.0)
    table = w.plain_table(document, 1, (left_w, text - left_w))
    row = table.rows[0]
    w.cant_split(row)
    left, right = row.cells
    w.para(left, words("frame.recipients"), size=rules.label_pt, before=6, **rules.label())
    for line in recipient_lines(words, plan, rules):
        w.para(left, line, size=rules.recipients_pt)
    authority, name = signature_lines(words, plan, frame)
    for line in authority:
        w.para(right, line, bold=True, center=True, before=6 if line == authority[0] else 0)
    for _ in range(4):  # the signature and the seal
        w.para(right, "")
    w.para(right, name, bold=True, center=True)
    for cell in (left, right):
        for p in cell.paragraphs:
            w.keep(p, with_next=p is not cell.paragraphs[-1])


def _appendix_pages(w: _Word, document: Any, a: Appendix, attached: str, rules: Rules) -> None:
    """The appendix on landscape pages after a section break, numbered from 1 again (NĐ 30,
    III.1.đ), under its title and "(Kèm theo Báo cáo số ...)"."""
    portrait = document.sections[-1]
    landscape = document.add_section(w.new_section.NEW_PAGE)
    landscape.orientation = w.orient.LANDSCAPE
    landscape.page_width, landscape.page_height = portrait.page_height, portrait.page_width
    number_type = w.element("w:pgNumType")
    number_type.set(w.qn("w:start"), "1")
    landscape._sectPr.append(number_type)
    w.para(document, a.title[0], bold=True, center=True)
    w.para(document, a.title[1], bold=True, center=True)
    w.para(document, attached, italic=True, center=True, after=0 if rules.state else 6)
    text = _text_mm(landscape)
    if rules.state:  # NĐ 30, Phụ lục III, Mẫu 2.1: a short rule under the line
        w.rule(document, width_mm(attached, BODY_PT, italic=True) * STATE_RULE, text, before=2)
        w.para(document, "", size=6)
    _appendix_table(w, document, a, text)
    for i, note in enumerate(a.notes):
        p = w.para(
            document, note, size=TABLE_PT, italic=True, justify=True, before=3 if i == 0 else 0
        )
        w.keep(p, with_next=i < len(a.notes) - 1)


def _appendix_table(w: _Word, document: Any, a: Appendix, text: float) -> None:
    table = document.add_table(rows=1, cols=len(a.header))
    table.style = "Table Grid"
    table.alignment = w.table_align.CENTER
    w.cell_margins(table, CELL_MARGIN_MM)
    header_row = table.rows[0]
    flag = w.element("w:tblHeader")  # the header row repeats on every page
    flag.set(w.qn("w:val"), "true")
    header_row._tr.get_or_add_trPr().append(flag)
    w.cant_split(header_row)
    for cell, text_ in zip(header_row.cells, a.header, strict=True):
        _cell_text(w, cell, text_, bold=True, center=True)
    for i, row in enumerate(a.rows):
        added = table.add_row()
        w.cant_split(added)
        group = i in a.groups
        last = i == len(a.rows) - 1
        for j, (cell, value) in enumerate(zip(added.cells, row, strict=True)):
            right = value.number is not None or j in (4, 5, 6, 7, 8)  # the figures
            center = j == 0 or (j in (9, 10) and not group)
            p = _cell_text(
                w, cell, value.text, bold=group, right=right and not center, center=center
            )
            if last and a.notes:
                w.keep(p)  # the last row goes with the notes under the table
    scale = text / sum(APPENDIX_MM)
    fixed_widths(table, tuple(w.mm(x * scale) for x in APPENDIX_MM))


def _cell_text(
    w: _Word, cell: Any, text: str, *, bold: bool = False, center: bool = False, right: bool = False
) -> Any:
    p = cell.paragraphs[0]
    if center:
        p.alignment = w.align.CENTER
    elif right:
        p.alignment = w.align.RIGHT
    w.run(p, text, size=TABLE_PT, bold=bold)
    return p


def _docx_properties(props: Any, author: str, title: str) -> None:
    """File > Info of the Word file: the issuer, the title, today; never python-docx's
    own ("python-docx", "generated by python-docx", a date in 2013)."""
    props.author = props.last_modified_by = author
    props.title = title
    props.comments = props.subject = props.keywords = ""
    props.created = props.modified = datetime.now().replace(microsecond=0)


# -- Excel -------------------------------------------------------------------------------

# Column widths in Excel's units (characters of the default font)
SHEET_WIDTHS = (5, 40, 10, 18, 11, 11, 13, 13, 13, 12, 17, 28)
SHEET_PT = 11
LINE_PT = 15.0  # the height of a line of 11 pt text in a row (Excel's default row: 15)


def _column_pt(width: float) -> float:
    """The width of a column of ``width`` Excel units, in points, less the cell's padding
    (Excel: 7 pixels a character and 5 of padding at 96 dpi; 0.75 pt a pixel)."""
    return (width * 7) * 0.75 - 3


def _row_height(
    texts: list[tuple[str, float]], size: float = SHEET_PT, bold: bool = False
) -> float:
    lines = max(line_count(t, w, size, bold=bold) for t, w in texts)
    return round(lines * LINE_PT * size / SHEET_PT + 2, 1)


def _number_format(cell: Any) -> str:
    """An Excel format that shows the number with the words around it: 'dưới 1,0',
    '93,5 (ước)', '89,7%', '-2,5 điểm %' (the cell keeps the number)."""
    places = "." + "0" * cell.decimals if cell.decimals else ""
    body = f"#,##0{places}"

    def quoted(text: str) -> str:
        text = text.replace('"', "")
        return f'"{text}"' if text else ""

    before, after = quoted(cell.prefix), quoted(cell.mark)
    if not cell.signed:
        return f"{before}{body}{after}"
    return f"{before}+{body}{after};{before}-{body}{after};{before}{body}{after}"


def xlsx_appendix(a: Appendix, words: Words, attached: str | None = None) -> bytes:
    """The appendix as a sheet: title, "(Kèm theo ...)", bold wrapped header, every figure
    a number (its words in the number format), rows as high as their wrapped text, the
    header frozen and printed on every page of A4 landscape."""
    Workbook, Alignment, Font, get_column_letter = openpyxl_parts()
    from openpyxl.styles import Border, Side

    book = Workbook()
    book.properties.creator = book.properties.lastModifiedBy = ""  # not "openpyxl"
    book.properties.title = " - ".join(a.title)
    sheet = book.active
    sheet.title = words("xlsx.appendix_sheet")
    width = len(a.header)
    widths = [SHEET_WIDTHS[j] if j < len(SHEET_WIDTHS) else 14 for j in range(width)]
    for j in range(width):  # a number never wraps: its column fits the longest ("###" else)
        shown = [row[j].text for row in a.rows if row[j].number is not None]
        if shown:
            need = (max(width_pt(t, SHEET_PT) for t in shown) + 8) / 5.25
            widths[j] = max(widths[j], math.ceil(need))
    for j, w in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = w
    full = sum(_column_pt(w) for w in widths)

    def merged_line(
        text: str, *, bold: bool = False, italic: bool = False, size: float = 11
    ) -> None:
        append_row(sheet, [text])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = sheet.cell(row=row, column=1)
        cell.font = Font(name=FONT, bold=bold, italic=italic, size=size)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.row_dimensions[row].height = _row_height([(text, full)], size, bold)

    merged_line(a.title[0], bold=True, size=13)
    merged_line(a.title[1], bold=True)
    if attached:
        merged_line(attached, italic=True)
    sheet.append([])
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    append_row(sheet, a.header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(name=FONT, bold=True, size=SHEET_PT)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
    sheet.row_dimensions[header_row].height = _row_height(
        [(h, _column_pt(w)) for h, w in zip(a.header, widths, strict=True)], bold=True
    )
    for i, row in enumerate(a.rows):
        append_row(sheet, [c.number if c.number is not None else c.text for c in row])
        n = sheet.max_row
        group = i in a.groups
        for j, value in enumerate(row, start=1):
            cell = sheet.cell(row=n, column=j)
            cell.font = Font(name=FONT, size=SHEET_PT, bold=group)
            cell.border = box
            if value.number is not None:
                cell.number_format = _number_format(value)
                cell.alignment = Alignment(horizontal="right", vertical="top")
            else:  # the number, the verdicts, and a "-" or "có" among figures: centred
                center = j == 1 or (j in (5, 6, 7, 8, 9, 10, 11) and not group)
                cell.alignment = Alignment(
                    horizontal="center" if center else None, vertical="top", wrap_text=True
                )
        sheet.row_dimensions[n].height = _row_height(
            [(c.text, _column_pt(w)) for c, w in zip(row, widths, strict=True)], bold=group
        )
    for note in a.notes:
        append_row(sheet, [note])
        n = sheet.max_row
        sheet.merge_cells(start_row=n, start_column=1, end_row=n, end_column=width)
        cell = sheet.cell(row=n, column=1)
        cell.font = Font(name=FONT, italic=True, size=10)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        sheet.row_dimensions[n].height = _row_height([(note, full)], 10)
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
