"""The command line: new, schema, render --pdf, batch; exit codes; atomic outputs."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from ruamel.yaml import YAML

from baocao.cli import main
from baocao.loai.ra_soat_ho_ngheo.model import NhomHo

from conftest import BAC_KAN
from docx_reading import texts


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _variant(folder: Path, name: str, old: str = "", new: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(BAC_KAN.read_text(encoding="utf-8").replace(old, new) if old else
                    BAC_KAN.read_text(encoding="utf-8"), encoding="utf-8")
    return path


# --- help, version, usage ---------------------------------------------------------------------------

def test_help_is_vietnamese_and_documents_exit_codes_and_commands() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "Mã thoát: 0" in out and "2 sai cách dùng" in out
    for command in ("render", "validate", "templates", "new", "schema", "batch"):
        assert command in out
    code, out, _ = run("batch", "--help")
    assert code == 0 and "THƯ_MỤC" in out and "song song" in out


def test_usage_errors_exit_2_in_vietnamese(tmp_path: Path) -> None:
    code, _, err = run("batch", str(BAC_KAN))
    assert code == 2 and "thiếu đối số bắt buộc" in err
    code, _, err = run("batch", str(BAC_KAN), "-o", str(tmp_path), "-j", "0")
    assert code == 2 and "số nguyên dương" in err
    code, _, err = run("new", "ra-soat-ho-ngeo")
    assert code == 2 and "«ra-soat-ho-ngheo»" in err


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("baocao ")


def test_python_m_baocao_runs_as_a_program(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    done = subprocess.run([sys.executable, "-m", "baocao", "render", str(BAC_KAN), "-o", str(out)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "BÁO CÁO" in texts(out.read_bytes())
    helped = subprocess.run([sys.executable, "-m", "baocao", "--help"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert helped.returncode == 0 and "Cách dùng: baocao" in helped.stdout


def test_help_stays_lazy() -> None:
    # python -m baocao --help must not pay for pydantic, docxtpl, Jinja or YAML.
    program = ("import runpy, sys\n"
               "sys.argv = ['baocao', '--help']\n"
               "try:\n    runpy.run_module('baocao', run_name='__main__')\n"
               "except SystemExit:\n    pass\n"
               "heavy = sorted(m for m in ('pydantic', 'docxtpl', 'docx', 'jinja2', 'yaml', 'lxml')"
               " if m in sys.modules)\n"
               "print('heavy:', heavy)\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "Cách dùng: baocao" in done.stdout and "heavy: []" in done.stdout


# --- new and schema ---------------------------------------------------------------------------------

def _fill_blanks(node: Any, example: Any) -> None:
    """Fill every blank of a skeleton with the seed example's value at the same path
    (the seed is a known-valid value for every path, cross-field rules included)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if value is None:
                node[key] = example[key]
            else:
                _fill_blanks(value, example[key])
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if value is None:
                node[index] = example[index]
            else:
                _fill_blanks(value, example[index])


def test_new_skeleton_round_trip_blank_then_filled_validates(tmp_path: Path) -> None:
    target = tmp_path / "xa-a.yaml"
    code, out, _ = run("new", "ra-soat-ho-ngheo", "-o", str(target))
    assert code == 0 and str(target) in out
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=ra-soat-ho-ngheo.schema.json"
    assert (tmp_path / "ra-soat-ho-ngheo.schema.json").is_file()
    description = NhomHo.model_fields["so_ho"].description
    assert f"# {description} [số nguyên] (bắt buộc)" in text  # every field with its description
    assert "# ten_loai: Báo cáo" in text  # optional, commented out with its default

    code, _, err = run("validate", str(target))
    assert code == 1
    assert f"{target}:" in err and "ket_qua.ho_ngheo.so_ho" in err and "trang_thai" in err

    yaml = YAML()
    skeleton = yaml.load(text)
    _fill_blanks(skeleton, yaml.load(BAC_KAN.read_text(encoding="utf-8")))
    with target.open("w", encoding="utf-8") as stream:
        yaml.dump(skeleton, stream)
    code, out, err = run("validate", str(target))
    assert (code, err) == (0, ""), err
    assert "hợp lệ" in out
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_new_to_stdout_and_never_overwrites_without_force(tmp_path: Path) -> None:
    code, out, _ = run("new", "ra-soat-ho-ngheo")
    assert code == 0 and "\nloai: ra-soat-ho-ngheo\n" in out
    existing = tmp_path / "du-lieu.yaml"
    existing.write_text("đã điền\n", encoding="utf-8")
    code, _, err = run("new", "ra-soat-ho-ngheo", "-o", str(existing))
    assert code == 1 and "--force" in err
    assert existing.read_text(encoding="utf-8") == "đã điền\n"
    assert run("new", "ra-soat-ho-ngheo", "-o", str(existing), "--force")[0] == 0
    assert "loai: ra-soat-ho-ngheo" in existing.read_text(encoding="utf-8")


