"""A new version of a document: codings moved by the diff, re-found by their quote, or flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from sistercities.operations import research as ops
from sistercities.registry.store import Registry
from sistercities.research.coding.diffmap import position_map
from tests.research.workbench.conftest import write

OLD = (
    "The mayor of Cuenca met the delegation from Tempe in March.\n\n"
    "They discussed remittances and the artisan market.\n\n"
    "A student exchange was planned for the autumn.\n\n"
    "The mayor of Cuenca thanked the delegation.\n"
)


def code(registry: Registry, project: str, phrase: str, name: str, occurrence: int = 0) -> None:
    text = ops.document_text(registry, project=project, document="i.txt")["text"]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    ops.code_span(
        registry, project=project, document="i.txt", start=start, end=start + len(phrase), code=name
    )


@pytest.fixture
def coded(registry: Registry, project: str, tmp_path: Path) -> str:
    ops.import_documents(registry, project=project, files=[write(tmp_path / "i.txt", OLD)])
    for name in ("Actors", "Economy", "Exchange"):
        ops.add_code(registry, project=project, name=name)
    code(registry, project, "The mayor of Cuenca", "Actors")
    code(registry, project, "remittances", "Economy")
    code(registry, project, "artisan market", "Economy")
    code(registry, project, "A student exchange was planned", "Exchange")
    code(registry, project, "The mayor of Cuenca", "Actors", occurrence=1)
    return project


def spans(registry: Registry, project: str) -> dict[tuple[str, str], tuple[int, int, str, int]]:
    return {
        (c["code"], c["text"]): (c["start"], c["end"], c["anchor"], c["version"])
        for c in ops.list_codings(registry, project=project)
    }


def test_an_insertion_before_moves_every_coding(
    registry: Registry, coded: str, tmp_path: Path
) -> None:
    new = "Notes of 4 March, translated.\n\n" + OLD
    result = ops.edit_document(
        registry, project=coded, document="i.txt", file=write(tmp_path / "v2.txt", new)
    )
    assert (
        result["version"],
        result["codings"],
        result["moved"],
        result["refound"],
        result["flagged"],
    ) == (2, 5, 5, 0, 0)
    for c in ops.list_codings(registry, project=coded):
        assert new[c["start"] : c["end"]] == c["text"]
        assert (c["version"], c["anchor"]) == (2, "moved")


def test_a_rewritten_passage_is_flagged_and_stays_on_the_old_version(
    registry: Registry, coded: str, tmp_path: Path
) -> None:
    new = OLD.replace("A student exchange was planned", "An exchange of pupils was arranged")
    result = ops.edit_document(
        registry, project=coded, document="i.txt", file=write(tmp_path / "v2.txt", new)
    )
    assert (result["moved"], result["refound"], result["flagged"]) == (4, 0, 1)
    flagged = spans(registry, coded)[("Exchange", "A student exchange was planned")]
    assert flagged[2:] == ("review", 1)
    assert OLD[flagged[0] : flagged[1]] == "A student exchange was planned"


def test_moved_paragraphs_are_refound_by_quote_and_context(
    registry: Registry, coded: str, tmp_path: Path
) -> None:
    paragraphs = OLD.strip("\n").split("\n\n")
    new = "\n\n".join([paragraphs[3], paragraphs[1], paragraphs[2], paragraphs[0]]) + "\n"
    result = ops.edit_document(
        registry, project=coded, document="i.txt", file=write(tmp_path / "v2.txt", new)
    )
    assert result["flagged"] == 0
    assert result["moved"] + result["refound"] == 5
    for c in ops.list_codings(registry, project=coded):
        assert new[c["start"] : c["end"]] == c["text"]
    # the two "The mayor of Cuenca" codings each went to the sentence whose context they kept
    mayors = sorted(c["start"] for c in ops.list_codings(registry, project=coded, code="Actors"))
    assert mayors == [
        new.index("The mayor of Cuenca thanked"),
        new.index("The mayor of Cuenca met"),
    ]


def test_the_same_text_again_changes_nothing(
    registry: Registry, coded: str, tmp_path: Path
) -> None:
    result = ops.edit_document(
        registry, project=coded, document="i.txt", file=write(tmp_path / "v2.txt", OLD)
    )
    assert result["unchanged"] is True
    assert ops.list_documents(registry, project=coded)[0]["version"] == 1


def test_a_short_quote_with_no_context_left_is_not_guessed() -> None:
    from sistercities.research.coding.reanchor import place

    old = "the cat sat on the mat"
    new = "completely different words, and the cat elsewhere"
    mapping = position_map(old, new)
    assert place(4, 7, "cat", "the ", " sat on the mat", new, mapping) is None


def test_a_position_map_survives_a_word_changed_inside_a_line() -> None:
    old = "alpha beta gamma delta\nsecond line\n"
    new = "alpha BETA gamma delta\nsecond line\n"
    mapping = position_map(old, new)
    assert mapping.span(old.index("gamma"), old.index("gamma") + 5) == (
        new.index("gamma"),
        new.index("gamma") + 5,
    )
    assert mapping.position(old.index("beta")) is None
