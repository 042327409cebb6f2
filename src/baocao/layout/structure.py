"""Finding the Decree 30 elements of a document by their content and position.

Nothing here looks at formatting except where position is ambiguous (bold
tells the issuing agency from the chủ quản).  Each element is located as a
:class:`Spot`: the sequence of paragraphs it sits in (a table cell column, or
the body) and its index, so the rule-line recogniser can look at neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .formatting import StyleResolver
from .lines import is_rule_paragraph
from .ooxml import Element, own_runs, paragraph_text, run_text, w
from .text import (
    SIGN_PREFIX_LOOSE,
    is_date_line,
    is_noi_nhan,
    is_quoc_hieu,
    is_so,
    is_tieu_ngu,
    is_underscores,
    is_upper,
    normalise,
)

_NUMBERED = re.compile(r"^([IVXLC]+|\d+)\.\s")
#: How many body blocks from the top may hold the header.
_HEADER_REACH = 6


@dataclass(frozen=True)
class Spot:
    """A paragraph and the sequence it belongs to."""

    paragraphs: tuple[Element, ...]
    index: int

    @property
    def element(self) -> Element:
        return self.paragraphs[self.index]

    @property
    def text(self) -> str:
        return normalise(paragraph_text(self.element))


@dataclass
class Elements:
    """The elements recognised in one document; ``None``/empty when not found."""

    quoc_hieu: Spot | None = None
    tieu_ngu: Spot | None = None
    chu_quan: list[Spot] = field(default_factory=list)
    agency: list[Spot] = field(default_factory=list)
    so: Spot | None = None
    date: Spot | None = None
    ten_loai: Spot | None = None
    trich_yeu: list[Spot] = field(default_factory=list)
    body: list[Spot] = field(default_factory=list)
    kinh_gui: Spot | None = None
    """The «Kính gửi:» line (ô 9a) of a công văn, tờ trình or báo cáo sent upwards."""
    noi_nhan: Spot | None = None
    recipients: list[Spot] = field(default_factory=list)
    positions: list[Spot] = field(default_factory=list)
    name: Spot | None = None
    header_in_table: bool = False


def blocks(body: Element) -> list[Element]:
    """The body's paragraphs and tables in order (content controls unwrapped)."""
    out: list[Element] = []
    for child in body.iterchildren():
        if child.tag in (w("p"), w("tbl")):
            out.append(child)
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                out.extend(blocks(content))
    return out


def _cell_columns(table: Element) -> tuple[list[Element], list[Element]]:
    """Paragraphs of the first column and of the other columns, row by row."""
    left: list[Element] = []
    right: list[Element] = []
    for row in table.iterchildren(w("tr")):
        for position, cell in enumerate(row.iterchildren(w("tc"))):
            target = left if position == 0 else right
            target.extend(cell.iter(w("p")))
    return left, right


def _texts(paragraphs: Sequence[Element]) -> list[str]:
    return [normalise(paragraph_text(p)) for p in paragraphs]


def recognise(body: Element, resolver: StyleResolver) -> Elements:
    """Recognise the elements of the document whose ``w:body`` is *body*."""
    found = Elements()
    items = blocks(body)
    header_end = _recognise_header(items, found, resolver)
    if found.quoc_hieu is None:
        return found
    flow_start = header_end + 1
    closing_at = _recognise_closing(items, flow_start, found)
    flow = tuple(b for b in items[flow_start:closing_at] if b.tag == w("p"))
    body_from = _recognise_title(flow, found, resolver)
    kinh_gui = _kinh_gui_at(flow, body_from)
    if kinh_gui is not None:
        found.kinh_gui = Spot(flow, kinh_gui)
    skipped = set(_kinh_gui_lines(flow, body_from))
    found.body = [
        Spot(flow, i)
        for i in range(body_from, len(flow))
        if i not in skipped and _is_body_text(flow[i], resolver)
    ]
    return found


def _kinh_gui_at(flow: tuple[Element, ...], start: int) -> int | None:
    """Index of the first «Kính gửi:» paragraph from *start*, or ``None``."""
    texts = _texts(flow)
    return next(
        (i for i in range(start, len(flow)) if texts[i].upper().startswith("KÍNH GỬI")), None
    )


