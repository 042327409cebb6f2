"""Tests of baocao.formatting: doctests, one table per rule of so-thanh-chu.md, dates,
percentages, bad input, and property tests that read every number in words back."""

from __future__ import annotations

import doctest
import itertools
import json
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from baocao import formatting
from baocao.errors import BaocaoError, FormatError
from baocao.formatting import (
    FILTERS,
    PartialDate,
    amount_in_words,
    format_date,
    format_number,
    format_percent,
    format_place_date,
    normalize_text,
    number_to_words,
    rate,
    to_roman,
    upper_vi,
)

DATA = Path(__file__).parent / "data"


def test_doctests() -> None:
    result = doctest.testmod(
        formatting, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert result.attempted > 0
    assert result.failed == 0


def test_every_public_function_has_a_runnable_example() -> None:
    for name in formatting.__all__:
        obj = getattr(formatting, name)
        if callable(obj) and name != "FILTERS":
            assert ">>>" in (obj.__doc__ or ""), name
    assert ">>>" in (formatting.__doc__ or "")


# --------------------------------------------------------------------------- a reader

UNITS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
DIGIT_WORDS = {"không": 0, **UNITS}
AFTER_MUOI = {"mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "lăm": 5,
              "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}  # fmt: skip
AFTER_MUOI_TEN = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "lăm": 5,
                  "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}  # fmt: skip
AFTER_LE = dict(UNITS)


class Unreadable(Exception):
    pass


def _read_group(words: list[str], i: int, inner: bool) -> tuple[int, int]:
    """Read one group below 1000 starting at words[i]; return (value, next index).

    A strict grammar: an inner group (after a higher one) must say its hundreds,
    "không trăm" only inside, "lẻ" only after "trăm" and before a bare unit,
    "mốt" / "lăm" only after tens, "mười" for ten."""

    def at(k: int) -> str | None:
        return words[k] if k < len(words) else None

    value, hundreds = 0, False
    if at(i + 1) == "trăm":
        head = words[i]
        if head not in DIGIT_WORDS or (head == "không" and not inner):
            raise Unreadable(f"bad hundreds {head!r} in {words}")
        value, hundreds, i = DIGIT_WORDS[head] * 100, True, i + 2
    elif inner:
        raise Unreadable(f"inner group without hundreds in {words}")
    word = at(i)
    if word in ("lẻ", "linh"):
        if not hundreds or at(i + 1) not in AFTER_LE:
            raise Unreadable(f"bad lẻ in {words}")
        value, i = value + AFTER_LE[words[i + 1]], i + 2
    elif word == "mười":
        value, i = value + 10, i + 1
        if at(i) in AFTER_MUOI_TEN:
            value, i = value + AFTER_MUOI_TEN[words[i]], i + 1
    elif word in UNITS and at(i + 1) == "mươi":
        if UNITS[word] < 2:
            raise Unreadable(f"một mươi in {words}")
        value, i = value + 10 * UNITS[word], i + 2
        if at(i) in AFTER_MUOI:
            value, i = value + AFTER_MUOI[words[i]], i + 1
    elif word in UNITS and not hundreds:
        value, i = UNITS[word], i + 1
    if value == 0:
        raise Unreadable(f"empty group at {i} in {words}")
    return value, i


def read_integer(words: list[str]) -> int:
    if words == ["không"]:
        return 0
    if not words:
        raise Unreadable("no words")
    total = pending = 0
    rank = 3  # 2 = triệu, 1 = nghìn, 0 = units; groups within a tỷ segment go down
    started = False
    i = 0
    while i < len(words):
        if words[i] == "tỷ":
            if not started:
                raise Unreadable(f"tỷ first in {words}")
            total, pending, rank, i = (total + pending) * 10**9, 0, 3, i + 1
            continue
        group, i = _read_group(words, i, started)
        started = True
        scale = words[i] if i < len(words) else None
        new_rank = {"triệu": 2, "nghìn": 1}.get(scale or "", 0)
        if new_rank >= rank:
            raise Unreadable(f"scales out of order in {words}")
        rank = new_rank
        pending += group * 10 ** (3 * new_rank)
        if new_rank:
            i += 1
        elif scale not in (None, "tỷ"):
            raise Unreadable(f"unexpected {scale!r} in {words}")
    return total + pending


def read_words(text: str) -> Decimal:
    """An independent words → number reader (the inverse of the convention)."""
    assert text == text.strip() and "  " not in text, text
    words = text.split(" ")
    sign = ""
    if words[0] == "âm":
        sign, words = "-", words[1:]
    if "phẩy" not in words:
        value = read_integer(words)
        assert not (sign and value == 0), text
        return Decimal(f"{sign}{value}")
    cut = words.index("phẩy")
    whole, frac_words = read_integer(words[:cut]), words[cut + 1 :]
    zeros = 0
    while zeros < len(frac_words) and frac_words[zeros] == "không":
        zeros += 1
    rest = frac_words[zeros:]
    if not rest:
        digits = ""
    elif len(rest) > 1 and all(w in DIGIT_WORDS for w in rest):  # digit by digit
        if len(rest) < 4:
            raise Unreadable(f"a short decimal part read digit by digit in {text}")
        digits = "".join(str(DIGIT_WORDS[w]) for w in rest)
    else:
        number = read_integer(rest)
        if not 1 <= number <= 999:
            raise Unreadable(f"decimal part too long in {text}")
        digits = str(number)
    if not zeros and not digits:
        raise Unreadable(f"nothing after phẩy in {text}")
    return Decimal(f"{sign}{whole}.{'0' * zeros}{digits}")


def test_reader_reads_the_spec_examples() -> None:
    assert read_words("hai nghìn không trăm hai mươi ba") == 2023
    assert read_words("một nghìn một trăm tỷ") == 1_100_000_000_000
    assert read_words("một tỷ tỷ") == 10**18
    assert read_words("âm hai mươi mốt") == -21
    assert read_words("không phẩy không không một") == Decimal("0.001")
    for wrong in ["hai nghìn lẻ hai mươi ba", "mười mốt", "hai mươi một",
                  "không trăm năm", "một trăm năm", "mười năm", "hai mươi năm"]:  # fmt: skip
        with pytest.raises(Unreadable):
            read_words(wrong)


# --------------------------------------------------------------------------- rule tables

Row = tuple[Any, str]

ZERO: list[Row] = [(0, "không"), (Decimal("0"), "không"), ("0", "không"), (-0, "không")]
MUOI_TEN: list[Row] = [
    (10, "mười"),
    (11, "mười một"),
    (19, "mười chín"),
    (110, "một trăm mười"),
    (1010, "một nghìn không trăm mười"),
    (10_000, "mười nghìn"),
]
MUOI: list[Row] = [
    (20, "hai mươi"),
    (90, "chín mươi"),
    (99, "chín mươi chín"),
    (350, "ba trăm năm mươi"),
    (40_000, "bốn mươi nghìn"),
]
MOT: list[Row] = [
    (1, "một"),
    (21, "hai mươi mốt"),
    (91, "chín mươi mốt"),
    (11, "mười một"),
    (101, "một trăm lẻ một"),
    (121, "một trăm hai mươi mốt"),
    (31_000, "ba mươi mốt nghìn"),
    (1_001, "một nghìn không trăm lẻ một"),
]
BON: list[Row] = [
    (4, "bốn"),
    (14, "mười bốn"),
    (24, "hai mươi bốn"),
    (44, "bốn mươi bốn"),
    (104, "một trăm lẻ bốn"),
    (400, "bốn trăm"),
]
LAM: list[Row] = [
    (5, "năm"),
    (15, "mười lăm"),
    (25, "hai mươi lăm"),
    (65, "sáu mươi lăm"),
    (105, "một trăm lẻ năm"),
    (555, "năm trăm năm mươi lăm"),
    (5_005, "năm nghìn không trăm lẻ năm"),
    (15_000, "mười lăm nghìn"),
]
LE: list[Row] = [
    (101, "một trăm lẻ một"),
    (105, "một trăm lẻ năm"),
    (909, "chín trăm lẻ chín"),
    (2_003, "hai nghìn không trăm lẻ ba"),
]
KHONG_TRAM: list[Row] = [
    (2023, "hai nghìn không trăm hai mươi ba"),
    (1_005_000, "một triệu không trăm lẻ năm nghìn"),
    (1_050_000, "một triệu không trăm năm mươi nghìn"),
    (1_000_010, "một triệu không trăm mười"),
    (3_099, "ba nghìn không trăm chín mươi chín"),
    (12_299, "mười hai nghìn hai trăm chín mươi chín"),
]
ZERO_GROUPS: list[Row] = [
    (1_000_001, "một triệu không trăm lẻ một"),
    (700_000_231, "bảy trăm triệu hai trăm ba mươi mốt"),
    (1_000_000, "một triệu"),
    (5_000_000_005, "năm tỷ không trăm lẻ năm"),
    (2_000_300_000, "hai tỷ ba trăm nghìn"),
    (2_000_050_000, "hai tỷ không trăm năm mươi nghìn"),
    (3_000_000_000_000_000, "ba triệu tỷ"),
    (1_000_000_000_001, "một nghìn tỷ không trăm lẻ một"),
]
SCALES: list[Row] = [
    (1_000, "một nghìn"),
    (10**6, "một triệu"),
    (10**9, "một tỷ"),
    (10**12, "một nghìn tỷ"),
    (10**15, "một triệu tỷ"),
    (10**18, "một tỷ tỷ"),
    (10**21, "một nghìn tỷ tỷ"),
    (2 * 10**18 + 3, "hai tỷ tỷ không trăm lẻ ba"),
]
TY_MULTIPLIER: list[Row] = [
    (1_100_000_000_000, "một nghìn một trăm tỷ"),
    (
        1_234_567_890_123,
        "một nghìn hai trăm ba mươi bốn tỷ năm trăm sáu mươi bảy triệu"
        " tám trăm chín mươi nghìn một trăm hai mươi ba",
    ),
    (21_000_000_000_000, "hai mươi mốt nghìn tỷ"),
    (1_000_005_000_000_000, "một triệu không trăm lẻ năm tỷ"),
    ((10**9 + 5) * 10**9 + 7, "một tỷ không trăm lẻ năm tỷ không trăm lẻ bảy"),
]
NEGATIVE: list[Row] = [
    (-1, "âm một"),
    (-21, "âm hai mươi mốt"),
    (-2023, "âm hai nghìn không trăm hai mươi ba"),
    (Decimal("-0.5"), "âm không phẩy năm"),
    (-(10**15), "âm một triệu tỷ"),
]
DECIMALS: list[Row] = [
    (Decimal("1.97"), "một phẩy chín mươi bảy"),
    (Decimal("12.5"), "mười hai phẩy năm"),
    ("2.05", "hai phẩy không năm"),
    ("0.001", "không phẩy không không một"),
    ("0.1", "không phẩy một"),
    (Decimal("1.50"), "một phẩy năm mươi"),
    (Decimal("0.125"), "không phẩy một trăm hai mươi lăm"),
    ("3.14159", "ba phẩy một bốn một năm chín"),
    (Decimal("1E+3"), "một nghìn"),
    (0.1, "không phẩy một"),
    (2.05, "hai phẩy không năm"),
]

RULES = {
    "zero": ZERO,
    "mười": MUOI_TEN,
    "mươi": MUOI,
    "mốt": MOT,
    "bốn": BON,
    "lăm": LAM,
    "lẻ": LE,
    "không trăm": KHONG_TRAM,
    "zero groups": ZERO_GROUPS,
    "scales": SCALES,
    "tỷ multiplier": TY_MULTIPLIER,
    "negative": NEGATIVE,
    "decimal": DECIMALS,
}


@pytest.mark.parametrize(
    ("value", "expected"),
    [pytest.param(v, e, id=f"{rule}:{v!r}") for rule, rows in RULES.items() for v, e in rows],
)
def test_number_to_words_rules(value: Any, expected: str) -> None:
    assert number_to_words(value) == expected
    assert read_words(expected) == Decimal(repr(value) if isinstance(value, float) else value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (24, "hai mươi tư"),
        (44, "bốn mươi tư"),
        (14, "mười bốn"),
        (4, "bốn"),
        (104, "một trăm lẻ bốn"),
        (124_024, "một trăm hai mươi tư nghìn không trăm hai mươi tư"),
    ],
)
def test_option_four_tu(value: int, expected: str) -> None:
    assert number_to_words(value, four="tư") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (1_005_000, "một triệu không trăm linh năm nghìn"),
        (Decimal("2.05"), "hai phẩy không năm"),
    ],
)
def test_option_linh(value: Any, expected: str) -> None:
    assert number_to_words(value, zero_tens="linh") == expected


