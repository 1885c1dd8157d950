"""Percentages the way published tables print them.

A published survey table rounds each percentage *once*, half up, from the
exact value, to one decimal: 30.05 % is printed 30.1, and 12.25 % is printed
12.3. Python's ``round(12.25, 1)`` gives 12.2 instead, for two reasons: it
rounds half to even, and 12.25 computed as a float is already slightly below
12.25 (binary fractions cannot hold most decimals). Both would make a table
disagree with a hand calculation or with SPSS in the last digit.

So percentages here are computed in exact integer arithmetic and returned as
:class:`decimal.Decimal` values with one decimal, which keep their digits
("92.0") when printed. A share made of several categories (for instance the
"very or somewhat positive" of a Likert scale) is computed from the summed
counts, never by adding rounded percentages.

We print one decimal always ("92.0", not "92"): columns line up and the
reader sees the precision. A paper that prints "92 per cent" reports the
same figure at a coarser precision; :func:`matches_published` compares them.
"""

from __future__ import annotations

from decimal import Decimal


def percent(count: int, base: int, *, decimals: int = 1) -> Decimal | None:
    """``count / base * 100`` rounded half up to ``decimals`` places.

    Formula: with ``s = 10**decimals``, the result is
    ``floor((200 * s * count + base) / (2 * base)) / s``, which is
    ``100 * count / base`` rounded half up, in integers only (no float, no
    double rounding). Returns ``None`` when the base is 0 (no percentage).

    >>> percent(103, 131)
    Decimal('78.6')
    >>> percent(49, 400)   # 12.25 exactly: half up, where round() gives 12.2
    Decimal('12.3')
    >>> percent(92, 100)
    Decimal('92.0')
    >>> percent(1, 0) is None
    True
    """
    if count < 0 or base < 0:
        raise ValueError("counts cannot be negative")
    if base == 0:
        return None
    scale = 10**decimals
    scaled = (200 * scale * count + base) // (2 * base)
    return Decimal(scaled).scaleb(-decimals)


def matches_published(value: Decimal | None, published: str) -> bool:
    """Whether ``value`` prints as ``published`` at the published precision.

    "92" has no decimals, so 92.0 matches it and 91.6 does not (a paper may
    have rounded 91.6 to 92, but our one-decimal value then says 91.6).

    >>> matches_published(Decimal("92.0"), "92")
    True
    >>> matches_published(Decimal("30.1"), "30.1")
    True
    >>> matches_published(Decimal("91.6"), "92")
    False
    """
    if value is None:
        return False
    target = Decimal(published)
    return value == target and value.quantize(target) == target


def rounds_to_published(count: int, base: int, published: str) -> bool:
    """Whether ``count / base`` is ``published`` when rounded, half up, as the paper printed it.

    A paper that prints "43 per cent" of 131 respondents rounded 56 / 131 =
    42.7 % to a whole number; this rounds the exact share once, at the
    published precision, and compares (never from our one-decimal figure,
    which would round twice).

    >>> rounds_to_published(56, 131, "43"), rounds_to_published(103, 131, "78.6")
    (True, True)
    >>> rounds_to_published(56, 113, "43")
    False
    """
    exponent = Decimal(published).as_tuple().exponent
    if not isinstance(exponent, int):  # "NaN" or "Infinity": never a printed figure
        raise ValueError(f"not a published percentage: {published!r}")
    decimals = max(0, -exponent)
    return percent(count, base, decimals=decimals) == Decimal(published)


def format_percent(value: Decimal | None) -> str:
    """The printed form: one decimal, or an en dash where there is no base."""
    return "–" if value is None else f"{value}"


def format_p(p: float | None) -> str:
    """A p-value as tables print it: four decimals, or "< 0.0001".

    >>> format_p(0.03125), format_p(0.00001), format_p(None)
    ('0.0312', '< 0.0001', '–')
    """
    if p is None:
        return "–"
    return "< 0.0001" if p < 0.0001 else f"{p:.4f}"
