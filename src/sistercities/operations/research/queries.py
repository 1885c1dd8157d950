"""Queries: matrix, co-occurrence, text search, word frequencies, hierarchy chart."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sistercities.registry.store import Registry
from sistercities.research.access import open_project


def _code_ids(
    session: Any, project: Any, codes: list[str] | None, code_set: str | None
) -> list[int] | None:
    from sistercities.research.codebook.service import find_code, set_code_ids

    if not codes and not code_set:
        return None
    ids = [find_code(session, project, c).id for c in codes or []]
    if code_set:
        ids += set_code_ids(session, project, code_set)
    return ids


def matrix(
    registry: Registry,
    *,
    project: str,
    cols: str = "cases",
    aggregate: bool = False,
    codes: list[str] | None = None,
    code_set: str | None = None,
) -> dict[str, Any]:
    """Codes by cases, documents or an attribute's values: references, documents, characters."""
    from sistercities.research.queries.matrix import matrix as run

    with registry.session() as session:
        proj = open_project(session, project)
        return run(
            session,
            proj,
            cols=cols,
            aggregate=aggregate,
            codes=_code_ids(session, proj, codes, code_set),
        )


def cooccurrence(
    registry: Registry,
    *,
    project: str,
    mode: str = "overlap",
    codes: list[str] | None = None,
    code_set: str | None = None,
) -> dict[str, Any]:
    """Pairs of codes found together: overlapping spans, same paragraph or same document."""
    from sistercities.research.queries.cooccurrence import cooccurrence as run

    with registry.session() as session:
        proj = open_project(session, project)
        return run(session, proj, mode=mode, codes=_code_ids(session, proj, codes, code_set))


def text_search(
    registry: Registry,
    *,
    project: str,
    query: str,
    regex: bool = False,
    whole_word: bool = True,
    width: int = 40,
    limit: int | None = None,
    documents: list[str] | None = None,
) -> dict[str, Any]:
    """Every occurrence with keywords in context (positions in code points)."""
    from sistercities.research.corpus.service import find_document
    from sistercities.research.queries.search import text_search as run

    with registry.session() as session:
        proj = open_project(session, project)
        ids = {find_document(session, proj, d).id for d in documents} if documents else None
        return run(
            session,
            proj,
            query,
            regex=regex,
            whole_word=whole_word,
            width=width,
            limit=limit,
            document_ids=ids,
        )


def word_frequencies(
    registry: Registry,
    *,
    project: str,
    top: int = 50,
    min_length: int = 3,
    documents: list[str] | None = None,
    keep_stop_words: bool = False,
) -> dict[str, Any]:
    """The most frequent words, without the stop words of each document's language."""
    from sistercities.research.corpus.service import find_document
    from sistercities.research.queries.search import word_frequencies as run

    with registry.session() as session:
        proj = open_project(session, project)
        ids = {find_document(session, proj, d).id for d in documents} if documents else None
        return run(
            session,
            proj,
            top=top,
            min_length=min_length,
            document_ids=ids,
            keep_stop_words=keep_stop_words,
        )


def hierarchy_chart(
    registry: Registry,
    *,
    project: str,
    output: str | os.PathLike[str],
    depth: int = 2,
    title: str | None = None,
) -> dict[str, Any]:
    """Write the treemap of codes by references to ``output`` (``.png`` or ``.svg``)."""
    from sistercities.research.queries.hierarchy import hierarchy_chart as run
    from sistercities.research.survey.charts import save

    path = Path(output)
    if path.suffix.lower() not in (".png", ".svg"):
        from sistercities.errors import InputError
        from sistercities.messages import Message

        raise InputError(
            Message("the chart is written as .png or .svg, not %(suffix)r",
                    suffix=path.suffix or "no suffix")
        )
    with registry.session() as session:
        figure, data = run(session, open_project(session, project), depth=depth, title=title)
    save(figure, path)
    return data | {"file": str(path)}
