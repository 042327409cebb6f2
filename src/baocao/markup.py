"""Emphasis inside narrative text: ``**đậm**`` and ``*nghiêng*``.

Clerks mark emphasis in YAML the way they would in a chat message; this module
turns it into runs.  It is deliberately tiny: no links, no headings, no HTML.
A ``\\*`` is a literal asterisk; a marker left open is printed as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


def parse_emphasis(text: str) -> list[Run]:
    """Split ``text`` into runs by its emphasis markers.

    >>> for run in parse_emphasis("- **Cấp thành phố:** UBND"):
    ...     print(repr(run.text), run.bold, run.italic)
    '- ' False False
    'Cấp thành phố:' True False
    ' UBND' False False
    >>> parse_emphasis("(*kế hoạch giảm 23 hộ*)")[1]
    Run(text='kế hoạch giảm 23 hộ', bold=False, italic=True)
    >>> parse_emphasis(r"5 \\* 3 và *mở")
    [Run(text='5 * 3 và *mở', bold=False, italic=False)]
    """
    tokens = _tokenize(text)
    paired = _paired_markers(tokens)
    runs: list[Run] = []
    bold = italic = False
    buffer = ""
    for index, (is_marker, token) in enumerate(tokens):
        if is_marker and index in paired:
            if buffer:
                runs.append(Run(buffer, bold, italic))
                buffer = ""
            if token == "**":
                bold = not bold
            else:
                italic = not italic
        else:
            buffer += token
    if buffer:
        runs.append(Run(buffer, bold, italic))
    return _merge(runs)


def plain_text(text: str) -> str:
    """The text without its markers, as a reader sees it.

    >>> plain_text(r"**TM.** *x* \\*")
    'TM. x *'
    """
    return "".join(run.text for run in parse_emphasis(text))


_TOKEN = re.compile(r"(?P<escaped>\\\*)|(?P<marker>\*\*|\*)|(?P<text>[^*\\]+|\\)")


def _tokenize(text: str) -> list[tuple[bool, str]]:
    """(is_marker, text) pairs; an escaped asterisk is text."""
    tokens: list[tuple[bool, str]] = []
    for match in _TOKEN.finditer(text):
        if match["escaped"]:
            tokens.append((False, "*"))
        elif match["marker"]:
            tokens.append((True, match["marker"]))
        else:
            tokens.append((False, match["text"]))
    return tokens


def _paired_markers(tokens: list[tuple[bool, str]]) -> set[int]:
    """Indices of markers that have a partner; an unpaired marker stays text."""
    paired: set[int] = set()
    for marker in ("**", "*"):
        opened: int | None = None
        for index, (is_marker, token) in enumerate(tokens):
            if not is_marker or token != marker:
                continue
            if opened is None:
                opened = index
            else:
                paired.update((opened, index))
                opened = None
    return paired


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged
