"""A body pasted as text: one paragraph per line, the labels as the structure.

A clerk copies the body out of a Word document instead of nesting YAML: into the
data file as a literal block (``noi_dung: |``), or into a ``.md`` / ``.txt`` file
beside it (``noi_dung: {tep: noi-dung.md}``).  Any ``noi_dung`` may be given so —
a whole body, one section's, an appendix's.  Each line is read as a block::

    I. MỤC ĐÍCH, YÊU CẦU            → muc (its label is the frame's: stripped)
    **1. Mục đích**                 → khoan: a bold "1." line is a heading …
    1. Sở Tài chính: …              → … a plain one a numbered paragraph (danh_so)
    1.1. Tôm nuôi nước lợ           → tieu_khoan
    **a) Tập thể**                  → diem (plain "a) …": danh_so «a)»; "(1) …": «(1)»)
    - Ủy ban nhân dân xã, phường;   → danh_sach, first level (also «–», «•»)
    + 01 vị trí …                   → its second level
        Tình hình thực hiện …       → indented under a "+": the third, unmarked level
    | STT | Nội dung |              → a table (pipe rows; see :func:`_table`), and right
    {rong: [1cm, 6], tong: true}        under it, its options (widths, alignment, totals)
    ---                             → a page break (also a form feed)
    anything else                   → a paragraph

An empty line separates nothing (it ends a table).  ``**đậm**`` and ``*nghiêng*``
stay as they are: the body's own markup (:mod:`baocao.markup`) prints them.  A "-"
right after a numbered paragraph is one of its items, as in YAML.

The labels are the structure, so they must follow each other as the frame numbers
them: a label out of order («I.» then «III.») is a located error (``dan-sai-thu-tu``),
not a number printed as typed.  A label pasted twice («I. I. Mục tiêu») is what the
block model already refuses (``nhan-lap``), at that line.  The result is the same data
the YAML would hold, so the blocks are the same objects and every error of the block
model is reported at the pasted line — in the data file for a literal block, in the
text file for ``tep`` (see :func:`expand_pasted`).

Why not a Markdown parser (markdown-it-py): Markdown reads exactly these lines its own
way — "1." and "-" open lists that swallow the following lines (lazy continuation)
and are renumbered, "+" is the same bullet as "-", "I." and "a)" are text, ``_``,
``<``, ``&``, ``[…]`` change the text — so the body cannot go through it; it could
only split pipe rows, and its GFM tables have one header row and no merged cells,
which the real appendices need.  Splitting a row at the unescaped "|" is a few lines
here; the emphasis is already the body's own (formula-safe) markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from baocao.body.render import from_roman
from baocao.consistency import RuleTable
from baocao.errors import DataError, Finding
from baocao.formatting import VIETNAMESE_LETTERS, format_number, to_letter, to_roman
from baocao.loading import MAX_FILE_BYTES, LoadedData, Origin, Path_, dotted, read_regular

RULES = RuleTable(__name__, [
    ("dan-sai-thu-tu", "error", "nội dung dán",
     "nhãn «{nhan}» không đúng thứ tự: ở đây {loai} tiếp theo là «{mong_doi}»; hãy sửa nhãn (khung "
     "tự đánh số theo thứ tự), hoặc ghi phần này trong YAML với «so: \"{nhan}\"» nếu văn bản gốc "
     "đánh như vậy"),
    ("dan-y-mo-coi", "error", "nội dung dán",
     "{dong} không có ý cấp trên ngay trước nó ({can}); hãy thêm ý đó hoặc đổi dấu đầu dòng"),
    ("dan-bang-thieu-dong-ke", "error", "nội dung dán",
     "bảng chưa có dòng kẻ dưới tiêu đề (ví dụ «|---|---|», mỗi cột một ô «---»); dòng «|» đầu "
     "tiên là tiêu đề, sau đó là dòng kẻ, rồi các dòng dữ liệu"),
    ("dan-bang-le-o", "error", "nội dung dán",
     "dòng bảng có {co} ô nhưng dòng kẻ của bảng có {so_cot} cột; mỗi dòng ghi đủ {so_cot} ô "
     "(ô gộp ghi «^^» hoặc «<<»)"),
    ("dan-gop-sai", "error", "nội dung dán",
     "ô «{dau}» ở cột {cot} không có {ben} để gộp vào; «^^» gộp với ô ngay trên, «<<» gộp với ô "
     "ngay bên trái (trong cùng phần tiêu đề hoặc cùng phần dữ liệu)"),
    ("dan-bang-tuy-chon", "error", "nội dung dán",
     "dòng tùy chọn của bảng «{dong}» {ly_do}; viết như «{{rong: [1.2cm, 6, 2.5], can: [giua, deu, phai], "
     "tong: true}}»: «rong», «can» mỗi cột một giá trị, «cong» các số thứ tự cột được cộng, «tong» là "
     "true (tự cộng) hoặc dong_cuoi (dòng cuối là dòng tổng, được đối chiếu)"),
    ("dan-gap-dong", "error", "nội dung dán",
     "nội dung dán vào YAML phải viết sau «|» (giữ nguyên từng dòng); «>» nối các dòng thành một "
     "đoạn nên cấu trúc I., 1., a), - bị mất"),
    ("dan-tep-sai", "error", "nội dung dán",
     "«tep» của nội dung phải là tệp văn bản .md hoặc .txt (nhận được «{ten}»); hãy lưu nội dung "
     "từ Word thành tệp .txt (UTF-8) hoặc .md"),
    ("dan-tep-khong-doc-duoc", "error", "nội dung dán",
     "không đọc được tệp nội dung «{ten}»: {ly_do}"),
])
"""The problems of a pasted body (the block model's own rules apply to what it gives)."""

TEXT_SUFFIXES = (".md", ".txt")
"""The files a ``noi_dung: {tep: …}`` may name."""

PAGE_BREAK = re.compile(r"^(?:-{3,}|\f)$")
_HEADING = {
    "muc": re.compile(r"^(?P<nhan>(?P<so>[IVXLC]+)\.)\s+(?P<ten>\S.*)$"),
    "tieu_khoan": re.compile(r"^(?P<nhan>(?P<cha>\d+)\.(?P<so>\d+)\.?)\s+(?P<ten>\S.*)$"),
}
_NUMBERED = {
    "1.": re.compile(r"^(?P<nhan>(?P<so>\d+)\.)\s+(?P<ten>\S.*)$"),
    "a)": re.compile(r"^(?P<nhan>(?P<so>[a-zđ])\))\s+(?P<ten>\S.*)$"),
    "(1)": re.compile(r"^(?P<nhan>\((?P<so>\d+)\))\s+(?P<ten>\S.*)$"),
}
_HEADING_OF = {"1.": "khoan", "a)": "diem"}
"""A numbered line that is bold is this heading instead."""
_BULLET = re.compile(r"^(?P<dau>[-–•·+])\s+(?P<ten>\S.*)$")
_DELIMITER_CELL = re.compile(r"^\s*(?P<trai>:)?-+(?P<phai>:)?\s*$")
_LEVEL = {"muc": 1, "khoan": 2, "tieu_khoan": 3, "diem": 4}
_NAMES = {"muc": "mục", "khoan": "khoản", "tieu_khoan": "tiểu khoản", "diem": "điểm",
          "1.": "đoạn đánh số", "a)": "đoạn đánh chữ", "(1)": "đoạn đánh số"}
_COVERED_ABOVE, _COVERED_LEFT = "^^", "<<"


@dataclass(frozen=True)
class Problem:
    """A mistake in the text, at its line (1-based) and column."""

    line: int
    column: int
    code: str
    message: str


@dataclass
class Pasted:
    """A body read from text: the data YAML would hold, and where each part was."""

    blocks: list[Any] = field(default_factory=list)
    places: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """(line, column) in the text of each block, item, row — by path inside ``blocks``."""
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Open:
    """A container blocks are added to: the body or a heading's ``noi_dung``."""

    level: int
    blocks: list[Any]
    path: Path_
    counters: dict[str, int] = field(default_factory=dict)
    khoan: int = 0
    """The number of the khoản this container is (for its "1.1." labels)."""


def parse_pasted(text: str) -> Pasted:
    """The blocks of a body pasted as text (see the module's docstring).

    >>> pasted = parse_pasted("I. MỤC TIÊU\\n**1. Mục tiêu chung**\\n- Quan trắc;\\n+ 01 vị trí.")
    >>> pasted.blocks
    [{'muc': 'MỤC TIÊU', 'noi_dung': [{'khoan': 'Mục tiêu chung', 'noi_dung': [{'danh_sach': \
[{'y': 'Quan trắc;', 'danh_sach': ['01 vị trí.']}]}]}]}]
    >>> pasted.places[(0, "noi_dung", 0, "noi_dung", 0, "danh_sach", 0, "danh_sach", 0)]
    (4, 1)
    >>> parse_pasted("1. Sở Tài chính: …\\n- lập dự toán;\\n2. UBND các xã: …").blocks
    [{'danh_so': [{'y': 'Sở Tài chính: …', 'danh_sach': ['lập dự toán;']}, 'UBND các xã: …'], 'kieu': '1.'}]
    >>> [p.code for p in parse_pasted("I. Một\\nIII. Ba").problems]
    ['dan-sai-thu-tu']
    """
    return _Reader(text).read()


class _Reader:
    def __init__(self, text: str) -> None:
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.out = Pasted()
        self.stack = [_Open(0, self.out.blocks, ())]
        self.list_path: Path_ | None = None
        """The list the last line added an item to (bullets continue it)."""
        self.item_paths: dict[int, Path_] = {}
        """The last item at each list level (1: "-", 2: "+", 3: unmarked)."""
        self.numbered: tuple[Path_, str, int] | None = None
        """The numbered paragraphs the last lines belong to: path, kind, last number."""

    def read(self) -> Pasted:
        index = 0
        while index < len(self.lines):
            raw = self.lines[index].rstrip()
            number = index + 1
            if raw.lstrip().startswith("|"):
                end = index
                while end < len(self.lines) and self.lines[end].strip().startswith("|"):
                    end += 1
                options = end if end < len(self.lines) and _OPTIONS.match(self.lines[end]) else None
                self._table(index, end, options)
                index = end + (options is not None)
                continue
            index += 1
            if not raw.strip():
                continue
            self._line(raw, number)
        return self.out

    # --- one line ------------------------------------------------------------------------

    def _line(self, raw: str, number: int) -> None:
        indent = len(raw) - len(raw.lstrip())
        column = indent + 1
        text = raw.strip().replace("\t", " ")
        if PAGE_BREAK.match(text):
            self._end_lists()
            self._add(self.stack[-1], {"ngat_trang": True}, number, column)
            return
        bold, plain = _unbold(text)
        heading = _HEADING["muc"].match(plain)
        if heading is not None and from_roman(heading["so"]) is not None:
            self._heading("muc", heading, number, column)
            return
        heading = _HEADING["tieu_khoan"].match(plain)
        if heading is not None and (bold or heading["nhan"].endswith(".")):
            self._heading("tieu_khoan", heading, number, column)
            return
        for kieu, pattern in _NUMBERED.items():
            match = pattern.match(plain)
            if match is None:
                continue
            kind = _HEADING_OF.get(kieu)
            if bold and kind is not None:
                self._heading(kind, match, number, column)
            else:
                self._numbered(kieu, match, number, column, bold=bold)
            return
        bullet = _BULLET.match(text)
        if bullet is not None:
            self._item(2 if bullet["dau"] == "+" else 1, bullet["ten"], number, column, text)
            return
        if indent and self.list_path is not None and max(self.item_paths, default=0) >= 2:
            self._item(3, text, number, column, text)
            return
        self._end_lists()
        self._add(self.stack[-1], text, number, column)

    def _heading(self, kind: str, match: re.Match[str], number: int, column: int) -> None:
        self._end_lists()
        level = _LEVEL[kind]
        while self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1]
        expected = parent.counters.get(kind, 0) + 1
        given: int | None
        if kind == "tieu_khoan":
            given = int(match["so"])
            want = f"{parent.khoan or 1}.{expected}."
            ok = given == expected and int(match["cha"]) == (parent.khoan or 1)
        else:
            given = _value(kind, match["so"])
            want = _label(kind, expected)
            ok = given == expected
        if not ok:
            self._problem(number, column, "dan-sai-thu-tu", nhan=match["nhan"], loai=_NAMES[kind],
                          mong_doi=want)
        parent.counters[kind] = given if given is not None else expected
        block: dict[str, Any] = {kind: match["ten"].strip(), "noi_dung": []}
        path = self._add(parent, block, number, column)
        self.stack.append(_Open(level, block["noi_dung"], (*path, "noi_dung"),
                                khoan=parent.counters[kind] if kind == "khoan" else parent.khoan))

    def _numbered(self, kieu: str, match: re.Match[str], number: int, column: int, *, bold: bool) -> None:
        given = _value(kieu, match["so"])
        item_text = f"**{match['ten'].strip()}**" if bold else match["ten"].strip()
        self.list_path = None
        self.item_paths = {}
        if self.numbered is not None and self.numbered[1] == kieu and self._in_current(self.numbered[0]):
            path, _, last = self.numbered
            if given != last + 1:
                self._problem(number, column, "dan-sai-thu-tu", nhan=match["nhan"], loai=_NAMES[kieu],
                              mong_doi=_label(kieu, last + 1))
            items = self._at(path)["danh_so"]
            items.append(item_text)
            item_path = (*path, "danh_so", len(items) - 1)
        else:
            last_kept = self._last_numbered_here(kieu)
            item: Any = item_text
            if given != 1 and given == last_kept + 1:
                item = {"y": item_text, "so": match["nhan"]}  # continues after a paragraph
            elif given != 1:
                self._problem(number, column, "dan-sai-thu-tu", nhan=match["nhan"], loai=_NAMES[kieu],
                              mong_doi=_label(kieu, 1))
            path = self._add(self.stack[-1], {"danh_so": [item], "kieu": kieu}, number, column)
            item_path = (*path, "danh_so", 0)
        self.out.places[item_path] = (number, column)
        self.numbered = (path, kieu, given if given is not None else 0)
        self.item_paths = {0: item_path}

    def _item(self, level: int, text: str, number: int, column: int, line: str) -> None:
        parent_level = level - 1
        if parent_level == 0:
            if self.numbered is not None and 0 in self.item_paths:
                parent: Path_ | None = self.item_paths[0]  # "- …" under a numbered paragraph
            else:
                parent = None
        else:
            parent = self.item_paths.get(parent_level)
        if level > 1 and parent is None:
            need = "«-»" if level == 2 else "«+»"
            self._problem(number, column, "dan-y-mo-coi", dong=f"«{_short(line)}»",
                          can=f"một ý {need}")
            return
        if parent is None:
            if self.list_path is None:
                self.numbered = None
                self.list_path = self._add(self.stack[-1], {"danh_sach": []}, number, column)
            items = self._at(self.list_path)["danh_sach"]
            items.append(text)
            path = (*self.list_path, "danh_sach", len(items) - 1)
        else:
            owner = self._item_dict(parent)
            owner.setdefault("danh_sach", []).append(text)
            path = (*parent, "danh_sach", len(owner["danh_sach"]) - 1)
            if self.list_path is None:
                self.list_path = parent
        self.out.places[path] = (number, column)
        self.item_paths = {k: v for k, v in self.item_paths.items() if k < level} | {level: path}

    def _end_lists(self) -> None:
        self.list_path = None
        self.item_paths = {}
        self.numbered = None

    # --- tables --------------------------------------------------------------------------

    def _table(self, start: int, end: int, options: int | None = None) -> None:
        """Pipe rows ``start``..``end`` (0-based, end excluded): the rows above the
        delimiter row (``|---|:---:|``) are the header, the rest the data.  The delimiter
        gives each column's alignment (``:--`` left, ``:-:`` centre, ``--:`` right) and,
        when its dashes differ in number, the columns' relative widths.  A cell ``^^`` is
        covered by the cell above it, ``<<`` by the cell to its left (merged cells); a
        cell wholly ``**bold**`` (``*italic*``) is bold (italic), a row of bold cells a
        bold row; ``<br>`` breaks a line inside a cell.  The line ``options`` (0-based),
        right under the rows, is a YAML mapping of what pipes cannot say (:func:`_options`)."""
        self._end_lists()
        rows = [(_cells(self.lines[i]), i + 1) for i in range(start, end)]
        split = next((k for k, (cells, _) in enumerate(rows) if _is_delimiter(cells)), None)
        column = len(self.lines[start]) - len(self.lines[start].lstrip()) + 1
        if split is None or split == 0:
            self._problem(start + 1, column, "dan-bang-thieu-dong-ke")
            return
        delimiter = rows[split][0]
        width = len(delimiter)
        for cells, number in rows[:split] + rows[split + 1:]:
            if len(cells) != width:
                self._problem(number, column, "dan-bang-le-o", co=len(cells), so_cot=width)
                return
        header = [_header_row(r) for r in self._grid(rows[:split], column) or []]
        body = self._grid(rows[split + 1:], column)
        if not header or body is None:
            return
        dashes = [len(c.strip().strip(":")) for c in delimiter]
        columns: list[dict[str, Any]] = []
        for index, cell in enumerate(delimiter):
            spec: dict[str, Any] = {}
            align = _DELIMITER_CELL.match(cell)
            assert align is not None
            if align["trai"] and align["phai"]:
                spec["can"] = "giua"
            elif align["trai"]:
                spec["can"] = "trai"
            elif align["phai"]:
                spec["can"] = "phai"
            if len(set(dashes)) > 1:
                spec["rong"] = dashes[index]
            columns.append(spec)
        table: dict[str, Any] = {"cot": columns, "dong": body}
        if options is not None:
            option_column = len(self.lines[options]) - len(self.lines[options].lstrip()) + 1
            try:
                _options(self.lines[options].strip(), table)
            except ValueError as error:
                self._problem(options + 1, option_column, "dan-bang-tuy-chon",
                              dong=_short(self.lines[options].strip()), ly_do=str(error))
                return
        if len(header) == 1 and all(isinstance(c, str) for c in header[0]):
            for spec, title in zip(columns, header[0], strict=True):
                spec["ten"] = title
        else:
            table["dau"] = header
        if not body:
            table.pop("dong")  # the block model says a table needs data rows
        path = self._add(self.stack[-1], {"bang": table}, start + 1, column)
        for index, (_, number) in enumerate(rows[split + 1:]):
            self.out.places[(*path, "bang", "dong", index)] = (number, column)
        if options is not None:
            for key in ("cot", "tong"):
                self.out.places[(*path, "bang", key)] = (options + 1, option_column)
            if isinstance(table.get("tong"), dict | list):
                self.out.places[(*path, "bang", "tong")] = rows[-1][1], column
        if "dau" in table:
            for index, (_, number) in enumerate(rows[:split]):
                self.out.places[(*path, "bang", "dau", index)] = (number, column)

    def _grid(self, rows: list[tuple[list[str], int]], column: int) -> list[Any] | None:
        """The rows as the block model's rows: merged cells folded into their owner."""
        owners: list[list[dict[str, Any]]] = []
        out: list[Any] = []
        for r, (cells, number) in enumerate(rows):
            line_owners: list[dict[str, Any]] = []
            kept: list[dict[str, Any]] = []
            for c, raw in enumerate(cells):
                text = raw.strip()
                if text == _COVERED_ABOVE:
                    if r == 0 or c >= len(owners[r - 1]):
                        self._problem(number, column, "dan-gop-sai", dau=text, cot=c + 1, ben="ô ở trên")
                        return None
                    owner = owners[r - 1][c]
                    if owner["_r"] + owner.get("gop_dong", 1) == r and owner["_c"] == c:
                        owner["gop_dong"] = owner.get("gop_dong", 1) + 1
                    line_owners.append(owner)
                elif text == _COVERED_LEFT:
                    if c == 0 or line_owners[c - 1]["_r"] != r:
                        self._problem(number, column, "dan-gop-sai", dau=text, cot=c + 1,
                                      ben="ô bên trái (cùng dòng)")
                        return None
                    owner = line_owners[c - 1]
                    owner["gop_cot"] = owner.get("gop_cot", 1) + 1
                    line_owners.append(owner)
                else:
                    cell = _cell(text)
                    cell["_r"], cell["_c"] = r, c
                    line_owners.append(cell)
                    kept.append(cell)
            owners.append(line_owners)
            out.append(kept)
        return [_row(cells) for cells in out]

    # --- where blocks go -------------------------------------------------------------------

    def _add(self, container: _Open, block: Any, number: int, column: int) -> Path_:
        container.blocks.append(block)
        path = (*container.path, len(container.blocks) - 1)
        self.out.places[path] = (number, column)
        return path

    def _at(self, path: Path_) -> Any:
        node: Any = self.out.blocks
        for part in path:
            node = node[part]
        return node

    def _item_dict(self, path: Path_) -> dict[str, Any]:
        """The item at ``path`` as ``{y: …}`` (a plain text becomes one, to hold sub-items)."""
        *parent, index = path
        holder = self._at(tuple(parent))
        assert isinstance(index, int)
        if isinstance(holder[index], str):
            holder[index] = {"y": holder[index]}
        item: dict[str, Any] = holder[index]
        return item

    def _in_current(self, path: Path_) -> bool:
        return path[:-1] == self.stack[-1].path

    def _last_numbered_here(self, kieu: str) -> int:
        """The last number of the latest numbered paragraphs of kind ``kieu`` in this
        container (0 if none): a numbered run broken by a paragraph continues."""
        for block in reversed(self.stack[-1].blocks):
            if isinstance(block, dict) and block.get("kieu") == kieu:
                last = 0
                for item in block["danh_so"]:
                    so = item.get("so") if isinstance(item, dict) else None
                    last = (_value(kieu, re.sub(r"[.()]", "", so)) or last + 1) if so else last + 1
                return last
        return 0

    def _problem(self, number: int, column: int, code: str, **values: object) -> None:
        self.out.problems.append(Problem(number, column, code, RULES.message(code, **values)))


