"""Room on the PDF page for what is added after the drafter (issue 16, item 4): the
văn thư's number and date on a draft (ND30 Điều 15: numbered and dated after signing),
the signer's signature image and the organ's seal (Phụ lục I §II.7–8), and the organ's
signature information on an appendix issued as a file of its own (§II.8.b).

Measured on the PDF itself with poppler's ``pdftotext -bbox-layout`` (a reader no one
here wrote): word and line boxes in points, origin at the top left of the page.  The
draft is the seed with its day and month left blank too.  Digits of Times New Roman
and of its metric twin Liberation Serif are half an em wide.
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from baocao import cli

from conftest import BAC_KAN

pytestmark = pytest.mark.office

MM = 72 / 25.4


@dataclass(frozen=True)
class Box:
    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


_BOX = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"'
_LINE = re.compile(rf"<line {_BOX}>(.*?)</line>", re.S)
_WORD = re.compile(rf"<word {_BOX}>(.*?)</word>")


def page_lines(pdf: Path, page: int) -> list[tuple[Box, list[Box]]]:
    """Each text line of ``page`` (from 1): its box and its words' boxes."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                            capture_output=True, text=True, check=True, timeout=60).stdout
    found = []
    for line in _LINE.finditer(layout):
        words = [Box(w[4], *map(float, w[:4])) for w in _WORD.findall(line.group(5))]
        found.append((Box(" ".join(w.text for w in words), *map(float, line.groups()[:4])), words))
    return found


def line_with(lines: list[tuple[Box, list[Box]]], first: str) -> tuple[Box, list[Box]]:
    return next(line for line in lines if line[1] and line[1][0].text == first)


def row(lines: list[tuple[Box, list[Box]]], first: str, until: str | None = None) -> list[Box]:
    """The words printed on the line that starts with ``first``, left to right, up to the
    word ``until`` (poppler splits a line at a wide blank, and the header's two columns
    share their lines: «Số: …» beside «TP. Bắc Kạn, ngày …»)."""
    start = line_with(lines, first)[1][0]
    words = sorted((w for _, ws in lines for w in ws if abs(w.top - start.top) < 2 and w.left >= start.left),
                   key=lambda w: w.left)
    texts = [w.text for w in words]
    return words[:texts.index(until)] if until in texts else words


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory, soffice: str) -> Path:
    """The seed as a draft with no number, day or month, rendered with --phu-luc-rieng:
    ``bac-kan.pdf`` (up to the signature) and ``bac-kan.phu-luc.pdf`` (its appendix)."""
    folder = tmp_path_factory.mktemp("room")
    data = folder / "bac-kan.yaml"
    text = BAC_KAN.read_text(encoding="utf-8")
    assert "so: null\n" in text and "ngay: {nam: 2023, thang: 11}\n" in text
    data.write_text(text.replace("ngay: {nam: 2023, thang: 11}\n", "ngay: {nam: 2023}\n"), encoding="utf-8")
    err = io.StringIO()
    status = cli.main(["render", str(data), "-o", str(folder / "bac-kan.docx"), "--pdf", "--phu-luc-rieng"],
                      stdout=io.StringIO(), stderr=err)
    assert status == 0, err.getvalue()
    return folder / "bac-kan.pdf"


def test_a_draft_leaves_room_for_the_number_the_van_thu_gives_it(draft: Path) -> None:
    """«Số:        /BC-UBND»: between «Số:» and «/BC-UBND» the four digits a city's People's
    Committee gives (the seed's own UBND issues «2628/QĐ-UBND»; the decree's examples,
    Phụ lục I Mục V row 3, have two: «Số: 15/QĐ-BNV»), each half an em at 13 pt."""
    words = row(page_lines(draft, 1), "Số:", until="TP.")
    assert [w.text for w in words] == ["Số:", "/BC-UBND"], words
    room = words[1].left - words[0].right
    assert room >= 4 * 13 / 2 - 0.5, room  # less half a point of glyph side bearings


def test_a_draft_leaves_room_for_the_day_and_the_month(draft: Path) -> None:
    """«TP. Bắc Kạn, ngày    tháng    năm 2023»: two digits of the date's size (14 pt, Mục V
    row 4: «ngày 05 tháng 01 năm 2020») fit before «tháng» and before «năm»."""
    words = row(page_lines(draft, 1), "TP.")
    texts = [w.text for w in words]
    assert texts[-4:] == ["ngày", "tháng", "năm", "2023"], texts
    day, month, year = words[-4:-1]
    two_digits = 2 * 14 / 2
    assert month.left - day.right >= two_digits and year.left - month.right >= two_digits, words


def test_the_signature_keeps_the_room_of_the_model_forms_centred_and_empty(draft: Path) -> None:
    """Between the position («CHỦ TỊCH») and the name, the four lines the model forms of
    Phụ lục III keep there (one blank line, the two lines «(Chữ ký của người có thẩm quyền,
    / dấu/chữ ký số của cơ quan, tổ chức)», one blank line), with nothing printed in that
    band across the signature column: the signature image goes «canh giữa chức vụ của
    người ký và họ tên người ký» (Phụ lục I §II.7.d) and the seal over its left third
    (§II.8.a)."""
    with pikepdf.open(draft) as document:
        last = len(document.pages)
    lines = page_lines(draft, last)
    authority = line_with(lines, "TM.")[0]
    position = line_with(lines, "CHỦ")[0]
    name = line_with(lines, "Hoàng")[0]
    pitch = position.top - authority.top  # one line of the signature block
    assert pitch > 0
    blank_lines = round((name.top - position.top) / pitch) - 1
    assert blank_lines >= 4, (position, name, pitch)
    column = (min(authority.left, position.left, name.left), max(authority.right, position.right, name.right))
    in_band = [line for line, _ in lines if line.top < name.top - 1 and line.bottom > position.bottom + 1
               and line.right > column[0] and line.left < column[1]]
    assert in_band == [], in_band
    assert abs(name.centre - position.centre) < 2 and abs(authority.centre - position.centre) < 2


def test_an_appendix_of_its_own_keeps_its_top_right_corner_for_the_organs_signature(draft: Path) -> None:
    """«Vị trí: Góc trên, bên phải, trang đầu của văn bản kèm theo … Thông tin: Số và ký
    hiệu văn bản; thời gian ký … cỡ chữ 10» (Phụ lục I §II.8.b, an appendix in a file of
    its own): nothing is printed in the top margin of the appendix's first page (no page
    number there, Phụ lục I Mục I.7), at least 20 mm (Mục I.3), room for those two lines."""
    appendix = draft.with_name("bac-kan.phu-luc.pdf")
    lines = page_lines(appendix, 1)
    assert lines and lines[0][0].text.startswith("Phụ lục")
    top = min(line.top for line, _ in lines)
    assert top >= 20 * MM - 0.5, top
    assert top >= 2 * 10 * 1.2  # two lines of 10 pt
