"""A data table in a docxtpl template: header rows, a codes row, a row loop, totals.

Written as plain WordprocessingML so every detail is the one official tables use:
header rows marked ``w:tblHeader`` (Word and LibreOffice repeat them on each page),
rows that do not split across pages, numbers right-aligned, Times New Roman from
the document defaults, single borders.  The rows come from docxtpl's ``{%tr for %}``
loop (one template row, repeated), and optional columns from ``{%tc if %}``: the
marker cells around them vanish when the template is rendered, and the engine then
fits the table grid to the cells that remain (see :mod:`baocao.engine`).

The loop reads ``groups`` (a list; each item has ``tong``, a subtotal row or None,
and ``dong``, its rows) and then ``total``; row fields are the columns' keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any, Literal

from docx.oxml.ns import qn

from baocao import nd30
from baocao.wordml import borders, element, run_properties, text_element

Align = Literal["left", "center", "right"]

SIZE_TABLE = round(nd30.BANG_PHU_LUC.pt)
SIZE_CODES = round(nd30.MA_COT.pt)
MARKER_WIDTH = 160
"""Width (twips) of the cells holding ``{%tc if %}`` / ``{%tc endif %}``: they exist
only in the template."""


@dataclass(frozen=True)
class Column:
    """One column: its row field, its header, its width in twips."""

    key: str
    title: str
    width: int
    group: str | None = None
    """A header spanning consecutive columns of the same group (second header row)."""
    span_rows: bool = False
    align: Align = "center"
    number: bool = False
    """Printed with the ``so`` filter (Vietnamese number format)."""
    condition: str | None = None
    """A Jinja expression: the column is printed only when it is true."""


def table_width(columns: Sequence[Column]) -> int:
    """The printed width (twips) with every column present."""
    return sum(column.width for column in columns)


def build_data_table(
    columns: Sequence[Column],
    *,
    codes: str | None,
    groups: str,
    group_total: str,
    rows: str,
    total: str | None,
) -> Any:
    """A ``w:tbl`` element with Jinja tags; see the module docstring."""
    segments = [(cond, list(cols)) for cond, cols in groupby(columns, key=lambda c: c.condition)]
    grid: list[int] = []
    for condition, members in segments:
        grid += ([MARKER_WIDTH] if condition else []) + [c.width for c in members]
        grid += [MARKER_WIDTH] if condition else []
    tbl = element(
        "w:tbl",
        _table_properties(),
        element("w:tblGrid", *(element("w:gridCol", w=width) for width in grid)),
    )

    two_rows = any(c.group for c in columns)
    first, second = _header_rows(segments, two_rows)
    tbl.append(first)
    if second is not None:
        tbl.append(second)
    if codes:
        tbl.append(_data_row(segments, lambda c: f"{{{{ {codes}.{c.key} }}}}", header=True,
                             size=SIZE_CODES, italic=True, align="center"))
    span = (len(grid), sum(grid))
    tbl.append(_marker_row(f"{{%tr for nhom in {groups} %}}", span))
    tbl.append(_marker_row(f"{{%tr if {group_total} %}}", span))
    tbl.append(_data_row(segments, lambda c: _value(group_total, c), bold=True))
    tbl.append(_marker_row("{%tr endif %}", span))
    tbl.append(_marker_row(f"{{%tr for dong in {rows} %}}", span))
    tbl.append(_data_row(segments, lambda c: _value("dong", c)))
    tbl.append(_marker_row("{%tr endfor %}", span))
    tbl.append(_marker_row("{%tr endfor %}", span))
    if total:
        tbl.append(_data_row(segments, lambda c: _value(total, c), bold=True))
    return tbl


def _value(variable: str, column: Column) -> str:
    return f"{{{{ {variable}.{column.key}{'|so' if column.number else ''} }}}}"


def _table_properties() -> Any:
    # The table fills its page's text width (100 %, in fiftieths of a percent), whichever
    # columns are printed: a conditional column left out at render time gives its width to
    # the others, and a stated width in twips would count the template's column markers.
    return element(
        "w:tblPr",
        element("w:tblW", w=5000, type="pct"),
        element("w:jc", val="center"),
        borders("w:tblBorders", val="single", sz=4, space=0, color="000000"),
        element("w:tblLayout", type="fixed"),
        borders("w:tblCellMar", edges=("left", "right"), w=57, type="dxa"),
    )


def _row(*, header: bool = False) -> Any:
    flags = [element("w:cantSplit"), *([element("w:tblHeader")] if header else [])]
    return element("w:tr", element("w:trPr", *flags))


def _cell(
    text: str,
    width: int,
    *,
    span: int = 1,
    vmerge: str | None = None,
    align: Align = "center",
    bold: bool = False,
    italic: bool = False,
    size: int = SIZE_TABLE,
) -> Any:
    properties = [element("w:tcW", w=width, type="dxa")]
    if span > 1:
        properties.append(element("w:gridSpan", val=span))
    if vmerge is not None:
        properties.append(element("w:vMerge", val="restart") if vmerge == "restart" else element("w:vMerge"))
    properties.append(element("w:vAlign", val="center"))
    paragraph = element(
        "w:p", element("w:pPr", element("w:spacing", before=40, after=40), element("w:jc", val=align))
    )
    if text:
        rpr = run_properties(bold=bold, italic=italic, size=size)
        rpr.append(element("w:szCs", val=size * 2))
        run_text = text_element(text)
        run_text.set(qn("xml:space"), "preserve")
        paragraph.append(element("w:r", rpr, run_text))
    return element("w:tc", element("w:tcPr", *properties), paragraph)


def _marker_row(tag: str, span: tuple[int, int]) -> Any:
    """A row holding only a ``{%tr … %}`` tag: docxtpl replaces the row by the tag."""
    tr = _row()
    tr.append(_cell(tag, span[1], span=span[0], align="left", size=SIZE_CODES))
    return tr


def _open(condition: str | None) -> list[Any]:
    return [_cell(f"{{%tc if {condition} %}}", MARKER_WIDTH, size=SIZE_CODES)] if condition else []


def _close(condition: str | None) -> list[Any]:
    return [_cell("{%tc endif %}", MARKER_WIDTH, size=SIZE_CODES)] if condition else []


def _header_rows(segments: list[tuple[str | None, list[Column]]], two_rows: bool) -> tuple[Any, Any]:
    first = _row(header=True)
    second = _row(header=True) if two_rows else None
    for condition, members in segments:
        for row in (first, second):
            if row is not None:
                row.extend(_open(condition))
        for group, same in groupby(members, key=lambda c: c.group):
            cols = list(same)
            if group is None or not two_rows:
                for column in cols:
                    merge = "restart" if two_rows else None
                    first.append(_cell(column.title, column.width, vmerge=merge, bold=True))
                    if second is not None:
                        second.append(_cell("", column.width, vmerge="continue", bold=True))
                continue
            first.append(_cell(group, sum(c.width for c in cols), span=len(cols), bold=True))
            assert second is not None
            for column in cols:
                second.append(_cell(column.title, column.width, bold=True))
        for row in (first, second):
            if row is not None:
                row.extend(_close(condition))
    return first, second


def _data_row(
    segments: list[tuple[str | None, list[Column]]],
    text: Any,
    *,
    header: bool = False,
    bold: bool = False,
    italic: bool = False,
    size: int = SIZE_TABLE,
    align: Align | None = None,
) -> Any:
    tr = _row(header=header)
    for condition, members in segments:
        tr.extend(_open(condition))
        for column in members:
            tr.append(_cell(text(column), column.width, align=align or column.align, bold=bold,
                            italic=italic, size=size))
        tr.extend(_close(condition))
    return tr
