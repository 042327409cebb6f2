"""The generic types ``bao-cao`` and ``cong-van``: the official frame with a free body.

Any report, plan or letter can be written in YAML without a plugin: its body is a
list of blocks in document order (:mod:`baocao.body.model`) — paragraphs
(``**đậm**``, ``*nghiêng*``), headings I. / 1. / 1.1. / a) with their own blocks,
lists "-" / "+" / unmarked, numbered paragraphs, tables with merged cells, page
breaks — and its appendices (``phu_luc``) after the signature.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from baocao.body.model import NoiDung
from baocao.frame.model import VanBanHanhChinh


class VanBanTuDo(VanBanHanhChinh):
    """The free body shared by ``bao-cao`` and ``cong-van``."""

    noi_dung: NoiDung = Field(
        min_length=1,
        description=(
            "Nội dung văn bản: các khối theo thứ tự in — đoạn văn (chuỗi), đề mục «muc» (I.), "
            "«khoan» (1.), «tieu_khoan» (1.1.), «diem» (a)) với «noi_dung» riêng, «danh_sach» "
            "(-, +), «danh_so» (1., 2.), «bang», «ngat_trang»"
        ),
    )


class BaoCao(VanBanTuDo):
    """Báo cáo (or any document with a tên loại: Tờ trình, Kế hoạch, …) with a free body."""

    loai: Literal["bao-cao"] = Field("bao-cao", description="Loại báo cáo: «bao-cao»")
