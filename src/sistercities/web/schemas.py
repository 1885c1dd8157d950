"""The bodies the JSON API accepts, with limits (FastAPI answers 422 naming the field)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sistercities import taxonomy

Text = Field(default=None, max_length=20_000)


class Body(BaseModel):
    """Unknown fields are refused: a typo is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class RelationshipIn(Body):
    place_a: str = Field(min_length=1, max_length=300)
    place_b: str = Field(min_length=1, max_length=300)
    country_a: str | None = Field(default=None, max_length=100)
    country_b: str | None = Field(default=None, max_length=100)
    kind: taxonomy.RelationshipKind = taxonomy.RelationshipKind.SISTER_CITY
    status: taxonomy.RelationshipStatus = taxonomy.RelationshipStatus.UNKNOWN
    start: str | None = Field(default=None, max_length=10)
    initiated_by: Literal["a", "b", "both"] | None = None
    notes: str | None = Text


class RelationshipPatch(Body):
    version: int = Field(ge=1, description="The version you read: a stale one is refused (409).")
    kind: taxonomy.RelationshipKind | None = None
    start: str | None = Field(default=None, max_length=10)
    end: str | None = Field(default=None, max_length=10)
    initiated_by: Literal["a", "b", "both", ""] | None = None
    initiated_by_note: str | None = Text
    notes: str | None = Text


class FlowIn(Body):
    from_place: int | str = Field(description="Place id or name: one of the two sides.")
    to_place: int | str
    kind: taxonomy.FlowKind
    amount: float | None = Field(default=None, ge=0, le=1e15)
    unit: str | None = Field(default=None, max_length=40)


class ActivityIn(Body):
    title: str = Field(min_length=1, max_length=500)
    date: str | None = Field(default=None, max_length=10)
    layer: taxonomy.Layer | None = None
    area: taxonomy.ActivityArea | None = None
    planned: bool = False
    participants: int | None = Field(default=None, ge=0, le=10_000_000)
    volunteers: int | None = Field(default=None, ge=0, le=10_000_000)
    description: str | None = Text
    flows: list[FlowIn] = Field(default_factory=list, max_length=50)


class StatusIn(Body):
    status: taxonomy.RelationshipStatus
    date: str = Field(min_length=1, max_length=10)
    reason: str = Field(min_length=1, max_length=2000)
    version: int | None = Field(default=None, ge=1)


class ActorIn(Body):
    name: str = Field(min_length=1, max_length=300)
    role: taxonomy.ActorRole
    kind: taxonomy.ActorKind = taxonomy.ActorKind.ORGANISATION
    place: str | None = Field(default=None, max_length=300)
    email: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=100)
    notes: str | None = Text


class AdministrationIn(Body):
    place: str = Field(min_length=1, max_length=300)
    office: str = Field(min_length=1, max_length=40)
    holder: str = Field(min_length=1, max_length=300)
    start: str | None = Field(default=None, max_length=10)
    end: str | None = Field(default=None, max_length=10)
