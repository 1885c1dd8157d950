"""Units with exact spans, and coding by indicative terms: whole words, lemmas, the language."""

from __future__ import annotations

import doctest

import pytest

from sistercities.research.autocode import terms, units, words
from sistercities.research.autocode.terms import code_by_terms
from sistercities.research.autocode.texts import Text
from sistercities.research.autocode.units import paragraph_spans, split_units
from tests.conftest import SHARED

SEED_000 = next((SHARED / "seeds").glob("000_*.txt"))


def test_units_point_at_their_text_exactly_and_never_cross_a_paragraph() -> None:
    text = SEED_000.read_text(encoding="utf-8")
    paragraphs = paragraph_spans(text)
    sentences = split_units("000", text, "sentence")
    assert len(sentences) > len(paragraphs) > 10
    for u in sentences:
        piece = u.text(text)
        assert piece == piece.strip() and piece
        assert any(a <= u.start and u.end <= b for a, b in paragraphs)
    assert [u.index for u in sentences] == list(range(len(sentences)))
    # every word of the paper is in exactly one sentence
    inside = sum(len(u.text(text).split()) for u in sentences)
    assert inside == len(text.split())


def test_sentences_end_where_a_reader_ends_them() -> None:
    text = (
        "Sister cities, e.g. Cuenca and Peekskill, grew. Prof. Ruiz (2019) agreed.\n"
        "“Why?” asked J. Smith. 92 % did not know!"
    )
    found = [u.text(text) for u in split_units("d", text)]
    assert found == [
        "Sister cities, e.g. Cuenca and Peekskill, grew.",
        "Prof. Ruiz (2019) agreed.",
        "“Why?” asked J. Smith.",
        "92 % did not know!",
    ]


def test_given_paragraph_spans_are_the_paragraphs() -> None:
    text = "  First part. Second.   Third part."
    found = split_units("d", text, "paragraph", paragraphs=[[0, 21], [21, 35]])
    assert [u.text(text) for u in found] == ["First part. Second.", "Third part."]
    with pytest.raises(ValueError, match="sentence or paragraph"):
        split_units("d", text, "page")  # type: ignore[arg-type]


def _codes(text: str, codebook: dict[str, list[str]], language: str | None = "en") -> list[str]:
    suggestions, _ = code_by_terms([Text("d", text, language)], codebook)
    return sorted({s.code for s in suggestions})


def test_terms_match_lemmas_and_whole_words_only() -> None:
    codebook = {"city": ["city"], "sign": ["sign"]}
    assert _codes("Three cities signed.", codebook) == ["city", "sign"]
    assert _codes("The citizens voted; a signal.", codebook) == []


def test_phrases_match_in_order_inside_one_unit() -> None:
    codebook = {"substate": ["sub-state actor"]}
    assert _codes("Sub-state actors act.", codebook) == ["substate"]
    assert _codes("Actors of the sub state act.", codebook) == []
    assert _codes("It was a sub-state. Actors came.", codebook) == []


def test_a_star_matches_words_that_begin_so() -> None:
    codebook = {"decentralisation": ["decentrali*"]}
    assert _codes("Decentralized states and decentralisation.", codebook) == ["decentralisation"]
    assert _codes("Central states.", codebook) == []


def test_the_documents_language_is_used() -> None:
    codebook = {"ciudad": ["ciudad hermana"]}
    assert _codes("Las ciudades hermanas firmaron.", codebook, "es") == ["ciudad"]
    # a language without a dictionary still matches the words as written
    assert _codes("ciudad hermana", codebook, "xx") == ["ciudad"]
    assert _codes("ciudades hermanas", codebook, "xx") == []


def test_suggestions_carry_the_unit_span_and_the_terms_found() -> None:
    text = "Rain fell. Paradiplomacy and diaspora ties grew."
    suggestions, found_units = code_by_terms(
        [Text(3, text, "en")], {"actors": ["diaspora", "paradiplomacy"]}
    )
    (only,) = suggestions
    assert text[only.start : only.end] == "Paradiplomacy and diaspora ties grew."
    assert only.reason == "terms: paradiplomacy, diaspora" and only.score is None
    assert len(found_units[3]) == 2


def test_the_doctests_hold() -> None:
    for module in (terms, units, words):
        assert doctest.testmod(module).failed == 0
