"""The resolver memoises effective formatting per kind of run and paragraph: the
memoised answer is the one resolved afresh, for every run and paragraph of every
example rendered, and runs that differ only by the document they sit in still differ."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from lxml import etree

import baocao
from baocao.layout.formatting import StyleResolver
from baocao.layout.ooxml import w

from conftest import EXAMPLES


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_memoised_formatting_is_the_formatting_resolved_afresh(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    baocao.render(baocao.load(example), out)
    document = docx.Document(io.BytesIO(out.read_bytes()))
    memo = StyleResolver.for_document(document)
    body = document.element.body
    runs = list(body.iter(w("r")))
    paragraphs = list(body.iter(w("p")))
    for _ in range(2):  # the second pass answers from the memo
        for run in runs:
            assert memo.run_format(run) == StyleResolver.for_document(document)._resolve_run(run)
        for paragraph in paragraphs:
            fresh = StyleResolver.for_document(document)._resolve_paragraph(paragraph)
            assert memo.paragraph_format(paragraph) == fresh
    assert len(memo._run_formats) < len(runs)


def test_alike_runs_in_differently_styled_paragraphs_are_kept_apart() -> None:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    styles = etree.fromstring(
        f'<w:styles {ns}><w:style w:type="paragraph" w:styleId="Dam"><w:rPr><w:b/></w:rPr></w:style>'
        f'<w:style w:type="table" w:styleId="Nho"><w:rPr><w:sz w:val="32"/></w:rPr></w:style></w:styles>'
    )
    body = etree.fromstring(
        f'<w:body {ns}><w:p><w:r><w:t>a</w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:pStyle w:val="Dam"/></w:pPr><w:r><w:t>b</w:t></w:r></w:p>'
        f'<w:tbl><w:tblPr><w:tblStyle w:val="Nho"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p>'
        f'</w:tc></w:tr></w:tbl></w:body>'
    )
    resolver = StyleResolver(styles, None)
    plain, bold, small = (resolver.run_format(run) for run in body.iter(w("r")))
    assert (plain.bold, bold.bold, small.bold) == (False, True, False)
    assert (plain.size, bold.size, small.size) == (10.0, 10.0, 16.0)


CORPUS = Path(__file__).parent.parent / "data" / "corpus"


@pytest.mark.parametrize("document", sorted(CORPUS.glob("*.docx")), ids=lambda p: p.stem)
def test_memoised_formatting_of_real_documents_is_the_formatting_resolved_afresh(document: Path) -> None:
    """Word's own documents (the decree and its appendices: styles based on styles,
    character styles, theme fonts, tables) in the body, headers and footers."""
    opened = docx.Document(str(document))
    memo = StyleResolver.for_document(opened)
    roots = [opened.element.body, *(rel.target_part.element for rel in opened.part.rels.values()
                                    if rel.reltype.endswith(("/header", "/footer")))]
    for root in roots:
        for run in root.iter(w("r")):
            assert memo.run_format(run) == StyleResolver.for_document(opened)._resolve_run(run)
        for paragraph in root.iter(w("p")):
            fresh = StyleResolver.for_document(opened)._resolve_paragraph(paragraph)
            assert memo.paragraph_format(paragraph) == fresh
