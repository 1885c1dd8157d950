"""The three seed papers as documents, the built-in codebooks, passages coded by hand.

Every figure asserted here can be checked by a reader of the papers: the
length of a section, how often a name occurs, which definitions stand in one
paragraph.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from sistercities.operations import research as ops
from sistercities.registry.store import Registry
from tests.research.workbench.test_builtin import HEADINGS_001

P000, P001, P004 = (
    "000_010cd8afb6b87e33.txt",
    "001_6574a81a7f3dd443.txt",
    "004_e3451a6d175650e6.txt",
)
IMPACTS = HEADINGS_001[3:7]


@pytest.fixture
def papers(registry: Registry, project: str, seeds: dict[str, Path]) -> dict[str, str]:
    result = ops.import_documents(registry, project=project, files=list(seeds.values()))
    assert result["rejected"] == []
    for key in ("000", "001", "004"):
        ops.load_codebook(registry, project=project, source=f"builtin:{key}")
    for key, path in seeds.items():
        ops.add_case(registry, project=project, name=f"paper {key}", documents=[path.name])
    return {path.name: path.read_text(encoding="utf-8") for path in seeds.values()}


def code_text(
    registry: Registry, project: str, document: str, text: str, phrase: str, code: str
) -> int:
    start = text.index(phrase)
    ops.code_span(
        registry,
        project=project,
        document=document,
        start=start,
        end=start + len(phrase),
        code=code,
    )
    return start


def section_bodies(text: str) -> dict[str, str]:
    """001's impact sections: the text from each heading line to the next heading."""
    found = list(
        re.finditer(r"^(" + "|".join(map(re.escape, HEADINGS_001)) + r")$", text, re.MULTILINE)
    )
    return {
        m.group(1): text[m.end() : nxt.start()].strip("\n")
        for m, nxt in itertools.pairwise(found)
        if m.group(1) in IMPACTS
    }


def test_each_impact_section_coded_fills_the_matrix(
    registry: Registry, project: str, papers: dict[str, str]
) -> None:
    bodies = section_bodies(papers[P001])
    assert list(bodies) == list(IMPACTS)
    for heading, body in bodies.items():
        code_text(
            registry, project, P001, papers[P001], body, heading.capitalize().replace("And", "and")
        )
    codes = [f"Impact areas/{h[0]}{h[1:].lower()}" for h in IMPACTS]
    result = ops.matrix(registry, project=project, cols="cases", codes=codes)
    assert result["columns"] == ["paper 000", "paper 001", "paper 004"]
    for code, row in zip(codes, result["cells"], strict=True):
        body = bodies[next(h for h in IMPACTS if code.endswith(h[1:].lower()))]
        assert row[1] == {"references": 1, "documents": 1, "characters": len(body)}
        assert row[0]["references"] == row[2]["references"] == 0
    folder = ops.matrix(
        registry, project=project, cols="documents", aggregate=True, codes=["Impact areas"]
    )
    assert folder["cells"][0][folder["columns"].index(P001)]["references"] == 4


def test_the_three_layers_stand_in_one_paragraph_of_004(
    registry: Registry, project: str, papers: dict[str, str]
) -> None:
    text = papers[P004]
    for code in ("Economic layer", "Decentralised cooperation", "Political layer"):
        definition = next(
            c["description"]
            for c in ops.list_codes(registry, project=project)[-3]["children"]
            if c["name"] == code
        )
        code_text(registry, project, P004, text, definition, code)
    paragraph = ops.cooccurrence(registry, project=project, mode="paragraph")
    pairs = {(p["a"], p["b"]): p["count"] for p in paragraph["pairs"]}
    layers = [
        "Lecours' layers/Economic layer",
        "Lecours' layers/Decentralised cooperation",
        "Lecours' layers/Political layer",
    ]
    for i, a in enumerate(layers):
        for b in layers[i + 1 :]:
            assert pairs.get((a, b), pairs.get((b, a))) == 1
    assert ops.cooccurrence(registry, project=project, mode="overlap")["pairs"] == []
    same_doc = ops.cooccurrence(registry, project=project, mode="document")
    assert len(same_doc["pairs"]) == 3 and {p["count"] for p in same_doc["pairs"]} == {1}


def test_one_sentence_coded_twice_is_one_overlap(
    registry: Registry, project: str, papers: dict[str, str]
) -> None:
    text = papers[P004]
    sentence = "a 'commercial phase' that prioritises greater investment and tourism"
    code_text(registry, project, P004, text, sentence, "Commercial phase")
    code_text(registry, project, P004, text, "greater investment and tourism", "Economic layer")
    overlap = ops.cooccurrence(registry, project=project, mode="overlap")
    assert overlap["pairs"] == [
        {
            "a": "Lecours' layers/Economic layer",
            "b": "O'Toole's phases/Commercial phase",
            "count": 1,
        }
    ]


def test_text_search_counts_what_a_reader_counts(
    registry: Registry, project: str, papers: dict[str, str]
) -> None:
    found = ops.text_search(registry, project=project, query="Lecours", width=20)
    # case is ignored: 001 cites him as "LeCours (2002)", 004 as "Lecours"
    assert found["hits"] == sum(t.lower().count("lecours") for t in papers.values())
    assert found["documents"] == 2
    for hit in found["results"]:
        assert papers[hit["document"]][hit["start"] : hit["end"]].lower() == "lecours"
    scopus = ops.text_search(registry, project=project, query="175 SCOPUS articles")
    assert (scopus["hits"], scopus["results"][0]["document"]) == (1, P000)


def test_word_frequencies_leave_out_english_stop_words(
    registry: Registry, project: str, papers: dict[str, str]
) -> None:
    result = ops.word_frequencies(registry, project=project, top=200)
    words = {w["word"]: w for w in result["words"]}
    assert "the" not in words and "and" not in words
    assert result["languages"] == {"en": 3}
    sister = sum(
        len(re.findall(r"(?<![^\W\d_])sister(?![^\W\d_])", t, re.IGNORECASE))
        for t in papers.values()
    )
    assert words["sister"]["count"] == sister
    assert words["sister"]["documents"] == 3


def test_the_hierarchy_chart_as_png_and_svg(
    registry: Registry, project: str, papers: dict[str, str], tmp_path: Path
) -> None:
    bodies = section_bodies(papers[P001])
    code_text(registry, project, P001, papers[P001], bodies["Climate Action"], "Climate action")
    code_text(
        registry, project, P001, papers[P001], bodies["Capacity Building"], "Capacity building"
    )
    code_text(registry, project, P004, papers[P004], "remittances sent by migrants", "Remittances")
    png = ops.hierarchy_chart(registry, project=project, output=tmp_path / "codes.png")
    assert (tmp_path / "codes.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    totals = {c["path"]: c["total"] for c in png["codes"]}
    assert totals == {
        "Impact areas": 2,
        "Impact areas/Capacity building": 1,
        "Impact areas/Climate action": 1,
        "Inductive themes": 1,
        "Inductive themes/Remittances": 1,
    }
    ops.hierarchy_chart(registry, project=project, output=tmp_path / "codes.svg")
    svg = (tmp_path / "codes.svg").read_text(encoding="utf-8")
    assert "Impact areas (2)" in svg and "Remittances (1)" in svg
