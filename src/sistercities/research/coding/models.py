"""Codings: a code applied to a span of one document version.

``start``/``end`` are Unicode code points into the version's text, end
exclusive. ``quote`` is the coded text itself and ``before``/``after`` up to
:data:`CONTEXT` characters on each side: when the document is edited they let
a coding be found again where a diff alone cannot place it.

``anchor`` says how the coding got where it is: ``coded`` (by a coder, on
this version), ``moved`` (carried by the diff to a new version),
``refound`` (found again by its quote and context), ``review`` (could not be
placed on the new version: it still points at the old version, unchanged,
waiting for a person). ``document_id`` repeats the version's document so that
queries need no join.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sistercities.registry.models import Base
from sistercities.research.projects import new_guid, now

CONTEXT = 40
ANCHORS = ("coded", "moved", "refound", "review")


class Coding(Base):
    """One coded span (see the module docstring)."""

    __tablename__ = "research_codings"
    __table_args__ = (
        Index("ix_research_codings_document_code", "document_id", "code_id"),
        # covering index: the queries read every span of a project from it alone
        Index(
            "ix_research_codings_spans",
            "project_id",
            "code_id",
            "document_id",
            "version_id",
            "start",
            "end",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    project_id: Mapped[int] = mapped_column(ForeignKey("research_projects.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(
        ForeignKey("research_documents.id", ondelete="CASCADE")
    )
    version_id: Mapped[int] = mapped_column(
        ForeignKey("research_document_versions.id", ondelete="CASCADE"), index=True
    )
    code_id: Mapped[int] = mapped_column(
        ForeignKey("research_codes.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    coder: Mapped[str] = mapped_column(String(200))
    anchor: Mapped[str] = mapped_column(String(10), default="coded")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
