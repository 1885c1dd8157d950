"""The codebook: a tree of codes (some of them folders that cannot be coded), and sets.

A code's ``parent_id`` builds the hierarchy; names are unique among siblings
(checked by :mod:`.service`, since SQL treats two NULL parents as
different). ``codable`` is false for a folder. ``terms`` are indicative
terms (a JSON list of strings) that automatic coding may use;
``definition_source`` says where a definition was quoted from (for the
built-in codebooks: the paper and its section).

A set groups codes across the tree without moving them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sistercities.registry.models import Base
from sistercities.research.projects import new_guid, now


class Code(Base):
    """A code or a folder of codes (see the module docstring)."""

    __tablename__ = "research_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("research_projects.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("research_codes.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    colour: Mapped[str | None] = mapped_column(String(7))
    terms: Mapped[list[Any]] = mapped_column(JSON, default=list)
    codable: Mapped[bool] = mapped_column(Boolean, default=True)
    definition_source: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)


class CodeSet(Base):
    """A named group of codes."""

    __tablename__ = "research_code_sets"
    __table_args__ = (UniqueConstraint("project_id", "name", name="uq_research_code_sets_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("research_projects.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)


class CodeSetMember(Base):
    """A code in a set."""

    __tablename__ = "research_code_set_members"
    __table_args__ = (
        UniqueConstraint("set_id", "code_id", name="uq_research_code_set_members_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(
        ForeignKey("research_code_sets.id", ondelete="CASCADE"), index=True
    )
    code_id: Mapped[int] = mapped_column(
        ForeignKey("research_codes.id", ondelete="CASCADE"), index=True
    )
