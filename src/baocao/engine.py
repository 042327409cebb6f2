"""The one Jinja environment and the docxtpl render.

The environment is sandboxed (templates from clerks and third parties cannot
reach Python internals), autoescaping (an "&" in an agency name stays text) and
strict (a misspelt variable is an error, not a blank).  Data is only ever passed
as values: it is never compiled as a template.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

import jinja2
from docxtpl import DocxTemplate, RichText

from baocao.body.render import khoi, phu_luc
from baocao.docx_package import normalize_package
from baocao.errors import BaocaoError, TemplateError
from baocao.formatting import FILTERS, format_citation
from baocao.isolation import run_isolated
from baocao.markup import parse_emphasis
from baocao.sandbox import AllowlistSandbox
from baocao.template_data import Record, to_template_data

if TYPE_CHECKING:
    from baocao.prepared import PreparedTemplate

Filter = Callable[..., Any]


def doan(text: str) -> RichText:
    """Filter ``doan``: narrative with its ``**bold**``, ``*italic*``, ``^superscript^``
    and ``~subscript~`` runs."""
    rich = RichText()
    for run in parse_emphasis(str(text)):
        rich.add(run.text, bold=run.bold, italic=run.italic, superscript=run.superscript or None,
                 subscript=run.subscript or None)
    return rich


def trich_dan(van_ban: Record) -> str:
    """Filter ``trich_dan``: a cited document in the standard form.

    "Kế hoạch số 596/KH-UBND ngày 07/9/2023 của UBND tỉnh về việc …"
    """
    return format_citation(van_ban.loai, van_ban.so_ky_hieu, van_ban.ngay, van_ban.trich_yeu,
                           co_quan=van_ban.co_quan)


BASE_FILTERS: dict[str, Filter] = {
    **FILTERS, "doan": doan, "trich_dan": trich_dan, "khoi": khoi, "phu_luc": phu_luc
}
"""Every filter a template may use, by its Vietnamese name."""


def make_environment(extra_filters: Mapping[str, Filter] | None = None) -> AllowlistSandbox:
    """A fresh sandboxed (:mod:`baocao.sandbox`), autoescaping, strict environment
    with baocao's filters."""
    env = AllowlistSandbox(
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
    env: AllowlistSandbox,
    title: str = "",
    author: str = "",
    when: datetime | None = None,
    isolated: bool = False,
) -> bytes:
    """Render a docxtpl template to deterministic .docx bytes (plain docxtpl, no cache).

    Errors in the template (syntax, an unknown variable, a sandbox violation) become
    :class:`TemplateError` naming the template and the offending tag.  ``isolated``
    renders in a child process with bounded time and memory (:mod:`baocao.isolation`):
    for every template baocao did not make itself.
    """
    data = template_context(context, template_name)

    def work() -> bytes:
        document = DocxTemplate(io.BytesIO(template))
        with _template_errors(template_name):
            document.render(dict(data), jinja_env=env)
        finish_body(document.docx.element.body)
        _stamp(document.docx.core_properties, title, author, when)
        buffer = io.BytesIO()
        document.save(buffer)
        return normalize_package(buffer.getvalue())

    return run_isolated(work, name=template_name) if isolated else work()


def render_prepared(
    prepared: PreparedTemplate,
    context: Mapping[str, Any],
    *,
    template_name: str,
    title: str = "",
    author: str = "",
    when: datetime | None = None,
    isolated: bool = False,
) -> bytes:
    """:func:`render_docx` with a template prepared once (same bytes, a fraction of the time)."""
    data = template_context(context, template_name)

    def work() -> bytes:
        with _template_errors(template_name):
            return prepared.render(
                data, lambda props: _stamp(props, title, author, when), finish=finish_body
            )

    return run_isolated(work, name=template_name) if isolated else work()


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


def template_context(context: Mapping[str, Any], template_name: str) -> Record:
    """The context as the plain data a template may see (:mod:`baocao.template_data`)."""
    try:
        data: Record = to_template_data(context)
    except TypeError as error:
        raise TemplateError(f"{template_name}: {error}") from None
    return data


@contextmanager
def _template_errors(template_name: str) -> Iterator[None]:
    try:
        yield
    except BaocaoError:
        raise
    except jinja2.TemplateError as error:
        raise TemplateError(_describe(error, template_name)) from None
    except (OverflowError, ValueError, ZeroDivisionError, TypeError) as error:
        raise TemplateError(f"{template_name}: mẫu lỗi khi tính: {error}") from None


