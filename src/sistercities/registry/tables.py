"""Which modules declare tables: the registry finds them without importing their layers.

Every table of sistercities is a class on the one declarative base,
:class:`sistercities.registry.models.Base`. The registry's own tables live in
``registry/models.py``; tables of the layers above (research surveys, the
workbench, the web app's accounts) live with their code, and the registry must
not import those layers. So each such module is *named* once, as an entry
point of the group ``sistercities.tables`` in ``pyproject.toml``::

    [project.entry-points."sistercities.tables"]
    survey = "sistercities.research.survey.models"

:func:`load_table_modules` imports every module so named: the Alembic
environment calls it (so that ``alembic revision --autogenerate`` and the
migration-vs-models check see every table), and so can anyone who needs the
whole of ``Base.metadata``. Adding a table module is that one line.

Installed entry points are read from the package metadata; in a source
checkout the ``pyproject.toml`` beside ``src/`` is read as well, so a line just
added counts before the package is installed again.

>>> "sistercities.research.survey.models" in table_modules()
True
"""

from __future__ import annotations

import importlib
import tomllib
from importlib import metadata
from pathlib import Path

GROUP = "sistercities.tables"

#: ``pyproject.toml`` of a source checkout (``src/sistercities/registry/tables.py``).
_PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def _declared_in_checkout() -> dict[str, str]:
    """The group's entries in the checkout's ``pyproject.toml``, if there is one."""
    if not _PYPROJECT.is_file():
        return {}
    project = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8")).get("project", {})
    if project.get("name") != "sistercities":
        return {}
    entries = project.get("entry-points", {}).get(GROUP, {})
    return {str(name): str(value) for name, value in entries.items()}


def table_modules() -> list[str]:
    """The dotted names of every module that declares tables, beyond ``registry.models``."""
    installed = {ep.name: ep.value for ep in metadata.entry_points(group=GROUP)}
    return sorted(set(installed.values()) | set(_declared_in_checkout().values()))


def load_table_modules() -> list[str]:
    """Import every table module, so that ``Base.metadata`` holds all the tables."""
    names = table_modules()
    for name in names:
        importlib.import_module(name)
    return names
