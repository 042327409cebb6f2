"""Report type ``ke-hoach``: its body and its derived values (section numbers, closing)."""

from __future__ import annotations

from typing import Any

from baocao.formatting import to_roman
from baocao.frame import BodyWriter
from baocao.models.ke_hoach import KeHoach


def section_numbers(report: KeHoach) -> dict[str, str]:
    """The Roman numbers of the sections after II, which depend on those present.

    >>> from types import SimpleNamespace
    >>> section_numbers(SimpleNamespace(kinh_phi=[]))
    {'thoi_gian': 'III', 'kinh_phi': '', 'to_chuc': 'IV'}
    >>> section_numbers(SimpleNamespace(kinh_phi=["Ngân sách thành phố."]))
    {'thoi_gian': 'III', 'kinh_phi': 'IV', 'to_chuc': 'V'}
    """
    numbers = {"thoi_gian": to_roman(3), "kinh_phi": ""}
    following = 4
    if report.kinh_phi:
        numbers["kinh_phi"] = to_roman(following)
        following += 1
    numbers["to_chuc"] = to_roman(following)
    return numbers


def context(report: KeHoach) -> dict[str, Any]:
    """The template variables this type adds to the model's fields."""
    cau_ket = report.ket_luan or (
        "Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị "
        f"kịp thời báo cáo về {report.co_quan.ten_goi_tat} để xem xét, chỉ đạo giải quyết./."
    )
    return {"so_muc": section_numbers(report), "cau_ket": cau_ket}


def body(w: BodyWriter) -> None:
    """Sections I–V of a plan, between the frame's title and its closing."""
    w.paragraph(
        "{% if can_cu %}Thực hiện {{ can_cu|map('trich_dan')|join('; ') }}, {% endif %}{{ mo_dau }}"
    )

    w.heading("I. MỤC ĐÍCH, YÊU CẦU")
    w.heading("1. Mục đích", level=2)
    w.narrative("muc_dich_yeu_cau.muc_dich")
    w.heading("2. Yêu cầu", level=2)
    w.narrative("muc_dich_yeu_cau.yeu_cau")

    w.heading("II. NỘI DUNG")
    w.block("for nhiem_vu in noi_dung")
    w.heading("{{ loop.index }}. {{ nhiem_vu.tieu_de }}", level=2)
    w.narrative("nhiem_vu.doan")
    w.block("for viec in nhiem_vu.danh_sach")
    w.paragraph("{{r ('- ' ~ viec)|doan }}")
    w.block("endfor")
    for key, label in (("chu_tri", "Đơn vị chủ trì"), ("phoi_hop", "Đơn vị phối hợp"),
                       ("thoi_gian", "Thời gian thực hiện")):
        w.block(f"if nhiem_vu.{key}")
        line = w.paragraph("- ")
        line.add_run(f"{label}:").italic = True
        line.add_run(f" {{{{ nhiem_vu.{key} }}}}.")
        w.block("endif")
    w.block("endfor")

    w.heading("{{ so_muc.thoi_gian }}. THỜI GIAN THỰC HIỆN")
    w.block("if thoi_gian.tu_ngay")
    w.paragraph(
        "Từ ngày {{ thoi_gian.tu_ngay|ngay_ngan }} đến hết ngày {{ thoi_gian.den_ngay|ngay_ngan }}."
    )
    w.block("endif")
    w.narrative("thoi_gian.doan")

    w.block("if kinh_phi")
    w.heading("{{ so_muc.kinh_phi }}. KINH PHÍ THỰC HIỆN")
    w.narrative("kinh_phi")
    w.block("endif")

    w.heading("{{ so_muc.to_chuc }}. TỔ CHỨC THỰC HIỆN")
    w.block("for don_vi in to_chuc_thuc_hien")
    w.heading("{{ loop.index }}. {{ don_vi.don_vi }}", level=2)
    w.narrative("don_vi.nhiem_vu")
    w.block("endfor")

    w.paragraph("{{ cau_ket }}")
