"""The generic types ``bao-cao`` and ``cong-van``, and the frame's Kính gửi and công văn layout."""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

import baocao
from baocao.errors import DataError

from conftest import EXAMPLES
from docx_reading import find, paragraphs, texts

BAO_CAO = EXAMPLES / "bao-cao-chung.yaml"
CONG_VAN = EXAMPLES / "cong-van-don-doc.yaml"


def render(path: Path) -> bytes:
    data = baocao.render(baocao.load(path))
    assert data is not None
    return data


@pytest.fixture(scope="module")
def bao_cao() -> bytes:
    return render(BAO_CAO)


@pytest.fixture(scope="module")
def cong_van() -> bytes:
    return render(CONG_VAN)


def between(lines: list[str], first: str, last: str) -> list[str]:
    start = lines.index(first)
    return lines[start : lines.index(last, start) + 1]


def test_sections_subsections_and_points_are_numbered(bao_cao: bytes) -> None:
    lines = texts(bao_cao)
    headings = [line for line in lines if re.match(r"^([IVX]+\.|\d+\.|[a-zđ]\)) ", line)]
    assert headings[:6] == [
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Công tác chỉ đạo, điều hành",
        "2. Cải cách thủ tục hành chính",
        "a) Niêm yết công khai đầy đủ 146 thủ tục hành chính tại Bộ phận một cửa.",
        "b) Tiếp nhận hồ sơ trực tuyến:",
        "II. TỒN TẠI, HẠN CHẾ",
    ]
    assert "III. NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2024" in lines
    assert between(lines, "b) Tiếp nhận hồ sơ trực tuyến:", "- Hồ sơ trực tuyến một phần đạt 21%.") == [
        "b) Tiếp nhận hồ sơ trực tuyến:",
        "- Hồ sơ trực tuyến toàn trình đạt 62%;",
        "- Hồ sơ trực tuyến một phần đạt 21%.",
    ]
    section = find(bao_cao, "I. KẾT QUẢ")
    assert section.style.font.bold and all(run.bold is not False for run in section.runs)


def test_emphasis_in_paragraphs_and_points(bao_cao: bytes) -> None:
    paragraph = find(bao_cao, "UBND phường đã ban hành")
    assert [r.text for r in paragraph.runs if r.bold] == ["03 văn bản"]
    assert [r.text for r in paragraph.runs if r.italic] == ["đánh giá hằng tháng"]
    point = find(bao_cao, "a) Niêm yết")
    assert [r.text for r in point.runs if r.bold] == ["146 thủ tục"]


def test_table_has_header_rows_and_vietnamese_numbers(bao_cao: bytes) -> None:
    [table] = Document(io.BytesIO(bao_cao)).tables[1:-1]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells == [
        ["Lĩnh vực", "Tiếp nhận", "Đúng hạn", "Quá hạn"],
        ["Hộ tịch", "412", "412", "0"],
        ["Chứng thực", "1.285", "1.280", "5"],
        ["Đất đai", "37", "35", "2"],
        ["Tổng cộng", "1.734", "1.727", "7"],
    ]
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)
    assert all(run.bold for run in table.rows[-1].cells[1].paragraphs[0].runs)
    assert len(table._tbl.tblGrid.findall("{*}gridCol")) == 4
    lines = texts(bao_cao)
    assert lines.index("Kết quả giải quyết hồ sơ") + 1 == lines.index("Đơn vị tính: hồ sơ")


def test_kinh_gui_with_one_recipient_is_one_line(bao_cao: bytes) -> None:
    lines = texts(bao_cao)
    title = lines.index("BÁO CÁO")
    assert lines[title + 1 : title + 3] == [
        "Kết quả thực hiện công tác cải cách hành chính quý III năm 2024",
        "Kính gửi: Ủy ban nhân dân thành phố Bắc Kạn",
    ]
    assert find(bao_cao, "Kính gửi:").runs[0].font.size == Pt(14)


