"""Reading the summary table from a clerk's spreadsheet (.xlsx, .csv) beside the data file."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

import baocao
from baocao.errors import DataError
from baocao.formatting import format_number
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


def test_a_renamed_header_names_only_the_column_it_lost(tmp_path: Path) -> None:
    _xlsx(tmp_path / "t.xlsx", ["Đơn vị", "Tổng số hộ", "SL nghèo", "Hộ cận nghèo"], ROWS)
    [finding] = baocao.validate(_data_file(tmp_path, "  tep: t.xlsx\n  trang: Tổng hợp\n"))
    assert (finding.code, finding.file, finding.line) == ("bang-thieu-cot", str(tmp_path / "t.xlsx"), 2)
    assert "thiếu cột «Hộ nghèo»" in finding.message and "Số hộ nghèo" in finding.message
    assert "«Hộ cận nghèo»" not in finding.message


def test_notes_under_the_totals_row_are_not_units(tmp_path: Path) -> None:
    total = ("Tổng cộng", *(sum(row[i] for row in ROWS) for i in (1, 2, 3)))  # type: ignore[misc]
    notes = [("Ghi chú: số liệu tính đến ngày 15/11/2023", None, None, None),
             ("Người lập biểu", None, None, None), ("(Ký, ghi rõ họ tên)", None, None, None)]
    _xlsx(tmp_path / "t.xlsx", ["Đơn vị", "Tổng số hộ", "Hộ nghèo", "Hộ cận nghèo"], [*ROWS, total, *notes])
    report = baocao.load(_data_file(tmp_path, "  tep: t.xlsx\n  trang: Tổng hợp\n"))
    assert [row.ten for row in report.bieu_tong_hop.dong] == [row[0] for row in ROWS]


def test_rows_and_a_file_at_once_are_refused(tmp_path: Path) -> None:
    path = _data_file(tmp_path, "  tep: t.xlsx\n  dong: []\n")
    with pytest.raises(DataError) as caught:
        baocao.load(path)
    assert [f.code for f in caught.value.findings] == ["bieu-hai-nguon"]
    assert caught.value.findings[0].line is not None


# --- two-row headers, as official summary sheets have them -----------------------------------

UNITS = [  # name, area, households, persons, poor, near-poor, poor last year, near-poor last year
    ("Phường Đức Xuân", "thanh_thi", 2310, 8316, 18, 10, 22, 9),
    ("Phường Sông Cầu", "thanh_thi", 1987, 7153, 15, 9, 19, 8),
    ("Xã Dương Quang", "nong_thon", 1003, 3811, 41, 20, 48, 19),
    ("Xã Nông Thượng", "nong_thon", 754, 2865, 38, 16, 43, 16),
]
TOP = ["STT", "Đơn vị", "Tổng số hộ dân cư", None, "Hộ nghèo", None, "Hộ cận nghèo", None, "Năm 2022", None]
SUB = [None, None, "Số hộ", "Số khẩu", "Số hộ", "Tỷ lệ (%)", "Số hộ", "Tỷ lệ (%)", "Hộ nghèo", "Hộ cận nghèo"]
GROUPS = ["C3:D3", "E3:F3", "G3:H3", "I3:J3"]
CODES = ["A", "B", 1, 2, 3, "4=3/1×100", 5, "6=5/1×100", 7, 8]


def _figures(
    households: int, persons: int, poor: int, near: int, poor_before: int, near_before: int
) -> list[object]:
    """A row's figures in the order of TOP/SUB, rates as Excel would show them."""
    return [households, persons, poor, round(poor / households * 100, 2), near,
            round(near / households * 100, 2), poor_before, near_before]


def _sum(area: str | None) -> list[object]:
    members = [u for u in UNITS if area is None or u[1] == area]
    return _figures(*(sum(u[i] for u in members) for i in range(2, 8)))


def _table_rows() -> list[list[object]]:
    """Codes row, groups with their subtotals, units, the totals row (the sheet's own)."""
    rows: list[list[object]] = [CODES]
    groups = (("I", "thanh_thi", "Khu vực thành thị"), ("II", "nong_thon", "Khu vực nông thôn"))
    for roman, area, title in groups:
        rows.append([roman, title, *_sum(area)])
        members = [u for u in UNITS if u[1] == area]
        rows += [[i, u[0], *_figures(*u[2:])] for i, u in enumerate(members, 1)]
    rows.append([None, "Tổng cộng", *_sum(None)])
    return rows


