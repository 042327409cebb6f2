"""Report types: a name, a model, a template and an optional context hook.

Every type — baocao's own (``src/baocao/loai/<ten>/``) and other packages' — is
declared in the entry-point group ``baocao.reports`` (each entry point names a
:class:`ReportType` or a function returning one) and loaded by :func:`load_plugins`:
the plugin path is the only path.  The distribution ``baocao``'s own are the
built-ins.  A type is checked when it is registered: its model
is built on the shared frame, its template exists, is safe, and uses no variable
the model or the context hook does not provide.

Plugins never stop the others: a plugin that fails to load or to register is a
:class:`PluginWarning` naming it.  Name clashes are errors naming both packages:
a plugin cannot take a built-in name (it is refused; the built-in stays), and two
plugins with one name are both refused — rendering that type then raises a
:class:`PluginError` naming both packages, while every other type keeps working.
"""

from __future__ import annotations

import difflib
import io
import re
import signal
import threading
import typing
import warnings
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, is_dataclass, replace
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import FrameType
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import meta, nodes
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from baocao.body.model import PhuLuc
from baocao.consistency import CheckContext, Problem
from baocao.engine import Filter, make_environment
from baocao.errors import PluginError, TemplateError
from baocao.frame.builder import Body
from baocao.frame.model import VanBanHanhChinh
from baocao.rows_input import Cot
from baocao.sandbox import forbidden_attributes, unsafe_calls

ENTRY_POINT_GROUP = "baocao.reports"
FRAME_KEY = "khung"
BUILTIN_PACKAGE = "baocao"

ContextHook = Callable[[Any], Mapping[str, Any]]
ChecksHook = Callable[[Any, CheckContext], Iterable[Problem]]
PrepareHook = Callable[[Any, Path], None]
"""Called with the loaded data (:class:`baocao.loading.LoadedData`) and the data
file's folder before validation: reads the files the data refers to."""
AppendicesHook = Callable[[Any, Mapping[str, Any]], Sequence[PhuLuc]]
"""Called with the validated report and what its context hook returned (empty without
one), so derived figures are not derived twice: the appendices computed from its data."""

_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
    context_keys: frozenset[str] | None = None
    """The keys ``context`` returns, checked against the template's variables; when
    None, read from the hook's return annotation (a TypedDict or a dataclass)."""
    filters: Mapping[str, Filter] = field(default_factory=dict)
    checks: ChecksHook | None = None
    """Consistency rules of this type, beyond the frame's (see :mod:`baocao.consistency`)."""
    prepare: PrepareHook | None = None
    """Reads files the data refers to (a spreadsheet beside the data file)."""
    package: str = BUILTIN_PACKAGE
    """The distribution that provides it (for messages and ``baocao templates``);
    set from the entry point's distribution."""
    body: Body | None = None
    """The body for the official frame, from which the template is built
    (``python -m baocao.templates_build``); None for a template made another way."""
    cong_van: bool = False
    """Laid out as a công văn: no tên loại, "V/v …" under the number."""
    cot_bang: Mapping[str, Cot] = field(default_factory=dict)
    """Column headers in words that ``batch --bang`` reads beside data keys («Tổng số hộ»
    → ``ket_qua.tong_so_ho``), by header (:mod:`baocao.rows_input`)."""
    appendices: AppendicesHook | None = None
    """Appendices computed from the data (the poverty report's summary table), printed
    after the signature before the data's own ``phu_luc`` and numbered with them, by the
    same filter (:func:`baocao.body.render.phu_luc`)."""

    def __post_init__(self) -> None:
        if self.context_keys is None:
            object.__setattr__(self, "context_keys", hook_keys(self.context))

    def provided_names(self) -> set[str]:
        """Every top-level name a template of this type may use."""
        return {*self.model.model_fields, *(self.context_keys or ()), FRAME_KEY}

    def template_bytes(self) -> bytes:
        try:
            return self.template.read_bytes()
        except OSError as error:
            raise TemplateError(
                f"không đọc được mẫu «{self.template}» của loại «{self.name}»: {error.strerror}"
            ) from None


def hook_keys(hook: ContextHook | None) -> frozenset[str]:
    """The keys a context hook returns, read from its return annotation.

    >>> from typing import TypedDict
    >>> class NguCanh(TypedDict):
    ...     cau_ket: str
    >>> def context(report: object) -> NguCanh: ...
    >>> sorted(hook_keys(context))
    ['cau_ket']
    """
    if hook is None:
        return frozenset()
    returned = typing.get_type_hints(hook).get("return")
    if typing.is_typeddict(returned):
        return frozenset(typing.get_type_hints(returned))
    if isinstance(returned, type) and is_dataclass(returned):
        return frozenset(f.name for f in fields(returned))
    return frozenset()