# --- small pure helpers -------------------------------------------------------------------------


def _unbold(text: str) -> tuple[bool, str]:
    """Whether ``text`` (after its label) is wholly emphasised — bold, as headings are,
    or italic, as some "2.1." headings are — and the text without those marks.

    >>> _unbold("**1. Mục đích**"), _unbold("1. **Mục đích**"), _unbold("*2.1. Chung*")
    ((True, '1. Mục đích'), (True, '1. Mục đích'), (True, '2.1. Chung'))
    >>> _unbold("1. **Sở:** …"), _unbold("**2. Về tập thể *(cơ quan …)***")
    ((False, '1. **Sở:** …'), (True, '2. Về tập thể *(cơ quan …)*'))
    """
    label = re.match(r"^\S+\s+(\S.*)$", text)
    for candidate in (text, *((label[1],) if label else ())):
        found = _emphasis(candidate)
        if found is not None:
            return True, text[: len(text) - len(candidate)] + found[1]
    return False, text


def _emphasis(text: str) -> tuple[str, str] | None:
    """(``"**"`` or ``"*"``, the text inside) when ``text`` is wholly bold or italic."""
    for mark in ("**", "*"):
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            inner = text[len(mark):-len(mark)]
            if inner == inner.strip() and "**" not in inner and (mark == "**" or "*" not in inner):
                return mark, inner
    return None


