"""The summary table: agreement with the report, and its appendix in the .docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import baocao
from baocao.errors import DataError

from conftest import BAC_KAN
from docx_reading import W

NS = {"w": W.strip("{}")}


def _data_file(folder: Path, old: str, new: str) -> Path:
    text = BAC_KAN.read_text(encoding="utf-8")
    assert old in text
    path = folder / "bao-cao.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_total_that_disagrees_with_the_rows_names_the_field_and_the_sum(tmp_path: Path) -> None:
    path = _data_file(tmp_path, "  tong_so_ho: 12299\n", "  tong_so_ho: 12300\n")
    with pytest.raises(DataError) as caught:
        baocao.load(path)
    [finding] = caught.value.findings
    assert finding.code == "khong-khop-bieu"
    assert finding.path == "ket_qua.tong_so_ho"
    assert "12.300" in finding.message and "12.299" in finding.message
    assert finding.line is not None  # pointed at the YAML line of the field


def test_last_years_counts_are_checked_too(tmp_path: Path) -> None:
    path = _data_file(tmp_path, "nam_truoc: {so_ho: 114}", "nam_truoc: {so_ho: 115}")
    findings = baocao.validate(path)
    assert [(f.path, f.code) for f in findings] == [
        ("ket_qua.ho_can_ngheo.nam_truoc.so_ho", "khong-khop-bieu")
    ]
    assert "114" in findings[0].message


def test_omitted_totals_are_the_rows_sums(tmp_path: Path) -> None:
    path = _data_file(
        tmp_path,
        "  tong_so_ho: 12299\n  ho_ngheo:\n    so_ho: 242\n    nam_truoc: {so_ho: 285, ty_le: 2.33}\n"
        "  ho_can_ngheo:\n    so_ho: 121\n    nam_truoc: {so_ho: 114}\n",
        "  ho_ngheo:\n    nam_truoc: {ty_le: 2.33}\n",
    )
    report = baocao.load(path)
    ket_qua = report.ket_qua
    assert ket_qua.tong_so_ho == 12299
    assert (ket_qua.ho_ngheo.so_ho, ket_qua.ho_can_ngheo.so_ho) == (242, 121)
    assert ket_qua.ho_ngheo.nam_truoc is not None and ket_qua.ho_ngheo.nam_truoc.so_ho == 285
    assert ket_qua.ho_can_ngheo.nam_truoc is not None and ket_qua.ho_can_ngheo.nam_truoc.so_ho == 114


def test_a_unit_missing_a_column_the_others_have_is_pointed_at(tmp_path: Path) -> None:
    path = _data_file(tmp_path, ",\n       nam_truoc: {ho_ngheo: 43, ho_can_ngheo: 16}}", "}")
    findings = baocao.validate(path)
    assert [(f.path, f.code) for f in findings] == [("bieu_tong_hop.dong[7].nam_truoc", "bieu-thieu-cot")]
    assert "Xã Nông Thượng" in findings[0].message


def test_without_a_table_there_is_no_appendix(tmp_path: Path) -> None:
    text = BAC_KAN.read_text(encoding="utf-8").split("\n# Biểu tổng hợp chi tiết")[0]
    rest = BAC_KAN.read_text(encoding="utf-8").split("\ndanh_gia:", 1)[1]
    path = tmp_path / "bao-cao.yaml"
    path.write_text(text + "\ndanh_gia:" + rest, encoding="utf-8")
    document = _document(baocao.render(baocao.load(path)))
    assert len(document.findall(".//w:sectPr", NS)) == 1
    assert "Phụ lục" not in "".join(document.itertext())
    size = document.find(".//w:sectPr/w:pgSz", NS)
    assert size is not None and size.get(W + "orient") is None  # portrait, as before


def _document(data: bytes | None) -> etree._Element:
    assert data is not None
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(W + "t"))


def test_appendix_is_its_own_landscape_section_numbered_from_one(bac_kan_docx: bytes) -> None:
    document = _document(bac_kan_docx)
    sections = document.findall(".//w:sectPr", NS)
    assert len(sections) == 2
    main, appendix = sections
    assert main.find("w:pgSz", NS).get(W + "orient") is None
    size = appendix.find("w:pgSz", NS)
    assert size.get(W + "orient") == "landscape"
    assert int(size.get(W + "w")) > int(size.get(W + "h"))
    assert appendix.find("w:pgNumType", NS).get(W + "start") == "1"
    assert appendix.find("w:titlePg", NS) is not None  # no number on its first page
    # Its headers: its own, or (ECMA-376 §17.10.5) those of the section before it, as the
    # appendix filter writes every type's appendices: a PAGE field from its second page.
    references = {r.get(W + "type"): r for r in appendix.findall("w:headerReference", NS)}
    references = references or {r.get(W + "type"): r for r in main.findall("w:headerReference", NS)}
    assert set(references) == {"default", "first"}
    archive = zipfile.ZipFile(io.BytesIO(bac_kan_docx))
    rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}

    def header(kind: str) -> etree._Element:
        rid = references[kind].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        return etree.fromstring(archive.read(f"word/{targets[rid]}"))

    assert any("PAGE" in (f.get(W + "instr") or "") for f in header("default").iter(W + "fldSimple"))
    assert not any("PAGE" in (f.get(W + "instr") or "") for f in header("first").iter(W + "fldSimple"))


def test_appendix_heading_lines(bac_kan_docx: bytes) -> None:
    document = _document(bac_kan_docx)
    body = document.find("w:body", NS)
    paragraphs = [p for p in body.findall("w:p", NS) if _text(p).strip()]
    start = next(i for i, p in enumerate(paragraphs) if _text(p) == "Phụ lục")
    heading, title, attached = paragraphs[start : start + 3]
    assert all(r.find("w:rPr/w:b", NS) is not None for r in heading.iter(W + "r"))
    assert _text(title).startswith("TỔNG HỢP KẾT QUẢ SƠ BỘ RÀ SOÁT HỘ NGHÈO")
    assert _text(title) == _text(title).upper()
    assert all(r.find("w:rPr/w:b", NS) is not None for r in title.iter(W + "r"))
    # a draft: the number and the day are blank, as in the header
    assert " ".join(_text(attached).split()) == (
        "(Kèm theo Báo cáo số /BC-UBND ngày tháng 11 năm 2023 của UBND thành phố Bắc Kạn)"
    )
    assert all(r.find("w:rPr/w:i", NS) is not None for r in attached.iter(W + "r"))
    for paragraph in (heading, title, attached):  # the frame's centred style
        assert paragraph.find("w:pPr/w:pStyle", NS).get(W + "val") == "Khung"


def _summary_table(data: bytes) -> etree._Element:
    tables = _document(data).findall(".//w:body/w:tbl", NS)
    return next(t for t in tables if "Tổng cộng" in _text(t))


def test_table_rows_numbers_and_repeated_header(bac_kan_docx: bytes) -> None:
    table = _summary_table(bac_kan_docx)
    rows = table.findall("w:tr", NS)
    cells = [[_text(c) for c in row.findall("w:tc", NS)] for row in rows]
    header_rows = [row for row in rows if row.find("w:trPr/w:tblHeader", NS) is not None]
    assert len(header_rows) == 3  # two header rows and the column codes, repeated on each page
    assert rows[:3] == header_rows
    assert cells[2][:5] == ["A", "B", "1", "2", "3=2/1×100"]
    total = cells[-1]
    assert total[1] == "Tổng cộng"
    # 12.299 households, 242 poor (1,97%), 121 near-poor (0,98%); 285 and 114 last year
    assert total[2:] == ["12.299", "242", "1,97", "121", "0,98", "285", "114", "-43", "+7"]
    names = [row[1] for row in cells[3:-1]]
    assert names[0] == "Khu vực thành thị" and "Khu vực nông thôn" in names
    assert "Phường Đức Xuân" in names and "Xã Nông Thượng" in names
    # every figure is right-aligned; grid fits the 11 printed columns
    for row in rows[3:]:
        for cell in row.findall("w:tc", NS)[2:]:
            assert cell.find("w:p/w:pPr/w:jc", NS).get(W + "val") == "right"
    assert len(table.findall("w:tblGrid/w:gridCol", NS)) == len(total) == 11


def test_persons_column_appears_when_the_sheet_has_it() -> None:
    from conftest import EXAMPLES

    data = baocao.render(baocao.load(EXAMPLES / "bac-kan-2023-excel.yaml"))
    assert data is not None
    table = _summary_table(data)
    cells = [[_text(c) for c in row.findall("w:tc", NS)] for row in table.findall("w:tr", NS)]
    assert "Số khẩu" in cells[0]
    assert cells[2][:6] == ["A", "B", "1", "2", "3", "4=3/1×100"]
    assert cells[-1][:4] == ["", "Tổng cộng", "12.299", "44.626"]


def test_the_table_is_the_first_appendix_when_the_data_has_its_own(tmp_path: Path) -> None:
    # One path for every appendix: the summary table is numbered with the data's «phu_luc».
    path = _data_file(tmp_path, "\ndanh_gia:", (
        "\nphu_luc:\n  - ten: Danh sách hộ thoát nghèo\n    noi_dung: [Hộ ông Nguyễn Văn A thôn Khuổi Cuồng.]"
        "\ndanh_gia:"
    ))
    document = _document(baocao.render(baocao.load(path)))
    texts = [_text(p) for p in document.find("w:body", NS).findall("w:p", NS)]
    first, second = texts.index("Phụ lục I"), texts.index("PHỤ LỤC II")
    assert texts[first + 1].startswith("TỔNG HỢP KẾT QUẢ SƠ BỘ RÀ SOÁT HỘ NGHÈO")
    assert texts[second + 1] == "DANH SÁCH HỘ THOÁT NGHÈO"
    assert first < texts.index("Hộ ông Nguyễn Văn A thôn Khuổi Cuồng.") > second > first
    assert len(document.findall(".//w:sectPr", NS)) == 3  # the body, then one section per appendix


def test_a_unit_name_prints_as_written_not_as_markup(tmp_path: Path) -> None:
    path = _data_file(tmp_path, "Xã Nông Thượng", "Xã *Nông* Thượng^2^")
    table = _summary_table(baocao.render(baocao.load(path)))
    cell = next(c for c in table.iter(W + "tc") if "Nông" in _text(c))
    assert _text(cell) == "Xã *Nông* Thượng^2^"
    assert not any(r.find("w:rPr/w:i", NS) is not None or r.find("w:rPr/w:vertAlign", NS) is not None
                   for r in cell.iter(W + "r"))
