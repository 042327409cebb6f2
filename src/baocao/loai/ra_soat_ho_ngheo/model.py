"""Report type ``ra-soat-ho-ngheo``: the yearly review of poor and near-poor households.

The domain is ../shared/spec/ra-soat-ho-ngheo.md.  Counts are typed; every rate,
change and the plan verdict are computed (see :mod:`baocao.loai.ra_soat_ho_ngheo.figures`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError, model_validator

from baocao.consistency import RuleTable
from baocao.frame.model import (
    MAX_ITEMS,
    Block,
    Count,
    LocatedProblem,
    Ngay,
    PositiveCount,
    Text,
    VanBanHanhChinh,
    VanBanTrichDan,
    check_period,
    located_error,
)
from baocao.template_data import Record, lazy_record

RULES = RuleTable(__name__, [
    ("pham-vi-vuot", "error", "mô hình dữ liệu",
     "số đơn vị đã rà soát ({da_ra_soat}) lớn hơn tổng số đơn vị ({tong})"),
    ("thieu-tep", "error", "mô hình dữ liệu", "«trang» chỉ dùng cùng «tep» (tệp .xlsx)"),
    ("bieu-thieu-cot", "error", "spec §3.1 (biểu tổng hợp)",
     "«{ten}» thiếu {cot} trong khi các đơn vị khác có; ghi cho mọi đơn vị hoặc bỏ trống cả cột"),
    ("chi-tieu-trong", "error", "mô hình dữ liệu",
     "chỉ tiêu không có số nào; ghi ít nhất một trong giam_ho_ngheo, giam_ty_le_ngheo, ty_le_ngheo, "
     "giam_ho_can_ngheo, giam_ty_le_can_ngheo, ty_le_can_ngheo, hoặc bỏ cả mục"),
    ("thieu-tong-so-ho", "error", "spec §5 (tỷ lệ = số hộ ÷ tổng số hộ)",
     "không có tổng số hộ dân («ket_qua.tong_so_ho») thì phải ghi tỷ lệ {nhom} như đã công bố "
     "(«ket_qua.{khoa}.ty_le»); ghi tổng số hộ để tỷ lệ được tính, hoặc ghi tỷ lệ đã công bố"),
    ("chuan-dia-phuong-thieu-van-ban", "error", "NĐ 07/2021/NĐ-CP, Điều 3 khoản 3 (chuẩn nghèo địa phương)",
     "chuẩn nghèo của địa phương phải ghi văn bản quy định («van_ban»: nghị quyết HĐND, quyết định UBND)"),
])
"""The problems this type's model raises (its consistency rules are in :mod:`.rules`)."""

Paragraphs = Annotated[list[Text], Field(max_length=MAX_ITEMS)]
"""Paragraphs of narrative; ``**đậm**`` and ``*nghiêng*`` mark bold and italic runs."""


class LanhDaoChiDao(Block):
    """I. Công tác lãnh đạo, chỉ đạo."""

    noi_dung: Paragraphs = Field(
        default_factory=list, description="Các đoạn văn về công tác lãnh đạo, chỉ đạo"
    )
    dan_nhap_van_ban: Text | None = Field(
        None,
        description="Câu dẫn trước danh sách văn bản đã ban hành, ví dụ «Ban hành các văn bản …, cụ thể:»",
    )
    van_ban_ban_hanh: list[VanBanTrichDan] = Field(
        default_factory=list, description="Các văn bản chỉ đạo đã ban hành", max_length=MAX_ITEMS
    )


class ThoiGian(Block):
    """A period: from one date to another."""

    tu_ngay: Ngay = Field(description="Từ ngày (YYYY-MM-DD)")
    den_ngay: Ngay = Field(description="Đến hết ngày (YYYY-MM-DD)")

    @model_validator(mode="after")
    def _ordered(self) -> ThoiGian:
        check_period(self.tu_ngay, self.den_ngay)
        return self


