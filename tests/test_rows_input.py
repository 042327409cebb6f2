"""``batch --bang``: one workbook with a row per commune and the shared text once → every report."""

from __future__ import annotations

import io
from pathlib import Path

import baocao
from baocao.cli import main
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo

from conftest import EXAMPLES
from docx_reading import texts

FOLDER = EXAMPLES / "theo-bang"
CHUNG = FOLDER / "chung-xa.yaml"
BANG = FOLDER / "cac-xa.csv"


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _sheet(tmp_path: Path, old: str = "", new: str = "") -> Path:
    text = BANG.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "cac-xa.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_every_row_is_a_report_with_its_own_values_and_the_shared_text(tmp_path: Path) -> None:
    code, _, err = run("batch", CHUNG, "--bang", BANG, "-o", tmp_path, "-j", "1", "-q")
    assert code == 0, err
    rows = BANG.read_text(encoding="utf-8").splitlines()[1:]
    written = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert written == sorted(f"{row.split(';')[0]}.docx" for row in rows)
    printed = texts((tmp_path / "xa-cho-don.docx").read_bytes())
    assert "XÃ CHỢ ĐỒN" in printed  # the agency line from the row
    assert "Chợ Đồn, ngày 05 tháng 12 năm 2025" in printed
    assert "Số: 35/BC-UBND" in printed
    assert "Tổng số hộ dân trên địa bàn: 2.730 hộ, trong đó:" in printed
    assert "Ma Văn Tùng" in printed
    # the shared text, written once, is in every report
    other = texts((tmp_path / "xa-thuong-minh.docx").read_bytes())
    shared = "Một số hộ đi làm ăn xa nên việc thu thập thông tin còn chậm."
    assert shared in printed and shared in other
    assert "Lý Thị Hoa" in other and "Ma Văn Tùng" not in other


def test_a_rows_report_is_the_report_of_the_same_data_written_by_hand(tmp_path: Path) -> None:
    """The row of Chợ Đồn gives the very figures of examples/tong-hop/xa-cho-don.yaml."""
    assert run("batch", CHUNG, "--bang", BANG, "-o", tmp_path, "-j", "1", "-q")[0] == 0
    by_hand = baocao.load(EXAMPLES / "tong-hop" / "xa-cho-don.yaml", BaoCaoRaSoatHoNgheo)
    printed = texts((tmp_path / "xa-cho-don.docx").read_bytes())
    assert f"- Tổng số hộ nghèo: {by_hand.ket_qua.ho_ngheo.so_ho} hộ" in " ".join(printed)


def test_a_bad_value_is_located_at_its_cell_and_the_other_rows_are_written(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, ";2730;142;", ";2730;nhiều;")
    out = tmp_path / "out"
    code, _, err = run("batch", CHUNG, "--bang", sheet, "-o", out, "-j", "1", "-q")
    assert code == 1
    assert f"{sheet}:4:8: ket_qua.ho_ngheo.so_ho: ô H4: cần một số nguyên" in err
    assert len(list(out.glob("*.docx"))) == 4


def test_a_header_that_is_not_a_key_is_refused_at_its_cell(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "nguoi_ky.ho_ten", "Người ký")
    code, _, err = run("batch", CHUNG, "--bang", sheet, "-o", tmp_path / "out")
    assert code == 1
    assert f"{sheet}:1:12: ô L1: tiêu đề cột «Người ký» phải là khóa của tệp dữ liệu" in err


def test_two_rows_with_one_output_name_are_refused(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "xa-bang-thanh;", "xa-phong-quang;")
    code, _, err = run("batch", CHUNG, "--bang", sheet, "-o", tmp_path / "out")
    assert code == 1
    assert "dòng 3 cùng tên tệp kết quả «xa-phong-quang» với dòng 2" in err
    assert not (tmp_path / "out").exists()


def test_with_a_workbook_the_data_is_the_one_shared_text(tmp_path: Path) -> None:
    code, _, err = run("batch", CHUNG, CHUNG, "--bang", BANG, "-o", tmp_path)
    assert code == 2 and "chỉ ghi một tệp dữ liệu" in err


