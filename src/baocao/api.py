"""The library's front door: load a data file, check it, render it.

One pipeline::

    load ──▶ Checked(report, type, findings) ──▶ render (.docx bytes) ──▶ outputs

The report type is resolved once, when the report is checked.  A report is
checked before it is printed however it was made: :func:`load` checks a data
file; a model built or changed in code (``model_copy(update=...)`` skips
pydantic's validators) is re-validated through its type's model and the
consistency rules by :func:`check`, which :func:`render` calls.  What a check
found is remembered for that very object (by identity, through a weak
reference) with a fingerprint of its content — a hash of its JSON dump, about 0.1 ms on
the seed report where the re-check costs about 1.5 ms and the render about
40 ms (benchmarks/bench_check.py) — so a render right after a load does not
check twice, and a report whose lists were changed in place is checked again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
import weakref
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Generic, TypeVar, cast, overload

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError

from baocao.body.pasted import expand_pasted
from baocao.consistency import CheckContext, Problem
from baocao.docx_package import write_atomic
from baocao.engine import (
    make_environment,
    prepare_template,
    render_docx,
    render_prepared,
    template_context,
)
from baocao.errors import DataError, Finding, PluginError, TemplateError
from baocao.frame.context import frame_context
from baocao.frame.model import VanBanHanhChinh
from baocao.frame.rules import check_frame
from baocao.loading import MAX_FILE_BYTES, LoadedData, load_yaml, parse_yaml
from baocao.registry import BUILTIN_PACKAGE, Registry, ReportType, check_template, default_registry
from baocao.template_data import Record
from baocao.validation import validate_model

M = TypeVar("M", bound=VanBanHanhChinh)

Source = str | os.PathLike[str] | Mapping[str, Any] | IO[str] | VanBanHanhChinh
"""What :func:`load` and :func:`validate` read: a data file's path, an open text
stream of YAML (``io.StringIO(text)``), the data as a mapping (what the YAML would
hold), or a model built in code."""


@dataclass(frozen=True)
class Checked(Generic[M]):
    """A report that passed every check: the model, its resolved type, and what the
    checks found besides (warnings; errors raise :class:`DataError`)."""

    report: M
    report_type: ReportType
    findings: tuple[Finding, ...] = ()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while one report is read and checked
    (:func:`inspect`, :func:`inspect_loaded`), or checked and rendered (:func:`render`).

    A large table makes objects by the hundred thousand (its rows read, its model, cells,
    template data) and no cycles to speak of, and each full collection walks every live
    object: with it on, render's CPU per row grew by half from 1,000 to 50,000 rows, and a
    50,000-row data file's load took a fifth longer (benchmarks/README.md, "Summary table
    rows").  Cycles made meanwhile go at the next collection; a collector already off (by
    the caller, or by another thread's render) is left off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@overload
def load(
    source: Source, model: None = None, *, registry: Registry | None = None,
    today: dt.date | None = None,
) -> VanBanHanhChinh: ...
@overload
def load(
    source: Source, model: type[M], *, registry: Registry | None = None,
    today: dt.date | None = None,
) -> M: ...
def load(
    source: Source, model: type[M] | None = None, *, registry: Registry | None = None,
    today: dt.date | None = None,
) -> VanBanHanhChinh:
    """Read and check a data file (or YAML text, a mapping, a model: :data:`Source`);
    raise :class:`DataError` listing every error (and the warnings found beside
    them), in Vietnamese, located at the line when there is a text.  Warnings
    alone do not raise: see :func:`validate` to get them.

    ``model`` narrows the result to a report type's model class, for the type
    checker and at run time: a data file of another type is a :class:`DataError`
    at its ``loai``.

    >>> from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo
    >>> report = load("examples/bac-kan-2023.yaml", BaoCaoRaSoatHoNgheo)  # doctest: +SKIP
    >>> report.ket_qua.ho_ngheo.so_ho                                      # doctest: +SKIP
    242
    """
    report, findings = inspect(source, registry=registry, today=today, model=model)
    if report is None:
        raise DataError(findings)
    return report


def validate(
    source: Source, *, registry: Registry | None = None, today: dt.date | None = None
) -> list[Finding]:
    """Every problem in a data file (or YAML text, a mapping, a model), errors and
    warnings, without raising (an empty list when there is nothing to say).
    ``today`` enables the "dated in the future" warnings; the library never reads
    the clock itself."""
    return inspect(source, registry=registry, today=today)[1]


@_collector_paused()
def inspect(
    source: Source, *, registry: Registry | None = None, today: dt.date | None = None,
    model: type[VanBanHanhChinh] | None = None,
) -> tuple[VanBanHanhChinh | None, list[Finding]]:
    """The checked model (None when there are errors) and every finding; with
    ``model``, a file of a type whose model is not that class is an error."""
    registry = registry or default_registry()
    if isinstance(source, VanBanHanhChinh):
        try:
            checked_model = check(source, registry=registry, today=today)
        except DataError as error:
            return None, error.findings
        if model is not None and not isinstance(checked_model.report, model):
            return None, [Finding("sai-loai", _wrong_model_message(checked_model.report_type, model),
                                  path="loai")]
        return checked_model.report, list(checked_model.findings)
    try:
        loaded, folder = _read(source)
    except DataError as error:
        return None, error.findings
    return inspect_loaded(loaded, folder, registry=registry, today=today, model=model)


@_collector_paused()
def inspect_loaded(
    loaded: LoadedData, folder: Path, *, registry: Registry | None = None, today: dt.date | None = None,
    model: type[VanBanHanhChinh] | None = None,
) -> tuple[VanBanHanhChinh | None, list[Finding]]:
    """:func:`inspect` of data already read (its marks and origins locate the findings;
    the ``tep:`` files it names are read from ``folder``).  The type's prepare hook
    fills ``loaded`` in place: a caller keeps it to point at where values came from."""
    registry = registry or default_registry()
    noted = loaded.findings  # what reading and a prepare hook found, reported beside the rest
    try:
        report_type = _type_of(loaded, registry)
        if model is not None and not issubclass(report_type.model, model):
            raise DataError([_wrong_model(loaded, report_type, model)])
        expand_pasted(loaded, folder)  # any «noi_dung» given as text: its blocks, at their lines
        if report_type.prepare is not None:
            report_type.prepare(loaded, folder)
        checked = _check(loaded, report_type, report_type.model, today=today)
    except DataError as error:
        return None, DataError([*noted, *error.findings]).findings
    findings = DataError([*noted, *checked.findings]).findings  # errors first, then by line
    if any(f.severity == "error" for f in findings):
        return None, findings
    _remember(checked, registry)
    return checked.report, findings


def _read(source: str | os.PathLike[str] | Mapping[str, Any] | IO[str]) -> tuple[LoadedData, Path]:
    """The data and the folder its ``tep:`` files are read from (the data file's,
    else the working directory)."""
    if isinstance(source, Mapping):
        return LoadedData(dict(source), ""), Path.cwd()
    if hasattr(source, "read"):
        text = source.read(MAX_FILE_BYTES + 1)
        name = str(getattr(source, "name", "") or "<dữ liệu>")
        if len(text) > MAX_FILE_BYTES:
            raise DataError([Finding("tep-qua-lon", f"dữ liệu dài hơn giới hạn {MAX_FILE_BYTES} ký tự",
                                     file=name)])
        return parse_yaml(text, name), Path.cwd()
    path = Path(source)
    return load_yaml(path), path.parent


def check(
    report: M, *, registry: Registry | None = None, today: dt.date | None = None
) -> Checked[M]:
    """``report``'s type and warnings, once it has passed the checks a loaded data
    file passes (its type's model, then the consistency rules); raise
    :class:`DataError` (findings without lines: there is no file) if it fails.

    The model is re-validated from its dump, so pydantic's validators run even
    when ``model_copy(update=...)`` skipped them; ``Checked.report`` is what gets
    printed: that re-validated copy, or ``report`` itself when the copy is identical
    to it (:func:`_identical`: nothing a validator would change), so a large report
    built in code is not held twice while it is rendered.  A report :func:`load`
    returned, unchanged since, is not checked again (its findings are those of
    that first check, with the ``today`` it was given).
    """
    registry = registry or default_registry()
    known = _remembered(report, registry)
    if known is not None:
        return known
    loaded = LoadedData(report.model_dump(warnings=False), "")
    try:
        report_type = _type_of(loaded, registry)
        if not isinstance(report, report_type.model):
            raise TypeError(f"a report of type {report_type.name!r} must be a "
                            f"{report_type.model.__name__}, not a {type(report).__name__}")
        checked: Checked[M] = _check(loaded, report_type, type(report), today=today)
    except DataError as error:
        raise DataError(_no_file(error.findings)) from None
    del loaded  # the dump: the copy is made
    printed = report if _identical(checked.report, report) else checked.report
    checked = Checked(printed, report_type, tuple(_no_file(checked.findings)))
    _remember(checked, registry, report)
    return checked


_EXACT = (str, int, bool, type(None))
"""Values equal only when they print alike: for others (``Decimal("1.0")`` and
``Decimal("1.00")``, ``0.0`` and ``-0.0``, a date-time in two time zones) the repr is compared too."""


def _identical(copy: Any, original: Any) -> bool:
    """Whether ``copy`` (a re-validated model) is ``original`` in all but identity: the
    same types throughout (a subclass, a tuple for a list, a ``str`` subclass such as
    markupsafe's ``Markup`` are differences), the same fields, private attributes and
    values, the same order."""
    if copy is original:
        return True
    kind = type(copy)
    if kind is not type(original):
        return False
    if isinstance(copy, BaseModel):
        mine, theirs = copy.__dict__, original.__dict__
        return (list(mine) == list(theirs) and copy.__pydantic_private__ == original.__pydantic_private__
                and copy.__pydantic_extra__ == original.__pydantic_extra__
                and all(_identical(value, theirs[name]) for name, value in mine.items()))
    if kind is list or kind is tuple:
        return len(copy) == len(original) and all(map(_identical, copy, original))
    if kind is dict:
        return list(copy) == list(original) and all(_identical(v, original[k]) for k, v in copy.items())
    if kind in _EXACT:
        return bool(copy == original)
    return bool(copy == original) and repr(copy) == repr(original)


def _no_file(findings: Iterable[Finding]) -> list[Finding]:
    """Findings about a model built in code: no file, no line."""
    return [replace(f, file=None, line=None, column=None) for f in findings]


def _check(
    loaded: LoadedData, report_type: ReportType, model: type[M], *, today: dt.date | None
) -> Checked[M]:
    """``model`` (the type's model or a subclass) built from ``loaded``, then the
    consistency rules; errors raise :class:`DataError`."""
    report = validate_model(model, loaded)
    findings = DataError(
        loaded.finding(problem.path, problem.code, problem.message, severity=problem.severity)
        for problem in consistency_problems(
            report, report_type, today=today, flow_plain=frozenset(loaded.flow_plain)
        )
    ).findings
    if any(f.severity == "error" for f in findings):
        raise DataError(findings)
    return Checked(report, report_type, tuple(findings))


def consistency_problems(
    report: VanBanHanhChinh, report_type: ReportType, *, today: dt.date | None = None,
    flow_plain: frozenset[tuple[str | int, ...]] = frozenset(),
) -> list[Problem]:
    """The frame's and the type's consistency rules applied to ``report``
    (``flow_plain``: see :class:`baocao.consistency.CheckContext`)."""
    context = CheckContext(today=today, flow_plain=flow_plain)
    problems = list(check_frame(report, context))
    if report_type.checks is not None:
        problems.extend(report_type.checks(report, context))
    return problems


@dataclass(frozen=True)
class _Memo:
    """A passed check, remembered without keeping its report alive."""

    ref: weakref.ref[VanBanHanhChinh]
    content: bytes
    registry: Registry
    report_type: ReportType
    findings: tuple[Finding, ...]
    copy: VanBanHanhChinh | None
    """The re-validated copy to print, when it is not the report itself."""


_MEMO: dict[int, _Memo] = {}
_MEMO_SIZE = 256


def _remember(checked: Checked[Any], registry: Registry, report: VanBanHanhChinh | None = None) -> None:
    """Note that ``report`` (default: the checked model itself) passed, as it is now."""
    report = checked.report if report is None else report
    key = id(report)

    def forget(ref: weakref.ref[VanBanHanhChinh]) -> None:
        memo = _MEMO.get(key)
        if memo is not None and memo.ref is ref:
            _MEMO.pop(key, None)

    content = _content(report)
    if content is None:
        return
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.clear()
    copy = None if checked.report is report else checked.report
    _MEMO[key] = _Memo(weakref.ref(report, forget), content, registry, checked.report_type,
                       checked.findings, copy)


def _remembered(report: M, registry: Registry) -> Checked[M] | None:
    """What checking ``report`` gave, if this very object passed with ``registry``
    and its content has not changed since (lists are mutable in a frozen model)."""
    memo = _MEMO.get(id(report))
    if memo is None or memo.ref() is not report or memo.registry is not registry:
        return None
    if _content(report) != memo.content:
        return None
    printed = report if memo.copy is None else cast(M, memo.copy)  # validated as type(report)
    return Checked(printed, memo.report_type, memo.findings)


def _content(report: VanBanHanhChinh) -> bytes | None:
    """A fingerprint of everything ``report`` holds: the SHA-256 of its JSON dump (what
    ``model_dump_json`` writes, as bytes), not the dump itself, which a large table makes
    a few hundred bytes a row; None if it cannot be dumped."""
    try:
        return hashlib.sha256(report.__pydantic_serializer__.to_json(report, warnings=False)).digest()
    except PydanticSerializationError:
        return None


def _wrong_model(loaded: LoadedData, report_type: ReportType, model: type[VanBanHanhChinh]) -> Finding:
    return loaded.finding(("loai",), "sai-loai", _wrong_model_message(report_type, model))


def _wrong_model_message(report_type: ReportType, model: type[VanBanHanhChinh]) -> str:
    expected = model.model_fields["loai"].default
    wanted = f"loại «{expected}»" if isinstance(expected, str) else f"mô hình {model.__name__}"
    return f"tệp là loại «{report_type.name}», không phải {wanted} cần đọc"


@overload
def render(
    report: VanBanHanhChinh, out: None = None, *, template: str | Path | None = None,
    registry: Registry | None = None,
) -> bytes: ...
@overload
def render(
    report: VanBanHanhChinh, out: str | Path, *, template: str | Path | None = None,
    registry: Registry | None = None,
) -> None: ...
def render(
    report: VanBanHanhChinh,
    out: str | Path | None = None,
    *,
    template: str | Path | None = None,
    registry: Registry | None = None,
) -> bytes | None:
    """Render ``report`` to .docx: write ``out`` atomically, or return the bytes.

    The report is checked first (:func:`check`; not again after :func:`load`): a
    report with an error is not rendered.  Other formats are output steps
    (:mod:`baocao.outputs`) given these bytes.

    ``template`` is a clerk's edited copy of the type's template; it is checked
    like a built-in one before use.
    """
    with _collector_paused():
        checked = check(report, registry=registry)
        data = _render_bytes(checked.report, checked.report_type, template)
    if out is None:
        return data
    write_atomic(Path(out), data)
    return None


def _render_bytes(
    report: VanBanHanhChinh, report_type: ReportType, template: str | Path | None
) -> bytes:
    if template is None:
        source = report_type.template_bytes()
        name = f"{report_type.name}.docx"
    else:
        path = Path(template)
        try:
            source = path.read_bytes()
        except OSError as error:
            raise TemplateError(f"không đọc được mẫu «{path}»: {error.strerror}") from None
        name = str(path)
        if (report_type.name, source) not in _CHECKED:  # batch renders reuse one template
            check_template(report_type, source, name)
            if len(_CHECKED) >= 64:
                _CHECKED.clear()
            _CHECKED.add((report_type.name, source))
    when = report.ngay_day_du()
    metadata: dict[str, Any] = {
        "template_name": name,
        "title": f"{report.ten_loai} {report.trich_yeu}",
        "author": " ".join(report.co_quan.ten),  # Phụ lục VI field 7 (OrganName), as --meta writes it
        "when": dt.datetime(when.year, when.month, when.day) if when else None,
    }
    context = build_context(report, report_type)
    # Only baocao's own templates render in-process; a clerk's or a plugin's runs bounded.
    metadata["isolated"] = template is not None or report_type.package != BUILTIN_PACKAGE
    prepared = prepare_template(source, report_type.filters)
    if prepared is not None:
        return render_prepared(prepared, context, **metadata)
    return render_docx(source, context, env=make_environment(report_type.filters), **metadata)


_CHECKED: set[tuple[str, bytes]] = set()


def build_context(report: VanBanHanhChinh, report_type: ReportType) -> Record:
    """The template variables: the model's fields, the frame, the type's hook — as
    the plain data a template sees (:mod:`baocao.template_data`)."""
    context: dict[str, Any] = {name: getattr(report, name) for name in type(report).model_fields}
    derived = report_type.context(report) if report_type.context is not None else {}
    computed = report_type.appendices(report, derived) if report_type.appendices is not None else ()
    context["khung"] = frame_context(report, computed)
    context.update(derived)
    return template_context(context, f"{report_type.name}.docx")


def _type_of(loaded: LoadedData, registry: Registry) -> ReportType:
    data = loaded.data
    name = data.get("loai") if isinstance(data, dict) else None
    if not isinstance(name, str):
        known = ", ".join(t.name for t in registry)
        raise DataError(
            [loaded.finding(("loai",), "thieu-loai", f"thiếu «loai: …» (loại báo cáo): {known}")]
        )
    try:
        return registry.get(name)
    except PluginError as error:
        raise DataError([loaded.finding(("loai",), "loai-trung-ten", str(error))]) from None
    except KeyError:
        close = registry.suggest(name)
        hint = f"; có phải ý bạn là «{close}»?" if close else ""
        raise DataError(
            [
                loaded.finding(
                    ("loai",),
                    "loai-khong-ro",
                    f"không có loại báo cáo «{name}»{hint} (xem: python -m baocao templates)",
                )
            ]
        ) from None
