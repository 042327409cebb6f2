"""Ctrl-C on ``baocao batch`` (issue 11, part 7): a real process, a real SIGINT.

The signal goes to the whole process group, as a terminal's Ctrl-C does.  Expected:
stopped within a few seconds, the finished reports kept (each a whole .docx), no
partial or temporary file, one Vietnamese summary line, exit 130, no process left.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES

FILES = 200
STOP_WITHIN = 5.0
"""Seconds from Ctrl-C to exit; about one on a quiet machine (a report takes ~0.1 s)."""


def _inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "du-lieu"
    folder.mkdir()
    for number in range(FILES):
        shutil.copy(EXAMPLES / "bao-cao-chung.yaml", folder / f"bc-{number:03}.yaml")
    return folder


def _group_gone(group: int, within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def _interrupt(tmp_path: Path, jobs: str, presses: int, gap: float) -> tuple[int, float, str, Path]:
    """Start a batch, let five reports finish, press Ctrl-C ``presses`` times."""
    out_dir = tmp_path / "ra"
    process = subprocess.Popen(
        [sys.executable, "-m", "baocao", "batch", str(_inputs(tmp_path)), "-o", str(out_dir), "-j", jobs],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        assert process.stdout is not None
        for _ in range(5):  # "[n/200] … → ….docx": five reports written
            assert "→" in process.stdout.readline()
        pressed = time.monotonic()
        for press in range(presses):
            if press:
                time.sleep(gap)
            try:
                os.killpg(process.pid, signal.SIGINT)
            except ProcessLookupError:
                break  # already stopped
        _, err = process.communicate(timeout=60)
        took = time.monotonic() - pressed
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert _group_gone(process.pid), "a worker process is left"
    return process.returncode, took, err, out_dir


@pytest.mark.parametrize(("jobs", "presses", "gap"), [
    ("2", 1, 0.0),    # one Ctrl-C: the running reports finish, the queued ones do not start
    ("2", 2, 0.05),   # a second Ctrl-C at once: the workers are killed, their temporary files removed
    ("2", 2, 0.5),    # a second Ctrl-C a moment later (it hung the parent before)
    ("1", 1, 0.0),    # no pool: the report being written finishes
    ("1", 2, 0.05),
])
def test_ctrl_c_stops_batch_keeps_finished_files_and_leaves_nothing_partial(
    tmp_path: Path, jobs: str, presses: int, gap: float
) -> None:
    code, took, err, out_dir = _interrupt(tmp_path, jobs, presses, gap)
    assert code == 130, err
    assert took < STOP_WITHIN, f"stopped after {took:.1f} s"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    written = sorted(out_dir.iterdir())
    summary = lines[0]
    assert summary.startswith("Đã dừng (Ctrl-C) sau "), summary
    assert summary.endswith("tệp đã tạo được giữ nguyên, không có tệp dở dang."), summary
    done = int(summary.split("đã tạo ")[1].split("/")[0])
    assert f"đã tạo {done}/{FILES} báo cáo, 0 lỗi, {FILES - done} tệp chưa làm" in summary
    assert 5 <= done < FILES // 2
    assert all(path.suffix == ".docx" and not path.name.startswith(".") for path in written), written
    assert done <= len(written) <= done + int(jobs)  # a killed worker may have renamed its file
    for path in written:  # each one whole
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None and "word/document.xml" in package.namelist()
