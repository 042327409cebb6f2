"""``cong-van``: a công văn — no tên loại, "V/v …" under the number, "Kính gửi:" —
with the free body of ``bao-cao``."""

from __future__ import annotations

from baocao.loai.bao_cao import body
from baocao.loai.cong_van.model import CongVan
from baocao.plugin import ReportType
from baocao.registry import builtin_template

NAME = "cong-van"


def report_type() -> ReportType:
    """The entry point ``baocao.reports`` names this function."""
    return ReportType(
        name=NAME,
        title="Công văn (nội dung tự do)",
        model=CongVan,
        template=builtin_template(NAME),
        body=body.body,
        cong_van=True,
    )
