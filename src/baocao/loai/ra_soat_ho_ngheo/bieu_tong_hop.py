"""The attached summary table of ``ra-soat-ho-ngheo`` (biểu tổng hợp chi tiết kèm theo).

Three parts, each used at its own step:

- :func:`prepare` (loading): ``bieu_tong_hop: {tep: …xlsx, trang: …}`` becomes rows,
  read from the clerk's spreadsheet beside the data file, every value remembering
  its cell so a finding points at the sheet, row and column;
- :func:`bieu_context` (rendering): the rates, changes, group subtotals and totals
  :func:`~baocao.loai.ra_soat_ho_ngheo.figures.compute` derived, as the table prints
  them, with the column codes (../shared/spec/ra-soat-ho-ngheo.md §3.1);
- :func:`phu_luc` (rendering): the table as an appendix of the body's blocks, printed
  after the signature by the frame's appendix filter like every type's appendices (its
  own section, heading, "(Kèm theo …)" line and page numbers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from baocao import nd30
from baocao.body.model import Bang, BangDuLieu, Cot, Dong, OBang, PhuLuc
from baocao.consistency import RuleTable
from baocao.errors import DataError, Finding
from baocao.formatting import format_number, to_roman, upper_vi
from baocao.loading import LoadedData, Origin
from baocao.loai.ra_soat_ho_ngheo.figures import DongTinh, KetQuaTinh
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo, don_vi_truc_thuoc
from baocao.markup import literal
from baocao.spreadsheet import Cell, Sheet, normalize_header, read_sheet
from baocao.template_data import Record, lazy_record

RULES = RuleTable(__name__, [
    ("bieu-hai-nguon", "error", "mô hình dữ liệu",
     "ghi các dòng («dong») hoặc tên tệp bảng tính («tep»), không ghi cả hai"),
    ("tong-bieu-khong-khop", "error", "spec §3.1 (dòng tổng cộng của biểu)",
     "{o}: dòng «{dong}» ghi {so_lieu} là {ghi} nhưng cộng {pham_vi} được {tong}; kiểm tra lại số "
     "liệu các đơn vị hoặc sửa ô này cho khớp"),
])
"""What reading the table from a spreadsheet can find (the rows' own rules are the model's)."""

# --- loading: rows from a spreadsheet ---------------------------------------------------

COLUMNS: dict[str, tuple[str, ...]] = {
    "ten": (
        "Đơn vị", "Tên đơn vị", "Đơn vị (xã, phường, thị trấn)", "Xã, phường, thị trấn",
        "Đơn vị (xã, phường, đặc khu)", "Xã, phường, đặc khu", "Đơn vị (thôn, tổ dân phố)",
        "Thôn, tổ dân phố", "Đơn vị (huyện, thị xã, thành phố)", "Huyện, thị xã, thành phố",
        "Xã, phường", "Tên xã, phường", "Tên xã", "ten",
    ),
    "khu_vuc": ("Khu vực", "khu_vuc"),
    "tong_so_ho": ("Tổng số hộ", "Tổng số hộ dân cư", "Tổng số hộ dân", "Số hộ dân cư", "tong_so_ho"),
    "so_khau": ("Số khẩu", "Tổng số khẩu", "Số nhân khẩu", "so_khau"),
    "ho_ngheo": ("Hộ nghèo", "Số hộ nghèo", "ho_ngheo"),
    "ho_can_ngheo": ("Hộ cận nghèo", "Số hộ cận nghèo", "ho_can_ngheo"),
    "khau_ngheo": ("Khẩu nghèo", "Số khẩu nghèo", "Số khẩu hộ nghèo", "khau_ngheo"),
    "khau_can_ngheo": ("Khẩu cận nghèo", "Số khẩu cận nghèo", "Số khẩu hộ cận nghèo", "khau_can_ngheo"),
    "nam_truoc.khau_ngheo": ("Số khẩu hộ nghèo năm trước", "khau_ngheo_nam_truoc", "nam_truoc.khau_ngheo"),
    "nam_truoc.khau_can_ngheo": (
        "Số khẩu hộ cận nghèo năm trước", "khau_can_ngheo_nam_truoc", "nam_truoc.khau_can_ngheo",
    ),
    "nam_truoc.ho_ngheo": (
        "Hộ nghèo năm trước", "Số hộ nghèo năm trước", "ho_ngheo_nam_truoc", "nam_truoc.ho_ngheo",
    ),
    "nam_truoc.ho_can_ngheo": (
        "Hộ cận nghèo năm trước", "Số hộ cận nghèo năm trước", "ho_can_ngheo_nam_truoc",
        "nam_truoc.ho_can_ngheo",
    ),
}
"""Each field of a row, by the header names a clerk may give its column (one header row)."""

REQUIRED = ("ten", "tong_so_ho", "ho_ngheo", "ho_can_ngheo")

_HOUSEHOLDS = ("Tổng số hộ", "Tổng số hộ dân cư", "Tổng số", "Hộ dân cư", "Số hộ dân cư")
_POOR = ("Hộ nghèo", "Số hộ nghèo")
_NEAR_POOR = ("Hộ cận nghèo", "Số hộ cận nghèo")
_COUNT = ("Số hộ", "Số lượng")
_PERSONS = ("Số khẩu", "Khẩu", "Nhân khẩu", "Số nhân khẩu")


def columns(year: object) -> dict[str, tuple[str, ...]]:
    """:data:`COLUMNS` and the names of columns under a two-row header, for a report of ``year``.

    "Hộ nghèo / Số khẩu" is the persons of the poor households (``khau_ngheo``).

    "Nhóm / Cột" names a column under the group header "Nhóm": "Hộ nghèo / Số hộ"
    is the poor count; "Năm 2022 / Hộ nghèo" (or "Năm trước / Hộ nghèo", or "Hộ
    nghèo / Năm 2022") last year's in a report of 2023.  Rates ("Hộ nghèo / Tỷ lệ
    (%)"), changes ("Tăng (+), giảm (-) / Hộ nghèo") and other groups have no name
    here: they are not read (baocao computes them).

    >>> names = columns(2023)
    >>> "Năm 2022 / Hộ nghèo" in names["nam_truoc.ho_ngheo"], "Năm 2023 / Hộ nghèo" in names["ho_ngheo"]
    (True, True)
    >>> "Hộ nghèo / Số hộ" in columns(None)["ho_ngheo"], "Năm trước / Hộ cận nghèo" in columns(None)[
    ...     "nam_truoc.ho_can_ngheo"]
    (True, True)
    """
    now = ["Năm nay", "Năm rà soát"]
    before = ["Năm trước"]
    if isinstance(year, int) and not isinstance(year, bool):
        now += [f"Năm {year}", f"Cuối năm {year}"]
        before += [f"Năm {year - 1}", f"Cuối năm {year - 1}"]
    names = {key: list(values) for key, values in COLUMNS.items()}
    names["tong_so_ho"] += [f"{h} / Số hộ" for h in _HOUSEHOLDS]
    names["tong_so_ho"] += [f"{n} / {h}" for n in now for h in _HOUSEHOLDS]
    names["so_khau"] += [f"{h} / {k}" for h in _HOUSEHOLDS for k in ("Số khẩu", "Số nhân khẩu")]
    for key, labels in (("ho_ngheo", _POOR), ("ho_can_ngheo", _NEAR_POOR)):
        names[key] += [f"{label} / {count}" for label in labels for count in _COUNT]
        persons = f"khau_{key.removeprefix('ho_')}"
        names[persons] += [f"{label} / {k}" for label in labels for k in _PERSONS]
        names[key] += [f"{n} / {label}" for n in now for label in labels]
        names[key] += [f"{label} / {n}" for n in now for label in labels]
        names[f"nam_truoc.{key}"] += [f"{b} / {label}" for b in before for label in labels]
        names[f"nam_truoc.{key}"] += [f"{label} / {b}" for b in before for label in labels]
        names[f"nam_truoc.{key}"] += [f"{label} {b}" for b in before[1:] for label in labels]
    return {key: tuple(values) for key, values in names.items()}


_TOTAL_NAMES = {
    "tong", "tong cong", "tong so", "cong", "toan huyen", "toan thanh pho", "toan thi xa",
    "toan quan", "toan tinh", "toan xa", "toan phuong", "toan dac khu",
}
"""A totals row in the sheet is not a unit: baocao computes its own, and checks the sheet's."""

_FIGURES = {
    "tong_so_ho": "tổng số hộ",
    "so_khau": "số khẩu",
    "ho_ngheo": "số hộ nghèo",
    "ho_can_ngheo": "số hộ cận nghèo",
    "nam_truoc.ho_ngheo": "số hộ nghèo năm trước",
    "nam_truoc.ho_can_ngheo": "số hộ cận nghèo năm trước",
    "khau_ngheo": "số khẩu hộ nghèo",
    "khau_can_ngheo": "số khẩu hộ cận nghèo",
    "nam_truoc.khau_ngheo": "số khẩu hộ nghèo năm trước",
    "nam_truoc.khau_can_ngheo": "số khẩu hộ cận nghèo năm trước",
}
"""The figures a typed total (or a group's subtotal) is checked on."""

_AREAS = {"thanh thi": "thanh_thi", "nong thon": "nong_thon"}


def _area(value: object) -> str | None:
    """"I. Khu vực thành thị", "Thành thị", "thanh_thi" -> "thanh_thi".

    >>> _area("I. Khu vực thành thị"), _area("NÔNG THÔN"), _area("Phường Sông Cầu")
    ('thanh_thi', 'nong_thon', None)
    """
    words = normalize_header(value).split()
    while words and (words[0] in ("i", "ii", "khu", "vuc") or words[0].isdigit()):
        words = words[1:]
    return _AREAS.get(" ".join(words))


def prepare(loaded: LoadedData, folder: Path) -> None:
    """Replace ``bieu_tong_hop.tep`` by the rows of that spreadsheet (in place)."""
    data = loaded.data
    bieu = data.get("bieu_tong_hop") if isinstance(data, dict) else None
    if not isinstance(bieu, dict) or not isinstance(bieu.get("tep"), str) or not bieu["tep"].strip():
        return
    if "dong" in bieu:
        raise DataError(
            [loaded.finding(("bieu_tong_hop", "dong"), "bieu-hai-nguon", RULES.message("bieu-hai-nguon"))]
        )
    name = bieu["tep"].strip()
    sheet_name = bieu.get("trang") if isinstance(bieu.get("trang"), str) else None
    display = str(Path(loaded.file).parent / name)
    path = loaded.referenced_file(("bieu_tong_hop", "tep"), folder, name)  # confined to the folder
    sheet = read_sheet(
        path, display=display, sheet=sheet_name, columns=columns(data.get("nam")), required=REQUIRED
    )
    rows: list[dict[str, object]] = []
    units: list[dict[str, Cell]] = []
    typed: list[_Typed] = []  # the sheet's totals and group subtotals, checked below
    area: str | None = None
    group: _Typed | None = None
    last_figures = max((i for i, cells in enumerate(sheet.rows) if not _no_figures(cells)), default=-1)
    for index_in_sheet, cells in enumerate(sheet.rows):
        label = cells["ten"].value
        key = normalize_header(label) if label is not None else ""
        if key in _TOTAL_NAMES:
            typed.append(_totals_row(cells, len(units), group))
            continue
        if typed and index_in_sheet > last_figures:
            continue  # under the table's last figures and its totals: a note, «Người lập biểu» …
        if len(key) == 1:  # the column-codes row (A, B, 1 …)
            continue
        if label is not None and _area(label) is not None:
            area = _area(label)  # a group heading row: the rows below are in this area
            if group is not None:
                group.close(len(units), typed)
            group = _Typed(cells, [(f"các đơn vị thuộc «{label}»", len(units), None)])
            typed.append(group)
            continue
        index = len(rows)
        row: dict[str, object] = {}
        first = cells["ten"]
        loaded.origins[("bieu_tong_hop", "dong", index)] = Origin(
            display, first.row, first.column, sheet.where(first.row, first.column)
        )
        for field, cell in cells.items():
            parts = field.split(".")
            loaded.origins[("bieu_tong_hop", "dong", index, *parts)] = Origin(
                display, cell.row, cell.column, sheet.where(cell.row, cell.column)
            )
            value = _area(cell.value) or cell.value if field == "khu_vuc" else cell.value
            if value is None:
                continue
            target = row
            for part in parts[:-1]:
                target = target.setdefault(part, {})  # type: ignore[assignment]
            target[parts[-1]] = value
        if "khu_vuc" not in row and area is not None:
            row["khu_vuc"] = area
        rows.append(row)
        units.append(cells)
    loaded.findings.extend(_typed_totals_disagree(sheet, typed, units))
    data["bieu_tong_hop"] = {**bieu, "dong": rows}


def _no_figures(cells: dict[str, Cell]) -> bool:
    """A row with text and no figure at all (a note under the table, a signature line)."""
    return all(cell.value is None or (isinstance(cell.value, str) and not any(map(str.isdigit, cell.value)))
               for field, cell in cells.items() if field in _FIGURES)


@dataclass
class _Typed:
    """A row of figures the clerk typed (a totals row, a group's subtotal) and the units it
    may add up: (how the message names them, first unit, end; None: to the last unit).
    A figure is right when it is the sum over one of them; a wrong one is reported
    against the first."""

    cells: dict[str, Cell]
    scopes: list[tuple[str, int, int | None]]
    in_group: _Typed | None = None

    def close(self, end: int, typed: list[_Typed]) -> None:
        """This group ends before unit ``end``; a "Cộng" row in it was its subtotal."""
        name, start, _ = self.scopes[0]
        self.scopes[0] = (name, start, end)
        for row in typed:
            if row.in_group is self:
                row.scopes.reverse()


def _totals_row(cells: dict[str, Cell], units: int, group: _Typed | None) -> _Typed:
    """A "Tổng cộng"/"Cộng" row after ``units`` units: the whole table's total, or (when a
    group follows it) the subtotal of the group it ends."""
    scopes: list[tuple[str, int, int | None]] = [("các đơn vị", 0, None)]
    if group is None or group.scopes[0][1] >= units:
        return _Typed(cells, scopes)
    scopes.append((group.scopes[0][0], group.scopes[0][1], units))
    return _Typed(cells, scopes, in_group=group)


def _typed_totals_disagree(sheet: Sheet, typed: list[_Typed], units: list[dict[str, Cell]]) -> list[Finding]:
    """The figures of the sheet's totals rows (and group subtotals) that are not the
    sums of their units.  Blank figures are not checked, nor a column with a value
    that is not a whole number (the model reports that value)."""
    findings: list[Finding] = []
    for row in typed:
        label = str(row.cells["ten"].value)
        for key, figure in _FIGURES.items():
            cell = row.cells.get(key)
            written = cell.value if cell is not None else None
            if cell is None or not isinstance(written, int) or isinstance(written, bool):
                continue
            sums = [(name, _sum(units[start:end], key)) for name, start, end in row.scopes]
            if any(total is None or total == written for _, total in sums):
                continue
            scope, total = sums[0]
            findings.append(
                Finding(
                    "tong-bieu-khong-khop",
                    RULES.message(
                        "tong-bieu-khong-khop", o=sheet.where(cell.row, cell.column), dong=label,
                        so_lieu=figure, ghi=format_number(written), pham_vi=scope,
                        tong=format_number(total or 0),
                    ),
                    severity=RULES["tong-bieu-khong-khop"].severity,
                    path="bieu_tong_hop.tep",
                    file=sheet.file,
                    line=cell.row,
                    column=cell.column,
                )
            )
    return findings


def _sum(units: list[dict[str, Cell]], key: str) -> int | None:
    """The sum of a figure over ``units``; None when there are none, or one is not a whole number."""
    values = [unit[key].value for unit in units]
    numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
    return sum(numbers) if units and len(numbers) == len(values) else None


# --- rendering: the table's figures --------------------------------------------------------


@dataclass(frozen=True)
class DongBieu:
    """One printed row: a unit, a group's subtotal or the totals."""

    stt: str
    ten: str
    tong_so_ho: int
    so_khau: int | None
    ho_ngheo: int
    ty_le_ngheo: Decimal
    ho_can_ngheo: int
    ty_le_can_ngheo: Decimal
    nam_truoc_ngheo: int | None
    nam_truoc_can_ngheo: int | None
    bien_dong_ngheo: str
    bien_dong_can_ngheo: str


@dataclass(frozen=True)
class NhomBieu:
    """A group of rows (khu vực thành thị / nông thôn); ``tong`` is None without grouping."""

    tong: DongBieu | None
    dong: list[DongBieu]


@dataclass(frozen=True)
class Bieu:
    """Everything the appendix table prints."""

    tieu_de: str
    ten_cot_don_vi: str
    """The units column's title: "Đơn vị (xã, phường, thị trấn)", "(xã, phường, đặc khu)" … by ``cap``."""
    co_so_khau: bool
    co_nam_truoc: bool
    nam_truoc: int
    ma_cot: dict[str, str]
    nhom: list[NhomBieu]
    tong: DongBieu

    def template_data(self) -> Record:
        """The template variable ``bieu``, its rows made plain only if read (the built-in
        template prints the appendix made of them)."""
        return lazy_record(self)


def signed(change: int | None) -> str:
    """A change as the table prints it under "Tăng (+), giảm (-)".

    >>> signed(-43), signed(7), signed(0), signed(None)
    ('-43', '+7', '0', '')
    """
    if change is None:
        return ""
    return f"+{change}" if change > 0 else str(change)


def _printed(stt: str, ten: str, row: DongTinh) -> DongBieu:
    """A row of :func:`~baocao.loai.ra_soat_ho_ngheo.figures.compute`'s table as printed."""
    so = row.so
    return DongBieu(
        stt=stt,
        ten=ten,
        tong_so_ho=so.tong_so_ho,
        so_khau=so.so_khau,
        ho_ngheo=so.ho_ngheo,
        ty_le_ngheo=row.ty_le_ngheo,
        ho_can_ngheo=so.ho_can_ngheo,
        ty_le_can_ngheo=row.ty_le_can_ngheo,
        nam_truoc_ngheo=so.nam_truoc_ho_ngheo,
        nam_truoc_can_ngheo=so.nam_truoc_ho_can_ngheo,
        bien_dong_ngheo=signed(row.tang_giam_ngheo),
        bien_dong_can_ngheo=signed(row.tang_giam_can_ngheo),
    )


_GROUP_TITLES = {"thanh_thi": "Khu vực thành thị", "nong_thon": "Khu vực nông thôn"}


def column_codes(*, so_khau: bool, nam_truoc: bool) -> dict[str, str]:
    """The codes row (A, B, 1, 2, 3 = 2/1×100 …), numbered over the columns present.

    >>> column_codes(so_khau=False, nam_truoc=True)["ty_le_ngheo"]
    '3=2/1×100'
    >>> column_codes(so_khau=True, nam_truoc=True)["bien_dong_can_ngheo"]
    '10=5-8'
    """
    keys = ["tong_so_ho", *(["so_khau"] if so_khau else []), "ho_ngheo", "ty_le_ngheo",
            "ho_can_ngheo", "ty_le_can_ngheo"]
    if nam_truoc:
        keys += ["nam_truoc_ngheo", "nam_truoc_can_ngheo", "bien_dong_ngheo", "bien_dong_can_ngheo"]
    number = {key: index for index, key in enumerate(keys, start=1)}
    codes = {"stt": "A", "ten": "B"}
    formulas = {
        "ty_le_ngheo": f"={number['ho_ngheo']}/{number['tong_so_ho']}×100",
        "ty_le_can_ngheo": f"={number['ho_can_ngheo']}/{number['tong_so_ho']}×100",
    }
    if nam_truoc:
        formulas["bien_dong_ngheo"] = f"={number['ho_ngheo']}-{number['nam_truoc_ngheo']}"
        formulas["bien_dong_can_ngheo"] = f"={number['ho_can_ngheo']}-{number['nam_truoc_can_ngheo']}"
    for key, index in number.items():
        codes[key] = f"{index}{formulas.get(key, '')}"
    return codes


def bieu_context(report: BaoCaoRaSoatHoNgheo, tinh: KetQuaTinh) -> Bieu | None:
    """The table as printed: the rows and totals of ``tinh`` (the report's
    :func:`~baocao.loai.ra_soat_ho_ngheo.figures.compute`) with numbers, titles and
    codes; None when the report has no table."""
    bieu, figures = report.bieu_tong_hop, tinh.bieu
    if bieu is None or figures is None:
        return None
    groups: list[NhomBieu] = []
    for number, nhom in enumerate(figures.nhom, start=1):
        subtotal = (
            None if nhom.tong is None or nhom.khu_vuc is None
            else _printed(to_roman(number), _GROUP_TITLES[nhom.khu_vuc], nhom.tong)
        )
        units = [_printed(str(i), d.ten, d) for i, d in enumerate(nhom.dong, start=1)]
        groups.append(NhomBieu(subtotal, units))
    rows = bieu.dong
    so_khau = rows[0].so_khau is not None
    nam_truoc = rows[0].nam_truoc is not None
    status = {"so_bo": "sơ bộ ", "phuc_tra": "sau phúc tra "}.get(report.trang_thai, "")
    title = bieu.tieu_de or (
        f"Tổng hợp kết quả {status}rà soát hộ nghèo, hộ cận nghèo năm {report.nam} "
        f"trên địa bàn {report.dia_ban}"
    )
    return Bieu(
        tieu_de=upper_vi(title),
        ten_cot_don_vi=f"Đơn vị ({don_vi_truc_thuoc(report.cap, report.nam)})",
        co_so_khau=so_khau,
        co_nam_truoc=nam_truoc,
        nam_truoc=report.nam - 1,
        ma_cot=column_codes(so_khau=so_khau, nam_truoc=nam_truoc),
        nhom=groups,
        tong=_printed("", "Tổng cộng", figures.tong),
    )


# --- the appendix: the table as blocks of the body ----------------------------------------

_UNITS_COLUMN = ("stt", "ten")
_GROUPS = {
    "ho_ngheo": "Hộ nghèo", "ty_le_ngheo": "Hộ nghèo", "ho_can_ngheo": "Hộ cận nghèo",
    "ty_le_can_ngheo": "Hộ cận nghèo", "nam_truoc_ngheo": "Năm {nam}", "nam_truoc_can_ngheo": "Năm {nam}",
    "bien_dong_ngheo": "Tăng (+), giảm (-)", "bien_dong_can_ngheo": "Tăng (+), giảm (-)",
}
_TITLES = {
    "tong_so_ho": "Tổng số hộ", "so_khau": "Số khẩu", "ho_ngheo": "Số hộ", "ty_le_ngheo": "Tỷ lệ (%)",
    "ho_can_ngheo": "Số hộ", "ty_le_can_ngheo": "Tỷ lệ (%)", "nam_truoc_ngheo": "Hộ nghèo",
    "nam_truoc_can_ngheo": "Hộ cận nghèo", "bien_dong_ngheo": "Hộ nghèo",
    "bien_dong_can_ngheo": "Hộ cận nghèo",
}
_WIDTHS = {"stt": 600, "ten": 2400, "tong_so_ho": 1150, "so_khau": 1150}
"""Relative widths (the table fills the landscape page); the figures' columns are 1000."""


def _row(row: DongBieu, keys: list[str], cells: dict[tuple[type, str], OBang], *, bold: bool = False) -> Dong:
    """A printed row as the body's row (validated: pydantic's ``model_construct`` is
    slower than its validation); a unit's name prints as the sheet has it (``literal``:
    a «*» or «^» in it is not markup).  ``cells``: the table's cells by value — a cell is
    immutable, so the counts and rates that recur are validated once (at 10,000 rows, about
    one cell in four is new)."""
    out = []
    for key in keys:
        value = literal(row.ten) if key == "ten" else getattr(row, key)
        known = (type(value), str(value))  # 1 and Decimal("1.0") differ: printed "1" and "1,0"
        cell = cells.get(known)
        if cell is None:
            cell = cells[known] = OBang(o=value)
        out.append(cell)
    return Dong(cac_o=out, dam=bold or None)


def phu_luc(bieu: Bieu, *, nhan: str = "Phụ lục") -> PhuLuc:
    """The summary table as an appendix of the body (:class:`~baocao.body.model.PhuLuc`),
    printed by the frame's appendix filter like any other: landscape, two header rows
    (groups over their columns), the codes row (italic, not bold), each group's subtotal
    and units, the totals; the persons and last year's columns only when the rows have them."""
    keys = [*_UNITS_COLUMN, *(key for key in bieu.ma_cot if key not in _UNITS_COLUMN)]
    groups = {key: title.format(nam=bieu.nam_truoc) for key, title in _GROUPS.items()}
    columns = [
        Cot(rong=str(_WIDTHS.get(key, 1000)),
            can="giua" if key == "stt" else "trai" if key == "ten" else "phai")
        for key in keys
    ]
    first: list[OBang] = []
    second: list[OBang] = []
    for index, key in enumerate(keys):
        group = groups.get(key)
        if group is None:
            title = "STT" if key == "stt" else literal(bieu.ten_cot_don_vi) if key == "ten" else _TITLES[key]
            first.append(OBang(o=title, gop_dong=2))
        elif index == 0 or groups.get(keys[index - 1]) != group:
            first.append(OBang(o=group, gop_cot=sum(1 for k in keys if groups.get(k) == group)))
        if group is not None:
            second.append(OBang(o=_TITLES[key]))
    codes = Dong(cac_o=[OBang(o=bieu.ma_cot[key]) for key in keys], dam=False, nghieng=True,
                 co_chu=round(nd30.MA_COT.pt))
    rows: list[Dong] = []
    cells: dict[tuple[type, str], OBang] = {}
    for nhom in bieu.nhom:
        if nhom.tong is not None:
            rows.append(_row(nhom.tong, keys, cells, bold=True))
        rows += [_row(dong, keys, cells) for dong in nhom.dong]
    rows.append(_row(bieu.tong, keys, cells, bold=True))
    table = BangDuLieu(
        don_vi_tinh="hộ, %", cot=columns, dau=[Dong(cac_o=first), Dong(cac_o=second), codes], dong=rows
    )
    return PhuLuc(nhan=nhan, ten=literal(bieu.tieu_de), ngang=True, noi_dung=[Bang(bang=table)])


def appendices(report: BaoCaoRaSoatHoNgheo, context: Mapping[str, Any]) -> list[PhuLuc]:
    """The report's computed appendix (:attr:`baocao.registry.ReportType.appendices`): the
    summary table (``bieu`` of the type's context), first among the appendices; none
    without a table."""
    bieu = context.get("bieu")
    if not isinstance(bieu, Bieu):
        return []
    return [phu_luc(bieu, nhan="Phụ lục I" if report.phu_luc else "Phụ lục")]
