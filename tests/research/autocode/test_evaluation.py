"""Precision, recall and F1 on units, recomputed by hand; too little coding said plainly."""

from __future__ import annotations

import doctest

from sistercities.research.agreement.units import CodedSpan
from sistercities.research.autocode import evaluation
from sistercities.research.autocode.evaluation import TOO_LITTLE, score, unit_labels
from sistercities.research.autocode.units import Unit


def test_a_coding_marks_the_units_it_mostly_covers_or_lies_in() -> None:
    units = {"d": [Unit("d", 0, 0, 100), Unit("d", 1, 101, 200), Unit("d", 2, 201, 300)]}
    spans = [
        CodedSpan("d", "c", "ana", 10, 20),  # a phrase inside unit 0
        CodedSpan("d", "k", "ana", 90, 260),  # most of unit 1, half of unit 2, a bit of 0
    ]
    labels = unit_labels(units, spans)
    assert labels == {("d", 0): {"c"}, ("d", 1): {"k"}, ("d", 2): {"k"}}
    # a document nobody coded is not judged at all
    units["e"] = [Unit("e", 0, 0, 10)]
    assert ("e", 0) not in unit_labels(units, spans)


def test_scores_by_hand() -> None:
    truth = {
        ("d", i): ({"a"} if i < 10 else set()) | ({"b"} if i % 2 else set()) for i in range(40)
    }
    predicted = {("d", i): {"a"} for i in range(5, 15)}
    result = score(predicted, truth, ["a", "b"], "by hand")
    a, b = result.by_code["a"], result.by_code["b"]
    assert (a.true_positives, a.false_positives, a.false_negatives) == (5, 5, 5)
    assert a.precision == 0.5 and a.recall == 0.5 and a.f1 == 0.5 and a.units == 40
    # b: 20 human units, nothing suggested: recall 0, precision undefined, F1 undefined
    assert b.recall == 0.0 and b.precision is None and b.f1 is None
    assert "precision undefined" in b.verdict
    overall = result.overall
    assert overall.precision == 5 / 10 and overall.recall == 5 / 30
    assert overall.to_dict()["units"] == 40


def test_too_little_human_coding_has_no_figures() -> None:
    truth = {("d", i): ({"a"} if i < 4 else set()) for i in range(50)}
    predicted = {("d", i): {"a"} for i in range(4)}
    a = score(predicted, truth, ["a"], "x").by_code["a"]
    assert a.precision is None and a.recall is None and a.f1 is None
    assert a.verdict.startswith(TOO_LITTLE) and a.to_dict()["human"] == 4


def test_the_doctests_hold() -> None:
    assert doctest.testmod(evaluation).failed == 0
