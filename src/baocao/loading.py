"""Reading a data file: YAML, safely, with the line and column of every value.

ruamel.yaml's round-trip loader keeps node marks (where the standard safe loader
forgets them) and constructs only plain data: no tag can build a Python object.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from baocao.errors import DataError, Finding
from baocao.formatting import format_number

MAX_FILE_BYTES = 1024 * 1024
"""The largest data file accepted (1 MB).  A report is a few kilobytes; YAML with
line marks parses at roughly 0.1 MB a second, so a larger file would keep a clerk
waiting — long tables belong in a spreadsheet beside the data file."""

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


def load_yaml(path: str | Path) -> LoadedData:
    """Read a YAML data file; any problem becomes a :class:`DataError` in Vietnamese."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise DataError([Finding("tep-khong-doc-duoc", _os_message(error), file=name)]) from None
    if size > MAX_FILE_BYTES:
        raise DataError(
            [
                Finding(
                    "tep-qua-lon",
                    f"tệp dữ liệu {format_number(size)} byte vượt giới hạn "
                    f"{format_number(MAX_FILE_BYTES)} byte; hãy kiểm tra lại có đúng là tệp báo cáo "
                    "không (bảng dài thì để trong tệp Excel hoặc CSV)",
                    file=name,
                )
            ]
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
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
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str = "<dữ liệu>") -> LoadedData:
    """Parse YAML text (see :func:`load_yaml`)."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as error:
        # An unclosed bracket or quote is reported where the file ends; its opening
        # is where the clerk has to look.
        opened = error.context and error.context.startswith(
            ("while parsing a flow", "while scanning a quoted")
        )
        mark = (error.context_mark if opened else None) or error.problem_mark or error.context_mark
        raise DataError(
            [
                Finding(
                    "yaml-cu-phap",
                    f"lỗi cú pháp YAML: {_yaml_problem(error)}; kiểm tra thụt lề, dấu «:» "
                    "và dấu ngoặc kép ở dòng này",
                    file=name,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except YAMLError as error:
        raise DataError([Finding("yaml-cu-phap", f"lỗi YAML: {error}", file=name)]) from None
    loaded = LoadedData(data=None, file=name)
    tagged: list[Path_] = []
    loaded.data = _plain(tree, (), loaded.marks, tagged)
    if tagged:
        raise DataError(
            loaded.finding(
                path,
                "yaml-the",
                "thẻ YAML («!…») không được dùng trong tệp dữ liệu; hãy ghi giá trị thường",
            )
            for path in tagged
        )
    return loaded


class _Constructor(RoundTripConstructor):
    """Dates stay text here: the model parses them, so an impossible date such as
    2023-02-30 becomes a finding at its line instead of a crash inside the parser."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _plain(node: Any, path: Path_, marks: dict[Path_, Location], tagged: list[Path_]) -> Any:
    """Convert ruamel's round-trip nodes to plain Python, recording marks and the
    paths of explicitly tagged nodes (refused: data files hold plain values)."""
    if isinstance(node, TaggedScalar) or getattr(getattr(node, "tag", None), "value", None):
        tagged.append(path)
        return None
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        if not path:
            marks[()] = (node.lc.line + 1, node.lc.col + 1)
        for key, value in node.items():
            line, col = node.lc.key(key)
            child = (*path, str(key))
            marks[child] = (line + 1, col + 1)
            out[str(key) if not isinstance(key, str) else key] = _plain(value, child, marks, tagged)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            line, col = node.lc.item(index)
            child = (*path, index)
            marks[child] = (line + 1, col + 1)
            items.append(_plain(value, child, marks, tagged))
        return items
    if isinstance(node, Mapping):
        return {k: _plain(v, (*path, str(k)), marks, tagged) for k, v in node.items()}
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _yaml_problem(error: MarkedYAMLError) -> str:
    problem = error.problem or error.context or "không đọc được"
    translations = {
        "found duplicate key": "khóa bị lặp lại",
        "mapping values are not allowed here": "dấu «:» không hợp lệ ở đây",
        "could not find expected ':'": "thiếu dấu «:»",
        "found character '\\t' that cannot start any token": "có ký tự Tab; hãy dùng dấu cách",
        "found undefined alias": "bí danh chưa định nghĩa",
        "expected <block end>, but found": "thụt lề không khớp",
        "while scanning a quoted scalar": "thiếu dấu ngoặc kép đóng",
        "found unexpected end of stream": "tệp kết thúc bất ngờ",
        "expected ',' or ']'": "danh sách «[…]» chưa đóng bằng «]»",
        "expected ',' or '}'": "bảng «{…}» chưa đóng bằng «}»",
    }
    for english, vietnamese in translations.items():
        if english in problem:
            return vietnamese
    return problem


def _os_message(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "không tìm thấy tệp; kiểm tra lại đường dẫn"
    if isinstance(error, IsADirectoryError):
        return "đây là thư mục, không phải tệp dữ liệu"
    if isinstance(error, PermissionError):
        return "không có quyền đọc tệp"
    return f"không đọc được tệp ({error.strerror})"