class PhamVi(Block):
    """The units covered: 117/117 thôn, tổ dân phố."""

    so_don_vi_ra_soat: Count = Field(description="Số thôn, tổ dân phố đã rà soát")
    tong_so_don_vi: PositiveCount = Field(description="Tổng số thôn, tổ dân phố trên địa bàn")
    ten_don_vi: Text | None = Field(
        None,
        description=(
            "Tên gọi đơn vị rà soát, ví dụ «thôn, tổ dân phố», «thôn, bản», «ấp»; để trống: theo «cap» "
            "(«thôn, tổ dân phố»; cấp tỉnh: «xã, phường, đặc khu»)"
        ),
    )

    @model_validator(mode="after")
    def _within(self) -> PhamVi:
        if self.so_don_vi_ra_soat > self.tong_so_don_vi:
            raise RULES.error("pham-vi-vuot", da_ra_soat=self.so_don_vi_ra_soat, tong=self.tong_so_don_vi)
        return self


class TrienKhai(Block):
    """II. Quá trình triển khai thực hiện."""

    chuan_bi: Paragraphs = Field(
        default_factory=list, description="Công tác chuẩn bị rà soát: các đoạn (ở từng cấp)"
    )
    pham_vi: PhamVi | None = Field(None, description="Số đơn vị đã rà soát trên tổng số")
    thoi_gian: ThoiGian | None = Field(None, description="Thời gian tổ chức rà soát")
    kiem_tra_giam_sat: Paragraphs = Field(
        default_factory=list, description="Các đoạn về kiểm tra, giám sát trong thời gian rà soát"
    )


def _decimal_comma(value: Any) -> Any:
    """A rate typed as published.  As text, with the decimal comma or a point ("0,59",
    "2,5"), it keeps its digits exactly; as a YAML number (which has lost a trailing
    zero: 2.50 is read 2.5) it has at least the two decimals rates are usually given with.

    >>> _decimal_comma("2,5"), _decimal_comma(" 43,16 "), _decimal_comma(2.5), _decimal_comma(43.165)
    ('2.5', '43.16', Decimal('2.50'), Decimal('43.165'))
    """
    if isinstance(value, str) and value.strip().count(",") == 1 and "." not in value:
        return value.strip().replace(",", ".")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = Decimal(str(value))
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent > -2:
            return number.quantize(Decimal("0.01"))
        return number
    return value


TyLeCongBo = Annotated[Decimal, Field(ge=0, le=100), BeforeValidator(_decimal_comma)]
"""A rate (%) as published: «0,59» or 0.59; its decimals are printed as written."""


class NamTruoc(Block):
    """Last year's approved figures for one class of households."""

    so_ho: Count = Field(description="Số hộ năm trước (bỏ trống nếu biểu tổng hợp có số năm trước)")
    so_khau: Count | None = Field(
        None,
        description="Số khẩu (nhân khẩu) của các hộ này năm trước (không bắt buộc; bỏ trống nếu biểu "
        "tổng hợp có số khẩu năm trước)",
    )
    tong_so_ho: PositiveCount | None = Field(
        None, description="Tổng số hộ dân năm trước (mẫu số của tỷ lệ năm trước)"
    )
    ty_le: TyLeCongBo | None = Field(
        None,
        description="Tỷ lệ năm trước (%), dùng nguyên như đã công bố khi không có tổng số hộ "
        "(ghi «2,5» hay «2,50» như bản công bố; số YAML 2.5 được in «2,50%»)",
    )


class DienBien(Block):
    """Movement during the year (../shared/spec/ra-soat-ho-ngheo.md §3.2): the end of
    the period = start − decreases + increases."""

    dau_ky: Count = Field(description="Số hộ đầu kỳ (danh sách đã phê duyệt năm trước)")
    giam_sang_nhom_khac: Count = Field(
        0, description="Giảm do chuyển sang nhóm kia (hộ nghèo thoát lên cận nghèo, hoặc ngược lại)"
    )
    giam_thoat_han: Count = Field(0, description="Giảm do thoát hẳn (vượt chuẩn cận nghèo)")
    giam_khac: Count = Field(0, description="Giảm khác (chết, chuyển đi, tách, nhập hộ …)")
    tang_tu_nhom_khac: Count = Field(0, description="Tăng do chuyển từ nhóm kia sang")
    tang_tai: Count = Field(0, description="Tăng do tái nghèo (tái cận nghèo)")
    tang_phat_sinh: Count = Field(0, description="Tăng do phát sinh mới")
    tang_khac: Count = Field(0, description="Tăng khác (chuyển đến, tách hộ …)")
    cuoi_ky: Count = Field(description="Số hộ cuối kỳ")


