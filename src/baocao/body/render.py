"""The trusted filters that print a body: ``khoi`` (blocks) and ``phu_luc`` (appendices).

A template places them with docxtpl's paragraph tag, ``{{p noi_dung|khoi }}``: the
paragraph holding the tag is replaced by the WordprocessingML returned here (a
:class:`markupsafe.Markup`, so autoescaping leaves it as it is).  Every text is
escaped on the way in — XML specials, and the ``{_{`` that docxtpl would turn into
``{{`` after rendering — so data always prints literally.

The blocks arrive as template data (:class:`baocao.template_data.Record`, read by
attribute; a plain table cell is its value) made from :mod:`baocao.body.model`.
Paragraphs take the frame's styles (:data:`STYLES`: the builder defines them with the
decree's sizes, a clerk may restyle them in Word); tables get their widths, merges,
header rows repeated on every page (``w:tblHeader``) and rows kept whole (``w:cantSplit``).

>>> from baocao.template_data import to_template_data
>>> from baocao.body.model import Khoan
>>> xml = khoi(to_template_data([Khoan(khoan="Mục đích", noi_dung=["a & <b> {{ x }}"])]))
>>> "1. Mục đích" in xml, "a &amp; &lt;b&gt; {{ x }}" in xml
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from markupsafe import Markup, escape

from baocao import nd30
from baocao.body.model import PLAIN_CELLS, grid, parse_width, total_row
from baocao.formatting import VIETNAMESE_LETTERS, format_number, to_letter, to_roman, upper_vi
from baocao.markup import parse_emphasis
from baocao.prepared import defer

STYLE_BODY = "Noidung"
STYLE_BLOCK = "Khung"
STYLES = {
    "muc": "Muc",
    "khoan": "Khoan",
    "tieu_khoan": "Tieukhoan",
    "diem": "Diem",
    "y1": "Gachdaudong",
    "y2": "Daucong",
    "y3": "Ycon",
    "so": "Doandanhso",
    "o": "Obang",
}
"""The style id of each kind of paragraph (the builder names the styles: "Tieu khoan" …)."""

MARKERS = {1: "-", 2: "+", 3: ""}
"""The list markers by level: "-", then "+", then one unmarked level."""


APPENDIX_CELL_MARGIN = 57
"""The left and right cell margins of an appendix's tables (twips, 1 mm; Word's default is
1,9 mm): dense tables of figures keep their room for the figures."""

DEFERRED_ROWS = 64
"""A table body longer than this is written row by row after the rest of the document is
built, in a prepared render (:func:`baocao.prepared.defer`): its rows do not stay in memory."""

LANDSCAPE_COLUMNS = 8
"""A table with this many columns or more turns its appendix's page (unless told)."""


# --- the filters ----------------------------------------------------------------------------


def khoi(blocks: Any, rong: int | None = None) -> Markup:
    """Filter ``khoi``: the blocks of a body as WordprocessingML; ``rong`` is the
    text width in twips (the portrait page's by default)."""
    width = int(rong) if rong else nd30.TEXT_WIDTH.twips
    return Markup("".join(_Writer(width, nd30.BANG).blocks(blocks or ())))


def phu_luc(appendices: Any) -> Markup:
    """Filter ``phu_luc``: each appendix after the signature, in its own section.

    Each item (:class:`baocao.frame.context.PhuLucIn`) has ``nhan`` ("PHỤ LỤC I"),
    ``ten``, ``kem_theo``, ``ngang`` and ``noi_dung``.  The section break that closes
    the body comes from the template; each appendix ends with its own, which restarts
    the page numbers (none on its first page: ``titlePg``).
    """
    out: list[str] = []
    for item in appendices or ():
        landscape = bool(item.ngang)
        width = (nd30.LANDSCAPE_TEXT_WIDTH if landscape else nd30.TEXT_WIDTH).twips
        out.append(_line(item.nhan, size=nd30.PHU_LUC.frame.pt, bold=True))
        out.append(_line(upper_vi(item.ten), size=nd30.TEN_PHU_LUC.frame.pt, bold=True))
        out.append(_line(item.kem_theo, size=nd30.NOI_DUNG.frame.pt, italic=True))
        out.append(_rule(width, nd30.RULE_PHU_LUC.twips))
        out.extend(_Writer(width, nd30.BANG_PHU_LUC, APPENDIX_CELL_MARGIN).blocks(item.noi_dung))
        out.append(_section_end(landscape))
    return Markup("".join(out))