def _stamp(props: Any, title: str, author: str, when: datetime | None) -> None:
    props.title = title
    props.author = author
    props.last_modified_by = "baocao"
    if when is not None:
        props.created = props.modified = when


def finish_body(body: Any) -> None:
    """What baocao mends in a rendered body, on either path: sections left empty by
    a false condition go, and table grids agree with their cells."""
    _drop_empty_sections(body)
    _fit_table_grids(body)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _drop_empty_sections(body: Any) -> None:
    """Remove sections left with no content (an appendix whose condition was false).

    A section ends at a paragraph holding a ``w:sectPr`` (the last one at the body's
    own ``w:sectPr``).  A section whose blocks are all empty paragraphs is dropped;
    when it is the last one, the previous section's properties move to the body.
    """
    blocks = [child for child in body if child.tag in (_W + "p", _W + "tbl")]
    sections: list[list[Any]] = [[]]
    for block in blocks:
        sections[-1].append(block)
        if block.find(f"{_W}pPr/{_W}sectPr") is not None:
            sections.append([])
    if len(sections) < 2:
        return
    for index in range(len(sections) - 1, 0, -1):
        if any(_has_content(block) for block in sections[index]):
            continue
        if index == len(sections) - 1:  # the last: its properties are the body's own
            end = sections[index - 1][-1]
            properties = end.find(f"{_W}pPr/{_W}sectPr")
            last = body.find(_W + "sectPr")
            properties.getparent().remove(properties)
            body.replace(last, properties)
            if not _has_content(end):
                body.remove(end)
            for block in sections[index]:
                body.remove(block)
        else:
            for block in sections[index]:
                body.remove(block)
        sections[index] = []


def _has_content(block: Any) -> bool:
    if block.tag == _W + "tbl":
        return True
    return any(t.text for t in block.iter(_W + "t")) or block.find(f".//{_W}drawing") is not None


def _fit_table_grids(body: Any) -> None:
    """Make each table's grid and its cells agree after docxtpl's column loops.

    docxtpl rebuilds the grid evenly over the template's width when ``{%tc %}`` adds
    or removes columns, but leaves the cells' own widths.  When columns were removed
    (``{%tc if %}``), the cells keep the widths the template gave them and the grid
    follows the cells; when columns were repeated (``{%tc for %}``) the cells would
    overflow the page, so they take the grid's even share instead.
    """
    for tbl in body.iter(_W + "tbl"):
        grid = tbl.find(_W + "tblGrid")
        if grid is None:
            continue
        columns = grid.findall(_W + "gridCol")
        grid_total = sum(int(c.get(_W + "w", "0")) for c in columns)
        found = (_plain_row_widths(row, len(columns)) for row in tbl.iter(_W + "tr"))
        rows = (r for r in found if r is not None)
        first = next(rows, None)
        if first is None:
            continue
        cells_total = sum(int(w.get(_W + "w")) for w in first)
        if cells_total <= grid_total:  # only the first plain row counts: stop reading here
            for column, width in zip(columns, first, strict=True):
                column.set(_W + "w", width.get(_W + "w"))
        else:
            for widths in itertools.chain((first,), rows):
                for column, width in zip(columns, widths, strict=True):
                    width.set(_W + "w", column.get(_W + "w"))


def _plain_row_widths(row: Any, count: int) -> list[Any] | None:
    """The tcW elements of a row of ``count`` cells without merged cells, or None.

    Walks the children directly (``iterchildren`` with a tag is lxml's C loop; a
    ``find`` with a path goes through ElementPath in Python, ten times slower per row).
    """
    widths = []
    for cell in row.iterchildren(_W + "tc"):
        properties = next(cell.iterchildren(_W + "tcPr"), None)
        if properties is None:
            return None
        width = next(properties.iterchildren(_W + "tcW"), None)
        if width is None or width.get(_W + "type") != "dxa":
            return None
        if next(properties.iterchildren(_W + "gridSpan"), None) is not None:
            return None
        widths.append(width)
    return widths if len(widths) == count else None


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
    return f"{where}: {kind}{snippet}: {_vietnamese(str(error.message or error))}"


_UNDEFINED_NAME = re.compile(r"^'([^']+)' is undefined$")


def _vietnamese(message: str) -> str:
    """Jinja's message for an unknown name, in Vietnamese (``'x' is undefined``)."""
    match = _UNDEFINED_NAME.match(message)
    return f"không có «{match.group(1)}»" if match else message
