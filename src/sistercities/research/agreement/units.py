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
from typing import Any, NamedTuple

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.research.agreement.coefficients import Pattern

DEFAULT_THRESHOLD = 0.9


class CodedSpan(NamedTuple):
    """One coder's code on ``[start, end)`` (code points) of a document.

    A named tuple: a project's tens of thousands of codings are read into
    these, and a tuple is made several times faster than a frozen dataclass.
    """

    document: Hashable
    code: Hashable
    coder: str
    start: int
    end: int


Cell = tuple[Hashable, Hashable]
"""(document, code)."""


def _check(span: CodedSpan, length: int | None) -> None:
    if length is None:
        raise InputError(
            Message("coding on unknown document %(document)r", document=span.document),
            field="document",
        )
    if not 0 <= span.start <= span.end <= length:
        raise InputError(
            Message(
                "span %(start)s-%(end)s lies outside document %(document)r of %(n)s characters",
                start=str(span.start),
                end=str(span.end),
                document=span.document,
                n=length,
            ),
            field="span",
        )


@dataclass(frozen=True)
class PatternTable:
    """Reliability data of every (document, code) at once: weights by pattern.

    ``weights[d, c, p]`` is how many units of document ``documents[d]`` show
    pattern ``patterns[p]`` for code ``codes[c]`` (a NumPy array). The
    all-zero pattern (nobody coded) is ``patterns[0]``; :meth:`pooled`
    adds up cells before any coefficient is computed.
    """

    documents: list[Hashable]
    codes: list[Hashable]
    patterns: list[Pattern]
    weights: Any

    def pooled(self, weights: Any, uncoded: bool = True) -> dict[Pattern, float]:
        """``weights`` (one per pattern, e.g. a sum over cells) as reliability data."""
        out = {
            pattern: float(w)
            for pattern, w in zip(self.patterns, weights.tolist(), strict=True)
            if w > 0
        }
        if not uncoded:
            out.pop(self.patterns[0], None)
        return dict(sorted(out.items()))

    def cell(
        self, document: Hashable, code: Hashable, uncoded: bool = True
    ) -> dict[Pattern, float]:
        """The reliability data of one (document, code)."""
        d, c = self.documents.index(document), self.codes.index(code)
        return self.pooled(self.weights[d, c], uncoded)


def _span_arrays(
    spans: Iterable[CodedSpan],
    lengths: Mapping[Hashable, int],
    coders: Sequence[str],
    codes: Sequence[Hashable],
) -> tuple[list[Hashable], Any]:
    """Checked spans of ``coders`` and ``codes`` as rows ``(document, code, coder, start, end)``.

    Every span is checked (:func:`_check`), those of other coders too: a
    span outside its document is an error wherever it is.
    """
    import numpy as np

    documents = list(lengths)
    doc_index = {d: i for i, d in enumerate(documents)}
    code_index = {c: i for i, c in enumerate(codes)}
    coder_index = {c: i for i, c in enumerate(coders)}
    span_list = list(spans)
    if not span_list:
        return documents, np.zeros((0, 5), dtype=np.int64)
    doc_of, code_of, coder_of, start, end = zip(*span_list, strict=True)
    doc = np.array([doc_index.get(d, -1) for d in doc_of], dtype=np.int64)
    first = np.array(start, dtype=np.int64)
    last = np.array(end, dtype=np.int64)
    length = np.array([lengths[d] for d in documents], dtype=np.int64)
    bad = (doc < 0) | (first < 0) | (first > last)
    bad[doc >= 0] |= last[doc >= 0] > length[doc[doc >= 0]]
    if bad.any():
        span = span_list[int(np.argmax(bad))]
        _check(span, lengths.get(span.document))
    code = np.array([code_index.get(c, -1) for c in code_of], dtype=np.int64)
    coder = np.array([coder_index.get(c, -1) for c in coder_of], dtype=np.int64)
    keep = (code >= 0) & (coder >= 0) & (first < last)
    rows = np.stack([doc, code, coder, first, last], axis=1)[keep]
    return documents, rows


