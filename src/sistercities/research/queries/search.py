"""Text search with keywords in context (KWIC), and word frequencies.

Search: every occurrence of the words (or, with ``regex``, of a regular
expression) in the current version of each document, with ``width``
characters of context on each side. Words match case-insensitively and, by
default, as whole words (``whole_word=False`` finds them inside words too).
Positions are code points, so a hit can be coded as it is.

Word frequencies: words (letters, with inner apostrophes; lower-cased) of
the current versions, less the stop words of each document's language
(detected at import, :mod:`sistercities.research.corpus.language`) and words
shorter than ``min_length``. ``count`` is the number of occurrences,
``documents`` the number of documents a word is in.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.research.corpus.language import stop_words, words
from sistercities.research.corpus.models import Document, DocumentVersion
from sistercities.research.projects import ResearchProject


def _current_texts(
    session: Session, project: ResearchProject, document_ids: set[int] | None = None
) -> list[tuple[int, str, str | None, str]]:
    query = (
        select(Document.id, Document.name, Document.language, DocumentVersion.text)
        .join(
            DocumentVersion,
            (DocumentVersion.document_id == Document.id)
            & (DocumentVersion.number == Document.current_version),
        )
        .where(Document.project_id == project.id)
        .order_by(Document.name)
    )
    if document_ids is not None:
        query = query.where(Document.id.in_(document_ids))
    return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def pattern(query: str, *, regex: bool = False, whole_word: bool = True) -> re.Pattern[str]:
    """The compiled search pattern (a bad regular expression is a clear error)."""
    if not query.strip():
        raise InputError(Message("the search text is empty"), field="query")
    if regex:
        try:
            return re.compile(query, re.IGNORECASE)
        except re.error as exc:
            raise InputError(
                Message("not a regular expression: %(why)s", why=str(exc)), field="query"
            ) from None
    body = r"\s+".join(re.escape(part) for part in query.split())
    if whole_word:
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body, re.IGNORECASE)


def text_search(
    session: Session,
    project: ResearchProject,
    query: str,
    *,
    regex: bool = False,
    whole_word: bool = True,
    width: int = 40,
    limit: int | None = None,
    document_ids: set[int] | None = None,
) -> dict[str, Any]:
    """Every hit with its context: ``{"query", "hits", "documents", "results": [...]}``."""
    compiled = pattern(query, regex=regex, whole_word=whole_word)
    results: list[dict[str, Any]] = []
    total = 0
    in_docs = 0
    for _doc_id, name, _language, text in _current_texts(session, project, document_ids):
        found = False
        for match in compiled.finditer(text):
            if match.end() == match.start():
                continue
            total += 1
            found = True
            if limit is None or len(results) < limit:
                start, end = match.span()
                results.append(
                    {
                        "document": name,
                        "start": start,
                        "end": end,
                        "left": _flat(text[max(0, start - width) : start]),
                        "match": match.group(0),
                        "right": _flat(text[end : end + width]),
                    }
                )
        in_docs += found
    return {"query": query, "hits": total, "documents": in_docs, "results": results}


def _flat(text: str) -> str:
    return text.replace("\n", " ").replace("\t", " ")


def word_frequencies(
    session: Session,
    project: ResearchProject,
    *,
    top: int = 50,
    min_length: int = 3,
    document_ids: set[int] | None = None,
    keep_stop_words: bool = False,
) -> dict[str, Any]:
    """The most frequent words, stop words of each document's language left out."""
    counts: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    removed = 0
    languages: Counter[str] = Counter()
    for _doc_id, _name, language, text in _current_texts(session, project, document_ids):
        stops = frozenset() if keep_stop_words else stop_words(language)
        languages[language or "unknown"] += 1
        mine = Counter(w for w in words(text) if len(w) >= min_length)
        for word in [w for w in mine if w in stops]:
            removed += mine.pop(word)
        counts.update(mine)
        spread.update(mine.keys())
    return {
        "words": [
            {"word": w, "count": n, "documents": spread[w]} for w, n in counts.most_common(top)
        ],
        "distinct": len(counts),
        "total": sum(counts.values()),
        "stop_words_removed": removed,
        "languages": dict(languages),
    }
