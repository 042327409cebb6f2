"""The PDF a clerk hands to the văn thư: its text, its fonts, PDF/A, the e-office record,
and the cold converter's process group (issue 16; issue 11 part 7).

Read back by readers no one here wrote: poppler's ``pdftotext`` and pikepdf.
"""

from __future__ import annotations

import collections
import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table

import baocao
from baocao import cli, pdf
from baocao.errors import OutputError
from baocao.outputs import session

from conftest import BAC_KAN

pytestmark = pytest.mark.office


def docx_words(data: bytes) -> collections.Counter[str]:
    """Every word of the document's body, each cell once (a vertically merged cell's
    continuation, ``w:vMerge`` without ``restart``, is the cell above it)."""
    document = Document(io.BytesIO(data))
    words: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for tc in block._tbl.iter(qn("w:tc")):
                merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                if merge is not None and merge.get(qn("w:val")) != "restart":
                    continue
                for paragraph in tc.iter(qn("w:p")):
                    words += "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).split()
        else:
            words += block.text.split()
    return collections.Counter(words)


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        # -raw: no joining of a line that ends in "-" with the next (poppler drops the dash)
        return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                              text=True, check=True, timeout=60).stdout
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def fonts(path: Path) -> dict[str, bool]:
    """Each font of the PDF by its base name: whether its program is embedded."""
    found: dict[str, bool] = {}
    with pikepdf.open(path) as document:
        for page in document.pages:
            for font in page.obj.Resources.get("/Font", {}).values():
                described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = described.get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[str(font.BaseFont).split("+")[-1]] = embedded
    return found


def render_pdf(tmp_path: Path, *options: str) -> tuple[Path, str]:
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "bac-kan.docx"
    status = cli.main(["render", str(BAC_KAN), "-o", str(target), "--pdf", *options], stdout=out, stderr=err)
    assert status == 0, err.getvalue()
    return target, err.getvalue()


def test_the_pdf_says_what_the_docx_says(tmp_path: Path, soffice: str) -> None:
    target, _ = render_pdf(tmp_path)
    expected = docx_words(target.read_bytes())
    printed = collections.Counter(pdf_text(target.with_suffix(".pdf")).split())
    assert expected - printed == collections.Counter()
    pages = len(pikepdf.open(target.with_suffix(".pdf")).pages)
    # what the PDF adds: the page numbers of the header (none on a first page)
    assert set((printed - expected).elements()) <= {str(n) for n in range(2, pages + 1)}


def test_fonts_are_embedded_times_new_roman_or_its_metric_twin(tmp_path: Path, soffice: str) -> None:
    target, err = render_pdf(tmp_path)
    found = fonts(target.with_suffix(".pdf"))
    assert found and all(found.values()), found
    families = {name.split("-")[0].split(",")[0] for name in found}
    if pdf.has_font("Times New Roman"):
        assert families <= {"TimesNewRomanPSMT", "TimesNewRoman", "TimesNewRomanPS"}, families
        assert "Times New Roman" not in err
    else:
        assert families == {"LiberationSerif"}, families
        assert err.count("\n") == 1 and "ttf-mscorefonts-installer" in err


def test_a_missing_times_new_roman_is_one_warning_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "has_font", lambda family="": False)
    err = io.StringIO()
    with session([baocao.outputs.PDF, baocao.outputs.PDF_A], err):
        pass
    assert err.getvalue() == pdf.FONT_WARNING + "\n"
    assert "Liberation Serif" in pdf.FONT_WARNING and "ttf-mscorefonts-installer" in pdf.FONT_WARNING


def test_pdf_a_2b_is_declared_with_its_output_intent_and_fonts(tmp_path: Path, soffice: str) -> None:
    target, _ = render_pdf(tmp_path, "--pdf-a")
    path = target.with_suffix(".pdf")
    with pikepdf.open(path) as document:
        meta = document.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        intents = document.Root.OutputIntents
        assert len(intents) >= 1 and intents[0].S == "/GTS_PDFA1" and "/DestOutputProfile" in intents[0]
        assert "/StructTreeRoot" in document.Root  # tagged
    assert fonts(path) and all(fonts(path).values())


