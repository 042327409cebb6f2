"""Templates are checked as they print: the frame with sample values, the rest blank."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

import baocao
from baocao.cli import main
from baocao.frame.sample import is_template, render_sample
from baocao.layout import check

from conftest import BAC_KAN, EXAMPLES, ROOT
from docx_reading import texts

TEMPLATES = sorted((ROOT / "templates" / "vi").glob("*.docx")) + sorted(
    (EXAMPLES / "plugin").rglob("*.docx")
)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_every_shipped_template_passes_the_layout_check(template: Path) -> None:
    source = template.read_bytes()
    assert is_template(source)
    sample = render_sample(source)
    assert not is_template(sample)
    assert [f for f in check(sample) if f.severity == "error"] == []


def test_the_sample_prints_the_frame_and_leaves_the_body_blank() -> None:
    sample = render_sample((ROOT / "templates" / "vi" / "ra-soat-ho-ngheo.docx").read_bytes())
    lines = texts(sample)
    assert "Số: 01/BC-UBND" in lines
    assert "Hà Nội, ngày 05 tháng 01 năm 2024" in lines
    assert "TM. ỦY BAN NHÂN DÂN" in lines and "Nguyễn Văn A" in lines
    assert "Tổng số hộ dân trên địa bàn: hộ, trong đó:" in lines  # figures left blank
    assert len(docx.Document(io.BytesIO(sample)).sections) == 1  # no table, no appendix


def test_a_printed_document_is_not_a_template(bac_kan_docx: bytes) -> None:
    assert not is_template(bac_kan_docx)
    assert BAC_KAN.is_file()


def test_cli_check_on_an_edited_template_reports_its_layout(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = docx.Document(ROOT / "templates" / "vi" / "bao-cao.docx")
    for section in source.sections:
        section.left_margin = docx.shared.Mm(20)  # a clerk's edit: margin out of range
    edited = tmp_path / "mau-da-sua.docx"
    source.save(edited)
    assert main(["check", "--mau", str(edited)]) == 1
    captured = capsys.readouterr()
    assert "là mẫu" in captured.err
    assert f"{edited}: [le.trai]" in captured.out


def _rule_length_findings(tmp_path: Path, line: str, replacement: str) -> list[str]:
    """The rule-length findings on bao-cao-chung rendered with one line of its data replaced."""
    source = (EXAMPLES / "bao-cao-chung.yaml").read_text(encoding="utf-8")
    assert line in source
    data = tmp_path / "bao-cao.yaml"
    data.write_text(source.replace(line, replacement), encoding="utf-8")
    rendered = baocao.render(baocao.load(data))
    assert rendered is not None
    return [f.rule for f in check(rendered) if "do-dai-gach" in f.rule]


@pytest.mark.parametrize("trich_yeu", ["Về việc X", "Công tác quý III năm 2024", "Kết quả " * 30])
def test_the_rule_under_the_trich_yeu_follows_its_length(tmp_path: Path, trich_yeu: str) -> None:
    line = "trich_yeu: Kết quả thực hiện công tác cải cách hành chính quý III năm 2024"
    assert _rule_length_findings(tmp_path, line, f"trich_yeu: {trich_yeu.strip()}") == []


AGENCIES = [["Sở Y tế"], ["Ủy ban nhân dân", "xã A"], ["Ủy ban nhân dân", "thành phố Thủ Dầu Một"]]


@pytest.mark.parametrize("agency", AGENCIES)
def test_the_rule_under_the_agency_follows_its_length(tmp_path: Path, agency: list[str]) -> None:
    line = "  ten: [Ủy ban nhân dân, phường Đức Xuân]"
    assert _rule_length_findings(tmp_path, line, f"  ten: [{', '.join(agency)}]") == []
