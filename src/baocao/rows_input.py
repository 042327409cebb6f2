"""One data file per row of a workbook: the shared text once, each unit's values in its row.

A commune's report differs from its neighbours' in a few values — its name, its
figures, its signer, its number.  The clerk writes the shared text once (an ordinary
data file) and a workbook (.xlsx or .csv) with a row per unit whose header cells are
the keys those values have in the data file::

    tep        | dia_ban        | co_quan.ten[1] | ket_qua.tong_so_ho | ket_qua.ho_ngheo.so_ho
    duong-quang | xã Dương Quang | xã Dương Quang | 1850               | 42

A report type may also name columns in Vietnamese (:class:`Cot`, its
``ReportType.cot_bang``: «Đơn vị», «Tổng số hộ», «Hộ nghèo» … for ``ra-soat-ho-ngheo``,
the names its summary table is read by), beside the keys.
A row's data is the shared text with each of its non-empty cells put at its key
(``[1]``: the second item of a list); ``tep`` names the output (default: the row's
``dia_ban``, unaccented).  Each value remembers its cell, so a finding on it points
at the workbook's row and column; the rest point at the shared text's lines.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from baocao.errors import DataError, Finding
from baocao.loading import LoadedData, Origin, dotted
from baocao.spreadsheet import cell_name, cell_value, normalize_header, read_rows

NAME_COLUMN = "tep"
"""The column naming each row's output file (without its suffix)."""

_KEY = re.compile(r"[a-z_][a-z0-9_]*(?:\[\d+\])*(?:\.[a-z_][a-z0-9_]*(?:\[\d+\])*)*")
_PART = re.compile(r"([a-z_][a-z0-9_]*)|\[(\d+)\]")


def key_path(header: str) -> tuple[str | int, ...] | None:
    """The data path a header cell names; None when it names none.

    >>> key_path("ket_qua.ho_ngheo.so_ho"), key_path("co_quan.ten[1]")
    (('ket_qua', 'ho_ngheo', 'so_ho'), ('co_quan', 'ten', 1))
    >>> key_path("Tổng số hộ") is None, key_path("ket_qua..so_ho") is None
    (True, True)
    """
    text = header.strip()
    if not _KEY.fullmatch(text):
        return None
    return tuple(int(index) if index else name for name, index in _PART.findall(text))


@dataclass(frozen=True)
class Cot:
    """A column a report type names in words: the data key its cells fill and, when
    the cell is written otherwise than the key's value (a unit's name as its table
    prints it, «Xã An Bình», for ``dia_ban``, «xã An Bình»), how the value is made."""

    khoa: tuple[str | int, ...]
    doi: Callable[[object], object] | None = None


@dataclass(frozen=True)
class RowData:
    """One row's data file: its output's stem, the data with its places, where it is."""

    stem: str
    loaded: LoadedData
    where: str
    """«cac-xa.xlsx:5»: how a summary names the row."""


