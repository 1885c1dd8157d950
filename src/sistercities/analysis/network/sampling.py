"""Which sources the Brandes pass searches from, and how each enters the estimate.

Per connected component ``C`` with ``N_C`` kept nodes (the nodes left after
folding trees, see :mod:`.paths`) of total weight ``W_C``:

- a component with at most :data:`MIN_STRATUM` kept nodes, or every one when
  all sources are asked for, is searched from all its nodes: exact;
- otherwise ``k_C = ceil(N_C k / N)`` sources are drawn (``k`` asked for,
  ``N`` kept nodes in all), with replacement, each with probability
  ``p_s = w(s) / W_C``: a kept node stands for the ``w(s)`` places folded
  into it (Brandes and Pich 2007, "Centrality estimation in large networks",
  with this weighting).

A drawn source's dependency ``y_s = w(s) delta_s`` (or distance sum) over its
probability estimates the component's total; the Hansen-Hurwitz estimate is
their mean, ``T^ = (1 / k_C) sum_draws y_s / p_s = (W_C / k_C) sum_draws
delta_s``, unbiased, with variance estimate ``(sum_draws (W_C delta_s)^2 -
k_C T^2) / (k_C (k_C - 1))``; its square root is the standard error shown.

Draws are made in the order of the graph's own node ids, so the sample
depends on the graph and the seed only, not on how the kernel lays the nodes
out in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: A component with at most this many kept nodes is searched from all of them.
MIN_STRATUM = 30


@dataclass(frozen=True)
class Sample:
    """Sources to search from, each with its estimator coefficients.

    A source's dependency ``delta_s(v)`` (and distance sum) enters the
    estimate times ``coef`` and its square times ``coef2``; per component,
    ``draws`` is how many draws were made (0 where it was searched whole).
    """

    sources: np.ndarray  # distinct kept-node ids, ascending
    coef: np.ndarray
    coef2: np.ndarray
    draws: np.ndarray  # per component label

    @property
    def searched(self) -> int:
        return len(self.sources)

    def relabel(self, new_id: np.ndarray) -> Sample:
        """The same sample with source ``s`` renamed ``new_id[s]`` (ascending again)."""
        ids = new_id[self.sources]
        order = np.argsort(ids)
        return Sample(ids[order], self.coef[order], self.coef2[order], self.draws)

    def variance(self, total: np.ndarray, squares: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Hansen-Hurwitz variance of ``total`` (per node or component, in ``labels``)."""
        k = self.draws[labels].astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            var = (squares - k * total * total) / (k * (k - 1))
        return np.where(k > 1, np.maximum(var, 0.0), 0.0)


def sample_sources(
    w: np.ndarray, comp_kept: np.ndarray, labels: int, sources: int | None, seed: int
) -> Sample:
    """Sources per component, drawn with probability proportional to their weight.

    ``w`` and ``comp_kept`` give each kept node's weight and component label,
    in the graph's node order. Each draw of source ``s`` estimates the
    component's total by ``W_C delta_s``; ``coef`` is ``times * W_C / k_C``
    (the draws' mean), ``coef2`` ``times * W_C^2`` (for the variance). A
    component searched whole has ``coef = w(s)``, ``coef2 = 0``. See the
    module docstring for the formulas.
    """
    total = len(comp_kept)
    per_label = np.bincount(comp_kept, minlength=labels)
    draws = np.zeros(labels, dtype=np.int64)
    if sources is None or sources >= total:
        everything = np.arange(total, dtype=np.int64)
        return Sample(everything, w.copy(), np.zeros(total), draws)
    weight = np.bincount(comp_kept, weights=w, minlength=labels)
    want = np.ceil(per_label * (sources / max(total, 1))).astype(np.int64)
    rng = np.random.default_rng(seed)
    order = np.argsort(comp_kept, kind="stable")
    starts = np.concatenate([[0], np.cumsum(per_label)])
    picked, coef, coef2 = [], [], []
    for label in np.flatnonzero(per_label):
        members = order[starts[label] : starts[label + 1]]
        if len(members) <= max(MIN_STRATUM, want[label]):
            picked.append(members)
            coef.append(w[members])
            coef2.append(np.zeros(len(members)))
            continue
        k = int(want[label])
        draws[label] = k
        chosen = rng.choice(members, size=k, replace=True, p=w[members] / weight[label])
        distinct, times = np.unique(chosen, return_counts=True)
        picked.append(distinct)
        coef.append(times * weight[label] / k)
        coef2.append(times * weight[label] ** 2)
    ids = np.concatenate(picked)
    ascending = np.argsort(ids)
    return Sample(
        ids[ascending].astype(np.int64),
        np.concatenate(coef)[ascending],
        np.concatenate(coef2)[ascending],
        draws,
    )
