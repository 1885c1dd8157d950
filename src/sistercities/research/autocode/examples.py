"""Coding by examples: one classifier per code, learnt from the units a human coded.

For each code, a logistic regression learns from the features of
:mod:`.features`: scikit-learn's ``SGDClassifier`` with the logistic loss,
an L2 penalty of :data:`ALPHA` and the run's seed (stochastic gradient
descent fits 60,000 units in a tenth of the time ``liblinear`` takes). The
classes are not reweighted: weighting a rare code by its inverse frequency
made five times as many suggestions as there were human codings, nine in
ten of them wrong (``benchmarks/README_autocode.md``); unweighted, fewer
suggestions, most of them right.

The decision threshold
----------------------
Unweighted, the classifier's probabilities for a rare code are low, and a
fixed cut of 0.5 finds a fifth of what the human coded. So each code gets
its own cut, chosen on the training documents alone (:func:`learn`): an
inner k-fold (:data:`INNER_FOLDS` folds, by document; by unit within a
single training document) gives every training unit a probability from a
model that did not see it, and the cut is the one with the best F1 on
those (:func:`choose_threshold`), among the cuts that code at most
:data:`MAX_SUGGESTED` times as many units as the human did; the model
learnt from every training unit is then applied with it. The documents a
run is judged on are never used to choose it. A code with fewer than
:data:`MIN_EXAMPLES` units coded with it among the training units gets no
classifier: there is not enough to learn from, and the run says so.

Which units are held out (:func:`folds`)
----------------------------------------
Units of one document resemble each other, so a method is judged on
documents it did not learn from:

- :data:`HOLD_OUT_FROM` or more human-coded documents: a fifth of them
  (at least two) are held out, drawn with the run's ``seed``; the method
  learns from the rest and is judged on those held out;
- 2 to ``HOLD_OUT_FROM - 1`` documents: k-fold by document (k = the number
  of documents, at most :data:`K_FOLDS`), every document judged by a model
  that did not see it;
- one document: k-fold over its units (:data:`K_FOLDS` folds, seeded), which
  judges more kindly than new documents would, and the method string says so.

What a held-out unit was predicted to be is kept as a *judged* suggestion
(on a document the human coded, from a model that did not learn it), so the
figures can be recomputed from the stored suggestions, and a reviewer sees
where the method and the human differ. The suggestions for the documents
nobody coded come from a model learnt from every human-coded unit, with
cuts chosen on out-of-fold probabilities of every human-coded unit (those
of the judged documents and those of the inner folds).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

THRESHOLD = 0.5
ALPHA = 1e-5
MIN_EXAMPLES = 3
HOLD_OUT_FROM = 10
K_FOLDS = 5
INNER_FOLDS = 3
MAX_SUGGESTED = 2.0


@dataclass(frozen=True)
class Fold:
    """Indices of training rows and of rows to judge."""

    train: list[int]
    test: list[int]


def folds(
    documents: Sequence[Hashable], seed: int, *, k: int = K_FOLDS, hold_out: bool = True
) -> tuple[list[Fold], str]:
    """How to split rows whose documents are ``documents`` (one per row), and in words.

    ``hold_out=False`` never holds out one fifth: k-fold by document from
    two documents on (the inner folds that choose thresholds).

    >>> fs, how = folds(["a", "a", "b", "c"], seed=0)
    >>> len(fs), how
    (3, 'k-fold by document: 3 folds over 3 human-coded documents')
    """
    names = sorted(set(documents), key=str)
    rng = random.Random(seed)
    if hold_out and len(names) >= HOLD_OUT_FROM:
        held = set(rng.sample(names, max(2, round(len(names) / 5))))
        test = [i for i, d in enumerate(documents) if d in held]
        train = [i for i, d in enumerate(documents) if d not in held]
        how = f"held-out documents: learnt from {len(names) - len(held)}, judged on {len(held)}"
        return [Fold(train, test)], how
    if len(names) >= 2:
        k = min(k, len(names))
        rng.shuffle(names)
        group = {d: i % k for i, d in enumerate(names)}
        fs = [
            Fold(
                [i for i, d in enumerate(documents) if group[d] != g],
                [i for i, d in enumerate(documents) if group[d] == g],
            )
            for g in range(k)
        ]
        return fs, f"k-fold by document: {k} folds over {len(names)} human-coded documents"
    rows = list(range(len(documents)))
    rng.shuffle(rows)
    k = min(k, len(rows))
    if k < 2:
        return [], "too few units to hold any out"
    fs = [
        Fold(
            sorted(r for j, r in enumerate(rows) if j % k != g),
            [r for j, r in enumerate(rows) if j % k == g],
        )
        for g in range(k)
    ]
    return fs, (
        f"k-fold by unit: {k} folds over the units of one human-coded document "
        "(judged on the same document it learnt from: kinder than new documents would be)"
    )


Design = Callable[[Sequence[int], Sequence[int]], tuple[Any, Any]]
"""``design(train_rows, other_rows)`` → (training features, features of the other rows)."""


@dataclass
class Learnt:
    """Per code: its decision threshold, the out-of-fold probabilities, and the scores.

    ``held_out[code]`` holds, for each training row, the probability a
    model that did not learn that row's document gave it (NaN where none
    did); the threshold was chosen on exactly these. ``scores[code]`` are
    the probabilities the model learnt from every training row gives the
    rows to score. A code not in ``thresholds`` had too few examples.
    """

    thresholds: dict[Hashable, float]
    held_out: dict[Hashable, Any]
    scores: dict[Hashable, Any]


def _classifier(seed: int) -> Any:
    from sklearn.linear_model import SGDClassifier

    return SGDClassifier(
        loss="log_loss", alpha=ALPHA, class_weight=None, max_iter=1000, tol=1e-3,
        random_state=seed,
    )  # fmt: skip


def _targets(labels: Sequence[set[Hashable]], code: Hashable) -> Any:
    return np.fromiter((code in row for row in labels), dtype=bool, count=len(labels))


def learnable(target: Any) -> bool:
    """Whether a code's 0/1 targets have :data:`MIN_EXAMPLES` positives and some negatives."""
    positives = int(target.sum())
    return positives >= MIN_EXAMPLES and positives < len(target)


