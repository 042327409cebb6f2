"""Reading rendered documents in tests: text in reading order, normalised XML."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paragraphs(data: bytes, *, first_section_only: bool = False) -> list[Paragraph]:
    """Every paragraph of the body in reading order, table cells included
    (only the first section's: the document without its appendices)."""
    document = Document(io.BytesIO(data))
    out: list[Paragraph] = []
    for block in document.iter_inner_content():
        if first_section_only and out and out[-1]._p.find(f"{W}pPr/{W}sectPr") is not None:
            break
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    out.extend(cell.paragraphs)
        else:
            out.append(block)
    return out


def texts(data: bytes, *, first_section_only: bool = False) -> list[str]:
    """The non-empty paragraph texts, whitespace folded."""
    found = paragraphs(data, first_section_only=first_section_only)
    return [" ".join(p.text.split()) for p in found if p.text.strip()]


def find(data: bytes, start: str) -> Paragraph:
    """The first paragraph whose text starts with ``start``."""
    for paragraph in paragraphs(data):
        if paragraph.text.strip().startswith(start):
            return paragraph
    raise AssertionError(f"no paragraph starts with {start!r}")


def normalized_parts(data: bytes) -> dict[str, str]:
    """document.xml and the header parts, pretty-printed, for snapshots."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = {}
    for name in sorted(archive.namelist()):
        if name == "word/document.xml" or name.startswith("word/header"):
            root = etree.fromstring(archive.read(name))
            parts[name] = etree.tostring(root, pretty_print=True, encoding="unicode")
    return parts
