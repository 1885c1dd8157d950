"""The analyses of a relationship, of the network, and partner matching.

Each reads what it needs through :mod:`sistercities.analysis.load` and
returns the analysis' report (a dataclass with ``to_dict()`` and
``explain()``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sistercities.analysis import load
from sistercities.analysis.partners.matching import MatchReport, match_candidates
from sistercities.analysis.partners.migration import MigrationImport, parse_migration_csv
from sistercities.analysis.relationship.asymmetry import AsymmetryProfile, asymmetry_profile
from sistercities.analysis.relationship.phases import PhaseReport, phase_report
from sistercities.analysis.relationship.resilience import ResilienceReport, resilience_report
from sistercities.errors import InputError
from sistercities.interchange.migration_ties import store_migration
from sistercities.operations.common import as_of_date, relationship_id
from sistercities.places.country_profiles import shipped_countries
from sistercities.registry import queries
from sistercities.registry.store import Registry

if TYPE_CHECKING:  # the network kernel (numba) loads only when the network is asked for
    from sistercities.analysis.network.report import NetworkReport


def _relationship(registry: Registry, relationship: int | str) -> Any:
    with registry.session() as session:
        return load.relationship_record(session, relationship_id(session, relationship))


def asymmetry(registry: Registry, *, relationship: int | str) -> AsymmetryProfile:
    """Capability gap, flow balance, initiative, actor tiers per side, co-production."""
    return asymmetry_profile(_relationship(registry, relationship))


def phases(registry: Registry, *, relationship: int | str, min_economic: int = 1) -> PhaseReport:
    """Lecours' layers covered and O'Toole's phase, with the rule that decided it."""
    return phase_report(_relationship(registry, relationship), min_economic=min_economic)


def resilience(
    registry: Registry,
    *,
    relationship: int | str,
    as_of: str | dt.date | None = None,
    grace_days: int = 0,
) -> ResilienceReport:
    """Activity in each national-crisis window against the relationship's own baseline.

    ``as_of`` ends the observed span (default: the analysis' own, the last record).
    """
    with registry.session() as session:
        rel = load.relationship_record(session, relationship_id(session, relationship))
        crises = load.crisis_records(session)
    when = as_of_date(as_of) if as_of is not None else None
    return resilience_report(rel, crises, as_of=when, grace_days=grace_days)


def network(
    registry: Registry,
    *,
    pairs: str | Path | None = None,
    coordinates: str | Path | None = None,
    seed: int = 0,
    top: int = 10,
    export_format: str | None = None,
    output: str | Path | None = None,
    exact: bool = False,
) -> NetworkReport:
    """The twinning network report, of the registry or of a pairs CSV.

    With ``export_format`` (graphml, gexf) the graph is also written to ``output``.
    A large network's betweenness and mean distance are estimated from sampled
    sources, with their errors, unless ``exact``.
    """
    if export_format and not output:
        raise InputError("an export needs a file to write", field="output")
    if pairs:
        from sistercities.analysis.network.wikipedia import load_wikipedia_pairs

        graph = load_wikipedia_pairs(pairs, coordinates)
    else:
        with registry.session() as session:
            graph = load.registry_graph(session)
    from sistercities.analysis.network.report import network_report  # the compiled kernel
    from sistercities.interchange.graph_export import export_graph

    report = network_report(graph, seed=seed, top=top, exact=exact)
    if export_format and output:
        export_graph(graph, Path(output), export_format, report.node_scores)
    return report


def match(
    registry: Registry, *, place: str | int, top: int = 10, domestic: bool = False
) -> MatchReport:
    """Candidate partners for a place, with their reasons (diaspora, size, profile...)."""
    with registry.session() as session:
        target = load.place_rec(queries.find_place(session, str(place)))
        places = load.all_places(session)
        edges = load.relationship_pairs(session)
        ties = load.migration_records(session)
    return match_candidates(target, places, edges, ties, top=top, include_domestic=domestic)


@dataclass
class MigrationImportResult:
    """The parsed migration table (accepted and rejected rows) and what was stored."""

    parsed: MigrationImport
    stored: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return self.parsed.to_dict() | {"stored": self.stored}


def import_migration(registry: Registry, *, file: str | Path) -> MigrationImportResult:
    """Import a migration CSV for matching; bad rows are set aside with line and reason."""
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {file}: {exc}", field="file") from exc
    with registry.session() as session:

        def resolve(value: str) -> int:
            return queries.find_place(session, value).id

        parsed = parse_migration_csv(text, resolve, countries=set(shipped_countries()))
        stored = store_migration(session, parsed)
    return MigrationImportResult(parsed=parsed, stored=stored)
