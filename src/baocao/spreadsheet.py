"""Reading a clerk's spreadsheet (.xlsx or .csv) into rows of named cells.

Clerks keep their figures in Excel; baocao reads the sheet as it is.  Columns are
found by their header text, whatever its accents, case and spacing ("Tổng số hộ",
"tong so ho", "TỔNG  SỐ HỘ" are one header); rows above the header (a title) are
skipped, as are empty rows.  Each cell keeps its row and column, so a bad value
is reported at its place in the sheet.  Values are passed on nearly raw (whole
numbers as ``int``, text stripped): checking them is the model's job.

The header may take two rows, as official summary sheets do: a group header
("Hộ nghèo", merged over two columns) above its sub-headers ("Số hộ", "Tỷ lệ
(%)").  Such a column is named by both, group first ("Hộ nghèo / Số hộ"); a
header standing alone over both rows (merged vertically, or written twice) is
named by itself.  Merged cells are not asked for: a merged group header is its
first cell followed by empty ones, which is also how a clerk who did not merge,
or a .csv file, shows it; so one rule serves both formats and the .xlsx can still
be streamed (openpyxl's read-only mode does not expose merged ranges).

Excel files are read with openpyxl in read-only mode (streaming rows, computed
values of formulas as Excel last saved them); CSV with the standard library,
comma, semicolon or tab separated (Excel in a Vietnamese locale writes ";").

Limits are on what is read, not on the file's size (a 2 kB .xlsx can hold 4 GiB of
spaces): only a regular file is opened; each part of an .xlsx is refused before
parsing when it would unpack to more than :data:`MAX_XLSX_PART_BYTES` (zipfile
never returns more than a part declares), as is a sheet with a row of more cells
than Excel has columns (a scan of its bytes); rows past :data:`MAX_SHEET_ROWS` and
columns past :data:`MAX_SHEET_COLUMNS` are never padded nor kept; a .csv is
streamed and stops at :data:`MAX_SPREADSHEET_BYTES` or :data:`MAX_SHEET_ROWS`.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree.ElementTree import ParseError

from baocao.errors import DataError, Finding
from baocao.formatting import format_number

MAX_SPREADSHEET_BYTES = 50 * 1024 * 1024
"""The largest spreadsheet file read (50 MB; a .csv: the most bytes read)."""
MAX_XLSX_PART_BYTES = 32 * 1024 * 1024
"""The most one part of an .xlsx (a sheet, the shared strings) may unpack to: 32 MB,
above a sheet of 55,000 rows of ten columns (about 24 MB)."""
MAX_SHEET_ROWS = 55_000
"""The last row read: the report's 50,000 units (MAX_TABLE_ROWS, chosen from measured
memory), their title, headers and subtotals."""
EXCEL_COLUMNS = 16_384
"""Excel's last column (XFD): a row with more cells is not Excel's."""
EXCEL_ROWS = 1_048_576
"""Excel's last row: a row numbered beyond it is not Excel's, and not read."""
MAX_SHEET_COLUMNS = 200
"""Columns further right are not read (a summary table has about a dozen)."""
HEADER_SEARCH_ROWS = 20
"""The header row is looked for among the first rows (a title may stand above it)."""


def normalize_header(text: object) -> str:
    """A header reduced to what a clerk means: no accents, lower case, single spaces.

    >>> normalize_header("Tổng số hộ")
    'tong so ho'
    >>> normalize_header("  TỔNG  SỐ HỘ ") == normalize_header("tong_so_ho") == "tong so ho"
    True
    >>> normalize_header("Đơn vị (xã, phường)")
    'don vi xa phuong'
    """
    decomposed = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def cell_name(row: int, column: int) -> str:
    """A cell's name as Excel shows it.

    >>> cell_name(5, 4), cell_name(12, 28)
    ('D5', 'AB12')
    """
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def cell_value(value: object) -> object:
    """A cell as data: whole numbers as ``int``, text stripped, blanks as None.

    Numbers typed as text in the Vietnamese way ("12.299", "12 299") are read as
    whole numbers; anything else is left for the model to judge.

    >>> cell_value(242.0), cell_value(" 12.299 "), cell_value("1 234"), cell_value("2,5")
    (242, 12299, 1234, '2,5')
    >>> cell_value("  "), cell_value(None), cell_value(1.5)
    (None, None, 1.5)
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if re.fullmatch(r"\d{1,3}(?:[. \u00a0]\d{3})+|\d+", text):
            return int(re.sub(r"\D", "", text))
        return unicodedata.normalize("NFC", text)
    return value