def _value(kind: str, text: str) -> int | None:
    """The number a label's ``so`` part stands for."""
    if kind == "muc":
        return from_roman(text)
    if kind in ("diem", "a)"):
        return VIETNAMESE_LETTERS.index(text) + 1 if text in VIETNAMESE_LETTERS else None
    return int(text) if text.isdigit() else None


def _label(kind: str, number: int) -> str:
    """The label the frame prints for the ``number``-th of ``kind``.

    >>> _label("muc", 4), _label("diem", 5), _label("(1)", 2)
    ('IV.', 'đ)', '(2)')
    """
    if kind == "muc":
        return f"{to_roman(number)}."
    if kind in ("diem", "a)"):
        return f"{to_letter(number)})"
    if kind == "(1)":
        return f"({number})"
    return f"{number}."


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cells(line: str) -> list[str]:
    """The cells of a pipe row; ``\\|`` is a pipe inside a cell.

    >>> _cells("| a | b \\\\| c |  |")
    [' a ', ' b | c ', '  ']
    """
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [part.replace("\\|", "|") for part in re.split(r"(?<!\\)\|", body)]


_OPTIONS = re.compile(r"^\s*\{.*\}\s*$")
_OPTION_KEYS = ("rong", "can", "cong", "tong")
_LAST_ROW = "dong_cuoi"


