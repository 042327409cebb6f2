"""Report type ``ke-hoach``: a plan (Kế hoạch) as People's Committees write them.

The bases come first, one paragraph each ("Căn cứ …;", "Thực hiện …;"), as written or
as typed citations; then the opening sentence; then the body — the shared blocks in
document order, among which the plan's usual parts (mục đích, yêu cầu; thời gian;
kinh phí; tổ chức thực hiện; chủ trì / phối hợp lines) are optional helpers
(:mod:`baocao.loai.ke_hoach.parts`); then the closing sentence.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag

from baocao.body.text import MAX_ITEMS
from baocao.frame.model import Block, Text, VanBanHanhChinh, VanBanTrichDan
from baocao.loai.ke_hoach.parts import KhoiKeHoach, NhanPhanCong


class CanCuVanBan(VanBanTrichDan):
    """A base of the plan as a typed citation: «Căn cứ Thông tư số … ngày … của … về …;»."""

    tien_to: Literal["Căn cứ", "Thực hiện"] = Field(
        "Căn cứ", description="Chữ mở đầu dòng: «Căn cứ» (mặc định) hoặc «Thực hiện»"
    )


def _as_written(value: object) -> object:
    return {"nguyen_van": value} if isinstance(value, str) else value


def _base_kind(value: object) -> str:
    written = isinstance(value, CanCuNguyenVan) or (isinstance(value, dict) and "nguyen_van" in value)
    return "NguyenVan" if written else "VanBan"


class CanCuNguyenVan(Block):
    """A base as written, printed as it is."""

    nguyen_van: Text = Field(description="Dòng căn cứ đúng như văn bản ghi, ví dụ «Căn cứ Luật …;»")


CanCu = Annotated[
    Annotated[CanCuNguyenVan, Tag("NguyenVan")] | Annotated[CanCuVanBan, Tag("VanBan")],
    Discriminator(_base_kind),
    BeforeValidator(_as_written),
]
"""A base: its line as written (a text), or a typed citation."""


class KeHoach(VanBanHanhChinh):
    """Kế hoạch: the bases, an opening, a free body with the plan's parts, a closing."""

    loai: Literal["ke-hoach"] = Field("ke-hoach", description="Loại văn bản: «ke-hoach»")
    ten_loai: Text = Field("Kế hoạch", description="Tên loại văn bản")
    can_cu: list[CanCu] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description=(
            "Các căn cứ, mỗi căn cứ một đoạn: dòng ghi đúng như văn bản («Căn cứ …;»), hoặc văn bản "
            "trích dẫn {tien_to, loai, so_ky_hieu, ngay, co_quan, trich_yeu} (in «…;» ở cuối)"
        ),
    )
    ngay_dai: bool = Field(
        False,
        description=(
            "Ghi ngày dạng dài («ngày 31 tháng 5 năm 2022») trong các căn cứ và thời gian thực hiện; "
            "mặc định dạng ngắn («31/5/2022»)"
        ),
    )
    mo_dau: Text | None = Field(
        None,
        description="Câu sau các căn cứ, ví dụ «UBND thành phố ban hành Kế hoạch …, cụ thể như sau:»",
    )
    noi_dung: list[KhoiKeHoach] = Field(
        min_length=1, max_length=MAX_ITEMS,
        description=(
            "Nội dung kế hoạch: các khối theo thứ tự in — đoạn văn, «muc», «khoan», «tieu_khoan», «diem», "
            "«danh_sach», «danh_so», «bang», «ngat_trang» — và các phần có sẵn: «muc_dich_yeu_cau», "
            "«thoi_gian», «kinh_phi», «to_chuc_thuc_hien», «phan_cong»"
        ),
    )
    nhan_phan_cong: NhanPhanCong = Field(
        default_factory=NhanPhanCong,
        description="Nhãn các dòng «phan_cong» như kế hoạch ghi, ví dụ {chu_tri: Cơ quan chủ trì}",
    )
    ket_luan: Text | None = Field(
        None,
        description=(
            "Câu kết; để trống: câu mặc định («Trong quá trình tổ chức thực hiện …»), trừ khi nội dung "
            "đã kết thúc bằng «./.»"
        ),
    )