@dataclass(frozen=True)
class Cell:
    """One value and where it stood (1-based row and column)."""

    value: object
    row: int
    column: int


@dataclass
class Sheet:
    """The rows of a sheet below its header, each mapping a column key to its cell."""

    file: str
    sheet: str | None
    header_row: int
    columns: dict[str, int]
    """Column key -> column number, for the columns found."""
    rows: list[dict[str, Cell]] = field(default_factory=list)

    def where(self, row: int, column: int) -> str:
        """"trang «Tổng hợp», ô D5" (CSV files: "ô D5")."""
        place = f"ô {cell_name(row, column)}"
        return f"trang «{self.sheet}», {place}" if self.sheet else place


def read_sheet(
    path: Path,
    *,
    display: str,
    sheet: str | None,
    columns: Mapping[str, Sequence[str]],
    required: Sequence[str],
) -> Sheet:
    """Read the rows of ``path`` (.xlsx or .csv), finding ``columns`` by header.

    ``columns`` maps a key to the header names it may have (normalised with
    :func:`normalize_header` before comparing); ``display`` is the file's name in
    messages.  Problems with the file itself (missing, unreadable, no such sheet,
    a required column absent) raise :class:`DataError`.
    """
    aliases = {normalize_header(name): key for key, names in columns.items() for name in names}
    rows, sheet_name = _rows(path, display, sheet)
    header_row, found, nearest = _find_header(rows, aliases, required)
    if header_row is None:
        raise DataError([_missing_columns(rows, columns, required, nearest, display, sheet_name)])
    out = Sheet(file=display, sheet=sheet_name, header_row=header_row, columns=found)
    for number, values in rows:
        if number <= header_row:
            continue
        cells = {
            key: Cell(cell_value(values[col - 1]) if col <= len(values) else None, number, col)
            for key, col in found.items()
        }
        if all(cell.value is None for cell in cells.values()):
            continue
        out.rows.append(cells)
    return out


def read_rows(path: Path, *, display: str, sheet: str | None) -> tuple[Rows, str | None]:
    """Every non-empty row of ``path`` as (row number, raw values), and the sheet's name
    (None for a .csv), within the same bounds as :func:`read_sheet` — for a caller whose
    columns are named by the sheet itself."""
    return _rows(path, display, sheet)


