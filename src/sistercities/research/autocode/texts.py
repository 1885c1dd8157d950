"""The plain records automatic coding reads and writes: texts in, suggestions out."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Text:
    """One document version to code: its key, text, language (ISO 639-1) and paragraphs."""

    document: Hashable
    text: str
    language: str | None = None
    paragraphs: Sequence[Sequence[int]] | None = None


@dataclass(frozen=True)
class Suggestion:
    """A suggested code on ``[start, end)`` of a document, with the reason for it.

    ``score`` is the classifier's probability for coding by examples, ``None``
    for coding by terms (a term is found or not); ``reason`` says which terms
    were found, or which method scored it. ``judged`` is true for a
    suggestion on a unit the run's evaluation judged against human coding
    (a human-coded document the method did not learn from): the run's
    precision, recall and F1 can be recomputed from exactly these.
    """

    document: Hashable
    code: Hashable
    start: int
    end: int
    score: float | None
    reason: str
    judged: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "reason": self.reason,
            "judged": self.judged,
        }
