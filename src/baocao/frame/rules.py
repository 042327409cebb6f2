"""Rules every administrative document follows (Decree 30/2020; Phụ lục III).

Their codes, severities and messages are the rows of :data:`RULES`; the frame's
model raises its own (:data:`baocao.frame.model.RULES`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from pydantic import BaseModel

from baocao.consistency import CheckContext, Problem, RuleTable
from baocao.document_types import (
    CONG_VAN,
    Symbol,
    abbreviation_of,
    look_alike,
    parse_symbol,
    without_look_alikes,
)
from baocao.formatting import format_date
from baocao.frame.model import NgayBanHanh, VanBanHanhChinh, VanBanTrichDan


def latest_issue_date(document: VanBanHanhChinh) -> dt.date:
    """The last day the document's issue date can be."""
    return latest_issue_date_of(document.ngay)


def latest_issue_date_of(value: dt.date | NgayBanHanh) -> dt.date:
    """The last day a possibly blank date can be: a blank day is the month's end.

    >>> latest_issue_date_of(NgayBanHanh(nam=2023, thang=11))
    datetime.date(2023, 11, 30)
    >>> latest_issue_date_of(NgayBanHanh(nam=2024))
    datetime.date(2024, 12, 31)
    """
    if isinstance(value, dt.date):
        return value
    month = value.thang or 12
    day = value.ngay or calendar.monthrange(value.nam, month)[1]
    return dt.date(value.nam, month, day)


def earliest_issue_date_of(value: dt.date | NgayBanHanh) -> dt.date:
    """The first day a possibly blank date can be.

    >>> earliest_issue_date_of(NgayBanHanh(nam=2023, thang=11))
    datetime.date(2023, 11, 1)
    """
    if isinstance(value, dt.date):
        return value
    return dt.date(value.nam, value.thang or 1, value.ngay or 1)


_PL3 = "NĐ 30/2020, Phụ lục III"

RULES = RuleTable(__name__, [
    ("ky-hieu-sai-loai", "error", f"{_PL3}, Mục I",
     "{loai} phải có ký hiệu bắt đầu bằng «{viet_tat}-» (Phụ lục III), «{ky_hieu}» có {co}"),
    ("ky-hieu-ky-tu-giong", "error", f"{_PL3}, Mục I",
     "ký hiệu «{ky_hieu}» có {ten} ở vị trí {vi_tri}, trông giống «{dung}» nhưng là ký tự khác (thường do "
     "Word tự đổi khi gõ); hãy gõ lại bằng «{dung}» trên bàn phím: «{sua}»"),
    ("cong-van-co-ten-loai", "error", f"{_PL3}, Mục I",
     "công văn không có chữ viết tắt tên loại, nhưng «{ky_hieu}» bắt đầu bằng «{co}»; ký hiệu công văn "
     "là «số/cơ quan-đơn vị», ví dụ «12/UBND-VX»"),
    ("ky-hieu-co-quan", "warning", "NĐ 30/2020, Phụ lục I, Mục II.3.b",
     "phần cơ quan của ký hiệu «{ky_hieu}» khác chữ viết tắt của cơ quan «{viet_tat}»"),
    ("van-ban-sau-ngay-bao-cao", "error", "NĐ 30/2020, Điều 8 (căn cứ ban hành)",
     "văn bản {loai} số {so_ky_hieu} ghi ngày {ngay}, sau ngày ban hành báo cáo; văn bản được trích dẫn "
     "phải ban hành trước"),
    ("van-ban-tuong-lai", "warning", "ngày của văn bản được trích dẫn",
     "văn bản {so_ky_hieu} ghi ngày {ngay}, sau hôm nay"),
    ("ngay-tuong-lai", "warning", "NĐ 30/2020, Phụ lục I, Mục II.4",
     "ngày ban hành ({ngay}) sau hôm nay ({hom_nay}); kiểm tra lại năm, tháng"),
    ("noi-nhan-tach-dau-phay", "warning", "cú pháp YAML, danh sách trong ngoặc «[…]»",
     "danh sách trong ngoặc «[…]» được tách ở dấu phẩy thành {so} nơi nhận: {cac_noi}; nếu một "
     "nơi nhận có dấu phẩy trong tên (ví dụ «Sở Lao động, Thương binh và Xã hội») thì đặt tên đó "
     "trong ngoặc kép, hoặc viết mỗi nơi nhận một dòng «- …» (khi đó không còn cảnh báo này)"),
])
"""Every finding of the frame's rules."""


