"""The body of ``ra-soat-ho-ngheo`` (sections I–V), between the frame's title and closing."""

from __future__ import annotations

from baocao.frame import BodyWriter
from baocao.loai.ra_soat_ho_ngheo.bieu_tong_hop import appendix


def body(w: BodyWriter) -> None:
    """Sections I–V of the report, between the frame's title and its closing."""
    w.paragraph("Thực hiện {{ can_cu|map('trich_dan')|join('; ') }}. {{ mo_dau }}")

    w.heading("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO")
    w.narrative("lanh_dao_chi_dao.noi_dung")
    w.block("if lanh_dao_chi_dao.dan_nhap_van_ban")
    w.paragraph("{{ lanh_dao_chi_dao.dan_nhap_van_ban }}")
    w.block("endif")
    w.block("for van_ban in lanh_dao_chi_dao.van_ban_ban_hanh")
    w.paragraph("- {{ van_ban|trich_dan }}.")
    w.block("endfor")

    w.heading("II. QUÁ TRÌNH TRIỂN KHAI THỰC HIỆN")
    w.heading("1. Công tác chuẩn bị rà soát:", level=2)
    w.narrative("trien_khai.chuan_bi")
    w.heading("2. Quá trình triển khai thực hiện:", level=2)
    w.paragraph(
        "- Tổng số {{ trien_khai.pham_vi.ten_don_vi }} tiến hành rà soát: "
        "{{ trien_khai.pham_vi.so_don_vi_ra_soat|so }}/{{ trien_khai.pham_vi.tong_so_don_vi|so }} "
        "{{ trien_khai.pham_vi.ten_don_vi }}."
    )
    w.paragraph(
        "- Thời gian tổ chức tiến hành triển khai thực hiện rà soát từ ngày "
        "{{ trien_khai.thoi_gian.tu_ngay|ngay_ngan }} đến hết ngày "
        "{{ trien_khai.thoi_gian.den_ngay|ngay_ngan }}."
    )
    w.narrative("trien_khai.kiem_tra_giam_sat")

    w.heading("III. KẾT QUẢ THỰC HIỆN")
    w.heading(
        "1. Kết quả {% if tinh.ho_ngheo.bien_dong and tinh.ho_ngheo.bien_dong.huong == 'giảm' %}"
        "giảm {% endif %}tỷ lệ hộ nghèo, hộ cận nghèo:",
        level=2,
    )
    w.paragraph("Tổng số hộ dân trên địa bàn: {{ ket_qua.tong_so_ho|so }} hộ, trong đó:")
    for label, key in (("hộ nghèo", "ho_ngheo"), ("hộ cận nghèo", "ho_can_ngheo")):
        w.paragraph(
            f"- Tổng số {label}: {{{{ tinh.{key}.so_ho|so }}}} hộ, "
            f"tỷ lệ {{{{ tinh.{key}.ty_le|phan_tram }}}}"
            f"{{% if tinh.{key}.bien_dong %}}, {{{{ tinh.{key}.bien_dong.cum_tu }}}} "
            f"so với năm {{{{ tinh.nam_truoc }}}}{{% endif %}}."
        )
    w.block("if ket_qua.co_bieu_kem_theo")
    w.paragraph("(Có biểu tổng hợp chi tiết kèm theo).")
    w.block("endif")
    w.heading("2. Nhận xét:", level=2)
    w.block("if tinh.ho_ngheo.bien_dong and tinh.ho_ngheo.bien_dong.so_ho")
    remark = w.paragraph(
        "Kết quả tỷ lệ hộ nghèo của {{ dia_ban }} {{ tinh.ho_ngheo.bien_dong.huong }} từ "
        "{{ tinh.ho_ngheo.nam_truoc_so_ho|so }} hộ"
        "{% if tinh.ho_ngheo.nam_truoc_ty_le is not none %}, tỷ lệ "
        "{{ tinh.ho_ngheo.nam_truoc_ty_le|phan_tram }}{% endif %} "
        "{{ 'xuống còn' if tinh.ho_ngheo.bien_dong.huong == 'giảm' else 'lên' }} "
        "{{ tinh.ho_ngheo.so_ho|so }} hộ, tỷ lệ {{ tinh.ho_ngheo.ty_le|phan_tram }}"
        "{% if tinh.chi_tieu %} {{ tinh.chi_tieu.danh_gia }} so với chỉ tiêu kế hoạch đề ra ("
    )
    remark.add_run("kế hoạch giảm {{ tinh.chi_tieu.giam_ho_ngheo|so }} hộ").italic = True
    remark.add_run("){% endif %}.")
    w.block("endif")
    w.narrative("ket_qua.nhan_xet")

    w.heading("IV. ĐÁNH GIÁ CHUNG")
    w.heading("1. Thuận lợi:", level=2)
    w.narrative("danh_gia.thuan_loi")
    w.heading("2. Hạn chế và nguyên nhân:", level=2)
    w.narrative("danh_gia.han_che")
    w.block("if de_xuat")
    w.heading("V. ĐỀ XUẤT, KIẾN NGHỊ")
    w.narrative("de_xuat")
    w.block("endif")

    w.paragraph("{{ cau_ket }}")
    w.appendix("bieu", "{{ bieu.tieu_de }}", appendix)
