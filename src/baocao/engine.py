"""The one Jinja environment and the docxtpl render.

The environment is sandboxed (templates from clerks and third parties cannot
reach Python internals), autoescaping (an "&" in an agency name stays text) and
strict (a misspelt variable is an error, not a blank).  Data is only ever passed
as values: it is never compiled as a template.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

import jinja2
from docxtpl import DocxTemplate, RichText
from jinja2.sandbox import SandboxedEnvironment

from baocao.docx_package import normalize_package
from baocao.errors import BaocaoError, TemplateError
from baocao.formatting import FILTERS, format_date
from baocao.markup import parse_emphasis
from baocao.models.blocks import VanBanTrichDan

if TYPE_CHECKING:
    from baocao.prepared import PreparedTemplate

Filter = Callable[..., Any]


def doan(text: str) -> RichText:
    """Filter ``doan``: narrative with its ``**bold**`` and ``*italic*`` runs."""
    rich = RichText()
    for run in parse_emphasis(str(text)):
        rich.add(run.text, bold=run.bold, italic=run.italic)
    return rich


def trich_dan(van_ban: VanBanTrichDan) -> str:
    """Filter ``trich_dan``: a cited document in the standard form.

    "Kế hoạch số 596/KH-UBND ngày 07/9/2023 của UBND tỉnh về việc …"
    """
    parts = [f"{van_ban.loai} số {van_ban.so_ky_hieu} ngày {format_date(van_ban.ngay, style='short')}"]
    if van_ban.co_quan:
        parts.append(f"của {van_ban.co_quan}")
    parts.append(van_ban.trich_yeu)
    return " ".join(parts)


BASE_FILTERS: dict[str, Filter] = {**FILTERS, "doan": doan, "trich_dan": trich_dan}
"""Every filter a template may use, by its Vietnamese name."""


def make_environment(extra_filters: Mapping[str, Filter] | None = None) -> SandboxedEnvironment:
    """A fresh sandboxed, autoescaping, strict environment with baocao's filters."""
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(BASE_FILTERS)
    if extra_filters:
        env.filters.update(extra_filters)
    return env


def render_docx(
    template: bytes,
    context: Mapping[str, Any],
    *,
    template_name: str,
    env: SandboxedEnvironment,
    title: str = "",
    author: str = "",
    when: datetime | None = None,
) -> bytes:
    """Render a docxtpl template to deterministic .docx bytes (plain docxtpl, no cache).

    Errors in the template (syntax, an unknown variable, a sandbox violation) become
    :class:`TemplateError` naming the template and the offending tag.
    """
    document = DocxTemplate(io.BytesIO(template))
    with _template_errors(template_name):
        document.render(dict(context), jinja_env=env)
    _stamp(document.docx.core_properties, title, author, when)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_package(buffer.getvalue())


def render_prepared(
    prepared: PreparedTemplate,
    context: Mapping[str, Any],
    *,
    template_name: str,
    title: str = "",
    author: str = "",
    when: datetime | None = None,
) -> bytes:
    """:func:`render_docx` with a template prepared once (same bytes, a fraction of the time)."""
    with _template_errors(template_name):
        return prepared.render(context, lambda props: _stamp(props, title, author, when))


def prepare_template(
    template: bytes, filters: Mapping[str, Filter] | None = None
) -> PreparedTemplate | None:
    """The template prepared with its own environment, cached in this process; None
    when it uses what only the plain path renders (then call :func:`render_docx`)."""
    key = (template, tuple(sorted((filters or {}).items())))
    if key not in _PREPARED:
        from baocao.prepared import PreparedTemplate, bytecode_cache

        if len(_PREPARED) >= _PREPARED_MAX:
            _PREPARED.pop(next(iter(_PREPARED)))
        _PREPARED[key] = (
            PreparedTemplate(template, make_environment(filters), cache=bytecode_cache())
            if PreparedTemplate.supports(template)
            else None
        )
    return _PREPARED[key]


_PREPARED: dict[tuple[bytes, tuple[tuple[str, Filter], ...]], PreparedTemplate | None] = {}
_PREPARED_MAX = 16


def clear_prepared() -> None:
    """Forget the prepared templates of this process (benchmarks, tests)."""
    _PREPARED.clear()


@contextmanager
def _template_errors(template_name: str) -> Iterator[None]:
    try:
        yield
    except BaocaoError:
        raise
    except jinja2.TemplateError as error:
        raise TemplateError(_describe(error, template_name)) from None


def _stamp(props: Any, title: str, author: str, when: datetime | None) -> None:
    props.title = title
    props.author = author
    props.last_modified_by = "baocao"
    if when is not None:
        props.created = props.modified = when


def _describe(error: jinja2.TemplateError, template_name: str) -> str:
    where = template_name
    snippet = ""
    lines = getattr(error, "docx_context", None)
    if lines is not None:
        text = " ".join(" ".join(lines).split())
        match = re.search(r"\{[{%].*?[%}]\}", text)
        snippet = f" (tại «{match.group(0) if match else text[:80]}»)"
    kind = {
        jinja2.exceptions.SecurityError: "mẫu dùng thao tác không được phép",
        jinja2.exceptions.UndefinedError: "mẫu dùng biến không có trong dữ liệu",
        jinja2.exceptions.TemplateSyntaxError: "mẫu sai cú pháp",
    }.get(type(error), "mẫu lỗi")
    return f"{where}: {kind}{snippet}: {error.message or error}"
