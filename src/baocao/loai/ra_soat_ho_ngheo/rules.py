"""Consistency rules of the review report (../shared/spec/ra-soat-ho-ngheo.md §3, §6).

The rules compute nothing: they compare what the data file states (a rate, a
change, the end of the movement, the counts of section III) with the one result of
:func:`baocao.loai.ra_soat_ho_ngheo.figures.compute`, the same figures the template
prints.  Their codes, severities and messages are the rows of :data:`RULES`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from baocao.consistency import CheckContext, Problem, RuleTable
from baocao.formatting import format_date, format_number, format_percent
from baocao.frame.rules import earliest_issue_date_of, latest_issue_date
from baocao.loai.ra_soat_ho_ngheo.figures import BieuTinh, ChiSo, KetQuaTinh, compute
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo, DongDonVi, NamTruoc, NhomHo, cap_tren

RATE_TOLERANCE = Decimal("0.01")
"""A stated rate may differ from count ÷ total by this many points (rounding)."""

LARGE_MOVE = Decimal("3")
"""A rate moving by more than this many points in a year is worth a second look."""

_RATES = "spec §3 (tỷ lệ = số hộ / tổng số hộ × 100)"
_MOVEMENT = "spec §3.2 (cuối kỳ = đầu kỳ − giảm + tăng)"
_TABLE = "spec §3.1, §6.8 (biểu tổng hợp)"
_PROCEDURE = "QĐ 24/2021/QĐ-TTg (spec §2.2)"

RULES = RuleTable(__name__, [
    ("vuot-tong-so-ho", "error", _RATES,
     "{don_vi}hộ nghèo ({ngheo}) cộng hộ cận nghèo ({can_ngheo}) lớn hơn tổng số hộ ({tong})"),
    ("nhom-vuot-tong-so-ho", "error", _RATES,
     "{don_vi}số {nhom} ({so}) lớn hơn tổng số hộ ({tong}); kiểm tra lại số {nhom}"),
    ("ty-le-lech", "error", _RATES,
     "tỷ lệ {nhom} ghi {ghi} nhưng {so_ho} / {tong} hộ = {tinh}; bỏ dòng tỷ lệ để tính tự động "
     "hoặc sửa số hộ"),
    ("tang-giam-lech", "error", "spec §6.4",
     "số tăng/giảm {nhom} ghi {ghi:+d} nhưng {so_ho} − {truoc} = {tinh:+d}"),
    ("ty-le-bien-dong-lon", "warning", "spec §6.4",
     "tỷ lệ {nhom} {chieu} {diem} điểm phần trăm trong một năm (từ {truoc} {den} {nay}); kiểm tra lại "
     "số liệu"),
    ("dien-bien-lech", "error", _MOVEMENT,
     "diễn biến {nhom}: đầu kỳ − giảm + tăng = {tinh}, nhưng cuối kỳ ghi {ghi}"),
    ("dien-bien-cuoi-ky", "error", _MOVEMENT,
     "số {nhom} cuối kỳ ({cuoi_ky}) khác số {nhom} năm nay ({so_ho})"),
    ("dien-bien-dau-ky", "error", _MOVEMENT,
     "số {nhom} đầu kỳ ({dau_ky}) khác số năm trước ({truoc})"),
    ("chi-tieu-thieu-nam-truoc", "error", "spec §2.4, §6.6",
     "có chỉ tiêu {chi_tieu} nhưng thiếu {thieu} năm trước («ket_qua.{nhom}.nam_truoc») để đánh giá; "
     "ghi số năm trước, hoặc chuyển chỉ tiêu sang «chi_tieu_nam_sau» nếu đó là chỉ tiêu năm sau"),
    ("khau-it-hon-ho", "error", "spec §3 (mỗi hộ có ít nhất một khẩu)",
     "{don_vi}số khẩu {nhom} ({khau}) nhỏ hơn số hộ ({ho})"),
    ("khau-vuot-tong", "error", "spec §3",
     "{don_vi}số khẩu hộ nghèo ({ngheo}) cộng số khẩu hộ cận nghèo ({can_ngheo}) lớn hơn tổng số khẩu "
     "({tong})"),
    ("cap-khong-con", "error", "Luật Tổ chức chính quyền địa phương 2025 (chính quyền hai cấp từ 01/7/2025)",
     "cấp huyện không còn từ ngày 01/7/2025 mà báo cáo ban hành năm {nam}; đơn vị cấp xã báo cáo "
     "trực tiếp tỉnh (ghi «cap: xa», «phuong», «dac_khu» hoặc «tinh»)"),
    ("dac-khu-truoc-2025", "error", "Luật Tổ chức chính quyền địa phương 2025",
     "đặc khu chỉ có từ ngày 01/7/2025 mà báo cáo ban hành năm {nam}"),
    ("cho-phe-duyet-khong-cap", "error", "QĐ 24/2021/QĐ-TTg (spec §2.2)",
     "«cho_phe_duyet» cần «cap» của đơn vị báo cáo (xã, huyện) để biết cấp nào phê duyệt tiếp; "
     "cấp tỉnh là cấp phê duyệt cuối: ghi «phe_duyet»"),
    ("khong-khop-bieu", "error", _TABLE,
     "ghi {ghi} nhưng tổng các đơn vị trong biểu tổng hợp là {tong}; sửa cho khớp, "
     "hoặc bỏ trường này để tính từ biểu"),
    ("phu-luc-khong-dan-chieu", "error", "NĐ 30/2020, Phụ lục I, Mục II.6; spec §6.10",
     "có biểu tổng hợp thì báo cáo phải dẫn chiếu tới phụ lục; bỏ «co_bieu_kem_theo: false»"),
    ("nam-sau-ngay-bao-cao", "error", _PROCEDURE,
     "năm rà soát {nam} sau năm ban hành báo cáo ({nam_ban_hanh})"),
    ("thoi-gian-sau-bao-cao", "error", _PROCEDURE,
     "rà soát bắt đầu ngày {tu_ngay}, sau ngày ban hành báo cáo"),
    ("bao-cao-truoc-ket-thuc", "warning", _PROCEDURE,
     "báo cáo {trang_thai} ban hành trước khi kết thúc rà soát ({den_ngay}); kiểm tra lại ngày "
     "hoặc ghi «trang_thai: so_bo»"),
])
"""Every finding of this type's rules (its model's own are in :data:`..model.RULES`)."""

_GROUPS = (("ho_ngheo", "hộ nghèo"), ("ho_can_ngheo", "hộ cận nghèo"))


def check_ra_soat_ho_ngheo(report: BaoCaoRaSoatHoNgheo, context: CheckContext) -> Iterator[Problem]:
    """Every rule of this report type."""
    tinh = compute(report)
    ket_qua = report.ket_qua
    over = [] if ket_qua.tong_so_ho is None else list(_within_total(
        (("ket_qua", "ho_ngheo", "so_ho"), ("ket_qua", "ho_can_ngheo", "so_ho")), "",
        ket_qua.ho_ngheo.so_ho, ket_qua.ho_can_ngheo.so_ho, ket_qua.tong_so_ho,
    ))
    yield from over
    for key, label in _GROUPS:
        yield from _group(
            getattr(ket_qua, key), getattr(tinh, key), ("ket_qua", key), label, ket_qua.tong_so_ho,
            impossible=bool(over),
        )
    yield from _targets_judgeable(report, tinh)
    yield from _persons(ket_qua.tong_so_khau, ket_qua.ho_ngheo, ket_qua.ho_can_ngheo)
    if tinh.bieu is not None:
        yield from _table(report, tinh, tinh.bieu)
    yield from _dates(report)
    yield from _level(report)


def _targets_judgeable(report: BaoCaoRaSoatHoNgheo, tinh: KetQuaTinh) -> Iterator[Problem]:
    """A target of this year whose achievement needs last year's figure that is missing."""
    chi_tieu = report.ket_qua.chi_tieu
    if chi_tieu is None:
        return
    for key, label in _GROUPS:
        nhom = key.removeprefix("ho_")
        chi_so: ChiSo = getattr(tinh, key)
        needs = (
            (f"giam_ho_{nhom}", f"giảm {label}", "số hộ", chi_so.tang_giam),
            (f"giam_ty_le_{nhom}", f"giảm tỷ lệ {label}", "tỷ lệ (hoặc tổng số hộ)", chi_so.nam_truoc_ty_le),
        )
        for field, what, missing, value in needs:
            if getattr(chi_tieu, field) is not None and value is None:
                yield RULES.problem(
                    "chi-tieu-thieu-nam-truoc", ("ket_qua", "chi_tieu", field), chi_tieu=what,
                    thieu=missing, nhom=key,
                )


