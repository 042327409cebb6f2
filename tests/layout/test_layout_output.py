"""The output functions and the public surface of baocao.layout."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from layout_docs import compliant, para, set_runs, set_text, to_bytes

import baocao.layout as layout
from baocao.errors import BaocaoError
from baocao.layout import (
    RULES,
    LayoutError,
    LayoutFinding,
    check,
    findings_to_json,
    format_finding,
)
from baocao.layout.rules import finding


def test_public_names() -> None:
    assert set(layout.__all__) == {
        "RULES", "LayoutError", "LayoutFinding", "Rule", "check", "findings_to_json",
        "format_finding",
    }


def test_format_finding_line_shape() -> None:
    f = finding("noi-nhan.dinh-dang", "Nơi nhận", "«Nơi nhận:» không in đậm",
                "cỡ 12, đậm, nghiêng")
    assert format_finding(f, "bc.docx") == (
        "bc.docx: [noi-nhan.dinh-dang] Nơi nhận: «Nơi nhận:» không in đậm "
        "(cần: cỡ 12, đậm, nghiêng)"
    )


def test_json_round_trip() -> None:
    document = compliant()
    set_text(document, "TP. Bắc Kạn", "TP. Bắc Kạn, ngày 7 tháng 09 năm 2023")
    set_runs(document, "Nơi nhận", italic=False)
    findings = check(to_bytes(document))
    assert len(findings) == 3
    payload = json.loads(findings_to_json(findings, "bc.docx"))
    assert payload["file"] == "bc.docx"
    assert payload["errors"] == 3 and payload["warnings"] == 0
    assert [LayoutFinding(**item) for item in payload["findings"]] == findings
    assert "ngày «7»" in findings_to_json(findings, "bc.docx")  # Vietnamese kept as is


def test_finding_is_frozen() -> None:
    f = finding("le.trai", "Lề trái", "lề trái 25 mm", "30–35 mm")
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.rule = "x"  # type: ignore[misc]


def test_rules_table() -> None:
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert rule_id == rule_id.lower() and " " not in rule_id and rule_id.isascii()
        assert rule.clause.startswith("Phụ lục I, Mục ")
        assert rule.severity in ("error", "warning")
        assert rule.description


@pytest.mark.parametrize("source", [b"not a zip", b"PK\x03\x04 broken"])
def test_unreadable_bytes_raise_layout_error(source: bytes) -> None:
    with pytest.raises(LayoutError, match=r"không đọc được tệp \.docx"):
        check(source)


def test_missing_file_raises_layout_error(tmp_path: Path) -> None:
    with pytest.raises(BaocaoError, match="không tìm thấy tệp"):
        check(tmp_path / "khong-co.docx")


def test_a_zip_that_is_not_docx(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(LayoutError):
        check(path)


def test_path_and_bytes_agree(tmp_path: Path) -> None:
    document = compliant()
    set_runs(document, "Nguyễn Văn An", bold=False)
    path = tmp_path / "bc.docx"
    document.save(str(path))
    assert check(path) == check(str(path)) == check(path.read_bytes())
    assert [f.rule for f in check(path)] == ["chu-ky.ho-ten"]


def test_a_document_that_is_not_administrative() -> None:
    import docx

    document = docx.Document()  # Letter, 1 in / 1.25 in margins, Calibri
    document.add_paragraph("Chỉ là một ghi chú.")
    rules = {f.rule for f in check(to_bytes(document))}
    assert rules == {"trang.kho-giay", "le.tren", "le.duoi", "le.phai", "phong-chu",
                     "quoc-hieu.thieu", "so-trang.thieu"}
    assert para(document, "Chỉ là")  # unchanged
