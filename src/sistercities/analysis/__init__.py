"""Analyses: pure functions over plain records, each figure with its formula.

``from_registry`` reads the registry into those records; everything else here
takes data and returns data (dataclasses with ``to_dict()`` and ``explain()``).

The names are loaded on first use (PEP 562), so that the command line, which
imports this package, does not load numba, igraph and SciPy for every command.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ActivityRec": "records",
    "ActorRec": "records",
    "AsymmetryProfile": "asymmetry",
    "CrisisRec": "records",
    "FlowRec": "records",
    "KONECT_TWIN": "network",
    "MatchReport": "matching",
    "MigrationImport": "migration",
    "MigrationRec": "matching",
    "NetEdge": "graph",
    "NetNode": "graph",
    "NetworkReport": "network",
    "PhaseReport": "phases",
    "PlaceRec": "records",
    "RelationshipRec": "records",
    "ResilienceReport": "resilience",
    "StatusRec": "records",
    "TwinGraph": "graph",
    "asymmetry_profile": "asymmetry",
    "build_graph": "graph",
    "export_graph": "network_export",
    "load_wikipedia_pairs": "wikipedia",
    "match_candidates": "matching",
    "network_report": "network",
    "parse_migration_csv": "migration",
    "phase_report": "phases",
    "resilience_report": "resilience",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
