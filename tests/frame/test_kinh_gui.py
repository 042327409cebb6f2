"""«Kính gửi:» (ô 9a) as the model forms print it: a recipient that wraps continues under its
own text, and never leaves a word alone on its last line (issue 17)."""

from __future__ import annotations

import io

import docx

import baocao
from baocao import nd30

from conftest import EXAMPLES

LONG = "Ủy ban nhân dân các xã, phường, thị trấn và Ban Quản lý các khu công nghiệp tỉnh Bà Rịa - Vũng Tàu"


def _rendered(*recipients: str) -> docx.document.Document:
    text = (EXAMPLES / "cong-van-don-doc.yaml").read_text(encoding="utf-8")
    start = text.index("kinh_gui:\n")
    end = text.index("\n\n", start)
    listed = "".join(f"  - {r}\n" for r in recipients)
    data = text[:start] + "kinh_gui:\n" + listed.rstrip("\n") + text[end:]
    return docx.Document(io.BytesIO(baocao.render(baocao.load(io.StringIO(data)))))


def _paragraph(document: docx.document.Document, start: str) -> docx.text.paragraph.Paragraph:
    return next(p for p in document.paragraphs if p.text.startswith(start))


def test_one_long_recipient_hangs_under_its_text_and_keeps_its_last_words_together() -> None:
    line = _paragraph(_rendered(LONG), "Kính gửi:")
    fmt = line.paragraph_format
    assert fmt.first_line_indent is not None and fmt.first_line_indent < 0
    # the first line starts where the decree's forms put «Kính gửi»; the next under the text
    assert fmt.left_indent + fmt.first_line_indent == nd30.KINH_GUI_INDENT.twips * 635
    assert line.text.endswith("Vũng\u00a0Tàu") and line.text.count("\u00a0") == 1


def test_a_short_recipient_is_printed_as_typed() -> None:
    assert _paragraph(_rendered("Sở Tài chính"), "Kính gửi:").text == "Kính gửi: Sở Tài chính"


def test_each_of_several_recipients_hangs_under_its_dash() -> None:
    document = _rendered("Sở Tài chính", LONG)
    short, long = _paragraph(document, "- Sở Tài chính"), _paragraph(document, "- Ủy ban")
    assert short.text == "- Sở Tài chính;" and long.text.endswith("Vũng\u00a0Tàu.")
    fmt = long.paragraph_format
    assert fmt.left_indent + fmt.first_line_indent == nd30.KINH_GUI_ITEMS.twips * 635
