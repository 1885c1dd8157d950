"""Tests of association for a cross-tabulation: chi-square, Fisher, Cramér's V.

Pure functions over a table of counts (rows × columns, a list of lists or a
NumPy array); nothing here knows about surveys or storage.

Which test
----------
Pearson's chi-square test is an approximation that holds when expected counts
are large enough. We follow Cochran's rule, the one SPSS and most textbooks
print under a table: chi-square is used when no expected count is below 1 and
at most 20 % of the cells have an expected count below 5. Otherwise Fisher's
exact test is used, and the result says so and why.

Rows or columns whose total is 0 have expected counts of 0 (the formula
divides by them), so they are left out of the test; they still show in the
table. A table with fewer than two rows or two columns left has no test.

Fisher's exact test for tables larger than 2 × 2
------------------------------------------------
The installed SciPy (1.15 and later) accepts tables larger than 2 × 2 in
``scipy.stats.fisher_exact``, but only through a resampling ``method``
(a Monte Carlo estimate whose digits change from run to run unless seeded).
For 2 × 2 tables we call SciPy's exact test. For larger tables we compute the
exact Freeman–Halton p-value ourselves by enumerating every table with the
observed margins (:func:`fisher_exact_rxc`); Fisher is only needed when
counts are small, which is when enumeration is quick. Past ``max_tables``
tables we fall back to SciPy's Monte Carlo estimate with an explicit seed, so
the same input always prints the same p-value, and the result says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats
from scipy.special import gammaln

MAX_TABLES = 100_000
"""Past this many (partial) tables enumerated, Fisher is estimated by Monte Carlo."""

MONTE_CARLO_RESAMPLES = 20_000

Counts = Sequence[Sequence[int]] | NDArray[np.int64]


@dataclass(frozen=True)
class AssociationTest:
    """The outcome of :func:`association_test`.

    ``test`` is ``"chi-square"``, ``"fisher"`` or ``"none"``; ``reason`` says
    in words why that test was chosen (or why there is none); ``method`` how
    the p-value was computed. ``expected`` has the shape of the full table
    (0 for rows or columns left out). ``chi_square`` and ``cramers_v`` are
    given whenever a test was possible, also when Fisher's p-value is used:
    V describes the strength of association either way.
    """

    test: str
    reason: str
    method: str
    expected: tuple[tuple[float, ...], ...]
    chi_square: float | None = None
    df: int | None = None
    p_value: float | None = None
    cramers_v: float | None = None
    small_expected: int = 0
    cells: int = 0


def expected_counts(observed: Counts) -> NDArray[np.float64]:
    """Expected counts under independence: ``E_ij = R_i * C_j / N``.

    ``R_i`` and ``C_j`` are the row and column totals, ``N`` the grand total;
    all zeros when ``N`` is 0.

    >>> expected_counts([[10, 10], [20, 0]]).tolist()
    [[15.0, 5.0], [15.0, 5.0]]
    """
    table = np.asarray(observed, dtype=float)
    total = table.sum()
    if total == 0:
        return np.zeros_like(table)
    return np.outer(table.sum(axis=1), table.sum(axis=0)) / total


def pearson_chi_square(observed: Counts) -> tuple[float, int, float]:
    """Pearson's chi-square: ``X² = Σ (O_ij − E_ij)² / E_ij``, without continuity correction.

    Degrees of freedom ``(r − 1)(c − 1)``; the p-value is the upper tail of the
    chi-square distribution. Same as ``scipy.stats.chi2_contingency`` with
    ``correction=False`` (SciPy applies Yates' correction to 2 × 2 tables by
    default; survey tables print the uncorrected Pearson value). The table
    must have no empty row or column.

    >>> stat, df, p = pearson_chi_square([[10, 20], [20, 10]])
    >>> round(stat, 4), df, round(p, 4)
    (6.6667, 1, 0.0098)
    """
    table = np.asarray(observed, dtype=float)
    expected = expected_counts(table)
    statistic = float(((table - expected) ** 2 / expected).sum())
    df = (table.shape[0] - 1) * (table.shape[1] - 1)
    return statistic, df, float(stats.chi2.sf(statistic, df))


def cramers_v(chi_square: float, n: int, rows: int, columns: int) -> float:
    """Cramér's V: ``sqrt(X² / (N · (min(r, c) − 1)))``, from 0 (none) to 1 (perfect).

    >>> cramers_v(6.6667, 60, 2, 2).__round__(3)
    0.333
    """
    k = min(rows, columns) - 1
    if n == 0 or k == 0:
        return 0.0
    return math.sqrt(chi_square / (n * k))


def cochran_ok(expected: NDArray[np.float64]) -> bool:
    """Cochran's rule: no expected count below 1, at most 20 % of cells below 5."""
    cells = expected.size
    return bool((expected >= 1).all() and (expected < 5).sum() <= 0.2 * cells)