def test_options_combined_and_bad() -> None:
    assert number_to_words(104_024, zero_tens="linh", four="tư") == (
        "một trăm linh bốn nghìn không trăm hai mươi tư"
    )
    with pytest.raises(FormatError, match="'le'"):
        number_to_words(1, zero_tens="le")  # type: ignore[arg-type]
    with pytest.raises(FormatError, match=r"four='4'"):
        number_to_words(1, four="4")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- num2words table

N2W_ROWS = json.loads((DATA / "num2words_vi.json").read_text(encoding="utf-8"))["rows"]


def _raw_num2words(number: int | str) -> str:
    value = Decimal(number) if isinstance(number, str) else number
    try:
        return str(num2words(value, lang="vi"))
    except Exception as error:  # it crashes on some negatives
        return f"<{type(error).__name__}>"


@pytest.mark.parametrize("row", N2W_ROWS, ids=lambda r: str(r["number"]))
def test_num2words_table(row: dict[str, Any]) -> None:
    number = row["number"]
    assert number_to_words(number) == row["baocao"]
    raw = _raw_num2words(number)
    # If num2words changes (say, gets fixed upstream), this tells us.
    assert raw == row["num2words"]
    if row["num2words"] != row["baocao"]:
        assert raw != number_to_words(number)


def test_num2words_table_keeps_the_reason_visible() -> None:
    differing = [r for r in N2W_ROWS if r["num2words"] != r["baocao"]]
    assert len(differing) >= 6
    spec_examples = {2023, 1050000, 10**15, -1, "2.05", "0.1"}
    assert spec_examples <= {r["number"] for r in differing}


