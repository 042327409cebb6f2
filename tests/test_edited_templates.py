"""A clerk's edited template (``--template``) and the sandbox every template runs in."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import baocao
from baocao import cli
from baocao.api import build_context
from baocao.engine import make_environment, render_docx
from baocao.errors import TemplateError
from baocao.registry import default_registry

from conftest import BAC_KAN
from docx_reading import texts
from template_editing import HEADING, OLD_OUTPUT, edited, render_over_old_output, write


def test_a_clerks_edited_wording_is_rendered(tmp_path: Path) -> None:
    template = write(tmp_path, edited(HEADING, "I. LÃNH ĐẠO VÀ CHỈ ĐẠO THỰC HIỆN"))
    rendered = baocao.render(baocao.load(BAC_KAN), template=template)
    assert rendered is not None
    lines = texts(rendered)
    assert "I. LÃNH ĐẠO VÀ CHỈ ĐẠO THỰC HIỆN" in lines and HEADING not in lines
    assert "II. QUÁ TRÌNH TRIỂN KHAI THỰC HIỆN" in lines


def test_the_cli_takes_the_edited_template(tmp_path: Path) -> None:
    template = write(tmp_path, edited(HEADING, "I. CHỈ ĐẠO"))
    out = tmp_path / "bc.docx"
    status = cli.main(["render", str(BAC_KAN), "-o", str(out), "--template", str(template), "-q"],
                      stdout=io.StringIO(), stderr=io.StringIO())
    assert status == 0 and "I. CHỈ ĐẠO" in texts(out.read_bytes())


def test_an_unknown_variable_is_listed_before_anything_is_written(tmp_path: Path) -> None:
    template = write(tmp_path, edited(HEADING, "I. {{ so_lieu_moi }} {{ dia_ban_moi }}"))
    status, message, out = render_over_old_output(tmp_path, template)
    assert status == 1
    assert str(template) in message and "«so_lieu_moi»" in message
    assert "«dia_ban_moi» (có phải «dia_ban»?)" in message
    assert out.read_bytes() == OLD_OUTPUT


UNSAFE = [
    ("{{ ''.__class__.__mro__ }}", "__class__"),
    ("{{ cycler.__init__.__globals__ }}", "__init__"),
    ("{{ khung['__class__'] }}", "__class__"),
    ("{% import 'os' as os %}", "{% import 'os' as os %}"),
    ("{% from 'os' import system %}", "{% from 'os' import system %}"),
    ("{% include 'khac.docx' %}", "{% include 'khac.docx' %}"),
]


@pytest.mark.parametrize(("tag", "shown"), UNSAFE, ids=[t for t, _ in UNSAFE])
def test_unsafe_tags_are_refused_naming_template_and_tag(tmp_path: Path, tag: str, shown: str) -> None:
    template = write(tmp_path, edited(HEADING, tag.replace("'", "&apos;")))
    with pytest.raises(TemplateError) as error:
        baocao.render(baocao.load(BAC_KAN), template=template)
    message = str(error.value)
    assert message.startswith(f"{template}: mẫu dùng thao tác không được phép")
    assert shown in message


RUNTIME = [
    (UNSAFE[0][0], "mẫu dùng thao tác không được phép: mẫu không được dùng «__class__» của «str»"),
    # cycler is no global of the sandbox (baocao.sandbox.ALLOWED_GLOBALS): nothing to reach
    (UNSAFE[1][0], "mẫu dùng biến không có trong dữ liệu: không có «cycler»"),
    ("{% import 'os' as os %}",
     "mẫu dùng thao tác không được phép: mẫu không được nạp mẫu hay mô-đun khác («os»)"),
]


@pytest.mark.parametrize(("tag", "shown"), RUNTIME, ids=[t for t, _ in RUNTIME])
def test_the_sandbox_refuses_them_while_rendering_too(tag: str, shown: str) -> None:
    """The check before rendering is a courtesy; the sandboxed environment is the guard."""
    source = edited(HEADING, tag.replace("'", "&apos;"))
    report = baocao.load(BAC_KAN)
    context = build_context(report, default_registry().get(report.loai))
    with pytest.raises(TemplateError) as error:
        render_docx(source, context, template_name="mau.docx", env=make_environment())
    assert str(error.value) == f"mau.docx: {shown}"
