"""``baocao tong-hop``: the higher level's data file, built from its units' (the roll-up).

The units are ``ra-soat-ho-ngheo`` data files (one per commune, or a district's
own roll-up, or any report of the level below) and workbooks with a row per unit
(.xlsx, .csv: the summary table's columns) or a sheet per unit (``--moi-trang``).
Each data file is loaded and checked as ``baocao validate`` checks it, so a unit
whose own figures disagree is reported in its own file; then the units are rolled up
(:mod:`baocao.loai.ra_soat_ho_ngheo.tong_hop`) into the shared text of the higher
level (``--chung``: its frame and narrative), the result is checked as any data
file is, and written — atomically, and only when every check passed: a failed run
leaves an existing file as it was.

Where each figure came from is written in the result itself, as a YAML comment at
the end of the figure's line (``ho_ngheo: 12  # từ xa/a.yaml:41 (ket_qua.ho_ngheo.so_ho)``),
not in a sidecar file: the note travels with the file the clerk sends up (a
district's result, rolled up again by the province, keeps its communes' notes),
is read where the number is read, and cannot fall out of step with a second file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from baocao.api import inspect_loaded
from baocao.batch import collect, refuse_inputs
from baocao.docx_package import write_atomic
from baocao.errors import DataError, Finding, OutputError
from baocao.loading import MAX_FILE_BYTES, LoadedData, dotted, load_yaml, parse_yaml
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo
from baocao.loai.ra_soat_ho_ngheo.tong_hop import (
    DanhSach,
    DonVi,
    danh_sach,
    table_as_sheet,
    tong_hop,
    tu_bang,
    tu_bao_cao,
    tu_cac_trang,
)
from baocao.yaml_writing import dump

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")
"""Inputs read as a workbook with a row per unit; any other file is a unit's data file."""

MAX_INLINE_ROWS = 1_000
"""Above this many units the summary table goes to a .csv beside the result: written in
the data file, with a note on each figure, a row takes about 900 bytes, and a data file
holds at most :data:`baocao.loading.MAX_FILE_BYTES` (a province has about a hundred
communes; 3,300 are the whole country's).  Below it, a table that still does not fit
goes there too."""


@dataclass(frozen=True)
class Written:
    """What a roll-up wrote: the file, how many units it adds up, and the warnings."""

    output: Path
    so_don_vi: int
    findings: list[Finding]
    bang: Path | None = None
    """The .csv the summary table was written to, when too long for the data file."""


def roll_up(
    inputs: Sequence[str], chung: str | Path, output: str | Path, *, danh_sach_file: str | Path | None = None,
    cho_phep_thieu: bool = False, trang: str | None = None, moi_trang: bool = False,
    today: dt.date | None = None,
) -> Written:
    """Roll the units of ``inputs`` (files, folders of .yaml, patterns) up into the
    higher level's data file ``output`` (``moi_trang``: each sheet of a workbook is a
    unit, :func:`~baocao.loai.ra_soat_ho_ngheo.tong_hop.tu_cac_trang`); raise
    :class:`DataError` with every problem
    (nothing written), :class:`baocao.batch.InputsError` when an input is not there."""
    output = Path(output)
    files = collect(inputs)
    roles = [(path, "tệp của đơn vị") for path in files] + [(Path(chung), "tệp chung (--chung)")]
    if danh_sach_file is not None:
        roles.append((Path(danh_sach_file), "danh sách đơn vị (--danh-sach)"))
    _refuse([output], roles)
    shared = load_yaml(chung)
    year = shared.data.get("nam") if isinstance(shared.data, dict) else None
    expected: DanhSach | None = None
    if danh_sach_file is not None:
        expected = danh_sach(load_yaml(danh_sach_file))
    units, problems, warnings = _units(files, year, trang, today, moi_trang=moi_trang)
    if problems:
        raise DataError([*problems, *warnings])
    result = tong_hop(shared, units, du_kien=expected, cho_phep_thieu=cho_phep_thieu)
    warnings += result.findings
    # checked as any data file is, each finding pointed at the shared text or the unit
    built = LoadedData(result.data, shared.file, marks=shared.marks, origins=result.origins,
                       findings=list(shared.findings), flow_plain=set(shared.flow_plain))
    report, findings = inspect_loaded(built, Path(chung).parent, today=today, model=BaoCaoRaSoatHoNgheo)
    if report is None:
        raise DataError([*_causes(findings, result.nguon, shared.file), *warnings])
    warnings += findings
    header = _header(result.so_don_vi, chung, output)
    data, rows = result.data, len(result.data["bieu_tong_hop"]["dong"])
    text = dump(data, notes=result.nguon, header=header) if rows <= MAX_INLINE_ROWS else ""
    sheet: Path | None = None
    table = ""
    if not text or len(text.encode("utf-8")) > MAX_FILE_BYTES:
        sheet = output.with_suffix(".bieu.csv")
        _refuse([sheet], roles)
        data, notes, table = table_as_sheet(result, sheet.name)
        text = dump(data, notes=notes, header=header)
    if parse_yaml(text, str(output)).data != data:  # what is written reads back as what was checked
        raise OutputError(f"không ghi «{output}»: tệp ghi ra không đọc lại được đúng dữ liệu đã kiểm tra "
                          "— xin báo lỗi này cho nhóm phát triển baocao")
    if sheet is not None:
        write_atomic(sheet, table.encode("utf-8"))
    write_atomic(output, text.encode("utf-8"))
    return Written(output, result.so_don_vi, warnings, sheet)


