"""PDF through LibreOffice headless (``render --pdf``, ``batch --pdf``): the cold path
and what every path shares.

- :func:`find_soffice`: ``$BAOCAO_SOFFICE``, then PATH (``soffice``, ``libreoffice``),
  then the usual install folders on Windows and macOS.
- :func:`export_options`: the PDF export filter's options (PDF/A-2b on request).
- :func:`font_warning`: one Vietnamese line when Times New Roman is missing (the PDF
  then uses Liberation Serif, metric-compatible).
- :func:`convert_to_pdf`: one ``soffice --convert-to`` per document (used when no warm
  converter, :mod:`baocao.converter`, is running).

Each cold conversion runs with its own LibreOffice profile directory
(``-env:UserInstallation``): two conversions sharing a profile collide (the second
exits at once without converting), so parallel batch workers each get a private
one: a copy of the ready profile a warm pool left in the user's cache when there is
one (:mod:`baocao.libreoffice_profile`; a LibreOffice that fails in a copied profile is
run again in a fresh one, and the cached copy dropped), else a new one.  LibreOffice runs in its own
process group (its own session): past the timeout the whole group is killed —
``oosplash`` *and* ``soffice.bin`` it started — so nothing is left running.  The
PDF is converted into a temporary directory beside the target and moved into place
with an atomic rename: an existing PDF is never left half-written.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from baocao import libreoffice_profile
from baocao.errors import OutputError

TIMEOUT_SECONDS = 180
INSTALL_HINT = (
    "cần cài LibreOffice để tạo PDF: sudo apt-get install libreoffice-writer-nogui "
    "(Debian/Ubuntu), hoặc tải tại https://www.libreoffice.org/download/ "
    "(hoặc chỉ đường dẫn tới soffice bằng biến môi trường BAOCAO_SOFFICE)"
)
FONT = "Times New Roman"
FONT_WARNING = (
    "baocao: cảnh báo: máy chưa có phông Times New Roman, PDF dùng Liberation Serif (cùng cỡ chữ) "
    "thay thế; cài phông bằng: sudo apt-get install ttf-mscorefonts-installer"
)

# Where the installers put LibreOffice when it is not on PATH.
INSTALL_PATHS = {
    "win32": [
        r"{ProgramFiles}\LibreOffice\program\soffice.exe",
        r"{ProgramFiles(x86)}\LibreOffice\program\soffice.exe",
    ],
    "darwin": [
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        "{HOME}/Applications/LibreOffice.app/Contents/MacOS/soffice",
    ],
}


def _install_candidates(platform: str) -> list[Path]:
    defaults = {"ProgramFiles": r"C:\Program Files", "ProgramFiles(x86)": r"C:\Program Files (x86)",
                "HOME": str(Path.home())}
    values = {name: os.environ.get(name, default) for name, default in defaults.items()}
    key = "win32" if platform.startswith("win") else platform
    return [Path(pattern.format_map(values)) for pattern in INSTALL_PATHS.get(key, [])]


def find_soffice(platform: str = sys.platform) -> str:
    """The LibreOffice executable, or :class:`OutputError` saying what to install."""
    found = os.environ.get("BAOCAO_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        found = next((str(p) for p in _install_candidates(platform) if p.is_file()), None)
    if not found:
        raise OutputError(f"không tìm thấy LibreOffice (lệnh «soffice»); {INSTALL_HINT}")
    return found


def export_options(*, pdf_a: bool = False) -> dict[str, int | bool]:
    """The options of LibreOffice's ``writer_pdf_Export`` filter.

    >>> export_options(pdf_a=True)
    {'SelectPdfVersion': 2, 'UseTaggedPDF': True}
    >>> export_options()
    {}
    """
    # SelectPdfVersion=2 is PDF/A-2b; PDF/A wants a tagged (structured) document too.
    return {"SelectPdfVersion": 2, "UseTaggedPDF": True} if pdf_a else {}


def _convert_to_argument(options: dict[str, int | bool]) -> str:
    """``--convert-to``'s value: JSON filter options (LibreOffice ≥ 7.4)."""
    if not options:
        return "pdf"
    typed = {name: {"type": "boolean" if isinstance(value, bool) else "long", "value": str(value).lower()
                    if isinstance(value, bool) else str(value)} for name, value in options.items()}
    return "pdf:writer_pdf_Export:" + json.dumps(typed)


