"""Activity of a relationship through national crises between its two countries (`001`).

For each recorded crisis between the two countries (Tiananmen 1989, the 2001
EP-3 incident...), the activity inside the crisis window is set against the
relationship's own baseline, and suspensions in or right after the window are
listed. Leffel & Amiri (`001`) found 12 of the then 40 US–China pairs
suspended after Tiananmen, while EP-3 exchanges (Birmingham–Anshan) went on.

Formulas (times in years of 365.25 days):

- window ``[start, end + grace]``, ``end`` = ``as_of`` for an open crisis;
- baseline rate ``r0 = activities outside every crisis window / years outside
  them``, over the observed span ``[first activity or start date, as_of]``;
- expected in window ``E = r0 * window years``; observed ``O`` = activities
  dated inside; ratio ``O / E`` (None when ``E = 0``): 1 = business as usual,
  0 = nothing happened;
- suspended: a status change to ``suspended`` dated inside the window;
  resumed: the first later change to ``active``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sistercities.analysis.records import CrisisRec, RelationshipRec, StatusRec

YEAR_DAYS = 365.25


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
    suspended_on: date | None
    resumed_on: date | None

    def verdict(self) -> str:
        if self.suspended_on:
            back = f", resumed {self.resumed_on}" if self.resumed_on else ", not resumed"
            return f"suspended {self.suspended_on}{back}"
        if self.ratio is None:
            return "no baseline to compare with"
        return "activity went on" if self.observed > 0 else "no activity in the window"


@dataclass
class ResilienceReport:
    relationship_id: int
    title: str
    countries: tuple[str | None, str | None]
    baseline_rate: float | None
    baseline_activities: int
    baseline_years: float
    crises: list[CrisisWindow]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["crises"] = [dict(c.__dict__, verdict=c.verdict()) for c in self.crises]
        return out

    def explain(self) -> str:
        rate = "n/a" if self.baseline_rate is None else f"{self.baseline_rate:.2f}"
        lines = [
            f"Resilience of relationship {self.relationship_id}: {self.title} {self.countries}",
            f"baseline: {self.baseline_activities} activities outside crises over "
            f"{self.baseline_years:.1f} years = {rate} per year",
        ]
        for c in self.crises:
            exp = "n/a" if c.expected is None else f"{c.expected:.2f}"
            ratio = "n/a" if c.ratio is None else f"{c.ratio:.2f}"
            lines.append(
                f"  {c.name} {c.start}..{c.end}: observed {c.observed}, expected {exp}, "
                f"O/E {ratio}; {c.verdict()}; activities {list(c.activity_ids)}"
            )
        lines += [f"note: {n}" for n in self.notes]
        lines.append("O/E = activities in window / (baseline rate x window years); source: `001`")
        return "\n".join(lines)


def resilience_report(
    rel: RelationshipRec,
    crises: list[CrisisRec],
    *,
    as_of: date | None = None,
    grace_days: int = 0,
) -> ResilienceReport:
    """Activity in each crisis window between the two countries against the baseline.

    Parameters
    ----------
    rel : RelationshipRec
        The relationship, with dated activities and status changes.
    crises : list of CrisisRec
        All recorded crises; only those between the two countries are used.
    as_of : date, optional
        End of the observed span and of open crises (default: today).
    grace_days : int
        Days added after each crisis end, to catch the aftermath.

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
    (1, 'activity went on')
    """
    as_of = as_of or date.today()
    pair = {rel.a.country, rel.b.country}
    mine = sorted(
        (c for c in crises if set(c.countries) == pair and c.start <= as_of),
        key=lambda c: c.start,
    )
    notes = []
    if None in pair:
        notes.append("a side has no country: no crisis can be matched")
    if not mine:
        notes.append("no crisis recorded between these two countries")
    windows = [(c, c.start, min(c.end or as_of, as_of) + timedelta(days=grace_days)) for c in mine]
    dated = [x for x in rel.activities if x.date is not None]
    if len(dated) < len(rel.activities):
        notes.append(f"{len(rel.activities) - len(dated)} activities have no date and are not counted")
    if not dated:
        notes.append("no dated activities: no baseline")
    rate, base_n, base_years = _baseline(rel, dated, windows, as_of)
    out = [_window(rel, c, s, e, dated, rate) for c, s, e in windows]
    return ResilienceReport(
        rel.id, rel.title, (rel.a.country, rel.b.country), rate, base_n, base_years, out, notes
    )


def _years(start: date, end: date) -> float:
    return max((end - start).days, 0) / YEAR_DAYS


def _baseline(
    rel: RelationshipRec, dated: list[Any], windows: list[tuple[Any, date, date]], as_of: date
) -> tuple[float | None, int, float]:
    if not dated:
        return None, 0, 0.0
    first = min([x.date for x in dated] + ([rel.start] if rel.start else []))
    span = _years(first, as_of)
    inside = sum(_years(max(s, first), min(e, as_of)) for _, s, e in windows if e > first)
    years = max(span - inside, 0.0)
    outside = [x for x in dated if not any(s <= x.date <= e for _, s, e in windows)]
    return (len(outside) / years if years > 0 else None), len(outside), years


def _window(
    rel: RelationshipRec,
    crisis: CrisisRec,
    start: date,
    end: date,
    dated: list[Any],
    rate: float | None,
) -> CrisisWindow:
    ids = tuple(x.id for x in dated if start <= x.date <= end)
    expected = rate * _years(start, end) if rate is not None else None
    ratio = len(ids) / expected if expected else None
    suspended, resumed = _suspension(rel.status_changes, start, end)
    return CrisisWindow(
        crisis.id, crisis.name, start, end, len(ids), expected, ratio, ids, suspended, resumed
    )


def _suspension(changes: tuple[StatusRec, ...], start: date, end: date) -> tuple[date | None, date | None]:
    dated = sorted((c for c in changes if c.date is not None), key=lambda c: c.date or start)
    suspended = next(
        (c.date for c in dated if c.status == "suspended" and c.date and start <= c.date <= end),
        None,
    )
    if suspended is None:
        return None, None
    resumed = next((c.date for c in dated if c.status == "active" and c.date and c.date > suspended), None)
    return suspended, resumed
