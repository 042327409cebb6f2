"""Building test documents for the layout checker: a compliant Báo cáo, then mutations.

The compliant document mirrors how baocao's templates are built (python-docx
plus a little lxml): A4 portrait, the decree's margins, Times New Roman 14 in
the document defaults and the Normal style, a borderless two-column header
table, a centred PAGE field in the default header with a blank first-page
header, a title block, a justified body and a closing table.

Tests change one thing with the small helpers below (``para``, ``set_*``) and
assert that exactly the matching rule fires.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Literal

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips
from lxml import etree

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
"""Real Word files no one here wrote (a copy of ../shared/corpus/, with its README)."""

RuleStyle = Literal["border", "vml", "drawing", "underscores"]

BODY = (
    ("I. CÔNG TÁC GIẢM NGHÈO NĂM 2023", True),
    ("1. Kết quả rà soát", True),
    ("Thực hiện Kế hoạch số 596/KH-UBND ngày 07/9/2023 của Ủy ban nhân dân thành phố, "
     "các phường, xã đã tổ chức rà soát hộ nghèo, hộ cận nghèo đúng quy trình.", False),
    ("- Tổng số hộ nghèo cuối năm: 120 hộ, chiếm 1,2% tổng số hộ;", False),
    ("- Tổng số hộ cận nghèo cuối năm: 240 hộ, chiếm 2,4% tổng số hộ.", False),
    ("Trên đây là báo cáo kết quả công tác giảm nghèo năm 2023./.", False),
)
RECIPIENTS = (
    "- Sở Lao động - Thương binh và Xã hội;",
    "- TT Thành ủy, TT HĐND thành phố;",
    "- Lãnh đạo UBND thành phố;",
    "- Lưu: VT, LĐTBXH.",
)


# -- low-level helpers --------------------------------------------------------


def _add(container: Any, text: str = "", *, size: float | None = None, bold: bool = False,
         italic: bool = False, center: bool = True, first: bool = False) -> Any:
    """A paragraph with one run; *first* reuses the cell's initial empty paragraph."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    if text:
        run = paragraph.add_run(text)
        if size is not None:
            run.font.size = Pt(size)
        run.font.bold = bold or None
        run.font.italic = italic or None
    return paragraph


def _rule(container: Any, style: RuleStyle, *, length: int, width: int) -> Any:
    """A horizontal rule *length* twips long, centred in *width* twips, drawn as *style* says."""
    if style == "underscores":  # an underscore at 13 pt is 6.5 pt (130 twips) wide
        return _add(container, "_" * round(length / 130), size=13)
    paragraph = _add(container)
    if style == "border":
        fmt = paragraph.paragraph_format
        fmt.left_indent = Twips((width - length) // 2)
        fmt.right_indent = Twips((width - length) // 2)
        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
            'w:color="auto"/></w:pBdr>'
        ))
    elif style == "vml":
        start = (width - length) / 40  # points
        paragraph._p.append(parse_xml(
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
            f'<v:line from="{start:g}pt,2pt" to="{start + length / 20:g}pt,2pt" '
            'strokeweight=".5pt"/></w:pict></w:r>'
        ))
    else:
        paragraph._p.append(parse_xml(
            f'<w:r {nsdecls("w", "wp", "a")} '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<w:drawing><wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" '
            'simplePos="0" relativeHeight="1" locked="0" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
            f'<wp:posOffset>{(width - length) // 2 * 635}</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
            f'</wp:positionV><wp:extent cx="{length * 635}" cy="0"/><wp:wrapNone/>'
            '<wp:docPr id="1" name="Line 1"/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{length * 635}" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/>'
            '</a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>'
            '</wp:anchor></w:drawing></w:r>'
        ))
    return paragraph


def _page_field(paragraph: Any) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(14)
    for xml in (
        f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>',
        f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>',
        f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>',
    ):
        run._r.append(parse_xml(xml))
    shown = paragraph.add_run("2")
    shown.font.size = Pt(14)
    end = paragraph.add_run()
    end._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def _fonts(rpr: Any, name: str) -> None:
    """Replace the ``w:rFonts`` of *rpr* with *name* in all four slots."""
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    rpr.insert(0, parse_xml(
        f'<w:rFonts {nsdecls("w")} w:ascii="{name}" w:hAnsi="{name}" w:cs="{name}" '
        f'w:eastAsia="{name}"/>'
    ))


def _no_borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(
        f'<w:tblBorders {nsdecls("w")}>'
        + "".join(f'<w:{side} w:val="nil"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"
    ))


# -- the compliant document ---------------------------------------------------

#: Widths (twips) the rules are centred in: a header cell less its 108-twip margins
#: (python-docx splits the 8787-twip text width in two columns), and the text width.
CELL_WIDTH = 8787 // 2 - 2 * 108
TEXT_WIDTH = 8787
#: Rule lengths (twips) as the decree asks: the Tiêu ngữ's (3427 twips at 14 pt bold);
#: about 0.45 of «THÀNH PHỐ BẮC KẠN» (2838 at 13 pt bold); about 0.4 of the trích yếu
#: (5885 at 14 pt bold).
RULE_LENGTHS = {"tieu_ngu": 3400, "co_quan": 1300, "trich_yeu": 2400}


