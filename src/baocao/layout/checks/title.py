"""Tên loại and trích yếu (Phụ lục I, Mục II.5.b)."""

from __future__ import annotations

from collections.abc import Iterator

from baocao import nd30

from ..context import Context
from ..findings import LayoutFinding
from ..lines import find_rule
from ..rules import finding
from ..units import share, sizes
from .common import excerpt, run_problems
from .rule_gap import rule_gap_findings
from .rule_length import rule_length_findings


def title(context: Context) -> Iterator[LayoutFinding]:
    """Tên loại caps bold centred, trích yếu bold centred, a rule under them."""
    found = context.elements
    if found.quoc_hieu is None or found.ten_loai is None:
        return
    resolver = context.resolver
    def problems_of(element: object, size: nd30.FontSize) -> list[str]:
        """The size, upright, bold and centred: what a title line must be."""
        problems = run_problems(element, resolver, sizes=size, bold=True, italic=False)
        if resolver.paragraph_format(element).alignment != "center":
            problems.append("không căn giữa")
        return problems

    spot = found.ten_loai
    problems = problems_of(spot.element, nd30.TEN_LOAI)
    if problems:
        yield finding("ten-loai.dinh-dang", "Tên loại văn bản",
                      f"{excerpt(spot)}: {', '.join(problems)}",
                      f"in hoa, {sizes(nd30.TEN_LOAI)}, đứng, đậm, căn giữa")
    for line in found.trich_yeu:
        problems = problems_of(line.element, nd30.TRICH_YEU)
        if problems:
            yield finding("trich-yeu.dinh-dang", "Trích yếu",
                          f"{excerpt(line)}: {', '.join(problems)}",
                          f"{sizes(nd30.TRICH_YEU)}, đứng, đậm, căn giữa dưới tên loại")
    if found.trich_yeu:
        last = found.trich_yeu[-1]
        drawn = find_rule(last.paragraphs, last.index, resolver)
        if drawn is None:
            yield finding("trich-yeu.gach-chan", "Trích yếu", "không có đường kẻ dưới trích yếu",
                          f"đường kẻ ngang, nét liền, dài {share(nd30.SHORT_RULE_SHARE)} dòng chữ, "
                          "đặt cân đối")
        else:
            yield from rule_length_findings(context, "trich-yeu.do-dai-gach", "Trích yếu",
                                            found.trich_yeu, drawn, nd30.SHORT_RULE_RATIO,
                                            f"dài {share(nd30.SHORT_RULE_SHARE)} dòng chữ trích yếu")
            yield from rule_gap_findings(context, "trich-yeu.gach-sat-chu", "Trích yếu", last, drawn)
