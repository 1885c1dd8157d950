"""flow amounts that are not finite numbers (nan, inf, 1e400) set aside, readably

Revision ID: 0011_clean_amounts
Revises: 0004_unknown_status

No schema change. Before input was checked, ``add activity --flow`` stored
whatever ``float()`` made of the amount: ``nan``, ``inf``, ``-inf``, or
``1e400`` (which is ``inf``). PostgreSQL keeps them as ``NaN`` and
``Infinity``, SQLite keeps infinities (and text a driver wrote as is), and
every ``--json`` that carries the amount then printed ``NaN`` or
``Infinity``: not JSON.

This migration sets each such amount aside, without losing it:

- the amount becomes empty (NULL: "amount not known", which every analysis
  already reads as such);
- the flow's description gains one sentence that says what was stored and
  why it was set aside, so a person reading the flow sees it;
- an audit entry (user ``migration 0011_clean_amounts``, action ``update``,
  entity ``flows``) keeps the stored value as text and the description
  before, so the change is attributed and can be undone.

Nothing else is touched: finite amounts (negative ones too: they are valid
JSON, and whether a negative flow means the other direction is for a person
to decide), units, kinds and every other table stay as they were.

Downgrade: each set-aside amount goes back from its audit entry (``nan``,
``inf``, ``-inf``), the description is restored, and the audit entries of
this revision are removed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_clean_amounts"
down_revision: str | Sequence[str] | None = "0004_unknown_status"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MIGRATION = "migration 0011_clean_amounts"
REASON = (
    "amount {stored!r} is not a finite number (stored before amounts were checked): "
    "set aside by migration 0011_clean_amounts, the amount is now unknown"
)

_meta = sa.MetaData()
flows = sa.Table(
    "flows",
    _meta,
    sa.Column("id", sa.Integer),
    sa.Column("amount", sa.Float),
    sa.Column("description", sa.Text),
)
audit_trail = sa.Table(
    "audit_trail",
    _meta,
    sa.Column("id", sa.Integer),
    sa.Column("at", sa.DateTime(timezone=True)),
    sa.Column("user", sa.String(200)),
    sa.Column("action", sa.String(20)),
    sa.Column("entity", sa.String(40)),
    sa.Column("entity_id", sa.Integer),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
    sa.Column("note", sa.Text),
)


def _stored_text(value: object) -> str | None:
    """The stored amount as text if it is not a finite number, else None.

    Non-finite numbers are written the same on both backends (``inf``, ``-inf``,
    ``nan``: PostgreSQL's ``Infinity`` reads as ``inf``); text that is no
    number at all is kept as it is.

    >>> _stored_text(12.5), _stored_text(float("nan")), _stored_text(float("1e400"))
    (None, 'nan', 'inf')
    >>> _stored_text("-Infinity"), _stored_text("12"), _stored_text("twelve")
    ('-inf', None, 'twelve')
    """
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    return None if math.isfinite(number) else repr(number)


def _not_finite(conn: sa.Connection) -> list[tuple[int, str, str | None]]:
    """(id, stored amount as text, description) of every flow whose amount is not finite.

    The amount is read as the database holds it (text on SQLite where a driver
    wrote text, NaN/Infinity on PostgreSQL), one pass over the non-empty amounts.
    """
    raw = sa.cast(flows.c.amount, sa.Text) if conn.dialect.name == "postgresql" else flows.c.amount
    rows = conn.execute(
        sa.select(flows.c.id, sa.type_coerce(raw, sa.Text), flows.c.description)
        .where(flows.c.amount.is_not(None))
        .order_by(flows.c.id)
    )
    found = []
    for flow_id, stored, description in rows:
        text = _stored_text(stored)
        if text is not None:
            found.append((flow_id, text, description))
    return found


def _noted(description: str | None, stored: str) -> str:
    sentence = f"[{REASON.format(stored=stored)}]"
    return f"{description} {sentence}" if description else sentence


def upgrade() -> None:
    conn = op.get_bind()
    now = dt.datetime.now(dt.UTC)
    for flow_id, stored, description in _not_finite(conn):
        conn.execute(
            flows.update()
            .where(flows.c.id == flow_id)
            .values(amount=None, description=_noted(description, stored))
        )
        conn.execute(
            audit_trail.insert().values(
                at=now,
                user=MIGRATION,
                action="update",
                entity="flows",
                entity_id=flow_id,
                before={"amount": stored, "description": description},
                after={"amount": None, "description": _noted(description, stored)},
                note=REASON.format(stored=stored),
            )
        )


def downgrade() -> None:
    conn = op.get_bind()
    ours = sa.and_(audit_trail.c.user == MIGRATION, audit_trail.c.entity == "flows")
    entries = conn.execute(sa.select(audit_trail.c.entity_id, audit_trail.c.before).where(ours))
    for flow_id, before in list(entries):
        try:
            amount: float | None = float(before["amount"])
        except ValueError:
            amount = None  # text that was never a number: the older code read it as nothing
        conn.execute(
            flows.update()
            .where(flows.c.id == flow_id)
            .values(amount=amount, description=before["description"])
        )
    conn.execute(audit_trail.delete().where(ours))
