"""Report types ``bao-cao`` and ``cong-van``: the body is its blocks, in order
(:mod:`baocao.body`), printed by the filter ``khoi``."""

from __future__ import annotations

from baocao.frame import STYLE_BLOCK, BodyWriter


def body(w: BodyWriter) -> None:
    """The blocks of ``noi_dung``: paragraphs, headings I. / 1. / 1.1. / a), lists,
    numbered paragraphs, tables, page breaks."""
    w.paragraph("{{p noi_dung|khoi }}", style=STYLE_BLOCK)
