"""Report type ``giay-moi``: a Giấy mời (invitation to a meeting), as a baocao plugin.

Three parts, as every report type: a model (the YAML keys), a body for the official
frame (the template is built from it by ``build_template.py`` and shipped in this
package), and a context hook for derived values (the meeting time in words).
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any, Literal

from pydantic import Field

from baocao.plugin import BodyWriter, ReportType, Text, VanBanHanhChinh, format_date

TEMPLATE = "giay-moi.docx"


class GiayMoi(VanBanHanhChinh):
    """Giấy mời: who is invited, when, where, to do what."""

    loai: Literal["giay-moi"] = Field("giay-moi", description="Loại văn bản: «giay-moi»")
    ten_loai: Text = Field("Giấy mời", description="Tên loại văn bản")
    moi: list[Text] = Field(description="Thành phần được mời, mỗi thành phần một dòng", min_length=1)
    thoi_gian: dt.datetime = Field(description="Thời gian họp, ví dụ 2023-12-20 08:00")
    dia_diem: Text = Field(description="Địa điểm họp")
    noi_dung: list[Text] = Field(default_factory=list, description="Nội dung cuộc họp (các đoạn)")
    de_nghi: Text | None = Field(None, description="Đề nghị chuẩn bị, ví dụ tài liệu mang theo")


_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def context(report: GiayMoi) -> dict[str, Any]:
    """The meeting time as invitations write it: "08 giờ 00 phút, thứ Tư, ngày 20/12/2023".

    The date is the core's (:func:`baocao.plugin.format_date`), padded as the
    decree pads it: "07/9/2023", not "07/09/2023".
    """
    when = report.thoi_gian
    return {
        "gio_hop": f"{when:%H} giờ {when:%M} phút, {_WEEKDAYS[when.weekday()]}, "
        f"ngày {format_date(when.date(), style='short')}"
    }


def body(w: BodyWriter) -> None:
    """The invitation's body between the frame's title and its closing."""
    w.paragraph("{{ co_quan.ten_goi_tat }} trân trọng kính mời:")
    w.block("for thanh_phan in moi")
    w.paragraph("- {{ thanh_phan }}{{ '.' if loop.last else ';' }}")
    w.block("endfor")
    w.paragraph("Thời gian: {{ gio_hop }}.")
    w.paragraph("Địa điểm: {{ dia_diem }}.")
    w.block("if noi_dung")
    w.paragraph("Nội dung:")
    w.narrative("noi_dung")
    w.block("endif")
    w.block("if de_nghi")
    w.paragraph("{{ de_nghi }}")
    w.block("endif")
    w.paragraph("Rất mong được sự quan tâm tham dự./.")


def report_type() -> ReportType:
    """The entry point (group ``baocao.reports``) names this function."""
    return ReportType(
        name="giay-moi",
        title="Giấy mời họp",
        model=GiayMoi,
        template=resources.files(__name__).joinpath(TEMPLATE),
        context=context,
        context_keys=frozenset({"gio_hop"}),
    )
