"""baocao: Vietnamese administrative reports (Decree 30/2020/NĐ-CP) from data.

>>> import baocao
>>> report = baocao.load("examples/bac-kan-2023.yaml")      # doctest: +SKIP
>>> baocao.render(report, "bao-cao.docx")                   # doctest: +SKIP
"""

from baocao.api import load, render, validate
from baocao.errors import BaocaoError, DataError, Finding, FormatError, TemplateError
from baocao.registry import ReportType

__all__ = [
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
