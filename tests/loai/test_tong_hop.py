"""The roll-up (``baocao tong-hop``): the province's data from its communes' files.

The example (examples/tong-hop/) is six commune files, the province's shared text
and the list of the units expected; the result is generated here, in tmp_path.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

import baocao
from baocao.cli import main
from baocao.loading import load_yaml
from baocao.loai.ra_soat_ho_ngheo.figures import compute
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo

from conftest import EXAMPLES
from docx_reading import texts

FOLDER = EXAMPLES / "tong-hop"
COMMUNES = sorted(FOLDER.glob("xa-*.yaml")) + sorted(FOLDER.glob("phuong-*.yaml"))
CHUNG = FOLDER / "chung-tinh.yaml"
DANH_SACH = FOLDER / "danh-sach.yaml"


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def roll_up(out: Path, *units: str | Path, extra: tuple[str | Path, ...] = ()) -> tuple[int, str, str]:
    return run("tong-hop", *(units or COMMUNES), "--chung", CHUNG, "-o", out, *extra)


def _copy(tmp_path: Path, name: str, old: str = "", new: str = "") -> Path:
    """A commune's file copied into tmp_path, with ``old`` replaced by ``new``."""
    text = (FOLDER / name).read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_totals_are_the_sums_of_the_units(tmp_path: Path) -> None:
    out = tmp_path / "tinh.yaml"
    code, said, err = roll_up(out, extra=("--danh-sach", DANH_SACH))
    assert code == 0, err
    assert "tổng hợp 6 đơn vị" in said
    units = [baocao.load(path, BaoCaoRaSoatHoNgheo).ket_qua for path in COMMUNES]
    province = baocao.load(out, BaoCaoRaSoatHoNgheo)
    ket_qua = province.ket_qua
    assert ket_qua.tong_so_ho == sum(u.tong_so_ho for u in units) == 16815
    assert ket_qua.ho_ngheo.so_ho == sum(u.ho_ngheo.so_ho for u in units)
    assert ket_qua.ho_can_ngheo.so_ho == sum(u.ho_can_ngheo.so_ho for u in units)
    for group in ("ho_ngheo", "ho_can_ngheo"):
        last_year = getattr(ket_qua, group).nam_truoc
        assert last_year is not None
        assert last_year.so_ho == sum(getattr(u, group).nam_truoc.so_ho for u in units)  # type: ignore[union-attr]
    # one row per unit, in the list's order, each with that unit's own figures
    assert province.bieu_tong_hop is not None
    rows = province.bieu_tong_hop.dong
    lines = DANH_SACH.read_text(encoding="utf-8").splitlines()
    listed = [line[2:] for line in lines if line.startswith("- ")]
    assert [row.ten for row in rows] == listed
    dia_ban = {p: baocao.load(p, BaoCaoRaSoatHoNgheo).dia_ban for p in COMMUNES}
    by_name = {name[:1].upper() + name[1:]: p for p, name in dia_ban.items()}
    for row in rows:
        unit = baocao.load(by_name[row.ten], BaoCaoRaSoatHoNgheo).ket_qua
        assert (row.tong_so_ho, row.ho_ngheo, row.ho_can_ngheo) == (
            unit.tong_so_ho, unit.ho_ngheo.so_ho, unit.ho_can_ngheo.so_ho)
    # the units covered: six of the six expected
    assert province.trien_khai.pham_vi.so_don_vi_ra_soat == province.trien_khai.pham_vi.tong_so_don_vi == 6
    # and the derived figures follow: 699 / 16815 households
    assert str(compute(province).ho_ngheo.ty_le) == "4.16"


