"""A compliant Báo cáo passes; each deliberate break trips exactly its rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips
from layout_docs import (
    CELL_WIDTH,
    TEXT_WIDTH,
    body_paragraphs,
    compliant,
    para,
    remove,
    set_runs,
    set_text,
    to_bytes,
)

from baocao.layout import RULES, check


def rule_ids(document: Any) -> set[str]:
    return {f.rule for f in check(to_bytes(document))}


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"rule_style": "vml"},
        {"rule_style": "drawing"},
        {"rule_style": "underscores"},
        {"date_row": True},
        {"cong_van": True},
        {"kt": True},
    ],
    ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "default",
)
def test_compliant_documents_have_no_findings(options: dict[str, Any]) -> None:
    assert check(to_bytes(compliant(**options))) == []


def test_a_draft_gets_only_warnings_for_its_blanks() -> None:
    findings = check(to_bytes(compliant(number="", day="     ")))
    assert {f.rule for f in findings} == {"so-ky-hieu.de-trong", "ngay-thang.de-trong"}
    assert {f.severity for f in findings} == {"warning"}


# -- mutations -----------------------------------------------------------------


def _section(d: Any) -> Any:
    return d.sections[0]


def margins_left(d: Any) -> None:
    _section(d).left_margin = Twips(1418)  # 25 mm


def margins_top(d: Any) -> None:
    _section(d).top_margin = Twips(850)  # 15 mm


def margins_bottom(d: Any) -> None:
    _section(d).bottom_margin = Twips(1701)  # 30 mm


def margins_right(d: Any) -> None:
    _section(d).right_margin = Twips(1701)


def landscape(d: Any) -> None:
    section = _section(d)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Twips(16838), Twips(11906)
    for table in list(d.tables):  # landscape is allowed only with tables
        table._tbl.getparent().remove(table._tbl)
    # without the tables the header and closing are gone: only page rules remain


def letter(d: Any) -> None:
    _section(d).page_width, _section(d).page_height = Twips(12240), Twips(15840)


def arial_defaults(d: Any) -> None:
    styles = d.styles.element
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    rpr.find(qn("w:rFonts")).set(qn("w:ascii"), "Arial")
    rpr.find(qn("w:rFonts")).set(qn("w:hAnsi"), "Arial")
    normal_rpr = d.styles["Normal"].element.rPr
    normal_rpr.remove(normal_rpr.find(qn("w:rFonts")))


def arial_paragraph_style(d: Any) -> None:
    base = d.styles.add_style("Than Van Ban", WD_STYLE_TYPE.PARAGRAPH)
    base.base_style = d.styles["Normal"]
    base.font.name = "Arial"
    derived = d.styles.add_style("Than Van Ban 2", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = base  # the font comes through basedOn
    for paragraph in body_paragraphs(d):
        paragraph.style = derived


def theme_font(d: Any) -> None:
    styles = d.styles.element
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = rpr.find(qn("w:rFonts"))
    fonts.set(qn("w:asciiTheme"), "minorHAnsi")  # python-docx's theme: Calibri
    fonts.set(qn("w:hAnsiTheme"), "minorHAnsi")
    normal_rpr = d.styles["Normal"].element.rPr
    normal_rpr.remove(normal_rpr.find(qn("w:rFonts")))


def arial_one_run(d: Any) -> None:
    set_runs(d, "1. Kết quả", name="Arial")


def no_quoc_hieu(d: Any) -> None:
    remove(d, "CỘNG HÒA")


def no_tieu_ngu(d: Any) -> None:
    remove(d, "Độc lập")


def lower_quoc_hieu(d: Any) -> None:
    set_text(d, "CỘNG HÒA", "Cộng hòa xã hội chủ nghĩa Việt Nam")


def quoc_hieu_14(d: Any) -> None:
    set_runs(d, "CỘNG HÒA", size=Pt(14))


def tieu_ngu_not_bold(d: Any) -> None:
    set_runs(d, "Độc lập", bold=False)


def tieu_ngu_dashes(d: Any) -> None:
    set_text(d, "Độc lập", "Độc lập-Tự do-Hạnh phúc")


def tieu_ngu_no_rule(d: Any) -> None:
    rule = para(d, "Độc lập")._p.getnext()
    rule.getparent().remove(rule)


def agency_not_bold(d: Any) -> None:
    for start in ("ỦY BAN", "THÀNH PHỐ"):
        set_runs(d, start, bold=False)


def agency_lower(d: Any) -> None:
    set_text(d, "THÀNH PHỐ", "Thành phố Bắc Kạn")


def agency_no_rule(d: Any) -> None:
    rule = para(d, "THÀNH PHỐ")._p.getnext()
    rule.getparent().remove(rule)


def no_so(d: Any) -> None:
    remove(d, "Số:")


def so_14(d: Any) -> None:
    set_runs(d, "Số:", size=Pt(14))


def so_unpadded(d: Any) -> None:
    set_text(d, "Số:", "Số: 5/BC-UBND")


def so_unknown_type(d: Any) -> None:
    set_text(d, "Số:", "Số: 05/BCA-UBND")


def so_wrong_type(d: Any) -> None:
    set_text(d, "Số:", "Số: 05/KH-UBND")


def so_spaces(d: Any) -> None:
    set_text(d, "Số:", "Số: 05/BC - UBND")


def no_date(d: Any) -> None:
    remove(d, "TP. Bắc Kạn")


def date_not_italic(d: Any) -> None:
    set_runs(d, "TP. Bắc Kạn", italic=False)


def date_day_unpadded(d: Any) -> None:
    set_text(d, "TP. Bắc Kạn", "TP. Bắc Kạn, ngày 7 tháng 11 năm 2023")


def date_month_padded(d: Any) -> None:
    set_text(d, "TP. Bắc Kạn", "TP. Bắc Kạn, ngày 07 tháng 09 năm 2023")


def date_month_unpadded(d: Any) -> None:
    set_text(d, "TP. Bắc Kạn", "TP. Bắc Kạn, ngày 15 tháng 1 năm 2024")


def ten_loai_not_bold(d: Any) -> None:
    set_runs(d, "BÁO CÁO", bold=False)


def trich_yeu_left(d: Any) -> None:
    para(d, "Kết quả thực hiện").alignment = WD_ALIGN_PARAGRAPH.LEFT


def trich_yeu_no_rule(d: Any) -> None:
    rule = para(d, "Kết quả thực hiện")._p.getnext()
    rule.getparent().remove(rule)


def body_12(d: Any) -> None:
    for paragraph in body_paragraphs(d):
        for run in paragraph.runs:
            run.font.size = Pt(12)


def body_left(d: Any) -> None:
    for paragraph in body_paragraphs(d):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT


def body_no_indent(d: Any) -> None:
    for paragraph in body_paragraphs(d):
        paragraph.paragraph_format.first_line_indent = Twips(0)


def body_no_gap(d: Any) -> None:
    for paragraph in body_paragraphs(d):
        paragraph.paragraph_format.space_before = Twips(0)
        paragraph.paragraph_format.space_after = Twips(0)


def body_double(d: Any) -> None:
    for paragraph in body_paragraphs(d):
        paragraph.paragraph_format.line_spacing = 2.0


def noi_nhan_plain(d: Any) -> None:
    set_runs(d, "Nơi nhận", bold=False, italic=False)


def noi_nhan_13(d: Any) -> None:
    set_runs(d, "Nơi nhận", size=Pt(13))


def list_12(d: Any) -> None:
    for start in ("- Sở", "- TT", "- Lãnh", "- Lưu"):
        set_runs(d, start, size=Pt(12))


def luu_not_last(d: Any) -> None:
    luu = para(d, "- Lưu")._p
    luu.getparent().remove(luu)
    para(d, "- Sở")._p.addprevious(luu)


def luu_missing(d: Any) -> None:
    remove(d, "- Lưu")


def no_noi_nhan(d: Any) -> None:
    for start in ("Nơi nhận", "- Sở", "- TT", "- Lãnh", "- Lưu"):
        remove(d, start)


def name_not_bold(d: Any) -> None:
    set_runs(d, "Nguyễn Văn An", bold=False)


def name_caps(d: Any) -> None:
    set_text(d, "Nguyễn Văn An", "NGUYỄN VĂN AN")


def position_not_bold(d: Any) -> None:
    set_runs(d, "CHỦ TỊCH", bold=False)


def prefix_slash(d: Any) -> None:
    set_text(d, "TM. ỦY BAN", "T/M ỦY BAN NHÂN DÂN")


def kt_without_title(d: Any) -> None:
    set_text(d, "CHỦ TỊCH", "KT. CHỦ TỊCH")


def _rule_under(d: Any, start: str) -> Any:
    """The paragraph that draws the rule under the paragraph starting with *start*."""
    return docx.text.paragraph.Paragraph(para(d, start)._p.getnext(), d.part)


def _rule_length(d: Any, start: str, length: int, width: int) -> None:
    """Re-centre the bordered rule under *start* to *length* twips in *width*."""
    fmt = _rule_under(d, start).paragraph_format
    fmt.left_indent = fmt.right_indent = Twips((width - length) // 2)


def tieu_ngu_rule_short(d: Any) -> None:
    _rule_length(d, "Độc lập", 1700, CELL_WIDTH)  # half the Tiêu ngữ


def tieu_ngu_rule_long(d: Any) -> None:
    # a border across a whole 10 cm cell (a wider right column, no indents)
    cell = d.tables[0].rows[0].cells[1]
    cell.width = Twips(5670)
    _rule_length(d, "Độc lập", 5670 - 216, 5670 - 216)


def agency_rule_short(d: Any) -> None:
    _rule_length(d, "THÀNH PHỐ", 500, CELL_WIDTH)  # under a fifth of the line


def agency_rule_long(d: Any) -> None:
    _rule_length(d, "THÀNH PHỐ", CELL_WIDTH, CELL_WIDTH)  # the whole cell


def trich_yeu_rule_short(d: Any) -> None:
    _rule_length(d, "Kết quả thực hiện", 1000, TEXT_WIDTH)


def trich_yeu_rule_long(d: Any) -> None:
    _rule_length(d, "Kết quả thực hiện", TEXT_WIDTH, TEXT_WIDTH)  # margin to margin


def page_one_numbered(d: Any) -> None:
    _section(d).different_first_page_header_footer = False


def first_header_numbered(d: Any) -> None:
    header = _section(d).first_page_header.paragraphs[0]
    header._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    ))


def page_number_left(d: Any) -> None:
    para(d, "2").alignment = WD_ALIGN_PARAGRAPH.LEFT  # the header's PAGE paragraph


def no_page_number(d: Any) -> None:
    header = _section(d).header
    for paragraph in header.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    header.add_paragraph()


def page_number_in_footer(d: Any) -> None:
    footer = _section(d).footer.paragraphs[0]
    footer._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'
    ))
    no_page_number(d)


def _tight_rule(d: Any, start: str) -> None:
    """The rule under *start* on a 2 pt paragraph, right under the text (an underline)."""
    rule = para(d, start)._p.getnext()
    rule.get_or_add_pPr().get_or_add_spacing().set(qn("w:line"), "40")
    rule.get_or_add_pPr().get_or_add_spacing().set(qn("w:lineRule"), "exact")


def tieu_ngu_rule_tight(d: Any) -> None:
    _tight_rule(d, "Độc lập")


def agency_rule_tight(d: Any) -> None:
    _tight_rule(d, "THÀNH PHỐ")


def trich_yeu_rule_tight(d: Any) -> None:
    _tight_rule(d, "Kết quả")


def closing_left_of_margin(d: Any) -> None:
    closing = d.tables[-1]._tbl.tblPr
    closing.append(parse_xml(f'<w:tblInd {nsdecls("w")} w:w="-199" w:type="dxa"/>'))


def table_wider_than_the_page(d: Any) -> None:
    table = d.add_table(rows=1, cols=2)
    table.style = d.styles["Table Grid"]
    for cell in table.rows[0].cells:
        cell.width = Twips(6000)
    for column in table._tbl.tblGrid.iterchildren():
        column.set(qn("w:w"), "6000")
    d.tables[-2]._tbl.addprevious(table._tbl)  # in the body, before the closing table


MUTATIONS: list[tuple[Callable[[Any], None], set[str]]] = [
    (tieu_ngu_rule_tight, {"tieu-ngu.gach-sat-chu"}),
    (agency_rule_tight, {"co-quan.gach-sat-chu"}),
    (trich_yeu_rule_tight, {"trich-yeu.gach-sat-chu"}),
    (closing_left_of_margin, {"noi-nhan.le-trai"}),
    (table_wider_than_the_page, {"bang.vuot-le"}),
    (margins_left, {"le.trai"}),
    (margins_top, {"le.tren"}),
    (margins_bottom, {"le.duoi"}),
    (margins_right, {"le.phai"}),
    (landscape, {"trang.huong", "quoc-hieu.thieu"}),
    (letter, {"trang.kho-giay"}),
    (arial_defaults, {"phong-chu"}),
    (arial_paragraph_style, {"phong-chu"}),
    (theme_font, {"phong-chu"}),
    (arial_one_run, {"phong-chu"}),
    (no_quoc_hieu, {"quoc-hieu.thieu"}),
    (no_tieu_ngu, {"tieu-ngu.thieu"}),
    (lower_quoc_hieu, {"quoc-hieu.dinh-dang"}),
    (quoc_hieu_14, {"quoc-hieu.dinh-dang"}),
    (tieu_ngu_not_bold, {"tieu-ngu.dinh-dang"}),
    (tieu_ngu_dashes, {"tieu-ngu.dinh-dang"}),
    (tieu_ngu_no_rule, {"tieu-ngu.gach-chan"}),
    (agency_not_bold, {"co-quan.dinh-dang"}),
    (agency_lower, {"co-quan.dinh-dang"}),
    (agency_no_rule, {"co-quan.gach-chan"}),
    (no_so, {"so-ky-hieu.thieu"}),
    (so_14, {"so-ky-hieu.dinh-dang"}),
    (so_unpadded, {"so-ky-hieu.so"}),
    (so_unknown_type, {"so-ky-hieu.dang"}),
    (so_wrong_type, {"so-ky-hieu.dang"}),
    (so_spaces, {"so-ky-hieu.dang"}),
    (no_date, {"dia-danh.thieu"}),
    (date_not_italic, {"dia-danh.dinh-dang"}),
    (date_day_unpadded, {"ngay-thang.dang"}),
    (date_month_padded, {"ngay-thang.dang"}),
    (date_month_unpadded, {"ngay-thang.dang"}),
    (ten_loai_not_bold, {"ten-loai.dinh-dang"}),
    (trich_yeu_left, {"trich-yeu.dinh-dang"}),
    (trich_yeu_no_rule, {"trich-yeu.gach-chan"}),
    (tieu_ngu_rule_short, {"tieu-ngu.do-dai-gach"}),
    (tieu_ngu_rule_long, {"tieu-ngu.do-dai-gach"}),
    (agency_rule_short, {"co-quan.do-dai-gach"}),
    (agency_rule_long, {"co-quan.do-dai-gach"}),
    (trich_yeu_rule_short, {"trich-yeu.do-dai-gach"}),
    (trich_yeu_rule_long, {"trich-yeu.do-dai-gach"}),
    (body_12, {"noi-dung.co-chu"}),
    (body_left, {"noi-dung.can-deu"}),
    (body_no_indent, {"noi-dung.thut-dau-dong"}),
    (body_no_gap, {"noi-dung.gian-doan"}),
    (body_double, {"noi-dung.gian-dong"}),
    (noi_nhan_plain, {"noi-nhan.dinh-dang"}),
    (noi_nhan_13, {"noi-nhan.dinh-dang"}),
    (list_12, {"noi-nhan.danh-sach"}),
    (luu_not_last, {"noi-nhan.luu"}),
    (luu_missing, {"noi-nhan.luu"}),
    (no_noi_nhan, {"noi-nhan.thieu"}),
    (name_not_bold, {"chu-ky.ho-ten"}),
    (name_caps, {"chu-ky.ho-ten"}),
    (position_not_bold, {"chu-ky.chuc-vu"}),
    (prefix_slash, {"chu-ky.tham-quyen"}),
    (kt_without_title, {"chu-ky.tham-quyen"}),
    (page_one_numbered, {"so-trang.trang-dau"}),
    (first_header_numbered, {"so-trang.trang-dau"}),
    (page_number_left, {"so-trang.vi-tri"}),
    (no_page_number, {"so-trang.thieu"}),
    (page_number_in_footer, {"so-trang.vi-tri"}),
]


@pytest.mark.parametrize(
    ("mutate", "expected"), MUTATIONS, ids=lambda m: getattr(m, "__name__", "")
)
def test_each_break_trips_exactly_its_rule(
    mutate: Callable[[Any], None], expected: set[str]
) -> None:
    document = compliant()
    mutate(document)
    assert rule_ids(document) == expected


def test_every_error_rule_is_tripped_by_some_test_document() -> None:
    tripped = set().union(*(expected for _, expected in MUTATIONS))
    tripped |= {"co-quan.thieu"}  # test_agency_missing
    assert {r for r, rule in RULES.items() if rule.severity == "error"} <= tripped


def test_agency_missing() -> None:
    document = compliant()
    for start in ("ỦY BAN", "THÀNH PHỐ"):
        remove(document, start)
    assert rule_ids(document) == {"co-quan.thieu"}


def test_findings_carry_clause_and_vietnamese_message() -> None:
    document = compliant()
    date_day_unpadded(document)
    (found,) = check(to_bytes(document))
    assert found.clause == "Phụ lục I, Mục II.4.b"
    assert found.element == "Địa danh, ngày tháng"
    assert "«7»" in found.message
    assert "07" in found.expected


@pytest.mark.parametrize("rule_style", ["border", "vml", "drawing", "underscores"])
@pytest.mark.parametrize("scale", [0.5, 1.6], ids=["short", "long"])
def test_rule_lengths_are_measured_however_drawn(rule_style: Any, scale: float) -> None:
    """Halved or lengthened by 60 %, all three rules leave their range; only warnings."""
    findings = check(to_bytes(compliant(rule_style=rule_style, rule_scale=scale)))
    assert {f.rule for f in findings} == {
        "tieu-ngu.do-dai-gach", "co-quan.do-dai-gach", "trich-yeu.do-dai-gach"}
    assert {f.severity for f in findings} == {"warning"}
    verdict = "ngắn quá" if scale < 1 else "dài quá"
    assert all(verdict in f.message for f in findings), [f.message for f in findings]


def test_rule_length_finding_says_how_long() -> None:
    document = compliant()
    agency_rule_long(document)
    (found,) = check(to_bytes(document))
    # 4177 twips of rule under «THÀNH PHỐ BẮC KẠN» (about 2838 twips at 13 pt bold)
    assert "khoảng 7,4 cm" in found.message
    assert "1,47 lần" in found.message
    assert found.clause == "Phụ lục I, Mục II.2.b"


def test_kinh_gui_without_nhu_tren_is_a_warning() -> None:
    document = compliant(cong_van=True)
    remove(document, "- Như trên")
    (found,) = check(to_bytes(document))
    assert (found.rule, found.severity) == ("noi-nhan.nhu-tren", "warning")
    assert "«- Sở Lao động" in found.message

