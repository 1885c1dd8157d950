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
2. **One weighted Brandes pass** (compiled with numba, in parallel over
   sources) gives both sums; with no numba the same figures come from igraph on
   the whole graph (slower, identical).

Betweenness here is raw (pairs counted once, endpoints excluded), the
``normalized=False`` value of :func:`networkx.betweenness_centrality`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

try:  # numba is optional: the igraph fallback gives the same numbers, slower
    from numba import get_num_threads, njit, prange

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - exercised only without numba
    HAVE_NUMBA = False


@dataclass(frozen=True)
class PathFigures:
    """Raw betweenness of every node and the distance sum of every component."""

    betweenness: np.ndarray  # float, length n
    component: np.ndarray  # int label per node
    component_size: np.ndarray  # size per label
    distance_sum: np.ndarray  # ordered-pair distance sum per label
    engine: str

    def mean_distance(self, label: int) -> float | None:
        """Mean shortest-path length inside component ``label`` (None if one node)."""
        size = int(self.component_size[label])
        if size < 2:
            return None
        return float(self.distance_sum[label]) / (size * (size - 1))


def path_figures(n: int, edges: np.ndarray, *, use_numba: bool | None = None) -> PathFigures:
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

    Examples
    --------
    >>> import numpy as np
    >>> f = path_figures(4, np.array([[0, 1], [1, 2], [2, 3]]))
    >>> f.betweenness.tolist(), f.mean_distance(0)
    ([0.0, 2.0, 2.0, 0.0], 1.6666666666666667)
    """
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    comp, sizes = _components(n, edges)
    if use_numba is None:
        use_numba = HAVE_NUMBA
    if use_numba and n > 0:
        return _numba_figures(n, edges, comp, sizes)
    return _igraph_figures(n, edges, comp, sizes)


def _components(n: int, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    adj = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, labels = connected_components(adj, directed=False)
    return labels.astype(np.int64), np.bincount(labels).astype(np.int64)


def _igraph_figures(n: int, edges: np.ndarray, comp: np.ndarray, sizes: np.ndarray) -> PathFigures:
    import igraph as ig

    g = ig.Graph(n=n, edges=edges.tolist())
    bc = np.asarray(g.betweenness(directed=False), dtype=float) if n else np.zeros(0)
    dsum = np.zeros(len(sizes), dtype=float)
    for label, size in enumerate(sizes):
        if size > 1:
            sub = g.induced_subgraph(np.flatnonzero(comp == label).tolist())
            dsum[label] = sub.average_path_length(directed=False) * size * (size - 1)
    return PathFigures(bc, comp, sizes, dsum, "igraph")


@dataclass(frozen=True)
class _Folding:
    """Trees hanging off the 2-core, folded into their roots by peeling leaves."""

    core: np.ndarray  # bool mask of nodes kept
    size: np.ndarray  # a(x): nodes in the subtree folded into x, x included
    folds: list[tuple[int, int]]  # (child, parent) in peeling order
    root: np.ndarray  # the kept node each node is folded into
    depth: np.ndarray  # distance to that root


def _fold_trees(n: int, edges: np.ndarray) -> _Folding:
    adj: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges.tolist():
        adj[a].append(b)
        adj[b].append(a)
    deg = np.array([len(x) for x in adj], dtype=np.int64)
    removed = np.zeros(n, dtype=bool)
    size = np.ones(n, dtype=np.int64)
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
    root = np.arange(n, dtype=np.int64)
    depth = np.zeros(n, dtype=np.int64)
    for leaf, parent in reversed(folds):
        root[leaf] = root[parent]
        depth[leaf] = depth[parent] + 1
    return _Folding(~removed, size, folds, root, depth)


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


def _numba_figures(n: int, edges: np.ndarray, comp: np.ndarray, sizes: np.ndarray) -> PathFigures:
    fold = _fold_trees(n, edges)
    keep = _cache_friendly_order(np.flatnonzero(fold.core), edges, fold.core)
    new_id = -np.ones(n, dtype=np.int64)
    new_id[keep] = np.arange(len(keep))
    core_edges = edges[fold.core[edges[:, 0]] & fold.core[edges[:, 1]]]
    indptr, indices = _csr(len(keep), new_id[core_edges])
    w = fold.size[keep].astype(np.float64)
    chunks = max(1, min(int(get_num_threads()), len(keep)))
    bc_core, dsum_src = _brandes_all(indptr, indices, w, chunks)
    bc, dsum = _tree_terms(fold, comp, sizes)
    bc[keep] += 0.5 * bc_core
    dsum += np.bincount(comp[keep], weights=w * dsum_src, minlength=len(sizes))
    return PathFigures(bc, comp, sizes, dsum, "numba")


def _cache_friendly_order(keep: np.ndarray, edges: np.ndarray, core: np.ndarray) -> np.ndarray:
    """Kept nodes in reverse Cuthill–McKee order: neighbours get close ids (fewer cache misses)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import reverse_cuthill_mckee

    m = len(keep)
    if m < 3:
        return keep
    pos = -np.ones(len(core), dtype=np.int64)
    pos[keep] = np.arange(m)
    sub = pos[edges[core[edges[:, 0]] & core[edges[:, 1]]]]
    both = np.concatenate([sub, sub[:, ::-1]])
    adj = coo_matrix((np.ones(len(both)), (both[:, 0], both[:, 1])), shape=(m, m)).tocsr()
    return keep[reverse_cuthill_mckee(adj, symmetric_mode=True)]


