"""Effective formatting of a paragraph or run after style inheritance.

Word applies, from the weakest to the strongest: document defaults
(``w:docDefaults``), the table style of the containing table, the paragraph
style (with its ``w:basedOn`` chain; the default paragraph style when none is
named), the character style of the run, then the run's direct formatting.
Theme fonts (``w:asciiTheme``) are looked up in ``theme1.xml``.  Each attribute
is inherited on its own (a run may take its size from its style and its font
from the defaults).

Simplifications: toggle properties (bold, italic, caps) take the strongest
explicit value instead of toggling between styles; numbering indents and
conditional table formatting are not applied.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar, cast

from lxml import etree

from .ooxml import Element, attr, child, containing, grandchild, on_off, remembered, w

#: Word's own fallbacks when nothing in the file sets a value.
FALLBACK_FONT = "Times New Roman"
FALLBACK_HALF_POINTS = 20

_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"


@dataclass(frozen=True)
class RunFormat:
    """Effective character formatting of a run."""

    font: str
    """The font used for Latin text (``w:ascii``)."""
    font_hansi: str
    """The font Word uses for accented Latin letters such as Vietnamese (``w:hAnsi``)."""
    size: float
    """Points."""
    bold: bool
    italic: bool
    caps: bool
    vert_align: str = "baseline"
    """``baseline``, ``superscript`` or ``subscript`` (``w:vertAlign``)."""
    spacing: int = 0
    """Extra space after each character in twips (``w:spacing``; negative condenses)."""
    scale: int = 100
    """Horizontal scale of the characters in percent (``w:w``)."""


@dataclass(frozen=True)
class ParaFormat:
    """Effective paragraph formatting; lengths in twips."""

    alignment: str
    """``left``, ``center``, ``right``, ``both`` (``start``/``end`` are mapped)."""
    first_line: int
    """First-line indent; negative for a hanging indent."""
    left: int
    before: int
    after: int
    line: int
    line_rule: str
    """``auto`` (``line`` in 240ths of a line), ``exact`` or ``atLeast`` (twips)."""
    right: int = 0


_ALIGN = {"start": "left", "end": "right", "distribute": "both", "justify": "both"}


class StyleResolver:
    """Resolves effective formatting for the elements of one document."""

    def __init__(self, styles_element: Element | None, theme_element: Element | None) -> None:
        self._styles: dict[str, Element] = {}
        self._default: dict[str, Element] = {}
        self._rpr_default: Element | None = None
        self._ppr_default: Element | None = None
        if styles_element is not None:
            for style in styles_element.iterchildren(w("style")):
                style_id = attr(style, "styleId")
                if style_id:
                    self._styles[style_id] = style
                if attr(style, "default") in ("1", "true", "on"):
                    self._default.setdefault(attr(style, "type") or "", style)
            defaults = styles_element.find(w("docDefaults"))
            if defaults is not None:
                self._rpr_default = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
                self._ppr_default = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
        self._theme = _theme_fonts(theme_element)
        self._run_formats: dict[tuple[RunValues, object], RunFormat] = {}
        self._paragraph_formats: dict[tuple[ParagraphValues, object], ParaFormat] = {}
        self._chains: dict[tuple[str | None, str], list[Element]] = {}
        self._context_run_values: dict[object, RunValues] = {}
        self._context_paragraph_values: dict[object, ParagraphValues] = {}
        self._character_style_values: dict[str, RunValues] = {}

    @classmethod
    def for_document(cls, document: object) -> StyleResolver:
        """Build the resolver of a python-docx ``Document``."""
        part = document.part  # type: ignore[attr-defined]
        styles = part._styles_part.element if part._styles_part is not None else None
        theme = None
        for rel in part.rels.values():
            if rel.reltype == _THEME_REL and not rel.is_external:
                theme = etree.fromstring(rel.target_part.blob)
        return cls(styles, theme)

    # -- style chains ---------------------------------------------------------

    def _chain(self, style_id: str | None, kind: str) -> list[Element]:
        """The style and its ``basedOn`` ancestors, strongest first (read once per style:
        the styles are read once, when the resolver is made)."""
        key = (style_id, kind)
        chain = self._chains.get(key)
        if chain is None:
            chain = self._chains[key] = self._read_chain(style_id, kind)
        return chain

    def _read_chain(self, style_id: str | None, kind: str) -> list[Element]:
        style = self._styles.get(style_id) if style_id else None
        if style is None and kind != "character":
            style = self._default.get(kind)
        chain: list[Element] = []
        while style is not None and style not in chain:
            chain.append(style)
            based = child(style, w("basedOn"))
            style = self._styles.get(attr(based, "val") or "") if based is not None else None
        return chain

    def _paragraph_levels(self, paragraph: Element, tag: str) -> list[Element]:
        """The ``w:pPr``/``w:rPr`` holders that apply to *paragraph*, strongest first."""
        ppr = child(paragraph, _PPR)
        levels: list[Element] = []
        if tag == "pPr" and ppr is not None:
            levels.append(ppr)
        style_id = attr(child(ppr, _P_STYLE), "val") if ppr is not None else None
        for style in self._chain(style_id, "paragraph"):
            found = child(style, w(tag))
            if found is not None:
                levels.append(found)
        table = containing(paragraph, "tbl")
        if table is not None:
            tbl_style = grandchild(table, _TBL_PR, _TBL_STYLE)
            for style in self._chain(attr(tbl_style, "val"), "table"):
                found = child(style, w(tag))
                if found is not None:
                    levels.append(found)
        default = self._rpr_default if tag == "rPr" else self._ppr_default
        if default is not None:
            levels.append(default)
        return levels

    def _run_levels(self, run: Element) -> list[Element]:
        rpr = child(run, _RPR)
        levels: list[Element] = []
        if rpr is not None:
            levels.append(rpr)
            rstyle = attr(child(rpr, _R_STYLE), "val")
            if rstyle:
                for style in self._chain(rstyle, "character"):
                    found = child(style, _RPR)
                    if found is not None:
                        levels.append(found)
        paragraph = containing(run, "p")
        if paragraph is not None:
            levels.extend(self._paragraph_levels(paragraph, "rPr"))
        elif self._rpr_default is not None:
            levels.append(self._rpr_default)
        return levels

    # -- public ---------------------------------------------------------------

    def run_format(self, run: Element) -> RunFormat:
        """Effective formatting of one ``w:r``, memoised.

        What decides it is the run's own ``w:rPr`` (which names its character style),
        the paragraph's style and the containing table's style: runs alike in those
        share one result (a decree of 1,000 runs has a few dozen such kinds).
        Inside :func:`~baocao.layout.ooxml.memoised`, each run's is also remembered.
        """
        by_run = remembered((self, "run_format"))
        if by_run is None:
            return self._run_format(run)
        found = by_run.get(run)
        if found is None:
            found = by_run[run] = self._run_format(run)
        return found

    def _run_format(self, run: Element) -> RunFormat:
        """What :meth:`_resolve_run` gives, level by level: the values the run's own
        ``w:rPr`` (and its character style) set, then those its paragraph and table set
        (read once per paragraph style and table style).  The first are the kind's key:
        runs whose own values agree, in alike paragraphs, share one result."""
        paragraph = containing(run, "p")
        context = None if paragraph is None else self._paragraph_context(paragraph)
        own = self._own_run_values(child(run, _RPR))
        key = (own, context)
        found = self._run_formats.get(key)
        if found is None:
            inherited = self._context_run_values.get(context)
            if inherited is None:
                levels = (self._paragraph_levels(paragraph, "rPr") if paragraph is not None
                          else [] if self._rpr_default is None else [self._rpr_default])
                inherited = self._context_run_values[context] = self._run_values(levels)
            found = self._run_formats[key] = _run_format_of(_merged([own, inherited]))
        return found

    def _own_run_values(self, rpr: Element | None) -> RunValues:
        """The values a run's ``w:rPr`` and its character style set (None: not set)."""
        if rpr is None:
            return _NO_RUN_VALUES
        children = _children([rpr])[0]
        own = self._run_probe(children)
        rstyle = attr(children.get(_R_STYLE), "val")
        if not rstyle:
            return own
        style = self._character_style_values.get(rstyle)
        if style is None:
            styles = [found for found in (child(s, _RPR) for s in self._chain(rstyle, "character"))
                      if found is not None]
            style = self._character_style_values[rstyle] = self._run_values(styles)
        return _merged([own, style])

    def _run_values(self, levels: list[Element]) -> RunValues:
        return _merged([*(self._run_probe(level) for level in _children(levels)), _NO_RUN_VALUES])

    def _run_probe(self, level: Children) -> RunValues:
        """What one level sets, in the order of :class:`RunFormat` (see :meth:`_resolve_run`)."""
        fonts = level.get(_R_FONTS)
        ascii_font = hansi = None
        if fonts is not None:
            ascii_font, hansi = self._font_at(fonts, "ascii"), self._font_at(fonts, "hAnsi")
        return (ascii_font, hansi, _val(level, _SZ),
                _on_off(level.get(_B)), _on_off(level.get(_I)), _on_off(level.get(_CAPS)),
                _val(level, _VERT_ALIGN), _val(level, _SPACING), _val(level, _W))

    def _font_at(self, fonts: Element | None, which: str) -> str | None:
        """The font one ``w:rFonts`` names (see :meth:`_font`), None when it names none."""
        if fonts is None:
            return None
        theme = attr(fonts, f"{which}Theme")
        if theme:
            return self._theme.get(theme, FALLBACK_FONT)
        name = attr(fonts, which)
        return name if name else None

    def _paragraph_context(self, paragraph: Element) -> tuple[str | None, ...]:
        """What a paragraph's style and table contribute to its formatting (and its
        runs'), as a key."""
        by_paragraph = remembered((self, "context_key"))
        if by_paragraph is None:
            return self._paragraph_key(paragraph)
        found = by_paragraph.get(paragraph)
        if found is None:
            found = by_paragraph[paragraph] = self._paragraph_key(paragraph)
        return found

    @staticmethod
    def _paragraph_key(paragraph: Element) -> tuple[str | None, ...]:
        ppr = child(paragraph, _PPR)
        style_id = attr(child(ppr, _P_STYLE), "val") if ppr is not None else None
        table = containing(paragraph, "tbl")
        if table is None:
            return (style_id,)
        return (style_id, attr(grandchild(table, _TBL_PR, _TBL_STYLE), "val"))

    def _resolve_run(self, run: Element) -> RunFormat:
        levels = _children(self._run_levels(run))
        size = _first(_child_attr(levels, "sz", "val"))
        return RunFormat(
            font=self._font(levels, "ascii"),
            font_hansi=self._font(levels, "hAnsi"),
            size=(int(size) if size and size.isdigit() else FALLBACK_HALF_POINTS) / 2,
            bold=_first_bool(levels, "b"),
            italic=_first_bool(levels, "i"),
            caps=_first_bool(levels, "caps"),
            vert_align=_first(_child_attr(levels, "vertAlign", "val")) or "baseline",
            spacing=_int(_first(_child_attr(levels, "spacing", "val"))),
            scale=_int(_first(_child_attr(levels, "w", "val")), 100),
        )

    def paragraph_format(self, paragraph: Element) -> ParaFormat:
        """Effective formatting of one ``w:p``, memoised on its ``w:pPr`` (which names
        its style) and the containing table's style (inside
        :func:`~baocao.layout.ooxml.memoised`, each paragraph's is also remembered)."""
        by_paragraph = remembered((self, "paragraph_format"))
        if by_paragraph is None:
            return self._paragraph_format(paragraph)
        found = by_paragraph.get(paragraph)
        if found is None:
            found = by_paragraph[paragraph] = self._paragraph_format(paragraph)
        return found

    def _paragraph_format(self, paragraph: Element) -> ParaFormat:
        """What :meth:`_resolve_paragraph` gives: the values its own ``w:pPr`` sets,
        then those of its style and table (read once per paragraph style and table style)."""
        ppr = child(paragraph, _PPR)
        own = _NO_PARAGRAPH_VALUES if ppr is None else _paragraph_probe(_children([ppr])[0])
        context = self._paragraph_context(paragraph)
        key = (own, context)
        found = self._paragraph_formats.get(key)
        if found is None:
            inherited = self._context_paragraph_values.get(context)
            if inherited is None:
                levels = self._paragraph_levels(paragraph, "pPr")
                if ppr is not None:
                    levels = levels[1:]  # the paragraph's own, read above
                inherited = self._context_paragraph_values[context] = _merged(
                    [*(_paragraph_probe(level) for level in _children(levels)), _NO_PARAGRAPH_VALUES])
            found = self._paragraph_formats[key] = _paragraph_format_of(_merged([own, inherited]))
        return found

    def _resolve_paragraph(self, paragraph: Element) -> ParaFormat:
        levels = _children(self._paragraph_levels(paragraph, "pPr"))
        jc = _first(_child_attr(levels, "jc", "val")) or "left"
        return ParaFormat(
            alignment=_ALIGN.get(jc, jc),
            first_line=_first_line(levels),
            left=_int(_first(_child_attr(levels, "ind", "left", "start"))),
            before=_int(_first(_child_attr(levels, "spacing", "before"))),
            after=_int(_first(_child_attr(levels, "spacing", "after"))),
            line=_int(_first(_child_attr(levels, "spacing", "line")), 240),
            line_rule=_first(_child_attr(levels, "spacing", "lineRule")) or "auto",
            right=_int(_first(_child_attr(levels, "ind", "right", "end"))),
        )

    def bottom_border(self, paragraph: Element) -> bool:
        """Whether the paragraph carries a bottom (or top) border, directly or by style."""
        for ppr in self._paragraph_levels(paragraph, "pPr"):
            borders = child(ppr, w("pBdr"))
            if borders is None:
                continue
            for side in ("bottom", "top", "between"):
                edge = child(borders, w(side))
                if edge is not None and attr(edge, "val") not in ("nil", "none"):
                    return True
            return False
        return False

    def _font(self, levels: list[Children], which: str) -> str:
        for rpr in levels:
            fonts = rpr.get(_R_FONTS)
            if fonts is None:
                continue
            theme = attr(fonts, f"{which}Theme")
            if theme:
                return self._theme.get(theme, FALLBACK_FONT)
            name = attr(fonts, which)
            if name:
                return name
        return FALLBACK_FONT


