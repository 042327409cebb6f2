"""Consistency rules: what a valid model can still get wrong, and the table of data findings.

pydantic checks each value and each block on its own; these rules look across
the document — rates against counts, dates against the report's date, symbols
against their document type — and say, in Vietnamese, what is wrong and what is
expected.  Each problem has a stable code and a severity: an ``error`` stops the
render, a ``warning`` is shown and the render goes on.

A report type adds its own rules through ``ReportType.checks``; the frame's rules
(:mod:`baocao.frame.rules`) apply to every type.

**The table.**  Like the layout checker's rules (:mod:`baocao.layout.rules`), every
data finding baocao makes is a row of a :class:`RuleTable`: code, severity, where
the rule comes from (a clause of Decree 30/2020, a section of the domain spec, the
data model) and the message as a :meth:`str.format` template.  Each module that
finds problems declares its rows next to its checks — the frame's model
(:data:`baocao.frame.model.RULES`), the frame's rules (:data:`baocao.frame.rules.RULES`),
each report type's (``baocao.loai.<ten>.rules.RULES``), the structural codes of
:mod:`baocao.validation` — and makes its findings through the table
(:meth:`RuleTable.problem` for a rule, :meth:`RuleTable.error` inside a pydantic
validator), so a finding's code, severity and wording cannot disagree with it.
Every table registers itself: :func:`tables` lists them (the test suite checks
that each code has a broken data file under ``tests/data/invalid/`` that trips it).

>>> demo = RuleTable("demo", [("vi-du", "warning", "spec §1", "có {so} hộ")], register=False)
>>> demo.problem("vi-du", ("ket_qua",), so=3)
Problem(path=('ket_qua',), code='vi-du', message='có 3 hộ', severity='warning')
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from pydantic_core import PydanticCustomError

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
    gives it (the library never reads the clock itself), and how the data file
    wrote its lists."""

    today: dt.date | None = None
    flow_plain: frozenset[Path] = frozenset()
    """Paths of the unquoted texts the data file wrote inside a bracketed list «[…]»
    (:attr:`baocao.loading.LoadedData.flow_plain`); empty for a model built in code."""


Rule = Callable[..., Iterable[Problem]]


@dataclass(frozen=True)
class DataRule:
    """One row of a table of data findings."""

    code: str
    severity: Severity
    source: str
    """Where the rule comes from: «NĐ 30/2020, Phụ lục III», «spec §5», «mô hình dữ liệu» …"""
    message: str
    """The Vietnamese message, a :meth:`str.format` template over named values."""

    @property
    def fields(self) -> frozenset[str]:
        """The names the message template takes.

        >>> DataRule("x", "error", "", "{a} và {b:+d}").fields == {"a", "b"}
        True
        """
        return frozenset(name for _, name, _, _ in string.Formatter().parse(self.message) if name)


_TABLES: dict[str, RuleTable] = {}


class RuleTable(Mapping[str, DataRule]):
    """The data rules one module declares, by code.

    Rows are ``(code, severity, source, message template)``.  A table registers itself
    under its owner (the module's name) unless ``register=False``.
    """

    def __init__(
        self,
        owner: str,
        rows: Iterable[tuple[str, Severity, str, str]],
        *,
        register: bool = True,
    ) -> None:
        self.owner = owner
        self._rules: dict[str, DataRule] = {}
        for code, severity, source, message in rows:
            if code in self._rules:
                raise ValueError(f"{owner}: code {code!r} declared twice")
            self._rules[code] = DataRule(code, severity, source, message)
        if register:
            _TABLES[owner] = self

    def __getitem__(self, code: str) -> DataRule:
        return self._rules[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def message(self, code: str, **values: object) -> str:
        """The message of ``code`` with ``values`` filled in (every field, none extra)."""
        rule = self._rules[code]
        if set(values) != rule.fields:
            raise TypeError(f"{code}: message takes {sorted(rule.fields)}, got {sorted(values)}")
        return rule.message.format(**values)

    def problem(self, code: str, path: Path, **values: object) -> Problem:
        """A finding of rule ``code`` at ``path``, worded and graded by the table."""
        return Problem(path, code, self.message(code, **values), self._rules[code].severity)

    def error(self, code: str, **values: object) -> PydanticCustomError:
        """The same finding raised from a pydantic validator (its code becomes the finding's)."""
        return PydanticCustomError(code, "{thong_bao}", {"thong_bao": self.message(code, **values)})


def tables() -> dict[str, RuleTable]:
    """Every registered table of data findings, by owner (those imported so far)."""
    return dict(_TABLES)