def _kinh_gui_lines(flow: tuple[Element, ...], start: int) -> Iterator[int]:
    """The recipient lines under «Kính gửi:» (ô 9a): «- …;» lines, the last ending «.»."""
    index = _kinh_gui_at(flow, start)
    if index is None:
        return
    texts = _texts(flow)
    following = index + 1
    while following < len(flow) and texts[following].startswith("-"):
        yield following
        if texts[following].endswith("."):
            break
        following += 1


def _recognise_header(items: list[Element], found: Elements, resolver: StyleResolver) -> int:
    """Fill the header elements; return the index of the last header block."""
    for position, block in enumerate(items[:_HEADER_REACH]):
        if block.tag == w("tbl"):
            left, right = _cell_columns(block)
            if any(is_quoc_hieu(t) for t in _texts(right + left)):
                found.header_in_table = True
                _header_columns(tuple(left), tuple(right), found, resolver)
                return position
        elif is_quoc_hieu(paragraph_text(block)):
            # A header typed as plain paragraphs: everything up to the date line.
            end = position
            for later in range(position, min(len(items), position + 12)):
                if items[later].tag == w("p") and is_date_line(paragraph_text(items[later])):
                    end = later
                    break
            paragraphs = tuple(b for b in items[: end + 1] if b.tag == w("p"))
            _header_columns((), paragraphs, found, resolver)
            return end
    return -1


def _header_columns(
    left: tuple[Element, ...], right: tuple[Element, ...], found: Elements,
    resolver: StyleResolver,
) -> None:
    right_texts = _texts(right)
    left_texts = _texts(left)
    for i, text in enumerate(right_texts):
        if found.quoc_hieu is None and is_quoc_hieu(text):
            found.quoc_hieu = Spot(right, i)
        elif found.quoc_hieu is not None and found.tieu_ngu is None and is_tieu_ngu(text):
            found.tieu_ngu = Spot(right, i)
    if found.quoc_hieu is None:  # quốc hiệu typed in the left column
        for i, text in enumerate(left_texts):
            if is_quoc_hieu(text):
                found.quoc_hieu = Spot(left, i)
    for column, texts in ((left, left_texts), (right, right_texts)):
        for i, text in enumerate(texts):
            if found.so is None and is_so(text):
                found.so = Spot(column, i)
            if found.date is None and is_date_line(text):
                found.date = Spot(column, i)
    if left:
        stop = found.so.index if found.so is not None and found.so.paragraphs is left else len(left)
        lines = [
            Spot(left, i)
            for i in range(stop)
            if left_texts[i]
            and not is_underscores(left_texts[i])
            and not left_texts[i].lower().startswith("v/v")
            and not is_quoc_hieu(left_texts[i])
            and not is_rule_paragraph(left[i], resolver)
        ]
        bold = [_all_bold(s.element, resolver) for s in lines]
        if any(bold):
            first_bold = bold.index(True)
            found.chu_quan = lines[:first_bold]
            found.agency = lines[first_bold:]
        else:
            found.agency = lines


def _all_bold(paragraph: Element, resolver: StyleResolver) -> bool:
    runs = [r for r in own_runs(paragraph) if run_text(r).strip()]
    return bool(runs) and all(resolver.run_format(r).bold for r in runs)


def _recognise_title(
    flow: tuple[Element, ...], found: Elements, resolver: StyleResolver
) -> int:
    """Fill tên loại and trích yếu from the paragraphs after the header; return body start."""
    texts = _texts(flow)
    first = next((i for i, t in enumerate(texts) if t and not is_underscores(t)), None)
    if first is None:
        return len(flow)
    head = texts[first]
    if (not is_upper(head) or head.upper().startswith("KÍNH GỬI") or len(head) > 80
            or _NUMBERED.match(head)):
        return first  # a công văn: the body starts at once (maybe with «I. …»)
    found.ten_loai = Spot(flow, first)
    index = first + 1
    while index < len(flow) and len(found.trich_yeu) < 3:
        text = texts[index]
        if not text or is_rule_paragraph(flow[index], resolver):
            break
        if found.trich_yeu and resolver.paragraph_format(flow[index]).alignment != "center":
            break
        found.trich_yeu.append(Spot(flow, index))
        index += 1
    # Skip the rule under the trích yếu and blank lines before the body.
    while index < len(flow) and (
        not texts[index] or is_rule_paragraph(flow[index], resolver)
    ):
        index += 1
    return index


