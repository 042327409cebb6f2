"""Real documents published by People's Committees, reproduced from ``examples/``.

Each example is compared with its transcription (``tests/data/ban-goc/``, one tagged
line per paragraph of the original): every paragraph, in order, with its text **and its
kind** — heading level, list level, numbered paragraph, table row — and the appendices
after the signature, each in a section of its own.  The expectation is read from the
transcription, never from baocao's output.
"""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

import baocao

from conftest import EXAMPLES, ROOT
from docx_reading import W

BAN_GOC = ROOT / "tests" / "data" / "ban-goc"

DOCUMENTS = {
    "ke-hoach-157-can-tho-2025": "kh-157-can-tho-2025-thi-dua-chi-tra.md",
    "ke-hoach-160-can-tho-2025": "kh-160-can-tho-2025-giam-sat-giam-ngheo.md",
    "ke-hoach-235-thanh-hoa-2025": "kh-235-thanh-hoa-2025-quan-trac-thuy-san.md",
    "cong-van-4169-hcm-2025": "cv-4169-hcm-2025-danh-gia-xep-loai.md",
}

KINDS = {
    "Noi dung": "para",
    "Muc": "heading-1",
    "Khoan": "heading-2",
    "Tieu khoan": "heading-3",
    "Diem": "heading-3",
    "Gach dau dong": "dash",
    "Dau cong": "plus",
    "Y con": "sub",
    "Doan danh so": "num",
}
"""The kind of paragraph each of the frame's styles prints (the transcriptions' tags)."""

Item = tuple[str, str]


def norm(text: str) -> str:
    """Text as a reader compares it: emphasis markers and line breaks gone, spaces folded."""
    return " ".join(text.replace("<br>", " ").replace("*", "").split())


# --- the expectation, from the transcription ---------------------------------------------------


def expected(name: str) -> tuple[list[Item], list[list[Item]]]:
    """(body, appendices) of a transcription: (kind, text) per paragraph; a table row is
    ("table", the row's non-empty cells joined by " | ")."""
    source = (BAN_GOC / name).read_text(encoding="utf-8")
    body = source.split("## 2. Body", 1)[1].split("## 3. Closing", 1)[0]
    appendices: list[list[Item]] = []
    part = re.split(r"^## 4\. Appendi", source, flags=re.M)[1].split("## 5. Notes", 1)[0]
    if "[table]" in part:
        chunks = re.split(r"^### Phụ lục [IVX]+$", part, flags=re.M)
        for chunk in chunks[1:] if len(chunks) > 1 else chunks:
            items = tagged(chunk)
            head = [("phu-luc", items[0][1]), ("ten", items[1][1]), ("kem-theo", items[2][1])]
            appendices.append(head + items[3:])
    return tagged(body), appendices


def tagged(text: str) -> list[Item]:
    items: list[Item] = []
    table_rows: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            table_rows.append(line)
            continue
        if table_rows:  # the table ended
            items.extend(_pipe_rows(table_rows))
            table_rows = []
        match = re.match(r"^\[([\w-]+)\]\s*(.*)$", line)
        if match and match[1] != "table":
            items.append((match[1], norm(match[2])))
    items.extend(_pipe_rows(table_rows))
    return items


def _pipe_rows(lines: list[str]) -> list[Item]:
    rows = []
    for line in lines[2:]:  # the header (its merges are in the notes, not in the pipe table)
        cells = [norm(c) for c in line.strip().strip("|").split("|")]
        rows.append(("table", " | ".join(c for c in cells if c and c not in ("↑", "?"))))
    return rows


# --- what the rendered document holds ------------------------------------------------------------


def rendered(data: bytes) -> tuple[list[Item], list[list[Item]], list[object]]:
    """(body, appendices, the appendices' section properties)."""
    document = Document(io.BytesIO(data))
    sections: list[list[Item]] = [[]]
    properties: list[object] = []
    for block in document.element.body:
        if block.tag == W + "p":
            style = _style(document, block)
            text = norm(_text(block))
            if style in KINDS and text:
                sections[-1].append((KINDS[style], text))
            elif style == "Khung" and text and len(sections) > 1:
                sections[-1].append(("khung", text))
            sect = block.find(f"{W}pPr/{W}sectPr")
            if sect is not None:
                properties.append(sect)
                sections.append([])
        elif block.tag == W + "tbl" and block.find(f".//{W}pStyle[@{W}val='Obang']") is not None:
            sections[-1].extend(_table_rows(block))
        elif block.tag == W + "sectPr":
            properties.append(block)
    body, *appendices = [s for s in sections if s]
    for appendix in appendices:
        for index, kind in enumerate(("phu-luc", "ten", "kem-theo")):
            assert appendix[index][0] == "khung"
            appendix[index] = (kind, appendix[index][1])
    return body, appendices, properties[1:]


