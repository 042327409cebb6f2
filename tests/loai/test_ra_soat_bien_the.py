"""Every real variant of the review report, read back from the rendered paragraphs:
sentences in each direction (fall, rise, unchanged, no previous year), with and
without khẩu, targets met / missed / absent / next year, optional sections (no empty
heading, renumbered), the combined figure, the standard, the as-of date, the status,
the words of the unit's level."""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest

import baocao
from baocao.errors import DataError

from conftest import EXAMPLES
from docx_reading import paragraphs, texts

HEADINGS = {"Muc", "Khoan"}

BASE: dict[str, Any] = {
    "loai": "ra-soat-ho-ngheo",
    "co_quan": {"ten": ["Ủy ban nhân dân", "xã Tân Lập"], "ten_goi_tat": "UBND xã", "viet_tat": "UBND"},
    "so": None,
    "ky_hieu": "BC-UBND",
    "dia_danh": "Tân Lập",
    "ngay": {"nam": 2025, "thang": 12},
    "trich_yeu": "Kết quả rà soát hộ nghèo, hộ cận nghèo năm 2025",
    "trang_thai": "chinh_thuc",
    "nam": 2025,
    "dia_ban": "xã Tân Lập",
    "ket_qua": {"tong_so_ho": 2000, "ho_ngheo": {"so_ho": 60}, "ho_can_ngheo": {"so_ho": 80}},
    "noi_nhan": {"danh_sach": ["Sở Nông nghiệp và Môi trường"]},
    "nguoi_ky": {
        "tham_quyen": "TM.", "thay_mat": "Ủy ban nhân dân", "chuc_vu": "Chủ tịch", "ho_ten": "Lê Văn B"
    },
}


