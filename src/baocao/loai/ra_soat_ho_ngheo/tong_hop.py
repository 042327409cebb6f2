"""The roll-up of ``ra-soat-ho-ngheo`` (tổng hợp): the higher level's data from its units'.

A province (or, before 7/2025, a district) reports the figures its communes
reported.  Each unit is :class:`DonVi`: one row of the higher level's summary table
with, for every figure, the place it was read from (:class:`Nguon`) — a line of the
unit's data file, or a cell of a workbook with a row per unit.  :func:`tong_hop`
checks the units against each other and against the list of units expected (a
unit twice, a unit missing, a unit not in the list, another year, a column some
units give and others not: each located in the file it concerns) and returns the
higher level's data — the shared text of the higher level (``chung``: its frame and
narrative) with the summary table, the totals of section III and the units
covered — and, by path, where each of its figures came from.

A unit's own consistency (its table's rows adding up to its totals, poor and
near-poor within its households) is its own file's check, run by the caller when
the unit is loaded (:func:`baocao.api.inspect_loaded`); a workbook's rows are
checked here (:func:`tu_bang`), at their cells.
"""

from __future__ import annotations

import copy
import typing
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from baocao.consistency import RuleTable
from baocao.errors import DataError, Finding
from baocao.loading import LoadedData, Origin, dotted
from baocao.loai.ra_soat_ho_ngheo import bieu_tong_hop
from baocao.loai.ra_soat_ho_ngheo.model import (
    TWO_TIER_YEAR,
    BaoCaoRaSoatHoNgheo,
    BieuTongHop,
    Cap,
    KetQua,
    TrienKhai,
    don_vi_truc_thuoc,
    tong_cac_dong,
)
from baocao.loai.ra_soat_ho_ngheo.rules import check_rows
from baocao.spreadsheet import HEADER_SEARCH_ROWS, cell_name, read_rows, sheet_names
from baocao.validation import validate_model

_ROLL_UP = "tổng hợp báo cáo các đơn vị"

RULES = RuleTable(__name__, [
    ("don-vi-bao-cao-hai-lan", "error", _ROLL_UP,
     "«{ten}» đã báo cáo ở {noi_khac}; mỗi đơn vị chỉ một báo cáo — bỏ một trong hai tệp"),
    ("don-vi-thieu", "error", _ROLL_UP,
     "«{ten}» chưa có báo cáo; thêm tệp của đơn vị này, hoặc chạy với --cho-phep-thieu để tổng "
     "hợp các đơn vị đã có"),
    ("don-vi-thieu-cho-phep", "warning", _ROLL_UP,
     "«{ten}» chưa có báo cáo; kết quả chỉ tổng hợp {co}/{tong} đơn vị"),
    ("don-vi-ngoai-danh-sach", "error", _ROLL_UP,
     "«{ten}» không có trong danh sách đơn vị «{danh_sach}»{goi_y}; sửa tên cho khớp danh sách"),
    ("don-vi-khac-nam", "error", _ROLL_UP,
     "báo cáo năm {nam}, nhưng bản tổng hợp là năm {nam_chung} (tệp chung «{chung}»)"),
    ("don-vi-thieu-cot", "error", _ROLL_UP,
     "«{ten}» không có {cot}, trong khi {so} đơn vị khác có (ví dụ «{vi_du}», {noi_vi_du}); ghi số "
     "này cho mọi đơn vị hoặc bỏ ở mọi đơn vị"),
    ("don-vi-thieu-tong-so-ho", "error", _ROLL_UP,
     "«{ten}» không có tổng số hộ dân («ket_qua.tong_so_ho»), chỉ có tỷ lệ đã công bố; biểu tổng hợp "
     "cộng số hộ của các đơn vị nên cần tổng số hộ của từng đơn vị — ghi tổng số hộ vào tệp này"),
    ("chung-co-so-lieu", "error", _ROLL_UP,
     "tệp chung không ghi «{truong}»: số này được tính từ báo cáo của các đơn vị; xóa dòng này"),
    ("chung-sai-loai", "error", _ROLL_UP,
     "tệp chung phải là tệp dữ liệu «ra-soat-ho-ngheo» của cấp trên (ghi «loai: ra-soat-ho-ngheo»)"),
    ("danh-sach-sai-dang", "error", _ROLL_UP,
     "danh sách đơn vị là các dòng «- Tên đơn vị», mỗi đơn vị một dòng"),
    ("danh-sach-lap", "error", _ROLL_UP, "«{ten}» ghi hai lần trong danh sách (dòng {dong})"),
    ("khong-co-don-vi", "error", _ROLL_UP, "không có báo cáo đơn vị nào để tổng hợp"),
    ("trang-khong-co-dong", "error", _ROLL_UP,
     "trang «{trang}» không có dòng số liệu nào dưới dòng tiêu đề; mỗi trang là biểu của một đơn vị "
     "— điền số liệu hoặc xóa trang này"),
])
"""Every finding of the roll-up (a unit's own are its type's rules)."""


