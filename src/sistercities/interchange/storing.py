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

from sqlalchemy import Table, case, exists, func, insert, literal, null, select
from sqlalchemy.exc import DBAPIError
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
    from sistercities.interchange.plan import Plan, PlannedPlace, PlannedRelationship, Progress


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


#: Rows per ``executemany`` call: bounds the memory of the parameters.
BATCH = 10_000


def bulk_insert(
    session: Session, table: Table, columns: list[str], rows: Iterable[tuple[Any, ...]]
) -> int:
    """Insert ``rows`` (tuples in ``columns`` order) with the driver's ``executemany``.

    SQLAlchemy's Core ``insert`` builds and processes a parameter dictionary
    per row, two thirds of the time of a 200,000-row import; here each
    column's bind processor (dates and times on SQLite) is looked up once and
    applied to the values that need it, and the rest go to the driver as they
    are, :data:`BATCH` rows at a time. Returns the number of rows.
    """
    connection = session.connection()
    dialect = connection.dialect
    processors = [
        (i, table.c[name].type._cached_bind_processor(dialect)) for i, name in enumerate(columns)
    ]
    needed = [(i, process) for i, process in processors if process is not None]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(dialect.identifier_preparer.quote(name) for name in columns)
    statement = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join([mark] * len(columns))})"
    cursor = connection.connection.cursor()
    count = 0
    dbapi_error = dialect.loaded_dbapi.Error
    try:
        batch: list[Any] = []
        last: dict[int, tuple[Any, Any]] = {}  # a column's previous value, processed
        for row in rows:
            if needed:
                values = list(row)
                for i, process in needed:
                    value = values[i]
                    if value is None:
                        continue
                    seen = last.get(i)
                    if seen is not None and seen[0] is value:  # the import's one timestamp
                        values[i] = seen[1]
                    else:
                        values[i] = process(value)
                        last[i] = (value, values[i])
                row = tuple(values)
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(statement, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(statement, batch)
            count += len(batch)
    except dbapi_error as error:  # as SQLAlchemy would raise it (IntegrityError...)
        raise DBAPIError.instance(statement, None, error, dbapi_error) from error
    finally:
        cursor.close()
    return count


def store_plan(
    session: Session, plan: Plan, *, source: str | None, progress: Progress | None = None
) -> None:
    """Write ``plan`` (see :func:`~.planning.plan_import`) in the session's transaction."""
    report = plan.report
    codes = {p.country_code for p in plan.places.values() if p.country_code}
    new = [
        {
            "code": c.code,
            "name": c.name,
            "government_system": c.government_system,
            "development_tier": c.development_tier,
            "tier_source": c.tier_source,
        }
        for c in missing_countries(session, codes)
    ]
    if new:
        session.execute(insert(_table(Country)), new)
    ids = _place_ids(session, plan.places)
    if progress is not None:
        progress("storing", 1, 3)
    citer = _Citer(session, source) if source else None
    report.imported = _relationships(session, plan, ids, citer)
    if progress is not None:
        progress("storing", 2, 3)
    cited = citer.flush() if citer else 0
    if report.imported or cited:
        audit.record(
            session,
            action="import",
            entity="relationships",
            after=report.to_dict()
            | {"rejections": len(report.rejections), "review": len(report.review)},
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
        now = dt.datetime.now(dt.UTC)
        columns = [*new[0], "created_at"]
        rows = ((*row.values(), now) for row in new)
        bulk_insert(session, _table(Place), columns, rows)
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


_UNKNOWN = taxonomy.RelationshipStatus.UNKNOWN.value
_ENDED = taxonomy.RelationshipStatus.ENDED.value
_RELATIONSHIP_COLUMNS = [
    "place_a_id", "place_b_id", "kind", "status", "start_date", "start_precision",
    "end_date", "end_precision", "wikidata_statement", "version", "created_at", "updated_at",
]  # fmt: skip


def _pair_code(a: int, b: int) -> int:
    """One int for a place pair: a set of 200,000 of them is a fifth of the tuples'."""
    return a << 32 | b


def _relationships(session: Session, plan: Plan, ids: dict[str, int], citer: _Citer | None) -> int:
    """Insert the relationships the registry lacks and cite every accepted line.

    Rows whose relationship was already stored count as merged. New rows go
    in :data:`BATCH` at a time; each batch's ids are read back after it (as
    everything after the largest id before it: the writer lock is held) and
    its lines cited at once, so no map of every new relationship is kept.
    """
    report = plan.report
    existing = _existing_pairs(session, plan.kind)
    first_id = (session.scalar(select(func.max(Relationship.id))) or 0) + 1
    created: set[int] = set()  # pair codes inserted by this import
    again: list[tuple[int, int, list[int]]] = []  # lines of a pair created here earlier
    batch: list[tuple[int, int, list[int]]] = []
    now = dt.datetime.now(dt.UTC)
    count = 0
    for planned in plan.relationships.values():
        first, second = ids[planned.a], ids[planned.b]
        a, b = min(first, second), max(first, second)
        code = _pair_code(a, b)
        if code in existing or code in created:  # the other lines were merged when planned
            report.merged += 1
            report.merged_existing += 1
            if code in existing:
                if citer:
                    citer.add(existing[code], planned.lines)
            else:
                again.append((a, b, planned.lines))
            continue
        if a == b:  # two keys, one stored place (found by QID)
            lines = planned.lines
            report.merged -= len(lines) - 1
            for line in lines:
                report.reject(line, "both sides are the same place in the registry")
            continue
        created.add(code)
        batch.append((a, b, planned))  # type: ignore[arg-type]
        if len(batch) == BATCH:
            count += _insert_batch(session, plan.kind, batch, now, citer)
            batch = []
    if batch:
        count += _insert_batch(session, plan.kind, batch, now, citer)
    if count:
        _first_statuses(session, first_id, session.info.get("user"), now)
    if again and citer:
        stored = _existing_pairs(session, plan.kind)
        for a, b, lines in again:
            citer.add(stored[_pair_code(a, b)], lines)
    return count


def _insert_batch(
    session: Session,
    kind: str,
    batch: list[Any],
    now: dt.datetime,
    citer: _Citer | None,
) -> int:
    """Insert one batch of new relationships, then cite their lines."""
    last_id = session.scalar(select(func.max(Relationship.id))) or 0
    batch.sort(key=lambda item: (item[0], item[1]))  # in index order: a third faster on SQLite
    rows = (_relationship_row(kind, a, b, planned, now) for a, b, planned in batch)
    count = bulk_insert(session, _table(Relationship), _RELATIONSHIP_COLUMNS, rows)
    if citer is not None:
        statement = select(Relationship.place_a_id, Relationship.place_b_id, Relationship.id).where(
            Relationship.id > last_id, Relationship.kind == kind
        )
        new = {_pair_code(a, b): rel_id for a, b, rel_id in session.execute(statement)}
        for a, b, planned in batch:
            citer.add(new[_pair_code(a, b)], planned.lines)
        citer.flush()
    return count


def _existing_pairs(session: Session, kind: str) -> dict[int, int]:
    """Pair code (see :func:`_pair_code`) -> id of every stored relationship of a kind."""
    statement = select(Relationship.place_a_id, Relationship.place_b_id, Relationship.id).where(
        Relationship.kind == kind
    )
    return {_pair_code(a, b): rel_id for a, b, rel_id in session.execute(statement)}


def _relationship_row(
    kind: str, a: int, b: int, planned: PlannedRelationship, now: dt.datetime
) -> tuple[Any, ...]:
    start, end = planned.start, planned.end
    return (
        a,
        b,
        kind,
        # a list says two places are twinned, not whether the relationship lives:
        # unknown, unless the source gives an end (Wikidata's P582)
        _ENDED if end is not None else _UNKNOWN,
        start.value if start else None,
        start.precision.value if start else None,
        end.value if end else None,
        end.precision.value if end else None,
        planned.statement,
        1,
        now,
        now,
    )


_HISTORY_COLUMNS = [
    "relationship_id", "from_status", "to_status", "date", "date_precision",
    "reason", "recorded_by", "recorded_at",
]  # fmt: skip


def _first_statuses(session: Session, first_id: int, user: str | None, now: dt.datetime) -> None:
    """The status history of each new relationship, by ``INSERT ... SELECT``
    (no row crosses into Python).

    A relationship from a list starts ``unknown``, undated (the start is the
    signing, not a date the status became unknown); one imported with an end
    (Wikidata's P582) starts ``active``, dated by its start, and gets a second
    step, ``active`` to ``ended``, dated by the end. Nothing is dated that the
    source did not date.
    """
    rel, history = _table(Relationship), _table(StatusChange)
    ended = rel.c.end_date.is_not(None)
    active = literal(taxonomy.RelationshipStatus.ACTIVE.value, type_=history.c.to_status.type)
    new = ~exists().where(history.c.relationship_id == rel.c.id)
    first = _history_rows(
        rel, history, user, now, null(), case((ended, active), else_=rel.c.status), "start",
        dated=ended,
    ).where(rel.c.id >= first_id, new)  # fmt: skip
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
    dated: Any = None,
) -> Any:
    """SELECT of one history step per relationship, dated by its start or end
    (only where ``dated`` holds, when given)."""
    date: Any = rel.c[f"{when}_date"]
    precision: Any = rel.c[f"{when}_precision"]
    if dated is not None:
        date, precision = case((dated, date), else_=null()), case((dated, precision), else_=null())
    return select(
        rel.c.id,
        from_status,
        to_status,
        date,
        precision,
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


class _Citer:
    """Cites one source for (relationship, line) pairs, in batches.

    Only a source already in the registry can have cited a line before: its
    citations are read once, for it alone.
    """

    def __init__(self, session: Session, citation: str):
        self.session = session
        key = source_key(citation)
        found = session.scalar(select(Source.id).where(Source.key == key))
        self.have: set[tuple[int, str | None]] = set()
        if found is None:
            self.source_id = _source_id(session, citation)
        else:
            self.source_id = found
            self.have = {
                (entity_id, locator)
                for entity_id, locator in session.execute(
                    select(Citation.entity_id, Citation.locator).where(
                        Citation.source_id == found, Citation.entity == "relationships"
                    )
                )
            }
        self.pending: list[tuple[int, str, int, str]] = []
        self.count = 0

    def add(self, rel_id: int, lines: Iterable[int]) -> None:
        for line in lines:
            locator = f"line {line}"
            if (rel_id, locator) not in self.have:
                self.pending.append((self.source_id, "relationships", rel_id, locator))
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> int:
        """Write what is pending; returns how many citations were new in all."""
        if self.pending:
            columns = ["source_id", "entity", "entity_id", "locator"]
            self.count += bulk_insert(self.session, _table(Citation), columns, self.pending)
            self.pending = []
        return self.count
