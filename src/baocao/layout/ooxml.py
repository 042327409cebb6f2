"""Small helpers over WordprocessingML elements (lxml), shared by the layout modules.

Inside :func:`memoised` (one ``check`` of one document, which changes nothing), the
runs and the text of each paragraph and run are read once and remembered: the
recognition and the checks ask for the same ones again and again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSMAP = {
    "w": W_NS,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}

Element = Any  # an lxml element; lxml ships no type information


_CLARK: dict[str, str] = {}
"""The Clark names asked for so far (the tags and attributes the code names)."""


def w(tag: str) -> str:
    """Clark name of a ``w:`` tag: ``w("p")`` → ``{…/main}p``."""
    clark = _CLARK.get(tag)
    if clark is None:
        clark = _CLARK[tag] = f"{{{W_NS}}}{tag}"
    return clark


def child(element: Element, tag: str) -> Element | None:
    """The first child of *element* with the Clark name *tag*: what ``find(tag)`` gives,
    without lxml's ElementPath machinery (written in Python, several times slower)."""
    for found in element.iterchildren(tag):
        return found
    return None


def grandchild(element: Element, tag: str, inner: str) -> Element | None:
    """What ``find("tag/inner")`` gives: the first *inner* child of a *tag* child."""
    for middle in element.iterchildren(tag):
        for found in middle.iterchildren(inner):
            return found
    return None


def section_break(block: Element) -> Element | None:
    """The ``w:sectPr`` a body paragraph ends its section with (``w:pPr/w:sectPr``), or None."""
    return grandchild(block, _PPR, _SECT_PR) if block.tag == _P else None


def attr(element: Element | None, name: str) -> str | None:
    """The ``w:name`` attribute of *element*, or ``None``."""
    if element is None:
        return None
    clark = _CLARK.get(name)
    value = element.get(w(name) if clark is None else clark)
    return None if value is None else str(value)


def on_off(element: Element | None) -> bool | None:
    """Value of an on/off property such as ``<w:b/>``: ``None`` when absent."""
    if element is None:
        return None
    value = attr(element, "val")
    return value not in ("0", "false", "off", "none")


_P, _R, _T, _TAB, _NO_BREAK_HYPHEN = w("p"), w("r"), w("t"), w("tab"), w("noBreakHyphen")
_PPR, _SECT_PR = w("pPr"), w("sectPr")


class _Memo:
    """What was read of one unchanging document.  Its keys are the elements
    themselves: kept alive here, each element keeps its one Python object, so
    identity stays a valid key for as long as the memo lives."""

    def __init__(self) -> None:
        self.runs: dict[Element, tuple[Element, ...]] = {}
        self.run_texts: dict[Element, str] = {}
        self.paragraph_texts: dict[Element, str] = {}
        self.tables: dict[object, dict[Any, Any]] = {}


_MEMO: ContextVar[_Memo | None] = ContextVar("baocao_layout_memo", default=None)


@contextmanager
def memoised() -> Iterator[None]:
    """Remember runs and texts until the block ends (the document must not change in it)."""
    token = _MEMO.set(_Memo())
    try:
        yield
    finally:
        _MEMO.reset(token)


def remembered(owner: object) -> dict[Any, Any] | None:
    """Inside :func:`memoised`, a dict of *owner*'s own to remember results in; else None."""
    memo = _MEMO.get()
    if memo is None:
        return None
    table = memo.tables.get(owner)
    if table is None:
        table = memo.tables[owner] = {}
    return table


def own_runs(paragraph: Element) -> Iterator[Element]:
    """The runs of *paragraph* itself, not those of text boxes nested inside it."""
    memo = _MEMO.get()
    if memo is None:
        return iter(_own_runs(paragraph))
    runs = memo.runs.get(paragraph)
    if runs is None:
        runs = memo.runs[paragraph] = _own_runs(paragraph)
    return iter(runs)


def _own_runs(paragraph: Element) -> tuple[Element, ...]:
    if paragraph.tag == _P:  # one walk, unless a paragraph (a text box) is inside: then the one below
        runs = []
        for found in paragraph.iter(_R, _P):
            if found.tag == _R:
                runs.append(found)
            elif found is not paragraph:
                break
        else:
            return tuple(runs)
    return tuple(run for run in paragraph.iter(_R) if _nearest(run, _P) is paragraph)


def _nearest(element: Element, tag: str) -> Element | None:
    for ancestor in element.iterancestors(tag):
        return ancestor
    return None


def run_text(run: Element) -> str:
    """Visible text of one run (text, tabs, non-breaking hyphens)."""
    memo = _MEMO.get()
    if memo is None:
        return _run_text(run)
    text = memo.run_texts.get(run)
    if text is None:
        text = memo.run_texts[run] = _run_text(run)
    return text


def _run_text(run: Element) -> str:
    parts: list[str] = []
    for child in run.iterchildren(_T, _TAB, _NO_BREAK_HYPHEN):  # the others (w:rPr …) never read
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
    return "".join(parts)


def paragraph_text(paragraph: Element) -> str:
    """Visible text of a paragraph, its own runs only."""
    memo = _MEMO.get()
    if memo is None:
        return "".join([_run_text(r) for r in _own_runs(paragraph)])
    text = memo.paragraph_texts.get(paragraph)
    if text is None:
        text = memo.paragraph_texts[paragraph] = "".join([run_text(r) for r in own_runs(paragraph)])
    return text


def containing(element: Element, tag: str) -> Element | None:
    """Nearest ancestor of *element* with the ``w:`` *tag*, or ``None``."""
    return _nearest(element, _CLARK.get(tag) or w(tag))
