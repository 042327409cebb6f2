"""Hostile templates that would exhaust the machine (issue 11, part 2): each is
stopped within bounded time and memory with a Vietnamese error naming it, and
leaves no process behind."""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

import baocao
from baocao import isolation
from baocao.api import build_context
from baocao.engine import make_environment, render_docx
from baocao.errors import TemplateError
from baocao.isolation import Limits, run_isolated
from baocao.registry import default_registry

from conftest import BAC_KAN
from template_editing import HEADING, edited

pytestmark = pytest.mark.skipif(not isolation.can_isolate(), reason="no fork on this platform")

SMALL = Limits(cpu_seconds=2, wall_seconds=60, memory_bytes=512 * 1024**2, recursion=200)
"""Two CPU seconds; on a loaded machine the wall deadline may come first (either stops it)."""

EXHAUSTING: list[tuple[str, str | tuple[str, ...]]] = [
    ("{{ '{0:>1000000000}'.format(1) }}", "mẫu không được dùng «format» của «str»"),
    ("{{ 'a' * 10**9 }}", "mẫu tạo chuỗi hay danh sách dài quá 1.000.000 phần tử"),
    ("{{ [1] * 10**9 }}", "mẫu tạo chuỗi hay danh sách dài quá 1.000.000 phần tử"),
    ("{{ 'a'.center(10**9) }}", "mẫu không được dùng «center» của «str»"),
    ("{{ '%1000000000d' % 1 }}", "mẫu định dạng «%» rộng quá 1000 ký tự"),
    ("{{ '%*d' % (1000000000, 1) }}", "mẫu định dạng «%» rộng quá 1000 ký tự"),
    ("{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{% endfor %}{% endfor %}",
     ("mẫu dùng quá giới hạn tài nguyên", "mẫu chạy quá 60 giây nên bị dừng")),
    ("{% for i in range(10**9) %}{% endfor %}", "mẫu dùng range quá 100.000 số"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "mẫu gọi lồng nhau quá sâu"),
    ("{{ lipsum(n=10**6) }}", "không có «lipsum»"),
    ("{{ 10**(10**8) }}", "mẫu tính lũy thừa quá 1000 chữ số"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
     "{% endfor %}{{ ns.s|length }}", "bộ nhớ"),
]


def _children() -> list[str]:
    pid = os.getpid()
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolation, "DEFAULT_LIMITS", SMALL)


@pytest.mark.usefixtures("small_limits")
@pytest.mark.parametrize(("payload", "expected"), EXHAUSTING, ids=[p[:50] for p, _ in EXHAUSTING])
def test_an_exhausting_template_is_stopped_with_a_vietnamese_error(
    payload: str, expected: str | tuple[str, ...]
) -> None:
    report = baocao.load(BAC_KAN)
    context = build_context(report, default_registry().get(report.loai))
    source = edited(HEADING, escape(payload, {"'": "&apos;", '"': "&quot;"}))
    with pytest.raises(TemplateError) as caught:
        render_docx(source, context, template_name="doc-hai.docx", env=make_environment(), isolated=True)
    message = str(caught.value)
    alternatives = (expected,) if isinstance(expected, str) else expected
    assert message.startswith("doc-hai.docx: mẫu ") and any(e in message for e in alternatives)
    assert _children() == []


def test_a_hanging_render_is_killed_at_the_deadline() -> None:
    def hang() -> None:
        import time

        while True:
            time.sleep(60)

    with pytest.raises(TemplateError, match=r"^m\.docx: mẫu chạy quá 1 giây nên bị dừng"):
        run_isolated(hang, name="m.docx", limits=Limits(wall_seconds=1))  # sleeping spends no CPU
    assert _children() == []


def test_the_result_and_baocao_errors_come_back_from_the_child() -> None:
    assert run_isolated(lambda: b"docx" * 3, name="m") == b"docxdocxdocx"

    def fails() -> None:
        raise TemplateError("m: mẫu dùng biến không có trong dữ liệu: không có «x»")

    with pytest.raises(TemplateError, match="không có «x»"):
        run_isolated(fails, name="m")


def test_a_clerks_template_renders_isolated_and_gives_the_same_bytes(tmp_path: Path) -> None:
    report = baocao.load(BAC_KAN)
    template = tmp_path / "mau.docx"
    template.write_bytes(edited(HEADING, HEADING))
    assert baocao.render(report, template=template) == baocao.render(report)
