"""The prepared template is an optimisation of docxtpl, not a second engine:
its output is the plain docxtpl render's, byte for byte."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from jinja2.bccache import FileSystemBytecodeCache

import baocao
from baocao.api import build_context
from baocao.engine import make_environment, prepare_template, render_docx, render_prepared
from baocao.loading import load_yaml
from baocao.prepared import PreparedTemplate
from baocao.registry import default_registry

from conftest import BAC_KAN, EXAMPLES
from docx_reading import find, normalized_parts

TRICKY = "A & B <c> {{ 7*7 }} {% if %} {#x#} ]]> “ngoặc” ‘đơn’"


def _context(path: Path) -> tuple[bytes, Mapping[str, Any]]:
    report = baocao.load(path)
    report_type = default_registry().get(report.loai)
    return report_type.template_bytes(), build_context(report, report_type)


def _tricky_data(tmp_path: Path) -> Path:
    source = BAC_KAN.read_text(encoding="utf-8")
    quoted = TRICKY.replace('"', '\\"')
    source = source.replace("ho_ten: Hoàng Hà Bắc", f'ho_ten: "{quoted}"')
    source = source.replace("dia_ban: thành phố Bắc Kạn", f'dia_ban: "{quoted}"')
    source = source.replace("    - Lãnh đạo UBND thành phố", f'    - "{quoted}"')
    path = tmp_path / "tricky.yaml"
    path.write_text(source, encoding="utf-8")
    return path


@pytest.mark.parametrize("tricky", [False, True], ids=["seed", "ampersand-angle-jinja"])
def test_prepared_render_is_byte_identical_to_plain_docxtpl(tmp_path: Path, tricky: bool) -> None:
    template, context = _context(_tricky_data(tmp_path) if tricky else BAC_KAN)
    plain = render_docx(template, context, template_name="t", env=make_environment(), title="T", author="A")
    prepared = PreparedTemplate(template, make_environment())
    stamped = render_prepared(prepared, context, template_name="t", title="T", author="A")
    again = render_prepared(prepared, context, template_name="t", title="T", author="A")
    assert normalized_parts(stamped) == normalized_parts(plain)
    assert stamped == plain
    assert again == stamped
    if tricky:
        assert find(stamped, TRICKY).text == TRICKY


def test_one_prepared_template_renders_different_data_without_leaking(tmp_path: Path) -> None:
    template, seed = _context(BAC_KAN)
    _, tricky = _context(_tricky_data(tmp_path))
    prepared = PreparedTemplate(template, make_environment())
    first = prepared.render(seed)
    prepared.render(tricky)
    assert prepared.render(seed) == first
    assert TRICKY not in " ".join(normalized_parts(first).values())


def test_a_failed_render_leaves_the_prepared_template_usable() -> None:
    template, context = _context(BAC_KAN)
    prepared = prepare_template(template)
    assert prepared is not None
    good = render_prepared(prepared, context, template_name="t")
    broken = {key: value for key, value in context.items() if key != "ket_qua"}
    with pytest.raises(baocao.TemplateError, match="ket_qua"):
        render_prepared(prepared, broken, template_name="mau.docx")
    assert render_prepared(prepared, context, template_name="t") == good


def test_templates_with_footnotes_fall_back_to_plain_docxtpl() -> None:
    template, _ = _context(BAC_KAN)
    source = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            target.writestr(info, content)
    assert PreparedTemplate.supports(template)
    assert not PreparedTemplate.supports(out.getvalue())
    assert prepare_template(out.getvalue()) is None


def test_a_large_table_is_spliced_byte_for_byte_as_docxtpl_moves_it() -> None:
    """The body is serialised alone and spliced (linear time): the bytes are those of
    moving it into the document, as docxtpl does (the fallback path)."""
    report_type = default_registry().get("ra-soat-ho-ngheo")
    data = load_yaml(BAC_KAN).data
    rows = data["bieu_tong_hop"]["dong"]
    data["bieu_tong_hop"]["dong"] = [{**row, "ten": f"{row['ten']} {n}"} for n in range(30) for row in rows]
    data.pop("ket_qua", None)
    report = report_type.model.model_validate(data)
    template, context = report_type.template_bytes(), build_context(report, report_type)
    prepared = PreparedTemplate(template, make_environment())
    assert prepared._frame is not None
    spliced = prepared.render(context)
    prepared._frame = None  # the move between trees
    assert prepared.render(context) == spliced


def _cached(tmp_path: Path, template: bytes) -> PreparedTemplate:
    return PreparedTemplate(template, make_environment(), cache=FileSystemBytecodeCache(str(tmp_path)))


def test_prepared_sources_are_cached_on_disk_as_checked_json(tmp_path: Path) -> None:
    template, context = _context(BAC_KAN)
    plain = PreparedTemplate(template, make_environment()).render(context)
    first = _cached(tmp_path, template)
    entries = list(tmp_path.glob("__baocao_prepared_*.json"))
    assert len(entries) == 1
    head, _, content = entries[0].read_bytes().partition(b"\n")
    assert head.decode() == hashlib.sha256(content).hexdigest()
    assert json.loads(content)["body"] == first._body  # data, not a pickle
    again = _cached(tmp_path, template)
    assert again._sources == first._sources
    assert again.render(context) == first.render(context) == plain


@pytest.mark.parametrize("damage", ["truncated", "edited", "not-json", "wrong-shape"])
def test_a_damaged_cache_entry_is_ignored_and_rewritten(tmp_path: Path, damage: str) -> None:
    template, context = _context(BAC_KAN)
    expected = _cached(tmp_path, template).render(context)
    (entry,) = tmp_path.glob("__baocao_prepared_*.json")
    text = entry.read_bytes()
    head, _, content = text.partition(b"\n")
    if damage == "truncated":
        entry.write_bytes(text[: len(text) // 2])
    elif damage == "edited":  # content changed, hash not: refused
        entry.write_bytes(head + b"\n" + content.replace(b"w:body", b"w:bodx", 1))
    else:
        bad = b"[not json" if damage == "not-json" else json.dumps({"body": 1}).encode()
        entry.write_bytes(hashlib.sha256(bad).hexdigest().encode() + b"\n" + bad)
    assert _cached(tmp_path, template).render(context) == expected
    assert entry.read_bytes() == text  # rewritten whole


def test_another_template_gets_another_cache_entry(tmp_path: Path) -> None:
    template, _ = _context(BAC_KAN)
    other, _ = _context(EXAMPLES / "cong-van-don-doc.yaml")
    _cached(tmp_path, template)
    _cached(tmp_path, other)
    assert len(list(tmp_path.glob("__baocao_prepared_*.json"))) == 2


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _table_xml(grid: int, rows: list[list[int]]) -> str:
    """A body with one table: ``grid`` columns, each row its cells' spans."""
    cols = "".join('<w:gridCol w:w="1000"/>' for _ in range(grid))
    body = "".join(
        "<w:tr>" + "".join(
            f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p/></w:tc>' if span > 1
            else "<w:tc><w:p/></w:tc>" for span in row) + "</w:tr>"
        for row in rows)
    return f"<w:body {_W}><w:tbl><w:tblGrid>{cols}</w:tblGrid>{body}</w:tbl></w:body>"


