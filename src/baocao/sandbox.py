"""The template sandbox: an explicit list of what a template may read and call.

Jinja's own sandbox blocks a list of names (those starting with ``_``); anything
else an object has is open.  Here it is the other way round: a template reads the
keys of its data (:mod:`baocao.template_data`), the attributes named below, and
calls the methods named below, its own macros and the globals ``range`` and
``namespace`` — nothing else.  Everything else is a :class:`jinja2.SecurityError`
at render time, and :func:`unsafe_calls` finds the calls a template makes before
it is ever rendered (registration, ``--template``).

>>> env = AllowlistSandbox()
>>> env.from_string("{{ x.ten|upper }} {{ x.ten.upper() }}").render(x={"ten": "a"})
'A A'
>>> env.from_string("{{ x.ten.format(1) }}").render(x={"ten": "{}"})
Traceback (most recent call last):
  ...
jinja2.exceptions.SecurityError: mẫu không được dùng «format» của «str»
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from jinja2 import nodes, pass_environment
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext, Macro, Undefined
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace
from pydantic import BaseModel

from baocao.formatting import format_number

_STR_METHODS = frozenset({
    "capitalize", "endswith", "isdigit", "lower", "lstrip", "rstrip", "split", "splitlines",
    "startswith", "strip", "title", "upper",
})
_MAPPING_METHODS = frozenset({"get", "items", "keys", "values"})
_LOOP_ATTRIBUTES = frozenset({
    "index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0",
    "previtem", "nextitem", "cycle", "changed",
})
_DATE_ATTRIBUTES = frozenset({"year", "month", "day", "weekday", "isoweekday", "isoformat"})
_TIME_ATTRIBUTES = frozenset({"hour", "minute", "second"})

ALLOWED_ATTRIBUTES: tuple[tuple[type, frozenset[str]], ...] = (
    (str, _STR_METHODS),
    (Mapping, _MAPPING_METHODS),
    (LoopContext, _LOOP_ATTRIBUTES),
    (dt.datetime, _DATE_ATTRIBUTES | _TIME_ATTRIBUTES),
    (dt.date, _DATE_ATTRIBUTES),
    (dt.time, _TIME_ATTRIBUTES | {"isoformat"}),
)
"""(type, the attributes a template may read on it); methods among them may be called."""

ALLOWED_METHODS = _STR_METHODS | _MAPPING_METHODS | {"cycle", "changed", "weekday", "isoweekday",
                                                     "isoformat"}
"""Every method name a template may call, whatever it is called on."""

MAX_RANGE = 100_000
"""The most numbers ``range`` may give (Jinja's own bound)."""


def bounded_range(*args: int) -> range:
    """``range``, refused past :data:`MAX_RANGE` numbers.

    >>> list(bounded_range(3))
    [0, 1, 2]
    >>> bounded_range(10**9)
    Traceback (most recent call last):
      ...
    jinja2.exceptions.SecurityError: mẫu dùng range quá 100.000 số
    """
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"mẫu dùng range quá {format_number(MAX_RANGE)} số")
    return numbers


ALLOWED_GLOBALS = {"range": bounded_range, "namespace": Namespace}
"""The only globals: a bounded ``range`` and ``namespace``; not ``lipsum``,
``cycler``, ``joiner`` or ``dict``."""

_SAFE_FUNCTIONS = (bounded_range, Namespace)


def allowed(obj: Any, attribute: str) -> bool:
    """Whether a template may read ``attribute`` of ``obj``.

    >>> allowed("a", "upper"), allowed("a", "format"), allowed(dt.date(2025, 1, 1), "year")
    (True, False, True)
    """
    if attribute.startswith("_"):
        return False
    if isinstance(obj, Namespace) or (isinstance(obj, Mapping) and attribute in obj):
        return True
    return any(isinstance(obj, kind) and attribute in names for kind, names in ALLOWED_ATTRIBUTES)


