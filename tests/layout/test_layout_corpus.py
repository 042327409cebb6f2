"""The checker on real documents nobody here wrote: the decree and its annexes.

Each expected finding was checked by hand against the file (XML and a
LibreOffice rendering); whether it is a real departure is said next to it.
"""

from __future__ import annotations

import pytest
from layout_docs import CORPUS

from baocao.layout import check

EXPECTED: dict[str, list[tuple[str, str, str]]] = {
    # Saved by Word; an administrative-layout header, title, căn cứ, body, signature.
    # Every element is recognised (header table, NGHỊ ĐỊNH / trích yếu, 299 body
    # paragraphs, Nơi nhận with 24 lines ending «- Lưu: VT, HC (2).», TM. CHÍNH PHỦ /
    # THỦ TƯỚNG / name) and passes.  A4 is written 11907 × 16840 (within tolerance).
    # Its three rules are lines of underscores raised to superscript; measured at 2/3
    # size they are 1.09 × the Tiêu ngữ, 0.41 × «CHÍNH PHỦ», 0.34 × «Về công tác văn
    # thư» — as the LibreOffice rendering shows them (no *.do-dai-gach finding).
    "nghi-dinh-30-2020-nd-cp.docx": [
        # Real: the heading of Chương V names the font «Times New Roman Bold» in its
        # run properties (a face name, not the family); an office suite that has no
        # font by that name substitutes another.  Harmless on most machines.
        ("phong-chu", "error",
         "phông «Times New Roman Bold» ở 1 đoạn chữ, "
         "ví dụ «LẬP HỒ SƠ VÀ NỘP LƯU HỒ SƠ, TÀI LIỆU VÀO»"),
        # Real and expected: a Nghị định is a legal-normative document; its symbol
        # carries the year, which the administrative layout does not (a warning).
        ("so-ky-hieu.quy-pham", "warning",
         "ký hiệu «2020/NĐ-CP» có năm ban hành: dạng của văn bản quy phạm pháp luật"),
    ],
    # Converted from .doc by LibreOffice.  An annex: no quốc hiệu of its own.
    "nghi-dinh-30-2020-phu-luc-i.docx": [
        # Real, a conversion defect: section 2 is a landscape page holding only the
        # heading «V. MẪU CHỮ …»; the wide table it belongs to falls into the portrait
        # section 3 (LibreOffice renders page 13 landscape and nearly empty).
        ("trang.huong", "error", "phần (section) 2: trang nằm ngang mà không có bảng, biểu"),
        # Real: that landscape section has a 15 mm bottom margin (851 twips).
        ("le.duoi", "error", "phần (section) 2: lề dưới 15 mm"),
        # Real, and right for an annex: an appendix carries no quốc hiệu.
        ("quoc-hieu.thieu", "error", "không tìm thấy Quốc hiệu ở đầu văn bản"),
    ],
    "nghi-dinh-30-2020-phu-luc-iii.docx": [
        # Real, a conversion defect: ten runs in the model-list table lost their run
        # properties and take Calibri from the Normal style (e.g. «quy định trực tiếp»).
        ("phong-chu", "error",
         "phông «Calibri» ở 10 đoạn chữ, ví dụ «quy định trực tiếp»"),
        # Real, and right for an annex (the models inside have their own, later).
        ("quoc-hieu.thieu", "error", "không tìm thấy Quốc hiệu ở đầu văn bản"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_findings(name: str) -> None:
    path = CORPUS / name
    found = [(f.rule, f.severity, f.message) for f in check(path)]
    assert found == EXPECTED[name]


def test_every_corpus_file_is_covered() -> None:
    assert {p.name for p in CORPUS.glob("*.docx")} == set(EXPECTED)