def _two_row_xlsx(path: Path, *, merged: bool, rows: list[list[object]] | None = None) -> None:
    """Title (merged over the table), an empty row, the two-row header (rows 3–4), the table.

    ``merged``: group headers merged over their columns and lone headers over both
    rows, as Excel does; otherwise each header's text is typed in every cell it covers.
    """
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = "Tổng hợp"
    worksheet.append(["BIỂU TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023"])
    worksheet.append([])
    if merged:
        worksheet.append(TOP)
        worksheet.append(SUB)
        worksheet.merge_cells("A1:J1")
        for lone in ("A3:A4", "B3:B4"):
            worksheet.merge_cells(lone)
        for group in GROUPS:
            worksheet.merge_cells(group)
    else:
        top = [value if value is not None else TOP[i - 1] for i, value in enumerate(TOP)]
        worksheet.append(top)
        worksheet.append([sub if sub is not None else top[i] for i, sub in enumerate(SUB)])
    for row in rows if rows is not None else _table_rows():
        worksheet.append(row)
    workbook.save(path)


def _read_units(report: Any) -> list[tuple[object, ...]]:
    """Each row of the report's table, in the order of UNITS."""
    bieu = report.bieu_tong_hop
    return [
        (d.ten, d.khu_vuc, d.tong_so_ho, d.so_khau, d.ho_ngheo, d.ho_can_ngheo,
         d.nam_truoc.ho_ngheo if d.nam_truoc else None, d.nam_truoc.ho_can_ngheo if d.nam_truoc else None)
        for d in bieu.dong
    ]


@pytest.mark.parametrize("merged", [True, False], ids=["merged", "text-repeated"])
def test_a_two_row_header_is_read_group_by_sub_header(tmp_path: Path, merged: bool) -> None:
    _two_row_xlsx(tmp_path / "t.xlsx", merged=merged)
    report = baocao.load(_data_file(tmp_path, "  tep: t.xlsx\n"))
    # every unit with its counts (not its rates), last year's from the "Năm 2022" group;
    # group rows (with their subtotals), the codes row and the totals row are not units
    assert _read_units(report) == UNITS
    assert report.ket_qua.ho_ngheo.so_ho == sum(u[4] for u in UNITS)
    assert report.ket_qua.ho_ngheo.nam_truoc is not None
    assert report.ket_qua.ho_ngheo.nam_truoc.so_ho == sum(u[6] for u in UNITS)
    assert report.ket_qua.ho_can_ngheo.nam_truoc is not None
    assert report.ket_qua.ho_can_ngheo.nam_truoc.so_ho == sum(u[7] for u in UNITS)
    assert baocao.validate(tmp_path / "bao-cao.yaml") == []  # the sheet's own totals agree


def test_columns_are_found_under_their_group_wherever_they_stand(tmp_path: Path) -> None:
    # "Năm trước" first, then a "Tăng (+), giảm (-)" group whose sub-headers are the same
    # words as this year's groups, and this year's counts under "Năm 2023" / "Hộ nghèo"
    top = ["Tên đơn vị", "Năm trước", None, "Tăng (+), giảm (-)", None, "Tổng số hộ", "Năm 2023", None]
    sub = [None, "Hộ nghèo", "Hộ cận nghèo", "Hộ nghèo", "Hộ cận nghèo", None,
           "Số hộ nghèo", "Số hộ cận nghèo"]
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.append(top)
    worksheet.append(sub)
    for name, _, households, _, poor, near, poor_before, near_before in UNITS:
        worksheet.append([name, poor_before, near_before, poor - poor_before, near - near_before,
                          households, poor, near])
    workbook.save(tmp_path / "t.xlsx")
    report = baocao.load(_data_file(tmp_path, "  tep: t.xlsx\n"))
    assert [row[:1] + row[2:3] + row[4:] for row in _read_units(report)] == [
        (u[0], u[2], u[4], u[5], u[6], u[7]) for u in UNITS
    ]