def sheet_names(path: Path, *, display: str) -> list[str]:
    """The sheets of a workbook (.xlsx), in their order, opened within the same bounds as
    :func:`read_sheet`; a .csv has no sheets (refused)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise DataError([Finding("csv-khong-co-trang", "chỉ tệp .xlsx mới có nhiều trang (sheet)",
                                 file=display)])
    with _open_regular(path, display) as stream:
        workbook = _open_workbook(stream, display)
        try:
            return list(workbook.sheetnames)
        finally:
            workbook.close()


def _missing_columns(
    rows: list[tuple[int, list[object]]], columns: Mapping[str, Sequence[str]], required: Sequence[str],
    nearest: tuple[int, dict[str, int]] | None, display: str, sheet_name: str | None,
) -> Finding:
    """No header has every required column: name those the nearest header lacks."""
    where = f" trong trang «{sheet_name}»" if sheet_name else ""
    if nearest is not None:
        row, found = nearest
        missing = [key for key in required if key not in found]
        names = "; ".join(f"«{columns[key][0]}» (tên cột có thể là: {', '.join(columns[key][:4])})"
                          for key in missing)
        return Finding("bang-thieu-cot", f"dòng tiêu đề{where} thiếu cột {names}; hãy đặt lại tên cột "
                       "cho đúng một trong các tên trên", file=display, line=row)
    seen = [str(v) for _, values in rows[:HEADER_SEARCH_ROWS] for v in values if v not in (None, "")]
    wanted = ", ".join(f"«{columns[key][0]}»" for key in required)
    return Finding("bang-thieu-cot", f"không tìm thấy dòng tiêu đề có các cột {wanted}{where}"
                   + (f"; các ô tiêu đề đọc được: {', '.join(seen[:12])}" if seen else ""), file=display)


def header_names(top: Sequence[object], bottom: Sequence[object]) -> list[str]:
    """The (normalised) name of each column under a two-row header.

    A group header spreads rightwards over the empty cells beside it, as long as
    there are sub-headers below; it is joined to each of them.  A header with an
    empty cell below, or the same text below, is a column of its own.

    >>> header_names(
    ...     ["STT", "Tổng số hộ", "Hộ nghèo", None, "Năm 2022", None],
    ...     [None, "Tổng số hộ", "Số hộ", "Tỷ lệ (%)", "Hộ nghèo", "Hộ cận nghèo"],
    ... )
    ['stt', 'tong so ho', 'ho ngheo so ho', 'ho ngheo ty le', 'nam 2022 ho ngheo', 'nam 2022 ho can ngheo']
    """
    names: list[str] = []
    group = ""
    for column in range(max(len(top), len(bottom))):
        upper = _header_text(top, column)
        lower = _header_text(bottom, column)
        if upper:
            group = upper if lower else ""
            names.append(upper if not lower or lower == upper else f"{upper} {lower}")
        elif lower:
            names.append(f"{group} {lower}" if group else lower)
        else:
            group = ""
            names.append("")
    return names


def _header_text(values: Sequence[object], column: int) -> str:
    value = values[column] if column < len(values) else None
    return "" if value is None else normalize_header(value)


def _find_header(
    rows: list[tuple[int, list[object]]], aliases: Mapping[str, str], required: Sequence[str]
) -> tuple[int | None, dict[str, int], tuple[int, dict[str, int]] | None]:
    """The header's last row and the columns found under it; when none is complete,
    the reading that found most of the required columns (its row and columns), if it
    found at least half of them.

    Each row is tried as the top of a two-row header, then as a header alone: the
    first reading that finds every required column wins.
    """
    nearest: tuple[int, dict[str, int]] | None = None
    most = (len(required) + 1) // 2 - 1
    candidates = rows[:HEADER_SEARCH_ROWS]
    for index, (number, values) in enumerate(candidates):
        if all(_header_text(values, column) == "" for column in range(len(values))):
            continue
        readings: list[tuple[int, list[str]]] = []
        if index + 1 < len(rows) and rows[index + 1][0] == number + 1:
            readings.append((number + 1, header_names(values, rows[index + 1][1])))
        readings.append((number, [_header_text(values, column) for column in range(len(values))]))
        for last, names in readings:
            found: dict[str, int] = {}
            for column, name in enumerate(names, start=1):
                key = aliases.get(name) if name else None
                if key is not None and key not in found:
                    found[key] = column
            if all(key in found for key in required):
                return last, found, None
            count = sum(key in found for key in required)
            if count > most:
                most, nearest = count, (last, found)
    return None, {}, nearest


def _rows(path: Path, display: str, sheet: str | None) -> tuple[list[tuple[int, list[object]]], str | None]:
    """Every non-empty row as (row number, values) and the sheet's name (None for CSV)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        hint = "; hãy mở bằng Excel và lưu lại dạng .xlsx" if suffix == ".xls" else ""
        raise DataError(
            [Finding("tep-bang-sai-dang", f"chỉ đọc được tệp .xlsx hoặc .csv{hint}", file=display)]
        )
    if suffix == ".csv" and sheet is not None:
        raise DataError(
            [Finding("csv-khong-co-trang", "tệp .csv không có trang; bỏ «trang»", file=display)]
        )
    with _open_regular(path, display) as stream:
        if suffix == ".csv":
            return _csv_rows(stream, display), None
        return _xlsx_rows(stream, display, sheet)


