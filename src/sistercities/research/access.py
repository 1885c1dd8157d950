"""Who may do what in a research project.

A person sees a project only if they are a member (by the name they act
under: ``session.info["user"]``, which is ``registry.user``). Asking for a
project one does not belong to is answered exactly like asking for one that
does not exist, so membership lists do not leak. Roles rank
``reader`` < ``coder`` < ``owner`` (see :mod:`sistercities.research.projects`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.errors import NotFoundError, PermissionDeniedError
from sistercities.messages import Message
from sistercities.research.projects import ResearchMember, ResearchProject

RANK = {"reader": 0, "coder": 1, "owner": 2}

#: A project role inside a sentence, by its name in the reader's language (the
#: workbench's pages show a role with the same msgids: ``_(role)``).
ROLE_NAMES = {"reader": Message("reader"), "coder": Message("coder"), "owner": Message("owner")}


def acting_user(session: Session) -> str:
    """The name the session reads and writes as."""
    return str(session.info.get("user") or "unknown")


def role_in(session: Session, project: ResearchProject, user: str) -> str | None:
    """The role of ``user`` in ``project``, or ``None`` if not a member."""
    return session.scalar(
        select(ResearchMember.role).where(
            ResearchMember.project_id == project.id, ResearchMember.user == user
        )
    )


def open_project(session: Session, name: str, *, need: str = "reader") -> ResearchProject:
    """The project called ``name``, if the acting user's role is at least ``need``.

    Raises
    ------
    NotFoundError
        No such project, or the user is not a member of it.
    PermissionDeniedError
        A member whose role is below ``need`` (a reader trying to code).
    """
    user = acting_user(session)
    project = session.scalar(select(ResearchProject).where(ResearchProject.name == name))
    role = role_in(session, project, user) if project is not None else None
    if project is None or role is None:
        raise NotFoundError(
            Message("no research project %(project)r that %(user)r is a member of",
                    project=name, user=user)
        )
    if RANK[role] < RANK[need]:
        raise PermissionDeniedError(
            Message(
                "%(user)r is a %(role)s of project %(project)r; "
                "this needs the %(need)s role or above",
                user=user, role=ROLE_NAMES[role], project=name, need=ROLE_NAMES[need],
            )
        )
    return project
