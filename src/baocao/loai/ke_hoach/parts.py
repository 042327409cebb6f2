"""The typed parts of a plan: optional helpers among the blocks of its free body.

A plan's ``noi_dung`` is the shared blocks (:mod:`baocao.body.model`) in document
order.  Where the plan has one of the parts plans usually have, a helper block writes
it with its usual heading and shape, worded as the plan words it (``ten``)::

    noi_dung:
      - muc_dich_yeu_cau: {muc_dich: […], yeu_cau: […]}   # I. MỤC ĐÍCH, YÊU CẦU / 1. Mục đích …
      - muc: Đối tượng, thời gian thực hiện
        noi_dung:
          - thoi_gian: {ten: Thời gian thi đua, noi_dung: […]}   # 2. Thời gian thi đua
      - kinh_phi: [Kinh phí thực hiện từ nguồn …]           # III. KINH PHÍ THỰC HIỆN
      - to_chuc_thuc_hien:                                  # IV. TỔ CHỨC THỰC HIỆN
          - {don_vi: Sở Y tế, nhiem_vu: […]}                #   1. Sở Y tế
      # inside any heading:
      - phan_cong: {chu_tri: Sở Y tế, phoi_hop: Sở Nội vụ}  # - Đơn vị chủ trì: Sở Y tế.

A part is a heading one level below where it sits: a mục (I.) at the top of the body,
a khoản (1.) inside a mục; its own sub-headings (1. Mục đích, the units of Tổ chức thực
hiện) one level further (1., or a) under a khoản).  Parts sit at the top or in a mục;
``phan_cong`` (the "chủ trì / phối hợp / thời gian" lines) anywhere.

The heading blocks are the shared ones whose ``noi_dung`` also takes these parts; the
context hook (:mod:`baocao.loai.ke_hoach.context`) turns everything into shared blocks
for the filter ``khoi``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BeforeValidator, Discriminator, Field, Tag, field_validator, model_validator

from baocao.body.model import (
    LABELS,
    Bang,
    DanhSach,
    DanhSo,
    Diem,
    Doan,
    Khoan,
    Muc,
    NgatTrang,
    TieuKhoan,
)
from baocao.body.model import RULES as BODY_RULES
from baocao.body.text import MAX_ITEMS
from baocao.consistency import RuleTable
from baocao.frame.model import Block, Text, check_period
from baocao.frame.model import Ngay as NgayThang

RULES = RuleTable(__name__, [
    ("khoi-la-ke-hoach", "error", "mô hình dữ liệu",
     "khối nội dung không rõ loại: một khối là một đoạn văn (chuỗi) hoặc có đúng một khóa chính "
     "trong muc, khoan, tieu_khoan, diem, doan, danh_sach, danh_so, bang, ngat_trang, phan_cong"
     "{phan}"),
    ("phan-rong", "error", "mô hình dữ liệu", "{phan} cần ít nhất một trong: {khoa}"),
])
"""The problems the plan's blocks raise."""

_PART_KEYS = ", muc_dich_yeu_cau, thoi_gian, kinh_phi, to_chuc_thuc_hien"
_NOT_HERE = (" (các phần muc_dich_yeu_cau, thoi_gian, kinh_phi, to_chuc_thuc_hien chỉ đặt ở đầu "
             "nội dung hoặc trong một «muc»)")


def _unlabelled(text: str) -> str:
    """A part's heading text without a typed label («1. Sở Y tế»): the frame numbers it."""
    for kind in ("muc", "tieu_khoan", "khoan", "diem"):
        match = LABELS[kind].match(text)
        if match is not None:
            raise BODY_RULES.error("nhan-lap", nhan=match["nhan"], loai="đề mục", goi_y="")
    return text


Heading = Annotated[Text, BeforeValidator(lambda v: _unlabelled(v) if isinstance(v, str) else v)]
"""A heading as the plan words it, without its number."""


def _paragraph(value: object) -> object:
    return {"doan": value} if isinstance(value, str) else value


def _as_content(value: object) -> object:
    """A part given as its blocks (a list, or one paragraph) instead of a mapping."""
    if isinstance(value, str):
        return {"noi_dung": [value]}
    if isinstance(value, list):
        return {"noi_dung": value}
    return value


