"""What an office reads: relationship health, the handover dossier, the annual report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sistercities.analysis import load
from sistercities.analysis.office import annual_report as annual_module
from sistercities.analysis.office import dossier as dossier_module
from sistercities.analysis.office import health as health_module
from sistercities.analysis.records import ActivityRec, RelationshipRec
from sistercities.operations.common import as_of_date, optional_place
from sistercities.registry import queries
from sistercities.registry.store import Registry


def health(
    registry: Registry,
    *,
    as_of: str | dt.date | None = None,
    dormant_months: int = health_module.DORMANT_AFTER_MONTHS,
    change_months: int = health_module.CHANGE_WITHIN_MONTHS,
    place: str | None = None,
    explain: bool = False,
) -> list[dict[str, Any]]:
    """Every relationship (or one place's) with its health figures and a status suggestion.

    With ``explain``, each row also carries ``explain``: every figure's
    formula, range and the records behind it.
    """
    when = as_of_date(as_of)
    with registry.session() as session:
        records = load.health_records(session, optional_place(session, place))
    results = health_module.health_report(
        records, when, dormant_after_months=dormant_months, change_within_months=change_months
    )
    return [
        {**h.to_dict(), **({"explain": health_module.explain(h)} if explain else {})}
        for h in results
    ]


@dataclass
class Dossier:
    """The handover dossier's data, and its rendering when a format was asked for."""

    data: dict[str, Any]
    format: str | None = None
    content: bytes | None = None

    def to_dict(self) -> dict[str, Any]:
        return self.data


def dossier(
    registry: Registry,
    *,
    place: str | int,
    as_of: str | dt.date | None = None,
    include_contacts: bool = False,
    format: str | None = None,
    language: str = "en",
) -> Dossier:
    """The handover dossier of a place; rendered as md, html or pdf when ``format`` is given.

    Contact details are included only for a user recorded as officer. The
    rendered file is in ``language`` (``en``, ``es``); the data stays English.
    """
    with registry.session() as session:
        records = load.dossier_record(
            session, queries.find_place(session, str(place)), include_contacts=include_contacts
        )
    data = dossier_module.build_dossier(records, as_of=as_of_date(as_of))
    content = dossier_module.render(data, format, language) if format else None
    return Dossier(data=data, format=format, content=content)


def annual_report(registry: Registry, *, year: int, place: str | None = None) -> dict[str, Any]:
    """The annual report: exchanges, people, events, volunteers, money, by relationship and area.

    With ``place``, inbound and outbound are counted from that place's side.
    """
    annual_module.check_year(year)
    with registry.session() as session:
        where = optional_place(session, place)
        activities = load.year_activities(session, year, where)
        records = load.health_records(session, where)
        label = where.label() if where else None
        home = where.id if where else None
    report = annual_module.annual_report(activities, year, home_place_id=home)
    report["place"] = label
    report["without_activity"] = _without_activity(records, activities, year)
    return report


def _without_activity(
    records: list[RelationshipRec],
    activities: list[ActivityRec],
    year: int,
) -> dict[str, list[str]]:
    """The relationships the year's figures leave out, and why: no activity recorded that
    year, or nothing dated on record at all (not enough on record to judge, the health
    rule: never read as inactive)."""
    reported = {a.relationship_id for a in activities}
    end = dt.date(year, 12, 31)
    out: dict[str, list[str]] = {"no_activity_recorded": [], "not_enough_on_record": []}
    for verdict in health_module.health_report(
        [r for r in records if r.id not in reported], min(end, dt.date.today())
    ):
        key = (
            "not_enough_on_record"
            if verdict.suggestion == health_module.NOT_ENOUGH
            else "no_activity_recorded"
        )
        out[key].append(verdict.label)
    return out
