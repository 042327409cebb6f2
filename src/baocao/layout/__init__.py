"""Checking any .docx against the Decree 30/2020/NĐ-CP layout.

>>> from baocao.layout import check, format_finding          # doctest: +SKIP
>>> for f in check("bao-cao.docx"):                          # doctest: +SKIP
...     print(format_finding(f, "bao-cao.docx"))

Modules, one job each: ``reader`` opens the file, ``formatting`` resolves the
effective formatting through styles, ``structure`` recognises the elements by
content and position (with ``text``, ``lines``, ``symbol``, ``dates``),
``rules`` is the table of rules, ``checks/`` holds the rule functions,
``output`` prints findings.
"""

from __future__ import annotations

from .checker import check
from .findings import LayoutError, LayoutFinding
from .output import findings_to_json, format_finding
from .rules import RULES, Rule

__all__ = [
    "RULES",
    "LayoutError",
    "LayoutFinding",
    "Rule",
    "check",
    "findings_to_json",
    "format_finding",
]
