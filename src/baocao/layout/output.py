"""Printing findings: one line each for people, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from .findings import LayoutFinding


def format_finding(finding: LayoutFinding, filename: str) -> str:
    """One line: ``file.docx: [rule-id] element: message (cần: expected)``; a warning
    says so before its message.

    >>> from baocao.layout.rules import finding
    >>> f = finding("le.trai", "Lề trái", "lề trái 25 mm", "30–35 mm")
    >>> format_finding(f, "bc.docx")
    'bc.docx: [le.trai] Lề trái: lề trái 25 mm (cần: 30–35 mm)'
    >>> w = finding("so-ky-hieu.de-trong", "Số, ký hiệu", "chưa ghi số", "số văn bản")
    >>> format_finding(w, "bc.docx")
    'bc.docx: [so-ky-hieu.de-trong] Số, ký hiệu: cảnh báo: chưa ghi số (cần: số văn bản)'
    """
    label = "cảnh báo: " if finding.severity == "warning" else ""
    return (
        f"{filename}: [{finding.rule}] {finding.element}: {label}{finding.message} "
        f"(cần: {finding.expected})"
    )


def findings_to_json(findings: Sequence[LayoutFinding], filename: str) -> str:
    """The findings of one file as a JSON document (UTF-8 text, Vietnamese kept as is)."""
    payload = {
        "file": filename,
        "errors": sum(1 for f in findings if f.severity == "error"),
        "warnings": sum(1 for f in findings if f.severity == "warning"),
        "findings": [asdict(f) for f in findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
