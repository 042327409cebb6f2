"""The outgoing document's record for the e-office system (``--meta``).

ND30 Điều 10.2 has the drafter's system register each outgoing document with the
input fields of Phụ lục VI; today the văn thư retypes them from the paper.  This
module derives them from the validated model (never from the printed text), with
the field names the e-office systems exchange (TypeName, CodeNumber, CodeNotation,
IssuedDate, OrganName, Subject, SignerInfo, To, PageAmount).  A draft keeps the
number and the date empty (``null``): ND30 Điều 15 fills them after signing.
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
    lines = report.nguoi_ky.dong_chuc_vu()
    return {
        "TypeName": report.ten_loai,
        "CodeNumber": None if report.so is None else f"{report.so:02d}",
        "CodeNotation": report.ky_hieu,
        "IssuedDate": issued.isoformat() if isinstance(issued, dt.date) else None,
        "Place": report.dia_danh,
        "OrganName": " ".join(report.co_quan.ten),
        "OrganNameParent": report.co_quan.chu_quan,
        "Subject": report.trich_yeu,
        "SignerInfo": {
            "Competence": ", ".join(lines[:-1]) or None,
            "Position": lines[-1],
            "FullName": report.nguoi_ky.ho_ten,
        },
        "To": [*report.kinh_gui, *report.noi_nhan.danh_sach],
        "PageAmount": page_amount,
        "Language": "vi",
        "Format": "PDF",
    }


def metadata_json(report: VanBanHanhChinh, *, page_amount: int | None) -> bytes:
    """:func:`outgoing_fields` as UTF-8 JSON (stable key order, Vietnamese as is)."""
    text = json.dumps(outgoing_fields(report, page_amount=page_amount), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
