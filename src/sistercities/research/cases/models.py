"""Cases and their typed attributes.

A case is a unit of analysis (an interviewee, a city, a relationship); it may
be a registry record (``entity`` relationship, place or actor, with its id).
Documents belong to cases through :class:`CaseDocument`. An attribute has a
type (text, boolean, integer, float, date); its values are stored as
canonical text (``true``/``false``, ``42``, ``0.5``, ``2024-05-01``) and
checked against the type when set.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sistercities.registry.models import Base
from sistercities.research.projects import new_guid

ATTRIBUTE_TYPES = ("text", "boolean", "integer", "float", "date")
CASE_ENTITIES = ("relationship", "place", "actor")


class Case(Base):
    """A case (see the module docstring)."""

    __tablename__ = "research_cases"
    __table_args__ = (UniqueConstraint("project_id", "name", name="uq_research_cases_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("research_projects.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    entity: Mapped[str | None] = mapped_column(String(20))
    entity_id: Mapped[int | None] = mapped_column(Integer)


class CaseDocument(Base):
    """A document that belongs to a case."""

    __tablename__ = "research_case_documents"
    __table_args__ = (
        UniqueConstraint("case_id", "document_id", name="uq_research_case_documents_document"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("research_cases.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("research_documents.id", ondelete="CASCADE"), index=True
    )


class Attribute(Base):
    """A typed case attribute of a project."""

    __tablename__ = "research_attributes"
    __table_args__ = (UniqueConstraint("project_id", "name", name="uq_research_attributes_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("research_projects.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(10))


class AttributeValue(Base):
    """One case's value of one attribute (canonical text, see the module docstring)."""

    __tablename__ = "research_attribute_values"
    __table_args__ = (
        UniqueConstraint("case_id", "attribute_id", name="uq_research_attribute_values_case"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("research_cases.id", ondelete="CASCADE"), index=True
    )
    attribute_id: Mapped[int] = mapped_column(
        ForeignKey("research_attributes.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[str] = mapped_column(Text)
