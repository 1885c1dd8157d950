"""The units automatic coding codes: paragraphs and sentences, as code-point spans.

A unit is a ``[start, end)`` span of one document's text (Python ``str``
indices, exclusive end), trimmed of surrounding white space, so a suggestion
points at exactly the words it is about.

Paragraphs are the document's own (the reader's paragraph spans, a DOCX
paragraph, a block between blank lines) when they are given; otherwise the
blocks between blank lines, or the lines when the text has no blank line.

Sentences never cross a paragraph. A sentence ends at ``.``, ``!``, ``?``
or ``…`` (with any closing quotes or brackets) followed by white space and a
capital letter, a digit or an opening quote; it does not end after a known
abbreviation (``e.g.``, ``Dr.``, ``et al.``) or a single capital initial
(``J. Smith``). This is the rule a reader applies, not a trained model, and
it may keep two sentences together after an unknown abbreviation; a unit
that is too long is only a coarser suggestion, never a lost one.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

UnitKind = Literal["sentence", "paragraph"]

ABBREVIATIONS = frozenset(
    {
        "al", "art", "cf", "co", "corp", "dr", "e.g", "eg", "etc", "fig", "i.e", "ie", "inc",
        "jr", "ltd", "mr", "mrs", "ms", "no", "nos", "p", "pp", "prof", "sr", "st", "u.s",
        "vol", "vs", "sra", "ud", "uds", "dña", "avda", "núm", "pág", "z.b", "bzw",
    }
)  # fmt: skip
_END = re.compile(r"[.!?…]+[\"'»”’)\]]*\s+")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"\n\s*")
_LAST_WORD = re.compile(r"([\w.]+)[.!?…]*[\"'»”’)\]]*\s*$")


@dataclass(frozen=True)
class Unit:
    """One unit of a document: ``document`` key, ``index`` in reading order, span."""

    document: Hashable
    index: int
    start: int
    end: int

    def text(self, document_text: str) -> str:
        return document_text[self.start : self.end]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _split(
    text: str, start: int, end: int, separator: re.Pattern[str]
) -> Iterator[tuple[int, int]]:
    at = start
    for match in separator.finditer(text, start, end):
        span = _trimmed(text, at, match.start())
        if span:
            yield span
        at = match.end()
    span = _trimmed(text, at, end)
    if span:
        yield span


def paragraph_spans(
    text: str, paragraphs: Sequence[Sequence[int]] | None = None
) -> list[tuple[int, int]]:
    """The paragraphs of ``text``: the given spans (trimmed), else blocks or lines.

    >>> paragraph_spans("One.\\n\\nTwo.  \\n")
    [(0, 4), (6, 10)]
    """
    if paragraphs:
        spans = (_trimmed(text, int(p[0]), int(p[1])) for p in paragraphs)
        return [s for s in spans if s]
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE
    return list(_split(text, 0, len(text), separator))


def _ends_sentence(text: str, start: int, match: re.Match[str]) -> bool:
    following = text[match.end() : match.end() + 2]
    if not following:
        return False
    first = following[0]
    if first in "\"'«“‘([¿¡":
        first = following[1:2] or first
    if not (first.isupper() or first.isdigit()):
        return False
    if text[match.start()] != ".":
        return True
    word = _LAST_WORD.search(text, max(start, match.start() - 40), match.start() + 1)
    if word is None:
        return True
    token = word.group(1).rstrip(".").lower()
    single_initial = len(token) == 1 and token.isalpha()
    return token not in ABBREVIATIONS and not single_initial


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` (one paragraph), as absolute spans.

    >>> t = "Dr. Ruiz came in 2019. The council agreed! Then J. Smith left."
    >>> [t[a:b] for a, b in sentence_spans(t, 0, len(t))]
    ['Dr. Ruiz came in 2019.', 'The council agreed!', 'Then J. Smith left.']
    """
    spans: list[tuple[int, int]] = []
    at = start
    for match in _END.finditer(text, start, end):
        if not _ends_sentence(text, at, match):
            continue
        span = _trimmed(text, at, match.end())
        if span:
            spans.append(span)
        at = match.end()
    span = _trimmed(text, at, end)
    if span:
        spans.append(span)
    return spans


def split_units(
    document: Hashable,
    text: str,
    kind: UnitKind = "sentence",
    paragraphs: Sequence[Sequence[int]] | None = None,
) -> list[Unit]:
    """The units of one document, in reading order.

    >>> text = "We met. They came.\\n\\nIt ended."
    >>> [u.text(text) for u in split_units(7, text)]
    ['We met.', 'They came.', 'It ended.']
    """
    blocks = paragraph_spans(text, paragraphs)
    if kind == "paragraph":
        spans = blocks
    elif kind == "sentence":
        spans = [s for a, b in blocks for s in sentence_spans(text, a, b)]
    else:
        raise ValueError(f"unknown unit {kind!r}: sentence or paragraph")
    return [Unit(document, i, a, b) for i, (a, b) in enumerate(spans)]
