"""Recognising the short horizontal rules under Tiêu ngữ, the agency and the trích yếu.

Documents draw them in several ways, all accepted: a bottom (or top) border on
the element's own paragraph or on an adjacent empty paragraph, a line shape
(DrawingML ``wps:wsp`` with a line geometry, VML ``v:line``/``v:shape``)
anchored in the element's paragraph or an adjacent one, or a line of
underscores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .formatting import StyleResolver
from .ooxml import NSMAP, Element, paragraph_text

_UNDERSCORES = re.compile(r"^\s*_{3,}\s*$")
_WP = NSMAP["wp"]
_LINE_GEOMETRIES = {"line", "straightConnector1"}


def has_line_shape(paragraph: Element) -> bool:
    """Whether a line shape is anchored in *paragraph*."""
    for shape in paragraph.iterfind(".//wps:wsp", NSMAP):
        geometry = shape.find(".//a:prstGeom", NSMAP)
        if geometry is not None and geometry.get("prst") in _LINE_GEOMETRIES:
            return True
        if shape.find(".//wps:txbx", NSMAP) is None and _flat_extent(shape):
            return True
    if paragraph.find(".//v:line", NSMAP) is not None:
        return True
    return any(
        shape.find("v:textbox", NSMAP) is None and shape.find("v:imagedata", NSMAP) is None
        for shape in paragraph.iterfind(".//v:shape", NSMAP)
    )


def _flat_extent(shape: Element) -> bool:
    """A shape with no height (a line drawn as a rectangle-free path)."""
    for anchor in shape.iterancestors(f"{{{_WP}}}anchor", f"{{{_WP}}}inline"):
        extent = anchor.find("wp:extent", NSMAP)
        return extent is not None and extent.get("cy") in ("0", None)
    return False


def is_rule_paragraph(paragraph: Element, resolver: StyleResolver) -> bool:
    """An empty paragraph that only draws a rule (border, shape or underscores)."""
    text = paragraph_text(paragraph)
    if _UNDERSCORES.match(text):
        return True
    if text.strip():
        return False
    return resolver.bottom_border(paragraph) or has_line_shape(paragraph)


@dataclass(frozen=True)
class DrawnRule:
    """Where and how a rule is drawn: the paragraph that carries it and the means."""

    paragraph: Element
    kind: Literal["border", "shape", "underscores"]


def _drawn(paragraph: Element, resolver: StyleResolver) -> DrawnRule | None:
    """The rule *paragraph* carries itself (border or line shape), if any."""
    if has_line_shape(paragraph):
        return DrawnRule(paragraph, "shape")
    if resolver.bottom_border(paragraph):
        return DrawnRule(paragraph, "border")
    return None


def find_rule(
    paragraphs: Sequence[Element], index: int, resolver: StyleResolver, *, reach: int = 2
) -> DrawnRule | None:
    """The rule under the element at ``paragraphs[index]``, or ``None``.

    The rule may be on the paragraph itself (bottom border, anchored line shape)
    or on one of the next *reach* paragraphs, as long as no text comes between.
    """
    own = _drawn(paragraphs[index], resolver)
    if own is not None:
        return own
    for following in paragraphs[index + 1 : index + 1 + reach]:
        if is_rule_paragraph(following, resolver):
            if _UNDERSCORES.match(paragraph_text(following)):
                return DrawnRule(following, "underscores")
            return _drawn(following, resolver)
        if paragraph_text(following).strip():
            return None
    return None


def rule_follows(
    paragraphs: Sequence[Element], index: int, resolver: StyleResolver, *, reach: int = 2
) -> bool:
    """Whether the element at ``paragraphs[index]`` is followed by a rule (see :func:`find_rule`)."""
    return find_rule(paragraphs, index, resolver, reach=reach) is not None
