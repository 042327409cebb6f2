"""A body pasted as text (baocao.body.pasted): the structure read from the labels, the
same blocks as the YAML, every mistake at the line of the text."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter

import baocao
from baocao.body.model import NoiDung, total_row
from baocao.body.pasted import parse_pasted

BLOCKS = TypeAdapter(NoiDung)

FRAME = textwrap.dedent("""\
    loai: bao-cao
    co_quan: {ten: [Ủy ban nhân dân, phường Đức Xuân], ten_goi_tat: UBND phường Đức Xuân, viet_tat: UBND}
    so: 85
    ky_hieu: BC-UBND
    dia_danh: Đức Xuân
    ngay: 2024-09-25
    trich_yeu: Kết quả thực hiện công tác cải cách hành chính quý III năm 2024
    noi_nhan: {danh_sach: [Phòng Nội vụ thành phố], luu: VT}
    nguoi_ky: {chuc_vu: Chủ tịch, ho_ten: Hoàng Thị Mai}
    """)
"""Nine lines of frame: a body written after it starts on line 10."""


def _data_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bao-cao.yaml"
    path.write_text(FRAME + body, encoding="utf-8")
    return path


def test_the_pasted_text_gives_the_blocks_the_yaml_gives() -> None:
    text = textwrap.dedent("""\
        Căn cứ Kế hoạch số 210/KH-UBND ngày 15/9/2023 của UBND thành phố;
        I. MỤC ĐÍCH, YÊU CẦU
        **1. Mục đích**
        - Theo dõi, kiểm tra …;
        + Nội dung theo dõi
            Tình hình thực hiện chế độ báo cáo.
        - Xác định mức độ đạt được.
        **2. Yêu cầu**
        2.1. Tôm nuôi nước lợ
        **a) Nguồn nước cấp**
        II. TỔ CHỨC THỰC HIỆN
        1. Sở Tài chính: **trước ngày 31/10/2023**.
        - lập dự toán;
        2. UBND các xã: phối hợp.
        ---
        (1) 100% hộ được rà soát;
        """)
    written = yaml.safe_load(textwrap.dedent("""\
        - Căn cứ Kế hoạch số 210/KH-UBND ngày 15/9/2023 của UBND thành phố;
        - muc: MỤC ĐÍCH, YÊU CẦU
          noi_dung:
            - khoan: Mục đích
              noi_dung:
                - danh_sach:
                    - y: Theo dõi, kiểm tra …;
                      danh_sach:
                        - {y: Nội dung theo dõi, danh_sach: [Tình hình thực hiện chế độ báo cáo.]}
                    - Xác định mức độ đạt được.
            - khoan: Yêu cầu
              noi_dung:
                - tieu_khoan: Tôm nuôi nước lợ
                  noi_dung: [{diem: Nguồn nước cấp}]
        - muc: TỔ CHỨC THỰC HIỆN
          noi_dung:
            - danh_so:
                - {y: "Sở Tài chính: **trước ngày 31/10/2023**.", danh_sach: [lập dự toán;]}
                - "UBND các xã: phối hợp."
            - ngat_trang: true
            - {danh_so: [100% hộ được rà soát;], kieu: "(1)"}
        """))
    pasted = parse_pasted(text)
    assert pasted.problems == []
    assert BLOCKS.validate_python(pasted.blocks) == BLOCKS.validate_python(written)


def test_a_plain_numbered_line_is_a_numbered_paragraph_and_a_bold_one_a_heading() -> None:
    """Word's plain-text copy loses the bold: "1. …" is then a numbered paragraph."""
    assert parse_pasted("1. Mục đích").blocks == [{"danh_so": ["Mục đích"], "kieu": "1."}]
    assert parse_pasted("**1. Mục đích**").blocks == [{"khoan": "Mục đích", "noi_dung": []}]
    assert parse_pasted("*a) Tập thể*").blocks == [{"diem": "Tập thể", "noi_dung": []}]
    assert parse_pasted("a) Tập thể").blocks == [{"danh_so": ["Tập thể"], "kieu": "a)"}]


