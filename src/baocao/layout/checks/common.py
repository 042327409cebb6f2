"""Helpers shared by the check modules: run formatting problems, excerpts, units."""

from __future__ import annotations

from collections.abc import Sequence

from baocao.nd30 import FontSize

from ..formatting import RunFormat, StyleResolver
from ..ooxml import Element, attr, child, own_runs, run_text, w
from ..structure import Spot
from ..text import is_upper, normalise
from ..units import pt

_RPR, _VERT_ALIGN = w("rPr"), w("vertAlign")


def text_runs(paragraph: Element, resolver: StyleResolver) -> list[tuple[str, RunFormat]]:
    """(text, effective format) of the runs that show text; footnote marks left out."""
    out: list[tuple[str, RunFormat]] = []
    for run in own_runs(paragraph):
        text = run_text(run)
        if not text.strip():
            continue
        rpr = child(run, _RPR)
        if rpr is not None and attr(child(rpr, _VERT_ALIGN), "val") == "superscript":
            continue
        out.append((text, resolver.run_format(run)))
    return out


def run_problems(
    paragraph: Element,
    resolver: StyleResolver,
    *,
    sizes: FontSize | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
) -> list[str]:
    """What is wrong with the character formatting of a paragraph (Vietnamese phrases)."""
    problems: list[str] = []
    runs = text_runs(paragraph, resolver)
    if sizes is not None:
        low, high = sizes.points
        wrong = sorted({f.size for _, f in runs if not low <= f.size <= high})
        if wrong:
            problems.append("cỡ chữ " + ", ".join(pt(s) for s in wrong))
    if bold is not None and any(f.bold != bold for _, f in runs):
        problems.append("không in đậm" if bold else "in đậm")
    if italic is not None and any(f.italic != italic for _, f in runs):
        problems.append("không in nghiêng" if italic else "in nghiêng")
    return problems


def shown_upper(paragraph: Element, resolver: StyleResolver) -> bool:
    """Whether the paragraph is shown in capitals (typed so, or with «All caps»)."""
    runs = text_runs(paragraph, resolver)
    return bool(runs) and all(f.caps or is_upper(t) or not any(c.isalpha() for c in t)
                              for t, f in runs)


def excerpt(spot: Spot | Element, limit: int = 40) -> str:
    """«Beginning of the paragraph…»"""
    from ..ooxml import paragraph_text

    text = spot.text if isinstance(spot, Spot) else normalise(paragraph_text(spot))
    return f"«{text[:limit]}…»" if len(text) > limit else f"«{text}»"


def several(spots: Sequence[Spot], shown: int = 3) -> str:
    """«a», «b», «c» và 4 đoạn khác"""
    listed = ", ".join(excerpt(s) for s in spots[:shown])
    more = len(spots) - shown
    return listed + (f" và {more} đoạn khác" if more > 0 else "")
