"""Figures, dates and words written the way a Vietnamese official document writes them.

Pure functions pinned to Vietnamese: no ambient locale, no "today", no global
state.  Every function takes the value first and its options as keywords
(Babel's habit); every bad value raises :class:`baocao.errors.FormatError`
(a ``ValueError``) whose message quotes the offending value.

Public functions
----------------
- :func:`format_number` -- ``12299`` → ``"12.299"``, ``Decimal("1.5")`` → ``"1,5"``
- :func:`format_percent` -- a value already in percent: ``1.968`` → ``"1,97%"``
- :func:`rate` -- the exact percentage ``part / whole`` as a ``Decimal``
- :func:`format_date` -- ``"ngày 07 tháng 9 năm 2023"`` or ``"07/9/2023"``
- :func:`format_place_date` -- ``"TP. Bắc Kạn, ngày 07 tháng 9 năm 2023"``
- :func:`number_to_words` -- ``2023`` → ``"hai nghìn không trăm hai mươi ba"``
- :func:`amount_in_words` -- ``"Một triệu không trăm năm mươi nghìn đồng"``
- :func:`to_roman` -- section headings: ``4`` → ``"IV"``
- :func:`upper_vi` -- ``"Ủy ban nhân dân"`` → ``"ỦY BAN NHÂN DÂN"``
- :func:`normalize_text` -- Unicode NFC, nothing else
- :class:`PartialDate` -- a draft date whose day (and month) may be left blank
- :data:`FILTERS` -- the Jinja filters, by Vietnamese name; keyword options pass
  through (``{{ x|so(decimals=1) }}``):

  >>> FILTERS["so"](Decimal("1234.5"), decimals=2)
  '1.234,50'
  >>> FILTERS["ngay_ngan"](date(2023, 9, 7))
  '07/9/2023'

Decisions
---------
- **Numbers in**: ``int``, ``Decimal``, numeric ``str`` (ASCII, Python syntax:
  ``"2.05"``, ``"-1e3"``; no thousands separators) and ``float``.  A float is
  taken through its *shortest repr*, ``Decimal(repr(x))``: ``0.1`` is read as
  the ``0.1`` a person typed (a YAML file gives floats), never as the binary
  value ``0.1000000000000000055…``.  So ``2.345`` rounds to ``2,35`` and
  ``0.1`` reads "không phẩy một".  ``bool``, ``None``, NaN and infinities are
  rejected.
- **Rounding** is always half up (``ROUND_HALF_UP``), never banker's.
- **Digits kept**: without ``decimals`` a value keeps its own digits:
  ``Decimal("1.50")`` prints ``"1,50"`` and reads "một phẩy năm mươi", as
  written.
- **Decimal part in words** (so-thanh-chu.md): each leading zero is "không";
  the rest, up to 3 digits, is read as a number; a longer rest is read digit by
  digit ("ba phẩy một bốn một năm chín") -- the spec does not cover it, and
  digit by digit is unambiguous.
- **Blanks in drafts**: a blank day or month is exactly 5 spaces, in both
  forms: ``"ngày     tháng 11 năm 2023"`` and ``"     /11/2023"``.
- **Scales**: nghìn, triệu, tỷ; from 10^9 on, the multiplier of "tỷ" is read as
  one number ("một nghìn một trăm tỷ", "một triệu tỷ", "một tỷ tỷ", 10^21 "một
  nghìn tỷ tỷ"), so there is no largest scale word.
- **Signs**: a negative figure is printed with "-" (hyphen-minus), read "âm".
  Zero has no sign: ``-0`` prints "0" and reads "không".
- **Size**: up to 1000 digits before and after the comma; longer input (a
  runaway ``"1e999999999"`` in a data file) is a :class:`FormatError`, not a hang.
- **Dates**: ``datetime.date`` (a ``datetime`` counts by its date) or
  :class:`PartialDate`; nothing else, not even ISO strings -- parsing belongs to
  the data model.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import cache, partial
from typing import Final, Literal

from baocao.errors import FormatError

__all__ = [
    "FILTERS",
    "PartialDate",
    "amount_in_words",
    "format_date",
    "format_number",
    "format_percent",
    "format_place_date",
    "normalize_text",
    "number_to_words",
    "rate",
    "to_roman",
    "upper_vi",
]

DateStyle = Literal["long", "short"]
ZeroTens = Literal["lẻ", "linh"]
Four = Literal["bốn", "tư"]

# --------------------------------------------------------------------------- numbers in

_NUMBER_RE: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_MAX_DIGITS: Final = 1000
_LIMIT: Final = 10**_MAX_DIGITS


def _too_long(value: object) -> FormatError:
    try:
        shown = repr(value)
    except ValueError:  # an int too long even for repr
        shown = f"<số nguyên {value.bit_length() if isinstance(value, int) else '?'} bit>"
    if len(shown) > 80:
        shown = shown[:60] + "…" + shown[-10:]
    return FormatError(f"số quá dài (hơn {_MAX_DIGITS} chữ số): {shown}")


def _to_decimal(value: object) -> Decimal:
    """Any accepted number as an exact, finite ``Decimal`` (see "Decisions")."""
    if isinstance(value, bool) or value is None:
        raise FormatError(f"không phải là số: {value!r}")
    if isinstance(value, int):
        if not -_LIMIT < value < _LIMIT:
            raise _too_long(value)
        return Decimal(value)
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        if not _NUMBER_RE.fullmatch(value.strip()):
            raise FormatError(f"không phải là số: {value!r}")
        result = Decimal(value.strip())
    else:
        raise FormatError(f"không phải là số: {value!r}")
    if not result.is_finite():
        raise FormatError(f"không phải là số hữu hạn: {value!r}")
    exponent = result.as_tuple().exponent
    assert isinstance(exponent, int)
    if result.adjusted() >= _MAX_DIGITS or exponent < -_MAX_DIGITS:
        raise _too_long(value)
    return result


def _split(value: Decimal) -> tuple[bool, int, str]:
    """(negative, integer part, fractional digits as written), without Decimal arithmetic."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: checked by _to_decimal
    text = "".join(map(str, digits))
    if exponent >= 0:
        whole, frac = int(text) * 10**exponent, ""
    else:
        text = text.rjust(-exponent + 1, "0")
        whole, frac = int(text[:exponent]), text[exponent:]
    return bool(sign), whole, frac


