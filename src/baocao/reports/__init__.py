"""The report types baocao ships: each a model, a body for the frame, a context hook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from baocao.frame import Body
from baocao.reports import bieu_tong_hop, ra_soat_ho_ngheo

if TYPE_CHECKING:
    from baocao.registry import ReportType

BUILTIN_BODIES: dict[str, Body] = {
    "ra-soat-ho-ngheo": ra_soat_ho_ngheo.body,
}


def builtin_types() -> list[ReportType]:
    """The built-in report types, ready to register."""
    from baocao.consistency.ra_soat_ho_ngheo import check_ra_soat_ho_ngheo
    from baocao.models.ra_soat_ho_ngheo import BaoCaoRaSoatHoNgheo
    from baocao.registry import ReportType, builtin_template

    return [
        ReportType(
            name="ra-soat-ho-ngheo",
            title="Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo",
            model=BaoCaoRaSoatHoNgheo,
            template=builtin_template("ra-soat-ho-ngheo"),
            context=ra_soat_ho_ngheo.context,
            context_keys=frozenset({"tinh", "cau_ket", "bieu"}),
            checks=check_ra_soat_ho_ngheo,
            prepare=bieu_tong_hop.prepare,
        ),
    ]
