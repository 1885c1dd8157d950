"""Automatic-coding runs and their suggestions, stored apart from the codings.

A suggestion is never a coding: it waits in ``research_suggestions`` under
the coder name of the method that made it (``auto-terms``,
``auto-examples``) until a person accepts or rejects it. Accepting makes a
coding of the person who accepted (:class:`~sistercities.research.coding.models.Coding`,
coder = that person) and keeps the link both ways: the suggestion's
``coding_id`` names the coding, and the coding's provenance is the
suggestion (its run, method, coder name and score), and a memo on the coding
says so where the workbench shows memos. ``judged`` marks a suggestion on a
unit the run's evaluation compared with human coding. ``status`` is ``open``,
``accepted`` or ``rejected``; a decided suggestion is kept for the record.

A run (``research_autocode_runs``) keeps how the method did against human
coding when it ran (the ``evaluation`` of ``research autocode --json``), so
the figures a suggestion was made under can be shown next to it later.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sistercities.registry.models import Base
from sistercities.research.projects import now

STATUSES = ("open", "accepted", "rejected")


class AutocodeRunRecord(Base):
    """One run of automatic coding: who ran it, how, and how well it did."""

    __tablename__ = "research_autocode_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("research_projects.id", ondelete="CASCADE"), index=True
    )
    coder: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str] = mapped_column(String(20))
    evaluation: Mapped[dict[str, Any]] = mapped_column(JSON)
    trained_on: Mapped[int] = mapped_column(Integer)
    held_out: Mapped[int] = mapped_column(Integer)
    suggestions: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)


class SuggestionRecord(Base):
    """A suggested code on a span of one document version (see the module docstring)."""

    __tablename__ = "research_suggestions"
    __table_args__ = (
        Index("ix_research_suggestions_project_status", "project_id", "status"),
        Index("ix_research_suggestions_document_code", "document_id", "code_id"),
        # ids never come back after a re-run deleted the open suggestions (SQLite would reuse
        # them), so an id a reviewer noted down never names another suggestion
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("research_projects.id", ondelete="CASCADE"))
    run_id: Mapped[int] = mapped_column(
        ForeignKey("research_autocode_runs.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("research_documents.id", ondelete="CASCADE")
    )
    version_id: Mapped[int] = mapped_column(
        ForeignKey("research_document_versions.id", ondelete="CASCADE")
    )
    code_id: Mapped[int] = mapped_column(ForeignKey("research_codes.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    coder: Mapped[str] = mapped_column(String(200))
    score: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    judged: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default="open")
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    coding_id: Mapped[int | None] = mapped_column(
        ForeignKey("research_codings.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