def _check_decimals(decimals: object) -> int | None:
    if decimals is None:
        return None
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        raise FormatError(f"số chữ số thập phân không hợp lệ: {decimals!r}")
    if not 0 <= decimals <= _MAX_DIGITS:
        raise FormatError(f"số chữ số thập phân không hợp lệ: {decimals!r}")
    return decimals


def _round_half_up(value: Decimal, decimals: int) -> Decimal:
    # A context wide enough for any value: quantize never overflows, nothing global is touched.
    context = Context(prec=max(value.adjusted(), 0) + decimals + 3)
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=context)


def _group_thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    return ".".join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def format_number(value: int | Decimal | float | str, *, decimals: int | None = None) -> str:
    """Write a number with "." between thousands and "," before the decimals.

    ``decimals=None`` keeps the value's own digits; otherwise the value is
    rounded half up to that many decimals.

    >>> format_number(12299)
    '12.299'
    >>> format_number(Decimal("1.5"))
    '1,5'
    >>> format_number(-1234567.891, decimals=2)
    '-1.234.567,89'
    >>> format_number(Decimal("2.345"), decimals=2)
    '2,35'
    >>> format_number(10**21)
    '1.000.000.000.000.000.000.000'
    >>> format_number(Decimal("1.50"))
    '1,50'
    >>> format_number(None)
    Traceback (most recent call last):
      ...
    baocao.errors.FormatError: không phải là số: None
    """
    number = _to_decimal(value)
    places = _check_decimals(decimals)
    if places is not None:
        number = _round_half_up(number, places)
    negative, whole, frac = _split(number)
    text = _group_thousands(str(whole))
    if frac:
        text += "," + frac
    if negative and (whole or frac.strip("0")):
        text = "-" + text
    return text


