"""The health of a relationship: is it alive, and will it survive the next mayor?

Why: the papers keep finding relationships "dormant under the previous two
municipal administrations", partners that "lost all contact", and agreements
kept alive only where the community co-produces them (`004`, `001`). These
figures let an office see that coming, each with its formula and the records
behind it (:func:`explain`).

The analysis is pure: :func:`sistercities.analysis.load.health_records` reads
plain records from a session once, and :func:`relationship_health` computes
from them alone.

Figures (for a reference date ``as_of``)
----------------------------------------
last_activity
    The latest carried-out activity dated on or before ``as_of`` (open
    commitments never count). A partial date counts from its *last* possible
    day (``2021`` → 31 December 2021, clamped to ``as_of``), so that months
    since contact is never overstated: an activity dated ``2022`` is later
    than one dated ``2022-02-10``.
activities_per_year
    ``n / max(1, years)``: carried-out activities dated in ``[since, as_of]``
    over the years from ``since`` (the signing date, else the first dated
    activity) to ``as_of``. Range ``[0, ∞)``; ``None`` when neither date is
    known.
months_since_contact
    Whole months from the last activity to ``as_of``; with no dated
    activity, from the latest dated status change (the signing, a
    suspension...), which also counts from its last possible day, and the
    reason says so ("no recorded contact since the 1962 signing"). Range
    ``[0, ∞)``; ``None`` if neither is known, or if an undated change to
    active follows the latest dated status change with no dated activity
    after it (contact resumed on a date not on record: NYC–Beijing after 1989).
administrations_lived / administrations_survived
    *Lived*: administrations of either place that began after the
    relationship started (a change of government it went through; every
    dated one if the start is unknown) and on or before ``as_of``.
    *Survived with activity*: those of them during whose term (start to end,
    or to ``as_of`` while in office) at least one carried-out activity took
    place. Range ``0 ≤ survived ≤ lived``.
non_government_carrier
    Whether any current manager, carrier or contact of the relationship is a
    non-state actor (an association, a diaspora organisation, a university).
    *Current*: no end, or an end whose last possible day is not before
    ``as_of`` (a part that ends "2024" still counts in June 2024).
government_only_sides
    The sides no non-state actor carries (a side nobody carries counts).
administration_change_near
    Administrations of either place whose end may fall within
    ``change_within_months`` after ``as_of``: a partial end counts if any day
    it can mean does (a term ending "2024" is near in June 2024).
suggestion
    ``ended``, ``proposed`` and ``suspended`` are kept: they are decisions,
    not symptoms; so is ``dormant`` when the record says so (a source that
    calls it dormant, as `004` does Quito's US partners). Otherwise
    ``not_enough_on_record`` when there is no dated activity and no dated
    status change (``missing`` says what is missing): no record is not
    evidence, so silence is never read as dormancy. Then ``dormant`` when
    months since contact ≥ ``dormant_after_months`` and no carried-out
    activity is undated (an undated one may be more recent: then
    ``not_enough_on_record``, its dates missing), ``at_risk`` when an
    administration change is near on a side only the government carries,
    else ``active``.
missing
    What a verdict would need and the record lacks: a dated activity, a
    dated status change, a source for the status (``unknown``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sistercities.analysis.records import (
    ActivityRec,
    AdministrationRec,
    LinkRec,
    RelationshipRec,
    StatusRec,
)
from sistercities.dates import format_partial, last_day
from sistercities.messages import Joined, Message, Plural, Term, When

DORMANT_AFTER_MONTHS = 18
CHANGE_WITHIN_MONTHS = 6
CARRYING_PARTS = frozenset({"manager", "carrier", "contact"})
DECIDED_STATUSES = frozenset({"ended", "proposed", "suspended"})
#: A status the record states and health keeps rather than second-guesses.
KEPT_STATUSES = DECIDED_STATUSES | {"dormant"}
NOT_ENOUGH = "not_enough_on_record"


@dataclass
class Health:
    """The health figures of one relationship; ``evidence`` lists the records behind each."""

    relationship_id: int
    label: str
    status: str
    as_of: dt.date
    last_activity: str | None
    activities: int
    undated_activities: int
    open_commitments: int
    activities_per_year: float | None
    months_since_contact: int | None
    administrations_lived: int
    administrations_survived: int
    non_government_carrier: bool
    carriers_by_side: dict[str, list[str]]
    government_only_sides: list[str]
    administration_change_near: list[str]
    at_risk: bool
    suggestion: str
    reasons: list[Message]
    missing: list[Message] = field(default_factory=list)
    evidence: dict[str, Sequence[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures (evidence is given by :func:`explain`)."""
        data = asdict(self)
        data.pop("evidence")
        data["as_of"] = self.as_of.isoformat()
        return data


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from ``earlier`` to ``later`` (negative if reversed).

    >>> months_between(dt.date(2022, 5, 20), dt.date(2024, 5, 19))
    23
    """
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (clamped to the month's last day)."""
    year, month = divmod(date.year * 12 + date.month - 1 + months, 12)
    first = dt.date(year, month + 1, 1)
    return min(first + dt.timedelta(days=date.day - 1), last_day(first, "month"))


