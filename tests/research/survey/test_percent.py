"""Percentages rounded once, half up, from exact counts."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from sistercities.research.survey.percent import format_percent, matches_published, percent


@pytest.mark.parametrize(
    ("count", "base", "expected"),
    [
        (103, 131, "78.6"),
        (31, 103, "30.1"),
        (9, 28, "32.1"),
        (49, 400, "12.3"),  # 12.25 exactly: half up (round() says 12.2)
        (1, 8, "12.5"),
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (0, 5, "0.0"),
        (5, 5, "100.0"),
        (1, 2000, "0.1"),  # 0.05 exactly: half up
        (1, 2001, "0.0"),
    ],
)
def test_percent_rounds_half_up_from_the_exact_value(count: int, base: int, expected: str) -> None:
    assert percent(count, base) == Decimal(expected)
    assert format_percent(percent(count, base)) == expected


def test_percent_agrees_with_exact_fractions_on_every_small_table() -> None:
    for base in range(1, 120):
        for count in range(base + 1):
            exact = Fraction(100 * count, base)
            tenths = int(exact * 10 + Fraction(1, 2))  # floor(x + 1/2): half up
            assert percent(count, base) == Decimal(tenths) / 10


def test_float_round_would_get_these_wrong() -> None:
    assert round(49 / 400 * 100, 1) == 12.2  # the reason percent() exists
    assert percent(49, 400) == Decimal("12.3")


def test_no_base_no_percentage() -> None:
    assert percent(0, 0) is None
    assert format_percent(None) == "–"
    with pytest.raises(ValueError):
        percent(-1, 3)


def test_published_figures_match_at_their_own_precision() -> None:
    assert matches_published(Decimal("92.0"), "92")
    assert not matches_published(Decimal("92.4"), "92")
    assert matches_published(Decimal("78.6"), "78.6")
    assert not matches_published(None, "0")
