"""``ke-hoach``: a plan — its bases, a free body with the plan's usual parts as optional
helpers (mục đích, yêu cầu; thời gian; kinh phí; tổ chức thực hiện; chủ trì / phối hợp)."""

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
        title=(
            "Kế hoạch (căn cứ; nội dung tự do, với các phần có sẵn: mục đích, yêu cầu; thời gian; "
            "kinh phí; tổ chức thực hiện; chủ trì, phối hợp)"
        ),
        model=KeHoach,
        template=builtin_template(NAME),
        body=body.body,
        context=context.context,
    )
