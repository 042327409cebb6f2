"""Hostile input files (issue 11, parts 4–6, the reading side).

Every input is generated here and is small on disk; each must become a located
Vietnamese finding (exit 1, nothing written), read within a bound: the tests
measure the peak memory Python allocated (tracemalloc), not the time.
"""

from __future__ import annotations

import io
import os
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

import baocao
from baocao.cli import main
from baocao.errors import DataError, Finding
from baocao.loading import MAX_FILE_BYTES, load_yaml, parse_yaml
from baocao.spreadsheet import MAX_SHEET_ROWS, MAX_XLSX_PART_BYTES

from conftest import BAC_KAN, EXAMPLES

MB = 1024 * 1024
Capture = pytest.CaptureFixture[str]


def _peak(action: Callable[[], object]) -> tuple[object, int]:
    """What ``action`` returned (or raised) and the peak of memory it allocated."""
    tracemalloc.start()
    try:
        try:
            result: object = action()
        except DataError as error:
            result = error
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _cli(tmp_path: Path, data: Path, capsys: Capture) -> str:
    """``render data -o out.docx``: exit 1, no file written, no traceback; the messages."""
    out = tmp_path / "out.docx"
    assert main(["render", str(data), "-o", str(out)]) == 1
    assert not out.exists()
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return captured.err + captured.out


# --- the data file itself -------------------------------------------------------------------


def test_a_device_is_refused_without_reading_it(tmp_path: Path, capsys: Capture) -> None:
    link = tmp_path / "du-lieu.yaml"
    link.symlink_to("/dev/zero")
    for path in (Path("/dev/zero"), link):
        result, peak = _peak(lambda p=path: load_yaml(p))  # type: ignore[misc]
        assert isinstance(result, DataError)
        (finding,) = result.findings
        assert finding.code == "tep-khong-doc-duoc"
        assert "không phải tệp thường" in finding.message and finding.file == str(path)
        assert peak < MAX_FILE_BYTES
    assert "không phải tệp thường" in _cli(tmp_path, link, capsys)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "du-lieu.yaml"
    os.mkfifo(fifo)
    with pytest.raises(DataError) as caught:
        load_yaml(fifo)  # before: blocked forever in open()
    assert "ống dẫn" in caught.value.findings[0].message


