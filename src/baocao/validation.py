"""From data to a validated model, with every problem as a Vietnamese finding.

pydantic reports what is wrong and where in the data; this module says it in
Vietnamese, points it at the YAML line, and suggests the key a clerk probably
meant.  All problems are collected in one run.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from baocao.consistency import RuleTable
from baocao.errors import DataError, Finding
from baocao.frame.model import RULES as FRAME_RULES
from baocao.loading import LoadedData

M = TypeVar("M", bound=BaseModel)


_MODEL = "mô hình dữ liệu"

RULES = RuleTable(__name__, [
    ("khong-phai-bang", "error", _MODEL, "tệp dữ liệu phải là một bảng «khóa: giá trị»"),
    ("khoa-la", "error", _MODEL, "khóa «{khoa}» không có trong mẫu{goi_y}"),
    ("thieu-truong", "error", _MODEL, "thiếu trường bắt buộc{mo_ta}"),
    ("kieu-so", "error", _MODEL,
     "cần một số (dấu thập phân là dấu chấm trong YAML, ví dụ 2.33), nhận được {gia_tri}"),
    ("kieu-chu", "error", _MODEL, "cần một đoạn chữ"),
    ("chu-rong", "error", _MODEL, "không được để trống"),
    ("danh-sach-rong", "error", _MODEL, "cần ít nhất {so_muc} mục"),
    ("danh-sach-dai", "error", _MODEL, "nhiều nhất {so_muc} mục"),
    ("ngoai-khoang", "error", _MODEL, "phải {so_sanh} {gioi_han}, nhận được {gia_tri}"),
    ("gia-tri-khong-cho-phep", "error", _MODEL,
     "{gia_tri} không được phép; chọn một trong: {cho_phep}"),
    ("kieu-dung-sai", "error", _MODEL, "cần «true» (có) hoặc «false» (không)"),
    ("sai-dang", "error", _MODEL, "{gia_tri} không đúng dạng (không chứa dấu cách hoặc dấu «/»)"),
    ("kieu-bang", "error", _MODEL, "cần một bảng «khóa: giá trị» (các dòng thụt lề bên dưới)"),
    ("kieu-danh-sach", "error", _MODEL, "cần một danh sách (các dòng bắt đầu bằng «- »)"),
    ("gia-tri", "error", _MODEL, "{loi}"),
])
"""The structural findings: pydantic's own errors in baocao's codes and Vietnamese.

(A block's validators raise baocao's codes themselves, worded by their module's
table — :data:`baocao.frame.model.RULES` holds ``kieu-so-nguyen`` and ``kieu-ngay``,
which pydantic's integer and date errors share.)  ``gia-tri`` is the catch-all: a
validator's own sentence, or pydantic's for a kind with no code of its own."""


def validate_model(model: type[M], loaded: LoadedData) -> M:
    """Build ``model`` from ``loaded``; raise :class:`DataError` with every problem."""
    if not isinstance(loaded.data, dict):
        raise DataError([loaded.finding((), "khong-phai-bang", RULES.message("khong-phai-bang"))])
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
        return loaded.finding(path, "khoa-la", RULES.message("khoa-la", khoa=key, goi_y=hint))
    if kind == "missing":
        description = _description_at(model, path)
        about = f" ({description})" if description else ""
        return loaded.finding(path, "thieu-truong", RULES.message("thieu-truong", mo_ta=about))
    if "-" in kind:  # baocao's own rule (PydanticCustomError): worded by its module's table
        return loaded.finding(path, kind, detail["msg"])
    code = _CODES.get(kind, "gia-tri")
    if code == "danh-sach-rong" and isinstance(detail.get("input"), str):
        code = "chu-rong"  # pydantic says "too short" for an empty text too (a Text's bound is a length)
    table = FRAME_RULES if code in FRAME_RULES else RULES
    return loaded.finding(path, code, table.message(code, **_values(code, detail)))


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
"""pydantic's error kinds, by the baocao code they are reported as (others: ``gia-tri``)."""


def _values(code: str, detail: ErrorDetails) -> dict[str, object]:
    """The values of ``code``'s message for one pydantic error."""
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    value = detail.get("input")
    shown = f"«{value}»" if isinstance(value, str | int | float) and not isinstance(value, bool) else ""
    if value is None or value == "":
        shown = "giá trị để trống"
    if code in ("kieu-so-nguyen", "kieu-ngay"):
        return {"gia_tri": shown or "giá trị khác"}
    if code in ("kieu-so", "sai-dang"):
        return {"gia_tri": shown}
    if code == "danh-sach-rong":
        return {"so_muc": ctx.get("min_length", 1)}
    if code == "danh-sach-dai":
        return {"so_muc": ctx.get("max_length")}
    if code == "ngoai-khoang":
        if kind == "greater_than_equal":
            return {"so_sanh": "lớn hơn hoặc bằng", "gioi_han": ctx.get("ge"), "gia_tri": shown}
        return {"so_sanh": "nhỏ hơn hoặc bằng", "gioi_han": ctx.get("le"), "gia_tri": shown}
    if code == "gia-tri-khong-cho-phep":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        allowed = ", ".join(f"«{choice}»" for choice in choices) or str(ctx.get("expected"))
        return {"gia_tri": shown if shown.startswith("giá trị") else f"giá trị {shown}".rstrip(),
                "cho_phep": allowed}
    if code == "gia-tri":
        error = ctx.get("error")
        if kind in ("value_error", "assertion_error"):
            return {"loi": str(error) if error is not None else detail["msg"]}
        return {"loi": f"giá trị không hợp lệ ({detail['msg']})"}
    return {}


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
