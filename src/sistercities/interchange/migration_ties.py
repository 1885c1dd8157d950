"""Storing an imported migration table (the diaspora ties that partner matching reads).

The CSV is parsed, and its bad rows set aside, by
:func:`sistercities.analysis.partners.migration.parse_migration_csv`; this
module writes what was accepted.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.analysis.partners.migration import MigrationImport
from sistercities.registry.models import MigrationTie


def store_migration(session: Session, parsed: MigrationImport) -> dict[str, int]:
    """Write accepted ties; a tie already stored (same origin, destination, year) is updated.

    Rejected rows were set aside by the parser with their reasons; the rest is
    written in the caller's session (one transaction). Running the same import
    twice changes nothing the second time.
    """
    created = updated = unchanged = 0
    for rec, year, source in zip(parsed.accepted, parsed.years, parsed.sources, strict=True):
        existing = session.scalars(
            select(MigrationTie).where(
                MigrationTie.destination_place_id == rec.destination_place_id,
                _eq(MigrationTie.origin_place_id, rec.origin_place_id),
                _eq(MigrationTie.origin_country, rec.origin_country),
                _eq(MigrationTie.year, year),
            )
        ).first()
        if existing is None:
            session.add(
                MigrationTie(
                    origin_place_id=rec.origin_place_id,
                    origin_country=rec.origin_country,
                    destination_place_id=rec.destination_place_id,
                    people=rec.people,
                    year=year,
                    source=source,
                )
            )
            created += 1
        elif existing.people != rec.people:
            existing.people = rec.people
            updated += 1
        else:
            unchanged += 1
    return {"created": created, "updated": updated, "unchanged": unchanged}


def _eq(column: Any, value: Any) -> Any:
    return column.is_(None) if value is None else column == value
