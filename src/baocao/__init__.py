"""baocao: Vietnamese administrative reports (Decree 30/2020/NĐ-CP) from data.

>>> import baocao
>>> report = baocao.load("examples/bac-kan-2023.yaml")      # doctest: +SKIP
>>> baocao.render(report, "bao-cao.docx")                   # doctest: +SKIP

Every public name is imported on first use: ``python -m baocao --help`` does not pay for
pydantic and docxtpl, and ``python -m baocao`` hands its command to a warm server
(:mod:`baocao.warm`) having imported nothing but this file and the interpreter's own.  A report
type of another package is written against :mod:`baocao.plugin`.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: ``python -m baocao`` imports this file before anything else
if TYPE_CHECKING:
    from typing import Any

    from baocao.api import load, render, validate
    from baocao.errors import (
        BaocaoError,
        DataError,
        Finding,
        FormatError,
        OutputError,
        PluginError,
        TemplateError,
    )
    from baocao.registry import ReportType

__all__ = [
    "BaocaoError",
    "DataError",
    "Finding",
    "FormatError",
    "OutputError",
    "PluginError",
    "ReportType",
    "TemplateError",
    "load",
    "render",
    "validate",
]

_LAZY = {"load": "baocao.api", "render": "baocao.api", "validate": "baocao.api",
         "ReportType": "baocao.registry",
         **dict.fromkeys(("BaocaoError", "DataError", "Finding", "FormatError", "OutputError",
                          "PluginError", "TemplateError"), "baocao.errors")}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'baocao' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names (and the module's dunders), not the helpers this file imports."""
    return sorted({*__all__, *(name for name in globals() if name.startswith("__"))})
