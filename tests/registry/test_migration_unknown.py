"""Migration 0004_unknown_status on a registry written by the older code, both backends.

Before it, a list import stored every pair as ``active`` (its only history
step written by the import, reason ``imported``) and the demo stored its seven
"no status signal" pairs as ``active``; country rows had empty columns. After
it those pairs are ``unknown`` with the change appended to their history, a
relationship a person set stays as it is, and countries carry the shipped
table's values. Downgrading puts the older values back.
"""

from __future__ import annotations

import datetime as dt

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text

from sistercities.registry.store import Registry, _alembic_config

NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def _before(connection: object) -> str:
    """The revision just before this migration (whatever the head was when it was written)."""
    script = ScriptDirectory.from_config(_alembic_config(connection))
    down = script.get_revision("0004_unknown_status").down_revision
    assert isinstance(down, str)
    return down


def _old_registry(db_target: str) -> Registry:
    registry = Registry.open(db_target)
    with registry.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), _before(connection))
    with registry.engine.begin() as c:
        c.execute(text("INSERT INTO countries (code, name) VALUES ('US', 'United States'), "
                       "('NA', 'Namibia'), ('DE', 'Germany')"))  # fmt: skip
        for pid, name in enumerate(["A", "B", "C", "D", "E", "F", "G", "H"], start=1):
            c.execute(
                text("INSERT INTO places (id, name, original_name, kind, country_code, "
                     "resolution, match_key, created_at) VALUES (:i, :n, :o, 'city', 'US', "
                     "'unresolved', :k, :t)"),
                {"i": pid, "n": name, "o": name, "k": f"{name.lower()}|us", "t": NOW},
            )
        rows = [
            (1, 1, 2, "active", None),  # from a list import
            (2, 3, 4, "active", None),  # added by hand: "recorded as active"
            (3, 5, 6, "ended", None),  # a Wikidata pair with an end
            (4, 7, 8, "active", "Status is as listed: the paper gives no status signal."),
        ]
        for rid, a, b, status, notes in rows:
            c.execute(
                text("INSERT INTO relationships (id, place_a_id, place_b_id, kind, status, "
                     "notes, version, created_at, updated_at) VALUES (:i, :a, :b, "
                     "'sister_city', :s, :n, 1, :t, :t)"),
                {"i": rid, "a": a, "b": b, "s": status, "n": notes, "t": NOW},
            )
        steps = [
            (1, None, "active", "imported"),
            (2, None, "active", "recorded as active"),
            (3, None, "active", "imported"),
            (3, "active", "ended", "imported"),
            (4, None, "active", "recorded as active"),
        ]
        for rid, before, after, reason in steps:
            c.execute(
                text("INSERT INTO status_changes (relationship_id, from_status, to_status, "
                     "reason, recorded_by, recorded_at) VALUES (:r, :f, :s, :why, 'old', :t)"),
                {"r": rid, "f": before, "s": after, "why": reason, "t": NOW},
            )  # fmt: skip
        c.execute(text("INSERT INTO audit_trail (at, \"user\", action, entity, note) "
                       "VALUES (:t, 'old', 'import', 'demo', 'demo')"), {"t": NOW})  # fmt: skip
    return registry


def _statuses(registry: Registry) -> dict[int, str]:
    with registry.engine.connect() as c:
        return dict(c.execute(text("SELECT id, status FROM relationships ORDER BY id")).all())


def test_upgrade_marks_what_no_source_describes_and_fills_countries(db_target: str) -> None:
    registry = _old_registry(db_target)
    registry.upgrade()
    assert registry.schema_revisions() == registry.latest_revisions()
    assert _statuses(registry) == {1: "unknown", 2: "active", 3: "ended", 4: "unknown"}
    with registry.engine.connect() as c:
        history = c.execute(text(
            "SELECT relationship_id, from_status, to_status, date, recorded_by FROM status_changes "
            "WHERE recorded_by LIKE 'migration%' ORDER BY relationship_id"
        )).all()  # fmt: skip
        countries = dict(
            c.execute(text("SELECT code, development_tier FROM countries ORDER BY code")).all()
        )
        systems = dict(c.execute(text("SELECT code, government_system FROM countries")).all())
        versions = dict(c.execute(text("SELECT id, version FROM relationships")).all())
    assert [(r[0], r[1], r[2], r[3]) for r in history] == [
        (1, "active", "unknown", None),
        (4, "active", "unknown", None),
    ]
    assert versions[1] == 2 and versions[2] == 1
    assert countries == {"DE": "high", "NA": "upper_middle", "US": "high"}
    assert systems["US"] == "federal" and systems["NA"] == "unitary"
    registry.close()


def test_downgrade_puts_the_older_values_back(db_target: str) -> None:
    registry = _old_registry(db_target)
    registry.upgrade()
    with registry.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), _before(connection))
    assert _statuses(registry) == {1: "active", 2: "active", 3: "ended", 4: "active"}
    with registry.engine.connect() as c:
        left = c.scalar(text("SELECT count(*) FROM status_changes WHERE recorded_by LIKE 'mig%'"))
    assert left == 0
    registry.close()
