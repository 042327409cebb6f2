"""The report as typed data: shared blocks and one model per report type.

A plugin's model subclasses :class:`VanBanHanhChinh` and builds its body from
:class:`Block` (unknown keys are errors) and :data:`Text` (non-empty, NFC).
"""

from baocao.models.bao_cao import BaoCao, CongVan
from baocao.models.blocks import (
    Block,
    CoQuan,
    NgayBanHanh,
    NguoiKy,
    NoiNhan,
    Text,
    VanBanHanhChinh,
    VanBanTrichDan,
)
from baocao.models.ke_hoach import KeHoach
from baocao.models.ra_soat_ho_ngheo import BaoCaoRaSoatHoNgheo

__all__ = [
    "BaoCao",
    "BaoCaoRaSoatHoNgheo",
    "Block",
    "CoQuan",
    "CongVan",
    "KeHoach",
    "NgayBanHanh",
    "NguoiKy",
    "NoiNhan",
    "Text",
    "VanBanHanhChinh",
    "VanBanTrichDan",
]
