"""Analyses: pure functions over plain records, each figure with its formula.

``from_registry`` reads the registry into those records; everything else here
takes data and returns data (dataclasses with ``to_dict()`` and ``explain()``).
"""

from sistercities.analysis.asymmetry import AsymmetryProfile, asymmetry_profile
from sistercities.analysis.graph import NetEdge, NetNode, TwinGraph, build_graph
from sistercities.analysis.matching import MatchReport, MigrationRec, match_candidates
from sistercities.analysis.migration import MigrationImport, parse_migration_csv
from sistercities.analysis.network import KONECT_TWIN, NetworkReport, network_report
from sistercities.analysis.network_export import export_graph
from sistercities.analysis.phases import PhaseReport, phase_report
from sistercities.analysis.records import (
    ActivityRec,
    ActorRec,
    CrisisRec,
    FlowRec,
    PlaceRec,
    RelationshipRec,
    StatusRec,
)
from sistercities.analysis.resilience import ResilienceReport, resilience_report
from sistercities.analysis.wikipedia import load_wikipedia_pairs

__all__ = [
    "KONECT_TWIN",
    "ActivityRec",
    "ActorRec",
    "AsymmetryProfile",
    "CrisisRec",
    "FlowRec",
    "MatchReport",
    "MigrationImport",
    "MigrationRec",
    "NetEdge",
    "NetNode",
    "NetworkReport",
    "PhaseReport",
    "PlaceRec",
    "RelationshipRec",
    "ResilienceReport",
    "StatusRec",
    "TwinGraph",
    "asymmetry_profile",
    "build_graph",
    "export_graph",
    "load_wikipedia_pairs",
    "match_candidates",
    "network_report",
    "parse_migration_csv",
    "phase_report",
    "resilience_report",
]
