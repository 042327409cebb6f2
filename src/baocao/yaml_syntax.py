"""Why the YAML parser stopped, said in Vietnamese at the line where the mistake is.

Both parsers PyYAML offers (libyaml's C parser, used when present, and the pure
Python one) stop with an English sentence and a mark that is often not where the
clerk has to look: a missing «:» is reported on the next key, an unclosed quote at
the end of the file.  :func:`syntax_finding` looks at the character under the mark
and at the line around it, and names the cause — a Tab, a value that opens with a
character YAML reserves, a «:» inside a value, an indentation that does not match —
with what to type instead.  No English reaches the clerk: a problem not recognised
here is still said in Vietnamese, with its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from baocao.errors import Finding

CODE = "yaml-cu-phap"

RESERVED_STARTS = {
    "@": "«@»",
    "`": "dấu huyền «`»",
    "%": "«%»",
    "*": "«*»",
    "&": "«&»",
    "!": "«!»",
    "|": "«|»",
    ">": "«>»",
}
"""Characters YAML reserves at the start of a plain value."""


@dataclass(frozen=True)
class _Place:
    line: int  # 0-based, as the parser counts
    column: int

    def finding(self, message: str, name: str) -> Finding:
        return Finding(CODE, message, file=name, line=self.line + 1, column=self.column + 1)


def syntax_finding(error: yaml.YAMLError, text: str, name: str) -> Finding:
    """The finding for a YAML ``error`` raised while reading ``text`` (file ``name``)."""
    lines = text.splitlines()
    if isinstance(error, yaml.reader.ReaderError):
        return _unreadable_character(error, text, name)
    if not isinstance(error, yaml.MarkedYAMLError) or error.problem_mark is None:
        return Finding(CODE, "YAML không đọc được tệp này; kiểm tra thụt lề, dấu «:» và dấu ngoặc kép",
                       file=name)
    problem = error.problem or ""
    context = error.context or ""
    at = _Place(error.problem_mark.line, error.problem_mark.column)
    opened = _Place(error.context_mark.line, error.context_mark.column) if error.context_mark else at
    char = _char(lines, at)

    if char == "\t" or "tab character" in problem:
        return at.finding(f"có ký tự Tab ở dòng {at.line + 1}, cột {at.column + 1}: YAML chỉ thụt lề bằng "
                          "dấu cách; hãy thay Tab bằng dấu cách (mỗi cấp hai dấu cách)", name)
    start = _value_start(lines, at)
    if "cannot start any token" in problem and char in RESERVED_STARTS:
        start = at
    if start is not None and _char(lines, start) in RESERVED_STARTS:
        first = _char(lines, start)
        why = " bị YAML hiểu là một bí danh" if first == "*" else ""
        return start.finding(f"giá trị không được bắt đầu bằng {RESERVED_STARTS[first]}{why}; hãy đặt cả giá "
                             'trị trong dấu ngoặc kép, ví dụ "' + _rest(lines, start) + '"', name)
    if "mapping values are not allowed" in problem:
        return _colon(lines, at, name)
    if "could not find expected ':'" in problem:
        return opened.finding(f"dòng {opened.line + 1} thiếu dấu «:» sau tên khóa (viết «khóa: giá trị»); "
                              "nếu dòng này là phần tiếp của giá trị ở dòng trên, hãy thụt lề nó sâu hơn "
                              "khóa ở dòng trên", name)
    if context.startswith("while parsing a flow sequence") or "',' or ']'" in problem:
        return opened.finding("danh sách «[…]» mở ở đây chưa được đóng bằng «]»; hãy thêm «]» ở cuối danh "
                              "sách, hoặc đặt giá trị có dấu «[» trong dấu ngoặc kép", name)
    if context.startswith("while parsing a flow mapping") or "',' or '}'" in problem:
        return opened.finding("nhóm «{…}» mở ở đây chưa được đóng bằng «}»; hãy thêm «}» ở cuối, hoặc đặt "
                              "giá trị có dấu «{» trong dấu ngoặc kép", name)
    if "escape character" in problem:
        return at.finding("trong dấu ngoặc kép, dấu «\\» phải đi với một ký tự thoát (\\n, \\\", \\\\); "
                          "hãy viết «\\\\» cho một dấu «\\», hoặc dùng ngoặc đơn '…'", name)
    if context.startswith("while scanning a quoted") or context.startswith("while parsing a quoted"):
        return opened.finding("dấu ngoặc mở ở đây chưa được đóng; hãy thêm dấu ngoặc đóng cùng loại ở cuối "
                              "giá trị", name)
    if "single document" in context:
        return at.finding("dòng «---» bắt đầu một văn bản thứ hai, mà một tệp dữ liệu chỉ chứa một văn "
                          "bản; hãy xóa dòng này (hoặc tách ra tệp khác)", name)
    if "expected '-' indicator" in problem or "<block end>" in problem or "expected key" in problem:
        return at.finding(f"thụt lề ở dòng {at.line + 1} không khớp với các dòng trên: các mục cùng cấp "
                          "phải thẳng cột với nhau (cùng số dấu cách ở đầu dòng), mục con thụt sâu hơn", name)
    if "end of stream" in problem:
        return opened.finding("tệp kết thúc khi một giá trị mở ở đây chưa được đóng; kiểm tra dấu ngoặc "
                              "và dấu «[» «{» ở dòng này", name)
    return at.finding("YAML không đọc được dòng này; kiểm tra thụt lề (chỉ dùng dấu cách), dấu «:» sau "
                      "tên khóa và dấu ngoặc kép", name)


def _unreadable_character(error: yaml.reader.ReaderError, text: str, name: str) -> Finding:
    """A control character (from a copied PDF, a typewriter key) YAML refuses to read."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)  # libyaml counts bytes, not characters
    position = found.start() if found else error.position
    before = text[:position]
    line = before.count("\n")
    column = position - (before.rfind("\n") + 1)
    code = ord(found.group()) if found else error.character
    return _Place(line, column).finding(
        f"có ký tự điều khiển không in được (U+{code:04X}) ở dòng {line + 1}, cột {column + 1}, thường do "
        "chép từ PDF hay trang web; hãy xóa ký tự đó (gõ lại đoạn chữ quanh nó)", name)


