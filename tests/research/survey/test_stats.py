"""Chi-square, Fisher and Cramér's V, checked against SciPy on other tables."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy import stats
from scipy.stats.contingency import association

from sistercities.research.survey.stats import (
    association_test,
    cochran_ok,
    cramers_v,
    expected_counts,
    fisher_exact_rxc,
    fisher_p_value,
    pearson_chi_square,
)

TABLES = [
    [[10, 20], [20, 10]],
    [[12, 5, 9], [7, 14, 8]],
    [[30, 10, 5, 8], [12, 22, 9, 15], [7, 6, 18, 11]],
    [[100, 1], [90, 12]],
    [[40, 40], [40, 40]],  # independence: X² = 0, V = 0
]


@pytest.mark.parametrize("table", TABLES)
def test_chi_square_matches_scipy_without_yates(table: list[list[int]]) -> None:
    ours = pearson_chi_square(table)
    theirs = stats.chi2_contingency(table, correction=False)
    assert ours[0] == pytest.approx(theirs.statistic, abs=1e-12)
    assert ours[1] == theirs.dof
    assert ours[2] == pytest.approx(theirs.pvalue, rel=1e-9)
    assert expected_counts(table) == pytest.approx(theirs.expected_freq)


@pytest.mark.parametrize("table", TABLES)
def test_cramers_v_matches_scipy(table: list[list[int]]) -> None:
    chi, _, _ = pearson_chi_square(table)
    n = int(np.sum(table))
    ours = cramers_v(chi, n, len(table), len(table[0]))
    assert ours == pytest.approx(association(table, method="cramer", correction=False))


@pytest.mark.parametrize(
    "table",
    [[[3, 1], [1, 3]], [[8, 2], [1, 5]], [[0, 5], [5, 0]], [[1, 9], [11, 3]], [[2, 0], [0, 0]]],
)
def test_enumerated_fisher_matches_scipy_exact_on_2x2(table: list[list[int]]) -> None:
    ours = fisher_exact_rxc(table)
    assert ours == pytest.approx(stats.fisher_exact(table).pvalue, rel=1e-9)


def _brute_force_p(table: list[list[int]]) -> float:
    """Every table with the margins, weighted by SciPy's own random_table pmf."""
    counts = np.asarray(table)
    rows, cols = counts.sum(axis=1), counts.sum(axis=0)
    dist = stats.random_table(rows, cols)
    observed = dist.pmf(counts)
    total = 0.0
    ranges = [range(min(r, c) + 1) for r in rows[:-1] for c in cols[:-1]]
    for cells in itertools.product(*ranges):
        inner = np.array(cells).reshape(len(rows) - 1, len(cols) - 1)
        last_col = rows[:-1] - inner.sum(axis=1)
        top = np.column_stack([inner, last_col])
        bottom = cols - top.sum(axis=0)
        candidate = np.vstack([top, bottom])
        if (candidate < 0).any():
            continue
        p = dist.pmf(candidate)
        if p <= observed * (1 + 1e-7):
            total += p
    return total


@pytest.mark.parametrize(
    "table",
    [[[3, 1, 2], [1, 4, 0]], [[2, 0, 1], [0, 3, 1], [1, 1, 2]], [[5, 0, 0, 1], [0, 2, 3, 0]]],
)
def test_rxc_fisher_matches_scipy_pmf_enumeration(table: list[list[int]]) -> None:
    assert fisher_exact_rxc(table) == pytest.approx(_brute_force_p(table), rel=1e-9)


def test_rxc_fisher_agrees_with_scipy_monte_carlo() -> None:
    table = [[3, 1, 2], [1, 4, 0]]
    method = stats.MonteCarloMethod(n_resamples=200_000, rng=np.random.default_rng(1))
    estimate = stats.fisher_exact(table, method=method).pvalue
    assert fisher_exact_rxc(table) == pytest.approx(estimate, abs=0.005)


def test_large_table_falls_back_to_a_seeded_monte_carlo() -> None:
    table = [[1, 2, 1, 0], [3, 3, 6, 1], [10, 10, 14, 9], [6, 7, 12, 11]]  # R's "Job"
    p1, method = fisher_p_value(table, seed=7, max_tables=1000)
    p2, _ = fisher_p_value(table, seed=7, max_tables=1000)
    assert "Monte Carlo" in method and "seed 7" in method
    assert p1 == p2  # same seed, same p
    assert p1 == pytest.approx(0.7827, abs=0.01)  # R: fisher.test(Job)$p.value


def test_chi_square_is_used_when_expected_counts_are_large() -> None:
    result = association_test([[30, 10], [10, 30]])
    assert result.test == "chi-square"
    assert result.p_value == pytest.approx(
        stats.chi2_contingency([[30, 10], [10, 30]], correction=False).pvalue
    )


def test_fisher_is_used_and_said_when_expected_counts_are_small() -> None:
    result = association_test([[3, 1], [1, 3]])
    assert result.test == "fisher"
    assert "expected counts too small" in result.reason
    assert result.p_value == pytest.approx(stats.fisher_exact([[3, 1], [1, 3]]).pvalue)
    assert result.cramers_v == pytest.approx(0.5)


def test_cochran_rule_boundaries() -> None:
    assert cochran_ok(np.array([[5.0, 5.0], [5.0, 5.0]]))
    assert not cochran_ok(np.array([[4.9, 5.0], [5.0, 5.0]]))  # 25 % of cells below 5
    assert cochran_ok(np.array([[4.0] + [10.0] * 4]))  # exactly 20 %
    assert not cochran_ok(np.array([[0.9] + [10.0] * 9]))  # one below 1


def test_empty_rows_and_columns_are_left_out_of_the_test() -> None:
    with_zero = [[10, 0, 20], [20, 0, 10], [0, 0, 0]]
    result = association_test(with_zero)
    reference = stats.chi2_contingency([[10, 20], [20, 10]], correction=False)
    assert result.chi_square == pytest.approx(reference.statistic)
    assert result.df == 1
    assert len(result.expected) == 3 and result.expected[2] == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    "table",
    [
        [[5, 7, 9]],  # 1 × N
        [[5], [7]],  # N × 1
        [[0, 0], [0, 0]],  # nobody
        [[0, 0], [0, 12]],  # all in one cell
        [[4, 0], [3, 0]],  # one empty column leaves N × 1
    ],
)
def test_no_test_without_two_answered_categories_on_each_side(table: list[list[int]]) -> None:
    result = association_test(table)
    assert result.test == "none"
    assert result.p_value is None and "at least two" in result.reason


def test_zero_by_zero_table() -> None:
    result = association_test(np.zeros((0, 0), dtype=int))
    assert result.test == "none"


def test_cramers_v_edges() -> None:
    assert cramers_v(0.0, 0, 2, 2) == 0.0
    assert cramers_v(10.0, 10, 2, 2) == 1.0  # perfect association
    perfect = association_test([[20, 0], [0, 20]])
    assert perfect.cramers_v == pytest.approx(1.0)
