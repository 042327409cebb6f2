"""The one Jinja environment and the docxtpl render.

The environment is sandboxed (templates from clerks and third parties cannot
reach Python internals), autoescaping (an "&" in an agency name stays text) and
strict (a misspelt variable is an error, not a blank).  Data is only ever passed
as values: it is never compiled as a template.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import jinja2
from docxtpl import DocxTemplate, RichText
from jinja2.sandbox import SandboxedEnvironment

from baocao.docx_package import normalize_package
from baocao.errors import BaocaoError, TemplateError
from baocao.formatting import FILTERS, format_date
from baocao.markup import parse_emphasis
from baocao.models.blocks import VanBanTrichDan

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
    env = SandboxedEnvironment(
        autoescape=True, undefined=jinja2.StrictUndefined, loader=jinja2.FunctionLoader(_no_loading)
    )
    env.filters.update(BASE_FILTERS)
    if extra_filters:
        env.filters.update(extra_filters)
    return env


def _no_loading(name: str) -> None:
    """Templates cannot import, include or extend anything (``{% import 'os' %}``)."""
    raise jinja2.exceptions.SecurityError(f"mẫu không được nạp mẫu hay mô-đun khác («{name}»)")


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
    """Render a docxtpl template to deterministic .docx bytes.

    Errors in the template (syntax, an unknown variable, a sandbox violation) become
    :class:`TemplateError` naming the template and the offending tag.
    """
    document = DocxTemplate(io.BytesIO(template))
    try:
        document.render(dict(context), jinja_env=env)
    except BaocaoError:
        raise
    except jinja2.TemplateError as error:
        raise TemplateError(_describe(error, template_name)) from None
    props = document.docx.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = "baocao"
    if when is not None:
        props.created = props.modified = when
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_package(buffer.getvalue())


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
