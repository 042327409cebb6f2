"""Shared fixtures: where the repository's material is, and the rendered examples."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

import baocao

# CI runs the same examples every time (a red build is then reproducible); a local run
# keeps exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA = ROOT / "tests" / "data"
SEED = DATA / "seeds" / "bao-cao-ra-soat-ho-ngheo-bac-kan-2023.txt"
"""The source report (a copy of ../shared/seeds/: a fresh clone has no sibling folders)."""
BAC_KAN = EXAMPLES / "bac-kan-2023.yaml"


@pytest.fixture(scope="session")
def bac_kan_docx() -> bytes:
    """The seed example rendered once for the whole session."""
    data = baocao.render(baocao.load(BAC_KAN))
    assert data is not None
    return data


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's command.  In CI (``CI`` set) it must be installed: a missing
    office suite fails the test instead of skipping it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
        pytest.skip("LibreOffice is not installed on this machine")
    return found