def check_template(report_type: ReportType, template: bytes, template_name: str) -> None:
    """Raise :class:`TemplateError` if ``template`` cannot be parsed, uses a tag
    the sandbox forbids (imports, includes, ``_private`` attributes), or uses a
    variable the type does not provide.

    The variables are found as docxtpl's ``get_undeclared_template_variables``
    finds them (tests/test_registry.py checks the two agree), on one parse shared
    with the safety check.
    """
    env = make_environment(report_type.filters)
    try:
        source = _template_source(DocxTemplate(io.BytesIO(template)))
        tree = env.parse(source)
    except TemplateError:
        raise
    except Exception as error:  # a broken zip, broken XML or a Jinja syntax error
        raise TemplateError(f"{template_name}: không đọc được mẫu ({error})") from None
    _check_safe(tree, source, template_name)
    used = meta.find_undeclared_variables(tree)
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


def _template_source(document: DocxTemplate) -> str:
    """The Jinja source docxtpl renders: the body, then headers and footers."""
    docx = document.get_docx()
    source: str = document.patch_xml(document.get_xml())
    for relation in docx.part.rels.values():
        if relation.reltype in (document.HEADER_URI, document.FOOTER_URI):
            source += document.patch_xml(document.xml_to_string(relation.target_part._element))
    return source


_LOADING_TAGS = {nodes.Import: "import", nodes.FromImport: "from", nodes.Include: "include",
                 nodes.Extends: "extends"}


def _check_safe(tree: nodes.Template, source: str, template_name: str) -> None:
    """Refuse, before rendering, what the sandbox would refuse while rendering:
    loading other templates or modules, private attributes (``__class__`` …) and
    calls of anything but the listed methods, globals and the template's macros
    (:mod:`baocao.sandbox`)."""
    for kind, word in _LOADING_TAGS.items():
        for _ in tree.find_all(kind):
            raise TemplateError(
                f"{template_name}: mẫu dùng thao tác không được phép "
                f"(tại «{_tag(source, word)}»): mẫu không được nạp mẫu hay mô-đun khác"
            )
    for attribute in forbidden_attributes(tree):
        raise TemplateError(
            f"{template_name}: mẫu dùng thao tác không được phép "
            f"(tại «{_tag(source, attribute)}»): không truy cập thuộc tính «{attribute}»"
        )
    for name in unsafe_calls(tree):
        raise TemplateError(
            f"{template_name}: mẫu dùng thao tác không được phép "
            f"(tại «{_tag(source, name)}»): mẫu không được gọi «{name}»"
        )


