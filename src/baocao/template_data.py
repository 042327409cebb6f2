"""What a template sees: plain data, never live objects.

A template is code written by someone else (a clerk's edited copy, a plugin's), so
the values it is given carry no behaviour: strings, numbers, dates, tuples and
read-only :class:`Record` mappings.  A pydantic model would hand it ``parse_raw``
and ``parse_file`` (a pickle load, a file read); a dataclass its methods.  Here a
model becomes the record of its fields, a dataclass the record of its fields and
public properties, computed once.  A model or dataclass with a ``template_data()``
method is what that returns, made plain in turn (a table cell with nothing of its own but
its value is the value; a summary table's rows, a :func:`lazy_record`).

>>> import datetime as dt
>>> from pydantic import BaseModel
>>> class CoQuan(BaseModel):
...     ten: list[str]
...     ngay: dt.date
>>> data = to_template_data({"co_quan": CoQuan(ten=["UBND", "xã A"], ngay=dt.date(2025, 7, 1))})
>>> data["co_quan"]
Record(ten=('UBND', 'xã A'), ngay=datetime.date(2025, 7, 1))
>>> data["co_quan"].ten[1]
'xã A'
>>> to_template_data({"x": object()})
Traceback (most recent call last):
  ...
TypeError: x: mẫu chỉ nhận dữ liệu thuần (chữ, số, ngày, danh sách, bản ghi), không nhận «object»
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from docxtpl import RichText
from markupsafe import Markup
from pydantic import BaseModel

from baocao.formatting import PartialDate

_SCALARS = (type(None), bool, int, float, Decimal, dt.date, dt.time)
"""Immutable values passed as they are (``dt.datetime`` is a ``dt.date``)."""
_VALUES = (RichText, Markup, PartialDate)
"""Value objects the filters and docxtpl print; their attributes stay closed to
templates (:mod:`baocao.sandbox`)."""


class Record(Mapping[str, Any]):
    """A read-only mapping of plain values.

    Templates read it by key (``co_quan.ten`` is ``co_quan['ten']``); Python code
    — the filters — may read it by attribute as well.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_values", dict(values))

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Record is read-only")

    def __repr__(self) -> str:
        return "Record(" + ", ".join(f"{k}={v!r}" for k, v in self._values.items()) + ")"


def to_template_data(value: Any, where: str = "") -> Any:
    """``value`` as plain data; :class:`TypeError` naming ``where`` for anything else."""
    if isinstance(value, str):
        return value if type(value) is str or isinstance(value, Markup) else str(value)
    if isinstance(value, _SCALARS) or isinstance(value, _VALUES):
        return value
    if isinstance(value, enum.Enum):
        return to_template_data(value.value, where)
    if isinstance(value, Record):
        return value
    if isinstance(value, BaseModel):
        own = getattr(type(value), "template_data", None)
        if own is not None:  # the model says what it stands for (a table's plain cell: its value)
            return to_template_data(own(value), where)
        fields = {name: getattr(value, name) for name in type(value).model_fields}
        fields.update({name: getattr(value, name) for name in type(value).model_computed_fields})
        return _record(fields, where)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        own = getattr(type(value), "template_data", None)
        if own is not None:
            return to_template_data(own(value), where)
        return _record({name: getattr(value, name) for name in _dataclass_names(type(value))}, where)
    if isinstance(value, Mapping):
        return _record(value, where)
    if isinstance(value, list | tuple):
        return tuple(to_template_data(item, f"{where}[{index}]") for index, item in enumerate(value))
    raise TypeError(f"{where or 'ngữ cảnh'}: mẫu chỉ nhận dữ liệu thuần (chữ, số, ngày, danh sách, "
                    f"bản ghi), không nhận «{type(value).__name__}»")


def lazy_record(value: Any) -> Record:
    """The record :func:`to_template_data` makes of a model or a dataclass, each value
    made plain when a template first reads it — for large data a template seldom reads
    (a summary table's rows, under the names a clerk's template may use besides the
    appendix the built-in one prints).  What it holds must be plain data once made so:
    it is the report type's own, not a plugin's.

    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class Bieu:
    ...     dong: list[dict[str, int]]
    >>> record = lazy_record(Bieu(dong=[{"so_ho": 12}]))
    >>> "dong" in record, record.dong[0].so_ho, dict(record)
    (True, 12, {'dong': (Record(so_ho=12),)})
    """
    if isinstance(value, BaseModel):
        klass = type(value)
        names = (*klass.model_fields, *klass.model_computed_fields)
    else:
        names = _dataclass_names(type(value))
    return _LazyRecord({name: getattr(value, name) for name in names})


class _LazyRecord(Record):
    """A record whose values are made plain on first reading (:func:`lazy_record`)."""

    __slots__ = ("_names", "_raw")

    def __init__(self, raw: dict[str, Any]) -> None:
        super().__init__({})
        object.__setattr__(self, "_raw", raw)
        object.__setattr__(self, "_names", tuple(raw))

    def __getitem__(self, key: str) -> Any:
        values = self._values
        if key not in values:
            values[key] = to_template_data(self._raw.pop(key), key)  # KeyError: not one of its names
        return values[key]

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __contains__(self, key: object) -> bool:
        return key in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return "Record(" + ", ".join(f"{k}={self[k]!r}" for k in self._names) + ")"


def _dataclass_names(klass: type) -> tuple[str, ...]:
    """A dataclass's fields, then its public properties (base classes' first), found once per class."""
    names = _NAMES.get(klass)
    if names is None:
        found = {field.name: None for field in dataclasses.fields(klass)}
        for base in reversed(klass.__mro__):
            for name, member in vars(base).items():
                if isinstance(member, property) and not name.startswith("_"):
                    found[name] = None
        names = _NAMES[klass] = tuple(found)
    return names


_NAMES: dict[type, tuple[str, ...]] = {}


def _record(values: Mapping[Any, Any], where: str) -> Record:
    plain = {}
    for key, item in values.items():
        if not isinstance(key, str):
            raise TypeError(f"{where or 'ngữ cảnh'}: khóa của dữ liệu mẫu phải là chữ, không phải {key!r}")
        plain[key] = to_template_data(item, f"{where}.{key}" if where else key)
    record = Record.__new__(Record)  # the dict is the record's own: no copy
    object.__setattr__(record, "_values", plain)
    return record
