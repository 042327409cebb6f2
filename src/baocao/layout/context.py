"""Everything a rule needs about one document, read once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .formatting import StyleResolver
from .ooxml import Element, w
from .structure import Elements, recognise


@dataclass(frozen=True)
class Context:
    """One opened document, its style resolver, sections and recognised elements."""

    document: Any
    """The python-docx ``Document``."""
    resolver: StyleResolver
    body: Element
    sections: tuple[Element, ...]
    """The ``w:sectPr`` elements in document order."""
    elements: Elements

    @property
    def is_administrative(self) -> bool:
        """Whether the document opens with a quốc hiệu (element rules apply)."""
        return self.elements.quoc_hieu is not None

    def related(self, rel_id: str | None) -> Element | None:
        """The root element of the part *rel_id* of the main document points to."""
        if not rel_id:
            return None
        part = self.document.part.related_parts.get(rel_id)
        return None if part is None else part.element


def build_context(document: Any) -> Context:
    """Read *document* (a python-docx ``Document``) for checking."""
    resolver = StyleResolver.for_document(document)
    body = document.element.body
    sections = tuple(body.iter(w("sectPr")))
    return Context(document, resolver, body, sections, recognise(body, resolver))
