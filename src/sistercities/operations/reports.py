"""The office's reports as the web shows them: dossier, annual report, audit history.

Thin wrappers that open a session and call the analyses the CLI calls, so
the page, the download and ``sistercities dossier|report|history --json``
give the same answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sistercities.analysis import annual_report
from sistercities.analysis import dossier as dossier_module
from sistercities.registry import memory, queries
from sistercities.registry.store import Registry


def dossier(
    registry: Registry,
    *,
    place: str,
    include_contacts: bool = False,
    as_of: dt.date | None = None,
) -> dict[str, Any]:
    """The handover dossier of a place as data (contacts for officers only)."""
    with registry.session() as session:
        return dossier_module.build_dossier(
            session,
            queries.find_place(session, place),
            as_of=as_of,
            include_contacts=include_contacts,
        )


def dossier_file(
    registry: Registry, *, place: str, fmt: str, include_contacts: bool = False
) -> tuple[bytes, str]:
    """The dossier rendered as ``md``, ``html`` or ``pdf``, and its place's name."""
    data = dossier(registry, place=place, include_contacts=include_contacts)
    return dossier_module.render(data, fmt), str(data["place"]["name"])


def report(registry: Registry, *, year: int, place: str | None = None) -> dict[str, Any]:
    """The annual report of a year (one place's, or the whole registry's)."""
    with registry.session() as session:
        found = queries.find_place(session, place) if place else None
        return annual_report.report_for_year(session, year, found)


def history(
    registry: Registry,
    *,
    entity: str | None = None,
    entity_id: int | None = None,
    limit: int = 100,
    show_personal: bool = False,
) -> list[dict[str, Any]]:
    """The audit trail, newest first."""
    with registry.session() as session:
        rows = memory.history(
            session, entity=entity, entity_id=entity_id, limit=limit, show_personal=show_personal
        )
    return [{**row, "at": _iso(row["at"])} for row in rows]


def _iso(value: Any) -> Any:
    """Times as ISO 8601 text, written the same by the CLI and the API."""
    return value.isoformat() if isinstance(value, dt.datetime | dt.date) else value