class NhomHo(Block):
    """One class of households (poor or near-poor): this year's count, last year's."""

    so_ho: Count = Field(description="Số hộ năm nay (bỏ trống nếu có biểu tổng hợp: tính từ biểu)")
    so_khau: Count | None = Field(
        None,
        description="Số khẩu (nhân khẩu) của các hộ này, «N hộ với M khẩu» (không bắt buộc; bỏ trống "
        "nếu biểu tổng hợp có số khẩu: tính từ biểu)",
    )
    ty_le: TyLeCongBo | None = Field(
        None,
        description="Tỷ lệ (%) như đã công bố: có tổng số hộ thì được đối chiếu với tỷ lệ tính lại từ "
        "số hộ; không có tổng số hộ thì in nguyên như đã ghi, cùng số chữ số thập phân (ghi «2,5» "
        "hay «2,50» như bản công bố; số YAML 2.5 được in «2,50%»)",
    )
    tang_giam: int | None = Field(
        None,
        description="Số hộ tăng (số dương) hoặc giảm (số âm) so với năm trước như đã công bố: có số năm "
        "trước thì được đối chiếu; không có thì in nguyên như đã ghi («giảm 11 hộ so với năm …»)",
    )
    nam_truoc: NamTruoc | None = Field(None, description="Số liệu năm trước để so sánh")
    dien_bien: DienBien | None = Field(None, description="Diễn biến trong năm (không bắt buộc)")


Rate = Annotated[Decimal, Field(ge=0, le=100)]


class ChiTieu(Block):
    """A year's plan targets for poor and near-poor households: a reduction in
    households, a reduction of the rate (points), or a rate to reach.  Each is
    optional; at least one is given."""

    giam_ho_ngheo: Count | None = Field(None, description="Số hộ nghèo kế hoạch giao giảm trong năm")
    giam_ty_le_ngheo: Rate | None = Field(
        None, description="Mức giảm tỷ lệ hộ nghèo kế hoạch giao (%, ví dụ 0.5 là giảm 0,5%)"
    )
    ty_le_ngheo: Rate | None = Field(
        None, description="Tỷ lệ hộ nghèo phải giảm xuống còn (%, ví dụ 2.75 là «xuống còn 2,75%»)"
    )
    giam_ho_can_ngheo: Count | None = Field(
        None, description="Số hộ cận nghèo kế hoạch giao giảm trong năm"
    )
    giam_ty_le_can_ngheo: Rate | None = Field(
        None, description="Mức giảm tỷ lệ hộ cận nghèo kế hoạch giao (%)"
    )
    ty_le_can_ngheo: Rate | None = Field(
        None, description="Tỷ lệ hộ cận nghèo phải giảm xuống còn (%)"
    )
    nguon: Text | None = Field(
        None,
        description="Nguồn của chỉ tiêu trong câu «so với chỉ tiêu …», ví dụ «tỉnh giao»; để trống: "
        "«kế hoạch đề ra»",
    )

    @model_validator(mode="after")
    def _not_empty(self) -> ChiTieu:
        if all(getattr(self, key) is None for key in CHI_TIEU_FIELDS):
            raise RULES.error("chi-tieu-trong")
        return self


CHI_TIEU_FIELDS = (
    "giam_ho_ngheo", "giam_ty_le_ngheo", "ty_le_ngheo",
    "giam_ho_can_ngheo", "giam_ty_le_can_ngheo", "ty_le_can_ngheo",
)


