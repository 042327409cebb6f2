"""The «Số: …/…-…» line: reading the number and symbol (Phụ lục I, Mục II.3; Phụ lục III)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold_tones, normalise

#: Phụ lục III, Mục I: tên loại văn bản hành chính → chữ viết tắt.
TYPE_ABBREVIATIONS: dict[str, str] = {
    "NGHỊ QUYẾT": "NQ",
    "QUYẾT ĐỊNH": "QĐ",
    "CHỈ THỊ": "CT",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "THÔNG CÁO": "TC",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "KẾ HOẠCH": "KH",
    "PHƯƠNG ÁN": "PA",
    "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA",
    "BÁO CÁO": "BC",
    "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ",
    "CÔNG ĐIỆN": "CĐ",
    "BẢN GHI NHỚ": "BGN",
    "BẢN THỎA THUẬN": "BTT",
    "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY MỜI": "GM",
    "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP",
    "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC",
    "PHIẾU BÁO": "PB",
    "BẢN SAO Y": "SY",
    "BẢN TRÍCH SAO": "TrS",
    "BẢN SAO LỤC": "SL",
}
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
