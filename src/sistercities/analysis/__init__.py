"""Analyses: pure functions over plain records, each figure with its formula.

``load`` reads the registry into those records; everything else here
takes data and returns data (dataclasses with ``to_dict()`` and ``explain()``).

The names are loaded on first use (PEP 562), so that the command line, which
imports this package, does not load numba, igraph and SciPy for every command.
"""

from __future__ import annotations

from sistercities.lazy import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "ActivityRec": "records",
        "ActorRec": "records",
        "AsymmetryProfile": "relationship.asymmetry",
        "CrisisRec": "records",
        "FlowRec": "records",
        "KONECT_TWIN": "network.report",
        "MatchReport": "partners.matching",
        "MigrationImport": "partners.migration",
        "MigrationRec": "partners.matching",
        "NetEdge": "network.graph",
        "NetNode": "network.graph",
        "NetworkReport": "network.report",
        "PhaseReport": "relationship.phases",
        "PlaceRec": "records",
        "RelationshipRec": "records",
        "ResilienceReport": "relationship.resilience",
        "StatusRec": "records",
        "TwinGraph": "network.graph",
        "asymmetry_profile": "relationship.asymmetry",
        "build_graph": "network.graph",
        "load_wikipedia_pairs": "network.wikipedia",
        "match_candidates": "partners.matching",
        "network_report": "network.report",
        "parse_migration_csv": "partners.migration",
        "phase_report": "relationship.phases",
        "resilience_report": "relationship.resilience",
    },
)
