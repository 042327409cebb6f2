"""The template variables ``ra-soat-ho-ngheo`` adds to its model's fields: the derived
figures, and the sentences they make — worded by the direction of each change (fall,
rise, unchanged, no previous year), by the unit's level (``cap``), by the status —
with the section and item numbers of the sections the report has."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict

from baocao.engine import trich_dan
from baocao.formatting import format_date, format_number, format_percent, to_roman
from baocao.loai.ra_soat_ho_ngheo.bieu_tong_hop import Bieu, bieu_context
from baocao.loai.ra_soat_ho_ngheo.figures import ChiSo, DanhGiaChiTieu, KetQuaTinh, MucTieu, compute
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo, cap_tren, don_vi_ra_soat, ten_cap

# --- the sentences -----------------------------------------------------------------------------


def ho(so_ho: int, so_khau: int | None) -> str:
    """Households, with their persons when known.

    >>> ho(242, None), ho(2468, 10351)
    ('242 hộ', '2.468 hộ với 10.351 khẩu')
    """
    return f"{format_number(so_ho)} hộ" + ("" if so_khau is None else f" với {format_number(so_khau)} khẩu")


def _phan_tram(value: Decimal) -> str:
    """A rate as the report prints it: with its own decimals — two when computed, as
    published when typed.

    >>> _phan_tram(Decimal("1.97")), _phan_tram(Decimal("2.5")), _phan_tram(Decimal("43.16"))
    ('1,97%', '2,5%', '43,16%')
    """
    return format_percent(value, decimals=None)


def dong_nhom(nhan: str, chi_so: ChiSo, nam_truoc: int) -> str:
    """The line of item 1 for one class of households.

    >>> from decimal import Decimal
    >>> from baocao.loai.ra_soat_ho_ngheo.figures import BienDong
    >>> dong_nhom("hộ nghèo", ChiSo(242, Decimal("1.97"), 285, Decimal("2.33"),
    ...           BienDong("giảm", 43, Decimal("0.36"))), 2022)
    '- Tổng số hộ nghèo: 242 hộ, tỷ lệ 1,97%, giảm 43 hộ (0,36%) so với năm 2022.'
    >>> dong_nhom("hộ cận nghèo", ChiSo(159, Decimal("2.78"), None, None, None, so_khau=741), 2023)
    '- Tổng số hộ cận nghèo: 159 hộ với 741 khẩu, tỷ lệ 2,78%.'
    """
    line = f"- Tổng số {nhan}: {ho(chi_so.so_ho, chi_so.so_khau)}, tỷ lệ {_phan_tram(chi_so.ty_le)}"
    if chi_so.bien_dong is not None:
        line += f", {chi_so.bien_dong.cum_tu} so với năm {nam_truoc}"
    return line + "."


def dong_da_chieu(chi_so: ChiSo) -> str:
    """The combined line, labelled as real reports label it (never "the poor rate").

    >>> from decimal import Decimal
    >>> print(dong_da_chieu(ChiSo(18221, Decimal("9.12"), None, None, None)))
    - Tổng số hộ nghèo và hộ cận nghèo: 18.221 hộ; tỷ lệ nghèo đa chiều (gồm tỷ lệ hộ nghèo và hộ cận
    nghèo): 9,12%.
    """
    return (
        f"- Tổng số hộ nghèo và hộ cận nghèo: {ho(chi_so.so_ho, chi_so.so_khau)}; tỷ lệ nghèo đa chiều "
        f"(gồm tỷ lệ hộ nghèo và hộ cận nghèo): {_phan_tram(chi_so.ty_le)}."
    )


@dataclass(frozen=True)
class NhanXet:
    """A remark sentence: its text, then (with a target) the verdict and the target in
    italics, printed "<cau> <danh_gia> so với chỉ tiêu <nguon> (<ke_hoach>)."."""

    cau: str
    chi_tieu: DanhGiaChiTieu | None

    @property
    def noi(self) -> str:
        """Before the verdict: a space after "… tỷ lệ 1,97%" (the seed's form), a comma after
        a sentence with parts of its own."""
        return " " if self.cau.startswith("Kết quả tỷ lệ") else ", "


def cau_nhan_xet(nhan: str, dia_ban: str, chi_so: ChiSo, nam: int) -> str | None:
    """The remark on one class against last year: counts (and persons when both years
    have them) and rates on both sides; None without last year.

    >>> from decimal import Decimal as D
    >>> from baocao.loai.ra_soat_ho_ngheo.figures import BienDong
    >>> cau_nhan_xet("hộ nghèo", "xã A", ChiSo(242, D("1.97"), 285, D("2.33"),
    ...              BienDong("giảm", 43, D("0.36"))), 2023)
    'Kết quả tỷ lệ hộ nghèo của xã A giảm từ 285 hộ, tỷ lệ 2,33% xuống còn 242 hộ, tỷ lệ 1,97%'
    >>> cau_nhan_xet("hộ cận nghèo", "xã A", ChiSo(121, D("0.98"), 114, None,
    ...              BienDong("tăng", 7, None)), 2023)  # doctest: +NORMALIZE_WHITESPACE
    'Số hộ cận nghèo của xã A tăng từ 114 hộ (năm 2022) lên 121 hộ (năm 2023);
     tỷ lệ hộ cận nghèo năm 2023 là 0,98%'
    """
    if chi_so.bien_dong is None or chi_so.nam_truoc_so_ho is None:
        return None
    huong = chi_so.bien_dong.huong
    both_persons = chi_so.so_khau is not None and chi_so.nam_truoc_so_khau is not None
    truoc = ho(chi_so.nam_truoc_so_ho, chi_so.nam_truoc_so_khau if both_persons else None)
    nay = ho(chi_so.so_ho, chi_so.so_khau if both_persons else None)
    rate, last_rate = _phan_tram(chi_so.ty_le), chi_so.nam_truoc_ty_le
    if huong == "không thay đổi":
        head = f"Số {nhan} của {dia_ban} không thay đổi so với năm {nam - 1} ({nay})"
        if last_rate is None:
            return f"{head}; tỷ lệ {nhan} năm {nam} là {rate}"
        if last_rate == chi_so.ty_le:
            return f"{head}; tỷ lệ {nhan} giữ nguyên {rate}"
        move = "giảm từ {} xuống còn {}" if chi_so.ty_le < last_rate else "tăng từ {} lên {}"
        return f"{head}; tỷ lệ {nhan} " + move.format(_phan_tram(last_rate), rate)
    to = "xuống còn" if huong == "giảm" else "lên"
    if last_rate is None:
        return (
            f"Số {nhan} của {dia_ban} {huong} từ {truoc} (năm {nam - 1}) {to} {nay} (năm {nam}); "
            f"tỷ lệ {nhan} năm {nam} là {rate}"
        )
    return (
        f"Kết quả tỷ lệ {nhan} của {dia_ban} {huong} từ {truoc}, tỷ lệ {_phan_tram(last_rate)} "
        f"{to} {nay}, tỷ lệ {rate}"
    )


def nhan_xet(
    nhan: str, dia_ban: str, chi_so: ChiSo, nam: int, chi_tieu: DanhGiaChiTieu | None
) -> NhanXet | None:
    """The remark with its verdict; a rate to reach is judged even without last year."""
    cau = cau_nhan_xet(nhan, dia_ban, chi_so, nam)
    if cau is None and chi_tieu is not None:
        cau = f"Tỷ lệ {nhan} của {dia_ban} năm {nam} là {_phan_tram(chi_so.ty_le)}"
    return None if cau is None else NhanXet(cau, chi_tieu)


def chi_tieu_nam_sau(nhan: str, muc_tieu: list[MucTieu] | None) -> str | None:
    """Next year's targets of one class, as a line (no verdict).

    >>> from decimal import Decimal
    >>> chi_tieu_nam_sau("Hộ nghèo", [MucTieu("giam_ho", 30), MucTieu("ty_le", Decimal("1.8"))])
    '- Hộ nghèo: giảm 30 hộ; giảm tỷ lệ xuống còn 1,80%.'
    """
    if not muc_tieu:
        return None
    return f"- {nhan}: " + "; ".join(m.cum_tu for m in muc_tieu) + "."


_STATUS_ADJECTIVE = {"so_bo": "sơ bộ", "phuc_tra": "sau phúc tra"}
"""The word after "kết quả" in the closing line and the table's title, by status."""


def tinh_trang(report: BaoCaoRaSoatHoNgheo) -> str:
    """" sơ bộ", " sau phúc tra" or "": what the closing line says of the figures."""
    word = _STATUS_ADJECTIVE.get(report.trang_thai)
    return f" {word}" if word else ""


_STATUS_HEAD = {"so_bo": "sơ bộ", "phuc_tra": "phúc tra"}
"""The word of the results' opening sentence, "Kết quả sơ bộ rà soát …", by status."""


def gioi_thieu(report: BaoCaoRaSoatHoNgheo) -> str | None:
    """The sentence opening the results: the status, the standard applied, the date the
    figures stand at.  A preliminary (or re-checked) result says so here, as real ones
    do ("Kết quả sơ bộ rà soát …"), unless the title already says it and nothing else
    is to be said (the seed: "Kết quả sơ bộ …" in its title, no sentence); None when
    there is nothing to say."""
    parts: list[str] = []
    chuan = report.chuan_ngheo
    if chuan is not None:
        if chuan.loai == "quoc_gia":
            act = (
                trich_dan_ngan(chuan.van_ban) if chuan.van_ban is not None
                else "Nghị định số 07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ"
            )
            parts.append(f"theo chuẩn nghèo đa chiều giai đoạn {chuan.giai_doan} quy định tại {act}")
        else:
            assert chuan.van_ban is not None
            where = f" của {chuan.ten_dia_phuong}" if chuan.ten_dia_phuong else " của địa phương"
            parts.append(
                f"theo chuẩn nghèo đa chiều{where} giai đoạn {chuan.giai_doan} quy định tại "
                f"{trich_dan_ngan(chuan.van_ban)}"
            )
    status = _status_clause(report)
    if status:
        parts.append(status)
    word = _STATUS_HEAD.get(report.trang_thai)
    as_of = report.so_lieu_den_ngay
    title = unicodedata.normalize("NFC", report.trich_yeu).casefold()
    if not parts and as_of is None and (word is None or word in title):
        return None
    head = f"Kết quả {word} rà soát" if word else "Kết quả rà soát"
    text = f"{head} hộ nghèo, hộ cận nghèo năm {report.nam}"
    if parts:
        text += " " + ", ".join(parts)
    else:
        text += f" trên địa bàn {report.dia_ban}"
    if as_of is not None:
        text += f", số liệu tính đến ngày {format_date(as_of, style='short')}"
    return text + "."


def _status_clause(report: BaoCaoRaSoatHoNgheo) -> str | None:
    decision = report.quyet_dinh_phe_duyet
    at = f" tại {trich_dan_ngan(decision)}" if decision is not None else ""
    if report.trang_thai == "phe_duyet":
        return f"đã được phê duyệt{at}"
    if report.trang_thai == "phuc_tra" and decision is not None:
        return f"đã được phê duyệt{at}"  # the sentence opens "Kết quả phúc tra rà soát …"
    if report.trang_thai == "cho_phe_duyet" and report.cap is not None:
        upper = cap_tren(report.cap, report.nam)
        if upper is not None:
            return f"đã được cấp {ten_cap(report.cap)} phê duyệt{at}, đang chờ cấp {upper} phê duyệt"
    return None


def trich_dan_ngan(van_ban: object) -> str:
    """A cited act without its subject: "Quyết định số 83/QĐ-UBND ngày 15/01/2026 của UBND tỉnh"."""
    full = trich_dan(van_ban)  # type: ignore[arg-type]
    subject = getattr(van_ban, "trich_yeu", "")
    return full[: -len(subject)].rstrip() if subject and full.endswith(subject) else full


# --- numbering of the sections the report has -------------------------------------------------


def danh_so(present: list[str]) -> dict[str, str]:
    """Item numbers "1. ", "2. " for the items present, in order; a lone item is not
    numbered (a "1." without a "2." is not an enumeration).

    >>> danh_so(["a", "b"]), danh_so(["b"]), danh_so([])
    ({'a': '1. ', 'b': '2. '}, {'b': ''}, {})
    """
    if len(present) == 1:
        return {present[0]: ""}
    return {key: f"{i}. " for i, key in enumerate(present, start=1)}


@dataclass(frozen=True)
class Muc:
    """Numbers of the sections and items present (a key absent: not printed)."""

    muc: dict[str, str]
    """Section key → "I. ", "II. " … or "" (a lone section)."""
    khoan: dict[str, str]
    """Item key → "1. ", "2. " or "" (a lone item)."""
    bo: dict[str, bool]
    """Every section and item key (and ``tong_so_ho``, the line of the total households)
    → True when it is left out.  The template asks
    "not left out" (not "present"), so the blank sample of ``check --mau``, where
    every value is false, prints every heading — and checks each."""


class NguCanh(TypedDict):
    """What the hook adds: the derived figures, the sentences, the numbering, the
    closing line, the summary table."""

    tinh: KetQuaTinh
    cau_ket: str
    bieu: Bieu | None
    so: Muc
    gioi_thieu: str | None
    tieu_de_ket_qua: str
    dong_ket_qua: list[str]
    nhan_xet_tinh: list[NhanXet]
    nam_sau: list[str]
    don_vi_ra_soat: str


def _numbering(report: BaoCaoRaSoatHoNgheo, remarks: bool, next_year: bool) -> Muc:
    lanh_dao, trien_khai, danh_gia = report.lanh_dao_chi_dao, report.trien_khai, report.danh_gia
    sections = [
        key for key, given in (
            ("lanh_dao_chi_dao", lanh_dao is not None and (
                bool(lanh_dao.noi_dung) or bool(lanh_dao.van_ban_ban_hanh) or bool(lanh_dao.dan_nhap_van_ban)
            )),
            ("trien_khai", trien_khai is not None and (
                bool(trien_khai.chuan_bi) or trien_khai.pham_vi is not None
                or trien_khai.thoi_gian is not None or bool(trien_khai.kiem_tra_giam_sat)
            )),
            ("ket_qua", True),
            ("danh_gia", danh_gia is not None and (bool(danh_gia.thuan_loi) or bool(danh_gia.han_che))),
            ("de_xuat", bool(report.de_xuat)),
        ) if given
    ]
    items: dict[str, str] = {}
    if trien_khai is not None:
        items |= danh_so([key for key, given in (
            ("chuan_bi", bool(trien_khai.chuan_bi)),
            ("thuc_hien", trien_khai.pham_vi is not None or trien_khai.thoi_gian is not None
             or bool(trien_khai.kiem_tra_giam_sat)),
        ) if given])
    items |= danh_so([key for key, given in (
        ("ket_qua", True), ("nhan_xet", remarks), ("nam_sau", next_year)
    ) if given])
    if danh_gia is not None:
        items |= danh_so([key for key, given in (
            ("thuan_loi", bool(danh_gia.thuan_loi)), ("han_che", bool(danh_gia.han_che))
        ) if given])
    numbers = {key: f"{to_roman(i)}. " for i, key in enumerate(sections, start=1)}
    muc = {sections[0]: ""} if len(sections) == 1 else numbers
    keys = ("lanh_dao_chi_dao", "trien_khai", "ket_qua", "danh_gia", "de_xuat", "chuan_bi", "thuc_hien",
            "nhan_xet", "nam_sau", "thuan_loi", "han_che")
    bo = {key: key not in muc and key not in items for key in keys}
    bo["tong_so_ho"] = report.ket_qua.tong_so_ho is None  # a published result without its total
    return Muc(muc, items, bo)


def context(report: BaoCaoRaSoatHoNgheo) -> NguCanh:
    """The template variables this type adds to the model's fields."""
    ket_luan = report.ket_luan or (
        f"Trên đây là báo cáo kết quả{tinh_trang(report)} công tác điều tra, "
        f"rà soát hộ nghèo, hộ cận nghèo năm {report.nam} của {report.co_quan.ten_goi_tat}./."
    )
    tinh = compute(report)
    ket_qua = report.ket_qua
    lines = [
        dong_nhom("hộ nghèo", tinh.ho_ngheo, tinh.nam_truoc),
        dong_nhom("hộ cận nghèo", tinh.ho_can_ngheo, tinh.nam_truoc),
    ]
    if ket_qua.in_ngheo_da_chieu and tinh.ngheo_da_chieu is not None:
        lines.append(dong_da_chieu(tinh.ngheo_da_chieu))
    remarks = [nhan_xet("hộ nghèo", report.dia_ban, tinh.ho_ngheo, report.nam, tinh.chi_tieu)]
    if ket_qua.nhan_xet_can_ngheo or tinh.chi_tieu_can_ngheo is not None:
        remarks.append(
            nhan_xet("hộ cận nghèo", report.dia_ban, tinh.ho_can_ngheo, report.nam, tinh.chi_tieu_can_ngheo)
        )
    given = [r for r in remarks if r is not None]
    next_year = [
        line for line in (
            chi_tieu_nam_sau("Hộ nghèo", tinh.nam_sau_ngheo),
            chi_tieu_nam_sau("Hộ cận nghèo", tinh.nam_sau_can_ngheo),
        ) if line is not None
    ]
    fell = tinh.ho_ngheo.bien_dong is not None and tinh.ho_ngheo.bien_dong.huong == "giảm"
    pham_vi = report.trien_khai.pham_vi if report.trien_khai is not None else None
    return {
        "tinh": tinh,
        "cau_ket": ket_luan,
        "bieu": bieu_context(report, tinh),
        "so": _numbering(report, bool(given) or bool(ket_qua.nhan_xet), bool(next_year)),
        "gioi_thieu": gioi_thieu(report),
        "tieu_de_ket_qua": f"Kết quả {'giảm tỷ lệ' if fell else 'rà soát'} hộ nghèo, hộ cận nghèo:",
        "dong_ket_qua": lines,
        "nhan_xet_tinh": given,
        "nam_sau": next_year,
        "don_vi_ra_soat": (
            pham_vi.ten_don_vi if pham_vi is not None and pham_vi.ten_don_vi
            else don_vi_ra_soat(report.cap, report.nam)
        ),
    }
