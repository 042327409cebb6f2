"""What a template is given: plain data (baocao.template_data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

import baocao
from baocao.api import build_context
from baocao.engine import make_environment, render_docx
from baocao.errors import TemplateError
from baocao.registry import default_registry
from baocao.template_data import Record, to_template_data

from conftest import BAC_KAN
from template_editing import HEADING, edited


@dataclass(frozen=True)
class _Figure:
    so_ho: int

    @property
    def cum_tu(self) -> str:
        return f"{self.so_ho} hộ"

    def method(self) -> str:
        return "never seen"


def test_the_seed_context_holds_no_live_object() -> None:
    report = baocao.load(BAC_KAN)
    context = build_context(report, default_registry().get(report.loai))
    allowed = (Record, tuple, str, int, float, bool, type(None), dt.date)

    def walk(value: object) -> None:
        assert isinstance(value, allowed) or type(value).__module__ in ("decimal", "docxtpl.richtext",
                                                                        "baocao.formatting"), type(value)
        if isinstance(value, Record):
            for item in value.values():
                walk(item)
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    walk(context)
    assert context["co_quan"]["ten_goi_tat"] == "UBND thành phố Bắc Kạn"
    assert not hasattr(context["co_quan"], "parse_raw")


def test_a_dataclass_gives_its_fields_and_properties_not_its_methods() -> None:
    record = to_template_data(_Figure(7))
    assert dict(record) == {"so_ho": 7, "cum_tu": "7 hộ"}


def test_a_record_is_read_only() -> None:
    record = Record({"a": 1})
    with pytest.raises(AttributeError):
        record.a = 2  # type: ignore[misc]


def test_a_context_hook_that_returns_a_live_object_is_a_template_error() -> None:
    report = baocao.load(BAC_KAN)
    context = dict(build_context(report, default_registry().get(report.loai)))
    context["tinh"] = object()
    with pytest.raises(TemplateError, match=r"^mau\.docx: tinh: mẫu chỉ nhận dữ liệu thuần .*«object»"):
        render_docx(edited(HEADING, HEADING), context, template_name="mau.docx", env=make_environment())


def test_a_plain_table_cell_is_its_value_and_a_merged_one_a_record() -> None:
    from baocao.body.model import Dong

    cells = [1, " Xã A ", None, {"o": "Tổng", "gop_cot": 2}, {"o": 5, "dam": True}]
    row = to_template_data(Dong(cac_o=cells))
    assert row.cac_o[:3] == (1, "Xã A", None)
    assert (row.cac_o[3].o, row.cac_o[3].gop_cot) == ("Tổng", 2)
    assert isinstance(row.cac_o[4], Record) and row.cac_o[4].dam
