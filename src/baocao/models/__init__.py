"""The report as typed data: shared blocks and one model per report type."""

from baocao.models.blocks import (
    CoQuan,
    NgayBanHanh,
    NguoiKy,
    NoiNhan,
    VanBanHanhChinh,
    VanBanTrichDan,
)
from baocao.models.ra_soat_ho_ngheo import BaoCaoRaSoatHoNgheo

__all__ = [
    "BaoCaoRaSoatHoNgheo",
    "CoQuan",
    "NgayBanHanh",
    "NguoiKy",
    "NoiNhan",
    "VanBanHanhChinh",
    "VanBanTrichDan",
]
