"""Estimated width of text set in Times New Roman, from a committed table of advances.

The layout checker compares the short rules under the Tiêu ngữ, the agency and
the trích yếu with the length of their line of text, and the frame sizes those
rules from the same estimate, so both need the width a line takes on the page.
The advances below are those of Liberation Serif
(metric-compatible with Times New Roman), in thousandths of an em, read once
from ``/usr/share/fonts/truetype/liberation2/LiberationSerif-*.ttf`` with
fontTools (``hmtx`` advance × 1000 / ``unitsPerEm``); fontTools is not a
dependency.  Vietnamese letters take the advance of their base letter (the
tone and hat marks do not widen it), except the horned ơ/ư, which are listed.
Kerning and justification are ignored: the result is an estimate.
"""

from __future__ import annotations

import unicodedata

_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~đĐơƠưƯ"
)
# (bold, italic) -> advances of _CHARS, in thousandths of an em.
_ADVANCES: dict[tuple[bool, bool], tuple[int, ...]] = {
    (False, False): (
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667,
        722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722,
        722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
        500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500,
        444, 480, 200, 480, 541, 500, 722, 529, 722, 542, 776,
    ),
    (True, False): (
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722,
        722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722,
        722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500,
        556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500,
        444, 394, 220, 394, 520, 556, 722, 554, 778, 600, 796,
    ),
    (False, True): (
        250, 333, 420, 500, 500, 833, 778, 214, 333, 333, 500, 675, 250, 333, 250, 278, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 675, 675, 675, 500, 920, 611, 611, 667,
        722, 611, 611, 722, 722, 333, 444, 667, 556, 833, 667, 722, 611, 722, 611, 500, 556, 722,
        611, 833, 611, 556, 556, 389, 278, 389, 422, 500, 333, 500, 500, 444, 500, 444, 278, 500,
        500, 278, 278, 444, 278, 722, 500, 500, 500, 500, 389, 389, 278, 500, 444, 667, 444, 444,
        389, 400, 275, 400, 541, 500, 722, 534, 722, 545, 754,
    ),
    (True, True): (
        250, 389, 555, 500, 500, 833, 778, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 832, 667, 667, 667,
        722, 667, 667, 722, 778, 389, 500, 667, 611, 889, 722, 722, 611, 722, 667, 556, 611, 722,
        667, 889, 667, 611, 611, 333, 278, 333, 570, 500, 333, 500, 500, 444, 500, 444, 333, 500,
        556, 278, 278, 500, 278, 778, 556, 500, 500, 500, 389, 389, 278, 556, 444, 667, 500, 444,
        389, 348, 220, 348, 570, 500, 722, 537, 722, 599, 775,
    ),
}
_TABLES = {style: dict(zip(_CHARS, widths, strict=True)) for style, widths in _ADVANCES.items()}
_HORN = "\u031b"
#: Advance of a character not in the table (an average letter).
_UNKNOWN = 500


def _base(char: str) -> str:
    """The table key of *char*: its base letter, keeping the horn of ơ/ư."""
    decomposed = unicodedata.normalize("NFD", char)
    if not decomposed:
        return char
    base = decomposed[0] + (_HORN if _HORN in decomposed else "")
    return unicodedata.normalize("NFC", base)


def advance(char: str, *, bold: bool = False, italic: bool = False) -> int:
    """Advance width of one character in thousandths of an em.

    >>> advance("a"), advance("ộ"), advance("Ư", bold=True), advance("\u4e00")
    (444, 500, 796, 500)
    """
    table = _TABLES[(bold, italic)]
    found = table.get(char)
    if found is None:
        found = table.get(_base(char), _UNKNOWN)
    return found


def text_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Estimated width of *text* at *size* points, in twips (1/20 pt).

    >>> round(text_width("Độc lập - Tự do - Hạnh phúc", 14, bold=True))
    3427
    >>> text_width("", 13)
    0.0
    """
    thousandths = sum(advance(c, bold=bold, italic=italic) for c in text)
    return thousandths * size * 20 / 1000
