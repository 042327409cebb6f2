"""Rules every administrative document follows (Decree 30/2020; Phụ lục III)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from pydantic import BaseModel

from baocao.consistency import CheckContext, Problem
from baocao.document_types import CONG_VAN, abbreviation_of, parse_symbol
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


def check_frame(document: VanBanHanhChinh, context: CheckContext) -> Iterator[Problem]:
    """The rules of the shared blocks: the document's own symbol, every cited
    document's symbol and date, dates in the future."""
    yield from _own_symbol(document)
    latest = latest_issue_date(document)
    for path, value in walk(document):
        if isinstance(value, VanBanTrichDan):
            yield from cited_document(value, path, latest, context)
    if context.today is not None and earliest_issue_date_of(document.ngay) > context.today:
        yield Problem(
            ("ngay",),
            "ngay-tuong-lai",
            f"ngày ban hành ({format_date(document.ngay_ban_hanh(), style='short').strip()}) "
            f"sau hôm nay ({format_date(context.today, style='short')}); kiểm tra lại năm, tháng",
            "warning",
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
    yield from symbol_matches_type(van_ban.loai, van_ban.so_ky_hieu, (*path, "so_ky_hieu"))
    if van_ban.ngay > latest:
        yield Problem(
            (*path, "ngay"),
            "van-ban-sau-ngay-bao-cao",
            f"văn bản {van_ban.loai} số {van_ban.so_ky_hieu} ghi ngày "
            f"{format_date(van_ban.ngay, style='short')}, sau ngày ban hành báo cáo; "
            "văn bản được trích dẫn phải ban hành trước",
        )
    elif context.today is not None and van_ban.ngay > context.today:
        yield Problem(
            (*path, "ngay"),
            "van-ban-tuong-lai",
            f"văn bản {van_ban.so_ky_hieu} ghi ngày {format_date(van_ban.ngay, style='short')}, "
            "sau hôm nay",
            "warning",
        )


def symbol_matches_type(loai: str, so_ky_hieu: str, path: tuple[str | int, ...]) -> Iterator[Problem]:
    """The symbol's type abbreviation is the one Phụ lục III gives ``loai``."""
    symbol = parse_symbol(so_ky_hieu)
    wanted = abbreviation_of(loai)
    if symbol is None or wanted is None:
        return  # the form itself is checked by the model; an unlisted type has no rule
    if loai.strip().lower() == CONG_VAN.lower():
        if symbol.loai is not None:
            yield Problem(
                path,
                "cong-van-co-ten-loai",
                f"công văn không có chữ viết tắt tên loại, nhưng «{so_ky_hieu}» bắt đầu bằng "
                f"«{symbol.loai}»; ký hiệu công văn là «số/cơ quan-đơn vị», ví dụ «12/UBND-VX»",
            )
        return
    if symbol.loai != wanted:
        found = f"«{symbol.loai}»" if symbol.loai else "không có chữ viết tắt tên loại"
        yield Problem(
            path,
            "ky-hieu-sai-loai",
            f"{loai} phải có ký hiệu bắt đầu bằng «{wanted}-» (Phụ lục III), «{so_ky_hieu}» "
            f"có {found}",
        )


def _own_symbol(document: VanBanHanhChinh) -> Iterator[Problem]:
    wanted = abbreviation_of(document.ten_loai)
    first, _, agency = document.ky_hieu.partition("-")
    if wanted and first != wanted:
        yield Problem(
            ("ky_hieu",),
            "ky-hieu-sai-loai",
            f"{document.ten_loai} có ký hiệu bắt đầu bằng «{wanted}-» (Phụ lục III), "
            f"nhận được «{document.ky_hieu}»",
        )
    elif wanted and agency and not agency.startswith(document.co_quan.viet_tat):
        yield Problem(
            ("ky_hieu",),
            "ky-hieu-co-quan",
            f"phần cơ quan của ký hiệu «{document.ky_hieu}» khác chữ viết tắt của cơ quan "
            f"«{document.co_quan.viet_tat}»",
            "warning",
        )
