"""The length of the short rules under Tiêu ngữ, the agency and the trích yếu.

Phụ lục I, Mục II.1.b: the rule under the Tiêu ngữ is as long as the Tiêu ngữ;
Mục II.2.b and II.5.b: the rules under the issuing agency and the trích yếu are
1/3 to 1/2 of the line of text.  Both lengths are estimates (see
:mod:`..measure`), and the decree's own forms are drawn by hand, so the bounds
are wide and a departure is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from baocao.nd30 import Range

from ..context import Context
from ..findings import LayoutFinding
from ..lines import DrawnRule
from ..measure import line_width, rule_length, text_area_width
from ..rules import finding
from ..structure import Spot
from ..units import cm
from ..units import ratio as _ratio


def rule_length_findings(
    context: Context,
    rule_id: str,
    element: str,
    lines: Sequence[Spot],
    drawn: DrawnRule,
    bounds: Range[float],
    expected: str,
) -> Iterator[LayoutFinding]:
    """A finding of *rule_id* when the rule ÷ the longest of *lines* is outside *bounds*
    (:data:`baocao.nd30.TIEU_NGU_RULE_RATIO`, :data:`baocao.nd30.SHORT_RULE_RATIO`)."""
    page = text_area_width(context.sections[0] if context.sections else None)
    text = max((line_width(s.element, context.resolver, page) for s in lines), default=0.0)
    length = rule_length(drawn, context.resolver, page)
    if length is None or text <= 0:
        return
    ratio = length / text
    low, high = bounds.low, bounds.high
    if low <= ratio <= high:
        return
    verdict = "dài quá" if ratio > high else "ngắn quá"
    yield finding(
        rule_id, element,
        f"đường kẻ {verdict}: khoảng {cm(length)} cm, bằng {_ratio(ratio)} lần dòng chữ "
        f"(dòng chữ khoảng {cm(text)} cm; ước lượng theo phông Times New Roman)",
        f"{expected} (chấp nhận {_ratio(low)}–{_ratio(high)} lần)",
    )