def _persons(
    tong_so_khau: int | None, ngheo: NhomHo | NamTruoc, can_ngheo: NhomHo | NamTruoc,
    path: tuple[str | int, ...] = ("ket_qua",), don_vi: str = "",
) -> Iterator[Problem]:
    """Persons are at least the households; the classes' persons within the total."""
    for key, nhom in (("ho_ngheo", ngheo), ("ho_can_ngheo", can_ngheo)):
        yield from _at_least(nhom.so_khau, nhom.so_ho, (*path, key, "so_khau"), don_vi, _LABELS[key])
        previous = getattr(nhom, "nam_truoc", None)
        if isinstance(previous, NamTruoc):
            yield from _at_least(
                previous.so_khau, previous.so_ho, (*path, key, "nam_truoc", "so_khau"), don_vi,
                f"{_LABELS[key]} năm trước",
            )
    if tong_so_khau is not None and ngheo.so_khau is not None and can_ngheo.so_khau is not None:
        if ngheo.so_khau + can_ngheo.so_khau > tong_so_khau:
            yield RULES.problem(
                "khau-vuot-tong", (*path, "ho_can_ngheo", "so_khau"), don_vi=don_vi,
                ngheo=format_number(ngheo.so_khau), can_ngheo=format_number(can_ngheo.so_khau),
                tong=format_number(tong_so_khau),
            )


