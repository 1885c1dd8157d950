"""Documents and their immutable versions.

A document is a named text in a project; its text lives in
:class:`DocumentVersion` rows, numbered 1, 2, ...  A version is never
changed once stored: editing a document stores a new version and carries
the codings over (:mod:`sistercities.research.coding.reanchor`).

Positions everywhere are Unicode code points into ``DocumentVersion.text``
(Python ``str`` indices), with an exclusive end. ``paragraphs`` lists the
``[start, end)`` of each paragraph as the reader found it (a DOCX paragraph,
a block of text between blank lines); ``pages`` the ``[start, end)`` of each
PDF page (empty for formats without pages).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from sistercities.registry.models import Base
from sistercities.research.projects import new_guid, now


class Document(Base):
    """A text in a project; ``current_version`` is the number of its latest version."""

    __tablename__ = "research_documents"
    __table_args__ = (UniqueConstraint("project_id", "name", name="uq_research_documents_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("research_projects.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    format: Mapped[str] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(10))
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)


class DocumentVersion(Base):
    """One immutable text of a document (see the module docstring)."""

    __tablename__ = "research_document_versions"
    __table_args__ = (
        UniqueConstraint("document_id", "number", name="uq_research_document_versions_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("research_documents.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    characters: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    source_file: Mapped[str | None] = mapped_column(String(500))
    paragraphs: Mapped[list[Any]] = mapped_column(JSON)
    pages: Mapped[list[Any]] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)


class DocumentLink(Base):
    """A document attached to a registry record: ``entity`` is relationship, place or actor."""

    __tablename__ = "research_document_links"
    __table_args__ = (
        UniqueConstraint("document_id", "entity", "entity_id", name="uq_research_document_links"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("research_documents.id", ondelete="CASCADE"), index=True
    )
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)