def test_schema_has_vietnamese_titles_and_covers_the_skeleton_keys(tmp_path: Path) -> None:
    code, out, _ = run("schema", "ra-soat-ho-ngheo")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo"
    assert schema["additionalProperties"] is False
    props = schema["properties"]
    assert props["ky_hieu"]["title"] == "Ký hiệu văn bản sau dấu «/»"
    assert props["ket_qua"]["title"] == "Kết quả thực hiện"  # sections are numbered among those present
    ho = schema["$defs"]["NhomHo"]["properties"]["so_ho"]
    assert ho["title"] == "Số hộ năm nay" and ho["type"] == "integer" and ho["minimum"] == 0
    titled = [p for d in [schema, *schema["$defs"].values()] for p in d.get("properties", {}).values()]
    assert all(p.get("title") for p in titled)
    assert set(YAML().load(run("new", "ra-soat-ho-ngheo")[1])) <= set(props)
    target = tmp_path / "s.json"
    assert run("schema", "ra-soat-ho-ngheo", "-o", str(target), "-q") == (0, "", "")
    assert json.loads(target.read_text(encoding="utf-8")) == schema


# --- render: atomic outputs, PDF ---------------------------------------------------------------------

def test_failed_render_leaves_an_existing_output_untouched(tmp_path: Path) -> None:
    broken = _variant(tmp_path, "bao-cao.yaml", "tong_so_ho: 12299", "tong_so_ho: nhieu")
    out = tmp_path / "bao-cao.docx"
    out.write_bytes(b"ban cu dang dung")
    code, _, err = run("render", str(broken), "-o", str(out))
    assert code == 1 and "ket_qua.tong_so_ho" in err
    assert out.read_bytes() == b"ban cu dang dung"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx", "bao-cao.yaml"]



def test_render_pdf_through_libreoffice(tmp_path: Path, soffice: str) -> None:
    out = tmp_path / "bao-cao.docx"
    (tmp_path / "bao-cao.pdf").write_bytes(b"old")
    code, stdout, err = run("render", str(BAC_KAN), "-o", str(out), "--pdf")
    assert code == 0, err
    assert "bao-cao.pdf" in stdout
    reader = PdfReader(tmp_path / "bao-cao.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "BÁO CÁO" in text and "Hoàng Hà Bắc" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx", "bao-cao.pdf"]


def test_render_pdf_without_libreoffice_names_the_package(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("BAOCAO_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "bao-cao.docx"
    code, _, err = run("render", str(BAC_KAN), "-o", str(out), "--pdf")
    assert code == 1
    assert "LibreOffice" in err and "apt-get install libreoffice-writer-nogui" in err
    assert not out.exists()


# --- batch ------------------------------------------------------------------------------------------

def test_batch_one_broken_file_does_not_stop_the_others(tmp_path: Path) -> None:
    data = tmp_path / "du-lieu"
    for name in ("xa-a", "xa-b", "xa-c"):
        _variant(data, f"{name}.yaml", "dia_ban: thành phố Bắc Kạn", f"dia_ban: {name}")
    _variant(data, "hong.yaml", "tong_so_ho: 12299", "tong_so_ho: nhieu")
    outdir = tmp_path / "ket-qua"
    code, out, err = run("batch", str(data), "-o", str(outdir), "-j", "2")
    assert code == 1
    assert sorted(p.name for p in outdir.iterdir()) == ["xa-a.docx", "xa-b.docx", "xa-c.docx"]
    assert any("xa-b" in line for line in texts((outdir / "xa-b.docx").read_bytes()))
    assert "Đã tạo 3/4 báo cáo, 1 lỗi" in out
    assert "1 tệp không tạo được báo cáo" in err
    assert "hong.yaml:" in err and "ket_qua.tong_so_ho" in err and "[kieu-so-nguyen]" in err
    assert out.count("[") >= 4  # a plain progress line per file (not a terminal)


def test_batch_in_parallel_writes_the_same_bytes_as_one_by_one(tmp_path: Path) -> None:
    inputs = [str(_variant(tmp_path / "in", f"xa-{i}.yaml", "nam: 2023", "nam: 2023")) for i in range(3)]
    pattern = str(tmp_path / "in" / "*.yaml")
    assert run("batch", pattern, "-o", str(tmp_path / "j1"), "-j", "1", "-q") == (0, "", "")
    assert run("batch", *inputs, "-o", str(tmp_path / "j2"), "-j", "2", "-q") == (0, "", "")
    for name in ("xa-0.docx", "xa-1.docx", "xa-2.docx"):
        first = (tmp_path / "j1" / name).read_bytes()
        assert first == (tmp_path / "j2" / name).read_bytes()
        assert zipfile.is_zipfile(io.BytesIO(first))


def test_batch_refuses_two_inputs_with_one_stem_before_starting(tmp_path: Path) -> None:
    first = _variant(tmp_path / "a", "xa.yaml")
    second = _variant(tmp_path / "b", "xa.yaml")
    outdir = tmp_path / "out"
    code, _, err = run("batch", str(first), str(second), "-o", str(outdir))
    assert code == 2 and "cùng tên" in err and "xa.docx" in err
    assert not outdir.exists()
    code, _, err = run("batch", str(tmp_path / "khong-co" / "*.yaml"), "-o", str(outdir))
    assert code == 2 and "không khớp" in err