@dataclass(frozen=True)
class Nguon:
    """Where a figure came from: a file, its line, and the field (or the cell) there."""

    file: str
    line: int | None
    truong: str

    def __str__(self) -> str:
        """How the result file notes it.

        >>> str(Nguon("xa/a.yaml", 40, "ket_qua.tong_so_ho"))
        'từ xa/a.yaml:40 (ket_qua.tong_so_ho)'
        """
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"từ {where} ({self.truong})"


Row = tuple[str, ...]
"""A figure of a summary-table row: ``("ho_ngheo",)``, ``("nam_truoc", "ho_ngheo")``."""

KET_QUA_OF_ROW: dict[Row, tuple[str, ...]] = {
    ("tong_so_ho",): ("tong_so_ho",),
    ("so_khau",): ("tong_so_khau",),
    ("ho_ngheo",): ("ho_ngheo", "so_ho"),
    ("ho_can_ngheo",): ("ho_can_ngheo", "so_ho"),
    ("khau_ngheo",): ("ho_ngheo", "so_khau"),
    ("khau_can_ngheo",): ("ho_can_ngheo", "so_khau"),
    ("nam_truoc", "ho_ngheo"): ("ho_ngheo", "nam_truoc", "so_ho"),
    ("nam_truoc", "ho_can_ngheo"): ("ho_can_ngheo", "nam_truoc", "so_ho"),
    ("nam_truoc", "khau_ngheo"): ("ho_ngheo", "nam_truoc", "so_khau"),
    ("nam_truoc", "khau_can_ngheo"): ("ho_can_ngheo", "nam_truoc", "so_khau"),
}
"""Each figure of a row, by the field of section III (``ket_qua``) it adds up to."""

EXTRA_KET_QUA: tuple[tuple[str, ...], ...] = (
    ("ho_ngheo", "nam_truoc", "tong_so_ho"),
    ("ho_can_ngheo", "nam_truoc", "tong_so_ho"),
)
"""Figures of section III with no column in the table, added up when every unit has them."""

COLUMN_NAMES: dict[Row, str] = {
    ("so_khau",): "tổng số khẩu",
    ("khau_ngheo",): "số khẩu hộ nghèo",
    ("khau_can_ngheo",): "số khẩu hộ cận nghèo",
    ("nam_truoc", "khau_ngheo"): "số khẩu hộ nghèo năm trước",
    ("nam_truoc", "khau_can_ngheo"): "số khẩu hộ cận nghèo năm trước",
    ("nam_truoc", "ho_ngheo"): "số hộ nghèo năm trước",
    ("nam_truoc", "ho_can_ngheo"): "số hộ cận nghèo năm trước",
    ("khu_vuc",): "khu vực",
    ("ho_ngheo", "nam_truoc", "tong_so_ho"): "tổng số hộ năm trước (ở «ket_qua.ho_ngheo.nam_truoc»)",
    ("ho_can_ngheo", "nam_truoc", "tong_so_ho"):
        "tổng số hộ năm trước (ở «ket_qua.ho_can_ngheo.nam_truoc»)",
}
"""How a message names a figure some units give and others not."""