def format_percent(value: int | Decimal | float | str, *, decimals: int | None = 2) -> str:
    """Write a value that is already a percentage, rounded half up, with "%".

    >>> format_percent(1.968)
    '1,97%'
    >>> format_percent(0.005)
    '0,01%'
    >>> format_percent(Decimal("12.5"), decimals=1)
    '12,5%'
    >>> format_percent(100, decimals=0)
    '100%'
    """
    return format_number(value, decimals=decimals) + "%"


def rate(
    part: int | Decimal | float | str,
    whole: int | Decimal | float | str,
    *,
    decimals: int = 2,
) -> Decimal:
    """The percentage ``part / whole * 100``, exact, rounded half up to ``decimals``.

    >>> rate(242, 12299)
    Decimal('1.97')
    >>> rate(1, 3, decimals=4)
    Decimal('33.3333')
    >>> rate(5, 0)
    Traceback (most recent call last):
      ...
    baocao.errors.FormatError: không tính được tỷ lệ trên tổng bằng 0: 5 / 0
    """
    numerator, denominator = _to_decimal(part), _to_decimal(whole)
    places = _check_decimals(decimals)
    assert places is not None
    if not denominator:
        raise FormatError(f"không tính được tỷ lệ trên tổng bằng 0: {part!r} / {whole!r}")
    digits = len(numerator.as_tuple().digits) + len(denominator.as_tuple().digits)
    context = Context(prec=digits + places + 40)
    exact = context.divide(context.multiply(numerator, Decimal(100)), denominator)
    return _round_half_up(exact, places)


# --------------------------------------------------------------------------- dates

_BLANK: Final = " " * 5