def _refuse(targets: Sequence[Path], roles: Sequence[tuple[Path, str]]) -> None:
    """:func:`baocao.batch.refuse_inputs` for thousands of inputs: only a target that
    exists can be one of them (every input exists), and it is compared with each by
    device and inode, one ``stat`` each, before the full comparison words the refusal."""
    for target in targets:
        try:
            here = target.stat()
        except OSError:
            continue
        for source, role in roles:
            try:
                there = source.stat()
            except OSError:
                continue
            if (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino):
                refuse_inputs([target], [(source, role)])


def _causes(findings: list[Finding], notes: Mapping[tuple[str | int, ...], str], shared: str
            ) -> list[Finding]:
    """The findings without those on the totals the roll-up computed when a unit has an
    error: the province's poor above its households follows from the commune's, and is
    reported where it can be fixed, in that commune's file (or its row)."""
    if not any(f.severity == "error" and f.file not in (shared, None) for f in findings):
        return findings
    computed = {dotted(path) for path in notes if path[:1] == ("ket_qua",)}
    return [f for f in findings if not (f.file == shared and f.path in computed)]


def _units(files: Sequence[Path], year: object, trang: str | None, today: dt.date | None, *,
           moi_trang: bool = False) -> tuple[list[DonVi], list[Finding], list[Finding]]:
    """Every unit, the errors of every file (all files are read), and the warnings."""
    units: list[DonVi] = []
    problems: list[Finding] = []
    warnings: list[Finding] = []
    for path in files:
        try:
            if path.suffix.lower() in SHEET_SUFFIXES:
                if moi_trang:
                    rows, found = tu_cac_trang(path, display=str(path), nam=year)
                else:
                    rows, found = tu_bang(path, display=str(path), trang=trang, nam=year)
                units += rows
                warnings += found
                continue
            loaded = load_yaml(path)
            report, findings = inspect_loaded(loaded, path.parent, today=today, model=BaoCaoRaSoatHoNgheo)
        except DataError as error:
            problems += error.errors
            warnings += [f for f in error.findings if f.severity != "error"]
            continue
        if not isinstance(report, BaoCaoRaSoatHoNgheo):
            problems += [f for f in findings if f.severity == "error"]
            continue
        warnings += findings
        units.append(tu_bao_cao(report, loaded))
    return units, problems, warnings


def _header(count: int, chung: str | Path, output: Path) -> list[str]:
    return [
        f"Tệp dữ liệu do «baocao tong-hop» lập từ báo cáo của {count} đơn vị; thể thức và nội dung",
        f"lấy từ tệp chung «{chung}».  Mỗi số của «bieu_tong_hop» và «ket_qua» có ghi chú ở cuối",
        "dòng: lấy từ tệp nào, dòng nào (hoặc ô nào của bảng tính).  Muốn sửa số thì sửa ở tệp của",
        "đơn vị rồi chạy lại lệnh; sửa nội dung thì sửa ở tệp chung.",
        f"Tạo tệp Word:  baocao render {output}",
    ]