# --- assignment lines -----------------------------------------------------------------------


class NhanPhanCong(Block):
    """The labels of the assignment lines, as the plan words them."""

    chu_tri: Text = Field("Đơn vị chủ trì", description="Nhãn dòng chủ trì, ví dụ «Cơ quan chủ trì»")
    phoi_hop: Text = Field("Đơn vị phối hợp", description="Nhãn dòng phối hợp, ví dụ «Cơ quan phối hợp»")
    thoi_gian: Text = Field(
        "Thời gian thực hiện", description="Nhãn dòng thời gian, ví dụ «Thời gian hoàn thành»"
    )


class PhanCongDuLieu(Block):
    """Who leads, who joins, and when: printed as "- Đơn vị chủ trì: …." lines."""

    chu_tri: Text | None = Field(None, description="Cơ quan, đơn vị chủ trì")
    phoi_hop: Text | None = Field(None, description="Cơ quan, đơn vị phối hợp")
    thoi_gian: Text | None = Field(None, description="Thời gian thực hiện, ví dụ «Trước ngày 30/9/2023»")

    @field_validator("chu_tri", "phoi_hop", "thoi_gian")
    @classmethod
    def _no_end_mark(cls, value: str | None) -> str | None:
        """The line ends with "." itself."""
        return value.rstrip(".;").strip() if value else value

    @model_validator(mode="after")
    def _something(self) -> PhanCongDuLieu:
        if not (self.chu_tri or self.phoi_hop or self.thoi_gian):
            raise RULES.error("phan-rong", phan="«phan_cong»", khoa="chu_tri, phoi_hop, thoi_gian")
        return self

    def lines(self, labels: NhanPhanCong) -> list[tuple[str, str]]:
        """(label, value) of each line given, in the order plans print them."""
        pairs = ((labels.chu_tri, self.chu_tri), (labels.phoi_hop, self.phoi_hop),
                 (labels.thoi_gian, self.thoi_gian))
        return [(label, value) for label, value in pairs if value]


class PhanCong(Block):
    """The assignment lines block."""

    phan_cong: PhanCongDuLieu = Field(
        description="Các dòng «Đơn vị chủ trì: …», «Đơn vị phối hợp: …», «Thời gian thực hiện: …»"
    )


# --- headings that hold parts ---------------------------------------------------------------


class MucKeHoach(Muc):
    """A section "I. …" of a plan: its blocks may hold the plan's parts."""

    noi_dung: list[KhoiKeHoach] = Field(  # type: ignore[assignment]
        default_factory=list, max_length=MAX_ITEMS,
        description="Các khối nội dung của mục (kể cả các phần thoi_gian, kinh_phi …)",
    )


class KhoanKeHoach(Khoan):
    """A subsection "1. …" of a plan."""

    noi_dung: list[KhoiNhiemVu] = Field(  # type: ignore[assignment]
        default_factory=list, max_length=MAX_ITEMS, description="Các khối nội dung của khoản"
    )


class TieuKhoanKeHoach(TieuKhoan):
    """A sub-subsection "1.1. …" of a plan."""

    noi_dung: list[KhoiNhiemVu] = Field(  # type: ignore[assignment]
        default_factory=list, max_length=MAX_ITEMS, description="Các khối nội dung của tiểu khoản"
    )


class DiemKeHoach(Diem):
    """A point "a) …" of a plan."""

    noi_dung: list[KhoiNhiemVu] = Field(  # type: ignore[assignment]
        default_factory=list, max_length=MAX_ITEMS, description="Các khối nội dung của điểm"
    )


# --- the parts ------------------------------------------------------------------------------


class Phan(Block):
    """A sub-part with its heading (default per part) and its blocks."""

    ten: Heading | None = Field(None, description="Tên đề mục như kế hoạch ghi (mặc định theo phần)")
    noi_dung: list[KhoiNhiemVu] = Field(min_length=1, max_length=MAX_ITEMS, description="Các khối nội dung")


Content = Annotated[Phan, BeforeValidator(_as_content)]
"""A sub-part: its blocks (a list), or ``{ten: …, noi_dung: […]}``."""


