"""Portal operations: switch a place's public portal on or off, mark what is public,
and read the public pages' data (the web app renders these; ``portal show`` prints them).

Publishing is an office's decision, and a city's office decides for its
own city: switching a place's portal on or off needs an officer *of that
place* (an admin: any place; an officer account: the places stored with it,
``sistercities user add NAME --role officer --place PLACE``; an officer tied
to no place, or a name listed by ``sistercities access grant``: any place).
Entering an organisation's public contact points needs an officer of the
organisation's city or of a city it takes part for; keeping an activity off
the portals, an officer of either city of its relationship. The rule is
:func:`sistercities.registry.access.officer_scope`, the same whether the CLI
(``--user``) or the web app (the account signed in) calls. Reading needs
nobody: it is what the public sees.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.errors import InputError, NotFoundError
from sistercities.messages import Message
from sistercities.operations import callers
from sistercities.registry import access, checks, queries
from sistercities.registry.models import Activity, Place, RelationshipActor
from sistercities.registry.portal import public, settings
from sistercities.registry.portal.models import Portal, PublicContactPoint
from sistercities.registry.store import Registry

__all__ = [
    "portal_add_contact",
    "portal_configure",
    "portal_disable",
    "portal_enable",
    "portal_hide_activity",
    "portal_language",
    "portal_list",
    "portal_overview",
    "portal_page_state",
    "portal_place_page",
    "portal_relationship_page",
    "portal_remove_contact",
    "portal_search",
    "portal_show_activity",
    "portal_state",
    "portal_switches",
    "portal_version",
]


def _officer_of_place(session: Session, place: Place, step: Message) -> None:
    access.require_officer_of(session, [place.id], step, place.label())


def _officer_of_actor(session: Session, actor_id: int, step: Message) -> None:
    actor = checks.actor(session, actor_id, "actor")
    sides = set(
        session.scalars(
            select(RelationshipActor.side_place_id).where(RelationshipActor.actor_id == actor.id)
        )
    )
    places = {actor.place_id, *sides} - {None}
    where = (
        Message("%(name)s's city", name=actor.name)
        if places
        else Message("%(name)s (tied to no city)", name=actor.name)
    )
    access.require_officer_of(session, places, step, where)


def _officer_of_activity(session: Session, activity_id: int, step: Message) -> None:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise InputError(
            Message("no activity with id %(id)s", id=str(activity_id)), field="activity"
        )
    rel = activity.relationship
    where = Message("%(a)s or %(b)s", a=rel.place_a.label(), b=rel.place_b.label())
    access.require_officer_of(session, [rel.place_a_id, rel.place_b_id], step, where)


def _portal(portal: Portal) -> dict[str, Any]:
    return {
        "place": portal.place.label(),
        "place_id": portal.place_id,
        "slug": portal.slug,
        "enabled": portal.enabled,
        "language": portal.language,
        "changed_by": portal.changed_by,
    }


def portal_enable(
    registry: Registry,
    *,
    place: str,
    slug: str | None = None,
    language: str | None = None,
    user: str | None = None,
) -> dict[str, Any]:
    """Switch a place's portal on (place: id or 'name, country')."""
    with registry.session(user=user) as session:
        found = queries.find_place(session, place)
        _officer_of_place(session, found, Message("switch the portal of this place on"))
        return _portal(settings.enable(session, found, slug=slug, language=language))


def portal_configure(
    registry: Registry,
    *,
    place: str,
    slug: str | None = None,
    language: str | None = None,
    user: str | None = None,
) -> dict[str, Any]:
    """Change a portal's address (slug) or language, leaving it on or off as it is.

    The same officer of the place as the switch; a place with no portal yet is
    switched on with :func:`portal_enable`, which takes the same options.
    """
    with registry.session(user=user) as session:
        found = queries.find_place(session, place)
        _officer_of_place(session, found, Message("change the address or language of this portal"))
        return _portal(settings.configure(session, found, slug=slug, language=language))


def portal_disable(registry: Registry, *, place: str, user: str | None = None) -> dict[str, Any]:
    """Switch a place's portal off."""
    with registry.session(user=user) as session:
        found = queries.find_place(session, place)
        _officer_of_place(session, found, Message("switch the portal of this place off"))
        return _portal(settings.disable(session, found))


def _state(session: Session, place: Place, scope: access.OfficerScope | None) -> dict[str, Any]:
    portal = session.scalar(select(Portal).where(Portal.place_id == place.id))
    state: dict[str, Any] = (
        _portal(portal)
        if portal is not None
        else {
            "place": place.label(),
            "place_id": place.id,
            "slug": None,
            "enabled": False,
            "language": None,
            "changed_by": None,
        }
    )
    state["may_switch"] = scope is not None and scope.covers(place.id)
    return state


