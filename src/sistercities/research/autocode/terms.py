"""Coding by indicative terms: a unit gets a code when it contains one of the code's terms.

A term is one word or a phrase of words (``"sister city"``, ``"sub-state
actor"``). Matching is by **whole words** and **lemma-aware**, in the
document's language: a text word matches a term word when their lemmas are
equal or their lower-cased forms are (``cities`` matches ``city``,
``signed`` matches ``sign``; ``city`` never matches inside ``citizen``). A
term word ending in ``*`` matches every word that begins with what precedes
the star (``decentrali*``: decentralised, decentralization). A phrase
matches its words in order with nothing between them, inside one unit.

The terms are lemmatised in the language of each document they are matched
against, so one English codebook finds English words; terms in another
language belong in the codebook in that language.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sistercities.research.autocode.texts import Suggestion, Text
from sistercities.research.autocode.units import Unit, UnitKind, split_units
from sistercities.research.autocode.words import DEFAULT_LANGUAGE, Word, words


@dataclass(frozen=True)
class TermWord:
    """One word of a term: its lower-cased form and lemma, or a prefix (``word*``)."""

    lower: str
    lemma: str
    prefix: bool

    def matches(self, word: Word) -> bool:
        if self.prefix:
            return word.lower.startswith(self.lower)
        return word.lemma == self.lemma or word.lower == self.lower or word.lemma == self.lower


@dataclass(frozen=True)
class Term:
    """A term of a code, parsed into words."""

    code: Hashable
    text: str
    words: tuple[TermWord, ...]


def parse_term(code: Hashable, text: str, language: str) -> Term | None:
    """Parse one term in ``language``; ``None`` for a term with no word in it.

    >>> [w.lemma for w in parse_term("c", "Sister Cities", "en").words]
    ['sister', 'city']
    """
    parts: list[TermWord] = []
    stripped = text.strip()
    found = words(stripped, language)
    for i, word in enumerate(found):
        star = word.end < len(stripped) and stripped[word.end] == "*"
        last_star = i == len(found) - 1 and stripped.endswith("*")
        prefix = star or last_star
        parts.append(TermWord(word.lower, word.lower if prefix else word.lemma, prefix))
    return Term(code, stripped, tuple(parts)) if parts else None


@dataclass
class TermIndex:
    """Terms of one language, indexed by their first word for a single pass over a text."""

    by_first: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    prefixed: list[Term] = field(default_factory=list)

    @classmethod
    def build(cls, terms: Mapping[Hashable, Sequence[str]], language: str) -> TermIndex:
        index = cls()
        for code, texts in terms.items():
            for text in texts:
                term = parse_term(code, text, language)
                if term is None:
                    continue
                first = term.words[0]
                if first.prefix:
                    index.prefixed.append(term)
                else:
                    for key in {first.lemma, first.lower}:
                        index.by_first[key].append(term)
        return index

    def candidates(self, word: Word) -> Iterable[Term]:
        if (
            not self.prefixed
            and word.lemma not in self.by_first
            and word.lower not in self.by_first
        ):
            return
        seen: set[int] = set()
        for key in (word.lemma, word.lower):
            for term in self.by_first.get(key, ()):
                if id(term) not in seen:
                    seen.add(id(term))
                    yield term
        for term in self.prefixed:
            if term.words[0].matches(word):
                yield term


def _matches_at(term: Term, text_words: Sequence[Word], i: int) -> bool:
    if i + len(term.words) > len(text_words):
        return False
    return all(tw.matches(text_words[i + k]) for k, tw in enumerate(term.words))


def match_units(
    text: Text, units: Sequence[Unit], index: TermIndex
) -> dict[int, dict[Hashable, list[str]]]:
    """For each unit index: the codes whose terms it contains, with the terms found."""
    starts = [u.start for u in units]
    text_words = words(text.text, text.language)
    found: dict[int, dict[Hashable, list[str]]] = defaultdict(lambda: defaultdict(list))
    for i, word in enumerate(text_words):
        for term in index.candidates(word):
            if not _matches_at(term, text_words, i):
                continue
            at = bisect.bisect_right(starts, word.start) - 1
            last = text_words[i + len(term.words) - 1]
            if at < 0 or last.end > units[at].end:
                continue
            terms_found = found[units[at].index][term.code]
            if term.text not in terms_found:
                terms_found.append(term.text)
    return found


def code_by_terms(
    texts: Iterable[Text],
    terms: Mapping[Hashable, Sequence[str]],
    unit: UnitKind = "sentence",
) -> tuple[list[Suggestion], dict[Hashable, list[Unit]]]:
    """Suggestions for every unit of ``texts`` that contains a term of a code.

    Returns the suggestions and the units of each document (for evaluation).

    >>> text = Text(1, "Paradiplomacy grew. Rain fell.", "en")
    >>> suggestions, _ = code_by_terms([text], {"para": ["paradiplomac*"]})
    >>> [(s.code, s.start, s.end, s.reason) for s in suggestions]
    [('para', 0, 19, 'terms: paradiplomac*')]
    """
    indexes: dict[str, TermIndex] = {}
    suggestions: list[Suggestion] = []
    all_units: dict[Hashable, list[Unit]] = {}
    for text in texts:
        language = text.language or DEFAULT_LANGUAGE
        if language not in indexes:
            indexes[language] = TermIndex.build(terms, language)
        units = split_units(text.document, text.text, unit, text.paragraphs)
        all_units[text.document] = units
        matched = match_units(text, units, indexes[language])
        for u in units:
            for code, found in matched.get(u.index, {}).items():
                reason = "terms: " + ", ".join(found)
                suggestions.append(Suggestion(text.document, code, u.start, u.end, None, reason))
    return suggestions, all_units
