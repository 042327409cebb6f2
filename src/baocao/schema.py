"""The JSON Schema of a report type, for editors that complete and check YAML keys.

Pydantic writes the schema; this module gives every property a Vietnamese
``title`` (the head of its description: what a clerk sees on hover and in
completion lists) and drops the models' docstrings, which are developer notes.
VS Code's YAML extension reads it through the ``# yaml-language-server: $schema=…``
comment that ``baocao new`` writes at the top of a skeleton.
"""

from __future__ import annotations

import json
import re
from typing import Any

from baocao.registry import ReportType

_TITLE_END = re.compile(r"\s*(?:\(|;|:|, ví dụ|, mỗi|, để trống|, dùng|, bắt đầu)")


def title_of(description: str) -> str:
    """The head of a field description, used as its title.

    >>> title_of("Số hộ năm nay")
    'Số hộ năm nay'
    >>> title_of("Ký hiệu văn bản sau dấu «/», ví dụ «BC-UBND»")
    'Ký hiệu văn bản sau dấu «/»'
    >>> title_of("Từ ngày (YYYY-MM-DD)")
    'Từ ngày'
    >>> title_of("Dòng ghi chú dưới «Nơi nhận:», ví dụ «Gửi bản điện tử:»")
    'Dòng ghi chú dưới «Nơi nhận:»'
    """
    for match in _TITLE_END.finditer(description):
        before = description[: match.start()]
        if before.count("«") == before.count("»"):  # not inside a quotation
            return before.strip() or description
    return description


def report_schema(report_type: ReportType) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12, as pydantic writes it) of ``report_type``'s data file."""
    schema = report_type.model.model_json_schema(mode="validation")
    for definition in schema.get("$defs", {}).values():
        definition.pop("description", None)
        _title_properties(definition)
    _title_properties(schema)
    schema["title"] = report_type.title
    schema["description"] = (
        f"Tệp dữ liệu báo cáo loại «{report_type.name}» ({report_type.title}) cho baocao"
    )
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text(report_type: ReportType) -> str:
    """The schema as UTF-8 JSON text, stable from run to run."""
    return json.dumps(report_schema(report_type), ensure_ascii=False, indent=2) + "\n"


def schema_file_name(report_type: ReportType) -> str:
    """The name ``baocao new`` gives the schema it writes beside a skeleton."""
    return f"{report_type.name}.schema.json"


def _title_properties(schema: dict[str, Any]) -> None:
    for prop in schema.get("properties", {}).values():
        description = prop.get("description")
        if description:
            prop["title"] = title_of(description)