MAX_SEQUENCE = 1_000_000
"""The longest string or list an operator may make (``'a' * n``, ``a + b``)."""
MAX_DIGITS = 1_000
"""The most digits a power may have (``10 ** n``)."""
MAX_FORMAT_WIDTH = 1_000
"""The widest field a ``%`` format may ask for (``'%1000000000d' % 1``)."""

_FORMAT_FIELD = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")


class AllowlistSandbox(SandboxedEnvironment):
    """A sandboxed environment that allows only what is listed in this module,
    with the amplifying operators bounded (``*``, ``+``, ``**``, ``%``)."""

    intercepted_binops = frozenset({"*", "+", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals.clear()
        self.globals.update(ALLOWED_GLOBALS)
        self.filters["attr"] = _attr

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return allowed(obj, attr)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
        elif operator == "+":
            if _is_sequence(left) and _is_sequence(right) and len(left) + len(right) > MAX_SEQUENCE:
                raise _too_long()
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            _check_format(left, right)
        return super().call_binop(context, operator, left, right)

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, Macro) or any(obj is function for function in _SAFE_FUNCTIONS):
            return True
        owner = getattr(obj, "__self__", None)
        name = getattr(obj, "__name__", None)
        return (owner is not None and isinstance(name, str) and name in ALLOWED_METHODS
                and allowed(owner, name))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if not (isinstance(__obj, Undefined) or __self.is_safe_callable(__obj)):
            raise SecurityError(_refusal(__obj))
        return __context.call(__obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """A record's key before any attribute of it; otherwise the allowed attributes."""
        if isinstance(obj, Undefined):
            return self._on_undefined(obj, attribute)
        if isinstance(obj, Mapping) and attribute in obj:
            return obj[attribute]
        return self._attribute(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Undefined):
            return self._on_undefined(obj, argument)
        try:
            return obj[argument]
        except (TypeError, LookupError):
            if isinstance(argument, str):
                return self._attribute(obj, argument)
        return self.undefined(obj=obj, name=argument)

    def _on_undefined(self, obj: Undefined, name: Any) -> Any:
        """Past an undefined value, its own error (the first refusal is the one named);
        a chainable undefined (``check``'s blank sample) stays blank."""
        if isinstance(name, str) and name.startswith("_"):
            obj._fail_with_undefined_error()
        return super().getattr(obj, name) if isinstance(name, str) else super().getitem(obj, name)

    def _attribute(self, obj: Any, attribute: str) -> Any:
        """An allowed attribute; a refused one raises at once (not a lazy undefined,
        which ``check``'s blank sample would print as nothing)."""
        if not allowed(obj, attribute):
            if attribute.startswith("_") or _has_attribute(obj, attribute):
                raise SecurityError(f"mẫu không được dùng «{attribute}» của «{type(obj).__name__}»")
            return self.undefined(f"dữ liệu không có «{attribute}»", obj=obj, name=attribute)
        return getattr(obj, attribute)


def _is_sequence(value: Any) -> bool:
    return isinstance(value, str | list | tuple)


def _check_repeat(left: Any, right: Any) -> None:
    sequence, count = (left, right) if _is_sequence(left) else (right, left)
    if _is_sequence(sequence) and isinstance(count, int) and len(sequence) * count > MAX_SEQUENCE:
        raise _too_long()


def _too_long() -> SecurityError:
    return SecurityError(f"mẫu tạo chuỗi hay danh sách dài quá {format_number(MAX_SEQUENCE)} phần tử")


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int | float) and isinstance(exponent, int | float) and abs(base) > 1:
        if exponent * math.log10(abs(base)) > MAX_DIGITS:
            raise SecurityError(f"mẫu tính lũy thừa quá {MAX_DIGITS} chữ số")


def _check_format(template: str, values: Any) -> None:
    for match in _FORMAT_FIELD.finditer(template):
        for width in match.groups():
            if width == "*" or (width is not None and int(width) > MAX_FORMAT_WIDTH):
                raise SecurityError(f"mẫu định dạng «%» rộng quá {MAX_FORMAT_WIDTH} ký tự")


@pass_environment
def _attr(environment: AllowlistSandbox, obj: Any, name: str) -> Any:
    """Filter ``attr``: the same lookup as ``obj.name``, under the same list."""
    return environment.getattr(obj, name)


def _has_attribute(obj: Any, attribute: str) -> bool:
    try:
        getattr(obj, attribute)
    except Exception:  # an attribute that raises is no attribute here
        return False
    return True


def _refusal(obj: Any) -> str:
    name = getattr(obj, "__name__", None) or type(obj).__name__
    owner = getattr(obj, "__self__", None)
    if owner is not None:
        return f"mẫu không được gọi «{name}» của «{type(owner).__name__}»"
    return f"mẫu không được gọi «{name}»"


def unsafe_calls(tree: nodes.Template) -> list[str]:
    """The calls in a parsed template that the sandbox would refuse, by name.

    A call is allowed when it calls a listed method (``x.upper()``), a global
    (``range(3)``), one of the template's macros, or ``caller()``; calling the
    result of an expression (``(x|attr('f'))()``, ``x['f']()``) is refused.

    >>> from jinja2 import Environment
    >>> unsafe_calls(Environment().parse("{{ a.upper() }}{{ a.parse_raw('x') }}{{ lipsum() }}"))
    ['parse_raw', 'lipsum']
    >>> unsafe_calls(Environment().parse("{{ (a|attr('f'))() }}{{ a['g']() }}"))
    ['attr', 'g']
    """
    defined = {macro.name for macro in tree.find_all(nodes.Macro)} | {"caller"}
    refused = []
    for call in tree.find_all(nodes.Call):
        callee = call.node
        if isinstance(callee, nodes.Getattr):
            if callee.attr not in ALLOWED_METHODS:
                refused.append(callee.attr)
        elif isinstance(callee, nodes.Name):
            if callee.name not in {*ALLOWED_GLOBALS, *defined}:
                refused.append(callee.name)
        elif isinstance(callee, nodes.Filter):
            refused.append(callee.name)
        elif isinstance(callee, nodes.Getitem) and isinstance(callee.arg, nodes.Const):
            refused.append(str(callee.arg.value))
        else:
            refused.append(type(callee).__name__.lower())
    return refused


_ATTRIBUTE_FILTERS = frozenset({"attr", "map", "selectattr", "rejectattr", "sort", "groupby", "unique",
                                "sum", "min", "max"})
"""Filters whose constant arguments name attributes."""

_ALLOWED_NAMES = frozenset().union(*(names for _, names in ALLOWED_ATTRIBUTES))
NOT_DATA = frozenset(
    name
    for kind in (BaseModel, object, dict, list, tuple, str, int, Decimal, dt.datetime, LoopContext)
    for name in dir(kind)
) - _ALLOWED_NAMES
"""Attributes of the objects data is made from that are not data (``parse_raw``,
``model_dump``, ``copy``, ``format``, ``mro`` …): a template naming one is refused
before it is rendered."""


def forbidden_attributes(tree: nodes.Template) -> list[str]:
    """The attributes a parsed template reads that no template may: names starting
    with ``_`` and the :data:`NOT_DATA` names, however they are written
    (``x.__class__``, ``x['__class__']``, ``x|attr('parse_raw')``,
    ``map(attribute='__class__')``).

    >>> from jinja2 import Environment
    >>> forbidden_attributes(Environment().parse(
    ...     "{{ a|attr('__class__') }}{{ a|map(attribute='_x') }}{{ a.parse_raw }}{{ a.ten }}"))
    ['__class__', '_x', 'parse_raw']
    """
    found = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        candidates: list[object] = []
        if isinstance(node, nodes.Getattr):
            candidates = [node.attr]
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            candidates = [node.arg.value]
        elif isinstance(node, nodes.Filter) and node.name in _ATTRIBUTE_FILTERS:
            candidates = [a.value for a in node.args if isinstance(a, nodes.Const)]
            candidates += [k.value.value for k in node.kwargs if isinstance(k.value, nodes.Const)]
        found += [c for c in candidates if isinstance(c, str) and (c.startswith("_") or c in NOT_DATA)]
    return found
