"""Report type ``ke-hoach``: the plan modelled on Kế hoạch số 210/KH-UBND."""

from __future__ import annotations

from pathlib import Path

import pytest

import baocao

from conftest import EXAMPLES
from docx_reading import find, texts

KE_HOACH = EXAMPLES / "ke-hoach-210-2023.yaml"


def render_lines(path: Path) -> list[str]:
    data = baocao.render(baocao.load(path))
    assert data is not None
    return texts(data)


@pytest.fixture(scope="module")
def ke_hoach() -> bytes:
    data = baocao.render(baocao.load(KE_HOACH))
    assert data is not None
    return data


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


def test_opening_cites_the_provincial_plan(ke_hoach: bytes) -> None:
    opening = find(ke_hoach, "Thực hiện Kế hoạch số 596/KH-UBND ngày 07/9/2023 của UBND tỉnh")
    assert opening.text.endswith("trên địa bàn thành phố, cụ thể như sau:")


def test_a_task_has_its_lines_and_units(ke_hoach: bytes) -> None:
    lines = texts(ke_hoach)
    start = lines.index("1. Công tác chuẩn bị")
    assert lines[start : start + 6] == [
        "1. Công tác chuẩn bị",
        "- Kiện toàn Ban chỉ đạo rà soát hộ nghèo, hộ cận nghèo thành phố và các xã, phường;",
        "- In, cấp phát tài liệu, mẫu biểu phục vụ rà soát cho các xã, phường.",
        "- Đơn vị chủ trì: Phòng Lao động - Thương binh và Xã hội.",
        "- Đơn vị phối hợp: UBND các xã, phường.",
        "- Thời gian thực hiện: Trước ngày 30/9/2023.",
    ]
    assert "Từ ngày 15/9/2023 đến hết ngày 14/12/2023." in lines
    assert [r.text for r in find(ke_hoach, "- Đơn vị chủ trì").runs if r.italic] == ["Đơn vị chủ trì:"]


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
    start = text.index("kinh_phi:")
    text = text[:start] + text[text.index("to_chuc_thuc_hien:"):]
    path = tmp_path / "kh.yaml"
    path.write_text(text, encoding="utf-8")
    lines = render_lines(path)
    assert "IV. TỔ CHỨC THỰC HIỆN" in lines
    assert not any("KINH PHÍ" in line for line in lines)


def test_a_period_needs_both_ends(tmp_path: Path) -> None:
    path = tmp_path / "kh.yaml"
    path.write_text(KE_HOACH.read_text(encoding="utf-8").replace("  den_ngay: 2023-12-14\n", ""),
                    encoding="utf-8")
    [finding] = baocao.validate(path)
    assert finding.path == "thoi_gian" and "«den_ngay»" in finding.message


def test_doctests() -> None:
    import doctest

    from baocao.loai.ke_hoach import context

    result = doctest.testmod(context)
    assert result.attempted >= 2 and result.failed == 0
