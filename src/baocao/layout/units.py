"""Numbers written the Vietnamese way (decimal comma) for findings and rule texts.

>>> pt(13.5), mm(1418), cm(1417), ratio(0.6), number(0.6)
('13,5', '25', '2,5', '0,60', '0,6')
>>> from baocao import nd30
>>> sizes(nd30.QUOC_HIEU), sizes(nd30.SO_KY_HIEU), mm_range(nd30.MARGIN_TOP.allowed)
('cỡ 12–13', 'cỡ 13', '20–25 mm')
>>> share(nd30.SHORT_RULE_SHARE), ratios(nd30.SHORT_RULE_RATIO), spread(nd30.TIEU_NGU_RULE_RATIO)
('1/3 đến 1/2', '0,25–0,6', '±25%')
"""

from __future__ import annotations

from fractions import Fraction

from docx.shared import Length

from baocao.nd30 import FontSize, Range


def number(value: float) -> str:
    """«13», «13,5», «0,6»: no trailing zeros."""
    return f"{value:g}".replace(".", ",")


def pt(value: float) -> str:
    """Points: «13», «13,5»."""
    return number(value)


def mm(twips: float) -> str:
    """Twips as millimetres to one decimal: ``mm(1418)`` → ``'25'``."""
    return f"{twips * 25.4 / 1440:.1f}".replace(".", ",").removesuffix(",0")


def cm(twips: float) -> str:
    """Twips as centimetres to one decimal: ``cm(1417)`` → ``'2,5'``."""
    return f"{twips * 2.54 / 1440:.1f}".replace(".", ",")


def ratio(value: float) -> str:
    """A measured ratio, to two decimals: «0,60»."""
    return f"{value:.2f}".replace(".", ",")


def sizes(size: FontSize) -> str:
    """«cỡ 12–13», or «cỡ 13» for a fixed size."""
    low, high = size.points
    return f"cỡ {pt(low)}" if low == high else f"cỡ {pt(low)}–{pt(high)}"


def mm_range(allowed: Range[Length]) -> str:
    """«20–25 mm»."""
    return f"{number(allowed.low.mm)}–{number(allowed.high.mm)} mm"


def cm_choice(allowed: Range[Length]) -> str:
    """«1 cm hoặc 1,27 cm»."""
    return f"{number(allowed.low.cm)} cm hoặc {number(allowed.high.cm)} cm"


def share(allowed: Range[Fraction]) -> str:
    """«1/3 đến 1/2»."""
    return f"{allowed.low} đến {allowed.high}"


def ratios(allowed: Range[float]) -> str:
    """«0,25–0,6»."""
    return f"{number(allowed.low)}–{number(allowed.high)}"


def spread(allowed: Range[float]) -> str:
    """«±25%» for a range symmetric around 1."""
    return f"±{number(round((allowed.high - 1) * 100, 6))}%"