def test_group_readings_below_1000_agree_with_num2words() -> None:
    """The premise of the wrapper: num2words reads 0..999 right (by our reader)."""
    for n in range(1000):
        raw = num2words(n, lang="vi")
        assert read_words(raw) == n
        assert number_to_words(n) == raw


# --------------------------------------------------------------------------- properties

INTS = st.integers(min_value=-(10**21), max_value=10**21)
FORBIDDEN_BIGRAMS = {
    ("mươi", "một"),
    ("mười", "mốt"),
    ("mười", "năm"),
    ("mươi", "năm"),
    ("lẻ", "mười"),
    ("mười", "tư"),
}


def _check_invariants(text: str) -> None:
    words = text.split(" ")
    body = words[1:] if words[0] == "âm" else words
    assert body[:2] != ["không", "trăm"], text
    for pair in itertools.pairwise(words):
        assert pair not in FORBIDDEN_BIGRAMS, text
    for a, _, c in zip(words, words[1:], words[2:], strict=False):
        assert not (a in ("lẻ", "linh") and c == "mươi"), text
    assert text == unicodedata.normalize("NFC", text)


@given(INTS)
@settings(max_examples=600)
def test_every_integer_reads_back(n: int) -> None:
    text = number_to_words(n)
    assert read_words(text) == n
    _check_invariants(text)


