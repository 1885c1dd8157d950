"""Partial dates: a year alone is common in this field.

A date is stored as the first day it can mean plus a precision
(:class:`~sistercities.taxonomy.DatePrecision`), so that "1989" sorts and
compares like a date while it is still shown and exported as "1989".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from sistercities.errors import InputError
from sistercities.taxonomy import DatePrecision

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class PartialDate(NamedTuple):
    """A date and how much of it is known."""

    date: dt.date
    precision: DatePrecision

    def __str__(self) -> str:
        return format_partial(self.date, self.precision) or ""

    @property
    def last_day(self) -> dt.date:
        """The last day this partial date can mean (31 December for a year)."""
        return last_day(self.date, self.precision)


def parse_partial(text: str | dt.date | None, *, field: str = "date") -> PartialDate | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or a ``date``); ``None``/blank stays unknown.

    >>> parse_partial("1989")
    PartialDate(date=datetime.date(1989, 1, 1), precision=<DatePrecision.YEAR: 'year'>)
    """
    if text is None:
        return None
    if isinstance(text, dt.datetime):
        return PartialDate(text.date(), DatePrecision.DAY)
    if isinstance(text, dt.date):
        return PartialDate(text, DatePrecision.DAY)
    text = text.strip()
    if not text:
        return None
    match = _PARTIAL.match(text[:10] if "T" in text else text)
    if not match:
        raise InputError(_not_a_date(text), field=field)
    year, month, day = match.groups()
    try:
        if day is not None:
            return PartialDate(dt.date(int(year), int(month), int(day)), DatePrecision.DAY)
        if month is not None:
            return PartialDate(dt.date(int(year), int(month), 1), DatePrecision.MONTH)
        return PartialDate(dt.date(int(year), 1, 1), DatePrecision.YEAR)
    except ValueError as exc:
        raise InputError(_invalid_date(text, str(exc)), field=field) from None


def _not_a_date(text: str) -> str:
    from sistercities.messages import Message  # messages reads dates: imported when needed

    return Message("%(text)r is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", text=text)


def _invalid_date(text: str, why: str) -> str:
    from sistercities.messages import Message

    return Message("%(text)r is not a valid date (%(why)s)", text=text, why=why)


def format_partial(date: dt.date | None, precision: str | None) -> str | None:
    """Show a stored date with no more precision than is known."""
    if date is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{date.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def last_day(date: dt.date, precision: str | None) -> dt.date:
    """The last day a partial date can mean."""
    if precision == DatePrecision.YEAR:
        return dt.date(date.year, 12, 31)
    if precision == DatePrecision.MONTH:
        next_month = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return next_month - dt.timedelta(days=1)
    return date
