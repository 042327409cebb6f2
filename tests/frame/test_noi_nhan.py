"""Nơi nhận as real documents write it (issue 13, item 6): lines after «Lưu», one full
stop on the «Lưu» line, recipients that keep their own punctuation, and a warning when
a bracketed YAML list «[A, B]» may have split a name at its comma."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

import baocao
from baocao.frame.context import frame_context
from baocao.layout import check as check_layout

from conftest import EXAMPLES

_EXAMPLE = EXAMPLES / "bao-cao-chung.yaml"
_BLOCK = re.compile(r"(?m)^noi_nhan:\n(?:  .*\n)+")
_NOI_NHAN = """noi_nhan:
  danh_sach:
    - Như trên
    - Phòng Nội vụ thành phố
    - Lãnh đạo UBND phường
  luu: VT
"""


def _data(tmp_path: Path, noi_nhan: str, kinh_gui: str | None = None) -> Path:
    """bao-cao-chung.yaml with its «noi_nhan» (and «kinh_gui») block replaced."""
    source, found = _BLOCK.subn(lambda _: noi_nhan, _EXAMPLE.read_text(encoding="utf-8"))
    assert found == 1
    if kinh_gui is not None:
        source, found = re.subn(r"(?m)^kinh_gui: .*\n", lambda _: kinh_gui, source)
        assert found == 1
    data = tmp_path / "du-lieu.yaml"
    data.write_text(source, encoding="utf-8")
    return data


def _closing_cell(data: Path) -> list[docx.text.paragraph.Paragraph]:
    """The paragraphs of the Nơi nhận cell of the rendered document."""
    rendered = baocao.render(baocao.load(data))
    table = docx.Document(io.BytesIO(rendered)).tables[-1]
    return list(table.rows[0].cells[0].paragraphs)


def _lines(data: Path) -> list[str]:
    return [p.text for p in _closing_cell(data)]


KH_160 = """noi_nhan:
  danh_sach:
    - Bộ NN&MT
    - VPQG về Giảm nghèo
    - CT, PCT UBND TP (1A, 1G)
  luu: VT, CT.
  sau_luu: 09 KH
