"""Layers and phase of a relationship (Fortunoff et al. 2025, `004`).

**Layers** (Lecours 2008): *economic* (investment, trade, tourism, exports),
*decentralised cooperation* (cultural and educational exchange, projects,
best practice), *political* (identity, protocol, diaspora). An activity's layer
is its recorded ``layer``; when none is recorded it is read from its ``area``
through :data:`AREA_LAYER`. Lecours' layers are cumulative with economic
concerns at the base: a relationship without an economic layer gets the
warning that `004` draws from the Quito case.

**Phase** (O'Toole 2000), decided by this rule, first match wins:

1. *commercial* — at least ``min_economic`` activities in the economic layer
   (trade, tourism, investment; remittances count too);
2. *reciprocal* — exchange both ways: flows of any kind in both directions, or
   activities initiated by both sides;
3. *associative* — activities, but one-way or symbolic only;

and no phase when no activity is recorded (a signed agreement alone says
nothing about what the relationship does). Planned activities are
commitments, not facts: they are listed (``commitments``) but never count as
a layer covered or a phase reached.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sistercities.analysis.records import ActivityRec, RelationshipRec
from sistercities.messages import Joined, Message, Plural, Term
from sistercities.taxonomy import ActivityArea, Layer, Phase

AREA_LAYER: dict[str, str] = {
    ActivityArea.TRADE: Layer.ECONOMIC,
    ActivityArea.TOURISM: Layer.ECONOMIC,
    ActivityArea.REMITTANCES: Layer.ECONOMIC,
    ActivityArea.CULTURE: Layer.DECENTRALISED_COOPERATION,
    ActivityArea.EDUCATION_AND_YOUTH: Layer.DECENTRALISED_COOPERATION,
    ActivityArea.SPORT: Layer.DECENTRALISED_COOPERATION,
    ActivityArea.GOVERNANCE_TRAINING: Layer.DECENTRALISED_COOPERATION,
    ActivityArea.ENVIRONMENT_AND_CLIMATE: Layer.DECENTRALISED_COOPERATION,
    ActivityArea.HEALTH: Layer.DECENTRALISED_COOPERATION,
    ActivityArea.HUMANITARIAN_AID: Layer.DECENTRALISED_COOPERATION,
    ActivityArea.HUMAN_RIGHTS: Layer.POLITICAL,
    ActivityArea.TRUST_BUILDING: Layer.POLITICAL,
    ActivityArea.PROTOCOL: Layer.POLITICAL,
    ActivityArea.DIASPORA_AND_MIGRATION: Layer.POLITICAL,
}

NO_ECONOMIC_BASE = Message(
    "no economic layer: Lecours' layers are cumulative with economic concerns at the "
    "base, and `004` concludes that Cuenca's and Quito's partnerships \"have largely "
    "focused on cultural and political aims without the essential economic base, leaving "
    'the relationship with no legs to stand on"'
)


def layer_of(activity: ActivityRec) -> str | None:
    """The recorded layer, else the layer of the area, else None.

    >>> layer_of(ActivityRec(1, "Artisan fair", area="trade"))
    'economic'
    """
    if activity.layer:
        return str(activity.layer)
    return str(AREA_LAYER[activity.area]) if activity.area in AREA_LAYER else None


@dataclass
class PhaseReport:
    """Layers covered (with the activities in each), the phase and the rule that gave it."""

    relationship_id: int
    title: str
    layers: dict[str, list[int]]
    unlayered: list[int]
    phase: str | None
    rule: Message
    warnings: list[Message] = field(default_factory=list)
    commitments: list[int] = field(default_factory=list)

    @property
    def covered(self) -> list[str]:
        return [layer.value for layer in Layer if self.layers.get(layer.value)]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__, covered=self.covered)

    def explain(self) -> Joined:
        """The layers, the phase and its rule in words (lines of messages)."""
        lines: list[Message] = [
            Message(
                "Layers and phase of relationship %(id)s: %(title)s",
                id=str(self.relationship_id),
                title=self.title,
            )
        ]
        for layer in Layer:
            ids = self.layers.get(layer.value, [])
            lines.append(
                Joined(
                    "",
                    [
                        "  ",
                        Plural(
                            "%(layer)s: %(count)s activity %(ids)s",
                            "%(layer)s: %(count)s activities %(ids)s",
                            len(ids),
                            layer=Term("layer", layer.value),
                            ids=ids,
                        ),
                    ],
                )
            )
        if self.unlayered:
            lines.append(
                Joined(
                    "", ["  ", Message("no layer or area recorded: %(ids)s", ids=self.unlayered)]
                )
            )
        if self.commitments:
            lines.append(
                Joined(
                    "",
                    [
                        "  ",
                        Message(
                            "planned, not counted (commitments, not facts): %(ids)s",
                            ids=self.commitments,
                        ),
                    ],
                )
            )
        phase = Term("phase", self.phase) if self.phase else Message("none")
        lines.append(Message("phase: %(phase)s — %(rule)s", phase=phase, rule=self.rule))
        lines += [Message("warning: %(warning)s", warning=w) for w in self.warnings]
        lines.append(Message("layers: Lecours 2008; phases: O'Toole 2000; both as used in `004`"))
        return Joined("\n", lines)


def phase_report(rel: RelationshipRec, *, min_economic: int = 1) -> PhaseReport:
    """Layers covered and O'Toole phase of a relationship, with the deciding rule.

    Parameters
    ----------
    rel : RelationshipRec
        The relationship with its activities (and their flows).
    min_economic : int
        Economic-layer activities needed for the commercial phase (default 1).

    Examples
    --------
    >>> from sistercities.analysis.records import PlaceRec
    >>> a, b = PlaceRec(1, "Peekskill", "US"), PlaceRec(2, "Cuenca", "EC")
    >>> acts = (ActivityRec(1, "Youth soccer tournament", area="sport", initiated_by_place_id=1),
    ...         ActivityRec(2, "Artisan market", area="trade", initiated_by_place_id=2))
    >>> r = phase_report(RelationshipRec(5, a, b, activities=acts))
    >>> r.covered, r.phase
    (['economic', 'decentralised_cooperation'], 'commercial')
    """
    done = [act for act in rel.activities if not act.planned]
    layers: dict[str, list[int]] = defaultdict(list)
    unlayered = []
    for act in done:
        layer = layer_of(act)
        if layer is None:
            unlayered.append(act.id)
        else:
            layers[layer].append(act.id)
    phase, rule = _phase(rel, done, len(layers.get(Layer.ECONOMIC.value, [])), min_economic)
    warnings = []
    if done and not layers.get(Layer.ECONOMIC.value):
        warnings.append(NO_ECONOMIC_BASE)
    if not done:
        warnings.append(
            Message(
                "no activities carried out on record: %(no_economic_base)s",
                no_economic_base=NO_ECONOMIC_BASE,
            )
        )
    commitments = [act.id for act in rel.activities if act.planned]
    return PhaseReport(
        rel.id, rel.title, dict(layers), unlayered, phase, rule, warnings, commitments
    )


def _phase(
    rel: RelationshipRec, done: list[ActivityRec], economic: int, min_economic: int
) -> tuple[str | None, Message]:
    if not done:
        return None, Message(
            "no activity carried out on record, so no phase can be read from what it does"
        )
    if economic >= min_economic:
        return Phase.COMMERCIAL.value, Plural(
            "%(count)s economic-layer activity >= %(minimum)s (rule 1: commercial)",
            "%(count)s economic-layer activities >= %(minimum)s (rule 1: commercial)",
            economic,
            minimum=min_economic,
        )
    directions = {
        (rel.side_of(f.from_place_id), rel.side_of(f.to_place_id))
        for act in done
        for f in act.flows
    }
    initiators = {rel.side_of(act.initiated_by_place_id) for act in done} - {None}
    if {("a", "b"), ("b", "a")} <= directions:
        return Phase.RECIPROCAL.value, Message("flows in both directions (rule 2: reciprocal)")
    if initiators == {"a", "b"}:
        return Phase.RECIPROCAL.value, Message(
            "both sides initiated activities (rule 2: reciprocal)"
        )
    return Phase.ASSOCIATIVE.value, Message(
        "activities, but no economic layer and no two-way exchange (rule 3: associative)"
    )
