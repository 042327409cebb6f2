"""The table of layout rules: id, clause of Decree 30/2020, severity, description.

Every finding names one of these ids; :func:`finding` fills in the clause and
severity so the check functions cannot disagree with the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import LayoutFinding, Severity

_PL1 = "Phụ lục I"


@dataclass(frozen=True)
class Rule:
    """One rule of the layout checker."""

    id: str
    clause: str
    severity: Severity
    description: str


_TABLE: tuple[tuple[str, str, Severity, str], ...] = (
    ("trang.kho-giay", "Mục I.1", "error", "Khổ giấy A4 (210 × 297 mm)"),
    ("trang.huong", "Mục I.2", "error",
     "Trình bày theo chiều dài khổ A4; chiều rộng chỉ khi có bảng, biểu"),
    ("le.tren", "Mục I.3", "error", "Lề trên 20–25 mm"),
    ("le.duoi", "Mục I.3", "error", "Lề dưới 20–25 mm"),
    ("le.trai", "Mục I.3", "error", "Lề trái 30–35 mm"),
    ("le.phai", "Mục I.3", "error", "Lề phải 15–20 mm"),
    ("phong-chu", "Mục I.4", "error", "Phông chữ Times New Roman trong toàn văn bản"),
    ("so-trang.vi-tri", "Mục I.7", "error",
     "Số trang bằng chữ số Ả Rập, cỡ 13–14, đứng, giữa lề trên (đầu trang)"),
    ("so-trang.thieu", "Mục I.7", "warning",
     "Văn bản từ hai trang trở lên có số trang (số trang không suy ra được từ tệp)"),
    ("so-trang.trang-dau", "Mục I.7", "error", "Không đánh số trang thứ nhất"),
    ("quoc-hieu.thieu", "Mục II.1.a", "error", "Có Quốc hiệu ở đầu trang thứ nhất"),
    ("quoc-hieu.dinh-dang", "Mục II.1.a", "error", "Quốc hiệu in hoa, cỡ 12–13, đứng, đậm"),
    ("tieu-ngu.thieu", "Mục II.1.b", "error", "Có Tiêu ngữ dưới Quốc hiệu"),
    ("tieu-ngu.dinh-dang", "Mục II.1.b", "error",
     "Tiêu ngữ «Độc lập - Tự do - Hạnh phúc», chữ đầu cụm từ viết hoa, gạch nối có cách chữ, "
     "cỡ 13–14, đứng, đậm, căn giữa"),
    ("tieu-ngu.gach-chan", "Mục II.1.b", "error", "Đường kẻ ngang, nét liền dưới Tiêu ngữ"),
    ("tieu-ngu.do-dai-gach", "Mục II.1.b", "warning",
     "Đường kẻ dưới Tiêu ngữ dài bằng dòng chữ Tiêu ngữ (ước lượng; chấp nhận ±25%)"),
    ("co-quan.thieu", "Mục II.2", "error", "Có tên cơ quan, tổ chức ban hành văn bản"),
    ("co-quan.dinh-dang", "Mục II.2.b", "error",
     "Tên cơ quan in hoa, cỡ 12–13, đứng; cơ quan ban hành đậm, cơ quan chủ quản không đậm"),
    ("co-quan.gach-chan", "Mục II.2.b", "error",
     "Đường kẻ ngang, nét liền dưới tên cơ quan ban hành"),
    ("co-quan.do-dai-gach", "Mục II.2.b", "warning",
     "Đường kẻ dưới tên cơ quan ban hành dài 1/3 đến 1/2 dòng chữ "
     "(ước lượng; chấp nhận 0,25–0,6 lần)"),
    ("so-ky-hieu.thieu", "Mục II.3", "error", "Có số, ký hiệu của văn bản («Số: …/…-…»)"),
    ("so-ky-hieu.dinh-dang", "Mục II.3.c", "error", "Số, ký hiệu cỡ 13, đứng"),
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
     "Địa danh và thời gian ban hành cỡ 13–14, nghiêng"),
    ("ngay-thang.dang", "Mục II.4.b", "error",
     "«…, ngày … tháng … năm …»: ngày nhỏ hơn 10 và tháng 1, 2 ghi thêm số 0; "
     "tháng 3–12 không thêm số 0; năm đủ bốn chữ số"),
    ("ngay-thang.de-trong", "Mục II.4.b", "warning",
     "Ngày ban hành còn để trống (bản dự thảo)"),
    ("ten-loai.dinh-dang", "Mục II.5.b", "error",
     "Tên loại văn bản in hoa, cỡ 13–14, đậm, căn giữa"),
    ("trich-yeu.dinh-dang", "Mục II.5.b", "error", "Trích yếu cỡ 13–14, đứng, đậm, căn giữa"),
    ("trich-yeu.gach-chan", "Mục II.5.b", "error", "Đường kẻ ngang, nét liền dưới trích yếu"),
    ("trich-yeu.do-dai-gach", "Mục II.5.b", "warning",
     "Đường kẻ dưới trích yếu dài 1/3 đến 1/2 dòng chữ (ước lượng; chấp nhận 0,25–0,6 lần)"),
    ("noi-dung.co-chu", "Mục II.6.e", "error", "Nội dung cỡ 13–14"),
    ("noi-dung.can-deu", "Mục II.6.e", "error", "Nội dung căn đều hai lề"),
    ("noi-dung.thut-dau-dong", "Mục II.6.e", "error", "Đầu dòng lùi vào 1 cm hoặc 1,27 cm"),
    ("noi-dung.gian-doan", "Mục II.6.e", "error", "Khoảng cách giữa các đoạn văn tối thiểu 6 pt"),
    ("noi-dung.gian-dong", "Mục II.6.e", "error",
     "Khoảng cách giữa các dòng từ một dòng đơn đến 1,5 dòng"),
    ("noi-nhan.thieu", "Mục II.9.b–d", "error",
     "Mọi văn bản có phần «Nơi nhận:» (ô 9b) kèm danh sách nơi nhận"),
    ("noi-nhan.nhu-tren", "Mục II.9.b", "warning",
     "Văn bản có «Kính gửi:» (ô 9a): danh sách «Nơi nhận:» bắt đầu bằng «- Như trên;»"),
    ("noi-nhan.dinh-dang", "Mục II.9.d", "error", "Từ «Nơi nhận:» cỡ 12, nghiêng, đậm"),
    ("noi-nhan.danh-sach", "Mục II.9.d", "error",
     "Danh sách nơi nhận cỡ 11, đứng; mỗi nơi nhận một dòng bắt đầu bằng «-»"),
    ("noi-nhan.luu", "Mục II.9.d", "error", "Dòng cuối cùng «- Lưu: VT, …»"),
    ("chu-ky.tham-quyen", "Mục II.7.a–b", "error",
     "Quyền hạn người ký viết «TM.», «KT.», «Q.», «TL.», «TUQ.»; "
     "sau KT., TL., TUQ. có chức vụ của người ký"),
    ("chu-ky.chuc-vu", "Mục II.7.đ", "error",
     "Quyền hạn, chức vụ người ký in hoa, cỡ 13–14, đứng, đậm"),
    ("chu-ky.ho-ten", "Mục II.7.đ", "error", "Họ tên người ký in thường, cỡ 13–14, đứng, đậm"),
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