Children = dict[str, Element]
"""One formatting level's children by tag (the first of each tag, as ``find`` gives)."""

_R_FONTS, _IND, _RPR, _PPR, _R_STYLE = w("rFonts"), w("ind"), w("rPr"), w("pPr"), w("rStyle")
_P_STYLE, _TBL_PR, _TBL_STYLE, _VAL = w("pStyle"), w("tblPr"), w("tblStyle"), w("val")
_HANGING, _FIRST_LINE, _LEFT, _START, _RIGHT, _END = (
    w("hanging"), w("firstLine"), w("left"), w("start"), w("right"), w("end"))
_BEFORE, _AFTER, _LINE, _LINE_RULE = w("before"), w("after"), w("line"), w("lineRule")
_OFF = ("0", "false", "off", "none")
_SZ, _B, _I, _CAPS, _VERT_ALIGN, _SPACING, _W, _JC = (
    w("sz"), w("b"), w("i"), w("caps"), w("vertAlign"), w("spacing"), w("w"), w("jc"))

RunValues = tuple[str | bool | None, ...]
"""What one level sets of a run's formatting, None where it sets nothing: fonts (ascii,
hAnsi), sz, b, i, caps, vertAlign, spacing, w — as :meth:`StyleResolver._resolve_run` reads them."""
ParagraphValues = tuple[str | int | None, ...]
"""What one level sets of a paragraph's: jc, the first line, left, before, after, line,
lineRule, right — as :meth:`StyleResolver._resolve_paragraph` reads them."""
_NO_RUN_VALUES: RunValues = (None,) * 9
_NO_PARAGRAPH_VALUES: ParagraphValues = (None,) * 8


