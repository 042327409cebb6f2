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
    NamTruoc,
    NhomHo,
    TongBieu,
    tong_cac_dong,
)
from baocao.template_data import Record, lazy_record

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
        return phrase if self.diem is None else f"{phrase} ({format_percent(self.diem, decimals=None)})"


@dataclass(frozen=True)
class ChiSo:
    """One class of households with its derived figures."""

    so_ho: int
    ty_le: Decimal
    """This year's rate: households ÷ total households, or (without the total) the
    published one, with its own decimals."""
    nam_truoc_so_ho: int | None
    nam_truoc_ty_le: Decimal | None
    """Last year's rate as printed: the published one when given, else computed from
    last year's total."""
    bien_dong: BienDong | None
    tang_giam: int | None = None
    """The change against last year in households, signed: computed from last year's
    count, or the published one when that count is not given (None without either)."""
    nam_truoc_ty_le_tinh: Decimal | None = None
    """Last year's rate computed from its own total (None without that total)."""
    cuoi_ky_tinh: int | None = None
    """The end of the period the year's movements give (None without movements)."""
    so_khau: int | None = None
    """Persons of these households this year (None when not given)."""
    nam_truoc_so_khau: int | None = None
    """Persons of these households last year (None when not given)."""


Loai = Literal["giam_ho", "giam_ty_le", "ty_le"]
"""A target's kind: fewer households, a rate lower by points, a rate to reach."""


@dataclass(frozen=True)
class MucTieu:
    """One target of one class of households, and (this year's) what was achieved."""

    loai: Loai
    gia_tri: int | Decimal
    thuc_hien: int | Decimal | None = None
    """Achieved: households left (net), points fallen, or the rate reached; None for
    next year's targets (not judged)."""

    @property
    def cum_tu(self) -> str:
        """The target in words, inside a sentence about its class.

        >>> MucTieu("giam_ho", 23).cum_tu, MucTieu("giam_ty_le", Decimal("0.5")).cum_tu
        ('giảm 23 hộ', 'giảm tỷ lệ 0,50%')
        >>> MucTieu("ty_le", Decimal("2.75")).cum_tu
        'giảm tỷ lệ xuống còn 2,75%'
        """
        if self.loai == "giam_ho":
            return f"giảm {format_count(int(self.gia_tri))} hộ"
        if self.loai == "giam_ty_le":
            return f"giảm tỷ lệ {format_percent(Decimal(self.gia_tri))}"
        return f"giảm tỷ lệ xuống còn {format_percent(Decimal(self.gia_tri))}"

    @property
    def ket_qua(self) -> int | None:
        """-1 missed, 0 met exactly, 1 exceeded (a rate to reach is met at or below it);
        None for a target not judged (next year's).

        >>> MucTieu("giam_ho", 23, 43).ket_qua, MucTieu("ty_le", Decimal("2"), Decimal("2")).ket_qua
        (1, 0)
        >>> MucTieu("giam_ty_le", Decimal("0.5"), Decimal("0.3")).ket_qua
        -1
        """
        if self.thuc_hien is None:
            return None
        achieved, target = Decimal(self.thuc_hien), Decimal(self.gia_tri)
        if self.loai == "ty_le":
            achieved, target = target, achieved
        return (achieved > target) - (achieved < target)


@dataclass(frozen=True)
class DanhGiaChiTieu:
    """One class's targets of the year against what was achieved: one verdict for all
    ("đạt và vượt" only when every target is exceeded, "chưa đạt" when one is missed)."""

    muc_tieu: list[MucTieu]
    danh_gia: str
    """"đạt và vượt", "đạt" or "chưa đạt"."""
    nguon: str
    """Whose targets: "kế hoạch đề ra", "tỉnh giao" …"""

    @property
    def giam_ho_ngheo(self) -> int | None:
        """The households target (the seed's one figure), None when not set."""
        return next((int(m.gia_tri) for m in self.muc_tieu if m.loai == "giam_ho"), None)

    @property
    def thuc_hien(self) -> int | None:
        """Households that left the class, net (negative when it grew), when targeted."""
        return next((int(m.thuc_hien) for m in self.muc_tieu if m.loai == "giam_ho"
                     and m.thuc_hien is not None), None)

    @property
    def ke_hoach(self) -> str:
        """"kế hoạch giảm 23 hộ, giảm tỷ lệ 0,50%"."""
        return "kế hoạch " + ", ".join(m.cum_tu for m in self.muc_tieu)


