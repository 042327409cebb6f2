"""One broken data file per rule (tests/data/invalid/): each is the seed example with
one mistake, and its first line says which finding it must produce —
``# kiểm tra: <code> <field path> <line>``."""

from __future__ import annotations

from pathlib import Path

import pytest

import baocao
from baocao.cli import main

from conftest import ROOT

CASES = sorted((ROOT / "tests" / "data" / "invalid").glob("*.yaml"))


def _expectation(case: Path) -> tuple[str, str, int]:
    head = case.read_text(encoding="utf-8").splitlines()[0]
    code, path, line = head.removeprefix("# kiểm tra: ").split()
    return code, "" if path == "-" else path, int(line)


def test_there_is_a_case_per_rule() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_finding_has_code_field_and_line(case: Path) -> None:
    code, path, line = _expectation(case)
    findings = baocao.validate(case)
    matching = [f for f in findings if f.code == code and f.path == path]
    assert matching, f"expected {code} at {path}, got {[(f.code, f.path) for f in findings]}"
    finding = matching[0]
    assert finding.severity == "error"
    assert finding.file == str(case)
    assert finding.line == line
    assert finding.column is not None
    assert finding.message


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_cli_refuses_to_render_and_keeps_existing_output(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, line = _expectation(case)
    out = tmp_path / "bao-cao.docx"
    out.write_bytes(b"the good file of yesterday")
    status = main(["render", str(case), "-o", str(out)])
    assert status == 1
    assert out.read_bytes() == b"the good file of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]
    err = capsys.readouterr().err
    prefix = f"{case}:{line}:"
    assert any(row.startswith(prefix) and f"[{code}]" in row for row in err.splitlines()), err
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
