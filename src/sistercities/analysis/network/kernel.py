"""The compiled weighted Brandes pass (numba), and how it is loaded quickly.

:func:`brandes` searches breadth-first from each given source of a graph in
CSR form whose nodes carry weights ``w`` (the folded trees of
:mod:`.paths`) and returns, per node ``v``, ``sum_s coef(s) delta_s(v)`` and
``sum_s coef2(s) delta_s(v)^2`` with ``delta_s(v) = sum_{x: v precedes x}
sigma_sv / sigma_sx (w(x) + delta_s(x))`` (Brandes 2001, targets weighted),
and per source ``s`` the weighted distance sum ``sum_t w(t) d(s, t)``. The
sources are split between the cores.

numba is optional: without it :data:`HAVE_NUMBA` is false and the report
takes igraph's betweenness on the whole graph instead (slower, identical).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

try:  # numba is optional: the igraph fallback gives the same numbers, slower
    from numba import get_num_threads, njit, prange

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - exercised only without numba
    HAVE_NUMBA = False

#: Modules that numba imports while it loads a cached kernel, for features
#: no kernel here uses; see :func:`_numba_without`.
_UNUSED_BY_THE_KERNEL = (
    "cffi",  # numba.core.typing.cffi_utils builds a cffi.FFI(): pycparser parses C declarations
    "scipy.linalg",  # numba.np.arraymath checks for BLAS (np.dot), pulling in scipy.linalg
)


@contextmanager
def _numba_without() -> Iterator[None]:
    """Load the compiled kernel with :data:`_UNUSED_BY_THE_KERNEL` reading as not installed.

    Loading any cached kernel makes numba install all its typing registries.
    One of them (``cffi_utils``) builds a ``cffi.FFI()``, pycparser parsing C
    declarations, for typing cffi functions; another (``arraymath``) imports
    ``scipy.linalg`` to see whether ``np.dot`` can use BLAS, which pulls in
    SciPy's array-API layer and ``numpy.f2py``. Together they were a fifth of
    the ``network`` command's CPU time; the kernel uses neither. While it
    loads, each module not already imported reads as absent, so numba leaves
    that support out of this process (``np.dot`` in a numba function would
    fail here; there is none). The figures do not change.
    """
    hidden = [name for name in _UNUSED_BY_THE_KERNEL if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


def brandes(
    indptr: np.ndarray,
    indices: np.ndarray,
    w: np.ndarray,
    sources: np.ndarray,
    coef: np.ndarray,
    coef2: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``sum coef delta_s``, ``sum coef2 delta_s^2`` per node, distance sum per source.

    ``indptr``/``indices``: the graph in CSR form (int64 / int32); ``w``: node
    weights; ``sources``: distinct node ids, ascending, each with its
    coefficients (see the module docstring). The distance sum of a node that
    is not a source is 0.
    """
    if not HAVE_NUMBA:  # installed (find_spec saw it) but not importable: the caller falls back
        raise ImportError("numba is installed but cannot be imported")
    chunks = max(1, min(int(get_num_threads()), len(sources)))
    with _numba_without():
        return _brandes_all(indptr, indices, w, sources, coef, coef2, chunks)


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

    @njit(cache=True, parallel=True, nogil=True)
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
