"""The community council's tables: proposals, their parts and flows, commitments, comments.

`004` proposes "a community advisory council or umbrella organisation that
coordinates projects between stakeholders in matched cities". A proposal is
a project a council member puts to the council of one relationship; the
parts say who would do what on which side; organisations commit to a part
(or decline it); an officer of either city confirms it, which records it as
an open commitment (a planned activity); carrying it out turns that activity
into a dated one with its flows, so health, the co-production share and the
annual report count it. Every row is attributed (``*_by`` columns name the
user, ``*_actor_id`` the organisation it acted for) and every change also
lands in the audit trail through the session.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, orm
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import Date, Float

from sistercities.registry.models import Activity, Actor, Base, Place, Relationship


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class CouncilProposal(Base):
    """A project put to a relationship's council.

    ``status`` is one of :class:`~sistercities.registry.council.rules.ProposalStatus`;
    ``activity_id`` is the planned activity made on confirmation (the same
    row becomes the carried-out activity). ``version`` guards against two
    members acting on a stale view of it.
    """

    __tablename__ = "council_proposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    relationship_id: Mapped[int] = mapped_column(
        ForeignKey("relationships.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    layer: Mapped[str | None] = mapped_column(String(30))
    area: Mapped[str | None] = mapped_column(String(40))
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(20), default="open")
    proposed_by: Mapped[str] = mapped_column(String(200))
    proposed_by_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    proposed_side_place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    confirmed_by: Mapped[str | None] = mapped_column(String(200))
    confirmed_side_place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__: dict[str, Any] = {"version_id_col": version}  # noqa: RUF012

    relationship: Mapped[Relationship] = orm.relationship()
    proposed_by_actor: Mapped[Actor | None] = orm.relationship()
    activity: Mapped[Activity | None] = orm.relationship()
    parts: Mapped[list[CouncilPart]] = orm.relationship(
        back_populates="proposal", order_by="CouncilPart.id", cascade="all, delete-orphan"
    )
    flows: Mapped[list[CouncilFlow]] = orm.relationship(
        back_populates="proposal", order_by="CouncilFlow.id", cascade="all, delete-orphan"
    )
    comments: Mapped[list[CouncilComment]] = orm.relationship(
        back_populates="proposal", order_by="CouncilComment.id", cascade="all, delete-orphan"
    )


class CouncilPart(Base):
    """Who would do what, on which side: one part of a proposal."""

    __tablename__ = "council_parts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("council_proposals.id", ondelete="CASCADE"), index=True
    )
    side_place_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    task: Mapped[str] = mapped_column(Text)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    due_precision: Mapped[str | None] = mapped_column(String(5))

    proposal: Mapped[CouncilProposal] = orm.relationship(back_populates="parts")
    side: Mapped[Place] = orm.relationship()
    commitments: Mapped[list[CouncilCommitment]] = orm.relationship(
        back_populates="part", order_by="CouncilCommitment.id", cascade="all, delete-orphan"
    )


class CouncilFlow(Base):
    """A flow the proposal would carry once carried out (copied onto its activity)."""

    __tablename__ = "council_flows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("council_proposals.id", ondelete="CASCADE"), index=True
    )
    from_place_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    to_place_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(40))

    proposal: Mapped[CouncilProposal] = orm.relationship(back_populates="flows")


class CouncilCommitment(Base):
    """An organisation's answer to a part: committed, declined, or withdrawn.

    One row per organisation and part; answering again updates it (and the
    audit trail keeps the earlier answer). Only the organisation itself, or
    an officer of its side, may change it.
    """

    __tablename__ = "council_commitments"
    __table_args__ = (UniqueConstraint("part_id", "actor_id", name="uq_council_commitments_part"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    part_id: Mapped[int] = mapped_column(
        ForeignKey("council_parts.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    side_place_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    answer: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str] = mapped_column(String(200))
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    part: Mapped[CouncilPart] = orm.relationship(back_populates="commitments")
    actor: Mapped[Actor] = orm.relationship()


class CouncilComment(Base):
    """A member's comment on a proposal, attributed to the user and the side."""

    __tablename__ = "council_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("council_proposals.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(200))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    side_place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    proposal: Mapped[CouncilProposal] = orm.relationship(back_populates="comments")
    actor: Mapped[Actor | None] = orm.relationship()
