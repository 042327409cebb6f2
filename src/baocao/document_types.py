"""Document types and their abbreviations (Decree 30/2020, Phụ lục III), and symbols.

A symbol ("số, ký hiệu") is ``số/ký hiệu``: "596/KH-UBND" is document 596, type
abbreviation KH (Kế hoạch), issued by UBND.  A công văn has no type abbreviation:
"1854/UBND-LĐTBXH" is agency then drafting unit.  Legal normative documents carry
their year: "07/2021/NĐ-CP".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ADMINISTRATIVE = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
    "Bản sao y": "SY",
    "Bản trích sao": "TrS",
    "Bản sao lục": "SL",
}
"""Phụ lục III, Mục I: administrative document types → abbreviation."""

NORMATIVE = {
    "Luật": "",
    "Nghị định": "NĐ",
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Thông tư": "TT",
    "Thông tư liên tịch": "TTLT",
    "Văn bản hợp nhất": "VBHN",
}
"""Legal normative documents (Luật Ban hành văn bản QPPL): abbreviation in a
symbol that carries the year, e.g. "07/2021/NĐ-CP"."""

CONG_VAN = "Công văn"

ALL_ABBREVIATIONS = frozenset(ADMINISTRATIVE.values()) | frozenset(v for v in NORMATIVE.values() if v)


@dataclass(frozen=True)
class Symbol:
    """A "số, ký hiệu" split at its first "/": the number, then the ký hiệu."""

    so: str
    """The number as written (stripped); blank or dots in a draft."""
    ky_hieu: str
    """Everything after the first "/" (stripped): "KH-UBND", "2020/NĐ-CP"."""

    @property
    def so_de_trong(self) -> bool:
        """Whether the number is left blank, as in a draft ("Số:      /BC-UBND")."""
        return bool(_BLANK.match(self.so))

    @property
    def nhom(self) -> list[str]:
        """The ký hiệu's groups, between the "-"."""
        return self.ky_hieu.split("-")

    @property
    def nam(self) -> str | None:
        """The year segment of a legal normative document's symbol, if any."""
        match = _YEAR.match(self.ky_hieu)
        return match["nam"] if match else None

    @property
    def loai(self) -> str | None:
        """The type abbreviation (KH, BC …); None for a công văn."""
        first, _, rest = self._after_year.partition("-")
        return first if first in ALL_ABBREVIATIONS and rest else None

    @property
    def co_quan(self) -> str:
        """The issuer part after the type (UBND, UBND-LĐTBXH, CP …)."""
        after_year = self._after_year
        return after_year.partition("-")[2] if self.loai else after_year

    @property
    def _after_year(self) -> str:
        match = _YEAR.match(self.ky_hieu)
        return match["rest"] if match else self.ky_hieu


_WELL_FORMED = re.compile(r"^\d+/[^\s/]+(?:/[^\s/]+)*$")
_YEAR = re.compile(r"^(?P<nam>\d{4})/(?P<rest>.+)$")
_BLANK = re.compile(r"^[\s.…_]*$")


def parse_symbol(text: str, *, strict: bool = True) -> Symbol | None:
    """Parse a "số, ký hiệu" (the one parser of symbols).

    ``strict``: None unless it is of the form ``số/ký hiệu``: digits, "/", groups
    without spaces ("596/KH-UBND", "07/2021/NĐ-CP").  Otherwise it reads what a
    document printed, however wrong — a blank number, spaces — and is None only
    without a "/".

    >>> parse_symbol("596/KH-UBND")
    Symbol(so='596', ky_hieu='KH-UBND')
    >>> s = parse_symbol("07/2021/NĐ-CP"); (s.nam, s.loai, s.co_quan)
    ('2021', 'NĐ', 'CP')
    >>> s = parse_symbol("1854/UBND-LĐTBXH"); (s.loai, s.co_quan)
    (None, 'UBND-LĐTBXH')
    >>> parse_symbol("596 / KH-UBND") is None
    True
    >>> parse_symbol("      /BC - UBND", strict=False)
    Symbol(so='', ky_hieu='BC - UBND')
    >>> parse_symbol("05", strict=False) is None
    True
    """
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").strip()
    if "/" not in text or (strict and not _WELL_FORMED.match(text)):
        return None
    so, ky_hieu = text.split("/", 1)
    return Symbol(so=so.strip(), ky_hieu=ky_hieu.strip())


LOOK_ALIKES = {
    "\u2010": ("dấu gạch nối Unicode (U+2010)", "-"),
    "\u2011": ("dấu gạch nối không ngắt (U+2011)", "-"),
    "\u2012": ("dấu gạch số (U+2012)", "-"),
    "\u2013": ("dấu gạch ngang «–» (U+2013)", "-"),
    "\u2014": ("dấu gạch dài «—» (U+2014)", "-"),
    "\u2015": ("thanh ngang (U+2015)", "-"),
    "\u2212": ("dấu trừ «−» (U+2212)", "-"),
    "\uff0d": ("dấu gạch toàn khổ «－» (U+FF0D)", "-"),
    "\u2215": ("dấu chia «∕» (U+2215)", "/"),
    "\u2044": ("gạch phân số «⁄» (U+2044)", "/"),
    "\uff0f": ("dấu gạch chéo toàn khổ «／» (U+FF0F)", "/"),
}
"""Characters that look like a symbol's «-» and «/» but are others — Word turns « - »
into «–» as one types — so a symbol holding one is not the symbol the decree prints."""


def look_alike(text: str) -> tuple[int, str, str, str] | None:
    """The first look-alike character of ``text``: (1-based position, character, its
    name, the character meant); None when there is none.

    >>> look_alike("BC–UBND")
    (3, '–', 'dấu gạch ngang «–» (U+2013)', '-')
    >>> look_alike("BC-UBND") is None
    True
    """
    for index, char in enumerate(text):
        if char in LOOK_ALIKES:
            name, meant = LOOK_ALIKES[char]
            return index + 1, char, name, meant
    return None


_MEANT = str.maketrans({char: meant for char, (_, meant) in LOOK_ALIKES.items()})


def without_look_alikes(text: str) -> str:
    """``text`` with each look-alike replaced by the character meant.

    >>> without_look_alikes("BC–UBND")
    'BC-UBND'
    """
    return text.translate(_MEANT)


def abbreviation_of(loai: str) -> str | None:
    """The abbreviation a document type's symbol must carry; None when unknown.

    >>> abbreviation_of("Kế hoạch"), abbreviation_of("kế hoạch"), abbreviation_of("Công văn")
    ('KH', 'KH', '')
    >>> abbreviation_of("Thư công") is None
    True
    """
    key = unicodedata.normalize("NFC", loai).strip().lower()
    if key == CONG_VAN.lower():
        return ""
    for table in (ADMINISTRATIVE, NORMATIVE):
        for name, abbreviation in table.items():
            if name.lower() == key:
                return abbreviation
    return None