class ChuanNgheo(Block):
    """The poverty standard the review applied: the national multidimensional one
    (Nghị định 07/2021/NĐ-CP), or a province's own higher one with its deciding act."""

    loai: Literal["quoc_gia", "dia_phuong"] = Field(
        "quoc_gia",
        description="quoc_gia (chuẩn nghèo đa chiều quốc gia, NĐ 07/2021/NĐ-CP) hoặc dia_phuong "
        "(chuẩn cao hơn của địa phương)",
    )
    giai_doan: Text = Field("2022-2025", description="Giai đoạn áp dụng, ví dụ «2022-2025»")
    van_ban: VanBanTrichDan | None = Field(
        None,
        description="Văn bản quy định chuẩn; để trống với chuẩn quốc gia (Nghị định số 07/2021/NĐ-CP "
        "ngày 27/01/2021 của Chính phủ); bắt buộc với chuẩn địa phương",
    )
    ten_dia_phuong: Text | None = Field(
        None, description="Với chuẩn địa phương: tên địa phương trong câu, ví dụ «tỉnh Quảng Ninh»"
    )

    @model_validator(mode="after")
    def _local_has_its_act(self) -> ChuanNgheo:
        if self.loai == "dia_phuong" and self.van_ban is None:
            raise RULES.error("chuan-dia-phuong-thieu-van-ban")
        return self


class KetQua(Block):
    """III. Kết quả thực hiện.

    With a ``bieu_tong_hop``, the counts may be left out: they are the table's sums.
    """

    tong_so_ho: PositiveCount | None = Field(
        None,
        description="Tổng số hộ dân trên địa bàn (bỏ trống nếu có biểu tổng hợp: tính từ biểu). Kết quả "
        "đã công bố không có tổng số hộ: bỏ trống và ghi «ty_le» của hộ nghèo và hộ cận nghèo như đã "
        "công bố (các số cần tổng số hộ — tỷ lệ nghèo đa chiều — không được in)",
        json_schema_extra={"x-khung-mo": True},  # baocao.skeleton.SHOWN_OPEN: a blank in «baocao new»
    )
    tong_so_khau: PositiveCount | None = Field(
        None,
        description="Tổng số nhân khẩu trên địa bàn (không bắt buộc; bỏ trống nếu biểu tổng hợp có "
        "số khẩu: tính từ biểu)",
    )
    ho_ngheo: NhomHo = Field(description="Hộ nghèo")
    ho_can_ngheo: NhomHo = Field(description="Hộ cận nghèo")
    chi_tieu: ChiTieu | None = Field(
        None, description="Chỉ tiêu kế hoạch giảm nghèo năm rà soát (được đánh giá đạt/chưa đạt)"
    )
    chi_tieu_nam_sau: ChiTieu | None = Field(
        None, description="Chỉ tiêu năm sau (in thành chỉ tiêu, không đánh giá)"
    )
    in_ngheo_da_chieu: bool = Field(
        True,
        description="In dòng tổng số hộ nghèo và hộ cận nghèo, tỷ lệ nghèo đa chiều (gồm tỷ lệ hộ nghèo "
        "và hộ cận nghèo), tính từ số liệu",
    )
    nhan_xet_can_ngheo: bool = Field(
        True, description="In câu nhận xét về hộ cận nghèo (tính từ số liệu) khi có số năm trước"
    )
    co_bieu_kem_theo: bool = Field(
        False, description="Có biểu tổng hợp chi tiết kèm theo (in dòng ghi chú)"
    )
    nhan_xet: Paragraphs = Field(
        default_factory=list,
        description="Các đoạn nhận xét thêm, sau câu nhận xét tính từ số liệu",
    )

    @model_validator(mode="after")
    def _rates_without_total(self) -> KetQua:
        """Without the total, a rate can only be the published one."""
        if self.tong_so_ho is not None:
            return self
        problems: list[LocatedProblem] = [
            ((key, "ty_le"), "thieu-tong-so-ho", {"nhom": nhom, "khoa": key}, None)
            for key, nhom in (("ho_ngheo", "hộ nghèo"), ("ho_can_ngheo", "hộ cận nghèo"))
            if getattr(self, key).ty_le is None
        ]
        if problems:
            raise located_error(KetQua, RULES, problems)
        return self


