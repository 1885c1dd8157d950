"""Who may see personal data: actors' contact details are shown to officers only.

Why: a handover dossier must give the incoming team the people to call, but
a registry is read by many (staff, volunteers, researchers) and contact
details are personal data (DESIGN.md: "guarded by role, never in public
exports").

The mechanism
-------------
- The ``registry_users`` table lists people by the name they use as
  ``--user`` (the name the audit trail records) with a role: ``officer`` or
  ``staff``.
- Contact details appear only where a caller asks for them *and* the
  session's user is an officer (:func:`require_officer`); everywhere else
  (dossier, history, JSON) they are absent or replaced by :data:`HIDDEN`.
- The first officer may be named by anyone while the registry has none;
  after that only an officer may grant or change roles. Every grant is in the
  audit trail.

Who is an officer, and of which city
------------------------------------
There is one answer, :func:`officer_scope`, for the CLI (``--user NAME``)
and the web app (which writes as the account's name) alike:

1. A **web account** named NAME answers when there is one: disabled, it is
   nobody's officer; an ``admin`` is an officer of every place; an
   ``officer`` is an officer of the places stored with it
   (:class:`~sistercities.registry.accounts.OfficerPlace`, ``sistercities
   user add NAME --role officer --place PLACE``), or, tied to no place, the
   registry's officer, of every place (every officer was, before places
   existed); a partner or researcher account is no officer.
2. Otherwise a name listed here with the role ``officer`` (``sistercities
   access grant``, for people who use the CLI only) is the registry's
   officer, of every place. A grant cannot be given to a name that has an
   account (the account decides; change it with ``sistercities user``).

Being an officer of *some* place is what contact details need
(:func:`is_officer`); being an officer of *this* place is what switching its
portal on and sitting on its relationships' councils need
(:meth:`OfficerScope.covers`).

This guards against accidental disclosure by the tools, not against someone
who can read the database file directly: protect the file (or the
PostgreSQL account) for that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.errors import AccessDeniedError
from sistercities.messages import Message
from sistercities.registry import checks
from sistercities.registry.accounts import Account, AccountRole, OfficerPlace
from sistercities.registry.models import Place, RegistryUser
from sistercities.registry.records import check_choice

HIDDEN = "(personal data hidden)"
PERSONAL_FIELDS = frozenset({"contact"})


class AccessRole(StrEnum):
    """A person's role in a registry."""

    OFFICER = "officer"  # may see and export contact details
    STAFF = "staff"  # sees everything else


def current_user(session: Session) -> str:
    """The user a session writes and reads as."""
    return str(session.info.get("user") or "unknown")


def role_of(session: Session, name: str) -> str | None:
    """The role of a user in this registry, or ``None`` if not listed."""
    return session.scalar(select(RegistryUser.role).where(RegistryUser.name == name))


@dataclass(frozen=True)
class OfficerScope:
    """Whose officer a user is: ``places`` are place ids, ``None`` for every place."""

    name: str
    places: frozenset[int] | None

    @property
    def everywhere(self) -> bool:
        return self.places is None

    def covers(self, place_id: int | None) -> bool:
        """Whether the user is an officer of this place."""
        return self.places is None or (place_id is not None and place_id in self.places)

    def covers_any(self, place_ids: Iterable[int | None]) -> bool:
        """Whether the user is an officer of at least one of these places."""
        return any(self.covers(place_id) for place_id in place_ids)


def account_places(session: Session, account_id: int) -> frozenset[int]:
    """The places stored with an officer account (empty: tied to no place)."""
    return frozenset(
        session.scalars(select(OfficerPlace.place_id).where(OfficerPlace.account_id == account_id))
    )


def officer_scope(session: Session, name: str | None = None) -> OfficerScope | None:
    """Whether a user (default: the session's) is an officer, and of which places.

    ``None``: not an officer. The rule is in this module's docstring.
    """
    who = name or current_user(session)
    account = session.execute(
        select(Account.id, Account.role, Account.disabled).where(Account.name == who)
    ).first()
    if account is not None:
        if account.disabled:
            return None
        if account.role == AccountRole.ADMIN:
            return OfficerScope(who, None)
        if account.role == AccountRole.OFFICER:
            return OfficerScope(who, account_places(session, account.id) or None)
        return None
    if role_of(session, who) == AccessRole.OFFICER:
        return OfficerScope(who, None)
    return None


