"""Report type ``ke-hoach``: a plan (Kế hoạch), as the Kế hoạch số 210/KH-UBND of the seed.

Sections: I. Mục đích, yêu cầu; II. Nội dung (tasks, each with its lead unit and
deadline); III. Thời gian thực hiện; IV. Kinh phí (optional); then Tổ chức thực hiện
(each unit's responsibilities).  The Roman numbers follow the sections present.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from baocao.frame.model import Block, Text, VanBanHanhChinh, VanBanTrichDan, check_period

Paragraphs = list[Text]
"""Paragraphs of narrative; ``**đậm**`` and ``*nghiêng*`` mark bold and italic runs."""


class MucDichYeuCau(Block):
    """I. Mục đích, yêu cầu."""

    muc_dich: Paragraphs = Field(description="1. Mục đích: các đoạn", min_length=1)
    yeu_cau: Paragraphs = Field(description="2. Yêu cầu: các đoạn", min_length=1)


class NhiemVu(Block):
    """One task of II. Nội dung."""

    tieu_de: Text = Field(description="Tên nhiệm vụ, in đậm sau số thứ tự, ví dụ «Công tác tuyên truyền»")
    doan: Paragraphs = Field(default_factory=list, description="Các đoạn mô tả nhiệm vụ")
    danh_sach: list[Text] = Field(default_factory=list, description="Các việc cụ thể (gạch đầu dòng)")
    chu_tri: Text | None = Field(None, description="Đơn vị chủ trì")
    phoi_hop: Text | None = Field(None, description="Đơn vị phối hợp")
    thoi_gian: Text | None = Field(None, description="Thời gian thực hiện, ví dụ «Trước ngày 30/9/2023»")

    @field_validator("chu_tri", "phoi_hop", "thoi_gian")
    @classmethod
    def _no_end_mark(cls, value: str | None) -> str | None:
        """The line ends with "." itself."""
        return value.rstrip(".;").strip() if value else value


class ThoiGianThucHien(Block):
    """III. Thời gian thực hiện: a period and/or paragraphs (milestones)."""

    tu_ngay: dt.date | None = Field(None, description="Từ ngày (YYYY-MM-DD)")
    den_ngay: dt.date | None = Field(None, description="Đến hết ngày (YYYY-MM-DD)")
    doan: Paragraphs = Field(default_factory=list, description="Các mốc, giai đoạn (các đoạn)")

    @model_validator(mode="after")
    def _something(self) -> ThoiGianThucHien:
        if (self.tu_ngay is None) != (self.den_ngay is None):
            raise ValueError("cần cả «tu_ngay» và «den_ngay», hoặc bỏ cả hai")
        if self.tu_ngay and self.den_ngay:
            check_period(self.tu_ngay, self.den_ngay)
        if self.tu_ngay is None and not self.doan:
            raise ValueError("cần «tu_ngay» và «den_ngay», hoặc các đoạn «doan»")
        return self


class DonViThucHien(Block):
    """A unit's responsibilities under Tổ chức thực hiện."""

    don_vi: Text = Field(description="Tên cơ quan, đơn vị, ví dụ «Phòng Lao động - Thương binh và Xã hội»")
    nhiem_vu: Paragraphs = Field(description="Trách nhiệm của đơn vị (các đoạn)", min_length=1)


class KeHoach(VanBanHanhChinh):
    """Kế hoạch: mục đích, yêu cầu; nội dung; thời gian; (kinh phí); tổ chức thực hiện."""

    loai: Literal["ke-hoach"] = Field("ke-hoach", description="Loại văn bản: «ke-hoach»")
    ten_loai: Text = Field("Kế hoạch", description="Tên loại văn bản")
    can_cu: list[VanBanTrichDan] = Field(
        default_factory=list, description="Văn bản được thực hiện (câu «Thực hiện …» mở đầu)"
    )
    mo_dau: Text = Field(
        description="Câu sau «Thực hiện …», ví dụ «UBND thành phố ban hành Kế hoạch …, cụ thể như sau:»"
    )
    muc_dich_yeu_cau: MucDichYeuCau = Field(description="I. Mục đích, yêu cầu")
    noi_dung: list[NhiemVu] = Field(description="II. Nội dung: các nhiệm vụ", min_length=1)
    thoi_gian: ThoiGianThucHien = Field(description="Thời gian thực hiện")
    kinh_phi: Paragraphs = Field(default_factory=list, description="Kinh phí thực hiện (không bắt buộc)")
    to_chuc_thuc_hien: list[DonViThucHien] = Field(
        description="Tổ chức thực hiện: trách nhiệm từng đơn vị", min_length=1
    )
    ket_luan: Text | None = Field(
        None, description="Câu kết; để trống để dùng câu mặc định («Trong quá trình thực hiện …»)"
    )
