"""The values the official frame prints, computed from the shared blocks.

Templates read them under one key, ``khung``; every report type gets them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx.shared import Length

from baocao import nd30
from baocao.body.model import Bang, Khoi, PhuLuc, walk
from baocao.body.render import needs_landscape
from baocao.formatting import format_date, format_place_date, to_roman, upper_vi
from baocao.frame.model import VanBanHanhChinh
from baocao.text_metrics import text_width

AGENCY_LINE_WIDTH = nd30.HEADER_COLUMNS[0].twips - 2 * nd30.CELL_MARGIN.twips
"""The widest the agency line can be: the header's left column less cell margins."""
DATE_LINE_WIDTH = nd30.HEADER_COLUMNS[1].twips - 2 * nd30.CELL_MARGIN.twips
"""The width the place and date line has at the frame's size: the header's right column
less cell margins (at the smaller size it may use the margins too)."""

BLANK_NUMBER = " " * 8
"""What a draft prints where the number will be written: "Số:        /BC-UBND" — room for
four digits at 13 pt (a space is half a digit wide): a city's People's Committee issues
numbers such as «2628/QĐ-UBND» (measured on the PDF: tests/test_pdf_room.py)."""


@dataclass(frozen=True)
class Khung:
    """The frame's lines, formatted and cased as the decree prints them."""

    chu_quan: str | None
    co_quan: list[str]
    so_ky_hieu: str
    dia_danh_ngay: str
    ten_loai: str
    trich_yeu: str
    noi_nhan_ghi_chu: str | None
    noi_nhan: list[str]
    """The recipients without their final «;» or «.» (what templates made before
    ``dong_noi_nhan`` print as «- {{ noi }};»)."""
    luu: str
    """What follows «- Lưu: », without the final «.» the template prints."""
    chuc_vu: list[str]
    ho_ten: str
    kem_theo: str
    """The line under an appendix's title: "(Kèm theo Báo cáo số …/BC-UBND ngày … của …)"."""
    gach_co_quan: int
    """Which of the frame's agency rules to print (its length in twips)."""
    gach_trich_yeu: int
    """Which of the frame's trích yếu rules to print (its length in twips)."""
    co_dia_danh: int = 14
    """The size (pt) of the place and date line: the frame's, or the decree's smaller one
    when the line would not fit on one line (see :func:`place_date_size`)."""
    kinh_gui: list[str] = field(default_factory=list)
    """«Kính gửi:» recipients (ô 9a); empty for documents without one."""
    dong_noi_nhan: list[str] = field(default_factory=list)
    """The recipient lines as printed: «- Như trên;» (see :func:`dong_noi_nhan`)."""
    sau_luu: list[str] = field(default_factory=list)
    """The lines under «- Lưu: …», as written («09 KH»)."""
    phu_luc: list[PhuLucIn] = field(default_factory=list)
    """The appendices of the data (``phu_luc``), as filter ``phu_luc`` prints them."""


@dataclass(frozen=True)
class PhuLucIn:
    """One appendix as printed: its label, title, "(Kèm theo …)" line, orientation, blocks."""

    nhan: str
    """"PHỤ LỤC" when there is one, "PHỤ LỤC I", "PHỤ LỤC II" … when several."""
    ten: str
    kem_theo: str
    ngang: bool
    noi_dung: list[Khoi]


def appendices(document: VanBanHanhChinh, computed: Sequence[PhuLuc] = ()) -> list[PhuLucIn]:
    """The appendices of ``document``: those its type ``computed`` from the data (the
    poverty report's summary table), then its own ``phu_luc``; numbered together when
    several (unless labelled), the "(Kèm theo …)" line as given or in the decree's form,
    landscape when asked or when a table is wide."""
    found = [*computed, *document.phu_luc]
    out = []
    for number, item in enumerate(found, start=1):
        tables = [b.bang for b in walk(item.noi_dung) if isinstance(b, Bang)]
        out.append(PhuLucIn(
            nhan=item.nhan or ("PHỤ LỤC" if len(found) == 1 else f"PHỤ LỤC {to_roman(number)}"),
            ten=item.ten,
            kem_theo=item.kem_theo or format_kem_theo(document),
            ngang=item.ngang if item.ngang is not None else needs_landscape(tables),
            noi_dung=list(item.noi_dung),
        ))
    return out


