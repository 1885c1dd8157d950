"""The registry's tables (SQLAlchemy 2 declarative).

The data model of DESIGN.md: places and countries, relationships with their
status history, actors and the roles they hold, administrations, activities and
the flows they carry, national crises, migration ties, sources, and the audit
trail that makes the registry an institutional memory.

Vocabulary columns hold the string values of :mod:`sistercities.taxonomy`;
partial dates are a ``date`` plus a ``*_precision`` column (see
:mod:`sistercities.dates`). Schema changes go through Alembic migrations in
``registry/migrations``; a test checks that the migrations and these classes
agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    orm,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every sistercities table (registry and research)."""

    metadata = MetaData(naming_convention=NAMING)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Country(Base):
    """A country (ISO 3166-1 alpha-2), with the attributes asymmetry needs."""

    __tablename__ = "countries"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    government_system: Mapped[str | None] = mapped_column(String(20))
    development_tier: Mapped[str | None] = mapped_column(String(40))
    tier_source: Mapped[str | None] = mapped_column(String(300))


class Place(Base):
    """A city, municipality, county or state/province.

    A place no gazetteer knows is still a place: it keeps the text it came with
    (``original_name``, ``country_text``) and ``resolution == "unresolved"``.
    ``match_key`` is the folded ``name|country`` the importer deduplicates on.
    """

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    original_name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20), default="city")
    country_code: Mapped[str | None] = mapped_column(
        String(2), ForeignKey("countries.code"), index=True
    )
    country_text: Mapped[str | None] = mapped_column(Text)
    admin1: Mapped[str | None] = mapped_column(String(200))
    population: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geonames_id: Mapped[int | None] = mapped_column(Integer, index=True)
    wikidata_id: Mapped[str | None] = mapped_column(String(20), index=True)
    resolution: Mapped[str] = mapped_column(String(20), default="unresolved")
    resolution_score: Mapped[float | None] = mapped_column(Float)
    match_key: Mapped[str] = mapped_column(String(600), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    country: Mapped[Country | None] = orm.relationship()

    def label(self) -> str:
        """Name and country as a person reads it: ``Cuenca (EC)``."""
        country = self.country_code or self.country_text or "?"
        return f"{self.name} ({country})"


class Relationship(Base):
    """An agreement between two places.

    ``place_a_id < place_b_id`` always, so a pair listed from both sides is one
    row (``uq_relationships_pair``). ``version`` guards against lost updates:
    a writer holding a stale version is told (see ``store.ConflictError``).
    """

    __tablename__ = "relationships"
    __table_args__ = (
        UniqueConstraint("place_a_id", "place_b_id", "kind", name="uq_relationships_pair"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_a_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    place_b_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30), default="sister_city")
    status: Mapped[str] = mapped_column(String(20), default="active")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    start_precision: Mapped[str | None] = mapped_column(String(5))
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    end_precision: Mapped[str | None] = mapped_column(String(5))
    initiated_by: Mapped[str | None] = mapped_column(String(4))  # "a", "b", "both"
    initiated_by_note: Mapped[str | None] = mapped_column(Text)
    manager_a_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    manager_b_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    wikidata_statement: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, onupdate=_now
    )

    __mapper_args__: dict[str, Any] = {"version_id_col": version}  # noqa: RUF012

    place_a: Mapped[Place] = orm.relationship(foreign_keys=[place_a_id])
    place_b: Mapped[Place] = orm.relationship(foreign_keys=[place_b_id])
    status_changes: Mapped[list[StatusChange]] = orm.relationship(
        back_populates="relationship", order_by="StatusChange.id", cascade="all, delete-orphan"
    )
    activities: Mapped[list[Activity]] = orm.relationship(
        back_populates="relationship", order_by="Activity.id", cascade="all, delete-orphan"
    )
    actor_links: Mapped[list[RelationshipActor]] = orm.relationship(
        back_populates="relationship", order_by="RelationshipActor.id", cascade="all, delete-orphan"
    )

    def label(self) -> str:
        return f"{self.place_a.label()} – {self.place_b.label()}"

    def side_of(self, place_id: int) -> str | None:
        """``"a"`` or ``"b"`` for one of the two places, else ``None``."""
        if place_id == self.place_a_id:
            return "a"
        if place_id == self.place_b_id:
            return "b"
        return None


