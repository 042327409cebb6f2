"""The table of layout rules: id, clause of Decree 30/2020, severity, description.

A description that states a number writes it from :mod:`baocao.nd30`, the numbers
the checks compare with, so the text cannot drift from the check.

Every finding names one of these ids; :func:`finding` fills in the clause and
severity so the check functions cannot disagree with the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from baocao import nd30

from .findings import LayoutFinding, Severity
from .units import cm_choice, mm_range, number, ratios, share, sizes, spread

_PL1 = "Phụ lục I"


@dataclass(frozen=True)
class Rule:
    """One rule of the layout checker."""

    id: str
    clause: str
    severity: Severity
    description: str


_TABLE: tuple[tuple[str, str, Severity, str], ...] = (
    ("trang.kho-giay", "Mục I.1", "error",
     f"Khổ giấy A4 ({number(nd30.A4.width.mm)} × {number(nd30.A4.height.mm)} mm)"),
    ("trang.huong", "Mục I.2", "error",
     "Trình bày theo chiều dài khổ A4; chiều rộng chỉ khi có bảng, biểu"),
    ("le.tren", "Mục I.3", "error", f"Lề trên {mm_range(nd30.MARGIN_TOP.allowed)}"),
    ("le.duoi", "Mục I.3", "error", f"Lề dưới {mm_range(nd30.MARGIN_BOTTOM.allowed)}"),
    ("le.trai", "Mục I.3", "error", f"Lề trái {mm_range(nd30.MARGIN_LEFT.allowed)}"),
    ("le.phai", "Mục I.3", "error", f"Lề phải {mm_range(nd30.MARGIN_RIGHT.allowed)}"),
    ("phong-chu", "Mục I.4", "error", f"Phông chữ {nd30.FONT} trong toàn văn bản"),
    ("so-trang.vi-tri", "Mục I.7", "error",
     f"Số trang bằng chữ số Ả Rập, {sizes(nd30.SO_TRANG)}, đứng, giữa lề trên (đầu trang)"),
    ("so-trang.thieu", "Mục I.7", "warning",
     "Văn bản từ hai trang trở lên có số trang (số trang không suy ra được từ tệp)"),
    ("so-trang.trang-dau", "Mục I.7", "error", "Không đánh số trang thứ nhất"),
    ("quoc-hieu.thieu", "Mục II.1.a", "error", "Có Quốc hiệu ở đầu trang thứ nhất"),
    ("quoc-hieu.dinh-dang", "Mục II.1.a", "error", f"Quốc hiệu in hoa, {sizes(nd30.QUOC_HIEU)}, đứng, đậm"),
    ("tieu-ngu.thieu", "Mục II.1.b", "error", "Có Tiêu ngữ dưới Quốc hiệu"),
    ("tieu-ngu.dinh-dang", "Mục II.1.b", "error",
     "Tiêu ngữ «Độc lập - Tự do - Hạnh phúc», chữ đầu cụm từ viết hoa, gạch nối có cách chữ, "
     f"{sizes(nd30.TIEU_NGU)}, đứng, đậm, căn giữa"),
    ("tieu-ngu.gach-chan", "Mục II.1.b", "error", "Đường kẻ ngang, nét liền dưới Tiêu ngữ"),
    ("tieu-ngu.do-dai-gach", "Mục II.1.b", "warning",
     "Đường kẻ dưới Tiêu ngữ dài bằng dòng chữ Tiêu ngữ "
     f"(ước lượng; chấp nhận {spread(nd30.TIEU_NGU_RULE_RATIO)})"),
    ("tieu-ngu.gach-sat-chu", "Mục II.1.b; Phụ lục III, Mẫu 1.4", "warning",
     "Đường kẻ dưới Tiêu ngữ"
     " cách dòng chữ một khoảng rõ như dòng gạch dưới của mẫu, không sát như gạch chân chữ (ước lượng)"),
    ("co-quan.thieu", "Mục II.2", "error", "Có tên cơ quan, tổ chức ban hành văn bản"),
    ("co-quan.dinh-dang", "Mục II.2.b", "error",
     f"Tên cơ quan in hoa, {sizes(nd30.CO_QUAN)}, đứng; cơ quan ban hành đậm, cơ quan chủ quản không đậm"),
    ("co-quan.gach-chan", "Mục II.2.b", "error",
     "Đường kẻ ngang, nét liền dưới tên cơ quan ban hành"),
    ("co-quan.do-dai-gach", "Mục II.2.b", "warning",
     f"Đường kẻ dưới tên cơ quan ban hành dài {share(nd30.SHORT_RULE_SHARE)} dòng chữ "
     f"(ước lượng; chấp nhận {ratios(nd30.SHORT_RULE_RATIO)} lần)"),
    ("co-quan.gach-sat-chu", "Mục II.2.b; Phụ lục III, Mẫu 1.4", "warning",
     "Đường kẻ dưới tên cơ quan ban hành"
     " cách dòng chữ một khoảng rõ như dòng gạch dưới của mẫu, không sát như gạch chân chữ (ước lượng)"),
    ("so-ky-hieu.thieu", "Mục II.3", "error", "Có số, ký hiệu của văn bản («Số: …/…-…»)"),
    ("so-ky-hieu.dinh-dang", "Mục II.3.c", "error", f"Số, ký hiệu {sizes(nd30.SO_KY_HIEU)}, đứng"),
    ("so-ky-hieu.so", "Mục II.3.a", "error",
     "Số văn bản bằng chữ số Ả Rập; số nhỏ hơn 10 ghi thêm số 0 phía trước"),
    ("so-ky-hieu.de-trong", "Mục II.3.a", "warning",
     "Số văn bản còn để trống (bản dự thảo, chưa đăng ký số)"),
    ("so-ky-hieu.dang", "Mục II.3.b; Phụ lục III, Mục I", "error",
     "Ký hiệu gồm chữ viết tắt tên loại (Phụ lục III) và tên cơ quan, nối bằng «-», "
     "không có khoảng cách; công văn không có tên loại"),
    ("so-ky-hieu.quy-pham", "Mục II.3.b", "warning",
     "Ký hiệu dạng văn bản quy phạm pháp luật (số/năm/loại-cơ quan): "
     "không thuộc thể thức văn bản hành chính"),
    ("dia-danh.thieu", "Mục II.4", "error", "Có địa danh và thời gian ban hành văn bản"),
    ("dia-danh.dinh-dang", "Mục II.4.c", "error",
     f"Địa danh và thời gian ban hành {sizes(nd30.DIA_DANH)}, nghiêng"),
    ("ngay-thang.dang", "Mục II.4.b", "error",
     "«…, ngày … tháng … năm …»: ngày nhỏ hơn 10 và tháng 1, 2 ghi thêm số 0; "
     "tháng 3–12 không thêm số 0; năm đủ bốn chữ số"),
    ("ngay-thang.de-trong", "Mục II.4.b", "warning",
     "Ngày ban hành còn để trống (bản dự thảo)"),
    ("ten-loai.dinh-dang", "Mục II.5.b", "error",
     f"Tên loại văn bản in hoa, {sizes(nd30.TEN_LOAI)}, đậm, căn giữa"),
    ("trich-yeu.dinh-dang", "Mục II.5.b", "error", f"Trích yếu {sizes(nd30.TRICH_YEU)}, đứng, đậm, căn giữa"),
    ("trich-yeu.gach-chan", "Mục II.5.b", "error", "Đường kẻ ngang, nét liền dưới trích yếu"),
    ("trich-yeu.do-dai-gach", "Mục II.5.b", "warning",
     f"Đường kẻ dưới trích yếu dài {share(nd30.SHORT_RULE_SHARE)} dòng chữ "
     f"(ước lượng; chấp nhận {ratios(nd30.SHORT_RULE_RATIO)} lần)"),
    ("trich-yeu.gach-sat-chu", "Mục II.5.b; Phụ lục III, Mẫu 1.4", "warning",
     "Đường kẻ dưới trích yếu"
     " cách dòng chữ một khoảng rõ như dòng gạch dưới của mẫu, không sát như gạch chân chữ (ước lượng)"),
    ("bang.vuot-le", "Mục I.2–3", "warning",
     "Bảng, biểu nằm trong vùng chữ của trang (không vượt lề trái, lề phải)"),
    ("noi-dung.co-chu", "Mục II.6.e", "error", f"Nội dung {sizes(nd30.NOI_DUNG)}"),
    ("noi-dung.can-deu", "Mục II.6.e", "error", "Nội dung căn đều hai lề"),
    ("noi-dung.thut-dau-dong", "Mục II.6.e", "error",
     f"Đầu dòng lùi vào {cm_choice(nd30.FIRST_LINE_INDENT.allowed)}"),
    ("noi-dung.gian-doan", "Mục II.6.e", "error",
     f"Khoảng cách giữa các đoạn văn tối thiểu {number(nd30.PARAGRAPH_GAP.pt)} pt"),
    ("noi-dung.gian-dong", "Mục II.6.e", "error",
     f"Khoảng cách giữa các dòng từ một dòng đơn đến {number(nd30.LINE_SPACING.high)} dòng"),
    ("noi-nhan.thieu", "Mục II.9.b–d", "error",
     "Mọi văn bản có phần «Nơi nhận:» (ô 9b) kèm danh sách nơi nhận"),
    ("noi-nhan.nhu-tren", "Mục II.9.b", "warning",
     "Văn bản có «Kính gửi:» (ô 9a): danh sách «Nơi nhận:» bắt đầu bằng «- Như trên;»"),
    ("noi-nhan.dinh-dang", "Mục II.9.d", "error", f"Từ «Nơi nhận:» {sizes(nd30.NOI_NHAN)}, nghiêng, đậm"),
    ("noi-nhan.danh-sach", "Mục II.9.d", "error",
     f"Danh sách nơi nhận {sizes(nd30.DANH_SACH_NOI_NHAN)}, đứng; mỗi nơi nhận một dòng bắt đầu bằng «-»"),
    ("noi-nhan.luu", "Mục II.9.d", "error", "Dòng cuối cùng «- Lưu: VT, …»"),
    ("noi-nhan.le-trai", "Mục II.9.d; Phụ lục III, các mẫu", "warning",
     "«Nơi nhận:» sát lề trái: bảng nơi nhận và chữ ký không lệch ra ngoài lề"),
    ("chu-ky.tham-quyen", "Mục II.7.a–b", "error",
     "Quyền hạn người ký viết «TM.», «KT.», «Q.», «TL.», «TUQ.»; "
     "sau KT., TL., TUQ. có chức vụ của người ký"),
    ("chu-ky.chuc-vu", "Mục II.7.đ", "error",
     f"Quyền hạn, chức vụ người ký in hoa, {sizes(nd30.CHUC_VU)}, đứng, đậm"),
    ("chu-ky.ho-ten", "Mục II.7.đ", "error", f"Họ tên người ký in thường, {sizes(nd30.HO_TEN)}, đứng, đậm"),
)

RULES: dict[str, Rule] = {
    rule_id: Rule(rule_id, f"{_PL1}, {clause}", severity, description)
    for rule_id, clause, severity, description in _TABLE
}
"""Every rule of the checker by id, in the order of the decree."""


def finding(rule_id: str, element: str, message: str, expected: str) -> LayoutFinding:
    """A finding of rule *rule_id*, with the clause and severity from :data:`RULES`."""
    rule = RULES[rule_id]
    return LayoutFinding(
        rule=rule.id,
        element=element,
        message=message,
        expected=expected,
        severity=rule.severity,
        clause=rule.clause,
    )