@dataclass(frozen=True)
class PartialDate:
    """A date in a draft, where the day -- or the day and the month -- is left blank.

    >>> PartialDate(2023, 11)
    PartialDate(year=2023, month=11, day=None)
    >>> PartialDate(2023, 2, 30)
    Traceback (most recent call last):
      ...
    baocao.errors.FormatError: ngày không tồn tại: 30/02/2023
    >>> PartialDate(2023, None, 7)
    Traceback (most recent call last):
      ...
    baocao.errors.FormatError: ngày 7 cần có tháng: PartialDate(year=2023, month=None, day=7)
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        for name, label in (("year", "năm"), ("month", "tháng"), ("day", "ngày")):
            part = getattr(self, name)
            if (part is None and name != "year") or (
                isinstance(part, int) and not isinstance(part, bool)
            ):
                continue
            raise FormatError(f"{label} phải là số nguyên: {part!r} trong {self!r}")
        if not 1 <= self.year <= 9999:
            raise FormatError(f"năm không hợp lệ: {self.year!r}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise FormatError(f"tháng không hợp lệ: {self.month!r} (năm {self.year})")
        if self.day is None:
            return
        if self.month is None:
            raise FormatError(f"ngày {self.day} cần có tháng: {self!r}")
        if not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
            raise FormatError(f"ngày không tồn tại: {self.day:02d}/{self.month:02d}/{self.year}")


def _date_parts(d: object) -> tuple[int, int | None, int | None]:
    if isinstance(d, PartialDate):
        return d.year, d.month, d.day
    if isinstance(d, date):
        return d.year, d.month, d.day
    raise FormatError(f"không phải là ngày: {d!r}")


def _pad_day(day: int | None) -> str:
    return _BLANK if day is None else f"{day:02d}"


def _pad_month(month: int | None) -> str:
    # Nghị định 30: months 1 and 2 take a leading zero, 3..12 do not.
    if month is None:
        return _BLANK
    return f"{month:02d}" if month < 3 else str(month)


def format_date(d: date | PartialDate, *, style: DateStyle = "long") -> str:
    """Write a date as Nghị định 30 does: day below 10 and months 1, 2 padded with 0.

    ``style="long"`` gives the issue-date form, ``style="short"`` the form cited
    in the body.  A blank day or month (a :class:`PartialDate`) is 5 spaces.

    >>> format_date(date(2023, 9, 7))
    'ngày 07 tháng 9 năm 2023'
    >>> format_date(date(2020, 1, 5))
    'ngày 05 tháng 01 năm 2020'
    >>> format_date(date(2022, 1, 18), style="short")
    '18/01/2022'
    >>> format_date(date(2023, 9, 7), style="short")
    '07/9/2023'
    >>> format_date(PartialDate(2023, 11))
    'ngày     tháng 11 năm 2023'
    >>> format_date(PartialDate(2023, 11), style="short")
    '     /11/2023'
    """
    year, month, day = _date_parts(d)
    if style == "long":
        day_text = _BLANK if day is None else f" {_pad_day(day)} "
        month_text = _BLANK if month is None else f" {_pad_month(month)} "
        return f"ngày{day_text}tháng{month_text}năm {year}"
    if style == "short":
        return f"{_pad_day(day)}/{_pad_month(month)}/{year}"
    raise FormatError(f"kiểu ngày không hợp lệ: {style!r} (dùng 'long' hoặc 'short')")


def format_day(d: date | PartialDate, *, style: DateStyle = "long") -> str:
    """A date in running text, with its word "ngày": the long or the short form.

    >>> format_day(date(2025, 11, 19)), format_day(date(2025, 11, 19), style="short")
    ('ngày 19 tháng 11 năm 2025', 'ngày 19/11/2025')
    """
    return format_date(d, style="long") if style == "long" else f"ngày {format_date(d, style=style)}"


def format_citation(
    loai: str, so_ky_hieu: str, ngay: date, trich_yeu: str, *, co_quan: str | None = None,
    style: DateStyle = "short",
) -> str:
    """A cited document as the body of a text names it: tên loại, số, ngày, cơ quan, trích yếu.

    ``style`` is the date's form: ``"short"`` (the usual one) or ``"long"`` (as many
    plans write their bases).

    >>> format_citation("Kế hoạch", "596/KH-UBND", date(2023, 9, 7), "về việc rà soát",
    ...                 co_quan="UBND tỉnh")
    'Kế hoạch số 596/KH-UBND ngày 07/9/2023 của UBND tỉnh về việc rà soát'
    >>> format_citation("Thông tư", "55/2023/TT-BTC", date(2023, 8, 15), "quy định …",
    ...                 co_quan="Bộ trưởng Bộ Tài chính", style="long")
    'Thông tư số 55/2023/TT-BTC ngày 15 tháng 8 năm 2023 của Bộ trưởng Bộ Tài chính quy định …'
    >>> format_citation("Luật", "80/2015/QH13", date(2015, 6, 22), "Ban hành văn bản quy phạm pháp luật")
    'Luật số 80/2015/QH13 ngày 22/6/2015 Ban hành văn bản quy phạm pháp luật'
    """
    parts = [f"{loai} số {so_ky_hieu} {format_day(ngay, style=style)}"]
    if co_quan:
        parts.append(f"của {co_quan}")
    parts.append(trich_yeu)
    return " ".join(parts)


def format_place_date(place: str, d: date | PartialDate) -> str:
    """The địa danh and date line of the header (ô số 4).

    >>> format_place_date("TP. Bắc Kạn", date(2023, 9, 7))
    'TP. Bắc Kạn, ngày 07 tháng 9 năm 2023'
    >>> format_place_date("Hà Nội", PartialDate(2023, 11))
    'Hà Nội, ngày     tháng 11 năm 2023'
    """
    if not isinstance(place, str) or not place.strip():
        raise FormatError(f"địa danh không hợp lệ: {place!r}")
    return f"{normalize_text(place).strip()}, {format_date(d)}"


# --------------------------------------------------------------------------- words

_SCALES: Final = ("", " nghìn", " triệu")


@cache
def _tables(zero_tens: str, four: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Readings of 0..999: (leading group, inner group).

    num2words reads every number below 1000 right (mốt, lăm, lẻ, mười; checked
    by the tests), so its converter gives the leading group.  It has no inner
    group ("không trăm …") and no options; those are added here.  Built on first
    use (num2words is imported only then: most reports never spell a number).
    """
    from num2words import CONVERTER_CLASSES

    converter = CONVERTER_CLASSES["vi"]
    lead: list[str] = []
    inner: list[str] = []
    for n in range(1000):
        words: str = converter.to_cardinal(n)
        if zero_tens != "lẻ":
            words = words.replace("lẻ ", zero_tens + " ")
        if four != "bốn" and words.endswith(" mươi bốn"):
            words = words[: -len("bốn")] + four
        lead.append(words)
        if n >= 100 or n == 0:
            inner.append(words)
        elif n < 10:
            inner.append(f"không trăm {zero_tens} {words}")
        else:
            inner.append(f"không trăm {words}")
    return tuple(lead), tuple(inner)


