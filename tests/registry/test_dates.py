"""Partial dates keep the precision they were given."""

from __future__ import annotations

import datetime as dt

import pytest

from sistercities.dates import format_partial, parse_partial
from sistercities.errors import InputError


@pytest.mark.parametrize(
    ("text", "shown", "last"),
    [
        ("1989", "1989", dt.date(1989, 12, 31)),
        ("2001-04", "2001-04", dt.date(2001, 4, 30)),
        ("2024-02-29", "2024-02-29", dt.date(2024, 2, 29)),
        ("2023-12", "2023-12", dt.date(2023, 12, 31)),
    ],
)
def test_partial_dates_round_trip(text: str, shown: str, last: dt.date) -> None:
    parsed = parse_partial(text)
    assert parsed is not None
    assert format_partial(parsed.date, parsed.precision) == shown
    assert parsed.last_day == last


@pytest.mark.parametrize("text", ["89", "2023-13", "2023-02-30", "soon", "2023/01/02"])
def test_bad_dates_are_refused_naming_the_field(text: str) -> None:
    with pytest.raises(InputError, match="start"):
        parse_partial(text, field="start")


def test_blank_is_unknown() -> None:
    assert parse_partial("  ") is None and parse_partial(None) is None
