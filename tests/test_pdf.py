"""The PDF a clerk hands to the văn thư: its text, its fonts, PDF/A, the e-office record,
and the cold converter's process group (issue 16; issue 11 part 7).

Read back by readers no one here wrote: poppler's ``pdftotext`` and pikepdf.
"""

from __future__ import annotations

import collections
import datetime as dt
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

from conftest import BAC_KAN, EXAMPLES

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
    """Phụ lục VI Phần II Mục I, the rows of tests/data/nd30/phu-luc-vi-van-ban-di.csv:
    «3 | Tên loại văn bản | TypeName», «4 | Số của văn bản | CodeNumber», «5 | Ký hiệu của
    văn bản | CodeNotation», «6 | Ngày, tháng, năm văn bản | IssuedDate», «7 | Tên cơ quan,
    tổ chức ban hành văn bản | OrganName», «8 | Trích yếu nội dung | Subject», «9 | Ngôn ngữ
    | Language», «10 | Số trang của văn bản | PageAmount», «12 | Chức vụ, họ tên người ký |
    Signerlnfo» (12.1 Position, 12.2 FullName), «13 | Nơi nhận | To» (13.1 OrganId, 13.2
    OrganName).  The PDF's own document information says the same: its title is the
    type and the subject, its author the issuing body (field 7)."""
    target, _ = render_pdf(tmp_path, "--meta")
    record = json.loads(target.with_suffix(".json").read_text(encoding="utf-8"))
    with pikepdf.open(target.with_suffix(".pdf")) as document:
        pages = len(document.pages)
        info = {str(key): str(value) for key, value in document.docinfo.items()}
    assert record == {
        "TypeName": "Báo cáo",
        "CodeNumber": None,  # a draft: the văn thư numbers and dates it after signing
        "CodeNotation": "BC-UBND",
        "IssuedDate": None,
        "OrganName": "Ủy ban nhân dân thành phố Bắc Kạn",
        "Subject": "Kết quả sơ bộ công tác điều tra, rà soát hộ nghèo, hộ cận nghèo trên địa bàn "
                   "thành phố Bắc Kạn, năm 2023",
        "Language": "vi",
        "PageAmount": pages,
        "SignerInfo": {"Position": "Chủ tịch", "FullName": "Hoàng Hà Bắc"},
        "To": [{"OrganId": None, "OrganName": name} for name in [
            "Sở Lao động - TB&XH tỉnh", "TT Thành ủy, HĐND thành phố", "Lãnh đạo UBND thành phố",
            "Thành viên BCD rà soát hộ nghèo thành phố", "Phòng Lao động - TB&XH thành phố",
            "UBND các xã, phường"]],
    }
    assert pages >= 2
    assert info["/Title"] == f"{record['TypeName']} {record['Subject']}"
    assert info["/Author"] == record["OrganName"]


PHU_LUC_VI = Path(__file__).parent / "data" / "nd30" / "phu-luc-vi-van-ban-di.csv"
# The decree prints two names with a lower-case l for the capital I in some rows (1.1
# «Organld», 12 «Signerlnfo»; 13.1 has «OrganId»): the table quotes them as printed, the
# record writes them as meant.
AS_MEANT = {"Signerlnfo": "SignerInfo", "Organld": "OrganId"}


def decree_rows() -> dict[str, dict[str, str]]:
    import csv

    with PHU_LUC_VI.open(encoding="utf-8", newline="") as handle:
        return {row["stt"]: row for row in csv.DictReader(handle)}


def written_fields(record: dict[str, object], parent: str = "") -> list[tuple[str, object]]:
    """(path, value) of every field of the record: ``SignerInfo.Position``, ``To[].OrganName``."""
    found: list[tuple[str, object]] = []
    for name, value in record.items():
        path = f"{parent}.{name}" if parent else name
        found.append((path, value))
        if isinstance(value, dict):
            found += written_fields(value, path)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                found += written_fields(item, f"{path}[]")
    return found


@pytest.mark.parametrize("example", ["bac-kan-2023.yaml", "cong-van-4169-hcm-2025.yaml",
                                     "cong-van-don-doc.yaml", "bao-cao-chung.yaml"])
def test_every_field_of_the_record_is_a_row_of_phu_luc_vi_with_its_type_and_length(example: str) -> None:
    """Each field the record writes is one row of Phụ lục VI Phần II Mục I (the table's
    column «baocao» names it), under that row's «Tên (viết tắt tiếng Anh)», nested in the
    group the decree puts it in (12.x under 12, 13.x under 13), and its value keeps to the
    row's «Kiểu dữ liệu» and «Độ dài»; every row the record leaves out says why."""
    from baocao.metadata import outgoing_fields

    rows = decree_rows()
    # the field each row is written as: the first word of its «baocao» column
    row_of = {row["baocao"].split()[0]: stt for stt, row in rows.items()
              if not row["baocao"].startswith("không ghi: ")}
    record = outgoing_fields(baocao.load(EXAMPLES / example), page_amount=3)
    written = written_fields(record)
    assert {path for path, _ in written} == set(row_of), {path for path, _ in written} ^ set(row_of)
    for path, value in written:
        row = rows[row_of[path]]
        name = path.rsplit(".", 1)[-1].removesuffix("[]")
        assert AS_MEANT.get(row["ten_viet_tat_tieng_anh"], row["ten_viet_tat_tieng_anh"]) == name, (path, row)
        if "." in path:  # a sub-row (12.1) of its group's row (12)
            assert row_of[path].startswith(row_of[path.split(".")[0].removesuffix("[]")] + "."), path
        kind, length = row["kieu_du_lieu"], row["do_dai"]
        if value is None or not kind:
            continue  # an empty field (a draft's number) or a group
        if kind == "String":
            assert isinstance(value, str) and 0 < len(value) <= int(length), (path, value)
        elif kind == "Number":
            assert isinstance(value, int) and len(str(value)) <= int(length), (path, value)
        else:
            assert kind == "Date" and isinstance(value, str) and len(value) == int(length), (path, value)
            dt.date.fromisoformat(value)


def test_a_signed_letter_gives_its_number_date_and_the_signer_under_kt() -> None:
    """«4 | Số của văn bản | CodeNumber | String | 11», «6 | Ngày, tháng, năm văn bản |
    IssuedDate | Date | 10», «12.1 | Chức vụ của người ký văn bản | Position»: the one who
    signs (a deputy under «KT.»); «Như trên» in Nơi nhận is those addressed, not a recipient."""
    from baocao.metadata import outgoing_fields

    report = baocao.load(EXAMPLES / "cong-van-don-doc.yaml")
    record = outgoing_fields(report, page_amount=2)
    assert record["CodeNumber"] == f"{report.so:02d}" and record["CodeNotation"] == report.ky_hieu
    assert record["IssuedDate"] == report.ngay_ban_hanh().isoformat()
    assert record["SignerInfo"] == {"Position": report.nguoi_ky.dong_chuc_vu()[-1],
                                    "FullName": report.nguoi_ky.ho_ten}
    names = [item["OrganName"] for item in record["To"]]
    assert names[:len(report.kinh_gui)] == report.kinh_gui
    assert "Như trên" not in names and len(names) == len(set(names))


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
