"""Reading a data file: YAML, safely, with the line and column of every value.

The YAML is composed into nodes, which keep their line and column, and the nodes
are turned into plain values here: no tag can build a Python object, no alias can
multiply a small file into a huge one.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from baocao.errors import DataError, Finding
from baocao.formatting import format_number
from baocao.yaml_syntax import syntax_finding

MAX_FILE_BYTES = 1024 * 1024
"""The largest data file accepted (1 MB).  A report is a few kilobytes; a long table
belongs in a spreadsheet beside the data file."""

MAX_DEPTH = 40
"""The deepest nesting of mappings and lists accepted.  A report is about six levels
deep; the limit keeps a hostile file from exhausting Python's recursion."""

Location = tuple[int, int]
Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Origin:
    """A value that came from another file (a spreadsheet cell the data file refers to)."""

    file: str
    line: int
    column: int
    place: str
    """How a clerk finds it there, e.g. "trang «Tổng hợp», ô D5"."""


@dataclass
class LoadedData:
    """Plain data from a file, and where each value stood in it."""

    data: Any
    file: str
    marks: dict[Path_, Location] = field(default_factory=dict)
    origins: dict[Path_, Origin] = field(default_factory=dict)
    """Values read from other files, by path: their findings point there."""
    findings: list[Finding] = field(default_factory=list)
    """Problems found while preparing the data (in a spreadsheet it refers to), reported
    with the model's own findings."""
    files_root: Path | None = None
    """The folder the files the data names (``tep:``) must be in; None: the data
    file's own folder (see :meth:`referenced_file`)."""
    text_blocks: dict[Path_, tuple[int, int, str]] = field(default_factory=dict)
    """Texts written over several lines, by path: (line and column where the text
    itself starts, and "|" for a literal block, which keeps its lines, or ">" for one
    whose lines YAML joined) — where a pasted body's lines are (:mod:`baocao.body.pasted`)."""
    flow_plain: set[Path_] = field(default_factory=set)
    """Unquoted texts written inside a bracketed list «[A, B]»: the YAML split them at
    a comma, which may have been part of a name (:mod:`baocao.frame.rules` warns)."""

    def locate(self, path: Sequence[str | int]) -> Location | None:
        """The (line, column) of ``path`` or of its nearest ancestor in the file."""
        key = tuple(path)
        while key:
            if key in self.marks:
                return self.marks[key]
            key = key[:-1]
        return self.marks.get((), None)

    def finding(self, path: Sequence[str | int], code: str, message: str, **kw: Any) -> Finding:
        """A finding at ``path``, pointed at its line (or at the cell it was read from)."""
        origin = self._origin(path)
        if origin is not None:
            return Finding(
                code=code,
                message=f"{origin.place}: {message}",
                path=dotted(path),
                file=origin.file,
                line=origin.line,
                column=origin.column,
                **kw,
            )
        where = self.locate(path)
        return Finding(
            code=code,
            message=message,
            path=dotted(path),
            file=self.file,
            line=where[0] if where else None,
            column=where[1] if where else None,
            **kw,
        )


    def referenced_file(self, path: Sequence[str | int], folder: Path, name: str) -> Path:
        """The file a value at ``path`` names (``tep: ho-ngheo-2023.xlsx``), beside the data file.

        ``name`` is taken relative to ``folder`` (the data file's folder) and must stay
        inside :attr:`files_root` (by default ``folder``) once symbolic links are
        resolved: a data file cannot make baocao read, and print the first cells of,
        a file elsewhere on the machine.  Raises :class:`DataError` located at ``path``.
        """
        if "\x00" in name:
            raise DataError(
                [self.finding(path, "tep-ten-sai", "tên tệp có ký tự NUL (không in được); hãy gõ lại")]
            )
        root = (self.files_root or folder).resolve()
        target = (folder / name).resolve()
        if not target.is_relative_to(root):
            raise DataError(
                [
                    self.finding(
                        path,
                        "tep-ngoai-thu-muc",
                        f"tệp «{name}» nằm ngoài thư mục «{root}»; hãy chép bảng tính vào cùng "
                        "thư mục với tệp dữ liệu (hoặc một thư mục con) rồi ghi tên tệp",
                    )
                ]
            )
        return target  # resolved: what was checked is what is opened

    def _origin(self, path: Sequence[str | int]) -> Origin | None:
        key = tuple(path)
        while key and self.origins:
            if key in self.origins:
                return self.origins[key]
            if key in self.marks:
                return None
            key = key[:-1]
        return None


