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
from collections.abc import Callable
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


@lru_cache(maxsize=16)
def lemmatiser(language: str) -> tuple[Callable[[str], str], bool]:
    """A cached ``lower-case word → lemma`` function for ``language``, and whether it lemmatises.

    >>> lemma, real = lemmatiser("en")
    >>> lemma("councils"), lemma("was"), real
    ('council', 'be', True)
    """
    if language not in supported_languages():
        return (lambda word: word), False
    from simplemma import Lemmatizer

    engine = Lemmatizer()
    cache: dict[str, str] = {}

    def lemma(word: str) -> str:
        found = cache.get(word)
        if found is None:
            found = engine.lemmatize(word, lang=language).lower()
            cache[word] = found
        return found

    return lemma, True


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
