"""A real office suite opens the output: LibreOffice converts it to PDF.

In CI (``CI`` set) LibreOffice must be there: a missing office suite fails the
test instead of skipping it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader


def test_libreoffice_converts_the_report_to_pdf(bac_kan_docx: bytes, tmp_path: Path, soffice: str) -> None:
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(bac_kan_docx)
    profile = tmp_path / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = PdfReader(tmp_path / "bao-cao.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert len(reader.pages) >= 2
    assert "BÁO CÁO" in text
    assert "12.299 hộ" in text
    assert "1,97%" in text
    assert "Hoàng Hà Bắc" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_libreoffice_opens_the_other_builtin_types(tmp_path: Path, soffice: str) -> None:
    """The free body's blocks and tables, the công văn / Kính gửi layout, the appendices
    of a reproduced plan, read back from PDF."""
    import baocao

    from conftest import EXAMPLES

    expected = {
        "bao-cao-chung": ["Kính gửi: Ủy ban nhân dân thành phố Bắc Kạn", "Chứng thực 1.285 1.280 5"],
        "cong-van-don-doc": ["V/v đôn đốc hoàn thành", "- Ủy ban nhân dân các xã, phường;"],
        "ke-hoach-210-2023": ["KẾ HOẠCH", "V. TỔ CHỨC THỰC HIỆN"],
        "ke-hoach-157-can-tho-2025": ["đ) Xét thi đua khen thưởng", "NHÓM XÃ, PHƯỜNG"],
        "ke-hoach-160-can-tho-2025": ["+ Nội dung theo dõi", "VI. TỔ CHỨC THỰC HIỆN", "Trần Chí Hùng"],
        "ke-hoach-235-thanh-hoa-2025": ["1.1. Tôm nuôi nước lợ", "PHỤ LỤC III", "Tọa độ lấy mẫu"],
        "cong-van-4169-hcm-2025": ["Số: 4169/UBND-VX", "(4) Các cơ quan, tổ chức", "2.1. Các nội dung chung",
                                   "đ) Đối với Ban Thường vụ", "Nguyễn Mạnh Cường"],
    }
    sources = []
    for name in expected:
        path = tmp_path / f"{name}.docx"
        baocao.render(baocao.load(EXAMPLES / f"{name}.yaml"), path)
        sources.append(str(path))
    profile = tmp_path / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *sources],
        check=True, capture_output=True, timeout=300,
    )
    for name, phrases in expected.items():
        reader = PdfReader(tmp_path / f"{name}.pdf")
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        for phrase in phrases:
            assert phrase in text, (name, phrase)
    # the reproduced plan's three appendices each begin a page; the wide one is landscape
    pages = PdfReader(tmp_path / "ke-hoach-235-thanh-hoa-2025.pdf").pages
    starts = [i for i, page in enumerate(pages) if page.extract_text().lstrip().startswith("PHỤ LỤC")]
    assert len(starts) == 3
    assert [i for i, page in enumerate(pages) if page.mediabox.width > page.mediabox.height] == [starts[1]]
