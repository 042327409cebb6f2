"""Report type ``ke-hoach``: bases one per paragraph, a free body, the plan's parts as
optional helpers worded as the plan words them."""

from __future__ import annotations

from pathlib import Path

import pytest

import baocao

from conftest import EXAMPLES
from docx_reading import paragraphs, texts

KE_HOACH = EXAMPLES / "ke-hoach-210-2023.yaml"

FRAME = """\
loai: ke-hoach
co_quan: {ten: [Ủy ban nhân dân, xã Mẫu], ten_goi_tat: UBND xã Mẫu, viet_tat: UBND}
so: 12
ky_hieu: KH-UBND
dia_danh: Mẫu
ngay: 2025-11-19
trich_yeu: Thực hiện một việc
noi_nhan: {danh_sach: [UBND tỉnh], luu: VT}
nguoi_ky: {tham_quyen: TM., thay_mat: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Nguyễn Văn A}
"""
"""The frame of a small plan; a test adds its body."""


def render_lines(path: Path) -> list[str]:
    data = baocao.render(baocao.load(path))
    assert data is not None
    return texts(data, first_section_only=True)


def plan(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "kh.yaml"
    path.write_text(FRAME + body, encoding="utf-8")
    return path


def between(lines: list[str], first: str, last: str) -> list[str]:
    """The lines from ``first`` up to and including ``last``."""
    start = lines.index(first)
    return lines[start : lines.index(last, start) + 1]


@pytest.fixture(scope="module")
def ke_hoach() -> bytes:
    data = baocao.render(baocao.load(KE_HOACH))
    assert data is not None
    return data


# --- the illustrative plan 210 ------------------------------------------------------------------


def test_sections_in_the_order_of_a_plan(ke_hoach: bytes) -> None:
    lines = texts(ke_hoach)
    sections = [line for line in lines if line.split(".")[0] in ("I", "II", "III", "IV", "V")]
    assert sections == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG",
        "III. THỜI GIAN THỰC HIỆN",
        "IV. KINH PHÍ THỰC HIỆN",
        "V. TỔ CHỨC THỰC HIỆN",
    ]
    assert lines[lines.index("KẾ HOẠCH") - 1] == "TP. Bắc Kạn, ngày 15 tháng 9 năm 2023"
    assert "Số: 210/KH-UBND" in lines


def test_the_base_is_its_own_paragraph_before_the_opening(ke_hoach: bytes) -> None:
    lines = texts(ke_hoach)
    title = "Thực hiện rà soát hộ nghèo, hộ cận nghèo năm 2023 trên địa bàn thành phố Bắc Kạn"
    start = lines.index(title) + 1
    assert lines[start : start + 3] == [
        "Thực hiện Kế hoạch số 596/KH-UBND ngày 07/9/2023 của UBND tỉnh về việc thực hiện rà soát hộ "
        "nghèo, hộ cận nghèo năm 2023 trên địa bàn tỉnh Bắc Kạn;",
        "UBND thành phố Bắc Kạn ban hành Kế hoạch thực hiện rà soát hộ nghèo, hộ cận nghèo năm 2023 "
        "trên địa bàn thành phố, cụ thể như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
    ]


def test_a_task_has_its_lines_and_units(ke_hoach: bytes) -> None:
    lines = texts(ke_hoach)
    assert between(lines, "1. Công tác chuẩn bị", "- Thời gian thực hiện: Trước ngày 30/9/2023.") == [
        "1. Công tác chuẩn bị",
        "- Kiện toàn Ban chỉ đạo rà soát hộ nghèo, hộ cận nghèo thành phố và các xã, phường;",
        "- In, cấp phát tài liệu, mẫu biểu phục vụ rà soát cho các xã, phường.",
        "- Đơn vị chủ trì: Phòng Lao động - Thương binh và Xã hội.",
        "- Đơn vị phối hợp: UBND các xã, phường.",
        "- Thời gian thực hiện: Trước ngày 30/9/2023.",
    ]
    assert "Từ ngày 15/9/2023 đến hết ngày 14/12/2023." in lines
    [line] = [p for p in paragraphs(ke_hoach) if "Đơn vị phối hợp" in p.text]
    assert [r.text for r in line.runs if r.italic] == ["Đơn vị phối hợp:"]
    assert line.style is not None and line.style.name == "Gach dau dong"  # a list item, hanging indent


def test_units_and_default_closing(ke_hoach: bytes) -> None:
    lines = texts(ke_hoach)
    start = lines.index("V. TỔ CHỨC THỰC HIỆN")
    units = [line for line in lines[start:] if line[:2] in ("1.", "2.", "3.")]
    assert units == ["1. Phòng Lao động - Thương binh và Xã hội",
                     "2. Trung tâm Văn hóa, Thể thao và Truyền thông", "3. UBND các xã, phường"]
    closing = lines[lines.index("Nơi nhận:") - 1]
    assert closing.startswith("Trong quá trình tổ chức thực hiện") and "UBND thành phố Bắc Kạn" in closing
    assert closing.endswith("./.")


