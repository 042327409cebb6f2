"""Nơi nhận and the signature block (Phụ lục I, Mục II.7 and II.9.d)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from baocao import nd30

from ..context import Context
from ..findings import LayoutFinding
from ..ooxml import Element, attr, containing, w
from ..rules import finding
from ..structure import Spot
from ..text import SIGN_PREFIX, SIGN_PREFIX_LOOSE, is_upper
from ..units import cm, sizes
from .common import excerpt, run_problems, several, shown_upper

_LUU = re.compile(r"^-\s*Lưu\s*:", re.IGNORECASE)
_DRAFTER = re.compile(r"^[A-ZĐ]{1,6}\.?\s*\(\d+\)\.?$")  # ô 12, e.g. «PL.(300)»


def _entries(spots: list[Spot]) -> tuple[list[Spot], list[Spot]]:
    """Split the recipient lines into entries and sub-headings («Gửi bản điện tử:»)."""
    entries: list[Spot] = []
    headings: list[Spot] = []
    for spot in spots:
        (headings if spot.text.endswith(":") and not spot.text.startswith("-")
         else entries).append(spot)
    return entries, headings


_NHU_TREN = re.compile(r"^-\s*Như trên\b", re.IGNORECASE)


def noi_nhan(context: Context) -> Iterator[LayoutFinding]:
    """«Nơi nhận:» 12 bold italic; list 11 upright; «- Lưu: VT, …» last."""
    found = context.elements
    if found.quoc_hieu is None:
        return
    if found.noi_nhan is None:
        if found.positions:
            yield finding("noi-nhan.thieu", "Nơi nhận",
                          "có phần chữ ký mà không có phần «Nơi nhận:» (ô 9b)",
                          "«Nơi nhận:» ở góc dưới bên trái, ngang dòng quyền hạn, chức vụ "
                          "người ký, kèm danh sách nơi nhận và dòng «- Lưu: VT, …»")
        return
    resolver = context.resolver
    problems = run_problems(found.noi_nhan.element, resolver, sizes=nd30.NOI_NHAN, bold=True,
                            italic=True)
    if problems:
        yield finding("noi-nhan.dinh-dang", "Nơi nhận", f"«Nơi nhận:» {', '.join(problems)}",
                      f"{sizes(nd30.NOI_NHAN)}, đậm, nghiêng")
    outside = _left_of_margin(found.noi_nhan.element)
    if outside:
        yield finding("noi-nhan.le-trai", "Nơi nhận",
                      f"khối «Nơi nhận:» bắt đầu lệch ra ngoài lề trái {cm(outside)} cm (bảng thụt "
                      f"{cm(-outside)} cm)",
                      "bảng nơi nhận và chữ ký bắt đầu ở lề trái, như các mẫu của Nghị định")
    entries, _ = _entries(found.recipients)
    listing = nd30.DANH_SACH_NOI_NHAN
    badly = [s for s in entries if run_problems(s.element, resolver, sizes=listing, italic=False)]
    if badly:
        details = sorted({p for s in badly for p in run_problems(
            s.element, resolver, sizes=listing, italic=False)})
        yield finding("noi-nhan.danh-sach", "Nơi nhận",
                      f"{len(badly)} dòng {', '.join(details)}: {several(badly)}",
                      f"{sizes(listing)}, đứng")
    starts = []
    previous = ";"
    for spot in entries:
        if _LUU.match(spot.text):
            break  # the lines under «- Lưu: …» are ô 12 («09 KH», «PL.(300)»), not recipients
        if not spot.text.startswith("-") and previous[-1:] in (";", ".") \
                and not _DRAFTER.match(spot.text):
            starts.append(spot)
        previous = spot.text
    if starts:
        yield finding("noi-nhan.danh-sach", "Nơi nhận",
                      f"dòng không bắt đầu bằng «-»: {several(starts)}",
                      "mỗi nơi nhận một dòng, bắt đầu bằng «-», kết thúc bằng «;»")
    listed = [s for s in entries if s.text.startswith("-")]
    if found.kinh_gui is not None and not (listed and _NHU_TREN.match(listed[0].text)):
        shown = f"bắt đầu bằng {excerpt(listed[0])}" if listed else "trống"
        yield finding("noi-nhan.nhu-tren", "Nơi nhận",
                      f"văn bản có «Kính gửi:» mà danh sách «Nơi nhận:» {shown}",
                      "dòng đầu «- Như trên;» (chỉ các nơi đã ghi ở «Kính gửi»), "
                      "sau đó các nơi nhận khác")
    luu = [s for s in listed if _LUU.match(s.text)]
    if not luu:
        yield finding("noi-nhan.luu", "Nơi nhận", "thiếu dòng «- Lưu: VT, …»",
                      "dòng cuối «- Lưu: VT, <đơn vị soạn thảo> (<số bản>).»")
    elif listed and listed[-1] is not luu[-1]:
        yield finding("noi-nhan.luu", "Nơi nhận",
                      f"dòng «Lưu» không ở cuối: sau nó còn {excerpt(listed[-1])}",
                      "«- Lưu: VT, …» là dòng cuối cùng")
    elif "VT" not in luu[-1].text:
        yield finding("noi-nhan.luu", "Nơi nhận", f"{excerpt(luu[-1])} thiếu «VT» (Văn thư)",
                      "«- Lưu: VT, …»")


def _left_of_margin(element: Element) -> int:
    """How far (twips) the table holding ``element`` starts left of the margin; 0 when
    it does not (or is not in a table)."""
    table = containing(element, "tbl")
    indent = attr(table.find(f"{w('tblPr')}/{w('tblInd')}") if table is not None else None, "w")
    outside = -int(indent) if indent and indent.lstrip("-").isdigit() else 0
    return outside if outside > nd30.INDENT_SLACK.twips else 0


def signature(context: Context) -> Iterator[LayoutFinding]:
    """Authority prefix; position lines caps bold 13–14; the name bold, normal case."""
    found = context.elements
    if found.quoc_hieu is None or not found.positions:
        return
    resolver = context.resolver
    for number, spot in enumerate(found.positions):
        loose = SIGN_PREFIX_LOOSE.match(spot.text)
        if loose and not SIGN_PREFIX.match(spot.text):
            yield finding("chu-ky.tham-quyen", "Chữ ký",
                          f"{excerpt(spot)}: viết tắt quyền hạn sai dạng",
                          "«TM.», «KT.», «Q.», «TL.» hoặc «TUQ.» (chữ in hoa và dấu chấm)")
        strict = SIGN_PREFIX.match(spot.text)
        if strict and strict["prefix"] in ("KT", "TL", "TUQ") \
                and number == len(found.positions) - 1:
            yield finding("chu-ky.tham-quyen", "Chữ ký",
                          f"sau {excerpt(spot)} thiếu chức vụ của người ký",
                          "dòng chức vụ người ký dưới dòng quyền hạn, ví dụ «PHÓ CHỦ TỊCH»")
        problems = run_problems(spot.element, resolver, sizes=nd30.CHUC_VU, bold=True, italic=False)
        if not shown_upper(spot.element, resolver):
            problems.insert(0, "không in hoa")
        if problems:
            yield finding("chu-ky.chuc-vu", "Chữ ký", f"{excerpt(spot)}: {', '.join(problems)}",
                          f"in hoa, {sizes(nd30.CHUC_VU)}, đứng, đậm")
    name = found.name
    if name is None:
        yield finding("chu-ky.ho-ten", "Chữ ký", "không tìm thấy họ tên người ký",
                      "họ tên người ký dưới chữ ký")
        return
    problems = run_problems(name.element, resolver, sizes=nd30.HO_TEN, bold=True, italic=False)
    if is_upper(name.text):
        problems.insert(0, "in hoa toàn bộ")
    if problems:
        yield finding("chu-ky.ho-ten", "Chữ ký", f"{excerpt(name)}: {', '.join(problems)}",
                      f"in thường (chữ đầu viết hoa), {sizes(nd30.HO_TEN)}, đứng, đậm")