_OPTIONS: Final = {(zero_tens, four) for zero_tens in ("lẻ", "linh") for four in ("bốn", "tư")}
_BILLION: Final = 10**9


def _below_billion(n: int, lead: tuple[str, ...], inner: tuple[str, ...], started: bool) -> str:
    """Read 1 <= n < 10^9; ``started``: a higher group was read already."""
    high, units = divmod(n, 1000)
    if not high:
        return (inner if started else lead)[units]
    millions, thousands = divmod(high, 1000)
    words: list[str] = []
    if millions:
        words.append((inner if started else lead)[millions] + " triệu")
        started = True
    if thousands:
        words.append((inner if started else lead)[thousands] + " nghìn")
        started = True
    if units:
        words.append(inner[units])
    return " ".join(words)


def _read_int(n: int, lead: tuple[str, ...], inner: tuple[str, ...]) -> str:
    """Read n >= 0; the multiplier of "tỷ" is read as one number."""
    if n < 1000:
        return lead[n]
    if n < _BILLION:
        return _below_billion(n, lead, inner, False)
    chunks: list[int] = []
    while n:
        n, chunk = divmod(n, _BILLION)
        chunks.append(chunk)
    words: list[str] = []
    last = len(chunks) - 1
    for index in range(last, -1, -1):
        chunk = chunks[index]
        if chunk:
            words.append(_below_billion(chunk, lead, inner, index != last))
        if index:
            words.append("tỷ")
    return " ".join(words)


def _options(zero_tens: object, four: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    key = (str(zero_tens), str(four))
    if key not in _OPTIONS:
        raise FormatError(
            f"tùy chọn không hợp lệ: zero_tens={zero_tens!r} (lẻ/linh), four={four!r} (bốn/tư)"
        )
    return _tables(*key)


def _read_fraction(frac: str, lead: tuple[str, ...]) -> str:
    rest = frac.lstrip("0")
    words = ["không"] * (len(frac) - len(rest))
    if len(rest) <= 3:
        if rest:
            words.append(lead[int(rest)])
    else:
        words.extend(lead[int(digit)] for digit in rest)
    return " ".join(words)


def number_to_words(
    value: int | Decimal | float | str,
    *,
    zero_tens: ZeroTens = "lẻ",
    four: Four = "bốn",
) -> str:
    """Read a number in Vietnamese words (so-thanh-chu.md), lower case.

    ``zero_tens="linh"`` reads 105 "một trăm linh năm"; ``four="tư"`` reads 24
    "hai mươi tư".  Decimals are read as written ("phẩy"); a float goes through
    its shortest repr.

    >>> number_to_words(2023)
    'hai nghìn không trăm hai mươi ba'
    >>> number_to_words(1050000)
    'một triệu không trăm năm mươi nghìn'
    >>> number_to_words(10**15)
    'một triệu tỷ'
    >>> number_to_words(1_100_000_000_000)
    'một nghìn một trăm tỷ'
    >>> number_to_words(-21)
    'âm hai mươi mốt'
    >>> number_to_words(Decimal("2.05"))
    'hai phẩy không năm'
    >>> number_to_words("0.001")
    'không phẩy không không một'
    >>> number_to_words(124, zero_tens="linh", four="tư")
    'một trăm hai mươi tư'
    >>> number_to_words(105, zero_tens="linh")
    'một trăm linh năm'
    >>> number_to_words(float("nan"))
    Traceback (most recent call last):
      ...
    baocao.errors.FormatError: không phải là số hữu hạn: nan
    """
    lead, inner = _options(zero_tens, four)
    if type(value) is int and -_LIMIT < value < _LIMIT:  # the hot path: no Decimal at all
        if value >= 0:
            return _read_int(value, lead, inner)
        return "âm " + _read_int(-value, lead, inner)
    negative, whole, frac = _split(_to_decimal(value))
    words = _read_int(whole, lead, inner)
    if frac:
        words += " phẩy " + _read_fraction(frac, lead)
    if negative and (whole or frac.strip("0")):
        words = "âm " + words
    return words


def amount_in_words(
    value: int | Decimal | float | str,
    *,
    chan: bool = False,
    zero_tens: ZeroTens = "lẻ",
    four: Four = "bốn",
) -> str:
    """The money form: the reading, a capital first letter, "đồng" (and "chẵn" if asked).

    The đồng has no minor unit, so the amount must be a whole number.

    >>> amount_in_words(1050000)
    'Một triệu không trăm năm mươi nghìn đồng'
    >>> amount_in_words(Decimal("2500000"), chan=True)
    'Hai triệu năm trăm nghìn đồng chẵn'
    >>> amount_in_words(Decimal("1.5"))
    Traceback (most recent call last):
      ...
    baocao.errors.FormatError: số tiền phải là số nguyên đồng: Decimal('1.5')
    """
    number = _to_decimal(value)
    if number != number.to_integral_value():
        raise FormatError(f"số tiền phải là số nguyên đồng: {value!r}")
    negative, whole, _ = _split(number)
    words = number_to_words(-whole if negative else whole, zero_tens=zero_tens, four=four)
    words = f"{words[0].upper()}{words[1:]} đồng"
    return words + " chẵn" if chan else words


# --------------------------------------------------------------------------- text

_ROMAN: Final = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)