def test_without_budget_the_sections_renumber(tmp_path: Path) -> None:
    text = KE_HOACH.read_text(encoding="utf-8")
    start = text.index("  - kinh_phi:")
    path = tmp_path / "kh.yaml"
    path.write_text(text[:start] + text[text.index("  - to_chuc_thuc_hien:"):], encoding="utf-8")
    lines = render_lines(path)
    assert "IV. TỔ CHỨC THỰC HIỆN" in lines
    assert not any("KINH PHÍ" in line for line in lines)


def test_a_period_needs_both_ends(tmp_path: Path) -> None:
    path = tmp_path / "kh.yaml"
    path.write_text(KE_HOACH.read_text(encoding="utf-8").replace("      den_ngay: 2023-12-14\n", ""),
                    encoding="utf-8")
    [finding] = baocao.validate(path)
    assert finding.path == "noi_dung[2].thoi_gian" and "«den_ngay»" in finding.message
    assert finding.line == KE_HOACH.read_text(encoding="utf-8").splitlines().index("  - thoi_gian:") + 1


# --- a free structure: only what the plan has ---------------------------------------------------


def test_a_plan_without_the_usual_parts(tmp_path: Path) -> None:
    """No thời gian, no mục đích: the body is what the plan writes, and nothing more."""
    lines = render_lines(plan(tmp_path, """\
noi_dung:
  - muc: Nội dung
    noi_dung: [Làm một việc.]
ket_luan: Đề nghị các đơn vị thực hiện./.
"""))
    assert between(lines, "Thực hiện một việc", "Đề nghị các đơn vị thực hiện./.") == [
        "Thực hiện một việc", "I. NỘI DUNG", "Làm một việc.", "Đề nghị các đơn vị thực hiện./.",
    ]


def test_headings_and_labels_as_the_plan_words_them(tmp_path: Path) -> None:
    lines = render_lines(plan(tmp_path, """\
nhan_phan_cong: {chu_tri: Cơ quan chủ trì, phoi_hop: Cơ quan phối hợp, thoi_gian: Thời gian hoàn thành}
noi_dung:
  - muc_dich_yeu_cau:
      ten: Mục đích, yêu cầu và chỉ tiêu
      muc_dich: {ten: Mục đích chung, noi_dung: [Một mục đích.]}
  - muc: Nhiệm vụ
    noi_dung:
      - khoan: Rà soát
        noi_dung:
          - phan_cong: {chu_tri: Sở Y tế, phoi_hop: "UBND các xã;", thoi_gian: Quý IV/2025}
  - kinh_phi: {ten: Kinh phí, noi_dung: [Ngân sách xã.]}
  - to_chuc_thuc_hien:
      ten: Trách nhiệm thực hiện
      don_vi: [{don_vi: Sở Y tế, nhiem_vu: [Chủ trì.]}]
"""))
    assert between(lines, "I. MỤC ĐÍCH, YÊU CẦU VÀ CHỈ TIÊU", "1. Sở Y tế") == [
        "I. MỤC ĐÍCH, YÊU CẦU VÀ CHỈ TIÊU",
        "1. Mục đích chung",
        "Một mục đích.",
        "II. NHIỆM VỤ",
        "1. Rà soát",
        "- Cơ quan chủ trì: Sở Y tế.",
        "- Cơ quan phối hợp: UBND các xã.",
        "- Thời gian hoàn thành: Quý IV/2025.",
        "III. KINH PHÍ",
        "Ngân sách xã.",
        "IV. TRÁCH NHIỆM THỰC HIỆN",
        "1. Sở Y tế",
    ]


def test_a_part_inside_a_section_is_a_khoan_numbered_with_its_siblings() -> None:
    lines = render_lines(EXAMPLES / "ke-hoach-160-can-tho-2025.yaml")
    start = lines.index("II. ĐỐI TƯỢNG, THỜI GIAN VÀ THÀNH PHẦN THỰC HIỆN")
    headings = [line for line in lines[start : lines.index("III. NỘI DUNG GIÁM SÁT, ĐÁNH GIÁ")]
                if line[:2] in ("1.", "2.", "3.")]
    assert headings == ["1. Đối tượng thực hiện", "2. Thời gian thực hiện", "3. Thành phần thực hiện"]


def test_a_part_in_a_khoan_has_its_sub_headings_as_points(tmp_path: Path) -> None:
    lines = render_lines(plan(tmp_path, """\
noi_dung:
  - muc: Chung
    noi_dung:
      - khoan: Bối cảnh
      - muc_dich_yeu_cau: {muc_dich: [A.], yeu_cau: [B.]}
"""))
    assert between(lines, "I. CHUNG", "B.") == [
        "I. CHUNG", "1. Bối cảnh", "2. Mục đích, yêu cầu", "a) Mục đích", "A.", "b) Yêu cầu", "B.",
    ]


