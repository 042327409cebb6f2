"""The real documents pasted as text (``examples/dan/``) give the same document as
their YAML (``examples/*.yaml``).

Each pasted version is a small YAML with the frame only, whose ``noi_dung`` (and each
appendix's) is a ``.md`` file holding the body as a clerk copies it out of Word: one
paragraph per line, the labels as the structure, pipe tables.  Both are rendered and
compared as a reader sees them — every paragraph with its style, every table with its
column widths and every cell with its merges, boldness and alignment — so the test holds
whatever model the YAML version uses.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document

import baocao
from baocao.loading import load_yaml
from body.test_reproduction import DOCUMENTS, expected, rendered

from conftest import EXAMPLES
from docx_reading import W

PASTED = EXAMPLES / "dan"

NAMES = sorted(DOCUMENTS)
"""The four real documents: three plans and a công văn (whose pasted body is a literal block)."""


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style, text as printed) of every paragraph outside tables, in order."""
    document = Document(io.BytesIO(data))
    return [(p.style.name if p.style is not None else "", " ".join(p.text.split()))
            for p in document.paragraphs]


def cells(data: bytes) -> list[list[list[tuple[str, str, str, bool, str]]]]:
    """Every table: its column widths, then its rows, each cell as (text, column span,
    vertical merge, bold, alignment)."""
    document = Document(io.BytesIO(data))
    tables = []
    for table in document.element.body.iter(W + "tbl"):
        rows: list[Any] = [[c.get(W + "w") for c in table.iter(W + "gridCol")]]
        for tr in table.iter(W + "tr"):
            row = []
            for tc in tr.findall(W + "tc"):
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                runs = [r for r in tc.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()]
                bold = bool(runs) and all(r.find(f"{W}rPr/{W}b") is not None for r in runs)
                text = "\n".join("".join(t.text or "" for t in p.iter(W + "t", W + "br"))
                                 for p in tc.iter(W + "p"))
                align = tc.find(f"{W}p/{W}pPr/{W}jc")
                row.append((text, span.get(W + "val") if span is not None else "1",
                            "" if merge is None else merge.get(W + "val", "continue"), bold,
                            "" if align is None else align.get(W + "val")))
            rows.append(row)
        tables.append(rows)
    return tables


@pytest.fixture(scope="module", params=NAMES, ids=str)
def both(request: pytest.FixtureRequest) -> tuple[str, bytes, bytes]:
    name = request.param
    from_yaml = baocao.render(baocao.load(EXAMPLES / f"{name}.yaml"))
    from_text = baocao.render(baocao.load(PASTED / f"{name}.yaml"))
    assert from_yaml is not None and from_text is not None
    return name, from_yaml, from_text


def test_the_pasted_bodies_are_text_not_yaml_blocks() -> None:
    """Each pasted version gives its body (and its appendices') as text: a .md file beside
    it, or a literal block (the công văn) — never as YAML blocks."""
    for name in NAMES:
        data = load_yaml(PASTED / f"{name}.yaml").data
        bodies = [data["noi_dung"]] + [appendix["noi_dung"] for appendix in data.get("phu_luc", [])]
        for body in bodies:
            assert isinstance(body, str) or (set(body) == {"tep"} and body["tep"].endswith(".md"))
    assert isinstance(load_yaml(PASTED / "cong-van-4169-hcm-2025.yaml").data["noi_dung"], str)


def test_every_paragraph_is_the_same_with_its_style(both: tuple[str, bytes, bytes]) -> None:
    _, from_yaml, from_text = both
    assert paragraphs(from_text) == paragraphs(from_yaml)


def test_every_table_cell_is_the_same_with_its_merges(both: tuple[str, bytes, bytes]) -> None:
    _, from_yaml, from_text = both
    assert cells(from_text) == cells(from_yaml)


def test_the_pasted_version_reproduces_the_original(both: tuple[str, bytes, bytes]) -> None:
    """The same check as the YAML version's (tests/body/test_reproduction.py)."""
    name, _, from_text = both
    body, appendices, _ = rendered(from_text)
    assert (body, appendices) == expected(DOCUMENTS[name])
