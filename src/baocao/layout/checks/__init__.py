"""The checks, in the order of the decree: each takes a Context and yields findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..context import Context
from ..findings import LayoutFinding
from . import body, closing, fonts, header, page, page_numbers, tables, title

Check = Callable[[Context], Iterable[LayoutFinding]]

CHECKS: tuple[Check, ...] = (
    page.paper,
    page.margins,
    fonts.fonts,
    page_numbers.page_numbers,
    header.quoc_hieu,
    header.tieu_ngu,
    header.agency,
    header.number_symbol,
    header.place_date,
    title.title,
    body.body,
    tables.tables,
    closing.noi_nhan,
    closing.signature,
)
