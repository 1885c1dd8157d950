"""Words of a text with their spans and lemmas, in the document's language.

Words are runs of letters and digits (``\\w+``, with inner apostrophes);
a hyphen or a slash separates words, so ``sub-state`` is the two words
``sub`` ``state``, in a text as in a term. Each word gets its lower-cased
form and its lemma from simplemma (MIT licence; dictionaries for 50-odd
languages shipped in the package, nothing downloaded), in the language of
its document. A language simplemma does not know gets no lemmas: words then
match by their lower-cased form only, and :func:`lemmatiser` says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

DEFAULT_LANGUAGE = "en"
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True, slots=True)
class Word:
    """One word: its span, lower-cased form and lemma."""

    start: int
    end: int
    lower: str
    lemma: str


def supported_languages() -> frozenset[str]:
    """The ISO 639-1 (and a few 639-3) codes simplemma has a dictionary for."""
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    return frozenset(SUPPORTED_LANGUAGES)


class _LemmaTable(dict[str, str]):
    """Lower-case word → lemma, looked up in simplemma on a miss and kept."""

    def __init__(self, language: str) -> None:
        super().__init__()
        from simplemma import Lemmatizer

        self.language = language
        self.engine = Lemmatizer()

    def __missing__(self, word: str) -> str:
        found: str = self.engine.lemmatize(word, lang=self.language).lower()
        self[word] = found
        return found


@lru_cache(maxsize=16)
def _table(language: str) -> _LemmaTable | None:
    return _LemmaTable(language) if language in supported_languages() else None


@lru_cache(maxsize=16)
def lemmatiser(language: str) -> tuple[Callable[[str], str], bool]:
    """A cached ``lower-case word → lemma`` function for ``language``, and whether it lemmatises.

    >>> lemma, real = lemmatiser("en")
    >>> lemma("councils"), lemma("was"), real
    ('council', 'be', True)
    """
    table = _table(language)
    if table is None:
        return (lambda word: word), False
    return table.__getitem__, True


def span_lemmas(
    text: str, spans: Sequence[tuple[int, int]], language: str | None
) -> list[list[str]]:
    """The lemmas of the words of each ``[start, end)`` span of ``text``, in order.

    The same words and lemmas as :func:`words`, without their spans, for
    many units at once (coding by examples reads every word of the corpus):
    the text is lower-cased once and each word looked up in a table.

    >>> span_lemmas("Sister cities signed. Councils met.", [(0, 21), (22, 35)], "en")
    [['sister', 'city', 'sign'], ['council', 'meet']]
    """
    lemma, _real = lemmatiser(language or DEFAULT_LANGUAGE)
    lower = text.lower()
    if len(lower) != len(text):  # a letter whose lower case is longer: spans would shift
        return [[w.lemma for w in words(text, language, a, b)] for a, b in spans]
    find = _WORD.findall
    return [list(map(lemma, find(lower, a, b))) for a, b in spans]


def words(text: str, language: str | None, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` with absolute spans.

    >>> [(w.lower, w.lemma) for w in words("Sister cities signed", "en")]
    [('sister', 'sister'), ('cities', 'city'), ('signed', 'sign')]
    """
    lemma, _real = lemmatiser(language or DEFAULT_LANGUAGE)
    stop = len(text) if end is None else end
    return [
        Word(m.start(), m.end(), lower, lemma(lower))
        for m in _WORD.finditer(text, start, stop)
        for lower in (m.group().lower(),)
    ]
