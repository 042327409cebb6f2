"""The body of ``ke-hoach`` (sections I–V), between the frame's title and its closing."""

from __future__ import annotations

from baocao.frame import BodyWriter


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