@given(INTS, st.sampled_from(["lẻ", "linh"]), st.sampled_from(["bốn", "tư"]))
def test_every_integer_reads_back_with_options(n: int, zero_tens: Any, four: Any) -> None:
    text = number_to_words(n, zero_tens=zero_tens, four=four)
    assert read_words(text) == n
    _check_invariants(text)
    words = text.split(" ")
    other = {"lẻ": "linh", "linh": "lẻ"}[zero_tens]
    assert other not in words
    for a, b in itertools.pairwise(words):
        if a == "mươi":
            assert b != {"bốn": "tư", "tư": "bốn"}[four], text


@given(st.integers(min_value=-(10**21), max_value=10**21), st.integers(0, 8))
@settings(max_examples=600)
def test_every_decimal_reads_back(unscaled: int, places: int) -> None:
    value = Decimal(f"{unscaled}E-{places}")
    text = number_to_words(value)
    back = read_words(text)
    assert back == value
    assert back.as_tuple().exponent == -places  # the digits as written
    _check_invariants(text)
    assert number_to_words(str(value)) == text


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e21, max_value=1e21))
def test_floats_read_their_shortest_repr(x: float) -> None:
    assert read_words(number_to_words(x)) == Decimal(repr(x))


@given(st.integers(min_value=0, max_value=10**18))
def test_amount_in_words_is_the_capitalised_reading(n: int) -> None:
    words = number_to_words(n)
    assert amount_in_words(n) == words[0].upper() + words[1:] + " đồng"


