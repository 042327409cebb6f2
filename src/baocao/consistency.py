"""Consistency rules: what a valid model can still get wrong.

pydantic checks each value and each block on its own; these rules look across
the document — rates against counts, dates against the report's date, symbols
against their document type — and say, in Vietnamese, what is wrong and what is
expected.  Each problem has a stable code and a severity: an ``error`` stops the
render, a ``warning`` is shown and the render goes on.

A report type adds its own rules through ``ReportType.checks``; the frame's rules
(:mod:`baocao.frame.rules`) apply to every type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from baocao.errors import Severity

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One inconsistency, at a field path of the model."""

    path: Path
    code: str
    message: str
    severity: Severity = "error"


@dataclass(frozen=True)
class CheckContext:
    """What rules may know besides the document: today's date, when the caller
    gives it (the library never reads the clock itself)."""

    today: dt.date | None = None


Rule = Callable[..., Iterable[Problem]]
