"""Research projects and who belongs to them.

A project holds documents, a codebook, codings, cases and memos. A person
sees a project only if they are a member of it (the name they act under,
``registry.user``), with a role:

- ``owner``: everything, including adding and removing members;
- ``coder``: import and edit documents, edit the codebook, code, write memos,
  manage cases;
- ``reader``: read and query only.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sistercities.registry.models import Base


def now() -> dt.datetime:
    """The current UTC time (column default)."""
    return dt.datetime.now(dt.UTC)


def new_guid() -> str:
    """A fresh GUID (REFI-QDA exchange identifies every object by one)."""
    return str(uuid.uuid4())


ROLES = ("owner", "coder", "reader")


class ResearchProject(Base):
    """A research project: the unit a researcher works in."""

    __tablename__ = "research_projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)


class ResearchMember(Base):
    """A person's role in one project (see the module docstring)."""

    __tablename__ = "research_members"
    __table_args__ = (UniqueConstraint("project_id", "user", name="uq_research_members_user"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("research_projects.id", ondelete="CASCADE"), index=True
    )
    user: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    added_by: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