def test_each_figure_is_noted_with_the_file_and_line_it_came_from(tmp_path: Path) -> None:
    out = tmp_path / "tinh.yaml"
    assert roll_up(out)[0] == 0
    text = out.read_text(encoding="utf-8")
    notes = re.findall(r"^\s+(\w+): (\d+)  # từ (\S+):(\d+) \(([\w.]+)\)$", text, flags=re.M)
    # every figure of every row: households and persons, poor and near-poor with their persons,
    # both classes last year
    assert len(notes) == 6 * 8
    for key, value, file, line, field in notes:
        source = Path(file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
        # the noted line of the unit's file holds that very figure under that field's last key
        assert re.fullmatch(rf"\s*{field.split('.')[-1]}: {value}|.*\bso_ho: {value}\b.*", source), (
            key, file, line, source)
    # a total is noted as the sum of the rows
    assert re.search(r"tong_so_ho: 16815  # tổng 6 đơn vị", text)


def test_the_rolled_up_file_renders_and_passes_the_layout_check(tmp_path: Path) -> None:
    out = tmp_path / "tinh.yaml"
    assert roll_up(out, extra=("--danh-sach", DANH_SACH))[0] == 0
    code, _, err = run("render", out, "-q")
    assert code == 0, err
    document = out.with_suffix(".docx")
    printed = texts(document.read_bytes())
    assert "Tổng số hộ dân trên địa bàn: 16.815 hộ với 66.010 khẩu, trong đó:" in printed
    assert "- Tổng số hộ nghèo: 699 hộ với 2.682 khẩu, tỷ lệ 4,16%, giảm 131 hộ so với năm 2024." in printed
    assert "- Tổng số xã, phường, đặc khu tiến hành rà soát: 6/6 xã, phường, đặc khu." in printed
    assert "Xã Nghiên Loan" in printed  # a row of the appendix table
    code, said, _ = run("check", document)
    assert code == 0, said  # warnings only: the draft's number and day are left blank


def test_a_table_too_long_for_a_data_file_goes_to_a_sheet_beside_it_with_its_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import baocao.tong_hop

    monkeypatch.setattr(baocao.tong_hop, "MAX_INLINE_ROWS", 3)  # as a country's 3,300 communes
    out = tmp_path / "tinh.yaml"
    written = baocao.tong_hop.roll_up([str(p) for p in COMMUNES], CHUNG, out)
    assert written.bang == tmp_path / "tinh.bieu.csv"
    text = out.read_text(encoding="utf-8")
    assert "bieu_tong_hop:\n  tep: tinh.bieu.csv  # 6 đơn vị, mỗi số kèm cột «… (nguồn)»" in text
    sheet = written.bang.read_text(encoding="utf-8-sig").splitlines()
    header = sheet[0].split(";")
    assert header[:4] == ["Đơn vị", "Tổng số hộ", "Tổng số hộ (nguồn)", "Số khẩu"]
    row = dict(zip(header, sheet[1].split(";"), strict=True))
    source = Path(row["Hộ nghèo (nguồn)"].split(":")[0])
    line = int(row["Hộ nghèo (nguồn)"].split(":")[1].split()[0])
    assert source.read_text(encoding="utf-8").splitlines()[line - 1].strip() == f"so_ho: {row['Hộ nghèo']}"
    report = baocao.load(out, BaoCaoRaSoatHoNgheo)  # the table read back from the sheet
    assert report.bieu_tong_hop is not None and len(report.bieu_tong_hop.dong) == 6
    assert report.ket_qua.tong_so_ho == 16815
    assert baocao.render(report)


def test_a_missing_unit_is_an_error_at_its_line_of_the_list(tmp_path: Path) -> None:
    out = tmp_path / "tinh.yaml"
    units = [p for p in COMMUNES if p.name != "xa-cho-don.yaml"]
    code, _, err = roll_up(out, *units, extra=("--danh-sach", DANH_SACH))
    assert code == 1
    line = _line_of(DANH_SACH, "Xã Chợ Đồn")
    assert f"{DANH_SACH}:{line}: «Xã Chợ Đồn» chưa có báo cáo" in err
    assert "[don-vi-thieu]" in err
    assert not out.exists()


def test_a_missing_unit_is_a_warning_when_allowed_and_the_coverage_says_so(tmp_path: Path) -> None:
    out = tmp_path / "tinh.yaml"
    units = [p for p in COMMUNES if p.name != "xa-cho-don.yaml"]
    code, _, err = roll_up(out, *units, extra=("--danh-sach", DANH_SACH, "--cho-phep-thieu"))
    assert code == 0, err
    assert ("cảnh báo: «Xã Chợ Đồn» chưa có báo cáo; kết quả chỉ tổng hợp 5/6 đơn vị "
            "[don-vi-thieu-cho-phep]") in err
    province = baocao.load(out, BaoCaoRaSoatHoNgheo)
    pham_vi = province.trien_khai.pham_vi
    assert (pham_vi.so_don_vi_ra_soat, pham_vi.tong_so_don_vi) == (5, 6)
    assert province.ket_qua.tong_so_ho == 16815 - 2730


def test_allowing_missing_units_needs_the_list() -> None:
    code, _, err = roll_up(Path("x.yaml"), extra=("--cho-phep-thieu",))
    assert code == 2 and "--cho-phep-thieu cần --danh-sach" in err


def test_a_unit_reporting_twice_names_both_files(tmp_path: Path) -> None:
    again = tmp_path / "xa-cho-don-ban-sua.yaml"
    shutil.copy(FOLDER / "xa-cho-don.yaml", again)
    code, _, err = roll_up(tmp_path / "tinh.yaml", *COMMUNES, again)
    assert code == 1
    line = _line_of(again, "dia_ban:")
    assert f"{again}:{line}: dia_ban: «Xã Chợ Đồn» đã báo cáo ở {FOLDER / 'xa-cho-don.yaml'}:{line}" in err
    assert "[don-vi-bao-cao-hai-lan]" in err


def test_a_unit_not_in_the_list_is_named_at_its_file(tmp_path: Path) -> None:
    typo = _copy(tmp_path, "xa-cho-don.yaml", "dia_ban: xã Chợ Đồn", "dia_ban: xã Chợ Đòn")
    units = [p for p in COMMUNES if p.name != "xa-cho-don.yaml"] + [typo]
    code, _, err = roll_up(tmp_path / "tinh.yaml", *units, extra=("--danh-sach", DANH_SACH))
    assert code == 1
    assert f"{typo}:{_line_of(typo, 'dia_ban:')}: dia_ban: «Xã Chợ Đòn» không có trong danh sách" in err
    assert "(có phải «Xã Chợ Đồn»?); sửa tên cho khớp danh sách [don-vi-ngoai-danh-sach]" in err


def test_a_unit_whose_poor_exceed_its_households_is_located_in_its_own_file(tmp_path: Path) -> None:
    bad = _copy(tmp_path, "xa-phong-quang.yaml", "so_ho: 96", "so_ho: 1800")  # 1800 + 88 > 1865
    units = [p for p in COMMUNES if p.name != bad.name] + [bad]
    out = tmp_path / "tinh.yaml"
    out.write_text("giữ nguyên\n", encoding="utf-8")
    code, _, err = roll_up(out, *units)
    assert code == 1
    assert re.search(rf"^{re.escape(str(bad))}:\d+:\d+: ket_qua\.ho_ngheo\.so_ho: hộ nghèo \(1\.800\) "
                     r"cộng hộ cận nghèo \(88\) lớn hơn tổng số hộ \(1\.865\)", err, flags=re.M), err
    assert out.read_text(encoding="utf-8") == "giữ nguyên\n"  # a failed run keeps the old file


def test_a_unit_with_only_published_rates_and_no_total_is_named_at_its_file(tmp_path: Path) -> None:
    text = (FOLDER / "xa-phong-quang.yaml").read_text(encoding="utf-8")
    text = text.replace("  tong_so_ho: 1865\n", "", 1)
    text = text.replace("    so_ho: 96\n", "    so_ho: 96\n    ty_le: 5,15\n", 1)
    text = text.replace("    so_ho: 88\n", "    so_ho: 88\n    ty_le: 4,72\n", 1)
    bad = tmp_path / "xa-phong-quang.yaml"
    bad.write_text(text, encoding="utf-8")
    assert baocao.load(bad).ket_qua.tong_so_ho is None  # a valid report of its own
    units = [p for p in COMMUNES if p.name != bad.name] + [bad]
    code, _, err = roll_up(tmp_path / "tinh.yaml", *units)
    assert code == 1
    assert f"{bad}:{_line_of(bad, 'dia_ban:')}: «Xã Phong Quang» không có tổng số hộ dân" in err, err
    assert "[don-vi-thieu-tong-so-ho]" in err


def test_a_unit_whose_table_disagrees_with_its_totals_is_located_in_its_own_file(tmp_path: Path) -> None:
    table = (
        "bieu_tong_hop:\n  dong:\n"
        "    - {ten: Thôn Nà Pài, tong_so_ho: 900, ho_ngheo: 50, ho_can_ngheo: 40}\n"
        "    - {ten: Thôn Bản Chiêng, tong_so_ho: 900, ho_ngheo: 46, ho_can_ngheo: 48}\n\ndanh_gia:"
    )
    bad = _copy(tmp_path, "xa-phong-quang.yaml", "danh_gia:", table)  # 1800 rows, 1865 stated
    units = [p for p in COMMUNES if p.name != bad.name] + [bad]
    code, _, err = roll_up(tmp_path / "tinh.yaml", *units)
    assert code == 1
    line = _line_of(bad, "tong_so_ho: 1865")
    assert (f"{bad}:{line}:3: ket_qua.tong_so_ho: ghi 1.865 nhưng tổng các đơn vị trong biểu tổng hợp "
            "là 1.800") in err


def test_a_unit_of_another_year_and_counts_typed_in_the_shared_text_are_refused(tmp_path: Path) -> None:
    old = _copy(tmp_path, "xa-cho-don.yaml", "nam: 2025", "nam: 2024")
    chung = tmp_path / "chung.yaml"
    chung.write_text(CHUNG.read_text(encoding="utf-8").replace("ket_qua:\n", "ket_qua:\n  tong_so_ho: 5\n"),
                     encoding="utf-8")
    units = [p for p in COMMUNES if p.name != old.name] + [old]
    code, _, err = run("tong-hop", *units, "--chung", chung, "-o", tmp_path / "tinh.yaml")
    assert code == 1
    assert f"{old}:{_line_of(old, 'nam: 2024')}: nam: báo cáo năm 2024, nhưng bản tổng hợp là năm 2025" in err
    assert "[don-vi-khac-nam]" in err and "[chung-co-so-lieu]" in err
    assert f"{chung}:{_line_of(chung, 'tong_so_ho: 5')}:3: ket_qua.tong_so_ho: tệp chung không ghi" in err


def test_a_column_some_units_give_and_others_not_is_named_at_the_unit_without_it(tmp_path: Path) -> None:
    bare = _copy(tmp_path, "xa-cho-don.yaml", "    nam_truoc: {so_ho: 170}\n", "")
    units = [p for p in COMMUNES if p.name != bare.name] + [bare]
    code, _, err = roll_up(tmp_path / "tinh.yaml", *units)
    assert code == 1
    assert f"{bare}:{_line_of(bare, 'dia_ban:')}: dia_ban: «Xã Chợ Đồn» không có số hộ nghèo năm trước" in err
    assert "[don-vi-thieu-cot]" in err


def test_output_may_not_be_one_of_the_inputs(tmp_path: Path) -> None:
    unit = _copy(tmp_path, "xa-cho-don.yaml")
    before = unit.read_text(encoding="utf-8")
    code, _, err = roll_up(unit, *COMMUNES[:-1], unit)
    assert code == 1 and "tệp của đơn vị" in err
    assert unit.read_text(encoding="utf-8") == before


def _in_2024(text: str) -> str:
    """A 2025 file of the example as the same unit's file of 2024, when districts still were."""
    return (text.replace("nam: 2025", "nam: 2024").replace("2025-", "2024-").replace("năm 2025", "năm 2024"))


def test_communes_to_districts_to_province(tmp_path: Path) -> None:
    """Before 7/2025: communes → district → province; a district's result is a unit."""
    communes = []
    for path in COMMUNES:
        communes.append(tmp_path / path.name)
        communes[-1].write_text(_in_2024(path.read_text(encoding="utf-8")), encoding="utf-8")
    chung_tinh = tmp_path / "chung-tinh.yaml"
    chung_tinh.write_text(_in_2024(CHUNG.read_text(encoding="utf-8")), encoding="utf-8")
    chung_huyen = chung_tinh.read_text(encoding="utf-8").replace("cap: tinh", "cap: huyen")
    districts = []
    for number, members in enumerate((communes[:3], communes[3:])):
        name = f"huyện Số {number + 1}"
        chung = tmp_path / f"chung-{number}.yaml"
        chung.write_text(chung_huyen.replace("tỉnh Thái Nguyên", name), encoding="utf-8")
        out = tmp_path / f"huyen-{number}.yaml"
        code, _, err = run("tong-hop", *members, "--chung", chung, "-o", out)
        assert code == 0, err
        districts.append(out)
    district = baocao.load(districts[0], BaoCaoRaSoatHoNgheo)
    assert district.trien_khai is not None and district.trien_khai.pham_vi is not None
    assert district.trien_khai.pham_vi.ten_don_vi == "xã, phường, thị trấn"  # a district's units
    province = tmp_path / "tinh.yaml"
    code, _, err = run("tong-hop", *districts, "--chung", chung_tinh, "-o", province)
    assert code == 0, err
    report = baocao.load(province, BaoCaoRaSoatHoNgheo)
    assert report.bieu_tong_hop is not None
    assert [row.ten for row in report.bieu_tong_hop.dong] == ["Huyện Số 1", "Huyện Số 2"]
    assert report.ket_qua.tong_so_ho == 16815  # the communes' sum, through their districts
    assert report.ket_qua.ho_ngheo.so_khau == 2682  # and their persons
    assert report.trien_khai is not None and report.trien_khai.pham_vi is not None
    assert report.trien_khai.pham_vi.ten_don_vi == "huyện, thị xã, thành phố"  # before 7/2025
    # each district row is noted at its district's totals, which are noted at the communes
    text = province.read_text(encoding="utf-8")
    assert f"từ {districts[0]}:" in text
    assert f"từ {communes[0]}:" in districts[0].read_text(encoding="utf-8")


def test_a_workbook_with_a_row_per_commune_is_rolled_up_and_noted_at_its_cells(tmp_path: Path) -> None:
    sheet = tmp_path / "cac-xa.csv"
    sheet.write_text(
        "Đơn vị;Tổng số hộ;Hộ nghèo;Hộ cận nghèo\n"
        "Xã An Bình;1200;30;20\n"
        "Xã Bình Minh;800;12;9\n"
        "Tổng cộng;2000;42;29\n", encoding="utf-8")
    out = tmp_path / "tinh.yaml"
    code, _, err = roll_up(out, sheet)
    assert code == 0, err
    report = baocao.load(out, BaoCaoRaSoatHoNgheo)
    assert (report.ket_qua.tong_so_ho, report.ket_qua.ho_ngheo.so_ho) == (2000, 42)
    assert f"ho_ngheo: 12  # từ {sheet}:3" in out.read_text(encoding="utf-8")


def test_a_bad_workbook_row_is_located_at_its_cell(tmp_path: Path) -> None:
    sheet = tmp_path / "cac-xa.csv"
    sheet.write_text("Đơn vị;Tổng số hộ;Hộ nghèo;Hộ cận nghèo\nXã An Bình;100;80;30\n", encoding="utf-8")
    code, _, err = roll_up(tmp_path / "tinh.yaml", sheet)
    assert code == 1
    [line] = err.splitlines()  # not again at the province's total
    assert line.startswith(f"{sheet}:2:")  # blamed on the larger class, at its cell
    assert line.endswith(" bieu_tong_hop.dong[0].ho_ngheo: ô C2: «Xã An Bình»: hộ nghèo (80) cộng hộ "
                         "cận nghèo (30) lớn hơn tổng số hộ (100) [vuot-tong-so-ho]")


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


_HEADER: list[object] = ["Thôn, tổ dân phố", "Tổng số hộ", "Hộ nghèo", "Hộ cận nghèo",
                         "Hộ nghèo năm trước", "Hộ cận nghèo năm trước"]


def _commune_sheet(unit: BaoCaoRaSoatHoNgheo, named: bool) -> list[list[object]]:
    """A commune's own table: its totals split over two villages (and its typed totals)."""
    k = unit.ket_qua
    assert k.tong_so_ho is not None and k.ho_ngheo.nam_truoc and k.ho_can_ngheo.nam_truoc
    whole = [k.tong_so_ho, k.ho_ngheo.so_ho, k.ho_can_ngheo.so_ho, k.ho_ngheo.nam_truoc.so_ho,
             k.ho_can_ngheo.nam_truoc.so_ho]
    first = [n // 2 for n in whole]
    rows: list[list[object]] = [["BIỂU TỔNG HỢP KẾT QUẢ RÀ SOÁT"]]
    if named:
        rows.append(["Đơn vị:", unit.dia_ban[:1].upper() + unit.dia_ban[1:]])
    second = [n - f for n, f in zip(whole, first, strict=True)]
    return [*rows, _HEADER, ["Thôn 1", *first], ["Thôn 2", *second], ["Tổng cộng", *whole]]


def test_a_workbook_with_a_sheet_per_commune_rolls_up_as_their_files_do(tmp_path: Path) -> None:
    """Each sheet is one commune's own table (two villages here); the sheet's name is the
    unit's name, or a cell «Đơn vị: …» above the header names it (here every other one,
    under a short sheet name).  The result equals the roll-up of the communes' files."""
    units = [baocao.load(p, BaoCaoRaSoatHoNgheo) for p in COMMUNES]
    sheets = {}
    for index, unit in enumerate(units):
        named = index % 2 == 1
        title = f"Trang {index + 1}" if named else unit.dia_ban[:1].upper() + unit.dia_ban[1:]
        sheets[title] = _commune_sheet(unit, named)
    book = _workbook(tmp_path / "cac-xa.xlsx", sheets)
    from_files, from_book = tmp_path / "tu-tep.yaml", tmp_path / "tu-bang.yaml"
    assert roll_up(from_files, extra=("--danh-sach", DANH_SACH))[0] == 0
    code, said, err = roll_up(from_book, book, extra=("--danh-sach", DANH_SACH, "--moi-trang"))
    assert code == 0, err
    assert "tổng hợp 6 đơn vị" in said
    a, b = (baocao.load(p, BaoCaoRaSoatHoNgheo) for p in (from_files, from_book))
    assert b.ket_qua.tong_so_ho == a.ket_qua.tong_so_ho == 16815
    assert (b.ket_qua.ho_ngheo.so_ho, b.ket_qua.ho_can_ngheo.so_ho) == (a.ket_qua.ho_ngheo.so_ho,
                                                                        a.ket_qua.ho_can_ngheo.so_ho)
    assert b.ket_qua.ho_ngheo.nam_truoc == a.ket_qua.ho_ngheo.nam_truoc
    assert b.bieu_tong_hop is not None and a.bieu_tong_hop is not None
    assert [(r.ten, r.tong_so_ho, r.ho_ngheo) for r in b.bieu_tong_hop.dong] == [
        (r.ten, r.tong_so_ho, r.ho_ngheo) for r in a.bieu_tong_hop.dong]
    text = from_book.read_text(encoding="utf-8")
    # each figure is noted with the sheet and the cells it adds up
    assert re.search(rf"ho_ngheo: \d+  # từ {re.escape(str(book))}:4 \(trang «Trang 2», tổng ô C4:C5\)", text)


def test_a_sheet_per_commune_locates_each_problem_at_its_sheet_and_cell(tmp_path: Path) -> None:
    book = _workbook(tmp_path / "cac-xa.xlsx", {
        "Xã An Bình": [_HEADER[:4], ["Thôn 1", 100, 80, 30], ["Thôn 2", 50, 2, 1]],
        "Xã Bình Minh": [_HEADER[:4], ["Thôn 1", 100, "mười", 3]],
        "Trống": [_HEADER[:4]],
        "Xã Cũ": [["Đơn vị: Xã An Bình"], _HEADER[:4], ["Thôn 1", 10, 1, 1]],
    })
    code, _, err = roll_up(tmp_path / "tinh.yaml", book, extra=("--moi-trang",))
    assert code == 1
    assert (f"{book}:2:3: dong[0].ho_ngheo: trang «Xã An Bình», ô C2: «Thôn 1»: hộ nghèo (80) cộng hộ "
            "cận nghèo (30) lớn hơn tổng số hộ (100) [vuot-tong-so-ho]") in err, err
    assert f"{book}:2:3: dong[0].ho_ngheo: trang «Xã Bình Minh», ô C2:" in err, err
    assert "trang «Trống» không có dòng số liệu nào" in err and "[trang-khong-co-dong]" in err
    # (the sheets in error are not units; a name given twice is, once the others are fixed)
    fixed = _workbook(tmp_path / "sua.xlsx", {
        "Xã An Bình": [_HEADER[:4], ["Thôn 1", 100, 8, 3]],
        "Xã Cũ": [["Đơn vị: Xã An Bình"], _HEADER[:4], ["Thôn 1", 10, 1, 1]],
    })
    code, _, err = roll_up(tmp_path / "tinh.yaml", fixed, extra=("--moi-trang",))
    assert code == 1 and "[don-vi-bao-cao-hai-lan]" in err, err
    assert "trang «Xã Cũ», ô A1" in err
    # a .csv has no sheets; --trang with --moi-trang is refused
    csv = tmp_path / "cac-xa.csv"
    csv.write_text("Đơn vị;Tổng số hộ;Hộ nghèo;Hộ cận nghèo\nXã A;10;1;1\n", encoding="utf-8")
    assert "chỉ tệp .xlsx mới có nhiều trang" in roll_up(tmp_path / "t.yaml", csv, extra=("--moi-trang",))[2]
    assert "bỏ --trang" in roll_up(tmp_path / "t.yaml", fixed, extra=("--moi-trang", "--trang", "A"))[2]


def test_the_list_of_units_is_a_yaml_list(tmp_path: Path) -> None:
    listed = tmp_path / "ds.yaml"
    listed.write_text("Xã A\nXã B\n", encoding="utf-8")
    code, _, err = roll_up(tmp_path / "tinh.yaml", extra=("--danh-sach", listed))
    assert code == 1 and "mỗi đơn vị một dòng [danh-sach-sai-dang]" in err


def test_a_list_naming_a_unit_twice_is_refused_at_the_second_line(tmp_path: Path) -> None:
    listed = tmp_path / "ds.yaml"
    listed.write_text("- Xã A\n- Xã B\n- xã a\n", encoding="utf-8")
    code, _, err = roll_up(tmp_path / "tinh.yaml", extra=("--danh-sach", listed))
    assert code == 1
    assert f"{listed}:3:3: [2]: «xã a» ghi hai lần trong danh sách (dòng 1) [danh-sach-lap]" in err


def test_the_shared_text_must_be_of_the_type_and_there_must_be_units(tmp_path: Path) -> None:
    other = tmp_path / "chung.yaml"
    other.write_text("loai: bao-cao\n", encoding="utf-8")
    code, _, err = run("tong-hop", *COMMUNES, "--chung", other, "-o", tmp_path / "tinh.yaml")
    assert code == 1 and "[chung-sai-loai]" in err and f"{other}:1:1: loai:" in err
    from baocao.loai.ra_soat_ho_ngheo.tong_hop import tong_hop

    nothing = r"không có báo cáo đơn vị nào để tổng hợp \[khong-co-don-vi\]"
    with pytest.raises(baocao.DataError, match=nothing):
        tong_hop(load_yaml(CHUNG), [])


def test_every_roll_up_code_is_tripped_in_this_file() -> None:
    """(tests/test_consistency.py leaves the roll-up's codes to this file: no one data file trips them)"""
    from baocao.loai.ra_soat_ho_ngheo.tong_hop import RULES

    here = Path(__file__).read_text(encoding="utf-8")
    tested = {code for code, _ in RULES.items() if code in here.replace("RULES", "")}
    assert tested == {code for code, _ in RULES.items()}


@pytest.mark.parametrize("name", [p.name for p in COMMUNES])
def test_every_commune_of_the_example_is_a_valid_report(name: str) -> None:
    assert baocao.validate(FOLDER / name) == []
    assert load_yaml(FOLDER / name).data["nam"] == 2025
