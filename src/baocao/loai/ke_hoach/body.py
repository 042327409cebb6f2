"""The body of ``ke-hoach``, between the frame's title and its closing: the blocks the
context hook makes (bases, opening, body with the plan's parts, closing sentence)."""

from __future__ import annotations

from baocao.frame import STYLE_BLOCK, BodyWriter


def body(w: BodyWriter) -> None:
    """The plan's blocks (:func:`baocao.loai.ke_hoach.context.body_blocks`), printed by ``khoi``."""
    w.paragraph("{{p than_van_ban|khoi }}", style=STYLE_BLOCK)
