"""The built-in codebooks: every definition is a quotation found in its paper, in its section."""

from __future__ import annotations

import re

import pytest

from sistercities.errors import InputError
from sistercities.operations import research as ops
from sistercities.registry.store import Registry
from sistercities.research.codebook.builtin_data import CODEBOOKS
from tests.research.workbench.conftest import SEEDS

# 001 marks its sections with bare heading lines; 000 and 004 with Markdown '#'.
HEADINGS_001 = (
    "Abstract",
    "Keywords",
    "Introduction",
    "Conflict Prevention and Resolution",
    "Human Rights Protection",
    "Capacity Building",
    "Climate Action",
    "Conclusion",
    "Notes",
)


def headings(key: str, text: str) -> list[tuple[int, str]]:
    """(position, heading) of every section heading of a seed paper, in order."""
    if key == "001":
        pattern = re.compile(r"^(" + "|".join(map(re.escape, HEADINGS_001)) + r")$", re.MULTILINE)
        return [(m.start(), m.group(1)) for m in pattern.finditer(text)]
    found = re.finditer(r"^#+\s*(.+?)\s*$", text, re.MULTILINE)
    return [(m.start(), m.group(1).strip("* ").replace("<sup>1</sup>", "")) for m in found]


def section_of(key: str, text: str, position: int) -> str:
    before = [name for at, name in headings(key, text) if at <= position]
    return before[-1] if before else ""


@pytest.mark.parametrize("key", sorted(CODEBOOKS))
def test_every_definition_is_quoted_from_its_section(key: str) -> None:
    book = CODEBOOKS[key]
    path = SEEDS / book.seed
    if not path.exists():
        pytest.skip("../shared/seeds is not beside the project")
    text = path.read_text(encoding="utf-8")
    for code in book.codes:
        assert code.definition in text, f"{code.path}: not a quotation of {book.seed}"
        at = text.index(code.definition)
        assert section_of(key, text, at) == code.section, f"{code.path}: not in {code.section!r}"


def test_the_codebooks_hold_what_the_papers_name() -> None:
    def names(key: str, folder: str) -> list[str]:
        return [
            c.path.split("/")[-1]
            for c in CODEBOOKS[key].codes
            if c.path.startswith(folder + "/") and c.path.count("/") == 1
        ]

    assert names("000", "Actors") == ["State actors", "Sub-state actors", "Non-state actors"]
    assert names("000", "Asymmetry factors") == [
        "Decentralization",
        "Interdependence",
        "Paradiplomacy",
    ]
    assert names("004", "Lecours' layers") == [
        "Economic layer",
        "Decentralised cooperation",
        "Political layer",
    ]
    assert names("004", "O'Toole's phases") == [
        "Associative phase",
        "Reciprocal phase",
        "Commercial phase",
    ]
    assert names("004", "Inductive themes") == ["Migration", "Remittances"]
    assert names("001", "Impact areas") == [
        "Conflict prevention and resolution",
        "Human rights protection",
        "Capacity building",
        "Climate action",
    ]
    assert names("001", "Flows") == ["Personnel", "Ideas", "Capital"]


def test_loading_twice_adds_nothing_the_second_time(registry: Registry, project: str) -> None:
    first = ops.load_codebook(registry, project=project, source="builtin:004")
    assert (first["codes"], first["added"]) == (11, 11)
    second = ops.load_codebook(registry, project=project, source="builtin:004")
    assert (second["added"], second["existing"]) == (0, 11)
    tree = ops.list_codes(registry, project=project)
    layers = next(n for n in tree if n["name"] == "Lecours' layers")
    assert layers["codable"] is False
    economic = layers["children"][0]
    assert (
        economic["description"]
        == "an economic layer consisting of foreign investment, tourism and exports"
    )
    assert "section '2 Locating Sister City" in economic["definition_source"]
    assert "tourism" in economic["terms"]


def test_an_unknown_codebook_is_refused(registry: Registry, project: str) -> None:
    with pytest.raises(InputError, match="builtin:000, builtin:001, builtin:004"):
        ops.load_codebook(registry, project=project, source="builtin:999")
    assert ops.list_codes(registry, project=project) == []
