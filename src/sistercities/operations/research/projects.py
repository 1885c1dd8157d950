"""Projects and members: create, list, show, add and remove members."""

from __future__ import annotations

from typing import Any

from sistercities.registry.store import Registry
from sistercities.research import members
from sistercities.research.access import open_project


def create_project(registry: Registry, *, name: str, title: str | None = None) -> dict[str, Any]:
    """Create a project; the acting user becomes its owner."""
    with registry.session() as session:
        project = members.create_project(session, name, title=title)
        return members.project_summary(session, project)


def list_projects(registry: Registry) -> list[dict[str, Any]]:
    """The projects the acting user belongs to, with their role in each."""
    with registry.session() as session:
        return members.list_projects(session)


def show_project(registry: Registry, *, project: str) -> dict[str, Any]:
    """One project: title, members and roles, counts."""
    with registry.session() as session:
        return members.project_summary(session, open_project(session, project))


def add_member(registry: Registry, *, project: str, user: str, role: str) -> dict[str, Any]:
    """Give a user a role (owner, coder, reader) in a project; owners only."""
    with registry.session() as session:
        return members.add_member(session, project, user, role=role)


def remove_member(registry: Registry, *, project: str, user: str) -> dict[str, Any]:
    """Take a user out of a project; owners only, never the last owner."""
    with registry.session() as session:
        return members.remove_member(session, project, user)
