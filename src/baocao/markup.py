"""Emphasis inside narrative text: ``**đậm**``, ``*nghiêng*``, ``^chỉ số trên^``, ``~chỉ số dưới~``.

Clerks mark emphasis in YAML the way they would in a chat message; this module
turns it into runs.  It is deliberately tiny: no links, no headings, no HTML.

Formulas are safe: a ``*`` or ``**`` that cannot open or close is printed as it is.
A marker opens only when text follows it without a space, and closes only when text
precedes it without a space (as in Markdown), so "x * 100%" and "a * b * c" stay
literal; one inside a word or number ("2*3", "10**6") is literal; a marker left open
stays literal too; ``\\*`` is always a literal asterisk.

Superscript and subscript are Pandoc's: ``m^3^`` (m³), ``CO~2~`` (CO₂), ``NH~4~^+^``
(NH₄⁺).  They are used inside words, so the rule is another: a ``^`` (or ``~``) pairs
with the next one when text lies between them with no space in it; any other is printed
as it is ("2^10 = 1024", "x^2 + y^2", "5~10 ngày", "~ 50%"), and ``\\^``, ``\\~`` are
always literal.
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
    superscript: bool = False
    subscript: bool = False

    def __repr__(self) -> str:
        scripts = "".join(f", {name}=True" for name in ("superscript", "subscript") if getattr(self, name))
        return f"Run(text={self.text!r}, bold={self.bold}, italic={self.italic}{scripts})"


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

    Formulas: a marker with a space on both sides is an asterisk, not emphasis.

    >>> parse_emphasis("a * b * c")
    [Run(text='a * b * c', bold=False, italic=False)]
    >>> [(run.text, run.italic) for run in parse_emphasis("Tỷ lệ = x * 100% (*ước tính*)")]
    [('Tỷ lệ = x * 100% (', False), ('ước tính', True), (')', False)]
    >>> plain_text("2*3*4 = 24; 10**6 và 10**3")
    '2*3*4 = 24; 10**6 và 10**3'
    >>> parse_emphasis("** mở mà không đóng")
    [Run(text='** mở mà không đóng', bold=False, italic=False)]

    Superscript and subscript, inside words; an unpaired or spaced marker is literal.

    >>> [(r.text, r.superscript, r.subscript) for r in parse_emphasis("NH~4~^+^, m^3^")]
    [('NH', False, False), ('4', False, True), ('+', True, False), (', m', False, False), ('3', True, False)]
    >>> plain_text(r"2^10 = 1024; x^2 + y^2; 5~10 ngày; ~ 50%; \\^a^")
    '2^10 = 1024; x^2 + y^2; 5~10 ngày; ~ 50%; ^a^'
    """
    if not _MARKERS.search(text):
        return [Run(text)] if text else []
    tokens = _tokenize(text)
    paired = _paired_markers(text, tokens) | _paired_scripts(text, tokens)
    runs: list[Run] = []
    state = {"**": False, "*": False, "^": False, "~": False}
    buffer = ""
    for index, token in enumerate(tokens):
        if token.marker and index in paired:
            if buffer:
                runs.append(Run(buffer, state["**"], state["*"], state["^"], state["~"]))
                buffer = ""
            state[token.text] = not state[token.text]
        else:
            buffer += token.text
    if buffer:
        runs.append(Run(buffer, state["**"], state["*"], state["^"], state["~"]))
    return _merge(runs)


def literal(text: str) -> str:
    r"""``text`` with its markers escaped: printed as it is, whatever it holds (names read
    from a spreadsheet, titles a program computed).

    >>> print(literal("Thôn 5*, Km^2^ ~ 3"))
    Thôn 5\*, Km\^2\^ \~ 3
    >>> print(plain_text(literal(r"a*b* và **c** \* ^d^")))
    a*b* và **c** \* ^d^
    """
    return _ESCAPABLE.sub(r"\\\1", text)


_ESCAPABLE = re.compile(r"([*^~])")


def plain_text(text: str) -> str:
    """The text without its markers, as a reader sees it.

    >>> plain_text(r"**TM.** *x* \\*")
    'TM. x *'
    """
    return "".join(run.text for run in parse_emphasis(text))


_TOKEN = re.compile(r"(?P<escaped>\\[*^~])|(?P<marker>\*\*|[*^~])|(?P<text>[^*^~\\]+|\\)")
_MARKERS = re.compile(r"[*^~\\]")


@dataclass(frozen=True)
class _Token:
    text: str
    marker: bool = False
    start: int = 0
    """Where the token starts in the source text (markers only)."""


def _tokenize(text: str) -> list[_Token]:
    """The text as tokens; an escaped asterisk is text."""
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        if match["escaped"]:
            tokens.append(_Token(match["escaped"][1]))
        elif match["marker"]:
            tokens.append(_Token(match["marker"], marker=True, start=match.start()))
        else:
            tokens.append(_Token(match["text"]))
    return tokens


def _paired_markers(text: str, tokens: list[_Token]) -> set[int]:
    """Indices of markers that open and close a run; any other marker stays text.

    A marker can open when a character other than a space follows it, and close when
    one precedes it; one between two letters or digits does neither.  An opener pairs
    with the next marker of its kind that can close.
    """
    paired: set[int] = set()
    for marker in ("**", "*"):
        opened: int | None = None
        for index, token in enumerate(tokens):
            if not token.marker or token.text != marker:
                continue
            before = text[token.start - 1] if token.start > 0 else " "
            after = text[token.start + len(marker)] if token.start + len(marker) < len(text) else " "
            if before.isalnum() and after.isalnum():
                continue  # inside a word or a number: "2*3", "10**6"
            can_open, can_close = not after.isspace(), not before.isspace()
            if opened is not None and can_close:
                paired.update((opened, index))
                opened = None
            elif can_open:
                opened = index
    return paired


def _paired_scripts(text: str, tokens: list[_Token]) -> set[int]:
    """Indices of the ``^`` and ``~`` markers that pair: each with the next of its kind
    when the text between them is not empty and holds no space."""
    paired: set[int] = set()
    for marker in ("^", "~"):
        opened: _Token | None = None
        opened_at = 0
        for index, token in enumerate(tokens):
            if not token.marker or token.text != marker:
                continue
            if opened is not None:
                between = text[opened.start + 1:token.start]
                if between and not any(char.isspace() for char in between):
                    paired.update((opened_at, index))
                    opened = None
                    continue
            opened, opened_at = token, index
    return paired


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and _format(merged[-1]) == _format(run):
            last = merged[-1]
            merged[-1] = Run(last.text + run.text, run.bold, run.italic, run.superscript, run.subscript)
        else:
            merged.append(run)
    return merged


def _format(run: Run) -> tuple[bool, bool, bool, bool]:
    return run.bold, run.italic, run.superscript, run.subscript
