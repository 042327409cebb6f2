"""The body text: size, justification, first-line indent, spacing (Phụ lục I, Mục II.6.e).

Headings (every run bold, or centred like «Phần I») keep only the size rule:
the decree does not settle their indent.  One finding per rule lists the
paragraphs that break it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..findings import LayoutFinding
from ..formatting import ParaFormat, RunFormat
from ..rules import finding
from ..structure import Spot
from .common import pt, several, text_runs

_INDENT = (567 - 8, 720 + 8)  # 1 cm to 1.27 cm in twips, with rounding slack
_MIN_GAP = 120  # 6 pt in twentieths of a point


def _is_heading(fmt: ParaFormat, runs: list[tuple[str, RunFormat]]) -> bool:
    return fmt.alignment == "center" or (bool(runs) and all(f.bold for _, f in runs))


def _line_ok(fmt: ParaFormat, size: float) -> bool:
    if fmt.line_rule == "auto":
        return 240 - 2 <= fmt.line <= 360 + 2
    # exact / atLeast, in twips: from the font size up to 1.5 lines of it
    return size * 20 <= fmt.line <= size * 20 * 1.5 * 1.2


def body(context: Context) -> Iterator[LayoutFinding]:
    """Group the body paragraphs by the rule they break."""
    if context.elements.quoc_hieu is None:
        return
    resolver = context.resolver
    broken: dict[str, list[Spot]] = {}
    sizes: set[float] = set()

    def mark(rule_id: str, spot: Spot, broken_here: bool) -> None:
        if broken_here:
            broken.setdefault(rule_id, []).append(spot)

    for spot in context.elements.body:
        runs = text_runs(spot.element, resolver)
        fmt = resolver.paragraph_format(spot.element)
        wrong = {f.size for _, f in runs if not 13 <= f.size <= 14}
        if wrong:
            sizes |= wrong
            broken.setdefault("noi-dung.co-chu", []).append(spot)
        size = max((f.size for _, f in runs), default=14)
        mark("noi-dung.gian-dong", spot, not _line_ok(fmt, size))
        if _is_heading(fmt, runs):
            continue
        mark("noi-dung.can-deu", spot, fmt.alignment != "both")
        mark("noi-dung.thut-dau-dong", spot,
             not _INDENT[0] <= fmt.first_line <= _INDENT[1])
        mark("noi-dung.gian-doan", spot,
             fmt.before < _MIN_GAP and fmt.after < _MIN_GAP)

    messages = {
        "noi-dung.co-chu": (f"cỡ chữ {', '.join(pt(s) for s in sorted(sizes))}", "cỡ 13–14"),
        "noi-dung.can-deu": ("không căn đều hai lề", "căn đều hai lề (justify)"),
        "noi-dung.thut-dau-dong": ("lùi đầu dòng không phải 1–1,27 cm",
                                   "lùi đầu dòng 1 cm hoặc 1,27 cm"),
        "noi-dung.gian-doan": ("khoảng cách đoạn dưới 6 pt", "cách đoạn tối thiểu 6 pt"),
        "noi-dung.gian-dong": ("giãn dòng ngoài khoảng một dòng đơn đến 1,5 dòng",
                               "giãn dòng từ 1 đến 1,5 dòng"),
    }
    for rule_id, (what, expected) in messages.items():
        spots = broken.get(rule_id)
        if spots:
            yield finding(rule_id, "Nội dung",
                          f"{len(spots)} đoạn {what}: {several(spots)}", expected)
