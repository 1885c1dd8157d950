"""What the public portal shows: a place's sister cities, what each relationship
does, who takes part and how to reach them, what is coming.

Only public data, by construction: places, relationships, activities not
kept off the portal, their flows, and *organisations* with the contact
points entered as public. No person is listed, and no actor's ``contact``
column is ever read here. A planned activity is shown as a commitment,
never counted as something done; layers are "covered" only by activities
carried out.

Every function returns plain data (codes, not translated names: the page
translates them) and is cheap: a handful of queries per page, whatever the
number of relationships.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from sistercities import taxonomy
from sistercities.dates import format_partial
from sistercities.errors import NotFoundError
from sistercities.messages import Message
from sistercities.registry.audit import VERSION
from sistercities.registry.models import (
    Activity,
    Actor,
    Place,
    Relationship,
    RelationshipActor,
)
from sistercities.registry.portal.models import Portal, PortalHiddenActivity, PublicContactPoint
from sistercities.registry.portal.settings import enabled_portals, portal_by_slug, slugify
from sistercities.registry.records import fold

LAYERS = taxonomy.choices(taxonomy.Layer)
UPCOMING = 20  # planned activities listed on a place's page; each relationship's page has all


def registry_version(session: Session) -> int:
    """A number that moves on with every change to the registry (:data:`audit.VERSION`).

    Pages built from the same version are the same page: it keys their ETag.
    """
    return int(session.scalar(VERSION) or 0)


def portal_language(session: Session, slug: str) -> str | None:
    """The language of the enabled portal at ``slug`` (one query), or ``None``."""
    return session.scalar(
        select(Portal.language).where(Portal.slug == slug, Portal.enabled.is_(True))
    )


def _place(place: Place) -> dict[str, Any]:
    return {
        "id": place.id,
        "name": place.name,
        "country": place.country_code,
        "admin1": place.admin1,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


def _relationships(session: Session, place_id: int) -> list[Relationship]:
    return list(
        session.scalars(
            select(Relationship)
            .where(or_(Relationship.place_a_id == place_id, Relationship.place_b_id == place_id))
            .options(selectinload(Relationship.place_a), selectinload(Relationship.place_b))
            .order_by(Relationship.id)
        )
    )


def _partner(rel: Relationship, place_id: int) -> Place:
    return rel.place_b if rel.place_a_id == place_id else rel.place_a


def relationship_slugs(rels: list[Relationship], place_id: int) -> dict[int, str]:
    """A readable slug per relationship of a place: the partner's name, made unique."""
    names = Counter(slugify(_partner(rel, place_id).name) for rel in rels)
    slugs: dict[int, str] = {}
    for rel in rels:
        partner = _partner(rel, place_id)
        slug = slugify(partner.name)
        if names[slug] > 1:
            slug = f"{slug}-{(partner.country_code or 'xx').lower()}"
        if slug in slugs.values():
            slug = f"{slug}-{rel.id}"
        slugs[rel.id] = slug
    return slugs


def _hidden(session: Session) -> set[int]:
    return set(session.scalars(select(PortalHiddenActivity.activity_id)))


def _activities(session: Session, rel_ids: list[int]) -> dict[int, list[Activity]]:
    if not rel_ids:
        return {}
    hidden = _hidden(session)
    rows = session.scalars(
        select(Activity)
        .where(Activity.relationship_id.in_(rel_ids))
        .options(selectinload(Activity.flows))
        .order_by(Activity.id)
    )
    grouped: dict[int, list[Activity]] = defaultdict(list)
    for activity in rows:
        if activity.id not in hidden:
            grouped[activity.relationship_id].append(activity)
    return grouped


def _newest_first(activities: list[Activity]) -> list[Activity]:
    dated = sorted((a for a in activities if a.date), key=lambda a: (a.date, a.id), reverse=True)
    return dated + [a for a in activities if not a.date]


def _layers(done: list[Activity]) -> list[str]:
    present = {a.layer for a in done if a.layer}
    return [layer for layer in LAYERS if layer in present]


def _activity(activity: Activity, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": activity.id,
        "title": activity.title,
        "date": format_partial(activity.date, activity.date_precision),
        "layer": activity.layer,
        "area": activity.area,
        "description": activity.description,
        "participants": activity.participants,
        "flows": [
            {
                "kind": f.kind,
                "from": names.get(f.from_place_id, "?"),
                "to": names.get(f.to_place_id, "?"),
                "amount": f.amount,
                "unit": f.unit,
            }
            for f in activity.flows
        ],
    }


