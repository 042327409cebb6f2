"""The outgoing document's record for the e-office system (``--meta``).

ND30 Điều 10.2 has the drafter's system register each outgoing document with the
input fields of Phụ lục VI (Phần II, Mục I «Thông tin đầu vào của dữ liệu quản lý văn
bản đi»); today the văn thư retypes them from the paper.  This module derives them
from the validated model (never from the printed text), under the names of that
table's column «Tên (viết tắt tiếng Anh)» and nothing else: TypeName (3), CodeNumber
(4), CodeNotation (5), IssuedDate (6), OrganName (7), Subject (8), Language (9),
PageAmount (10), SignerInfo (12: Position 12.1, FullName 12.2), To (13: OrganId 13.1,
OrganName 13.2 for each recipient).  The table, row by row with what baocao writes
for each, is tests/data/nd30/phu-luc-vi-van-ban-di.csv.

A draft keeps the number and the date empty (``null``): ND30 Điều 15 fills them
after signing, and Phụ lục VI Phần I mục III.1.g has the system fill fields 4, 6,
10 and 13.1 itself.  The recipients' electronic identifiers (13.1) are not in the
report's data: ``null``.  Fields about the file
(hồ sơ: 1, 2), the note (11), urgency (14: the decree gives no code list), copies
issued (15) and the reply deadline (16) are not the drafter's to give: left out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from baocao.frame.model import VanBanHanhChinh

_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", re.S)


def page_count(pdf: Path) -> int:
    """The number of pages of ``pdf`` (pikepdf when installed, else the page tree's /Count)."""
    try:
        import pikepdf
    except ImportError:
        counts = [int(a or b) for a, b in _COUNT.findall(pdf.read_bytes())]
        return max(counts, default=0)
    with pikepdf.open(pdf) as document:
        return len(document.pages)


def outgoing_fields(report: VanBanHanhChinh, *, page_amount: int | None) -> dict[str, Any]:
    """The Phụ lục VI fields of ``report``; ``page_amount`` is the PDF's page count."""
    issued = report.ngay_ban_hanh()
    return {
        "TypeName": report.ten_loai,
        "CodeNumber": None if report.so is None else f"{report.so:02d}",
        "CodeNotation": report.ky_hieu,
        "IssuedDate": issued.isoformat() if isinstance(issued, dt.date) else None,
        "OrganName": " ".join(report.co_quan.ten),
        "Subject": report.trich_yeu,
        "Language": "vi",
        "PageAmount": page_amount,
        "SignerInfo": {
            "Position": report.nguoi_ky.dong_chuc_vu()[-1],  # who signs: «Phó Chủ tịch» under «KT. Chủ tịch»
            "FullName": report.nguoi_ky.ho_ten,
        },
        "To": [{"OrganId": None, "OrganName": name}
               for name in recipients(report.kinh_gui, report.noi_nhan.danh_sach)],
    }


def recipients(kinh_gui: list[str], danh_sach: list[str]) -> list[str]:
    """Every recipient once: those addressed (Kính gửi), then the Nơi nhận list, whose
    «Như trên» stands for those addressed and is no recipient of its own.

    >>> recipients(["Sở Tài chính"], ["Như trên", "Lãnh đạo UBND", "Sở Tài chính"])
    ['Sở Tài chính', 'Lãnh đạo UBND']
    """
    names = [name for name in [*kinh_gui, *danh_sach] if name.strip(" ;.").casefold() != "như trên"]
    return list(dict.fromkeys(names))


def metadata_json(report: VanBanHanhChinh, *, page_amount: int | None) -> bytes:
    """:func:`outgoing_fields` as UTF-8 JSON (stable key order, Vietnamese as is)."""
    text = json.dumps(outgoing_fields(report, page_amount=page_amount), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
