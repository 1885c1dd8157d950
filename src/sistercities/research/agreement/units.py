"""From coded spans to reliability data: characters, or matched segments.

Two ways to turn coders' spans into units that the coefficients of
:mod:`.coefficients` can compare, each per (document, code):

Character level
    Every character of the document is a unit; each coder's value is 1 if
    the coder coded it with the code, 0 if not (Krippendorff's binary
    continuum; the comparison NVivo's coding comparison makes). Runs of
    characters with the same pattern are one weighted unit, so a 600,000
    character text costs as much as its boundaries.

    *With the text nobody coded* (``uncoded=True``), the characters no coder
    coded count as agreement: NVivo's figure (1,000 characters, 50 coded by
    both, 150 by one, 800 by neither: 85 %). *Without it*
    (``uncoded=False``), only characters at least one coder coded count
    (the same example: 50 / 200 = 25 %), which is what is left when long
    uncoded stretches would make any two coders look alike.

Segment level
    A unit is a passage some coder coded. In each document, segments of any
    code and any coder are joined into one unit when they overlap by at
    least ``threshold`` of their extent, measured as intersection over
    union (Jaccard): 1.0 asks for identical spans, 0.9 is MAXQDA's default.
    Each coder's value on a unit, for each code, is 1 if the coder put that
    code on a segment of the unit, 0 if not. ``uncoded=False`` keeps, for a
    code, only the units where at least one coder used that code (MAXQDA's
    segment agreement); ``uncoded=True`` also keeps the units coded only
    with other codes, where leaving the code out was a decision too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sistercities.errors import InputError
from sistercities.research.agreement.coefficients import Pattern

DEFAULT_THRESHOLD = 0.9


@dataclass(frozen=True)
class CodedSpan:
    """One coder's code on ``[start, end)`` (code points) of a document."""

    document: Hashable
    code: Hashable
    coder: str
    start: int
    end: int


Cell = tuple[Hashable, Hashable]
"""(document, code)."""


def _check(span: CodedSpan, length: int | None) -> None:
    if length is None:
        raise InputError(f"coding on unknown document {span.document!r}", field="document")
    if not 0 <= span.start <= span.end <= length:
        raise InputError(
            f"span {span.start}-{span.end} lies outside document {span.document!r} "
            f"of {length} characters",
            field="span",
        )


def character_data(
    spans: Iterable[CodedSpan],
    lengths: Mapping[Hashable, int],
    coders: Sequence[str],
    codes: Iterable[Hashable],
    *,
    uncoded: bool = True,
) -> dict[Cell, dict[Pattern, float]]:
    """Character-level reliability data for every (document, code) of ``lengths`` × ``codes``.

    Spans by coders not in ``coders`` are ignored. Each pattern is a tuple
    of 0/1 in ``coders`` order, weighted by its number of characters.

    >>> spans = [CodedSpan("d", "c", "A", 0, 200), CodedSpan("d", "c", "B", 150, 200)]
    >>> data = character_data(spans, {"d": 1000}, ["A", "B"], ["c"])
    >>> data[("d", "c")]
    {(0, 0): 800.0, (1, 0): 150.0, (1, 1): 50.0}
    """
    position = {coder: i for i, coder in enumerate(coders)}
    events: dict[Cell, list[tuple[int, int, int]]] = defaultdict(list)
    for span in spans:
        _check(span, lengths.get(span.document))
        index = position.get(span.coder)
        if index is None or span.start == span.end:
            continue
        events[(span.document, span.code)].append((span.start, 1, index))
        events[(span.document, span.code)].append((span.end, -1, index))
    result: dict[Cell, dict[Pattern, float]] = {}
    for document, length in lengths.items():
        for code in codes:
            cell = (document, code)
            result[cell] = _sweep(events.get(cell, []), length, len(coders), uncoded)
    return result


def _sweep(
    events: list[tuple[int, int, int]], length: int, coders: int, uncoded: bool
) -> dict[Pattern, float]:
    depth = [0] * coders
    counts: Counter[Pattern] = Counter()
    previous = 0
    for at, step, index in sorted(events):
        if at > previous:
            counts[tuple(int(d > 0) for d in depth)] += at - previous
            previous = at
        depth[index] += step
    if length > previous:
        counts[tuple(0 for _ in range(coders))] += length - previous
    if not uncoded:
        counts.pop(tuple(0 for _ in range(coders)), None)
    return {pattern: float(n) for pattern, n in sorted(counts.items()) if n > 0}


def overlap(a: CodedSpan, b: CodedSpan) -> float:
    """Intersection over union of two spans' extents (0 when they do not touch).

    >>> overlap(CodedSpan("d", "c", "A", 0, 10), CodedSpan("d", "c", "B", 5, 10))
    0.5
    """
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    return inter / (max(a.end, b.end) - min(a.start, b.start))


def segment_units(spans: Sequence[CodedSpan], threshold: float) -> list[list[CodedSpan]]:
    """Join the spans of one document into units: connected by an overlap ≥ ``threshold``."""
    if not 0 < threshold <= 1:
        raise InputError("the overlap threshold must be above 0 and at most 1", field="threshold")
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            if b.start >= a.end:
                break
            if overlap(a, b) >= threshold:
                parent[root(j)] = root(i)
    groups: dict[int, list[CodedSpan]] = defaultdict(list)
    for i, span in enumerate(ordered):
        groups[root(i)].append(span)
    return list(groups.values())


def segment_data(
    spans: Iterable[CodedSpan],
    lengths: Mapping[Hashable, int],
    coders: Sequence[str],
    codes: Iterable[Hashable],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    uncoded: bool = True,
) -> dict[Cell, dict[Pattern, float]]:
    """Segment-level reliability data for every (document, code) (see the module docstring)."""
    position = {coder: i for i, coder in enumerate(coders)}
    code_list = list(codes)
    by_document: dict[Hashable, list[CodedSpan]] = defaultdict(list)
    for span in spans:
        _check(span, lengths.get(span.document))
        if span.coder in position and span.code in code_list:
            by_document[span.document].append(span)
    result: dict[Cell, dict[Pattern, float]] = {}
    empty = tuple(0 for _ in coders)
    for document in lengths:
        units = segment_units(by_document.get(document, []), threshold)
        for code in code_list:
            counts: Counter[Pattern] = Counter()
            for unit in units:
                marks = [0] * len(coders)
                for span in unit:
                    if span.code == code:
                        marks[position[span.coder]] = 1
                pattern = tuple(marks)
                if uncoded or pattern != empty:
                    counts[pattern] += 1
            result[(document, code)] = {p: float(n) for p, n in sorted(counts.items())}
    return result
