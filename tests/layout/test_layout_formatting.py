"""The effective-formatting resolver: defaults → table style → paragraph style → run."""

from __future__ import annotations

from typing import Any

from lxml import etree

from baocao.layout.formatting import StyleResolver
from baocao.layout.ooxml import W_NS, w

_NS = f'xmlns:w="{W_NS}"'
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"

STYLES = f"""
<w:styles {_NS}>
  <w:docDefaults>
    <w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>
      <w:sz w:val="28"/></w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/>
      </w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
    <w:pPr><w:jc w:val="both"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Base"><w:basedOn w:val="Normal"/>
    <w:pPr><w:ind w:firstLine="567"/></w:pPr>
    <w:rPr><w:rFonts w:ascii="Arial"/><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Child"><w:basedOn w:val="Base"/>
    <w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="24"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Themed">
    <w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:rPr><w:i/></w:rPr></w:style>
  <w:style w:type="table" w:styleId="Grid"><w:rPr><w:sz w:val="22"/></w:rPr>
    <w:pPr><w:jc w:val="right"/></w:pPr></w:style>
</w:styles>"""

THEME = f"""
<a:theme xmlns:a="{_A}"><a:themeElements><a:fontScheme name="x">
  <a:majorFont><a:latin typeface="Cambria"/></a:majorFont>
  <a:minorFont><a:latin typeface="Calibri"/></a:minorFont>
</a:fontScheme></a:themeElements></a:theme>"""


def resolver(theme: bool = True) -> StyleResolver:
    return StyleResolver(etree.fromstring(STYLES), etree.fromstring(THEME) if theme else None)


def paragraph(inner: str, *, in_table: str | None = None) -> Any:
    xml = f"<w:p {_NS}>{inner}</w:p>"
    if in_table is not None:
        style = f'<w:tblStyle w:val="{in_table}"/>' if in_table else ""
        xml = (f"<w:tbl {_NS}><w:tblPr>{style}</w:tblPr><w:tr><w:tc>{xml[:4]} "
               f"{xml[4:]}</w:tc></w:tr></w:tbl>")
        return etree.fromstring(xml).find(f".//{w('p')}")
    return etree.fromstring(xml)


def run_of(p: Any) -> Any:
    return p.find(w("r"))


def test_document_defaults_and_default_paragraph_style() -> None:
    p = paragraph("<w:r><w:t>a</w:t></w:r>")
    fmt = resolver().run_format(run_of(p))
    assert (fmt.font, fmt.font_hansi, fmt.size, fmt.bold, fmt.italic) == (
        "Times New Roman", "Times New Roman", 14, False, False)
    para = resolver().paragraph_format(p)
    assert (para.alignment, para.after, para.line, para.first_line) == ("both", 120, 276, 0)


def test_based_on_chain_each_attribute_on_its_own() -> None:
    p = paragraph('<w:pPr><w:pStyle w:val="Child"/></w:pPr><w:r><w:t>a</w:t></w:r>')
    fmt = resolver().run_format(run_of(p))
    assert fmt.font == "Arial"  # from Base
    assert fmt.font_hansi == "Times New Roman"  # Base sets only ascii: defaults give hAnsi
    assert fmt.size == 12 and fmt.bold  # Child's size, Base's bold
    para = resolver().paragraph_format(p)
    assert para.alignment == "center" and para.first_line == 567


def test_direct_formatting_wins() -> None:
    p = paragraph('<w:pPr><w:pStyle w:val="Child"/><w:jc w:val="left"/></w:pPr>'
                  '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:b w:val="0"/>'
                  '<w:sz w:val="26"/></w:rPr><w:t>a</w:t></w:r>')
    fmt = resolver().run_format(run_of(p))
    assert (fmt.font, fmt.bold, fmt.size) == ("Times New Roman", False, 13)
    assert resolver().paragraph_format(p).alignment == "left"


def test_paragraph_mark_properties_do_not_format_runs() -> None:
    p = paragraph('<w:pPr><w:rPr><w:sz w:val="40"/><w:b/></w:rPr></w:pPr>'
                  "<w:r><w:t>a</w:t></w:r>")
    fmt = resolver().run_format(run_of(p))
    assert fmt.size == 14 and not fmt.bold


def test_character_style() -> None:
    p = paragraph('<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>a</w:t></w:r>')
    assert resolver().run_format(run_of(p)).italic


def test_theme_fonts() -> None:
    p = paragraph('<w:pPr><w:pStyle w:val="Themed"/></w:pPr><w:r><w:t>a</w:t></w:r>')
    assert resolver().run_format(run_of(p)).font == "Calibri"
    major = paragraph('<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" '
                      'w:asciiTheme="majorHAnsi"/></w:rPr><w:t>a</w:t></w:r>')
    assert resolver().run_format(run_of(major)).font == "Cambria"  # theme beats name


def test_table_style_between_defaults_and_paragraph_style() -> None:
    p = paragraph("<w:r><w:t>a</w:t></w:r>", in_table="Grid")
    assert resolver().run_format(run_of(p)).size == 11
    # the Normal paragraph style sets jc=both, which beats the table style's jc
    assert resolver().paragraph_format(p).alignment == "both"


def test_hanging_indent_and_libreoffice_start() -> None:
    p = paragraph('<w:pPr><w:ind w:start="300" w:hanging="200"/></w:pPr>')
    fmt = resolver().paragraph_format(p)
    assert (fmt.left, fmt.first_line) == (300, -200)


def test_no_styles_at_all() -> None:
    bare = StyleResolver(None, None)
    p = paragraph("<w:r><w:t>a</w:t></w:r>")
    fmt = bare.run_format(run_of(p))
    assert (fmt.font, fmt.size) == ("Times New Roman", 10)
    assert bare.paragraph_format(p).alignment == "left"


def test_caps_and_borders() -> None:
    p = paragraph('<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6"/></w:pBdr></w:pPr>'
                  '<w:r><w:rPr><w:caps/></w:rPr><w:t>a</w:t></w:r>')
    assert resolver().run_format(run_of(p)).caps
    assert resolver().bottom_border(p)
    nil = paragraph('<w:pPr><w:pBdr><w:bottom w:val="nil"/></w:pBdr></w:pPr>')
    assert not resolver().bottom_border(nil)
