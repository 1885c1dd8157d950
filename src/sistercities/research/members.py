"""Create and list projects, add and remove members.

The person who creates a project is its first owner. Only an owner adds or
removes members; the last owner cannot be removed (a project nobody can
administer would be lost).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sistercities.errors import ConflictError, InputError
from sistercities.messages import Joined, Message
from sistercities.research.access import ROLE_NAMES, acting_user, open_project
from sistercities.research.projects import ROLES, ResearchMember, ResearchProject

MAX_NAME = 200

#: "a code cannot be empty", one sentence per kind of name (its gender differs in Spanish).
EMPTY = {
    "name": Message("a name cannot be empty"),
    "project": Message("a project cannot be empty"),
    "user": Message("a user cannot be empty"),
    "code": Message("a code cannot be empty"),
    "set": Message("a set cannot be empty"),
    "case": Message("a case cannot be empty"),
    "attribute": Message("a attribute cannot be empty"),
}


def check_name(name: str, *, what: str = "name", limit: int = MAX_NAME) -> str:
    """A name stripped of surrounding space; empty or too long is refused."""
    cleaned = (name or "").strip()
    if not cleaned:
        empty = EMPTY.get(what) or Message("a %(what)s cannot be empty", what=what)
        raise InputError(empty, field=what)
    if len(cleaned) > limit:
        raise InputError(
            Message("longer than %(limit)s characters: %(start)r...", limit=limit,
                    start=cleaned[:40]),
            field=what,
        )
    return cleaned


def create_project(session: Session, name: str, *, title: str | None = None) -> ResearchProject:
    """A new project owned by the acting user; a name already taken is refused."""
    name = check_name(name, what="project")
    if session.scalar(select(ResearchProject.id).where(ResearchProject.name == name)):
        raise ConflictError(Message("a research project named %(name)r already exists", name=name))
    user = acting_user(session)
    project = ResearchProject(name=name, title=title, created_by=user)
    session.add(project)
    session.flush()
    session.add(ResearchMember(project_id=project.id, user=user, role="owner", added_by=user))
    session.flush()
    return project


def project_summary(session: Session, project: ResearchProject) -> dict[str, Any]:
    """A project as plain data: name, title, members with roles, counts."""
    from sistercities.research.codebook.models import Code
    from sistercities.research.coding.models import Coding
    from sistercities.research.corpus.models import Document

    def count(model: Any) -> int:
        return (
            session.scalar(
                select(func.count()).select_from(model).where(model.project_id == project.id)
            )
            or 0
        )

    members = session.execute(
        select(ResearchMember.user, ResearchMember.role)
        .where(ResearchMember.project_id == project.id)
        .order_by(ResearchMember.user)
    ).all()
    return {
        "id": project.id,
        "guid": project.guid,
        "name": project.name,
        "title": project.title,
        "created_by": project.created_by,
        "created_at": project.created_at.isoformat() if project.created_at else None,
        "members": [{"user": u, "role": r} for u, r in members],
        "documents": count(Document),
        "codes": count(Code),
        "codings": count(Coding),
    }


def list_projects(session: Session) -> list[dict[str, Any]]:
    """The projects the acting user belongs to, by name, with their role."""
    user = acting_user(session)
    rows = session.execute(
        select(ResearchProject, ResearchMember.role)
        .join(ResearchMember, ResearchMember.project_id == ResearchProject.id)
        .where(ResearchMember.user == user)
        .order_by(ResearchProject.name)
    ).all()
    return [project_summary(session, p) | {"role": role} for p, role in rows]


def add_member(session: Session, project_name: str, user: str, *, role: str) -> dict[str, Any]:
    """Give ``user`` a role in the project (or change it); owners only."""
    project = open_project(session, project_name, need="owner")
    user = check_name(user, what="user")
    if role not in ROLES:
        raise InputError(
            Message("unknown role %(role)r (choose from %(roles)s)", role=role,
                    roles=Joined(", ", [ROLE_NAMES[r] for r in ROLES])),
            field="role",
        )
    member = session.scalar(
        select(ResearchMember).where(
            ResearchMember.project_id == project.id, ResearchMember.user == user
        )
    )
    if member is None:
        member = ResearchMember(
            project_id=project.id, user=user, role=role, added_by=acting_user(session)
        )
        session.add(member)
    else:
        if member.role == "owner" and role != "owner":
            _refuse_last_owner(session, project)
        member.role = role
    session.flush()
    return {"project": project.name, "user": user, "role": role}


def remove_member(session: Session, project_name: str, user: str) -> dict[str, Any]:
    """Take ``user`` out of the project; owners only; never the last owner."""
    project = open_project(session, project_name, need="owner")
    member = session.scalar(
        select(ResearchMember).where(
            ResearchMember.project_id == project.id, ResearchMember.user == user
        )
    )
    if member is None:
        raise InputError(
            Message("%(user)r is not a member of %(project)r", user=user, project=project.name),
            field="user",
        )
    if member.role == "owner":
        _refuse_last_owner(session, project)
    session.delete(member)
    session.flush()
    return {"project": project.name, "user": user, "removed": True}


def _refuse_last_owner(session: Session, project: ResearchProject) -> None:
    owners = session.scalar(
        select(func.count()).where(
            ResearchMember.project_id == project.id, ResearchMember.role == "owner"
        )
    )
    if (owners or 0) <= 1:
        raise InputError(
            Message("%(project)r would have no owner left", project=project.name), field="role"
        )
