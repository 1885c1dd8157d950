"""Registry records that research objects point at: ``relationship:ID``, ``place:ID``, ``actor:ID``.

Documents are attached to them and cases may be them; the research tables
keep the kind and id (no foreign key, so one column serves three tables),
and these helpers check that the record exists and give it a label.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sistercities.errors import InputError, NotFoundError
from sistercities.messages import Message
from sistercities.registry.models import Actor, Place, Relationship

KINDS: dict[str, Any] = {"relationship": Relationship, "place": Place, "actor": Actor}


def parse_entity(spec: str) -> tuple[str, int]:
    """``"relationship:12"`` -> ``("relationship", 12)``; anything else is refused."""
    kind, _, number = (spec or "").partition(":")
    kind = kind.strip().lower()
    if kind not in KINDS or not number.strip().isdigit():
        raise InputError(
            Message("%(spec)r is not KIND:ID with KIND relationship, place or actor", spec=spec),
            field="attach",
        )
    return kind, int(number)


def check_entity(session: Session, kind: str, entity_id: int) -> str:
    """The label of a registry record, which must exist."""
    if kind not in KINDS:
        raise InputError(
            Message("unknown kind %(kind)r (relationship, place or actor)", kind=kind),
            field="entity",
        )
    row = session.get(KINDS[kind], entity_id)
    if row is None:
        raise NotFoundError(_missing(kind, entity_id))
    return entity_label(row, kind)


def entity_label(row: Any, kind: str) -> str:
    """A short human label for a registry row."""
    if kind == "relationship":
        return f"relationship {row.id}: {row.place_a.name} - {row.place_b.name}"
    return f"{kind} {row.id}: {row.name}"


def _missing(kind: str, entity_id: int) -> Message:
    """The refusal for a registry record that is not there, one sentence per kind."""
    if kind == "relationship":
        return Message("no relationship with id %(id)s in the registry", id=str(entity_id))
    if kind == "place":
        return Message("no place with id %(id)s in the registry", id=str(entity_id))
    return Message("no actor with id %(id)s in the registry", id=str(entity_id))