class DanhGia(Block):
    """IV. Đánh giá chung."""

    thuan_loi: Paragraphs = Field(default_factory=list, description="Thuận lợi")
    han_che: Paragraphs = Field(default_factory=list, description="Hạn chế và nguyên nhân")


KhuVuc = Literal["thanh_thi", "nong_thon"]

TrangThai = Literal["so_bo", "chinh_thuc", "phe_duyet", "cho_phe_duyet", "phuc_tra"]

Cap = Literal[
    "xa", "phuong", "dac_khu", "huyen", "thi_xa", "thanh_pho", "tinh", "thanh_pho_truc_thuoc_trung_uong"
]
"""The reporting unit's level.  ``huyen``, ``thi_xa``, ``thanh_pho`` (thuộc tỉnh) are the
district level, abolished on 1 July 2025 (communes now report to the province)."""

_COMMUNE: tuple[Cap, ...] = ("xa", "phuong", "dac_khu")
_DISTRICT: tuple[Cap, ...] = ("huyen", "thi_xa", "thanh_pho")
_PROVINCE: tuple[Cap, ...] = ("tinh", "thanh_pho_truc_thuoc_trung_uong")

TWO_TIER_YEAR = 2025
"""From the review of 2025 on (1 July 2025), communes report to the province directly."""


def don_vi_truc_thuoc(cap: Cap | None, nam: int) -> str:
    """The units under the reporting unit, as the summary table names them.

    >>> don_vi_truc_thuoc(None, 2023), don_vi_truc_thuoc("xa", 2025)
    ('xã, phường, thị trấn', 'thôn, tổ dân phố')
    >>> don_vi_truc_thuoc("tinh", 2025), don_vi_truc_thuoc("tinh", 2023)
    ('xã, phường, đặc khu', 'huyện, thị xã, thành phố')
    >>> don_vi_truc_thuoc("thanh_pho_truc_thuoc_trung_uong", 2024)
    'quận, huyện, thị xã, thành phố'
    """
    if cap in _COMMUNE:
        return "thôn, tổ dân phố"
    if cap in _PROVINCE:
        if nam >= TWO_TIER_YEAR:
            return "xã, phường, đặc khu"
        return "huyện, thị xã, thành phố" if cap == "tinh" else "quận, huyện, thị xã, thành phố"
    return "xã, phường, thị trấn"


def don_vi_ra_soat(cap: Cap | None, nam: int) -> str:
    """The units the review went through (section II): villages below a province, the
    province's own units above.

    >>> don_vi_ra_soat(None, 2023), don_vi_ra_soat("xa", 2025), don_vi_ra_soat("tinh", 2025)
    ('thôn, tổ dân phố', 'thôn, tổ dân phố', 'xã, phường, đặc khu')
    """
    return don_vi_truc_thuoc(cap, nam) if cap in _PROVINCE else "thôn, tổ dân phố"


def ten_cap(cap: Cap) -> str:
    """The level as "cấp …" names it.

    >>> ten_cap("phuong"), ten_cap("thi_xa"), ten_cap("thanh_pho_truc_thuoc_trung_uong")
    ('xã', 'huyện', 'tỉnh')
    """
    return "xã" if cap in _COMMUNE else "huyện" if cap in _DISTRICT else "tỉnh"


def cap_tren(cap: Cap, nam: int) -> str | None:
    """The level that approves next: a commune's is the district's before 2025, the
    province's after; a district's is the province's; a province has none here.

    >>> cap_tren("xa", 2023), cap_tren("xa", 2025), cap_tren("huyen", 2024), cap_tren("tinh", 2025)
    ('huyện', 'tỉnh', 'tỉnh', None)
    """
    if cap in _PROVINCE:
        return None
    return "huyện" if cap in _COMMUNE and nam < TWO_TIER_YEAR else "tỉnh"




