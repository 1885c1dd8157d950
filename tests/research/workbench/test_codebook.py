"""Codebook edits: move, rename, merge (codings follow), delete (--force), cycles, sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from sistercities.errors import ConflictError, InputError
from sistercities.operations import research as ops
from sistercities.registry.store import Registry
from tests.research.workbench.conftest import write

TEXT = "Remittances pay for houses. Migrants send money home every month."


@pytest.fixture
def book(registry: Registry, project: str, tmp_path: Path) -> str:
    ops.import_documents(registry, project=project, files=[write(tmp_path / "d.txt", TEXT)])
    ops.add_code(registry, project=project, name="Themes", codable=False)
    ops.add_code(registry, project=project, name="Migration", parent="Themes")
    ops.add_code(registry, project=project, name="Remittances", parent="Themes")
    ops.add_code(registry, project=project, name="Money home", parent="Migration")
    ops.code_span(registry, project=project, document="d.txt", start=0, end=11, code="Remittances")
    ops.code_span(registry, project=project, document="d.txt", start=28, end=64, code="Money home")
    ops.code_span(registry, project=project, document="d.txt", start=0, end=11, code="Money home")
    return project


def paths(registry: Registry, project: str) -> list[str]:
    out: list[str] = []

    def walk(nodes: list[dict]) -> None:  # type: ignore[type-arg]
        for node in nodes:
            out.append(node["path"])
            walk(node["children"])

    walk(ops.list_codes(registry, project=project))
    return out


def test_move_under_another_code_and_back_to_the_top(registry: Registry, book: str) -> None:
    ops.move_code(registry, project=book, code="Money home", parent="Remittances")
    assert "Themes/Remittances/Money home" in paths(registry, book)
    ops.move_code(registry, project=book, code="Money home", parent=None)
    assert "Money home" in paths(registry, book)
    assert {c["code"] for c in ops.list_codings(registry, project=book)} == {
        "Money home",
        "Themes/Remittances",
    }


def test_a_cycle_is_refused_and_the_tree_unchanged(registry: Registry, book: str) -> None:
    before = paths(registry, book)
    with pytest.raises(InputError, match="cycle"):
        ops.move_code(registry, project=book, code="Themes", parent="Money home")
    with pytest.raises(InputError, match="cycle"):
        ops.move_code(registry, project=book, code="Migration", parent="Migration")
    assert paths(registry, book) == before


def test_rename_keeps_codings_and_refuses_a_sibling_name(registry: Registry, book: str) -> None:
    ops.rename_code(registry, project=book, code="Money home", name="Sending money")
    assert [c["code"] for c in ops.list_codings(registry, project=book, code="Sending money")] == [
        "Themes/Migration/Sending money",
        "Themes/Migration/Sending money",
    ]
    with pytest.raises(ConflictError, match="already exists"):
        ops.rename_code(registry, project=book, code="Remittances", name="Migration")


def test_merge_moves_codings_and_drops_exact_duplicates(registry: Registry, book: str) -> None:
    result = ops.merge_codes(registry, project=book, source="Money home", target="Remittances")
    assert (result["codings_moved"], result["duplicates"]) == (1, 1)
    assert "Themes/Migration/Money home" not in paths(registry, book)
    spans = sorted(
        (c["start"], c["end"], c["code"]) for c in ops.list_codings(registry, project=book)
    )
    assert spans == [(0, 11, "Themes/Remittances"), (28, 64, "Themes/Remittances")]


def test_merge_into_a_folder_or_itself_is_refused(registry: Registry, book: str) -> None:
    with pytest.raises(InputError, match="folder"):
        ops.merge_codes(registry, project=book, source="Remittances", target="Themes")
    with pytest.raises(InputError, match="itself"):
        ops.merge_codes(registry, project=book, source="Remittances", target="Remittances")
    assert len(ops.list_codings(registry, project=book)) == 3


def test_delete_needs_force_when_there_are_codings(registry: Registry, book: str) -> None:
    with pytest.raises(InputError, match="2 coding\\(s\\); use --force"):
        ops.delete_code(registry, project=book, code="Migration")
    assert len(ops.list_codings(registry, project=book)) == 3
    result = ops.delete_code(registry, project=book, code="Migration", force=True)
    assert (result["codes"], result["codings"]) == (2, 2)
    assert paths(registry, book) == ["Themes", "Themes/Remittances"]
    ops.add_code(registry, project=book, name="Unused")
    assert ops.delete_code(registry, project=book, code="Unused")["codings"] == 0


def test_sets_group_codes_and_restrict_queries(registry: Registry, book: str) -> None:
    ops.add_to_set(registry, project=book, name="Economy", codes=["Remittances", "Money home"])
    ops.add_to_set(registry, project=book, name="Economy", codes=["Remittances"])
    assert ops.list_sets(registry, project=book) == [
        {"name": "Economy", "codes": ["Themes/Migration/Money home", "Themes/Remittances"]}
    ]
    matrix = ops.matrix(registry, project=book, cols="documents", code_set="Economy")
    assert matrix["rows"] == ["Themes/Migration/Money home", "Themes/Remittances"]
    assert [row[0]["references"] for row in matrix["cells"]] == [2, 1]


def test_colours_terms_and_descriptions(registry: Registry, book: str) -> None:
    made = ops.add_code(
        registry,
        project=book,
        name="Tourism",
        colour="#1F77B4",
        terms=["tourists", " visitors "],
        description="Visits that bring money",
    )
    assert (made["colour"], made["terms"]) == ("#1f77b4", ["tourists", "visitors"])
    with pytest.raises(InputError, match="not a colour"):
        ops.add_code(registry, project=book, name="Bad", colour="blue")
    with pytest.raises(InputError, match="'/'"):
        ops.add_code(registry, project=book, name="a/b")
    updated = ops.update_code(registry, project=book, code="Tourism", codable=False)
    assert updated["codable"] is False
    with pytest.raises(InputError, match="has codings"):
        ops.update_code(registry, project=book, code="Remittances", codable=False)


def test_an_ambiguous_name_asks_for_the_path(registry: Registry, book: str) -> None:
    ops.add_code(registry, project=book, name="Money home", parent="Remittances")
    with pytest.raises(InputError, match="give its path"):
        ops.code_span(registry, project=book, document="d.txt", start=0, end=3, code="Money home")
    ops.code_span(
        registry, project=book, document="d.txt", start=0, end=3, code="Themes/Migration/Money home"
    )
