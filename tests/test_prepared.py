"""The prepared template is an optimisation of docxtpl, not a second engine:
its output is the plain docxtpl render's, byte for byte."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

import baocao
from baocao.api import build_context
from baocao.engine import make_environment, prepare_template, render_docx, render_prepared
from baocao.prepared import PreparedTemplate
from baocao.registry import default_registry

from conftest import BAC_KAN
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
