"""One lazy loader for the package root and every subpackage (PEP 562).

A package lists its public names and the module each comes from; a name is
imported on first use, so that importing the package (as the command line
does for every command) does not load numba, igraph, SciPy or Matplotlib.

>>> __getattr__, __all__ = exports("sistercities", {"InputError": "errors"})
>>> __all__
['InputError']
>>> __getattr__("InputError").__name__
'InputError'
>>> __getattr__("nothing")
Traceback (most recent call last):
...
AttributeError: module 'sistercities' has no attribute 'nothing'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def exports(package: str, names: Mapping[str, str]) -> tuple[Callable[[str], Any], list[str]]:
    """A module ``__getattr__`` serving ``names`` (name -> module relative to ``package``).

    Returns the ``__getattr__`` and the sorted ``__all__``.
    """

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__, sorted(names)