def character_table(
    spans: Iterable[CodedSpan],
    lengths: Mapping[Hashable, int],
    coders: Sequence[str],
    codes: Iterable[Hashable],
) -> PatternTable:
    """Character-level reliability data of every (document, code) of ``lengths`` × ``codes``.

    Spans by coders not in ``coders`` (or of other codes) are ignored. A
    pattern is a tuple of 0/1 in ``coders`` order, weighted by its number of
    characters. Computed on the boundaries of the spans, not on characters:
    the spans' starts (+1) and ends (−1) are sorted by (document, code,
    position), each coder's running sum says whether the coder covers the
    stretch up to the next boundary, and the stretches' lengths are added
    up by pattern, all as NumPy arrays. What no boundary touches is the
    all-zero pattern.
    """
    import numpy as np

    code_list = list(codes)
    coder_list = list(coders)
    if len(coder_list) > 62:
        raise InputError(Message("at most 62 coders can be compared at once"), field="coders")
    documents, rows = _span_arrays(spans, lengths, coder_list, code_list)
    n_docs, n_codes = len(documents), len(code_list)
    cells = rows[:, 0] * n_codes + rows[:, 1]
    cell = np.concatenate([cells, cells])
    position = np.concatenate([rows[:, 3], rows[:, 4]])
    step = np.concatenate([np.ones(len(rows), np.int64), -np.ones(len(rows), np.int64)])
    coder = np.concatenate([rows[:, 2], rows[:, 2]])
    order = np.lexsort((position, cell))
    cell, position, step, coder = cell[order], position[order], step[order], coder[order]
    bits = np.zeros(len(cell), dtype=np.int64)
    for i in range(len(coder_list)):
        depth = np.cumsum(np.where(coder == i, step, 0))
        bits |= (depth > 0).astype(np.int64) << i
    stretch = np.zeros(len(cell), dtype=np.int64)
    same = cell[1:] == cell[:-1]
    stretch[:-1] = np.where(same, position[1:] - position[:-1], 0)
    seen, pattern_of = np.unique(np.concatenate([[0], bits]), return_inverse=True)
    width = len(seen)
    flat = np.bincount(
        cell * width + pattern_of[1:], weights=stretch, minlength=n_docs * n_codes * width
    )
    weights = flat.reshape(n_docs, n_codes, width)
    length = np.array([lengths[d] for d in documents], dtype=np.float64)
    weights[:, :, 0] = length[:, None] - weights[:, :, 1:].sum(axis=2)
    patterns: list[Pattern] = [
        tuple((int(b) >> i) & 1 for i in range(len(coder_list))) for b in seen.tolist()
    ]
    return PatternTable(documents, code_list, patterns, weights)


def character_data(
    spans: Iterable[CodedSpan],
    lengths: Mapping[Hashable, int],
    coders: Sequence[str],
    codes: Iterable[Hashable],
    *,
    uncoded: bool = True,
) -> dict[Cell, dict[Pattern, float]]:
    """:func:`character_table` as a mapping (document, code) → reliability data.

    >>> spans = [CodedSpan("d", "c", "A", 0, 200), CodedSpan("d", "c", "B", 150, 200)]
    >>> data = character_data(spans, {"d": 1000}, ["A", "B"], ["c"])
    >>> data[("d", "c")]
    {(0, 0): 800.0, (1, 0): 150.0, (1, 1): 50.0}
    """
    table = character_table(spans, lengths, coders, codes)
    return {
        (d, c): table.pooled(table.weights[i, j], uncoded)
        for i, d in enumerate(table.documents)
        for j, c in enumerate(table.codes)
    }


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
        raise InputError(
            Message("the overlap threshold must be above 0 and at most 1"), field="threshold"
        )
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
