"""A long table's rows are written after the rest of the document is built, batch by
batch (baocao.prepared.defer): the bytes are plain docxtpl's, whatever the rows hold."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

import baocao
from baocao import api
from baocao.api import build_context
from baocao.body.model import Bang
from baocao.body.render import DEFERRED_ROWS, khoi
from baocao.engine import make_environment, render_docx, render_prepared
from baocao.errors import TemplateError
from baocao.loading import load_yaml
from baocao.prepared import PreparedTemplate, _Deferred, defer
from baocao.registry import default_registry
from baocao.template_data import to_template_data

from conftest import BAC_KAN, EXAMPLES
from docx_reading import normalized_parts

ROWS = _Deferred.BATCH * 2 + 17
"""Rows enough for three batches, the last one short."""


def _both(report: Any) -> tuple[bytes, bytes]:
    """The report rendered by plain docxtpl (nothing deferred) and by the prepared path."""
    report_type = default_registry().get(report.loai)
    template, context = report_type.template_bytes(), build_context(report, report_type)
    env = make_environment(report_type.filters)
    plain = render_docx(template, context, template_name="t", env=env, title="T", author="A")
    prepared = PreparedTemplate(template, make_environment(report_type.filters))
    return plain, render_prepared(prepared, context, template_name="t", title="T", author="A")


def test_the_summary_tables_rows_stream_byte_for_byte_as_docxtpl_renders_them() -> None:
    report_type = default_registry().get("ra-soat-ho-ngheo")
    data = load_yaml(BAC_KAN).data
    rows = data["bieu_tong_hop"]["dong"]
    data["bieu_tong_hop"]["dong"] = [
        {**rows[n % len(rows)], "ten": f"Xã số {n + 1}"} for n in range(ROWS)
    ]
    data.pop("ket_qua", None)
    plain, streamed = _both(report_type.model.model_validate(data))
    assert streamed == plain
    document = normalized_parts(streamed)["word/document.xml"]
    assert f"Xã số {ROWS}<" in document and "baocao-rows" not in document
    # each row once, on either side of a batch's end
    assert [document.count(f"Xã số {n}<") for n in (1, _Deferred.BATCH, _Deferred.BATCH + 1, ROWS)] == [1] * 4


def _free_body(tmp_path: Path) -> Any:
    """The general report with a long table whose cells hold what the fix-ups touch:
    merges down across a batch's end, emphasis, newlines, tabs, XML specials and
    docxtpl's own marks."""
    data = load_yaml(EXAMPLES / "bao-cao-chung.yaml").data
    tricky = "A & B <c> {{ 7*7 }} {_{ x }_} {% if %} %_} ]]> “ngoặc”"
    rows: list[Any] = []
    for n in range(ROWS):
        if n == _Deferred.BATCH - 2:  # a cell merged down over the batch's end
            rows.append([{"o": "gộp **bốn** dòng", "gop_dong": 4}, n, n, n])
        elif _Deferred.BATCH - 2 < n < _Deferred.BATCH + 2:
            rows.append([f"dòng {n}\nxuống dòng", "a\tb", None])
        elif n % 7 == 0:
            rows.append({"cac_o": [tricky, 1.5, {"o": "*nghiêng*", "can": "phai"}, n], "nghieng": True})
        else:
            rows.append([f"Lĩnh vực {n}", n, n * 2, 0])
    table = {"cot": [{"ten": "Lĩnh vực", "rong": 3, "can": "trai"}, {"ten": "A", "cong": True},
                     {"ten": "B", "cong": True}, {"ten": "C"}],
             "dau": [[{"o": "Lĩnh vực", "gop_dong": 2}, {"o": "Số liệu", "gop_cot": 3}], ["A", "B", "C"]],
             "dong": rows, "tong": True}
    data["noi_dung"].append({"muc": "Bảng dài", "noi_dung": [{"bang": table}]})
    path = tmp_path / "bang-dai.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return baocao.load(path)


def test_a_free_bodys_long_table_streams_byte_for_byte_as_docxtpl_renders_it(tmp_path: Path) -> None:
    plain, streamed = _both(_free_body(tmp_path))
    assert normalized_parts(streamed) == normalized_parts(plain)
    assert streamed == plain
    document = normalized_parts(streamed)["word/document.xml"]
    assert "A &amp; B &lt;c&gt; {{ 7*7 }} {" in document
    assert "xuống dòng" in document and "baocao-rows" not in document


