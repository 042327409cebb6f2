"""Edited copies of a built-in template, as a clerk or an attacker would make them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from baocao import cli
from baocao.registry import builtin_template

from conftest import BAC_KAN

HEADING = "{{ so.muc['lanh_dao_chi_dao'] }}CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"
"""A heading of the poverty report's template (its number computed: sections are
numbered among those the report has), replaced by the edits."""


def edited(old: str, new: str) -> bytes:
    """The built-in template with one text of word/document.xml replaced."""
    source = builtin_template("ra-soat-ho-ngheo").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
    return out.getvalue()


def write(tmp_path: Path, data: bytes, name: str = "mau-da-sua.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


OLD_OUTPUT = b"ban cu"
"""What stands at the output path before a render that must not replace it."""


def render_over_old_output(tmp_path: Path, template: Path) -> tuple[int, str, Path]:
    """``render`` of the seed with ``template`` onto an existing output: (exit status,
    what it printed on stderr, the output path)."""
    out = tmp_path / "bc.docx"
    out.write_bytes(OLD_OUTPUT)
    err = io.StringIO()
    status = cli.main(["render", str(BAC_KAN), "-o", str(out), "--template", str(template)],
                      stdout=io.StringIO(), stderr=err)
    return status, err.getvalue(), out