"""
"""The closing of KH 160/KH-UBND (Cần Thơ, 2025): «- Lưu: VT, CT.» then «09 KH»
(docs/research/van-ban-that/kh-160-can-tho-2025-giam-sat-giam-ngheo.md)."""


def test_the_line_after_luu_is_printed_under_it_in_the_noi_nhan_cell(tmp_path: Path) -> None:
    cell = _closing_cell(_data(tmp_path, KH_160))
    assert [p.text for p in cell] == [
        "Nơi nhận:",
        "- Bộ NN&MT;",
        "- VPQG về Giảm nghèo;",
        "- CT, PCT UBND TP (1A, 1G);",
        "- Lưu: VT, CT.",
        "09 KH",
    ]
    last = cell[-1]
    assert {run.font.size.pt for run in last.runs if run.text} == {11}
    assert not any(run.font.bold or run.font.italic for run in last.runs)


def test_several_lines_after_luu_keep_their_order(tmp_path: Path) -> None:
    data = _data(tmp_path, KH_160.replace("  sau_luu: 09 KH\n", "  sau_luu: [09 KH, PL.(300)]\n"))
    assert _lines(data)[-3:] == ["- Lưu: VT, CT.", "09 KH", "PL.(300)"]


def test_a_document_with_a_line_after_luu_passes_the_layout_check(tmp_path: Path) -> None:
    # (a plan has no «Kính gửi:», so its list need not start with «- Như trên;»)
    rendered = baocao.render(baocao.load(_data(tmp_path, KH_160, kinh_gui="")))
    assert [f.message for f in check_layout(rendered) if f.rule.startswith("noi-nhan")] == []


@pytest.mark.parametrize(
    ("luu", "printed"),
    [
        ("VT, CT.", "- Lưu: VT, CT."),  # KH 160 Cần Thơ: the clerk's own full stop, not a second one
        ("VT, KT(pvT)", "- Lưu: VT, KT(pvT)."),  # QĐ 2003 Cao Bằng left it out: the decree's is added
        ('"- Lưu: VT, HC (2)."', "- Lưu: VT, HC (2)."),  # the label pasted with the line
        ("VT", "- Lưu: VT."),
    ],
)
def test_the_luu_line_ends_with_exactly_one_full_stop(tmp_path: Path, luu: str, printed: str) -> None:
    data = _data(tmp_path, f"noi_nhan:\n  danh_sach: [Như trên]\n  luu: {luu}\n")
    assert _lines(data)[-1] == printed


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("Như trên", "- Như trên;"),
        ("Như trên;", "- Như trên;"),
        ("- Bộ Y tế (để b/c);", "- Bộ Y tế (để b/c);"),
        ("Thường trực Thành ủy; (để b/c)", "- Thường trực Thành ủy; (để b/c)"),  # QĐ 2280 Hà Nội
        ("Các sở, ngành tỉnh:", "- Các sở, ngành tỉnh:"),
        ("UBND các xã, TT.", "- UBND các xã, TT."),
        ("CT, PCT UBND TP (1AE)", "- CT, PCT UBND TP (1AE);"),  # KH 157 Cần Thơ forgot its «;»
    ],
)
def test_a_recipient_keeps_its_own_punctuation(tmp_path: Path, written: str, printed: str) -> None:
    quoted = written.replace('"', '\\"')
    data = _data(tmp_path, f'noi_nhan:\n  danh_sach:\n    - "{quoted}"\n  luu: VT\n')
    assert _lines(data)[1] == printed


def test_templates_made_before_keep_their_bare_recipients(tmp_path: Path) -> None:
    """An edited template from before prints «- {{ noi }};»: ``khung.noi_nhan`` still
    holds the names without their final «;» or «.»."""
    report = baocao.load(_data(tmp_path, "noi_nhan:\n  danh_sach: [Như trên;, UBND các xã.]\n"))
    khung = frame_context(report)
    assert khung.noi_nhan == ["Như trên", "UBND các xã"]
    assert khung.dong_noi_nhan == ["- Như trên;", "- UBND các xã."]


def test_a_bracketed_list_that_splits_at_a_comma_is_a_warning_at_its_line(tmp_path: Path) -> None:
    noi_nhan = "noi_nhan:\n  danh_sach: [Như trên, Sở Lao động, Thương binh và Xã hội]\n  luu: VT\n"
    data = _data(tmp_path, noi_nhan)
    line = data.read_text(encoding="utf-8").splitlines().index(noi_nhan.splitlines()[1]) + 1
    findings = [f for f in baocao.validate(data) if f.code == "noi-nhan-tach-dau-phay"]
    assert [(f.path, f.severity, f.file, f.line) for f in findings] == [
        ("noi_nhan.danh_sach", "warning", str(data), line)
    ]
    assert "«Sở Lao động»; «Thương binh và Xã hội»" in findings[0].message
    # a warning, not an error: the document is still rendered, as the YAML read it
    assert _lines(data)[1:4] == ["- Như trên;", "- Sở Lao động;", "- Thương binh và Xã hội;"]


def test_kinh_gui_written_in_brackets_is_checked_too(tmp_path: Path) -> None:
    data = _data(tmp_path, _NOI_NHAN, kinh_gui="kinh_gui: [UBND các xã, phường]\n")
    findings = [f for f in baocao.validate(data) if f.code == "noi-nhan-tach-dau-phay"]
    assert [f.path for f in findings] == ["kinh_gui"]


@pytest.mark.parametrize(
    "danh_sach",
    [
        '[Như trên, "Sở Lao động, Thương binh và Xã hội"]',  # quoted: the clerk chose the split
        "[Như trên]",
        "\n    - Như trên\n    - Sở Lao động, Thương binh và Xã hội",
    ],
)
def test_lists_the_clerk_split_on_purpose_are_not_warned(tmp_path: Path, danh_sach: str) -> None:
    data = _data(tmp_path, f"noi_nhan:\n  danh_sach: {danh_sach}\n  luu: VT\n")
    assert [f for f in baocao.validate(data) if f.code == "noi-nhan-tach-dau-phay"] == []
