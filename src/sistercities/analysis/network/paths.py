"""Betweenness and mean distance in one pass of breadth-first searches.

Both figures need a breadth-first search from every node (Brandes 2001), the
expensive part of the network report. Two things make it fast and keep it
exact:

1. **Trees are folded into their roots** (after Baglioni et al. 2012, "Fast
   exact computation of betweenness centrality in social networks"). Leaves
   are peeled repeatedly; each peeled node ``x`` is folded into its neighbour,
   and ``a(x)`` counts the nodes of the subtree folded into ``x`` (``x``
   included). What remains, ``G'``, is the 2-core plus one node per tree
   component; a kept node ``r`` has weight ``w(r) = a(r)``. With ``n_c`` the
   size of the component and ``sigma`` shortest-path counts on ``G'``:

   ``BC(v) = 1/2 sum_{s != t in G'} w(s) w(t) sigma_st(v) / sigma_st``
   ``        + sum_{subtrees i folded into v} a_i (n_c - a_i - 1) - sum_{i<j} a_i a_j``

   ``D(C) = sum_{s, t in G' ∩ C} w(s) w(t) d(s, t)``
   ``       + sum_{x folded} [2 depth(x) (n_c - w(root x)) + 2 a(x) (w(root x) - a(x))]``

   ``D(C)`` is the sum of distances over ordered pairs of component ``C``; the
   mean distance is ``D(C) / (n_c (n_c - 1))``, networkx's
   ``average_shortest_path_length`` on that component.
2. **One weighted Brandes pass** (:mod:`.kernel`, compiled with numba, in
   parallel over sources; run by :mod:`.searcher`, in a child process that the
   ``network`` command started early, or here) gives both sums; with no numba the same figures
   come from igraph on the whole graph (slower, identical). Components, the
   folding and the kept nodes' order in memory (Cuthill–McKee) are computed
   here on plain lists (tens of milliseconds): SciPy's sparse graphs gave the
   same components and a similar order, but importing them cost 0.3 s.

Betweenness here is raw (pairs counted once, endpoints excluded), the
``normalized=False`` value of :func:`networkx.betweenness_centrality`.

**Estimated from sampled sources** when ``sources`` is given and smaller
than the kept nodes (Brandes and Pich 2007, "Centrality estimation in large
networks"): in each component with more than
:data:`~.sampling.MIN_STRATUM` kept nodes, ``k_C`` sources (``k_C``
proportional to its ``N_C`` kept nodes; smaller components are searched
whole) are drawn with replacement, each with probability ``w(s) / W_C``
(``W_C`` the component's weight). Each draw estimates the component's sum
``sum_s w(s) delta_s(v)`` by ``W_C delta_s(v)``; the estimate is the mean of
the draws (Hansen-Hurwitz), unbiased, and its standard error the square root
of ``(sum_draws (W_C delta_s(v))^2 - k_C T^2) / (k_C (k_C - 1))`` with ``T``
the estimate; the same for the distance sums. The tree terms stay exact.
Figures, errors and the sample sizes are in :class:`PathFigures`; the
sample itself is :mod:`.sampling`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sistercities.analysis.network.sampling import sample_sources
from sistercities.analysis.network.searcher import brandes, numba_available

#: Whether the compiled kernel can run (numba installed; not imported here: see
#: :mod:`.searcher`).
HAVE_NUMBA = numba_available()

__all__ = ["HAVE_NUMBA", "PathFigures", "path_figures"]


@dataclass(frozen=True)
class PathFigures:
    """Raw betweenness of every node and the distance sum of every component.

    When sources were sampled, ``betweenness_se`` and ``distance_sum_se`` are
    the standard errors of the estimates (zero where a figure is exact) and
    ``sources_used`` of ``sources_total`` kept nodes were searched from.
    """

    betweenness: np.ndarray  # float, length n
    component: np.ndarray  # int label per node
    component_size: np.ndarray  # size per label
    distance_sum: np.ndarray  # ordered-pair distance sum per label
    engine: str
    betweenness_se: np.ndarray | None = None
    distance_sum_se: np.ndarray | None = None
    sources_used: int = 0
    sources_total: int = 0

    @property
    def exact(self) -> bool:
        return self.sources_used == self.sources_total

    def mean_distance(self, label: int) -> float | None:
        """Mean shortest-path length inside component ``label`` (None if one node)."""
        size = int(self.component_size[label])
        if size < 2:
            return None
        return float(self.distance_sum[label]) / (size * (size - 1))

    def mean_distance_se(self, label: int) -> float:
        """Standard error of :meth:`mean_distance` (0 when exact)."""
        size = int(self.component_size[label])
        if size < 2 or self.distance_sum_se is None:
            return 0.0
        return float(self.distance_sum_se[label]) / (size * (size - 1))


def path_figures(
    n: int,
    edges: np.ndarray,
    *,
    use_numba: bool | None = None,
    sources: int | None = None,
    seed: int = 0,
) -> PathFigures:
    """Betweenness and per-component distance sums of a simple undirected graph.

    Parameters
    ----------
    n : int
        Number of nodes, labelled ``0 .. n-1``.
    edges : ndarray of shape (m, 2)
        Undirected edges without loops or duplicates.
    use_numba : bool, optional
        Force (True) or forbid (False) the compiled kernel; default: use it if
        numba is installed.
    sources : int, optional
        Search from about this many sampled sources (see the module
        docstring) instead of all; ``None``: all, exact. Needs numba.
    seed : int
        Seed of the source sample.

    Examples
    --------
    >>> import numpy as np
    >>> f = path_figures(4, np.array([[0, 1], [1, 2], [2, 3]]))
    >>> f.betweenness.tolist(), f.mean_distance(0)
    ([0.0, 2.0, 2.0, 0.0], 1.6666666666666667)
    """
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    adj = _adjacency(n, edges)
    comp, sizes = _components(adj)
    if use_numba is None:
        use_numba = HAVE_NUMBA
    if use_numba and n > 0:
        try:
            return _numba_figures(edges, adj, comp, sizes, sources, seed)
        except ImportError:  # numba installed but broken (e.g. a numpy it does not support)
            pass
    return _igraph_figures(n, edges, comp, sizes)


def _adjacency(n: int, edges: np.ndarray) -> list[list[int]]:
    """Neighbours of each node, as plain lists (one-item numpy indexing is slower)."""
    adj: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges.tolist():
        adj[a].append(b)
        adj[b].append(a)
    return adj


def _components(adj: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Component label of each node and size of each component.

    Labels are numbered in the order of each component's lowest node, as
    ``scipy.sparse.csgraph.connected_components`` numbers them.
    """
    label = [-1] * len(adj)
    sizes: list[int] = []
    for start in range(len(adj)):
        if label[start] >= 0:
            continue
        current = len(sizes)
        label[start] = current
        stack = [start]
        count = 0
        while stack:
            v = stack.pop()
            count += 1
            for u in adj[v]:
                if label[u] < 0:
                    label[u] = current
                    stack.append(u)
        sizes.append(count)
    return np.array(label, dtype=np.int64), np.array(sizes, dtype=np.int64)


