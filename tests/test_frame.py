"""The built-in templates are what the frame builder makes, and ship in the package."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from baocao.frame import build_template
from baocao.registry import builtin_template
from baocao.reports import BUILTIN_BODIES, build_builtin

from conftest import ROOT


def _xml_parts(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("name", sorted(BUILTIN_BODIES))
def test_checked_in_template_is_up_to_date(name: str) -> None:
    built = build_builtin(name)
    checked_in = (ROOT / "templates" / "vi" / f"{name}.docx").read_bytes()
    assert _xml_parts(checked_in) == _xml_parts(built), (
        "templates/vi is stale: run python -m baocao.frame templates/vi"
    )


@pytest.mark.parametrize("name", sorted(BUILTIN_BODIES))
def test_template_ships_inside_the_installed_package(name: str) -> None:
    resource = builtin_template(name)
    assert resource.is_file()
    # Read from the installed package, never from the working tree's templates/.
    assert not Path(str(resource)).resolve().is_relative_to(ROOT / "templates")
    assert _xml_parts(resource.read_bytes()) == _xml_parts(
        (ROOT / "templates" / "vi" / f"{name}.docx").read_bytes()
    )


def test_frame_builder_output_is_deterministic() -> None:
    body = BUILTIN_BODIES["ra-soat-ho-ngheo"]
    assert build_template(body) == build_template(body)
