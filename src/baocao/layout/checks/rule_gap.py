"""How far the short rules sit under their text (Tiêu ngữ, the agency, the trích yếu).

The decree's model forms (Mẫu 1.4) and the decree itself draw each rule as a line
of underscores on the line under the text, so the rule prints a clear gap below it
— about one line (some 16 pt) under the text's baseline.  A rule drawn as the
bottom border of a thin paragraph, right under the text, reads as an underline.
The gap is estimated from the paragraphs' spacing: a rule of underscores is the
model and a line shape is placed freely, so neither is judged.
"""

from __future__ import annotations

from collections.abc import Iterator

from baocao import nd30

from ..context import Context
from ..findings import LayoutFinding
from ..formatting import StyleResolver
from ..lines import DrawnRule
from ..ooxml import Element, own_runs, w
from ..rules import finding
from ..structure import Spot
from ..units import number

DESCENT = 0.25
"""The part of a single line below the baseline, in ems (Times New Roman)."""
SINGLE_LINE = 1.15
"""A single line's height, in ems (Times New Roman)."""


def rule_gap_findings(
    context: Context, rule_id: str, element: str, text: Spot, drawn: DrawnRule
) -> Iterator[LayoutFinding]:
    """A finding of ``rule_id`` when the rule ``drawn`` under ``text`` is closer to the
    text's baseline than :data:`baocao.nd30.RULE_GAP_MIN`."""
    gap = rule_gap(text.element, drawn, context.resolver)
    if gap is None or gap >= nd30.RULE_GAP_MIN.pt:
        return
    yield finding(
        rule_id, element,
        f"đường kẻ nằm sát dưới dòng chữ (khoảng {number(gap)} pt dưới chân dòng chữ), trông như "
        "gạch chân chữ",
        f"đường kẻ cách dòng chữ một khoảng rõ như trong mẫu của Nghị định (ít nhất "
        f"{number(nd30.RULE_GAP_MIN.pt)} pt dưới chân dòng chữ)",
    )


def rule_gap(text: Element, drawn: DrawnRule, resolver: StyleResolver) -> float | None:
    """Points from the baseline of ``text`` (its last line) down to the rule; None when
    it is not estimated (underscores, shapes)."""
    size = _text_size(text, resolver)
    if drawn.kind != "border":
        return None
    below = DESCENT * size
    if drawn.paragraph is text:
        return below + _border_space(drawn.paragraph)
    rule = resolver.paragraph_format(drawn.paragraph)
    after = resolver.paragraph_format(text).after / 20
    return below + after + rule.before / 20 + _height(drawn.paragraph, resolver, size) \
        + _border_space(drawn.paragraph)


def _text_size(paragraph: Element, resolver: StyleResolver) -> float:
    sizes = [resolver.run_format(run).size for run in own_runs(paragraph)]
    return max(sizes, default=float(nd30.NOI_DUNG.frame.pt))


def _height(paragraph: Element, resolver: StyleResolver, fallback: float) -> float:
    """The height of an empty paragraph's line, in points."""
    fmt = resolver.paragraph_format(paragraph)
    if fmt.line_rule in ("exact", "atLeast"):
        return fmt.line / 20
    mark = paragraph.find(f"{w('pPr')}/{w('rPr')}/{w('sz')}")
    size = int(mark.get(w("val"))) / 2 if mark is not None and mark.get(w("val")) else fallback
    return fmt.line / 240 * SINGLE_LINE * size


def _border_space(paragraph: Element) -> float:
    edge = paragraph.find(f"{w('pPr')}/{w('pBdr')}/{w('bottom')}")
    value = edge.get(w("space")) if edge is not None else None
    return float(value) if value and value.isdigit() else 0.0