MAX_TABLE_ROWS = 50_000
"""The most rows a summary table may have: a province's roll-up (about 1,500 communes,
a few rows each) and a district's household list fit.  Chosen from measured memory
(benchmarks/bench_table.py, 2026-12-02): a render peaks at about 60 MB + 5 kB per row
(the rows' XML is streamed, their layout made a row at a time; what grows is the report's
own data), so 50,000 rows take about 0.31 GB, a sixth of an untrusted render's 2 GB
(baocao.isolation); linear time, about 0.46 ms of CPU per row.  Memory would now allow
several times as many; the limit stays in
step with the spreadsheet reader's (MAX_SHEET_ROWS: these units, their headers and
subtotals) and a render's time (23 s of CPU here)."""


class NamTruocDonVi(Block):
    """One unit's counts last year."""

    ho_ngheo: Count = Field(description="Số hộ nghèo năm trước")
    ho_can_ngheo: Count = Field(description="Số hộ cận nghèo năm trước")
    khau_ngheo: Count | None = Field(None, description="Số khẩu của các hộ nghèo năm trước (không bắt buộc)")
    khau_can_ngheo: Count | None = Field(
        None, description="Số khẩu của các hộ cận nghèo năm trước (không bắt buộc)"
    )


class DongDonVi(Block):
    """One row of the summary table: a xã, phường or thị trấn."""

    ten: Text = Field(description="Tên đơn vị, ví dụ «Phường Đức Xuân», «Xã Dương Quang»")
    khu_vuc: KhuVuc | None = Field(
        None, description="Khu vực để nhóm các dòng: thanh_thi (thành thị) hoặc nong_thon (nông thôn)"
    )
    tong_so_ho: PositiveCount = Field(description="Tổng số hộ dân cư của đơn vị")
    so_khau: PositiveCount | None = Field(None, description="Tổng số nhân khẩu của đơn vị (không bắt buộc)")
    ho_ngheo: Count = Field(description="Số hộ nghèo")
    ho_can_ngheo: Count = Field(description="Số hộ cận nghèo")
    khau_ngheo: Count | None = Field(None, description="Số khẩu của các hộ nghèo (không bắt buộc)")
    khau_can_ngheo: Count | None = Field(None, description="Số khẩu của các hộ cận nghèo (không bắt buộc)")
    nam_truoc: NamTruocDonVi | None = Field(None, description="Số hộ nghèo, cận nghèo năm trước")


@dataclass(frozen=True)
class TongBieu:
    """The sums of a summary table's rows (None where the rows have no such column)."""

    tong_so_ho: int
    so_khau: int | None
    ho_ngheo: int
    ho_can_ngheo: int
    nam_truoc_ho_ngheo: int | None
    nam_truoc_ho_can_ngheo: int | None
    khau_ngheo: int | None = None
    khau_can_ngheo: int | None = None
    nam_truoc_khau_ngheo: int | None = None
    nam_truoc_khau_can_ngheo: int | None = None


def _sum_given(values: list[int | None]) -> int | None:
    """The sum of a column every row fills (the model checks a column is all or nothing).

    >>> _sum_given([3, 4]), _sum_given([None, None]), _sum_given([])
    (7, None, None)
    """
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def tong_cac_dong(dong: list[DongDonVi]) -> TongBieu:
    """Add up rows: the totals row of the table, a group's subtotal."""
    truoc = [d.nam_truoc for d in dong if d.nam_truoc is not None]
    return TongBieu(
        tong_so_ho=sum(d.tong_so_ho for d in dong),
        so_khau=_sum_given([d.so_khau for d in dong]),
        ho_ngheo=sum(d.ho_ngheo for d in dong),
        ho_can_ngheo=sum(d.ho_can_ngheo for d in dong),
        nam_truoc_ho_ngheo=sum(t.ho_ngheo for t in truoc) if truoc else None,
        nam_truoc_ho_can_ngheo=sum(t.ho_can_ngheo for t in truoc) if truoc else None,
        khau_ngheo=_sum_given([d.khau_ngheo for d in dong]),
        khau_can_ngheo=_sum_given([d.khau_can_ngheo for d in dong]),
        nam_truoc_khau_ngheo=_sum_given([t.khau_ngheo for t in truoc]),
        nam_truoc_khau_can_ngheo=_sum_given([t.khau_can_ngheo for t in truoc]),
    )