class _Part(Block):
    ten: Heading | None = Field(None, description="Tên đề mục như kế hoạch ghi (mặc định theo phần)")
    so: Text | None = Field(None, description="Nhãn in đúng như ghi, ví dụ «III.» (các đề mục sau đánh tiếp)")


class MucDichYeuCauDuLieu(_Part):
    """Mục đích, yêu cầu: "1. Mục đích", "2. Yêu cầu", each with its blocks."""

    muc_dich: Content | None = Field(None, description="1. Mục đích: các khối, hoặc {ten, noi_dung}")
    yeu_cau: Content | None = Field(None, description="2. Yêu cầu: các khối, hoặc {ten, noi_dung}")

    @model_validator(mode="after")
    def _something(self) -> MucDichYeuCauDuLieu:
        if self.muc_dich is None and self.yeu_cau is None:
            raise RULES.error("phan-rong", phan="«muc_dich_yeu_cau»", khoa="muc_dich, yeu_cau")
        return self


class ThoiGianDuLieu(_Part):
    """Thời gian thực hiện: a period and/or blocks (milestones)."""

    tu_ngay: NgayThang | None = Field(None, description="Từ ngày (YYYY-MM-DD)")
    den_ngay: NgayThang | None = Field(None, description="Đến hết ngày (YYYY-MM-DD)")
    noi_dung: list[KhoiNhiemVu] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Các mốc, giai đoạn (các khối)"
    )

    @model_validator(mode="after")
    def _something(self) -> ThoiGianDuLieu:
        if (self.tu_ngay is None) != (self.den_ngay is None):
            raise ValueError("cần cả «tu_ngay» và «den_ngay», hoặc bỏ cả hai")
        if self.tu_ngay and self.den_ngay:
            check_period(self.tu_ngay, self.den_ngay)
        if self.tu_ngay is None and not self.noi_dung:
            raise ValueError("cần «tu_ngay» và «den_ngay», hoặc các khối «noi_dung»")
        return self

    def period(self) -> tuple[dt.date, dt.date] | None:
        """(from, to) when the part gives a period."""
        return (self.tu_ngay, self.den_ngay) if self.tu_ngay and self.den_ngay else None


class KinhPhiDuLieu(_Part):
    """Kinh phí thực hiện: its blocks."""

    noi_dung: list[KhoiNhiemVu] = Field(min_length=1, max_length=MAX_ITEMS, description="Các khối nội dung")


class DonVi(Block):
    """A unit's responsibilities under Tổ chức thực hiện: a heading "1. <unit>" and its blocks."""

    don_vi: Heading = Field(description="Tên cơ quan, đơn vị, ví dụ «Sở Nông nghiệp và Môi trường»")
    nhiem_vu: list[KhoiNhiemVu] = Field(
        min_length=1, max_length=MAX_ITEMS, description="Trách nhiệm của đơn vị (các khối)"
    )


def _units(value: object) -> object:
    return {"don_vi": value} if isinstance(value, list) else value


class ToChucThucHienDuLieu(_Part):
    """Tổ chức thực hiện: blocks, then each unit under its own heading."""

    noi_dung: list[KhoiNhiemVu] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description="Các khối trước các đơn vị (hoặc cả phần, khi kế hoạch không chia theo đơn vị)",
    )
    don_vi: list[DonVi] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="Các đơn vị, mỗi đơn vị một đề mục"
    )

    @model_validator(mode="after")
    def _something(self) -> ToChucThucHienDuLieu:
        if not (self.noi_dung or self.don_vi):
            raise RULES.error("phan-rong", phan="«to_chuc_thuc_hien»", khoa="noi_dung, don_vi")
        return self


class MucDichYeuCau(Block):
    """The part block «muc_dich_yeu_cau»."""

    muc_dich_yeu_cau: MucDichYeuCauDuLieu = Field(description="Mục đích, yêu cầu")


class ThoiGian(Block):
    """The part block «thoi_gian»."""

    thoi_gian: Annotated[ThoiGianDuLieu, BeforeValidator(_as_content)] = Field(
        description="Thời gian thực hiện: {tu_ngay, den_ngay, noi_dung}, hoặc các khối"
    )


