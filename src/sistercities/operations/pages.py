"""What the office's pages show: the dashboard, a relationship, a place.

Why here and not in a route: each page is one question to the registry
("what needs my attention?", "what is this relationship?"), and the JSON API
asks the same ones. Each function opens its own sessions and returns plain
data; figures carry their explanation and the records they rest on.

The dashboard reads the health of every relationship. On a large registry
(the Wikipedia lists: 24,000 relationships) that takes seconds, so the result
is kept per process for as long as the registry has not changed: the key is
the registry's version, which every committed write moves on (imports
included; :data:`~sistercities.registry.audit.VERSION`). Nothing is served
that a write has made stale, in any worker: each request reads the key (one
primary-key row) before it uses a kept answer; the version is read before
the answer is made, so an answer is never older than its key. Pages of the
relationships list are kept the same way (at most :data:`CACHE_ENTRIES`
answers per process, the oldest dropped first).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, or_, select

from sistercities.analysis import load
from sistercities.analysis.office import health as health_module
from sistercities.dates import format_partial
from sistercities.operations import analyses, callers
from sistercities.registry import queries
from sistercities.registry.models import Activity, Place, Relationship
from sistercities.registry.serialisers import activity_summary, actor_summary
from sistercities.registry.store import Registry

RECENT = 10
CACHE_ENTRIES = 512  # answers kept per process, across registries and questions
_CACHE: dict[tuple[str, int | None, str], Any] = {}  # (registry, stamp, question)
_LOCK = threading.Lock()


def _cached(registry: Registry, name: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept until the registry changes (see the module's docstring).

    Callers must not modify what they get back.
    """
    stamp = callers.registry_version(registry)
    key = (registry.url, stamp, name)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    value = compute()
    with _LOCK:
        for old in [k for k in _CACHE if k[0] == registry.url and k[1] != stamp]:
            del _CACHE[old]
        while len(_CACHE) >= CACHE_ENTRIES:
            del _CACHE[next(iter(_CACHE))]  # the oldest answer goes first
        _CACHE[key] = value
    return value


HEALTH_WINDOW = 2000  # relationships read at a time for the dashboard


def _health_rows(registry: Registry, when: dt.date) -> list[dict[str, Any]]:
    """The health of every relationship, read window by window of ids (bounded memory)."""
    keys = ("relationship_id", "label", "status", "last_activity", "months_since_contact",
            "suggestion")
    with registry.session() as session:
        last = int(session.scalar(select(func.max(Relationship.id))) or 0)
    rows: list[dict[str, Any]] = []
    for first in range(1, last + 1, HEALTH_WINDOW):
        with registry.session() as session:
            records = load.health_records(session, ids=(first, first + HEALTH_WINDOW - 1))
        for h in health_module.health_report(records, when):
            data = h.to_dict()
            rows.append({k: data[k] for k in keys})
    return rows


def _activity_row(activity: Activity) -> dict[str, Any]:
    rel = activity.relationship
    return {
        "id": activity.id,
        "relationship_id": rel.id,
        "relationship": rel.label(),
        "title": activity.title,
        "date": format_partial(activity.date, activity.date_precision),
        "layer": activity.layer,
        "area": activity.area,
        "planned": activity.planned,
        "flows": len(activity.flows),
    }


def dashboard(registry: Registry, *, as_of: dt.date | None = None) -> dict[str, Any]:
    """What needs an office's attention.

    - ``by_status``: relationships per recorded status;
    - ``going_dormant``: recorded active (or unknown) but with no activity for
      the health analysis' dormant span (its suggestion is ``dormant`` and
      the months since contact are known);
    - ``too_little_on_record``: no dated activity and no signing date: the
      registry cannot judge them (never counted as dormant);
    - ``recent_activity``: the latest activities carried out;
    - ``open_commitments``: activities planned and not yet carried out.
    """
    when = as_of or dt.date.today()
    return dict(
        _cached(registry, f"dashboard:{when.isoformat()}", lambda: _dashboard(registry, when))
    )


def _dashboard(registry: Registry, when: dt.date) -> dict[str, Any]:
    health = _health_rows(registry, when)
    going = [
        h
        for h in health
        if h["suggestion"] == "dormant"
        and h["status"] in {"active", "unknown"}
        and h["months_since_contact"] is not None
    ]
    too_little = [h for h in health if h["months_since_contact"] is None]
    with registry.session() as session:
        by_status = dict(
            session.execute(
                select(Relationship.status, func.count()).group_by(Relationship.status)
            ).all()
        )
        recent = session.scalars(
            select(Activity)
            .where(Activity.planned.is_(False))
            .order_by(Activity.date.is_(None), Activity.date.desc(), Activity.id.desc())
            .limit(RECENT)
        )
        recent_rows = [_activity_row(a) for a in recent]
        open_rows = [
            _activity_row(a)
            for a in session.scalars(
                select(Activity)
                .where(Activity.planned.is_(True))
                .order_by(Activity.date.is_(None), Activity.date, Activity.id)
            )
        ]
    return {
        "as_of": when.isoformat(),
        "relationships": sum(by_status.values()),
        "by_status": {k: int(v) for k, v in sorted(by_status.items())},
        "going_dormant": _brief(going),
        "going_dormant_count": len(going),
        "too_little_on_record": _brief(too_little),
        "too_little_on_record_count": len(too_little),
        "recent_activity": recent_rows,
        "open_commitments": open_rows,
    }