# --------------------------------------------------------------------------- money

@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (1_050_000, {}, "Một triệu không trăm năm mươi nghìn đồng"),
        (1_050_000, {"chan": True}, "Một triệu không trăm năm mươi nghìn đồng chẵn"),
        (Decimal("2000000.00"), {}, "Hai triệu đồng"),
        (0, {}, "Không đồng"),
        (-15_000, {}, "Âm mười lăm nghìn đồng"),
        (105, {"zero_tens": "linh"}, "Một trăm linh năm đồng"),
    ],
)
def test_amount_in_words(value: Any, kwargs: dict[str, Any], expected: str) -> None:
    assert amount_in_words(value, **kwargs) == expected


def test_amount_must_be_whole_dong() -> None:
    with pytest.raises(FormatError, match=r"1\.5"):
        amount_in_words(Decimal("1.5"))


# --------------------------------------------------------------------------- figures

@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (12299, {}, "12.299"),
        (0, {}, "0"),
        (999, {}, "999"),
        (1000, {}, "1.000"),
        (-1234567, {}, "-1.234.567"),
        (Decimal("1.5"), {}, "1,5"),
        (Decimal("1.50"), {}, "1,50"),
        (Decimal("-0.25"), {}, "-0,25"),
        (10**24, {}, "1.000.000.000.000.000.000.000.000"),
        (Decimal("123456789012345678901234567890.5"), {"decimals": 0},
         "123.456.789.012.345.678.901.234.567.891"),
        (12299, {"decimals": 1}, "12.299,0"),
        (Decimal("2.345"), {"decimals": 2}, "2,35"),
        (Decimal("2.5"), {"decimals": 0}, "3"),
        (Decimal("-2.5"), {"decimals": 0}, "-3"),
        (Decimal("-0.001"), {"decimals": 2}, "0,00"),
        (1.5, {}, "1,5"),
        (0.1, {}, "0,1"),
        ("1234.5", {}, "1.234,5"),
        (Decimal("1E+3"), {}, "1.000"),
    ],
)  # fmt: skip
def test_format_number(value: Any, kwargs: dict[str, Any], expected: str) -> None:
    assert format_number(value, **kwargs) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (1.968, {}, "1,97%"),
        (0.005, {}, "0,01%"),
        (Decimal("0.005"), {}, "0,01%"),
        (2.345, {}, "2,35%"),
        (Decimal("0.015"), {}, "0,02%"),  # half up, not to even (0,02 either way)
        (Decimal("0.025"), {}, "0,03%"),  # banker's rounding would give 0,02
        (Decimal("12.5"), {"decimals": 0}, "13%"),
        (100, {}, "100,00%"),
        (Decimal("-1.005"), {}, "-1,01%"),
        (Decimal("33.333"), {"decimals": None}, "33,333%"),
    ],
)
def test_format_percent_half_up(value: Any, kwargs: dict[str, Any], expected: str) -> None:
    assert format_percent(value, **kwargs) == expected


