"""The analyses, as the JSON API asks for them: the same calls as the CLI's ``--json``.

Each returns the analysis' ``to_dict()`` (plus ``explain`` where asked), so
``GET /api/v1/…`` and ``sistercities … --json`` give the same document.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sistercities.analysis import from_registry as fr
from sistercities.analysis import health as health_module
from sistercities.registry import queries
from sistercities.registry.store import Registry


def health(
    registry: Registry,
    *,
    as_of: dt.date | None = None,
    place: str | None = None,
    dormant_months: int = health_module.DORMANT_AFTER_MONTHS,
    change_months: int = health_module.CHANGE_WITHIN_MONTHS,
    explain: bool = False,
) -> list[dict[str, Any]]:
    """The health of every relationship (or one place's), as ``sistercities health --json``."""
    when = as_of or dt.date.today()
    with registry.session() as session:
        where = queries.find_place(session, place) if place else None
        results = health_module.health_report(
            session, when, place=where, dormant_after_months=dormant_months,
            change_within_months=change_months,
        )
    return [
        {**h.to_dict(), **({"explain": health_module.explain(h)} if explain else {})}
        for h in results
    ]


def asymmetry(registry: Registry, *, relationship_id: int) -> dict[str, Any]:
    """The asymmetry profile of a relationship (``sistercities asymmetry ID --json``)."""
    from sistercities.analysis.asymmetry import asymmetry_profile

    with registry.session() as session:
        record = fr.relationship_record(session, relationship_id)
    return asymmetry_profile(record).to_dict()


def phases(registry: Registry, *, relationship_id: int, min_economic: int = 1) -> dict[str, Any]:
    """Layers covered and phase (``sistercities phases ID --json``)."""
    from sistercities.analysis.phases import phase_report

    with registry.session() as session:
        record = fr.relationship_record(session, relationship_id)
    return phase_report(record, min_economic=min_economic).to_dict()


def resilience(
    registry: Registry,
    *,
    relationship_id: int,
    as_of: dt.date | None = None,
    grace_days: int = 0,
) -> dict[str, Any]:
    """Activity through national crises (``sistercities resilience ID --json``)."""
    from sistercities.analysis.resilience import resilience_report

    with registry.session() as session:
        record = fr.relationship_record(session, relationship_id)
        crises = fr.crisis_records(session)
    return resilience_report(record, crises, as_of=as_of, grace_days=grace_days).to_dict()


def network(registry: Registry, *, seed: int = 0, top: int = 10) -> dict[str, Any]:
    """The network figures of the registry (``sistercities network --json``)."""
    from sistercities.analysis.network import network_report

    with registry.session() as session:
        graph = fr.registry_graph(session)
    return network_report(graph, seed=seed, top=top).to_dict()


def match(
    registry: Registry, *, place: str, top: int = 10, domestic: bool = False
) -> dict[str, Any]:
    """Candidate partners for a place (``sistercities match PLACE --json``)."""
    from sistercities.analysis.matching import match_candidates

    with registry.session() as session:
        target = fr.place_rec(queries.find_place(session, place))
        places = fr.all_places(session)
        edges = fr.relationship_pairs(session)
        ties = fr.migration_records(session)
    return match_candidates(
        target, places, edges, ties, top=top, include_domestic=domestic
    ).to_dict()
