"""The derived figures of ``ra-soat-ho-ngheo``, computed once.

The figures a clerk would otherwise compute by hand — rates, changes against last
year in households and in percentage points, the verdict on the plan target — are
computed here from the counts (../shared/spec/ra-soat-ho-ngheo.md §5), never typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from baocao.formatting import format_number, format_percent, rate
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo, ChiTieu, NhomHo

Huong = Literal["giảm", "tăng", "không thay đổi"]


def format_count(value: int) -> str:
    """A count of households as reports write it: below 10 with a leading zero.

    >>> format_count(7), format_count(43), format_count(12299), format_count(0)
    ('07', '43', '12.299', '0')
    """
    return f"{value:02d}" if 0 < value < 10 else format_number(value)


@dataclass(frozen=True)
class BienDong:
    """A change against last year, worded by its sign."""

    huong: Huong
    so_ho: int
    """The change in households, without its sign."""
    diem: Decimal | None
    """The change of the rate in percentage points, without its sign (None when last
    year's rate is unknown)."""

    @property
    def cum_tu(self) -> str:
        """The phrase: "giảm 43 hộ (0,36%)", "tăng 07 hộ", "không thay đổi".

        >>> BienDong("giảm", 43, Decimal("0.36")).cum_tu
        'giảm 43 hộ (0,36%)'
        >>> BienDong("tăng", 7, None).cum_tu
        'tăng 07 hộ'
        """
        if self.huong == "không thay đổi":
            return self.huong
        phrase = f"{self.huong} {format_count(self.so_ho)} hộ"
        return phrase if self.diem is None else f"{phrase} ({format_percent(self.diem)})"


@dataclass(frozen=True)
class ChiSo:
    """One class of households with its derived figures."""

    so_ho: int
    ty_le: Decimal
    nam_truoc_so_ho: int | None
    nam_truoc_ty_le: Decimal | None
    bien_dong: BienDong | None


@dataclass(frozen=True)
class DanhGiaChiTieu:
    """The plan target against what was achieved."""

    giam_ho_ngheo: int
    thuc_hien: int
    """Households that left poverty, net (negative when poverty rose)."""
    danh_gia: str
    """"đạt và vượt", "đạt" or "chưa đạt"."""


@dataclass(frozen=True)
class KetQuaTinh:
    """Every derived figure of section III."""

    nam_truoc: int
    ho_ngheo: ChiSo
    ho_can_ngheo: ChiSo
    chi_tieu: DanhGiaChiTieu | None


def compute(report: BaoCaoRaSoatHoNgheo) -> KetQuaTinh:
    """Derive rates, changes and the plan verdict from the counts."""
    ket_qua = report.ket_qua
    ho_ngheo = _chi_so(ket_qua.ho_ngheo, ket_qua.tong_so_ho)
    return KetQuaTinh(
        nam_truoc=report.nam - 1,
        ho_ngheo=ho_ngheo,
        ho_can_ngheo=_chi_so(ket_qua.ho_can_ngheo, ket_qua.tong_so_ho),
        chi_tieu=_danh_gia(ket_qua.chi_tieu, ho_ngheo),
    )


def _chi_so(nhom: NhomHo, tong_so_ho: int) -> ChiSo:
    ty_le = rate(nhom.so_ho, tong_so_ho)
    truoc = nhom.nam_truoc
    if truoc is None:
        return ChiSo(nhom.so_ho, ty_le, None, None, None)
    ty_le_truoc = truoc.ty_le
    if ty_le_truoc is None and truoc.tong_so_ho is not None:
        ty_le_truoc = rate(truoc.so_ho, truoc.tong_so_ho)
    change = nhom.so_ho - truoc.so_ho
    huong: Huong = "giảm" if change < 0 else "tăng" if change > 0 else "không thay đổi"
    diem = abs(ty_le_truoc - ty_le) if ty_le_truoc is not None else None
    return ChiSo(nhom.so_ho, ty_le, truoc.so_ho, ty_le_truoc, BienDong(huong, abs(change), diem))


def _danh_gia(chi_tieu: ChiTieu | None, ho_ngheo: ChiSo) -> DanhGiaChiTieu | None:
    if chi_tieu is None or ho_ngheo.nam_truoc_so_ho is None:
        return None
    achieved = ho_ngheo.nam_truoc_so_ho - ho_ngheo.so_ho
    target = chi_tieu.giam_ho_ngheo
    verdict = "đạt và vượt" if achieved > target else "đạt" if achieved == target else "chưa đạt"
    return DanhGiaChiTieu(target, achieved, verdict)
