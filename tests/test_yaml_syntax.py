"""A YAML file the parser cannot read is reported in Vietnamese, at the line of the mistake,
naming its cause (issue 17) — with libyaml's C parser and with the pure-Python one alike."""

from __future__ import annotations

import io

import pytest
import yaml

import baocao
from baocao import loading

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])

# (what the clerk typed, line, column, words the message must hold)
CASES = {
    "tab": ("loai: bao-cao\nco_quan:\n\tten: UBND\n", 3, 1, ["Tab", "dấu cách"]),
    "tab-in-text-block": ("loai: bao-cao\nmo_dau: |\n\tDòng một\n", 3, 1, ["Tab"]),
    "colon-in-value": ("loai: bao-cao\ntrich_yeu: Kế hoạch: năm 2025\n", 2, 20,
                       ["«:»", "ngoặc kép", '"Kế hoạch: năm 2025"']),
    "too-deep": ("loai: bao-cao\ndia_danh: Cần Thơ\n  ngay: 2025-11-19\n", 3, 3,
                 ["thụt lề sâu hơn dòng trên"]),
    "no-colon": ("loai: bao-cao\ndia_danh Cần Thơ\nngay: 2025-11-19\n", 2, 1, ["thiếu dấu «:»"]),
    "at-sign": ("loai: bao-cao\nghi_chu: @UBND\n", 2, 10, ["«@»", '"@UBND"']),
    "backtick": ("loai: bao-cao\nghi_chu: `x`\n", 2, 10, ["dấu huyền"]),
    "star": ("loai: bao-cao\nghi_chu: *Lưu ý\n", 2, 10, ["«*»", "bí danh", '"*Lưu ý"']),
    "list-not-closed": ("loai: bao-cao\nkinh_gui: [UBND tỉnh, Sở Tài chính\nso: 5\n", 2, 11, ["«]»"]),
    "group-not-closed": ("loai: bao-cao\nngay: {nam: 2025\n", 2, 7, ["«}»"]),
    "quote-not-closed": ("loai: bao-cao\ntrich_yeu: 'Kế hoạch\n", 2, 12, ["chưa được đóng"]),
    "bad-escape": ('loai: bao-cao\ntrich_yeu: "C:\\du-lieu"\n', 2, None, ["«\\»"]),
    "second-document": ("loai: bao-cao\n---\nloai: cong-van\n", 2, 1, ["«---»"]),
    "items-out-of-line": ("noi_nhan:\n  - UBND tỉnh\n  luu: VT\n", 3, 3, ["thẳng cột"]),
    "control-character": ("loai: bao-cao\ntrich_yeu: Kế\x07 hoạch\n", 2, 14, ["U+0007"]),
}


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_cause_is_named_in_vietnamese_at_its_line(case: str, loader: type,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    text, line, column, words = CASES[case]
    monkeypatch.setattr(loading, "_Loader", loader)
    [finding] = baocao.validate(io.StringIO(text))
    assert finding.code == "yaml-cu-phap"
    assert finding.line == line
    if column is not None:  # the two parsers put an escape's mark one column apart
        assert finding.column == column
    for word in words:
        assert word in finding.message
    english = ("found", "expected", "allowed", "token", "scanning", "parsing", "while")
    assert not any(word in finding.message for word in english), finding.message


def test_a_decimal_comma_in_a_flow_group_is_named() -> None:
    text = "loai: ra-soat-ho-ngheo\nket_qua:\n  ho_ngheo: {so_ho: 285, ty_le: 2,33}\n"
    [finding] = [f for f in baocao.validate(io.StringIO(text)) if f.code == "dau-phay-thap-phan"]
    assert (finding.line, finding.column) == (3, 33)
    assert "«2,33»" in finding.message and "dấu chấm: 2.33" in finding.message


def test_a_flow_group_of_whole_numbers_is_not_a_decimal_comma() -> None:
    text = "loai: ra-soat-ho-ngheo\nket_qua:\n  ho_ngheo: {so_ho: 285, dau_ky: 3}\n"
    assert not [f for f in baocao.validate(io.StringIO(text)) if f.code == "dau-phay-thap-phan"]