def _at_least(
    khau: int | None, ho: int, path: tuple[str | int, ...], don_vi: str, nhom: str
) -> Iterator[Problem]:
    if khau is not None and khau < ho:
        yield RULES.problem(
            "khau-it-hon-ho", path, don_vi=don_vi, nhom=nhom, khau=format_number(khau), ho=format_number(ho)
        )


_LABELS = dict(_GROUPS)


def _level(report: BaoCaoRaSoatHoNgheo) -> Iterator[Problem]:
    """The level exists on the report's date; a status that names the next level has one."""
    cap = report.cap
    if cap in ("huyen", "thi_xa", "thanh_pho") and earliest_issue_date_of(report.ngay) >= TWO_TIER:
        yield RULES.problem("cap-khong-con", ("cap",), nam=latest_issue_date(report).year)
    if cap == "dac_khu" and latest_issue_date(report) < TWO_TIER:
        yield RULES.problem("dac-khu-truoc-2025", ("cap",), nam=latest_issue_date(report).year)
    if report.trang_thai == "cho_phe_duyet" and (cap is None or cap_tren(cap, report.nam) is None):
        yield RULES.problem("cho-phe-duyet-khong-cap", ("trang_thai",))


TWO_TIER = date(2025, 7, 1)
"""The two-tier local government: districts end, special zones begin."""


def _within_total(
    paths: tuple[tuple[str | int, ...], tuple[str | int, ...]], don_vi: str, ngheo: int, can_ngheo: int,
    tong: int,
) -> Iterator[Problem]:
    """Poor plus near-poor within the total.  A class above the total alone is the one
    blamed (a typo in its count); otherwise the larger class, the sum named."""
    for path, so, nhom in ((paths[0], ngheo, "hộ nghèo"), (paths[1], can_ngheo, "hộ cận nghèo")):
        if so > tong:
            yield RULES.problem("nhom-vuot-tong-so-ho", path, don_vi=don_vi, nhom=nhom,
                                so=format_number(so), tong=format_number(tong))
            return
    if ngheo + can_ngheo > tong:
        yield RULES.problem(
            "vuot-tong-so-ho", paths[0] if ngheo > can_ngheo else paths[1], don_vi=don_vi,
            ngheo=format_number(ngheo), can_ngheo=format_number(can_ngheo), tong=format_number(tong),
        )