def is_officer(session: Session, name: str | None = None) -> bool:
    """Whether a user (default: the session's) is an officer of any place."""
    return officer_scope(session, name) is not None


def describe_scope(session: Session, scope: OfficerScope) -> str:
    """The places of a scope in words: 'every place', or their labels."""
    if scope.places is None:
        return Message("every place")
    places = session.scalars(select(Place).where(Place.id.in_(scope.places)).order_by(Place.name))
    return ", ".join(p.label() for p in places)


def require_officer_of(
    session: Session, place_ids: Iterable[int | None], step: str, where: str
) -> OfficerScope:
    """Refuse unless the session's user is an officer of one of ``place_ids``.

    ``where`` names the places in the message (``"Cuenca (EC)"``).
    """
    user = current_user(session)
    scope = officer_scope(session, user)
    if scope is None:
        raise AccessDeniedError(
            Message(
                "%(user)r may not %(step)s: only an officer may (an admin, an officer account "
                "of that city: sistercities user add NAME --role officer --place PLACE, or a "
                "registry officer: sistercities access grant NAME --role officer)",
                user=user,
                step=step,
            )
        )
    if not scope.covers_any(place_ids):
        raise AccessDeniedError(
            Message(
                "%(user)r may not %(step)s: %(user)r is an officer of %(scope)s, not of %(where)s",
                user=user,
                step=step,
                scope=describe_scope(session, scope),
                where=where,
            )
        )
    return scope


def require_officer(session: Session, what: str = Message("contact details")) -> None:
    """Refuse unless the session's user is an officer."""
    user = current_user(session)
    if not is_officer(session, user):
        raise AccessDeniedError(
            Message(
                "%(user)r may not see %(what)s: only officers listed in this registry may "
                "(an officer grants it: sistercities access grant NAME --role officer)",
                user=user,
                what=what,
            )
        )


def grant(session: Session, name: str, role: str) -> RegistryUser:
    """Give a user a role; only an officer may, except for the very first officer."""
    who = checks.short_text(name, "name", 200)
    wanted = check_choice(role, AccessRole, "role")
    assert wanted is not None
    has_officer = session.scalar(
        select(RegistryUser.id).where(RegistryUser.role == AccessRole.OFFICER).limit(1)
    )
    if has_officer is not None:
        require_officer(session, Message("or change roles"))
    elif wanted != AccessRole.OFFICER:
        raise AccessDeniedError(Message("name an officer first: this registry has none"))
    account_role = session.scalar(select(Account.role).where(Account.name == who))
    if account_role is not None:
        raise AccessDeniedError(
            Message(
                "%(who)r has a web account (%(role)s): the account decides what %(who)r "
                "may do; change it with 'sistercities user' (e.g. user places NAME --add PLACE)",
                who=who,
                role=account_role,
            )
        )
    user = session.scalar(select(RegistryUser).where(RegistryUser.name == who))
    if user is None:
        user = RegistryUser(name=who, role=wanted, granted_by=current_user(session))
        session.add(user)
    else:
        user.role, user.granted_by = wanted, current_user(session)
    session.flush()
    return user


def list_users(session: Session) -> list[dict[str, Any]]:
    """The registry's users and their roles."""
    rows = session.scalars(select(RegistryUser).order_by(RegistryUser.name))
    return [
        {"name": u.name, "role": u.role, "granted_by": u.granted_by, "granted_at": u.granted_at}
        for u in rows
    ]


def redact(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """A copy of a column snapshot with personal fields replaced by :data:`HIDDEN`."""
    if values is None:
        return None
    return {
        key: (HIDDEN if key in PERSONAL_FIELDS and value else value)
        for key, value in values.items()
    }