_Values = TypeVar("_Values", RunValues, ParagraphValues)


def _merged(levels: list[_Values]) -> _Values:
    """Value by value, the strongest level's that is set (levels strongest first)."""
    if len(levels) == 1:
        return levels[0]
    return cast(_Values, tuple(next((value for value in values if value is not None), None)
                               for values in zip(*levels, strict=True)))


def _val(level: Children, tag: str) -> str | None:
    """``attr(level.get(tag), "val")``, without the call."""
    element = level.get(tag)
    return None if element is None else element.get(_VAL)


def _on_off(element: Element | None) -> bool | None:
    """:func:`~baocao.layout.ooxml.on_off`, without the calls."""
    return None if element is None else element.get(_VAL) not in _OFF


def _paragraph_probe(level: Children) -> ParagraphValues:
    """What one level sets, in the order of :data:`ParagraphValues` (attributes read
    with ``get`` on their Clark names: ``attr`` without the calls, it runs per paragraph)."""
    ind, spacing = level.get(_IND), level.get(_SPACING)
    first_line = left = right = None
    if ind is not None:
        hanging, first = ind.get(_HANGING), ind.get(_FIRST_LINE)
        first_line = -_int(hanging) if hanging is not None else None if first is None else _int(first)
        left = ind.get(_LEFT)
        left = ind.get(_START) if left is None else left
        right = ind.get(_RIGHT)
        right = ind.get(_END) if right is None else right
    before = after = line = line_rule = None
    if spacing is not None:
        before, after = spacing.get(_BEFORE), spacing.get(_AFTER)
        line, line_rule = spacing.get(_LINE), spacing.get(_LINE_RULE)
    return (_val(level, _JC), first_line, left, before, after, line, line_rule, right)