def needs_landscape(tables: Iterable[Any], *, width: int = nd30.TEXT_WIDTH.twips) -> bool:
    """Whether tables (:class:`~baocao.body.model.BangDuLieu`) need a landscape page:
    many columns, or fixed widths wider than a portrait page."""
    for table in tables:
        if len(table.cot) >= LANDSCAPE_COLUMNS:
            return True
        fixed = sum(_fixed_width(c.rong) or 0 for c in table.cot)
        if fixed > width:
            return True
    return False


# --- blocks ---------------------------------------------------------------------------------


class _Writer:
    """Writes blocks; keeps the numbering of each level."""

    def __init__(self, width: int, cell_size: Any, cell_margin: int | None = None) -> None:
        self.width = width
        self.cell_size = cell_size
        self.cell_margin = cell_margin

    def blocks(self, blocks: Iterable[Any], parent: str = "") -> Iterator[str]:
        counters: dict[str, int] = {}
        for block in blocks:
            kind = _kind(block)
            if kind in STYLES and kind in ("muc", "khoan", "tieu_khoan", "diem"):
                number = _next_number(counters, kind, block.so)
                label = block.so or _label(kind, number, parent)
                title = upper_vi(block[kind]) if kind == "muc" else block[kind]
                yield _paragraph(STYLES[kind], f"{label} {title}")
                child_parent = _plain_number(label) if kind == "khoan" else parent
                yield from self.blocks(block.noi_dung, child_parent)
            elif kind == "doan":
                yield _paragraph(STYLE_BODY, block.doan)
            elif kind == "danh_sach":
                yield from _items(block.danh_sach, 1)
            elif kind == "danh_so":
                yield from _numbered(block.danh_so, block.kieu)
            elif kind == "bang":
                yield from self.table(block.bang)
            elif kind == "ngat_trang":
                yield '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'

    def table(self, table: Any) -> Iterator[str]:
        if table.tieu_de:
            yield _line(table.tieu_de, size=float(self.cell_size.pt), bold=True, space_before=6)
        if table.don_vi_tinh:
            yield _line(f"Đơn vị tính: {table.don_vi_tinh}", size=float(self.cell_size.pt), italic=True,
                        align="right")
        yield _table(table, self.width, self.cell_size, self.cell_margin)
        yield _line("", size=float(self.cell_size.pt))  # Word merges two tables with nothing between


def _kind(block: Any) -> str:
    for key in ("muc", "khoan", "tieu_khoan", "diem", "doan", "danh_sach", "danh_so", "bang", "ngat_trang"):
        if key in block:
            return key
    raise TypeError(f"khối nội dung không rõ loại: {sorted(block)}")


_GIVEN = {
    "muc": re.compile(r"^([IVXLC]+)\."),
    "khoan": re.compile(r"^(\d+)\."),
    "tieu_khoan": re.compile(r"^\d+\.(\d+)\.?"),
    "diem": re.compile(r"^([a-zđ])\)"),
}


def _next_number(counters: dict[str, int], kind: str, given: str | None) -> int:
    """The number of this heading: one more than the last of its kind, or the given
    label's own number (the next ones continue from it)."""
    number = counters.get(kind, 0) + 1
    if given:
        match = _GIVEN[kind].match(given)
        if match is not None:
            number = _parse_number(kind, match.group(1), number)
    counters[kind] = number
    return number


def _parse_number(kind: str, text: str, default: int) -> int:
    if kind == "muc":
        return from_roman(text) or default
    if kind == "diem":
        return VIETNAMESE_LETTERS.index(text) + 1 if text in VIETNAMESE_LETTERS else default
    return int(text)


def from_roman(text: str) -> int | None:
    """The value of a Roman numeral, None if it is not one.

    >>> from_roman("IV"), from_roman("XII"), from_roman("IIII")
    (4, 12, None)
    """
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for index, char in enumerate(text):
        value = values.get(char)
        if value is None:
            return None
        following = values.get(text[index + 1], 0) if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total if total and to_roman(total) == text else None


