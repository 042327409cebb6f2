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
    """A parsed "số, ký hiệu"."""

    so: str
    nam: str | None
    """The year segment of a legal normative document's symbol, if any."""
    loai: str | None
    """The type abbreviation (KH, BC …); None for a công văn."""
    co_quan: str
    """The issuer part after the type (UBND, UBND-LĐTBXH, CP …)."""


_SYMBOL = re.compile(r"^(?P<so>\d+)/(?:(?P<nam>\d{4})/)?(?P<rest>[^\s/]+)$")


def parse_symbol(text: str) -> Symbol | None:
    """Parse a symbol; None when it is not of the form ``số/ký hiệu``.

    >>> parse_symbol("596/KH-UBND")
    Symbol(so='596', nam=None, loai='KH', co_quan='UBND')
    >>> parse_symbol("1854/UBND-LĐTBXH")
    Symbol(so='1854', nam=None, loai=None, co_quan='UBND-LĐTBXH')
    >>> parse_symbol("07/2021/NĐ-CP")
    Symbol(so='07', nam='2021', loai='NĐ', co_quan='CP')
    >>> parse_symbol("596 / KH-UBND") is None
    True
    """
    match = _SYMBOL.match(unicodedata.normalize("NFC", text))
    if match is None:
        return None
    first, _, rest = match["rest"].partition("-")
    if first in ALL_ABBREVIATIONS and rest:
        return Symbol(match["so"], match["nam"], first, rest)
    return Symbol(match["so"], match["nam"], None, match["rest"])


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