def _run_format_of(values: RunValues) -> RunFormat:
    font, hansi, size, bold, italic, caps, vert_align, spacing, scale = values
    return RunFormat(
        font=str(font) if font is not None else FALLBACK_FONT,
        font_hansi=str(hansi) if hansi is not None else FALLBACK_FONT,
        size=(int(size) if isinstance(size, str) and size.isdigit() else FALLBACK_HALF_POINTS) / 2,
        bold=bool(bold), italic=bool(italic), caps=bool(caps),
        vert_align=str(vert_align or "baseline"),
        spacing=_int(None if spacing is None else str(spacing)),
        scale=_int(None if scale is None else str(scale), 100),
    )


def _paragraph_format_of(values: ParagraphValues) -> ParaFormat:
    jc, first_line, left, before, after, line, line_rule, right = values
    alignment = str(jc or "left")
    return ParaFormat(
        alignment=_ALIGN.get(alignment, alignment),
        first_line=first_line if isinstance(first_line, int) else 0,
        left=_int(_str(left)), before=_int(_str(before)), after=_int(_str(after)),
        line=_int(_str(line), 240), line_rule=str(line_rule or "auto"), right=_int(_str(right)),
    )


def _str(value: str | int | None) -> str | None:
    return None if value is None else str(value)


def _children(levels: list[Element]) -> list[Children]:
    """Each level's children by tag, read once for the many attributes resolved from them."""
    out: list[Children] = []
    for level in levels:
        children: Children = {}
        for element in level:
            children.setdefault(element.tag, element)
        out.append(children)
    return out


