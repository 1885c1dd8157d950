"""Switching a place's public portal on and off, and what an office marks as public.

- A portal has a readable slug, made once from the place's name (``cuenca``;
  ``cuenca-ec`` where another portal took ``cuenca``) and kept, so links
  stay valid when a name is corrected; and a language, by default the one
  most spoken in the place's country (:func:`sistercities.i18n.place_language`).
  An office may choose both, switching on or later (:func:`configure`); a
  slug it chooses is checked (its form, another portal's, the portal's own
  pages) and refused naming the field, with a
  :class:`~sistercities.messages.Message` the web app shows in the reader's
  language. Changing a slug moves the portal: the old address
  answers 404.
- Public contact points belong to organisations only: a person's contact
  details are personal data and never public (DESIGN.md).
- Activities are public unless an office keeps one off its portal.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities import i18n, taxonomy
from sistercities.errors import InputError, NotFoundError
from sistercities.messages import Message
from sistercities.registry import checks
from sistercities.registry.models import Activity, Place
from sistercities.registry.portal.models import Portal, PortalHiddenActivity, PublicContactPoint
from sistercities.registry.records import fold

CONTACT_KINDS = ("website", "email", "phone", "address")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_LENGTH = 120
#: Addresses of the portal's own pages (``/portal/search``): no place's portal can be there.
RESERVED_SLUGS = frozenset({"search", "overview"})


def slugify(text: str) -> str:
    """A readable URL segment: accents folded, lower case, hyphens.

    >>> slugify("São Paulo (SP)")
    'sao-paulo-sp'
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "place"


def _user(session: Session) -> str:
    return str(session.info.get("user") or "unknown")


def _free_slug(session: Session, place: Place) -> str:
    base = slugify(place.name)
    for candidate in (
        base,
        f"{base}-{(place.country_code or '').lower()}".rstrip("-"),
        f"{base}-{place.id}",
    ):
        if candidate in RESERVED_SLUGS:
            continue
        if session.scalar(select(Portal.id).where(Portal.slug == candidate)) is None:
            return candidate
    raise InputError(
        Message("no free slug for %(place)s; give one", place=place.label()), field="slug"
    )


def _checked_language(language: str | None) -> str | None:
    chosen = i18n.normalise(language) if language else None
    if language and chosen is None:
        raise InputError(
            Message(
                "%(value)r is not one of: %(allowed)s",
                value=language,
                allowed=", ".join(i18n.SUPPORTED),
            ),
            field="language",
        )
    return chosen


def _checked_slug(session: Session, slug: str | None, portal: Portal | None) -> str | None:
    """A slug given by an office: well formed and not another portal's (``None``: none given)."""
    if slug is None:
        return None
    slug = slug.strip().lower()
    if not _SLUG.match(slug) or len(slug) > SLUG_LENGTH:
        raise InputError(
            Message(
                "%(slug)r: use lower-case letters, digits and hyphens "
                "(at most %(limit)s, no hyphen first or last)",
                slug=slug,
                limit=SLUG_LENGTH,
            ),
            field="slug",
        )
    if slug in RESERVED_SLUGS:
        raise InputError(
            Message(
                "%(slug)r is the address of the portal's own %(page)s page; choose another",
                slug=slug,
                page=slug,
            ),
            field="slug",
        )
    taken = session.scalar(select(Portal).where(Portal.slug == slug))
    if taken is not None and taken is not portal:
        raise InputError(
            Message("%(slug)r is the portal of %(place)s", slug=slug, place=taken.place.label()),
            field="slug",
        )
    return slug


def enable(
    session: Session, place: Place, *, slug: str | None = None, language: str | None = None
) -> Portal:
    """Switch a place's portal on (creating it, or switching it back on)."""
    chosen_language = _checked_language(language)
    portal = session.scalar(select(Portal).where(Portal.place_id == place.id))
    slug = _checked_slug(session, slug, portal)
    if portal is None:
        portal = Portal(
            place_id=place.id,
            slug=slug or _free_slug(session, place),
            language=chosen_language or i18n.place_language(place.country_code),
            enabled=True,
            changed_by=_user(session),
        )
        session.add(portal)
    else:
        portal.enabled, portal.changed_by = True, _user(session)
        portal.slug = slug or portal.slug
        portal.language = chosen_language or portal.language
    session.flush()
    return portal


