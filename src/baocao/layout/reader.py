"""Opening a .docx for checking: any failure becomes a Vietnamese :class:`LayoutError`."""

from __future__ import annotations

import io
import os
import zipfile
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from .findings import LayoutError


def open_document(source: str | os.PathLike[str] | bytes) -> Any:
    """The python-docx ``Document`` of *source* (a path or the file's bytes)."""
    if isinstance(source, bytes):
        name = "<dữ liệu>"
        stream: Any = io.BytesIO(source)
    elif isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        if not os.path.isfile(name):
            raise LayoutError(f"{name}: không tìm thấy tệp")
        stream = name
    else:
        raise TypeError(f"source must be a path or bytes, not {type(source).__name__}")
    try:
        return docx.Document(stream)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            etree.XMLSyntaxError, OSError) as exc:
        raise LayoutError(
            f"{name}: không đọc được tệp .docx (không phải tệp Word .docx hợp lệ: {exc})"
        ) from exc
