"""load() and validate() read a path, YAML text in a stream, a mapping or a model
(issue 17: an agency developer's first hour), with the same Vietnamese findings."""

from __future__ import annotations

import io

import pytest
import yaml

import baocao

from conftest import BAC_KAN


def _text() -> str:
    return BAC_KAN.read_text(encoding="utf-8")


def test_yaml_text_in_a_stream_loads_like_the_file() -> None:
    assert baocao.load(io.StringIO(_text())) == baocao.load(BAC_KAN)


def test_a_mapping_loads_like_the_file() -> None:
    assert baocao.load(yaml.safe_load(_text())) == baocao.load(BAC_KAN)


def test_a_model_is_checked_and_returned() -> None:
    report = baocao.load(BAC_KAN)
    assert baocao.validate(report) == []
    assert baocao.load(report) == report


def test_a_mistake_in_yaml_text_is_located_at_its_line() -> None:
    text = _text().replace("tong_so_ho: 12299", "tong_so_ho: 12.299,5")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "12.299,5" in row)
    [finding, *_] = baocao.validate(io.StringIO(text))
    assert (finding.line, finding.path) == (line, "ket_qua.tong_so_ho")
    assert "cần một số nguyên" in finding.message


def test_a_mistake_in_a_mapping_names_its_field() -> None:
    data = yaml.safe_load(_text())
    data["ket_qua"]["ho_ngheo"]["so_ho"] = "nhiều"
    with pytest.raises(baocao.DataError) as caught:
        baocao.load(data)
    [finding] = [f for f in caught.value.findings if f.severity == "error"]
    assert finding.path == "ket_qua.ho_ngheo.so_ho" and "cần một số nguyên" in finding.message
    assert finding.line is None


def test_a_model_changed_in_code_is_refused_in_vietnamese() -> None:
    report = baocao.load(BAC_KAN)
    changed = report.model_copy(update={"so": -3})
    findings = baocao.validate(changed)
    assert findings and findings[0].path == "so" and findings[0].severity == "error"
