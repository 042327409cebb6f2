"""The body text: size, justification, first-line indent, spacing (Phụ lục I, Mục II.6.e).

Headings (every run bold, or centred like «Phần I») keep only the size rule:
the decree does not settle their indent.  One finding per rule lists the
paragraphs that break it.
"""

from __future__ import annotations

from collections.abc import Iterator

from baocao import nd30

from ..context import Context
from ..findings import LayoutFinding
from ..formatting import ParaFormat, RunFormat
from ..rules import finding
from ..structure import Spot
from ..units import cm_choice, number, pt, sizes
from .common import several, text_runs

_INDENT = (  # 1 cm to 1.27 cm in twips, with rounding slack
    nd30.FIRST_LINE_INDENT.allowed.low.twips - nd30.INDENT_SLACK.twips,
    nd30.FIRST_LINE_INDENT.allowed.high.twips + nd30.INDENT_SLACK.twips,
)
_MIN_GAP = nd30.PARAGRAPH_GAP.twips  # spacing is in twentieths of a point
_SINGLE = 240
"""``w:line`` of a single line (``lineRule="auto"``)."""
_LINE_HEIGHT = 1.2
"""A single line is about 1.2 times the font size (exact / at-least spacing)."""
_LINES = nd30.LINE_SPACING
_SIZES = nd30.NOI_DUNG


def _is_heading(fmt: ParaFormat, runs: list[tuple[str, RunFormat]]) -> bool:
    return fmt.alignment == "center" or (bool(runs) and all(f.bold for _, f in runs))


def _line_ok(fmt: ParaFormat, size: float) -> bool:
    if fmt.line_rule == "auto":
        return (_SINGLE * _LINES.low - nd30.LINE_SLACK <= fmt.line
                <= _SINGLE * _LINES.high + nd30.LINE_SLACK)
    # exact / atLeast, in twips: from the font size up to 1.5 lines of it
    return size * 20 * _LINES.low <= fmt.line <= size * 20 * _LINES.high * _LINE_HEIGHT


def body(context: Context) -> Iterator[LayoutFinding]:
    """Group the body paragraphs by the rule they break."""
    if context.elements.quoc_hieu is None:
        return
    resolver = context.resolver
    broken: dict[str, list[Spot]] = {}
    wrong_sizes: set[float] = set()

    def mark(rule_id: str, spot: Spot, broken_here: bool) -> None:
        if broken_here:
            broken.setdefault(rule_id, []).append(spot)

    for spot in context.elements.body:
        runs = text_runs(spot.element, resolver)
        fmt = resolver.paragraph_format(spot.element)
        wrong = {f.size for _, f in runs if not _SIZES.points[0] <= f.size <= _SIZES.points[1]}
        if wrong:
            wrong_sizes |= wrong
            broken.setdefault("noi-dung.co-chu", []).append(spot)
        size = max((f.size for _, f in runs), default=_SIZES.frame.pt)
        mark("noi-dung.gian-dong", spot, not _line_ok(fmt, size))
        if _is_heading(fmt, runs):
            continue
        mark("noi-dung.can-deu", spot, fmt.alignment != "both")
        # where the first line starts: a hanging list item ("-", "+") starts at 1 cm too
        mark("noi-dung.thut-dau-dong", spot,
             not _INDENT[0] <= fmt.left + fmt.first_line <= _INDENT[1])
        mark("noi-dung.gian-doan", spot,
             fmt.before < _MIN_GAP and fmt.after < _MIN_GAP)

    size_text, indent = sizes(_SIZES), nd30.FIRST_LINE_INDENT.allowed
    gap = number(nd30.PARAGRAPH_GAP.pt)
    messages = {
        "noi-dung.co-chu": (f"cỡ chữ {', '.join(pt(s) for s in sorted(wrong_sizes))}", size_text),
        "noi-dung.can-deu": ("không căn đều hai lề", "căn đều hai lề (justify)"),
        "noi-dung.thut-dau-dong": (f"lùi đầu dòng không phải {number(indent.low.cm)}–"
                                   f"{number(indent.high.cm)} cm",
                                   f"lùi đầu dòng {cm_choice(indent)}"),
        "noi-dung.gian-doan": (f"khoảng cách đoạn dưới {gap} pt", f"cách đoạn tối thiểu {gap} pt"),
        "noi-dung.gian-dong": (f"giãn dòng ngoài khoảng một dòng đơn đến {number(_LINES.high)} dòng",
                               f"giãn dòng từ {number(_LINES.low)} đến {number(_LINES.high)} dòng"),
    }
    for rule_id, (what, expected) in messages.items():
        spots = broken.get(rule_id)
        if spots:
            yield finding(rule_id, "Nội dung",
                          f"{len(spots)} đoạn {what}: {several(spots)}", expected)
