"""The asymmetry profile as text, grouped by the three factors of `000`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sistercities.places.country_profiles import CITATION

if TYPE_CHECKING:
    from sistercities.analysis.relationship.asymmetry import AsymmetryProfile


def _num(value: float | None, fmt: str = "{:+.2f}") -> str:
    return "unknown" if value is None else fmt.format(value)


def _side(balance: float | None, a: str, b: str) -> str:
    if balance is None:
        return "none recorded"
    if balance == 0:
        return "even"
    return f"mostly {a}" if balance > 0 else f"mostly {b}"


def explain_profile(p: AsymmetryProfile) -> str:
    """Lines a person can check against the records listed."""
    c = p.capability
    lines = [
        f"Asymmetry profile of relationship {p.relationship_id}: {p.title} (A = {p.a}, B = {p.b})",
        "interdependence (city <-> foreign city):",
        f"  population A {c.population_a or 'unknown'}, B {c.population_b or 'unknown'}; "
        f"log10(P_A / P_B) = {_num(c.log10_population_ratio)}",
        f"  income group A {c.income_group_a or 'unknown'}, B {c.income_group_b or 'unknown'}; "
        f"tier gap (A - B, tiers 1 low .. 4 high) = {_num(c.tier_gap, '{:+d}')}",
        "  flows by kind, balance = (A->B - B->A) / (A->B + B->A):",
    ]
    for f in p.flows:
        lines.append(
            f"    {f.kind}: A->B {f.a_to_b}, B->A {f.b_to_a}, balance {_num(f.balance)} "
            f"(supplied {_side(f.balance, 'by A', 'by B')}); flows {list(f.flow_ids)}"
        )
    lines += [
        f"  initiative: A started {p.initiated_by_a}, B {p.initiated_by_b}, unknown "
        f"{p.initiative_unknown}; balance (i_A - i_B) / (i_A + i_B) = {_num(p.initiative_balance)}",
        "decentralisation (state <-> sub-state):",
        f"  government system A {c.government_a or 'unknown'}, B {c.government_b or 'unknown'}",
        f"  state actors: A {p.tiers_a.get('state', 0)}, B {p.tiers_b.get('state', 0)}",
        "paradiplomacy (sub-state <-> non-state):",
        f"  actors by tier, A {p.tiers_a}; B {p.tiers_b}; not placed {p.tiers_unplaced}",
        f"  co-produced with non-state actors: {p.co_produced} of {p.activities} activities = "
        f"{_num(p.co_production_share, '{:.0%}')}; activities {list(p.co_produced_ids)}",
    ]
    if p.commitments:
        lines.append(
            f"commitments (planned activities, not counted above): {list(p.commitments)}"
        )
        for f in p.planned_flows:
            lines.append(
                f"  planned {f.kind}: A->B {f.a_to_b}, B->A {f.b_to_a}; flows {list(f.flow_ids)}"
            )
    lines += [f"note: {n}" for n in p.notes]
    lines.append(f"source of tiers and systems: {CITATION}")
    return "\n".join(lines)
