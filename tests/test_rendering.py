"""Rendering: the layout the decree asks for, determinism, atomic output, escaping."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

import baocao

from conftest import BAC_KAN
from docx_reading import find, paragraphs


def test_same_input_gives_identical_bytes(bac_kan_docx: bytes) -> None:
    again = baocao.render(baocao.load(BAC_KAN))
    assert again == bac_kan_docx
    archive = zipfile.ZipFile(io.BytesIO(bac_kan_docx))
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_page_is_a4_portrait_with_margins_in_range(bac_kan_docx: bytes) -> None:
    section = Document(io.BytesIO(bac_kan_docx)).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert Mm(20) <= section.top_margin <= Mm(25)
    assert Mm(20) <= section.bottom_margin <= Mm(25)
    assert Mm(30) <= section.left_margin <= Mm(35)
    assert Mm(15) <= section.right_margin <= Mm(20)
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_times_new_roman_14_is_the_document_default(bac_kan_docx: bytes) -> None:
    styles = Document(io.BytesIO(bac_kan_docx)).styles.element
    fonts = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")[0]
    assert {fonts.get(f"{{{fonts.nsmap['w']}}}{a}") for a in ("ascii", "hAnsi", "cs")} == {
        "Times New Roman"
    }
    for paragraph in paragraphs(bac_kan_docx):
        for run in paragraph.runs:
            assert run.font.name in (None, "Times New Roman")


def test_header_lines_formatting(bac_kan_docx: bytes) -> None:
    quoc_hieu = find(bac_kan_docx, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert all(r.bold for r in quoc_hieu.runs) and quoc_hieu.runs[0].font.size == Pt(13)
    tieu_ngu = find(bac_kan_docx, "Độc lập - Tự do - Hạnh phúc")
    assert all(r.bold for r in tieu_ngu.runs) and tieu_ngu.runs[0].font.size == Pt(14)
    date_line = find(bac_kan_docx, "TP. Bắc Kạn, ngày")
    assert date_line.text == "TP. Bắc Kạn, ngày" + " " * 5 + "tháng 11 năm 2023"
    assert all(r.italic for r in date_line.runs)
    number = find(bac_kan_docx, "Số:")
    assert number.text == "Số:" + " " * 8 + "/BC-UBND"  # room for four digits


def test_title_and_body_formatting(bac_kan_docx: bytes) -> None:
    title = find(bac_kan_docx, "BÁO CÁO")
    alignment = title.alignment or title.style.paragraph_format.alignment
    assert alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.bold for r in title.runs)
    body = find(bac_kan_docx, "Thực hiện Kế hoạch số 596/KH-UBND")
    fmt = body.style.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Mm(10) <= fmt.first_line_indent <= Mm(12.7)
    assert fmt.space_before >= Pt(6)


def test_closing_block_formatting(bac_kan_docx: bytes) -> None:
    heading = find(bac_kan_docx, "Nơi nhận:")
    run = heading.runs[0]
    assert (run.bold, run.italic, run.font.size) == (True, True, Pt(12))
    recipient = find(bac_kan_docx, "- Sở Lao động - TB&XH tỉnh;")
    assert recipient.runs[0].font.size == Pt(11)
    lines = [p.text for p in paragraphs(bac_kan_docx)]
    luu = lines.index("- Lưu: VT.")
    assert lines[luu - 1] == "- UBND các xã, phường;"
    authority = find(bac_kan_docx, "TM. ỦY BAN NHÂN DÂN")
    assert all(r.bold for r in authority.runs)
    assert all(r.bold for r in find(bac_kan_docx, "Hoàng Hà Bắc").runs)


def test_ampersand_and_template_syntax_in_data_are_printed_literally(tmp_path) -> None:
    source = BAC_KAN.read_text(encoding="utf-8")
    source = source.replace("ho_ten: Hoàng Hà Bắc", "ho_ten: \"A & B <c> {{ 7*7 }} {% if %}\"")
    data = tmp_path / "x.yaml"
    data.write_text(source, encoding="utf-8")
    rendered = baocao.render(baocao.load(data))
    assert rendered is not None
    assert find(rendered, "A & B").text == "A & B <c> {{ 7*7 }} {% if %}"


def test_render_writes_atomically_and_keeps_existing_file_on_failure(tmp_path) -> None:
    out = tmp_path / "bao-cao.docx"
    out.write_bytes(b"good file")
    report = baocao.load(BAC_KAN)
    with pytest.raises(baocao.TemplateError):
        baocao.render(report, out, template=tmp_path / "missing.docx")
    assert out.read_bytes() == b"good file"
    baocao.render(report, out)
    assert zipfile.is_zipfile(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]


def test_output_gets_ordinary_permissions(tmp_path) -> None:
    import os

    out = tmp_path / "bao-cao.docx"
    baocao.render(baocao.load(BAC_KAN), out)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    out.chmod(0o640)
    baocao.render(baocao.load(BAC_KAN), out)
    assert out.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions
