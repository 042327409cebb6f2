"""Report type ``ra-soat-ho-ngheo``: the yearly review of poor and near-poor households.

The domain is ../shared/spec/ra-soat-ho-ngheo.md.  Counts are typed; every rate,
change and the plan verdict are computed (see :mod:`baocao.reports.ra_soat_ho_ngheo`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from baocao.models.blocks import Block, Text, VanBanHanhChinh, VanBanTrichDan

Paragraphs = list[Text]
"""Paragraphs of narrative; ``**đậm**`` and ``*nghiêng*`` mark bold and italic runs."""


class LanhDaoChiDao(Block):
    """I. Công tác lãnh đạo, chỉ đạo."""

    noi_dung: Paragraphs = Field(
        description="Các đoạn văn về công tác lãnh đạo, chỉ đạo", min_length=1
    )
    dan_nhap_van_ban: Text | None = Field(
        None,
        description="Câu dẫn trước danh sách văn bản đã ban hành, ví dụ «Ban hành các văn bản …, cụ thể:»",
    )
    van_ban_ban_hanh: list[VanBanTrichDan] = Field(
        default_factory=list, description="Các văn bản chỉ đạo đã ban hành"
    )


class ThoiGian(Block):
    """A period: from one date to another."""

    tu_ngay: dt.date = Field(description="Từ ngày (YYYY-MM-DD)")
    den_ngay: dt.date = Field(description="Đến hết ngày (YYYY-MM-DD)")

    @model_validator(mode="after")
    def _ordered(self) -> ThoiGian:
        if self.tu_ngay > self.den_ngay:
            raise ValueError(
                f"«tu_ngay» ({self.tu_ngay:%d/%m/%Y}) phải trước hoặc bằng "
                f"«den_ngay» ({self.den_ngay:%d/%m/%Y})"
            )
        return self


class PhamVi(Block):
    """The units covered: 117/117 thôn, tổ dân phố."""

    so_don_vi_ra_soat: int = Field(description="Số thôn, tổ dân phố đã rà soát", ge=0)
    tong_so_don_vi: int = Field(description="Tổng số thôn, tổ dân phố trên địa bàn", ge=1)
    ten_don_vi: Text = Field(
        "thôn, tổ dân phố", description="Tên gọi đơn vị rà soát, ví dụ «thôn, tổ dân phố»"
    )

    @model_validator(mode="after")
    def _within(self) -> PhamVi:
        if self.so_don_vi_ra_soat > self.tong_so_don_vi:
            raise ValueError(
                f"số đơn vị đã rà soát ({self.so_don_vi_ra_soat}) lớn hơn tổng số "
                f"({self.tong_so_don_vi})"
            )
        return self


class TrienKhai(Block):
    """II. Quá trình triển khai thực hiện."""

    chuan_bi: Paragraphs = Field(
        description="1. Công tác chuẩn bị rà soát: các đoạn (ở từng cấp)", min_length=1
    )
    pham_vi: PhamVi = Field(description="Số đơn vị đã rà soát trên tổng số")
    thoi_gian: ThoiGian = Field(description="Thời gian tổ chức rà soát")
    kiem_tra_giam_sat: Paragraphs = Field(
        default_factory=list, description="Các đoạn về kiểm tra, giám sát trong thời gian rà soát"
    )


class NamTruoc(Block):
    """Last year's approved figures for one class of households."""

    so_ho: int = Field(description="Số hộ năm trước", ge=0)
    tong_so_ho: int | None = Field(
        None, description="Tổng số hộ dân năm trước (mẫu số của tỷ lệ năm trước)", ge=1
    )
    ty_le: Decimal | None = Field(
        None,
        description="Tỷ lệ năm trước (%), dùng nguyên như đã công bố khi không có tổng số hộ",
        ge=0,
        le=100,
    )


class NhomHo(Block):
    """One class of households (poor or near-poor): this year's count, last year's."""

    so_ho: int = Field(description="Số hộ năm nay", ge=0)
    ty_le: Decimal | None = Field(
        None,
        description="Tỷ lệ (%) nếu muốn ghi để đối chiếu; luôn được tính lại từ số hộ",
        ge=0,
        le=100,
    )
    nam_truoc: NamTruoc | None = Field(None, description="Số liệu năm trước để so sánh")


class ChiTieu(Block):
    """The plan target for the year (kế hoạch giảm … hộ nghèo)."""

    giam_ho_ngheo: int = Field(description="Số hộ nghèo kế hoạch giao giảm trong năm", ge=0)


class KetQua(Block):
    """III. Kết quả thực hiện."""

    tong_so_ho: int = Field(description="Tổng số hộ dân trên địa bàn", ge=1)
    ho_ngheo: NhomHo = Field(description="Hộ nghèo")
    ho_can_ngheo: NhomHo = Field(description="Hộ cận nghèo")
    chi_tieu: ChiTieu | None = Field(None, description="Chỉ tiêu kế hoạch giảm nghèo")
    co_bieu_kem_theo: bool = Field(
        False, description="Có biểu tổng hợp chi tiết kèm theo (in dòng ghi chú)"
    )
    nhan_xet: Paragraphs = Field(
        default_factory=list,
        description="Các đoạn nhận xét thêm, sau câu nhận xét tính từ số liệu",
    )


class DanhGia(Block):
    """IV. Đánh giá chung."""

    thuan_loi: Paragraphs = Field(description="1. Thuận lợi", min_length=1)
    han_che: Paragraphs = Field(description="2. Hạn chế và nguyên nhân", min_length=1)


class BaoCaoRaSoatHoNgheo(VanBanHanhChinh):
    """Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo (cấp huyện, thành phố)."""

    loai: Literal["ra-soat-ho-ngheo"] = Field(
        "ra-soat-ho-ngheo", description="Loại báo cáo: «ra-soat-ho-ngheo»"
    )
    trang_thai: Literal["so_bo", "chinh_thuc", "phuc_tra"] = Field(
        description="Tình trạng số liệu: so_bo (sơ bộ), chinh_thuc (chính thức), phuc_tra (sau phúc tra)"
    )
    nam: int = Field(description="Năm rà soát", ge=2000, le=2200)
    dia_ban: Text = Field(description="Tên địa bàn trong câu văn, ví dụ «thành phố Bắc Kạn»")
    can_cu: list[VanBanTrichDan] = Field(
        description="Văn bản cấp trên được thực hiện (câu «Thực hiện …» mở đầu)", min_length=1
    )
    mo_dau: Text = Field(
        description="Câu tiếp theo sau «Thực hiện …», ví dụ «UBND thành phố báo cáo …, như sau:»"
    )
    lanh_dao_chi_dao: LanhDaoChiDao = Field(description="I. Công tác lãnh đạo, chỉ đạo")
    trien_khai: TrienKhai = Field(description="II. Quá trình triển khai thực hiện")
    ket_qua: KetQua = Field(description="III. Kết quả thực hiện")
    danh_gia: DanhGia = Field(description="IV. Đánh giá chung")
    de_xuat: Paragraphs = Field(
        default_factory=list, description="V. Đề xuất, kiến nghị (không bắt buộc)"
    )
    ket_luan: Text | None = Field(
        None,
        description="Câu kết «Trên đây là …»; để trống để dùng câu mặc định theo trích yếu",
    )
