"""What the layout checker reports, and the error it raises for unreadable files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..errors import BaocaoError

Severity = Literal["error", "warning"]


class LayoutError(BaocaoError):
    """The file cannot be read as a .docx document (its layout is never an error)."""


@dataclass(frozen=True)
class LayoutFinding:
    """One place where a document departs from the Decree 30/2020 layout."""

    rule: str
    """Stable rule id, e.g. ``le.trai`` (see :data:`baocao.layout.RULES`)."""
    element: str
    """Vietnamese name of the element, e.g. ``Quốc hiệu``."""
    message: str
    """Vietnamese: what is wrong."""
    expected: str
    """Vietnamese: what the decree asks for."""
    severity: Severity
    clause: str
    """Where the rule comes from, e.g. ``Phụ lục I, Mục II.1.a``."""
