"""Activity of a relationship through national crises between its two countries (`001`).

For each recorded crisis between the two countries (Tiananmen 1989, the 2001
EP-3 incident...), or inside one of them (a state of emergency), the activity
inside the crisis window is set against the relationship's own baseline, and
suspensions in the window are listed. Leffel & Amiri (`001`) found 12 of the
then 40 US–China pairs suspended after Tiananmen, while EP-3 exchanges
(Birmingham–Anshan) went on.

Dates are partial (a year alone is common): a date stands for the span it can
mean (``1989`` = 1989-01-01..1989-12-31). An activity is *inside* a window
only when its whole span is (``observed``); one whose span merely overlaps the
window may have happened before or after the crisis (``possible``) and never
counts as evidence either way. Planned activities are commitments, not
facts: they never count. A statement about the crisis (an activity in the
area ``human_rights``: a letter of concern, a protest) shows the relationship
was not cut, not that exchanges went on: a verdict resting on statements
alone says it cannot tell, and so does a window with nothing dated inside it
while carried-out activities without a date are on record (they may fall
inside: no record is not evidence).

Formulas (times in years of 365.25 days):

- window ``[start, end + grace]``; when the end is not recorded, ``end`` is the
  later of the start's last day and ``start + open_days`` (default 365);
- baseline rate ``r0 = activities outside every window / years outside them``,
  over the observed span ``[first activity or start date, as_of]``;
- expected in window ``E = r0 * window years``; observed ``O`` = dated,
  carried-out activities wholly inside; ratio ``O / E`` (None when ``E = 0``):
  1 = business as usual, 0 = nothing happened;
- suspended: a status change to ``suspended`` inside the window; resumed: a
  later change (in recorded order) back to ``active``, dated or not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sistercities.analysis.records import ActivityRec, CrisisRec, RelationshipRec, StatusRec
from sistercities.dates import format_partial, last_day
from sistercities.messages import Joined, Message, Number, Plural, When

YEAR_DAYS = 365.25
#: Areas of activities that are statements about a crisis rather than exchanges.
STATEMENT_AREAS = frozenset({"human_rights"})

Span = tuple[date, date]


def span_of(day: date, precision: str | None) -> Span:
    """The days a partial date can mean.

    >>> span_of(date(1989, 1, 1), "year")
    (datetime.date(1989, 1, 1), datetime.date(1989, 12, 31))
    """
    return day, last_day(day, precision)


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _within(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


@dataclass(frozen=True)
class CrisisWindow:
    """One crisis: the window, observed and expected activity, suspension."""

    crisis_id: int
    name: str
    start: date
    end: date
    observed: int
    expected: float | None
    ratio: float | None
    activity_ids: tuple[int, ...]
    suspended: bool
    suspended_on: str | None  # partial date as recorded: "1989", "1989-06", "1989-06-04"
    resumed: bool
    resumed_on: str | None
    possible_ids: tuple[int, ...] = ()  # dated too coarsely to place inside or outside
    statement_ids: tuple[int, ...] = ()  # inside, but statements about the crisis
    undated_ids: tuple[int, ...] = ()  # carried out, no date: may fall inside

    def verdict(self) -> Message:
        """What the window shows, in words (a suspension, activity, or why it cannot tell)."""
        if self.suspended:
            back = Message("not resumed")
            if self.resumed:
                back = (
                    Message("resumed %(date)s", date=self.resumed_on)
                    if self.resumed_on
                    else Message("resumed (date not recorded)")
                )
            if self.suspended_on:
                return Message("suspended (%(date)s), %(back)s", date=self.suspended_on, back=back)
            return Message("suspended, %(back)s", back=back)
        exchanges = self.observed - len(self.statement_ids)
        if exchanges > 0:
            return Plural(
                "activity went on (%(count)s activity in the window)",
                "activity went on (%(count)s activities in the window)",
                exchanges,
            )
        if self.statement_ids or self.possible_ids or self.undated_ids:
            return Message(
                "cannot tell whether exchanges went on: %(doubts)s",
                doubts=Joined("; ", self._doubts()),
            )
        if self.expected is None:
            return Message("no activity recorded in the window, and no baseline to compare with")
        return Message(
            "no activity in the window (about %(expected)s expected)",
            expected=Number(self.expected, ".1f"),
        )

    def _doubts(self) -> list[Message]:
        doubts = []
        if self.statement_ids:
            doubts.append(
                Message(
                    "only statements about the crisis in the window (activities %(ids)s): "
                    "not cut, but no exchange on record",
                    ids=list(self.statement_ids),
                )
            )
        if self.possible_ids:
            doubts.append(
                Message(
                    "activities %(ids)s are dated too coarsely to tell "
                    "whether they fell inside the window",
                    ids=list(self.possible_ids),
                )
            )
        if self.undated_ids:
            doubts.append(
                Message(
                    "activities %(ids)s have no date: they may fall inside it",
                    ids=list(self.undated_ids),
                )
            )
        doubts.append(Message("no suspension recorded"))
        return doubts


@dataclass
class ResilienceReport:
    relationship_id: int
    title: str
    countries: tuple[str | None, str | None]
    baseline_rate: float | None
    baseline_activities: int
    baseline_years: float
    crises: list[CrisisWindow]
    notes: list[Message] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["crises"] = [dict(c.__dict__, verdict=c.verdict()) for c in self.crises]
        return out

    def explain(self) -> Joined:
        """The baseline and each crisis window in words (lines of messages)."""
        lines: list[Message] = [
            Message(
                "Resilience of relationship %(id)s: %(title)s %(countries)s",
                id=str(self.relationship_id),
                title=self.title,
                countries=self.countries,
            ),
            Message(
                "baseline: %(n)s activities outside crises over %(years)s years = "
                "%(rate)s per year",
                n=self.baseline_activities,
                years=Number(self.baseline_years, ".1f"),
                rate=_figure(self.baseline_rate),
            ),
        ]
        for c in self.crises:
            lines.append(
                Joined(
                    "",
                    [
                        "  ",
                        Message(
                            "%(name)s %(start)s..%(end)s: observed %(observed)s, "
                            "expected %(expected)s, O/E %(ratio)s; %(verdict)s; "
                            "activities %(ids)s",
                            name=c.name,
                            start=When(c.start, "day"),
                            end=When(c.end, "day"),
                            observed=c.observed,
                            expected=_figure(c.expected),
                            ratio=_figure(c.ratio),
                            verdict=c.verdict(),
                            ids=list(c.activity_ids),
                        ),
                    ],
                )
            )
        lines += [Message("note: %(note)s", note=n) for n in self.notes]
        lines.append(
            Message(
                "O/E = activities in window / (baseline rate x window years); partial dates "
                "count when their span overlaps the window; source: Leffel & Amiri 2018 (`001`)"
            )
        )
        return Joined("\n", lines)


def _figure(value: float | None) -> object:
    return Message("n/a") if value is None else Number(value, ".2f")


def resilience_report(
    rel: RelationshipRec,
    crises: list[CrisisRec],
    *,
    as_of: date | None = None,
    grace_days: int = 0,
    open_days: int = 365,
) -> ResilienceReport:
    """Activity in each crisis window between the two countries against the baseline.

    Parameters
    ----------
    rel : RelationshipRec
        The relationship, with dated activities and status changes.
    crises : list of CrisisRec
        All recorded crises; only those between the two countries (or inside one) are used.
    as_of : date, optional
        End of the observed span (default: today).
    grace_days : int
        Days added after each crisis end, to catch the aftermath.
    open_days : int
        Window length when a crisis has no recorded end.

    Examples
    --------
    >>> from sistercities.analysis.records import ActivityRec, PlaceRec
    >>> rel = RelationshipRec(1, PlaceRec(1, "Birmingham", "US"), PlaceRec(2, "Anshan", "CN"),
    ...     start=date(1998, 1, 1),
    ...     activities=(ActivityRec(1, "Exchange", date(2001, 4, 5)),
    ...                 ActivityRec(2, "Visit", date(1999, 6, 1))))
    >>> ep3 = CrisisRec(9, "EP-3 incident", ("CN", "US"), date(2001, 4, 1), date(2001, 4, 11))
    >>> r = resilience_report(rel, [ep3], as_of=date(2003, 1, 1))
    >>> r.crises[0].observed, r.crises[0].verdict()
    (1, 'activity went on (1 activity in the window)')
    """
    as_of = as_of or date.today()
    pair = {rel.a.country, rel.b.country}
    mine = sorted(
        (c for c in crises if _concerns(c, pair) and c.start <= as_of), key=lambda c: c.start
    )
    notes = _notes(rel, pair, mine)
    windows = [(c, _window_span(c, grace_days, open_days)) for c in mine]
    dated = [
        (x, span_of(x.date, x.date_precision))
        for x in rel.activities
        if x.date is not None and not x.planned
    ]
    rate, base_n, base_years = _baseline(rel, dated, [w for _, w in windows], as_of)
    undated = tuple(x.id for x in rel.activities if x.date is None and not x.planned)
    out = [_window(rel, c, w, dated, rate, undated) for c, w in windows]
    return ResilienceReport(
        rel.id, rel.title, (rel.a.country, rel.b.country), rate, base_n, base_years, out, notes
    )


def _notes(rel: RelationshipRec, pair: set[str | None], mine: list[CrisisRec]) -> list[Message]:
    notes = []
    if None in pair:
        notes.append(Message("a side has no country: only crises of the other country can match"))
    if not mine:
        notes.append(Message("no crisis recorded between these two countries or inside either"))
    done = [x for x in rel.activities if not x.planned]
    undated = sum(1 for x in done if x.date is None)
    if undated:
        notes.append(
            Plural(
                "%(count)s activity has no date and is not counted",
                "%(count)s activities have no date and are not counted",
                undated,
            )
        )
    if undated == len(done):
        notes.append(Message("no dated carried-out activities: no baseline"))
    planned = sum(1 for x in rel.activities if x.planned)
    if planned:
        notes.append(
            Plural(
                "%(count)s planned activity is a commitment and is not counted",
                "%(count)s planned activities are commitments and are not counted",
                planned,
            )
        )
    return notes


def _concerns(crisis: CrisisRec, pair: set[str | None]) -> bool:
    first, second = crisis.countries
    if second is None:
        return first in pair
    return {first, second} == pair


def _window_span(crisis: CrisisRec, grace_days: int, open_days: int) -> Span:
    if crisis.end is not None:
        end = last_day(crisis.end, crisis.end_precision)
    else:
        end = max(
            last_day(crisis.start, crisis.start_precision), crisis.start + timedelta(open_days)
        )
    return crisis.start, end + timedelta(days=grace_days)


def _years(start: date, end: date) -> float:
    return max((end - start).days + 1, 0) / YEAR_DAYS


def _baseline(
    rel: RelationshipRec, dated: list[tuple[ActivityRec, Span]], windows: list[Span], as_of: date
) -> tuple[float | None, int, float]:
    if not dated:
        return None, 0, 0.0
    first = min([s[0] for _, s in dated] + ([rel.start] if rel.start else []))
    inside = sum(_years(max(s, first), min(e, as_of)) for s, e in windows if e >= first)
    years = max(_years(first, as_of) - inside, 0.0)
    outside = [x for x, s in dated if not any(_overlaps(s, w) for w in windows)]
    return (len(outside) / years if years > 0 else None), len(outside), years


def _window(
    rel: RelationshipRec,
    crisis: CrisisRec,
    window: Span,
    dated: list[tuple[ActivityRec, Span]],
    rate: float | None,
    undated: tuple[int, ...] = (),
) -> CrisisWindow:
    ids = tuple(x.id for x, s in dated if _within(s, window))
    possible = tuple(x.id for x, s in dated if _overlaps(s, window) and not _within(s, window))
    statements = tuple(x.id for x, s in dated if _within(s, window) and x.area in STATEMENT_AREAS)
    expected = rate * _years(*window) if rate is not None else None
    ratio = len(ids) / expected if expected else None
    suspended, s_on, resumed, r_on = _suspension(rel.status_changes, window)
    return CrisisWindow(
        crisis.id,
        crisis.name,
        window[0],
        window[1],
        len(ids),
        expected,
        ratio,
        ids,
        suspended,
        s_on,
        resumed,
        r_on,
        possible,
        statements,
        undated,
    )


def _suspension(
    changes: tuple[StatusRec, ...], window: Span
) -> tuple[bool, str | None, bool, str | None]:
    for i, change in enumerate(changes):
        if change.status != "suspended" or change.date is None:
            continue
        if not _overlaps(span_of(change.date, change.precision), window):
            continue
        later = next((c for c in changes[i + 1 :] if c.status == "active"), None)
        back = format_partial(later.date, later.precision) if later else None
        return True, format_partial(change.date, change.precision), later is not None, back
    return False, None, False, None