def _label(kind: str, number: int, parent: str) -> str:
    if kind == "muc":
        return f"{to_roman(number)}."
    if kind == "khoan":
        return f"{number}."
    if kind == "tieu_khoan":
        return f"{parent or 1}.{number}."
    return f"{to_letter(number)})"


def _plain_number(label: str) -> str:
    match = re.match(r"^(\d+)", label)
    return match.group(1) if match else ""


def _items(items: Sequence[Any], level: int) -> Iterator[str]:
    for item in items:
        marker = MARKERS[level]
        yield _paragraph(STYLES[f"y{level}"], item.y, marker=marker)
        if item.danh_sach:
            yield from _items(item.danh_sach, min(level + 1, 3))


def _numbered(items: Sequence[Any], kieu: str) -> Iterator[str]:
    number = 0
    for item in items:
        number += 1
        if item.so:  # "5." / "(5)" / "e)": the next ones continue from it
            match = re.match(r"^\(?(\d+)|^([a-zđ])\)", item.so)
            if match is not None and match[1]:
                number = int(match[1])
            elif match is not None and match[2] in VIETNAMESE_LETTERS:
                number = VIETNAMESE_LETTERS.index(match[2]) + 1
        automatic = {"1.": f"{number}.", "(1)": f"({number})"}.get(kieu) or f"{to_letter(number)})"
        label = item.so or automatic
        yield _paragraph(STYLES["so"], f"{label} {item.y}")
        if item.danh_sach:
            yield from _items(item.danh_sach, 1)


# --- paragraphs and runs --------------------------------------------------------------------


def _paragraph(style: str, text: str, *, marker: str | None = None, properties: str = "") -> str:
    runs = ""
    if marker:
        runs = f"<w:r>{_t(marker)}</w:r><w:r><w:tab/></w:r>"
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{properties}</w:pPr>{runs}{_runs(text)}</w:p>'


_PLAIN = re.compile(r"[^*^~\\\n\r\t{}%<>&\"']*")
"""A text with nothing to parse or escape (most table cells: names, figures)."""


def _runs(text: str, *, size: float | None = None, bold: bool = False, italic: bool = False) -> str:
    if _PLAIN.fullmatch(text):
        if not text:
            return ""
        props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        if size is not None:
            props += f'<w:sz w:val="{round(size * 2)}"/>'
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'
    out = []
    for run in parse_emphasis(str(text)):
        props = ""
        if bold or run.bold:
            props += "<w:b/>"
        if italic or run.italic:
            props += "<w:i/>"
        if size is not None:
            props += f'<w:sz w:val="{round(size * 2)}"/>'
        if run.superscript or run.subscript:
            props += f'<w:vertAlign w:val="{"superscript" if run.superscript else "subscript"}"/>'
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        pieces = run.text.replace("\r\n", "\n").split("\n")
        body = "<w:br/>".join(_t(piece) for piece in pieces)
        out.append(f"<w:r>{rpr}{body}</w:r>")
    return "".join(out)


_DOCXTPL_MARKS = re.compile(r"([{}%])_")


def _t(text: str) -> str:
    """``<w:t>`` with the text escaped; ``{_`` and the like are split over two elements
    so docxtpl's post-render replacement (``{_{`` → ``{{``) cannot touch them."""
    escaped = str(escape(text.replace("\t", " ")))
    escaped = _DOCXTPL_MARKS.sub(r'\1</w:t><w:t xml:space="preserve">_', escaped)
    return f'<w:t xml:space="preserve">{escaped}</w:t>'


_JC = {"trai": "left", "giua": "center", "phai": "right", "deu": "both", "left": "left",
       "center": "center", "right": "right"}


def _line(text: str, *, size: float, bold: bool = False, italic: bool = False, align: str = "center",
          space_before: float = 0) -> str:
    spacing = f'<w:spacing w:before="{round(space_before * 20)}"/>' if space_before else ""
    mark = f'<w:rPr><w:sz w:val="{round(size * 2)}"/></w:rPr>'
    return (f'<w:p><w:pPr><w:pStyle w:val="{STYLE_BLOCK}"/>{spacing}<w:jc w:val="{_JC[align]}"/>{mark}'
            f"</w:pPr>{_runs(text, size=size, bold=bold, italic=italic) if text else ''}</w:p>")