def test_rate() -> None:
    assert rate(242, 12299) == Decimal("1.97")
    assert str(rate(242, 12299)) == "1.97"
    assert rate(1, 8, decimals=1) == Decimal("12.5")
    assert rate(1, 800, decimals=2) == Decimal("0.13")  # 0.125 half up
    assert rate(10**30, 3 * 10**30, decimals=3) == Decimal("33.333")
    assert rate(Decimal("1.5"), "3") == Decimal("50.00")
    with pytest.raises(FormatError, match="242"):
        rate(242, 0)
    with pytest.raises(FormatError):
        rate(1, Decimal("0.0"))


BAD_NUMBERS = [None, float("nan"), float("inf"), float("-inf"), Decimal("NaN"),
               Decimal("Infinity"), "abc", "", "1,5", "nan", "Infinity", "١٢", True, False,
               [1], object()]  # fmt: skip


@pytest.mark.parametrize("bad", BAD_NUMBERS, ids=repr)
@pytest.mark.parametrize(
    "function", [format_number, format_percent, number_to_words, amount_in_words]
)
def test_bad_numbers(function: Any, bad: Any) -> None:
    with pytest.raises(FormatError) as info:
        function(bad)
    assert repr(bad) in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, BaocaoError)


@pytest.mark.parametrize("bad", [None, float("nan"), "abc", True])
def test_rate_bad_input(bad: Any) -> None:
    with pytest.raises(FormatError, match="không"):
        rate(bad, 10)
    with pytest.raises(FormatError):
        rate(10, bad)


@pytest.mark.parametrize("decimals", [-1, 1.5, "2", True])
def test_bad_decimals(decimals: Any) -> None:
    with pytest.raises(FormatError, match=re.escape(repr(decimals))):
        format_number(1, decimals=decimals)


# --------------------------------------------------------------------------- dates

@pytest.mark.parametrize(
    ("d", "long", "short"),
    [
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020", "05/01/2020"),
        (date(2023, 9, 7), "ngày 07 tháng 9 năm 2023", "07/9/2023"),
        (date(2019, 6, 29), "ngày 29 tháng 6 năm 2019", "29/6/2019"),
        (date(2022, 1, 18), "ngày 18 tháng 01 năm 2022", "18/01/2022"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024", "29/02/2024"),
        (date(2023, 3, 1), "ngày 01 tháng 3 năm 2023", "01/3/2023"),
        (date(2023, 12, 31), "ngày 31 tháng 12 năm 2023", "31/12/2023"),
        (date(2023, 10, 10), "ngày 10 tháng 10 năm 2023", "10/10/2023"),
        (datetime(2023, 9, 7, 15, 30), "ngày 07 tháng 9 năm 2023", "07/9/2023"),
        (PartialDate(2023, 9, 7), "ngày 07 tháng 9 năm 2023", "07/9/2023"),
        (PartialDate(2023, 11), "ngày     tháng 11 năm 2023", "     /11/2023"),
        (PartialDate(2023, 1), "ngày     tháng 01 năm 2023", "     /01/2023"),
        (PartialDate(2023), "ngày     tháng     năm 2023", "     /     /2023"),
    ],
)
def test_format_date(d: Any, long: str, short: str) -> None:
    assert format_date(d) == long
    assert format_date(d, style="long") == long
    assert format_date(d, style="short") == short


def test_blank_is_exactly_five_spaces() -> None:
    assert format_date(PartialDate(2023, 11)).split("tháng")[0] == "ngày" + " " * 5
    assert format_date(PartialDate(2023, 11), style="short").index("/") == 5


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        ((2023, 2, 30), "30/02/2023"),
        ((2023, 2, 29), "29/02/2023"),
        ((2023, 4, 31), "31/04/2023"),
        ((2023, 13), "13"),
        ((2023, 0), "0"),
        ((2023, 5, 0), "00/05/2023"),
        ((0,), "0"),
        ((10000,), "10000"),
        ((2023, None, 7), "day=7"),
        ((2023, True), "True"),
        (("2023",), "'2023'"),
        ((2023, 1.0), "1.0"),
    ],
)
def test_impossible_partial_dates(args: tuple[Any, ...], shown: str) -> None:
    with pytest.raises(FormatError) as info:
        PartialDate(*args)
    assert shown in str(info.value)


