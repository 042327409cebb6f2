"""The official frame (Decree 30/2020/NĐ-CP, Phụ lục I; Mẫu 1.4), written once.

Every report type's template is built by :func:`build_template`: this module lays
out the page, the styles, the header (quốc hiệu, tiêu ngữ, cơ quan, số, địa danh
và ngày), the title block, the nơi nhận / signature table and the page numbers;
the report type contributes only its body, through a :class:`BodyWriter`.

The result is an ordinary .docx with Jinja tags (docxtpl) that a clerk can open in
Word or LibreOffice, reword, and pass back with ``--template``.  Built-in templates
are generated into ``templates/vi/`` by ``python -m baocao.templates_build`` and
checked in; a test rebuilds them and compares.  Third-party report types call
:func:`build_template` the same way, so they share this frame instead of copying it.

The frame reads one context key, ``khung`` (see :mod:`baocao.frame.context`).
Every size, margin, spacing and width is the decree's, from :mod:`baocao.nd30`.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Pt, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from baocao import nd30
from baocao.docx_package import normalize_package
from baocao.frame.context import KINH_GUI_LABEL
from baocao.text_metrics import text_width
from baocao.wordml import borders, element, run_properties, text_element

FONT = nd30.FONT
STYLE_BODY = "Noi dung"
STYLE_HEADING_1 = "Muc"
STYLE_HEADING_2 = "Khoan"
STYLE_BLOCK = "Khung"
STYLE_HEADING_3 = "Tieu khoan"
STYLE_HEADING_4 = "Diem"
STYLE_LIST = ("Gach dau dong", "Dau cong", "Y con")
STYLE_NUMBERED = "Doan danh so"
STYLE_CELL = "O bang"
"""The styles of the body's blocks (:mod:`baocao.body.render` writes their ids)."""

SIGNATURE_SPACE_LINES = 4
FIXED_TIME = datetime(2020, 3, 5, tzinfo=UTC)  # the decree's signing date


class BodyWriter:
    """What a report type's body may write: styled paragraphs and Jinja blocks.

    Paragraph text holds docxtpl/Jinja tags; ``{{r x|doan }}`` prints narrative
    with its bold and italic runs.
    """

    def __init__(self, document: DocxDocument) -> None:
        self._document = document

    def paragraph(self, text: str, *, style: str = STYLE_BODY) -> Paragraph:
        """A body paragraph (justified, first-line indent 1 cm, 6 pt before)."""
        paragraph = self._document.add_paragraph(style=style)
        if text:
            paragraph.add_run(text)
        return paragraph

    def heading(self, text: str, *, level: int = 1) -> Paragraph:
        """A section heading: level 1 "I. CAPS" (bold), level 2 "1. Text" (bold)."""
        return self.paragraph(text, style=STYLE_HEADING_1 if level == 1 else STYLE_HEADING_2)

    def block(self, tag: str) -> Paragraph:
        """A paragraph holding only a Jinja block tag (``for …``, ``endif``…): docxtpl
        removes the paragraph itself (``{%p … %}``)."""
        return self.paragraph("{%p " + tag + " %}")

    def narrative(self, expression: str) -> None:
        """One paragraph per item of a list of narrative texts, with emphasis."""
        self.block(f"for doan_van in {expression}")
        self.paragraph("{{r doan_van|doan }}")
        self.block("endfor")

    def table(self, header: str, rows: str) -> Table:
        """A bordered table with any number of columns: ``header`` is an expression
        for the list of column titles, ``rows`` one for the list of rows (each a list
        of cell texts)."""
        return _add_data_table(self._document, header, rows)


Body = Callable[[BodyWriter], None]


