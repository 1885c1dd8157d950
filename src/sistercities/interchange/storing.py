"""Writing an import plan with SQLAlchemy Core bulk inserts.

The ORM's unit of work costs about a millisecond per object; an import of
26,000 rows makes some 80,000 rows (places, relationships, their first status,
citations), so they go in as ``executemany`` batches with bound parameters.
What the registry already holds (places by key or QID, relationships by their
two places, citations of the same line) is looked up first and skipped: that
is what makes a second run of the same file a no-op. The audit trail gets one
summary entry per import that changed something (:func:`audit.record`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, case, exists, insert, literal, null, select
from sqlalchemy.orm import Session

from sistercities import taxonomy
from sistercities.registry import audit
from sistercities.registry.models import (
    Citation,
    Country,
    Place,
    Relationship,
    Source,
    StatusChange,
)
from sistercities.registry.records import missing_countries, place_key

if TYPE_CHECKING:
    from sistercities.interchange.importers import Plan, PlannedPlace, PlannedRelationship, Progress


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def store_plan(
    session: Session, plan: Plan, *, source: str | None, progress: Progress | None = None
) -> None:
    """Write ``plan`` (see :func:`importers.plan_import`) in the session's transaction."""
    report = plan.report
    codes = {p.country_code for p in plan.places.values() if p.country_code}
    new = [{"code": c.code, "name": c.name} for c in missing_countries(session, codes)]
    if new:
        session.execute(insert(_table(Country)), new)
    ids = _place_ids(session, plan.places)
    if progress is not None:
        progress("storing", 1, 3)
    created, lines = _relationships(session, plan, ids)
    report.imported = len(created)
    if progress is not None:
        progress("storing", 2, 3)
    cited = _cite(session, source, lines) if source else 0
    if created or cited:
        audit.record(
            session,
            action="import",
            entity="relationships",
            after=report.to_dict() | {"rejections": len(report.rejections)},
            note=f"import from {source}" if source else "import",
        )
    if progress is not None:
        progress("storing", 3, 3)


def _place_ids(session: Session, places: dict[str, PlannedPlace]) -> dict[str, int]:
    """The id of every planned place: an existing one (same key or QID) or a new row."""
    ids = _existing(session, Place.match_key, list(places))
    qids = {p.wikidata_id: k for k, p in places.items() if p.wikidata_id and k not in ids}
    for qid, place_id in _existing(session, Place.wikidata_id, list(qids)).items():
        ids[qids[qid]] = place_id
    ids.update(_same_text(session, {k: p for k, p in places.items() if k not in ids}))
    new = [p.row() for k, p in places.items() if k not in ids]
    if new:
        # a plain executemany, ids read back after: INSERT ... RETURNING of many
        # rows costs psycopg 0.15 s per 1,000 rows just parsing the statement
        session.execute(insert(_table(Place)), _stamped(new))
        ids.update(_existing(session, Place.match_key, [row["match_key"] for row in new]))
    return ids


def _existing(session: Session, column: Any, values: list[str]) -> dict[str, int]:
    """Which of ``values`` the registry has in ``column``, and their place ids.

    One scan of the column rather than IN lists: PostgreSQL runs a prepared
    500-value IN list as a linear filter (0.3 s a chunk on 17,000 places),
    and reading every key is milliseconds at the sizes registries have.
    """
    if not values:
        return {}
    wanted = set(values)
    statement = select(column, Place.id).where(column.is_not(None))
    return {value: place_id for value, place_id in session.execute(statement) if value in wanted}


def _same_text(session: Session, places: dict[str, PlannedPlace]) -> dict[str, int]:
    """Places the registry already has under the same text and country.

    A file with coordinates may resolve ``Lugo, Italy`` differently from one
    without (or not at all); the text a place was first imported with still
    names it, so a later import of the same text finds it. Only a text that
    names exactly one stored place is used.
    """
    if not places:
        return {}
    statement = select(Place.id, Place.original_name, Place.country_code, Place.country_text)
    seen: dict[str, int | None] = {}
    for stored_id, name, code, text in session.execute(statement):
        key = place_key(name, code or text)
        seen[key] = None if key in seen else stored_id
    if not seen:
        return {}
    found: dict[str, int] = {}
    for key, planned in places.items():
        text = place_key(planned.original_name, planned.country_code or planned.country_text)
        place_id = seen.get(text)
        if place_id is not None:
            found[key] = place_id
    return found


def _stamped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    now = dt.datetime.now(dt.UTC)
    return [row | {"created_at": now} for row in rows]


def _relationships(
    session: Session, plan: Plan, ids: dict[str, int]
) -> tuple[list[int], list[tuple[int, int]]]:
    """Insert the relationships the registry lacks.

    Returns the new ids and (relationship id, line) of every accepted row, so
    each line can be cited; rows whose relationship was already stored count
    as merged.
    """
    existing = _existing_pairs(session, plan.kind)
    new_rows: list[dict[str, Any]] = []
    new_lines: list[list[int]] = []
    lines: list[tuple[int, int]] = []
    for planned in plan.relationships.values():
        first, second = ids[planned.a], ids[planned.b]
        a, b = min(first, second), max(first, second)
        if (a, b) in existing:  # the other lines were counted as merged when planned
            plan.report.merged += 1
            plan.report.merged_existing += 1
            lines.extend((existing[(a, b)], line) for line in planned.lines)
            continue
        if a == b:  # two keys, one stored place (found by QID)
            plan.report.merged -= len(planned.lines) - 1
            for line in planned.lines:
                plan.report.reject(line, "both sides are the same place in the registry")
            continue
        new_rows.append(_relationship_row(plan.kind, a, b, planned))
        new_lines.append(planned.lines)
        existing[(a, b)] = -1
    created = _insert_relationships(session, new_rows, session.info.get("user"))
    for rel_id, row_lines in zip(created, new_lines, strict=True):
        lines.extend((rel_id, line) for line in row_lines)
    return created, lines


