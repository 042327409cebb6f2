"""The template variables ``ra-soat-ho-ngheo`` adds to its model's fields."""

from __future__ import annotations

from typing import TypedDict

from baocao.loai.ra_soat_ho_ngheo.bieu_tong_hop import Bieu, bieu_context
from baocao.loai.ra_soat_ho_ngheo.figures import KetQuaTinh, compute
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo


class NguCanh(TypedDict):
    """What the hook adds: the derived figures, the closing line, the summary table."""

    tinh: KetQuaTinh
    cau_ket: str
    bieu: Bieu | None


_STATUS_WORDS = {"so_bo": " sơ bộ", "chinh_thuc": "", "phuc_tra": " sau phúc tra"}


def context(report: BaoCaoRaSoatHoNgheo) -> NguCanh:
    """The template variables this type adds to the model's fields."""
    ket_luan = report.ket_luan or (
        f"Trên đây là báo cáo kết quả{_STATUS_WORDS[report.trang_thai]} công tác điều tra, "
        f"rà soát hộ nghèo, hộ cận nghèo năm {report.nam} của {report.co_quan.ten_goi_tat}./."
    )
    tinh = compute(report)
    return {"tinh": tinh, "cau_ket": ket_luan, "bieu": bieu_context(report, tinh)}
