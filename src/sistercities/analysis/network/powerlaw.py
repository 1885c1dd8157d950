"""The degree distribution's power-law tail (Clauset, Shalizi & Newman 2009).

The fit needs the Hurwitz zeta function ``zeta(s, q) = sum_{k>=0} (q + k)^-s``
(the normaliser of a discrete power law from ``q`` on). It is computed here
(:func:`hurwitz_zeta`) rather than taken from ``scipy.special``: importing
SciPy's special functions, for this one function, cost a tenth of the
``network`` command. ``tests/analysis/test_network.py`` checks it against
``scipy.special.zeta``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

#: Terms summed directly before the Euler–Maclaurin tail, and tail corrections.
_DIRECT_TERMS = 10
_CORRECTIONS = 8


def _bernoulli_over_factorial(count: int) -> list[float]:
    """``B_2j / (2j)!`` for ``j = 1 .. count``, from the Bernoulli numbers' recurrence.

    ``B_0 = 1`` and ``sum_{k=0}^{m} C(m + 1, k) B_k = 0`` for ``m >= 1``, in
    exact fractions.
    """
    b = [Fraction(1)]
    for m in range(1, 2 * count + 1):
        b.append(-sum((math.comb(m + 1, k) * b[k] for k in range(m)), Fraction(0)) / (m + 1))
    return [float(b[2 * j] / math.factorial(2 * j)) for j in range(1, count + 1)]


_EULER_MACLAURIN = _bernoulli_over_factorial(_CORRECTIONS)


def hurwitz_zeta(s: float, q: Any) -> Any:
    """``zeta(s, q) = sum_{k>=0} (q + k)^-s`` for ``s > 1``, ``q >= 1`` (float or array).

    Euler–Maclaurin summation: with ``N`` = :data:`_DIRECT_TERMS` and ``a = q + N``,

    ``zeta(s, q) = sum_{k<N} (q + k)^-s + a^(1-s) / (s - 1) + a^-s / 2``
    ``          + sum_{j=1}^{J} B_2j / (2j)! s (s + 1) ... (s + 2j - 2) a^(-s-2j+1)``

    with ``J`` = :data:`_CORRECTIONS`; the remainder is smaller than the
    next term, far below double precision for ``1 < s <= 6`` (the power-law
    fit's range). Cephes' ``zeta``, which ``scipy.special.zeta`` uses, sums
    the same way.

    >>> round(float(hurwitz_zeta(2.0, 1.0)), 12) == round(math.pi**2 / 6, 12)
    True
    """
    q = np.asarray(q, dtype=np.float64)
    direct = np.power(q[..., None] + np.arange(_DIRECT_TERMS), -s).sum(axis=-1)
    a = q + _DIRECT_TERMS
    tail = a ** (1 - s) / (s - 1) + 0.5 * a**-s
    rising = s  # s (s + 1) ... (s + 2j - 2)
    power = a ** (-s - 1)  # a^(-s-2j+1)
    for j, coefficient in enumerate(_EULER_MACLAURIN, start=1):
        tail = tail + coefficient * rising * power
        rising *= (s + 2 * j - 1) * (s + 2 * j)
        power = power / (a * a)
    out = direct + tail
    return float(out) if out.ndim == 0 else out


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
    values, counts = np.unique(tail, return_counts=True)
    emp = np.cumsum(counts) / len(tail)
    model = 1 - hurwitz_zeta(alpha, values + 1) / hurwitz_zeta(alpha, k_min)
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
    s_log = float(np.log(tail).sum())
    n = len(tail)

    def cost(a: float) -> float:
        return a * s_log + n * math.log(hurwitz_zeta(a, k_min))

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