def dotted(path: Sequence[str | int]) -> str:
    """``("a", 0, "b")`` → ``"a[0].b"``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def load_yaml(path: str | Path, *, files_root: str | Path | None = None) -> LoadedData:
    """Read a YAML data file; any problem becomes a :class:`DataError` in Vietnamese.

    Only a regular file is read (not a device, a pipe or a folder), and never more
    than :data:`MAX_FILE_BYTES`, whatever the file claims its size is.
    ``files_root`` widens where the files the data names may be (see
    :meth:`LoadedData.referenced_file`); by default, the data file's folder and below.
    """
    path = Path(path)
    name = str(path)
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except OSError as error:
        raise DataError([Finding("tep-khong-doc-duoc", _os_message(error), file=name)]) from None
    except ValueError:  # a NUL in the name
        message = "tên tệp có ký tự NUL; hãy gõ lại"
        raise DataError([Finding("tep-khong-doc-duoc", message, file=name)]) from None
    if isinstance(raw, int):
        limit = format_number(MAX_FILE_BYTES)
        size = f"{format_number(raw)} byte" if raw > MAX_FILE_BYTES + 1 else f"hơn {limit} byte"
        raise DataError(
            [
                Finding(
                    "tep-qua-lon",
                    f"tệp dữ liệu {size} vượt giới hạn "
                    f"{format_number(MAX_FILE_BYTES)} byte; hãy kiểm tra lại có đúng là tệp báo cáo "
                    "không (bảng dài thì để trong tệp Excel hoặc CSV)",
                    file=name,
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(
            [
                Finding(
                    "ma-hoa",
                    f"tệp không phải UTF-8 (byte lỗi ở vị trí {error.start}); "
                    "hãy lưu lại tệp với mã hóa UTF-8",
                    file=name,
                )
            ]
        ) from None
    except OSError as error:
        raise DataError([Finding("tep-khong-doc-duoc", _os_message(error), file=name)]) from None
    loaded = parse_yaml(text, name)
    loaded.files_root = Path(files_root) if files_root is not None else None
    return loaded


class NotRegularFileError(OSError):
    """A device, a pipe, a socket or a folder where a file was expected."""

    def __init__(self, mode: int) -> None:
        kind = "thư mục" if stat.S_ISDIR(mode) else "thiết bị, ống dẫn (FIFO) hoặc socket"
        super().__init__(f"đây là {kind}, không phải tệp thường; hãy chỉ đến một tệp .yaml")


def read_regular(path: Path, limit: int) -> bytes | int:
    """The bytes of a regular file, or its size when it holds more than ``limit`` bytes.

    Opened without blocking (a FIFO would wait for a writer) and checked with
    ``fstat`` on the open file, so a symbolic link to ``/dev/zero`` is refused too;
    at most ``limit + 1`` bytes are read, whatever ``st_size`` says.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(info.st_mode)
        if info.st_size > limit:
            return info.st_size
        data = stream.read(limit + 1)
    return len(data) if len(data) > limit else data


def parse_yaml(text: str, name: str = "<dữ liệu>") -> LoadedData:
    """Parse YAML text (see :func:`load_yaml`).

    The text is *composed* (libyaml's C parser when present), never constructed: the
    node tree is walked here, only plain scalars, mappings and lists become values,
    and every node keeps its line and column.  A tag (``!…``), an alias (``*…``) or a
    duplicated key is a finding.
    """
    try:
        tree = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        mixed = _word_quote_closing(text, mark.line) if mark else None
        if mixed is not None:
            raise DataError([replace(mixed, file=name)]) from None
        raise DataError([syntax_finding(error, text, name)]) from None
    loaded = LoadedData(data=None, file=name)
    if tree is None:
        return loaded
    walker = _Walker(loaded, text.splitlines())
    loaded.data = walker.value(tree, ())
    if walker.problems:
        raise DataError([*walker.problems, *loaded.findings])
    return loaded


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_SCALARS = {
    "tag:yaml.org,2002:str": SafeConstructor.construct_yaml_str,
    "tag:yaml.org,2002:int": SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
    # Dates stay text: the model parses them, so an impossible date such as
    # 2023-02-30 becomes a finding at its line instead of a parser error.
    "tag:yaml.org,2002:timestamp": SafeConstructor.construct_scalar,
}
_NUMBERS = {
    "tag:yaml.org,2002:int": re.compile(r"[-+]?[0-9]+"),
    "tag:yaml.org,2002:float": re.compile(
        r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    ),
}
"""The number forms a clerk writes.  YAML 1.1 also reads ``0x1F`` (hex), ``0b101``,
``0o17``, ``1:20`` (base 60: 80), ``1_000``: refused, not silently converted."""
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
"""``010``: YAML 1.1 reads it as octal (8).  Passed on as the text typed: a code (a
text field) keeps "010", a number field reads it as 10, as YAML 1.2 does."""
_MAPPING = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_NO_TAG = "thẻ YAML («!…») không được dùng trong tệp dữ liệu; hãy ghi giá trị thường"
_NO_ALIAS = "bí danh YAML («*…», «<<:») không được dùng; hãy ghi lại giá trị"
_SEQUENCE = "tag:yaml.org,2002:seq"


