"""The public door stays small and deliberate."""

from __future__ import annotations

import baocao


def test_all_is_the_public_surface() -> None:
    assert baocao.__all__ == [
        "BaocaoError",
        "DataError",
        "Finding",
        "FormatError",
        "ReportType",
        "TemplateError",
        "load",
        "render",
        "validate",
    ]
    assert baocao.__all__ == sorted(baocao.__all__)
    for name in baocao.__all__:
        assert hasattr(baocao, name)


def test_errors_are_value_errors() -> None:
    for error in (baocao.BaocaoError, baocao.DataError, baocao.FormatError, baocao.TemplateError):
        assert issubclass(error, ValueError)
