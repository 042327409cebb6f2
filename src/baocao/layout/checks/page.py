"""Page rules: paper size, orientation, margins (Phụ lục I, Mục I.1–3)."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..findings import LayoutFinding
from ..ooxml import attr, w
from ..rules import finding

_A4 = (11906, 16838)
_TOLERANCE = 20  # twips: Word writes A4 as 11907 × 16840
_MARGINS = (  # rule, pgMar attributes, element, low mm, high mm
    ("le.tren", ("top",), "Lề trên", 20.0, 25.0),
    ("le.duoi", ("bottom",), "Lề dưới", 20.0, 25.0),
    ("le.trai", ("left", "start"), "Lề trái", 30.0, 35.0),
    ("le.phai", ("right", "end"), "Lề phải", 15.0, 20.0),
)
_MM_TOLERANCE = 0.05


def mm(twips: float) -> str:
    """Twips as millimetres, Vietnamese decimal comma: ``mm(1418)`` → ``'25'``."""
    return f"{twips * 25.4 / 1440:.1f}".replace(".", ",").removesuffix(",0")


def _where(context: Context, index: int) -> str:
    return f"phần (section) {index + 1}: " if len(context.sections) > 1 else ""


def _section_tables(context: Context) -> list[bool]:
    """For each section, whether it holds a table (which allows landscape pages)."""
    flags: list[bool] = []
    has_table = False
    for block in context.body.iterchildren():
        if block.tag == w("tbl"):
            has_table = True
        elif block.tag == w("p") and block.find(f"{w('pPr')}/{w('sectPr')}") is not None:
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
        if abs(short - _A4[0]) > _TOLERANCE or abs(long_ - _A4[1]) > _TOLERANCE:
            shown = f"{mm(width)} × {mm(height)} mm" if size is not None else "không khai báo"
            yield finding("trang.kho-giay", "Khổ giấy", f"{where}khổ giấy {shown}",
                          "A4, 210 × 297 mm")
        landscape = width > height or attr(size, "orient") == "landscape"
        if landscape and not (index < len(tables) and tables[index]):
            yield finding("trang.huong", "Hướng trang",
                          f"{where}trang nằm ngang mà không có bảng, biểu",
                          "trình bày theo chiều dài khổ A4 (trang đứng)")


def margins(context: Context) -> Iterator[LayoutFinding]:
    """Each margin inside its range."""
    for index, section in enumerate(context.sections):
        margin = section.find(w("pgMar"))
        for rule_id, names, element, low, high in _MARGINS:
            value = next((attr(margin, n) for n in names if attr(margin, n) is not None), None)
            twips = abs(int(value)) if value is not None else 1440
            if rule_id == "le.trai":
                twips += int(attr(margin, "gutter") or 0)
            size = twips * 25.4 / 1440
            if not low - _MM_TOLERANCE <= size <= high + _MM_TOLERANCE:
                yield finding(rule_id, element,
                              f"{_where(context, index)}{element.lower()} {mm(twips)} mm",
                              f"{pt_mm(low)}–{pt_mm(high)} mm")


def pt_mm(value: float) -> str:
    return f"{value:g}"


