"""The template variables ``ke-hoach`` adds to its model's fields: section numbers, closing."""

from __future__ import annotations

from typing import TypedDict

from baocao.formatting import to_roman
from baocao.loai.ke_hoach.model import KeHoach


class NguCanh(TypedDict):
    """What the hook adds."""

    so_muc: dict[str, str]
    cau_ket: str


def section_numbers(report: KeHoach) -> dict[str, str]:
    """The Roman numbers of the sections after II, which depend on those present.

    >>> from types import SimpleNamespace
    >>> section_numbers(SimpleNamespace(kinh_phi=[]))
    {'thoi_gian': 'III', 'kinh_phi': '', 'to_chuc': 'IV'}
    >>> section_numbers(SimpleNamespace(kinh_phi=["Ngân sách thành phố."]))
    {'thoi_gian': 'III', 'kinh_phi': 'IV', 'to_chuc': 'V'}
    """
    numbers = {"thoi_gian": to_roman(3), "kinh_phi": ""}
    following = 4
    if report.kinh_phi:
        numbers["kinh_phi"] = to_roman(following)
        following += 1
    numbers["to_chuc"] = to_roman(following)
    return numbers


def context(report: KeHoach) -> NguCanh:
    """The template variables this type adds to the model's fields."""
    cau_ket = report.ket_luan or (
        "Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị "
        f"kịp thời báo cáo về {report.co_quan.ten_goi_tat} để xem xét, chỉ đạo giải quyết./."
    )
    return {"so_muc": section_numbers(report), "cau_ket": cau_ket}
