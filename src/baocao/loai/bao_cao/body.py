"""Report types ``bao-cao`` and ``cong-van``: the free body (see :mod:`baocao.loai.bao_cao.model`).

The numbering is the template's: ``I.`` from the loop index in Roman numerals,
``1.`` in Arabic, ``a)`` in the Vietnamese letter sequence (filter ``chu_cai``).
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from baocao.frame import STYLE_BLOCK, BodyWriter


def _content(w: BodyWriter, item: str) -> None:
    """The paragraphs, dash list and tables of one level (``item`` is its variable)."""
    w.narrative(f"{item}.doan")
    w.block(f"for y in {item}.danh_sach")
    w.paragraph("{{r ('- ' ~ y)|doan }}")
    w.block("endfor")
    w.block(f"for bang in {item}.bang")
    w.block("if bang.tieu_de")
    caption = w.paragraph("{{ bang.tieu_de }}", style=STYLE_BLOCK)
    caption.runs[0].bold = True
    caption.paragraph_format.space_before = Pt(6)
    w.block("endif")
    w.block("if bang.don_vi_tinh")
    unit = w.paragraph("Đơn vị tính: {{ bang.don_vi_tinh }}", style=STYLE_BLOCK)
    unit.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    unit.runs[0].italic = True
    w.block("endif")
    w.table("bang.cot", "bang.dong")
    w.block("endfor")


def body(w: BodyWriter) -> None:
    """Opening paragraphs, sections I., II. with 1., 2. and a), b), closing paragraphs."""
    w.narrative("mo_dau")
    w.block("for phan in noi_dung")
    w.heading("{{ loop.index|so_la_ma }}. {{ phan.tieu_de|in_hoa }}")
    _content(w, "phan")
    w.block("for muc in phan.muc")
    w.heading("{{ loop.index }}. {{ muc.tieu_de }}", level=2)
    _content(w, "muc")
    w.block("for diem in muc.diem")
    w.paragraph("{{r (loop.index|chu_cai ~ ') ' ~ diem.tieu_de)|doan }}")
    w.narrative("diem.doan")
    w.block("for y in diem.danh_sach")
    w.paragraph("{{r ('- ' ~ y)|doan }}")
    w.block("endfor")
    w.block("endfor")
    w.block("endfor")
    w.block("endfor")
    w.narrative("ket_thuc")