def _igraph_figures(n: int, edges: np.ndarray, comp: np.ndarray, sizes: np.ndarray) -> PathFigures:
    from sistercities.analysis.network.figures import load_igraph

    ig = load_igraph()
    g = ig.Graph(n=n, edges=edges.tolist())
    bc = np.asarray(g.betweenness(directed=False), dtype=float) if n else np.zeros(0)
    dsum = np.zeros(len(sizes), dtype=float)
    for label, size in enumerate(sizes):
        if size > 1:
            sub = g.induced_subgraph(np.flatnonzero(comp == label).tolist())
            dsum[label] = sub.average_path_length(directed=False) * size * (size - 1)
    return PathFigures(bc, comp, sizes, dsum, "igraph", sources_used=n, sources_total=n)


@dataclass(frozen=True)
class _Folding:
    """Trees hanging off the 2-core, folded into their roots by peeling leaves."""

    core: np.ndarray  # bool mask of nodes kept
    size: np.ndarray  # a(x): nodes in the subtree folded into x, x included
    folds: list[tuple[int, int]]  # (child, parent) in peeling order
    root: np.ndarray  # the kept node each node is folded into
    depth: np.ndarray  # distance to that root


def _fold_trees(adj: list[list[int]]) -> _Folding:
    n = len(adj)
    deg = [len(x) for x in adj]
    removed = [False] * n
    size = [1] * n
    folds: list[tuple[int, int]] = []
    stack = [v for v in range(n) if deg[v] == 1]
    while stack:
        leaf = stack.pop()
        if removed[leaf] or deg[leaf] != 1:
            continue
        parent = next(u for u in adj[leaf] if not removed[u])
        removed[leaf] = True
        folds.append((leaf, parent))
        size[parent] += size[leaf]
        deg[parent] -= 1
        if deg[parent] == 1:
            stack.append(parent)
    root = list(range(n))
    depth = [0] * n
    for leaf, parent in reversed(folds):
        root[leaf] = root[parent]
        depth[leaf] = depth[parent] + 1
    return _Folding(
        ~np.array(removed, dtype=bool),
        np.array(size, dtype=np.int64),
        folds,
        np.array(root, dtype=np.int64),
        np.array(depth, dtype=np.int64),
    )