def association_test(
    observed: Counts, *, seed: int = 0, max_tables: int = MAX_TABLES
) -> AssociationTest:
    """Chi-square when Cochran's rule holds, Fisher's exact test otherwise; and Cramér's V.

    ``seed`` is used only if a Fisher test on a large table has to be
    estimated by Monte Carlo (see the module docstring).

    >>> result = association_test([[3, 1], [1, 3]])
    >>> result.test, round(result.p_value, 4)
    ('fisher', 0.4857)
    """
    full = np.asarray(observed, dtype=np.int64)
    table = _drop_empty(full)
    expected_full = expected_counts(full)
    expected = tuple(tuple(float(v) for v in row) for row in expected_full)
    if table.shape[0] < 2 or table.shape[1] < 2:
        reason = "no test: it needs at least two answered categories in each question"
        return AssociationTest("none", reason, "", expected)
    chi, df, p_chi = pearson_chi_square(table)
    exp = expected_counts(table)
    small = int((exp < 5).sum())
    if cochran_ok(exp):
        reason = f"chi-square: {small} of {exp.size} cells have an expected count below 5"
        test, method, p_value = "chi-square", "Pearson", p_chi
    else:
        p_value, method = fisher_p_value(table, seed=seed, max_tables=max_tables)
        test = "fisher"
        reason = (
            f"Fisher's exact test: expected counts too small for chi-square ({small} of "
            f"{exp.size} cells below 5, smallest {exp.min():.2f})"
        )
    return AssociationTest(
        test, reason, method, expected, chi, df, p_value,
        cramers_v(chi, int(table.sum()), *table.shape), small, int(exp.size),
    )  # fmt: skip


def _drop_empty(table: NDArray[np.int64]) -> NDArray[np.int64]:
    if table.size == 0:
        return table.reshape(0, 0)
    return table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]


def fisher_p_value(
    table: Counts, *, seed: int = 0, max_tables: int = MAX_TABLES
) -> tuple[float, str]:
    """Fisher's exact p-value and how it was computed (see the module docstring)."""
    counts = np.asarray(table, dtype=np.int64)
    if counts.shape == (2, 2):
        return float(stats.fisher_exact(counts).pvalue), "exact (2 × 2, SciPy)"
    exact = fisher_exact_rxc(counts, max_tables=max_tables)
    if exact is not None:
        return exact, "exact (Freeman–Halton, all tables with these margins)"
    rng = np.random.default_rng(seed)
    method = stats.MonteCarloMethod(n_resamples=MONTE_CARLO_RESAMPLES, rng=rng)
    p = float(stats.fisher_exact(counts, method=method).pvalue)
    return p, f"Monte Carlo estimate ({MONTE_CARLO_RESAMPLES} tables, seed {seed})"


def fisher_exact_rxc(table: Counts, *, max_tables: int = MAX_TABLES) -> float | None:
    """Exact Freeman–Halton p-value of an r × c table, or ``None`` past ``max_tables``.

    With margins fixed, a table has probability
    ``P = Π R_i! Π C_j! / (N! Π n_ij!)``; the p-value is the sum of ``P`` over
    every table with the same margins that is no more probable than the
    observed one (within a relative 1e-7, as R's ``fisher.test`` does). The
    tables are enumerated column by column; the last column is fixed by the
    row totals left over. ``max_tables`` bounds the work: every partial
    table visited counts, so the time stays bounded (about a second).

    >>> round(fisher_exact_rxc([[3, 1], [1, 3]]), 4)
    0.4857
    """
    counts = np.asarray(table, dtype=np.int64)
    if counts.shape[0] > counts.shape[1]:
        counts = counts.T
    counts = counts[:, np.argsort(counts.sum(axis=0))]
    rows = [int(v) for v in counts.sum(axis=1)]
    cols = [int(v) for v in counts.sum(axis=0)]
    log_fact = gammaln(np.arange(sum(rows) + 2) + 1.0).tolist()
    constant = sum(log_fact[r] for r in rows) + sum(log_fact[c] for c in cols) - log_fact[sum(rows)]
    observed = constant - sum(log_fact[int(v)] for v in counts.ravel())
    limit = observed + 1e-7
    total = 0.0
    try:
        for log_p in _table_log_probs(cols, rows, log_fact, constant, budget=[max_tables]):
            if log_p <= limit:
                total += math.exp(log_p)
    except _TooMany:
        return None
    return min(1.0, total)


class _TooMany(Exception):
    """Raised inside the enumeration when its budget is spent."""


def _table_log_probs(
    cols: list[int], rows: list[int], log_fact: list[float], constant: float, budget: list[int]
) -> Iterator[float]:
    """Log-probability of every table with these margins (depth-first over columns).

    ``budget[0]`` is decremented at every partial table; at 0 it raises :class:`_TooMany`.
    """

    def walk(j: int, remaining: list[int], acc: float) -> Iterator[float]:
        budget[0] -= 1
        if budget[0] < 0:
            raise _TooMany
        if j == len(cols) - 1:
            yield acc - sum(log_fact[r] for r in remaining)
            return
        for column in _compositions(cols[j], remaining):
            left = [r - x for r, x in zip(remaining, column, strict=True)]
            yield from walk(j + 1, left, acc - sum(log_fact[x] for x in column))

    yield from walk(0, list(rows), constant)


def _compositions(total: int, bounds: list[int]) -> Iterator[list[int]]:
    """Every vector ``x`` with ``sum(x) == total`` and ``0 <= x_i <= bounds_i``."""
    if len(bounds) == 1:
        if total <= bounds[0]:
            yield [total]
        return
    rest = sum(bounds[1:])
    for first in range(max(0, total - rest), min(total, bounds[0]) + 1):
        for tail in _compositions(total - first, bounds[1:]):
            yield [first, *tail]
