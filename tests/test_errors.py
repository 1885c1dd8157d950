"""One exception hierarchy: every error class lives in ``errors.py`` under one root."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from sistercities import errors

SRC = Path(__file__).resolve().parents[1] / "src" / "sistercities"


def _exception_classes(path: Path) -> list[str]:
    """Classes whose name or a base's name says they are exceptions (private ones aside)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ClassDef) or node.name.startswith("_"):
            continue
        bases = [ast.unparse(b) for b in node.bases]
        if node.name.endswith(("Error", "Exception")) or any(
            b.endswith(("Error", "Exception")) for b in bases
        ):
            found.append(node.name)
    return found


def test_every_exception_is_declared_in_errors_py() -> None:
    elsewhere = {
        str(path.relative_to(SRC)): names
        for path in SRC.rglob("*.py")
        if path.name != "errors.py" and (names := _exception_classes(path))
    }
    assert elsewhere == {}


def test_every_error_derives_from_the_one_root() -> None:
    classes = [
        c for _, c in inspect.getmembers(errors, inspect.isclass) if c.__module__ == errors.__name__
    ]
    assert len(classes) >= 6
    assert all(issubclass(c, errors.SisterCitiesError) for c in classes)