def _done(record: RelationshipRec, as_of: dt.date) -> list[ActivityRec]:
    """Carried-out, dated activities on or before ``as_of``, oldest first."""
    done = [a for a in record.activities if not a.planned and a.date and a.date <= as_of]
    return sorted(done, key=lambda a: (a.date or dt.date.min, a.id))


def _effective(activity: ActivityRec, as_of: dt.date) -> dt.date:
    assert activity.date is not None
    return min(last_day(activity.date, activity.date_precision), as_of)


def _latest(done: list[ActivityRec], as_of: dt.date) -> ActivityRec | None:
    """The last contact: the activity whose last possible day is latest."""
    if not done:
        return None
    return max(done, key=lambda a: (_effective(a, as_of), a.date or dt.date.min, a.id))


def _per_year(record: RelationshipRec, done: list[ActivityRec], as_of: dt.date) -> float | None:
    since = record.start or (done[0].date if done else None)
    if since is None:
        return None
    counted = [a for a in done if a.date and a.date >= since]
    years = max(1.0, (as_of - since).days / 365.25)
    return round(len(counted) / years, 2)


def _dated_steps(record: RelationshipRec, as_of: dt.date) -> list[StatusRec]:
    return [s for s in record.status_changes if s.date is not None and s.date <= as_of]


def _step_words(record: RelationshipRec, step: StatusRec) -> Message:
    """ "the 1962 signing" for the step that records the signing, else "the 1989 change
    to suspended"."""
    when = When(step.date, step.precision)
    first = step.from_status is None or (step.status, step.from_status) == ("active", "proposed")
    signing = step.status in ("active", "proposed") and first
    if signing and record.start is not None and step.date == record.start:
        return Message("the %(date)s signing", date=when)
    return Message(
        "the %(date)s change to %(status)s", date=when, status=Term("status", step.status)
    )


def _undated_resumption(record: RelationshipRec, as_of: dt.date) -> StatusRec | None:
    """The latest dated status step if an undated change to active follows it, else None.

    Steps are kept in recorded order, so an undated step after a dated one came
    later: "the exchanges were not suspended indefinitely" (NYC–Beijing after
    1989) is contact at a date not on record, and counting from the dated
    suspension would invent a silence. A later undated change to anything
    else (unknown, dormant...) is not contact.
    """
    changes = record.status_changes
    dated = [
        (last_day(s.date, s.precision), i)
        for i, s in enumerate(changes)
        if s.date is not None and s.date <= as_of
    ]
    if not dated:
        return None
    _, index = max(dated)
    later = changes[index + 1 :]
    return changes[index] if any(s.date is None and s.status == "active" for s in later) else None


def _contact(
    record: RelationshipRec, done: list[ActivityRec], as_of: dt.date
) -> tuple[int | None, list[str]]:
    """Months since the last dated activity, else since the latest dated status change.

    None (not known) when an undated change to active follows the latest dated
    step and no dated activity comes after that step.
    """
    latest = _latest(done, as_of)
    resumed = _undated_resumption(record, as_of)
    if resumed is not None and resumed.date is not None:
        after = last_day(resumed.date, resumed.precision)
        if latest is None or _effective(latest, as_of) <= after:
            return None, [
                Message(
                    "resumed after %(step)s on a date not on record",
                    step=_step_words(record, resumed),
                )
            ]
    if latest is not None:
        return months_between(_effective(latest, as_of), as_of), [latest.label]
    steps = _dated_steps(record, as_of)
    if steps:
        ends = [
            (min(last_day(step.date, step.precision), as_of), i)
            for i, step in enumerate(steps)
            if step.date is not None
        ]
        since, index = max(ends)
        return months_between(since, as_of), [
            Message("no recorded contact since %(step)s", step=_step_words(record, steps[index]))
        ]
    return None, []


