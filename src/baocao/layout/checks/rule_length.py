"""The length of the short rules under Tiêu ngữ, the agency and the trích yếu.

Phụ lục I, Mục II.1.b: the rule under the Tiêu ngữ is as long as the Tiêu ngữ;
Mục II.2.b and II.5.b: the rules under the issuing agency and the trích yếu are
1/3 to 1/2 of the line of text.  Both lengths are estimates (see
:mod:`..measure`), and the decree's own forms are drawn by hand, so the bounds
are wide and a departure is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..context import Context
from ..findings import LayoutFinding
from ..lines import DrawnRule
from ..measure import line_width, rule_length, text_area_width
from ..rules import finding
from ..structure import Spot

#: Rule length ÷ text length accepted for the Tiêu ngữ rule ("as long as the text", ±25 %).
TIEU_NGU_BOUNDS = (0.75, 1.25)
#: … and for the agency and trích yếu rules ("1/3 to 1/2 of the line", drawn by hand).
SHORT_RULE_BOUNDS = (0.25, 0.6)


def cm(twips: float) -> str:
    """Twips as centimetres, Vietnamese decimal comma: ``cm(1417)`` → ``'2,5'``."""
    return f"{twips * 2.54 / 1440:.1f}".replace(".", ",")


def _ratio(ratio: float) -> str:
    return f"{ratio:.2f}".replace(".", ",")


def rule_length_findings(
    context: Context,
    rule_id: str,
    element: str,
    lines: Sequence[Spot],
    drawn: DrawnRule,
    bounds: tuple[float, float],
    expected: str,
) -> Iterator[LayoutFinding]:
    """A finding of *rule_id* when the rule ÷ the longest of *lines* is outside *bounds*."""
    page = text_area_width(context.sections[0] if context.sections else None)
    text = max((line_width(s.element, context.resolver, page) for s in lines), default=0.0)
    length = rule_length(drawn, context.resolver, page)
    if length is None or text <= 0:
        return
    ratio = length / text
    low, high = bounds
    if low <= ratio <= high:
        return
    verdict = "dài quá" if ratio > high else "ngắn quá"
    yield finding(
        rule_id, element,
        f"đường kẻ {verdict}: khoảng {cm(length)} cm, bằng {_ratio(ratio)} lần dòng chữ "
        f"(dòng chữ khoảng {cm(text)} cm; ước lượng theo phông Times New Roman)",
        f"{expected} (chấp nhận {_ratio(low)}–{_ratio(high)} lần)",
    )
