"""The shared WordprocessingML helpers read the same runs and text with and without
the memo of one check, text boxes left to their own paragraphs."""

from __future__ import annotations

from lxml import etree

from baocao.layout.ooxml import memoised, own_runs, paragraph_text, run_text, w

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
PARAGRAPH = etree.fromstring(
    f'<w:p {NS}><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
    '<w:r><w:rPr><w:b/></w:rPr><w:t>Số</w:t><w:tab/><w:t>12</w:t></w:r>'
    '<w:hyperlink><w:r><w:t xml:space="preserve"> gửi </w:t><w:noBreakHyphen/></w:r></w:hyperlink>'
    '<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>trong hộp</w:t></w:r></w:p></w:txbxContent></w:pict>'
    '<w:t>cuối</w:t></w:r></w:p>'
)


def test_a_paragraph_reads_its_own_runs_not_those_of_its_text_box() -> None:
    runs = list(own_runs(PARAGRAPH))
    assert [run_text(run) for run in runs] == ["Số\t12", " gửi -", "cuối"]
    assert paragraph_text(PARAGRAPH) == "Số\t12 gửi -cuối"
    [inner] = PARAGRAPH.iter(w("txbxContent"))
    assert paragraph_text(inner[0]) == "trong hộp"


def test_the_memo_of_one_check_answers_as_a_fresh_read() -> None:
    fresh = [(run, run_text(run)) for run in own_runs(PARAGRAPH)]
    with memoised():
        for _ in range(2):  # the second pass answers from the memo
            assert [(run, run_text(run)) for run in own_runs(PARAGRAPH)] == fresh
            assert paragraph_text(PARAGRAPH) == "Số\t12 gửi -cuối"