def configure(
    session: Session, place: Place, *, slug: str | None = None, language: str | None = None
) -> Portal:
    """Change a portal's address or language and leave it on or off as it is.

    A place that never had a portal has nothing to configure: it is switched
    on first (:func:`enable` takes the same address and language).
    """
    chosen_language = _checked_language(language)
    portal = session.scalar(select(Portal).where(Portal.place_id == place.id))
    if portal is None:
        raise InputError(
            Message(
                "%(place)s has no portal yet: switch it on (with its address and language)",
                place=place.label(),
            ),
            field="place",
        )
    portal.slug = _checked_slug(session, slug, portal) or portal.slug
    portal.language = chosen_language or portal.language
    portal.changed_by = _user(session)
    session.flush()
    return portal


def disable(session: Session, place: Place) -> Portal:
    """Switch a place's portal off (its slug is kept for when it comes back)."""
    portal = session.scalar(select(Portal).where(Portal.place_id == place.id))
    if portal is None or not portal.enabled:
        raise InputError(
            Message("%(place)s has no portal switched on", place=place.label()), field="place"
        )
    portal.enabled, portal.changed_by = False, _user(session)
    session.flush()
    return portal


def enabled_portals(session: Session) -> list[Portal]:
    """The portals switched on, by place name."""
    return list(
        session.scalars(
            select(Portal)
            .join(Place)
            .where(Portal.enabled.is_(True))
            .order_by(Place.name, Portal.id)
        )
    )


def portal_by_slug(session: Session, slug: str) -> Portal:
    """An enabled portal by its slug, or :class:`NotFoundError`."""
    portal = session.scalar(select(Portal).where(Portal.slug == slug, Portal.enabled.is_(True)))
    if portal is None:
        raise NotFoundError(Message("no portal %(slug)r", slug=slug))
    return portal


def add_contact_point(session: Session, actor_id: int, kind: str, value: str) -> PublicContactPoint:
    """Record how the public reaches an organisation (never a person)."""
    actor = checks.actor(session, actor_id, "actor")
    if actor.kind != taxonomy.ActorKind.ORGANISATION:
        raise InputError(
            Message(
                "%(name)s is a person: a person's contact details are personal data and are "
                "never public; give the organisation's contact point instead",
                name=actor.name,
            ),
            field="actor",
        )
    if kind not in CONTACT_KINDS:
        raise InputError(
            Message(
                "%(value)r is not one of: %(allowed)s", value=kind, allowed=", ".join(CONTACT_KINDS)
            ),
            field="kind",
        )
    text = checks.short_text(value, "value", 500)
    if kind == "email" and "@" not in text:
        raise InputError(Message("%(email)r is not an e-mail address", email=text), field="value")
    if kind == "website" and not re.match(r"^https?://[^\s/]+\.[^\s]+$", text):
        raise InputError(
            Message("%(value)r is not a web address (https://...)", value=text), field="value"
        )
    point = PublicContactPoint(actor_id=actor.id, kind=kind, value=text, added_by=_user(session))
    session.add(point)
    session.flush()
    return point


def remove_contact_point(session: Session, point_id: int) -> None:
    """Take a public contact point off the portal."""
    point = session.get(PublicContactPoint, point_id)
    if point is None:
        raise NotFoundError(Message("no public contact point %(id)s", id=str(point_id)))
    session.delete(point)
    session.flush()


def hide_activity(session: Session, activity_id: int, reason: str | None = None) -> None:
    """Keep an activity off every portal (it stays in the registry)."""
    if session.get(Activity, activity_id) is None:
        raise InputError(
            Message("no activity with id %(id)s", id=str(activity_id)), field="activity"
        )
    if session.get(PortalHiddenActivity, activity_id) is None:
        session.add(
            PortalHiddenActivity(activity_id=activity_id, reason=reason, hidden_by=_user(session))
        )
    session.flush()


def show_activity(session: Session, activity_id: int) -> None:
    """Put a hidden activity back on the portals."""
    hidden = session.get(PortalHiddenActivity, activity_id)
    if hidden is None:
        raise InputError(
            Message("activity %(id)s is not hidden", id=str(activity_id)), field="activity"
        )
    session.delete(hidden)
    session.flush()