def to_roman(n: int) -> str:
    """A Roman numeral for a heading ("I. KẾT QUẢ…"), 1 to 3999.

    >>> to_roman(4)
    'IV'
    >>> to_roman(2023)
    'MMXXIII'
    >>> to_roman(0)
    Traceback (most recent call last):
      ...
    baocao.errors.FormatError: không viết được bằng số La Mã (1..3999): 0
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 3999:
        raise FormatError(f"không viết được bằng số La Mã (1..3999): {n!r}")
    parts: list[str] = []
    for number, letters in _ROMAN:
        count, n = divmod(n, number)
        parts.append(letters * count)
    return "".join(parts)


VIETNAMESE_LETTERS: Final = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
"""The letters that number điểm a), b), … in Vietnamese documents (no f, j, w, z)."""


def to_letter(n: int) -> str:
    """The letter of the n-th điểm ("a)", "b)", … "đ)"), 1 to 23.

    >>> [to_letter(n) for n in (1, 4, 5, 6, 23)]
    ['a', 'd', 'đ', 'e', 'y']
    >>> to_letter(24)
    Traceback (most recent call last):
      ...
    baocao.errors.FormatError: không có chữ cái thứ 24 để đánh số điểm (1..23)
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(VIETNAMESE_LETTERS):
        raise FormatError(f"không có chữ cái thứ {n!r} để đánh số điểm (1..{len(VIETNAMESE_LETTERS)})")
    return VIETNAMESE_LETTERS[n - 1]


def normalize_text(text: str) -> str:
    """Unicode NFC, and nothing else: decomposed marks never reach the document.

    >>> decomposed = "U\\u0309y ban"
    >>> len(decomposed), len(normalize_text(decomposed))
    (7, 6)
    >>> normalize_text(decomposed) == "Ủy ban"
    True
    """
    if not isinstance(text, str):
        raise FormatError(f"không phải là văn bản: {text!r}")
    return unicodedata.normalize("NFC", text)


def upper_vi(text: str) -> str:
    """Upper case that keeps every Vietnamese mark, in NFC.

    >>> upper_vi("Ủy ban nhân dân thành phố Bắc Kạn")
    'ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN'
    >>> upper_vi("đường ống") == "ĐƯỜNG ỐNG"
    True
    """
    return unicodedata.normalize("NFC", normalize_text(text).upper())


# --------------------------------------------------------------------------- filters

FILTERS: Final[dict[str, Callable[..., str]]] = {
    "so": format_number,
    "phan_tram": format_percent,
    "ngay": partial(format_date, style="long"),
    "ngay_ngan": partial(format_date, style="short"),
    "dia_danh_ngay": format_place_date,
    "bang_chu": number_to_words,
    "tien_bang_chu": amount_in_words,
    "so_la_ma": to_roman,
    "chu_cai": to_letter,
    "in_hoa": upper_vi,
}