@dataclass
class DonVi:
    """One unit: its name, where it is named, its figures and where each came from."""

    ten: str
    noi: Nguon
    """Where the unit is named (its data file's ``dia_ban``, a workbook's cell)."""
    so: dict[Row, tuple[object, Nguon]] = field(default_factory=dict)
    """The row's figures (and ``khu_vuc``)."""
    them: dict[tuple[str, ...], tuple[int, Nguon]] = field(default_factory=dict)
    """Figures of section III only (:data:`EXTRA_KET_QUA`)."""
    nam: tuple[int, Nguon] | None = None
    """The unit's year, when its file states it (a workbook row does not)."""

    @property
    def khoa(self) -> str:
        return name_key(self.ten)


def name_key(name: str) -> str:
    """A unit's name as compared: case and spacing do not matter, accents do.

    >>> name_key("  Xã  Dương Quang ") == name_key("xã dương quang")
    True
    >>> name_key("Xã Tân Hòa") == name_key("Xã Tấn Hòa")
    False
    """
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def row_name(dia_ban: str) -> str:
    """The name a unit's row prints: its ``dia_ban`` with a capital first letter.

    >>> row_name("xã Dương Quang"), row_name("thành phố Bắc Kạn")
    ('Xã Dương Quang', 'Thành phố Bắc Kạn')
    """
    text = " ".join(dia_ban.split())
    return text[:1].upper() + text[1:]


# --- the units ------------------------------------------------------------------------------


def tu_bao_cao(report: BaoCaoRaSoatHoNgheo, loaded: LoadedData) -> DonVi:
    """A unit from its checked report and the data it was read from (its lines)."""
    def nguon(path: tuple[str | int, ...]) -> Nguon:
        return _where(loaded, path)
    ket_qua = report.ket_qua
    unit = DonVi(row_name(report.dia_ban), nguon(("dia_ban",)),
                 nam=(report.nam, nguon(("nam",))))
    for row, path in KET_QUA_OF_ROW.items():
        value = _get(ket_qua, path)
        if value is not None:
            column = ".".join(row) if report.bieu_tong_hop is not None else None
            unit.so[row] = (value, _where(loaded, ("ket_qua", *path), table_column=column))
    if (("nam_truoc", "ho_ngheo") in unit.so) != (("nam_truoc", "ho_can_ngheo") in unit.so):
        # a row has last year's households for both classes or for none (and their persons with them)
        for row in [row for row in unit.so if row[0] == "nam_truoc"]:
            del unit.so[row]
    for path in EXTRA_KET_QUA:
        value = _get(ket_qua, path)
        if isinstance(value, int):
            unit.them[path] = (value, nguon(("ket_qua", *path)))
    return unit


