"""The primitives every model is built of: a clean text and the strict base block.

They sit below the frame and the body so both can use them (the frame's model
re-exports them: ``baocao.frame.model.Text`` is this :data:`Text`).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from baocao.consistency import RuleTable
from baocao.formatting import normalize_text

MAX_TEXT_CHARS = 20_000
"""The longest text one field may hold (a long paragraph is about 2,000 characters)."""

MAX_ITEMS = 500
"""The most items one list of paragraphs, documents or recipients may hold."""

RULES = RuleTable(__name__, [
    ("ky-tu-dieu-khien", "error", "mô hình dữ liệu",
     "có ký tự điều khiển U+{ma} ở vị trí {vi_tri} (thường do sao chép từ phần mềm khác); "
     "hãy xóa rồi gõ lại đoạn này"),
    ("van-ban-qua-dai", "error", "mô hình dữ liệu",
     "đoạn văn dài {do_dai} ký tự, vượt giới hạn {gioi_han} ký tự; hãy tách thành nhiều đoạn"),
])
"""The problems a text itself can have."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _clean_text(value: object) -> object:
    """NFC-normalise a string; refuse control characters Word cannot hold."""
    if not isinstance(value, str):
        return value
    bad = _CONTROL.search(value)
    if bad is not None:
        raise RULES.error("ky-tu-dieu-khien", ma=f"{ord(bad.group()):04X}", vi_tri=bad.start() + 1)
    if len(value) > MAX_TEXT_CHARS:
        raise RULES.error("van-ban-qua-dai", do_dai=len(value), gioi_han=MAX_TEXT_CHARS)
    return normalize_text(value)


Text = Annotated[str, BeforeValidator(_clean_text), Field(min_length=1)]
"""A non-empty text, NFC-normalised, without control characters."""


class Block(BaseModel):
    """Base of every model: unknown keys are errors, strings are stripped.

    Validators are built when a model is first used (``defer_build``), not when its
    class is made: a report is validated through its type's model only, so the blocks
    inside it need no validators of their own, and each command builds the one it
    uses (benchmarks/bench_startup.py).  A plugin's model is built when it is loaded
    (:func:`baocao.registry.load_plugins`), so a broken one is still a warning then.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, defer_build=True)
