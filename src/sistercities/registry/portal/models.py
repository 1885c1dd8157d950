"""The public portal's tables: which places show a portal, organisations' public
contact points, and activities an office keeps off its portal.

Why separate tables: an actor's ``contact`` column is personal data and is
never shown in public. What the portal may show is only what an office
entered *as public* for an organisation (its website, the front desk's
address): a different thing, stored apart so that no query can mix them up.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, orm
from sqlalchemy.orm import Mapped, mapped_column

from sistercities.registry.models import Actor, Base, Place


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Portal(Base):
    """A place's public portal: its readable slug, whether it is on, its language."""

    __tablename__ = "portals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), unique=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str] = mapped_column(String(10), default="en")
    changed_by: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, onupdate=_now
    )

    place: Mapped[Place] = orm.relationship()


class PublicContactPoint(Base):
    """How the public reaches an organisation: entered as public, never a person's."""

    __tablename__ = "public_contact_points"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(500))
    added_by: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    actor: Mapped[Actor] = orm.relationship()


class PortalHiddenActivity(Base):
    """An activity an office keeps off the public portal (it stays in the registry)."""

    __tablename__ = "portal_hidden_activities"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    reason: Mapped[str | None] = mapped_column(Text)
    hidden_by: Mapped[str] = mapped_column(String(200))
    hidden_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
