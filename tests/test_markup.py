"""Emphasis markup is safe for formulas (issue 13, item 7): an asterisk that cannot
open or close a run is printed as typed; ``\\*`` is always an asterisk; ``**x**`` and
``*x*`` are still bold and italic."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

import baocao
from baocao.markup import Run, parse_emphasis, plain_text

from conftest import EXAMPLES

LITERAL = [
    "x * 100%",
    "a * b * c",
    "Tỷ lệ hộ nghèo = số hộ nghèo * 100% / tổng số hộ * 1",
    "2*3*4 = 24",
    "10**6 đồng và 10**3 đồng",
    "** chưa đóng",
    "mở *mà không đóng",
    "đóng* mà không mở *",
    "a ** b ** c",
]


@pytest.mark.parametrize("text", LITERAL)
def test_an_asterisk_that_cannot_pair_is_printed_as_typed(text: str) -> None:
    assert parse_emphasis(text) == [Run(text)]


def test_a_formula_beside_real_emphasis_stays_literal() -> None:
    assert parse_emphasis("Tỷ lệ = x * 100% (*ước tính*)") == [
        Run("Tỷ lệ = x * 100% ("), Run("ước tính", italic=True), Run(")"),
    ]
    assert parse_emphasis("**Kết quả:** a * b * c") == [Run("Kết quả:", bold=True), Run(" a * b * c")]


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        (r"\*x\*", [Run("*x*")]),
        (r"\*\*không đậm\*\*", [Run("**không đậm**")]),
        (r"*nghiêng \* vẫn nghiêng*", [Run("nghiêng * vẫn nghiêng", italic=True)]),
        (r"5 \* 3", [Run("5 * 3")]),
    ],
)
def test_a_backslash_escapes_an_asterisk(text: str, runs: list[Run]) -> None:
    assert parse_emphasis(text) == runs


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("**đậm**", [Run("đậm", bold=True)]),
        ("*nghiêng*", [Run("nghiêng", italic=True)]),
        ("***cả hai***", [Run("cả hai", bold=True, italic=True)]),
        ("- **Cấp xã:** 117 đơn vị", [Run("- "), Run("Cấp xã:", bold=True), Run(" 117 đơn vị")]),
        ("(*kế hoạch giảm 23 hộ*)", [Run("("), Run("kế hoạch giảm 23 hộ", italic=True), Run(")")]),
        ("**a** và **b**", [Run("a", bold=True), Run(" và "), Run("b", bold=True)]),
    ],
)
def test_bold_and_italic_still_work(text: str, runs: list[Run]) -> None:
    assert parse_emphasis(text) == runs


def test_plain_text_drops_only_the_markers_that_paired() -> None:
    assert plain_text(r"**TM.** a * b * c \* *x*") == "TM. a * b * c * x"


_CONG_VAN = EXAMPLES / "cong-van-don-doc.yaml"
_FIRST = "    độ theo kế hoạch, UBND thành phố đề nghị:\n"


def test_a_formula_in_a_paragraph_is_printed_literally(tmp_path: Path) -> None:
    source = _CONG_VAN.read_text(encoding="utf-8")
    assert _FIRST in source
    formula = r"Tỷ lệ = a * b * c; x * 100%; \*ghi chú\*; *nghiêng*"
    data = tmp_path / "cong-van.yaml"
    data.write_text(source.replace(_FIRST, _FIRST + f"  - '{formula}'\n"), encoding="utf-8")
    document = docx.Document(io.BytesIO(baocao.render(baocao.load(data))))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Tỷ lệ ="))
    assert paragraph.text == "Tỷ lệ = a * b * c; x * 100%; *ghi chú*; nghiêng"
    italic = [run.text for run in paragraph.runs if run.italic]
    assert italic == ["nghiêng"]