def test_vietnamese_headers_are_read_beside_data_keys(tmp_path: Path) -> None:
    """The summary table's own column names («Đơn vị», «Tổng số hộ», «Hộ nghèo» …) fill the
    fields their column adds up to; the unit's name, written «Xã Chợ Đồn» as the table
    prints it, is the ``dia_ban`` of the sentences («xã Chợ Đồn»).  The same figures as the
    keys' workbook give the same report."""
    header, *rows = BANG.read_text(encoding="utf-8").splitlines()
    words = {"dia_ban": "Đơn vị", "ket_qua.tong_so_ho": "Tổng số hộ", "ket_qua.ho_ngheo.so_ho": "Số hộ nghèo",
             "ket_qua.ho_ngheo.nam_truoc.so_ho": "Hộ nghèo năm trước",
             "ket_qua.ho_can_ngheo.so_ho": "HỘ CẬN NGHÈO",
             "ket_qua.ho_can_ngheo.nam_truoc.so_ho": "Hộ cận nghèo năm trước"}
    cells = [row.split(";") for row in rows]
    names = header.split(";")
    for row in cells:
        row[names.index("dia_ban")] = row[names.index("dia_ban")].replace("xã", "Xã", 1)
    sheet = tmp_path / "cac-xa.csv"
    sheet.write_text(";".join(words.get(n, n) for n in names) + "\n"
                     + "\n".join(";".join(row) for row in cells) + "\n", encoding="utf-8")
    by_words, by_keys = tmp_path / "chu", tmp_path / "khoa"
    code, _, err = run("batch", CHUNG, "--bang", sheet, "-o", by_words, "-j", "1", "-q")
    assert code == 0, err
    assert run("batch", CHUNG, "--bang", BANG, "-o", by_keys, "-j", "1", "-q")[0] == 0
    assert sorted(p.name for p in by_words.glob("*.docx")) == sorted(p.name for p in by_keys.glob("*.docx"))
    for report in by_keys.glob("*.docx"):
        assert texts((by_words / report.name).read_bytes()) == texts(report.read_bytes())
    printed = " ".join(texts((by_words / "xa-cho-don.docx").read_bytes()))
    assert "Tổng số hộ dân trên địa bàn: 2.730 hộ, trong đó:" in printed
    assert "của xã Chợ Đồn" in printed and "của Xã Chợ Đồn" not in printed


def test_a_vietnamese_header_is_located_like_a_key_and_two_columns_for_one_key_are_refused(
    tmp_path: Path,
) -> None:
    sheet = _sheet(tmp_path, ";ket_qua.ho_ngheo.so_ho;", ";Hộ nghèo;")
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(";2730;142;", ";2730;nhiều;", 1),
                     encoding="utf-8")
    code, _, err = run("batch", CHUNG, "--bang", sheet, "-o", tmp_path / "out", "-j", "1", "-q")
    assert code == 1
    assert f"{sheet}:4:8: ket_qua.ho_ngheo.so_ho: ô H4: cần một số nguyên" in err
    twice = _sheet(tmp_path, ";ket_qua.tong_so_ho;", ";Tổng số hộ dân cư;")
    twice.write_text(twice.read_text(encoding="utf-8").replace("nguoi_ky.ho_ten", "ket_qua.tong_so_ho"),
                     encoding="utf-8")
    code, _, err = run("batch", CHUNG, "--bang", twice, "-o", tmp_path / "out2")
    assert code == 1
    assert (f"{twice}:1:12: ô L1: cột «ket_qua.tong_so_ho» ghi cùng khóa «ket_qua.tong_so_ho» với ô G1; "
            "bỏ một trong hai cột [bang-cot-trung-khoa]") in err, err
    code, _, err = run("batch", CHUNG, "--bang", _sheet(tmp_path, "nguoi_ky.ho_ten", "Khu vực"), "-o",
                       tmp_path / "out3")
    assert code == 1 and "hoặc một tên cột: «Đơn vị»" in err, err