def rows_data(shared: LoadedData, path: Path, *, display: str, sheet: str | None = None,
              cot: Mapping[str, Cot] | None = None) -> list[RowData]:
    """The data of each row of ``path`` (see the module's text); ``cot``: the columns the
    report type names in words, by header (compared as :func:`normalize_header` does).
    A header that names no key, two headers for one key, a row without an output name,
    two rows with one name, a key the shared text's lists do not reach: one
    :class:`DataError` listing them, located at the cells."""
    words = {normalize_header(name): column for name, column in (cot or {}).items()}
    rows, sheet_name = read_rows(path, display=display, sheet=sheet)
    if not rows:
        raise DataError([Finding("bang-rong", "bảng tính không có dòng nào", file=display)])

    def place(row: int, column: int) -> str:
        cell = f"ô {cell_name(row, column)}"
        return f"trang «{sheet_name}», {cell}" if sheet_name else cell

    header_row, headers = rows[0]
    problems: list[Finding] = []
    keys: dict[int, tuple[str | int, ...]] = {}
    makers: dict[int, Callable[[object], object]] = {}
    first_of: dict[tuple[str | int, ...], int] = {}
    for column, header in enumerate(headers, start=1):
        if header in (None, ""):
            continue
        found = key_path(str(header))
        named = words.get(normalize_header(header)) if found is None else None
        if named is not None:
            found = named.khoa
            if named.doi is not None:
                makers[column] = named.doi
        if found is None:
            hint = f"; hoặc một tên cột: {', '.join(f'«{n}»' for n in list(cot or {})[:6])} …" if cot else ""
            problems.append(Finding(
                "bang-tieu-de-khong-phai-khoa",
                f"{place(header_row, column)}: tiêu đề cột «{header}» phải là khóa của tệp dữ liệu, "
                "ví dụ «dia_ban», «co_quan.ten[1]», «ket_qua.ho_ngheo.so_ho» (hoặc «tep»: tên tệp kết quả)"
                + hint, file=display, line=header_row, column=column))
        elif found in first_of:
            problems.append(Finding(
                "bang-cot-trung-khoa",
                f"{place(header_row, column)}: cột «{header}» ghi cùng khóa «{dotted(found)}» với "
                f"{place(header_row, first_of[found])}; bỏ một trong hai cột",
                file=display, line=header_row, column=column))
        else:
            keys[column] = found
            first_of[found] = column
    if problems:
        raise DataError(problems)
    out: list[RowData] = []
    seen: dict[str, int] = {}
    for number, values in rows[1:]:
        data: Any = copy.deepcopy(shared.data)
        loaded = LoadedData(data, shared.file, marks=shared.marks, findings=list(shared.findings),
                            files_root=shared.files_root, flow_plain=set(shared.flow_plain))
        stem = None
        for column, key in keys.items():
            value = cell_value(values[column - 1]) if column <= len(values) else None
            if value is None:
                continue
            origin = Origin(display, number, column, place(number, column))
            if column in makers:
                value = makers[column](value)
            if key == (NAME_COLUMN,):
                stem = normalize_header(value).replace(" ", "-")
                continue
            problem = _put(data, key, value)
            if problem is not None:
                problems.append(Finding("bang-khoa-khong-toi", f"{origin.place}: {problem}", path=dotted(key),
                                        file=display, line=number, column=column))
            loaded.origins[key] = origin
        stem = stem or (normalize_header(data.get("dia_ban", "")).replace(" ", "-") if isinstance(data, dict)
                        and isinstance(data.get("dia_ban"), str) else "")
        if not stem:
            problems.append(Finding(
                "bang-thieu-ten-tep", f"dòng {number} không có tên tệp kết quả: ghi cột «tep» hoặc «dia_ban»",
                file=display, line=number))
            continue
        if stem in seen:
            problems.append(Finding(
                "bang-trung-ten-tep", f"dòng {number} cùng tên tệp kết quả «{stem}» với dòng {seen[stem]}; "
                "đặt tên khác ở cột «tep»", file=display, line=number))
            continue
        seen[stem] = number
        out.append(RowData(stem, loaded, f"{display}:{number}"))
    if problems:
        raise DataError(problems)
    return out


def _put(data: Any, key: tuple[str | int, ...], value: object) -> str | None:
    """Set ``value`` at ``key`` in ``data`` (mappings made as needed); why it cannot be."""
    node = data
    for part, following in zip(key, [*key[1:], None], strict=True):
        last = following is None
        if isinstance(part, int):
            if not isinstance(node, list) or part > len(node):
                return (f"tệp chung không có mục thứ {part + 1} của danh sách ở «{key}»; thêm mục đó vào "
                        "tệp chung (để giá trị tạm), bảng tính chỉ thay giá trị")
            if part == len(node):
                node.append(None)
            if last:
                node[part] = value
            elif not isinstance(node[part], dict | list):
                node[part] = {} if isinstance(following, str) else []
            node = node[part]
        else:
            if not isinstance(node, dict):
                return f"«{part}» không đặt được vào một giá trị không phải bảng «khóa: giá trị»"
            if last:
                node[part] = value
            elif not isinstance(node.get(part), dict | list):
                node[part] = {} if isinstance(following, str) else []
            node = node[part]
    return None
