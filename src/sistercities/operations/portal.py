"""Portal operations: switch a place's public portal on or off, mark what is public,
and read the public pages' data (the web app renders these; ``portal show`` prints them).

Publishing is an office's decision: switching a portal on or off, and
entering an organisation's public contact points, need a user listed as an
officer (``sistercities access grant NAME --role officer``). Reading needs
nobody: it is what the public sees.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sistercities.registry import access, queries
from sistercities.registry.portal import public, settings
from sistercities.registry.portal.models import Portal
from sistercities.registry.store import Registry

__all__ = [
    "portal_add_contact",
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
    "portal_version",
]


def _officer(session: Session, step: str) -> None:
    user = access.current_user(session)
    if not access.is_officer(session, user):
        raise access.AccessDeniedError(
            f"{user!r} may not {step}: only an officer listed in this registry may publish "
            "(sistercities access grant NAME --role officer)"
        )


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
        _officer(session, "switch a portal on")
        found = queries.find_place(session, place)
        return _portal(settings.enable(session, found, slug=slug, language=language))


def portal_disable(registry: Registry, *, place: str, user: str | None = None) -> dict[str, Any]:
    """Switch a place's portal off."""
    with registry.session(user=user) as session:
        _officer(session, "switch a portal off")
        return _portal(settings.disable(session, queries.find_place(session, place)))


def portal_add_contact(
    registry: Registry, *, actor_id: int, kind: str, value: str, user: str | None = None
) -> dict[str, Any]:
    """Publish how the public reaches an organisation (website, e-mail, phone, address)."""
    with registry.session(user=user) as session:
        _officer(session, "publish a contact point")
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
        _officer(session, "take a contact point down")
        settings.remove_contact_point(session, point_id)


def portal_hide_activity(
    registry: Registry, *, activity_id: int, reason: str | None = None, user: str | None = None
) -> None:
    """Keep an activity off the portals."""
    with registry.session(user=user) as session:
        _officer(session, "keep an activity off the portals")
        settings.hide_activity(session, activity_id, reason)


def portal_show_activity(registry: Registry, *, activity_id: int, user: str | None = None) -> None:
    """Put a hidden activity back on the portals."""
    with registry.session(user=user) as session:
        _officer(session, "put an activity back on the portals")
        settings.show_activity(session, activity_id)


def portal_version(registry: Registry) -> int:
    """The registry's version: public pages built at the same version are the same."""
    with registry.session() as session:
        return public.registry_version(session)


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