def _style(document: object, paragraph: object) -> str:
    found = paragraph.find(f"{W}pPr/{W}pStyle")  # type: ignore[attr-defined]
    style_id = found.get(W + "val") if found is not None else "Normal"
    for style in document.styles:  # type: ignore[attr-defined]
        if style.style_id == style_id:
            return str(style.name)
    return style_id


def _text(element: object) -> str:
    parts = []
    for node in element.iter(W + "t", W + "tab", W + "br"):  # type: ignore[attr-defined]
        parts.append(node.text or "" if node.tag == W + "t" else " ")
    return "".join(parts)


def _table_rows(table: object) -> list[Item]:
    rows = []
    for tr in table.iter(W + "tr"):  # type: ignore[attr-defined]
        if tr.find(f"{W}trPr/{W}tblHeader") is not None:
            continue
        cells = []
        for tc in tr.findall(W + "tc"):
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(W + "val") != "restart":
                continue  # the cell above spans into this row
            text = norm(_text(tc))
            if text:
                cells.append(text)
        rows.append(("table", " | ".join(cells)))
    return rows


@pytest.fixture(scope="module", params=sorted(DOCUMENTS), ids=str)
def reproduced(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    name = request.param
    data = baocao.render(baocao.load(EXAMPLES / f"{name}.yaml"))
    assert data is not None
    return name, data


def test_every_paragraph_of_the_body_in_order_with_its_kind(reproduced: tuple[str, bytes]) -> None:
    name, data = reproduced
    want, _ = expected(DOCUMENTS[name])
    got, _, _ = rendered(data)
    assert got == want


def test_every_appendix_after_the_signature_with_its_rows(reproduced: tuple[str, bytes]) -> None:
    name, data = reproduced
    _, want = expected(DOCUMENTS[name])
    _, got, _ = rendered(data)
    assert got == want


def test_appendices_have_pages_of_their_own_numbered_from_one(reproduced: tuple[str, bytes]) -> None:
    _, data = reproduced
    _, appendices, properties = rendered(data)
    assert len(properties) == len(appendices)
    for sect in properties:
        assert sect.find(f"{W}pgNumType").get(W + "start") == "1"  # type: ignore[attr-defined]
        assert sect.find(f"{W}titlePg") is not None  # type: ignore[attr-defined]
        kind = sect.find(f"{W}type")  # type: ignore[attr-defined]
        assert kind is None or kind.get(W + "val") == "nextPage"


def test_the_wide_appendix_is_landscape() -> None:
    data = baocao.render(baocao.load(EXAMPLES / "ke-hoach-235-thanh-hoa-2025.yaml"))
    assert data is not None
    _, appendices, properties = rendered(data)
    orientation = [s.find(f"{W}pgSz").get(W + "orient") for s in properties]  # type: ignore[attr-defined]
    assert orientation == [None, "landscape", None]
    assert [a[0][1] for a in appendices] == ["PHỤ LỤC I", "PHỤ LỤC II", "PHỤ LỤC III"]


def test_the_transcriptions_are_complete() -> None:
    """The expectation is not empty: every kind of paragraph the issue names is there."""
    kinds = set()
    for name in DOCUMENTS.values():
        body, appendices = expected(name)
        kinds |= {kind for kind, _ in body} | {kind for a in appendices for kind, _ in a}
    assert {"para", "heading-1", "heading-2", "heading-3", "dash", "plus", "sub", "num", "table"} <= kinds


def test_sources_are_named_in_the_examples() -> None:
    for name in DOCUMENTS:
        head = (EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8").split("loai:")[0]
        assert "Nguồn: https://thuvienphapluat.vn/" in head