def _value_start(lines: list[str], at: _Place) -> _Place | None:
    """Where the value of the line the parser stopped on starts, when it opens with a
    character YAML reserves (not «|» «>», which open a block of text)."""
    line = lines[at.line] if at.line < len(lines) else ""
    key = _KEY.match(line) or re.match(r"^\s*(?:-\s+)+", line)
    column = key.end() if key else 0
    while column < len(line) and line[column] == " ":
        column += 1
    if column < len(line) and line[column] in RESERVED_STARTS and line[column] not in "|>":
        return _Place(at.line, column)
    return None


def _char(lines: list[str], at: _Place) -> str:
    if at.line < len(lines) and at.column < len(lines[at.line]):
        return lines[at.line][at.column]
    return ""


def _rest(lines: list[str], at: _Place) -> str:
    rest = lines[at.line][at.column:].strip() if at.line < len(lines) else ""
    return rest.replace('"', '\\"')[:60]


_KEY = re.compile(r"^\s*(?:-\s+)*[^\s:#][^:#]*:(?:\s|$)")
"""A line that opens with «key:» (after any «- »)."""


def _colon(lines: list[str], at: _Place, name: str) -> Finding:
    """«: » where YAML cannot take a new key: inside a value, or on a line indented too deep."""
    line = lines[at.line] if at.line < len(lines) else ""
    key = _KEY.match(line[: at.column])
    if key:
        value = line[key.end():].strip()
        return at.finding(f"giá trị có dấu «:» ở cột {at.column + 1}, mà YAML coi «: » là dấu ngăn khóa với "
                          'giá trị; hãy đặt cả giá trị trong dấu ngoặc kép, ví dụ "'
                          + value.replace('"', '\\"')[:60] + '"', name)
    start = _Place(at.line, len(line) - len(line.lstrip()))
    return start.finding(f"dòng {at.line + 1} thụt lề sâu hơn dòng trên, mà dòng trên đã có giá trị nên "
                         "không mở mục con; hãy thụt lề dòng này bằng với khóa cùng cấp", name)
