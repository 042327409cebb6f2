"""The body's blocks (baocao.body): numbering, lists, tables, appendices, escaping."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest
from docx import Document
from pydantic import TypeAdapter, ValidationError

import baocao
from baocao.body.model import BangDuLieu, DanhSo, NoiDung, total_row
from baocao.body.render import column_widths, khoi
from baocao.errors import DataError
from baocao.template_data import to_template_data

from docx_reading import W, texts

BLOCKS: TypeAdapter[list[object]] = TypeAdapter(NoiDung)


def xml(blocks: list[object]) -> str:
    return str(khoi(to_template_data(BLOCKS.validate_python(blocks))))


def document(tmp_path: Path, body: str, extra: str = "") -> bytes:
    path = tmp_path / "bc.yaml"
    path.write_text(textwrap.dedent("""\
        loai: bao-cao
        co_quan: {ten: [Ủy ban nhân dân, xã A], ten_goi_tat: UBND xã A, viet_tat: UBND}
        ky_hieu: KH-UBND
        dia_danh: A
        ngay: {nam: 2025, thang: 11}
        ten_loai: Kế hoạch
        trich_yeu: Thử các khối
        noi_nhan: {danh_sach: [Như trên]}
        nguoi_ky: {chuc_vu: Chủ tịch, ho_ten: Trần Văn C}
        """) + body + extra, encoding="utf-8")
    data = baocao.render(baocao.load(path))
    assert data is not None
    return data


def test_headings_number_themselves_and_continue_from_a_given_label(tmp_path: Path) -> None:
    data = document(tmp_path, textwrap.dedent("""\
        noi_dung:
          - muc: Mục tiêu
            so: II.
            noi_dung:
              - khoan: Chung
                noi_dung:
                  - tieu_khoan: Tôm
                    noi_dung: [{diem: Nguồn nước}, {diem: Ao nuôi, so: "c)"}, {diem: Ngao}]
                  - tieu_khoan: Ngao
              - khoan: Riêng
                so: "5."
              - khoan: Khác
          - muc: Kinh phí
        """))
    lines = texts(data)
    start = lines.index("II. MỤC TIÊU")
    assert lines[start:start + 10] == [
        "II. MỤC TIÊU", "1. Chung", "1.1. Tôm", "a) Nguồn nước", "c) Ao nuôi", "d) Ngao", "1.2. Ngao",
        "5. Riêng", "6. Khác", "III. KINH PHÍ",
    ]


def test_lists_have_three_levels_with_markers_and_hanging_indents() -> None:
    third = {"y": "Nội dung", "danh_sach": ["Tình hình"]}
    out = xml([{"danh_sach": [{"y": "Cấp thành phố", "danh_sach": [third]}]}])
    assert out.index('w:val="Gachdaudong"') < out.index('w:val="Daucong"') < out.index('w:val="Ycon"')
    assert "<w:t xml:space=\"preserve\">-</w:t></w:r><w:r><w:tab/>" in out
    assert "<w:t xml:space=\"preserve\">+</w:t></w:r><w:r><w:tab/>" in out
    assert out.count("<w:tab/>") == 2  # the third level has no marker


@pytest.mark.parametrize(("block", "label"), [
    ({"muc": "I. Mục đích"}, "I."),
    ({"khoan": "1. Mục đích"}, "1."),
    ({"diem": "a) Nguồn nước"}, "a)"),
    ({"danh_sach": ["- Theo dõi"]}, "-"),
    ({"danh_so": ["2. Sở Tài chính"]}, "2."),
])
def test_a_pasted_label_is_a_located_error(block: dict[str, object], label: str) -> None:
    with pytest.raises(ValidationError) as error:
        BLOCKS.validate_python([block])
    [detail] = error.value.errors()
    assert detail["type"] == "nhan-lap"
    assert f"«{label}»" in detail["msg"]


def test_a_given_label_is_printed_as_given() -> None:
    assert "IV. KẾT QUẢ" in xml([{"muc": "Kết quả", "so": "IV."}])


def test_text_is_escaped_and_jinja_in_data_prints_literally(tmp_path: Path) -> None:
    tricky = "A & B <c> {{ khung.ho_ten }} {% if x %} {_{ y }_} 5 * 3"
    body = f"noi_dung:\n  - {tricky!r}\n  - bang: {{cot: [{tricky!r}], dong: [[{tricky!r}]]}}\n"
    data = document(tmp_path, body)
    lines = texts(data)
    assert lines.count(tricky) == 3


def test_merged_cells_repeat_headers_and_keep_rows_whole() -> None:
    table = {"bang": {
        "cot": [{"rong": "1.2cm"}, {"rong": 3, "can": "trai"}, {"rong": 1}, {"rong": 1}],
        "dau": [[{"o": "TT", "gop_dong": 2}, {"o": "Địa điểm", "gop_dong": 2}, {"o": "Tọa độ", "gop_cot": 2}],
                ["X", "Y"]],
        "dong": [{"cac_o": ["I", "Nhóm", "", ""], "dam": True}, [1, "Cửa sông", "2210567", 12299]],
    }}
    out = xml([table])
    assert out.count("<w:tblHeader/>") == 2
    assert out.count("<w:cantSplit/>") == 4
    assert out.count('<w:vMerge w:val="restart"/>') == 2 and out.count("<w:vMerge/>") == 2
    assert '<w:gridSpan w:val="2"/>' in out
    assert "12.299" in out and "2210567" in out  # numbers the Vietnamese way; a quoted code as given
    assert '<w:gridCol w:w="680"/>' in out
    assert '<w:jc w:val="left"/>' in out


def test_column_widths_relative_or_fixed() -> None:
    columns = [{"ten": "a", "rong": "2cm"}, {"ten": "b", "rong": "20mm"}, "c", "d"]
    table = BangDuLieu(cot=columns, dong=[[1, 2, 3, 4]])
    assert column_widths(table.cot, 5268) == [1134, 1134, 1500, 1500]


def test_totals_are_computed_or_checked() -> None:
    table = BangDuLieu(cot=["Xã", {"ten": "Hộ", "cong": True}], dong=[["A", 1285], ["B", 5]], tong=True)
    total = total_row(table)
    assert total is not None and [c.hien_thi() for c in total.cac_o] == ["Tổng cộng", "1.290"]
    with pytest.raises(ValidationError) as error:
        BangDuLieu(cot=["Xã", "Hộ"], dong=[["A", 1285], ["B", 5]], tong=["Tổng cộng", 1280])
    [detail] = error.value.errors()
    assert detail["type"] == "tong-cong-sai" and detail["loc"] == ("tong",)
    assert "ghi 1.280 ở cột 2" in detail["msg"] and "được 1.290" in detail["msg"]


def test_a_table_row_that_does_not_fill_the_columns_names_its_row(tmp_path: Path) -> None:
    with pytest.raises(DataError) as error:
        document(tmp_path, "noi_dung:\n  - bang: {cot: [a, b], dong: [[1, 2], [{o: 3, gop_cot: 3}]]}\n")
    [finding] = error.value.findings
    assert finding.code == "bang-le-o" and finding.path == "noi_dung[0].bang.dong[1]"


def test_page_break_and_numbered_paragraphs() -> None:
    numbered = {"danh_so": ["Sở A", {"y": "Sở B", "danh_sach": ["Việc 1"]}], "kieu": "a)"}
    out = xml(["Mở đầu", {"ngat_trang": True}, numbered])
    assert '<w:br w:type="page"/>' in out
    assert "a) Sở A" in out and "b) Sở B" in out
    assert out.index("b) Sở B") < out.index('w:val="Gachdaudong"')


def test_one_appendix_in_a_draft_is_phu_luc_with_blank_number_and_date(tmp_path: Path) -> None:
    data = document(tmp_path, "noi_dung: [Nội dung.]\n", textwrap.dedent("""\
        phu_luc:
          - ten: Danh sách xã
            noi_dung:
              - bang: {cot: [Xã, {ten: Hộ, cong: true}], dong: [[A, 3], [B, 4]], tong: true}
        """))
    lines = texts(data)
    start = lines.index("PHỤ LỤC")
    assert lines[start:start + 3] == [
        "PHỤ LỤC", "DANH SÁCH XÃ", "(Kèm theo Kế hoạch số /KH-UBND ngày tháng 11 năm 2025 của UBND xã A)"]
    assert lines.index("Nơi nhận:") < start
    body = Document(io.BytesIO(data)).element.body
    breaks = [p for p in body.iter(W + "sectPr")]
    assert len(breaks) == 2  # the body's section, then the appendix's (the body's own)
    assert breaks[-1].find(W + "pgNumType").get(W + "start") == "1"
    assert breaks[0].find(W + "headerReference") is not None


def test_an_appendix_label_is_printed_as_written_and_the_others_keep_their_numbers(tmp_path: Path) -> None:
    data = document(tmp_path, "noi_dung: [Nội dung.]\n", textwrap.dedent("""\
        phu_luc:
          - {ten: Danh sách xã, nhan: PHỤ LỤC SỐ 01, noi_dung: [Xã A.]}
          - {ten: Danh sách thôn, noi_dung: [Thôn B.]}
        """))
    lines = texts(data)
    assert lines[lines.index("PHỤ LỤC SỐ 01") + 1] == "DANH SÁCH XÃ"
    assert lines[lines.index("PHỤ LỤC II") + 1] == "DANH SÁCH THÔN"


def test_a_document_without_appendices_has_one_section(tmp_path: Path) -> None:
    body = Document(io.BytesIO(document(tmp_path, "noi_dung: [Nội dung.]\n"))).element.body
    assert len(list(body.iter(W + "sectPr"))) == 1


def test_a_lettered_paragraph_given_its_label_is_followed_by_the_next_letter() -> None:
    """«so: "b)"» in «a)» paragraphs (a run broken by a paragraph): the next is «c)»."""
    xml = str(khoi(to_template_data([DanhSo(danh_so=[{"y": "Hai", "so": "b)"}, "Ba"], kieu="a)")])))
    assert "b) Hai" in xml and "c) Ba" in xml
