"""status unknown for relationships no source describes; countries filled from the shipped table

Revision ID: 0004_unknown_status
Revises: 0007_suggestions

No schema change: ``relationships.status`` is a string and gains the value
``unknown``. This migration corrects the data of registries that exist:

- **List imports.** Before this revision an import of a list (Wikipedia pairs,
  Wikidata) stored every pair as ``active``: a default, not what any source
  said. Such a relationship is told apart by its status history: every step
  was written by the import itself (reason ``imported``) and it is still
  ``active``, so no person and no source ever set its status. It becomes
  ``unknown``. A pair whose source gave an end (``ended``) is left alone.
- **The demo registry** (where it was loaded: an ``import`` audit entry for
  ``demo``): the seven pairs whose notes say "the paper gives no status
  signal" become ``unknown``.
- Each change is appended to the status history (from ``active`` to
  ``unknown``, undated, recorded by ``migration 0004_unknown_status`` with
  the reason), never rewritten, and the relationship's version moves on.
- **Countries.** The ``countries`` rows get ``government_system``,
  ``development_tier`` (the World Bank income group) and ``tier_source`` from
  the shipped ``sistercities/data/countries.csv`` where they are empty.

Downgrade: the relationships this revision changed go back to ``active`` and
its history steps are removed; any other ``unknown`` relationship (imported
since) becomes ``active``, the value the older code stored. Country columns
are left filled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_unknown_status"
down_revision: str | Sequence[str] | None = "0007_suggestions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MIGRATION = "migration 0004_unknown_status"
LIST_REASON = (
    "imported from a list, which says two places are twinned, not whether the relationship "
    "lives: 'active' was a default, not a source"
)
DEMO_REASON = "the paper gives no status signal for this pair"
DEMO_MARKER = "%the paper gives no status signal%"

_meta = sa.MetaData()
relationships = sa.Table(
    "relationships",
    _meta,
    sa.Column("id", sa.Integer),
    sa.Column("status", sa.String(20)),
    sa.Column("notes", sa.Text),
    sa.Column("version", sa.Integer),
)
status_changes = sa.Table(
    "status_changes",
    _meta,
    sa.Column("id", sa.Integer),
    sa.Column("relationship_id", sa.Integer),
    sa.Column("from_status", sa.String(20)),
    sa.Column("to_status", sa.String(20)),
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.String(5)),
    sa.Column("reason", sa.Text),
    sa.Column("recorded_by", sa.String(200)),
    sa.Column("recorded_at", sa.DateTime(timezone=True)),
)
audit_log = sa.Table(
    "audit_trail",
    _meta,
    sa.Column("entity", sa.String(40)),
    sa.Column("action", sa.String(20)),
)
countries = sa.Table(
    "countries",
    _meta,
    sa.Column("code", sa.String(2)),
    sa.Column("government_system", sa.String(20)),
    sa.Column("development_tier", sa.String(40)),
    sa.Column("tier_source", sa.String(300)),
)


def _list_imported(conn: sa.Connection) -> list[int]:
    not_imported = (
        sa.select(status_changes.c.id)
        .where(
            status_changes.c.relationship_id == relationships.c.id,
            sa.or_(status_changes.c.reason.is_(None), status_changes.c.reason != "imported"),
        )
        .exists()
    )
    imported = (
        sa.select(status_changes.c.id)
        .where(status_changes.c.relationship_id == relationships.c.id)
        .exists()
    )
    query = sa.select(relationships.c.id).where(
        relationships.c.status == "active", imported, ~not_imported
    )
    return list(conn.scalars(query))


def _demo_unsignalled(conn: sa.Connection) -> list[int]:
    loaded = conn.scalar(
        sa.select(sa.func.count())
        .select_from(audit_log)
        .where(audit_log.c.entity == "demo", audit_log.c.action == "import")
    )
    if not loaded:
        return []
    query = sa.select(relationships.c.id).where(
        relationships.c.status == "active", relationships.c.notes.like(DEMO_MARKER)
    )
    return list(conn.scalars(query))


def _to_unknown(conn: sa.Connection, ids: list[int], reason: str) -> None:
    if not ids:
        return
    now = dt.datetime.now(dt.UTC)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        conn.execute(
            relationships.update()
            .where(relationships.c.id.in_(chunk))
            .values(status="unknown", version=relationships.c.version + 1)
        )
        conn.execute(
            status_changes.insert(),
            [
                {
                    "relationship_id": rel_id,
                    "from_status": "active",
                    "to_status": "unknown",
                    "date": None,
                    "date_precision": None,
                    "reason": reason,
                    "recorded_by": MIGRATION,
                    "recorded_at": now,
                }
                for rel_id in chunk
            ],
        )


def _fill_countries(conn: sa.Connection) -> None:
    from sistercities.places.country_profiles import registry_columns

    empty = sa.select(countries.c.code).where(
        countries.c.government_system.is_(None), countries.c.development_tier.is_(None)
    )
    for code in list(conn.scalars(empty)):
        values = registry_columns(code)
        if values["tier_source"] is not None:
            conn.execute(countries.update().where(countries.c.code == code).values(**values))


def upgrade() -> None:
    conn = op.get_bind()
    demo = _demo_unsignalled(conn)
    listed = [rel_id for rel_id in _list_imported(conn) if rel_id not in set(demo)]
    _to_unknown(conn, listed, LIST_REASON)
    _to_unknown(conn, demo, DEMO_REASON)
    _fill_countries(conn)


def downgrade() -> None:
    conn = op.get_bind()
    ours = sa.select(status_changes.c.relationship_id).where(
        status_changes.c.recorded_by == MIGRATION
    )
    conn.execute(
        relationships.update()
        .where(relationships.c.id.in_(ours), relationships.c.status == "unknown")
        .values(status="active", version=relationships.c.version + 1)
    )
    conn.execute(status_changes.delete().where(status_changes.c.recorded_by == MIGRATION))
    conn.execute(
        relationships.update()
        .where(relationships.c.status == "unknown")
        .values(status="active", version=relationships.c.version + 1)
    )
    conn.execute(
        status_changes.update()
        .where(status_changes.c.to_status == "unknown")
        .values(to_status="active")
    )