def test_outside_a_prepared_render_rows_are_written_inline() -> None:
    rows = [[f"r{n}", n] for n in range(DEFERRED_ROWS + 1)]
    table = Bang.model_validate({"bang": {"cot": [{"ten": "A"}, {"ten": "B"}], "dong": rows}})
    assert defer(lambda: ["<w:tr/>"]) is None
    xml = khoi(to_template_data([table]))
    assert xml.count("<w:tr>") == len(rows) + 1 and "baocao-rows" not in xml
    assert xml.index(">r0<") < xml.index(f">r{DEFERRED_ROWS}<")


def test_rows_printed_twice_are_written_twice_in_batches() -> None:
    """A template may print one filter's result twice ({% set %} then two {{ }}): each
    marker is replaced by the rows, written again, in batches of _Deferred.BATCH."""
    template = default_registry().get("ra-soat-ho-ngheo").template_bytes()
    deferred = _Deferred(PreparedTemplate(template, make_environment())._doc)
    rows = [f'<w:tr><w:tc><w:p><w:r><w:t xml:space="preserve">{n} &amp; {{_{{</w:t></w:r></w:p></w:tc></w:tr>'
            for n in range(_Deferred.BATCH + 1)]
    marker = deferred.add(lambda: rows).encode()
    pieces = list(deferred.written_into((b"<w:body>" + marker + b"<w:p/>" + marker + b"</w:body>",)))
    written = b"".join(pieces)
    assert written.count(b"<w:tr>") == 2 * len(rows) and b"baocao-rows" not in written
    assert written.startswith(b"<w:body><w:tr>") and b"</w:tr><w:p/><w:tr>" in written
    assert b">0 &amp; {{</w:t>" in written  # docxtpl's own mark restored, as in a rendered part
    assert sum(1 for piece in pieces if bytes(piece).startswith(b"<w:tr>")) == 4  # two batches each


def _long_table_report(tmp_path: Path) -> Any:
    """The general report with a long two-column table and no totals row (whose sums
    would read every row before the body is written)."""
    data = load_yaml(EXAMPLES / "bao-cao-chung.yaml").data
    table = {"cot": ["Lĩnh vực", "Số"], "dong": [[f"Lĩnh vực {n}", n] for n in range(ROWS)]}
    data["noi_dung"].append({"muc": "Bảng dài", "noi_dung": [{"bang": table}]})
    path = tmp_path / "bang-dai.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return baocao.load(path)


def test_a_row_found_short_while_streaming_fails_the_render_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The layout is computed a row at a time, so a row that does not fill the grid (a
    context hook's table, not validated) is found after the rows before it were written:
    into the package in memory, so the render fails with the model's message and the file
    on disk is left as it was."""
    report = _long_table_report(tmp_path)

    def shortened(checked: Any, report_type: Any) -> Any:
        checked.noi_dung[-1].noi_dung[0].bang.dong[-1].cac_o.pop()  # after the check
        return build_context(checked, report_type)

    out = tmp_path / "bao-cao.docx"
    out.write_bytes(b"the earlier report")
    monkeypatch.setattr(api, "build_context", shortened)
    with pytest.raises(TemplateError) as raised:
        baocao.render(report, out)
    assert str(raised.value) == (f"bao-cao.docx: mẫu lỗi khi tính: dòng {ROWS} của bảng chiếm 1 cột, nhưng "
                                 "bảng có 2 cột (kể cả ô gộp «gop_cot», «gop_dong» từ dòng trên)")
    cause = raised.value.__context__
    assert isinstance(cause, PydanticCustomError)  # found while the deferred rows were written:
    assert "_rows" in [frame.name for frame in traceback.extract_tb(cause.__traceback__)]
    assert out.read_bytes() == b"the earlier report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bang-dai.yaml", "bao-cao.docx"]


def test_the_model_reports_a_short_row_with_the_same_message() -> None:
    rows: list[Any] = [[f"r{n}", n] for n in range(DEFERRED_ROWS + 1)]
    rows[-1] = [f"r{DEFERRED_ROWS}"]
    with pytest.raises(ValidationError) as raised:
        Bang.model_validate({"bang": {"cot": ["A", "B"], "dong": rows}})
    (error,) = raised.value.errors()
    assert error["loc"] == ("bang", "dong", DEFERRED_ROWS)
    assert error["msg"] == (f"dòng {DEFERRED_ROWS + 1} của bảng chiếm 1 cột, nhưng bảng có 2 cột "
                            "(kể cả ô gộp «gop_cot», «gop_dong» từ dòng trên)")
