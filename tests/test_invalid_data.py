"""One broken data file per rule (tests/data/invalid/): each is an example with one
mistake, and its first line says which finding it must produce —
``# kiểm tra: <code> <field path> <line> [hôm-nay=YYYY-MM-DD] [tệp=<file beside it>]``
(``hôm-nay``: the date the check runs on, for the "in the future" warnings;
``tệp``: the finding points into that file, e.g. a spreadsheet, not the data file).
The finding's severity is its row's in the table of data findings
(:mod:`baocao.consistency`); tests/test_consistency.py checks every row has a case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

import baocao
from baocao.cli import main
from baocao.consistency import tables
from baocao.registry import default_registry

from conftest import ROOT

CASES = sorted((ROOT / "tests" / "data" / "invalid").glob("*.yaml"))


@dataclass(frozen=True)
class Expectation:
    code: str
    path: str
    line: int
    today: dt.date | None
    file: Path


def expectation(case: Path) -> Expectation:
    """What the first line of ``case`` says it must trip."""
    head = case.read_text(encoding="utf-8").splitlines()[0]
    code, path, line, *options = head.removeprefix("# kiểm tra: ").split()
    named = dict(option.split("=", 1) for option in options)
    today = dt.date.fromisoformat(named["hôm-nay"]) if "hôm-nay" in named else None
    file = case.parent / named["tệp"] if "tệp" in named else case
    return Expectation(code, "" if path == "-" else path, int(line), today, file)


def severity_of(code: str) -> str:
    """The severity the table gives ``code`` ("error" for a code no table holds)."""
    list(default_registry())  # imports every built-in type, so their tables are registered
    for table in tables().values():
        if code in table:
            return table[code].severity
    return "error"


def test_there_is_a_case_per_rule() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_finding_has_code_field_and_line(case: Path) -> None:
    expected = expectation(case)
    findings = baocao.validate(case, today=expected.today)
    matching = [f for f in findings if f.code == expected.code and f.path == expected.path]
    got = [(f.code, f.path) for f in findings]
    assert matching, f"expected {expected.code} at {expected.path}, got {got}"
    finding = matching[0]
    assert finding.severity == severity_of(expected.code)
    assert finding.file == str(expected.file)
    assert finding.line == expected.line
    assert finding.column is not None
    assert finding.message


ERRORS = [case for case in CASES if severity_of(expectation(case).code) == "error"]


@pytest.mark.parametrize("case", ERRORS, ids=lambda p: p.stem)
def test_cli_refuses_to_render_and_keeps_existing_output(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = expectation(case)
    out = tmp_path / "bao-cao.docx"
    out.write_bytes(b"the good file of yesterday")
    status = main(["render", str(case), "-o", str(out)])
    assert status == 1
    assert out.read_bytes() == b"the good file of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]
    err = capsys.readouterr().err
    prefix = f"{expected.file}:{expected.line}:"
    assert any(row.startswith(prefix) and f"[{expected.code}]" in row for row in err.splitlines()), err
    assert "Traceback" not in err


def test_every_problem_in_one_run(tmp_path: Path) -> None:
    source = (ROOT / "examples" / "bac-kan-2023.yaml").read_text(encoding="utf-8")
    broken = (
        source.replace("tong_so_ho: 12299", "tong_so_ho: nhiều")
        .replace("tu_ngay: 2023-09-15", "tu_ngay: hôm qua")
        .replace("\n  ho_can_ngheo:", "\n  ho_can_nghoe:", 1)
    )
    data = tmp_path / "nhieu-loi.yaml"
    data.write_text(broken, encoding="utf-8")
    codes = sorted(f.code for f in baocao.validate(data))
    # (the near-poor count itself is not missing: the summary table gives it)
    assert codes == ["khoa-la", "kieu-ngay", "kieu-so-nguyen"]


def test_unknown_key_suggests_the_close_name() -> None:
    findings = baocao.validate(ROOT / "tests" / "data" / "invalid" / "khoa-la.yaml")
    unknown = [f for f in findings if f.code == "khoa-la"]
    assert len(unknown) == 1
    assert "«ho_nghoe»" in unknown[0].message and "«ho_ngheo»" in unknown[0].message
