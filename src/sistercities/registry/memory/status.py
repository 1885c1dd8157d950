"""Changing a relationship's status, with a date and a reason; the history is kept whole.

Why: "dormant under the previous two administrations" (`004`) is only known if
someone wrote down when and why. Each change appends a
:class:`~sistercities.registry.models.StatusChange`; nothing is rewritten.

Allowed transitions (:data:`TRANSITIONS`)
-----------------------------------------
============  ==========================================
from          to
============  ==========================================
proposed      active (signed), ended (abandoned)
active        dormant, suspended, ended
dormant       active (revived), suspended, ended
suspended     active (resumed), dormant, ended
ended         — (final: a renewed agreement is a new relationship)
unknown       any of the above (a source now describes it)
============  ==========================================

A change is **out of order** — and refused, naming the field — when the
transition is not in the table (``ended → active``, ``active → proposed``),
when it repeats the current status, or when it is dated before the previous
dated change or in the future. Partial dates compare generously (``2021``
is not before ``2021-03``).

Every change edits the relationship row, so its ``version`` moves on: a
writer who read the relationship before someone else changed it gets a
:class:`~sistercities.errors.ConflictError` and stores nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sistercities import taxonomy
from sistercities.dates import PartialDate, format_partial
from sistercities.errors import ConflictError, InputError
from sistercities.messages import Message, Term, Terms
from sistercities.registry import checks
from sistercities.registry.models import Relationship, StatusChange
from sistercities.registry.records import check_choice

S = taxonomy.RelationshipStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PROPOSED: frozenset({S.ACTIVE, S.ENDED}),
    S.ACTIVE: frozenset({S.DORMANT, S.SUSPENDED, S.ENDED}),
    S.DORMANT: frozenset({S.ACTIVE, S.SUSPENDED, S.ENDED}),
    S.SUSPENDED: frozenset({S.ACTIVE, S.DORMANT, S.ENDED}),
    S.ENDED: frozenset(),
    S.UNKNOWN: frozenset({S.PROPOSED, S.ACTIVE, S.DORMANT, S.SUSPENDED, S.ENDED}),
}


@dataclass
class StatusInput:
    """A requested status change."""

    relationship_id: int
    status: str
    date: str | dt.date
    reason: str
    expected_version: int | None = None  # the version the writer read, if known


def _check_transition(current: str, wanted: str) -> None:
    if wanted == current:
        raise InputError(
            Message("the relationship is already %(status)s", status=Term("status", current)),
            field="status",
        )
    allowed = TRANSITIONS.get(current, frozenset())
    if wanted not in allowed:
        options: Terms | Message = (
            Terms("status", tuple(sorted(allowed))) if allowed else Message("none (ended is final)")
        )
        raise InputError(
            Message(
                "cannot go from %(current)s to %(wanted)s; from %(current)s: %(options)s",
                current=Term("status", current),
                wanted=Term("status", wanted),
                options=options,
            ),
            field="status",
        )


def _check_order(rel: Relationship, when: PartialDate) -> None:
    dated = [c for c in rel.status_changes if c.date is not None]
    if not dated:
        return
    previous = max(dated, key=lambda c: c.date or dt.date.min)
    assert previous.date is not None
    if when.last_day < previous.date:
        raise InputError(
            Message(
                "%(when)s is before the previous change (%(status)s, %(date)s)",
                when=str(when),
                status=Term("status", previous.to_status),
                date=format_partial(previous.date, previous.date_precision),
            ),
            field="date",
        )


def set_status(
    session: Session, data: StatusInput, *, today: dt.date | None = None
) -> StatusChange:
    """Move a relationship to a new status, dated and with a reason.

    Raises :class:`InputError` (naming ``status``, ``date`` or ``reason``) for a
    change out of order, and :class:`ConflictError` when ``expected_version``
    is no longer the relationship's version.
    """
    rel = checks.relationship(session, data.relationship_id)
    if data.expected_version is not None and rel.version != data.expected_version:
        raise ConflictError(
            Message(
                "relationship %(id)s is at version %(version)s, not %(expected)s: "
                "someone changed it since you read it; reload it and apply your change again",
                id=str(rel.id),
                version=rel.version,
                expected=data.expected_version,
            )
        )
    wanted = check_choice(data.status, S, "status")
    assert wanted is not None
    when = checks.partial(data.date, "date")
    if when is None:
        raise InputError(Message("give the date of the change"), field="date")
    checks.not_future(when, today or dt.date.today(), "date")
    reason = checks.short_text(data.reason, "reason", 2000)
    _check_transition(rel.status, wanted)
    _check_order(rel, when)
    change = StatusChange(
        from_status=rel.status,
        to_status=wanted,
        date=when.date,
        date_precision=when.precision,
        reason=reason,
        recorded_by=session.info.get("user"),
    )
    rel.status_changes.append(change)
    rel.status = wanted
    if wanted == S.ENDED:
        rel.end_date, rel.end_precision = when.date, when.precision
    session.flush()
    return change


def status_history(rel: Relationship) -> list[dict[str, str | None]]:
    """The status history as a person reads it: each change once, in date order, with
    the status it came from.

    An undated step keeps its place after the dated step recorded before it
    (its date is unknown, its order is not). A step stored without its
    from-status shows the status the step before it reached; a step to the
    status the one before it already reached is not a change and is not shown.
    """
    steps: list[tuple[dt.date, int, StatusChange]] = []
    carried = dt.date.min
    for order, change in enumerate(rel.status_changes):
        carried = change.date or carried
        steps.append((carried, order, change))
    steps.sort(key=lambda step: (step[0], step[1]))
    out: list[dict[str, str | None]] = []
    for _, _, change in steps:
        row = {
            "from": change.from_status or (out[-1]["to"] if out else None),
            "to": change.to_status,
            "date": format_partial(change.date, change.date_precision),
            "reason": change.reason,
            "recorded_by": change.recorded_by,
        }
        if out and row["to"] == out[-1]["to"]:
            continue  # the status it already had: not a change
        out.append(row)
    return out