def _get(node: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        node = getattr(node, part, None)
        if node is None:
            return None
    return node


def _where(loaded: LoadedData, path: tuple[str | int, ...], table_column: str | None = None) -> Nguon:
    """The line of ``path`` in the unit's file; a count the file left to its table
    (``table_column``: the file has one) is the sum of that column, noted at the table."""
    if table_column is not None and tuple(path) not in loaded.marks:
        return _table_sum(loaded, table_column)
    line = loaded.locate(path)
    return Nguon(loaded.file, line[0] if line else None, dotted(path))


def _table_sum(loaded: LoadedData, figure: str) -> Nguon:
    line = loaded.locate(("bieu_tong_hop",))
    return Nguon(loaded.file, line[0] if line else None, f"tổng các dòng «bieu_tong_hop», cột {figure}")


def tu_bang(path: Path, *, display: str, trang: str | None, nam: object) -> tuple[list[DonVi], list[Finding]]:
    """The units of a workbook with a row per unit (the summary table's columns, read as
    :mod:`.bieu_tong_hop` reads a table), each figure noted at its cell; the rows are
    read as a table is (a bad value, a column some rows leave blank, the sheet's own
    totals row), the problems raised as one :class:`DataError` located at the cells.
    Returns the units and the warnings."""
    loaded, cells = _sheet_rows(path, display, trang, nam)
    problems = [f for f in loaded.findings if f.severity == "error"]
    try:
        table = validate_model(BieuTongHop, cells)
    except DataError as error:
        raise DataError([*problems, *error.findings]) from None
    if problems:
        raise DataError(problems)
    # (a row's own consistency — poor and near-poor within its households, persons and
    # households — is the type's rules on the result's table, located at these cells)
    units = []
    for index, dong in enumerate(table.dong):
        def cell(*part: str, index: int = index) -> Nguon:
            return _cell(cells.origins, ("dong", index, *part))

        unit = DonVi(" ".join(dong.ten.split()), cell("ten"))
        values: dict[Row, object] = {("khu_vuc",): dong.khu_vuc}
        for row in KET_QUA_OF_ROW:
            values[row] = _get(dong, row)
        for row, value in values.items():
            if value is not None:
                unit.so[row] = (value, cell(*row))
        units.append(unit)
    return units, [f for f in loaded.findings if f.severity != "error"]


def tu_cac_trang(path: Path, *, display: str, nam: object) -> tuple[list[DonVi], list[Finding]]:
    """The units of a workbook with a sheet per unit, each sheet the unit's own summary
    table (a row per village, or one row for the whole unit), read as a table is (a bad
    value, a column some rows leave blank, a typed totals row that disagrees: at its
    cell).  The unit is named by a cell «Đơn vị: Xã …» above the table's header (the
    name may also stand in the cell right of «Đơn vị:»), else by the sheet's name; its
    figures are the sums of the sheet's rows, each noted with the sheet and the cells
    it adds up.  Every sheet is read; the problems of all are raised together."""
    units: list[DonVi] = []
    problems: list[Finding] = []
    warnings: list[Finding] = []
    for sheet in sheet_names(path, display=display):
        try:
            unit, found = _tu_trang(path, display, sheet, nam)
        except DataError as error:
            problems += error.errors
            warnings += [f for f in error.findings if f.severity != "error"]
            continue
        units.append(unit)
        warnings += found
    if problems:
        raise DataError([*problems, *warnings])
    return units, warnings


def _sheet_rows(path: Path, display: str, sheet: str | None, nam: object) -> tuple[LoadedData, LoadedData]:
    """One sheet of ``path`` read as the summary table's rows are (:mod:`.bieu_tong_hop`):
    what the read found (its findings, its cells' origins), and the rows alone as data to
    validate, each cell's origin kept under ``("dong", index, …)``."""
    loaded = LoadedData({"nam": nam, "bieu_tong_hop": {"tep": path.name, "trang": sheet}}, display)
    bieu_tong_hop.prepare(loaded, path.parent)
    rows: list[dict[str, Any]] = loaded.data["bieu_tong_hop"]["dong"]
    cells = LoadedData({"dong": rows}, display,
                       origins={key[1:]: origin for key, origin in loaded.origins.items()})
    return loaded, cells


def _tu_trang(path: Path, display: str, sheet: str, nam: object) -> tuple[DonVi, list[Finding]]:
    loaded, cells = _sheet_rows(path, display, sheet, nam)
    rows: list[dict[str, Any]] = cells.data["dong"]
    problems = [f for f in loaded.findings if f.severity == "error"]
    if not rows:
        problems.append(Finding("trang-khong-co-dong", RULES.message("trang-khong-co-dong", trang=sheet),
                                file=display))
        raise DataError(problems)
    try:
        table = validate_model(BieuTongHop, cells)
    except DataError as error:
        raise DataError([*problems, *error.findings]) from None
    problems += [cells.finding(p.path, p.code, p.message, severity=p.severity)
                 for p in check_rows(table.dong, ("dong",))]
    if any(f.severity == "error" for f in problems):
        raise DataError(problems)
    raw, _ = read_rows(path, display=display, sheet=sheet)
    named = _named_cell(raw)
    if named is None:
        unit = DonVi(" ".join(sheet.split()), Nguon(display, None, f"trang «{sheet}» (tên trang)"))
    else:
        name, row, column = named
        unit = DonVi(name, Nguon(display, row, f"trang «{sheet}», ô {cell_name(row, column)}"))
    sums = tong_cac_dong(table.dong)
    for key in KET_QUA_OF_ROW:
        value = getattr(sums, "_".join(key))  # ("nam_truoc", "ho_ngheo"): nam_truoc_ho_ngheo
        if value is None:
            continue
        first, last = (cells.origins[("dong", i, *key)] for i in (0, len(rows) - 1))
        span = first.place.rsplit("ô ", 1)[-1]
        if len(rows) > 1:
            span += ":" + last.place.rsplit("ô ", 1)[-1]
        unit.so[key] = (value, Nguon(display, first.line, f"trang «{sheet}», tổng ô {span}"))
    return unit, [*problems, *(f for f in loaded.findings if f.severity != "error")]


_NAME_LABEL = ("đơn vị", "tên đơn vị")
"""The labels of the cell naming a sheet's unit: «Đơn vị: Xã Nguyễn Thị Minh Khai»."""


def _named_cell(rows: list[tuple[int, list[object]]]) -> tuple[str, int, int] | None:
    """The unit's name from a cell «Đơn vị: …» (or «Đơn vị:» and the name in the next
    cell) among the first rows, with its row and column; None when there is none.

    >>> _named_cell([(1, ["BIỂU TỔNG HỢP"]), (2, ["Đơn vị:", None, " Xã  Bằng Thành "])])
    ('Xã Bằng Thành', 2, 3)
    >>> _named_cell([(1, ["Tên đơn vị: Phường Đức Xuân"])]), _named_cell([(1, ["Đơn vị", "Tổng số hộ"])])
    (('Phường Đức Xuân', 1, 1), None)
    """
    for number, values in rows[:HEADER_SEARCH_ROWS]:
        for column, value in enumerate(values, start=1):
            if not isinstance(value, str) or ":" not in value:
                continue
            label, _, rest = value.partition(":")
            if unicodedata.normalize("NFC", " ".join(label.split())).casefold() not in _NAME_LABEL:
                continue
            if rest.strip():
                return " ".join(rest.split()), number, column
            for after, other in enumerate(values[column:], start=column + 1):
                if isinstance(other, str) and other.strip():
                    return " ".join(other.split()), number, after
    return None


def _cell(origins: dict[tuple[str | int, ...], Origin], path: tuple[str | int, ...]) -> Nguon:
    origin = origins.get(path) or origins[path[:3]]  # an area from its group heading: the row
    return Nguon(origin.file, origin.line, origin.place)


# --- the list of units expected ----------------------------------------------------------------


@dataclass(frozen=True)
class DanhSach:
    """The units expected, in the order the table prints them, each with its line."""

    file: str
    ten: list[tuple[str, int | None]]


def danh_sach(loaded: LoadedData) -> DanhSach:
    """The list of units from a YAML list of names (``- Xã Dương Quang``)."""
    names = loaded.data
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise DataError([loaded.finding((), "danh-sach-sai-dang", RULES.message("danh-sach-sai-dang"))])
    seen: dict[str, int | None] = {}
    problems = []
    out = []
    for index, name in enumerate(names):
        where = loaded.locate((index,))
        line = where[0] if where else None
        key = name_key(name)
        if key in seen:
            problems.append(loaded.finding((index,), "danh-sach-lap",
                                           RULES.message("danh-sach-lap", ten=name, dong=seen[key])))
        seen[key] = line
        out.append((" ".join(name.split()), line))
    if problems:
        raise DataError(problems)
    return DanhSach(loaded.file, out)


# --- the roll-up ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TongHop:
    """The higher level's data, where each of its figures came from, and the warnings."""

    data: dict[str, Any]
    nguon: dict[tuple[str | int, ...], str]
    """A note by the path of each figure (and of each row): where it came from."""
    origins: dict[tuple[str | int, ...], Origin]
    """The table's figures by the place they were read, for findings on the result."""
    findings: list[Finding]
    so_don_vi: int


def tong_hop(chung: LoadedData, units: Sequence[DonVi], *, du_kien: DanhSach | None = None,
             cho_phep_thieu: bool = False) -> TongHop:
    """The higher level's data from ``chung`` (its frame and narrative) and ``units``;
    raise :class:`DataError` with every problem found, each in the file it concerns."""
    data = chung.data
    if not isinstance(data, dict) or data.get("loai") != "ra-soat-ho-ngheo":
        raise DataError([chung.finding(("loai",), "chung-sai-loai", RULES.message("chung-sai-loai"))])
    problems = list(_figures_in_chung(chung))
    if not units:
        problems.append(Finding("khong-co-don-vi", RULES.message("khong-co-don-vi")))
        raise DataError(problems)
    problems += _twice(units)
    problems += _other_year(chung, units)
    warnings: list[Finding] = []
    ordered = list(units)
    if du_kien is not None:
        ordered, found = _against_list(units, du_kien, cho_phep_thieu)
        for finding in found:
            (warnings if finding.severity == "warning" else problems).append(finding)
    problems += [
        _finding(unit.noi, "don-vi-thieu-tong-so-ho", ten=unit.ten)
        for unit in ordered if ("tong_so_ho",) not in unit.so
    ]
    problems += _columns_complete(ordered)
    if problems:
        raise DataError([*problems, *warnings])
    return _build(chung, ordered, du_kien, warnings)


def _figures_in_chung(chung: LoadedData) -> Iterator[Finding]:
    """The counts the roll-up computes must not be typed in the shared text."""
    data = chung.data
    paths: list[tuple[str, ...]] = [("bieu_tong_hop",), ("ket_qua", "tong_so_ho")]
    paths += [("ket_qua", *path) for path in KET_QUA_OF_ROW.values()]
    paths += [("ket_qua", *path) for path in EXTRA_KET_QUA]
    for path in paths:
        node: Any = data
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None:
            message = RULES.message("chung-co-so-lieu", truong=dotted(path))
            yield chung.finding(path, "chung-co-so-lieu", message)


def _place(nguon: Nguon) -> str:
    return nguon.file if nguon.line is None else f"{nguon.file}:{nguon.line}"


def _finding(nguon: Nguon, code: str, path: str = "", **values: object) -> Finding:
    rule = RULES[code]
    return Finding(code, RULES.message(code, **values), path=path, file=nguon.file, line=nguon.line,
                   severity=rule.severity)


def _twice(units: Sequence[DonVi]) -> Iterator[Finding]:
    first: dict[str, DonVi] = {}
    for unit in units:
        if unit.khoa in first:
            yield _finding(unit.noi, "don-vi-bao-cao-hai-lan", unit.noi.truong, ten=unit.ten,
                           noi_khac=_place(first[unit.khoa].noi))
        else:
            first[unit.khoa] = unit


def _other_year(chung: LoadedData, units: Sequence[DonVi]) -> Iterator[Finding]:
    nam = chung.data.get("nam")
    for unit in units:
        if unit.nam is not None and isinstance(nam, int) and unit.nam[0] != nam:
            yield _finding(unit.nam[1], "don-vi-khac-nam", "nam", nam=unit.nam[0], nam_chung=nam,
                           chung=chung.file)


def _against_list(units: Sequence[DonVi], du_kien: DanhSach, cho_phep_thieu: bool
                  ) -> tuple[list[DonVi], list[Finding]]:
    """The units in the list's order; the ones missing, and those not in the list."""
    import difflib

    by_key: dict[str, DonVi] = {}
    for unit in units:
        by_key.setdefault(unit.khoa, unit)
    expected = {name_key(name): name for name, _ in du_kien.ten}
    found: list[Finding] = []
    ordered = [by_key[name_key(name)] for name, _ in du_kien.ten if name_key(name) in by_key]
    missing = [(name, line) for name, line in du_kien.ten if name_key(name) not in by_key]
    for name, line in missing:
        where = Nguon(du_kien.file, line, "")
        if cho_phep_thieu:
            found.append(_finding(where, "don-vi-thieu-cho-phep", ten=name, co=len(ordered),
                                  tong=len(du_kien.ten)))
        else:
            found.append(_finding(where, "don-vi-thieu", ten=name))
    for key, unit in by_key.items():
        if key not in expected:
            close = difflib.get_close_matches(unit.ten, [n for n, _ in du_kien.ten], n=1, cutoff=0.8)
            hint = f" (có phải «{close[0]}»?)" if close else ""
            found.append(_finding(unit.noi, "don-vi-ngoai-danh-sach", unit.noi.truong, ten=unit.ten,
                                  danh_sach=du_kien.file, goi_y=hint))
    return ordered, found


def _columns_complete(units: Sequence[DonVi]) -> Iterator[Finding]:
    """A column (or a figure of section III) some units give must be given by all."""
    for figure, label in COLUMN_NAMES.items():
        given = [u for u in units if figure in u.so or figure in u.them]
        if not given or len(given) == len(units):
            continue
        example = given[0]
        for unit in units:
            if figure not in unit.so and figure not in unit.them:
                yield _finding(unit.noi, "don-vi-thieu-cot", unit.noi.truong, ten=unit.ten, cot=label,
                               so=len(given), vi_du=example.ten, noi_vi_du=_place(example.noi))


_TABLE_KEYS: tuple[Row, ...] = (
    ("ten",), ("khu_vuc",), ("tong_so_ho",), ("so_khau",), ("ho_ngheo",), ("ho_can_ngheo",),
    ("khau_ngheo",), ("khau_can_ngheo",), ("nam_truoc", "ho_ngheo"), ("nam_truoc", "ho_can_ngheo"),
    ("nam_truoc", "khau_ngheo"), ("nam_truoc", "khau_can_ngheo"),
)
"""A row's keys in the order the result file writes them (the model's order)."""


def _build(chung: LoadedData, units: list[DonVi], du_kien: DanhSach | None,
           warnings: list[Finding]) -> TongHop:
    data: dict[str, Any] = copy.deepcopy(chung.data)
    notes: dict[tuple[str | int, ...], str] = {}
    origins: dict[tuple[str | int, ...], Origin] = {}
    rows: list[dict[str, Any]] = []
    for index, unit in enumerate(units):
        row: dict[str, Any] = {}
        notes[("bieu_tong_hop", "dong", index)] = f"từ {unit.noi.file}"
        origins[("bieu_tong_hop", "dong", index)] = _origin(unit.noi)
        for key in _TABLE_KEYS:
            if key == ("ten",):
                row["ten"] = unit.ten
                continue
            if key not in unit.so:
                continue
            value, nguon = unit.so[key]
            target = row
            for part in key[:-1]:
                target = target.setdefault(part, {})
            target[key[-1]] = value
            path: tuple[str | int, ...] = ("bieu_tong_hop", "dong", index, *key)
            notes[path] = str(nguon)
            origins[path] = _origin(nguon)
        rows.append(row)
    count = len(units)
    ket_qua: dict[str, Any] = dict(data.get("ket_qua") or {})
    summed = f"tổng {count} đơn vị của «bieu_tong_hop»"
    ket_qua_notes: dict[tuple[str, ...], str] = {}

    def put(path: tuple[str, ...], value: int, note: str) -> None:
        target = ket_qua
        for part in path[:-1]:
            target[part] = dict(target.get(part) or {})
            target = target[part]
        target[path[-1]] = value
        ket_qua_notes[path] = note

    for row_key, path in KET_QUA_OF_ROW.items():
        if row_key in units[0].so:
            put(path, sum(int(u.so[row_key][0]) for u in units), summed)  # type: ignore[call-overload]
    for path in EXTRA_KET_QUA:
        if path in units[0].them:
            put(path, sum(u.them[path][0] for u in units), f"tổng {count} đơn vị ({dotted(path)})")
    ket_qua["co_bieu_kem_theo"] = True
    data = _with(data, "ket_qua", _in_model_order(ket_qua, KetQua), before="danh_gia")
    data = _with(data, "bieu_tong_hop", {"dong": rows}, before="danh_gia")
    for path in ket_qua_notes:
        notes[("ket_qua", *path)] = ket_qua_notes[path]
    _cover(data, notes, count, du_kien)
    return TongHop(data, notes, origins, warnings, count)


SOURCE_SUFFIX = " (nguồn)"
"""A sheet column beside each figure's, naming the file and line the figure came from."""


def table_as_sheet(
    result: TongHop, name: str
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], str], str]:
    """``result`` with its summary table moved to a .csv file named ``name`` (beside the data
    file, read back through ``bieu_tong_hop.tep``), for a table too long for a data file:
    the data, its notes, and the .csv text («;»-separated, UTF-8 with the mark Excel
    looks for).  Beside each figure's column, a column «… (nguồn)» says where it came from."""
    import csv
    import io

    rows = result.data["bieu_tong_hop"]["dong"]
    keys = [key for key in _TABLE_KEYS if any(_dig(row, key) is not None for row in rows)]
    header: list[str] = []
    for key in keys:
        title = bieu_tong_hop.COLUMNS[".".join(key)][0]
        header += [title] if key in (("ten",), ("khu_vuc",)) else [title, title + SOURCE_SUFFIX]
    header.append("Tệp đơn vị")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for index, row in enumerate(rows):
        cells: list[object] = []
        for key in keys:
            cells.append(_dig(row, key))
            if key not in (("ten",), ("khu_vuc",)):
                note = result.nguon.get(("bieu_tong_hop", "dong", index, *key), "")
                cells.append(note.removeprefix("từ "))
        cells.append(result.nguon[("bieu_tong_hop", "dong", index)].removeprefix("từ "))
        writer.writerow(["" if cell is None else cell for cell in cells])
    data = {**result.data, "bieu_tong_hop": {"tep": name}}
    notes = {path: note for path, note in result.nguon.items() if path[:1] != ("bieu_tong_hop",)}
    notes[("bieu_tong_hop", "tep")] = (f"{len(rows)} đơn vị, mỗi số kèm cột «…{SOURCE_SUFFIX}»: tệp và "
                                       "dòng lấy số đó")
    return data, notes, "\ufeff" + buffer.getvalue()