def test_partial_date_is_frozen() -> None:
    d = PartialDate(2023, 11)
    with pytest.raises(AttributeError):
        d.day = 3  # type: ignore[misc]
    assert d == PartialDate(2023, 11, None)
    assert hash(d) == hash(PartialDate(2023, 11))


@pytest.mark.parametrize("bad", [None, "2023-09-07", 20230907, (2023, 9, 7)])
def test_format_date_rejects_non_dates(bad: Any) -> None:
    with pytest.raises(FormatError) as info:
        format_date(bad)
    assert repr(bad) in str(info.value)


def test_format_date_bad_style() -> None:
    with pytest.raises(FormatError, match="'medium'"):
        format_date(date(2023, 9, 7), style="medium")  # type: ignore[arg-type]


def test_format_place_date() -> None:
    assert format_place_date("TP. Bắc Kạn", date(2023, 9, 7)) == (
        "TP. Bắc Kạn, ngày 07 tháng 9 năm 2023"
    )
    assert format_place_date("TP. Bắc Kạn", PartialDate(2023, 11)) == (
        "TP. Bắc Kạn, ngày     tháng 11 năm 2023"
    )
    decomposed = unicodedata.normalize("NFD", "Hà Nội")
    assert format_place_date(decomposed, date(2020, 1, 5)) == "Hà Nội, ngày 05 tháng 01 năm 2020"
    for bad in ["", "   ", None]:
        with pytest.raises(FormatError) as info:
            format_place_date(bad, date(2023, 9, 7))  # type: ignore[arg-type]
        assert repr(bad) in str(info.value)


# --------------------------------------------------------------------------- text

@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (10, "X"), (14, "XIV"),
     (40, "XL"), (90, "XC"), (400, "CD"), (1994, "MCMXCIV"), (3999, "MMMCMXCIX")],
)  # fmt: skip
def test_to_roman(n: int, expected: str) -> None:
    assert to_roman(n) == expected


@pytest.mark.parametrize("bad", [0, -1, 4000, True, 1.0, "4", None])
def test_to_roman_bad(bad: Any) -> None:
    with pytest.raises(FormatError) as info:
        to_roman(bad)
    assert repr(bad) in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ủy ban nhân dân", "ỦY BAN NHÂN DÂN"),
        ("thành phố Bắc Kạn", "THÀNH PHỐ BẮC KẠN"),
        ("Độc lập - Tự do - Hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
        ("kết quả rà soát hộ nghèo, hộ cận nghèo", "KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO"),
        ("ỹ ỵ ữ ợ ẵ ậ", "Ỹ Ỵ Ữ Ợ Ẵ Ậ"),
    ],
)
def test_upper_vi(text: str, expected: str) -> None:
    assert upper_vi(text) == expected
    assert upper_vi(unicodedata.normalize("NFD", text)) == expected
    assert unicodedata.is_normalized("NFC", upper_vi(text))