def _rule(container: int, length: int) -> str:
    """A centred short rule: the bottom border of an empty paragraph :data:`nd30.RULE_LINE`
    high, as the frame draws its rules (a clear gap under the text, not an underline)."""
    side = max((container - length) // 2, 0)
    return (f'<w:p><w:pPr><w:pStyle w:val="{STYLE_BLOCK}"/><w:pBdr><w:bottom w:val="single" w:sz="6" '
            f'w:space="1" w:color="000000"/></w:pBdr><w:spacing w:before="0" w:after="'
            f'{nd30.SPACE_AFTER_KEM_THEO.twips}" w:line="{nd30.RULE_LINE.twips}" w:lineRule="exact"/>'
            f'<w:ind w:left="{side}" w:right="{side}" w:firstLine="0"/>'
            f'<w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>')


def _section_end(landscape: bool) -> str:
    width, height = nd30.A4.frame_width.twips, nd30.A4.frame_height.twips
    size = (f'<w:pgSz w:w="{height}" w:h="{width}" w:orient="landscape"/>' if landscape
            else f'<w:pgSz w:w="{width}" w:h="{height}"/>')
    margins = (f'<w:pgMar w:top="{nd30.MARGIN_TOP.frame.twips}" w:right="{nd30.MARGIN_RIGHT.frame.twips}" '
               f'w:bottom="{nd30.MARGIN_BOTTOM.frame.twips}" w:left="{nd30.MARGIN_LEFT.frame.twips}" '
               f'w:header="{nd30.HEADER_DISTANCE.twips}" w:footer="{nd30.HEADER_DISTANCE.twips}" '
               'w:gutter="0"/>')
    return (f'<w:p><w:pPr><w:pStyle w:val="{STYLE_BLOCK}"/><w:sectPr>{size}{margins}'
            '<w:pgNumType w:start="1"/><w:titlePg/></w:sectPr></w:pPr></w:p>')


# --- tables ---------------------------------------------------------------------------------


def _fixed_width(value: str | None) -> int | None:
    if not value:
        return None
    number, unit = parse_width(value)
    if unit == "cm":
        return round(number * 567)
    if unit == "mm":
        return round(number * Decimal("56.7"))
    return None


def column_widths(columns: Sequence[Any], width: int) -> list[int]:
    """Each column's width in twips: fixed ones as given, relative ones sharing the rest.

    >>> from baocao.body.model import Cot
    >>> column_widths([Cot(ten="STT", rong="1cm"), Cot(ten="A", rong="3"), Cot(ten="B")], 4567)
    [567, 3000, 1000]
    """
    fixed = [_fixed_width(c.rong) for c in columns]
    shares = [Decimal(1) if c.rong is None else parse_width(c.rong)[0] for c in columns]
    rest = max(width - sum(f or 0 for f in fixed), 0)
    total_share = sum((s for s, f in zip(shares, fixed, strict=True) if f is None), Decimal(0))
    widths = []
    for share, given in zip(shares, fixed, strict=True):
        if given is not None:
            widths.append(given)
        else:
            widths.append(int(rest * share / total_share) if total_share else 0)
    return widths


def _layout(rows: Sequence[Any], width: int) -> Iterator[list[tuple[int, Any, bool]]]:
    """For each row, (grid column, cell, is a continuation of a cell above) in order, one
    row at a time (:func:`grid`): across rows only the cells still spanning down are kept."""
    continuing: dict[int, list[tuple[int, Any]]] = {}  # row index -> the cells above reaching it
    for r, row in enumerate(grid(rows, width)):
        for column, cell in row:
            if not isinstance(cell, PLAIN_CELLS):
                for dr in range(1, cell.gop_dong):
                    continuing.setdefault(r + dr, []).append((column, cell))
        cells = [(c, cell, False) for c, cell in row]
        below = continuing.pop(r, None)
        if below:
            cells += [(c, cell, True) for c, cell in below]
            cells.sort(key=lambda item: item[0])
        yield cells


def _table(table: Any, width: int, cell_size: Any, cell_margin: int | None = None) -> str:
    columns = list(table.cot)
    widths = column_widths(columns, width)
    header = list(table.dau) if table.dau is not None else [
        _Row([_Cell(c.ten) for c in columns], bold=True)
    ]
    body = list(table.dong)
    total = total_row(table)
    sections: list[tuple[list[Any], str]] = [(header, "header"), (body, "body")]
    if total is not None:
        sections.append(([total], "total"))
    grid_xml = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    numbers: dict[Any, str] = {}

    def rows_of(rows: list[Any], role: str) -> Iterator[str]:
        for row, cells in zip(rows, _layout(rows, len(columns)), strict=True):
            yield _row(row, cells, columns, widths, role, table.lap_tieu_de, cell_size, numbers)

    rows_xml: list[str] = []
    for rows, role in sections:
        # a long body's rows are written with the serialised document, not held in it
        marker = defer(partial(rows_of, rows, role)) if role == "body" and len(rows) > DEFERRED_ROWS else None
        rows_xml.extend(rows_of(rows, role) if marker is None else (marker,))
    margins = (f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/><w:right w:w="{cell_margin}" '
               'w:type="dxa"/></w:tblCellMar>' if cell_margin is not None else "")
    borders = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>{margins}'
            f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid_xml}</w:tblGrid>'
            f'{"".join(rows_xml)}</w:tbl>')


