"""The registry's records as plain dicts: what lists, JSON output and the web show.

One module, so that the CLI, the web app and the exports describe a record
the same way. Contact details of actors appear only when asked
(``with_contact``), after the caller checked the user may see them.
"""

from __future__ import annotations

from typing import Any

from sistercities.dates import format_partial
from sistercities.registry.models import (
    Activity,
    Actor,
    Administration,
    CrisisEvent,
    Place,
    Relationship,
    RelationshipActor,
)


def place_summary(place: Place) -> dict[str, Any]:
    """The fields of a place shown in lists and JSON."""
    return {
        "id": place.id,
        "name": place.name,
        "country": place.country_code,
        "country_text": place.country_text,
        "kind": place.kind,
        "admin1": place.admin1,
        "population": place.population,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geonames_id": place.geonames_id,
        "wikidata_id": place.wikidata_id,
        "resolution": place.resolution,
        "resolution_score": place.resolution_score,
        "original_name": place.original_name,
    }


def relationship_summary(rel: Relationship) -> dict[str, Any]:
    """The fields of a relationship shown in lists and JSON."""
    return {
        "id": rel.id,
        "a": {"id": rel.place_a.id, "name": rel.place_a.name, "country": rel.place_a.country_code},
        "b": {"id": rel.place_b.id, "name": rel.place_b.name, "country": rel.place_b.country_code},
        "kind": rel.kind,
        "status": rel.status,
        "start": format_partial(rel.start_date, rel.start_precision),
        "end": format_partial(rel.end_date, rel.end_precision),
        "initiated_by": rel.initiated_by,
    }


def actor_summary(actor: Actor, *, with_contact: bool = False) -> dict[str, Any]:
    """The fields of an actor shown in lists and JSON; contact only when asked.

    Callers pass ``with_contact=True`` only after
    :func:`sistercities.registry.access.require_officer`.
    """
    data: dict[str, Any] = {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "tier": actor.tier,
        "role": actor.role,
        "place_id": actor.place_id,
        "country": actor.country_code,
        "notes": actor.notes,
    }
    if with_contact:
        data["contact"] = actor.contact or {}
    return data


def link_summary(link: RelationshipActor) -> dict[str, Any]:
    """An actor's part in a relationship, for JSON."""
    return {
        "id": link.id,
        "relationship_id": link.relationship_id,
        "actor_id": link.actor_id,
        "part": link.role,
        "side_place_id": link.side_place_id,
        "start": format_partial(link.start_date, link.start_precision),
        "end": format_partial(link.end_date, link.end_precision),
    }


def administration_summary(admin: Administration) -> dict[str, Any]:
    """An administration, for JSON."""
    return {
        "id": admin.id,
        "place_id": admin.place_id,
        "office": admin.office,
        "holder": admin.holder,
        "start": format_partial(admin.start_date, admin.start_precision),
        "end": format_partial(admin.end_date, admin.end_precision),
    }


def activity_summary(activity: Activity) -> dict[str, Any]:
    """An activity with its flows and actors, for JSON."""
    return {
        "id": activity.id,
        "relationship_id": activity.relationship_id,
        "title": activity.title,
        "date": format_partial(activity.date, activity.date_precision),
        "planned": activity.planned,
        "layer": activity.layer,
        "area": activity.area,
        "initiated_by_place_id": activity.initiated_by_place_id,
        "participants": activity.participants,
        "volunteers": activity.volunteers,
        "actors": [{"actor_id": a.actor_id, "role": a.role} for a in activity.actor_links],
        "flows": [
            {
                "from_place_id": f.from_place_id,
                "to_place_id": f.to_place_id,
                "kind": f.kind,
                "amount": f.amount,
                "unit": f.unit,
            }
            for f in activity.flows
        ],
    }


def crisis_summary(crisis: CrisisEvent) -> dict[str, Any]:
    """A national crisis, for JSON."""
    return {
        "id": crisis.id,
        "name": crisis.name,
        "countries": [c for c in (crisis.country_a, crisis.country_b) if c],
        "start": format_partial(crisis.start_date, crisis.start_precision),
        "end": format_partial(crisis.end_date, crisis.end_precision),
    }
