"""registry version: one row the database moves on as each audited write commits

Revision ID: 0012_registry_version
Revises: 0011_clean_amounts

Why: the web's kept answers, the page cache and the portal's ETag are keyed
by the registry's version. It used to be the newest audit entry's id. On
PostgreSQL that id comes from a sequence when the entry is *written*, and
transactions commit in any order: A writes entry 10 and is still open, B
writes 11 and commits, a reader sees 11 and keeps a page without A's
change; A commits and the newest id is still 11, so the kept page was served
until the next write. (SQLite has one writer at a time, so ids follow commit
order there; but an id can be given out again once the newest entries are
deleted, as the downgrade of 0011 does.)

Now ``registry_version`` holds one row (``id = 1``) whose ``n`` the database
itself adds to:

- PostgreSQL: a deferred constraint trigger on ``audit_trail``. Its function
  runs when the writing transaction commits (after every statement of it)
  and adds 1 to ``n`` once per transaction (a transaction-local setting
  remembers that it did). The ``UPDATE`` holds the row's lock from there
  until the commit is done, so two committing writers take turns: the second
  waits, and under READ COMMITTED re-reads the row the first committed and
  adds to *its* ``n``. The numbers are therefore given in commit order, and
  each becomes visible together with the data of its transaction. The lock
  is taken last, after everything else the transaction holds, and no other
  deferred constraint exists, so a committing writer waits for nothing
  while it holds it (no deadlock); a long transaction holds it only for its
  commit. The price: audited commits take turns, each holding the row
  through its commit's flush to disk (a millisecond or so; a registry's
  writes come far slower). The re-read after a wait is READ COMMITTED's
  (PostgreSQL's default, which every registry session uses); a REPEATABLE
  READ or SERIALIZABLE writer would be refused at commit instead, whenever
  another commit moved the version on since its snapshot.
- SQLite: an ordinary ``AFTER INSERT`` trigger adds 1 per entry (the writer
  holds the database's only write lock until it commits, so that order is
  the commit order too).

``n`` starts at the newest audit entry's id, so the version never goes back
for a cache or a browser that holds one from before. On PostgreSQL the
trigger is created first: ``CREATE TRIGGER`` waits for every transaction
still writing audit entries and holds off new ones, so the starting value
read after it includes them all, and every later entry moves ``n`` on.

Note for later migrations: SQLite's batch mode (``batch_alter_table``)
rebuilds a table and drops its triggers; one that rebuilds ``audit_trail``
must create ``registry_version_on_audit`` again.

Downgrade: the trigger, its function and the table are dropped; the older
code reads the newest audit entry again.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_registry_version"
down_revision: str | Sequence[str] | None = "0011_clean_amounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGER = "registry_version_on_audit"
FUNCTION = "sistercities_registry_version_bump"
#: The transaction-local setting that says this transaction has moved the version on.
BUMPED = "sistercities.registry_version_bumped"

PG_FUNCTION = f"""
CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('{BUMPED}', true) IS DISTINCT FROM 'on' THEN
        UPDATE registry_version SET n = n + 1 WHERE id = 1;
        PERFORM set_config('{BUMPED}', 'on', true);
    END IF;
    RETURN NULL;
END
$$
"""
PG_TRIGGER = f"""
CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT ON audit_trail
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()
"""
SQLITE_TRIGGER = f"""
CREATE TRIGGER {TRIGGER} AFTER INSERT ON audit_trail
BEGIN
    UPDATE registry_version SET n = n + 1 WHERE id = 1;
END
"""
START = "INSERT INTO registry_version (id, n) SELECT 1, coalesce(max(id), 0) FROM audit_trail"


def upgrade() -> None:
    op.create_table(
        "registry_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_registry_version_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_version")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute(PG_TRIGGER)
    else:
        op.execute(SQLITE_TRIGGER)
    op.execute(START)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {TRIGGER} ON audit_trail")
        op.execute(f"DROP FUNCTION {FUNCTION}()")
    else:
        op.execute(f"DROP TRIGGER {TRIGGER}")
    op.drop_table("registry_version")