def _row(row: Any, cells: list[tuple[int, Any, bool]], columns: list[Any], widths: list[int], role: str,
         repeat: bool, cell_size: Any, numbers: dict[Any, str]) -> str:
    """One ``w:tr``; ``numbers`` caches the printed form of the table's numbers (a large
    table repeats its small counts), by type and digits."""
    head = "<w:tblHeader/>" if role == "header" and repeat else ""
    out = [f"<w:tr><w:trPr><w:cantSplit/>{head}</w:trPr>"]
    given = getattr(row, "dam", None)
    bold_row = bool(given) if given is not None else role in ("header", "total")
    italic_row = bool(getattr(row, "nghieng", False))
    size = float(getattr(row, "co_chu", None) or cell_size.pt)
    start = f'<w:p><w:pPr><w:pStyle w:val="{STYLES["o"]}"/><w:jc w:val="'
    mark = f'"/><w:rPr><w:sz w:val="{round(size * 2)}"/></w:rPr></w:pPr>'
    for column, cell, continuation in cells:
        if isinstance(cell, PLAIN_CELLS):  # a plain cell's template data is its value
            value, span, down, own_align, bold, italic = cell, 1, 1, None, bold_row, italic_row
        else:
            value, span, down, own_align = cell.o, int(cell.gop_cot), int(cell.gop_dong), cell.can
            bold, italic = bold_row or bool(cell.dam), italic_row or bool(cell.nghieng)
        wide = widths[column] if span == 1 else sum(widths[column:column + span])
        props = f'<w:tcW w:w="{wide}" w:type="dxa"/>'
        if span > 1:
            props += f'<w:gridSpan w:val="{span}"/>'
        if down > 1:
            props += '<w:vMerge/>' if continuation else '<w:vMerge w:val="restart"/>'
        align = "giua" if role == "header" else (own_align or columns[column].can)
        text = ""
        if not continuation:
            if value is None or isinstance(value, str):
                printed = value or ""
            else:
                key = (type(value), str(value))  # 1 == Decimal("1.0"), printed "1" and "1,0"
                printed = numbers.get(key) or numbers.setdefault(key, format_number(value))
            text = _runs(printed, size=size, bold=bold, italic=italic)
        out.append(f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>{start}{_JC[align]}{mark}'
                   f"{text}</w:p></w:tc>")
    out.append("</w:tr>")
    return "".join(out)


class _Cell:
    """A header cell made from a column title."""

    def __init__(self, text: str | None) -> None:
        self.o = text
        self.gop_cot = 1
        self.gop_dong = 1
        self.dam = True
        self.nghieng = False
        self.can = "giua"


class _Row:
    def __init__(self, cells: list[_Cell], *, bold: bool) -> None:
        self.cac_o = cells
        self.dam = bold
        self.nghieng = False
