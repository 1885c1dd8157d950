"""How well automatic coding did against human coding: precision, recall and F1 on units.

Which units a human coded
-------------------------
A human coding **marks** a unit with its code when the two overlap by at
least half of the unit or at least half of the coding: a coded sentence
marks that sentence, a coded phrase marks the sentence it lies in, a coded
page marks each of its sentences. A document with at least one human
coding counts as read by the human: its units without a code are the
human's "no" for that code. Documents nobody coded say nothing and are never
used to judge.

The figures
-----------
For each code, over the evaluated units: ``TP`` units both the method and
the human gave the code, ``FP`` units only the method gave it, ``FN`` units
only the human gave it; ``precision = TP / (TP + FP)`` (how many
suggestions were right), ``recall = TP / (TP + FN)`` (how much of the human
coding was found), ``F1 = 2PR / (P + R)``. Overall pools ``TP``, ``FP``,
``FN`` of every code first (micro-average), so a code counts by its units.
``units`` is the number of units the figure rests on.

A code with fewer than :data:`MIN_HUMAN_UNITS` units coded by the human
among those evaluated has no figures: "too little human coding to judge".
Precision is undefined where the method suggested nothing, recall where the
human coded nothing; neither is ever replaced by 0 or 1.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sistercities.research.agreement.units import CodedSpan
from sistercities.research.autocode.units import Unit

MIN_HUMAN_UNITS = 5
TOO_LITTLE = "too little human coding to judge"

UnitKey = tuple[Hashable, int]
"""(document, unit index)."""


def marks(unit: Unit, start: int, end: int) -> bool:
    """Whether a coding of ``[start, end)`` marks the unit (see the module docstring).

    >>> u = Unit("d", 0, 100, 200)
    >>> marks(u, 150, 260), marks(u, 120, 130), marks(u, 190, 400)
    (True, True, False)
    """
    inter = min(unit.end, end) - max(unit.start, start)
    if inter <= 0:
        return False
    return 2 * inter >= unit.end - unit.start or 2 * inter >= end - start


def unit_labels(
    units: Mapping[Hashable, Sequence[Unit]], spans: Iterable[CodedSpan]
) -> dict[UnitKey, set[Hashable]]:
    """The codes a human gave each unit of every document the human coded.

    Every unit of such a document is a key (an empty set: coded nothing there).
    """
    labels: dict[UnitKey, set[Hashable]] = {}
    starts = {doc: [u.start for u in us] for doc, us in units.items()}
    for span in spans:
        doc_units = units.get(span.document)
        if doc_units is None:
            continue
        if (span.document, 0) not in labels:
            for u in doc_units:
                labels[(span.document, u.index)] = set()
        first = max(bisect.bisect_right(starts[span.document], span.start) - 1, 0)
        for u in doc_units[first:]:
            if u.start >= span.end:
                break
            if marks(u, span.start, span.end):
                labels[(span.document, u.index)].add(span.code)
    return labels


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 for one code (or overall), with the counts behind them."""

    units: int
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def human(self) -> int:
        return self.true_positives + self.false_negatives

    @property
    def suggested(self) -> int:
        return self.true_positives + self.false_positives

    @property
    def judged(self) -> bool:
        return self.human >= MIN_HUMAN_UNITS

    @property
    def precision(self) -> float | None:
        if not self.judged or self.suggested == 0:
            return None
        return self.true_positives / self.suggested

    @property
    def recall(self) -> float | None:
        return self.true_positives / self.human if self.judged else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def verdict(self) -> str:
        if not self.judged:
            return f"{TOO_LITTLE} ({self.human} of {MIN_HUMAN_UNITS} human-coded units needed)"
        if self.suggested == 0:
            return "nothing suggested on these units: precision undefined"
        return "judged"

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "units": self.units,
            "human": self.human,
            "suggested": self.suggested,
            "agreed": self.true_positives,
            "verdict": self.verdict,
        }


@dataclass(frozen=True)
class Evaluation:
    """The scores of one run, per code and overall, and how they were obtained."""

    overall: Score
    by_code: dict[str, Score]
    method: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.to_dict(),
            "by_code": {code: s.to_dict() for code, s in self.by_code.items()},
            "method": self.method,
        }


def score(
    predicted: Mapping[UnitKey, set[Hashable]],
    truth: Mapping[UnitKey, set[Hashable]],
    codes: Iterable[Hashable],
    method: str,
) -> Evaluation:
    """Score predictions on the units of ``truth`` (units elsewhere are not judged).

    >>> truth = {("d", i): ({"c"} if i < 6 else set()) for i in range(10)}
    >>> predicted = {("d", i): {"c"} for i in range(4, 8)}
    >>> s = score(predicted, truth, ["c"], "example").by_code["c"]
    >>> s.precision, s.recall, s.units
    (0.5, 0.3333333333333333, 10)
    """
    counts: dict[Hashable, list[int]] = defaultdict(lambda: [0, 0, 0])
    code_list = list(codes)
    for key, human in truth.items():
        machine = predicted.get(key, set())
        for code in code_list:
            in_h, in_m = code in human, code in machine
            if in_h and in_m:
                counts[code][0] += 1
            elif in_m:
                counts[code][1] += 1
            elif in_h:
                counts[code][2] += 1
    units = len(truth)
    by_code = {str(code): Score(units, *counts[code]) for code in code_list}
    total = [sum(counts[c][i] for c in code_list) for i in range(3)]
    return Evaluation(Score(units, *total), by_code, method)