@pytest.mark.parametrize("grid, rows", [
    (3, [[1, 1, 1], [2, 1]]),  # the grid fits: nothing to mend
    (2, [[1, 1, 1], [1, 1]]),  # a row with more cells than the grid: columns added
    (4, [[1, 1], [2, 1]]),  # fewer columns used than the grid has: columns dropped
])
def test_the_table_pass_mends_grids_as_docxtpl_does(grid: int, rows: list[list[int]]) -> None:
    from docxtpl import DocxTemplate
    from lxml import etree

    template = default_registry().get("bao-cao").template_bytes()
    ours = PreparedTemplate(template, make_environment())._doc
    theirs = DocxTemplate(io.BytesIO(template))
    xml = _table_xml(grid, rows)
    assert etree.tostring(ours.fix_tables(xml)) == etree.tostring(theirs.fix_tables(xml))


@pytest.mark.parametrize("text", ["một dòng", "hai\ndòng", "tab\there", "trang\fmới", "chuông\a"])
def test_the_listing_pass_rewrites_as_docxtpl_does(text: str) -> None:
    from docxtpl import DocxTemplate

    template = default_registry().get("bao-cao").template_bytes()
    ours = PreparedTemplate(template, make_environment())._doc
    theirs = DocxTemplate(io.BytesIO(template))
    xml = f'<?xml version="1.0"?>\n<w:body {_W}><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body>'
    assert ours.resolve_listing(xml) == theirs.resolve_listing(xml)
    assert (ours.resolve_listing(xml) == xml) == (text == "một dòng")
