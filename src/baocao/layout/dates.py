"""The «địa danh, ngày … tháng … năm …» line (Phụ lục I, Mục II.4)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import DATE, normalise

_BLANK = re.compile(r"^[\s.…_]*$")


@dataclass(frozen=True)
class DateProblem:
    """One departure of the date from the decree's form."""

    blank: bool
    """A draft left the field blank (a warning, not an error)."""
    message: str
    expected: str


def date_problems(line: str) -> list[DateProblem]:
    """Everything wrong with the written date; empty when it is right.

    >>> [p.message for p in date_problems("Hà Nội, ngày 7 tháng 9 năm 2023")]
    ['ngày «7» thiếu số 0 phía trước']
    >>> date_problems("Hà Nội, ngày 05 tháng 01 năm 2020")
    []
    """
    match = DATE.match(normalise(line))
    if match is None:
        return [DateProblem(False, f"không đúng dạng «…, ngày … tháng … năm …»: «{line}»",
                            "«Địa danh, ngày … tháng … năm …»")]
    problems: list[DateProblem] = []
    if not match["place"].strip():
        problems.append(DateProblem(False, "thiếu địa danh trước «, ngày»",
                                    "tên đơn vị hành chính nơi cơ quan đóng trụ sở"))
    day, month, year = (match[k].strip() for k in ("day", "month", "year"))
    problems.extend(_day(day))
    problems.extend(_month(month))
    if _BLANK.match(year):
        problems.append(DateProblem(True, "năm còn để trống", "năm đủ bốn chữ số"))
    elif not re.fullmatch(r"\d{4}", year.rstrip(".")):
        problems.append(DateProblem(False, f"năm «{year}» không đủ bốn chữ số", "ví dụ «2023»"))
    return problems


def _day(day: str) -> list[DateProblem]:
    if _BLANK.match(day):
        return [DateProblem(True, "ngày còn để trống", "ngày ghi khi ký ban hành, ví dụ «07»")]
    if not day.isdigit() or not 1 <= int(day) <= 31:
        return [DateProblem(False, f"ngày «{day}» không phải số từ 01 đến 31",
                            "chữ số Ả Rập, ví dụ «07», «15»")]
    if int(day) < 10 and len(day) != 2:
        return [DateProblem(False, f"ngày «{day}» thiếu số 0 phía trước",
                            f"«{int(day):02d}» (ngày nhỏ hơn 10 ghi thêm số 0)")]
    if len(day) > 2:
        return [DateProblem(False, f"ngày «{day}» thừa số 0", f"«{int(day):02d}»")]
    return []


def _month(month: str) -> list[DateProblem]:
    if _BLANK.match(month):
        return [DateProblem(True, "tháng còn để trống", "tháng ghi khi ký ban hành")]
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return [DateProblem(False, f"tháng «{month}» không phải số từ 1 đến 12",
                            "chữ số Ả Rập")]
    value = int(month)
    if value <= 2 and month != f"{value:02d}":
        return [DateProblem(False, f"tháng «{month}» thiếu số 0 phía trước",
                            f"«{value:02d}» (tháng 1, 2 ghi thêm số 0)")]
    if value >= 3 and month != str(value):
        return [DateProblem(False, f"tháng «{month}» không được thêm số 0",
                            f"«{value}» (tháng 3 đến 12 không thêm số 0)")]
    return []