def test_cong_van_has_v_v_under_the_number_and_no_title(cong_van: bytes) -> None:
    header = Document(io.BytesIO(cong_van)).tables[0]
    left = [cell.text for cell in header.columns[0].cells]
    assert left[1:] == [
        "Số: 1520/UBND-LĐTBXH", "V/v đôn đốc hoàn thành rà soát hộ nghèo, hộ cận nghèo năm 2023"]
    v_v = header.columns[0].cells[2].paragraphs[0]
    assert v_v.runs[0].font.size == Pt(12)
    lines = texts(cong_van)
    assert "CÔNG VĂN" not in lines


def test_kinh_gui_with_several_recipients_is_a_dash_list(cong_van: bytes) -> None:
    lines = texts(cong_van)
    start = lines.index("Kính gửi:")
    assert lines[start : start + 3] == [
        "Kính gửi:",
        "- Ủy ban nhân dân các xã, phường;",
        "- Phòng Lao động - Thương binh và Xã hội thành phố.",
    ]
    items = [p for p in paragraphs(cong_van) if p.text.startswith("- Ủy ban nhân dân các xã")]
    heading = find(cong_van, "Kính gửi:")
    assert items[0].paragraph_format.left_indent > heading.paragraph_format.left_indent


def test_a_v_v_typed_by_the_clerk_is_not_doubled(tmp_path: Path) -> None:
    text = CONG_VAN.read_text(encoding="utf-8").replace("trich_yeu: đôn đốc", "trich_yeu: V/v đôn đốc")
    path = tmp_path / "cv.yaml"
    path.write_text(text, encoding="utf-8")
    assert "V/v đôn đốc hoàn thành rà soát hộ nghèo, hộ cận nghèo năm 2023" in texts(render(path))


def test_the_ra_soat_report_has_no_kinh_gui_unless_asked(bac_kan_docx: bytes) -> None:
    assert not any(line.startswith("Kính gửi") for line in texts(bac_kan_docx))


def test_table_rows_must_match_the_columns(tmp_path: Path) -> None:
    text = BAO_CAO.read_text(encoding="utf-8").replace("- [Đất đai, 37, 35, 2]", "- [Đất đai, 37, 35]")
    path = tmp_path / "bc.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as error:
        baocao.load(path)
    [finding] = error.value.findings
    assert "dòng 3 của bảng chiếm 3 cột, nhưng bảng có 4 cột" in finding.message
    assert finding.line is not None and finding.path == "noi_dung[1].noi_dung[1].noi_dung[1].bang.dong[2]"


def test_cong_van_needs_kinh_gui(tmp_path: Path) -> None:
    lines = CONG_VAN.read_text(encoding="utf-8").split("\n")
    start = lines.index("kinh_gui:")
    path = tmp_path / "cv.yaml"
    path.write_text("\n".join(lines[:start] + lines[start + 3 :]), encoding="utf-8")
    findings = baocao.validate(path)
    assert [f.path for f in findings] == ["kinh_gui"]


def test_a_minimal_free_report(tmp_path: Path) -> None:
    path = tmp_path / "bc.yaml"
    path.write_text(textwrap.dedent("""\
        loai: bao-cao
        ten_loai: Tờ trình
        co_quan: {ten: [Phòng Nội vụ], ten_goi_tat: Phòng Nội vụ, viet_tat: PNV}
        ky_hieu: TTr-PNV
        dia_danh: Bắc Kạn
        ngay: 2024-01-02
        trich_yeu: Về việc đề nghị khen thưởng
        kinh_gui: [UBND thành phố, "- Hội đồng Thi đua - Khen thưởng thành phố;"]
        noi_dung: [{muc: Sự cần thiết, noi_dung: [Nội dung.]}]
        noi_nhan: {danh_sach: [Như trên]}
        nguoi_ky: {chuc_vu: Trưởng phòng, ho_ten: Trần Văn C}
        """), encoding="utf-8")
    lines = texts(render(path))
    assert lines[lines.index("TỜ TRÌNH") + 2 :][:3] == [
        "Kính gửi:", "- UBND thành phố;", "- Hội đồng Thi đua - Khen thưởng thành phố."]
    assert "I. SỰ CẦN THIẾT" in lines
