"""Reading the summary table from a clerk's spreadsheet (.xlsx, .csv) beside the data file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

import baocao
from baocao.errors import DataError
from baocao.spreadsheet import normalize_header

from conftest import EXAMPLES

ROWS = [
    ("Phường Đức Xuân", 2310, 18, 10),
    ("Phường Sông Cầu", 1987, 15, 9),
    ("Xã Nông Thượng", 754, 38, 16),
]


def _data_file(folder: Path, reference: str) -> Path:
    """The Excel example's data file, pointed at ``reference`` instead."""
    text = (EXAMPLES / "bac-kan-2023-excel.yaml").read_text(encoding="utf-8")
    text = text.replace("  tep: ho-ngheo-2023.xlsx\n  trang: Tổng hợp\n", reference)
    # these sheets have no last-year columns, so last year's rate has no count to go
    # with, and the plan target cannot be judged
    text = text.replace("  ho_ngheo:\n    nam_truoc: {ty_le: 2.33}\n", "")
    text = text.replace("  chi_tieu: {giam_ho_ngheo: 23}\n", "")
    path = folder / "bao-cao.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _xlsx(path: Path, header: list[str], rows: list[tuple[object, ...]], sheet: str = "Tổng hợp") -> None:
    workbook = Workbook()
    workbook.active.title = "Ghi chú"
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(["BIỂU TỔNG HỢP"])  # a title row above the header
    worksheet.append(header)
    for row in rows:
        worksheet.append(list(row))
    workbook.save(path)


@pytest.mark.parametrize(
    "text", ["Tổng số hộ", "tong so ho", "TỔNG  SỐ HỘ", " tổng_số_hộ ", "Tong So Ho"]
)
def test_headers_match_whatever_their_accents_case_and_spacing(text: str) -> None:
    assert normalize_header(text) == "tong so ho"


@pytest.mark.parametrize("total_header", ["Tổng số hộ", "tong so ho", "TỔNG  SỐ HỘ"])
def test_rows_are_read_from_xlsx_by_header(tmp_path: Path, total_header: str) -> None:
    _xlsx(tmp_path / "so-lieu.xlsx", ["STT", "Đơn vị", total_header, "Số hộ nghèo", "HỘ CẬN NGHÈO"],
          [(i, *row) for i, row in enumerate(ROWS, 1)])
    report = baocao.load(_data_file(tmp_path, "  tep: so-lieu.xlsx\n  trang: tổng hợp\n"))
    assert report.bieu_tong_hop is not None
    assert [d.ten for d in report.bieu_tong_hop.dong] == [r[0] for r in ROWS]
    # the report's counts were left out: they are the rows' sums
    assert report.ket_qua.tong_so_ho == 2310 + 1987 + 754
    assert report.ket_qua.ho_ngheo.so_ho == 18 + 15 + 38
    assert report.ket_qua.ho_can_ngheo.so_ho == 10 + 9 + 16


def test_group_rows_codes_row_and_totals_row_of_a_sheet_are_understood(tmp_path: Path) -> None:
    rows: list[tuple[object, ...]] = [
        ("A", "B", 1, 2, 3),
        ("I", "Khu vực thành thị", None, None, None),
        (1, *ROWS[0]), (2, *ROWS[1]),
        ("II", "Khu vực nông thôn", None, None, None),
        (1, *ROWS[2]),
        ("", "Tổng cộng", 5051, 71, 35),
    ]
    _xlsx(tmp_path / "t.xlsx", ["STT", "Tên đơn vị", "Tổng số hộ", "Hộ nghèo", "Hộ cận nghèo"], rows)
    report = baocao.load(_data_file(tmp_path, "  tep: t.xlsx\n  trang: Tổng hợp\n"))
    assert report.bieu_tong_hop is not None
    assert [(d.ten, d.khu_vuc) for d in report.bieu_tong_hop.dong] == [
        ("Phường Đức Xuân", "thanh_thi"), ("Phường Sông Cầu", "thanh_thi"), ("Xã Nông Thượng", "nong_thon"),
    ]


def test_rows_are_read_from_csv_with_semicolons_and_vietnamese_thousands(tmp_path: Path) -> None:
    with (tmp_path / "t.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Đơn vị", "Tổng số hộ", "Hộ nghèo", "Hộ cận nghèo"])
        writer.writerow(["Phường Đức Xuân", "12.000", "200", "100"])
        writer.writerow(["Xã Nông Thượng", "299", "42", "21"])
    report = baocao.load(_data_file(tmp_path, "  tep: t.csv\n"))
    assert report.ket_qua.tong_so_ho == 12299
    assert report.ket_qua.ho_ngheo.so_ho == 242


def test_a_bad_cell_is_reported_with_sheet_row_and_column(tmp_path: Path) -> None:
    rows = [(1, *ROWS[0]), (2, "Phường Sông Cầu", 1987, "mười lăm", 9), (3, *ROWS[2])]
    _xlsx(tmp_path / "ho-ngheo.xlsx", ["STT", "Đơn vị", "Tổng số hộ", "Hộ nghèo", "Hộ cận nghèo"], rows)
    findings = baocao.validate(_data_file(tmp_path, "  tep: ho-ngheo.xlsx\n  trang: Tổng hợp\n"))
    bad = [f for f in findings if f.path == "bieu_tong_hop.dong[1].ho_ngheo"]
    assert len(bad) == 1, findings
    finding = bad[0]
    assert finding.file is not None and finding.file.endswith("ho-ngheo.xlsx")
    assert (finding.line, finding.column) == (4, 4)  # title, header, row 1, then this row; column D
    assert "trang «Tổng hợp», ô D4" in finding.message
    assert "số nguyên" in finding.message


def test_a_missing_column_or_sheet_is_named(tmp_path: Path) -> None:
    _xlsx(tmp_path / "t.xlsx", ["Đơn vị", "Tổng số hộ", "Hộ nghèo"], [ROWS[0][:3]])
    missing_column = baocao.validate(_data_file(tmp_path, "  tep: t.xlsx\n  trang: Tổng hợp\n"))
    assert [f.code for f in missing_column] == ["bang-thieu-cot"]
    assert "«Hộ cận nghèo»" in missing_column[0].message
    missing_sheet = baocao.validate(_data_file(tmp_path, "  tep: t.xlsx\n  trang: Sheet9\n"))
    assert [f.code for f in missing_sheet] == ["khong-co-trang"]
    assert "«Tổng hợp»" in missing_sheet[0].message


def test_rows_and_a_file_at_once_are_refused(tmp_path: Path) -> None:
    path = _data_file(tmp_path, "  tep: t.xlsx\n  dong: []\n")
    with pytest.raises(DataError) as caught:
        baocao.load(path)
    assert [f.code for f in caught.value.findings] == ["bieu-hai-nguon"]
    assert caught.value.findings[0].line is not None
