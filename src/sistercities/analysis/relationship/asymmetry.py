"""The asymmetry profile of a relationship: the three factors of Sinambela et al. (`000`),
made measurable, side by side, without a composite score.

- **interdependence** (city <-> foreign city): the capability gap — population
  ratio on a log scale, development tier, government system — and what flows
  and who takes the initiative;
- **decentralisation** (state <-> sub-state): how much of each side is carried
  by state actors, read with the country's government system (federal/unitary);
- **paradiplomacy** (sub-state <-> non-state): the tier mix of each side and the
  share of activities co-produced with non-state actors.

Flows follow the supply-and-demand schema of Leffel & Amiri (`001`): for each
kind (personnel, knowledge, capital, goods) who supplies and who receives.

A planned activity is a commitment, not a fact: its flows, its initiative and
its actors count nowhere in the profile. They are shown apart, as
``commitments`` (the planned activities) and ``planned_flows`` (what they
would carry, by kind and direction), so that a promise is visible without
being read as something that happened.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sistercities.analysis.records import ActivityRec, ActorRec, PlaceRec, RelationshipRec
from sistercities.messages import Message, Plural
from sistercities.places.country_profiles import CITATION, country
from sistercities.taxonomy import ActorTier, FlowKind


def balance(a: float, b: float) -> float | None:
    """``(a - b) / (a + b)`` in [-1, 1]: +1 all from side A, -1 all from B; None if both 0.

    >>> balance(3, 1), balance(0, 2), balance(0, 0)
    (0.5, -1.0, None)
    """
    total = a + b
    return None if total == 0 else (a - b) / total


@dataclass(frozen=True)
class Capability:
    """The capability gap of the two places."""

    population_a: int | None
    population_b: int | None
    log10_population_ratio: float | None
    income_group_a: str | None
    income_group_b: str | None
    tier_gap: int | None
    government_a: str | None
    government_b: str | None
    same_government_system: bool | None


@dataclass(frozen=True)
class FlowBalance:
    """One flow kind: how many flows and how much went each way; the records behind."""

    kind: str
    a_to_b: int
    b_to_a: int
    amount_a_to_b: dict[str, float]
    amount_b_to_a: dict[str, float]
    balance: float | None
    flow_ids: tuple[int, ...]

    @property
    def supplier(self) -> str | None:
        """'a', 'b', 'both' or None (no flows)."""
        if self.balance is None:
            return None
        if self.balance > 0:
            return "a"
        return "b" if self.balance < 0 else "both"


@dataclass
class AsymmetryProfile:
    """Every figure of the profile, and the ids of the records it was read from."""

    relationship_id: int
    title: str
    a: str
    b: str
    capability: Capability
    flows: list[FlowBalance]
    initiated_by_a: int
    initiated_by_b: int
    initiative_unknown: int
    initiative_balance: float | None
    tiers_a: dict[str, int]
    tiers_b: dict[str, int]
    tiers_unplaced: dict[str, int]
    activities: int
    co_produced: int
    co_production_share: float | None
    co_produced_ids: tuple[int, ...]
    notes: list[Message] = field(default_factory=list)
    #: planned activities (commitments): counted nowhere above
    commitments: tuple[int, ...] = ()
    #: the flows the commitments would carry, by kind (only kinds with one)
    planned_flows: list[FlowBalance] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary, with the source of the tier table."""
        out = dict(self.__dict__)
        out["capability"] = dict(self.capability.__dict__)
        out["flows"] = [dict(f.__dict__, supplier=f.supplier) for f in self.flows]
        out["planned_flows"] = [dict(f.__dict__, supplier=f.supplier) for f in self.planned_flows]
        out["commitments"] = list(self.commitments)
        out["source"] = CITATION
        return out

    def explain(self) -> Message:
        """The profile in words, grouped by the three factors of `000`."""
        from sistercities.analysis.relationship.asymmetry_text import explain_profile

        return explain_profile(self)


