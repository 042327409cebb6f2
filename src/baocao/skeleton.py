"""A commented YAML skeleton of a report type's data file (``baocao new``).

Written from the pydantic model: every key with its Vietnamese description above
it, nested models as nested mappings, lists with one item.  Required values are
left blank (``key:`` is YAML's null), so that ``baocao validate`` on an unfilled
skeleton lists exactly what is still to write; choices and defaults are shown in
the comments.  Optional keys are commented out (``# key: …``) with their default:
removing the ``# `` uses them.  No invented example values: a plausible-looking
number left in by mistake would validate and be printed in an official report.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from baocao.registry import ReportType

INDENT = "  "


def skeleton(report_type: ReportType, *, schema_file: str | None = None) -> str:
    """The skeleton's text; ``schema_file`` (relative to it) goes in the editor comment."""
    lines = []
    if schema_file:
        lines.append(f"# yaml-language-server: $schema={schema_file}")
    lines += [
        f"# {report_type.title} — tệp dữ liệu cho baocao.",
        "# Điền giá trị sau mỗi khóa còn trống (mô tả ở dòng chú thích phía trên khóa).",
        "# Khóa bắt đầu bằng «# » là không bắt buộc: xóa «# » ở đầu dòng để dùng.",
        "# Kiểm tra:  baocao validate TỆP.yaml      Tạo báo cáo:  baocao render TỆP.yaml",
        f"loai: {report_type.name}",
    ]
    lines += _model_lines(report_type.model, 0, skip=frozenset({"loai"}))
    return "\n".join(lines) + "\n"


def _model_lines(model: type[BaseModel], depth: int, *, skip: frozenset[str] = frozenset()) -> list[str]:
    lines: list[str] = []
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        block = _field_lines(name, field, depth)
        if not field.is_required() and not _shown_open(field):
            block = [_comment_out(line, depth) for line in block]
        if depth == 0:
            lines.append("")
        lines += [_describe(field, depth), *block]
    return lines


SHOWN_OPEN = "x-khung-mo"
"""A key of a field's ``json_schema_extra``: an optional field the skeleton shows as a
blank to fill (not commented out) — one most data files have, left out only in some
cases its description names (the total households of ``ra-soat-ho-ngheo``)."""


def _shown_open(field: FieldInfo) -> bool:
    extra = field.json_schema_extra
    return isinstance(extra, dict) and extra.get(SHOWN_OPEN) is True


def _field_lines(name: str, field: FieldInfo, depth: int) -> list[str]:
    pad = INDENT * depth
    annotation = _strip_optional(field.annotation)
    model = _model_of(annotation)
    if model is not None:
        return [f"{pad}{name}:", *_model_lines(model, depth + 1)]
    if get_origin(annotation) is list:
        (item,) = get_args(annotation) or (Any,)
        item_model = _model_of(_strip_optional(item))
        if item_model is not None:
            inner = _model_lines(item_model, depth + 2)
            first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
            key_line = inner[first]
            inner[first] = f"{pad}{INDENT}- {key_line.lstrip()}"
            return [f"{pad}{name}:", *inner[:first], *inner[first:]]
        if not field.is_required():
            return [f"{pad}{name}: []"]
        return [f"{pad}{name}:", f"{pad}{INDENT}-"]
    return [f"{pad}{name}:{_value(field)}"]


def _describe(field: FieldInfo, depth: int) -> str:
    text = field.description or ""
    choices = _choices(_strip_optional(field.annotation))
    if choices:
        text += f" — chọn một trong: {', '.join(choices)}"
    kind = _kind(_strip_optional(field.annotation))
    if kind:
        text += f" [{kind}]"
    mark = "(bắt buộc)" if field.is_required() else "(không bắt buộc)"
    if mark not in text:
        text += f" {mark}"
    return f"{INDENT * depth}# {text.strip()}"


def _value(field: FieldInfo) -> str:
    """`` value`` for an optional key's default; empty for a required one."""
    if field.is_required():
        return ""
    default = field.get_default(call_default_factory=True)
    if default is None:
        return ""
    if isinstance(default, bool):
        return " true" if default else " false"
    if isinstance(default, int | float):
        return f" {default}"
    if isinstance(default, str):
        plain = re.fullmatch(r"\w[\w ,.()-]*", default)
        return " " + (default if plain else json.dumps(default, ensure_ascii=False))
    if isinstance(default, list) and not default:
        return " []"
    return f" {json.dumps(default, ensure_ascii=False, default=str)}"


def _comment_out(line: str, depth: int) -> str:
    pad = INDENT * depth
    if line.startswith(pad + "#"):
        return line
    return f"{pad}# {line[len(pad):]}"


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _choices(annotation: Any) -> list[str]:
    if get_origin(annotation) is Literal:
        return [str(choice) for choice in get_args(annotation)]
    return []


def _kind(annotation: Any) -> str:
    """A short Vietnamese word for the value's type, when it is not plain text."""
    if annotation is bool:
        return "true/false"
    if annotation is int:
        return "số nguyên"
    if annotation is dt.date:
        return "ngày YYYY-MM-DD"
    if getattr(annotation, "__name__", "") == "Decimal" or annotation is float:
        return "số"
    return ""
