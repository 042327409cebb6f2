"""baocao's exceptions: every error a user can cause is one of these.

The tree::

    BaocaoError (ValueError)
    ├── FormatError     a value the Vietnamese formatting functions cannot write
    ├── DataError       the data file is wrong; ``.findings`` lists every problem at once
    ├── TemplateError   a template is missing, broken, unsafe or uses an unknown variable
    ├── PluginError     a report type cannot be registered
    └── OutputError     the output cannot be written (or converted to PDF)

Messages are Vietnamese: they reach clerks as they are.  Programming mistakes
(wrong argument types from Python code) stay ordinary ``TypeError``\\s.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


class BaocaoError(ValueError):
    """Base of every error baocao raises for bad input."""


class FormatError(BaocaoError):
    """A value cannot be formatted (None, NaN, an impossible date, …)."""


class TemplateError(BaocaoError):
    """A template is missing, broken, unsafe, or uses an unknown variable."""


class PluginError(BaocaoError):
    """A report type cannot be registered."""


class OutputError(BaocaoError):
    """The output file cannot be written or converted."""


_OS_REASONS = {
    errno.ENOENT: "thư mục không tồn tại",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.EROFS: "ổ đĩa hoặc thư mục chỉ cho đọc",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "hết hạn mức dung lượng trên ổ đĩa",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EEXIST: "đã có một tệp cùng tên",
    errno.EPIPE: "đầu ra đã bị đóng",
    errno.EXDEV: "không đổi tên được sang ổ đĩa khác",
    errno.EIO: "lỗi đọc/ghi của ổ đĩa",
}


def os_reason(error: OSError, *, reading: bool = False) -> str:
    """Why an operating-system call failed, in Vietnamese (the errno's English
    text only as a last resort, with its number).  ``reading``: a missing path is
    a missing file, not a missing folder.

    >>> os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    'thư mục không tồn tại'
    >>> os_reason(OSError(errno.ENOSPC, "No space left on device"))
    'ổ đĩa đã đầy'
    >>> os_reason(OSError(errno.EBADF, "Bad file descriptor"))
    'lỗi hệ thống số 9 (Bad file descriptor)'
    """
    if reading and error.errno == errno.ENOENT:
        return "không tìm thấy tệp; kiểm tra lại đường dẫn"
    reason = _OS_REASONS.get(error.errno or 0)
    if reason is not None:
        return reason
    return f"lỗi hệ thống số {error.errno} ({error.strerror or type(error).__name__})"


@dataclass(frozen=True)
class Finding:
    """One problem in a data file, pointed at its place.

    ``path`` is the dotted field path (``ket_qua.ho_ngheo.so_ho``); ``line`` and
    ``column`` are 1-based and ``None`` when the place is unknown (a model built
    in Python code has no lines).
    """

    code: str
    message: str
    path: str = ""
    file: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file or "<dữ liệu>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        label = "" if self.severity == "error" else "cảnh báo: "
        field = f"{self.path}: " if self.path else ""
        return f"{where}: {label}{field}{self.message} [{self.code}]"


class DataError(BaocaoError):
    """The data is wrong.  ``findings`` holds every problem found, errors first."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings: list[Finding] = sorted(
            findings, key=lambda f: (f.severity != "error", f.line or 0, f.column or 0)
        )
        errors = [f for f in self.findings if f.severity == "error"]
        head = f"Dữ liệu có {len(errors)} lỗi"
        super().__init__("\n".join([head, *(str(f) for f in self.findings)]))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]