def _options(line: str, table: dict[str, Any]) -> None:
    """Apply a table's options line to ``table`` (the reader's data, in place):
    ``rong`` and ``can`` give each column's width and alignment (as ``cot`` does in
    YAML: «1.2cm», «5»; trai, giua, phai, deu); ``cong`` the numbers (from 1) of the
    columns a totals row sums; ``tong: true`` adds a computed totals row, ``tong:
    dong_cuoi`` makes the last row the totals row, checked against the rows above.  The
    summed columns' cells that are numbers as baocao prints them («1.285», «2,5»)
    become numbers, so they can be added up.  A :class:`ValueError` says what is wrong.

    >>> table = {"cot": [{}, {}, {}], "dong": [["1", "A", "1.200"], ["2", "B", "85"]]}
    >>> _options("{rong: [1cm, 5, 2], can: [giua, deu, phai], tong: true}", table)
    >>> table["cot"]
    [{'rong': '1cm', 'can': 'giua'}, {'rong': 5, 'can': 'deu'}, {'rong': 2, 'can': 'phai', 'cong': True}]
    >>> table["tong"], table["dong"][0]
    (True, ['1', 'A', 1200])
    >>> _options("{rong: [1, 2]}", table)
    Traceback (most recent call last):
    ValueError: có 2 giá trị «rong» nhưng bảng có 3 cột
    """
    try:
        given = yaml.safe_load(line)
    except yaml.YAMLError:
        raise ValueError("không đọc được (không phải một ánh xạ YAML «{…}»)") from None
    if not isinstance(given, dict) or not given:
        raise ValueError("không đọc được (không phải một ánh xạ YAML «{…}»)")
    unknown = [str(key) for key in given if key not in _OPTION_KEYS]
    if unknown:
        raise ValueError(f"có khóa lạ «{unknown[0]}» (chỉ nhận {', '.join(_OPTION_KEYS)})")
    columns: list[dict[str, Any]] = table["cot"]
    for key in ("rong", "can"):
        values = given.get(key)
        if values is None:
            continue
        if not isinstance(values, list) or len(values) != len(columns):
            count = len(values) if isinstance(values, list) else 1
            raise ValueError(f"có {count} giá trị «{key}» nhưng bảng có {len(columns)} cột")
        for spec, value in zip(columns, values, strict=True):
            spec[key] = value
    total = given.get("tong")
    if total is not None and total is not True and total is not False and total != _LAST_ROW:
        raise ValueError(f"ghi «tong: {total}»")
    summed = given.get("cong")
    if summed is not None:
        if not isinstance(summed, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= len(columns) for n in summed
        ):
            raise ValueError(f"ghi «cong» không phải danh sách số thứ tự cột (1 đến {len(columns)})")
        for number in summed:
            columns[number - 1]["cong"] = True
    rows: list[Any] = table["dong"]
    if total == _LAST_ROW:
        if len(rows) < 2:
            raise ValueError("ghi «tong: dong_cuoi» nhưng bảng không có dòng dữ liệu nào trên dòng tổng")
        table["tong"] = rows.pop()
    elif total is not None:
        table["tong"] = total
    if "tong" not in table and summed is None:
        return
    cong = [i for i, spec in enumerate(columns) if spec.get("cong")]
    if not cong:
        cong = _numeric_columns(rows, table.get("tong"), len(columns))
        if total is True:
            for index in cong:
                columns[index]["cong"] = True
    for row, placed in zip(rows, _placed(rows), strict=True):
        _numbers_in(row, placed, cong)
    if isinstance(table.get("tong"), dict | list):
        _numbers_in(table["tong"], _placed([table["tong"]])[0], cong)


