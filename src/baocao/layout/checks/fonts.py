"""Times New Roman throughout: the effective font of every run (Phụ lục I, Mục I.4)."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..findings import LayoutFinding
from ..ooxml import Element, own_runs, run_text, w
from ..rules import finding
from ..text import normalise

_EXPECTED = "times new roman"


def _parts(context: Context) -> Iterator[Element]:
    """The body, then every header and footer the sections refer to."""
    yield context.body
    seen: set[str] = set()
    for section in context.sections:
        for ref in (*section.iter(w("headerReference")), *section.iter(w("footerReference"))):
            rel_id = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            if rel_id and rel_id not in seen:
                seen.add(rel_id)
                part = context.related(rel_id)
                if part is not None:
                    yield part


def fonts(context: Context) -> Iterator[LayoutFinding]:
    """One finding per font other than Times New Roman, with how often and an example."""
    wrong: dict[str, list[str]] = {}
    for part in _parts(context):
        for paragraph in part.iter(w("p")):
            for run in own_runs(paragraph):
                text = run_text(run)
                if not text.strip():
                    continue
                fmt = context.resolver.run_format(run)
                used = [fmt.font]
                if any(ord(c) > 127 for c in text):
                    used.append(fmt.font_hansi)
                for font in used:
                    if font.strip().lower() != _EXPECTED:
                        wrong.setdefault(font, []).append(normalise(text))
                        break
    for font, texts in wrong.items():
        sample = texts[0][:40]
        yield finding("phong-chu", "Phông chữ",
                      f"phông «{font}» ở {len(texts)} đoạn chữ, ví dụ «{sample}»",
                      "Times New Roman")
