"""Arrows run down: every module imports only from its own layer or the layers below.

The layers, from the top: ``cli`` and ``web``; ``operations``; ``analysis``,
``research`` and ``interchange``; ``registry``; ``places``; the ground floor
(``errors``, ``dates``, ``taxonomy``, ``settings``, ``lazy``). Every
``import`` and ``from ... import`` in ``src/sistercities`` is read (also those
inside functions and under ``TYPE_CHECKING``), so a lazy import that runs up
fails as well. The package root re-exports the public API and stands above all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "sistercities"

LAYERS: dict[str, int] = {
    "errors": 0, "dates": 0, "taxonomy": 0, "settings": 0, "lazy": 0,
    "i18n": 0, "vocabulary": 0,  # languages and the taxonomy's translated names
    "messages": 0,  # the library's translatable sentences
    "places": 1,
    "registry": 2,
    "analysis": 3, "research": 3, "interchange": 3,
    "operations": 4,
    "cli": 5, "web": 5,
    "__init__": 6, "__main__": 6,
}  # fmt: skip


def _part(module: str) -> str:
    """The top-level part of ``sistercities.x.y`` (``x``), or ``__init__`` for the root."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    relative = path.relative_to(SRC.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    name = ".".join(parts)
    return name if name != "sistercities" else "sistercities.__init__"


def _imports(path: Path, module: str, source: str | None = None) -> list[str]:
    """Every ``sistercities`` module that ``path`` imports, relative imports resolved."""
    found: list[str] = []
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    text = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append(target)
            found += [f"{target}.{alias.name}" for alias in node.names if target == "sistercities"]
    return [name for name in found if name == "sistercities" or name.startswith("sistercities.")]


MODULES = sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.relative_to(SRC).parts[:2])


def _upward(path: Path, source: str | None = None) -> list[str]:
    module = _module_name(path)
    own = LAYERS[_part(module)]
    return [
        target
        for target in _imports(path, module, source)
        if target != "sistercities" and LAYERS[_part(target)] > own
    ]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_import_runs_up(path: Path) -> None:
    module = _module_name(path)
    assert _part(module) in LAYERS, f"{module}: a top-level part with no layer"
    assert _upward(path) == [], f"{module} imports from a layer above it"


def test_the_migrations_import_only_the_registry() -> None:
    """The Alembic environment finds table modules by name, not by importing research."""
    env = SRC / "registry" / "migrations" / "env.py"
    imported = _imports(env, "sistercities.registry.migrations.env")
    assert imported and all(_part(name) == "registry" for name in imported), imported


def test_the_check_catches_an_arrow_that_runs_up() -> None:
    """The rule fails on what it should: a registry module importing research, lazily too."""
    probe = SRC / "registry" / "probe.py"  # never written: the source is given
    source = (
        "from sistercities.places.names import fold\n"
        "def f():\n"
        "    from ..research.survey import models\n"
        "    import sistercities.analysis.load\n"
    )
    assert _upward(probe, source) == ["sistercities.research.survey", "sistercities.analysis.load"]


def test_analyses_do_not_write_to_the_registry() -> None:
    """Only the loader reads sessions; no analysis module adds, deletes or commits."""
    offenders = []
    for path in (SRC / "analysis").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if any(call in text for call in ("session.add(", "session.delete(", ".commit(")):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


def test_only_the_loader_reads_the_registry() -> None:
    """Analyses are functions of plain records: only ``analysis/load.py`` imports SQLAlchemy
    or the registry (the handover dossier too reads what ``load.dossier_record`` gives it)."""
    readers = sorted(
        str(path.relative_to(SRC))
        for path in (SRC / "analysis").rglob("*.py")
        if any(
            name == "sqlalchemy" or name.startswith(("sqlalchemy.", "sistercities.registry"))
            for name in _all_imports(path)
        )
    )
    assert readers == ["analysis/load.py"]


def _all_imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names.append(node.module or "")
    return names


def test_planning_and_storing_do_not_import_each_other() -> None:
    """An import is planned (``interchange/planning.py``) and stored (``storing.py``) apart:
    both take their types from ``interchange/plan.py``; only ``importers.py`` runs both."""
    modules = {
        name: _imports(SRC / "interchange" / f"{name}.py", f"sistercities.interchange.{name}")
        for name in ("plan", "planning", "storing")
    }
    assert "sistercities.interchange.plan" in modules["planning"]
    assert "sistercities.interchange.plan" in modules["storing"]
    for name, imported in modules.items():
        others = {"planning", "storing", "importers"} - {name}
        assert not [t for t in imported if t.rsplit(".", 1)[-1] in others], (name, imported)