class BieuTongHop(Block):
    """The attached summary table (biểu tổng hợp chi tiết kèm theo), one row per unit.

    Rows are written inline (``dong``) or read from a spreadsheet beside the data
    file (``tep``, ``trang``); rates and totals are computed.
    """

    tep: Text | None = Field(
        None,
        description="Tệp .xlsx hoặc .csv cạnh tệp dữ liệu chứa các dòng, ví dụ «ho-ngheo-2023.xlsx»",
    )
    trang: Text | None = Field(None, description="Tên trang (sheet) trong tệp .xlsx, ví dụ «Tổng hợp»")
    tieu_de: Text | None = Field(
        None, description="Tiêu đề của biểu; để trống để dùng tiêu đề mặc định theo năm và địa bàn"
    )
    dong: list[DongDonVi] = Field(
        description="Các dòng của biểu, mỗi đơn vị một dòng (đọc từ «tep» nếu có)",
        min_length=1,
        max_length=MAX_TABLE_ROWS,
    )

    def template_data(self) -> Record:
        """The template variable ``bieu_tong_hop``, its rows made plain only if read (the
        built-in template prints the appendix, not these)."""
        return lazy_record(self)

    @model_validator(mode="after")
    def _columns_complete(self) -> BieuTongHop:
        problems: list[LocatedProblem] = []
        if self.trang is not None and self.tep is None:
            problems.append((("trang",), "thieu-tep", {}, self.trang))
        for key, label in (
            ("nam_truoc", "số năm trước"),
            ("so_khau", "số khẩu"),
            ("khu_vuc", "khu vực"),
            ("khau_ngheo", "số khẩu hộ nghèo"),
            ("khau_can_ngheo", "số khẩu hộ cận nghèo"),
            ("nam_truoc.khau_ngheo", "số khẩu hộ nghèo năm trước"),
            ("nam_truoc.khau_can_ngheo", "số khẩu hộ cận nghèo năm trước"),
        ):
            first, _, second = key.partition(".")
            rows = [(i, d) for i, d in enumerate(self.dong) if not second or d.nam_truoc is not None]
            given = [
                (getattr(getattr(d, first), second) if second else getattr(d, first)) is not None
                for _, d in rows
            ]
            if any(given) and not all(given):
                index = rows[given.index(False)][0]
                problems.append(
                    (("dong", index, *key.split(".")), "bieu-thieu-cot",
                     {"ten": self.dong[index].ten, "cot": label}, None)
                )
        if problems:
            raise located_error(BieuTongHop, RULES, problems)
        return self


