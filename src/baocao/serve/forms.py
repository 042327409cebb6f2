"""A report type's JSON Schema (``baocao schema``) shaped for the form library.

The schema is the one ``baocao schema LOAI`` prints — Vietnamese titles and
descriptions included — with what a form needs and the schema does not say:

- ``$ref``\\s inlined (the form library reads ``definitions``, pydantic writes ``$defs``);
- an optional field (``anyOf: [X, null]``) shown as X, left empty for "not given";
- paragraphs as text areas, one-line-per-item lists (recipients, agency lines) as
  add/remove lists of single lines, the appendix rows as a grid (``format: table``);
- ``loai`` fixed to the chosen type and hidden (it is chosen above the form);
- a choice with no default starts unchosen, a number with no default starts empty
  (``static/app.js``): nothing the clerk did not pick is sent;
- a body (a list of blocks) is pasted text in a text area, or its blocks one by one.

What the form accepts is still checked by the server (:mod:`baocao.serve.data`);
the shaping only decides how fields look.
"""

from __future__ import annotations

import copy
from typing import Any

from baocao.registry import ReportType
from baocao.schema import report_schema

LONG_TEXT_KEYS = frozenset({"trich_yeu", "mo_dau", "ket_luan", "noi_dung", "dan_nhap_van_ban"})
"""Fields that hold a sentence or a paragraph, whatever their description says."""

ONE_LINE_ITEMS = ("mỗi dòng", "mỗi nơi")
"""Descriptions of lists whose items are single lines, not paragraphs."""


def form_schema(report_type: ReportType) -> dict[str, Any]:
    """The schema the form is built from, for ``report_type``."""
    schema = report_schema(report_type)
    definitions = schema.pop("$defs", {})
    schema.pop("$schema", None)
    shaped = _shape(schema, definitions, key="", depth=0)
    properties = shaped.setdefault("properties", {})
    properties["loai"] = {"type": "string", "const": report_type.name, "default": report_type.name,
                          "title": "Loại báo cáo", "options": {"hidden": True}}
    return shaped


def _shape(schema: dict[str, Any], definitions: dict[str, Any], *, key: str, depth: int,
           in_blocks: bool = False) -> dict[str, Any]:
    if depth > 40:  # a recursive model: stop inlining, the form shows the JSON
        return {"type": "object", "title": schema.get("title", key)}
    schema = copy.deepcopy(schema)
    ref = schema.pop("$ref", None)
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = definitions.get(ref.removeprefix("#/$defs/"), {})
        target = {name: value for name, value in target.items() if name != "title"}  # a class name
        schema = {**copy.deepcopy(target), **schema}
    if "oneOf" in schema:  # body blocks (baocao.body): one level in the form, deeper ones kept hidden
        if in_blocks:
            return {"title": schema.get("title", key), "options": {"hidden": True}}
        schema["oneOf"] = [_choice_title(_shape(s, definitions, key=key, depth=depth + 1, in_blocks=True))
                           for s in schema["oneOf"]]
        schema.pop("discriminator", None)
        return schema
    options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    if sorted(s.get("type", "") for s in options) == ["number", "string"]:
        options = [s for s in options if s.get("type") == "number"]  # a Decimal: number or its text
    if "anyOf" in schema:
        del schema["anyOf"]
        if len(options) == 1:
            schema = {**copy.deepcopy(options[0]), **schema}
            if "$ref" in schema:
                return _shape(schema, definitions, key=key, depth=depth + 1, in_blocks=in_blocks)
        else:
            schema["anyOf"] = [_shape(s, definitions, key=key, depth=depth + 1, in_blocks=in_blocks)
                               for s in options]
            schema["anyOf"] = [_choice_title(s) for s in schema["anyOf"]]
    if schema.get("default", 0) is None:
        del schema["default"]
    kind = schema.get("type")
    if kind == "object":
        schema["properties"] = {
            name: _shape(prop, definitions, key=name, depth=depth + 1, in_blocks=in_blocks)
            for name, prop in schema.get("properties", {}).items()
        }
        schema.setdefault("options", {})["disable_collapse"] = False
    elif kind == "array":
        items = _shape(schema.get("items", {}), definitions, key=key, depth=depth + 1, in_blocks=in_blocks)
        description = schema.get("description", "")
        if items.get("type") == "string" and not any(word in description for word in ONE_LINE_ITEMS):
            items = _as_text_area(items)
        if items.get("type") == "object" and key == "dong":
            schema["format"] = "table"
        items.setdefault("title", _item_title(schema))
        schema["items"] = items
        if "oneOf" in items and not in_blocks:
            return _pasted_or_blocks(schema)
    elif kind == "string" and _is_long(key, schema):
        schema = _as_text_area(schema)
    elif "enum" in schema and "default" not in schema:
        schema = _unchosen_first(schema)
    return schema


PASTED_TITLE = "Dán văn bản"
PASTED_HELP = ("Dán nội dung từ Word, mỗi dòng một đoạn: «I.», «1.», «1.1.», «a)» là đề mục (đặt "
               "«**…**» quanh đề mục in đậm), «-» và «+» là gạch đầu dòng, bảng viết theo dòng «| … |».")


def _pasted_or_blocks(schema: dict[str, Any]) -> dict[str, Any]:
    """A body (a list of blocks, :mod:`baocao.body`): pasted text in a text area — what
    ``noi_dung: |`` is in a data file (:mod:`baocao.body.pasted`), at any depth — or the
    blocks one by one; a data file's blocks open as blocks."""
    title = schema.get("title", "Nội dung")
    pasted = {"type": "string", "format": "textarea", "title": PASTED_TITLE, "description": PASTED_HELP}
    blocks = {**schema, "title": "Từng khối"}
    return {"title": title, "description": schema.get("description", ""), "anyOf": [pasted, blocks]}


UNCHOSEN = "— chọn —"
"""The title of the empty first choice of a list with no default."""


def _unchosen_first(schema: dict[str, Any]) -> dict[str, Any]:
    """A choice with no default starts unchosen: the form library would otherwise select
    the first value (a status «sơ bộ» nobody picked); the empty value is left out of the
    data, and the check asks for the field."""
    values = [value for value in schema["enum"] if value != ""]
    return {**schema, "enum": ["", *values],
            "options": {**schema.get("options", {}), "enum_titles": [UNCHOSEN, *map(str, values)]}}


def _is_long(key: str, schema: dict[str, Any]) -> bool:
    if "enum" in schema or "format" in schema or "const" in schema:
        return False
    description = schema.get("description", "")
    return key in LONG_TEXT_KEYS or "đoạn" in description or description.startswith("Câu")


def _as_text_area(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "format": "textarea"}


def _item_title(schema: dict[str, Any]) -> str:
    title = str(schema.get("title", "mục"))
    return title[:40]


def _choice_title(schema: dict[str, Any]) -> dict[str, Any]:
    """A title for each branch of a choice (``ngay``: a date, or year-month-day parts)."""
    if "title" in schema:
        return schema
    if schema.get("format") == "date":
        return {**schema, "title": "Ngày đầy đủ"}
    if schema.get("type") == "object":
        return {**schema, "title": "Theo năm, tháng, ngày (để trống phần chưa có)"}
    return {**schema, "title": str(schema.get("type", "giá trị"))}