def compliant(
    *,
    rule_style: RuleStyle = "border",
    date_row: bool = False,
    number: str = "05",
    day: str = "07",
    cong_van: bool = False,
    kt: bool = False,
    rule_scale: float = 1.0,
) -> Any:
    """A Báo cáo in the Decree 30 layout (a python-docx ``Document``).

    *date_row* puts the place–date line in a second header row; *number* and
    *day* may be blanks (a draft); *cong_van* builds a công văn («V/v …», no
    tên loại, symbol ``12/UBND-VX``); *kt* signs «KT. CHỦ TỊCH / PHÓ CHỦ TỊCH»;
    *rule_scale* multiplies the length of the three short rules.
    """
    document = docx.Document()
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _fonts(rpr_default, "Times New Roman")
    rpr_default.find(qn("w:sz")).set(qn("w:val"), "28")
    rpr_default.find(qn("w:szCs")).set(qn("w:val"), "28")
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    _fonts(normal.element.get_or_add_rPr(), "Times New Roman")

    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin, section.bottom_margin = Twips(1418), Twips(1134)
    section.left_margin, section.right_margin = Twips(1985), Twips(1134)
    section.header_distance = Twips(567)
    section.different_first_page_header_footer = True
    header_paragraph = section.header.paragraphs[0]
    header_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header_paragraph)
    section.first_page_header.is_linked_to_previous = False

    table = document.add_table(rows=2 if date_row else 1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    _add(left, "ỦY BAN NHÂN DÂN", size=13, bold=True, first=True)
    _add(left, "THÀNH PHỐ BẮC KẠN", size=13, bold=True)
    lengths = {k: round(v * rule_scale) for k, v in RULE_LENGTHS.items()}
    _rule(left, rule_style, length=lengths["co_quan"], width=CELL_WIDTH)
    symbol = "UBND-VX" if cong_van else "BC-UBND"
    _add(left, f"Số: {number}/{symbol}", size=13)
    if cong_van:
        _add(left, "V/v triển khai rà soát hộ nghèo năm 2023", size=12)
    _add(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, first=True)
    _add(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    _rule(right, rule_style, length=lengths["tieu_ngu"], width=CELL_WIDTH)
    date_cell = table.rows[1].cells[1] if date_row else right
    if not date_row:
        _add(right)
    _add(date_cell, f"TP. Bắc Kạn, ngày {day} tháng 11 năm 2023", size=14, italic=True,
         first=date_row)

    _add(document)
    if not cong_van:
        _add(document, "BÁO CÁO", bold=True)
        _add(document, "Kết quả thực hiện công tác giảm nghèo năm 2023", bold=True)
        _rule(document, rule_style, length=lengths["trich_yeu"], width=TEXT_WIDTH)
    else:
        _add(document, "Kính gửi: Sở Lao động - Thương binh và Xã hội.")
    for text, bold in BODY:
        paragraph = _add(document, text, bold=bold, center=False)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Twips(567)
        fmt.space_before = Twips(120)
        fmt.line_spacing = 1.2

    closing = document.add_table(rows=1, cols=2)
    _no_borders(closing)
    left, right = closing.rows[0].cells
    _add(left, "Nơi nhận:", size=12, bold=True, italic=True, center=False, first=True)
    # With «Kính gửi:» (ô 9a) the Nơi nhận list starts with «- Như trên;» (Mục II.9.b).
    for line in (("- Như trên;",) if cong_van else ()) + RECIPIENTS:
        _add(left, line, size=11, center=False)
    if kt:
        lines = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    else:
        lines = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    _add(right, lines[0], size=14, bold=True, first=True)
    for line in lines[1:]:
        _add(right, line, size=14, bold=True)
    for _ in range(3):
        _add(right)
    _add(right, "Nguyễn Văn An", size=14, bold=True)
    return document


# -- finding and changing things ---------------------------------------------


def para(document: Any, start: str) -> Any:
    """The first paragraph (body, tables, headers) whose text starts with *start*."""
    containers = [document.element.body]
    for section in document.sections:
        containers += [section.header._element, section.first_page_header._element]
    for container in containers:
        for p in container.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            if text.startswith(start):
                return docx.text.paragraph.Paragraph(p, document.part)
    raise LookupError(start)


def set_text(document: Any, start: str, text: str) -> None:
    """Replace the text of the paragraph starting with *start* (formatting kept)."""
    runs = para(document, start).runs
    runs[0].text = text
    for extra in runs[1:]:
        extra.text = ""


def set_runs(document: Any, start: str, **font: Any) -> None:
    """Set font attributes (``size=Pt(12)``, ``bold=False`` …) on every run of a paragraph."""
    for run in para(document, start).runs:
        for name, value in font.items():
            setattr(run.font, name, value)


def remove(document: Any, start: str) -> None:
    element = para(document, start)._p
    element.getparent().remove(element)


def body_paragraphs(document: Any) -> list[Any]:
    """The paragraphs of the body text (justified ones)."""
    return [p for p in document.paragraphs
            if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY]


def to_bytes(document: Any) -> bytes:
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def xml(element: Any) -> str:
    """Pretty XML of an element (for assertion messages)."""
    return etree.tostring(element, pretty_print=True, encoding="unicode")