def rule_length(line_width: float, lengths: tuple[Length, ...]) -> int:
    """Which of the drawable ``lengths`` is nearest :data:`baocao.nd30.FRAME_RULE_SHARE`
    of a line ``line_width`` twips long (the rules are 1/3 to 1/2 of their line: Phụ lục
    I, Mục II.2.b, II.5.b); in twips.

    >>> rule_length(2838, nd30.RULE_CO_QUAN_LENGTHS)  # «THÀNH PHỐ BẮC KẠN», 13 pt bold
    1100
    >>> rule_length(nd30.TEXT_WIDTH.twips, nd30.RULE_TRICH_YEU_LENGTHS)  # a trích yếu that wraps
    3500
    """
    target = nd30.FRAME_RULE_SHARE * line_width
    return min((int(length.twips) for length in lengths), key=lambda length: abs(length - target))


def format_so_ky_hieu(so: int | None, ky_hieu: str) -> str:
    """The "Số:" line: numbers below 10 take a leading zero; a draft leaves a blank.

    >>> format_so_ky_hieu(5, "BC-UBND")
    'Số: 05/BC-UBND'
    >>> format_so_ky_hieu(None, "BC-UBND")
    'Số:      /BC-UBND'
    """
    number = BLANK_NUMBER if so is None else f" {so:02d}"
    return f"Số:{number}/{ky_hieu}"


def format_kem_theo(document: VanBanHanhChinh) -> str:
    """The "(Kèm theo …)" line of an appendix: the report's number and date, blank
    where a draft leaves them blank (nd30.md §3, §8).

    >>> from baocao.frame.model import CoQuan, NgayBanHanh, NguoiKy, NoiNhan
    >>> doc = VanBanHanhChinh(loai="x", co_quan=CoQuan(ten=["UBND"], ten_goi_tat="UBND thành phố",
    ...     viet_tat="UBND"), so=5, ky_hieu="BC-UBND", dia_danh="X", ngay="2023-11-20",
    ...     trich_yeu="y", noi_nhan=NoiNhan(danh_sach=["a"]), nguoi_ky=NguoiKy(chuc_vu="Chủ tịch",
    ...     ho_ten="A"))
    >>> format_kem_theo(doc)
    '(Kèm theo Báo cáo số 05/BC-UBND ngày 20 tháng 11 năm 2023 của UBND thành phố)'
    >>> format_kem_theo(doc.model_copy(update={"so": None, "ngay": NgayBanHanh(nam=2023, thang=11)}))
    '(Kèm theo Báo cáo số       /BC-UBND ngày      tháng 11 năm 2023 của UBND thành phố)'
    """
    number = BLANK_NUMBER if document.so is None else f"{document.so:02d}"
    return (
        f"(Kèm theo {document.ten_loai} số {number}/{document.ky_hieu} "
        f"{format_date(document.ngay_ban_hanh())} của {document.co_quan.ten_goi_tat})"
    )


_OWN_END = re.compile(r"(?:[;.:,]|;\s*\([^()]*\))$")
"""A recipient line that already ends as the clerk wants it: with «;», «.», «:» or «,»,
or with a note after its «;» («UBND các phường, xã; (để ph/h th/h)», QĐ 2280/QĐ-UBND
Hà Nội)."""


def dong_noi_nhan(noi: str) -> str:
    """One recipient line as printed: «- », the recipient, and «;» unless the clerk
    ended the line with punctuation of their own (nd30.md §7: each line ends with «;»).

    >>> dong_noi_nhan("Như trên")
    '- Như trên;'
    >>> dong_noi_nhan("Bộ Y tế (để b/c);")
    '- Bộ Y tế (để b/c);'
    >>> dong_noi_nhan("Thường trực Thành ủy; (để b/c)")
    '- Thường trực Thành ủy; (để b/c)'
    >>> dong_noi_nhan("Các sở, ngành tỉnh:")
    '- Các sở, ngành tỉnh:'
    >>> dong_noi_nhan("UBND các xã, TT.")
    '- UBND các xã, TT.'
    >>> dong_noi_nhan("CT, PCT UBND TP (1AE)")
    '- CT, PCT UBND TP (1AE);'
    """
    return f"- {noi}" if _OWN_END.search(noi) else f"- {noi};"


_LUU_LABEL = re.compile(r"^-?\s*Lưu\s*:\s*", re.IGNORECASE)


def format_luu(luu: str) -> str:
    """What the template prints between «- Lưu: » and the final «.»: the clerk's text
    without a «- Lưu:» they typed themselves and without their own final «.», so the
    line ends with exactly one (NĐ 30/2020, Phụ lục I, Mục II.9.d: the last line ends
    with «.»; the frame adds it when the clerk left it out, as QĐ 2003/QĐ-UBND Cao Bằng
    «- Lưu: VT, KT(pvT)» did).

    >>> format_luu("VT, CT.")
    'VT, CT'
    >>> format_luu("VT, KT(pvT)")
    'VT, KT(pvT)'
    >>> format_luu("- Lưu: VT, HC (2).")
    'VT, HC (2)'
    >>> format_luu("VT, ...")  # a draft's dots stay three
    'VT, ..'
    """
    return _LUU_LABEL.sub("", luu, count=1).removesuffix(".").rstrip()


