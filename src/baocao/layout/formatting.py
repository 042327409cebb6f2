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

from lxml import etree

from .ooxml import Element, attr, containing, on_off, remembered, w

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
        self._run_formats: dict[tuple[bytes | None, object], RunFormat] = {}
        self._paragraph_formats: dict[tuple[bytes | None, object], ParaFormat] = {}
        self._chains: dict[tuple[str | None, str], list[Element]] = {}

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
            based = style.find(w("basedOn"))
            style = self._styles.get(attr(based, "val") or "") if based is not None else None
        return chain

    def _paragraph_levels(self, paragraph: Element, tag: str) -> list[Element]:
        """The ``w:pPr``/``w:rPr`` holders that apply to *paragraph*, strongest first."""
        ppr = paragraph.find(w("pPr"))
        levels: list[Element] = []
        if tag == "pPr" and ppr is not None:
            levels.append(ppr)
        style_id = attr(ppr.find(w("pStyle")), "val") if ppr is not None else None
        for style in self._chain(style_id, "paragraph"):
            found = style.find(w(tag))
            if found is not None:
                levels.append(found)
        table = containing(paragraph, "tbl")
        if table is not None:
            tbl_style = table.find(f"{w('tblPr')}/{w('tblStyle')}")
            for style in self._chain(attr(tbl_style, "val"), "table"):
                found = style.find(w(tag))
                if found is not None:
                    levels.append(found)
        default = self._rpr_default if tag == "rPr" else self._ppr_default
        if default is not None:
            levels.append(default)
        return levels

    def _run_levels(self, run: Element) -> list[Element]:
        rpr = run.find(w("rPr"))
        levels: list[Element] = []
        if rpr is not None:
            levels.append(rpr)
            rstyle = attr(rpr.find(w("rStyle")), "val")
            if rstyle:
                for style in self._chain(rstyle, "character"):
                    found = style.find(w("rPr"))
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
        rpr = run.find(w("rPr"))
        key = (None if rpr is None else etree.tostring(rpr, with_tail=False), self._context_key(run))
        found = self._run_formats.get(key)
        if found is None:
            found = self._run_formats[key] = self._resolve_run(run)
        return found

    def _context_key(self, run: Element) -> object:
        """What a run's paragraph and table contribute to its formatting, as a key."""
        paragraph = containing(run, "p")
        if paragraph is None:
            return None
        by_paragraph = remembered((self, "context_key"))
        if by_paragraph is None:
            return self._paragraph_key(paragraph)
        found = by_paragraph.get(paragraph)
        if found is None:
            found = by_paragraph[paragraph] = self._paragraph_key(paragraph)
        return found

    @staticmethod
    def _paragraph_key(paragraph: Element) -> tuple[str | None, ...]:
        ppr = paragraph.find(w("pPr"))
        style_id = attr(ppr.find(w("pStyle")), "val") if ppr is not None else None
        table = containing(paragraph, "tbl")
        if table is None:
            return (style_id,)
        return (style_id, attr(table.find(f"{w('tblPr')}/{w('tblStyle')}"), "val"))

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
        ppr = paragraph.find(w("pPr"))
        table = containing(paragraph, "tbl")
        key = (
            None if ppr is None else etree.tostring(ppr, with_tail=False),
            None if table is None else (attr(table.find(f"{w('tblPr')}/{w('tblStyle')}"), "val"),),
        )
        found = self._paragraph_formats.get(key)
        if found is None:
            found = self._paragraph_formats[key] = self._resolve_paragraph(paragraph)
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
            borders = ppr.find(w("pBdr"))
            if borders is None:
                continue
            for side in ("bottom", "top", "between"):
                edge = borders.find(w(side))
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

_R_FONTS, _IND = w("rFonts"), w("ind")


def _children(levels: list[Element]) -> list[Children]:
    """Each level's children by tag, read once for the many attributes resolved from them."""
    out: list[Children] = []
    for level in levels:
        children: Children = {}
        for child in level:
            children.setdefault(child.tag, child)
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