def _group(nhom: NhomHo, tinh: ChiSo, path: tuple[str, ...], label: str, total: int | None, *,
           impossible: bool = False) -> Iterator[Problem]:
    """``impossible``: the counts exceed the total (an error stands), so no warning about
    the rate's move is added to it.  Without the total, the stated rate is the published
    one (nothing to compare it with)."""
    if total is not None and nhom.ty_le is not None and abs(nhom.ty_le - tinh.ty_le) > RATE_TOLERANCE:
        yield RULES.problem(
            "ty-le-lech", (*path, "ty_le"), nhom=label, ghi=format_percent(nhom.ty_le),
            so_ho=format_number(nhom.so_ho), tong=format_number(total), tinh=format_percent(tinh.ty_le),
        )
    truoc = nhom.nam_truoc
    # (a change stated without last year's count is the published one: nothing to compare)
    if nhom.tang_giam is not None and truoc is not None and nhom.tang_giam != tinh.tang_giam:
        yield RULES.problem(
            "tang-giam-lech", (*path, "tang_giam"), nhom=label, ghi=nhom.tang_giam,
            so_ho=format_number(nhom.so_ho), truoc=format_number(truoc.so_ho), tinh=tinh.tang_giam,
        )
    if truoc is not None and truoc.tong_so_ho is not None and truoc.ty_le is not None:
        assert tinh.nam_truoc_ty_le_tinh is not None
        if abs(truoc.ty_le - tinh.nam_truoc_ty_le_tinh) > RATE_TOLERANCE:
            yield RULES.problem(
                "ty-le-lech", (*path, "nam_truoc", "ty_le"), nhom=f"{label} năm trước",
                ghi=format_percent(truoc.ty_le), so_ho=format_number(truoc.so_ho),
                tong=format_number(truoc.tong_so_ho), tinh=format_percent(tinh.nam_truoc_ty_le_tinh),
            )
    diem = tinh.bien_dong.diem if tinh.bien_dong is not None else None
    if diem is not None and diem > LARGE_MOVE and not impossible:
        assert tinh.nam_truoc_ty_le is not None
        rose = tinh.ty_le > tinh.nam_truoc_ty_le
        yield RULES.problem(
            "ty-le-bien-dong-lon", (*path, "so_ho"), nhom=label, diem=format_number(diem, decimals=2),
            chieu="tăng" if rose else "giảm", den="lên" if rose else "xuống",
            truoc=format_percent(tinh.nam_truoc_ty_le), nay=format_percent(tinh.ty_le),
        )
    if nhom.dien_bien is not None:
        yield from _movement(nhom, tinh, (*path, "dien_bien"), label)


def _movement(nhom: NhomHo, tinh: ChiSo, path: tuple[str, ...], label: str) -> Iterator[Problem]:
    dien_bien = nhom.dien_bien
    assert dien_bien is not None and tinh.cuoi_ky_tinh is not None
    if tinh.cuoi_ky_tinh != dien_bien.cuoi_ky:
        yield RULES.problem(
            "dien-bien-lech", (*path, "cuoi_ky"), nhom=label, tinh=format_number(tinh.cuoi_ky_tinh),
            ghi=format_number(dien_bien.cuoi_ky),
        )
    if dien_bien.cuoi_ky != nhom.so_ho:
        yield RULES.problem(
            "dien-bien-cuoi-ky", (*path, "cuoi_ky"), nhom=label, cuoi_ky=format_number(dien_bien.cuoi_ky),
            so_ho=format_number(nhom.so_ho),
        )
    if nhom.nam_truoc is not None and dien_bien.dau_ky != nhom.nam_truoc.so_ho:
        yield RULES.problem(
            "dien-bien-dau-ky", (*path, "dau_ky"), nhom=label, dau_ky=format_number(dien_bien.dau_ky),
            truoc=format_number(nhom.nam_truoc.so_ho),
        )


