"""Byte-identical .docx packages and atomic writes.

A .docx is a zip: its entries carry timestamps, and python-docx writes the
current time into the core properties.  :func:`normalize_package` rewrites the zip
with fixed timestamps and a fixed entry order, so the same input gives the same
bytes; :func:`write_atomic` replaces a file only once the new one is complete.
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from baocao.errors import OutputError, os_reason

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def normalize_package(
    data: bytes,
    *,
    drop: Callable[[str], object] | None = None,
    rewrite: Callable[[str, bytes], bytes] | None = None,
) -> bytes:
    """The same package with fixed zip timestamps and attributes.

    ``drop(name)`` leaves a part out; ``rewrite(name, content)`` edits one.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if drop is not None and drop(info.filename):
                continue
            content = source.read(info.filename)
            if rewrite is not None:
                content = rewrite(info.filename, content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


TEMP_PREFIX = ".baocao-"
"""How a temporary output file's name starts: ``.baocao-<pid>-<random>.tmp``, short
whatever the target's name (a 250-character name still fits the 255 a folder
allows), and naming the process that writes it, so ``batch`` can remove what a
worker it had to kill left behind (:func:`remove_temporaries`)."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: a failure
    leaves no partial file and never damages an existing one.

    Any failure of the system (a missing folder, no permission, a read-only or
    full disk, ``path`` a folder, a name too long) is an :class:`OutputError`
    naming ``path`` in Vietnamese.
    """
    path = Path(path)
    if len(os.fsencode(path.name)) > _NAME_MAX:
        raise OutputError(f"không ghi được «{path}»: tên tệp quá dài "
                          f"({len(os.fsencode(path.name))} byte, tối đa {_NAME_MAX})")
    try:
        is_folder = path.is_dir()
    except OSError as error:
        raise _output_error(path, error) from None
    if is_folder:
        raise OutputError(f"không ghi được «{path}»: đây là một thư mục; hãy ghi rõ tên tệp")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp",
                                             dir=path.parent)
    except OSError as error:
        raise _output_error(path, error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _output_error(path, error) from None
        raise


def remove_temporaries(folder: Path, pids: Iterable[int]) -> None:
    """Remove the temporary files processes ``pids`` (killed) left in ``folder``."""
    for pid in pids:
        for leftover in Path(folder).glob(f"{TEMP_PREFIX}{pid}-*.tmp"):
            leftover.unlink(missing_ok=True)


_NAME_MAX = 255
"""The longest file name (in bytes) common file systems allow."""


def _output_error(path: Path, error: OSError) -> OutputError:
    folder = path.parent
    if error.errno == errno.ENOENT and not folder.exists():
        return OutputError(f"không ghi được «{path}»: thư mục «{folder}» không tồn tại")
    return OutputError(f"không ghi được «{path}»: {os_reason(error)}")


def _mode_for(path: Path) -> int:
    """The permissions a new file gets from a plain ``open`` (mkstemp's are private),
    or those of the file being replaced."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
