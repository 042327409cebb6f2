"""Tables inside the text area of their page (Phụ lục I, Mục I.2–3: the margins)."""

from __future__ import annotations

from collections.abc import Iterator

from baocao import nd30

from ..context import Context
from ..findings import LayoutFinding
from ..measure import text_area_width
from ..ooxml import Element, attr, child, grandchild, section_break, w
from ..rules import finding
from ..units import cm


def tables(context: Context) -> Iterator[LayoutFinding]:
    """A table with borders (of the body or of an appendix) wider than its section's text
    area.  Borderless tables only place the header and the signature block (the model
    forms' own header table reaches into the right margin)."""
    drawn = [pair for pair in _tables_and_sections(context) if _has_borders(pair[0])]
    for number, (table, section) in enumerate(drawn, start=1):
        indent = _int(attr(grandchild(table, _TBL_PR, w("tblInd")), "w"))
        width = _width(table)
        area = text_area_width(section)
        over = max(indent, 0) + width - area
        if over > nd30.PAPER_SLACK.twips:
            yield finding("bang.vuot-le", f"Bảng {number}",
                          f"bảng rộng {cm(width)} cm, vượt vùng chữ của trang ({cm(area)} cm) "
                          f"{cm(over)} cm",
                          "bảng nằm trong lề: thu hẹp các cột, hoặc đặt bảng ở trang ngang")


_TBL_PR = w("tblPr")


def _tables_and_sections(context: Context) -> Iterator[tuple[Element, Element | None]]:
    """Each top-level table of the body with the ``w:sectPr`` of the section it is in."""
    pending: list[Element] = []
    table_tag, section_tag = w("tbl"), w("sectPr")
    for block in context.body.iterchildren():
        if block.tag == table_tag:
            pending.append(block)
        elif (section := section_break(block)) is not None:
            yield from ((table, section) for table in pending)
            pending = []
        elif block.tag == section_tag:
            yield from ((table, block) for table in pending)
            pending = []
    last = context.sections[-1] if context.sections else None
    yield from ((table, last) for table in pending)


def _width(table: Element) -> int:
    """The wider of the table's grid and its stated width (``w:tblW`` in twips), which
    Word keeps for a table of fixed layout."""
    columns = child(table, w("tblGrid"))
    grid = sum(_int(attr(col, "w")) for col in columns.iterchildren(w("gridCol"))) if columns is not None \
        else 0
    stated = grandchild(table, _TBL_PR, w("tblW"))
    return max(grid, _int(attr(stated, "w")) if attr(stated, "type") == "dxa" else 0)


def _has_borders(table: Element) -> bool:
    """Whether ``table`` draws lines: a visible edge in its own borders, or a table style
    (whose borders are not read here) and no borders of its own."""
    borders = grandchild(table, _TBL_PR, w("tblBorders"))
    if borders is None:
        return grandchild(table, _TBL_PR, w("tblStyle")) is not None
    return any(attr(edge, "val") not in ("nil", "none", None) for edge in borders)


def _int(value: str | None) -> int:
    return int(value) if value and value.lstrip("-").isdigit() else 0
