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

This guards against accidental disclosure by the tools, not against someone
who can read the database file directly: protect the file (or the
PostgreSQL account) for that.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.errors import AccessDeniedError
from sistercities.registry import checks
from sistercities.registry.accounts import Account, AccountRole
from sistercities.registry.models import RegistryUser
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


def is_officer(session: Session, name: str | None = None) -> bool:
    """Whether a user (default: the session's) is an officer.

    A web account with the role ``officer`` or ``admin`` (not disabled) counts
    too: the web app writes as the account's name.
    """
    who = name or current_user(session)
    if role_of(session, who) == AccessRole.OFFICER:
        return True
    account_role = session.scalar(
        select(Account.role).where(Account.name == who, Account.disabled.is_(False))
    )
    return account_role in {AccountRole.OFFICER, AccountRole.ADMIN}


def require_officer(session: Session, what: str = "contact details") -> None:
    """Refuse unless the session's user is an officer."""
    user = current_user(session)
    if not is_officer(session, user):
        raise AccessDeniedError(
            f"{user!r} may not see {what}: only officers listed in this registry may "
            "(an officer grants it: sistercities access grant NAME --role officer)"
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
        require_officer(session, "or change roles")
    elif wanted != AccessRole.OFFICER:
        raise AccessDeniedError("name an officer first: this registry has none")
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
