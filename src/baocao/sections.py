"""A rendered .docx cut into its sections (``--phu-luc-rieng``): the document up to the
signature, then each appendix, each as a .docx of its own.

The frame puts every appendix in its own section (a new page, page numbers from 1:
frame/builder.py ``_add_appendix``), so a section break is exactly where a PDF of its
own starts.  In WordprocessingML a section ends at a paragraph whose ``w:pPr`` holds a
``w:sectPr`` (that section's page setup); the last section's is the body's own
``w:sectPr``.  Each piece keeps one section's content, and its page setup becomes the
body's; the other parts of the package (styles, headers, footers) are kept as they are.
"""

from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"


def split_sections(document: bytes) -> list[bytes]:
    """One .docx per section of ``document``, in order (one item when it has no break)."""
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        entries = [(info, package.read(info)) for info in package.infolist()]
    xml = dict((info.filename, data) for info, data in entries)[DOCUMENT]
    root = etree.fromstring(xml)
    body = root.find(f"{W}body")
    assert body is not None
    children = [child for child in body if child.tag != f"{W}sectPr"]
    sections: list[list[etree._Element]] = [[]]
    for child in children:
        sections[-1].append(child)
        if child.find(f"{W}pPr/{W}sectPr") is not None:
            sections.append([])
    if not sections[-1]:
        sections.pop()
    if len(sections) == 1:
        return [document]
    pieces = []
    for content in sections:
        piece = copy.deepcopy(root)
        piece_body = piece.find(f"{W}body")
        assert piece_body is not None
        for child in list(piece_body):
            piece_body.remove(child)
        kept = [copy.deepcopy(child) for child in content]
        setup = body.find(f"{W}sectPr")
        ending = kept[-1].find(f"{W}pPr/{W}sectPr")
        if ending is not None:
            setup = ending
            ending.getparent().remove(ending)
        for child in kept:
            piece_body.append(child)
        if setup is not None:
            piece_body.append(copy.deepcopy(setup))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in entries:
                out.writestr(info, etree.tostring(piece, xml_declaration=True, encoding="UTF-8",
                                                  standalone=True) if info.filename == DOCUMENT else data)
        pieces.append(buffer.getvalue())
    return pieces
