"""The data behind the form: JSON from the browser ⇄ the YAML the CLI reads.

Everything the form checks is checked the way ``baocao validate`` checks a file:
the form's value is written as the YAML that *Lưu* would save, and that text is
read back by :func:`baocao.api.inspect` — so the findings (codes, Vietnamese
messages, dotted paths) are the CLI's, and the .docx rendered from them is the
one ``baocao render`` makes of the saved file.

Files are only read and written inside the chosen folder (:class:`Folder`).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from baocao.api import inspect, render
from baocao.errors import Finding
from baocao.frame.model import VanBanHanhChinh
from baocao.loading import load_yaml
from baocao.registry import Registry
from baocao.yaml_writing import dump

DATA_SUFFIXES = (".yaml", ".yml")
MAX_LISTED = 500
"""At most this many data files are listed from the chosen folder."""


class FolderError(ValueError):
    """A name that is not a data file inside the chosen folder (Vietnamese message)."""


@dataclass(frozen=True)
class Folder:
    """The chosen folder: data files are read from and saved into it, and nowhere else."""

    root: Path

    @classmethod
    def of(cls, path: str | Path) -> Folder:
        return cls(Path(path).resolve())

    def files(self) -> list[str]:
        """The data files in the folder and below it, as relative POSIX names, sorted."""
        found: list[str] = []
        for path in sorted(self._walk()):
            found.append(path.relative_to(self.root).as_posix())
            if len(found) >= MAX_LISTED:
                break
        return found

    def _walk(self) -> Iterator[Path]:
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                if name.endswith(DATA_SUFFIXES) and not name.startswith("."):
                    path = Path(folder) / name
                    if self._inside(path):
                        yield path

    def _inside(self, path: Path) -> bool:
        try:
            return path.resolve().is_relative_to(self.root)
        except OSError:
            return False

    def path(self, name: str) -> Path:
        """The data file ``name`` (relative to the folder); :class:`FolderError` if it
        would lie outside the folder or is not a .yaml file."""
        if not name or "\x00" in name or Path(name).is_absolute() or "\\" in name:
            raise FolderError(f"tên tệp không hợp lệ: «{name}»")
        if not name.endswith(DATA_SUFFIXES):
            raise FolderError(f"chỉ mở và lưu tệp .yaml: «{name}»")
        parts = Path(name).parts
        if any(part in ("..", ".") or part.startswith(".") for part in parts):
            raise FolderError(f"tên tệp không được chứa «..» hay thư mục ẩn: «{name}»")
        path = self.root / name
        if not self._inside(path) or not self._inside(path.parent):
            raise FolderError(f"tệp «{name}» nằm ngoài thư mục làm việc")
        return path


def plain(value: Any) -> Any:
    """YAML values as JSON: dates as ISO text (what the form's date fields hold)."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read_data(path: Path) -> dict[str, Any]:
    """A data file as JSON for the form (``DataError`` if it is not readable YAML)."""
    data = prune(plain(load_yaml(path).data))  # a null is a field left empty, as the form says it
    if not isinstance(data, dict):
        data = {}
    return data


def prune(value: Any) -> Any:
    """The form's value without the empty fields it leaves (``None``, ``""``, ``{}``):
    an empty field means "not given", as a key left out of a data file."""
    if isinstance(value, dict):
        pruned = {key: prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, "", {})}
    if isinstance(value, list):
        pruned_items = [prune(item) for item in value]
        return [item for item in pruned_items if item not in (None, "", {})]
    return value


YAML_HEAD = "Tệp dữ liệu baocao (lưu từ biểu mẫu «baocao serve»)."


def to_yaml(data: Any) -> str:
    """The form's value as a data file the CLI reads (``baocao render``)."""
    return dump(prune(data), header=[YAML_HEAD])


@dataclass(frozen=True)
class Checked:
    """What checking the form's value found; ``report`` is None while an error stands."""

    report: VanBanHanhChinh | None
    findings: list[Finding]
    text: str

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")


def _refers_to_files(data: Any) -> bool:
    """Whether a value names a file beside the data file (``tep: …xlsx``)."""
    if isinstance(data, dict):
        return any((key == "tep" and isinstance(item, str)) or _refers_to_files(item)
                   for key, item in data.items())
    if isinstance(data, list):
        return any(_refers_to_files(item) for item in data)
    return False


def check_data(data: Any, folder: Folder, *, registry: Registry | None = None,
               today: dt.date | None = None) -> Checked:
    """Check the form's value exactly as ``baocao validate`` checks the saved file.

    The YAML is written to a private temporary file; one that names a spreadsheet
    beside it (``tep:``) is written, hidden, in the chosen folder so the name
    resolves as it will for the saved file, and removed at once.
    """
    text = to_yaml(data)
    where = str(folder.root) if _refers_to_files(data) else None
    handle, name = tempfile.mkstemp(prefix=".baocao-serve-", suffix=".yaml", dir=where)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        report, findings = inspect(name, registry=registry, today=today)
    finally:
        os.unlink(name)
    return Checked(report, [_placeless(f) for f in findings], text)


def _placeless(finding: Finding) -> Finding:
    """A finding about the form: its field path, not the temporary file's lines."""
    if finding.file is not None and Path(finding.file).name.startswith(".baocao-serve-"):
        return Finding(finding.code, finding.message, finding.path, severity=finding.severity)
    return finding


def finding_json(finding: Finding) -> dict[str, Any]:
    return {"path": finding.path, "code": finding.code, "message": finding.message,
            "severity": finding.severity, "text": str(finding)}


def render_docx(checked: Checked, *, registry: Registry | None = None) -> bytes:
    """The .docx bytes ``baocao render`` writes for the saved file (built-in template only)."""
    if checked.report is None:
        raise ValueError("a report with errors is not rendered")
    return render(checked.report, registry=registry)
