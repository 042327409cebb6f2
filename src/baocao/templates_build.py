"""Rebuild the built-in templates: ``python -m baocao.templates_build [DIR]``.

A composition root: it asks the registry for baocao's own types and builds each
one's template from its body with the official frame (:mod:`baocao.frame`).  The
templates are checked in under ``templates/vi/``; a test rebuilds them and compares.
"""

from __future__ import annotations

import sys
from pathlib import Path

from baocao.frame import build_template
from baocao.registry import BUILTIN_PACKAGE, ReportType, default_registry


def builtin_types() -> list[ReportType]:
    """baocao's own types that are built from a body."""
    return [t for t in default_registry() if t.package == BUILTIN_PACKAGE and t.body is not None]


def build(report_type: ReportType) -> bytes:
    """The template of ``report_type``, built from its body."""
    if report_type.body is None:
        raise ValueError(f"loại «{report_type.name}» không có phần thân để dựng mẫu")
    return build_template(report_type.body, cong_van=report_type.cong_van)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0] if args else "templates/vi")
    for report_type in builtin_types():
        path = target / f"{report_type.name}.docx"
        path.write_bytes(build(report_type))
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
