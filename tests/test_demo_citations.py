"""Every citation in the demo registry quotes its paper, and the quote is in the paper.

The check reads the paper text in ``../shared/seeds/`` and normalises both
sides the same, honest way: runs of whitespace (line breaks included) become
one space, and a word hyphenated across a line break is joined. Nothing else:
quotation marks, apostrophes and spelling must be the paper's own. A quote
may leave out text between fragments with `` ... ``; each fragment must then
appear in the paper, in order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sistercities.interchange.demo import demo_data

from .conftest import SHARED

SEEDS = SHARED / "seeds"
KINDS = (
    "places",
    "relationships",
    "actors",
    "relationship_actors",
    "administrations",
    "activities",
    "events",
)


def normalise(text: str) -> str:
    """Join words hyphenated across a line break, then collapse whitespace."""
    text = re.sub(r"(\w)-\n[ \t]*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()


def quoted_in(quote: str, paper: str) -> list[str]:
    """The fragments of ``quote`` not found, in order, in the normalised paper."""
    missing, position = [], 0
    for fragment in (normalise(f) for f in quote.split(" ... ")):
        found = paper.find(fragment, position)
        if found < 0:
            missing.append(fragment)
        else:
            position = found + len(fragment)
    return missing


def _citations() -> list[tuple[str, str, dict[str, str]]]:
    data = demo_data()
    out = []
    for kind in KINDS:
        for item in data[kind]:
            label = str(item.get("key") or item.get("relationship") or item.get("holder"))
            for cite in item.get("cite", []):
                out.append((kind, label, cite))
    return out


@pytest.fixture(scope="module")
def papers() -> dict[str, str]:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not beside the project")
    return {
        s["key"]: normalise((SEEDS / s["file"]).read_text("utf-8"))
        for s in demo_data()["sources"]
    }


def test_every_citation_quotes_a_passage() -> None:
    unquoted = [(k, label, c["locator"]) for k, label, c in _citations() if not c.get("quote")]
    assert unquoted == []


def test_every_quote_is_in_its_paper(papers: dict[str, str]) -> None:
    wrong = [
        (kind, label, missing)
        for kind, label, cite in _citations()
        if (missing := quoted_in(cite["quote"], papers[cite["source"]]))
    ]
    assert wrong == []


def test_a_quote_the_paper_does_not_contain_is_caught(papers: dict[str, str]) -> None:
    # the paper calls Ledesma "the former city council member"; "the current" is not in it
    quito = papers["fortunoff2025"]
    assert quoted_in("the current city council member in Cuenca who led", quito)
    # fragments out of order are caught too
    assert quoted_in("Coral Gables, Florida, in 1975 ... In 1962, Quito signed", quito)
    assert not quoted_in("In 1962, Quito signed ... Coral Gables, Florida, in 1975", quito)


def test_normalising_joins_only_hyphenated_line_breaks() -> None:
    assert normalise("sister-\ncity  agreements\n") == "sistercity agreements"
    assert normalise("sister-city") == "sister-city"
    assert normalise("sister - city") == "sister - city"


def test_the_seeds_are_the_ones_cited() -> None:
    files = {s["file"] for s in demo_data()["sources"]}
    assert files <= {p.name for p in Path(SEEDS).glob("*.txt")} or not SEEDS.exists()
