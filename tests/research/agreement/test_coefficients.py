"""The coefficients against published worked examples, scikit-learn and the GPL package.

Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C:
four observers, twelve units, values 1-5 with missing values; the paper gives
alpha = 0.743 (nominal), 0.815 (ordinal), 0.849 (interval), 0.797 (ratio).
The ``krippendorff`` package (GPL) is used here only, as a second opinion.
"""

from __future__ import annotations

import doctest
import random

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from sistercities.research.agreement import coefficients
from sistercities.research.agreement.coefficients import (
    cohen_kappa,
    fleiss_kappa,
    from_rows,
    krippendorff_alpha,
    percent_agreement,
)

N = None
KRIPPENDORFF_2011_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
PUBLISHED = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}


def _as_array(rows: list[list[int | None]]) -> np.ndarray:
    return np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)


@pytest.mark.parametrize("level", sorted(PUBLISHED))
def test_alpha_matches_krippendorffs_worked_example(level: str) -> None:
    alpha = krippendorff_alpha(from_rows(KRIPPENDORFF_2011_C), level)  # type: ignore[arg-type]
    assert alpha.value is not None
    assert round(alpha.value, 3) == PUBLISHED[level]
    # unit 12 has one value only: it cannot be paired and is left out
    assert alpha.units == 11
    reference = krippendorff.alpha(
        reliability_data=_as_array(KRIPPENDORFF_2011_C), level_of_measurement=level
    )
    assert alpha.value == pytest.approx(reference, abs=1e-12)


def test_alpha_on_random_data_with_missing_values_agrees_with_the_package() -> None:
    rng = random.Random(12)
    for _ in range(20):
        coders, units = rng.randint(2, 5), rng.randint(5, 40)
        rows = [
            [rng.choice([1, 2, 3, 4, None]) if rng.random() < 0.8 else None for _ in range(units)]
            for _ in range(coders)
        ]
        for level in ("nominal", "ordinal", "interval"):
            ours = krippendorff_alpha(from_rows(rows), level)  # type: ignore[arg-type]
            try:
                theirs = krippendorff.alpha(
                    reliability_data=_as_array(rows), level_of_measurement=level
                )
            except ValueError:  # the package refuses data with one value only
                assert ours.value is None
                continue
            if ours.value is None:
                assert np.isnan(theirs) or not np.isfinite(theirs)
            else:
                assert ours.value == pytest.approx(theirs, abs=1e-9)


def test_cohen_kappa_equals_scikit_learn() -> None:
    rng = random.Random(7)
    for _ in range(30):
        size = rng.randint(5, 60)
        a = [rng.choice("xyz") for _ in range(size)]
        b = [v if rng.random() < 0.6 else rng.choice("xyz") for v in a]
        if len(set(a) | set(b)) < 2:
            continue
        ours = cohen_kappa(from_rows([a, b]))
        assert ours.value == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
        assert ours.units == size


def test_fleiss_kappa_on_fleiss_1971_style_counts_by_hand() -> None:
    # Three coders, four units: unanimous 1, 2-1, unanimous 0, 2-1.
    # P_i = 1, 1/3, 1, 1/3 -> P = 2/3; p_1 = p_0 = 1/2 -> P_e = 1/2; kappa = 1/3.
    data = from_rows([[1, 1, 0, 0], [1, 0, 0, 0], [1, 1, 0, 1]])
    assert fleiss_kappa(data).value == pytest.approx(1 / 3)
    # For two coders with no missing value Fleiss' kappa is Scott's pi,
    # which alpha corrects for small samples: alpha = 1 - (1 - pi) * (2N - 1) / 2N
    two = from_rows([[1, 1, 0, 0, 1, 0], [1, 0, 0, 0, 1, 1]])
    pi, alpha = fleiss_kappa(two).value, krippendorff_alpha(two).value
    assert pi is not None and alpha is not None
    assert alpha == pytest.approx(1 - (1 - pi) * 11 / 12)


def test_perfect_agreement_is_one_everywhere() -> None:
    data = from_rows([[1, 2, 3, 1], [1, 2, 3, 1], [1, 2, 3, 1]])
    assert percent_agreement(data).value == 1.0
    assert fleiss_kappa(data).value == pytest.approx(1.0)
    assert krippendorff_alpha(data).value == pytest.approx(1.0)
    assert cohen_kappa(from_rows([[1, 2, 3], [1, 2, 3]])).value == pytest.approx(1.0)


def test_no_variation_is_undefined_not_a_number() -> None:
    data = from_rows([[1, 1, 1], [1, 1, 1]])
    assert percent_agreement(data).value == 1.0
    for coefficient in (cohen_kappa(data), fleiss_kappa(data), krippendorff_alpha(data)):
        assert coefficient.value is None
        assert coefficient.reason is not None and "no variation" in coefficient.reason
    assert krippendorff_alpha(data, "interval").value is None


def test_nothing_pairable_is_undefined() -> None:
    data = from_rows([[1, None], [None, 2]])
    for coefficient in (percent_agreement(data), krippendorff_alpha(data), cohen_kappa(data)):
        assert coefficient.value is None and coefficient.units == 0


def test_cohen_kappa_refuses_three_coders() -> None:
    with pytest.raises(ValueError, match="two coders"):
        cohen_kappa(from_rows([[1], [1], [1]]))


def test_rows_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="one value"):
        from_rows([[1, 2], [1]])


def test_the_doctests_hold() -> None:
    assert doctest.testmod(coefficients).failed == 0