def _child_attr(levels: list[Children], child: str, *names: str) -> Iterator[str]:
    """Values of ``child/@name`` over *levels*, strongest first (first name found)."""
    tag = w(child)
    for level in levels:
        element = level.get(tag)
        if element is None:
            continue
        for name in names:
            value = attr(element, name)
            if value is not None:
                yield value
                break


def _first_line(levels: list[Children]) -> int:
    """First-line indent from the strongest level that sets one (hanging is negative)."""
    for level in levels:
        ind = level.get(_IND)
        if ind is None:
            continue
        hanging = attr(ind, "hanging")
        if hanging is not None:
            return -_int(hanging)
        first = attr(ind, "firstLine")
        if first is not None:
            return _int(first)
    return 0


def _first_bool(levels: list[Children], tag: str) -> bool:
    clark = w(tag)
    for level in levels:
        value = on_off(level.get(clark))
        if value is not None:
            return value
    return False


def _first(values: Iterator[str]) -> str | None:
    return next(values, None)


def _int(value: str | None, default: int = 0) -> int:
    if value is None:
        return default
    try:
        return round(float(value))
    except ValueError:
        return default


def _theme_fonts(theme: Element | None) -> dict[str, str]:
    """Map ``minorHAnsi``, ``majorAscii``, … to typefaces from the theme."""
    fonts: dict[str, str] = {}
    if theme is None:
        return fonts
    for kind in ("major", "minor"):
        scheme = theme.find(f".//{{{_A_NS}}}{kind}Font")
        if scheme is None:
            continue
        latin = scheme.find(f"{{{_A_NS}}}latin")
        east = scheme.find(f"{{{_A_NS}}}ea")
        complex_ = scheme.find(f"{{{_A_NS}}}cs")
        for suffix, element in (("Ascii", latin), ("HAnsi", latin), ("EastAsia", east),
                                ("Bidi", complex_)):
            if element is not None and element.get("typeface"):
                fonts[f"{kind}{suffix}"] = str(element.get("typeface"))
    return fonts
