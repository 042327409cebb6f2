"""examples/plugin: the path a third party takes, proven end to end.

The package is installed, with baocao, into a fresh virtual environment (no
system site-packages, so nothing is borrowed from this one), and its example is
rendered through ``python -m baocao`` there.  pip's cache keeps this to seconds
after the first run.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import io
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from baocao import plugin

from conftest import ROOT
from docx_reading import find, texts

PLUGIN = ROOT / "examples" / "plugin"


def run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_a_third_party_package_installs_and_renders(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", ROOT, PLUGIN, cwd=tmp_path)

    listing = run(python, "-m", "baocao", "templates", cwd=tmp_path).splitlines()
    [line] = [line for line in listing if line.startswith("giay-moi ")]
    assert "Giấy mời họp" in line and line.endswith("[baocao-giay-moi]")
    assert any(line.startswith("ra-soat-ho-ngheo ") for line in listing)

    out = tmp_path / "giay-moi.docx"
    printed = run(python, "-m", "baocao", "render", PLUGIN / "giay-moi.yaml", "-o", out, cwd=tmp_path)
    assert printed.strip() == f"Đã tạo {out}"
    data = out.read_bytes()
    lines = texts(data)
    title = lines.index("GIẤY MỜI")
    assert lines[title + 1] == "Dự hội nghị tổng kết công tác rà soát hộ nghèo, hộ cận nghèo năm 2023"
    assert lines[title + 2 : title + 6] == [
        "UBND thành phố Bắc Kạn trân trọng kính mời:",
        "- Thành viên Ban chỉ đạo rà soát hộ nghèo, hộ cận nghèo thành phố;",
        "- Chủ tịch UBND các xã, phường.",
        "Thời gian: 08 giờ 00 phút, thứ Tư, ngày 20/12/2023.",
    ]
    # The official frame, shared, not copied: header, number, signature.
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines and "Số: 95/GM-UBND" in lines
    assert lines[lines.index("TL. CHỦ TỊCH") + 1 :][:2] == ["CHÁNH VĂN PHÒNG", "Trần Thị Hoa"]
    assert [r.text for r in find(data, "Đánh giá").runs if r.bold] == ["kết quả rà soát"]


def _parts(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def test_the_shipped_plugin_template_is_built_by_the_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PLUGIN / "src"))
    module = importlib.import_module("baocao_giay_moi")
    try:
        shipped = (PLUGIN / "src" / "baocao_giay_moi" / module.TEMPLATE).read_bytes()
        assert _parts(shipped) == _parts(plugin.build_template(module.body)), (
            "examples/plugin template is stale: run python examples/plugin/build_template.py"
        )
    finally:
        sys.modules.pop("baocao_giay_moi", None)


def test_the_example_plugin_uses_only_the_plugin_door() -> None:
    source = PLUGIN / "src" / "baocao_giay_moi" / "__init__.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names}
    assert {name for name in imported if name and name.split(".")[0] == "baocao"} == {"baocao.plugin"}
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             and node.module == "baocao.plugin" for alias in node.names}
    assert names <= set(plugin.__all__)


def test_the_example_plugin_writes_dates_as_the_core_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PLUGIN / "src"))
    module = importlib.import_module("baocao_giay_moi")
    try:
        meeting = SimpleNamespace(thoi_gian=dt.datetime(2023, 9, 7, 14, 30))
        assert module.context(meeting) == {"gio_hop": "14 giờ 30 phút, thứ Năm, ngày 07/9/2023"}
    finally:
        sys.modules.pop("baocao_giay_moi", None)