def verdict(results: list[int]) -> str:
    """One verdict for several targets.

    >>> verdict([1, 1]), verdict([1, 0]), verdict([1, -1]), verdict([0])
    ('đạt và vượt', 'đạt', 'chưa đạt', 'đạt')
    """
    if min(results) < 0:
        return "chưa đạt"
    return "đạt và vượt" if min(results) > 0 else "đạt"


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
    """The poor households' targets of this year, judged (None without one)."""
    bieu: BieuTinh | None = None
    ngheo_da_chieu: ChiSo | None = None
    """Poor and near-poor together (the "tỷ lệ nghèo đa chiều (gồm tỷ lệ hộ nghèo và hộ
    cận nghèo)" — never the poor rate); its rate is the combined count over the total
    (None without the total: the sum of two rounded published rates is not that rate)."""
    chi_tieu_can_ngheo: DanhGiaChiTieu | None = None
    """The near-poor households' targets of this year, judged."""
    nam_sau_ngheo: list[MucTieu] | None = None
    """Next year's targets for poor households (not judged)."""
    nam_sau_can_ngheo: list[MucTieu] | None = None

    def template_data(self) -> Record:
        """The template variable ``tinh``, each figure made plain only if read (the table's
        rows: ``bieu``)."""
        return lazy_record(self)


def compute(report: BaoCaoRaSoatHoNgheo) -> KetQuaTinh:
    """Derive rates, changes, the plan verdict and the table's totals from the counts.

    This is the one place they are computed: the consistency rules compare what a
    data file states with this result, and the template prints it.
    """
    ket_qua = report.ket_qua
    ho_ngheo = _chi_so(ket_qua.ho_ngheo, ket_qua.tong_so_ho)
    ho_can_ngheo = _chi_so(ket_qua.ho_can_ngheo, ket_qua.tong_so_ho)
    chi_tieu, nam_sau = ket_qua.chi_tieu, ket_qua.chi_tieu_nam_sau
    return KetQuaTinh(
        nam_truoc=report.nam - 1,
        ho_ngheo=ho_ngheo,
        ho_can_ngheo=ho_can_ngheo,
        chi_tieu=_danh_gia(chi_tieu, "ngheo", ho_ngheo),
        bieu=None if report.bieu_tong_hop is None else _bieu(report.bieu_tong_hop.dong),
        ngheo_da_chieu=_combined(ket_qua.ho_ngheo, ket_qua.ho_can_ngheo, ket_qua.tong_so_ho),
        chi_tieu_can_ngheo=_danh_gia(chi_tieu, "can_ngheo", ho_can_ngheo),
        nam_sau_ngheo=_targets(nam_sau, "ngheo", None) or None,
        nam_sau_can_ngheo=_targets(nam_sau, "can_ngheo", None) or None,
    )


def _combined(ngheo: NhomHo, can_ngheo: NhomHo, tong_so_ho: int | None) -> ChiSo | None:
    """Poor + near-poor as one class: counts, persons and last year's added up (a part
    of last year missing, or its rates given without the total: that part is unknown);
    None without this year's total."""
    if tong_so_ho is None:
        return None

    def both(a: int | None, b: int | None) -> int | None:
        return None if a is None or b is None else a + b

    a, b = ngheo.nam_truoc, can_ngheo.nam_truoc
    truoc = None
    if a is not None and b is not None:
        tong = a.tong_so_ho if a.tong_so_ho == b.tong_so_ho else None
        rates = None if a.ty_le is None or b.ty_le is None or tong is not None else a.ty_le + b.ty_le
        truoc = NamTruoc(
            so_ho=a.so_ho + b.so_ho, so_khau=both(a.so_khau, b.so_khau), tong_so_ho=tong, ty_le=rates
        )
    return _chi_so(
        NhomHo(
            so_ho=ngheo.so_ho + can_ngheo.so_ho, so_khau=both(ngheo.so_khau, can_ngheo.so_khau),
            nam_truoc=truoc,
        ),
        tong_so_ho,
    )


