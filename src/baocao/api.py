"""The library's front door: load a data file, validate it, render it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

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
from baocao.loading import LoadedData, dotted, load_yaml
from baocao.registry import BUILTIN_PACKAGE, Registry, ReportType, check_template, default_registry
from baocao.template_data import Record
from baocao.validation import validate_model


def load(
    path: str | Path, *, registry: Registry | None = None, today: dt.date | None = None
) -> VanBanHanhChinh:
    """Read and validate a data file; raise :class:`DataError` listing every error
    (and the warnings found beside them).  Warnings alone do not raise: see
    :func:`validate` to get them."""
    report, findings = inspect(path, registry=registry, today=today)
    if report is None:
        raise DataError(findings)
    return report


def validate(
    path: str | Path, *, registry: Registry | None = None, today: dt.date | None = None
) -> list[Finding]:
    """Every problem in a data file, errors and warnings, without raising (an empty
    list when there is nothing to say).  ``today`` enables the "dated in the
    future" warnings; the library never reads the clock itself."""
    return inspect(path, registry=registry, today=today)[1]


def inspect(
    path: str | Path, *, registry: Registry | None = None, today: dt.date | None = None
) -> tuple[VanBanHanhChinh | None, list[Finding]]:
    """The validated model (None when there are errors) and every finding."""
    registry = registry or default_registry()
    noted: list[Finding] = []  # what a prepare hook found, reported beside the rest
    try:
        loaded = load_yaml(path)
        noted = loaded.findings
        report_type = _type_of(loaded, registry)
        if report_type.prepare is not None:
            report_type.prepare(loaded, Path(path).parent)
        report = validate_model(report_type.model, loaded)
    except DataError as error:
        return None, DataError([*noted, *error.findings]).findings
    findings = noted + [
        loaded.finding(problem.path, problem.code, problem.message, severity=problem.severity)
        for problem in consistency_problems(report, report_type, today=today)
    ]
    findings = DataError(findings).findings  # errors first, then by line
    has_errors = any(f.severity == "error" for f in findings)
    return (None if has_errors else report), findings


def consistency_problems(
    report: VanBanHanhChinh, report_type: ReportType, *, today: dt.date | None = None
) -> list[Problem]:
    """The frame's and the type's consistency rules applied to ``report``."""
    context = CheckContext(today=today)
    problems = list(check_frame(report, context))
    if report_type.checks is not None:
        problems.extend(report_type.checks(report, context))
    return problems


def render(
    report: VanBanHanhChinh,
    out: str | Path | None = None,
    *,
    template: str | Path | None = None,
    registry: Registry | None = None,
) -> bytes | None:
    """Render ``report`` to .docx: write ``out`` atomically, or return the bytes.

    The consistency rules run first: a report with an error is not rendered.

    ``template`` is a clerk's edited copy of the type's template; it is checked
    like a built-in one before use.
    """
    report_type = (registry or default_registry()).get(report.loai)
    errors = [p for p in consistency_problems(report, report_type) if p.severity == "error"]
    if errors:
        raise DataError(Finding(p.code, p.message, path=dotted(p.path)) for p in errors)
    data = _render_bytes(report, report_type, template)
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
        "author": report.co_quan.ten_goi_tat,
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
    context["khung"] = frame_context(report)
    if report_type.context is not None:
        context.update(report_type.context(report))
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
