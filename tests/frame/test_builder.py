"""The built-in templates are what the frame builder makes, and ship in the package."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from baocao.frame import build_template
from baocao.registry import builtin_template, default_registry
from baocao.templates_build import build, builtin_types

from conftest import ROOT


def _xml_parts(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


NAMES = sorted(t.name for t in builtin_types())


def test_every_builtin_type_is_built_from_a_body() -> None:
    assert NAMES == ["bao-cao", "cong-van", "ke-hoach", "ra-soat-ho-ngheo"]


@pytest.mark.parametrize("name", NAMES)
def test_checked_in_template_is_up_to_date(name: str) -> None:
    built = build(default_registry().get(name))
    checked_in = (ROOT / "templates" / "vi" / f"{name}.docx").read_bytes()
    assert _xml_parts(checked_in) == _xml_parts(built), (
        "templates/vi is stale: run python -m baocao.templates_build templates/vi"
    )


@pytest.mark.parametrize("name", NAMES)
def test_template_ships_inside_the_installed_package(name: str) -> None:
    resource = builtin_template(name)
    assert resource.is_file()
    # Read from the installed package, never from the working tree's templates/.
    assert not Path(str(resource)).resolve().is_relative_to(ROOT / "templates")
    assert _xml_parts(resource.read_bytes()) == _xml_parts(
        (ROOT / "templates" / "vi" / f"{name}.docx").read_bytes()
    )


def test_frame_builder_output_is_deterministic() -> None:
    body = default_registry().get("ra-soat-ho-ngheo").body
    assert body is not None
    assert build_template(body) == build_template(body)