class KinhPhi(Block):
    """The part block «kinh_phi»."""

    kinh_phi: Annotated[KinhPhiDuLieu, BeforeValidator(_as_content)] = Field(
        description="Kinh phí thực hiện: các khối, hoặc {ten, noi_dung}"
    )


class ToChucThucHien(Block):
    """The part block «to_chuc_thuc_hien»."""

    to_chuc_thuc_hien: Annotated[ToChucThucHienDuLieu, BeforeValidator(_units)] = Field(
        description="Tổ chức thực hiện: danh sách đơn vị {don_vi, nhiem_vu}, hoặc {ten, noi_dung, don_vi}"
    )


PARTS = (MucDichYeuCau, ThoiGian, KinhPhi, ToChucThucHien)
"""The part blocks (headings of their own)."""

_TAGS: dict[str, str] = {
    "muc": "Muc", "khoan": "Khoan", "tieu_khoan": "TieuKhoan", "diem": "Diem", "doan": "Doan",
    "danh_sach": "DanhSach", "danh_so": "DanhSo", "bang": "Bang", "ngat_trang": "NgatTrang",
    "phan_cong": "PhanCong", "muc_dich_yeu_cau": "MucDichYeuCau", "thoi_gian": "ThoiGian",
    "kinh_phi": "KinhPhi", "to_chuc_thuc_hien": "ToChucThucHien",
}


def _kinds(allowed: frozenset[str]) -> Callable[[Any], str | None]:
    """The discriminator of a union of the blocks tagged ``allowed``."""
    def kind(value: Any) -> str | None:
        if isinstance(value, str):
            return "Doan"
        if isinstance(value, dict | Block):
            keys = value if isinstance(value, dict) else type(value).model_fields
            found = [_TAGS[k] for k in keys if k in _TAGS]
            if len(found) == 1 and found[0] in allowed:
                return found[0]
        return None
    return kind


_PART_TAGS = frozenset({"MucDichYeuCau", "ThoiGian", "KinhPhi", "ToChucThucHien"})
_SHARED_TAGS = frozenset(_TAGS.values()) - _PART_TAGS


_SHARED = (
    Annotated[MucKeHoach, Tag("Muc")]
    | Annotated[KhoanKeHoach, Tag("Khoan")]
    | Annotated[TieuKhoanKeHoach, Tag("TieuKhoan")]
    | Annotated[DiemKeHoach, Tag("Diem")]
    | Annotated[Doan, Tag("Doan")]
    | Annotated[DanhSach, Tag("DanhSach")]
    | Annotated[DanhSo, Tag("DanhSo")]
    | Annotated[Bang, Tag("Bang")]
    | Annotated[NgatTrang, Tag("NgatTrang")]
    | Annotated[PhanCong, Tag("PhanCong")]
)

KhoiNhiemVu = Annotated[
    _SHARED,
    Discriminator(_kinds(_SHARED_TAGS), custom_error_type="khoi-la-ke-hoach",
                  custom_error_message=RULES.message("khoi-la-ke-hoach", phan=_NOT_HERE)),
    BeforeValidator(_paragraph),
]
"""A block inside a khoản, a point or a part: the shared blocks and ``phan_cong``."""

KhoiKeHoach = Annotated[
    _SHARED
    | Annotated[MucDichYeuCau, Tag("MucDichYeuCau")]
    | Annotated[ThoiGian, Tag("ThoiGian")]
    | Annotated[KinhPhi, Tag("KinhPhi")]
    | Annotated[ToChucThucHien, Tag("ToChucThucHien")],
    Discriminator(_kinds(_SHARED_TAGS | _PART_TAGS), custom_error_type="khoi-la-ke-hoach",
                  custom_error_message=RULES.message("khoi-la-ke-hoach", phan=_PART_KEYS)),
    BeforeValidator(_paragraph),
]
"""A block at the top of a plan's body or in a mục: also the plan's parts."""

for _model in (MucKeHoach, KhoanKeHoach, TieuKhoanKeHoach, DiemKeHoach, Phan, ThoiGianDuLieu,
               KinhPhiDuLieu, DonVi, ToChucThucHienDuLieu, MucDichYeuCauDuLieu):
    _model.model_rebuild()