def choose_threshold(probabilities: Any, target: Any) -> float:
    """The probability cut that maximises F1 on out-of-fold predictions (highest on a tie).

    A unit is coded when its probability is at least the cut. Only cuts
    that code at most :data:`MAX_SUGGESTED` times as many units as the
    human did are considered: where the classifier cannot tell a rare code
    apart, the best F1 would otherwise be to code nearly everything, a
    flood no one can review. Without a positive among the predictions, or
    when no allowed cut finds one, there is nothing to tune on, and the
    cut is :data:`THRESHOLD`.

    >>> choose_threshold(np.array([0.9, 0.4, 0.3, 0.1]), np.array([True, True, False, False]))
    0.4
    """
    known = ~np.isnan(probabilities)
    p, y = probabilities[known], target[known]
    if not y.any():
        return THRESHOLD
    order = np.argsort(-p, kind="stable")
    p, y = p[order], y[order]
    hits = np.cumsum(y)
    coded = np.arange(1, len(p) + 1)
    f1 = 2.0 * hits / (coded + y.sum())
    f1[:-1][p[1:] == p[:-1]] = -1.0  # cut only between different probabilities
    f1[coded > MAX_SUGGESTED * y.sum()] = -1.0
    best = int(np.argmax(f1))
    return float(p[best]) if f1[best] > 0 else THRESHOLD


def _out_of_fold(
    design: Design, rows: Sequence[int], groups: Sequence[Hashable], targets: dict[Hashable, Any],
    seed: int,
) -> dict[Hashable, Any]:  # fmt: skip
    """Each row's probability from a model that did not learn its group (inner k-fold)."""
    inner, _how = folds(groups, seed, k=INNER_FOLDS, hold_out=False)
    out = {code: np.full(len(rows), np.nan) for code in targets}
    for fold in inner:
        train = [rows[i] for i in fold.train]
        test = [rows[i] for i in fold.test]
        x_train, x_test = design(train, test)
        for code, target in targets.items():
            y = target[fold.train]
            if y.any() and not y.all():
                model = _classifier(seed).fit(x_train, y)
                out[code][fold.test] = model.predict_proba(x_test)[:, 1]
            else:
                out[code][fold.test] = float(y.any())
    return out


def learn(
    design: Design,
    rows: Sequence[int],
    labels: Sequence[set[Hashable]],
    groups: Sequence[Hashable],
    codes: Sequence[Hashable],
    seed: int,
    *,
    score_rows: Sequence[int] = (),
    held_out: dict[Hashable, Any] | None = None,
) -> Learnt:
    """Learn a classifier and a threshold per code from ``rows``, and score ``score_rows``.

    ``labels`` and ``groups`` (documents) go with ``rows``. The threshold is
    chosen by :func:`choose_threshold` on out-of-fold probabilities of these
    rows: from an inner k-fold by document (:data:`INNER_FOLDS`), or
    ``held_out`` when the caller already has them. Nothing of
    ``score_rows`` but their features is read.
    """
    targets = {code: _targets(labels, code) for code in codes}
    targets = {code: t for code, t in targets.items() if learnable(t)}
    if held_out is None:
        held_out = _out_of_fold(design, rows, groups, targets, seed) if targets else {}
    thresholds = {code: choose_threshold(held_out[code], t) for code, t in targets.items()}
    scores: dict[Hashable, Any] = {}
    if targets and score_rows:
        x_train, x_score = design(rows, score_rows)
        for code, target in targets.items():
            model = _classifier(seed).fit(x_train, target)
            scores[code] = model.predict_proba(x_score)[:, 1]
    return Learnt(thresholds, held_out, scores)