def _tree_terms(
    fold: _Folding, comp: np.ndarray, sizes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Betweenness of pairs with an end inside a folded tree; their distance sums."""
    n = len(comp)
    n_c = sizes[comp].astype(np.float64)
    bc = np.zeros(n)
    s1 = np.zeros(n)
    s2 = np.zeros(n)
    dist = np.zeros(len(sizes))
    if fold.folds:
        child, parent = np.array(fold.folds, dtype=np.int64).T
        a = fold.size[child].astype(np.float64)
        np.add.at(bc, parent, a * (n_c[child] - a - 1))
        np.add.at(s1, parent, a)
        np.add.at(s2, parent, a * a)
        w_root = fold.size[fold.root[child]].astype(np.float64)
        inside = 2 * a * (w_root - a)
        outside = 2 * fold.depth[child] * (n_c[child] - w_root)
        np.add.at(dist, comp[child], inside + outside)
    bc -= (s1 * s1 - s2) / 2
    return bc, dist


def _numba_figures(
    edges: np.ndarray,
    adj: list[list[int]],
    comp: np.ndarray,
    sizes: np.ndarray,
    sources: int | None = None,
    seed: int = 0,
) -> PathFigures:
    n = len(adj)
    fold = _fold_trees(adj)
    kept = np.flatnonzero(fold.core)  # in the graph's order: the sample is drawn in it
    sample = sample_sources(
        fold.size[kept].astype(np.float64), comp[kept], len(sizes), sources, seed
    )
    layout = _cache_friendly_order(kept, adj, fold.core)  # the kernel's node order
    new_id = -np.ones(n, dtype=np.int64)
    new_id[layout] = np.arange(len(layout))
    sample = sample.relabel(new_id[kept])
    core_edges = edges[fold.core[edges[:, 0]] & fold.core[edges[:, 1]]]
    indptr, indices = _csr(len(layout), new_id[core_edges])
    w = fold.size[layout].astype(np.float64)
    comp_kept = comp[layout]
    searched, where = brandes(indptr, indices, w, sample.sources, sample.coef, sample.coef2)
    sum_y, sum_y2, dsum_src = searched
    bc, dsum = _tree_terms(fold, comp, sizes)
    bc[layout] += 0.5 * sum_y
    bc_se = np.zeros(n)
    bc_se[layout] = 0.5 * np.sqrt(sample.variance(sum_y, sum_y2, comp_kept))
    labels = comp_kept[sample.sources]
    src_d = dsum_src[sample.sources]
    d_y = np.bincount(labels, weights=sample.coef * src_d, minlength=len(sizes))
    d_y2 = np.bincount(labels, weights=sample.coef2 * src_d * src_d, minlength=len(sizes))
    dsum += d_y
    dsum_se = np.sqrt(sample.variance(d_y, d_y2, np.arange(len(sizes))))
    engine = "numba" if where == "here" else f"numba, in a {where}"
    return PathFigures(bc, comp, sizes, dsum, engine, bc_se, dsum_se, sample.searched, len(kept))


def _cache_friendly_order(kept: np.ndarray, adj: list[list[int]], core: np.ndarray) -> np.ndarray:
    """Kept nodes in reverse Cuthill–McKee order: neighbours get close ids (fewer cache misses).

    Per component of the kept nodes, a breadth-first search from a node of
    least degree that visits each node's unvisited neighbours by increasing
    degree (Cuthill and McKee 1969); the whole order reversed. Only the
    kernel's speed depends on it (about a tenth), not the figures.
    """
    in_core = core.tolist()
    nbrs = {v: [u for u in adj[v] if in_core[u]] for v in kept.tolist()}
    degree = {v: len(us) for v, us in nbrs.items()}
    seen = dict.fromkeys(nbrs, False)
    order: list[int] = []
    for start in sorted(nbrs, key=lambda v: (degree[v], v)):
        if seen[start]:
            continue
        seen[start] = True
        head = len(order)
        order.append(start)
        while head < len(order):
            fresh = [u for u in nbrs[order[head]] if not seen[u]]
            fresh.sort(key=lambda u: (degree[u], u))
            for u in fresh:
                seen[u] = True
            order += fresh
            head += 1
    return np.array(order[::-1], dtype=np.int64)


def _csr(n: int, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    both = np.concatenate([edges, edges[:, ::-1]]) if len(edges) else edges
    order = np.argsort(both[:, 0], kind="stable") if len(both) else np.zeros(0, np.int64)
    indices = both[order, 1].astype(np.int64) if len(both) else np.zeros(0, np.int64)
    counts = np.bincount(both[:, 0], minlength=n) if len(both) else np.zeros(n, np.int64)
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return indptr, indices.astype(np.int32)
