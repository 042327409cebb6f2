"""Report types that fake entry points point at (tests/test_registry.py).

They are importable objects, as a third-party package's would be; the tests build
fake distributions around them instead of installing packages.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field

from baocao.frame import BodyWriter, build_template
from baocao.frame.model import Text, VanBanHanhChinh
from baocao.registry import ReportType


class ThongBao(VanBanHanhChinh):
    """A tiny report type: a list of paragraphs."""

    loai: Literal["thong-bao"] = "thong-bao"
    ten_loai: Text = "Thông báo"
    noi_dung: list[Text] = Field(min_length=1)


def _body(w: BodyWriter) -> None:
    w.narrative("noi_dung")


def _bad_body(w: BodyWriter) -> None:
    w.narrative("noi_dung")
    w.paragraph("{{ so_lieu_khong_co }}")


@cache
def _template(name: str, bad: bool = False) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="baocao-plugin-"))
    path = folder / f"{name}.docx"
    path.write_bytes(build_template(_bad_body if bad else _body))
    return path


def thong_bao() -> ReportType:
    """An entry point may name a function returning the type."""
    return ReportType(name="thong-bao", title="Thông báo", model=ThongBao, template=_template("thong-bao"))


THONG_BAO = ReportType(name="thong-bao", title="Thông báo (bản khác)", model=ThongBao,
                       template=_template("thong-bao"))
"""An entry point may also name the type itself."""


def ra_soat_ho_ngheo() -> ReportType:
    """A plugin trying to take a built-in name."""
    class Model(ThongBao):
        loai: Literal["ra-soat-ho-ngheo"] = "ra-soat-ho-ngheo"  # type: ignore[assignment]

    return ReportType(name="ra-soat-ho-ngheo", title="Giả mạo", model=Model,
                      template=_template("ra-soat-ho-ngheo"))


def unknown_variable() -> ReportType:
    class Model(ThongBao):
        loai: Literal["bien-la"] = "bien-la"  # type: ignore[assignment]

    return ReportType(name="bien-la", title="Biến lạ", model=Model, template=_template("bien-la", bad=True))


def not_a_type() -> str:
    return "không phải ReportType"


def raises() -> ReportType:
    raise RuntimeError("lỗi trong gói")


def replace_package(report_type: ReportType, package: str) -> ReportType:
    from dataclasses import replace

    return replace(report_type, package=package)
