"""Derived figures of the review report: computed from counts, worded by their sign."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from baocao.loading import load_yaml
from baocao.loai.ra_soat_ho_ngheo.context import context
from baocao.loai.ra_soat_ho_ngheo.figures import compute
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo

from conftest import BAC_KAN


def _report(**ket_qua: Any) -> BaoCaoRaSoatHoNgheo:
    data = load_yaml(BAC_KAN).data
    del data["bieu_tong_hop"]  # the figures below are typed, not summed from the table
    data["ket_qua"] = {**data["ket_qua"], **ket_qua}
    return BaoCaoRaSoatHoNgheo.model_validate(data)


def test_seed_figures() -> None:
    figures = compute(_report())
    poor, near = figures.ho_ngheo, figures.ho_can_ngheo
    assert (poor.so_ho, poor.ty_le) == (242, Decimal("1.97"))  # 242 / 12299 = 1,968 %
    assert poor.bien_dong is not None
    assert (poor.bien_dong.huong, poor.bien_dong.so_ho, poor.bien_dong.diem) == ("giảm", 43, Decimal("0.36"))
    assert poor.bien_dong.cum_tu == "giảm 43 hộ (0,36%)"
    assert near.ty_le == Decimal("0.98")  # 121 / 12299 = 0,984 %
    assert near.bien_dong is not None and near.bien_dong.cum_tu == "tăng 07 hộ"  # no rate last year
    assert figures.nam_truoc == 2022
    assert figures.chi_tieu is not None
    assert (figures.chi_tieu.thuc_hien, figures.chi_tieu.danh_gia) == (43, "đạt và vượt")


@pytest.mark.parametrize(
    ("target", "verdict"), [(23, "đạt và vượt"), (43, "đạt"), (50, "chưa đạt")]
)
def test_plan_verdict(target: int, verdict: str) -> None:
    figures = compute(_report(chi_tieu={"giam_ho_ngheo": target}))
    assert figures.chi_tieu is not None and figures.chi_tieu.danh_gia == verdict


def test_rising_poverty_is_worded_as_an_increase_and_misses_the_target() -> None:
    figures = compute(_report(ho_ngheo={"so_ho": 300, "nam_truoc": {"so_ho": 285, "ty_le": 2.33}}))
    poor = figures.ho_ngheo
    assert poor.bien_dong is not None
    # 300 / 12299 = 2,439 % → 2,44 %; 2,44 − 2,33 = 0,11 points
    assert poor.bien_dong.cum_tu == "tăng 15 hộ (0,11%)"
    assert figures.chi_tieu is not None and figures.chi_tieu.danh_gia == "chưa đạt"


def test_last_year_rate_is_computed_from_its_own_total() -> None:
    figures = compute(_report(ho_ngheo={"so_ho": 242, "nam_truoc": {"so_ho": 285, "tong_so_ho": 12000}}))
    # 285 / 12000 = 2,375 % → 2,38 % (half up); 2,38 − 1,97 = 0,41
    assert figures.ho_ngheo.nam_truoc_ty_le == Decimal("2.38")
    assert figures.ho_ngheo.bien_dong is not None
    assert figures.ho_ngheo.bien_dong.diem == Decimal("0.41")


def test_no_comparison_without_last_year() -> None:
    figures = compute(_report(ho_can_ngheo={"so_ho": 121}))
    assert figures.ho_can_ngheo.bien_dong is None


def test_closing_sentence_follows_the_status() -> None:
    assert context(_report())["cau_ket"] == (
        "Trên đây là báo cáo kết quả sơ bộ công tác điều tra, rà soát hộ nghèo, hộ cận nghèo "
        "năm 2023 của UBND thành phố Bắc Kạn./."
    )


def test_the_summary_tables_figures_are_computed_with_the_rest() -> None:
    report = BaoCaoRaSoatHoNgheo.model_validate(load_yaml(BAC_KAN).data)
    figures = compute(report)
    assert figures.bieu is not None
    total = figures.bieu.tong
    assert (total.so.tong_so_ho, total.so.ho_ngheo, total.so.ho_can_ngheo) == (12299, 242, 121)
    assert (total.ty_le_ngheo, total.tang_giam_ngheo) == (figures.ho_ngheo.ty_le, figures.ho_ngheo.tang_giam)
    assert [g.khu_vuc for g in figures.bieu.nhom] == ["thanh_thi", "nong_thon"]
    assert sum(g.tong.so.tong_so_ho for g in figures.bieu.nhom if g.tong is not None) == 12299
    # the template prints this result: the context's table is built from it
    printed = context(report)["bieu"]
    assert printed is not None and printed.tong.ty_le_ngheo == total.ty_le_ngheo


def test_movement_end_and_signed_change_are_derived() -> None:
    figures = compute(_report(ho_can_ngheo={
        "so_ho": 121, "nam_truoc": {"so_ho": 114},
        "dien_bien": {"dau_ky": 114, "giam_thoat_han": 3, "tang_phat_sinh": 10, "cuoi_ky": 121},
    }))
    assert (figures.ho_can_ngheo.cuoi_ky_tinh, figures.ho_can_ngheo.tang_giam) == (121, 7)
