"""The «Số: …/…-…» line: reading the number and symbol (Phụ lục I, Mục II.3; Phụ lục III)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from baocao.document_types import ADMINISTRATIVE

from .text import fold_tones, normalise

#: Phụ lục III, Mục I: tên loại (upper case, tones folded) → chữ viết tắt.
TYPE_ABBREVIATIONS: dict[str, str] = {fold_tones(name): abbr for name, abbr in ADMINISTRATIVE.items()}
ABBREVIATIONS = frozenset(TYPE_ABBREVIATIONS.values())

_BLANK = re.compile(r"^[\s.…_]*$")


def expected_abbreviation(ten_loai: str) -> str | None:
    """The abbreviation for a tên loại, or ``None`` when it is not in Phụ lục III.

    >>> expected_abbreviation("BÁO CÁO"), expected_abbreviation("Nghị định")
    ('BC', None)
    """
    return TYPE_ABBREVIATIONS.get(fold_tones(normalise(ten_loai)))


@dataclass(frozen=True)
class Symbol:
    """The parts of a «Số:» line."""

    number: str
    """As typed, stripped; empty or dots in a draft."""
    symbol: str
    """Everything after the first «/», as typed (not stripped of inner spaces)."""

    @property
    def number_blank(self) -> bool:
        return bool(_BLANK.match(self.number))

    @property
    def segments(self) -> list[str]:
        return self.symbol.strip().split("-")


def parse(line: str) -> Symbol | None:
    """Split «Số: 05/BC-UBND» into number and symbol; ``None`` when there is no «/».

    >>> parse("Số:      /BC-UBND")
    Symbol(number='', symbol='BC-UBND')
    >>> parse("Số: 30/2020/NĐ-CP").symbol
    '2020/NĐ-CP'
    """
    text = line.replace("\u00a0", " ")
    after = re.sub(r"^\s*Số\s*:", "", text, flags=re.IGNORECASE)
    if "/" not in after:
        return None
    number, symbol = after.split("/", 1)
    return Symbol(number=number.strip(), symbol=symbol.strip())
