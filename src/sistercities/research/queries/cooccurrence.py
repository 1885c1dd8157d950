"""Code co-occurrence: which codes are found together, and how often.

Three ways of being together, each a count for every pair of codes ``a``, ``b``:

- ``overlap``: pairs of codings, one of ``a`` and one of ``b`` in the same
  document version, whose spans share at least one character;
- ``paragraph``: paragraphs in which both codes have a coding (a coding
  touches every paragraph its span shares a character with);
- ``document``: documents in which both codes have a coding.

The diagonal (``a`` with itself) is left at 0 for ``overlap`` and holds the
number of paragraphs / documents where the code occurs for the others, so a
reader can compare a pair's count with each code's own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import combinations
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.research.corpus.models import DocumentVersion
from sistercities.research.projects import ResearchProject
from sistercities.research.queries.data import Span, codes_in_order, spans

MODES = ("overlap", "paragraph", "document")


def cooccurrence(
    session: Session,
    project: ResearchProject,
    *,
    mode: str = "overlap",
    codes: list[int] | None = None,
) -> dict[str, Any]:
    """Co-occurrence counts of every pair of codes (see the module docstring)."""
    if mode not in MODES:
        raise InputError(
            Message("unknown mode %(mode)r (choose %(modes)s)", mode=mode, modes=", ".join(MODES)),
            field="mode",
        )
    ordered, paths = codes_in_order(session, project)
    wanted = [c for c in ordered if c.codable and (codes is None or c.id in set(codes))]
    ids = [c.id for c in wanted]
    keep = set(ids)
    rows = [s for s in spans(session, project) if s.code_id in keep]
    counts: dict[tuple[int, int], int] = defaultdict(int)
    if mode == "overlap":
        _overlaps(rows, counts)
    else:
        units = _paragraph_units(session, rows) if mode == "paragraph" else _document_units(rows)
        for members in units:
            for code_id in members:
                counts[(code_id, code_id)] += 1
            if len(members) > 1:
                for a, b in combinations(sorted(members), 2):
                    counts[(a, b)] += 1
    index = {code_id: i for i, code_id in enumerate(ids)}
    table = [[0] * len(ids) for _ in ids]
    for (a, b), n in counts.items():
        table[index[a]][index[b]] = n
        table[index[b]][index[a]] = n
    pairs = [
        {"a": paths[a], "b": paths[b], "count": n}
        for (a, b), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if a != b and n
    ]
    return {"mode": mode, "codes": [paths[i] for i in ids], "matrix": table, "pairs": pairs}


def _overlaps(rows: list[Span], counts: dict[tuple[int, int], int]) -> None:
    """Count overlapping coding pairs by a sweep over each version's spans in start order."""
    by_version: dict[int, list[Span]] = defaultdict(list)
    for span in rows:
        by_version[span.version_id].append(span)
    for items in by_version.values():
        items.sort(key=lambda s: (s.start, s.end))
        active: list[Span] = []
        for span in items:
            active = [a for a in active if a.end > span.start]
            for other in active:
                if other.code_id != span.code_id:
                    a, b = sorted((other.code_id, span.code_id))
                    counts[(a, b)] += 1
            active.append(span)


def _paragraph_units(session: Session, rows: list[Span]) -> list[set[int]]:
    """The set of codes of every paragraph that some coding touches."""
    by_version: dict[int, list[Span]] = defaultdict(list)
    for span in rows:
        by_version[span.version_id].append(span)
    units: list[set[int]] = []
    if not by_version:
        return units
    stored = session.execute(
        select(DocumentVersion.id, DocumentVersion.paragraphs).where(
            DocumentVersion.id.in_(list(by_version))
        )
    )
    for version_id, paragraphs in stored:
        starts = [p[0] for p in paragraphs]
        ends = [p[1] for p in paragraphs]
        touched: dict[int, set[int]] = defaultdict(set)
        for span in by_version[version_id]:
            first = bisect_right(ends, span.start)  # the first paragraph ending after the start
            last = bisect_left(starts, span.end)  # paragraphs before this one start before the end
            for i in range(first, last):
                touched[i].add(span.code_id)
        units.extend(touched.values())
    return units


def _document_units(rows: list[Span]) -> list[set[int]]:
    units: dict[int, set[int]] = defaultdict(set)
    for span in rows:
        units[span.document_id].add(span.code_id)
    return list(units.values())
