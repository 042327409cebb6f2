"""The public doors stay small and deliberate: ``baocao`` and ``baocao.plugin``."""

from __future__ import annotations

import typing
from importlib import import_module, resources
from pathlib import Path

import pytest

import baocao
import baocao.plugin
from baocao import api


def _isort_style(name: str) -> tuple[int, str]:
    """The order ruff (RUF022) keeps ``__all__`` in: CONSTANTS, Classes, functions."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2), name


SURFACES = {
    "baocao": [
        "BaocaoError",
        "DataError",
        "Finding",
        "FormatError",
        "OutputError",
        "PluginError",
        "ReportType",
        "TemplateError",
        "load",
        "render",
        "validate",
    ],
    # Grouped by what a third party uses them for; __all__ holds them sorted.
    "baocao.plugin": sorted([
        "ReportType", "CheckContext", "Problem",                              # the type, its rules
        "VanBanHanhChinh", "Block", "Text", "Count", "PositiveCount",         # the model
        "CoQuan", "NgayBanHanh", "NguoiKy", "NoiNhan", "VanBanTrichDan",      # the frame's blocks
        "Body", "BodyWriter", "build_template", "PhuLuc",                     # the body, the template
        "STYLE_BLOCK", "STYLE_BODY",
        "PartialDate", "format_date", "format_number", "format_percent",      # formatting
        "number_to_words", "rate", "to_roman", "upper_vi",
        "DataError", "Finding", "PluginError", "TemplateError",               # errors
    ], key=_isort_style),
}


@pytest.mark.parametrize("module_name", sorted(SURFACES))
def test_all_is_the_public_surface(module_name: str) -> None:
    module = import_module(module_name)
    assert module.__all__ == SURFACES[module_name]
    assert module.__all__ == sorted(module.__all__, key=_isort_style)
    for name in module.__all__:
        assert getattr(module, name) is not None
    namespace: dict[str, object] = {}
    exec(f"from {module_name} import *", namespace)  # every name importable
    assert set(namespace) - {"__builtins__"} == set(module.__all__)


def test_dir_lists_the_public_names_not_the_helpers() -> None:
    listed = dir(baocao)
    assert set(baocao.__all__) <= set(listed)
    for helper in ("Any", "TYPE_CHECKING", "annotations", "import_module"):
        assert helper not in listed
    assert [name for name in listed if not name.startswith("__")] == baocao.__all__


def test_the_plugin_door_and_the_front_door_share_their_objects() -> None:
    for name in set(SURFACES["baocao"]) & set(SURFACES["baocao.plugin"]):
        assert getattr(baocao, name) is getattr(baocao.plugin, name)


def test_errors_are_value_errors() -> None:
    for error in (baocao.BaocaoError, baocao.DataError, baocao.FormatError, baocao.TemplateError,
                  baocao.PluginError, baocao.OutputError):
        assert issubclass(error, baocao.BaocaoError) and issubclass(error, ValueError)


def test_the_installed_package_is_marked_typed() -> None:
    # The tests run against the installed wheel: this is the wheel's content.
    assert resources.files("baocao").joinpath("py.typed").is_file()


def test_render_is_overloaded_bytes_without_a_path_none_with_one() -> None:
    returns = [typing.get_type_hints(o)["return"] for o in typing.get_overloads(api.render)]
    outs = [typing.get_type_hints(o)["out"] for o in typing.get_overloads(api.render)]
    assert returns == [bytes, type(None)]
    assert outs == [type(None), str | Path]


def test_load_is_overloaded_on_the_model_class() -> None:
    overloads = typing.get_overloads(api.load)
    assert [typing.get_type_hints(o)["model"] for o in overloads] == [type(None), type[api.M]]
    assert typing.get_type_hints(overloads[1])["return"] is api.M
