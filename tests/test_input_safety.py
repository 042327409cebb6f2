"""Hostile or oversized input: a clear finding, never a crash or a corrupt file.

The limits (documented in the README): a data file of at most 1 MB, a text field of
at most 20.000 characters, at most 500 items in a list of paragraphs, documents or
recipients.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import baocao
from baocao.loading import parse_yaml

from conftest import BAC_KAN


def _write(tmp_path: Path, text: str, name: str = "du-lieu.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "lon.yaml"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    (finding,) = baocao.validate(path)
    assert finding.code == "tep-qua-lon"
    assert "52.428.800" in finding.message


def test_oversized_paragraph_is_refused(tmp_path: Path) -> None:
    long_text = "rất dài " * 13_000  # about 100 kB
    source = BAC_KAN.read_text(encoding="utf-8").replace(
        "ho_ten: Hoàng Hà Bắc", f"ho_ten: {long_text.strip()}"
    )
    findings = baocao.validate(_write(tmp_path, source))
    assert [(f.code, f.path) for f in findings] == [("van-ban-qua-dai", "nguoi_ky.ho_ten")]


def test_too_many_recipients_is_refused(tmp_path: Path) -> None:
    many = "\n".join(f"    - Đơn vị {i}" for i in range(600))
    source = BAC_KAN.read_text(encoding="utf-8").replace(
        "    - UBND các xã, phường\n", "    - UBND các xã, phường\n" + many + "\n"
    )
    codes = {(f.code, f.path) for f in baocao.validate(_write(tmp_path, source))}
    assert codes == {("danh-sach-dai", "noi_nhan.danh_sach")}


def test_object_constructing_tags_are_refused() -> None:
    with pytest.raises(baocao.DataError) as caught:
        parse_yaml("a: !!python/object/apply:os.system ['echo hacked']\n", "x.yaml")
    assert [f.code for f in caught.value.findings] == ["yaml-the"]


def test_aliases_are_refused_without_expanding_them() -> None:
    nine = ", ".join(["*a"] * 9)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [{nine.replace('a', prev)}]\n"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    )  # 9^9 strings if expanded
    with pytest.raises(baocao.DataError) as caught:
        parse_yaml(bomb, "bom.yaml")
    assert {f.code for f in caught.value.findings} == {"yaml-bi-danh"}
    assert len(caught.value.findings) == 8  # each aliased node once


def test_duplicate_keys_are_refused_at_the_second() -> None:
    with pytest.raises(baocao.DataError) as caught:
        parse_yaml("so: 1\nky_hieu: BC-UBND\nso: 2\n", "x.yaml")
    (finding,) = caught.value.findings
    assert (finding.code, finding.line, finding.column) == ("yaml-khoa-lap", 3, 1)


def test_non_utf8_file_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "windows-1258.yaml"
    path.write_bytes(b"dia_danh: B\xe1c K\xf2n\n")  # legacy single-byte encoding
    assert [f.code for f in baocao.validate(path)] == ["ma-hoa"]


def test_decomposed_unicode_is_composed_in_the_document(tmp_path: Path) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Hoàng Hà Bắc")
    source = BAC_KAN.read_text(encoding="utf-8").replace("ho_ten: Hoàng Hà Bắc", f"ho_ten: {decomposed}")
    report = baocao.load(_write(tmp_path, source))
    assert report.nguoi_ky.ho_ten == unicodedata.normalize("NFC", "Hoàng Hà Bắc")


def test_warnings_do_not_stop_the_render(tmp_path: Path) -> None:
    source = (
        BAC_KAN.read_text(encoding="utf-8")
        .replace("trang_thai: so_bo", "trang_thai: chinh_thuc")
        .replace("nam_truoc: {so_ho: 285, ty_le: 2.33}", "nam_truoc: {so_ho: 285, ty_le: 6.33}")
        .replace("    ngay: 2023-10-02", "    ngay: 2023-10-02")
    )
    path = _write(tmp_path, source)
    findings = baocao.validate(path, today=dt.date(2023, 10, 1))
    assert {(f.code, f.severity) for f in findings} == {
        ("ty-le-bien-dong-lon", "warning"),  # 6,33% → 1,97%
        ("bao-cao-truoc-ket-thuc", "warning"),  # official report dated before 14/12/2023
        ("van-ban-tuong-lai", "warning"),  # the plan of 02/10/2023 is after "today"
        ("ngay-tuong-lai", "warning"),  # the report's month is after "today"
    }
    assert baocao.render(baocao.load(path)) is not None


# --- mutations of the seed example ----------------------------------------------------

SEED_DATA = parse_yaml(BAC_KAN.read_text(encoding="utf-8"), "seed").data
INJECTIONS = ["{{ 7*7 }}", "{% for x in y %}", "A & B", "<w:p>", "\"'", "]]>", "{#", "%}"]


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


PATHS = _paths(SEED_DATA)


def _mutated(path: tuple[object, ...], action: str, payload: object) -> object:
    import copy

    data = copy.deepcopy(SEED_DATA)
    parent: object = data
    for key in path[:-1]:
        parent = parent[key]  # type: ignore[index]
    last = path[-1]
    if action == "drop":
        del parent[last]  # type: ignore[attr-defined]
    else:
        old = parent[last]  # type: ignore[index]
        if action == "inject" and isinstance(old, str):
            payload = f"{old} {payload}"
        elif action == "perturb" and isinstance(old, int) and isinstance(payload, int):
            payload = old + payload
        parent[last] = payload  # type: ignore[index]
    return data


def _dump(data: object) -> str:
    from ruamel.yaml import YAML

    stream = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.dump(data, stream)
    return stream.getvalue()


@settings(
    max_examples=int(os.environ.get("MUTATIONS", "60")),  # MUTATIONS=600 for a longer search
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    path=st.sampled_from(PATHS),
    action=st.sampled_from(["drop", "swap", "inject", "perturb"]),
    payload=st.one_of(
        st.sampled_from(INJECTIONS),
        st.integers(-1_000_000, 1_000_000),
        st.none(),
        st.booleans(),
        st.lists(st.integers(), max_size=2),
        st.text(max_size=20),
    ),
)
def test_mutated_seed_renders_or_reports_findings(
    tmp_path: Path, path: tuple[object, ...], action: str, payload: object
) -> None:
    data = _mutated(path, action, payload)
    source = _write(tmp_path, _dump(data), "mutated.yaml")
    try:
        report = baocao.load(source)
    except baocao.DataError as error:
        assert error.findings
        assert all(f.code and f.message for f in error.findings)
        return
    rendered = baocao.render(report)
    assert rendered is not None
    document = docx.Document(io.BytesIO(rendered))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    if action == "inject" and isinstance(payload, str) and payload.strip():
        # The injected text is printed literally (folded whitespace aside, and in
        # capitals where the frame prints a line in capitals: the agency, the signer).
        def fold(value: str) -> str:
            return re.sub(r"\s+", " ", value).casefold()

        assert fold(payload.strip()) in fold(text)
