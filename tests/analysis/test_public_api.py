"""The public names of ``sistercities.analysis`` are honest; every doctest runs."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import types

import pytest

import sistercities.analysis as analysis


def test_all_is_honest() -> None:
    public = {
        name
        for name, value in vars(analysis).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert set(analysis.__all__) == public


MODULES = [m.name for m in pkgutil.iter_modules(analysis.__path__, "sistercities.analysis.")]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
