"""Small helpers over WordprocessingML elements (lxml), shared by the layout modules."""

from __future__ import annotations

from collections.abc import Iterator
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


def w(tag: str) -> str:
    """Clark name of a ``w:`` tag: ``w("p")`` → ``{…/main}p``."""
    return f"{{{W_NS}}}{tag}"


def attr(element: Element | None, name: str) -> str | None:
    """The ``w:name`` attribute of *element*, or ``None``."""
    if element is None:
        return None
    value = element.get(w(name))
    return None if value is None else str(value)


def on_off(element: Element | None) -> bool | None:
    """Value of an on/off property such as ``<w:b/>``: ``None`` when absent."""
    if element is None:
        return None
    value = attr(element, "val")
    return value not in ("0", "false", "off", "none")


def own_runs(paragraph: Element) -> Iterator[Element]:
    """The runs of *paragraph* itself, not those of text boxes nested inside it."""
    for run in paragraph.iter(w("r")):
        if _nearest(run, w("p")) is paragraph:
            yield run


def _nearest(element: Element, tag: str) -> Element | None:
    for ancestor in element.iterancestors(tag):
        return ancestor
    return None


def run_text(run: Element) -> str:
    """Visible text of one run (text, tabs, non-breaking hyphens)."""
    parts: list[str] = []
    for child in run:
        if child.tag == w("t"):
            parts.append(child.text or "")
        elif child.tag == w("tab"):
            parts.append("\t")
        elif child.tag == w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def paragraph_text(paragraph: Element) -> str:
    """Visible text of a paragraph, its own runs only."""
    return "".join(run_text(r) for r in own_runs(paragraph))


def containing(element: Element, tag: str) -> Element | None:
    """Nearest ancestor of *element* with the ``w:`` *tag*, or ``None``."""
    return _nearest(element, w(tag))