def _row_cells(row: Any) -> list[Any]:
    return list(row["cac_o"] if isinstance(row, dict) else row)


def _placed(rows: list[Any]) -> list[list[tuple[int, Any]]]:
    """(grid column, cell) of each row's cells, the cells of rows above that span down
    into it (``gop_dong``) taken into account (as :func:`baocao.body.model.grid` does)."""
    covered: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(rows):
        placed, column = [], 0
        for cell in _row_cells(row):
            while (r, column) in covered:
                column += 1
            placed.append((column, cell))
            across = cell.get("gop_cot", 1) if isinstance(cell, dict) else 1
            down = cell.get("gop_dong", 1) if isinstance(cell, dict) else 1
            covered.update((r + dr, column + dc) for dr in range(1, down) for dc in range(across))
            column += across
        out.append(placed)
    return out


def _number(text: Any) -> int | Decimal | None:
    """The number a cell's text is when printed as baocao prints numbers, else None.

    >>> _number("1.285"), _number("2,5"), _number("5.1"), _number("07"), _number("x")
    (1285, Decimal('2.5'), None, None, None)
    """
    if not isinstance(text, str) or not _NUMERIC.match(text):
        return None
    plain = text.replace(".", "").replace(",", ".")
    value: int | Decimal = Decimal(plain) if "." in plain else int(plain)
    return value if format_number(value) == text else None


