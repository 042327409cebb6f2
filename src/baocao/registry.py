"""Report types: a name, a model, a template and an optional context hook.

Built-in types are registered in code; other packages add theirs through the
entry-point group ``baocao.reports`` (each entry point names a :class:`ReportType`
or a function returning one).  A type is checked when it is registered: its model
is built on the shared frame, its template exists and uses no variable the model
or the context hook does not provide.  A plugin that fails to load is a warning
naming it, and the other types keep working.
"""

from __future__ import annotations

import difflib
import io
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from baocao.consistency import CheckContext, Problem
from baocao.engine import Filter, make_environment
from baocao.errors import PluginError, TemplateError
from baocao.models.blocks import VanBanHanhChinh

ENTRY_POINT_GROUP = "baocao.reports"
FRAME_KEY = "khung"

ContextHook = Callable[[Any], Mapping[str, Any]]
ChecksHook = Callable[[Any, CheckContext], Iterable[Problem]]
PrepareHook = Callable[[Any, Path], None]
"""Called with the loaded data (:class:`baocao.loading.LoadedData`) and the data
file's folder before validation: reads the files the data refers to."""


@dataclass(frozen=True)
class ReportType:
    """One kind of report baocao can render."""

    name: str
    """The value of ``loai`` in data files, e.g. ``ra-soat-ho-ngheo``."""
    title: str
    """Vietnamese title shown by ``baocao templates``."""
    model: type[VanBanHanhChinh]
    template: Traversable | Path
    """The .docx template (a package resource or a file)."""
    context: ContextHook | None = None
    """Derived values added to the model's fields (rates, phrases …)."""
    context_keys: frozenset[str] = frozenset()
    """The keys ``context`` returns: checked against the template's variables."""
    filters: Mapping[str, Filter] = field(default_factory=dict)
    checks: ChecksHook | None = None
    """Consistency rules of this type, beyond the frame's (see :mod:`baocao.consistency`)."""
    package: str = "baocao"
    """The distribution that provides it (for messages and ``baocao templates``)."""
    prepare: PrepareHook | None = None
    """Reads files the data refers to (a spreadsheet beside the data file)."""

    def provided_names(self) -> set[str]:
        """Every top-level name a template of this type may use."""
        return {*self.model.model_fields, *self.context_keys, FRAME_KEY}

    def template_bytes(self) -> bytes:
        try:
            return self.template.read_bytes()
        except OSError as error:
            raise TemplateError(
                f"không đọc được mẫu «{self.template}» của loại «{self.name}»: {error.strerror}"
            ) from None


def check_template(report_type: ReportType, template: bytes, template_name: str) -> None:
    """Raise :class:`TemplateError` if ``template`` uses a variable the type does
    not provide, or cannot be parsed."""
    try:
        used = DocxTemplate(io.BytesIO(template)).get_undeclared_template_variables(
            jinja_env=make_environment(report_type.filters)
        )
    except TemplateError:
        raise
    except Exception as error:  # a broken zip, broken XML or a Jinja syntax error
        raise TemplateError(f"{template_name}: không đọc được mẫu ({error})") from None
    unknown = sorted(used - report_type.provided_names())
    if unknown:
        hints = []
        for name in unknown:
            close = difflib.get_close_matches(name, report_type.provided_names(), n=1)
            hints.append(f"«{name}»" + (f" (có phải «{close[0]}»?)" if close else ""))
        raise TemplateError(
            f"{template_name}: mẫu dùng biến không có trong dữ liệu loại "
            f"«{report_type.name}»: {', '.join(hints)}"
        )


class Registry:
    """The report types known to this process."""

    def __init__(self) -> None:
        self._types: dict[str, ReportType] = {}

    def register(self, report_type: ReportType) -> None:
        """Add a type after checking it; a name clash is a :class:`PluginError`."""
        _check_type(report_type)
        existing = self._types.get(report_type.name)
        if existing is not None:
            raise PluginError(
                f"loại báo cáo «{report_type.name}» đã được gói «{existing.package}» đăng ký; "
                f"gói «{report_type.package}» không thể đăng ký trùng tên"
            )
        check_template(report_type, report_type.template_bytes(), str(report_type.template))
        self._types[report_type.name] = report_type

    def get(self, name: str) -> ReportType:
        try:
            return self._types[name]
        except KeyError:
            raise KeyError(name) from None

    def suggest(self, name: str) -> str | None:
        close = difflib.get_close_matches(name, list(self._types), n=1)
        return close[0] if close else None

    def __iter__(self) -> Any:
        return iter(sorted(self._types.values(), key=lambda t: t.name))

    def __contains__(self, name: object) -> bool:
        return name in self._types

    def load_entry_points(self, entry_points: Iterable[metadata.EntryPoint] | None = None) -> None:
        """Register every type the installed packages declare; warn about broken ones."""
        found = entry_points if entry_points is not None else metadata.entry_points(
            group=ENTRY_POINT_GROUP
        )
        for entry_point in found:
            package = entry_point.dist.name if entry_point.dist else entry_point.value
            try:
                loaded = entry_point.load()
                report_type = loaded() if callable(loaded) and not isinstance(
                    loaded, ReportType) else loaded
                if not isinstance(report_type, ReportType):
                    raise PluginError(f"«{entry_point.value}» không trả về một ReportType")
                if report_type.package == "baocao":
                    report_type = _with_package(report_type, package)
                self.register(report_type)
            except PluginError as error:
                if "đã được gói" in str(error):
                    raise
                warnings.warn(
                    f"bỏ qua loại báo cáo «{entry_point.name}» của gói «{package}»: {error}",
                    PluginWarning,
                    stacklevel=2,
                )
            except Exception as error:
                warnings.warn(
                    f"bỏ qua loại báo cáo «{entry_point.name}» của gói «{package}»: "
                    f"{type(error).__name__}: {error}",
                    PluginWarning,
                    stacklevel=2,
                )


class PluginWarning(UserWarning):
    """A plugin could not be loaded; the others still work."""


def _with_package(report_type: ReportType, package: str) -> ReportType:
    from dataclasses import replace

    return replace(report_type, package=package)


def _check_type(report_type: ReportType) -> None:
    if not (isinstance(report_type.model, type) and issubclass(report_type.model, VanBanHanhChinh)):
        raise PluginError(
            f"loại «{report_type.name}»: mô hình phải kế thừa baocao.models.VanBanHanhChinh"
        )
    if FRAME_KEY in report_type.model.model_fields or FRAME_KEY in report_type.context_keys:
        raise PluginError(f"loại «{report_type.name}»: tên «{FRAME_KEY}» dành cho khung văn bản")
    if not report_type.template.is_file():
        raise PluginError(
            f"loại «{report_type.name}»: không tìm thấy mẫu «{report_type.template}»"
        )


def builtin_template(name: str) -> Traversable:
    """A template shipped inside the package (``templates/vi/<name>.docx``)."""
    return resources.files("baocao").joinpath("templates", "vi", f"{name}.docx")


_default: Registry | None = None


def default_registry() -> Registry:
    """Built-in types plus installed plugins, loaded once."""
    global _default
    if _default is None:
        from baocao.reports import builtin_types

        registry = Registry()
        for report_type in builtin_types():
            registry.register(report_type)
        registry.load_entry_points()
        _default = registry
    return _default
