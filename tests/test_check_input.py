"""``check`` reads what it is given within bounds (issue 11, part 4's last items):
a device, a pipe, a folder and a zip that unpacks to far more than it weighs are refused
in Vietnamese, unread."""

from __future__ import annotations

import io
import os
import resource
import zipfile
from pathlib import Path

import pytest

from baocao import cli
from baocao.cli import MAX_DOCX_UNPACKED


def _check(path: str) -> tuple[int, str]:
    err = io.StringIO()
    status = cli.main(["check", path], stdout=io.StringIO(), stderr=err)
    return status, err.getvalue()


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_unread(path: str) -> None:
    status, err = _check(path)
    assert status == 1 and f"{path}: không phải tệp thường" in err


def test_a_pipe_and_a_folder_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "ong.docx"
    os.mkfifo(fifo)
    status, err = _check(str(fifo))
    assert status == 1 and "không phải tệp thường" in err
    status, err = _check(str(tmp_path))
    assert status == 1 and "đây là một thư mục" in err


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1 << 20)
            for _ in range(MAX_DOCX_UNPACKED // len(chunk) + 8):
                part.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    status, err = _check(str(bomb))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert status == 1 and "giải nén ra" in err and "vượt giới hạn" in err
    assert grown_mb < 64  # nothing was unpacked