class StatusChange(Base):
    """One step of a relationship's status history; the history is never rewritten."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    relationship_id: Mapped[int] = mapped_column(
        ForeignKey("relationships.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(5))
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    relationship: Mapped[Relationship] = orm.relationship(back_populates="status_changes")


class Actor(Base):
    """A person or organisation, with a tier and role from the taxonomy.

    ``contact`` holds personal data (e-mail, phone): guarded by role and never
    written to a public export.
    """

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="organisation")
    tier: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(40))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    country_code: Mapped[str | None] = mapped_column(String(2))
    contact: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    place: Mapped[Place | None] = orm.relationship()


class RelationshipActor(Base):
    """An actor's part in a relationship (manager, initiator, contact, carrier...)."""

    __tablename__ = "relationship_actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    relationship_id: Mapped[int] = mapped_column(
        ForeignKey("relationships.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    role: Mapped[str] = mapped_column(String(40))
    side_place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    start_precision: Mapped[str | None] = mapped_column(String(5))
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    end_precision: Mapped[str | None] = mapped_column(String(5))

    relationship: Mapped[Relationship] = orm.relationship(back_populates="actor_links")
    actor: Mapped[Actor] = orm.relationship()


class Administration(Base):
    """Who held an office of a place, and when: the yardstick for continuity."""

    __tablename__ = "administrations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    office: Mapped[str] = mapped_column(String(40))
    holder: Mapped[str] = mapped_column(String(300))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    start_precision: Mapped[str | None] = mapped_column(String(5))
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    end_precision: Mapped[str | None] = mapped_column(String(5))

    place: Mapped[Place] = orm.relationship()


class Activity(Base):
    """What a relationship did: when, in which layer and area, with whom.

    ``planned`` marks an open commitment: something promised but not yet done
    (its date, if any, is when it is due and may lie in the future). Carrying
    it out turns it into an ordinary activity (``planned`` false, dated no
    later than today); see :mod:`sistercities.registry.memory.activities`.
    """

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    relationship_id: Mapped[int] = mapped_column(
        ForeignKey("relationships.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(5))
    layer: Mapped[str | None] = mapped_column(String(30))
    area: Mapped[str | None] = mapped_column(String(40))
    initiated_by_place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    participants: Mapped[int | None] = mapped_column(Integer)
    volunteers: Mapped[int | None] = mapped_column(Integer)
    planned: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    relationship: Mapped[Relationship] = orm.relationship(back_populates="activities")
    flows: Mapped[list[Flow]] = orm.relationship(
        back_populates="activity", order_by="Flow.id", cascade="all, delete-orphan"
    )
    actor_links: Mapped[list[ActivityActor]] = orm.relationship(
        back_populates="activity", order_by="ActivityActor.id", cascade="all, delete-orphan"
    )


class ActivityActor(Base):
    """An actor's part in an activity (organiser, participant, funder...)."""

    __tablename__ = "activity_actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    role: Mapped[str] = mapped_column(String(40), default="participant")

    activity: Mapped[Activity] = orm.relationship(back_populates="actor_links")
    actor: Mapped[Actor] = orm.relationship()


class Flow(Base):
    """What an activity carried from one side of the relationship to the other."""

    __tablename__ = "flows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    from_place_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    to_place_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(Text)

    activity: Mapped[Activity] = orm.relationship(back_populates="flows")


class CrisisEvent(Base):
    """A national-level crisis over a period (for resilience).

    Between two countries (``country_b`` set: Tiananmen, the EP-3 incident) or
    inside one (``country_b`` empty: a state of emergency), affecting every
    relationship with a place in them.
    """

    __tablename__ = "crisis_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    country_a: Mapped[str] = mapped_column(String(2))
    country_b: Mapped[str | None] = mapped_column(String(2))
    start_date: Mapped[dt.date] = mapped_column(Date)
    start_precision: Mapped[str] = mapped_column(String(5), default="day")
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    end_precision: Mapped[str | None] = mapped_column(String(5))
    description: Mapped[str | None] = mapped_column(Text)


class MigrationTie(Base):
    """People from an origin (place or country) living in a destination place.

    The diaspora ties that partner matching reads (the Peekskill–Cuenca case).
    """

    __tablename__ = "migration_ties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    origin_place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    origin_country: Mapped[str | None] = mapped_column(String(2))
    destination_place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    people: Mapped[int] = mapped_column(Integer)
    year: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)


class Source(Base):
    """A document that a record rests on: a paper, a web list, an import file."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    citation: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)


class Citation(Base):
    """Which source supports which record, and where in it (section, line)."""

    __tablename__ = "citations"
    __table_args__ = (Index("ix_citations_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    locator: Mapped[str | None] = mapped_column(Text)

    source: Mapped[Source] = orm.relationship()


class RegistryUser(Base):
    """A person with a role in this registry: who may see personal data.

    Only users with role ``officer`` may read actors' contact details (see
    :mod:`sistercities.registry.access`); everyone else sees them hidden.
    """

    __tablename__ = "registry_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    granted_by: Mapped[str | None] = mapped_column(String(200))
    granted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AuditEntry(Base):
    """One attributed change: who, when, what before, what after."""

    __tablename__ = "audit_trail"
    __table_args__ = (Index("ix_audit_trail_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, server_default=func.now()
    )
    user: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))  # create, update, delete, import
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)


class RegistryVersion(Base):
    """The registry's version: one row, moved on by the database with every audited commit.

    Never written by the library: a trigger on :class:`AuditEntry` adds to
    ``n`` as the writing transaction commits (see migration
    ``0012_registry_version``), so the number changes in commit order on
    every backend. Read through :data:`sistercities.registry.audit.VERSION`.
    """

    __tablename__ = "registry_version"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)
    __audit_skip__: ClassVar[bool] = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(BigInteger)
