"""Opening registries, migrations, sessions, the audit trail, concurrent edits."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from sistercities.errors import ConflictError, StorageError
from sistercities.registry.models import AuditEntry, Base, Place, Relationship
from sistercities.registry.records import PlaceInput, add_relationship, get_or_add_place
from sistercities.registry.store import Registry, shipped_heads, to_url
from sistercities.registry.tables import load_table_modules, table_modules

SRC = Path(__file__).resolve().parents[2] / "src"


def test_migrations_build_the_schema_the_models_describe(registry: Registry) -> None:
    load_table_modules()  # every module that declares tables, as the Alembic environment does
    with registry.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
    assert registry.schema_revisions() == registry.latest_revisions()


def _declares_tables(path: Path) -> bool:
    """A module with a class on the declarative base that names a ``__tablename__``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef) and any(
            isinstance(b, ast.Name) and b.id == "Base" for b in node.bases
        ):
            names = {
                t.id
                for item in node.body
                if isinstance(item, ast.Assign | ast.AnnAssign)
                for t in ([item.target] if isinstance(item, ast.AnnAssign) else item.targets)
                if isinstance(t, ast.Name)
            }
            if "__tablename__" in names:
                return True
    return False


def test_every_module_with_tables_is_registered() -> None:
    """A table module missing from pyproject's ``sistercities.tables`` would escape the check."""
    found = {
        ".".join(path.relative_to(SRC).with_suffix("").parts)
        for path in (SRC / "sistercities").rglob("*.py")
        if _declares_tables(path)
    }
    found.discard("sistercities.registry.models")
    assert "sistercities.research.survey.models" in found
    assert sorted(found) == table_modules(), (
        'add the module under [project.entry-points."sistercities.tables"] in pyproject.toml'
    )


def test_reopening_an_upgraded_registry_changes_nothing(db_target: str) -> None:
    first = Registry.open(db_target)
    revisions = first.schema_revisions()
    first.close()
    second = Registry.open(db_target)
    assert second.schema_revisions() == revisions
    second.close()


def test_sqlite_path_and_postgres_url_forms() -> None:
    assert to_url("a/b.sqlite") == "sqlite:///a/b.sqlite"
    assert to_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"


def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StorageError, match="cannot open"):
        Registry.open("postgresql://nobody:secret@127.0.0.1:1/none")


def test_sqlite_registry_uses_wal(tmp_path: Path) -> None:
    reg = Registry.open(tmp_path / "r.sqlite")
    with reg.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    reg.close()


def _pair(registry: Registry) -> int:
    with registry.session() as session:
        a = get_or_add_place(session, PlaceInput("Cuenca", "EC"))
        b = get_or_add_place(session, PlaceInput("Peekskill", "US"))
        return add_relationship(session, a, b, status="active", start="2021").id


def test_every_change_is_attributed_in_the_audit_trail(registry: Registry) -> None:
    rel_id = _pair(registry)
    with registry.session(user="maria") as session:
        rel = session.get(Relationship, rel_id)
        assert rel is not None
        rel.notes = "renewed at the 2024 visit"
    with registry.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "relationships")
        ).all()
    created = [e for e in entries if e.action == "create"]
    updated = [e for e in entries if e.action == "update"]
    assert created and created[0].user == "tester"
    assert updated[-1].user == "maria"
    assert updated[-1].before["notes"] is None
    assert updated[-1].after["notes"] == "renewed at the 2024 visit"


def test_a_failed_unit_of_work_stores_nothing(registry: Registry) -> None:
    with pytest.raises(RuntimeError), registry.session() as session:
        get_or_add_place(session, PlaceInput("Quito", "EC"))
        raise RuntimeError("boom")
    with registry.session() as session:
        assert session.scalars(select(AuditEntry)).all() == []


def test_concurrent_edits_never_lose_an_update_silently(registry: Registry) -> None:
    rel_id = _pair(registry)
    with (
        pytest.raises(ConflictError, match="changed by someone else"),
        registry.session(user="first") as first,
    ):
        mine = first.get(Relationship, rel_id)
        assert mine is not None
        with registry.session(user="second") as second:
            theirs = second.get(Relationship, rel_id)
            assert theirs is not None
            theirs.notes = "second writer"
        mine.notes = "first writer"
    with registry.session() as session:
        rel = session.get(Relationship, rel_id)
        assert rel is not None and rel.notes == "second writer"


def test_a_file_that_is_not_a_registry_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StorageError, match="cannot open"):
        Registry.open(bogus)
    assert bogus.read_text().startswith("these are my notes")


def test_a_second_sqlite_writer_is_told_not_given_a_traceback(tmp_path: Path) -> None:
    first = Registry.open(tmp_path / "busy.sqlite")
    second = Registry.open(tmp_path / "busy.sqlite")  # waits SQLite's 5 s, then is told
    with first.session() as holding:
        get_or_add_place(holding, PlaceInput("Quito", "EC"))  # holds the write lock
        with pytest.raises(ConflictError, match="another writer"), second.session() as s:
            get_or_add_place(s, PlaceInput("Cuenca", "EC"))
    with first.session() as session:
        assert {p.name for p in session.scalars(select(Place))} == {"Quito"}
    first.close()
    second.close()


def test_the_heads_read_from_the_migration_files_are_alembics(tmp_path: Path) -> None:
    """Start-up skips Alembic when the registry is at these heads: they must be right."""
    registry = Registry.open(tmp_path / "heads.sqlite")
    assert shipped_heads() == registry.latest_revisions() == registry.schema_revisions()
    registry.close()
