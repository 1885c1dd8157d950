"""Coding spans by hand: positions in code points, bad spans refused, several codes per span."""

from __future__ import annotations

from pathlib import Path

import pytest

from sistercities.errors import ConflictError, InputError
from sistercities.operations import research as ops
from sistercities.registry.store import Registry
from tests.research.workbench.conftest import write

TEXT = "Ünïcode first: the twinning of Løgstør and Kraków.\n\nSecond paragraph, 🎉 emoji.\n"


@pytest.fixture
def doc(registry: Registry, project: str, tmp_path: Path) -> str:
    result = ops.import_documents(
        registry, project=project, files=[write(tmp_path / "note.txt", TEXT)]
    )
    assert result["rejected"] == []
    return "note.txt"


def test_a_span_in_code_points_quotes_the_text(registry: Registry, project: str, doc: str) -> None:
    ops.add_code(registry, project=project, name="Places")
    start = TEXT.index("Løgstør")
    end = start + len("Løgstør and Kraków")
    coding = ops.code_span(
        registry, project=project, document=doc, start=start, end=end, code="Places"
    )
    assert coding["text"] == "Løgstør and Kraków"
    emoji = TEXT.index("🎉")
    second = ops.code_span(
        registry, project=project, document=doc, start=emoji, end=emoji + 1, code="Places"
    )
    assert second["text"] == "🎉"
    listed = ops.list_codings(registry, project=project)
    assert [(c["start"], c["end"], c["text"], c["coder"]) for c in listed] == [
        (start, end, "Løgstør and Kraków", "tester"),
        (emoji, emoji + 1, "🎉", "tester"),
    ]


def test_several_codes_on_one_span_and_coders(registry: Registry, project: str, doc: str) -> None:
    ops.add_code(registry, project=project, name="A")
    ops.add_code(registry, project=project, name="B")
    for code in ("A", "B"):
        ops.code_span(registry, project=project, document=doc, start=0, end=7, code=code)
    again = ops.code_span(registry, project=project, document=doc, start=0, end=7, code="A")
    assert again["created"] is False
    ops.code_span(registry, project=project, document=doc, start=0, end=7, code="A", coder="ana")
    assert len(ops.list_codings(registry, project=project)) == 3
    assert len(ops.list_codings(registry, project=project, code="A")) == 2
    assert [c["code"] for c in ops.list_codings(registry, project=project, coder="ana")] == ["A"]


def test_children_codes_are_listed_under_their_parent(
    registry: Registry, project: str, doc: str
) -> None:
    ops.add_code(registry, project=project, name="Actors", codable=False)
    ops.add_code(registry, project=project, name="City government", parent="Actors")
    ops.add_code(registry, project=project, name="Civil society", parent="Actors")
    tree = ops.list_codes(registry, project=project)
    assert [(n["name"], n["codable"]) for n in tree] == [("Actors", False)]
    assert [c["path"] for c in tree[0]["children"]] == [
        "Actors/City government",
        "Actors/Civil society",
    ]
    ops.code_span(
        registry, project=project, document=doc, start=0, end=3, code="Actors/Civil society"
    )
    assert [c["code"] for c in ops.list_codings(registry, project=project, code="Actors")] == [
        "Actors/Civil society"
    ]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (10, 5, "end \\(5\\) is before the start \\(10\\)"),
        (0, 10_000, "outside the text"),
        (-1, 4, "outside the text"),
        (4, 4, "empty"),
    ],
)
def test_bad_spans_are_refused_and_nothing_is_stored(
    registry: Registry, project: str, doc: str, start: int, end: int, message: str
) -> None:
    ops.add_code(registry, project=project, name="A")
    with pytest.raises(InputError, match=message):
        ops.code_span(registry, project=project, document=doc, start=start, end=end, code="A")
    assert ops.list_codings(registry, project=project) == []


def test_a_folder_cannot_be_coded(registry: Registry, project: str, doc: str) -> None:
    ops.add_code(registry, project=project, name="Layers", codable=False)
    with pytest.raises(InputError, match="'Layers' is a folder"):
        ops.code_span(registry, project=project, document=doc, start=0, end=5, code="Layers")
    assert ops.list_codings(registry, project=project) == []


def test_a_name_used_twice_under_one_parent_is_refused(registry: Registry, project: str) -> None:
    ops.add_code(registry, project=project, name="Layers", codable=False)
    ops.add_code(registry, project=project, name="Municipal", parent="Layers")
    ops.add_code(registry, project=project, name="Municipal")  # at the top: another parent
    with pytest.raises(ConflictError, match="'Municipal' already exists under 'Layers'"):
        ops.add_code(registry, project=project, name="Municipal", parent="Layers")
    tree = ops.list_codes(registry, project=project)
    assert sorted(n["path"] for n in tree) == ["Layers", "Municipal"]
    assert [c["path"] for c in tree[0]["children"]] == ["Layers/Municipal"]
