"""``ke-hoach``: a plan (mục đích, yêu cầu; nội dung; thời gian; kinh phí; tổ chức thực hiện)."""

from __future__ import annotations

from baocao.loai.ke_hoach import body, context
from baocao.loai.ke_hoach.model import KeHoach
from baocao.plugin import ReportType
from baocao.registry import builtin_template

NAME = "ke-hoach"


def report_type() -> ReportType:
    """The entry point ``baocao.reports`` names this function."""
    return ReportType(
        name=NAME,
        title="Kế hoạch (mục đích, yêu cầu; nội dung; thời gian; tổ chức thực hiện)",
        model=KeHoach,
        template=builtin_template(NAME),
        body=body.body,
        context=context.context,
    )