def _missing(record: RelationshipRec, done: list[ActivityRec], as_of: dt.date) -> list[Message]:
    """What the record lacks for a verdict on whether the relationship is alive."""
    missing = []
    if not done:
        missing.append(Message("a dated activity carried out"))
    if not _dated_steps(record, as_of):
        missing.append(Message("a dated status change (a signing date, a suspension...)"))
    resumed = _undated_resumption(record, as_of)
    if resumed is not None:
        missing.append(
            Message(
                "the date it became active again after %(step)s",
                step=_step_words(record, resumed),
            )
        )
    undated = _undated(record)
    if undated:
        missing.append(
            Plural(
                "the date of %(count)s carried-out activity recorded without one",
                "the dates of %(count)s carried-out activities recorded without one",
                len(undated),
            )
        )
    if record.status == "unknown":
        missing.append(Message("a source for its status (recorded as unknown)"))
    return missing


def _undated(record: RelationshipRec) -> list[ActivityRec]:
    """Carried-out activities without a date: contact that may be recent."""
    return [a for a in record.activities if not a.planned and a.date is None]


def _term_end(admin: AdministrationRec, as_of: dt.date) -> dt.date:
    if admin.end is None:
        return as_of
    return min(last_day(admin.end, admin.end_precision), as_of)


def _administrations(
    record: RelationshipRec, done: list[ActivityRec], as_of: dt.date
) -> tuple[list[AdministrationRec], list[tuple[AdministrationRec, ActivityRec]]]:
    lived = [
        a
        for a in record.administrations
        if a.start and a.start <= as_of and (record.start is None or a.start > record.start)
    ]
    survived = []
    for admin in lived:
        assert admin.start is not None
        inside = [
            act
            for act in done
            if act.date
            and act.date <= _term_end(admin, as_of)
            and _effective(act, as_of) >= admin.start
        ]
        if inside:
            survived.append((admin, inside[-1]))
    return lived, survived


def _current_carriers(record: RelationshipRec, as_of: dt.date) -> list[LinkRec]:
    return [
        c
        for c in record.links
        if c.part in CARRYING_PARTS and (c.end is None or last_day(c.end, c.end_precision) >= as_of)
    ]


def _carriers_by_side(record: RelationshipRec, carriers: list[LinkRec]) -> dict[str, list[str]]:
    by_side: dict[str, list[str]] = {name: [] for _, name in record.sides}
    names = dict(record.sides)
    for c in carriers:
        side = names.get(c.side_place_id or -1, Message("either side"))
        by_side.setdefault(side, []).append(
            Message(
                "%(name)s (%(role)s, %(tier)s, %(part)s)",
                name=c.name,
                role=Term("role", c.role),
                tier=Term("tier", c.tier),
                part=Term("part", c.part),
            )
        )
    return by_side


def _government_only(record: RelationshipRec, carriers: list[LinkRec]) -> list[int]:
    return [
        place_id
        for place_id, _ in record.sides
        if not any(c.tier == "non_state" and c.side_place_id == place_id for c in carriers)
    ]


def _change_near(
    record: RelationshipRec, as_of: dt.date, within_months: int
) -> list[AdministrationRec]:
    horizon = add_months(as_of, within_months)
    return [
        a
        for a in record.administrations
        if a.end and a.end <= horizon and last_day(a.end, a.end_precision) >= as_of
    ]


def _missing_words(missing: list[Message]) -> Message:
    return Message(
        "not enough on record to judge: missing %(missing)s", missing=Joined("; ", missing)
    )


def _silence(since: Message | None, months: int) -> Message:
    """ "no recorded contact since the 1962 signing: 735 months", or "735 months without
    contact"."""
    if since is not None:
        return Plural(
            "%(since)s: %(count)s month", "%(since)s: %(count)s months", months, since=since
        )
    return Plural("%(count)s month without contact", "%(count)s months without contact", months)


