"""Text patterns of the Decree 30 elements, on normalised paragraph text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)  # a pure function asked again and again for the same paragraphs
def normalise(text: str) -> str:
    """NFC, non-breaking spaces as spaces, runs of whitespace collapsed, stripped.

    >>> normalise("  Cộng\\u00a0hòa   xã hội ")
    'Cộng hòa xã hội'
    """
    # str.split() splits on exactly what re's \s matches (non-breaking spaces and tabs
    # included), so this is re.sub(r"\s+", " ", text).strip() without the regex
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold_tones(text: str) -> str:
    """Old and new tone placement compared alike: ``HOÀ`` → ``HÒA``."""
    swaps = {"OÀ": "ÒA", "OÁ": "ÓA", "OẢ": "ỎA", "OÃ": "ÕA", "OẠ": "ỌA",
             "UỶ": "ỦY", "UÝ": "ÚY", "UỲ": "ÙY", "UỸ": "ŨY", "UỴ": "ỤY"}
    upper = text.upper()
    for old, new in swaps.items():
        upper = upper.replace(old, new)
    return upper


QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

_TIEU_NGU_LOOSE = re.compile(r"^ĐỘC LẬP\s*[-–—]\s*TỰ DO\s*[-–—]\s*HẠNH PHÚC\W*$")
_SO = re.compile(r"^Số\s*:", re.IGNORECASE)
DATE = re.compile(
    r"^(?P<place>[^,]*),\s*ngày(?P<day>.*?)tháng(?P<month>.*?)năm(?P<year>.*?)$",
    re.IGNORECASE,
)
_NOI_NHAN = re.compile(r"^Nơi nhận\s*:", re.IGNORECASE)
SIGN_PREFIX = re.compile(r"^(?P<prefix>TM|KT|Q|TL|TUQ)\.\s*\S")
SIGN_PREFIX_LOOSE = re.compile(
    r"^(?P<prefix>T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|T\s*/\s*U\s*/?\s*Q|TM|KT|TL|TUQ)(?P<mark>[./:]?)\s+\S"
)


def is_quoc_hieu(text: str) -> bool:
    """Quốc hiệu in any case and either tone placement."""
    return fold_tones(normalise(text)) == QUOC_HIEU


def is_tieu_ngu(text: str) -> bool:
    """Tiêu ngữ in any case, with any dash and spacing."""
    return bool(_TIEU_NGU_LOOSE.match(normalise(text).upper()))


def is_so(text: str) -> bool:
    """The «Số: …» line."""
    return bool(_SO.match(normalise(text)))


def is_date_line(text: str) -> bool:
    """The «địa danh, ngày … tháng … năm …» line."""
    return bool(DATE.match(normalise(text)))


def is_noi_nhan(text: str) -> bool:
    """The «Nơi nhận:» heading."""
    return bool(_NOI_NHAN.match(normalise(text)))


def is_upper(text: str) -> bool:
    """Has letters and none of them is lower case.

    >>> is_upper("ỦY BAN NHÂN DÂN"), is_upper("Ủy ban"), is_upper("12/3")
    (True, False, False)
    """
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(not c.islower() for c in letters)


def is_underscores(text: str) -> bool:
    """A line drawn with underscores."""
    return bool(re.fullmatch(r"\s*_{3,}\s*", text))