def test_normalize_text() -> None:
    decomposed = "U\u0309y ban"  # U + combining hook above
    assert normalize_text(decomposed) == "\u1ee6y ban"
    assert normalize_text(decomposed) == "Ủy ban"
    legacy = "U\u0341"  # deprecated combining acute tone mark (U+0341)
    assert normalize_text(legacy) == "Ú"
    assert normalize_text("  a\tb  ") == "  a\tb  "  # strips nothing else
    for word in ["Bắc Kạn", "Hộ nghèo", "Ủy ban nhân dân"]:
        assert normalize_text(unicodedata.normalize("NFD", word)) == word
    with pytest.raises(FormatError, match="None"):
        normalize_text(None)  # type: ignore[arg-type]


@given(st.text())
def test_normalize_and_upper_are_nfc(text: str) -> None:
    assert unicodedata.is_normalized("NFC", normalize_text(text))
    assert unicodedata.is_normalized("NFC", upper_vi(text))


# --------------------------------------------------------------------------- filters

def test_filters_table() -> None:
    assert set(FILTERS) == {"so", "phan_tram", "ngay", "ngay_ngan", "dia_danh_ngay",
                            "bang_chu", "tien_bang_chu", "so_la_ma", "chu_cai", "in_hoa"}  # fmt: skip
    d = date(2023, 9, 7)
    assert FILTERS["so"](12299) == "12.299"
    assert FILTERS["so"](Decimal("1.25"), decimals=1) == "1,3"
    assert FILTERS["phan_tram"](1.968) == "1,97%"
    assert FILTERS["phan_tram"](1.968, decimals=1) == "2,0%"
    assert FILTERS["ngay"](d) == "ngày 07 tháng 9 năm 2023"
    assert FILTERS["ngay_ngan"](d) == "07/9/2023"
    assert FILTERS["dia_danh_ngay"]("TP. Bắc Kạn", d) == "TP. Bắc Kạn, ngày 07 tháng 9 năm 2023"
    assert FILTERS["bang_chu"](24, four="tư") == "hai mươi tư"
    assert FILTERS["tien_bang_chu"](1_050_000, chan=True).endswith("đồng chẵn")
    assert FILTERS["so_la_ma"](2) == "II"
    assert [FILTERS["chu_cai"](n) for n in range(4, 8)] == ["d", "đ", "e", "g"]
    assert FILTERS["in_hoa"]("Ủy ban") == "ỦY BAN"


def test_filters_work_in_jinja() -> None:
    jinja2 = pytest.importorskip("jinja2")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(FILTERS)
    template = env.from_string(
        "{{ x|so }} {{ y|so(decimals=1) }} {{ p|phan_tram }} {{ d|ngay }}; {{ d|ngay_ngan }};"
        " {{ 'TP. Bắc Kạn'|dia_danh_ngay(d) }}; {{ n|bang_chu(zero_tens='linh') }};"
        " {{ n|tien_bang_chu }}; {{ 4|so_la_ma }}. {{ 'Ủy ban'|in_hoa }}"
    )
    out = template.render(x=12299, y=Decimal("1.25"), p=1.968, d=PartialDate(2023, 11), n=105)
    assert out == (
        "12.299 1,3 1,97% ngày     tháng 11 năm 2023;      /11/2023;"
        " TP. Bắc Kạn, ngày     tháng 11 năm 2023; một trăm linh năm;"
        " Một trăm lẻ năm đồng; IV. ỦY BAN"
    )


@pytest.mark.parametrize(
    "huge",
    ["1e999999999", "1e-1001", 10**1000, -(10**1000), 10**5000],
    ids=["1e999999999", "1e-1001", "10^1000", "-10^1000", "10^5000"],
)
@pytest.mark.parametrize("function", [format_number, number_to_words, amount_in_words])
def test_runaway_numbers_are_refused_not_hung(function: Any, huge: Any) -> None:
    with pytest.raises(FormatError, match="quá dài"):
        function(huge)


def test_the_longest_accepted_numbers() -> None:
    n = 10**1000 - 1
    assert read_words(number_to_words(n)) == n
    assert format_number(-n).count(".") == 333
    assert read_words(number_to_words("0." + "0" * 999 + "1")) == Decimal("1E-1000")