_NUMERIC = re.compile(r"^-?\d[\d.]*(?:,\d+)?$")


def _numeric_columns(rows: list[Any], total: Any, width: int) -> list[int]:
    """The columns (but the first) a totals row adds up: those the given totals row
    fills with numbers, or (computed) those whose filled data cells are all numbers."""
    if isinstance(total, dict | list):
        return [c for c, cell in _placed([total])[0] if c > 0 and _number(_text(cell)) is not None]
    placed = _placed(rows)
    found = []
    for column in range(1, width):
        texts = [_text(cell) for row in placed for c, cell in row if c == column]
        filled = [t for t in texts if t]
        if filled and all(_number(t) is not None for t in filled):
            found.append(column)
    return found


def _text(cell: Any) -> Any:
    return cell.get("o") if isinstance(cell, dict) else cell


def _numbers_in(row: Any, placed: list[tuple[int, Any]], columns: list[int]) -> None:
    """Turn the cells of ``columns`` that are printed numbers into numbers (in place)."""
    cells = row["cac_o"] if isinstance(row, dict) else row
    for index, (column, cell) in enumerate(placed):
        if column not in columns:
            continue
        value = _number(_text(cell))
        if value is None:
            continue
        if isinstance(cell, dict):
            cell["o"] = value
        else:
            cells[index] = value