class BaoCaoRaSoatHoNgheo(VanBanHanhChinh):
    """Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo (cấp huyện, thành phố)."""

    loai: Literal["ra-soat-ho-ngheo"] = Field(
        "ra-soat-ho-ngheo", description="Loại báo cáo: «ra-soat-ho-ngheo»"
    )
    trang_thai: TrangThai = Field(
        description=(
            "Tình trạng số liệu: so_bo (sơ bộ), chinh_thuc (chính thức), phe_duyet (đã được phê duyệt, "
            "có thể ghi «quyet_dinh_phe_duyet»), cho_phe_duyet (đã được cấp mình phê duyệt, chờ cấp trên "
            "phê duyệt), phuc_tra (sau phúc tra)"
        )
    )
    quyet_dinh_phe_duyet: VanBanTrichDan | None = Field(
        None, description="Quyết định phê duyệt kết quả (với trang_thai phe_duyet hoặc phuc_tra)"
    )
    so_lieu_den_ngay: Ngay | None = Field(
        None, description="Ngày số liệu được tính đến («số liệu tính đến ngày …»), YYYY-MM-DD"
    )
    chuan_ngheo: ChuanNgheo | None = Field(
        None,
        description="Chuẩn nghèo áp dụng (in câu «theo chuẩn nghèo …»); để trống thì không in câu này",
    )
    nam: int = Field(description="Năm rà soát", ge=2000, le=2200)
    dia_ban: Text = Field(description="Tên địa bàn trong câu văn, ví dụ «thành phố Bắc Kạn»")
    cap: Cap | None = Field(
        None,
        description=(
            "Cấp của đơn vị báo cáo: xa, phuong, dac_khu; huyen, thi_xa, thanh_pho (thành phố thuộc "
            "tỉnh, trước 01/7/2025); tinh, thanh_pho_truc_thuoc_trung_uong. Quyết định tên gọi các "
            "đơn vị trực thuộc («thôn, tổ dân phố», «xã, phường, thị trấn», «xã, phường, đặc khu» …) "
            "và tiêu đề cột của biểu; để trống để giữ cách gọi của báo cáo cấp huyện"
        ),
    )
    can_cu: list[VanBanTrichDan] = Field(
        default_factory=list,
        description="Văn bản cấp trên được thực hiện (câu «Thực hiện …» mở đầu; không bắt buộc)",
        max_length=MAX_ITEMS,
    )
    mo_dau: Text | None = Field(
        None,
        description="Câu tiếp theo sau «Thực hiện …», ví dụ «UBND thành phố báo cáo …, như sau:» "
        "(không bắt buộc)",
    )
    lanh_dao_chi_dao: LanhDaoChiDao | None = Field(
        None, description="Công tác lãnh đạo, chỉ đạo (không bắt buộc; các mục được đánh số lại)"
    )
    trien_khai: TrienKhai | None = Field(
        None, description="Quá trình triển khai thực hiện (không bắt buộc)"
    )
    ket_qua: KetQua = Field(description="Kết quả thực hiện")
    danh_gia: DanhGia | None = Field(None, description="Đánh giá chung (không bắt buộc)")
    de_xuat: Paragraphs = Field(
        default_factory=list, description="Đề xuất, kiến nghị (không bắt buộc)"
    )
    ket_luan: Text | None = Field(
        None,
        description="Câu kết «Trên đây là …»; để trống để dùng câu mặc định theo trích yếu",
    )
    bieu_tong_hop: BieuTongHop | None = Field(
        None,
        description=(
            "Biểu tổng hợp chi tiết theo xã, phường, thị trấn, in thành phụ lục; "
            "các dòng ghi trực tiếp («dong») hoặc đọc từ tệp .xlsx/.csv («tep»)"
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _totals_from_table(cls, data: Any) -> Any:
        """Counts left out of ``ket_qua`` are the table's sums (checked after)."""
        if not isinstance(data, dict) or data.get("bieu_tong_hop") is None:
            return data
        ket_qua = data.get("ket_qua") or {}  # all of it may come from the table
        if not isinstance(ket_qua, dict):
            return data
        try:
            sums = tong_cac_dong(BieuTongHop.model_validate(data["bieu_tong_hop"]).dong)
        except ValidationError:
            return data  # the table's own errors are reported by the normal validation
        filled = {**ket_qua}
        filled.setdefault("tong_so_ho", sums.tong_so_ho)
        filled.setdefault("co_bieu_kem_theo", True)
        if sums.so_khau is not None:
            filled.setdefault("tong_so_khau", sums.so_khau)
        for key, this_year, last_year, persons, last_persons in (
            ("ho_ngheo", sums.ho_ngheo, sums.nam_truoc_ho_ngheo, sums.khau_ngheo,
             sums.nam_truoc_khau_ngheo),
            ("ho_can_ngheo", sums.ho_can_ngheo, sums.nam_truoc_ho_can_ngheo, sums.khau_can_ngheo,
             sums.nam_truoc_khau_can_ngheo),
        ):
            group = filled.get(key, {})
            if not isinstance(group, dict):
                continue
            group = {**group}
            group.setdefault("so_ho", this_year)
            if persons is not None:
                group.setdefault("so_khau", persons)
            previous = group.get("nam_truoc", {} if last_year is not None else None)
            if isinstance(previous, dict) and last_year is not None:
                previous = {**previous, "so_ho": previous.get("so_ho", last_year)}
                if last_persons is not None:
                    previous.setdefault("so_khau", last_persons)
                group["nam_truoc"] = previous
            filled[key] = group
        return {**data, "ket_qua": filled}
