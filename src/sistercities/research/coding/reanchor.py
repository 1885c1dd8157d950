"""Store a new version of a document and carry every coding over to it.

For each coding of the document's current version, in this order:

1. **moved**: the diff of the two texts (:mod:`.diffmap`) maps its first and
   last characters, and the new text between them is exactly its quote;
2. **re-found**: otherwise its quote is searched in the new text; among the
   places it occurs, the one whose surroundings best match the stored
   context (characters of ``before`` and ``after`` that agree), then the one
   nearest where the diff expected it, wins — provided it is not a guess: at
   least :data:`MIN_CONTEXT` characters of context agree (fewer if the
   coding had less context, at the start of a text), or the quote is long
   (:data:`LONG_QUOTE` characters) and occurs once;
3. **flagged**: otherwise (the coded text itself was changed or deleted) the
   coding is left as it was, on the old version, with ``anchor = "review"``,
   for a person to place or remove. Nothing is moved or dropped silently.

Codings already flagged on an older version stay flagged. Storing a text
identical to the current version changes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from sistercities.registry import audit
from sistercities.research.access import open_project
from sistercities.research.coding.diffmap import PositionMap, position_map
from sistercities.research.coding.models import CONTEXT, Coding
from sistercities.research.coding.service import anchor_fields
from sistercities.research.corpus.readers import read_document
from sistercities.research.corpus.service import (
    current_version,
    find_document,
    insert_version,
    sha256,
)
from sistercities.research.corpus.text import ReadText

MIN_CONTEXT = 12
LONG_QUOTE = 40


def edit_document(
    session: Session,
    project_name: str,
    document: str | int,
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
) -> dict[str, Any]:
    """Read ``path`` as the document's next version and re-anchor its codings."""
    read = read_document(Path(path), encoding=encoding)
    return store_new_version(session, project_name, document, read, source=Path(path).name)


def store_new_version(
    session: Session,
    project_name: str,
    document: str | int,
    read: ReadText,
    *,
    source: str | None = None,
) -> dict[str, Any]:
    """Store ``read`` as the next version (see the module docstring); counts of what happened."""
    project = open_project(session, project_name, need="coder")
    doc = find_document(session, project, document)
    old = current_version(session, doc)
    result: dict[str, Any] = {"document": doc.name, "version": old.number}
    if old.sha256 == sha256(read.text):
        return result | {"unchanged": True, "codings": 0, "moved": 0, "refound": 0, "flagged": 0}
    new_number = old.number + 1
    new_id = insert_version(session, doc, new_number, read, source=source)
    doc.current_version = new_number
    codings = session.execute(
        select(Coding.id, Coding.start, Coding.end, Coding.quote, Coding.before, Coding.after)
        .where(Coding.version_id == old.id)
        .where(Coding.anchor != "review")
    ).all()
    mapping = position_map(old.text, read.text)
    updates: list[dict[str, Any]] = []
    flagged: list[int] = []
    counts = {"moved": 0, "refound": 0}
    for row in codings:
        placed = place(row.start, row.end, row.quote, row.before, row.after, read.text, mapping)
        if placed is None:
            flagged.append(row.id)
            continue
        how, start, end = placed
        counts[how] += 1
        updates.append(
            {"cid": row.id, "version_id": new_id, "anchor": how}
            | anchor_fields(read.text, start, end)
        )
    _write(session, updates, flagged)
    session.flush()
    summary = {
        "unchanged": False,
        "version": new_number,
        "codings": len(codings),
        "moved": counts["moved"],
        "refound": counts["refound"],
        "flagged": len(flagged),
        "flagged_ids": flagged,
    }
    audit.record(
        session,
        action="update",
        entity="research_documents",
        entity_id=doc.id,
        before={"version": old.number},
        after={k: v for k, v in summary.items() if k != "flagged_ids"},
        note=f"new version of {doc.name!r}; codings re-anchored",
    )
    return result | summary


def _write(session: Session, updates: list[dict[str, Any]], flagged: list[int]) -> None:
    table = cast(Table, Coding.__table__)
    if updates:
        session.execute(
            update(table)
            .where(table.c.id == bindparam("cid"))
            .values(
                version_id=bindparam("version_id"),
                anchor=bindparam("anchor"),
                start=bindparam("start"),
                end=bindparam("end"),
                quote=bindparam("quote"),
                before=bindparam("before"),
                after=bindparam("after"),
            ),
            updates,
            execution_options={"synchronize_session": False},
        )
    if flagged:
        session.execute(
            update(table).where(table.c.id.in_(flagged)).values(anchor="review"),
            execution_options={"synchronize_session": False},
        )


def place(
    start: int,
    end: int,
    quote: str,
    before: str,
    after: str,
    new: str,
    mapping: PositionMap,
) -> tuple[str, int, int] | None:
    """Where a coding goes in the new text: ``("moved"|"refound", start, end)`` or ``None``."""
    mapped = mapping.span(start, end)
    if mapped is not None and new[mapped[0] : mapped[1]] == quote:
        return "moved", mapped[0], mapped[1]
    expected = mapped[0] if mapped is not None else _nearest_mapped(mapping, start)
    found = _search(quote, before, after, new, expected)
    if found is None:
        return None
    return "refound", found, found + len(quote)


def _nearest_mapped(mapping: PositionMap, start: int) -> int:
    """A best guess of where ``start`` went: the image of the closest mapped position before it."""
    for probe in range(start, max(-1, start - 5000), -1):
        image = mapping.position(probe)
        if image is not None:
            return image + (start - probe)
    return start


def _search(quote: str, before: str, after: str, new: str, expected: int) -> int | None:
    """The best occurrence of ``quote`` in ``new`` by context, then by distance (or ``None``)."""
    if not quote:
        return None
    best: tuple[int, int] | None = None
    best_at: int | None = None
    occurrences = 0
    at = new.find(quote)
    while at != -1:
        occurrences += 1
        score = _common_suffix(before, new[max(0, at - CONTEXT) : at]) + _common_prefix(
            after, new[at + len(quote) : at + len(quote) + CONTEXT]
        )
        key = (-score, abs(at - expected))
        if best is None or key < best:
            best, best_at = key, at
        at = new.find(quote, at + 1)
    if best is None:
        return None
    needed = min(MIN_CONTEXT, len(before) + len(after))
    if -best[0] >= needed or (len(quote) >= LONG_QUOTE and occurrences == 1):
        return best_at
    return None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
