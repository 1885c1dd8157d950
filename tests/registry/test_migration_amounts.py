"""Migration 0011_clean_amounts on a registry written before amounts were checked, both backends.

Before it, ``add activity --flow ...:nan`` (or ``inf``, ``1e400``) stored the
amount as it came; every ``--json`` carrying it then printed ``NaN`` or
``Infinity``, which no JSON parser reads. After it such an amount is empty,
the flow's description says what was stored and why it was set aside, an
audit entry keeps the stored value, the ``--json`` output is strict JSON, and
nothing else in the registry changed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text

from sistercities.registry.store import Registry, _alembic_config
from tests.cli.conftest import Cli

NOW = dt.datetime(2020, 6, 1, tzinfo=dt.UTC)
#: flow id -> (amount as the older code stored it, unit)
FLOWS: dict[int, tuple[float | None, str | None]] = {
    1: (float("nan"), "USD"),
    2: (float("inf"), "USD"),
    3: (float("1e400"), "people"),  # float("1e400") is inf
    4: (float("-inf"), "USD"),
    5: (12.5, "USD"),  # a real amount: stays
    6: (None, None),  # unknown: stays
}


def _strict(document: str) -> Any:
    """Parse JSON as a strict parser would: NaN and Infinity are not JSON."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"not JSON: {constant}")

    return json.loads(document, parse_constant=refuse)


def _before(connection: object) -> str:
    """The revision just before this migration (whatever it is re-chained onto)."""
    script = ScriptDirectory.from_config(_alembic_config(connection))
    down = script.get_revision("0011_clean_amounts").down_revision
    assert isinstance(down, str)
    return down


def _old_registry(db_target: str) -> Registry:
    registry = Registry.open(db_target)
    with registry.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), _before(connection))
    with registry.engine.begin() as c:
        c.execute(text("INSERT INTO countries (code, name) VALUES ('EC', 'Ecuador'), "
                       "('US', 'United States')"))  # fmt: skip
        for pid, name, code in ((1, "Cuenca", "EC"), (2, "Peekskill", "US")):
            c.execute(
                text("INSERT INTO places (id, name, original_name, kind, country_code, "
                     "resolution, match_key, created_at) VALUES (:i, :n, :o, 'city', :c, "
                     "'unresolved', :k, :t)"),
                {"i": pid, "n": name, "o": name, "c": code, "t": NOW,
                 "k": f"{name.lower()}|{code.lower()}"},
            )  # fmt: skip
        c.execute(text("INSERT INTO relationships (id, place_a_id, place_b_id, kind, status, "
                       "version, created_at, updated_at) VALUES (1, 1, 2, 'sister_city', "
                       "'active', 1, :t, :t)"), {"t": NOW})  # fmt: skip
        activity = {"d": dt.date(2020, 5, 1), "f": False, "t": NOW}
        c.execute(text("INSERT INTO activities (id, relationship_id, title, date, "
                       "date_precision, planned, created_at) VALUES (1, 1, 'Market fund', "
                       ":d, 'day', :f, :t)"), activity)  # fmt: skip
        for fid, (amount, unit) in FLOWS.items():
            kind = "personnel" if unit == "people" else "capital"
            c.execute(
                text("INSERT INTO flows (id, activity_id, from_place_id, to_place_id, kind, "
                     "amount, unit, description) VALUES (:i, 1, 2, 1, :k, :a, :u, :d)"),
                {"i": fid, "k": kind, "a": amount, "u": unit,
                 "d": "Remittance fund" if fid == 2 else None},
            )  # fmt: skip
    return registry


def _rows(registry: Registry, table: str) -> list[tuple[Any, ...]]:
    with registry.engine.connect() as c:
        return [tuple(r) for r in c.execute(text(f"SELECT * FROM {table} ORDER BY 1")).all()]


def _flows(registry: Registry) -> dict[int, tuple[Any, ...]]:
    with registry.engine.connect() as c:
        rows = c.execute(text("SELECT id, activity_id, from_place_id, to_place_id, kind, "
                              "amount, unit, description FROM flows ORDER BY id")
                         ).all()  # fmt: skip
    return {r[0]: tuple(r[1:]) for r in rows}


def test_upgrade_sets_non_finite_amounts_aside_and_json_parses(db_target: str) -> None:
    registry = _old_registry(db_target)
    untouched = {t: _rows(registry, t) for t in ("places", "relationships", "activities")}
    before = _flows(registry)
    registry.upgrade()
    assert registry.schema_revisions() == registry.latest_revisions()
    after = _flows(registry)
    # finite and unknown amounts, and every other column, stay as they were
    assert after[5] == before[5] and after[6] == before[6]
    # SQLite never kept a NaN (it stored NULL): on it flow 1 has nothing to set aside
    stored_nan = before[1][4] is not None
    cleaned = (1, 2, 3, 4) if stored_nan else (2, 3, 4)
    for fid in (1, 2, 3, 4):
        assert after[fid][:4] == before[fid][:4] and after[fid][5] == before[fid][5]
        assert after[fid][4] is None
    assert after[2][6].startswith("Remittance fund [amount 'inf' is not a finite number")
    assert after[3][6].startswith("[amount 'inf'") and after[4][6].startswith("[amount '-inf'")
    assert (after[1][6] or "").startswith("[amount 'nan'") == stored_nan
    assert {t: _rows(registry, t) for t in untouched} == untouched
    with registry.engine.connect() as c:
        audit = c.execute(text("SELECT entity, entity_id, action FROM audit_trail "
                               "WHERE \"user\" = 'migration 0011_clean_amounts' "
                               "ORDER BY entity_id")).all()  # fmt: skip
    assert [tuple(a) for a in audit] == [("flows", i, "update") for i in cleaned]
    registry.close()

    cli = Cli(db_target)
    profile = _strict(cli.out("asymmetry", "1", "--json"))
    capital = next(f for f in profile["flows"] if f["kind"] == "capital")
    assert capital["amount_b_to_a"] == {"USD": 12.5} and capital["b_to_a"] == 5
    report = _strict(cli.out("report", "--year", "2020", "--json"))
    assert report["totals"]["money_moved"] == {"USD": 12.5}
    assert report["totals"]["people_flows_without_count"] == 1
    history = _strict(cli.out("history", "--entity", "flows", "--id", "2", "--json"))
    assert "inf" in json.dumps(history)
    _strict(cli.out("show", "relationship", "1", "--json"))


def test_downgrade_puts_the_stored_amounts_back(db_target: str) -> None:
    registry = _old_registry(db_target)
    before = _flows(registry)
    registry.upgrade()
    with registry.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), _before(connection))
    restored = _flows(registry)
    assert {k: v for k, v in restored.items() if k != 1} == {
        k: v for k, v in before.items() if k != 1
    }
    # nan: SQLite never stored it (it keeps NULL); PostgreSQL gets NaN back
    assert restored[1][4] is None or restored[1][4] != restored[1][4]
    with registry.engine.connect() as c:
        left = c.scalar(
            text("SELECT count(*) FROM audit_trail WHERE \"user\" LIKE 'migration 0011%'")
        )
    assert left == 0
    registry.close()
