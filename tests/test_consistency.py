"""The table of data findings (baocao.consistency): every code is declared once, worded
by its row, and tripped by a broken data file under tests/data/invalid/."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from test_invalid_data import CASES, expectation

import baocao
from baocao.consistency import DataRule, RuleTable, tables
from baocao.errors import DataError
from baocao.loading import parse_yaml
from baocao.loai.ra_soat_ho_ngheo.model import BaoCaoRaSoatHoNgheo
from baocao.registry import default_registry
from baocao.validation import validate_model

from conftest import BAC_KAN

OUTSIDE_THE_TABLES = {
    "yaml-cu-phap": "baocao.loading (reading the file, before there is data)",
    "loai-khong-ro": "baocao.api (choosing the report type)",
}
"""Codes with a case here that no table holds yet, and who makes them."""

WITHOUT_A_CASE = {
    "khong-phai-bang": "a data file that is not a mapping has no «loai»: the api reports «thieu-loai» "
    "first; validate_model() called from code gives this one (tested below)",
}
"""Codes no data file can trip, and why."""

from baocao.loai.ra_soat_ho_ngheo import tong_hop  # noqa: E402

WITHOUT_A_CASE |= {
    code: "the roll-up's: tripped by several files together, in tests/loai/test_tong_hop.py"
    for code, _ in tong_hop.RULES.items()
}


def _all_rules() -> dict[str, tuple[str, DataRule]]:
    list(default_registry())  # imports every built-in type, so their tables are registered
    rules: dict[str, tuple[str, DataRule]] = {}
    for owner, table in tables().items():
        for code, rule in table.items():
            assert code not in rules, f"{code} is declared by {rules[code][0]} and by {owner}"
            rules[code] = (owner, rule)
    return rules


def test_the_tables_are_registered() -> None:
    assert {owner for owner, _ in _all_rules().values()} >= {
        "baocao.frame.model", "baocao.frame.rules", "baocao.validation",
        "baocao.loai.ra_soat_ho_ngheo.model", "baocao.loai.ra_soat_ho_ngheo.rules",
        "baocao.loai.ra_soat_ho_ngheo.bieu_tong_hop",
    }


def test_every_code_in_the_tables_has_a_case_that_trips_it() -> None:
    tripped = {expectation(case).code for case in CASES}
    missing = sorted(set(_all_rules()) - tripped - set(WITHOUT_A_CASE))
    assert not missing, f"no case under tests/data/invalid/ trips {missing}"


def test_every_case_names_a_code_of_the_tables() -> None:
    rules = _all_rules()
    unknown = sorted({expectation(case).code for case in CASES} - set(rules) - set(OUTSIDE_THE_TABLES))
    assert not unknown, unknown


def _pattern(template: str) -> re.Pattern[str]:
    """A message template as a regular expression: each field matches any text."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(".*")
    return re.compile("".join(parts), re.DOTALL)


TABLE_CASES = [case for case in CASES if expectation(case).code not in OUTSIDE_THE_TABLES]


@pytest.mark.parametrize("case", TABLE_CASES, ids=lambda p: p.stem)
def test_a_finding_is_worded_and_graded_by_its_row(case: Path) -> None:
    expected = expectation(case)
    _, rule = _all_rules()[expected.code]
    findings = [
        f for f in baocao.validate(case, today=expected.today)
        if f.code == expected.code and f.path == expected.path
    ]
    assert findings
    for finding in findings:
        assert finding.severity == rule.severity
        assert _pattern(rule.message).fullmatch(finding.message), (finding.message, rule.message)


def test_every_row_has_a_source_and_a_message() -> None:
    for code, (owner, rule) in _all_rules().items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code), code
        assert rule.source and rule.message, (owner, code)
        assert rule.severity in ("error", "warning")


def test_a_message_takes_exactly_its_fields() -> None:
    table = RuleTable("thu", [("vi-du", "error", "spec", "có {so} hộ")], register=False)
    assert table.message("vi-du", so=3) == "có 3 hộ"
    with pytest.raises(TypeError):
        table.message("vi-du")
    with pytest.raises(TypeError):
        table.message("vi-du", so=3, thua=1)
    assert "thu" not in tables()


def test_a_code_cannot_be_declared_twice_in_a_table() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        RuleTable("thu", [("a", "error", "s", "m"), ("a", "warning", "s", "m")], register=False)


def test_data_that_is_not_a_mapping() -> None:
    with pytest.raises(DataError) as caught:
        validate_model(BaoCaoRaSoatHoNgheo, parse_yaml("- a\n- b\n"))
    [finding] = caught.value.findings
    assert finding.code == "khong-phai-bang" and finding.line == 1


def test_rules_also_run_on_a_model_changed_in_code() -> None:
    """khong-khop-bieu is a rule now, not a validator: a report whose section III no
    longer matches its table after ``model_copy`` is refused by render()."""
    report = baocao.load(BAC_KAN)
    assert isinstance(report, BaoCaoRaSoatHoNgheo)
    changed = report.model_copy(
        update={"ket_qua": report.ket_qua.model_copy(update={"tong_so_ho": 12300})}
    )
    with pytest.raises(DataError) as caught:
        baocao.render(changed)
    assert [(f.code, f.path) for f in caught.value.findings] == [("khong-khop-bieu", "ket_qua.tong_so_ho")]
