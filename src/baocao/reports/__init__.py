"""The report types baocao ships: each a model, a body for the frame, a context hook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from baocao.frame import Body, build_template
from baocao.reports import bao_cao, bieu_tong_hop, ke_hoach, ra_soat_ho_ngheo

if TYPE_CHECKING:
    from baocao.registry import ReportType

BUILTIN_BODIES: dict[str, Body] = {
    "ra-soat-ho-ngheo": ra_soat_ho_ngheo.body,
    "bao-cao": bao_cao.body,
    "cong-van": bao_cao.body,
    "ke-hoach": ke_hoach.body,
}

CONG_VAN_LAYOUT = frozenset({"cong-van"})
"""Built-in types laid out as a công văn (no tên loại; "V/v …" under the number)."""


def build_builtin(name: str) -> bytes:
    """The template of a built-in type, as ``python -m baocao.frame`` writes it."""
    return build_template(BUILTIN_BODIES[name], cong_van=name in CONG_VAN_LAYOUT)


def builtin_types() -> list[ReportType]:
    """The built-in report types, ready to register."""
    from baocao.consistency.ra_soat_ho_ngheo import check_ra_soat_ho_ngheo
    from baocao.models.bao_cao import BaoCao, CongVan
    from baocao.models.ke_hoach import KeHoach
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
        ReportType(
            name="bao-cao",
            title="Báo cáo (nội dung tự do: phần, mục, điểm, bảng)",
            model=BaoCao,
            template=builtin_template("bao-cao"),
        ),
        ReportType(
            name="cong-van",
            title="Công văn (nội dung tự do)",
            model=CongVan,
            template=builtin_template("cong-van"),
        ),
        ReportType(
            name="ke-hoach",
            title="Kế hoạch (mục đích, yêu cầu; nội dung; thời gian; tổ chức thực hiện)",
            model=KeHoach,
            template=builtin_template("ke-hoach"),
            context=ke_hoach.context,
            context_keys=frozenset({"so_muc", "cau_ket"}),
        ),
    ]
