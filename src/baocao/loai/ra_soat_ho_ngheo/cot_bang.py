"""The column headers in words that ``batch --bang`` reads for ``ra-soat-ho-ngheo``.

A workbook with a row per commune is often the summary table the district or the
province already keeps: «Đơn vị», «Tổng số hộ», «Hộ nghèo», «Hộ cận nghèo», «Số
khẩu» …  Each of the names the summary table is read by
(:data:`~baocao.loai.ra_soat_ho_ngheo.bieu_tong_hop.COLUMNS`) fills the field of
section III its column adds up to (the roll-up's
:data:`~baocao.loai.ra_soat_ho_ngheo.tong_hop.KET_QUA_OF_ROW`); the unit's name fills
``dia_ban``, as a sentence writes it.
"""

from __future__ import annotations

from baocao.loai.ra_soat_ho_ngheo.bieu_tong_hop import COLUMNS
from baocao.loai.ra_soat_ho_ngheo.tong_hop import KET_QUA_OF_ROW
from baocao.rows_input import Cot, key_path

_LEVELS = ("xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã", "thành phố", "tỉnh")


def dia_ban(value: object) -> object:
    """A unit's name as its table prints it, as a sentence writes it: the level word in
    lower case («… của xã An Bình»); any other name as written.

    >>> dia_ban("Xã An Bình"), dia_ban("Thị trấn Bằng Lũng"), dia_ban("Hà Nội"), dia_ban(12)
    ('xã An Bình', 'thị trấn Bằng Lũng', 'Hà Nội', 12)
    """
    if not isinstance(value, str):
        return value
    text = " ".join(value.split())
    for level in _LEVELS:
        if text.casefold().startswith(level + " "):
            return level + text[len(level):]
    return text


def cot_bang() -> dict[str, Cot]:
    """Every header in words, by its name (the data keys themselves are read as keys).

    >>> columns = cot_bang()
    >>> columns["Hộ nghèo"].khoa, columns["Số khẩu"].khoa, columns["Đơn vị"].khoa
    (('ket_qua', 'ho_ngheo', 'so_ho'), ('ket_qua', 'tong_so_khau'), ('dia_ban',))
    """
    out: dict[str, Cot] = {
        name: Cot(("dia_ban",), dia_ban) for name in COLUMNS["ten"]
        if key_path(name) is None and "thôn" not in name.casefold()  # a village writes no report
    }
    for row, path in KET_QUA_OF_ROW.items():
        for name in COLUMNS[".".join(row)]:
            if key_path(name) is None:
                out[name] = Cot(("ket_qua", *path))
    return out