def _tag(source: str, word: str) -> str:
    """The first Jinja tag of ``source`` containing ``word`` as a whole word, as written."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
    for match in re.finditer(r"\{[{%].*?[%}]\}", source, re.DOTALL):
        if pattern.search(match.group(0)):
            return " ".join(match.group(0).split())
    return word


class Registry:
    """The report types known to this process."""

    def __init__(self) -> None:
        self._types: dict[str, ReportType] = {}
        self._clashes: dict[str, list[str]] = {}
        """Names two or more plugins claim: name -> their packages (all refused)."""
        self._deferred: dict[str, metadata.EntryPoint] = {}
        """baocao's own types not imported yet: name -> entry point (see :meth:`defer`)."""
        self._lock = threading.RLock()

    def register(self, report_type: ReportType, *, trusted: bool = False) -> None:
        """Add a type after checking it; a taken name is a :class:`PluginError`
        naming both packages.

        ``trusted`` skips only the template check, for baocao's own templates: they
        are generated and checked by the test suite, and checking them costs every
        command about 30 ms each (benchmarks/bench_registry.py).
        """
        _check_type(report_type)
        self._import_deferred(report_type.name)
        existing = self._types.get(report_type.name)
        if existing is not None:
            raise PluginError(
                f"loại báo cáo «{report_type.name}» của gói «{report_type.package}» trùng tên "
                f"với loại của gói «{existing.package}»"
            )
        if not trusted:
            check_template(report_type, report_type.template_bytes(), str(report_type.template))
        self._types[report_type.name] = report_type

    def defer(self, entry_point: metadata.EntryPoint) -> None:
        """Register one of baocao's own types (trusted) when it is first asked for: a
        command imports the model, rules and figures of the type it works on, not of
        every type.  The entry point's name is the type's name (tests/test_registry.py)."""
        self._deferred[entry_point.name] = entry_point

    def _import_deferred(self, name: str) -> None:
        if name not in self._deferred:
            return
        with self._lock:
            entry_point = self._deferred.pop(name, None)
            if entry_point is None:
                return
            for report_type in _load([entry_point]):
                self.register(report_type, trusted=True)

    def _import_all_deferred(self) -> None:
        for name in list(self._deferred):
            self._import_deferred(name)

    def add_plugins(self, plugins: Iterable[ReportType]) -> None:
        """Register third-party types, refusing clashes; every problem is a
        :class:`PluginWarning` and the other types keep working.

        A plugin cannot take a built-in name; two plugins with one name are both
        refused, and :meth:`get` then names both packages.
        """
        claims: dict[str, list[ReportType]] = {}
        for report_type in plugins:
            claims.setdefault(report_type.name, []).append(report_type)
        for name, claimants in claims.items():
            packages = [t.package for t in claimants]
            existing = self._types.get(name)
            if name in self._deferred or (existing is not None and existing.package == BUILTIN_PACKAGE):
                for plugin in claimants:
                    _warn(f"gói «{plugin.package}» không được dùng tên loại báo cáo «{name}»: "
                          f"tên này thuộc loại có sẵn của gói «{BUILTIN_PACKAGE}»; bỏ qua loại của "
                          f"gói «{plugin.package}»")
                continue
            if len(claimants) > 1:
                self._clashes[name] = packages
                _warn(_clash_message(name, packages) + "; bỏ qua cả hai")
                continue
            try:
                self.register(claimants[0])
            except (PluginError, TemplateError) as error:
                _warn(f"bỏ qua loại báo cáo «{name}» của gói «{claimants[0].package}»: {error}")

    def get(self, name: str) -> ReportType:
        """The type called ``name``: :class:`KeyError` if unknown, :class:`PluginError`
        if two plugins claim it."""
        if name in self._clashes:
            raise PluginError(_clash_message(name, self._clashes[name]) + "; hãy gỡ bớt một gói")
        self._import_deferred(name)
        try:
            return self._types[name]
        except KeyError:
            raise KeyError(name) from None

    def suggest(self, name: str) -> str | None:
        close = difflib.get_close_matches(name, [*self._types, *self._deferred], n=1)
        return close[0] if close else None

    def clashes(self) -> dict[str, list[str]]:
        """Names claimed by several plugins, with the packages claiming them."""
        return {name: list(packages) for name, packages in self._clashes.items()}

    def __iter__(self) -> Iterator[ReportType]:
        self._import_all_deferred()
        return iter(sorted(self._types.values(), key=lambda t: t.name))

    def __contains__(self, name: object) -> bool:
        return name in self._types or name in self._clashes or name in self._deferred


class PluginWarning(UserWarning):
    """A plugin was refused or could not be loaded; the other types still work."""


def _warn(message: str) -> None:
    warnings.warn(message, PluginWarning, stacklevel=3)


def _clash_message(name: str, packages: list[str]) -> str:
    return f"loại báo cáo «{name}» được đăng ký bởi nhiều gói: " + ", ".join(
        f"«{package}»" for package in packages)


def load_plugins(entry_points: Iterable[metadata.EntryPoint] | None = None) -> list[ReportType]:
    """The types the installed packages declare in ``baocao.reports`` (by default: the
    other packages'; baocao's own are imported by :func:`default_registry` when asked for).

    Each entry point names a :class:`ReportType` or a function returning one; its
    ``package`` is set to the entry point's distribution.  One that fails to import
    or returns something else is a :class:`PluginWarning` naming it, and is skipped
    — also when its code calls ``sys.exit()`` or raises ``KeyboardInterrupt``
    itself: that is the plugin's fault, not a reason to stop every command.  Only
    a real Ctrl-C from the user while plugins load stops the program.
    """
    return _load(_installed()[1] if entry_points is None else entry_points)


_scanned: tuple[list[metadata.EntryPoint], list[metadata.EntryPoint]] | None = None
"""The scan :func:`default_registry` made, while it runs (one scan per registry)."""


def _installed() -> tuple[list[metadata.EntryPoint], list[metadata.EntryPoint]]:
    """The installed entry points: baocao's own types', and the other packages'."""
    if _scanned is not None:
        return _scanned
    own: list[metadata.EntryPoint] = []
    others: list[metadata.EntryPoint] = []
    for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP):
        (own if _package(entry_point) == BUILTIN_PACKAGE else others).append(entry_point)
    return own, others


_DIST_NAMES: weakref.WeakKeyDictionary[metadata.Distribution, str] = weakref.WeakKeyDictionary()
"""Each distribution's name, read once (it parses the whole METADATA file each time)."""


def _package(entry_point: metadata.EntryPoint) -> str:
    dist = entry_point.dist
    if dist is None:
        return entry_point.module
    name = _DIST_NAMES.get(dist)
    if name is None:
        name = _DIST_NAMES[dist] = dist.name
    return name