def _chi_so(nhom: NhomHo, tong_so_ho: int | None) -> ChiSo:
    """The class's figures; without the total, its rate is the published one (the model
    requires it then)."""
    if tong_so_ho is not None:
        ty_le = rate(nhom.so_ho, tong_so_ho)
    else:
        assert nhom.ty_le is not None
        ty_le = nhom.ty_le
    cuoi_ky = None if nhom.dien_bien is None else _cuoi_ky(nhom.dien_bien)
    truoc = nhom.nam_truoc
    if truoc is None:
        published = nhom.tang_giam  # a change published without last year's count
        bien_dong = None if published is None else BienDong(_huong(published), abs(published), None)
        return ChiSo(nhom.so_ho, ty_le, None, None, bien_dong, tang_giam=published, cuoi_ky_tinh=cuoi_ky,
                     so_khau=nhom.so_khau)
    ty_le_tinh = rate(truoc.so_ho, truoc.tong_so_ho) if truoc.tong_so_ho is not None else None
    ty_le_truoc = truoc.ty_le if truoc.ty_le is not None else ty_le_tinh
    change = nhom.so_ho - truoc.so_ho
    diem = abs(ty_le_truoc - ty_le) if ty_le_truoc is not None else None
    return ChiSo(
        nhom.so_ho,
        ty_le,
        truoc.so_ho,
        ty_le_truoc,
        BienDong(_huong(change), abs(change), diem),
        tang_giam=change,
        nam_truoc_ty_le_tinh=ty_le_tinh,
        cuoi_ky_tinh=cuoi_ky,
        so_khau=nhom.so_khau,
        nam_truoc_so_khau=truoc.so_khau,
    )


def _huong(change: int) -> Huong:
    """The direction of a signed change.

    >>> _huong(-11), _huong(3), _huong(0)
    ('giảm', 'tăng', 'không thay đổi')
    """
    return "giảm" if change < 0 else "tăng" if change > 0 else "không thay đổi"


def _cuoi_ky(dien_bien: DienBien) -> int:
    """The end of the period = start − decreases + increases (spec §3.2)."""
    decreases = dien_bien.giam_sang_nhom_khac + dien_bien.giam_thoat_han + dien_bien.giam_khac
    increases = (
        dien_bien.tang_tu_nhom_khac + dien_bien.tang_tai + dien_bien.tang_phat_sinh + dien_bien.tang_khac
    )
    return dien_bien.dau_ky - decreases + increases


Nhom = Literal["ngheo", "can_ngheo"]


def _targets(chi_tieu: ChiTieu | None, nhom: Nhom, chi_so: ChiSo | None) -> list[MucTieu]:
    """One class's targets; with ``chi_so`` (this year's), each with what was achieved —
    a target whose figure cannot be computed (no last year) is left out: the rules
    report it, and no verdict is printed on a guess."""
    if chi_tieu is None:
        return []
    out: list[MucTieu] = []
    kinds: tuple[tuple[Loai, int | Decimal | None], ...] = (
        ("giam_ho", getattr(chi_tieu, f"giam_ho_{nhom}")),
        ("giam_ty_le", getattr(chi_tieu, f"giam_ty_le_{nhom}")),
        ("ty_le", getattr(chi_tieu, f"ty_le_{nhom}")),
    )
    for loai, value in kinds:
        if value is None:
            continue
        if chi_so is None:
            out.append(MucTieu(loai, value))
            continue
        achieved: int | Decimal | None
        if loai == "giam_ho":
            achieved = None if chi_so.tang_giam is None else -chi_so.tang_giam
        elif loai == "giam_ty_le":
            achieved = None if chi_so.nam_truoc_ty_le is None else chi_so.nam_truoc_ty_le - chi_so.ty_le
        else:
            achieved = chi_so.ty_le
        if achieved is not None:
            out.append(MucTieu(loai, value, achieved))
    return out


def _danh_gia(chi_tieu: ChiTieu | None, nhom: Nhom, chi_so: ChiSo) -> DanhGiaChiTieu | None:
    targets = _targets(chi_tieu, nhom, chi_so)
    if chi_tieu is None or not targets or len(targets) != len(_targets(chi_tieu, nhom, None)):
        return None  # no target, or one that cannot be judged: no verdict at all
    nguon = chi_tieu.nguon or "kế hoạch đề ra"
    return DanhGiaChiTieu(targets, verdict([t.ket_qua for t in targets if t.ket_qua is not None]), nguon)


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