def _suggest(
    status: str,
    months: int | None,
    contact: list[str],
    missing: list[Message],
    dormant_after: int,
    at_risk: bool,
    undated: int = 0,
) -> tuple[str, list[Message]]:
    first = contact[0] if contact else None
    since = first if isinstance(first, Message) and first.msgid.startswith("no recorded") else None
    context = [_silence(since, months)] if since is not None and months is not None else []
    if status in DECIDED_STATUSES:
        return status, [
            Message(
                "status %(status)s is a decision, kept as recorded", status=Term("status", status)
            ),
            *context,
        ]
    if status == "dormant":
        return status, [
            Message("recorded as dormant (the source says so), kept as recorded"),
            *context,
        ]
    if months is None:
        resumed = [c for c in contact if isinstance(c, Message) and c.msgid.startswith("resumed")]
        return NOT_ENOUGH, [*resumed, _missing_words(missing)]
    if months >= dormant_after:
        words = _silence(since, months)
        if undated:  # silence is not shown while undated contact may be more recent
            return NOT_ENOUGH, [
                Plural(
                    "%(silence)s, but %(count)s carried-out activity has no date and may be "
                    "more recent: not read as dormant",
                    "%(silence)s, but %(count)s carried-out activities have no date and may be "
                    "more recent: not read as dormant",
                    undated,
                    silence=words,
                ),
                _missing_words(missing),
            ]
        return "dormant", [
            Message("%(silence)s (dormant after %(limit)s)", silence=words, limit=dormant_after)
        ]
    if at_risk:
        return "at_risk", [
            Message("an administration changes soon on a side only the government carries")
        ]
    ago = (
        _silence(since, months)
        if since is not None
        else Plural("contact %(count)s month ago", "contact %(count)s months ago", months)
    )
    return "active", [
        Message("%(silence)s (dormant after %(limit)s)", silence=ago, limit=dormant_after)
    ]


def relationship_health(
    record: RelationshipRec,
    as_of: dt.date,
    *,
    dormant_after_months: int = DORMANT_AFTER_MONTHS,
    change_within_months: int = CHANGE_WITHIN_MONTHS,
) -> Health:
    """Compute the health figures of one relationship (see the module docstring).

    Parameters
    ----------
    record : RelationshipRec
        The relationship and its activities, carriers and administrations.
    as_of : datetime.date
        The reference date: nothing after it counts as having happened.
    dormant_after_months : int
        Months without contact after which ``dormant`` is suggested.
    change_within_months : int
        How far ahead an administration's end counts as "near".

    Returns
    -------
    Health

    Examples
    --------
    >>> from sistercities.analysis.records import PlaceRec, StatusRec
    >>> signed = StatusRec(dt.date(1962, 1, 1), "active", precision="year")
    >>> rec = RelationshipRec(1, PlaceRec(1, "Quito"), PlaceRec(2, "Louisville"),
    ...                       label="Quito – Louisville", start=dt.date(1962, 1, 1),
    ...                       start_precision="year", status_changes=(signed,))
    >>> h = relationship_health(rec, dt.date(2024, 4, 30))
    >>> h.suggestion, h.months_since_contact
    ('dormant', 735)
    >>> h.reasons[0]
    'no recorded contact since the 1962 signing: 735 months (dormant after 18)'
    >>> listed = RelationshipRec(2, PlaceRec(1, "A"), PlaceRec(3, "B"), status="unknown")
    >>> h = relationship_health(listed, dt.date(2024, 4, 30))
    >>> h.suggestion, h.missing[0]
    ('not_enough_on_record', 'a dated activity carried out')
    """
    done = _done(record, as_of)
    latest = _latest(done, as_of)
    months, contact_evidence = _contact(record, done, as_of)
    lived, survived = _administrations(record, done, as_of)
    carriers = _current_carriers(record, as_of)
    gov_only = _government_only(record, carriers)
    near = _change_near(record, as_of, change_within_months)
    risky = [a for a in near if a.place_id in gov_only]
    missing = _missing(record, done, as_of)
    undated = _undated(record)
    suggestion, reasons = _suggest(
        record.status,
        months,
        contact_evidence,
        missing,
        dormant_after_months,
        bool(risky),
        len(undated),
    )
    names = dict(record.sides)
    if undated and suggestion != NOT_ENOUGH:
        reasons.append(
            Plural(
                "%(count)s undated activity cannot be placed in time",
                "%(count)s undated activities cannot be placed in time",
                len(undated),
            )
        )
    return Health(
        relationship_id=record.id,
        label=record.label,
        status=record.status,
        as_of=as_of,
        last_activity=format_partial(latest.date, latest.date_precision) if latest else None,
        activities=len(done) + len(undated),
        undated_activities=len(undated),
        open_commitments=sum(1 for a in record.activities if a.planned),
        activities_per_year=_per_year(record, done, as_of),
        months_since_contact=months,
        administrations_lived=len(lived),
        administrations_survived=len(survived),
        non_government_carrier=any(c.tier == "non_state" for c in carriers),
        carriers_by_side=_carriers_by_side(record, carriers),
        government_only_sides=[names[p] for p in gov_only],
        administration_change_near=[a.label for a in near],
        at_risk=bool(risky),
        suggestion=suggestion,
        reasons=reasons,
        missing=missing,
        evidence={
            "last_activity": [latest.label] if latest else [],
            "activities_per_year": [a.label for a in done],
            "months_since_contact": contact_evidence,
            "administrations_lived": [a.label for a in lived],
            "administrations_survived": [
                f"{a.label}: {act.label}"
                for a, act in survived
            ],
            "non_government_carrier": [
                Message(
                    "%(name)s (%(tier)s, %(part)s)",
                    name=c.name,
                    tier=Term("tier", c.tier),
                    part=Term("part", c.part),
                )
                for c in carriers
                if c.tier == "non_state"
            ],
            "government_only_sides": [names[p] for p in gov_only],
            "administration_change_near": [a.label for a in near],
            "suggestion": reasons,
            "missing": missing,
        },
    )


