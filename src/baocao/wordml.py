"""Building WordprocessingML elements in one line each (for the template builders).

>>> element("w:jc", val="center").xml.split(">")[0].endswith('w:val="center"/')
True
>>> [child.tag.rsplit("}", 1)[1] for child in borders("w:tblBorders", val="nil")]
['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def element(tag: str, *children: Any, **attributes: str | int) -> Any:
    """``<tag w:key="value" …>children</tag>``; attribute names are given without
    their ``w:`` prefix, in the order they are written."""
    node = OxmlElement(tag, {qn(f"w:{key}"): str(value) for key, value in attributes.items()})
    for child in children:
        node.append(child)
    return node


def text_element(value: str) -> Any:
    """``<w:t>value</w:t>``."""
    node = OxmlElement("w:t")
    node.text = value
    return node


def borders(tag: str, *, edges: tuple[str, ...] = EDGES, **attributes: str | int) -> Any:
    """A border group (``w:tblBorders``, ``w:pBdr``) with the same line on every edge."""
    return element(tag, *(element(f"w:{edge}", **attributes) for edge in edges))


def run_properties(*, size: int | None = None, bold: bool = False, italic: bool = False) -> Any:
    """``w:rPr`` with the given size (points) and emphasis."""
    children = []
    if bold:
        children.append(element("w:b"))
    if italic:
        children.append(element("w:i"))
    if size is not None:
        children.append(element("w:sz", val=size * 2))
    return element("w:rPr", *children)
