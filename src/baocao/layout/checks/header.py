"""The header: quốc hiệu, tiêu ngữ, agency, số–ký hiệu, place and date (Phụ lục I, Mục II.1–4)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from baocao import nd30

from ..context import Context
from ..dates import date_problems
from ..findings import LayoutFinding
from ..lines import find_rule
from ..rules import finding
from ..symbol import ABBREVIATIONS, expected_abbreviation, parse
from ..text import TIEU_NGU, fold_tones, normalise
from ..units import share, sizes
from .common import excerpt, run_problems, shown_upper
from .rule_gap import rule_gap_findings
from .rule_length import rule_length_findings


def quoc_hieu(context: Context) -> Iterator[LayoutFinding]:
    """Present at the top; caps, 12–13, bold, upright."""
    spot = context.elements.quoc_hieu
    if spot is None:
        yield finding("quoc-hieu.thieu", "Quốc hiệu",
                      "không tìm thấy Quốc hiệu ở đầu văn bản",
                      f"«{fold_tones('cộng hòa xã hội chủ nghĩa việt nam')}» ở góc trên bên phải "
                      "trang thứ nhất")
        return
    problems = run_problems(spot.element, context.resolver, sizes=nd30.QUOC_HIEU, bold=True,
                            italic=False)
    if not shown_upper(spot.element, context.resolver):
        problems.insert(0, "không in hoa")
    if problems:
        yield finding("quoc-hieu.dinh-dang", "Quốc hiệu", ", ".join(problems),
                      f"in hoa, {sizes(nd30.QUOC_HIEU)}, đứng, đậm")


def tieu_ngu(context: Context) -> Iterator[LayoutFinding]:
    """Under the quốc hiệu; exact wording, 13–14, bold, centred; a rule under it."""
    if context.elements.quoc_hieu is None:
        return
    spot = context.elements.tieu_ngu
    if spot is None:
        yield finding("tieu-ngu.thieu", "Tiêu ngữ", "không tìm thấy Tiêu ngữ dưới Quốc hiệu",
                      f"«{TIEU_NGU}» dưới Quốc hiệu")
        return
    problems = run_problems(spot.element, context.resolver, sizes=nd30.TIEU_NGU, bold=True,
                            italic=False)
    if spot.text.rstrip() != TIEU_NGU:
        problems.insert(0, f"viết «{spot.text}»")
    if context.resolver.paragraph_format(spot.element).alignment != "center":
        problems.append("không căn giữa")
    if problems:
        yield finding("tieu-ngu.dinh-dang", "Tiêu ngữ", ", ".join(problems),
                      f"«{TIEU_NGU}», {sizes(nd30.TIEU_NGU)}, đứng, đậm, căn giữa dưới Quốc hiệu")
    drawn = find_rule(spot.paragraphs, spot.index, context.resolver)
    if drawn is None:
        yield finding("tieu-ngu.gach-chan", "Tiêu ngữ", "không có đường kẻ dưới Tiêu ngữ",
                      "đường kẻ ngang, nét liền, dài bằng dòng chữ Tiêu ngữ")
    else:
        yield from rule_length_findings(context, "tieu-ngu.do-dai-gach", "Tiêu ngữ", [spot], drawn,
                                        nd30.TIEU_NGU_RULE_RATIO, "dài bằng dòng chữ Tiêu ngữ")
        yield from rule_gap_findings(context, "tieu-ngu.gach-sat-chu", "Tiêu ngữ", spot, drawn)


def agency(context: Context) -> Iterator[LayoutFinding]:
    """Issuing agency caps bold 12–13, chủ quản caps not bold; a rule under it."""
    found = context.elements
    if found.quoc_hieu is None or not found.header_in_table:
        return
    if not found.agency:
        yield finding("co-quan.thieu", "Tên cơ quan", "không tìm thấy tên cơ quan ban hành",
                      "tên cơ quan ban hành ở góc trên bên trái, trên dòng «Số:»")
        return
    for spot, bold, role in (
        *((s, False, "cơ quan chủ quản") for s in found.chu_quan),
        *((s, True, "cơ quan ban hành") for s in found.agency),
    ):
        problems = run_problems(spot.element, context.resolver, sizes=nd30.CO_QUAN, bold=bold,
                                italic=False)
        if not shown_upper(spot.element, context.resolver):
            problems.insert(0, "không in hoa")
        if problems:
            expected = f"in hoa, {sizes(nd30.CO_QUAN)}, đứng" + (", đậm" if bold else ", không đậm")
            yield finding("co-quan.dinh-dang", "Tên cơ quan",
                          f"{role} {excerpt(spot)}: {', '.join(problems)}", expected)
    last = found.agency[-1]
    drawn = find_rule(last.paragraphs, last.index, context.resolver)
    if drawn is None:
        yield finding("co-quan.gach-chan", "Tên cơ quan",
                      "không có đường kẻ dưới tên cơ quan ban hành",
                      f"đường kẻ ngang, nét liền, dài {share(nd30.SHORT_RULE_SHARE)} dòng chữ, "
                      "đặt cân đối")
    else:
        yield from rule_length_findings(context, "co-quan.do-dai-gach", "Tên cơ quan", found.agency,
                                        drawn, nd30.SHORT_RULE_RATIO,
                                        f"dài {share(nd30.SHORT_RULE_SHARE)} dòng chữ tên cơ quan "
                                        "ban hành")
        yield from rule_gap_findings(context, "co-quan.gach-sat-chu", "Tên cơ quan", last, drawn)


def number_symbol(context: Context) -> Iterator[LayoutFinding]:
    """«Số: 05/BC-UBND»: 13 pt upright, padded number, Phụ lục III abbreviation."""
    found = context.elements
    if found.quoc_hieu is None:
        return
    spot = found.so
    element = "Số, ký hiệu"
    if spot is None:
        yield finding("so-ky-hieu.thieu", element, "không tìm thấy dòng «Số: …»",
                      "«Số: …/…-…» dưới tên cơ quan ban hành")
        return
    problems = run_problems(spot.element, context.resolver, sizes=nd30.SO_KY_HIEU, italic=False)
    if problems:
        yield finding("so-ky-hieu.dinh-dang", element, ", ".join(problems),
                      f"{sizes(nd30.SO_KY_HIEU)}, đứng")
    parsed = parse(spot.text)
    if parsed is None:
        yield finding("so-ky-hieu.dang", element, f"{excerpt(spot)} không có dấu «/»",
                      "«Số: 05/BC-UBND»")
        return
    if parsed.so_de_trong:
        yield finding("so-ky-hieu.de-trong", element, "số văn bản còn để trống",
                      "số đăng ký khi ban hành, ví dụ «05»")
    elif not parsed.so.isdigit():
        yield finding("so-ky-hieu.so", element, f"số «{parsed.so}» không phải chữ số Ả Rập",
                      "chữ số Ả Rập, ví dụ «05», «125»")
    elif int(parsed.so) < 10 and len(parsed.so) < 2:
        yield finding("so-ky-hieu.so", element, f"số «{parsed.so}» thiếu số 0 phía trước",
                      f"«{int(parsed.so):02d}» (số nhỏ hơn 10 ghi thêm số 0)")
    yield from _symbol_form(context, parsed.ky_hieu)


def _symbol_form(context: Context, symbol: str) -> Iterator[LayoutFinding]:
    element = "Số, ký hiệu"
    if re.match(r"^\d{4}/", symbol):
        yield finding("so-ky-hieu.quy-pham", element,
                      f"ký hiệu «{symbol}» có năm ban hành: dạng của văn bản quy phạm pháp luật",
                      "văn bản hành chính: «số/tên loại-cơ quan», không ghi năm")
        return
    if re.search(r"\s", symbol):
        yield finding("so-ky-hieu.dang", element, f"ký hiệu «{symbol}» có khoảng trắng",
                      "không có khoảng cách giữa các nhóm chữ, ví dụ «05/BC-UBND»")
        return
    segments = symbol.split("-")
    if any(not s for s in segments):
        yield finding("so-ky-hieu.dang", element, f"ký hiệu «{symbol}» có nhóm chữ trống",
                      "các nhóm chữ viết tắt nối bằng «-», ví dụ «BC-UBND»")
        return
    ten_loai = context.elements.ten_loai
    if ten_loai is None:
        if len(segments) < 2:
            yield finding("so-ky-hieu.dang", element,
                          f"ký hiệu công văn «{symbol}» thiếu đơn vị soạn thảo",
                          "«tên cơ quan-đơn vị», ví dụ «12/UBND-VX»")
        return
    wanted = expected_abbreviation(ten_loai.text)
    head = segments[0]
    if wanted is not None and head != wanted:
        yield finding("so-ky-hieu.dang", element,
                      f"ký hiệu «{symbol}» không khớp tên loại «{ten_loai.text}»",
                      f"bắt đầu bằng «{wanted}-» (Phụ lục III)")
    elif wanted is None and head not in ABBREVIATIONS:
        yield finding("so-ky-hieu.dang", element,
                      f"chữ viết tắt tên loại «{head}» không có trong Phụ lục III",
                      "một chữ viết tắt của Phụ lục III, ví dụ «BC», «KH», «TTr»")
    elif len(segments) < 2:
        yield finding("so-ky-hieu.dang", element,
                      f"ký hiệu «{symbol}» thiếu chữ viết tắt tên cơ quan",
                      f"«{head}-<cơ quan>», ví dụ «{head}-UBND»")


def place_date(context: Context) -> Iterator[LayoutFinding]:
    """«Địa danh, ngày 05 tháng 3 năm 2020», italic 13–14, padded."""
    found = context.elements
    if found.quoc_hieu is None:
        return
    spot = found.date
    element = "Địa danh, ngày tháng"
    if spot is None:
        yield finding("dia-danh.thieu", element,
                      "không tìm thấy dòng «…, ngày … tháng … năm …»",
                      "địa danh và ngày ban hành dưới Tiêu ngữ")
        return
    problems = run_problems(spot.element, context.resolver, sizes=nd30.DIA_DANH, italic=True)
    if problems:
        yield finding("dia-danh.dinh-dang", element, ", ".join(problems),
                      f"{sizes(nd30.DIA_DANH)}, nghiêng")
    blanks: list[str] = []
    for problem in date_problems(normalise(spot.text)):
        if problem.blank:
            blanks.append(problem.message)
        else:
            yield finding("ngay-thang.dang", element, problem.message, problem.expected)
    if blanks:
        yield finding("ngay-thang.de-trong", element, "; ".join(blanks),
                      "ngày, tháng, năm ghi đủ khi ký ban hành")
