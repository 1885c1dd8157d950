"""Structural figures of the twinning network, each computed once (igraph, numpy).

The degree power law is :mod:`.powerlaw` (re-exported here).

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

import random
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType

import numpy as np

from sistercities.analysis.network.powerlaw import PowerLawFit, fit_power_law

__all__ = ["PowerLawFit", "Structure", "fit_power_law", "load_igraph", "pagerank", "structure"]


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
    if n == 0:
        return np.zeros(0)
    both = np.concatenate([edges, edges[:, ::-1]]) if len(edges) else edges.reshape(0, 2)
    source, target = both[:, 0], both[:, 1]
    out = np.bincount(source, minlength=n).astype(np.float64)
    inv = np.divide(1.0, out, out=np.zeros(n), where=out > 0)
    dangling = out == 0
    x = np.full(n, 1.0 / n)
    for _ in range(100):
        last = x
        spread = np.bincount(target, weights=(last * inv)[source], minlength=n)  # A D^-1 x
        x = alpha * spread + (alpha * last[dangling].sum() + 1 - alpha) / n
        if np.abs(x - last).sum() < n * tol:
            break
    return x