def _open_regular(path: Path, display: str) -> BinaryIO:
    """``path`` opened for reading when it is a regular file of at most
    :data:`MAX_SPREADSHEET_BYTES` (checked on the open file: a link to a device is
    refused; opened without blocking: a FIFO does not hang)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise DataError(
            [Finding("tep-bang-khong-co", "không tìm thấy tệp bảng tính; kiểm tra tên tệp", file=display)]
        ) from None
    except (OSError, ValueError) as error:
        reason = "không có quyền đọc" if isinstance(error, PermissionError) else str(error)
        raise DataError(
            [Finding("tep-bang-khong-doc-duoc", f"không mở được tệp bảng tính ({reason})", file=display)]
        ) from None
    info = os.fstat(fd)
    problem: Finding | None = None
    if not stat.S_ISREG(info.st_mode):
        kind = "một thư mục" if stat.S_ISDIR(info.st_mode) else "thiết bị, ống dẫn (FIFO) hoặc socket"
        problem = Finding(
            "tep-bang-khong-phai-tep",
            f"«{path.name}» là {kind}, không phải tệp bảng tính; hãy ghi tên một tệp .xlsx hoặc .csv",
            file=display,
        )
    elif info.st_size > MAX_SPREADSHEET_BYTES:
        problem = _too_big(display, f"{format_number(info.st_size)} byte")
    if problem is not None:
        os.close(fd)
        raise DataError([problem])
    return os.fdopen(fd, "rb")


def _too_big(display: str, size: str, part: str = "") -> Finding:
    what = f"phần «{part}» của tệp bảng tính giải nén ra" if part else "tệp bảng tính"
    limit = MAX_XLSX_PART_BYTES if part else MAX_SPREADSHEET_BYTES
    return Finding(
        "tep-qua-lon",
        f"{what} {size}, vượt giới hạn {format_number(limit)} byte; hãy chỉ giữ biểu tổng hợp "
        "trong tệp (xóa các trang, dòng và cột thừa) rồi lưu lại",
        file=display,
    )


def _check_parts(stream: BinaryIO, display: str) -> None:
    """Refuse an .xlsx whose parts would unpack to more than :data:`MAX_XLSX_PART_BYTES`.

    The sizes are the ones the zip declares; zipfile never returns more than that
    (and fails on the checksum when a part claims less than it holds), so this bounds
    what openpyxl can read."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DataError(
            [Finding("tep-bang-hong", f"không đọc được tệp Excel ({error})", file=display)]
        ) from None
    with archive:
        parts = archive.infolist()
        for part in parts:
            if part.file_size > MAX_XLSX_PART_BYTES:
                raise DataError([_too_big(display, f"{format_number(part.file_size)} byte", part.filename)])
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                _scan_part(archive, part.filename, display)
    stream.seek(0)


_CELL_OR_ROW = re.compile(rb"<(?:\w+:)?(c|row)[\s/>]|<!(DOCTYPE)")


def _part_finding(display: str, part: str, code: str, problem: str) -> Finding:
    """A finding on one part of an .xlsx, with the one fix a clerk has: save it again."""
    return Finding(
        code,
        f"phần «{part}» của tệp bảng tính {problem}; hãy mở tệp bằng Excel, xóa phần thừa rồi "
        "lưu lại dạng .xlsx",
        file=display,
    )


def _scan_part(archive: zipfile.ZipFile, part: str, display: str) -> None:
    """Refuse a part with a DOCTYPE (Excel never writes one; it is how entities are
    declared), and a sheet with a row of more than Excel's 16,384 cells: openpyxl
    holds a row's cells before dropping those past :data:`MAX_SHEET_COLUMNS` (one
    row of 2,200,000 cells in 32 MB took 1 GB).  A scan of the bytes, in C."""
    cells = 0
    tail = b""
    try:
        with archive.open(part) as source:
            while chunk := source.read(1 << 16):
                data = tail + chunk
                end = data.rfind(b"<")  # a tag cut at the chunk's end is scanned with the next
                end = len(data) if end < 0 else end
                for match in _CELL_OR_ROW.finditer(data, 0, end):
                    if match.group(2):
                        raise DataError(
                            [_part_finding(display, part, "tep-bang-hong",
                                           "có khai báo DOCTYPE, điều Excel không bao giờ ghi")]
                        )
                    cells = 0 if match.group(1) == b"row" else cells + 1
                    if cells > EXCEL_COLUMNS:
                        raise DataError(
                            [_part_finding(display, part, "bang-qua-rong",
                                           f"có một dòng hơn {format_number(EXCEL_COLUMNS)} ô "
                                           "(số cột tối đa của Excel)")]
                        )
                tail = data[end:]
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise DataError(
            [Finding("tep-bang-hong", f"không đọc được tệp Excel ({error})", file=display)]
        ) from None


Rows = list[tuple[int, list[object]]]
"""(row number, values), the non-empty rows of a sheet."""


def _open_workbook(stream: BinaryIO, display: str) -> Any:
    """The workbook in ``stream``, its parts checked first (:func:`_check_parts`); a file
    openpyxl cannot read is a ``tep-bang-hong`` finding."""
    from openpyxl import load_workbook

    _check_parts(stream, display)
    try:
        return load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ParseError) as error:
        raise DataError(
            [Finding("tep-bang-hong", f"không đọc được tệp Excel ({error})", file=display)]
        ) from None