def _brief(rows: list[dict[str, Any]], limit: int = 20) -> list[dict[str, Any]]:
    keys = ("relationship_id", "label", "status", "last_activity", "months_since_contact")
    return [{k: row[k] for k in keys} for row in rows[:limit]]


def _timeline(rel: Relationship) -> list[dict[str, Any]]:
    """Activities with their flows, oldest first; open commitments marked."""
    ordered = sorted(rel.activities, key=lambda a: (a.date or dt.date.max, a.id))
    return [activity_summary(activity) for activity in ordered]


def _actors(rel: Relationship, with_contacts: bool) -> list[dict[str, Any]]:
    sides = {rel.place_a_id: "a", rel.place_b_id: "b"}
    return [
        {
            **actor_summary(link.actor, with_contact=with_contacts),
            "part": link.role,
            "side": sides.get(link.side_place_id or -1),
            "start": format_partial(link.start_date, link.start_precision),
            "end": format_partial(link.end_date, link.end_precision),
        }
        for link in rel.actor_links
    ]


def relationship_page(
    registry: Registry,
    *,
    relationship_id: int,
    with_contacts: bool = False,
    as_of: dt.date | None = None,
) -> dict[str, Any]:
    """One relationship: its record, timeline, actors on both sides, and its analyses.

    ``health``, ``asymmetry`` and ``phases`` each come with ``explain``: the
    formula of every figure and the records behind it.
    """
    when = as_of or dt.date.today()
    with registry.session() as session:
        detail = queries.relationship_detail(session, relationship_id)
        rel = session.get(Relationship, relationship_id)
        assert rel is not None
        detail["a"] = queries.place_summary(rel.place_a)
        detail["b"] = queries.place_summary(rel.place_b)
        detail["timeline"] = _timeline(rel)
        detail["actors"] = _actors(rel, with_contacts)
        detail["contacts_shown"] = with_contacts
        records = [r for r in load.health_records(session, rel.place_a) if r.id == relationship_id]
    health = health_module.relationship_health(records[0], when)
    profile = analyses.asymmetry(registry, relationship=relationship_id)
    phases = analyses.phases(registry, relationship=relationship_id)
    detail["health"] = {**health.to_dict(), "explain": health_module.explain(health)}
    detail["asymmetry"] = {**profile.to_dict(), "explain": profile.explain()}
    detail["phases"] = {**phases.to_dict(), "explain": phases.explain()}
    return detail


def place_page(registry: Registry, *, place: str) -> dict[str, Any]:
    """One place with its relationships and partners (with coordinates, for the map)."""
    with registry.session() as session:
        found = queries.find_place(session, place)
        detail = queries.place_detail(session, found)
        rels = session.scalars(
            select(Relationship).where(
                or_(Relationship.place_a_id == found.id, Relationship.place_b_id == found.id)
            )
        )
        partners = []
        for rel in rels:
            other: Place = rel.place_b if rel.place_a_id == found.id else rel.place_a
            partners.append(
                {**queries.place_summary(other), "relationship_id": rel.id, "status": rel.status}
            )
    detail["partners"] = partners
    detail["partner_countries"] = dict(Counter(p["country"] or "?" for p in partners))
    return detail


def relationships_page(
    registry: Registry,
    *,
    country: str | None = None,
    place: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of the relationships matching the CLI's filters, and how many match in all."""
    filters = queries.RelationshipFilter(
        country=country, place=place, status=status, kind=kind, since=since
    )

    def compute() -> dict[str, Any]:
        with registry.session() as session:
            total = queries.count_relationships(session, filters)
            filters.limit, filters.offset = limit, offset
            items = queries.list_relationships(session, filters)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    question = json.dumps([country, place, status, kind, since, limit, offset])
    return dict(_cached(registry, f"relationships:{question}", compute))


def relationship_for_edit(registry: Registry, *, relationship_id: int) -> dict[str, Any]:
    """A relationship's own fields and version, as an edit form starts from them."""
    with registry.session() as session:
        return queries.relationship_detail(session, relationship_id)


def network_page(registry: Registry, *, seed: int = 0, top: int = 10) -> dict[str, Any]:
    """The network figures with their explanation, and relationships per country (the map).

    ``by_country`` counts each relationship once for each of its countries;
    ``country_pairs`` is the analysis' country-pair matrix.
    """

    def compute() -> dict[str, Any]:
        report = analyses.network(registry, seed=seed, top=top)
        with registry.session() as session:
            by_country: Counter[str] = Counter()
            rows = session.execute(
                select(Place.country_code, func.count())
                .join(
                    Relationship,
                    or_(Relationship.place_a_id == Place.id, Relationship.place_b_id == Place.id),
                )
                .group_by(Place.country_code)
            ).all()
            by_country.update({code or "?": int(n) for code, n in rows})
        return {**report.to_dict(), "explain": report.explain(), "by_country": dict(by_country)}

    return dict(_cached(registry, f"network:{seed}:{top}", compute))
