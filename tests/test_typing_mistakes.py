"""What a clerk types by mistake is never printed or dropped silently (issue 17): Word's
curly quotes used as YAML quotes, a `` #`` that cuts a value, invisible characters —
each named at its line, with what to do."""

from __future__ import annotations

import io

import pytest

import baocao

from conftest import BAC_KAN

SOURCE = BAC_KAN.read_text(encoding="utf-8")


def _findings(old: str, new: str) -> tuple[list[baocao.Finding], int]:
    assert old in SOURCE
    line = next(i for i, row in enumerate(SOURCE.splitlines(), start=1) if old in row)
    return baocao.validate(io.StringIO(SOURCE.replace(old, new, 1))), line


def test_curly_quotes_around_a_value_are_an_error_at_its_line() -> None:
    findings, line = _findings("ho_ten: Hoàng Hà Bắc", "ho_ten: “Hoàng Hà Bắc”")
    [finding] = [f for f in findings if f.code == "ngoac-kep-word"]
    assert finding.severity == "error" and finding.line == line
    assert "«“…”»" in finding.message and 'dấu " thường' in finding.message


def test_a_straight_quote_closed_by_a_curly_one_is_reported_where_it_opens() -> None:
    findings, line = _findings("dia_danh: TP. Bắc Kạn", 'dia_danh: "TP. Bắc Kạn”')
    [finding] = findings
    assert (finding.code, finding.line) == ("ngoac-kep-word", line)
    assert "đóng bằng «”»" in finding.message


def test_a_hash_that_cuts_a_value_is_a_warning_naming_what_was_dropped() -> None:
    findings, line = _findings("    - UBND các xã, phường", "    - UBND các xã #phường")
    [finding] = [f for f in findings if f.code == "ghi-chu-cat-chu"]
    assert finding.severity == "warning" and finding.line == line
    assert "«#phường»" in finding.message and "ngoặc kép" in finding.message


def test_an_ordinary_comment_after_a_value_is_not_a_warning() -> None:
    findings, _ = _findings("dia_danh: TP. Bắc Kạn", "dia_danh: TP. Bắc Kạn  # địa danh")
    assert not [f for f in findings if f.code == "ghi-chu-cat-chu"]


@pytest.mark.parametrize(("char", "named"), [("\u200b", "U+200B"), ("\u00a0", "U+00A0"),
                                              ("\ufeff", "U+FEFF")])
def test_an_invisible_character_is_named_with_its_position(char: str, named: str) -> None:
    findings, line = _findings("dia_ban: thành phố Bắc Kạn", f"dia_ban: thành{char}phố Bắc Kạn")
    [finding] = [f for f in findings if f.code == "ky-tu-an"]
    assert finding.severity == "warning" and finding.line == line
    assert named in finding.message and "vị trí 6" in finding.message  # «thành» is 5 letters


def test_the_example_itself_has_none_of_these() -> None:
    assert baocao.validate(BAC_KAN) == []


def test_poor_households_above_the_total_blame_that_count_and_add_no_rate_warning() -> None:
    findings, line = _findings("    so_ho: 242", "    so_ho: 12420")  # a typo: one digit too many
    [finding] = [f for f in findings if f.code == "nhom-vuot-tong-so-ho"]
    assert (finding.path, finding.line) == ("ket_qua.ho_ngheo.so_ho", line)
    assert "số hộ nghèo (12.420) lớn hơn tổng số hộ (12.299)" in finding.message
    assert not [f for f in findings if f.code in ("vuot-tong-so-ho", "ty-le-bien-dong-lon")]