def build_template(body: Body, *, cong_van: bool = False) -> bytes:
    """The .docx template of a report type: the official frame around ``body``.

    ``cong_van`` lays out a công văn (Mẫu 1.5): no tên loại; the trích yếu is a
    "V/v …" line under the number (ô 5b).  Every type gets the "Kính gửi:" block
    (ô 9a) when its data has ``kinh_gui``.
    """
    document = Document()
    _set_up_page(document)
    _set_up_styles(document)
    _add_page_numbers(document.sections[0])
    body_start = document.element.body[0] if len(document.element.body) else None
    _add_header(document)
    if cong_van:
        _add_cong_van_subject(document)
    else:
        _add_title(document)
    _add_kinh_gui(document)
    writer = BodyWriter(document)
    body(writer)
    _add_closing(document)
    _add_appendices(document)
    _remove_initial_paragraph(document, body_start)
    _set_core_properties(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return _slim_package(buffer.getvalue())


# --- page, styles, page numbers -------------------------------------------------


def _set_up_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = nd30.A4.frame_width, nd30.A4.frame_height
    section.top_margin, section.bottom_margin = nd30.MARGIN_TOP.frame, nd30.MARGIN_BOTTOM.frame
    section.left_margin, section.right_margin = nd30.MARGIN_LEFT.frame, nd30.MARGIN_RIGHT.frame
    section.header_distance = section.footer_distance = nd30.HEADER_DISTANCE
    section.different_first_page_header_footer = True


def _set_up_styles(document: DocxDocument) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(element("w:rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT))
    rpr.append(element("w:sz", val=_half_points(nd30.NOI_DUNG.frame)))
    rpr.append(element("w:szCs", val=_half_points(nd30.NOI_DUNG.frame)))
    rpr.append(element("w:lang", val="vi-VN", eastAsia="en-US", bidi="ar-SA"))
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(element("w:spacing", after=0, line=_line(nd30.LINE_SPACING.low), lineRule="auto"))

    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = nd30.NOI_DUNG.frame
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)

    block = styles.add_style(STYLE_BLOCK, WD_STYLE_TYPE.PARAGRAPH)
    block.base_style = normal
    block.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    block.paragraph_format.space_before = Pt(0)

    body = styles.add_style(STYLE_BODY, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.quick_style = True
    fmt = body.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = nd30.FIRST_LINE_INDENT.frame
    fmt.space_before = nd30.PARAGRAPH_GAP
    fmt.line_spacing = nd30.LINE_SPACING.low

    for name, caps in ((STYLE_HEADING_1, True), (STYLE_HEADING_2, False)):
        heading = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        heading.base_style = body
        heading.quick_style = True
        heading.font.bold = True
        heading.paragraph_format.keep_with_next = True
        del caps  # headings are typed in their case; the style only makes them bold

    _set_up_block_styles(styles, body, block)
    keep = {STYLE_BLOCK, STYLE_BODY, STYLE_HEADING_1, STYLE_HEADING_2, STYLE_HEADING_3, STYLE_HEADING_4,
            *STYLE_LIST, STYLE_NUMBERED, STYLE_CELL, *_BUILTIN_STYLES}
    _prune_styles(styles.element, keep={name.lower() for name in keep})


def _set_up_block_styles(styles: Any, body: Any, block: Any) -> None:
    """The styles of :mod:`baocao.body`'s blocks: headings "1.1." and "a)" (bold, kept
    with the next paragraph), list levels with hanging indents ("-", "+", one unmarked
    level), numbered paragraphs, table cells."""
    for name in (STYLE_HEADING_3, STYLE_HEADING_4):
        heading = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        heading.base_style = body
        heading.quick_style = True
        heading.font.bold = True
        heading.paragraph_format.keep_with_next = True
    for level, name in enumerate(STYLE_LIST, start=1):
        item = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        item.base_style = body
        item.quick_style = True
        fmt = item.paragraph_format
        text_at = nd30.LIST_MARKERS[level - 1].twips + nd30.LIST_STEP.twips
        fmt.left_indent = Twips(text_at)
        fmt.first_line_indent = Twips(-nd30.LIST_STEP.twips)
        fmt.tab_stops.add_tab_stop(Twips(text_at))
    numbered = styles.add_style(STYLE_NUMBERED, WD_STYLE_TYPE.PARAGRAPH)
    numbered.base_style = body
    numbered.quick_style = True
    cell = styles.add_style(STYLE_CELL, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = block
    cell.font.size = nd30.BANG
    cell.paragraph_format.space_before = Pt(0)
    cell.paragraph_format.keep_together = True


_BUILTIN_STYLES = ("Normal", "Normal Table", "Default Paragraph Font", "No List", "Header")


def _prune_styles(styles: Any, keep: set[str]) -> None:
    """Drop python-docx's hundreds of unused sample styles and latent styles
    (``keep`` holds lower-cased style names)."""
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")).lower() not in keep:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)


def _add_page_numbers(section: Any) -> None:
    """A centred PAGE field in the header from page 2; none on page 1 (titlePg)."""
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = element("w:r", run_properties(size=_points(nd30.SO_TRANG.frame)), text_element("2"))
    paragraph._p.append(element("w:fldSimple", run, instr=" PAGE "))
    section.first_page_header.paragraphs[0].text = ""


# --- header and title ---------------------------------------------------------------


def _add_header(document: DocxDocument) -> None:
    table = _borderless_table(document, nd30.HEADER_COLUMNS, nd30.HEADER_INDENT, rows=2)
    left, right = table.rows[0].cells
    _cell_lines(
        left,
        [
            ("{%p if khung.chu_quan %}", {}),
            ("{{ khung.chu_quan }}", {"size": nd30.CO_QUAN.frame}),
            ("{%p endif %}", {}),
            ("{%p for dong in khung.co_quan %}", {}),
            ("{{ dong }}", {"size": nd30.CO_QUAN.frame, "bold": True}),
            ("{%p endfor %}", {}),
        ],
    )
    _rule_choices(
        left.add_paragraph, nd30.HEADER_COLUMNS[0], "khung.gach_co_quan", nd30.RULE_CO_QUAN_LENGTHS
    )
    _cell_lines(
        right,
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"size": nd30.QUOC_HIEU.frame, "bold": True}),
            ("Độc lập - Tự do - Hạnh phúc", {"size": nd30.TIEU_NGU.frame, "bold": True}),
        ],
    )
    _rule(right.add_paragraph(style=STYLE_BLOCK), nd30.HEADER_COLUMNS[1], nd30.RULE_TIEU_NGU)
    so, dia_danh = table.rows[1].cells
    _cell_lines(so, [("{{ khung.so_ky_hieu }}", {"size": nd30.SO_KY_HIEU.frame})])
    # A long place name ("Thành phố Hồ Chí Minh, ngày …") would wrap the date line at the
    # frame's size: then it prints at the decree's smaller size, across the whole column.
    smaller = nd30.DIA_DANH.allowed.low
    _cell_lines(dia_danh, [
        (f"{{%p if khung.co_dia_danh == {_points(smaller)} %}}", {}),
        ("{{ khung.dia_danh_ngay }}", {"size": smaller, "italic": True}),
        ("{%p else %}", {}),
        ("{{ khung.dia_danh_ngay }}", {"size": nd30.DIA_DANH.frame, "italic": True}),
        ("{%p endif %}", {}),
    ])
    dates = [p for p in dia_danh.paragraphs if p.text == "{{ khung.dia_danh_ngay }}"]
    dates[0].paragraph_format.left_indent = dates[0].paragraph_format.right_indent = Twips(
        -nd30.CELL_MARGIN.twips)
    for paragraph in (so.paragraphs[0], *dates):
        paragraph.paragraph_format.space_before = nd30.SPACE_HEADER_LINE


def _add_title(document: DocxDocument) -> None:
    title = document.add_paragraph(style=STYLE_BLOCK)
    title.paragraph_format.space_before = nd30.SPACE_BEFORE_TITLE
    _run(title, "{{ khung.ten_loai }}", size=nd30.TEN_LOAI.frame, bold=True)
    summary = document.add_paragraph(style=STYLE_BLOCK)
    _run(summary, "{{ khung.trich_yeu }}", size=nd30.TRICH_YEU.frame, bold=True)
    container = Twips(nd30.TEXT_WIDTH.twips + 2 * nd30.CELL_MARGIN.twips)
    for rule in _rule_choices(
        document.add_paragraph, container, "khung.gach_trich_yeu", nd30.RULE_TRICH_YEU_LENGTHS
    ):
        rule.paragraph_format.space_after = nd30.SPACE_AFTER_RULE


# --- công văn subject (ô 5b) and Kính gửi (ô 9a) ------------------------------------


def _add_cong_van_subject(document: DocxDocument) -> None:
    """The "V/v …" line of a công văn: 12 pt, centred under the "Số:" line (box 3),
    6 pt below it; a third row of the header table, so it stays under box 3."""
    header = document.tables[-1]
    row = header.add_row()  # type: ignore[no-untyped-call]
    subject, _ = row.cells
    _cell_lines(subject, [("V/v {{ khung.trich_yeu }}", {"size": nd30.V_V.frame})])
    subject.paragraphs[0].paragraph_format.space_before = nd30.SPACE_HEADER_LINE
    spacer = document.add_paragraph(style=STYLE_BLOCK)
    spacer.paragraph_format.space_before = nd30.SPACE_HEADER_LINE


def _add_kinh_gui(document: DocxDocument) -> None:
    """"Kính gửi:" (ô 9a): one recipient on the same line; several on lines of their
    own, "- …;" with the last ending in ".", dashes under the colon."""
    block = BodyWriter(document).block
    block("if khung.kinh_gui|length == 1")
    single = document.add_paragraph(style=STYLE_BLOCK)
    _kinh_gui_indent(single, nd30.KINH_GUI_INDENT)
    # a recipient that wraps continues under its own first letter, not under «Kính gửi»
    label = round(text_width(KINH_GUI_LABEL, float(nd30.KINH_GUI.frame.pt)))
    single.paragraph_format.left_indent = Twips(nd30.KINH_GUI_INDENT.twips + label)
    single.paragraph_format.first_line_indent = Twips(-label)
    _run(single, "Kính gửi: {{ khung.kinh_gui[0] }}", size=nd30.KINH_GUI.frame)
    block("elif khung.kinh_gui")
    heading = document.add_paragraph(style=STYLE_BLOCK)
    _kinh_gui_indent(heading, nd30.KINH_GUI_INDENT)
    _run(heading, "Kính gửi:", size=nd30.KINH_GUI.frame)
    block("for noi in khung.kinh_gui")
    item = document.add_paragraph(style=STYLE_BLOCK)
    _kinh_gui_indent(item, nd30.KINH_GUI_ITEMS, space_before=Pt(0))
    dash = round(text_width("- ", float(nd30.KINH_GUI.frame.pt)))  # a wrapped item hangs under its text
    item.paragraph_format.left_indent = Twips(nd30.KINH_GUI_ITEMS.twips + dash)
    item.paragraph_format.first_line_indent = Twips(-dash)
    _run(item, "- {{ noi }}{{ '.' if loop.last else ';' }}", size=nd30.KINH_GUI.frame)
    block("endfor")
    block("endif")


def _kinh_gui_indent(
    paragraph: Paragraph, indent: Length, *, space_before: Length = nd30.SPACE_HEADER_LINE
) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt.left_indent = indent
    fmt.space_before = space_before


# --- data tables (BodyWriter.table) ------------------------------------------------------


def _add_data_table(document: DocxDocument, header: str, rows: str) -> Table:
    """A full-width bordered table whose columns and rows come from the data:
    docxtpl's ``{%tc %}`` repeats the middle cell of a row, ``{%tr %}`` a row."""
    table: Table = document.add_table(rows=4, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table._tbl.tblPr.insert_element_before(
        borders("w:tblBorders", val="single", sz=4, color="000000"),
        "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
    )
    width = Twips(nd30.TEXT_WIDTH.twips // 3)
    for cell in table._cells:
        cell.width = width
    cells = [
        (0, (f"{{%tc for cot in {header} %}}", "{{ cot }}", "{%tc endfor %}"), True),
        (1, (f"{{%tr for dong in {rows} %}}", "", ""), False),
        (2, ("{%tc for o in dong %}", "{{ o }}", "{%tc endfor %}"), False),
        (3, ("{%tr endfor %}", "", ""), False),
    ]
    for row, texts, bold in cells:
        for cell, text in zip(table.rows[row].cells, texts, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.style = STYLE_BLOCK
            if text:
                _run(paragraph, text, size=nd30.BANG, bold=bold)
    spacer = document.add_paragraph(style=STYLE_BLOCK)
    spacer.paragraph_format.space_before = Pt(0)
    return table


# --- closing: nơi nhận and signature -----------------------------------------------------


def _add_closing(document: DocxDocument) -> None:
    spacer = document.add_paragraph(style=STYLE_BLOCK)
    spacer.paragraph_format.space_before = nd30.SPACE_HEADER_LINE
    table = _borderless_table(document, nd30.CLOSING_COLUMNS, nd30.CLOSING_INDENT, rows=1)
    left, right = table.rows[0].cells
    _cell_lines(
        left,
        [
            ("Nơi nhận:", {"size": nd30.NOI_NHAN.frame, "bold": True, "italic": True}),
            ("{%p if khung.noi_nhan_ghi_chu %}", {}),
            ("{{ khung.noi_nhan_ghi_chu }}", {"size": nd30.DANH_SACH_NOI_NHAN.frame, "italic": True}),
            ("{%p endif %}", {}),
            ("{%p for noi in khung.dong_noi_nhan %}", {}),
            ("{{ noi }}", {"size": nd30.DANH_SACH_NOI_NHAN.frame}),
            ("{%p endfor %}", {}),
            ("- Lưu: {{ khung.luu }}.", {"size": nd30.DANH_SACH_NOI_NHAN.frame}),
            ("{%p for ghi in khung.sau_luu %}", {}),
            ("{{ ghi }}", {"size": nd30.DANH_SACH_NOI_NHAN.frame}),
            ("{%p endfor %}", {}),
        ],
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    for paragraph in left.paragraphs:  # "- …;" lines: a recipient that wraps hangs under its text
        if paragraph.text in ("{{ noi }}", "- Lưu: {{ khung.luu }}."):
            paragraph.paragraph_format.left_indent = nd30.NOI_NHAN_HANG
            paragraph.paragraph_format.first_line_indent = Twips(-nd30.NOI_NHAN_HANG.twips)
    lines: list[tuple[str, dict[str, object]]] = [
        ("{%p for dong in khung.chuc_vu %}", {}),
        ("{{ dong }}", {"size": nd30.CHUC_VU.frame, "bold": True}),
        ("{%p endfor %}", {}),
    ]
    lines += [("", {"size": nd30.CHUC_VU.frame})] * SIGNATURE_SPACE_LINES
    lines.append(("{{ khung.ho_ten }}", {"size": nd30.HO_TEN.frame, "bold": True}))
    _cell_lines(right, lines)


# --- appendices (Phụ lục) ------------------------------------------------------------------


def _add_appendices(document: DocxDocument) -> None:
    """The appendices (``khung.phu_luc``: the data's own, every type, and those a type
    computes, such as the poverty report's summary table): when there are any, a
    section break closes the body (its properties are the body's, header references
    included), then filter ``phu_luc`` prints each appendix in a section of its own
    (:func:`baocao.body.render.phu_luc`).  The empty section left at the end is
    dropped at render time (engine), the last appendix's properties taking its place."""
    writer = BodyWriter(document)
    writer.paragraph("{%p if khung.phu_luc %}", style=STYLE_BLOCK)
    end = writer.paragraph("", style=STYLE_BLOCK)
    end._p.get_or_add_pPr().append(copy.deepcopy(document.sections[-1]._sectPr))
    writer.paragraph("{%p endif %}", style=STYLE_BLOCK)
    writer.paragraph("{{p khung.phu_luc|phu_luc }}", style=STYLE_BLOCK)


# --- low-level helpers ---------------------------------------------------------------


def _borderless_table(
    document: DocxDocument, widths: tuple[Length, Length], indent: Length, *, rows: int
) -> Table:
    table: Table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    later = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
    tbl_pr.insert_element_before(
        element("w:tblInd", w=indent.twips, type="dxa"), "w:tblBorders", *later
    )
    tbl_pr.insert_element_before(borders("w:tblBorders", val="nil"), *later)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    return table


def _cell_lines(
    cell: _Cell,
    lines: list[tuple[str, dict[str, object]]],
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
) -> None:
    first = cell.paragraphs[0] if cell.paragraphs and not cell.paragraphs[0].text else None
    for text, fmt in lines:
        paragraph = first if first is not None else cell.add_paragraph()
        first = None
        paragraph.style = STYLE_BLOCK
        paragraph.alignment = align
        if text:
            _run(paragraph, text, **fmt)  # type: ignore[arg-type]
        elif fmt.get("size"):
            paragraph.paragraph_format.space_before = Pt(0)
            mark = paragraph._p.get_or_add_pPr()
            mark.append(run_properties(size=_points(fmt["size"])))  # type: ignore[arg-type]


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    size: Length | None = None,
    bold: bool = False,
    italic: bool = False,
) -> None:
    run = paragraph.add_run(text)
    if size is not None:
        run.font.size = size
    if bold:
        run.font.bold = True
    if italic:
        run.font.italic = True


def _rule_choices(
    add_paragraph: Callable[..., Paragraph], container: Length, variable: str, lengths: tuple[Length, ...]
) -> list[Paragraph]:
    """One rule paragraph per length, each printed when ``variable`` equals it (in twips)."""
    rules = []
    for length in lengths:
        _run(add_paragraph(style=STYLE_BLOCK), f"{{%p if {variable} == {length.twips} %}}")
        rule = add_paragraph(style=STYLE_BLOCK)
        _rule(rule, container, length)
        rules.append(rule)
        _run(add_paragraph(style=STYLE_BLOCK), "{%p endif %}")
    return rules


def _rule(paragraph: Paragraph, container: Length, length: Length) -> None:
    """A centred horizontal rule ``length`` long: a bottom border on an empty,
    indented paragraph, so Word and LibreOffice draw it the same way."""
    side = max((container.twips - 2 * nd30.CELL_MARGIN.twips - length.twips) // 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Twips(side)
    fmt.first_line_indent = Twips(0)
    fmt.space_before = Pt(0)
    fmt.line_spacing = nd30.RULE_LINE
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(
        borders("w:pBdr", edges=("bottom",), val="single", sz=6, space=1, color="000000"),
        "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc",
    )
    ppr.append(run_properties(size=2))


def _points(size: Length) -> int:
    """A size in whole points (``run_properties`` writes half-points from it)."""
    return round(float(size.pt))


def _half_points(size: Length) -> int:
    return round(float(size.pt) * 2)


def _line(lines: float) -> int:
    """Line spacing in ``w:line`` units (240ths of a single line)."""
    return round(lines * 240)


def _remove_initial_paragraph(document: DocxDocument, first: Any) -> None:
    if first is not None and first.tag == qn("w:p"):
        first.getparent().remove(first)


def _set_core_properties(document: DocxDocument) -> None:
    props = document.core_properties
    props.author = "baocao"
    props.last_modified_by = "baocao"
    props.title = ""
    props.subject = ""
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1


_DROPPED_PARTS = re.compile(
    r"^(docProps/thumbnail\.jpeg|word/stylesWithEffects\.xml|word/webSettings\.xml|customXml/.*)$"
)


def _slim_package(data: bytes) -> bytes:
    """Drop the sample parts python-docx's default document carries (a thumbnail,
    a second copy of the styles, custom XML), with their relationships."""
    return normalize_package(data, drop=_DROPPED_PARTS.match, rewrite=_drop_references)


def _drop_references(name: str, xml: bytes) -> bytes:
    if not (name.endswith(".rels") or name == "[Content_Types].xml"):
        return xml
    text = xml.decode("utf-8")
    text = re.sub(
        r"<(Relationship|Override)\b[^>]*?"
        r"(thumbnail\.jpeg|stylesWithEffects\.xml|webSettings\.xml|customXml/)[^>]*/>",
        "",
        text,
    )
    return text.encode("utf-8")
