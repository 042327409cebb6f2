"""Measuring rules and text: the lengths behind the ``*.do-dai-gach`` warnings."""

from __future__ import annotations

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from layout_docs import CELL_WIDTH, compliant, para

from baocao.layout.formatting import StyleResolver
from baocao.layout.lines import DrawnRule
from baocao.layout.measure import (
    available_width,
    paragraph_text_width,
    rule_length,
    text_area_width,
)
from baocao.text_metrics import text_width

_V = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def _resolver(document: object) -> StyleResolver:
    return StyleResolver.for_document(document)


def _paragraph(runs_xml: str, ppr: str = "") -> object:
    return parse_xml(f'<w:p {nsdecls("w")} {_V}><w:pPr>{ppr}</w:pPr>{runs_xml}</w:p>')


def test_text_area_of_the_decree_margins() -> None:
    document = compliant()
    assert text_area_width(document.sections[0]._sectPr) == 11906 - 1985 - 1134


def test_a_border_spans_the_cell_less_margins_and_indents() -> None:
    document = compliant()
    rule = para(document, "THÀNH PHỐ")._p.getnext()
    # 1300 twips centred in the cell by equal indents (rounded down)
    assert available_width(rule, _resolver(document), 8787) == pytest.approx(1300, abs=1)
    cell_paragraph = para(document, "THÀNH PHỐ")._p
    assert available_width(cell_paragraph, _resolver(document), 8787) == CELL_WIDTH


def test_cell_width_comes_from_the_grid_when_the_cell_has_none() -> None:
    document = compliant()
    cell = document.tables[0].rows[0].cells[0]._tc
    tc_pr = cell.tcPr
    tc_pr.remove(tc_pr.find(f"{{{tc_pr.nsmap['w']}}}tcW"))
    paragraph = para(document, "THÀNH PHỐ")._p
    assert available_width(paragraph, _resolver(document), 8787) == CELL_WIDTH


def test_superscript_underscores_count_at_two_thirds() -> None:
    """The decree's own file raises its underscore rules to superscript."""
    resolver = _resolver(compliant())
    plain = _paragraph('<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>' + "_" * 30 + "</w:t></w:r>")
    raised = _paragraph('<w:r><w:rPr><w:sz w:val="28"/><w:vertAlign w:val="superscript"/>'
                        "</w:rPr><w:t>" + "_" * 30 + "</w:t></w:r>")
    assert paragraph_text_width(plain, resolver) == 30 * 7 * 20
    assert paragraph_text_width(raised, resolver) == pytest.approx(30 * 7 * 20 * 2 / 3)


def test_character_spacing_and_caps_count() -> None:
    resolver = _resolver(compliant())
    condensed = _paragraph('<w:r><w:rPr><w:caps/><w:sz w:val="26"/><w:spacing w:val="-8"/>'
                           "</w:rPr><w:t>Bộ Nội vụ</w:t></w:r>")
    expected = text_width("BỘ NỘI VỤ", 13) - 8 * len("BỘ NỘI VỤ")
    assert paragraph_text_width(condensed, resolver) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("shape", "twips"),
    [
        ('<v:line from="0,0" to="100pt,0"/>', 2000),
        ('<v:line from="1in,0" to="3in,0"/>', 2880),
        ('<v:line from="0,0" to="96,0"/>', 1440),  # bare numbers are pixels
        ('<v:shape style="position:absolute;width:2cm;height:0"/>', 1134),
    ],
)
def test_vml_lines_are_measured(shape: str, twips: int) -> None:
    paragraph = _paragraph(f"<w:r><w:pict>{shape}</w:pict></w:r>")
    length = rule_length(DrawnRule(paragraph, "shape"), _resolver(compliant()), 8787)
    assert length == pytest.approx(twips, abs=1)


def test_an_unmeasurable_shape_gives_no_length() -> None:
    paragraph = _paragraph('<w:r><w:pict><v:line from="a,b" to="c,d"/></w:pict></w:r>')
    assert rule_length(DrawnRule(paragraph, "shape"), _resolver(compliant()), 8787) is None