_WORD_QUOTES = "“”‘’„"
"""Word's curly quotes: YAML does not read them as quotes, so they would be printed."""
_INVISIBLE = {
    "\u200b": "khoảng trắng độ rộng 0 (U+200B)",
    "\u200c": "ký tự không nối độ rộng 0 (U+200C)",
    "\u200d": "ký tự nối độ rộng 0 (U+200D)",
    "\u2060": "ký tự nối từ (U+2060)",
    "\ufeff": "dấu BOM (U+FEFF)",
    "\u00ad": "gạch nối mềm (U+00AD)",
    "\u00a0": "dấu cách không ngắt dòng (U+00A0)",
}
"""Characters a clerk cannot see, usually brought in by copying from Word or the web."""
_INVISIBLE_RE = re.compile("[" + "".join(_INVISIBLE) + "]")
_CUT_BY_COMMENT = re.compile(r"^\s+#\S")
"""A value followed by `` #text`` with no space after ``#``: YAML drops it as a comment,
though it looks like the rest of the value (``- UBND các xã #phường;``)."""


_MIXED_PAIR = re.compile(r"""(?:^|:|-)\s+(["'])([^"']*)([”’])\s*$""")
"""A value opened with a straight quote and closed with a curly one: ``"TP. Bắc Kạn”``."""


def _word_quote_closing(text: str, upto: int) -> Finding | None:
    """The first line before ``upto`` (0-based) whose value opens with «"» and closes with
    «”»: YAML reads on to the next «"», and the error it then reports is far below."""
    for number, line in enumerate(text.splitlines()[: upto + 1], start=1):
        match = _MIXED_PAIR.search(line)
        if match:
            opened, curly = match.group(1), match.group(3)
            return Finding(
                "ngoac-kep-word",
                f"dấu ngoặc mở «{opened}» được đóng bằng «{curly}» (dấu ngoặc kiểu Word), nên YAML đọc "
                f"tiếp sang các dòng sau; hãy đóng bằng «{opened}»",
                line=number, column=match.start(1) + 1,
            )
    return None


