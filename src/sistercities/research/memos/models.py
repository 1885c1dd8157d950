"""Memos: a researcher's notes on the project, a document, a code or a coding.

``target`` is one of :data:`MEMO_TARGETS`; ``target_id`` the id of that
record (``None`` for the project itself).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sistercities.registry.models import Base
from sistercities.research.projects import new_guid, now

MEMO_TARGETS = ("project", "document", "code", "coding")


class Memo(Base):
    """One memo, with its author and dates."""

    __tablename__ = "research_memos"
    __table_args__ = (Index("ix_research_memos_target", "project_id", "target", "target_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    project_id: Mapped[int] = mapped_column(ForeignKey("research_projects.id", ondelete="CASCADE"))
    target: Mapped[str] = mapped_column(String(10))
    target_id: Mapped[int | None] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