def test_a_numbered_run_broken_by_a_paragraph_continues_with_its_label() -> None:
    pasted = parse_pasted("a) Về kiểm điểm:\nThực hiện theo Mục III.\nb) Về đánh giá.")
    assert pasted.problems == []
    assert pasted.blocks == [
        {"danh_so": ["Về kiểm điểm:"], "kieu": "a)"},
        "Thực hiện theo Mục III.",
        {"danh_so": [{"y": "Về đánh giá.", "so": "b)"}], "kieu": "a)"},
    ]


def test_a_pipe_table_with_two_header_rows_merges_alignment_and_widths() -> None:
    pasted = parse_pasted(textwrap.dedent("""\
        | **TT** | **Địa điểm** | **Tọa độ** | << |
        | ^^ | ^^ | X | Y |
        |---|:------|----:|:---:|
        | **I** | **Nguồn nước cấp** |  |  |
        | 1 | Cửa sông \\| lạch Càn<br>xã Tân Tiến | 2210567 | *606959* |
        | **Tổng cộng** | << | **1** | **1** |
        """))
    assert pasted.problems == []
    table = BLOCKS.validate_python(pasted.blocks)[0].bang
    assert [(c.can, c.rong) for c in table.cot] == [
        ("giua", "3"), ("trai", "6"), ("phai", "4"), ("giua", "3")]
    assert table.dau is not None
    first, second = table.dau
    assert [(c.o, c.gop_cot, c.gop_dong) for c in first.cac_o] == [
        ("TT", 1, 2), ("Địa điểm", 1, 2), ("Tọa độ", 2, 1)]
    assert [c.o for c in second.cac_o] == ["X", "Y"]
    group, row, total = table.dong
    assert group.dam and [c.o for c in group.cac_o] == ["I", "Nguồn nước cấp", "", ""]
    assert row.cac_o[1].o == "Cửa sông | lạch Càn\nxã Tân Tiến"
    assert row.cac_o[3].nghieng and row.cac_o[3].o == "606959"
    assert total.dam and (total.cac_o[0].o, total.cac_o[0].gop_cot) == ("Tổng cộng", 2)


def test_a_label_pasted_twice_is_the_block_models_error_at_its_yaml_line(tmp_path: Path) -> None:
    path = _data_file(tmp_path, "noi_dung: |\n  Mở đầu.\n\n  I. I. Kết quả thực hiện\n")
    with pytest.raises(baocao.DataError) as caught:
        baocao.load(path)
    [finding] = caught.value.findings
    assert (finding.code, finding.file, finding.line, finding.column) == ("nhan-lap", str(path), 13, 3)
    assert "«I.»" in finding.message


def test_one_section_can_be_pasted_and_its_mistakes_are_at_the_yaml_line(tmp_path: Path) -> None:
    body = ("noi_dung:\n  - muc: Kết quả\n    noi_dung: |\n"
            "      **1. Cải cách thể chế**\n      **3. Hộ tịch**\n")
    findings = baocao.validate(_data_file(tmp_path, body))
    assert [(f.code, f.line, f.column) for f in findings] == [("dan-sai-thu-tu", 14, 7)]
    assert "«2.»" in findings[0].message


def test_a_body_in_a_text_file_beside_the_data_file_is_located_in_that_file(tmp_path: Path) -> None:
    broken = "Mở đầu.\n**1. Kết quả**\n- **: a\n| A | B |\n|---|---|\n| 1 |\n"
    (tmp_path / "than.md").write_text(broken, encoding="utf-8")
    (tmp_path / "dung.md").write_text("**1. Kết quả**\n- Tiếp nhận 412 hồ sơ.\n", encoding="utf-8")
    findings = baocao.validate(_data_file(tmp_path, "noi_dung: {tep: than.md}\n"))
    assert [(f.code, Path(f.file or "").name, f.line) for f in findings] == [("dan-bang-le-o", "than.md", 6)]
    report = baocao.load(_data_file(tmp_path, "noi_dung: {tep: dung.md}\n"))
    assert report.noi_dung[0].khoan == "Kết quả"  # type: ignore[attr-defined]


def test_a_block_model_error_in_a_text_file_names_the_line_and_quotes_it(tmp_path: Path) -> None:
    (tmp_path / "than.md").write_text("Mở đầu.\n\n- - Tiếp nhận hồ sơ.\n", encoding="utf-8")
    [finding] = baocao.validate(_data_file(tmp_path, "noi_dung: {tep: than.md}\n"))
    assert (finding.code, finding.file, finding.line) == ("nhan-lap", str(tmp_path / "than.md"), 3)
    assert finding.message.startswith("«- - Tiếp nhận hồ sơ.»")