def _csr(n: int, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    both = np.concatenate([edges, edges[:, ::-1]]) if len(edges) else edges
    order = np.argsort(both[:, 0], kind="stable") if len(both) else np.zeros(0, np.int64)
    indices = both[order, 1].astype(np.int64) if len(both) else np.zeros(0, np.int64)
    counts = np.bincount(both[:, 0], minlength=n) if len(both) else np.zeros(n, np.int64)
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return indptr, indices.astype(np.int32)


if HAVE_NUMBA:

    @njit(cache=True, nogil=True)
    def _brandes_sources(
        indptr: Any, indices: Any, w: Any, sources: Any, bc: Any, dsum: Any
    ) -> None:  # pragma: no cover - compiled
        n = indptr.shape[0] - 1
        sigma = np.zeros(n, np.float64)
        delta = np.zeros(n, np.float64)
        dist = -np.ones(n, np.int32)
        order = np.empty(n, np.int32)
        preds = np.empty(indices.shape[0], np.int32)  # predecessors of x at indptr[x]..
        npred = np.zeros(n, np.int32)
        for s in sources:
            tail = 1
            order[0] = s
            sigma[s] = 1.0
            dist[s] = 0
            head = 0
            total = 0.0
            while head < tail:
                v = order[head]
                head += 1
                dv = dist[v]
                total += w[v] * dv
                for p in range(indptr[v], indptr[v + 1]):
                    u = indices[p]
                    if dist[u] < 0:
                        dist[u] = dv + 1
                        order[tail] = u
                        tail += 1
                    if dist[u] == dv + 1:
                        sigma[u] += sigma[v]
                        preds[indptr[u] + npred[u]] = v
                        npred[u] += 1
            dsum[s] = total
            for i in range(tail - 1, 0, -1):
                x = order[i]
                coeff = (w[x] + delta[x]) / sigma[x]
                start = indptr[x]
                for j in range(start, start + npred[x]):
                    v = preds[j]
                    delta[v] += sigma[v] * coeff
                bc[x] += w[s] * delta[x]
            for i in range(tail):
                x = order[i]
                sigma[x] = 0.0
                delta[x] = 0.0
                dist[x] = -1
                npred[x] = 0

    @njit(cache=True, parallel=True)
    def _brandes_all(indptr: Any, indices: Any, w: Any, chunks: int) -> Any:  # pragma: no cover
        n = indptr.shape[0] - 1
        acc = np.zeros((chunks, n), np.float64)
        dsum = np.zeros(n, np.float64)
        for c in prange(chunks):
            _brandes_sources(indptr, indices, w, np.arange(c, n, chunks), acc[c], dsum)
        return acc.sum(axis=0), dsum