def asymmetry_profile(rel: RelationshipRec) -> AsymmetryProfile:
    """Measure the three asymmetry factors of `000` for one relationship.

    Formulas
    --------
    - log population ratio ``log10(P_a / P_b)``: 0 equal, +1 A ten times larger;
    - tier gap ``tier_a - tier_b`` with tiers 1 (low) .. 4 (high income), World
      Bank FY2025 (see :data:`~sistercities.places.country_profiles.CITATION`);
    - flow balance per kind ``(n_ab - n_ba) / (n_ab + n_ba)`` over flow records,
      in [-1, 1], +1 when A supplies everything;
    - initiative balance ``(i_a - i_b) / (i_a + i_b)`` over activities whose
      initiating side is recorded;
    - tier mix: distinct actors per side (by the actor's place) and tier;
    - co-production share: activities with at least one non-state actor /
      activities, in [0, 1].

    Every count is over carried-out activities only; planned ones (commitments)
    are listed in ``commitments`` and their flows in ``planned_flows``.

    Examples
    --------
    >>> from sistercities.analysis.records import ActivityRec, FlowRec
    >>> a, b = PlaceRec(1, "Charlotte", "US", 874_000), PlaceRec(2, "Baoding", "CN", 11_500_000)
    >>> act = ActivityRec(10, "Emergency-response training", initiated_by_place_id=2,
    ...                   flows=(FlowRec(100, 10, 1, 2, "knowledge"),))
    >>> p = asymmetry_profile(RelationshipRec(7, a, b, activities=(act,)))
    >>> round(p.capability.log10_population_ratio, 2), p.flows[1].supplier, p.initiative_balance
    (-1.12, 'a', -1.0)
    """
    notes: list[Message] = []
    done = [x for x in rel.activities if not x.planned]
    planned = [x for x in rel.activities if x.planned]
    if not done:
        notes.append(
            Message(
                "no carried-out activities recorded: flows, initiative and co-production are empty"
            )
        )
    if planned:
        notes.append(
            Plural(
                "%(count)s planned activity is a commitment, not a fact: not counted "
                "(activities %(ids)s; their flows under planned flows)",
                "%(count)s planned activities are commitments, not facts: not counted "
                "(activities %(ids)s; their flows under planned flows)",
                len(planned),
                ids=[x.id for x in planned],
            )
        )
    flows = [_flow_balance(rel, done, kind.value) for kind in FlowKind]
    planned_flows = [_flow_balance(rel, planned, kind.value) for kind in FlowKind]
    init = Counter(rel.side_of(x.initiated_by_place_id) for x in done)
    co_ids = tuple(x.id for x in done if any(_non_state(ac) for ac in x.actors))
    tiers = _tier_mix(rel, done)
    n_act = len(done)
    return AsymmetryProfile(
        relationship_id=rel.id,
        title=rel.title,
        a=rel.a.name,
        b=rel.b.name,
        capability=capability(rel.a, rel.b, notes),
        flows=flows,
        initiated_by_a=init["a"],
        initiated_by_b=init["b"],
        initiative_unknown=init[None],
        initiative_balance=balance(init["a"], init["b"]),
        tiers_a=tiers["a"],
        tiers_b=tiers["b"],
        tiers_unplaced=tiers[None],
        activities=n_act,
        co_produced=len(co_ids),
        co_production_share=len(co_ids) / n_act if n_act else None,
        co_produced_ids=co_ids,
        notes=notes,
        commitments=tuple(x.id for x in planned),
        planned_flows=[f for f in planned_flows if f.flow_ids],
    )


def capability(a: PlaceRec, b: PlaceRec, notes: list[Message] | None = None) -> Capability:
    """The capability gap; what is unknown is None and, if ``notes`` is given, said there."""
    notes = notes if notes is not None else []
    ratio = None
    if a.population and b.population and a.population > 0 and b.population > 0:
        ratio = math.log10(a.population / b.population)
    else:
        notes.append(Message("population unknown for a side: no population ratio"))
    ca, cb = country(a.country), country(b.country)
    ta, tb = (ca.tier if ca else None), (cb.tier if cb else None)
    if ta is None or tb is None:
        notes.append(
            Message("development tier unknown for a side (country missing or unclassified)")
        )
    ga, gb = (ca.government_system if ca else None), (cb.government_system if cb else None)
    return Capability(
        a.population,
        b.population,
        ratio,
        ca.income_group if ca else None,
        cb.income_group if cb else None,
        ta - tb if ta is not None and tb is not None else None,
        ga,
        gb,
        ga == gb if ga and gb else None,
    )


def _flow_balance(rel: RelationshipRec, activities: list[ActivityRec], kind: str) -> FlowBalance:
    ab = ba = 0
    amounts: dict[str, dict[str, float]] = {"a": {}, "b": {}}
    ids = []
    for act in activities:
        for flow in act.flows:
            if flow.kind != kind:
                continue
            side = rel.side_of(flow.from_place_id)
            if side is None or rel.side_of(flow.to_place_id) == side:
                continue
            ids.append(flow.id)
            ab, ba = (ab + 1, ba) if side == "a" else (ab, ba + 1)
            if flow.amount is not None:
                unit = flow.unit or ""
                amounts[side][unit] = amounts[side].get(unit, 0.0) + flow.amount
    return FlowBalance(
        kind, ab, ba, dict(amounts["a"]), dict(amounts["b"]), balance(ab, ba), tuple(ids)
    )


def _non_state(actor: ActorRec) -> bool:
    return actor.tier == ActorTier.NON_STATE.value


def _tier_mix(
    rel: RelationshipRec, done: list[ActivityRec]
) -> dict[str | None, dict[str, int]]:
    """Distinct actors per side and tier: the relationship's own and those of what was done."""
    actors = {ac.id: ac for ac in rel.actors}
    for act in done:
        actors.update({ac.id: ac for ac in act.actors})
    # the three tiers of `000` always show; "unknown" (an actor the source does not
    # describe) only where there is one, so it is never read as a fourth tier
    known = [t.value for t in ActorTier if t is not ActorTier.UNKNOWN]
    mix: dict[str | None, dict[str, int]] = {
        side: dict.fromkeys(known, 0) for side in ("a", "b", None)
    }
    for ac in actors.values():
        bucket = mix[rel.side_of(ac.place_id)]
        bucket[ac.tier] = bucket.get(ac.tier, 0) + 1
    return mix
