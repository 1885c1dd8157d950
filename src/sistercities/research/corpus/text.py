"""What every reader returns: a text with its paragraphs (and pages), built one piece at a time.

Positions are Unicode code points (Python ``str`` indices), end exclusive.
Structured formats (DOCX, ODT, HTML, Markdown, RTF, PDF) put one paragraph
per line (joined by ``\\n``); plain text is kept as it is, with newlines
normalised to ``\\n``, and its paragraphs are the blocks between blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sistercities.errors import InputError
from sistercities.messages import Message

_BLOCKS = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")


@dataclass
class ReadText:
    """A document's text as read from a file."""

    text: str
    format: str
    paragraphs: list[list[int]]
    pages: list[list[int]] = field(default_factory=list)


class TextBuilder:
    """Joins paragraphs with ``\\n``, remembering where each one (and each page) lies."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.paragraphs: list[list[int]] = []
        self.pages: list[list[int]] = []
        self._page_start: int | None = None

    def paragraph(self, text: str) -> None:
        """Add one paragraph (empty ones are skipped: they would be empty spans)."""
        text = text.strip()
        if not text:
            return
        if self._parts:
            self._parts.append("\n")
            self._length += 1
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self.paragraphs.append([start, self._length])

    def start_page(self) -> None:
        """Begin a page: the paragraphs added until :meth:`end_page` lie on it."""
        self._page_start = self._length + (1 if self._parts else 0)

    def end_page(self) -> None:
        start = self._page_start if self._page_start is not None else self._length
        self.pages.append([min(start, self._length), self._length])
        self._page_start = None

    def build(self, fmt: str) -> ReadText:
        return ReadText("".join(self._parts), fmt, self.paragraphs, self.pages)


def plain(text: str, fmt: str = "text") -> ReadText:
    """A plain text kept as it is (newlines normalised); paragraphs between blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [[m.start(), m.end()] for m in _BLOCKS.finditer(text)]
    return ReadText(text, fmt, paragraphs)


def require_text(read: ReadText, reason: Message) -> ReadText:
    """Refuse a file that yielded no text at all, with ``reason``."""
    if not read.text.strip():
        raise InputError(reason)
    return read