FIGURES: dict[str, tuple[Message, Message]] = {
    "last_activity": (
        Message(
            "carried-out activity on or before as_of with the latest last possible day "
            "(commitments excluded)"
        ),
        Message("a date or none"),
    ),
    "activities_per_year": (
        Message(
            "dated activities in [since, as_of] / max(1, years from since to as_of); "
            "since = signing date, else first dated activity"
        ),
        Message("[0, ∞) or none"),
    ),
    "months_since_contact": (
        Message(
            "whole months from the last possible day of the last activity (else of the latest "
            "dated status change, such as the signing) to as_of"
        ),
        Message("[0, ∞) or none"),
    ),
    "administrations_lived": (
        Message("administrations of either place that began after the relationship started"),
        Message("[0, number of administrations]"),
    ),
    "administrations_survived": (
        Message("administrations lived during whose term at least one activity took place"),
        Message("[0, administrations_lived]"),
    ),
    "non_government_carrier": (
        Message(
            "any current manager, carrier or contact (no end, or last possible end day "
            "≥ as_of) with tier non_state"
        ),
        Message("true or false"),
    ),
    "government_only_sides": (
        Message("sides no non-state actor carries"),
        Message("0, 1 or 2 sides"),
    ),
    "administration_change_near": (
        Message(
            "administrations of either place whose end (any day a partial end can mean) "
            "falls within change_within_months after as_of"
        ),
        Message("a list"),
    ),
    "suggestion": (
        Message(
            "ended/proposed/suspended and a recorded dormant kept; not_enough_on_record with no "
            "dated activity and no dated status change; dormant if months_since_contact ≥ "
            "dormant_after_months; at_risk if a change is near on a government-only side; "
            "else active"
        ),
        Message("active, at_risk, dormant, not_enough_on_record, proposed, suspended, ended"),
    ),
    "missing": (
        Message(
            "what the record lacks for a verdict: a dated activity, a dated status change, a "
            "source for the status"
        ),
        Message("a list"),
    ),
}


def explain(health: Health) -> dict[str, dict[str, Any]]:
    """Each figure with its value, formula, range and the records behind it."""
    values = health.to_dict()
    return {
        name: {
            "value": values[name],
            "formula": formula,
            "range": value_range,
            "records": health.evidence.get(name, []),
        }
        for name, (formula, value_range) in FIGURES.items()
    }


def health_report(
    records: list[RelationshipRec],
    as_of: dt.date,
    *,
    dormant_after_months: int = DORMANT_AFTER_MONTHS,
    change_within_months: int = CHANGE_WITHIN_MONTHS,
) -> list[Health]:
    """The health of every relationship given, as of a date.

    The records come from :func:`sistercities.analysis.load.health_records`.
    """
    return [
        relationship_health(
            record,
            as_of,
            dormant_after_months=dormant_after_months,
            change_within_months=change_within_months,
        )
        for record in records
    ]