def _is_delimiter(cells: list[str]) -> bool:
    return bool(cells) and all(_DELIMITER_CELL.match(c) for c in cells)


def _cell(text: str) -> dict[str, Any]:
    """A cell's data: its text (``<br>`` → a line break), bold or italic when wholly so."""
    text = re.sub(r"\s*<br\s*/?>\s*", "\n", text)
    cell: dict[str, Any] = {}
    lines = [_emphasis(line) for line in text.split("\n")]
    if all(found is not None and found[0] == "**" for found in lines):
        text, cell["dam"] = "\n".join(found[1] for found in lines if found is not None), True
    elif (found := _emphasis(text)) is not None and found[0] == "*":
        text, cell["nghieng"] = found[1], True
    cell["o"] = text
    return cell


def _row(cells: list[dict[str, Any]]) -> Any:
    """A row's data: plain texts where it can, ``{cac_o, dam}`` when every filled cell is bold."""
    for cell in cells:
        del cell["_r"], cell["_c"]
    filled = [c for c in cells if c["o"]]
    bold = bool(filled) and all(c.get("dam") for c in filled)
    if bold:
        for cell in cells:
            cell.pop("dam", None)
    plain = [c["o"] if set(c) == {"o"} else c for c in cells]
    return {"cac_o": plain, "dam": True} if bold else plain


