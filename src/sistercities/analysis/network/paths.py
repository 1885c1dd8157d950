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

**Estimated from sampled sources** when ``sources`` is given and smaller
than the kept nodes (Brandes and Pich 2007, "Centrality estimation in large
networks"): in each component with more than :data:`MIN_STRATUM` kept nodes,
``k_C`` of its ``N_C`` kept nodes are drawn without replacement (``k_C``
proportional to ``N_C``; smaller components are searched whole). With
``y_s(v) = w(s) delta_s(v)`` the weighted dependency of source ``s``, the
estimate of ``sum_s y_s(v)`` is ``N_C / k_C sum_{s drawn} y_s(v)``, unbiased,
with standard error ``N_C sqrt((1 - k_C/N_C) S^2 / k_C)`` where ``S^2`` is the
sample variance of ``y_s(v)`` over the drawn sources; the same for the
distance sums. The tree terms stay exact. Figures, errors and the sample
sizes are in :class:`PathFigures`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

try:  # numba is optional: the igraph fallback gives the same numbers, slower
    from numba import get_num_threads, njit, prange

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - exercised only without numba
    HAVE_NUMBA = False


@contextmanager
def _numba_without_cffi() -> Iterator[None]:
    """Load the compiled kernel with cffi reading as absent.

    Loading any cached kernel makes numba install its typing registries, one
    of which (``cffi_utils``) builds a ``cffi.FFI()``: pycparser parses C
    declarations, a tenth of the ``network`` command, for typing cffi
    functions that no kernel here takes. While the kernel loads, ``cffi``
    reads as not installed (unless something imported it already), so numba
    skips that support in this process; the figures do not change.
    """
    hidden = "cffi" not in sys.modules and "numba.core.typing.cffi_utils" not in sys.modules
    if hidden:
        sys.modules["cffi"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if hidden and sys.modules.get("cffi", 0) is None:
            del sys.modules["cffi"]


#: A component with at most this many kept nodes is searched from all of them.
MIN_STRATUM = 30


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
    comp, sizes = _components(n, edges)
    if use_numba is None:
        use_numba = HAVE_NUMBA
    if use_numba and n > 0:
        return _numba_figures(n, edges, comp, sizes, sources, seed)
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


def _fold_trees(n: int, edges: np.ndarray) -> _Folding:
    # plain lists while peeling: indexing numpy arrays one item at a time is slower
    adj: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges.tolist():
        adj[a].append(b)
        adj[b].append(a)
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
    n: int,
    edges: np.ndarray,
    comp: np.ndarray,
    sizes: np.ndarray,
    sources: int | None = None,
    seed: int = 0,
) -> PathFigures:
    fold = _fold_trees(n, edges)
    keep = _cache_friendly_order(np.flatnonzero(fold.core), edges, fold.core)
    new_id = -np.ones(n, dtype=np.int64)
    new_id[keep] = np.arange(len(keep))
    core_edges = edges[fold.core[edges[:, 0]] & fold.core[edges[:, 1]]]
    indptr, indices = _csr(len(keep), new_id[core_edges])
    w = fold.size[keep].astype(np.float64)
    comp_kept = comp[keep]
    sample = _sample_sources(w, comp_kept, len(sizes), sources, seed)
    chunks = max(1, min(int(get_num_threads()), len(sample.sources)))
    with _numba_without_cffi():
        sum_y, sum_y2, dsum_src = _brandes_all(
            indptr, indices, w, sample.sources, sample.coef, sample.coef2, chunks
        )
    bc, dsum = _tree_terms(fold, comp, sizes)
    bc[keep] += 0.5 * sum_y
    bc_se = np.zeros(n)
    bc_se[keep] = 0.5 * np.sqrt(sample.variance(sum_y, sum_y2, comp_kept))
    labels = comp_kept[sample.sources]
    src_d = dsum_src[sample.sources]
    d_y = np.bincount(labels, weights=sample.coef * src_d, minlength=len(sizes))
    d_y2 = np.bincount(labels, weights=sample.coef2 * src_d * src_d, minlength=len(sizes))
    dsum += d_y
    dsum_se = np.sqrt(sample.variance(d_y, d_y2, np.arange(len(sizes))))
    return PathFigures(bc, comp, sizes, dsum, "numba", bc_se, dsum_se, sample.searched, len(keep))


@dataclass(frozen=True)
class _Sample:
    """Sources to search from, each with its estimator coefficients.

    A source's dependency ``delta_s(v)`` (and distance sum) enters the
    estimate times ``coef`` and its square times ``coef2``; per component,
    ``draws`` is how many draws were made (0 where it was searched whole).
    """

    sources: np.ndarray  # distinct kept-node ids, sorted
    coef: np.ndarray
    coef2: np.ndarray
    draws: np.ndarray  # per component label

    @property
    def searched(self) -> int:
        return len(self.sources)

    def variance(self, total: np.ndarray, squares: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Hansen-Hurwitz variance of ``total`` (per node or component, in ``labels``)."""
        k = self.draws[labels].astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            var = (squares - k * total * total) / (k * (k - 1))
        return np.where(k > 1, np.maximum(var, 0.0), 0.0)


def _sample_sources(
    w: np.ndarray, comp_kept: np.ndarray, labels: int, sources: int | None, seed: int
) -> _Sample:
    """Sources per component, drawn with probability proportional to their weight.

    A kept node stands for ``w(s)`` places (its folded trees), so it is drawn
    with probability ``p_s = w(s) / W_C`` (``W_C`` the component's weight), with
    replacement, ``k_C`` times: each draw estimates the component's total by
    ``delta_s / p_s`` times ``w(s)``, i.e. ``W_C delta_s`` (Hansen-Hurwitz);
    the mean of the draws is unbiased and its spread gives the error. A
    component with at most :data:`MIN_STRATUM` kept nodes, or every one when
    ``sources`` is ``None`` or not smaller than the kept nodes, is searched
    from all its nodes: exact, ``coef = w(s)``.
    """
    total = len(comp_kept)
    per_label = np.bincount(comp_kept, minlength=labels)
    draws = np.zeros(labels, dtype=np.int64)
    if sources is None or sources >= total:
        everything = np.arange(total, dtype=np.int64)
        return _Sample(everything, w.copy(), np.zeros(total), draws)
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
    order = np.argsort(ids)
    return _Sample(
        ids[order].astype(np.int64),
        np.concatenate(coef)[order],
        np.concatenate(coef2)[order],
        draws,
    )


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
        indptr: Any,
        indices: Any,
        w: Any,
        sources: Any,
        coef: Any,
        coef2: Any,
        bc: Any,
        bc2: Any,
        dsum: Any,
    ) -> None:  # pragma: no cover - compiled
        n = indptr.shape[0] - 1
        sigma = np.zeros(n, np.float64)
        delta = np.zeros(n, np.float64)
        dist = -np.ones(n, np.int32)
        order = np.empty(n, np.int32)
        preds = np.empty(indices.shape[0], np.int32)  # predecessors of x at indptr[x]..
        npred = np.zeros(n, np.int32)
        for i_s in range(sources.shape[0]):
            s = sources[i_s]
            c1 = coef[i_s]
            c2 = coef2[i_s]
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
                d = delta[x]
                bc[x] += c1 * d
                bc2[x] += c2 * d * d
            for i in range(tail):
                x = order[i]
                sigma[x] = 0.0
                delta[x] = 0.0
                dist[x] = -1
                npred[x] = 0

    @njit(cache=True, parallel=True)
    def _brandes_all(
        indptr: Any, indices: Any, w: Any, sources: Any, coef: Any, coef2: Any, chunks: int
    ) -> Any:  # pragma: no cover - compiled
        n = indptr.shape[0] - 1
        acc = np.zeros((chunks, n), np.float64)
        acc2 = np.zeros((chunks, n), np.float64)
        dsum = np.zeros(n, np.float64)
        for c in prange(chunks):
            _brandes_sources(
                indptr, indices, w, sources[c::chunks], coef[c::chunks], coef2[c::chunks],
                acc[c], acc2[c], dsum,
            )  # fmt: skip
        return acc.sum(axis=0), acc2.sum(axis=0), dsum