def test_the_data_file_limit_does_not_trust_st_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that claims to be empty (as /proc files do) or grows after stat() is read
    only to the limit: 1 MB + 1 byte, then refused."""
    big = tmp_path / "lon.yaml"
    big.write_bytes(b"a: " + b" " * (8 * MB) + b"\n")
    real_fstat = os.fstat

    def lying_fstat(fd: int) -> os.stat_result:
        info = list(real_fstat(fd))
        info[6] = 0  # st_size
        return os.stat_result(info)

    monkeypatch.setattr(os, "fstat", lying_fstat)
    result, peak = _peak(lambda: load_yaml(big))
    assert isinstance(result, DataError)
    (finding,) = result.findings
    assert finding.code == "tep-qua-lon"
    assert finding.message.startswith("tệp dữ liệu hơn 1.048.576 byte vượt giới hạn 1.048.576 byte")
    assert peak < 3 * MB  # before: the whole 8 MB read (and decoded)


def test_deep_nesting_is_a_finding_not_a_recursion_error(
    tmp_path: Path, capsys: Capture
) -> None:
    for depth in (492, 999):
        with pytest.raises(DataError) as caught:
            parse_yaml("a: " + "[" * depth + "]" * depth + "\n", "sau.yaml")
        (finding,) = caught.value.findings
        assert (finding.code, finding.line) == ("yaml-qua-sau", 1)
        assert "lồng nhau quá 40 cấp" in finding.message
    block = "".join(" " * i + "k:\n" for i in range(700))
    data = tmp_path / "sau.yaml"
    data.write_text(block, encoding="utf-8")
    assert "lồng nhau quá 40 cấp" in _cli(tmp_path, data, capsys)


@pytest.mark.parametrize(
    ("typed", "became"),
    [("010", None), ("1:20", "80"), ("0x1F", "31"), ("0b101", "5"), ("1_000", "1000")],
)
def test_yaml_1_1_number_forms_are_not_silently_converted(
    tmp_path: Path, capsys: Capture, typed: str, became: str | None
) -> None:
    source = BAC_KAN.read_text(encoding="utf-8").replace("so: null", f"so: {typed}")
    assert f"so: {typed}" in source
    data = tmp_path / "so.yaml"
    data.write_text(source, encoding="utf-8")
    if typed == "010":  # leading zeros: base 10, never octal (as YAML 1.2 reads it)
        assert baocao.load(data).so == 10
        return
    (finding,) = [f for f in baocao.validate(data) if f.code == "yaml-so-la"]
    line = source.splitlines().index(f"so: {typed}") + 1
    assert (finding.file, finding.line, finding.column) == (str(data), line, 5)
    assert f"«{typed}» không phải cách ghi số thông thường (YAML sẽ đọc thành {became})" in finding.message
    assert "hãy ghi số thập phân" in finding.message
    assert f"so.yaml:{line}:5:" in _cli(tmp_path, data, capsys)


def test_a_code_with_leading_zeros_keeps_them() -> None:
    assert parse_yaml("ma: 010\nso: 08\n").data == {"ma": "010", "so": "08"}


# --- the spreadsheet a data file names --------------------------------------------------------


def _data_file(folder: Path, reference: str) -> Path:
    text = (EXAMPLES / "bac-kan-2023-excel.yaml").read_text(encoding="utf-8")
    text = text.replace("  tep: ho-ngheo-2023.xlsx\n  trang: Tổng hợp\n", reference)
    path = folder / "bao-cao.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _tep_line(data: Path) -> int:
    return next(i for i, line in enumerate(data.read_text().splitlines(), 1) if line.startswith("  tep:"))


def _xlsx(path: Path, sheet_xml: bytes | None = None, **parts: bytes) -> Path:
    """A real workbook (openpyxl's), its first sheet's XML replaced, other parts added."""
    workbook = Workbook()
    workbook.active.append(["Đơn vị", "Tổng số hộ", "Hộ nghèo", "Hộ cận nghèo"])
    workbook.active.append(["Xã A", 100, 5, 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(
        path, "w", zipfile.ZIP_DEFLATED, compresslevel=9
    ) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml" and sheet_xml is not None:
                data = sheet_xml
            target.writestr(info.filename, parts.pop(info.filename, data))
        for name, data in parts.items():
            target.writestr(name, data)
    return path


_NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _sheet(rows: bytes, dimension: bytes = b"A1:D2", prolog: bytes = b"") -> bytes:
    header = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xc4\x90\xc6\xa1n v\xe1\xbb\x8b</t></is></c>'
        b'<c r="B1" t="inlineStr"><is><t>T\xe1\xbb\x95ng s\xe1\xbb\x91 h\xe1\xbb\x99</t></is></c></row>'
    )
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>' + prolog + _NS
        + b'<dimension ref="' + dimension + b'"/><sheetData>' + header + rows + b"</sheetData></worksheet>"
    )


def _refused(tmp_path: Path, capsys: Capture, name: str) -> tuple[Finding, int, str]:
    """The one finding on the spreadsheet, the peak memory reading it, the CLI's output."""
    data = _data_file(tmp_path, f"  tep: {name}\n")
    result, peak = _peak(lambda: baocao.validate(data))
    assert isinstance(result, list)
    (finding,) = [f for f in result if f.severity == "error"]
    return finding, peak, _cli(tmp_path, data, capsys)


def test_a_sheet_declaring_every_cell_is_not_padded(tmp_path: Path, capsys: Capture) -> None:
    last = b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>'
    path = _xlsx(tmp_path / "bom.xlsx", _sheet(last, b"A1:XFD1048576"))
    assert path.stat().st_size < 6000
    finding, peak, printed = _refused(tmp_path, capsys, "bom.xlsx")  # before: 3 GB
    assert finding.code == "bang-qua-dai" and finding.file == str(tmp_path / "bom.xlsx")
    assert "có dữ liệu ở dòng 1.048.576, vượt giới hạn 55.000 dòng" in finding.message
    assert peak < 40 * MB
    assert "bom.xlsx:1048576:" in printed


def test_too_many_real_rows_stop_at_the_limit(tmp_path: Path, capsys: Capture) -> None:
    row = b'<row r="%d"><c r="B%d"><v>1</v></c></row>'
    rows = b"".join(row % (n, n) for n in range(2, MAX_SHEET_ROWS + 3))
    _xlsx(tmp_path / "dai.xlsx", _sheet(rows, b"A1:B30000"))
    finding, peak, _ = _refused(tmp_path, capsys, "dai.xlsx")
    assert finding.code == "bang-qua-dai" and finding.line == MAX_SHEET_ROWS + 1
    assert peak < 60 * MB


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
def test_a_part_unpacking_past_the_limit_is_refused_before_parsing(
    tmp_path: Path, capsys: Capture, part: str
) -> None:
    spaces = b" " * (MAX_XLSX_PART_BYTES + MB)  # 33 MB of spaces: 33 kB compressed
    sheet = _sheet(b"", prolog=spaces) if part.endswith("sheet1.xml") else None
    extra = {} if sheet is not None else {part: b"<sst><si><t>" + spaces + b"</t></si></sst>"}
    path = _xlsx(tmp_path / "khong-khi.xlsx", sheet, **extra)
    assert path.stat().st_size < 200_000
    del spaces, sheet, extra
    finding, peak, printed = _refused(tmp_path, capsys, "khong-khi.xlsx")
    assert finding.code == "tep-qua-lon"
    assert f"phần «{part}» của tệp bảng tính giải nén ra" in finding.message
    assert "vượt giới hạn 33.554.432 byte" in finding.message
    assert peak < 4 * MB  # nothing unpacked
    assert "khong-khi.xlsx: phần" in printed


@pytest.mark.parametrize(
    "sheet",
    [
        _sheet(b'<row r="2"><c r="A2"><v>1</v></c>'),  # not closed
        _sheet(b'<row r="2"><c r="B2"><v>&e;</v></c></row>', prolog=b'<!DOCTYPE w [<!ENTITY e "1">]>'),
        _sheet(b'<row r="2"><c r="B2"><v>#DIV/0!</v></c></row>'),  # an error without t="e"
    ],
    ids=["malformed", "doctype-entity", "div0-without-type"],
)
def test_a_broken_sheet_is_a_finding(tmp_path: Path, capsys: Capture, sheet: bytes) -> None:
    _xlsx(tmp_path / "hong.xlsx", sheet)
    finding, _, printed = _refused(tmp_path, capsys, "hong.xlsx")
    assert finding.code == "tep-bang-hong"
    assert ("DOCTYPE" in finding.message) == (b"DOCTYPE" in sheet)
    assert finding.file == str(tmp_path / "hong.xlsx")
    assert "hong.xlsx:" in printed


def test_a_csv_field_over_the_csv_limit_is_located(tmp_path: Path, capsys: Capture) -> None:
    (tmp_path / "bang.csv").write_text(
        "Đơn vị;Tổng số hộ;Hộ nghèo;Hộ cận nghèo\nXã A;1;1;1\n\"" + "x" * 140_000 + "\";1;1;1\n",
        encoding="utf-8",
    )
    finding, _, printed = _refused(tmp_path, capsys, "bang.csv")
    assert (finding.code, finding.line) == ("csv-hong", 3)
    assert "một ô dài quá 131.072 ký tự" in finding.message
    assert "bang.csv:3:" in printed


def test_a_csv_with_carriage_returns_only_is_read(tmp_path: Path) -> None:
    (tmp_path / "mac.csv").write_bytes(
        "Đơn vị;Tổng số hộ;Hộ nghèo;Hộ cận nghèo\rXã A;100;5;3\rXã B;200;6;4\r".encode()
    )
    data = _data_file(tmp_path, "  tep: mac.csv\n")
    findings = [f for f in baocao.validate(data) if f.file and f.file.endswith("mac.csv")]
    assert not [f for f in findings if f.code in ("csv-hong", "tep-bang-hong")]


def test_a_long_csv_is_streamed_and_stopped(tmp_path: Path, capsys: Capture) -> None:
    with (tmp_path / "dai.csv").open("w", encoding="utf-8") as stream:
        stream.write("Đơn vị;Tổng số hộ;Hộ nghèo;Hộ cận nghèo\n")
        stream.writelines(f"Xã {n};1;1;1\n" for n in range(1_000_000))  # 15 MB
    finding, peak, _ = _refused(tmp_path, capsys, "dai.csv")  # before: all rows in memory
    assert (finding.code, finding.line) == ("bang-qua-dai", MAX_SHEET_ROWS + 1)
    assert peak < 40 * MB


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_a_spreadsheet_that_is_not_a_regular_file_is_refused(
    tmp_path: Path, capsys: Capture, kind: str
) -> None:
    target = tmp_path / "bang.csv"
    if kind == "directory":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target = tmp_path / "bang.xlsx"
        os.mknod(target, 0o600 | 0o020000, os.makedev(1, 5)) if os.geteuid() == 0 else pytest.skip("root")
    finding, peak, _ = _refused(tmp_path, capsys, target.name)
    assert finding.code == "tep-bang-khong-phai-tep"
    assert "không phải tệp bảng tính" in finding.message
    assert peak < 8 * MB


def test_a_nul_in_tep_is_a_finding_at_its_line(tmp_path: Path, capsys: Capture) -> None:
    data = _data_file(tmp_path, '  tep: "bang\\0.csv"\n')
    (finding,) = [f for f in baocao.validate(data) if f.severity == "error"]
    assert (finding.code, finding.file, finding.line, finding.path) == (
        "tep-ten-sai", str(data), _tep_line(data), "bieu_tong_hop.tep"
    )
    _cli(tmp_path, data, capsys)


# --- tep: stays beside the data file ----------------------------------------------------------


@pytest.mark.parametrize("how", ["parent", "absolute", "symlink", "symlink-to-device"])
def test_tep_cannot_read_outside_the_data_files_folder(
    tmp_path: Path, capsys: Capture, how: str
) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("MẬT KHẨU;hunter2\n", encoding="utf-8")
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    name = {"parent": "../../secret.csv", "absolute": str(secret)}.get(how, "bang.csv")
    if how.startswith("symlink"):
        (folder / name).symlink_to(secret if how == "symlink" else Path("/dev/zero"))
    data = _data_file(folder, f"  tep: {name}\n")
    (finding,) = [f for f in baocao.validate(data) if f.severity == "error"]
    assert (finding.code, finding.file, finding.line, finding.path) == (
        "tep-ngoai-thu-muc", str(data), _tep_line(data), "bieu_tong_hop.tep"
    )
    assert "nằm ngoài thư mục" in finding.message and "hãy chép bảng tính vào cùng thư mục" in finding.message
    printed = _cli(folder, data, capsys)
    assert "hunter2" not in printed and "MẬT KHẨU" not in printed


def test_a_caller_may_allow_a_wider_folder(tmp_path: Path) -> None:
    from baocao.loai.ra_soat_ho_ngheo.bieu_tong_hop import prepare

    (tmp_path / "chung").mkdir()
    shared = tmp_path / "chung" / "bang.csv"
    shared.write_text("Đơn vị;Tổng số hộ;Hộ nghèo;Hộ cận nghèo\nXã A;100;5;3\n", encoding="utf-8")
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    data = _data_file(folder, "  tep: ../chung/bang.csv\n")
    loaded = load_yaml(data, files_root=tmp_path)
    prepare(loaded, folder)
    assert loaded.data["bieu_tong_hop"]["dong"] == [
        {"ten": "Xã A", "tong_so_ho": 100, "ho_ngheo": 5, "ho_can_ngheo": 3}
    ]
    with pytest.raises(DataError):
        prepare(load_yaml(data), folder)


def test_a_row_wider_than_excel_is_refused_before_openpyxl_holds_it(tmp_path: Path, capsys: Capture) -> None:
    # before: one row of 2,200,000 cells (33 MB unpacked, 33 kB on disk): 25 s and 1 GB
    _xlsx(tmp_path / "rong.xlsx", _sheet(b'<row r="2">' + b"<c><v>1</v></c>" * 200_000 + b"</row>"))
    finding, peak, printed = _refused(tmp_path, capsys, "rong.xlsx")
    assert finding.code == "bang-qua-rong"
    assert "có một dòng hơn 16.384 ô (số cột tối đa của Excel)" in finding.message
    assert peak < 4 * MB
    assert "rong.xlsx: phần «xl/worksheets/sheet1.xml»" in printed
