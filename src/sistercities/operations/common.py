"""What the operations share: reading a date given as text, finding a place or relationship."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.registry import queries
from sistercities.registry.models import Place, Relationship


def as_of_date(value: str | dt.date | None, *, field: str = "as_of") -> dt.date:
    """A reference date: a ``date``, ISO text ``YYYY-MM-DD``, or today when None.

    >>> as_of_date("2024-04-30")
    datetime.date(2024, 4, 30)
    >>> as_of_date("30/04/2024")
    Traceback (most recent call last):
    ...
    sistercities.errors.InputError: as_of: '30/04/2024' is not a date (YYYY-MM-DD)
    """
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            Message("%(value)r is not a date (YYYY-MM-DD)", value=value), field=field
        ) from None


def optional_place(session: Session, place: str | int | None) -> Place | None:
    """The place named by an id or ``'name, country'``, or None when not given."""
    return None if place is None else queries.find_place(session, str(place))


def relationship_id(session: Session, relationship: int | str) -> int:
    """The id of the relationship named by its id or its two places (``"Cuenca/Peekskill"``)."""
    rel: Relationship = queries.relationship_named(session, relationship)
    return rel.id
