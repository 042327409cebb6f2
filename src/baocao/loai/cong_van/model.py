"""The model of ``cong-van``: the blocks of ``bao-cao`` in the công văn layout."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from baocao.frame.model import Text
from baocao.loai.bao_cao.model import VanBanTuDo


class CongVan(VanBanTuDo):
    """Công văn: no tên loại, "V/v …" under the number, "Kính gửi:" required."""

    loai: Literal["cong-van"] = Field("cong-van", description="Loại văn bản: «cong-van»")
    ten_loai: Text = Field("Công văn", description="Tên loại (không in trên công văn)")
    kinh_gui: list[Text] = Field(
        description="«Kính gửi:» (ô số 9a): nơi nhận để giải quyết, mỗi nơi một phần tử", min_length=1
    )
    ky_hieu: Text = Field(
        description="Ký hiệu công văn: viết tắt cơ quan - đơn vị soạn thảo, ví dụ «UBND-VX»",
        pattern=r"^[^\s/]+$",
    )
