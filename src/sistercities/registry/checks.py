"""Checks shared by the institutional-memory writers (actors, activities, status).

Each returns the cleaned value or raises :class:`~sistercities.errors.InputError`
naming the field, so a writer can run all its checks before it adds anything
to the session: a refused input leaves the registry as it was.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from sqlalchemy.orm import Session

from sistercities.dates import PartialDate, parse_partial
from sistercities.errors import InputError
from sistercities.messages import Message, Number
from sistercities.places.names import fold
from sistercities.registry.models import Actor, Relationship


def partial(text: str | dt.date | None, field: str) -> PartialDate | None:
    """Parse an optional partial date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)."""
    return parse_partial(text, field=field)


def columns(parsed: PartialDate | None, prefix: str) -> dict[str, Any]:
    """Column values of a partial date: ``start`` → ``start_date``, ``start_precision``.

    The prefix ``date`` gives the ``date`` / ``date_precision`` pair of activities.
    """
    date_column = "date" if prefix == "date" else f"{prefix}_date"
    precision_column = f"{prefix}_precision"
    return {
        date_column: parsed.date if parsed else None,
        precision_column: parsed.precision if parsed else None,
    }


def period(start: PartialDate | None, end: PartialDate | None, end_field: str = "end") -> None:
    """Refuse a period that surely ends before it starts.

    Partial dates compare generously: ``2021`` to ``2021-03`` is fine, since
    the year may mean any day of 2021.
    """
    if start and end and end.last_day < start.date:
        raise InputError(ends_before(start, end), field=end_field)


def ends_before(start: PartialDate, end: PartialDate) -> Message:
    """The refusal of a period that ends before it starts (the dates as typed)."""
    return Message("ends (%(end)s) before it starts (%(start)s)", end=str(end), start=str(start))


def not_future(when: PartialDate | None, today: dt.date, field: str) -> None:
    """Refuse a date that lies wholly after ``today`` (a past event cannot)."""
    if when is not None and when.date > today:
        raise InputError(
            Message(
                "%(when)s is in the future (today is %(today)s); "
                "record a planned commitment instead",
                when=str(when),
                today=today.isoformat(),
            ),
            field=field,
        )


#: The largest amount stored: far beyond any real flow, within every backend's float.
MAX_AMOUNT = 1e15


def non_negative(value: float | None, field: str) -> None:
    """Refuse a negative, infinite or not-a-number count or amount (``None`` means
    unknown and is fine).

    Why: ``float("nan")``, ``float("inf")`` and ``1e400`` (which is ``inf``) pass
    a ``< 0`` test; stored, they print as JSON no parser reads (``NaN``) and
    PostgreSQL refuses them in an integer column.
    """
    if value is None:
        return
    if not math.isfinite(value):
        raise InputError(Message("must be a number, not %(value)s", value=str(value)), field=field)
    if value < 0:
        raise InputError(
            Message("must not be negative (got %(value)s)", value=Number(value, "g")), field=field
        )
    if value > MAX_AMOUNT:
        raise InputError(
            Message(
                "is too large (%(value)s; at most %(limit)s)",
                value=Number(value, "g"),
                limit=Number(MAX_AMOUNT, "g"),
            ),
            field=field,
        )


def side(rel: Relationship, place_id: int | None, field: str) -> int | None:
    """A place id that must be one of the relationship's two places."""
    if place_id is None:
        return None
    if rel.side_of(place_id) is None:
        raise InputError(
            Message(
                "place %(place)s is not a side of relationship %(rel)s (%(a)s or %(b)s)",
                place=str(place_id),
                rel=str(rel.id),
                a=rel.place_a.label(),
                b=rel.place_b.label(),
            ),
            field=field,
        )
    return place_id


def side_ref(rel: Relationship, text: str | int | None, field: str) -> int | None:
    """Resolve a side given by place id or name (accents and case ignored).

    Only the relationship's two places are candidates, so ``Cuenca`` is never
    ambiguous here even if the registry holds several places of that name.
    """
    if text is None or text == "":
        return None
    value = str(text).strip()
    if value.isdigit():
        return side(rel, int(value), field)
    for place in (rel.place_a, rel.place_b):
        if fold(place.name) == fold(value):
            return place.id
    raise InputError(
        Message(
            "%(value)r is not a side of this relationship (%(a)s or %(b)s)",
            value=value,
            a=rel.place_a.label(),
            b=rel.place_b.label(),
        ),
        field=field,
    )


def no_relationship(relationship_id: int | str) -> Message:
    """The refusal of a relationship id the registry does not hold (ids are never grouped)."""
    return Message("no relationship with id %(id)s", id=str(relationship_id))


def no_place(place_id: int | str) -> Message:
    """The refusal of a place id the registry does not hold."""
    return Message("no place with id %(id)s", id=str(place_id))


def actor(session: Session, actor_id: int, field: str) -> Actor:
    """An existing actor, or an error naming the field."""
    found = session.get(Actor, actor_id)
    if found is None:
        raise InputError(Message("no actor with id %(id)s", id=str(actor_id)), field=field)
    return found


def relationship(
    session: Session, relationship_id: int, field: str = "relationship"
) -> Relationship:
    """An existing relationship, or an error naming the field."""
    found = session.get(Relationship, relationship_id)
    if found is None:
        raise InputError(
            no_relationship(relationship_id), field=field
        )
    return found


def short_text(value: str | None, field: str, limit: int) -> str:
    """A required, non-blank text of at most ``limit`` characters."""
    text = (value or "").strip()
    if not text:
        raise InputError(Message("must not be empty"), field=field)
    if len(text) > limit:
        raise InputError(
            Message(
                "is %(n)s characters long (at most %(limit)s)",
                n=Number(len(text), ","),
                limit=limit,
            ),
            field=field,
        )
    return text
