"""The entry point: read a .docx, recognise its elements, run every check."""

from __future__ import annotations

import os

from .checks import CHECKS
from .context import build_context
from .findings import LayoutFinding
from .ooxml import memoised
from .reader import open_document


def check(source: str | os.PathLike[str] | bytes) -> list[LayoutFinding]:
    """Every place where the .docx *source* departs from the Decree 30/2020 layout.

    Layout problems are findings, never exceptions; a file that is not a readable
    .docx raises :class:`~baocao.layout.LayoutError` (a ``BaocaoError``).
    """
    document = open_document(source)
    with memoised():
        context = build_context(document)
        return [found for run_check in CHECKS for found in run_check(context)]
