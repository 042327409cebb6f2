"""The derived figures of ``ra-soat-ho-ngheo``, computed once.

The figures a clerk would otherwise compute by hand — rates, changes against last
year in households and in percentage points, the end of the period the movements
give, the verdict on the plan target, the summary table's subtotals, totals and
their rates — are computed here from the counts (../shared/spec/ra-soat-ho-ngheo.md
§5), never typed.  :func:`compute` is the only place: the rules
(:mod:`~baocao.loai.ra_soat_ho_ngheo.rules`) compare stated values with its result
and the template prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from baocao.formatting import format_number, format_percent, rate
from baocao.loai.ra_soat_ho_ngheo.model import (
    BaoCaoRaSoatHoNgheo,
    ChiTieu,
    DienBien,
    DongDonVi,
    KhuVuc,
    NhomHo,
    TongBieu,
    tong_cac_dong,
)

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
    """This year's rate: households ÷ total households."""
    nam_truoc_so_ho: int | None
    nam_truoc_ty_le: Decimal | None
    """Last year's rate as printed: the published one when given, else computed from
    last year's total."""
    bien_dong: BienDong | None
    tang_giam: int | None = None
    """The change against last year in households, signed (None without last year)."""
    nam_truoc_ty_le_tinh: Decimal | None = None
    """Last year's rate computed from its own total (None without that total)."""
    cuoi_ky_tinh: int | None = None
    """The end of the period the year's movements give (None without movements)."""


@dataclass(frozen=True)
class DanhGiaChiTieu:
    """The plan target against what was achieved."""

    giam_ho_ngheo: int
    thuc_hien: int
    """Households that left poverty, net (negative when poverty rose)."""
    danh_gia: str
    """"đạt và vượt", "đạt" or "chưa đạt"."""


@dataclass(frozen=True)
class DongTinh:
    """One row of the summary table (a unit, a group's subtotal, the totals) with its
    derived figures."""

    ten: str
    so: TongBieu
    ty_le_ngheo: Decimal
    ty_le_can_ngheo: Decimal
    tang_giam_ngheo: int | None
    tang_giam_can_ngheo: int | None


@dataclass(frozen=True)
class NhomTinh:
    """A group of rows: an area with its subtotal, or (``khu_vuc`` None) all rows."""

    khu_vuc: KhuVuc | None
    tong: DongTinh | None
    dong: list[DongTinh]


@dataclass(frozen=True)
class BieuTinh:
    """The summary table's figures: groups of rows, and the totals row."""

    nhom: list[NhomTinh]
    tong: DongTinh


@dataclass(frozen=True)
class KetQuaTinh:
    """Every derived figure of the report: section III and the summary table."""

    nam_truoc: int
    ho_ngheo: ChiSo
    ho_can_ngheo: ChiSo
    chi_tieu: DanhGiaChiTieu | None
    bieu: BieuTinh | None = None


def compute(report: BaoCaoRaSoatHoNgheo) -> KetQuaTinh:
    """Derive rates, changes, the plan verdict and the table's totals from the counts.

    This is the one place they are computed: the consistency rules compare what a
    data file states with this result, and the template prints it.
    """
    ket_qua = report.ket_qua
    ho_ngheo = _chi_so(ket_qua.ho_ngheo, ket_qua.tong_so_ho)
    return KetQuaTinh(
        nam_truoc=report.nam - 1,
        ho_ngheo=ho_ngheo,
        ho_can_ngheo=_chi_so(ket_qua.ho_can_ngheo, ket_qua.tong_so_ho),
        chi_tieu=_danh_gia(ket_qua.chi_tieu, ho_ngheo),
        bieu=None if report.bieu_tong_hop is None else _bieu(report.bieu_tong_hop.dong),
    )


def _chi_so(nhom: NhomHo, tong_so_ho: int) -> ChiSo:
    ty_le = rate(nhom.so_ho, tong_so_ho)
    cuoi_ky = None if nhom.dien_bien is None else _cuoi_ky(nhom.dien_bien)
    truoc = nhom.nam_truoc
    if truoc is None:
        return ChiSo(nhom.so_ho, ty_le, None, None, None, cuoi_ky_tinh=cuoi_ky)
    ty_le_tinh = rate(truoc.so_ho, truoc.tong_so_ho) if truoc.tong_so_ho is not None else None
    ty_le_truoc = truoc.ty_le if truoc.ty_le is not None else ty_le_tinh
    change = nhom.so_ho - truoc.so_ho
    huong: Huong = "giảm" if change < 0 else "tăng" if change > 0 else "không thay đổi"
    diem = abs(ty_le_truoc - ty_le) if ty_le_truoc is not None else None
    return ChiSo(
        nhom.so_ho,
        ty_le,
        truoc.so_ho,
        ty_le_truoc,
        BienDong(huong, abs(change), diem),
        tang_giam=change,
        nam_truoc_ty_le_tinh=ty_le_tinh,
        cuoi_ky_tinh=cuoi_ky,
    )


def _cuoi_ky(dien_bien: DienBien) -> int:
    """The end of the period = start − decreases + increases (spec §3.2)."""
    decreases = dien_bien.giam_sang_nhom_khac + dien_bien.giam_thoat_han + dien_bien.giam_khac
    increases = (
        dien_bien.tang_tu_nhom_khac + dien_bien.tang_tai + dien_bien.tang_phat_sinh + dien_bien.tang_khac
    )
    return dien_bien.dau_ky - decreases + increases


def _danh_gia(chi_tieu: ChiTieu | None, ho_ngheo: ChiSo) -> DanhGiaChiTieu | None:
    if chi_tieu is None or ho_ngheo.nam_truoc_so_ho is None:
        return None
    achieved = ho_ngheo.nam_truoc_so_ho - ho_ngheo.so_ho
    target = chi_tieu.giam_ho_ngheo
    verdict = "đạt và vượt" if achieved > target else "đạt" if achieved == target else "chưa đạt"
    return DanhGiaChiTieu(target, achieved, verdict)


_AREAS: tuple[KhuVuc, ...] = ("thanh_thi", "nong_thon")


def _bieu(rows: list[DongDonVi]) -> BieuTinh:
    """The table: rows grouped by area (when the rows have one) with subtotals, and the totals."""
    if rows[0].khu_vuc is None:
        groups = [NhomTinh(None, None, [_row(d.ten, [d]) for d in rows])]
    else:
        groups = []
        for area in _AREAS:
            members = [d for d in rows if d.khu_vuc == area]
            if members:
                groups.append(NhomTinh(area, _row("", members), [_row(d.ten, [d]) for d in members]))
    return BieuTinh(groups, _row("", rows))


def _row(ten: str, rows: list[DongDonVi]) -> DongTinh:
    so = tong_cac_dong(rows)
    return DongTinh(
        ten=ten,
        so=so,
        ty_le_ngheo=rate(so.ho_ngheo, so.tong_so_ho),
        ty_le_can_ngheo=rate(so.ho_can_ngheo, so.tong_so_ho),
        tang_giam_ngheo=None if so.nam_truoc_ho_ngheo is None else so.ho_ngheo - so.nam_truoc_ho_ngheo,
        tang_giam_can_ngheo=(
            None if so.nam_truoc_ho_can_ngheo is None else so.ho_can_ngheo - so.nam_truoc_ho_can_ngheo
        ),
    )
