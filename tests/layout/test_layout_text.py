"""Text forms: date padding, the number and symbol, recognisers; module doctests."""

from __future__ import annotations

import doctest
import importlib

import pytest

from baocao.layout.dates import date_problems
from baocao.layout.symbol import ABBREVIATIONS, expected_abbreviation, parse
from baocao.layout.text import is_date_line, is_quoc_hieu, is_tieu_ngu


@pytest.mark.parametrize("module", ["text", "dates", "symbol", "output"])
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(f"baocao.layout.{module}"))
    assert result.failed == 0


@pytest.mark.parametrize(
    "line",
    [
        "Hà Nội, ngày 05 tháng 01 năm 2020",
        "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019",
        "Bắc Kạn, ngày 07 tháng 9 năm 2023",
        "TP. Bắc Kạn, ngày 15 tháng 02 năm 2024",
        "Hà Nội, ngày  10  tháng 12 năm 2023",
    ],
)
def test_right_dates(line: str) -> None:
    assert date_problems(line) == []


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("Hà Nội, ngày 7 tháng 9 năm 2023", "ngày «7» thiếu số 0"),
        ("Hà Nội, ngày 07 tháng 1 năm 2023", "tháng «1» thiếu số 0"),
        ("Hà Nội, ngày 07 tháng 2 năm 2023", "tháng «2» thiếu số 0"),
        ("Hà Nội, ngày 07 tháng 09 năm 2023", "tháng «09» không được thêm số 0"),
        ("Hà Nội, ngày 32 tháng 9 năm 2023", "ngày «32»"),
        ("Hà Nội, ngày 07 tháng 13 năm 2023", "tháng «13»"),
        ("Hà Nội, ngày 07 tháng 9 năm 23", "năm «23»"),
        (", ngày 07 tháng 9 năm 2023", "thiếu địa danh"),
    ],
)
def test_wrong_dates(line: str, fragment: str) -> None:
    problems = date_problems(line)
    assert len(problems) == 1 and not problems[0].blank
    assert fragment in problems[0].message


def test_draft_dates_are_blank_not_wrong() -> None:
    problems = date_problems("TP. Bắc Kạn, ngày      tháng 11 năm 2023")
    assert [p.blank for p in problems] == [True]
    assert all(p.blank for p in date_problems("…, ngày …… tháng …… năm ……"))


def test_abbreviation_table_is_phu_luc_iii() -> None:
    assert ABBREVIATIONS == {
        "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA",
        "BC", "BB", "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG",
        "PC", "PB", "SY", "TrS", "SL",
    }
    assert expected_abbreviation("TỜ TRÌNH") == "TTr"
    assert expected_abbreviation("GIẤY UỶ QUYỀN") == "GUQ"  # old tone placement


def test_parse_symbol() -> None:
    parsed = parse("Số: 05/BC-UBND")
    assert parsed is not None
    assert (parsed.so, parsed.nhom, parsed.so_de_trong) == ("05", ["BC", "UBND"], False)
    assert parse("Số: …/BC-UBND").so_de_trong  # type: ignore[union-attr]
    assert parse("Số 05") is None


def test_recognisers() -> None:
    assert is_quoc_hieu("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")  # old tone placement
    assert is_quoc_hieu("Cộng hòa xã hội chủ nghĩa Việt Nam")  # case is checked later
    assert is_tieu_ngu("Độc lập – Tự do – Hạnh phúc")
    assert is_tieu_ngu("Độc lập-Tự do-Hạnh phúc")
    assert not is_tieu_ngu("Độc lập")
    assert is_date_line("Hà Nội, ngày 05 tháng 3 năm 2020")
    assert not is_date_line("Căn cứ Luật ngày 19 tháng 6 năm 2015;")
