"""Candidate partners for a place, ranked, each with the reasons behind its rank.

The model is the Peekskill–Cuenca case of `004`: a diaspora from Cuenca living
in Peekskill initiated the relationship. Each reason gives points in [0, 1];
the rank is the weighted sum of the points, and every reason is shown with the
figure it came from, so a person can see why a candidate is where it is.

Reasons (``t`` the target place, ``c`` a candidate):

- **diaspora**: people recorded as migrated between ``c`` and ``t`` either way
  (a tie from ``c``'s country counts ``country_share`` of its people);
  points ``min(1, log10(1 + people) / 4)`` (10,000 people = 1);
- **size**: ``max(0, 1 - |log10(P_t / P_c)| / 2)`` (1 = same population,
  0 = a hundred times larger or smaller);
- **profile**: ½ for the same World Bank income group, ½ for the same
  government system (federal / unitary);
- **partners of partners**: ``min(1, shared / 3)``, ``shared`` = partners of
  ``t`` that are partners of ``c``;
- **distance**: ``1 / (1 + km / 1000)`` (0 km = 1, 1,000 km = ½);
- **country-pair ties**: ``min(1, log10(1 + ties) / 2)``, ``ties`` =
  relationships already joining the two countries (100 ties = 1).

Existing partners, the target itself and (unless asked) places in the same
country are not candidates.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sistercities.analysis.network.geo import haversine_km
from sistercities.analysis.records import PlaceRec
from sistercities.errors import InputError
from sistercities.places.country_profiles import CITATION, country

DEFAULT_WEIGHTS: dict[str, float] = {
    "diaspora": 3.0,
    "size": 1.0,
    "profile": 1.0,
    "partners_of_partners": 1.0,
    "distance": 0.5,
    "country_ties": 0.5,
}


@dataclass(frozen=True)
class MigrationRec:
    """People from an origin (place, or a whole country) living in a destination place."""

    destination_place_id: int
    people: int
    origin_place_id: int | None = None
    origin_country: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class Reason:
    name: str
    points: float
    figure: str


@dataclass(frozen=True)
class Candidate:
    place: PlaceRec
    score: float
    reasons: tuple[Reason, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": dict(self.place.__dict__),
            "score": self.score,
            "reasons": [dict(r.__dict__) for r in self.reasons],
        }


@dataclass
class MatchReport:
    target: PlaceRec
    candidates: list[Candidate]
    weights: dict[str, float]
    considered: int
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": dict(self.target.__dict__),
            "candidates": [c.to_dict() for c in self.candidates],
            "weights": self.weights,
            "considered": self.considered,
            "notes": self.notes,
            "source": CITATION,
        }

    def explain(self) -> str:
        lines = [
            f"Candidate partners for {self.target.name} ({self.target.country or '?'}): "
            f"{len(self.candidates)} shown of {self.considered} considered",
            "score = sum of weight x points; weights "
            + ", ".join(f"{k} {v:g}" for k, v in self.weights.items()),
        ]
        for rank, cand in enumerate(self.candidates, 1):
            lines.append(
                f"{rank}. {cand.place.name} ({cand.place.country or '?'}): {cand.score:.2f}"
            )
            lines += [f"     {r.name}: {r.points:.2f} ({r.figure})" for r in cand.reasons]
        lines += [f"note: {n}" for n in self.notes]
        lines.append(f"profile source: {CITATION}")
        return "\n".join(lines)


@dataclass
class _Context:
    target: PlaceRec
    partners: dict[int, set[int]]
    country_ties: Counter[tuple[str, str]]
    diaspora: dict[int, float]
    diaspora_figure: dict[int, str]


def match_candidates(
    target: PlaceRec,
    places: list[PlaceRec],
    edges: list[tuple[int, int]],
    migration: list[MigrationRec] = (),  # type: ignore[assignment]
    *,
    top: int = 10,
    weights: dict[str, float] | None = None,
    include_domestic: bool = False,
    country_share: float = 0.1,
) -> MatchReport:
    """Rank candidate partners of ``target`` among ``places``.

    Parameters
    ----------
    target : PlaceRec
        The place looking for a partner.
    places : list of PlaceRec
        Every place that could be a partner (the registry's places).
    edges : list of (int, int)
        Existing relationships as pairs of place ids.
    migration : list of MigrationRec
        The user's migration table.
    top : int
        How many candidates to return.
    weights : dict, optional
        Weight of each reason (default :data:`DEFAULT_WEIGHTS`).
    include_domestic : bool
        Also rank places in the target's own country.
    country_share : float
        Share of a country-level tie's people credited to each place of that country.

    Examples
    --------
    >>> peekskill = PlaceRec(1, "Peekskill", "US", 25_000)
    >>> cuenca, quito = PlaceRec(2, "Cuenca", "EC", 330_000), PlaceRec(3, "Quito", "EC", 2_000_000)
    >>> ties = [MigrationRec(destination_place_id=1, people=5_000, origin_place_id=2)]
    >>> r = match_candidates(peekskill, [peekskill, cuenca, quito], [], ties)
    >>> [c.place.name for c in r.candidates]
    ['Cuenca', 'Quito']
    """
    if top < 1:
        raise InputError("must be at least 1", field="top")
    weights = dict(DEFAULT_WEIGHTS | (weights or {}))
    ctx = _context(target, places, edges, list(migration), country_share)
    notes = []
    if target.population is None:
        notes.append("target population unknown: no size reason")
    if target.lat is None or target.lon is None:
        notes.append("target has no coordinates: no distance reason")
    if not migration:
        notes.append("no migration table imported: no diaspora reason")
    pool = [
        p
        for p in places
        if p.id != target.id
        and p.id not in ctx.partners.get(target.id, set())
        and (include_domestic or p.country is None or p.country != target.country)
    ]
    ranked = sorted((_score(ctx, p, weights) for p in pool), key=lambda c: (-c.score, c.place.name))
    return MatchReport(target, ranked[:top], weights, len(pool), notes)


def _context(
    target: PlaceRec,
    places: list[PlaceRec],
    edges: list[tuple[int, int]],
    migration: list[MigrationRec],
    share: float,
) -> _Context:
    partners: dict[int, set[int]] = defaultdict(set)
    by_id = {p.id: p for p in places}
    ties: Counter[tuple[str, str]] = Counter()
    for a, b in edges:
        partners[a].add(b)
        partners[b].add(a)
        ca, cb = by_id.get(a), by_id.get(b)
        if ca and cb and ca.country and cb.country:
            ties[tuple(sorted((ca.country, cb.country)))] += 1  # type: ignore[index]
    people: dict[int, float] = defaultdict(float)
    figure: dict[int, list[str]] = defaultdict(list)
    for tie in migration:
        _credit_tie(tie, target, places, people, figure, share)
    return _Context(
        target, partners, ties, dict(people), {k: "; ".join(v) for k, v in figure.items()}
    )


def _credit_tie(
    tie: MigrationRec,
    target: PlaceRec,
    places: list[PlaceRec],
    people: dict[int, float],
    figure: dict[int, list[str]],
    share: float,
) -> None:
    if tie.destination_place_id == target.id:
        if tie.origin_place_id is not None:
            people[tie.origin_place_id] += tie.people
            figure[tie.origin_place_id].append(f"{tie.people} people from there live here")
        elif tie.origin_country:
            for p in places:
                if p.country == tie.origin_country:
                    people[p.id] += tie.people * share
                    figure[p.id].append(
                        f"{tie.people} people from {tie.origin_country} live here, "
                        f"{share:.0%} credited to each of its places"
                    )
    elif tie.origin_place_id == target.id or (
        tie.origin_place_id is None and tie.origin_country == target.country and target.country
    ):
        weight = 1.0 if tie.origin_place_id == target.id else share
        people[tie.destination_place_id] += tie.people * weight
        credit = "" if weight == 1.0 else f" ({share:.0%} credited: a country-level tie)"
        figure[tie.destination_place_id].append(f"{tie.people} people from here live there{credit}")


def _score(ctx: _Context, place: PlaceRec, weights: dict[str, float]) -> Candidate:
    reasons = [r for r in _reasons(ctx, place) if r.points > 0]
    score = sum(weights.get(r.name, 0.0) * r.points for r in reasons)
    return Candidate(place, score, tuple(reasons))


def _reasons(ctx: _Context, place: PlaceRec) -> list[Reason]:
    t = ctx.target
    out = []
    people = ctx.diaspora.get(place.id, 0.0)
    if people > 0:
        pts = min(1.0, math.log10(1 + people) / 4)
        out.append(Reason("diaspora", pts, ctx.diaspora_figure[place.id]))
    if t.population and place.population and t.population > 0 and place.population > 0:
        gap = abs(math.log10(t.population / place.population))
        out.append(Reason("size", max(0.0, 1 - gap / 2), f"|log10 population ratio| = {gap:.2f}"))
    out.append(_profile(t, place))
    shared = ctx.partners.get(t.id, set()) & ctx.partners.get(place.id, set())
    if shared:
        out.append(
            Reason(
                "partners_of_partners", min(1.0, len(shared) / 3), f"{len(shared)} shared partners"
            )
        )
    if None not in (t.lat, t.lon, place.lat, place.lon):
        km = float(haversine_km(t.lat, t.lon, place.lat, place.lon))
        out.append(Reason("distance", 1 / (1 + km / 1000), f"{km:,.0f} km"))
    if t.country and place.country:
        n = ctx.country_ties[tuple(sorted((t.country, place.country)))]  # type: ignore[index]
        if n:
            out.append(
                Reason("country_ties", min(1.0, math.log10(1 + n) / 2), f"{n} existing ties")
            )
    return out


def _profile(t: PlaceRec, place: PlaceRec) -> Reason:
    ct, cp = country(t.country), country(place.country)
    same = []
    if ct and cp and ct.income_group and ct.income_group == cp.income_group:
        same.append(f"both {ct.income_group} income")
    if ct and cp and ct.government_system == cp.government_system:
        same.append(f"both {ct.government_system}")
    return Reason(
        "profile", 0.5 * len(same), ", ".join(same) or "different income group and system"
    )
