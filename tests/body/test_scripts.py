"""Superscript and subscript in text (``m^3^``, ``CO~2~``): every kind of block, pasted
text, the frame's narrative filter, and a real plan's chemical formulas."""

from __future__ import annotations

import io
import textwrap
import zipfile
from pathlib import Path

from lxml import etree

import baocao
from baocao.body.pasted import parse_pasted
from baocao.engine import doan
from body.test_blocks import BLOCKS, document, xml

from conftest import EXAMPLES
from docx_reading import W

NS = {"w": W.strip("{}")}


def _runs(fragment: str) -> list[tuple[str, str | None]]:
    """(text, w:vertAlign) of each run of a piece of WordprocessingML."""
    root = etree.fromstring(f'<w:body xmlns:w="{NS["w"]}">{fragment}</w:body>')
    out = []
    for run in root.iter(W + "r"):
        text = "".join(t.text or "" for t in run.iter(W + "t"))
        if not text:
            continue
        align = run.find("w:rPr/w:vertAlign", NS)
        out.append((text, None if align is None else align.get(W + "val")))
    return out


def _scripts(fragment: str) -> list[tuple[str, str]]:
    return [(text, align) for text, align in _runs(fragment) if align is not None]


def test_a_paragraph_prints_superscript_and_subscript_runs() -> None:
    runs = _runs(xml(["Thể tích 5 m^3^; khí CO~2~ và NH~4~^+^."]))
    assert runs == [("Thể tích 5 m", None), ("3", "superscript"), ("; khí CO", None), ("2", "subscript"),
                    (" và NH", None), ("4", "subscript"), ("+", "superscript"), (".", None)]


def test_list_items_headings_and_numbered_paragraphs_take_them_too() -> None:
    fragment = xml([
        {"muc": "Giảm phát thải CO~2~", "noi_dung": [
            {"khoan": "Nước thải dưới 10 m^3^/ngày"},
            {"danh_sach": [{"y": "Đo NH~4~^+^-N", "danh_sach": ["Đo PO~4~^3-^-P"]}]},
            {"danh_so": ["Diện tích 2 km^2^"]},
        ]},
    ])
    assert _scripts(fragment) == [("2", "subscript"), ("3", "superscript"), ("4", "subscript"),
                                  ("+", "superscript"), ("4", "subscript"), ("3-", "superscript"),
                                  ("2", "superscript")]


def test_a_table_cell_keeps_its_size_bold_and_script() -> None:
    fragment = xml([{"bang": {"cot": ["Thông số", "Đơn vị"], "dong": [["**NO~2~^-^-N**", "mg/m^3^"]]}}])
    root = etree.fromstring(f'<w:body xmlns:w="{NS["w"]}">{fragment}</w:body>')
    cells = root.findall(".//w:tbl/w:tr", NS)[1].findall("w:tc", NS)
    two = next(r for r in cells[0].iter(W + "r") if "".join(r.itertext()) == "2")
    assert two.find("w:rPr/w:b", NS) is not None and two.find("w:rPr/w:sz", NS) is not None
    assert two.find("w:rPr/w:vertAlign", NS).get(W + "val") == "subscript"
    assert _scripts(etree.tostring(cells[1]).decode()) == [("3", "superscript")]


def test_unpaired_or_spaced_markers_and_escapes_print_literally() -> None:
    text = r"2^10 = 1024; x^2 + y^2; từ 5~10 ngày; ~ 50%; \^a^ và H\~2~"
    runs = _runs(xml([text]))
    assert runs == [("2^10 = 1024; x^2 + y^2; từ 5~10 ngày; ~ 50%; ^a^ và H~2~", None)]


def test_pasted_text_keeps_the_markup_in_lines_and_table_cells() -> None:
    pasted = parse_pasted(textwrap.dedent("""\
        - Đo NH~4~^+^-N.
        | Thông số | Đơn vị |
        |---|---|
        | CO~2~ | mg/m^3^ |
        """))
    assert pasted.problems == []
    fragment = xml(BLOCKS.validate_python(pasted.blocks))
    assert _scripts(fragment) == [("4", "subscript"), ("+", "superscript"), ("2", "subscript"),
                                  ("3", "superscript")]


def test_the_frames_narrative_filter_prints_them() -> None:
    runs = _runs(doan("Thể tích 5 m^3^ và CO~2~").xml)
    assert runs == [("Thể tích 5 m", None), ("3", "superscript"), (" và CO", None), ("2", "subscript")]


def test_a_rendered_document_carries_them(tmp_path: Path) -> None:
    data = document(tmp_path, "noi_dung: ['Lưu lượng 5 m^3^/ngày đêm.']\n")
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    assert _scripts(etree.tostring(root.find("w:body", NS)).decode()) == [("3", "superscript")]


def test_the_aquaculture_plans_formulas_are_set_as_written() -> None:
    # KH 235/KH-UBND Thanh Hóa: «Ammonia tổng cộng (NH₄⁺-N), Nitrit (NO₂⁻-N), Phosphat (PO₄³⁻ - P)».
    data = baocao.render(baocao.load(EXAMPLES / "ke-hoach-235-thanh-hoa-2025.yaml"))
    assert data is not None
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    paragraph = next(p for p in root.iter(W + "p") if "Ammonia tổng cộng" in "".join(p.itertext()))
    scripts = _scripts(etree.tostring(paragraph).decode())
    assert scripts[:7] == [("4", "subscript"), ("+", "superscript"), ("2", "subscript"), ("-", "superscript"),
                           ("4", "subscript"), ("3-", "superscript"), ("3", "subscript")]
