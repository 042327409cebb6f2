"""Page numbers: centred in the header from page 2, none on page 1 (Phụ lục I, Mục I.7)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from baocao import nd30

from ..context import Context
from ..findings import LayoutFinding
from ..ooxml import Element, attr, containing, on_off, w
from ..rules import finding
from ..units import sizes
from .common import run_problems

_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PAGE = re.compile(r"(^|\s)PAGE(\s|\\|$)")


def page_field(part: Element | None) -> Element | None:
    """The paragraph of *part* holding a PAGE field (simple or complex), or ``None``."""
    if part is None:
        return None
    for simple in part.iter(w("fldSimple")):
        if _PAGE.search(attr(simple, "instr") or ""):
            return containing(simple, "p")
    for instr in part.iter(w("instrText")):
        if _PAGE.search(instr.text or ""):
            return containing(instr, "p")
    return None


def _effective_refs(context: Context, kind: str) -> list[dict[str, str]]:
    """Per section: header (or footer) type → relationship id, inherited from earlier sections."""
    out: list[dict[str, str]] = []
    current: dict[str, str] = {}
    for section in context.sections:
        current = dict(current)
        for ref in section.iter(w(f"{kind}Reference")):
            current[attr(ref, "type") or "default"] = ref.get(_R_ID) or ""
        out.append(current)
    return out


def page_numbers(context: Context) -> Iterator[LayoutFinding]:
    """PAGE field centred in the default header; titlePg with an unnumbered first page."""
    if not context.sections:
        return
    headers = _effective_refs(context, "header")
    footers = _effective_refs(context, "footer")
    reported: set[str] = set()
    for index, refs in enumerate(headers):
        rel_id = refs.get("default")
        paragraph = page_field(context.related(rel_id))
        where = f"phần (section) {index + 1}: " if len(context.sections) > 1 else ""
        if paragraph is None:
            if (rel_id or "") in reported:
                continue
            reported.add(rel_id or "")
            if page_field(context.related(footers[index].get("default"))) is not None:
                yield finding("so-trang.vi-tri", "Số trang", where + "số trang đặt ở chân trang",
                              "trường PAGE căn giữa ở đầu trang (header), từ trang thứ hai")
            else:
                # The file does not say how many pages it has: a one-page document
                # needs no number, so this is only a warning.
                yield finding("so-trang.thieu", "Số trang", where + "không có số trang",
                              "văn bản từ hai trang trở lên: số trang ở giữa đầu trang, "
                              "từ trang thứ hai")
            continue
        if (rel_id or "") in reported:
            continue
        reported.add(rel_id or "")
        problems = run_problems(paragraph, context.resolver, sizes=nd30.SO_TRANG, italic=False)
        if context.resolver.paragraph_format(paragraph).alignment != "center":
            problems.append("không căn giữa")
        if problems:
            yield finding("so-trang.vi-tri", "Số trang", where + "số trang " + ", ".join(problems),
                          f"{sizes(nd30.SO_TRANG)}, đứng, căn giữa ở đầu trang")
    first = context.sections[0]
    default_numbered = page_field(context.related(headers[0].get("default"))) is not None
    if not on_off(first.find(w("titlePg"))):
        if default_numbered:
            yield finding("so-trang.trang-dau", "Số trang",
                          "trang thứ nhất cũng có số trang (chưa bật «Trang đầu khác» – titlePg)",
                          "không đánh số trang thứ nhất")
    elif page_field(context.related(headers[0].get("first"))) is not None:
        yield finding("so-trang.trang-dau", "Số trang",
                      "đầu trang của trang thứ nhất có số trang",
                      "không đánh số trang thứ nhất")
