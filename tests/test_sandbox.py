"""Hostile templates (issue 11, part 1): no template runs code, reads a file or
reaches anything but its data — refused when it is registered or passed with
``--template``, and refused again while rendering when that check is bypassed."""

from __future__ import annotations

import warnings
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

import baocao
from baocao.api import build_context
from baocao.engine import make_environment, render_docx
from baocao.errors import TemplateError
from baocao.frame import build_template
from baocao.registry import Registry, ReportType, check_template, default_registry
from baocao.sandbox import AllowlistSandbox
from baocao.template_data import Record

from conftest import BAC_KAN
from docx_reading import texts
from plugin_fixtures import ThongBao
from template_editing import HEADING, OLD_OUTPUT, edited, render_over_old_output, write

SECRET = "bí-mật-không-được-in"


def payloads(marker: Path, secret: Path) -> list[str]:
    """Every attempt: the pickle load and the file read of the issue, the other
    doors of a pydantic model, and the known Jinja sandbox escapes."""
    pickle = f"cos\\nsystem\\n(S'touch {marker}'\\ntR."
    return [
        f'{{{{ co_quan.parse_raw("{pickle}", proto="pickle", allow_pickle=True) }}}}',
        f'{{{{ co_quan.parse_file("{secret}").ten }}}}',
        '{{ co_quan|attr("parse_raw") }}',
        f'{{{{ (co_quan|attr("parse_file"))("{secret}") }}}}',
        f'{{{{ co_quan["parse_file"]("{secret}") }}}}',
        '{% set f = co_quan.parse_raw %}{{ f("x") }}',
        "{{ co_quan.model_dump() }}",
        "{{ co_quan.model_validate_json('{}') }}",
        '{{ co_quan.copy(update={"ten": "x"}) }}',
        "{{ nguoi_ky.dong_chuc_vu() }}",
        '{{ "{0.__class__}".format(co_quan) }}',
        "{{ co_quan.ten_goi_tat.format_map(co_quan) }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ self._TemplateReference__context }}",
        "{{ self.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ joiner.__init__.__globals__ }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ lipsum(n=1) }}",
        "{{ dict(a=1) }}",
        '{% for x in [co_quan]|map(attribute="__class__") %}{{ x }}{% endfor %}',
        '{{ co_quan|attr("__class__") }}',
        "{{ ngay.strftime('%Y') }}",
        "{{ (1).__class__ }}",
        "{{ range.__self__ }}",
        '{{ co_quan.ten|attr("pop")() }}',
        "{{ khung.__class__ }}",
    ]


def hostile(payload: str) -> bytes:
    return edited(HEADING, escape(payload, {"'": "&apos;", '"': "&quot;"}))


@pytest.fixture
def targets(tmp_path: Path) -> tuple[Path, Path]:
    marker, secret = tmp_path / "PWNED", tmp_path / "secret.json"
    secret.write_text(f'{{"ten": ["{SECRET}"], "ten_goi_tat": "x", "viet_tat": "x"}}', encoding="utf-8")
    return marker, secret


PAYLOAD_IDS = [p[:60] for p in payloads(Path("m"), Path("s"))]


@pytest.mark.parametrize("index", range(len(PAYLOAD_IDS)), ids=PAYLOAD_IDS)
def test_a_hostile_template_is_refused_before_rendering(
    targets: tuple[Path, Path], index: int
) -> None:
    payload = payloads(*targets)[index]
    report_type = default_registry().get("ra-soat-ho-ngheo")
    with pytest.raises(TemplateError) as caught:
        check_template(report_type, hostile(payload), "doc-hai.docx")
    assert str(caught.value).startswith("doc-hai.docx: mẫu ")
    assert not targets[0].exists()


@pytest.mark.parametrize("index", range(len(PAYLOAD_IDS)), ids=PAYLOAD_IDS)
def test_the_sandbox_refuses_it_while_rendering(targets: tuple[Path, Path], index: int) -> None:
    """The check before rendering bypassed: the context is plain data and the
    sandbox allows only its list, so nothing runs and nothing is read."""
    marker, secret = targets
    payload = payloads(marker, secret)[index]
    report = baocao.load(BAC_KAN)
    context = build_context(report, default_registry().get(report.loai))
    with pytest.raises(TemplateError) as caught:
        render_docx(hostile(payload), context, template_name="doc-hai.docx", env=make_environment())
    assert str(caught.value).startswith("doc-hai.docx: mẫu ")
    assert not marker.exists()
    assert SECRET not in str(caught.value)


def test_the_cli_refuses_it_and_writes_nothing(targets: tuple[Path, Path], tmp_path: Path) -> None:
    marker, secret = targets
    template = write(tmp_path, hostile(payloads(marker, secret)[0]))
    status, err, out = render_over_old_output(tmp_path, template)
    assert status == 1
    assert f"{template}: mẫu dùng thao tác không được phép" in err and "«parse_raw»" in err
    assert out.read_bytes() == OLD_OUTPUT and not marker.exists()


def test_a_plugin_with_a_hostile_template_is_refused_and_the_others_work(
    targets: tuple[Path, Path], tmp_path: Path
) -> None:
    marker, _ = targets

    def body(w: object) -> None:
        w.paragraph(  # type: ignore[attr-defined]
            f'{{{{ co_quan.parse_raw("cos\\nsystem\\n(S\'touch {marker}\'\\ntR.", proto="pickle", '
            'allow_pickle=True) }}'
        )

    path = tmp_path / "thong-bao.docx"
    path.write_bytes(build_template(body))
    registry = Registry()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        registry.add_plugins([ReportType(name="thong-bao", title="Thông báo", model=ThongBao,
                                         template=path, package="goi-doc-hai")])
    assert "thong-bao" not in registry
    assert any("goi-doc-hai" in str(w.message) and "parse_raw" in str(w.message) for w in caught)
    assert not marker.exists()


def test_what_templates_really_use_still_renders() -> None:
    """Keys, loops, string methods on the list, macros, namespace and range."""
    source = (
        "{% macro m(x) %}[{{ x }}]{% endmacro %}{% set ns = namespace(n=0) %}"
        "{% for t in co_quan.ten %}{% set ns.n = ns.n + loop.index %}{{ m(t.upper()) }}"
        "{{ ',' if not loop.last }}{% endfor %} {{ ns.n }} {{ range(3)|list|length }}"
        " {{ co_quan['viet_tat'] }} {{ co_quan|attr('viet_tat') }} {{ ngay.year }}"
        " {{ co_quan.items()|list|length }}"
    )
    data = Record({"co_quan": Record({"ten": ("a", "b"), "viet_tat": "UBND"}),
                   "ngay": Record({"year": 2023})})
    assert AllowlistSandbox().from_string(source).render(data) == "[A],[B] 3 3 UBND UBND 2023 2"


def test_a_record_key_wins_over_a_mapping_method() -> None:
    data = Record({"x": Record({"items": "các mục", "values": "giá trị"})})
    assert AllowlistSandbox().from_string("{{ x.items }} {{ x.values }}").render(data) == "các mục giá trị"


def test_the_built_in_types_render_through_the_sandbox() -> None:
    rendered = baocao.render(baocao.load(BAC_KAN))
    assert rendered is not None and "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO" in texts(rendered)