def test_a_text_file_outside_the_data_files_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ngoai.md").write_text("Mở đầu.\n", encoding="utf-8")
    (tmp_path / "ho-so").mkdir()
    path = tmp_path / "ho-so" / "bao-cao.yaml"
    path.write_text(FRAME + "noi_dung: {tep: ../ngoai.md}\n", encoding="utf-8")
    assert [f.code for f in baocao.validate(path)] == ["tep-ngoai-thu-muc"]


def test_data_given_as_a_mapping_is_not_changed(tmp_path: Path) -> None:
    data = yaml.safe_load(FRAME)
    data["noi_dung"] = [{"muc": "Kết quả", "noi_dung": "**1. Hộ tịch**\n- Tiếp nhận 412 hồ sơ."}]
    report = baocao.load(data)
    assert report.noi_dung[0].noi_dung[0].khoan == "Hộ tịch"  # type: ignore[attr-defined]
    assert data["noi_dung"][0]["noi_dung"] == "**1. Hộ tịch**\n- Tiếp nhận 412 hồ sơ."


OPTIONS_TABLE = textwrap.dedent("""\
    | TT | Địa điểm | Số mẫu | Ghi chú |
    |---|---|---|---|
    | 1 | Cửa sông lạch Càn | 1.200 | 5.1 |
    | 2 | Cửa sông Mã | 85 |  |
    """)


def test_an_options_line_gives_widths_in_cm_justified_cells_and_computed_totals() -> None:
    options = "{rong: [1.2cm, 6, 2.5, 2], can: [giua, deu, phai, trai], tong: true}\n"
    pasted = parse_pasted(OPTIONS_TABLE + options + "Đoạn sau bảng.\n")
    assert pasted.problems == []
    table_block, paragraph = BLOCKS.validate_python(pasted.blocks)
    table = table_block.bang
    assert [(c.rong, c.can) for c in table.cot] == [("1.2cm", "giua"), ("6", "deu"), ("2.5", "phai"),
                                                    ("2", "trai")]
    total = total_row(table)
    assert [c.hien_thi() for c in total.cac_o] == ["Tổng cộng", "1.285", ""]  # «5.1» is not a number
    assert [c.o for c in table.dong[0].cac_o] == ["1", "Cửa sông lạch Càn", 1200, "5.1"]  # summed only
    assert paragraph.doan == "Đoạn sau bảng."


def test_the_last_row_as_totals_is_checked_at_its_line(tmp_path: Path) -> None:
    text = OPTIONS_TABLE + "| **Tổng cộng** | << | **1.258** |  |\n{cong: [3], tong: dong_cuoi}\n"
    (tmp_path / "than.md").write_text(text, encoding="utf-8")
    [finding] = baocao.validate(_data_file(tmp_path, "noi_dung: {tep: than.md}\n"))
    assert (finding.code, Path(finding.file or "").name, finding.line) == ("tong-cong-sai", "than.md", 5)
    assert "1.258" in finding.message and "1.285" in finding.message
    (tmp_path / "than.md").write_text(text.replace("1.258", "1.285"), encoding="utf-8")
    table = baocao.load(_data_file(tmp_path, "noi_dung: {tep: than.md}\n")).noi_dung[0].bang  # type: ignore[attr-defined]
    assert len(table.dong) == 2 and table.tong.dam and table.tong.cac_o[1].o == 1285


@pytest.mark.parametrize(("line", "reason"), [
    ("{rong: [1, 2]}", "có 2 giá trị «rong» nhưng bảng có 4 cột"),
    ("{do_rong: [1, 2, 3, 4]}", "khóa lạ «do_rong»"),
    ("{tong: co}", "«tong: co»"),
    ("{rong: [1, 2}", "không đọc được"),
])
def test_a_wrong_options_line_is_a_located_error(line: str, reason: str) -> None:
    [problem] = parse_pasted("Mở đầu.\n" + OPTIONS_TABLE + line + "\n").problems
    assert (problem.code, problem.line) == ("dan-bang-tuy-chon", 6)
    assert reason in problem.message