def _load(found: Iterable[metadata.EntryPoint]) -> list[ReportType]:
    types = []
    with _user_interrupts() as pressed:
        for entry_point in found:
            package = _package(entry_point)
            try:
                loaded = entry_point.load()
                report_type = loaded if isinstance(loaded, ReportType) else loaded()
                if not isinstance(report_type, ReportType):
                    raise PluginError(f"«{entry_point.value}» không phải một baocao.ReportType")
                if package != BUILTIN_PACKAGE:
                    _build(report_type.model)
            except BaseException as error:  # any failure of third-party code: warn, go on
                if isinstance(error, KeyboardInterrupt) and pressed:
                    raise
                _warn(f"bỏ qua loại báo cáo «{entry_point.name}» của gói «{package}»: "
                      f"{_failure(error)}")
                continue
            types.append(replace(report_type, package=package))
    return types


def _build(model: object) -> None:
    """Build a plugin's model now, as pydantic does when a class is made without
    ``defer_build`` (baocao's blocks defer it): a model pydantic cannot build is the
    plugin's failure to load, not a surprise at the first report."""
    if isinstance(model, type) and issubclass(model, BaseModel) and not model.__pydantic_complete__:
        model.model_rebuild(raise_errors=False, _parent_namespace_depth=0)


def _failure(error: BaseException) -> str:
    """What a plugin's code did wrong, for its warning."""
    if isinstance(error, SystemExit):
        return f"gói tự thoát chương trình khi nạp (SystemExit: {error.code})"
    if isinstance(error, KeyboardInterrupt):
        return "gói tự phát KeyboardInterrupt khi nạp (không phải người dùng bấm Ctrl-C)"
    return f"{type(error).__name__}: {error}"


@contextmanager
def _user_interrupts() -> Iterator[list[bool]]:
    """While plugins load, remember whether the user really pressed Ctrl-C (SIGINT
    came): the list it yields is non-empty then.  The interrupt still acts as before."""
    pressed: list[bool] = []
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or previous is None:
        yield pressed  # signals reach only the main thread: an interrupt here is the code's own
        return

    def remember(signum: int, frame: FrameType | None) -> None:
        pressed.append(True)
        if callable(previous):
            previous(signum, frame)
        elif previous != signal.SIG_IGN:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, remember)
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)


def _check_type(report_type: ReportType) -> None:
    name = report_type.name
    if not _NAME.match(name):
        raise PluginError(
            f"tên loại «{name}» không hợp lệ: chỉ chữ thường không dấu, số và «-», ví dụ «ke-hoach»"
        )
    if not (isinstance(report_type.model, type) and issubclass(report_type.model, VanBanHanhChinh)):
        raise PluginError(f"loại «{name}»: mô hình phải kế thừa baocao.plugin.VanBanHanhChinh")
    default = report_type.model.model_fields["loai"].default
    if default is not PydanticUndefined and default != name:
        raise PluginError(f"loại «{name}»: mô hình {report_type.model.__name__} có «loai» mặc định "
                          f"là «{default}», không phải «{name}»")
    if FRAME_KEY in report_type.model.model_fields or FRAME_KEY in (report_type.context_keys or ()):
        raise PluginError(f"loại «{name}»: tên «{FRAME_KEY}» dành cho khung văn bản")
    if not report_type.template.is_file():
        raise PluginError(f"loại «{name}»: không tìm thấy mẫu «{report_type.template}»")


def builtin_template(name: str) -> Traversable:
    """A template shipped inside the package (``templates/vi/<name>.docx``)."""
    return resources.files("baocao").joinpath("templates", "vi", f"{name}.docx")


_default: Registry | None = None


def default_registry() -> Registry:
    """Every type the installed distributions declare, loaded once: baocao's own
    (registered as built-ins, their templates trusted; each imported when first asked
    for) first, then the others."""
    global _default, _scanned
    if _default is None:
        registry = Registry()
        _scanned = _installed()
        try:
            for entry_point in _scanned[0]:
                registry.defer(entry_point)
            found = load_plugins()
        finally:
            _scanned = None
        for report_type in found:
            if report_type.package == BUILTIN_PACKAGE:
                registry._deferred.pop(report_type.name, None)
                registry.register(report_type, trusted=True)
        registry.add_plugins(t for t in found if t.package != BUILTIN_PACKAGE)
        _default = registry
    return _default


def forget_default_registry() -> None:
    """Make the next :func:`default_registry` scan the installed distributions again (a
    command forked from the warm server: its plugins and their warnings as in a fresh run)."""
    global _default
    _default = None
