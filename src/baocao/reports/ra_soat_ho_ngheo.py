"""Report type ``ra-soat-ho-ngheo``: its body and its derived figures.

The figures a clerk would otherwise compute by hand — rates, changes against last
year in households and in percentage points, the verdict on the plan target — are
computed here from the counts (../shared/spec/ra-soat-ho-ngheo.md §5), never typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from baocao.formatting import format_number, format_percent, rate
from baocao.frame import BodyWriter
from baocao.models.ra_soat_ho_ngheo import BaoCaoRaSoatHoNgheo, ChiTieu, NhomHo
from baocao.reports.bieu_tong_hop import appendix, bieu_context

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


_STATUS_WORDS = {"so_bo": " sơ bộ", "chinh_thuc": "", "phuc_tra": " sau phúc tra"}


def context(report: BaoCaoRaSoatHoNgheo) -> dict[str, Any]:
    """The template variables this type adds to the model's fields."""
    ket_luan = report.ket_luan or (
        f"Trên đây là báo cáo kết quả{_STATUS_WORDS[report.trang_thai]} công tác điều tra, "
        f"rà soát hộ nghèo, hộ cận nghèo năm {report.nam} của {report.co_quan.ten_goi_tat}./."
    )
    return {"tinh": compute(report), "cau_ket": ket_luan, "bieu": bieu_context(report)}


def body(w: BodyWriter) -> None:
    """Sections I–V of the report, between the frame's title and its closing."""
    w.paragraph("Thực hiện {{ can_cu|map('trich_dan')|join('; ') }}. {{ mo_dau }}")

    w.heading("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO")
    w.narrative("lanh_dao_chi_dao.noi_dung")
    w.block("if lanh_dao_chi_dao.dan_nhap_van_ban")
    w.paragraph("{{ lanh_dao_chi_dao.dan_nhap_van_ban }}")
    w.block("endif")
    w.block("for van_ban in lanh_dao_chi_dao.van_ban_ban_hanh")
    w.paragraph("- {{ van_ban|trich_dan }}.")
    w.block("endfor")

    w.heading("II. QUÁ TRÌNH TRIỂN KHAI THỰC HIỆN")
    w.heading("1. Công tác chuẩn bị rà soát:", level=2)
    w.narrative("trien_khai.chuan_bi")
    w.heading("2. Quá trình triển khai thực hiện:", level=2)
    w.paragraph(
        "- Tổng số {{ trien_khai.pham_vi.ten_don_vi }} tiến hành rà soát: "
        "{{ trien_khai.pham_vi.so_don_vi_ra_soat|so }}/{{ trien_khai.pham_vi.tong_so_don_vi|so }} "
        "{{ trien_khai.pham_vi.ten_don_vi }}."
    )
    w.paragraph(
        "- Thời gian tổ chức tiến hành triển khai thực hiện rà soát từ ngày "
        "{{ trien_khai.thoi_gian.tu_ngay|ngay_ngan }} đến hết ngày "
        "{{ trien_khai.thoi_gian.den_ngay|ngay_ngan }}."
    )
    w.narrative("trien_khai.kiem_tra_giam_sat")

    w.heading("III. KẾT QUẢ THỰC HIỆN")
    w.heading(
        "1. Kết quả {% if tinh.ho_ngheo.bien_dong and tinh.ho_ngheo.bien_dong.huong == 'giảm' %}"
        "giảm {% endif %}tỷ lệ hộ nghèo, hộ cận nghèo:",
        level=2,
    )
    w.paragraph("Tổng số hộ dân trên địa bàn: {{ ket_qua.tong_so_ho|so }} hộ, trong đó:")
    for label, key in (("hộ nghèo", "ho_ngheo"), ("hộ cận nghèo", "ho_can_ngheo")):
        w.paragraph(
            f"- Tổng số {label}: {{{{ tinh.{key}.so_ho|so }}}} hộ, "
            f"tỷ lệ {{{{ tinh.{key}.ty_le|phan_tram }}}}"
            f"{{% if tinh.{key}.bien_dong %}}, {{{{ tinh.{key}.bien_dong.cum_tu }}}} "
            f"so với năm {{{{ tinh.nam_truoc }}}}{{% endif %}}."
        )
    w.block("if ket_qua.co_bieu_kem_theo")
    w.paragraph("(Có biểu tổng hợp chi tiết kèm theo).")
    w.block("endif")
    w.heading("2. Nhận xét:", level=2)
    w.block("if tinh.ho_ngheo.bien_dong and tinh.ho_ngheo.bien_dong.so_ho")
    remark = w.paragraph(
        "Kết quả tỷ lệ hộ nghèo của {{ dia_ban }} {{ tinh.ho_ngheo.bien_dong.huong }} từ "
        "{{ tinh.ho_ngheo.nam_truoc_so_ho|so }} hộ"
        "{% if tinh.ho_ngheo.nam_truoc_ty_le is not none %}, tỷ lệ "
        "{{ tinh.ho_ngheo.nam_truoc_ty_le|phan_tram }}{% endif %} "
        "{{ 'xuống còn' if tinh.ho_ngheo.bien_dong.huong == 'giảm' else 'lên' }} "
        "{{ tinh.ho_ngheo.so_ho|so }} hộ, tỷ lệ {{ tinh.ho_ngheo.ty_le|phan_tram }}"
        "{% if tinh.chi_tieu %} {{ tinh.chi_tieu.danh_gia }} so với chỉ tiêu kế hoạch đề ra ("
    )
    remark.add_run("kế hoạch giảm {{ tinh.chi_tieu.giam_ho_ngheo|so }} hộ").italic = True
    remark.add_run("){% endif %}.")
    w.block("endif")
    w.narrative("ket_qua.nhan_xet")

    w.heading("IV. ĐÁNH GIÁ CHUNG")
    w.heading("1. Thuận lợi:", level=2)
    w.narrative("danh_gia.thuan_loi")
    w.heading("2. Hạn chế và nguyên nhân:", level=2)
    w.narrative("danh_gia.han_che")
    w.block("if de_xuat")
    w.heading("V. ĐỀ XUẤT, KIẾN NGHỊ")
    w.narrative("de_xuat")
    w.block("endif")

    w.paragraph("{{ cau_ket }}")
    w.appendix("bieu", "{{ bieu.tieu_de }}", appendix)