def has_font(family: str = FONT) -> bool | None:
    """Whether ``family`` is installed (fontconfig's ``fc-list``); None when it cannot
    be told (no fontconfig: Windows and macOS ship Times New Roman)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listed = subprocess.run([fc_list, f":family={family}", "family"], capture_output=True,
                                timeout=30, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    return bool(listed.strip())


def font_warning() -> str | None:
    """The one-line warning to print when the PDF cannot use Times New Roman."""
    return FONT_WARNING if has_font(FONT) is False else None


def new_group() -> dict[str, int | bool]:
    """``subprocess`` arguments that put a child in its own process group."""
    if sys.platform.startswith("win"):
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}  # type: ignore[attr-defined,unused-ignore]
    return {"start_new_session": True}


def kill_group(pid: int) -> None:
    """Kill the process group led by ``pid`` (the process and every child it started)."""
    if sys.platform.startswith("win"):
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(pid)], capture_output=True, check=False)
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def convert_to_pdf(docx: Path, pdf: Path | None = None, *, timeout: float = TIMEOUT_SECONDS,
                   pdf_a: bool = False) -> Path:
    """Convert ``docx`` to ``pdf`` (default: beside it, same name) with a LibreOffice
    started for it; return the PDF's path."""
    docx = Path(docx)
    target = Path(pdf) if pdf is not None else docx.with_suffix(".pdf")
    soffice = find_soffice()
    cache = libreoffice_profile.cache_folder(soffice)
    while True:
        with (
            tempfile.TemporaryDirectory(prefix="baocao-lo-profile-") as root,
            tempfile.TemporaryDirectory(prefix=".baocao-pdf-", dir=target.parent) as outdir,
        ):
            profile = Path(root) / "profile"
            cached = libreoffice_profile.copy_into(cache, profile)
            failure = _soffice_convert(soffice, profile, docx, Path(outdir), timeout=timeout, pdf_a=pdf_a)
            if failure is not None and cached:  # the cached profile may be what failed: once afresh
                libreoffice_profile.drop(cache)
                continue
            if failure is not None:
                raise OutputError(f"{docx}: LibreOffice không chuyển được sang PDF{failure}")
            os.replace(Path(outdir) / f"{docx.stem}.pdf", target)
        return target


def _soffice_convert(soffice: str, profile: Path, docx: Path, outdir: Path, *, timeout: float,
                     pdf_a: bool) -> str | None:
    """One ``soffice --convert-to`` of ``docx`` into ``outdir``: None when the PDF is there,
    else what LibreOffice said (its last line, in parentheses, or "")."""
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        _convert_to_argument(export_options(pdf_a=pdf_a)),
        "--outdir",
        str(outdir),
        str(docx),
    ]
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL, **new_group())  # type: ignore[call-overload]
    except OSError as error:
        raise OutputError(
            f"không chạy được LibreOffice «{soffice}»: {error.strerror}; {INSTALL_HINT}"
        ) from None
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process.pid)
        process.communicate()
        raise OutputError(
            f"{docx}: LibreOffice không chuyển xong sang PDF sau {timeout:.0f} giây (đã dừng LibreOffice)"
        ) from None
    finally:
        kill_group(process.pid)  # anything it left behind in its group
    produced = outdir / f"{docx.stem}.pdf"
    if process.returncode == 0 and produced.is_file() and produced.stat().st_size > 0:
        return None
    detail = (stderr or stdout).decode("utf-8", "replace").strip().splitlines()
    return f" ({detail[-1]})" if detail else ""
