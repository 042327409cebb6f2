"""``ra-soat-ho-ngheo``: the annual report on the review of poor and near-poor households
(../shared/spec/ra-soat-ho-ngheo.md), with its summary table (biểu tổng hợp)."""

from __future__ import annotations

from baocao.loai.ra_soat_ho_ngheo import bieu_tong_hop, body, context
from baocao.loai.ra_soat_ho_ngheo.cot_bang import cot_bang
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo
from baocao.loai.ra_soat_ho_ngheo.rules import check_ra_soat_ho_ngheo
from baocao.plugin import ReportType
from baocao.registry import builtin_template

NAME = "ra-soat-ho-ngheo"


def report_type() -> ReportType:
    """The entry point ``baocao.reports`` names this function."""
    return ReportType(
        name=NAME,
        title="Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo",
        model=BaoCaoRaSoatHoNgheo,
        template=builtin_template(NAME),
        body=body.body,
        context=context.context,
        checks=check_ra_soat_ho_ngheo,
        prepare=bieu_tong_hop.prepare,
        cot_bang=cot_bang(),
        appendices=bieu_tong_hop.appendices,
    )
