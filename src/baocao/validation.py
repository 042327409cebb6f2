"""From data to a validated model, with every problem as a Vietnamese finding.

pydantic reports what is wrong and where in the data; this module says it in
Vietnamese, points it at the YAML line, and suggests the key a clerk probably
meant.  All problems are collected in one run.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from baocao.errors import DataError, Finding
from baocao.loading import LoadedData

M = TypeVar("M", bound=BaseModel)


def validate_model(model: type[M], loaded: LoadedData) -> M:
    """Build ``model`` from ``loaded``; raise :class:`DataError` with every problem."""
    if not isinstance(loaded.data, dict):
        raise DataError(
            [loaded.finding((), "khong-phai-bang", "tệp dữ liệu phải là một bảng «khóa: giá trị»")]
        )
    try:
        return model.model_validate(loaded.data)
    except ValidationError as error:
        raise DataError(findings_from(error, model, loaded)) from None


def findings_from(error: ValidationError, model: type[BaseModel], loaded: LoadedData) -> list[Finding]:
    """One Vietnamese finding per pydantic error."""
    return [_finding(detail, model, loaded) for detail in error.errors(include_url=False)]


def _finding(detail: ErrorDetails, model: type[BaseModel], loaded: LoadedData) -> Finding:
    path = [part for part in detail["loc"] if not _is_union_tag(part)]
    kind = detail["type"]
    if kind == "extra_forbidden":
        key = str(path[-1])
        known = _fields_at(model, path[:-1])
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"; có phải ý bạn là «{close[0]}»?" if close else (
            f"; các khóa hợp lệ: {', '.join(sorted(known))}" if known else ""
        )
        return loaded.finding(path, "khoa-la", f"khóa «{key}» không có trong mẫu{hint}")
    if kind == "missing":
        description = _description_at(model, path)
        about = f" ({description})" if description else ""
        return loaded.finding(path, "thieu-truong", f"thiếu trường bắt buộc{about}")
    if "-" in kind:  # baocao's own codes (models.blocks.located_error): already Vietnamese
        return loaded.finding(path, kind, detail["msg"])
    return loaded.finding(path, _CODES.get(kind, "gia-tri"), _message(detail))


def _is_union_tag(part: str | int) -> bool:
    """pydantic adds the member's type name (``date``, ``NgayBanHanh``) to the
    location of a union's errors; a clerk's path has no such step."""
    return isinstance(part, str) and (part[:1].isupper() or part in _UNION_TAGS)


_UNION_TAGS = {"date", "int", "str", "list[str]", "function-before[_date_or_partial(), union]"}

_CODES = {
    "int_type": "kieu-so-nguyen",
    "int_parsing": "kieu-so-nguyen",
    "int_from_float": "kieu-so-nguyen",
    "decimal_parsing": "kieu-so",
    "decimal_type": "kieu-so",
    "date_type": "kieu-ngay",
    "date_parsing": "kieu-ngay",
    "date_from_datetime_parsing": "kieu-ngay",
    "string_type": "kieu-chu",
    "string_too_short": "chu-rong",
    "too_short": "danh-sach-rong",
    "too_long": "danh-sach-dai",
    "greater_than_equal": "ngoai-khoang",
    "less_than_equal": "ngoai-khoang",
    "literal_error": "gia-tri-khong-cho-phep",
    "bool_type": "kieu-dung-sai",
    "bool_parsing": "kieu-dung-sai",
    "string_pattern_mismatch": "sai-dang",
    "model_type": "kieu-bang",
    "dict_type": "kieu-bang",
    "list_type": "kieu-danh-sach",
    "value_error": "gia-tri",
    "assertion_error": "gia-tri",
}


def _message(detail: ErrorDetails) -> str:
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    value = detail.get("input")
    shown = f"«{value}»" if isinstance(value, str | int | float) and not isinstance(value, bool) else ""
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"cần một số nguyên (ví dụ 12299, không có dấu chấm), nhận được {shown or 'giá trị khác'}"
    if kind in ("decimal_parsing", "decimal_type"):
        return f"cần một số (dấu thập phân là dấu chấm trong YAML, ví dụ 2.33), nhận được {shown}"
    if kind.startswith("date"):
        return f"cần một ngày dạng YYYY-MM-DD (ví dụ 2023-09-07), nhận được {shown or 'giá trị khác'}"
    if kind == "string_type":
        return "cần một đoạn chữ"
    if kind == "string_too_short":
        return "không được để trống"
    if kind == "too_short":
        return f"cần ít nhất {ctx.get('min_length', 1)} mục"
    if kind == "too_long":
        return f"nhiều nhất {ctx.get('max_length')} mục"
    if kind == "greater_than_equal":
        return f"phải lớn hơn hoặc bằng {ctx.get('ge')}, nhận được {shown}"
    if kind == "less_than_equal":
        return f"phải nhỏ hơn hoặc bằng {ctx.get('le')}, nhận được {shown}"
    if kind == "literal_error":
        return f"giá trị {shown} không được phép; chọn một trong: {ctx.get('expected')}"
    if kind in ("bool_type", "bool_parsing"):
        return "cần «true» (có) hoặc «false» (không)"
    if kind == "string_pattern_mismatch":
        return f"{shown} không đúng dạng (không chứa dấu cách hoặc dấu «/»)"
    if kind in ("model_type", "dict_type"):
        return "cần một bảng «khóa: giá trị» (các dòng thụt lề bên dưới)"
    if kind == "list_type":
        return "cần một danh sách (các dòng bắt đầu bằng «- »)"
    if kind in ("value_error", "assertion_error"):
        error = ctx.get("error")
        return str(error) if error is not None else detail["msg"]
    return f"giá trị không hợp lệ ({detail['msg']})"


def _annotation_at(model: type[BaseModel], path: Sequence[str | int]) -> Any:
    """The type expected at ``path`` inside ``model`` (None when unknown)."""
    current: Any = model
    for part in path:
        current = _unwrap(current, isinstance(part, int))
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None:
                return None
            current = field.annotation
        else:
            return None
    return current


def _unwrap(annotation: Any, want_item: bool) -> Any:
    """Strip Optional/Annotated/unions down to a model class, or a list's item."""
    for _ in range(6):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in members if isinstance(a, type) and issubclass(a, BaseModel)]
            lists = [a for a in members if typing.get_origin(a) is list]
            annotation = (lists or models or members)[0] if want_item and lists else (
                models or members
            )[0]
        elif origin is list and want_item:
            return typing.get_args(annotation)[0]
        else:
            return annotation
    return annotation


def _fields_at(model: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    target = _unwrap(_annotation_at(model, path), False)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []


def _description_at(model: type[BaseModel], path: Sequence[str | int]) -> str | None:
    if not path or not isinstance(path[-1], str):
        return None
    parent = _unwrap(_annotation_at(model, path[:-1]), False)
    if isinstance(parent, type) and issubclass(parent, BaseModel):
        field = parent.model_fields.get(path[-1])
        return field.description if field else None
    return None
