"""The body of ``ra-soat-ho-ngheo`` (sections I–V), between the frame's title and closing.

Every section and item is printed only when the report has it, numbered among those
present (``so.muc``, ``so.khoan`` from the context): never a heading with nothing under it.
"""

from __future__ import annotations

from baocao.frame import BodyWriter


def _section(w: BodyWriter, key: str, title: str) -> None:
    w.block(f"if not so.bo['{key}']")
    w.heading(f"{{{{ so.muc['{key}'] }}}}{title}")


def _item(w: BodyWriter, key: str, title: str, *, lone: bool = True) -> None:
    """An item's heading, inside its own ``if`` (closed by the caller); a lone item is
    not numbered, and with ``lone=False`` (its title repeats the section's) has no heading."""
    w.block(f"if not so.bo['{key}']")
    w.block("if " + ("true" if lone else f"so.khoan['{key}']"))
    w.heading(f"{{{{ so.khoan['{key}'] }}}}{title}", level=2)
    w.block("endif")


def body(w: BodyWriter) -> None:
    """Sections I–V of the report, between the frame's title and its closing."""
    w.block("if can_cu or mo_dau")
    w.paragraph(
        "{% if can_cu %}Thực hiện {{ can_cu|map('trich_dan')|join('; ') }}.{% if mo_dau %} {% endif %}"
        "{% endif %}{{ mo_dau or '' }}"
    )
    w.block("endif")

    _section(w, "lanh_dao_chi_dao", "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO")
    w.narrative("lanh_dao_chi_dao.noi_dung")
    w.block("if lanh_dao_chi_dao.dan_nhap_van_ban")
    w.paragraph("{{ lanh_dao_chi_dao.dan_nhap_van_ban }}")
    w.block("endif")
    w.block("for van_ban in lanh_dao_chi_dao.van_ban_ban_hanh")
    w.paragraph("- {{ van_ban|trich_dan }}.")
    w.block("endfor")
    w.block("endif")

    _section(w, "trien_khai", "QUÁ TRÌNH TRIỂN KHAI THỰC HIỆN")
    _item(w, "chuan_bi", "Công tác chuẩn bị rà soát:")
    w.narrative("trien_khai.chuan_bi")
    w.block("endif")
    _item(w, "thuc_hien", "Quá trình triển khai thực hiện:", lone=False)
    w.block("if trien_khai.pham_vi")
    w.paragraph(
        "- Tổng số {{ don_vi_ra_soat }} tiến hành rà soát: "
        "{{ trien_khai.pham_vi.so_don_vi_ra_soat|so }}/{{ trien_khai.pham_vi.tong_so_don_vi|so }} "
        "{{ don_vi_ra_soat }}."
    )
    w.block("endif")
    w.block("if trien_khai.thoi_gian")
    w.paragraph(
        "- Thời gian tổ chức tiến hành triển khai thực hiện rà soát từ ngày "
        "{{ trien_khai.thoi_gian.tu_ngay|ngay_ngan }} đến hết ngày "
        "{{ trien_khai.thoi_gian.den_ngay|ngay_ngan }}."
    )
    w.block("endif")
    w.narrative("trien_khai.kiem_tra_giam_sat")
    w.block("endif")
    w.block("endif")

    _section(w, "ket_qua", "KẾT QUẢ THỰC HIỆN")
    w.block("endif")
    _item(w, "ket_qua", "{{ tieu_de_ket_qua }}", lone=False)
    w.block("endif")
    w.block("if gioi_thieu")
    w.paragraph("{{ gioi_thieu }}")
    w.block("endif")
    w.block("if not so.bo['tong_so_ho']")
    w.paragraph(
        "Tổng số hộ dân trên địa bàn: {{ ket_qua.tong_so_ho|so }} hộ{% if ket_qua.tong_so_khau %} với "
        "{{ ket_qua.tong_so_khau|so }} khẩu{% endif %}, trong đó:"
    )
    w.block("endif")
    w.block("for dong in dong_ket_qua")
    w.paragraph("{{ dong }}")
    w.block("endfor")
    w.block("if ket_qua.co_bieu_kem_theo")
    w.paragraph("(Có biểu tổng hợp chi tiết kèm theo).")
    w.block("endif")
    _item(w, "nhan_xet", "Nhận xét:")
    w.block("for nx in nhan_xet_tinh")
    remark = w.paragraph(
        "{{ nx.cau }}{% if nx.chi_tieu %}{{ nx.noi }}{{ nx.chi_tieu.danh_gia }} so với chỉ tiêu "
        "{{ nx.chi_tieu.nguon }} ("
    )
    remark.add_run("{{ nx.chi_tieu.ke_hoach }}").italic = True
    remark.add_run("){% endif %}.")
    w.block("endfor")
    w.narrative("ket_qua.nhan_xet")
    w.block("endif")
    _item(w, "nam_sau", "Chỉ tiêu năm {{ nam + 1 }}:")
    w.block("for dong in nam_sau")
    w.paragraph("{{ dong }}")
    w.block("endfor")
    w.block("endif")

    _section(w, "danh_gia", "ĐÁNH GIÁ CHUNG")
    _item(w, "thuan_loi", "Thuận lợi:")
    w.narrative("danh_gia.thuan_loi")
    w.block("endif")
    _item(w, "han_che", "Hạn chế và nguyên nhân:")
    w.narrative("danh_gia.han_che")
    w.block("endif")
    w.block("endif")

    _section(w, "de_xuat", "ĐỀ XUẤT, KIẾN NGHỊ")
    w.narrative("de_xuat")
    w.block("endif")

    w.paragraph("{{ cau_ket }}")
