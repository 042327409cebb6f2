"""What ``ke-hoach`` prints: its whole body as shared blocks, for the filter ``khoi``.

The bases (one paragraph each), the opening, the body — the plan's parts turned into
the headings, paragraphs and lists they stand for — and the closing sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypedDict

from baocao.body.model import DanhSach, DanhSo, Diem, Doan, Khoan, Muc, TieuKhoan, Y
from baocao.body.text import Block
from baocao.formatting import DateStyle, format_citation, format_day
from baocao.loai.ke_hoach.model import CanCuNguyenVan, CanCuVanBan, KeHoach
from baocao.loai.ke_hoach.parts import (
    PARTS,
    DiemKeHoach,
    KhoanKeHoach,
    KinhPhi,
    MucDichYeuCau,
    MucKeHoach,
    NhanPhanCong,
    PhanCong,
    ThoiGian,
    TieuKhoanKeHoach,
    ToChucThucHien,
)

HEADINGS: dict[str, type[Block]] = {"muc": Muc, "khoan": Khoan, "tieu_khoan": TieuKhoan, "diem": Diem}
"""The shared heading of each level."""

BELOW = {None: "muc", "muc": "khoan", "khoan": "diem", "tieu_khoan": "diem"}
"""The level of a part (and of a part's sub-headings) under each level: I., then 1., then a)."""

_OWN_END = re.compile(r"[.;:,!?]$")


class NguCanh(TypedDict):
    """What the hook adds."""

    than_van_ban: list[Any]


def base_line(base: CanCuNguyenVan | CanCuVanBan, *, ngay_dai: bool = False) -> str:
    """A base's paragraph: as written, or the citation with its lead word and a ";"
    (unless its text ends with a mark of its own).

    >>> import datetime as dt
    >>> base = CanCuVanBan(loai="Chỉ thị", so_ky_hieu="21/CT-TTg", ngay=dt.date(2022, 11, 25),
    ...                    co_quan="Thủ tướng", trich_yeu="về chi trả", tien_to="Thực hiện")
    >>> base_line(base, ngay_dai=True)
    'Thực hiện Chỉ thị số 21/CT-TTg ngày 25 tháng 11 năm 2022 của Thủ tướng về chi trả;'
    >>> base_line(base.model_copy(update={"trich_yeu": "về chi trả."}))
    'Thực hiện Chỉ thị số 21/CT-TTg ngày 25/11/2022 của Thủ tướng về chi trả.'
    >>> base_line(CanCuNguyenVan(nguyen_van="Căn cứ Luật Tổ chức chính quyền địa phương;"))
    'Căn cứ Luật Tổ chức chính quyền địa phương;'
    """
    if isinstance(base, CanCuNguyenVan):
        return base.nguyen_van
    text = format_citation(base.loai, base.so_ky_hieu, base.ngay, base.trich_yeu, co_quan=base.co_quan,
                           style="long" if ngay_dai else "short")
    line = f"{base.tien_to} {text}"
    return line if _OWN_END.search(line) else f"{line};"


class _Converter:
    """Turns a plan's blocks into shared blocks."""

    def __init__(self, report: KeHoach) -> None:
        self.labels: NhanPhanCong = report.nhan_phan_cong
        self.date_style: DateStyle = "long" if report.ngay_dai else "short"

    def blocks(self, blocks: Iterable[Any], level: str | None) -> list[Any]:
        """``blocks`` (inside a heading of ``level``; None at the top) as shared blocks."""
        out: list[Any] = []
        for block in blocks:
            out.extend(self.block(block, level))
        return out

    def block(self, block: Any, level: str | None) -> list[Any]:
        for kind, model in (("muc", MucKeHoach), ("khoan", KhoanKeHoach), ("tieu_khoan", TieuKhoanKeHoach),
                            ("diem", DiemKeHoach)):
            if isinstance(block, model):
                return [self.heading(kind, block.title, self.blocks(block.noi_dung, kind), block.so)]
        if isinstance(block, PhanCong):
            return [self.assignment(block)]
        if not isinstance(block, PARTS):
            return [block]  # a shared block as it is
        here = BELOW[level]  # parts sit at the top or in a mục (their types say so)
        if isinstance(block, MucDichYeuCau):
            part = block.muc_dich_yeu_cau
            below = BELOW[here]
            subs = [self.heading(below, content.ten or default, self.blocks(content.noi_dung, below))
                    for content, default in ((part.muc_dich, "Mục đích"), (part.yeu_cau, "Yêu cầu"))
                    if content is not None]
            return [self.heading(here, part.ten or "Mục đích, yêu cầu", subs, part.so)]
        if isinstance(block, ThoiGian):
            time = block.thoi_gian
            period = time.period()
            lines: list[Any] = []
            if period is not None:
                start, end = (format_day(d, style=self.date_style) for d in period)
                lines.append(Doan(doan=f"Từ {start} đến hết {end}."))
            lines += self.blocks(time.noi_dung, here)
            return [self.heading(here, time.ten or "Thời gian thực hiện", lines, time.so)]
        if isinstance(block, KinhPhi):
            money = block.kinh_phi
            return [self.heading(here, money.ten or "Kinh phí thực hiện", self.blocks(money.noi_dung, here),
                                 money.so)]
        if isinstance(block, ToChucThucHien):
            part2 = block.to_chuc_thuc_hien
            below = BELOW[here]
            content = self.blocks(part2.noi_dung, here)
            content += [self.heading(below, unit.don_vi, self.blocks(unit.nhiem_vu, below))
                        for unit in part2.don_vi]
            return [self.heading(here, part2.ten or "Tổ chức thực hiện", content, part2.so)]
        raise TypeError(f"phần kế hoạch chưa biết in: {type(block).__name__}")

    @staticmethod
    def heading(kind: str, title: str, content: list[Any], so: str | None = None) -> Any:
        return HEADINGS[kind](**{kind: title, "so": so, "noi_dung": content})

    def assignment(self, block: PhanCong) -> DanhSach:
        """The "- *Đơn vị chủ trì:* …." lines."""
        return DanhSach(danh_sach=[Y(y=f"*{label}:* {value}.")
                                   for label, value in block.phan_cong.lines(self.labels)])


def last_text(blocks: list[Any]) -> str:
    """The text of the last paragraph or list item of ``blocks`` (headings' blocks included).

    >>> last_text([Muc(muc="Tổ chức thực hiện", noi_dung=["Yêu cầu các đơn vị thực hiện./."])])
    'Yêu cầu các đơn vị thực hiện./.'
    >>> last_text([DanhSach(danh_sach=["A", {"y": "B", "danh_sach": ["C."]}])]), last_text([])
    ('C.', '')
    """
    if not blocks:
        return ""
    block = blocks[-1]
    if isinstance(block, Doan):
        return block.doan
    if isinstance(block, DanhSach | DanhSo):
        item = (block.danh_sach if isinstance(block, DanhSach) else block.danh_so)[-1]
        while item.danh_sach:
            item = item.danh_sach[-1]
        return item.y
    return last_text(list(getattr(block, "noi_dung", [])))


def body_blocks(report: KeHoach) -> list[Any]:
    """The plan's body as shared blocks: bases, opening, body, closing.

    Without ``ket_luan`` the default closing sentence ends the plan — unless the body
    already ends with one ("./.", the decree's end of content: a pasted body has it)."""
    out: list[Any] = [Doan(doan=base_line(b, ngay_dai=report.ngay_dai)) for b in report.can_cu]
    if report.mo_dau:
        out.append(Doan(doan=report.mo_dau))
    out += _Converter(report).blocks(report.noi_dung, None)
    if report.ket_luan:
        out.append(Doan(doan=report.ket_luan))
    elif not last_text(out).rstrip().endswith("./."):
        out.append(Doan(doan=(
            "Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị "
            f"kịp thời báo cáo về {report.co_quan.ten_goi_tat} để xem xét, chỉ đạo giải quyết./."
        )))
    return out


def context(report: KeHoach) -> NguCanh:
    """The template variables this type adds to the model's fields."""
    return {"than_van_ban": body_blocks(report)}
