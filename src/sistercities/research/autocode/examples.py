"""Coding by examples: one classifier per code, learnt from the units a human coded.

For each code, a logistic regression learns from the features of
:mod:`.features`: scikit-learn's ``SGDClassifier`` with the logistic loss,
an L2 penalty of :data:`ALPHA` and the run's seed (stochastic gradient
descent fits 60,000 units in a tenth of the time ``liblinear`` takes). The
classes are not reweighted: weighting a rare code by its inverse frequency
made five times as many suggestions as there were human codings, nine in
ten of them wrong (``benchmarks/README_autocode.md``); unweighted, fewer
suggestions, most of them right. A unit gets
the code when the predicted probability is at least :data:`THRESHOLD`. A
code with fewer than :data:`MIN_EXAMPLES` units coded with it among the
training units gets no classifier: there is not enough to learn from, and
the run says so.

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
nobody coded come from a model learnt from every human-coded unit.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

THRESHOLD = 0.5
ALPHA = 1e-5
MIN_EXAMPLES = 3
HOLD_OUT_FROM = 10
K_FOLDS = 5


@dataclass(frozen=True)
class Fold:
    """Indices of training rows and of rows to judge."""

    train: list[int]
    test: list[int]


def folds(documents: Sequence[Hashable], seed: int) -> tuple[list[Fold], str]:
    """How to split rows whose documents are ``documents`` (one per row), and in words.

    >>> fs, how = folds(["a", "a", "b", "c"], seed=0)
    >>> len(fs), how
    (3, 'k-fold by document: 3 folds over 3 human-coded documents')
    """
    names = sorted(set(documents), key=str)
    rng = random.Random(seed)
    if len(names) >= HOLD_OUT_FROM:
        held = set(rng.sample(names, max(2, round(len(names) / 5))))
        test = [i for i, d in enumerate(documents) if d in held]
        train = [i for i, d in enumerate(documents) if d not in held]
        how = f"held-out documents: learnt from {len(names) - len(held)}, judged on {len(held)}"
        return [Fold(train, test)], how
    if len(names) >= 2:
        k = min(K_FOLDS, len(names))
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
    k = min(K_FOLDS, len(rows))
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


def fit(
    features: Any, labels: Sequence[set[Hashable]], codes: Sequence[Hashable], seed: int
) -> dict[Hashable, Any]:
    """One classifier per code that has at least :data:`MIN_EXAMPLES` examples."""
    from sklearn.linear_model import SGDClassifier

    models: dict[Hashable, Any] = {}
    for code in codes:
        target = np.fromiter((code in row for row in labels), dtype=bool, count=len(labels))
        positives = int(target.sum())
        if positives < MIN_EXAMPLES or positives == len(target):
            continue
        model = SGDClassifier(
            loss="log_loss",
            alpha=ALPHA,
            class_weight=None,
            max_iter=1000,
            tol=1e-3,
            random_state=seed,
        )
        model.fit(features, target)
        models[code] = model
    return models


def predict(models: dict[Hashable, Any], features: Any) -> dict[Hashable, Any]:
    """For each code with a model: the probability of the code on each row."""
    return {code: model.predict_proba(features)[:, 1] for code, model in models.items()}