def _summary(
    rel: Relationship,
    place_id: int,
    slug: str,
    activities: list[Activity],
    portal_slugs: dict[int, str],
) -> dict[str, Any]:
    done = [a for a in activities if not a.planned]
    dated = [a for a in done if a.date]
    last = max(dated, key=lambda a: (a.date or dt.date.min, a.id)) if dated else None
    partner = _partner(rel, place_id)
    return {
        "id": rel.id,
        "slug": slug,
        "partner": _place(partner),
        "partner_portal": portal_slugs.get(partner.id),
        "kind": rel.kind,
        "status": rel.status,
        "since": format_partial(rel.start_date, rel.start_precision),
        "until": format_partial(rel.end_date, rel.end_precision),
        "activities": len(done),
        "planned": sum(1 for a in activities if a.planned),
        "last_activity": format_partial(last.date, last.date_precision) if last else None,
        "layers": _layers(done),
    }


def _portal(portal: Portal) -> dict[str, Any]:
    return {"slug": portal.slug, "language": portal.language, "place": _place(portal.place)}


def _portal_slugs(session: Session) -> dict[int, str]:
    return dict(
        session.execute(select(Portal.place_id, Portal.slug).where(Portal.enabled.is_(True))).all()
    )


def portal_index(session: Session) -> dict[str, Any]:
    """``/portal/``: the places whose portal is on, with their number of relationships."""
    portals = enabled_portals(session)
    counts: Counter[int] = Counter()
    for a, b in session.execute(select(Relationship.place_a_id, Relationship.place_b_id)):
        counts[a] += 1
        counts[b] += 1
    return {"portals": [{**_portal(p), "relationships": counts[p.place_id]} for p in portals]}


def place_page(session: Session, slug: str) -> dict[str, Any]:
    """A place's portal: its sister cities (map and list), what is coming, what was done."""
    portal = portal_by_slug(session, slug)
    place_id = portal.place_id
    rels = _relationships(session, place_id)
    slugs = relationship_slugs(rels, place_id)
    grouped = _activities(session, [r.id for r in rels])
    portal_slugs = _portal_slugs(session)
    summaries = [_summary(r, place_id, slugs[r.id], grouped[r.id], portal_slugs) for r in rels]
    summaries.sort(key=lambda s: (s["status"] == "ended", fold(s["partner"]["name"])))
    upcoming: list[tuple[Activity, dict[str, Any]]] = []
    recent: list[tuple[Activity, dict[str, Any]]] = []
    for rel in rels:
        names = {rel.place_a_id: rel.place_a.name, rel.place_b_id: rel.place_b.name}
        partner = _partner(rel, place_id)
        for activity in grouped[rel.id]:
            item = {
                **_activity(activity, names),
                "relationship": slugs[rel.id],
                "partner": partner.name,
            }
            (upcoming if activity.planned else recent).append((activity, item))
    return {
        "portal": _portal(portal),
        "relationships": summaries,
        "by_status": dict(Counter(s["status"] for s in summaries)),
        "upcoming": [item for _a, item in _planned_order(upcoming)][:UPCOMING],
        "upcoming_total": len(upcoming),
        "recent": [
            item
            for a, item in sorted(
                ((a, i) for a, i in recent if a.date),
                key=lambda ai: (ai[0].date, ai[0].id),
                reverse=True,
            )
        ][:10],
    }


def _planned_order(items: list[tuple[Activity, dict[str, Any]]]) -> list[tuple[Activity, Any]]:
    far = dt.date.max
    return sorted(items, key=lambda ai: (ai[0].date or far, ai[0].id))


def _organisations(session: Session, rel: Relationship) -> dict[int, list[dict[str, Any]]]:
    links = session.execute(
        select(RelationshipActor, Actor)
        .join(Actor, Actor.id == RelationshipActor.actor_id)
        .where(RelationshipActor.relationship_id == rel.id)
        .where(Actor.kind == taxonomy.ActorKind.ORGANISATION)
        .order_by(Actor.name)
    ).all()
    ids = {actor.id for _link, actor in links}
    points: dict[int, list[dict[str, str]]] = defaultdict(list)
    for point in session.scalars(
        select(PublicContactPoint)
        .where(PublicContactPoint.actor_id.in_(ids))
        .order_by(PublicContactPoint.id)
    ):
        points[point.actor_id].append({"kind": point.kind, "value": point.value})
    sides: dict[int, list[dict[str, Any]]] = {rel.place_a_id: [], rel.place_b_id: []}
    seen: set[tuple[int, int]] = set()
    for link, actor in links:
        side = link.side_place_id or actor.place_id
        if side not in sides or (side, actor.id) in seen:
            continue
        seen.add((side, actor.id))
        sides[side].append(
            {
                "id": actor.id,
                "name": actor.name,
                "role": actor.role,
                "tier": actor.tier,
                "part": link.role,
                "contact_points": points.get(actor.id, []),
            }
        )
    return sides


