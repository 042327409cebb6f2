"""baocao.nd30 holds the decree's numbers; the builder prints them; the checker's
rule texts are written from them."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from collections.abc import Iterator
from fractions import Fraction
from types import ModuleType

import docx
import pytest
from docx.shared import Mm, Pt, Twips

from baocao import nd30
from baocao.frame import BodyWriter, build_template
from baocao.layout import RULES

# --- the numbers are the spec's (../shared/spec/nd30.md), typed here once ----------

# §3 and §7–§8: element → allowed size range in points.
SPEC_SIZES = {
    "QUOC_HIEU": (12, 13),
    "TIEU_NGU": (13, 14),
    "CO_QUAN": (12, 13),
    "SO_KY_HIEU": (13, 13),
    "DIA_DANH": (13, 14),
    "TEN_LOAI": (13, 14),
    "TRICH_YEU": (13, 14),
    "V_V": (12, 13),
    "NOI_DUNG": (13, 14),
    "CHUC_VU": (13, 14),
    "HO_TEN": (13, 14),
    "KINH_GUI": (13, 14),
    "NOI_NHAN": (12, 12),
    "DANH_SACH_NOI_NHAN": (11, 11),
    "SO_TRANG": (13, 14),
    "PHU_LUC": (14, 14),
    "TEN_PHU_LUC": (13, 14),
}


def test_paper_and_margins_are_the_decrees() -> None:
    assert (nd30.A4.width, nd30.A4.height) == (Mm(210), Mm(297))
    # §1 and §11: the annex file's A4 and margins, in twips.
    assert (nd30.A4.frame_width.twips, nd30.A4.frame_height.twips) == (11906, 16838)
    margins = {
        "top": (nd30.MARGIN_TOP, 20, 25, 1418),
        "bottom": (nd30.MARGIN_BOTTOM, 20, 25, 1134),
        "left": (nd30.MARGIN_LEFT, 30, 35, 1985),
        "right": (nd30.MARGIN_RIGHT, 15, 20, 1134),
    }
    for name, (margin, low, high, annex) in margins.items():
        assert (margin.allowed.low, margin.allowed.high) == (Mm(low), Mm(high)), name
        assert margin.annex.twips == annex, name
        # The frame keeps inside the range, at most one twip from the annex file.
        assert margin.frame in margin.allowed, name
        assert abs(margin.frame.twips - annex) <= 1, name
    assert nd30.HEADER_DISTANCE.twips == 567


def test_font_sizes_are_the_decrees_and_the_frame_keeps_inside_them() -> None:
    found = {name: value for name, value in vars(nd30).items() if isinstance(value, nd30.FontSize)}
    assert set(found) == set(SPEC_SIZES)
    for name, (low, high) in SPEC_SIZES.items():
        size = found[name]
        assert (size.allowed.low, size.allowed.high) == (Pt(low), Pt(high)), name
        assert size.frame in size.allowed, name


def test_body_spacing_indent_and_rules_are_the_decrees() -> None:
    indent = nd30.FIRST_LINE_INDENT
    assert (indent.allowed.low.cm, indent.allowed.high.cm) == (1.0, 1.27)
    assert (indent.allowed.low.twips, indent.allowed.high.twips) == (567, 720)  # §11
    assert indent.frame in indent.allowed
    assert nd30.PARAGRAPH_GAP == Pt(6)
    assert (nd30.LINE_SPACING.low, nd30.LINE_SPACING.high) == (1.0, 1.5)
    assert (nd30.SHORT_RULE_SHARE.low, nd30.SHORT_RULE_SHARE.high) == (Fraction(1, 3), Fraction(1, 2))
    assert float(nd30.FRAME_RULE_SHARE) in nd30.SHORT_RULE_SHARE
    # The checker's accepted ratios are wider than the decree's share (estimates).
    assert nd30.SHORT_RULE_RATIO.low < nd30.SHORT_RULE_SHARE.low
    assert nd30.SHORT_RULE_RATIO.high > nd30.SHORT_RULE_SHARE.high
    assert 1.0 in nd30.TIEU_NGU_RULE_RATIO


def test_table_geometry_is_the_model_forms() -> None:
    # §2.3: Mẫu 1.4's header table, in twips; the closing table at the margin, as in every
    # model form, with Mẫu 1.1's wider Nơi nhận column.
    assert [w.twips for w in nd30.HEADER_COLUMNS] == [3829, 5670]
    assert nd30.HEADER_INDENT.twips == -199
    assert [w.twips for w in nd30.CLOSING_COLUMNS] == [3276, nd30.TEXT_WIDTH.twips - 3276]
    assert nd30.CLOSING_INDENT.twips == 0
    assert nd30.CLOSING_INDENT.twips + sum(w.twips for w in nd30.CLOSING_COLUMNS) == nd30.TEXT_WIDTH.twips
    assert nd30.TEXT_WIDTH.twips == 11906 - 1984 - 1133


# --- the builder prints nd30's values (read back with python-docx) -------------------


@pytest.fixture(scope="module")
def built() -> docx.document.Document:
    def body(w: BodyWriter) -> None:
        w.paragraph("Nội dung.")

    return docx.Document(io.BytesIO(build_template(body)))


def _run_sizes(document: docx.document.Document) -> dict[str, Pt]:
    """Text of each run → its size, across the body and the two tables."""
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for cell in table._cells:
            paragraphs += cell.paragraphs
    return {run.text: run.font.size for p in paragraphs for run in p.runs if run.text.strip()}


def test_builder_page_is_nd30s(built: docx.document.Document) -> None:
    section = built.sections[0]
    assert (section.page_width, section.page_height) == (nd30.A4.frame_width, nd30.A4.frame_height)
    assert (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == (
        nd30.MARGIN_TOP.frame, nd30.MARGIN_BOTTOM.frame, nd30.MARGIN_LEFT.frame, nd30.MARGIN_RIGHT.frame
    )
    assert section.header_distance == nd30.HEADER_DISTANCE
    body = built.styles["Noi dung"].paragraph_format
    assert body.first_line_indent == nd30.FIRST_LINE_INDENT.frame
    assert body.space_before == nd30.PARAGRAPH_GAP
    assert built.styles["Normal"].font.size == nd30.NOI_DUNG.frame
    assert built.styles["Normal"].font.name == nd30.FONT


def test_builder_font_sizes_are_nd30s(built: docx.document.Document) -> None:
    sizes = _run_sizes(built)
    expected = {
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": nd30.QUOC_HIEU,
        "Độc lập - Tự do - Hạnh phúc": nd30.TIEU_NGU,
        "{{ khung.chu_quan }}": nd30.CO_QUAN,
        "{{ khung.so_ky_hieu }}": nd30.SO_KY_HIEU,
        "{{ khung.dia_danh_ngay }}": nd30.DIA_DANH,
        "{{ khung.ten_loai }}": nd30.TEN_LOAI,
        "{{ khung.trich_yeu }}": nd30.TRICH_YEU,
        "Kính gửi:": nd30.KINH_GUI,
        "Nơi nhận:": nd30.NOI_NHAN,
        "{{ noi }}": nd30.DANH_SACH_NOI_NHAN,
        "{{ ghi }}": nd30.DANH_SACH_NOI_NHAN,
        "{{ khung.ho_ten }}": nd30.HO_TEN,
    }
    assert {text: sizes[text] for text in expected} == {t: s.frame for t, s in expected.items()}
    header_xml = built.sections[0].header._element.xml
    assert f'w:val="{round(nd30.SO_TRANG.frame.pt * 2)}"' in header_xml


def test_builder_tables_are_nd30s(built: docx.document.Document) -> None:
    header, closing = built.tables
    assert tuple(c.width for c in header.rows[0].cells) == nd30.HEADER_COLUMNS
    assert tuple(c.width for c in closing.rows[0].cells) == nd30.CLOSING_COLUMNS


# --- the checker's rule descriptions are written from nd30 ---------------------------

# Descriptions whose digits are about writing numbers and dates, not the layout.
NOT_LAYOUT_NUMBERS = {"ngay-thang.dang", "so-ky-hieu.so"}
# Digits that are names, not measures: the paper «A4», box numbers «ô 9a».
NAMES = re.compile(r"\bA4\b|\bô \d+[a-z]?")


def _shifted(size: nd30.FontSize) -> nd30.FontSize:
    low, high = size.points
    return nd30.FontSize(size.frame, nd30.Range(Pt(low + 7), Pt(high + 8)))


def _shifted_margin(margin: nd30.Margin) -> nd30.Margin:
    low, high = margin.allowed.low.mm, margin.allowed.high.mm
    return nd30.Margin(nd30.Range(Mm(low + 1), Mm(high + 2)), margin.frame, margin.annex)


@pytest.fixture()
def rules_from_other_numbers(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """A fresh copy of baocao.layout.rules built from different numbers."""
    for name, value in list(vars(nd30).items()):
        if isinstance(value, nd30.FontSize):
            monkeypatch.setattr(nd30, name, _shifted(value))
        elif isinstance(value, nd30.Margin):
            monkeypatch.setattr(nd30, name, _shifted_margin(value))
    monkeypatch.setattr(nd30, "A4", nd30.Paper(Mm(211), Mm(298), Twips(1), Twips(1)))
    monkeypatch.setattr(nd30, "FIRST_LINE_INDENT", nd30.Setting(nd30.Range(Mm(11), Mm(13)), Twips(1)))
    monkeypatch.setattr(nd30, "PARAGRAPH_GAP", Pt(7))
    monkeypatch.setattr(nd30, "LINE_SPACING", nd30.Range(1.0, 2.0))
    monkeypatch.setattr(nd30, "SHORT_RULE_SHARE", nd30.Range(Fraction(1, 4), Fraction(2, 3)))
    monkeypatch.setattr(nd30, "SHORT_RULE_RATIO", nd30.Range(0.2, 0.7))
    monkeypatch.setattr(nd30, "TIEU_NGU_RULE_RATIO", nd30.Range(0.7, 1.3))
    original = sys.modules["baocao.layout.rules"]
    spec = importlib.util.spec_from_file_location("baocao.layout._rules_copy", original.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    yield module


def test_every_number_in_a_rule_description_comes_from_nd30(rules_from_other_numbers: ModuleType) -> None:
    other = rules_from_other_numbers.RULES
    assert other.keys() == RULES.keys()
    stating = {rid for rid, rule in RULES.items()
               if any(c.isdigit() for c in NAMES.sub("", rule.description))}
    changed = {rid for rid in RULES if other[rid].description != RULES[rid].description}
    assert changed == stating - NOT_LAYOUT_NUMBERS
    assert other["le.tren"].description == "Lề trên 21–27 mm"
    assert other["quoc-hieu.dinh-dang"].description == "Quốc hiệu in hoa, cỡ 19–21, đứng, đậm"
    assert other["noi-nhan.dinh-dang"].description == "Từ «Nơi nhận:» cỡ 19–20, nghiêng, đậm"


def test_rule_descriptions_state_the_specs_numbers() -> None:
    described = {rid: rule.description for rid, rule in RULES.items()}
    assert described["trang.kho-giay"] == "Khổ giấy A4 (210 × 297 mm)"
    assert [described[f"le.{side}"] for side in ("tren", "duoi", "trai", "phai")] == [
        "Lề trên 20–25 mm", "Lề dưới 20–25 mm", "Lề trái 30–35 mm", "Lề phải 15–20 mm",
    ]
    assert "cỡ 12–13" in described["quoc-hieu.dinh-dang"]
    assert "cỡ 13," in described["so-ky-hieu.dinh-dang"]
    assert "cỡ 11," in described["noi-nhan.danh-sach"]
    assert described["noi-dung.thut-dau-dong"] == "Đầu dòng lùi vào 1 cm hoặc 1,27 cm"
    assert described["noi-dung.gian-doan"] == "Khoảng cách giữa các đoạn văn tối thiểu 6 pt"
    assert "1/3 đến 1/2" in described["trich-yeu.do-dai-gach"]
