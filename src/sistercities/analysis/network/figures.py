"""Structural figures of the twinning network, each computed once (igraph, numpy).

Definitions follow networkx, so that :mod:`network_reference` can check them:

- degree assortativity ``r``: Pearson correlation of the degrees at the two
  ends of an edge (``nx.degree_assortativity_coefficient``), range [-1, 1];
- transitivity ``T = 3 * triangles / connected triples`` (``nx.transitivity``),
  the *global* clustering coefficient, the figure KONECT reports;
- average clustering ``C = mean_v 2 t(v) / (k_v (k_v - 1))`` with ``C_v = 0``
  for ``k_v < 2`` (``nx.average_clustering``);
- PageRank ``x = 0.85 A D^-1 x + 0.15 / n`` by power iteration, the same
  iteration and stopping rule as ``nx.pagerank`` (L1 change < n * 1e-6);
- communities: Louvain (``igraph.community_multilevel``), seeded, and the
  modularity ``Q = sum_c [L_c / m - (d_c / 2m)^2]`` of the partition found.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np


@dataclass(frozen=True)
class PowerLawFit:
    """Discrete power law ``p(k) = k^-alpha / zeta(alpha, k_min)`` for ``k >= k_min``."""

    alpha: float
    k_min: int
    n_tail: int
    ks: float

    def to_dict(self) -> dict[str, Any]:
        return {"alpha": self.alpha, "k_min": self.k_min, "n_tail": self.n_tail, "ks": self.ks}


def fit_power_law(degrees: np.ndarray, *, min_tail: int = 10) -> PowerLawFit | None:
    """Fit a discrete power law to the degree tail (Clauset, Shalizi & Newman 2009).

    Each distinct degree with at least ``min_tail`` nodes at or above it is a
    candidate ``k_min``; for each, ``alpha`` is first estimated in closed form,
    ``alpha ~ 1 + n / sum ln(k_i / (k_min - 1/2))`` (their eq. 3.7), and the
    candidate kept is the one whose fitted CDF ``P(k) = 1 - zeta(alpha, k + 1) /
    zeta(alpha, k_min)`` is closest to the data (smallest Kolmogorov–Smirnov
    distance ``D = max_k |S(k) - P(k)|``). At that ``k_min`` the reported
    ``alpha`` is the exact maximum of ``L = -alpha sum ln k_i - n ln
    zeta(alpha, k_min)``. Returns None when fewer than ``min_tail`` degrees are
    positive or the tail has a single value.

    >>> fit = fit_power_law(np.array([1] * 60 + [2] * 15 + [3] * 7 + [4] * 4 + [6, 8, 12]))
    >>> 2.0 < fit.alpha < 3.0
    True
    """
    k = np.sort(np.asarray(degrees, dtype=float))
    k = k[k > 0]
    if len(k) < min_tail:
        return None
    best: tuple[float, float, int] | None = None
    for k_min in np.unique(k):
        tail = k[k >= k_min]
        if len(tail) < min_tail or len(np.unique(tail)) < 2:
            break
        alpha = 1 + len(tail) / float(np.log(tail / (k_min - 0.5)).sum())
        ks = _ks_distance(tail, alpha, float(k_min))
        if best is None or ks < best[0]:
            best = (ks, float(k_min), len(tail))
    if best is None:
        return None
    _, k_min, n_tail = best
    tail = k[k >= k_min]
    alpha = _mle_alpha(tail, k_min)
    return PowerLawFit(alpha, int(k_min), n_tail, _ks_distance(tail, alpha, k_min))


def _ks_distance(tail: np.ndarray, alpha: float, k_min: float) -> float:
    from scipy.special import zeta

    values, counts = np.unique(tail, return_counts=True)
    emp = np.cumsum(counts) / len(tail)
    model = 1 - zeta(alpha, values + 1) / zeta(alpha, k_min)
    return float(np.max(np.abs(emp - model)))


#: Bracket of the exponent, and how narrow the search ends.
_ALPHA_BOUNDS = (1.01, 6.0)
_ALPHA_TOLERANCE = 1e-10


def _mle_alpha(tail: np.ndarray, k_min: float) -> float:
    """The ``alpha`` that minimises ``-L`` (see :func:`fit_power_law`), by golden-section search.

    ``-L`` is convex in ``alpha`` (``ln zeta`` is), so the search narrows the
    bracket :data:`_ALPHA_BOUNDS` onto its one minimum to
    :data:`_ALPHA_TOLERANCE`. (``scipy.optimize.minimize_scalar`` did the
    same to 1e-5; importing ``scipy.optimize`` for it cost a tenth of the
    ``network`` command.)
    """
    from scipy.special import zeta

    s_log = float(np.log(tail).sum())
    n = len(tail)

    def cost(a: float) -> float:
        return a * s_log + n * float(np.log(zeta(a, k_min)))

    inverse_phi = (math.sqrt(5) - 1) / 2
    lo, hi = _ALPHA_BOUNDS
    x1, x2 = hi - inverse_phi * (hi - lo), lo + inverse_phi * (hi - lo)
    f1, f2 = cost(x1), cost(x2)
    while hi - lo > _ALPHA_TOLERANCE:
        if f1 < f2:  # the minimum lies left of x2
            hi, x2, f2 = x2, x1, f1
            x1 = hi - inverse_phi * (hi - lo)
            f1 = cost(x1)
        else:
            lo, x1, f1 = x1, x2, f2
            x2 = lo + inverse_phi * (hi - lo)
            f2 = cost(x2)
    return (lo + hi) / 2


def load_igraph() -> ModuleType:
    """``igraph``, imported without its plotting back-end.

    Importing igraph looks for matplotlib and, where it is installed, imports
    ``matplotlib.pyplot``: a second of a command's start-up for plotting the
    report never does. While igraph loads, matplotlib reads as absent (unless
    something imported it already); igraph then draws nothing, which is all
    the report needs of it.
    """
    if "igraph" in sys.modules:
        return sys.modules["igraph"]
    hidden = "matplotlib" not in sys.modules
    if hidden:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]
    try:
        import igraph
    finally:
        if hidden:
            del sys.modules["matplotlib"]
    return igraph


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Run igraph's randomised routines with ``random.Random(seed)``, then restore."""
    ig = load_igraph()

    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