def _xlsx_rows(stream: BinaryIO, display: str, sheet: str | None) -> tuple[Rows, str]:
    workbook = _open_workbook(stream, display)
    place = "trang đầu"
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        else:
            names = {normalize_header(name): name for name in workbook.sheetnames}
            actual = names.get(normalize_header(sheet))
            if actual is None:
                listed = ", ".join(f"«{name}»" for name in workbook.sheetnames)
                message = f"không có trang «{sheet}»; các trang: {listed}"
                raise DataError([Finding("khong-co-trang", message, file=display)])
            worksheet = workbook[actual]
        place = f"trang «{worksheet.title}»"
        # max_col bounds openpyxl's padding of missing cells (a sheet may declare
        # A1:XFD1048576); a missing row is padded with one shared empty tuple, which
        # _kept skips, so the first row with data past the limit is found and refused.
        values = worksheet.iter_rows(max_row=EXCEL_ROWS, max_col=MAX_SHEET_COLUMNS, values_only=True)
        rows = _kept(enumerate(values, start=1), display, place)
        return rows, worksheet.title
    except DataError:
        raise
    except (ParseError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise DataError(
            [Finding("tep-bang-hong", f"không đọc được {place} của tệp Excel ({error}); hãy mở bằng "
                     "Excel và lưu lại", file=display)]
        ) from None
    finally:
        workbook.close()


def _kept(rows: Iterator[tuple[int, Sequence[object]]], display: str, place: str) -> Rows:
    """The non-empty rows, refusing a row past :data:`MAX_SHEET_ROWS`."""
    kept: Rows = []
    blank: Sequence[object] | None = None
    for number, values in rows:
        if values is blank or (not any(values) and all(v is None or v == "" for v in values)):
            blank = values  # openpyxl pads each missing row with one shared tuple: met at once
            continue
        if number > MAX_SHEET_ROWS:
            raise DataError(
                [
                    Finding(
                        "bang-qua-dai",
                        f"{place} có dữ liệu ở dòng {format_number(number)}, vượt giới hạn "
                        f"{format_number(MAX_SHEET_ROWS)} dòng; hãy xóa các dòng thừa ở cuối trang "
                        "(hoặc tách biểu) rồi lưu lại",
                        file=display,
                        line=number,
                    )
                ]
            )
        last = max(index for index, value in enumerate(values) if value is not None and value != "")
        kept.append((number, list(values[: last + 1])))
    return kept


def _csv_rows(stream: BinaryIO, display: str) -> Rows:
    """The rows of a .csv, streamed: never more than :data:`MAX_SPREADSHEET_BYTES` read."""
    bounded = io.BufferedReader(_Bounded(stream, MAX_SPREADSHEET_BYTES))
    text = io.TextIOWrapper(bounded, encoding="utf-8-sig", newline="")
    reader = None
    try:
        first = text.readline()
        delimiter = max((";", ",", "\t"), key=first.count)
        reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)
        return _kept(enumerate(reader, start=1), display, "tệp .csv")
    except UnicodeDecodeError:
        raise DataError(
            [
                Finding(
                    "ma-hoa", "tệp .csv không phải UTF-8; trong Excel chọn «CSV UTF-8» khi lưu", file=display
                )
            ]
        ) from None
    except _TooMuch:
        raise DataError([_too_big(display, f"hơn {format_number(MAX_SPREADSHEET_BYTES)} byte")]) from None
    except csv.Error as error:
        line = getattr(reader, "line_num", None)
        reason = (
            f"một ô dài quá {format_number(csv.field_size_limit())} ký tự"
            if "field larger" in str(error)
            else f"sai cấu trúc CSV ({error})"
        )
        raise DataError(
            [
                Finding(
                    "csv-hong",
                    f"không đọc được tệp .csv: {reason}; kiểm tra dấu ngoặc kép «\"» ở dòng này",
                    file=display,
                    line=line,
                )
            ]
        ) from None


class _TooMuch(Exception):
    pass


class _Bounded(io.RawIOBase):
    """A binary stream that fails once more than ``limit`` bytes have been read."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self._stream = stream
        self._left = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(min(len(buffer), self._left + 1))
        if len(data) > self._left:
            raise _TooMuch
        self._left -= len(data)
        buffer[: len(data)] = data
        return len(data)
