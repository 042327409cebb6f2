"""PDF through LibreOffice headless (``render --pdf``, ``batch --pdf``).

Each conversion runs with its own LibreOffice profile directory
(``-env:UserInstallation``): two conversions sharing a profile collide (the second
exits at once without converting), so parallel batch workers each get a private
one.  The PDF is converted into a temporary directory beside the target and moved
into place with an atomic rename: an existing PDF is never left half-written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from baocao.errors import OutputError

TIMEOUT_SECONDS = 180
INSTALL_HINT = (
    "cần cài LibreOffice để tạo PDF: sudo apt-get install libreoffice-writer-nogui "
    "(Debian/Ubuntu), hoặc tải tại https://www.libreoffice.org/download/"
)


def find_soffice() -> str:
    """The LibreOffice executable, or :class:`OutputError` saying what to install."""
    found = os.environ.get("BAOCAO_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise OutputError(f"không tìm thấy LibreOffice (lệnh «soffice»); {INSTALL_HINT}")
    return found


def convert_to_pdf(docx: Path, pdf: Path | None = None, *, timeout: float = TIMEOUT_SECONDS) -> Path:
    """Convert ``docx`` to ``pdf`` (default: beside it, same name); return the PDF's path."""
    docx = Path(docx)
    target = Path(pdf) if pdf is not None else docx.with_suffix(".pdf")
    soffice = find_soffice()
    with (
        tempfile.TemporaryDirectory(prefix="baocao-lo-profile-") as profile,
        tempfile.TemporaryDirectory(prefix=".baocao-pdf-", dir=target.parent) as outdir,
    ):
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            outdir,
            str(docx),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise OutputError(
                f"{docx}: LibreOffice không chuyển xong sang PDF sau {timeout:.0f} giây"
            ) from None
        except OSError as error:
            raise OutputError(
                f"không chạy được LibreOffice «{soffice}»: {error.strerror}; {INSTALL_HINT}"
            ) from None
        produced = Path(outdir) / f"{docx.stem}.pdf"
        if result.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip().splitlines()
            tail = f" ({detail[-1]})" if detail else ""
            raise OutputError(f"{docx}: LibreOffice không chuyển được sang PDF{tail}")
        os.replace(produced, target)
    return target