@dataclass(frozen=True)
class Structure:
    """The figures of :mod:`network_figures` for one graph."""

    assortativity: float | None
    transitivity: float
    average_clustering: float
    pagerank: np.ndarray
    membership: np.ndarray
    modularity: float | None


def structure(n: int, edges: np.ndarray, *, seed: int) -> Structure:
    """Assortativity, clustering, PageRank and Louvain communities of a graph."""
    ig = load_igraph()

    g = ig.Graph(n=n, edges=edges.tolist())
    if g.ecount() == 0:
        return Structure(None, 0.0, 0.0, np.full(n, 1 / n if n else 0.0), np.arange(n), None)
    assort = g.assortativity_degree(directed=False)
    with seeded_igraph(seed):
        parts = g.community_multilevel()
    return Structure(
        None if assort is None or np.isnan(assort) else float(assort),
        float(g.transitivity_undirected()),
        float(g.transitivity_avglocal_undirected(mode="zero")),
        pagerank(n, edges),
        np.asarray(parts.membership),
        float(parts.modularity),
    )


def pagerank(n: int, edges: np.ndarray, *, alpha: float = 0.85, tol: float = 1e-6) -> np.ndarray:
    """PageRank by power iteration, as ``networkx.pagerank`` computes it.

    ``x_{t+1} = alpha * A D^-1 x_t + (alpha * dangling(x_t) + 1 - alpha) / n``,
    stopped when ``sum |x_{t+1} - x_t| < n * tol`` (at most 100 steps). Sums to 1.

    >>> pagerank(3, np.array([[0, 1], [1, 2]])).round(3).tolist()
    [0.257, 0.486, 0.257]
    """
    from scipy.sparse import coo_matrix

    if n == 0:
        return np.zeros(0)
    both = np.concatenate([edges, edges[:, ::-1]]) if len(edges) else edges.reshape(0, 2)
    adj = coo_matrix((np.ones(len(both)), (both[:, 1], both[:, 0])), shape=(n, n)).tocsr()
    out = np.asarray(adj.sum(axis=0)).ravel()
    inv = np.divide(1.0, out, out=np.zeros(n), where=out > 0)
    dangling = out == 0
    x = np.full(n, 1.0 / n)
    for _ in range(100):
        last = x
        x = alpha * (adj @ (last * inv)) + (alpha * last[dangling].sum() + 1 - alpha) / n
        if np.abs(x - last).sum() < n * tol:
            break
    return x