def check_frame(document: VanBanHanhChinh, context: CheckContext) -> Iterator[Problem]:
    """The rules of the shared blocks: the document's own symbol, every cited
    document's symbol and date, dates in the future."""
    own = parse_symbol(f"{document.so or 1}/{document.ky_hieu}")
    yield from symbol_matches_type(document.ten_loai, document.ky_hieu, own, ("ky_hieu",))
    wanted = abbreviation_of(document.ten_loai)
    agency = document.co_quan.viet_tat
    if own is not None and wanted and own.loai == wanted and not own.co_quan.startswith(agency):
        yield RULES.problem(
            "ky-hieu-co-quan", ("ky_hieu",), ky_hieu=document.ky_hieu, viet_tat=agency
        )
    yield from comma_splits(document, context)
    latest = latest_issue_date(document)
    for path, value in walk(document):
        if isinstance(value, VanBanTrichDan):
            yield from cited_document(value, path, latest, context)
    if context.today is not None and earliest_issue_date_of(document.ngay) > context.today:
        yield RULES.problem(
            "ngay-tuong-lai", ("ngay",),
            ngay=format_date(document.ngay_ban_hanh(), style="short").strip(),
            hom_nay=format_date(context.today, style="short"),
        )


def comma_splits(document: VanBanHanhChinh, context: CheckContext) -> Iterator[Problem]:
    """A recipient list written «[A, B]» whose comma stood between two unquoted texts:
    YAML split there, and the comma may have belonged to a name («Sở Lao động,
    Thương binh và Xã hội») — one warning per list, showing how it was read."""
    recipients: dict[tuple[str, ...], list[str]] = {
        ("noi_nhan", "danh_sach"): document.noi_nhan.danh_sach,
        ("kinh_gui",): document.kinh_gui,
    }
    for path, items in recipients.items():
        if any(
            (*path, index) in context.flow_plain and (*path, index + 1) in context.flow_plain
            for index in range(len(items) - 1)
        ):
            yield RULES.problem(
                "noi-nhan-tach-dau-phay", path, so=len(items),
                cac_noi="; ".join(f"«{item}»" for item in items),
            )


def walk(value: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], object]]:
    """Every block inside a model, with its field path (depth first)."""
    if isinstance(value, BaseModel):
        yield path, value
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), (*path, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))


def cited_document(
    van_ban: VanBanTrichDan, path: tuple[str | int, ...], latest: dt.date, context: CheckContext
) -> Iterator[Problem]:
    """A cited document: its symbol agrees with its type; it predates the report."""
    symbol = parse_symbol(van_ban.so_ky_hieu)
    yield from symbol_matches_type(van_ban.loai, van_ban.so_ky_hieu, symbol, (*path, "so_ky_hieu"))
    ngay = format_date(van_ban.ngay, style="short")
    if van_ban.ngay > latest:
        yield RULES.problem(
            "van-ban-sau-ngay-bao-cao", (*path, "ngay"), loai=van_ban.loai, so_ky_hieu=van_ban.so_ky_hieu,
            ngay=ngay,
        )
    elif context.today is not None and van_ban.ngay > context.today:
        yield RULES.problem("van-ban-tuong-lai", (*path, "ngay"), so_ky_hieu=van_ban.so_ky_hieu, ngay=ngay)


def symbol_matches_type(
    loai: str, ky_hieu: str, symbol: Symbol | None, path: tuple[str | int, ...]
) -> Iterator[Problem]:
    """The symbol's type abbreviation is the one Phụ lục III gives ``loai`` — for the
    document's own symbol and for every cited one (``ky_hieu`` is the text shown)."""
    wrong = look_alike(ky_hieu)
    if wrong is not None:
        position, _, name, meant = wrong
        yield RULES.problem("ky-hieu-ky-tu-giong", path, ky_hieu=ky_hieu, ten=name, vi_tri=position,
                            dung=meant, sua=without_look_alikes(ky_hieu))
        return  # what the type abbreviation is cannot be told until it is typed again
    wanted = abbreviation_of(loai)
    if symbol is None or wanted is None:
        return  # the form itself is checked by the model; an unlisted type has no rule
    if loai.strip().lower() == CONG_VAN.lower():
        if symbol.loai is not None:
            yield RULES.problem("cong-van-co-ten-loai", path, ky_hieu=ky_hieu, co=symbol.loai)
        return
    if symbol.loai != wanted:
        found = f"«{symbol.loai}»" if symbol.loai else "không có chữ viết tắt tên loại"
        yield RULES.problem("ky-hieu-sai-loai", path, loai=loai, viet_tat=wanted, ky_hieu=ky_hieu, co=found)