def relationship_page(session: Session, slug: str, relationship_slug: str) -> dict[str, Any]:
    """One relationship as the public sees it from a place's portal."""
    portal = portal_by_slug(session, slug)
    rels = _relationships(session, portal.place_id)
    slugs = relationship_slugs(rels, portal.place_id)
    found = next((r for r in rels if slugs[r.id] == relationship_slug), None)
    if found is None:
        raise NotFoundError(
            Message(
                "%(place)s has no sister city %(slug)r",
                place=portal.place.name,
                slug=relationship_slug,
            )
        )
    activities = _activities(session, [found.id])[found.id]
    names = {found.place_a_id: found.place_a.name, found.place_b_id: found.place_b.name}
    done = [a for a in activities if not a.planned]
    summary = _summary(
        found, portal.place_id, relationship_slug, activities, _portal_slugs(session)
    )
    sides = _organisations(session, found)
    partner = _partner(found, portal.place_id)
    return {
        "portal": _portal(portal),
        **summary,
        "layers_missing": [layer for layer in LAYERS if layer not in summary["layers"]],
        "done": [_activity(a, names) for a in _newest_first(done)],
        "planned": [
            _activity(a, names)
            for a in sorted(
                (a for a in activities if a.planned), key=lambda a: (a.date or dt.date.max, a.id)
            )
        ],
        "organisations": {
            "here": sides[portal.place_id],
            "there": sides[partner.id],
        },
    }


def search(session: Session, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Find, across the portals that are on: places, sister cities, organisations, activities."""
    wanted = fold(query)
    if len(wanted) < 2:
        return []
    results: list[dict[str, Any]] = []
    hidden = _hidden(session)
    for portal in enabled_portals(session):
        rels = _relationships(session, portal.place_id)
        slugs = relationship_slugs(rels, portal.place_id)
        if wanted in fold(portal.place.name):
            results.append(
                {
                    "type": "portal",
                    "title": portal.place.name,
                    "portal": portal.slug,
                    "relationship": None,
                }
            )
        for rel in rels:
            partner = _partner(rel, portal.place_id)
            hit = {
                "portal": portal.slug,
                "relationship": slugs[rel.id],
                "context": f"{portal.place.name} – {partner.name}",
            }
            if wanted in fold(partner.name):
                results.append({"type": "sister_city", "title": partner.name, **hit})
            for activity in rel.activities:
                if activity.id not in hidden and wanted in fold(activity.title):
                    results.append({"type": "activity", "title": activity.title, **hit})
            for link in rel.actor_links:
                actor = link.actor
                if actor.kind == taxonomy.ActorKind.ORGANISATION and wanted in fold(actor.name):
                    results.append({"type": "organisation", "title": actor.name, **hit})
    unique = list(
        {(r["type"], r["title"], r["portal"], r["relationship"]): r for r in results}.values()
    )
    return unique[:limit]


def overview(session: Session, country: str | None = None) -> dict[str, Any]:
    """The whole registry (or one country's places) for a national association."""
    code = country.upper() if country else None
    rels = list(
        session.scalars(
            select(Relationship).options(
                selectinload(Relationship.place_a), selectinload(Relationship.place_b)
            )
        )
    )
    by_status: Counter[str] = Counter()
    partners: Counter[str] = Counter()
    places: Counter[int] = Counter()
    place_rows: dict[int, Place] = {}
    for rel in rels:
        ends = [(rel.place_a, rel.place_b), (rel.place_b, rel.place_a)]
        ours = [(home, other) for home, other in ends if code is None or home.country_code == code]
        if not ours:
            continue
        by_status[rel.status] += 1
        for home, other in ours:
            places[home.id] += 1
            place_rows[home.id] = home
            partners[other.country_code or "?"] += 1
    done_layers: Counter[str] = Counter()
    rel_ids = {r.id for r in rels}
    hidden = _hidden(session)
    covered: set[tuple[int, str]] = set()
    for rel_id, layer, activity_id in session.execute(
        select(Activity.relationship_id, Activity.layer, Activity.id).where(
            Activity.planned.is_(False), Activity.layer.is_not(None)
        )
    ):
        if rel_id in rel_ids and activity_id not in hidden and layer:
            covered.add((rel_id, str(layer)))
    counted = {
        rel.id
        for rel in rels
        if code is None or code in (rel.place_a.country_code, rel.place_b.country_code)
    }
    for rel_id, layer in covered:
        if rel_id in counted:
            done_layers[layer] += 1
    portal_slugs = _portal_slugs(session)
    top = sorted(places.items(), key=lambda kv: (-kv[1], fold(place_rows[kv[0]].name)))[:100]
    return {
        "country": code,
        "relationships": sum(by_status.values()),
        "by_status": dict(sorted(by_status.items())),
        "partner_countries": dict(partners.most_common(30)),
        "layers_covered": {layer: done_layers.get(layer, 0) for layer in LAYERS},
        "places": [
            {**_place(place_rows[pid]), "relationships": n, "portal": portal_slugs.get(pid)}
            for pid, n in top
        ],
    }
