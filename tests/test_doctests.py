"""The ``>>>`` examples in baocao's modules run, so the documentation cannot rot.

They are collected from the installed package (not the source tree), module by
module; baocao.formatting's examples run in test_formatting.py.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import baocao

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(baocao.__path__, "baocao.")
    if name not in ("baocao.__main__", "baocao.formatting")
)


@pytest.mark.parametrize("name", MODULES)
def test_module_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_examples_exist_where_promised() -> None:
    """The pure helpers carry examples (design: "pure formatting functions with
    examples that run")."""
    finder = doctest.DocTestFinder()
    for name in ("baocao.markup", "baocao.document_types", "baocao.frame.context"):
        tests = finder.find(importlib.import_module(name))
        assert sum(len(t.examples) for t in tests) >= 2, name