def _table(report: BaoCaoRaSoatHoNgheo, tinh: KetQuaTinh, bieu: BieuTinh) -> Iterator[Problem]:
    """Each unit within its total; section III's counts are the table's totals."""
    assert report.bieu_tong_hop is not None
    yield from check_rows(report.bieu_tong_hop.dong, ("bieu_tong_hop", "dong"))
    ket_qua, sums = report.ket_qua, bieu.tong.so
    stated: list[tuple[tuple[str | int, ...], int | None, int | None]] = [
        (("ket_qua", "tong_so_ho"), ket_qua.tong_so_ho, sums.tong_so_ho),
        (("ket_qua", "ho_ngheo", "so_ho"), ket_qua.ho_ngheo.so_ho, sums.ho_ngheo),
        (("ket_qua", "ho_can_ngheo", "so_ho"), ket_qua.ho_can_ngheo.so_ho, sums.ho_can_ngheo),
        (("ket_qua", "ho_ngheo", "nam_truoc", "so_ho"), tinh.ho_ngheo.nam_truoc_so_ho,
         sums.nam_truoc_ho_ngheo),
        (("ket_qua", "ho_can_ngheo", "nam_truoc", "so_ho"), tinh.ho_can_ngheo.nam_truoc_so_ho,
         sums.nam_truoc_ho_can_ngheo),
        (("ket_qua", "tong_so_khau"), ket_qua.tong_so_khau, sums.so_khau),
        (("ket_qua", "ho_ngheo", "so_khau"), tinh.ho_ngheo.so_khau, sums.khau_ngheo),
        (("ket_qua", "ho_can_ngheo", "so_khau"), tinh.ho_can_ngheo.so_khau, sums.khau_can_ngheo),
        (("ket_qua", "ho_ngheo", "nam_truoc", "so_khau"), tinh.ho_ngheo.nam_truoc_so_khau,
         sums.nam_truoc_khau_ngheo),
        (("ket_qua", "ho_can_ngheo", "nam_truoc", "so_khau"), tinh.ho_can_ngheo.nam_truoc_so_khau,
         sums.nam_truoc_khau_can_ngheo),
    ]
    for path, given, total in stated:
        if given is not None and total is not None and given != total:
            yield RULES.problem("khong-khop-bieu", path, ghi=format_number(given), tong=format_number(total))
    if not ket_qua.co_bieu_kem_theo:
        yield RULES.problem("phu-luc-khong-dan-chieu", ("ket_qua", "co_bieu_kem_theo"))


def check_rows(rows: list[DongDonVi], where_rows: tuple[str | int, ...]) -> Iterator[Problem]:
    """Each row of a summary table within its own total (households, persons), at
    ``where_rows + (index, field)`` — the report's table, or a sheet of a roll-up."""
    for index, dong in enumerate(rows):
        where: tuple[str | int, ...] = (*where_rows, index)
        yield from _within_total(((*where, "ho_ngheo"), (*where, "ho_can_ngheo")), f"«{dong.ten}»: ",
                                 dong.ho_ngheo, dong.ho_can_ngheo, dong.tong_so_ho)
        for count, persons, field, label in (
            (dong.ho_ngheo, dong.khau_ngheo, "khau_ngheo", "hộ nghèo"),
            (dong.ho_can_ngheo, dong.khau_can_ngheo, "khau_can_ngheo", "hộ cận nghèo"),
        ):
            yield from _at_least(persons, count, (*where, field), f"«{dong.ten}»: ", label)
        if dong.so_khau is not None and dong.khau_ngheo is not None and dong.khau_can_ngheo is not None:
            if dong.khau_ngheo + dong.khau_can_ngheo > dong.so_khau:
                yield RULES.problem(
                    "khau-vuot-tong", (*where, "khau_can_ngheo"), don_vi=f"«{dong.ten}»: ",
                    ngheo=format_number(dong.khau_ngheo), can_ngheo=format_number(dong.khau_can_ngheo),
                    tong=format_number(dong.so_khau),
                )


def _dates(report: BaoCaoRaSoatHoNgheo) -> Iterator[Problem]:
    thoi_gian = report.trien_khai.thoi_gian if report.trien_khai is not None else None
    issued_latest = latest_issue_date(report)
    if issued_latest.year < report.nam:
        yield RULES.problem("nam-sau-ngay-bao-cao", ("nam",), nam=report.nam, nam_ban_hanh=issued_latest.year)
    if thoi_gian is None:
        return
    if thoi_gian.tu_ngay > issued_latest:
        yield RULES.problem(
            "thoi-gian-sau-bao-cao", ("trien_khai", "thoi_gian", "tu_ngay"),
            tu_ngay=format_date(thoi_gian.tu_ngay, style="short"),
        )
    elif report.trang_thai != "so_bo" and earliest_issue_date_of(report.ngay) < thoi_gian.den_ngay:
        # A preliminary report is sent while the review is still open (as the seed is);
        # an official one normally is not.
        yield RULES.problem(
            "bao-cao-truoc-ket-thuc", ("ngay",), trang_thai=_STATUS.get(report.trang_thai, ""),
            den_ngay=format_date(thoi_gian.den_ngay, style="short"),
        )


_STATUS = {
    "so_bo": "sơ bộ", "chinh_thuc": "chính thức", "phe_duyet": "đã phê duyệt",
    "cho_phe_duyet": "chờ phê duyệt", "phuc_tra": "sau phúc tra",
}
