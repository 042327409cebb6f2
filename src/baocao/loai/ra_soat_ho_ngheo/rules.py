"""Consistency rules of the review report (../shared/spec/ra-soat-ho-ngheo.md §5)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from baocao.consistency import CheckContext, Problem
from baocao.formatting import format_date, format_number, format_percent, rate
from baocao.frame.rules import earliest_issue_date_of, latest_issue_date
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo, NhomHo

RATE_TOLERANCE = Decimal("0.01")
"""A stated rate may differ from count ÷ total by this many points (rounding)."""

LARGE_MOVE = Decimal("3")
"""A rate moving by more than this many points in a year is worth a second look."""

_GROUPS = (("ho_ngheo", "hộ nghèo"), ("ho_can_ngheo", "hộ cận nghèo"))


def check_ra_soat_ho_ngheo(report: BaoCaoRaSoatHoNgheo, context: CheckContext) -> Iterator[Problem]:
    """Every rule of this report type."""
    ket_qua = report.ket_qua
    total = ket_qua.tong_so_ho
    if ket_qua.ho_ngheo.so_ho + ket_qua.ho_can_ngheo.so_ho > total:
        yield Problem(
            ("ket_qua", "ho_can_ngheo", "so_ho"),
            "vuot-tong-so-ho",
            f"hộ nghèo ({format_number(ket_qua.ho_ngheo.so_ho)}) cộng hộ cận nghèo "
            f"({format_number(ket_qua.ho_can_ngheo.so_ho)}) lớn hơn tổng số hộ "
            f"({format_number(total)})",
        )
    for key, label in _GROUPS:
        yield from _group(getattr(ket_qua, key), ("ket_qua", key), label, total)
    if ket_qua.chi_tieu is not None and ket_qua.ho_ngheo.nam_truoc is None:
        yield Problem(
            ("ket_qua", "chi_tieu"),
            "chi-tieu-thieu-nam-truoc",
            "có chỉ tiêu giảm hộ nghèo nhưng thiếu số hộ nghèo năm trước "
            "(«ket_qua.ho_ngheo.nam_truoc.so_ho») để đánh giá",
        )
    yield from _dates(report)


def _group(nhom: NhomHo, path: tuple[str, ...], label: str, total: int) -> Iterator[Problem]:
    computed = rate(nhom.so_ho, total)
    if nhom.ty_le is not None and abs(nhom.ty_le - computed) > RATE_TOLERANCE:
        yield Problem(
            (*path, "ty_le"),
            "ty-le-lech",
            f"tỷ lệ {label} ghi {format_percent(nhom.ty_le)} nhưng {format_number(nhom.so_ho)} / "
            f"{format_number(total)} hộ = {format_percent(computed)}; bỏ dòng tỷ lệ để tính tự động "
            "hoặc sửa số hộ",
        )
    truoc = nhom.nam_truoc
    if nhom.tang_giam is not None:
        if truoc is None:
            yield Problem(
                (*path, "tang_giam"),
                "thieu-nam-truoc",
                f"có số tăng/giảm {label} nhưng thiếu số hộ năm trước («nam_truoc.so_ho»)",
            )
        elif nhom.tang_giam != nhom.so_ho - truoc.so_ho:
            yield Problem(
                (*path, "tang_giam"),
                "tang-giam-lech",
                f"số tăng/giảm {label} ghi {nhom.tang_giam:+d} nhưng {format_number(nhom.so_ho)} − "
                f"{format_number(truoc.so_ho)} = {nhom.so_ho - truoc.so_ho:+d}",
            )
    previous_rate = None
    if truoc is not None:
        previous_rate = truoc.ty_le
        if truoc.tong_so_ho is not None:
            computed_before = rate(truoc.so_ho, truoc.tong_so_ho)
            if truoc.ty_le is not None and abs(truoc.ty_le - computed_before) > RATE_TOLERANCE:
                yield Problem(
                    (*path, "nam_truoc", "ty_le"),
                    "ty-le-lech",
                    f"tỷ lệ {label} năm trước ghi {format_percent(truoc.ty_le)} nhưng "
                    f"{format_number(truoc.so_ho)} / {format_number(truoc.tong_so_ho)} hộ = "
                    f"{format_percent(computed_before)}",
                )
            previous_rate = computed_before
    if previous_rate is not None and abs(previous_rate - computed) > LARGE_MOVE:
        yield Problem(
            (*path, "so_ho"),
            "ty-le-bien-dong-lon",
            f"tỷ lệ {label} thay đổi {format_percent(abs(previous_rate - computed))} điểm trong một năm "
            f"(từ {format_percent(previous_rate)} đến {format_percent(computed)}); kiểm tra lại số liệu",
            "warning",
        )
    if nhom.dien_bien is not None:
        yield from _movement(nhom, (*path, "dien_bien"), label)


def _movement(nhom: NhomHo, path: tuple[str, ...], label: str) -> Iterator[Problem]:
    dien_bien = nhom.dien_bien
    assert dien_bien is not None
    if dien_bien.cuoi_ky_tinh() != dien_bien.cuoi_ky:
        yield Problem(
            (*path, "cuoi_ky"),
            "dien-bien-lech",
            f"diễn biến {label}: đầu kỳ − giảm + tăng = {format_number(dien_bien.cuoi_ky_tinh())}, "
            f"nhưng cuối kỳ ghi {format_number(dien_bien.cuoi_ky)}",
        )
    if dien_bien.cuoi_ky != nhom.so_ho:
        yield Problem(
            (*path, "cuoi_ky"),
            "dien-bien-cuoi-ky",
            f"số {label} cuối kỳ ({format_number(dien_bien.cuoi_ky)}) khác số {label} năm nay "
            f"({format_number(nhom.so_ho)})",
        )
    if nhom.nam_truoc is not None and dien_bien.dau_ky != nhom.nam_truoc.so_ho:
        yield Problem(
            (*path, "dau_ky"),
            "dien-bien-dau-ky",
            f"số {label} đầu kỳ ({format_number(dien_bien.dau_ky)}) khác số năm trước "
            f"({format_number(nhom.nam_truoc.so_ho)})",
        )


def _dates(report: BaoCaoRaSoatHoNgheo) -> Iterator[Problem]:
    thoi_gian = report.trien_khai.thoi_gian
    issued_latest = latest_issue_date(report)
    if issued_latest.year < report.nam:
        yield Problem(
            ("nam",),
            "nam-sau-ngay-bao-cao",
            f"năm rà soát {report.nam} sau năm ban hành báo cáo ({issued_latest.year})",
        )
    if thoi_gian.tu_ngay > issued_latest:
        yield Problem(
            ("trien_khai", "thoi_gian", "tu_ngay"),
            "thoi-gian-sau-bao-cao",
            f"rà soát bắt đầu ngày {format_date(thoi_gian.tu_ngay, style='short')}, sau ngày ban hành "
            "báo cáo",
        )
    elif report.trang_thai != "so_bo" and earliest_issue_date_of(report.ngay) < thoi_gian.den_ngay:
        # A preliminary report is sent while the review is still open (as the seed is);
        # an official one normally is not.
        yield Problem(
            ("ngay",),
            "bao-cao-truoc-ket-thuc",
            f"báo cáo {_STATUS[report.trang_thai]} ban hành trước khi kết thúc rà soát "
            f"({format_date(thoi_gian.den_ngay, style='short')}); kiểm tra lại ngày hoặc "
            "ghi «trang_thai: so_bo»",
            "warning",
        )


_STATUS = {"so_bo": "sơ bộ", "chinh_thuc": "chính thức", "phuc_tra": "sau phúc tra"}
