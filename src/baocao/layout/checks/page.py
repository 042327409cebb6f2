"""Page rules: paper size, orientation, margins (Phụ lục I, Mục I.1–3)."""

from __future__ import annotations

from collections.abc import Iterator

from baocao import nd30

from ..context import Context
from ..findings import LayoutFinding
from ..ooxml import attr, section_break, w
from ..rules import finding
from ..units import mm, mm_range, number

_MARGINS = (  # rule, pgMar attributes, element, the decree's margin
    ("le.tren", ("top",), "Lề trên", nd30.MARGIN_TOP),
    ("le.duoi", ("bottom",), "Lề dưới", nd30.MARGIN_BOTTOM),
    ("le.trai", ("left", "start"), "Lề trái", nd30.MARGIN_LEFT),
    ("le.phai", ("right", "end"), "Lề phải", nd30.MARGIN_RIGHT),
)


_WORD_DEFAULT_MARGIN = 1440
"""What Word assumes (1 inch) for a margin the file leaves out."""


def _where(context: Context, index: int) -> str:
    return f"phần (section) {index + 1}: " if len(context.sections) > 1 else ""


def _section_tables(context: Context) -> list[bool]:
    """For each section, whether it holds a table (which allows landscape pages)."""
    flags: list[bool] = []
    has_table = False
    table_tag = w("tbl")
    for block in context.body.iterchildren():
        if block.tag == table_tag:
            has_table = True
        elif section_break(block) is not None:
            flags.append(has_table)
            has_table = False
    flags.append(has_table)
    return flags


def paper(context: Context) -> Iterator[LayoutFinding]:
    """A4, portrait unless the section holds tables."""
    tables = _section_tables(context)
    for index, section in enumerate(context.sections):
        where = _where(context, index)
        size = section.find(w("pgSz"))
        width, height = (int(attr(size, k) or 0) for k in ("w", "h"))
        short, long_ = sorted((width, height))
        slack = nd30.PAPER_SLACK.twips
        if abs(short - nd30.A4.frame_width.twips) > slack or abs(long_ - nd30.A4.frame_height.twips) > slack:
            shown = f"{mm(width)} × {mm(height)} mm" if size is not None else "không khai báo"
            yield finding("trang.kho-giay", "Khổ giấy", f"{where}khổ giấy {shown}",
                          f"A4, {number(nd30.A4.width.mm)} × {number(nd30.A4.height.mm)} mm")
        landscape = width > height or attr(size, "orient") == "landscape"
        if landscape and not (index < len(tables) and tables[index]):
            yield finding("trang.huong", "Hướng trang",
                          f"{where}trang nằm ngang mà không có bảng, biểu",
                          "trình bày theo chiều dài khổ A4 (trang đứng)")


def margins(context: Context) -> Iterator[LayoutFinding]:
    """Each margin inside its range."""
    for index, section in enumerate(context.sections):
        margin = section.find(w("pgMar"))
        for rule_id, names, element, decree in _MARGINS:
            value = next((attr(margin, n) for n in names if attr(margin, n) is not None), None)
            twips = abs(int(value)) if value is not None else _WORD_DEFAULT_MARGIN
            if rule_id == "le.trai":
                twips += int(attr(margin, "gutter") or 0)
            size = twips * 25.4 / 1440
            low, high, slack = decree.allowed.low.mm, decree.allowed.high.mm, nd30.MARGIN_SLACK.mm
            if not low - slack <= size <= high + slack:
                yield finding(rule_id, element,
                              f"{_where(context, index)}{element.lower()} {mm(twips)} mm",
                              mm_range(decree.allowed))