def _existing_pairs(session: Session, kind: str) -> dict[tuple[int, int], int]:
    statement = select(Relationship.place_a_id, Relationship.place_b_id, Relationship.id).where(
        Relationship.kind == kind
    )
    return {(a, b): rel_id for a, b, rel_id in session.execute(statement)}


def _relationship_row(kind: str, a: int, b: int, planned: PlannedRelationship) -> dict[str, Any]:
    ended = planned.end is not None
    return {
        "place_a_id": a,
        "place_b_id": b,
        "kind": kind,
        "status": taxonomy.RelationshipStatus.ENDED
        if ended
        else taxonomy.RelationshipStatus.ACTIVE,
        "start_date": planned.start.value if planned.start else None,
        "start_precision": planned.start.precision.value if planned.start else None,
        "end_date": planned.end.value if planned.end else None,
        "end_precision": planned.end.precision.value if planned.end else None,
        "wikidata_statement": planned.statement,
        "version": 1,
    }


def _insert_relationships(
    session: Session, rows: list[dict[str, Any]], user: str | None
) -> list[int]:
    """Insert relationships and the first step of each one's status history."""
    if not rows:
        return []
    now = dt.datetime.now(dt.UTC)
    stamped = [row | {"created_at": now, "updated_at": now} for row in rows]
    session.execute(insert(_table(Relationship)), stamped)  # ids read back, as for places
    by_pair = _existing_pairs(session, rows[0]["kind"])
    created = [by_pair[(row["place_a_id"], row["place_b_id"])] for row in rows]
    _first_statuses(session, min(created), user, now)
    return created


_HISTORY_COLUMNS = [
    "relationship_id", "from_status", "to_status", "date", "date_precision",
    "reason", "recorded_by", "recorded_at",
]  # fmt: skip


def _first_statuses(session: Session, first_id: int, user: str | None, now: dt.datetime) -> None:
    """The status history of each new relationship, by ``INSERT ... SELECT``
    (no row crosses into Python).

    A relationship starts ``active`` (or as imported), dated by its start; one
    imported with an end (Wikidata's P582) gets a second step, ``active`` to
    ``ended``, dated by the end. Nothing is dated that the source did not date.
    """
    rel, history = _table(Relationship), _table(StatusChange)
    ended = rel.c.end_date.is_not(None)
    active = literal(taxonomy.RelationshipStatus.ACTIVE.value, type_=history.c.to_status.type)
    new = ~exists().where(history.c.relationship_id == rel.c.id)
    first = _history_rows(
        rel, history, user, now, null(), case((ended, active), else_=rel.c.status), "start"
    ).where(rel.c.id >= first_id, new)
    session.execute(insert(history).from_select(_HISTORY_COLUMNS, first))
    reached = exists().where(
        history.c.relationship_id == rel.c.id, history.c.to_status == rel.c.status
    )
    second = _history_rows(rel, history, user, now, active, rel.c.status, "end").where(
        rel.c.id >= first_id, ended, ~reached
    )
    session.execute(insert(history).from_select(_HISTORY_COLUMNS, second))


def _history_rows(
    rel: Table,
    history: Table,
    user: str | None,
    now: dt.datetime,
    from_status: Any,
    to_status: Any,
    when: str,
) -> Any:
    """SELECT of one history step per relationship, dated by its start or end."""
    return select(
        rel.c.id,
        from_status,
        to_status,
        rel.c[f"{when}_date"],
        rel.c[f"{when}_precision"],
        literal("imported", type_=history.c.reason.type),
        literal(user, type_=history.c.recorded_by.type),
        literal(now, type_=history.c.recorded_at.type),
    )


def source_key(citation: str) -> str:
    """A stable key for a source text, within ``sources.key``'s 100 characters."""
    digest = hashlib.sha1(citation.encode("utf-8")).hexdigest()[:10]
    return f"import:{citation[:70]}:{digest}"


def _source_id(session: Session, citation: str) -> int:
    key = source_key(citation)
    found = session.scalar(select(Source.id).where(Source.key == key))
    if found is not None:
        return found
    statement = insert(_table(Source)).returning(Source.id)
    return int(session.execute(statement, [{"key": key, "citation": citation}]).scalar_one())


def _cite(session: Session, citation: str, lines: Iterable[tuple[int, int]]) -> int:
    """Cite the source for each (relationship, line); returns how many were new."""
    source_id = _source_id(session, citation)
    have = {
        (entity_id, locator)
        for entity_id, locator in session.execute(
            select(Citation.entity_id, Citation.locator).where(
                Citation.source_id == source_id, Citation.entity == "relationships"
            )
        )
    }
    cited = ((rel, f"line {line}") for rel, line in sorted(set(lines)))
    rows = [
        {"source_id": source_id, "entity": "relationships", "entity_id": rel, "locator": loc}
        for rel, loc in cited
        if (rel, loc) not in have
    ]
    if rows:
        session.execute(insert(_table(Citation)), rows)
    return len(rows)