def portal_state(registry: Registry, *, place: str, user: str | None = None) -> dict[str, Any]:
    """A place's portal as the office sees it: on or off, its address and language, and
    whether ``user`` may switch it (an officer of the place)."""
    with registry.session(user=user) as session:
        found = queries.find_place(session, place)
        return _state(session, found, access.officer_scope(session))


def portal_switches(registry: Registry, *, user: str | None = None) -> dict[str, Any]:
    """The portals ``user`` may switch: an officer of some cities, theirs; the registry's
    officer (or an admin), every place that has a portal, and any other by name.

    ``everywhere`` says which; ``places`` is empty for someone who is no officer.
    """
    with registry.session(user=user) as session:
        scope = access.officer_scope(session)
        if scope is None:
            return {"everywhere": False, "officer": False, "places": []}
        if scope.places is None:
            query = select(Place).join(Portal, Portal.place_id == Place.id)
        else:
            query = select(Place).where(Place.id.in_(scope.places))
        places = session.scalars(query.order_by(Place.name, Place.id))
        return {
            "everywhere": scope.everywhere,
            "officer": True,
            "places": [_state(session, place, scope) for place in places],
        }


def portal_add_contact(
    registry: Registry, *, actor_id: int, kind: str, value: str, user: str | None = None
) -> dict[str, Any]:
    """Publish how the public reaches an organisation (website, e-mail, phone, address)."""
    with registry.session(user=user) as session:
        _officer_of_actor(
            session, actor_id, Message("publish a contact point of this organisation")
        )
        point = settings.add_contact_point(session, actor_id, kind, value)
        return {
            "id": point.id,
            "actor_id": point.actor_id,
            "kind": point.kind,
            "value": point.value,
        }


def portal_remove_contact(registry: Registry, *, point_id: int, user: str | None = None) -> None:
    """Take a public contact point down."""
    with registry.session(user=user) as session:
        point = session.get(PublicContactPoint, point_id)
        if point is None:
            raise NotFoundError(Message("no public contact point %(id)s", id=str(point_id)))
        _officer_of_actor(session, point.actor_id, Message("take this contact point down"))
        settings.remove_contact_point(session, point_id)


def portal_hide_activity(
    registry: Registry, *, activity_id: int, reason: str | None = None, user: str | None = None
) -> None:
    """Keep an activity off the portals."""
    with registry.session(user=user) as session:
        _officer_of_activity(session, activity_id, Message("keep this activity off the portals"))
        settings.hide_activity(session, activity_id, reason)


def portal_show_activity(registry: Registry, *, activity_id: int, user: str | None = None) -> None:
    """Put a hidden activity back on the portals."""
    with registry.session(user=user) as session:
        _officer_of_activity(session, activity_id, Message("put this activity back on the portals"))
        settings.show_activity(session, activity_id)


def portal_version(registry: Registry) -> int:
    """The registry's version: public pages built at the same version are the same."""
    return callers.registry_version(registry)


def portal_page_state(registry: Registry, *, slug: str | None = None) -> dict[str, Any]:
    """What a public page's cache needs, in one unit of work: the registry's version and,
    for a portal's page, the portal's language (``None`` when no portal is on at ``slug``)."""
    with registry.session() as session:
        language = public.portal_language(session, slug) if slug else None
        return {"version": public.registry_version(session), "language": language}


def portal_language(registry: Registry, *, slug: str) -> str | None:
    """The language of an enabled portal, or ``None`` when there is none at that slug."""
    with registry.session() as session:
        return public.portal_language(session, slug)


def portal_list(registry: Registry) -> dict[str, Any]:
    """The places whose portal is on."""
    with registry.session() as session:
        return public.portal_index(session)


def portal_place_page(registry: Registry, *, slug: str) -> dict[str, Any]:
    """A place's portal page data."""
    with registry.session() as session:
        return public.place_page(session, slug)


def portal_relationship_page(registry: Registry, *, slug: str, relationship: str) -> dict[str, Any]:
    """One relationship's public page data."""
    with registry.session() as session:
        return public.relationship_page(session, slug, relationship)


def portal_search(registry: Registry, *, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Search the portals that are on."""
    with registry.session() as session:
        return public.search(session, query, limit)


def portal_overview(registry: Registry, *, country: str | None = None) -> dict[str, Any]:
    """The whole registry, or one country, for a national association."""
    code = None
    if country:
        code = queries.country_code(country)
    with registry.session() as session:
        return public.overview(session, code)
