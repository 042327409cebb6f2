"""Byte-identical .docx packages and atomic writes.

A .docx is a zip: its entries carry timestamps, and python-docx writes the
current time into the core properties.  :func:`normalize_package` rewrites the zip
with fixed timestamps and a fixed entry order, so the same input gives the same
bytes; :func:`write_atomic` replaces a file only once the new one is complete.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

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


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: a failure
    leaves no partial file and never damages an existing one."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permissions a new file gets from a plain ``open`` (mkstemp's are private),
    or those of the file being replaced."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
