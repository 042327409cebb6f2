"""The «Số: …/…-…» line: reading the number and symbol (Phụ lục I, Mục II.3; Phụ lục III)."""

from __future__ import annotations

import re

from baocao.document_types import ADMINISTRATIVE, Symbol, parse_symbol

from .text import fold_tones, normalise

#: Phụ lục III, Mục I: tên loại (upper case, tones folded) → chữ viết tắt.
TYPE_ABBREVIATIONS: dict[str, str] = {fold_tones(name): abbr for name, abbr in ADMINISTRATIVE.items()}
ABBREVIATIONS = frozenset(TYPE_ABBREVIATIONS.values())

_LABEL = re.compile(r"^\s*Số\s*:", re.IGNORECASE)


def expected_abbreviation(ten_loai: str) -> str | None:
    """The abbreviation for a tên loại, or ``None`` when it is not in Phụ lục III.

    >>> expected_abbreviation("BÁO CÁO"), expected_abbreviation("Nghị định")
    ('BC', None)
    """
    return TYPE_ABBREVIATIONS.get(fold_tones(normalise(ten_loai)))


def parse(line: str) -> Symbol | None:
    """The number and symbol of a «Số: 05/BC-UBND» line, as printed (see
    :func:`baocao.document_types.parse_symbol`); ``None`` when there is no «/».

    >>> parse("Số:      /BC-UBND")
    Symbol(so='', ky_hieu='BC-UBND')
    >>> parse("Số: 30/2020/NĐ-CP").ky_hieu
    '2020/NĐ-CP'
    """
    return parse_symbol(_LABEL.sub("", line, count=1), strict=False)
