"""A document's language, told by its stop words; and the stop words of a language.

The stop-word lists are those shipped by the ``stop-words`` package (BSD).
The language of a text is the one whose stop words make up the largest share
of its first :data:`SAMPLE` words, if that share is at least
:data:`MIN_SHARE` (ordinary prose in any listed language is 30-50 % stop
words; a list of names or numbers is not, and gets no language).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

SAMPLE = 5000
MIN_SHARE = 0.15
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """The words of a text, lower-cased (letters, with inner apostrophes)."""
    return [m.group(0).lower() for m in WORD.finditer(text)]


@cache
def _languages() -> dict[str, frozenset[str]]:
    from stop_words import AVAILABLE_LANGUAGES, LANGUAGE_MAPPING, get_stop_words

    codes = {v: k for k, v in LANGUAGE_MAPPING.items()}
    out: dict[str, frozenset[str]] = {}
    for name in AVAILABLE_LANGUAGES:
        code = codes.get(name, name)
        out[code] = frozenset(w.lower() for w in get_stop_words(name))
    return out


def stop_words(language: str | None) -> frozenset[str]:
    """The stop words of an ISO 639-1 language (empty when none is known)."""
    if not language:
        return frozenset()
    return _languages().get(language.lower(), frozenset())


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or ``None`` (see the module docstring)."""
    sample = Counter(words(text[: SAMPLE * 12])[:SAMPLE])
    total = sum(sample.values())
    if total == 0:
        return None
    best, share = None, 0.0
    for code, stops in _languages().items():
        hits = sum(n for w, n in sample.items() if w in stops)
        if hits / total > share:
            best, share = code, hits / total
    return best if share >= MIN_SHARE else None