class _Walker:
    """Plain values from a composed node tree, with the marks of every node."""

    def __init__(self, loaded: LoadedData, lines: list[str] | None = None) -> None:
        self.loaded = loaded
        self._lines = lines or []
        self.problems: list[Finding] = []
        self._seen: set[int] = set()
        self._aliased: set[int] = set()
        self._constructor = SafeConstructor()
        self._too_deep = False

    def value(self, node: yaml.Node, path: Path_) -> Any:
        if not path:
            self.loaded.marks[()] = _mark(node)
        if len(path) > MAX_DEPTH:
            if not self._too_deep:
                self._too_deep = True
                self._refuse(
                    node,
                    "yaml-qua-sau",
                    f"dữ liệu lồng nhau quá {MAX_DEPTH} cấp; kiểm tra thụt lề và dấu ngoặc «[» «{{»",
                )
            return None
        if id(node) in self._seen:  # an alias: the same node met twice
            if id(node) not in self._aliased:
                self._aliased.add(id(node))
                self._refuse(node, "yaml-bi-danh", _NO_ALIAS)
            return None
        self._seen.add(id(node))
        if isinstance(node, yaml.MappingNode) and node.tag == _MAPPING:
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQUENCE:
            items = []
            for index, item in enumerate(node.value):
                self.loaded.marks[(*path, index)] = _mark(item)
                if node.flow_style and isinstance(item, yaml.ScalarNode) and not item.style:
                    self.loaded.flow_plain.add((*path, index))
                items.append(self.value(item, (*path, index)))
            return items
        self._note_text_block(node, path)
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _SCALARS:
            self._refuse(node, "yaml-the", _NO_TAG)
            return None
        if node.tag in _NUMBERS:
            if _LEADING_ZERO.fullmatch(node.value):
                return node.value  # as typed: a code keeps it, a number field reads it in base 10
            if not _NUMBERS[node.tag].fullmatch(node.value):
                self._refuse(node, "yaml-so-la", _odd_number(self._constructor, node))
                return None
        try:
            value = _SCALARS[node.tag](self._constructor, node)
        except (ValueError, yaml.YAMLError):
            self._refuse(node, "yaml-gia-tri", f"không đọc được giá trị «{node.value}»")
            return None
        if isinstance(value, str):
            self._check_text(node, value)
        return value

    def _note_text_block(self, node: yaml.Node, path: Path_) -> None:
        """Where a text written over several lines starts (see :attr:`LoadedData.text_blocks`)."""
        if not isinstance(node, yaml.ScalarNode) or node.start_mark.line == node.end_mark.line:
            return
        if node.style == "|":
            first = node.start_mark.line + 1  # the line after the «|» header
            content = next((n for n in range(first, len(self._lines)) if self._lines[n].strip()), first)
            indent = len(self._lines[content]) - len(self._lines[content].lstrip(" ")) if content < len(
                self._lines) else 0
            self.loaded.text_blocks[path] = (first + 1, indent + 1, "|")
        else:
            self.loaded.text_blocks[path] = (*_mark(node), ">")

    def _check_text(self, node: yaml.ScalarNode, value: str) -> None:
        """What a clerk typed by mistake that would be printed, or dropped, silently."""
        if (not node.style and len(value) > 1 and value[0] in "“‘„" and value[-1] in "”’“"):
            self._refuse(node, "ngoac-kep-word",
                         f"giá trị nằm trong dấu ngoặc kiểu Word «{value[0]}…{value[-1]}»: YAML không coi "
                         "đó là dấu ngoặc nên chúng sẽ được in ra; hãy dùng dấu \" thường hoặc bỏ dấu ngoặc")
        hidden = _INVISIBLE_RE.search(value)
        if hidden is not None:
            char = hidden.group()
            self._warn(node, "ky-tu-an", f"có ký tự ẩn: {_INVISIBLE[char]} ở vị trí {hidden.start() + 1} "
                       f"của «{value.replace(char, '⌷')}»; hãy xóa ký tự này (gõ lại đoạn đó)")
        if not node.style and node.end_mark.line < len(self._lines):
            after = self._lines[node.end_mark.line][node.end_mark.column:]
            if _CUT_BY_COMMENT.match(after):
                self._warn(node, "ghi-chu-cat-chu",
                           f"phần «{after.strip()}» sau «{value}» bị YAML coi là ghi chú và bỏ đi; nếu đó "
                           "là nội dung, hãy đặt cả giá trị trong dấu ngoặc kép \"…\"")

    def _warn(self, node: yaml.Node, code: str, message: str) -> None:
        line, column = _mark(node)
        self.loaded.findings.append(
            Finding(code, message, file=self.loaded.file, line=line, column=column, severity="warning"))

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        previous: yaml.Node | None = None
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._refuse(key_node, "yaml-bi-danh", _NO_ALIAS)
                continue
            if node.flow_style and _split_decimal(previous, key_node, value_node):
                assert previous is not None
                whole, part = previous.value, key_node.value
                self._refuse(previous, "dau-phay-thap-phan",
                             f"«{whole},{part}»: trong nhóm «{{…}}» dấu phẩy ngăn các mục, nên YAML tách "
                             f"số này thành «{whole}» và một khóa «{part}»; số thập phân trong tệp dữ liệu "
                             f"viết bằng dấu chấm: {whole}.{part}")
                continue
            previous = value_node
            key = str(self._scalar(key_node))
            if key in out:
                self._refuse(key_node, "yaml-khoa-lap", f"khóa «{key}» bị lặp lại; xóa một trong hai dòng")
                continue
            child = (*path, key)
            self.loaded.marks[child] = _mark(key_node)
            out[key] = self.value(value_node, child)
        return out

    def _refuse(self, node: yaml.Node, code: str, message: str) -> None:
        line, column = _mark(node)
        self.problems.append(Finding(code, message, file=self.loaded.file, line=line, column=column))


def _split_decimal(previous: yaml.Node | None, key: yaml.Node, value: yaml.Node) -> bool:
    """``{ty_le: 2,33}``: a whole number, then a key of digits with no value."""
    return (isinstance(previous, yaml.ScalarNode) and previous.tag == "tag:yaml.org,2002:int"
            and isinstance(key, yaml.ScalarNode) and not key.style and key.value.isdigit()
            and isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null")


def _odd_number(constructor: SafeConstructor, node: yaml.ScalarNode) -> str:
    """Why ``0x1F`` / ``1:20`` / ``1_000`` is refused, and how to write it."""
    try:
        read = _SCALARS[node.tag](constructor, node)
        became = f" (YAML sẽ đọc thành {read})"
    except (ValueError, yaml.YAMLError):
        became = ""
    return (
        f"«{node.value}» không phải cách ghi số thông thường{became}; hãy ghi số thập phân chỉ "
        f"gồm chữ số, ví dụ 1000 hoặc 2.5 (không dấu «:», «_», không «0x»), hoặc đặt trong "
        f'ngoặc kép («"{node.value}"») nếu đây là chữ hay mã'
    )


def _mark(node: yaml.Node) -> Location:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _os_message(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "không tìm thấy tệp; kiểm tra lại đường dẫn"
    if isinstance(error, NotRegularFileError):
        return str(error)
    if isinstance(error, IsADirectoryError):
        return "đây là thư mục, không phải tệp dữ liệu"
    if isinstance(error, PermissionError):
        return "không có quyền đọc tệp"
    return f"không đọc được tệp ({error.strerror})"