def test_a_csv_group_header_spans_the_empty_cells_after_it(tmp_path: Path) -> None:
    with (tmp_path / "t.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["STT", "Đơn vị", "Tổng số hộ", "HỘ NGHÈO", "", "hộ cận nghèo", "", "Năm trước", ""])
        writer.writerow(["", "", "", "Số hộ", "Tỷ lệ (%)", "Số hộ", "Tỷ lệ (%)", "Hộ nghèo", "Hộ cận nghèo"])
        writer.writerow(["A", "B", "1", "2", "3=2/1×100", "4", "5=4/1×100", "6", "7"])
        for i, (name, _, households, _, poor, near, poor_before, near_before) in enumerate(UNITS, 1):
            writer.writerow([i, name, f"{households:,}".replace(",", "."), poor, "0,78", near, "0,43",
                             poor_before, near_before])
    report = baocao.load(_data_file(tmp_path, "  tep: t.csv\n"))
    assert [(row[0], *row[2:3], *row[4:]) for row in _read_units(report)] == [
        (u[0], u[2], u[4], u[5], u[6], u[7]) for u in UNITS
    ]


def test_a_title_row_above_a_two_row_header_is_not_taken_for_its_top(tmp_path: Path) -> None:
    rows = _table_rows()
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.append(["BIỂU TỔNG HỢP"])  # straight above the header, not merged
    worksheet.append(TOP)
    worksheet.append(SUB)
    for row in rows:
        worksheet.append(row)
    workbook.save(tmp_path / "t.xlsx")
    report = baocao.load(_data_file(tmp_path, "  tep: t.xlsx\n"))
    assert _read_units(report) == UNITS


def test_a_typed_total_that_is_not_the_rows_sum_is_reported_at_its_cell(tmp_path: Path) -> None:
    rows = _table_rows()
    poor = sum(u[4] for u in UNITS)
    assert rows[-1][1] == "Tổng cộng" and rows[-1][4] == poor
    rows[-1][4] = poor + 10  # poor households, column E
    _two_row_xlsx(tmp_path / "ho-ngheo.xlsx", merged=True, rows=rows)
    findings = baocao.validate(_data_file(tmp_path, "  tep: ho-ngheo.xlsx\n  trang: Tổng hợp\n"))
    assert [f.code for f in findings] == ["tong-bieu-khong-khop"]
    finding = findings[0]
    total_row = 4 + len(rows)  # title, empty row, two header rows, then the table
    assert finding.severity == "error"
    assert finding.file is not None and finding.file.endswith("ho-ngheo.xlsx")
    assert (finding.line, finding.column) == (total_row, 5)
    assert f"trang «Tổng hợp», ô E{total_row}" in finding.message
    assert f"ghi số hộ nghèo là {poor + 10} nhưng cộng các đơn vị được {poor}" in finding.message
    with pytest.raises(DataError):
        baocao.load(tmp_path / "bao-cao.yaml")


def test_a_group_subtotal_is_checked_against_the_group_only(tmp_path: Path) -> None:
    rows = _table_rows()
    rural = next(i for i, row in enumerate(rows) if row[1] == "Khu vực nông thôn")
    near_before = sum(u[7] for u in UNITS if u[1] == "nong_thon")
    assert rows[rural][9] == near_before
    rows[rural][9] = near_before - 1  # near-poor last year, column J
    _two_row_xlsx(tmp_path / "t.xlsx", merged=False, rows=rows)
    findings = baocao.validate(_data_file(tmp_path, "  tep: t.xlsx\n"))
    assert [(f.code, f.line, f.column) for f in findings] == [("tong-bieu-khong-khop", 5 + rural, 10)]
    assert f"cộng các đơn vị thuộc «Khu vực nông thôn» được {near_before}" in findings[0].message
    assert "năm trước" in findings[0].message


def test_a_cong_row_closing_a_group_is_that_groups_subtotal(tmp_path: Path) -> None:
    # some sheets put each group's subtotal in a "Cộng" row below it, and the grand
    # total in "Toàn thành phố" at the top
    rows: list[list[object]] = [CODES, [None, "Toàn thành phố", *_sum(None)]]
    groups = (("I", "thanh_thi", "Khu vực thành thị"), ("II", "nong_thon", "Khu vực nông thôn"))
    for roman, area, title in groups:
        members = [u for u in UNITS if u[1] == area]
        rows.append([roman, title])
        rows += [[i, u[0], *_figures(*u[2:])] for i, u in enumerate(members, 1)]
        rows.append([None, "Cộng", *_sum(area)])
    _two_row_xlsx(tmp_path / "t.xlsx", merged=True, rows=rows)
    assert baocao.validate(_data_file(tmp_path, "  tep: t.xlsx\n")) == []
    assert _read_units(baocao.load(tmp_path / "bao-cao.yaml")) == UNITS
    urban = next(i for i, row in enumerate(rows) if row[1] == "Cộng")
    rows[urban][2] = 1  # households of the urban group's "Cộng" row, column C
    _two_row_xlsx(tmp_path / "t.xlsx", merged=True, rows=rows)
    findings = baocao.validate(tmp_path / "bao-cao.yaml")
    assert [(f.code, f.line, f.column) for f in findings] == [("tong-bieu-khong-khop", 5 + urban, 3)]
    urban_households = sum(u[2] for u in UNITS if u[1] == "thanh_thi")
    expected = f"cộng các đơn vị thuộc «Khu vực thành thị» được {format_number(urban_households)}"
    assert expected in findings[0].message