def test_the_e_office_record_of_the_seed(tmp_path: Path, soffice: str) -> None:
    target, _ = render_pdf(tmp_path, "--meta")
    record = json.loads(target.with_suffix(".json").read_text(encoding="utf-8"))
    assert record == {
        "TypeName": "Báo cáo",
        "CodeNumber": None,  # a draft: the văn thư numbers and dates it after signing
        "CodeNotation": "BC-UBND",
        "IssuedDate": None,
        "Place": "TP. Bắc Kạn",
        "OrganName": "Ủy ban nhân dân thành phố Bắc Kạn",
        "OrganNameParent": None,
        "Subject": "Kết quả sơ bộ công tác điều tra, rà soát hộ nghèo, hộ cận nghèo trên địa bàn "
                   "thành phố Bắc Kạn, năm 2023",
        "SignerInfo": {"Competence": "TM. Ủy ban nhân dân", "Position": "Chủ tịch",
                       "FullName": "Hoàng Hà Bắc"},
        "To": ["Sở Lao động - TB&XH tỉnh", "TT Thành ủy, HĐND thành phố", "Lãnh đạo UBND thành phố",
               "Thành viên BCD rà soát hộ nghèo thành phố", "Phòng Lao động - TB&XH thành phố",
               "UBND các xã, phường"],
        "PageAmount": len(pikepdf.open(target.with_suffix(".pdf")).pages),
        "Language": "vi",
        "Format": "PDF",
    }
    assert record["PageAmount"] >= 2


def test_meta_counts_pages_without_pikepdf_too(tmp_path: Path, soffice: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from baocao.metadata import page_count

    target, _ = render_pdf(tmp_path)
    pages = len(pikepdf.open(target.with_suffix(".pdf")).pages)
    assert page_count(target.with_suffix(".pdf")) == pages
    monkeypatch.setitem(sys.modules, "pikepdf", None)
    assert page_count(target.with_suffix(".pdf")) == pages


# --- finding LibreOffice -------------------------------------------------------------


def test_libreoffice_is_found_in_the_macos_and_windows_install_folders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BAOCAO_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(OutputError, match="BAOCAO_SOFFICE"):
        pdf.find_soffice("darwin")
    app = tmp_path / "Applications" / "LibreOffice.app" / "Contents" / "MacOS" / "soffice"
    app.parent.mkdir(parents=True)
    app.write_text("")
    assert pdf.find_soffice("darwin") == str(app)
    monkeypatch.setenv("ProgramFiles", r"D:\Apps")
    assert str(pdf._install_candidates("win32")[0]).endswith(r"D:\Apps\LibreOffice\program\soffice.exe")
    monkeypatch.setenv("BAOCAO_SOFFICE", "/opt/lo/soffice")
    assert pdf.find_soffice("linux") == "/opt/lo/soffice"


# --- the cold path's process group (issue 11, part 7) ---------------------------------


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_hung_libreoffice_is_killed_with_everything_it_started(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fake soffice that starts a child (as oosplash starts soffice.bin) and hangs."""
    child_pid = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {child_pid}\nsleep 300\n")
    fake.chmod(0o755)
    monkeypatch.setenv("BAOCAO_SOFFICE", str(fake))
    source = tmp_path / "a.docx"
    source.write_bytes(b"x")
    start = time.monotonic()
    with pytest.raises(OutputError, match="không chuyển xong sang PDF sau 1 giây"):
        pdf.convert_to_pdf(source, timeout=1)
    assert time.monotonic() - start < 30
    pid = int(child_pid.read_text())
    for _ in range(50):
        if not _running(pid):
            break
        time.sleep(0.1)
    assert not _running(pid), "the hung converter's child is still running"
    assert not (tmp_path / "a.pdf").exists()
    assert not list(tmp_path.glob(".baocao-pdf-*"))



def test_each_appendix_is_a_pdf_of_its_own_with_its_own_page_numbers(tmp_path: Path, soffice: str) -> None:
    whole, _ = render_pdf(tmp_path)
    apart_dir = tmp_path / "rieng"
    apart_dir.mkdir()
    apart, _ = render_pdf(apart_dir, "--phu-luc-rieng")
    main, appendix = apart.with_suffix(".pdf"), apart.with_name("bac-kan.phu-luc.pdf")
    written = sorted(p.name for p in apart_dir.iterdir())
    assert written == ["bac-kan.docx", "bac-kan.pdf", "bac-kan.phu-luc.pdf"]
    main_text, appendix_text = pdf_text(main), pdf_text(appendix)
    assert "Hoàng Hà Bắc" in main_text and "Kèm theo" not in main_text
    assert appendix_text.split()[:2] == ["Phụ", "lục"] and "(Kèm theo" in appendix_text
    pages = [len(pikepdf.open(p).pages) for p in (whole.with_suffix(".pdf"), main, appendix)]
    assert pages[0] == pages[1] + pages[2]
    # together they print what the whole PDF prints, page numbers included (each from 1)
    together = collections.Counter(main_text.split()) + collections.Counter(appendix_text.split())
    assert together == collections.Counter(pdf_text(whole.with_suffix(".pdf")).split())