def _dig(row: dict[str, Any], key: Row) -> Any:
    node: Any = row
    for part in key:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _in_model_order(data: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """``data``'s keys in the order of ``model``'s fields (nested blocks too), as the
    clerk reads them in a file written by hand; unknown keys last (the model reports them).

    >>> list(_in_model_order({"nhan_xet": [], "ho_ngheo": {"nam_truoc": {}, "so_ho": 1},
    ...                       "tong_so_ho": 9}, KetQua))
    ['tong_so_ho', 'ho_ngheo', 'nhan_xet']
    >>> from baocao.loai.ra_soat_ho_ngheo.model import NhomHo
    >>> list(_in_model_order({"nam_truoc": {}, "so_ho": 1}, NhomHo))
    ['so_ho', 'nam_truoc']
    """
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in data:
            value, inner = data[name], _unwrap_model(info.annotation)
            out[name] = _in_model_order(value, inner) if isinstance(value, dict) and inner else value
    return {**out, **{key: value for key, value in data.items() if key not in out}}


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    """The block a field holds (``NhomHo | None`` → ``NhomHo``), None for other values."""
    members = typing.get_args(annotation) or (annotation,)
    return next((m for m in members if isinstance(m, type) and issubclass(m, BaseModel)), None)


def _origin(nguon: Nguon) -> Origin:
    return Origin(nguon.file, nguon.line or 1, 1, nguon.truong)


def _with(data: dict[str, Any], key: str, value: Any, *, before: str) -> dict[str, Any]:
    """``data`` with ``key`` set, in place if present, else before ``before`` (or at the end)."""
    if key in data or before not in data:
        return {**data, key: value}
    out: dict[str, Any] = {}
    for name, item in data.items():
        if name == before:
            out[key] = value
        out[name] = item
    return out


def _cover(data: dict[str, Any], notes: dict[tuple[str | int, ...], str], count: int,
           du_kien: DanhSach | None) -> None:
    """The units covered (``trien_khai.pham_vi``), when the shared text leaves them out:
    the units reported, of those expected."""
    trien_khai = data.get("trien_khai")
    if not isinstance(trien_khai, dict) or trien_khai.get("pham_vi") is not None:
        return
    total = len(du_kien.ten) if du_kien is not None else count
    level = data.get("cap") if data.get("cap") in typing.get_args(Cap) else None
    year: int = data["nam"] if isinstance(data.get("nam"), int) else TWO_TIER_YEAR
    trien_khai["pham_vi"] = {"so_don_vi_ra_soat": count, "tong_so_don_vi": total,
                             "ten_don_vi": don_vi_truc_thuoc(level, year)}  # the units under it
    data["trien_khai"] = _in_model_order(trien_khai, TrienKhai)
    notes[("trien_khai", "pham_vi", "so_don_vi_ra_soat")] = "số đơn vị có báo cáo được tổng hợp"
    notes[("trien_khai", "pham_vi", "tong_so_don_vi")] = (
        f"số đơn vị trong danh sách {du_kien.file}" if du_kien is not None
        else "số đơn vị có báo cáo (không có danh sách đơn vị)")
