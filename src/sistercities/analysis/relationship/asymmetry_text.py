"""The asymmetry profile as text, grouped by the three factors of `000`.

Each line is a :class:`~sistercities.messages.Message` (English as ``str``,
translated on a Spanish page); the whole text is their :class:`Joined` lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sistercities.messages import Joined, Message, Number, Tally, Term
from sistercities.places.country_profiles import CITATION

if TYPE_CHECKING:
    from sistercities.analysis.relationship.asymmetry import AsymmetryProfile, FlowBalance

INDENT = "  "


def _num(value: float | None, spec: str = "+.2f") -> object:
    return Message("unknown") if value is None else Number(value, spec)


def _known(value: object) -> object:
    return value or Message("unknown")


def _known_term(group: str, value: str | None) -> object:
    return Term(group, value) if value else Message("unknown")


def _side(balance: float | None) -> Message:
    if balance is None:
        return Message("none recorded")
    if balance == 0:
        return Message("even")
    return Message("mostly by A") if balance > 0 else Message("mostly by B")


def _line(depth: int, message: Message) -> Joined:
    return Joined("", [INDENT * depth, message])


def _flow_line(f: FlowBalance) -> Joined:
    return _line(
        2,
        Message(
            "%(kind)s: A->B %(a_to_b)s, B->A %(b_to_a)s, balance %(balance)s (supplied %(side)s); "
            "flows %(ids)s",
            kind=Term("flow", f.kind),
            a_to_b=f.a_to_b,
            b_to_a=f.b_to_a,
            balance=_num(f.balance),
            side=_side(f.balance),
            ids=list(f.flow_ids),
        ),
    )


def _interdependence(p: AsymmetryProfile) -> list[Joined | Message]:
    c = p.capability
    return [
        Message("interdependence (city <-> foreign city):"),
        _line(
            1,
            Message(
                "population A %(a)s, B %(b)s; log10(P_A / P_B) = %(ratio)s",
                a=_known(c.population_a),
                b=_known(c.population_b),
                ratio=_num(c.log10_population_ratio),
            ),
        ),
        _line(
            1,
            Message(
                "income group A %(a)s, B %(b)s; tier gap (A - B, tiers 1 low .. 4 high) = %(gap)s",
                a=_known_term("income_group", c.income_group_a),
                b=_known_term("income_group", c.income_group_b),
                gap=_num(c.tier_gap, "+d"),
            ),
        ),
        _line(1, Message("flows by kind, balance = (A->B - B->A) / (A->B + B->A):")),
        *[_flow_line(f) for f in p.flows],
        _line(
            1,
            Message(
                "initiative: A started %(a)s, B %(b)s, unknown %(unknown)s; "
                "balance (i_A - i_B) / (i_A + i_B) = %(balance)s",
                a=p.initiated_by_a,
                b=p.initiated_by_b,
                unknown=p.initiative_unknown,
                balance=_num(p.initiative_balance),
            ),
        ),
    ]


def _decentralisation_and_paradiplomacy(p: AsymmetryProfile) -> list[Joined | Message]:
    c = p.capability
    return [
        Message("decentralisation (state <-> sub-state):"),
        _line(
            1,
            Message(
                "government system A %(a)s, B %(b)s",
                a=_known_term("government_system", c.government_a),
                b=_known_term("government_system", c.government_b),
            ),
        ),
        _line(
            1,
            Message(
                "state actors: A %(a)s, B %(b)s",
                a=p.tiers_a.get("state", 0),
                b=p.tiers_b.get("state", 0),
            ),
        ),
        Message("paradiplomacy (sub-state <-> non-state):"),
        _line(
            1,
            Message(
                "actors by tier, A %(a)s; B %(b)s; not placed %(unplaced)s",
                a=Tally("tier", p.tiers_a),
                b=Tally("tier", p.tiers_b),
                unplaced=Tally("tier", p.tiers_unplaced),
            ),
        ),
        _line(
            1,
            Message(
                "co-produced with non-state actors: %(co)s of %(n)s activities = %(share)s; "
                "activities %(ids)s",
                co=p.co_produced,
                n=p.activities,
                share=_num(p.co_production_share, ".0%"),
                ids=list(p.co_produced_ids),
            ),
        ),
    ]


def _commitments(p: AsymmetryProfile) -> list[Joined | Message]:
    if not p.commitments:
        return []
    lines: list[Joined | Message] = [
        Message(
            "commitments (planned activities, not counted above): %(ids)s",
            ids=list(p.commitments),
        )
    ]
    for f in p.planned_flows:
        lines.append(
            _line(
                1,
                Message(
                    "planned %(kind)s: A->B %(a_to_b)s, B->A %(b_to_a)s; flows %(ids)s",
                    kind=Term("flow", f.kind),
                    a_to_b=f.a_to_b,
                    b_to_a=f.b_to_a,
                    ids=list(f.flow_ids),
                ),
            )
        )
    return lines


def explain_profile(p: AsymmetryProfile) -> Joined:
    """Lines a person can check against the records listed."""
    lines: list[Joined | Message] = [
        Message(
            "Asymmetry profile of relationship %(id)s: %(title)s (A = %(a)s, B = %(b)s)",
            id=str(p.relationship_id),
            title=p.title,
            a=p.a,
            b=p.b,
        ),
        *_interdependence(p),
        *_decentralisation_and_paradiplomacy(p),
        *_commitments(p),
        *[Message("note: %(note)s", note=n) for n in p.notes],
        Message("source of tiers and systems: %(source)s", source=CITATION),
    ]
    return Joined("\n", lines)
