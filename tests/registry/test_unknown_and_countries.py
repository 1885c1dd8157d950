"""A list import stores status unknown (and health then has no verdict); every country
row the registry writes carries the shipped table's income group and government system."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from sistercities.analysis import load
from sistercities.analysis.office import health
from sistercities.interchange.importers import import_pairs
from sistercities.places.gazetteer import Gazetteer
from sistercities.registry.models import Country, Relationship
from sistercities.registry.records import PlaceInput, add_relationship, get_or_add_place
from sistercities.registry.store import Registry


def test_a_list_import_stores_unknown_and_no_verdict(
    registry: Registry, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("city1,country1,city2,country2\nBerlin,Germany,Paris,France\n", "utf-8")
    import_pairs(registry, path, gazetteer=gazetteer)
    with registry.session() as session:
        (rel,) = session.scalars(select(Relationship))
        assert rel.status == "unknown"
        assert [(c.from_status, c.to_status, c.date) for c in rel.status_changes] == [
            (None, "unknown", None)
        ]
        (verdict,) = health.health_report(load.health_records(session), dt.date(2024, 6, 30))
        countries = {c.code: c for c in session.scalars(select(Country))}
    assert verdict.suggestion == "not_enough_on_record"
    assert countries["DE"].government_system == "federal"
    assert countries["FR"].government_system == "unitary"
    assert countries["FR"].development_tier == "high"
    assert "World Bank FY2025" in (countries["FR"].tier_source or "")


def test_a_country_added_by_hand_is_filled_from_the_table(registry: Registry) -> None:
    with registry.session() as session:
        windhoek = get_or_add_place(session, PlaceInput(name="Windhoek", country="NA"))
        quito = get_or_add_place(session, PlaceInput(name="Quito", country="EC"))
        add_relationship(session, windhoek, quito)
    with registry.session() as session:
        namibia = session.get(Country, "NA")
        assert namibia is not None
        # FY2025 has Namibia upper middle income (the hand-typed table had lower middle)
        assert (namibia.development_tier, namibia.government_system) == ("upper_middle", "unitary")
