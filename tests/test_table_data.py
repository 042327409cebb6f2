"""The summary table's rows in the template data: under ``bieu_tong_hop``, ``tinh`` and
``bieu`` they are made plain only when a template reads them (the built-in template
prints the appendix, not these), and then they are what an eager conversion makes."""

from __future__ import annotations

from typing import Any

import baocao
from baocao.api import build_context
from baocao.engine import make_environment
from baocao.registry import default_registry
from baocao.template_data import Record, _record, lazy_record

from conftest import BAC_KAN

LAZY = ("bieu_tong_hop", "tinh", "bieu")


def _context() -> tuple[Any, Record]:
    report = baocao.load(BAC_KAN)
    return report, build_context(report, default_registry().get(report.loai))


def test_the_rows_are_made_plain_only_when_read() -> None:
    _, context = _context()
    for name in LAZY:
        record = context[name]
        assert record._values == {}, name  # nothing made yet
        assert "dong" in record or "bieu" in record or "nhom" in record
    assert context["bieu"].nhom[0].dong[0].ten == "Phường Đức Xuân"
    assert list(context["bieu"]._values) == ["nhom"]  # only what was read


def test_a_lazy_record_reads_as_the_eager_one() -> None:
    report, context = _context()
    figures = default_registry().get(report.loai).context(report)  # type: ignore[misc]
    table = report.bieu_tong_hop
    eager = {
        "bieu_tong_hop": _record({name: getattr(table, name) for name in type(table).model_fields}, ""),
        "tinh": _record(vars(figures["tinh"]), ""),
        "bieu": _record(vars(figures["bieu"]), ""),
    }
    for name in LAZY:
        assert dict(context[name]) == dict(eager[name]), name
        assert repr(context[name]) == repr(eager[name])
        assert len(context[name]) == len(eager[name]) and list(context[name]) == list(eager[name])


def test_a_clerks_template_reads_the_rows_through_the_sandbox() -> None:
    _, context = _context()
    template = make_environment().from_string(
        "{{ bieu_tong_hop.dong|length }} {{ bieu_tong_hop.dong[0].ten }} | {{ bieu.tong.ho_ngheo }}"
        " | {{ tinh.bieu.tong.so.ho_ngheo }} | {{ 'dong' in bieu_tong_hop }} {{ 'x' in bieu }}"
    )
    count = len(baocao.load(BAC_KAN).bieu_tong_hop.dong)  # type: ignore[attr-defined]
    assert template.render(dict(context)) == (
        f"{count} Phường Đức Xuân | 242 | 242 | True False"
    )


def test_an_unknown_name_is_neither_an_item_nor_an_attribute() -> None:
    record = lazy_record(baocao.load(BAC_KAN).bieu_tong_hop)  # type: ignore[attr-defined]
    assert "khong_co" not in record
    try:
        record["khong_co"]
    except KeyError:
        pass
    else:  # pragma: no cover
        raise AssertionError("an unknown key read")
    assert getattr(record, "khong_co", None) is None
