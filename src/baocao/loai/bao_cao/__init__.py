"""``bao-cao``: any document with a tên loại and a free body (I., 1., a), paragraphs,
dash lists, tables)."""

from __future__ import annotations

from baocao.loai.bao_cao import body
from baocao.loai.bao_cao.model import BaoCao
from baocao.plugin import ReportType
from baocao.registry import builtin_template

NAME = "bao-cao"


def report_type() -> ReportType:
    """The entry point ``baocao.reports`` names this function."""
    return ReportType(
        name=NAME,
        title="Báo cáo (nội dung tự do: phần, mục, điểm, bảng)",
        model=BaoCao,
        template=builtin_template(NAME),
        body=body.body,
    )