def _is_body_text(paragraph: Element, resolver: StyleResolver) -> bool:
    text = normalise(paragraph_text(paragraph))
    if not text or is_underscores(text) or is_rule_paragraph(paragraph, resolver):
        return False
    # «Kính gửi:» is ô 9a; «Đơn vị tính: …» is a table's caption, right-aligned.
    return not text.upper().startswith(("KÍNH GỬI", "ĐƠN VỊ TÍNH"))


def _recognise_closing(items: list[Element], start: int, found: Elements) -> int:
    """Fill Nơi nhận and the signature block; return the block index where they start."""
    for position in range(start, len(items)):
        block = items[position]
        if block.tag == w("tbl"):
            if _closing_table(block, found):
                return position
        else:
            text = paragraph_text(block)
            if is_noi_nhan(text) or SIGN_PREFIX_LOOSE.match(normalise(text)):
                _closing_flow(tuple(b for b in items[position:] if b.tag == w("p")), found)
                return position
    return len(items)


def _closing_table(table: Element, found: Elements) -> bool:
    for row in table.iterchildren(w("tr")):
        cells = list(row.iterchildren(w("tc")))
        for position, cell in enumerate(cells):
            paragraphs = tuple(cell.iter(w("p")))
            texts = _texts(paragraphs)
            if any(is_noi_nhan(t) for t in texts):
                at = next(i for i, t in enumerate(texts) if is_noi_nhan(t))
                found.noi_nhan = Spot(paragraphs, at)
                found.recipients = [
                    Spot(paragraphs, i) for i in range(at + 1, len(texts)) if texts[i]
                ]
                others = cells[position + 1 :] or cells[:position]
                if others:
                    _signature(tuple(others[-1].iter(w("p"))), found)
                return True
            if texts and any(SIGN_PREFIX_LOOSE.match(t) for t in texts[:2] if t):
                _signature(paragraphs, found)
                return True
    return False


def _closing_flow(paragraphs: tuple[Element, ...], found: Elements) -> None:
    """Nơi nhận and signature typed as plain paragraphs, one after the other."""
    texts = _texts(paragraphs)
    sign_at = next(
        (i for i, t in enumerate(texts) if SIGN_PREFIX_LOOSE.match(t)), len(paragraphs)
    )
    for i, text in enumerate(texts[:sign_at]):
        if is_noi_nhan(text):
            found.noi_nhan = Spot(paragraphs, i)
            found.recipients = [Spot(paragraphs, j) for j in range(i + 1, sign_at) if texts[j]]
            break
    if sign_at < len(paragraphs):
        _signature(paragraphs[sign_at:], found)


def _signature(paragraphs: tuple[Element, ...], found: Elements) -> None:
    """Positions: the lines before the blank space for the signature; name: the last line."""
    texts = _texts(paragraphs)
    filled = [i for i, t in enumerate(texts) if t and not _is_placeholder(t)]
    if not filled:
        return
    positions: list[int] = []
    for i in filled:
        if positions and i != positions[-1] + 1:
            break
        if not positions and i != filled[0]:
            break
        positions.append(i)
    rest = [i for i in filled if i not in positions]
    if not rest and len(positions) > 1 and not is_upper(texts[positions[-1]]):
        rest = [positions.pop()]
    found.positions = [Spot(paragraphs, i) for i in positions]
    if rest:
        found.name = Spot(paragraphs, rest[-1])


def _is_placeholder(text: str) -> bool:
    """Stand-ins for the signature and seal: «(Đã ký)», «[ (Chữ ký, dấu)»…"""
    stripped = text.lstrip("[( ").lower()
    return text.lstrip().startswith(("(", "[")) or stripped.startswith(("đã ký", "chữ ký"))


def all_paragraphs(body: Element) -> Iterator[Element]:
    """Every paragraph of the body: in tables and text boxes too."""
    yield from body.iter(w("p"))