def test_a_period_in_the_long_date_form(tmp_path: Path) -> None:
    lines = render_lines(plan(tmp_path, """\
ngay_dai: true
noi_dung:
  - thoi_gian: {tu_ngay: 2025-11-20, den_ngay: 2025-12-03}
"""))
    assert "Từ ngày 20 tháng 11 năm 2025 đến hết ngày 03 tháng 12 năm 2025." in lines


# --- bases ------------------------------------------------------------------------------------


def test_bases_one_per_paragraph_as_written_and_typed(tmp_path: Path) -> None:
    lines = render_lines(plan(tmp_path, """\
ngay_dai: true
can_cu:
  - Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
  - loai: Thông tư
    so_ky_hieu: 10/2022/TT-BLĐTBXH
    ngay: 2022-05-31
    co_quan: Bộ trưởng Bộ Lao động - Thương binh và Xã hội
    trich_yeu: hướng dẫn giám sát, đánh giá
  - tien_to: Thực hiện
    loai: Thông báo
    so_ky_hieu: 552/TB-VPCP
    ngay: 2025-10-13
    co_quan: Văn phòng Chính phủ
    trich_yeu: Kết luận Phiên họp lần thứ tư.
mo_dau: "UBND xã ban hành Kế hoạch, cụ thể như sau:"
noi_dung: [Một đoạn.]
"""))
    first = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    assert between(lines, first, "Một đoạn.") == [
        first,
        "Căn cứ Thông tư số 10/2022/TT-BLĐTBXH ngày 31 tháng 5 năm 2022 của Bộ trưởng Bộ Lao động - "
        "Thương binh và Xã hội hướng dẫn giám sát, đánh giá;",
        "Thực hiện Thông báo số 552/TB-VPCP ngày 13 tháng 10 năm 2025 của Văn phòng Chính phủ Kết luận "
        "Phiên họp lần thứ tư.",
        "UBND xã ban hành Kế hoạch, cụ thể như sau:",
        "Một đoạn.",
    ]


# --- mistakes, located ----------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "path", "words"), [
    ("noi_dung:\n  - muc: A\n    noi_dung:\n      - khoan: B\n        noi_dung: [kinh_phi: [C.]]\n",
     "noi_dung[0].noi_dung[0].noi_dung[0]", "chỉ đặt ở đầu nội dung hoặc trong một «muc»"),
    ("noi_dung:\n  - to_chuc_thuc_hien: [{don_vi: 1. Sở Y tế, nhiem_vu: [A.]}]\n",
     "noi_dung[0].to_chuc_thuc_hien.don_vi[0].don_vi", "hãy bỏ «1.»"),
    ("noi_dung:\n  - muc_dich_yeu_cau: {ten: Mục tiêu}\n",
     "noi_dung[0].muc_dich_yeu_cau", "muc_dich, yeu_cau"),
    ("noi_dung:\n  - muc: A\n    noi_dung:\n      - phan_cong: {}\n",
     "noi_dung[0].noi_dung[0].phan_cong", "chu_tri, phoi_hop, thoi_gian"),
    ("noi_dung:\n  - tieu_de: Công tác chuẩn bị\n", "noi_dung[0]", "muc_dich_yeu_cau, thoi_gian"),
])
def test_mistakes_are_located(tmp_path: Path, body: str, path: str, words: str) -> None:
    [finding] = baocao.validate(plan(tmp_path, body))
    assert finding.path == path and words in finding.message
    assert finding.severity == "error"


# --- a body pasted as text --------------------------------------------------------------------


def test_a_pasted_body_gives_the_plan_once_closed(tmp_path: Path) -> None:
    """The pasted Kế hoạch 160 (examples/dan/, written for bao-cao) as a ke-hoach: the same
    paragraphs as the typed YAML — its closing "./." is not followed by the default one."""
    pasted = EXAMPLES / "dan" / "ke-hoach-160-can-tho-2025.yaml"
    (tmp_path / "ke-hoach-160-can-tho-2025.md").write_bytes(pasted.with_suffix(".md").read_bytes())
    text = pasted.read_text(encoding="utf-8").replace("loai: bao-cao", "loai: ke-hoach")
    path = tmp_path / "kh.yaml"
    path.write_text(text.replace("ten_loai: Kế hoạch\n", ""), encoding="utf-8")
    assert render_lines(path) == render_lines(EXAMPLES / "ke-hoach-160-can-tho-2025.yaml")


def test_the_default_closing_when_the_body_has_none(tmp_path: Path) -> None:
    lines = render_lines(plan(tmp_path, "noi_dung: [Làm một việc.]\n"))
    closing = lines[lines.index("Nơi nhận:") - 1]
    assert closing.startswith("Trong quá trình tổ chức thực hiện") and "UBND xã Mẫu" in closing