def frame_context(document: VanBanHanhChinh, computed: Sequence[PhuLuc] = ()) -> Khung:
    """Everything the frame prints for ``document``; ``computed``: the appendices its
    type derives from the data (:attr:`baocao.registry.ReportType.appendices`)."""
    co_quan = document.co_quan
    co_quan_lines = [upper_vi(line) for line in co_quan.ten]
    place_date = format_place_date(document.dia_danh, document.ngay_ban_hanh())
    return Khung(
        chu_quan=upper_vi(co_quan.chu_quan) if co_quan.chu_quan else None,
        co_quan=co_quan_lines,
        so_ky_hieu=format_so_ky_hieu(document.so, document.ky_hieu),
        dia_danh_ngay=place_date,
        co_dia_danh=place_date_size(place_date),
        ten_loai=upper_vi(document.ten_loai),
        trich_yeu=_V_V.sub("", document.trich_yeu),
        noi_nhan_ghi_chu=document.noi_nhan.ghi_chu,
        noi_nhan=[noi.rstrip(";.").strip() for noi in document.noi_nhan.danh_sach],
        dong_noi_nhan=[dong_noi_nhan(noi) for noi in document.noi_nhan.danh_sach],
        luu=format_luu(document.noi_nhan.luu),
        sau_luu=list(document.noi_nhan.sau_luu),
        chuc_vu=[upper_vi(line) for line in document.nguoi_ky.dong_chuc_vu()],
        ho_ten=document.nguoi_ky.ho_ten,
        kem_theo=format_kem_theo(document),
        kinh_gui=kinh_gui_lines(document.kinh_gui),
        phu_luc=appendices(document, computed),
        gach_co_quan=rule_length(
            min(
                max(text_width(line, nd30.CO_QUAN.frame.pt, bold=True) for line in co_quan_lines),
                AGENCY_LINE_WIDTH,
            ),
            nd30.RULE_CO_QUAN_LENGTHS,
        ),
        gach_trich_yeu=rule_length(
            min(text_width(document.trich_yeu, nd30.TRICH_YEU.frame.pt, bold=True), nd30.TEXT_WIDTH.twips),
            nd30.RULE_TRICH_YEU_LENGTHS,
        ),
    )


KINH_GUI_LABEL = "Kính gửi: "
NO_BREAK_SPACE = "\u00a0"


def kinh_gui_lines(recipients: list[str]) -> list[str]:
    """The «Kính gửi:» recipients as printed: one that wraps keeps its last two words
    together (a no-break space), so the next line never holds a word alone — the last
    word of «Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu».

    >>> kinh_gui_lines(["Sở Tài chính"])
    ['Sở Tài chính']
    >>> long = "Ủy ban nhân dân các xã, phường, thị trấn trên địa bàn tỉnh Bà Rịa - Vũng Tàu"
    >>> kinh_gui_lines([long])[0][-8:]
    'Vũng\xa0Tàu'
    """
    size = nd30.KINH_GUI.frame.pt
    if len(recipients) == 1:
        room = nd30.TEXT_WIDTH.twips - nd30.KINH_GUI_INDENT.twips - text_width(KINH_GUI_LABEL, size)
        return [_keep_last_words(recipients[0], room, size)]
    room = nd30.TEXT_WIDTH.twips - nd30.KINH_GUI_ITEMS.twips - text_width("- ", size)
    return [_keep_last_words(recipient, room, size) for recipient in recipients]


def _keep_last_words(text: str, room: float, size: float) -> str:
    head, _, last = text.rstrip().rpartition(" ")
    if not head or " " not in head or text_width(text + ";", size) <= room:
        return text
    return f"{head}{NO_BREAK_SPACE}{last}"


def place_date_size(line: str) -> int:
    """The size (pt) the place and date ``line`` prints at: the frame's when it fits on one
    line of the header's column, else the decree's smaller size.

    >>> place_date_size("TP. Bắc Kạn, ngày 07 tháng 9 năm 2023")
    14
    >>> place_date_size("Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025")
    13
    """
    frame: float = nd30.DIA_DANH.frame.pt
    smaller: float = nd30.DIA_DANH.allowed.low.pt
    return round(frame if text_width(line, frame, italic=True) <= DATE_LINE_WIDTH else smaller)


_V_V = re.compile(r"^V/v\s+")
"""A "V/v" a clerk typed: the công văn frame prints its own."""
