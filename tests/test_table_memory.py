"""A report built in code is not held twice while it is rendered: :func:`baocao.api.check`
re-validates it from its dump and prints the report itself when that copy is identical to
it, the copy when a validator changed anything (a model changed after it was made is
still validated again)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from markupsafe import Markup

import baocao
from baocao import api
from baocao.body.model import Bang, OBang
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo

from conftest import BAC_KAN
from docx_reading import normalized_parts


def test_a_report_built_in_code_that_passes_as_it_is_is_printed_itself() -> None:
    built = BaoCaoRaSoatHoNgheo.model_validate(baocao.load(BAC_KAN).model_dump())
    checked = api.check(built)
    assert checked.report is built
    assert api._MEMO[id(built)].copy is None  # no copy kept beside it
    assert api.check(built).report is built  # and remembered


@pytest.mark.parametrize(
    ("update", "printed"),
    [
        ({"trich_yeu": "  Kết quả rà soát  "}, "Kết quả rà soát"),  # stripped by the validators
        ({"trich_yeu": Markup("Kết quả <b>rà soát</b>")}, "Kết quả <b>rà soát</b>"),  # a str, escaped
    ],
    ids=["stripped", "markup"],
)
def test_a_value_a_validator_changes_prints_the_revalidated_copy(
    update: dict[str, Any], printed: str
) -> None:
    changed = baocao.load(BAC_KAN).model_copy(update=update)
    checked = api.check(changed)
    assert checked.report is not changed
    assert checked.report.trich_yeu == printed and type(checked.report.trich_yeu) is str
    document = normalized_parts(baocao.render(changed))["word/document.xml"]
    assert "  Kết quả" not in document and "<b>" not in document  # the copy's text, escaped


def _table(*cells: Any) -> Bang:
    return Bang.model_validate({"bang": {"cot": ["A"], "dong": [[c] for c in cells]}})


@pytest.mark.parametrize(
    ("original", "copy"),
    [
        (OBang(o=Decimal("1.0")), OBang(o=Decimal("1.00"))),  # equal numbers, printed 1,0 and 1,00
        (OBang(o=1), OBang(o=Decimal(1))),
        (OBang().model_copy(update={"o": True}), OBang(o=1)),  # as model_copy leaves them
        (_table(1, 2).model_copy(update={"bang": _table(1, 2).bang.model_copy(update={"dong": ()})}),
         _table(1, 2).model_copy(update={"bang": _table(1, 2).bang.model_copy(update={"dong": []})})),
        (OBang().model_copy(update={"o": Markup("x")}), OBang(o="x")),
    ],
    ids=["decimal-exponent", "int-decimal", "bool-int", "tuple-list", "str-subclass"],
)
def test_equal_values_that_differ_in_type_or_print_are_not_identical(original: Any, copy: Any) -> None:
    assert not api._identical(copy, original)
    assert api._identical(original, original.model_copy(deep=True))
