"""Every example renders, and its document XML is what a reviewer last approved.

The snapshot is the pretty-printed word/document.xml and header parts (never the
zip bytes, whose layout says nothing a reader sees).  A change here is a diff to
read: run ``pytest --snapshot-update`` only after reading it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import baocao

from conftest import EXAMPLES
from docx_reading import normalized_parts

EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.yaml"))


def test_examples_exist() -> None:
    assert EXAMPLE_FILES, "examples/ has no data file"


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_matches_snapshot(example: Path, snapshot) -> None:  # type: ignore[no-untyped-def]
    rendered = baocao.render(baocao.load(example))
    assert rendered is not None
    assert normalized_parts(rendered) == snapshot
