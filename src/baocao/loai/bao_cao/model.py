"""The generic types ``bao-cao`` and ``cong-van``: the official frame with a free body.

Any report can be written in YAML without a plugin: sections (I., II.), their
subsections (1., 2.) and points (a), b)), with paragraphs (``**đậm**``,
``*nghiêng*``), dash lists and simple tables.  The numbers are generated, never
typed.  Within one level the order is fixed: paragraphs, the dash list, tables,
then the next level down.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from baocao.formatting import format_number
from baocao.frame.model import Block, Text, VanBanHanhChinh

Paragraphs = list[Text]
"""Paragraphs of narrative; ``**đậm**`` and ``*nghiêng*`` mark bold and italic runs."""


def _cell_text(value: object) -> object:
    """Numbers in a table are written the Vietnamese way: 12299 -> "12.299"; 1.5 -> "1,5"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return format_number(value)
    return value


Cell = Annotated[str, BeforeValidator(_cell_text)]
"""A table cell: text, or a number written the Vietnamese way (may be empty)."""


class Bang(Block):
    """A simple table: a header row and rows of cells."""

    tieu_de: Text | None = Field(None, description="Tên bảng, in đậm ở giữa phía trên bảng")
    don_vi_tinh: Text | None = Field(None, description="Đơn vị tính, ví dụ «hộ», in nghiêng bên phải")
    cot: list[Text] = Field(description="Tiêu đề các cột", min_length=1, max_length=12)
    dong: list[list[Cell]] = Field(
        description="Các dòng, mỗi dòng một danh sách ô (số ô bằng số cột)", min_length=1
    )

    @model_validator(mode="after")
    def _rectangular(self) -> Bang:
        for index, row in enumerate(self.dong, start=1):
            if len(row) != len(self.cot):
                raise ValueError(
                    f"dòng {index} của bảng có {len(row)} ô, nhưng bảng có {len(self.cot)} cột"
                )
        return self


class Diem(Block):
    """A point a), b), …: a line (``tieu_de``), maybe paragraphs and a dash list."""

    tieu_de: Text = Field(description="Nội dung dòng «a) …»")
    doan: Paragraphs = Field(default_factory=list, description="Các đoạn văn tiếp theo")
    danh_sach: list[Text] = Field(default_factory=list, description="Các ý gạch đầu dòng «- …»")

    @model_validator(mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        return {"tieu_de": value} if isinstance(value, str) else value


class Muc(Block):
    """A subsection 1., 2., …"""

    tieu_de: Text = Field(description="Tên mục, in đậm sau số thứ tự «1.», ví dụ «Kết quả đạt được»")
    doan: Paragraphs = Field(default_factory=list, description="Các đoạn văn")
    danh_sach: list[Text] = Field(default_factory=list, description="Các ý gạch đầu dòng «- …»")
    bang: list[Bang] = Field(default_factory=list, description="Các bảng")
    diem: list[Diem] = Field(default_factory=list, description="Các điểm a), b), …")


class Phan(Block):
    """A section I., II., … (its title is printed in capitals)."""

    tieu_de: Text = Field(description="Tên phần, in hoa đậm sau số La Mã, ví dụ «Kết quả thực hiện»")
    doan: Paragraphs = Field(default_factory=list, description="Các đoạn văn")
    danh_sach: list[Text] = Field(default_factory=list, description="Các ý gạch đầu dòng «- …»")
    bang: list[Bang] = Field(default_factory=list, description="Các bảng")
    muc: list[Muc] = Field(default_factory=list, description="Các mục 1., 2., …")


class VanBanTuDo(VanBanHanhChinh):
    """The free body shared by ``bao-cao`` and ``cong-van``."""

    mo_dau: Paragraphs = Field(
        default_factory=list, description="Các đoạn mở đầu, trước phần I (ví dụ «Thực hiện …»)"
    )
    noi_dung: list[Phan] = Field(default_factory=list, description="Các phần I., II., …")
    ket_thuc: Paragraphs = Field(
        default_factory=list, description="Các đoạn kết, ví dụ «Trên đây là báo cáo …./.»"
    )


class BaoCao(VanBanTuDo):
    """Báo cáo (or any document with a tên loại: Tờ trình, Kế hoạch, …) with a free body."""

    loai: Literal["bao-cao"] = Field("bao-cao", description="Loại báo cáo: «bao-cao»")
    noi_dung: list[Phan] = Field(description="Các phần I., II., …", min_length=1)
