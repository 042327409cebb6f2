"""Measuring lengths on the page, in twips: a paragraph's width, its text's, a rule's.

* A paragraph's **available width** is the width of its table cell (less the cell
  margins) or of the page's text area, less its left and right indents.  A
  paragraph border runs across exactly that width.
* A **line shape** is as long as its extent (DrawingML ``wp:extent/@cx``, VML
  ``from``/``to`` or ``width``).
* A **line of underscores** and any **text** are estimated from their characters
  and font (see :mod:`.metrics`), and a line of text is never wider than the
  paragraph (longer text wraps).

Every figure is an estimate; the checks that use them allow a wide tolerance.
"""

from __future__ import annotations

import re

from baocao import nd30
from baocao.text_metrics import text_width

from .formatting import StyleResolver
from .lines import DrawnRule
from .ooxml import NSMAP, Element, attr, containing, own_runs, run_text, w

#: Word's default left and right cell margin (0.19 cm) when the table sets none.
DEFAULT_CELL_MARGIN: int = nd30.CELL_MARGIN.twips
_EMU_PER_TWIP = 635
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|in|cm|mm|px|pc|emu)?\s*$")
_TWIPS_PER_UNIT = {"pt": 20.0, "in": 1440.0, "cm": 1440 / 2.54, "mm": 144 / 2.54,
                   "px": 15.0, "pc": 240.0, "emu": 1 / _EMU_PER_TWIP}


def text_area_width(section: Element | None) -> int:
    """Page width less the left and right margins (and gutter) of a ``w:sectPr``;
    without one, the widest the decree allows (:data:`baocao.nd30.WIDEST_TEXT`)."""
    if section is None:
        return int(nd30.WIDEST_TEXT.twips)
    size = section.find(w("pgSz"))
    margin = section.find(w("pgMar"))
    width = int(attr(size, "w") or nd30.A4.frame_width.twips)
    sides = sum(abs(int(attr(margin, name) or 0)) for name in ("left", "right", "gutter"))
    return width - sides


def available_width(paragraph: Element, resolver: StyleResolver, page_text_width: int) -> float:
    """The width a paragraph's lines (and borders) run across, in twips."""
    cell = containing(paragraph, "tc")
    outer = _cell_width(cell) if cell is not None else page_text_width
    fmt = resolver.paragraph_format(paragraph)
    return max(outer - fmt.left - fmt.right, 0)


def _cell_width(cell: Element) -> float:
    """Width of a table cell less its left and right margins."""
    tc_pr = cell.find(w("tcPr"))
    width = tc_pr.find(w("tcW")) if tc_pr is not None else None
    total: float | None = None
    if width is not None and attr(width, "type") in (None, "dxa") and (attr(width, "w") or "").isdigit():
        total = int(attr(width, "w") or 0)
    if not total:
        total = _grid_width(cell)
    table = containing(cell, "tbl")
    margins = (tc_pr.find(w("tcMar")) if tc_pr is not None else None,
               table.find(f"{w('tblPr')}/{w('tblCellMar')}") if table is not None else None)
    for names in (("left", "start"), ("right", "end")):
        total -= _margin(margins, names)
    return total


def _margin(holders: tuple[Element | None, Element | None], names: tuple[str, ...]) -> int:
    for holder in holders:
        if holder is None:
            continue
        for name in names:
            side = holder.find(w(name))
            if side is not None and attr(side, "type") in (None, "dxa"):
                return int(attr(side, "w") or 0)
    return DEFAULT_CELL_MARGIN


def _grid_width(cell: Element) -> float:
    """The cell's width from the table grid (its columns, counting ``gridSpan``)."""
    row = cell.getparent()
    table = containing(cell, "tbl")
    if row is None or table is None:
        return 0
    columns = [int(attr(col, "w") or 0) for col in table.iterfind(f"{w('tblGrid')}/{w('gridCol')}")]
    start = 0
    for other in row.iterchildren(w("tc")):
        span = int(attr(other.find(f"{w('tcPr')}/{w('gridSpan')}"), "val") or 1)
        if other is cell:
            return sum(columns[start : start + span])
        start += span
    return 0


#: Word and LibreOffice set superscript and subscript at about two thirds of the size.
_RAISED_SCALE = 2 / 3


def paragraph_text_width(paragraph: Element, resolver: StyleResolver) -> float:
    """Estimated width of the paragraph's text on one line (edges' spaces left out).

    Each run counts with its size, weight, slant, capitals, superscript (smaller),
    character spacing and horizontal scale.
    """
    runs = [(run_text(run).replace("\t", " "), run) for run in own_runs(paragraph)]
    runs = [(text, run) for text, run in runs if text]
    total = 0.0
    for position, (text, run) in enumerate(runs):
        if position == 0:
            text = text.lstrip()
        if position == len(runs) - 1:
            text = text.rstrip()
        fmt = resolver.run_format(run)
        size = fmt.size * (_RAISED_SCALE if fmt.vert_align in ("superscript", "subscript") else 1)
        shown = text.upper() if fmt.caps else text
        width = text_width(shown, size, bold=fmt.bold, italic=fmt.italic) * fmt.scale / 100
        total += width + fmt.spacing * len(shown)
    return max(total, 0.0)


def line_width(paragraph: Element, resolver: StyleResolver, page_text_width: int) -> float:
    """Estimated length of the paragraph's longest line: its text, at most its width."""
    return min(paragraph_text_width(paragraph, resolver),
               available_width(paragraph, resolver, page_text_width))


def rule_length(rule: DrawnRule, resolver: StyleResolver, page_text_width: int) -> float | None:
    """Length of a drawn rule in twips; ``None`` when it cannot be told from the file."""
    if rule.kind == "border":
        return available_width(rule.paragraph, resolver, page_text_width)
    if rule.kind == "underscores":
        return paragraph_text_width(rule.paragraph, resolver)
    return _shape_length(rule.paragraph)


def _shape_length(paragraph: Element) -> float | None:
    for extent in paragraph.iterfind(".//wp:extent", NSMAP):
        cx = extent.get("cx")
        if cx is not None and cx.isdigit():
            return int(cx) / _EMU_PER_TWIP
    for line in paragraph.iterfind(".//v:line", NSMAP):
        start = _point(line.get("from") or "0,0")
        end = _point(line.get("to") or "0,0")
        if start is not None and end is not None:
            return abs(end - start)
    for shape in paragraph.iterfind(".//v:shape", NSMAP):
        style = dict(
            part.split(":", 1) for part in (shape.get("style") or "").split(";") if ":" in part
        )
        width = _length(style.get("width", "").strip())
        if width is not None:
            return width
    return None


def _point(value: str) -> float | None:
    """The x of a VML point «60pt,2pt», in twips."""
    return _length(value.split(",")[0])


def _length(value: str) -> float | None:
    """A CSS/VML length in twips; a bare number is in pixels, as in CSS."""
    match = _LENGTH.match(value)
    if match is None:
        return None
    number = float(match[1])
    return number * _TWIPS_PER_UNIT[match[2] or "px"]