def _header_row(row: Any) -> list[Any]:
    """A header row's cells: the header is bold anyway, so a bold mark says nothing."""
    cells = row["cac_o"] if isinstance(row, dict) else row
    out = []
    for cell in cells:
        if isinstance(cell, dict):
            cell = {k: v for k, v in cell.items() if k != "dam"}
            cell = cell["o"] if set(cell) == {"o"} else cell
        out.append(cell)
    return out


# --- the data file's ``noi_dung`` given as text ---------------------------------------------


def expand_pasted(loaded: LoadedData, folder: Path) -> None:
    """Replace, in place, every ``noi_dung`` given as text (a literal block) or as a file
    (``{tep: noi-dung.md}``, beside the data file) by its blocks, each located at its
    line: in the data file (``loaded.marks``) or in the text file (``loaded.origins``).
    Raise :class:`DataError` with every mistake of the text, at its line."""
    problems: list[Finding] = []
    for path, value in list(_pasted_bodies(loaded.data, ())):
        if isinstance(value, str):
            problems += _expand_block(loaded, path, value)
        else:
            problems += _expand_file(loaded, path, value["tep"], folder)
    if problems:
        raise DataError(problems)


def _pasted_bodies(node: Any, path: Path_) -> Iterator[tuple[Path_, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            child = (*path, key)
            if key == "noi_dung" and (isinstance(value, str) or _names_file(value)):
                yield child, value
            else:
                yield from _pasted_bodies(value, child)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _pasted_bodies(value, (*path, index))


def _names_file(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"tep"} and isinstance(value["tep"], str)


def _set(loaded: LoadedData, path: Path_, value: Any) -> None:
    """Put ``value`` at ``path``, copying the mappings and lists on the way: data given
    as a mapping (``baocao.load({...})``) is the caller's and stays as it was."""
    node = loaded.data
    for part in path[:-1]:
        child = node[part]
        node[part] = child = dict(child) if isinstance(child, dict) else list(child)
        node = child
    node[path[-1]] = value


def _expand_block(loaded: LoadedData, path: Path_, text: str) -> list[Finding]:
    start = loaded.text_blocks.get(path)
    if start is not None and start[2] == ">":
        return [loaded.finding(path, "dan-gap-dong", RULES.message("dan-gap-dong"))]
    pasted = parse_pasted(text)
    key_line, key_column = loaded.locate(path) or (None, None)

    def where(line: int, column: int) -> tuple[int | None, int | None]:
        if start is None:  # a one-line text: its key's line
            return key_line, key_column
        return start[0] + line - 1, start[1] + column - 1

    for relative, (line, column) in pasted.places.items():
        place = where(line, column)
        if place[0] is not None and place[1] is not None:
            loaded.marks[(*path, *relative)] = (place[0], place[1])
    _set(loaded, path, pasted.blocks)
    return [Finding(p.code, p.message, path=dotted(path), file=loaded.file, line=where(p.line, p.column)[0],
                    column=where(p.line, p.column)[1]) for p in pasted.problems]


def _expand_file(loaded: LoadedData, path: Path_, name: str, folder: Path) -> list[Finding]:
    where = (*path, "tep")
    if not name.lower().endswith(TEXT_SUFFIXES):
        return [loaded.finding(where, "dan-tep-sai", RULES.message("dan-tep-sai", ten=name))]
    target = loaded.referenced_file(where, folder, name)
    display = str(Path(loaded.file).parent / name) if loaded.file else str(target)
    try:
        raw = read_regular(target, MAX_FILE_BYTES)
        if isinstance(raw, int):
            raise ValueError(f"tệp dài hơn giới hạn {MAX_FILE_BYTES} byte")
        text = raw.decode("utf-8-sig")
    except (OSError, ValueError) as error:
        reason = ("không tìm thấy tệp; kiểm tra tên tệp" if isinstance(error, FileNotFoundError)
                  else "tệp không phải UTF-8; hãy lưu lại với mã hóa UTF-8"
                  if isinstance(error, UnicodeDecodeError) else str(error))
        return [loaded.finding(where, "dan-tep-khong-doc-duoc",
                               RULES.message("dan-tep-khong-doc-duoc", ten=name, ly_do=reason))]
    pasted = parse_pasted(text)
    lines = text.splitlines()
    for relative, (line, column) in pasted.places.items():
        source = lines[line - 1].strip() if line <= len(lines) else ""
        loaded.origins[(*path, *relative)] = Origin(display, line, column, f"«{_short(source)}»")
    _set(loaded, path, pasted.blocks)
    return [Finding(p.code, p.message, path=dotted(path), file=display, line=p.line, column=p.column)
            for p in pasted.problems]