def _data(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if key in ("ho_ngheo", "ho_can_ngheo", "chi_tieu", "chi_tieu_nam_sau", "nhan_xet", "tong_so_khau",
                   "nhan_xet_can_ngheo", "in_ngheo_da_chieu"):
            target = data["ket_qua"][key] if isinstance(data["ket_qua"].get(key), dict) else None
            data["ket_qua"][key] = {**target, **value} if target is not None else value
        else:
            data[key] = value
    return data


def _lines(**changes: Any) -> list[str]:
    rendered = baocao.render(baocao.load(_data(**changes)))
    assert rendered is not None
    return texts(rendered, first_section_only=True)


def _codes(**changes: Any) -> list[str]:
    with pytest.raises(DataError) as caught:
        baocao.load(_data(**changes))
    return [f.code for f in caught.value.findings if f.severity == "error"]


# --- sentences in every direction -------------------------------------------------------


def test_a_fall_with_both_rates_has_counts_and_rates_on_both_sides() -> None:
    lines = _lines(ho_ngheo={"nam_truoc": {"so_ho": 75, "tong_so_ho": 1980}})
    # 75 / 1980 = 3,79 %; 60 / 2000 = 3,00 %
    assert "- Tổng số hộ nghèo: 60 hộ, tỷ lệ 3,00%, giảm 15 hộ (0,79%) so với năm 2024." in lines
    assert (
        "Kết quả tỷ lệ hộ nghèo của xã Tân Lập giảm từ 75 hộ, tỷ lệ 3,79% xuống còn 60 hộ, tỷ lệ 3,00%."
        in lines
    )
    assert "1. Kết quả giảm tỷ lệ hộ nghèo, hộ cận nghèo:" in lines


def test_a_rise_is_worded_as_a_rise_and_the_heading_does_not_say_fall() -> None:
    lines = _lines(ho_ngheo={"nam_truoc": {"so_ho": 50, "ty_le": 2.5}})
    assert "- Tổng số hộ nghèo: 60 hộ, tỷ lệ 3,00%, tăng 10 hộ (0,50%) so với năm 2024." in lines
    assert "Kết quả tỷ lệ hộ nghèo của xã Tân Lập tăng từ 50 hộ, tỷ lệ 2,50% lên 60 hộ, tỷ lệ 3,00%." in lines
    assert "1. Kết quả rà soát hộ nghèo, hộ cận nghèo:" in lines
    assert not any("giảm" in line and "hộ nghèo của" in line for line in lines)


def test_unchanged_counts_say_so_and_give_the_rates_movement() -> None:
    lines = _lines(ho_ngheo={"nam_truoc": {"so_ho": 60, "tong_so_ho": 1900}})
    # 60 / 1900 = 3,16 % → 3,00 %
    assert "- Tổng số hộ nghèo: 60 hộ, tỷ lệ 3,00%, không thay đổi so với năm 2024." in lines
    assert (
        "Số hộ nghèo của xã Tân Lập không thay đổi so với năm 2024 (60 hộ); tỷ lệ hộ nghèo giảm từ "
        "3,16% xuống còn 3,00%." in lines
    )


def test_without_last_years_rate_each_side_is_labelled_by_its_year() -> None:
    lines = _lines(ho_can_ngheo={"nam_truoc": {"so_ho": 90}})
    assert (
        "Số hộ cận nghèo của xã Tân Lập giảm từ 90 hộ (năm 2024) xuống còn 80 hộ (năm 2025); "
        "tỷ lệ hộ cận nghèo năm 2025 là 4,00%." in lines
    )


def test_no_previous_year_prints_no_comparison_and_no_remark_heading() -> None:
    lines = _lines()
    assert "- Tổng số hộ nghèo: 60 hộ, tỷ lệ 3,00%." in lines
    assert not any("so với năm" in line or "Nhận xét" in line for line in lines)
    # the lone item of the results section has no "1." heading
    assert not any(line.startswith("1. Kết quả") for line in lines)


def test_khau_on_both_sides_when_both_years_have_it() -> None:
    lines = _lines(
        tong_so_khau=7500,
        ho_ngheo={"so_khau": 170, "nam_truoc": {"so_ho": 75, "so_khau": 210, "ty_le": 3.8}},
        ho_can_ngheo={"so_khau": 260, "nam_truoc": {"so_ho": 70}},
    )
    assert "Tổng số hộ dân trên địa bàn: 2.000 hộ với 7.500 khẩu, trong đó:" in lines
    assert "- Tổng số hộ nghèo: 60 hộ với 170 khẩu, tỷ lệ 3,00%, giảm 15 hộ (0,80%) so với năm 2024." in lines
    assert (
        "Kết quả tỷ lệ hộ nghèo của xã Tân Lập giảm từ 75 hộ với 210 khẩu, tỷ lệ 3,80% xuống còn "
        "60 hộ với 170 khẩu, tỷ lệ 3,00%." in lines
    )
    # last year's near-poor persons unknown: the remark compares households only
    assert (
        "Số hộ cận nghèo của xã Tân Lập tăng từ 70 hộ (năm 2024) lên 80 hộ (năm 2025); "
        "tỷ lệ hộ cận nghèo năm 2025 là 4,00%." in lines
    )


def test_the_combined_figure_is_derived_and_labelled_never_as_the_poor_rate() -> None:
    lines = _lines(ho_ngheo={"so_khau": 170}, ho_can_ngheo={"so_khau": 260})
    assert (
        "- Tổng số hộ nghèo và hộ cận nghèo: 140 hộ với 430 khẩu; tỷ lệ nghèo đa chiều (gồm tỷ lệ hộ "
        "nghèo và hộ cận nghèo): 7,00%." in lines
    )
    assert not any("nghèo đa chiều" in line for line in _lines(in_ngheo_da_chieu=False))


# --- targets ---------------------------------------------------------------------------------

LAST_YEAR = {"ho_ngheo": {"nam_truoc": {"so_ho": 75, "ty_le": 3.8}}}


@pytest.mark.parametrize(
    ("target", "verdict"),
    [
        ({"giam_ho_ngheo": 10}, "đạt và vượt"),
        ({"giam_ho_ngheo": 15}, "đạt"),
        ({"giam_ho_ngheo": 20}, "chưa đạt"),
        ({"giam_ty_le_ngheo": 0.5}, "đạt và vượt"),
        ({"giam_ty_le_ngheo": 1}, "chưa đạt"),
        ({"ty_le_ngheo": 3}, "đạt"),
        ({"giam_ho_ngheo": 10, "ty_le_ngheo": 2.5}, "chưa đạt"),  # one missed: the whole is missed
    ],
)
def test_this_years_poor_targets_are_judged(target: dict[str, Any], verdict: str) -> None:
    lines = _lines(**LAST_YEAR, chi_tieu=target)
    remark = next(line for line in lines if line.startswith("Kết quả tỷ lệ hộ nghèo của"))
    assert remark.endswith(")."), remark
    assert f"3,00% {verdict} so với chỉ tiêu kế hoạch đề ra (kế hoạch " in remark


def test_the_target_is_in_italics_and_its_source_is_named() -> None:
    data = _data(**LAST_YEAR, chi_tieu={"giam_ho_ngheo": 10, "nguon": "tỉnh giao"})
    rendered = baocao.render(baocao.load(data))
    assert rendered is not None
    remark = next(p for p in paragraphs(rendered) if p.text.startswith("Kết quả tỷ lệ hộ nghèo"))
    assert "đạt và vượt so với chỉ tiêu tỉnh giao (" in remark.text
    assert [r.text for r in remark.runs if r.italic] == ["kế hoạch giảm 10 hộ"]


def test_a_near_poor_target_is_judged_in_the_near_poor_remark() -> None:
    lines = _lines(ho_can_ngheo={"nam_truoc": {"so_ho": 90}}, chi_tieu={"giam_ho_can_ngheo": 12})
    assert (
        "Số hộ cận nghèo của xã Tân Lập giảm từ 90 hộ (năm 2024) xuống còn 80 hộ (năm 2025); tỷ lệ hộ "
        "cận nghèo năm 2025 là 4,00%, chưa đạt so với chỉ tiêu kế hoạch đề ra (kế hoạch giảm 12 hộ)."
        in lines
    )


def test_a_rate_to_reach_is_judged_without_last_year() -> None:
    lines = _lines(chi_tieu={"ty_le_ngheo": 3.5})
    assert (
        "Tỷ lệ hộ nghèo của xã Tân Lập năm 2025 là 3,00% đạt và vượt so với chỉ tiêu kế hoạch đề ra "
        "(kế hoạch giảm tỷ lệ xuống còn 3,50%)." not in lines  # joined by a comma, not a space
    )
    assert (
        "Tỷ lệ hộ nghèo của xã Tân Lập năm 2025 là 3,00%, đạt và vượt so với chỉ tiêu kế hoạch đề ra "
        "(kế hoạch giảm tỷ lệ xuống còn 3,50%)." in lines
    )


def test_no_target_no_verdict() -> None:
    lines = _lines(**LAST_YEAR)
    assert not any("chỉ tiêu" in line for line in lines)


def test_a_reduction_target_without_last_year_is_an_error_not_a_verdict() -> None:
    assert _codes(chi_tieu={"giam_ho_ngheo": 10}) == ["chi-tieu-thieu-nam-truoc"]
    assert _codes(chi_tieu={"giam_ty_le_can_ngheo": 0.5}) == ["chi-tieu-thieu-nam-truoc"]
    assert _codes(chi_tieu={"nguon": "tỉnh giao"}) == ["chi-tieu-trong"]


def test_next_years_targets_are_printed_as_targets_without_a_verdict() -> None:
    lines = _lines(chi_tieu_nam_sau={"giam_ho_ngheo": 12, "ty_le_ngheo": 2.5, "giam_ho_can_ngheo": 5})
    start = lines.index("2. Chỉ tiêu năm 2026:")
    assert lines[start + 1 : start + 3] == [
        "- Hộ nghèo: giảm 12 hộ; giảm tỷ lệ xuống còn 2,50%.",
        "- Hộ cận nghèo: giảm 05 hộ.",
    ]
    assert not any("đạt" in line for line in lines)


# --- optional sections ------------------------------------------------------------------


def _headings(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in paragraphs(data, first_section_only=True)
            if p.style is not None and p.style.name in HEADINGS]


def _no_empty_heading(data: bytes) -> None:
    found = [p for p in paragraphs(data, first_section_only=True) if p.text.strip()]
    for here, after in itertools.pairwise(found):
        if here.style is not None and here.style.name in HEADINGS:
            assert here.text.strip() and not here.text.strip().endswith(".:"), here.text
            # a heading is followed by content or by a heading one level down
            if after.style is not None and after.style.name in HEADINGS:
                assert (here.style.name, after.style.name) == ("Muc", "Khoan"), (here.text, after.text)


def test_a_report_of_results_only_has_one_unnumbered_section_and_no_empty_heading() -> None:
    rendered = baocao.render(baocao.load(_data()))
    assert rendered is not None
    assert _headings(rendered) == [("Muc", "KẾT QUẢ THỰC HIỆN")]
    _no_empty_heading(rendered)
    assert not any(line.startswith("Thực hiện") for line in texts(rendered))


def test_sections_given_are_numbered_in_order_and_lone_items_are_not() -> None:
    data = _data(
        ho_ngheo={"nam_truoc": {"so_ho": 75, "ty_le": 3.8}},
        trien_khai={"thoi_gian": {"tu_ngay": "2025-10-01", "den_ngay": "2025-11-30"}},
        danh_gia={"han_che": ["Hộ thoát nghèo chưa bền vững."]},
        de_xuat=["Đề nghị tỉnh hỗ trợ vốn."],
    )
    rendered = baocao.render(baocao.load(data))
    assert rendered is not None
    assert _headings(rendered) == [
        ("Muc", "I. QUÁ TRÌNH TRIỂN KHAI THỰC HIỆN"),
        ("Muc", "II. KẾT QUẢ THỰC HIỆN"),
        ("Khoan", "1. Kết quả giảm tỷ lệ hộ nghèo, hộ cận nghèo:"),
        ("Khoan", "2. Nhận xét:"),
        ("Muc", "III. ĐÁNH GIÁ CHUNG"),
        ("Khoan", "Hạn chế và nguyên nhân:"),
        ("Muc", "IV. ĐỀ XUẤT, KIẾN NGHỊ"),
    ]
    _no_empty_heading(rendered)


def test_the_seed_keeps_its_five_sections(bac_kan_docx: bytes) -> None:
    assert [text for style, text in _headings(bac_kan_docx) if style == "Muc"] == [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "II. QUÁ TRÌNH TRIỂN KHAI THỰC HIỆN", "III. KẾT QUẢ THỰC HIỆN",
        "IV. ĐÁNH GIÁ CHUNG",
    ]
    _no_empty_heading(bac_kan_docx)


# --- standard, as-of date, status, level ------------------------------------------------


def test_standard_and_as_of_date_open_the_results() -> None:
    national = _lines(chuan_ngheo={"loai": "quoc_gia"}, so_lieu_den_ngay="2025-11-13")
    assert (
        "Kết quả rà soát hộ nghèo, hộ cận nghèo năm 2025 theo chuẩn nghèo đa chiều giai đoạn 2022-2025 "
        "quy định tại Nghị định số 07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ, số liệu tính đến ngày "
        "13/11/2025." in national
    )
    local = _lines(chuan_ngheo={
        "loai": "dia_phuong", "giai_doan": "2023-2025", "ten_dia_phuong": "tỉnh Quảng Ninh",
        "van_ban": {"loai": "Nghị quyết", "so_ky_hieu": "13/2023/NQ-HĐND", "ngay": "2023-03-30",
                    "co_quan": "HĐND tỉnh", "trich_yeu": "quy định chuẩn nghèo đa chiều"},
    })
    assert any(
        "theo chuẩn nghèo đa chiều của tỉnh Quảng Ninh giai đoạn 2023-2025 quy định tại Nghị quyết số "
        "13/2023/NQ-HĐND ngày 30/3/2023 của HĐND tỉnh." in line for line in local
    )
    assert _codes(chuan_ngheo={"loai": "dia_phuong"}) == ["chuan-dia-phuong-thieu-van-ban"]


def test_statuses_real_reports_use() -> None:
    preliminary = _lines(trang_thai="so_bo", so_lieu_den_ngay="2025-11-13")
    assert any(line.startswith("Kết quả sơ bộ rà soát hộ nghèo") for line in preliminary)
    assert any(line.startswith("Trên đây là báo cáo kết quả sơ bộ") for line in preliminary)
    waiting = _lines(trang_thai="cho_phe_duyet", cap="huyen", ngay={"nam": 2024, "thang": 12}, nam=2024)
    assert any(line.endswith("đã được cấp huyện phê duyệt, đang chờ cấp tỉnh phê duyệt.") for line in waiting)
    commune_2025 = _lines(trang_thai="cho_phe_duyet", cap="xa")
    assert any(line.endswith("được cấp xã phê duyệt, đang chờ cấp tỉnh phê duyệt.") for line in commune_2025)
    assert _codes(trang_thai="cho_phe_duyet") == ["cho-phe-duyet-khong-cap"]


def test_districts_do_not_report_after_july_2025_and_special_zones_not_before() -> None:
    assert _codes(cap="huyen", ngay={"nam": 2025, "thang": 12}) == ["cap-khong-con"]
    assert _codes(cap="dac_khu", ngay={"nam": 2024, "thang": 12}, nam=2024) == ["dac-khu-truoc-2025"]


ROWS = [
    {"ten": "Xã A", "tong_so_ho": 1000, "so_khau": 3800, "ho_ngheo": 30, "khau_ngheo": 90,
     "ho_can_ngheo": 40, "khau_can_ngheo": 130},
    {"ten": "Phường B", "tong_so_ho": 1000, "so_khau": 3700, "ho_ngheo": 30, "khau_ngheo": 80,
     "ho_can_ngheo": 40, "khau_can_ngheo": 120},
]


@pytest.mark.parametrize(
    ("cap", "nam", "column", "units"),
    [
        ("tinh", 2025, "Đơn vị (xã, phường, đặc khu)", "- Tổng số xã, phường, đặc khu tiến hành rà soát"),
        ("tinh", 2023, "Đơn vị (huyện, thị xã, thành phố)", "- Tổng số huyện, thị xã, thành phố tiến hành"),
        ("xa", 2025, "Đơn vị (thôn, tổ dân phố)", "- Tổng số thôn, tổ dân phố tiến hành rà soát: 2/2"),
        (None, 2023, "Đơn vị (xã, phường, thị trấn)", "- Tổng số thôn, tổ dân phố tiến hành rà soát: 2/2"),
    ],
)
def test_the_level_names_the_units(cap: str | None, nam: int, column: str, units: str) -> None:
    data = _data(
        cap=cap, nam=nam, ngay={"nam": nam, "thang": 12},
        trien_khai={"pham_vi": {"so_don_vi_ra_soat": 2, "tong_so_don_vi": 2}},
        bieu_tong_hop={"dong": ROWS},
        ket_qua={},
    )
    rendered = baocao.render(baocao.load(data))
    assert rendered is not None
    lines = texts(rendered)
    assert column in lines
    assert any(line.startswith(units) for line in lines)


def test_the_tables_persons_fill_and_check_section_iii() -> None:
    report = baocao.load(_data(bieu_tong_hop={"dong": ROWS}, ket_qua={}))
    ket_qua = report.ket_qua  # type: ignore[attr-defined]
    assert (ket_qua.tong_so_khau, ket_qua.ho_ngheo.so_khau, ket_qua.ho_can_ngheo.so_khau) == (7500, 170, 250)
    stated = {"tong_so_ho": 2000, "ho_ngheo": {"so_ho": 60, "so_khau": 171}, "ho_can_ngheo": {"so_ho": 80}}
    assert _codes(bieu_tong_hop={"dong": ROWS}, ket_qua=stated) == ["khong-khop-bieu"]


def test_persons_are_checked_like_households() -> None:
    assert _codes(ho_ngheo={"so_khau": 50}) == ["khau-it-hon-ho"]  # 50 persons in 60 households
    assert _codes(tong_so_khau=300, ho_ngheo={"so_khau": 200}, ho_can_ngheo={"so_khau": 200}) == [
        "khau-vuot-tong"
    ]
    rows = [dict(ROWS[0], khau_ngheo=10), ROWS[1]]
    assert _codes(bieu_tong_hop={"dong": rows}, ket_qua={}) == ["khau-it-hon-ho"]
    rows = [{k: v for k, v in ROWS[0].items() if k != "khau_ngheo"}, ROWS[1]]
    assert "bieu-thieu-cot" in _codes(bieu_tong_hop={"dong": rows}, ket_qua={})


# --- the real published result ------------------------------------------------------------

LANG_SON = EXAMPLES / "ra-soat-lang-son-2025.yaml"


def test_lang_son_2025_carries_the_published_figures_and_sentences() -> None:
    """docs/research/ra-soat-ho-ngheo/tinh-lang-son-2025.md, as published:
    "tổng số hộ nghèo: 4.643/199.765 hộ; tỷ lệ hộ nghèo: 2,32%. Tổng số hộ cận nghèo:
    13.578/199.765 hộ; tỷ lệ hộ cận nghèo: 6,80%. Tổng số hộ nghèo và hộ cận nghèo: 18.221
    hộ; tỷ lệ nghèo đa chiều (gồm tỷ lệ hộ nghèo và hộ cận nghèo): 9,12%."
    baocao words the two class lines its own way (count then rate, the total on its own
    line, not "4.643/199.765 hộ"); the combined line and the closing are the source's
    words; every figure is the published one (the rates computed agree with it)."""
    report = baocao.load(LANG_SON)
    rendered = baocao.render(report)
    assert rendered is not None
    lines = texts(rendered)
    assert lines[lines.index("KẾT QUẢ THỰC HIỆN") + 1 :][:6] == [
        "Kết quả rà soát hộ nghèo, hộ cận nghèo năm 2025 đã được phê duyệt tại Quyết định số "
        "83/QĐ-UBND ngày 15/01/2026 của UBND tỉnh.",
        "Tổng số hộ dân trên địa bàn: 199.765 hộ, trong đó:",
        "- Tổng số hộ nghèo: 4.643 hộ, tỷ lệ 2,32%.",
        "- Tổng số hộ cận nghèo: 13.578 hộ, tỷ lệ 6,80%.",
        "- Tổng số hộ nghèo và hộ cận nghèo: 18.221 hộ; tỷ lệ nghèo đa chiều (gồm tỷ lệ hộ nghèo và hộ "
        "cận nghèo): 9,12%.",
        "Kết quả rà soát hộ nghèo, hộ cận nghèo tại Quyết định này là căn cứ để thực hiện các chính sách "
        "an sinh xã hội và xây dựng các mục tiêu, giải pháp, cơ chế, chính sách kinh tế - xã hội năm "
        "2026./.",
    ]
    # nothing else in the body: no invented narrative, no comparison the source does not make
    assert not any("so với" in line for line in lines)


def test_the_commune_example_reads_as_a_commune_after_july_2025() -> None:
    rendered = baocao.render(baocao.load(EXAMPLES / "ra-soat-xa-2025.yaml"))
    assert rendered is not None
    lines = texts(rendered)
    assert "Đơn vị (thôn, tổ dân phố)" in lines
    assert "- Tổng số hộ nghèo: 82 hộ với 224 khẩu, tỷ lệ 3,31%, giảm 19 hộ (0,59%) so với năm 2024." in lines
    assert "3. Chỉ tiêu năm 2026:" in lines



# --- a published result without the total households ----------------------------------------


def _without_total(**changes: Any) -> dict[str, Any]:
    data = _data(**changes)
    del data["ket_qua"]["tong_so_ho"]
    return data


def _lines_of(data: dict[str, Any]) -> list[str]:
    rendered = baocao.render(baocao.load(data))
    assert rendered is not None
    return texts(rendered, first_section_only=True)


def test_without_the_total_the_published_rates_print_as_given_and_nothing_needs_the_total() -> None:
    lines = _lines_of(_without_total(ho_ngheo={"ty_le": "43,16"}, ho_can_ngheo={"ty_le": "2,5"}))
    assert "- Tổng số hộ nghèo: 60 hộ, tỷ lệ 43,16%." in lines
    assert "- Tổng số hộ cận nghèo: 80 hộ, tỷ lệ 2,5%." in lines  # one decimal, as published
    assert not any(line.startswith("Tổng số hộ dân") for line in lines)
    assert not any("nghèo đa chiều" in line for line in lines)  # needs the total: left out


def test_a_yaml_number_rate_keeps_the_two_usual_decimals() -> None:
    lines = _lines_of(_without_total(ho_ngheo={"ty_le": 2.5}, ho_can_ngheo={"ty_le": 3.25}))
    assert "- Tổng số hộ nghèo: 60 hộ, tỷ lệ 2,50%." in lines


def test_without_the_total_a_rate_must_be_the_published_one() -> None:
    with pytest.raises(DataError) as caught:
        baocao.load(_without_total(ho_ngheo={"ty_le": 3}))
    [finding] = caught.value.findings
    assert (finding.code, finding.path) == ("thieu-tong-so-ho", "ket_qua.ho_can_ngheo.ty_le")
    assert "ghi tổng số hộ để tỷ lệ được tính, hoặc ghi tỷ lệ đã công bố" in finding.message


def test_with_the_total_a_stated_rate_is_still_checked() -> None:
    assert _codes(ho_ngheo={"ty_le": "3,5"}) == ["ty-le-lech"]  # 60 / 2000 = 3,00 %
    assert _lines(ho_ngheo={"ty_le": "3,00"})  # the published rate agrees: accepted


def test_published_rates_of_both_years_give_the_points_and_judge_the_targets() -> None:
    lines = _lines_of(_without_total(
        ho_ngheo={"ty_le": "2,10", "nam_truoc": {"so_ho": 75, "ty_le": "2,60"}},
        ho_can_ngheo={"ty_le": "3,00"},
        chi_tieu={"giam_ty_le_ngheo": 0.4, "giam_ho_ngheo": 10},
    ))
    assert "- Tổng số hộ nghèo: 60 hộ, tỷ lệ 2,10%, giảm 15 hộ (0,50%) so với năm 2024." in lines
    assert (
        "Kết quả tỷ lệ hộ nghèo của xã Tân Lập giảm từ 75 hộ, tỷ lệ 2,60% xuống còn 60 hộ, tỷ lệ 2,10% đạt "
        "và vượt so với chỉ tiêu kế hoạch đề ra (kế hoạch giảm 10 hộ, giảm tỷ lệ 0,40%)." in lines
    )


def test_a_change_published_without_last_years_count_prints_as_given_and_judges_a_target() -> None:
    lines = _lines(
        ho_ngheo={"tang_giam": -11}, ho_can_ngheo={"tang_giam": 4}, chi_tieu={"giam_ho_ngheo": 12}
    )
    assert "- Tổng số hộ nghèo: 60 hộ, tỷ lệ 3,00%, giảm 11 hộ so với năm 2024." in lines
    assert "- Tổng số hộ cận nghèo: 80 hộ, tỷ lệ 4,00%, tăng 04 hộ so với năm 2024." in lines
    # no last year's count: no "giảm từ … xuống còn …" sentence; the target is judged on the change
    assert not any("giảm từ" in line for line in lines)
    assert (
        "Tỷ lệ hộ nghèo của xã Tân Lập năm 2025 là 3,00%, chưa đạt so với chỉ tiêu kế hoạch đề ra "
        "(kế hoạch giảm 12 hộ)." in lines
    )
    # with last year's count, the stated change is checked against it
    assert _codes(ho_ngheo={"tang_giam": -11, "nam_truoc": {"so_ho": 75}}) == ["tang-giam-lech"]


TAM_KY = EXAMPLES / "ra-soat-tam-ky-2023-so-bo.yaml"


def test_tam_ky_2023_carries_the_published_figures_without_a_total() -> None:
    """docs/research/ra-soat-ho-ngheo/tp-tam-ky-2023-so-bo.md, as published: "Kết quả sơ bộ rà soát
    trên địa bàn thành phố (đến ngày 13/11/ 2023), số hộ nghèo toàn thành phố giảm còn 202 hộ, tỷ
    lệ: 0,59 %; số hộ cận nghèo còn 147 hộ, tỷ lệ: 0,43 %. So với năm 2022, số hộ nghèo trên địa bàn
    thành phố giảm 11 hộ; số hộ cận nghèo giảm 17 hộ./."
    baocao's wording differs: the opening sentence names the review ("rà soát hộ nghèo, hộ cận
    nghèo năm 2023") and writes the date "số liệu tính đến ngày 13/11/2023" instead of "(đến ngày
    13/11/ 2023)"; each class is one line, count, rate ("tỷ lệ 0,59%", not "tỷ lệ: 0,59 %") and the
    change; the closing line is baocao's standard one.  Every figure is the published one; none
    is computed (no total, no combined rate, no year-2022 count)."""
    report = baocao.load(TAM_KY)
    rendered = baocao.render(report)
    assert rendered is not None
    lines = texts(rendered)
    assert lines[lines.index("KẾT QUẢ THỰC HIỆN") + 1:][:4] == [
        "Kết quả sơ bộ rà soát hộ nghèo, hộ cận nghèo năm 2023 trên địa bàn thành phố Tam Kỳ, số liệu "
        "tính đến ngày 13/11/2023.",
        "- Tổng số hộ nghèo: 202 hộ, tỷ lệ 0,59%, giảm 11 hộ so với năm 2022.",
        "- Tổng số hộ cận nghèo: 147 hộ, tỷ lệ 0,43%, giảm 17 hộ so với năm 2022.",
        "Trên đây là báo cáo kết quả sơ bộ công tác điều tra, rà soát hộ nghèo, hộ cận nghèo năm 2023 "
        "của UBND thành phố Tam Kỳ./.",
    ]
    assert lines[lines.index("Kết quả rà soát hộ nghèo, hộ cận nghèo định kỳ năm 2023") + 1].startswith(
        "Thực hiện Kế hoạch số 5834/KH-UBND ngày 29/8/2023 của Ủy ban nhân dân tỉnh Quảng Nam về rà soát "
        "hộ nghèo, hộ cận nghèo định kỳ năm 2023"
    )
    assert not any(n in line for line in lines for n in ("213", "164", "Tổng số hộ dân", "đa chiều ("))


# --- the status in the results' opening sentence ----------------------------------------------


def test_a_preliminary_result_says_so_in_its_opening_sentence_without_standard_or_date() -> None:
    lines = _lines(trang_thai="so_bo")
    assert "Kết quả sơ bộ rà soát hộ nghèo, hộ cận nghèo năm 2025 trên địa bàn xã Tân Lập." in lines


def test_a_title_already_saying_preliminary_is_not_repeated_as_the_seed_has_it() -> None:
    lines = _lines(trang_thai="so_bo", trich_yeu="Kết quả sơ bộ rà soát hộ nghèo, hộ cận nghèo năm 2025")
    opening = "Kết quả sơ bộ rà soát hộ nghèo, hộ cận nghèo năm 2025 "
    assert not any(line.startswith(opening) for line in lines)


def test_a_re_checked_result_says_so_and_its_decision() -> None:
    decision = {"loai": "Quyết định", "so_ky_hieu": "12/QĐ-UBND", "ngay": "2025-12-20",
                "co_quan": "UBND xã", "trich_yeu": "phê duyệt kết quả phúc tra"}
    assert "Kết quả phúc tra rà soát hộ nghèo, hộ cận nghèo năm 2025 trên địa bàn xã Tân Lập." in _lines(
        trang_thai="phuc_tra")
    assert (
        "Kết quả phúc tra rà soát hộ nghèo, hộ cận nghèo năm 2025 đã được phê duyệt tại Quyết định số "
        "12/QĐ-UBND ngày 20/12/2025 của UBND xã."
        in _lines(trang_thai="phuc_tra", quyet_dinh_phe_duyet=decision)
    )
    official = _lines(trang_thai="chinh_thuc")
    assert official[official.index("KẾT QUẢ THỰC HIỆN") + 1].startswith("Tổng số hộ dân")  # nothing to say
