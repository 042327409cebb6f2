"""The values the official frame prints, computed from the shared blocks.

Templates read them under one key, ``khung``; every report type gets them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from baocao.formatting import format_place_date, upper_vi
from baocao.models.blocks import VanBanHanhChinh

BLANK_NUMBER = " " * 6
"""What a draft prints where the number will be written: "Số:      /BC-UBND"."""


@dataclass(frozen=True)
class Khung:
    """The frame's lines, formatted and cased as the decree prints them."""

    chu_quan: str | None
    co_quan: list[str]
    so_ky_hieu: str
    dia_danh_ngay: str
    ten_loai: str
    trich_yeu: str
    noi_nhan_ghi_chu: str | None
    noi_nhan: list[str]
    luu: str
    chuc_vu: list[str]
    ho_ten: str
    kinh_gui: list[str] = field(default_factory=list)
    """«Kính gửi:» recipients (ô 9a); empty for documents without one."""


def format_so_ky_hieu(so: int | None, ky_hieu: str) -> str:
    """The "Số:" line: numbers below 10 take a leading zero; a draft leaves a blank.

    >>> format_so_ky_hieu(5, "BC-UBND")
    'Số: 05/BC-UBND'
    >>> format_so_ky_hieu(None, "BC-UBND")
    'Số:      /BC-UBND'
    """
    number = BLANK_NUMBER if so is None else f" {so:02d}"
    return f"Số:{number}/{ky_hieu}"


def frame_context(document: VanBanHanhChinh) -> Khung:
    """Everything the frame prints for ``document``."""
    co_quan = document.co_quan
    return Khung(
        chu_quan=upper_vi(co_quan.chu_quan) if co_quan.chu_quan else None,
        co_quan=[upper_vi(line) for line in co_quan.ten],
        so_ky_hieu=format_so_ky_hieu(document.so, document.ky_hieu),
        dia_danh_ngay=format_place_date(document.dia_danh, document.ngay_ban_hanh()),
        ten_loai=upper_vi(document.ten_loai),
        trich_yeu=_V_V.sub("", document.trich_yeu),
        noi_nhan_ghi_chu=document.noi_nhan.ghi_chu,
        noi_nhan=list(document.noi_nhan.danh_sach),
        luu=document.noi_nhan.luu,
        chuc_vu=[upper_vi(line) for line in document.nguoi_ky.dong_chuc_vu()],
        ho_ten=document.nguoi_ky.ho_ten,
        kinh_gui=list(document.kinh_gui),
    )


_V_V = re.compile(r"^V/v\s+")
"""A "V/v" a clerk typed: the công văn frame prints its own."""
