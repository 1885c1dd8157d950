"""Migration 0010_officer_places on a registry written before it, both backends.

Before it an officer account had no places and was an officer of every
place; after it the table of officers' places exists, empty, and that
officer still switches any city's portal on (the decision the migration
keeps: an officer tied to no place is the registry's officer). Downgrading
drops the table and leaves the accounts as they were.
"""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import inspect, text

from sistercities.operations import accounts
from sistercities.operations import portal as portal_ops
from sistercities.registry.store import Registry, _alembic_config

NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
BEFORE = "0004_unknown_status"


def _old_registry(db_target: str) -> Registry:
    registry = Registry.open(db_target)
    with registry.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), BEFORE)
    with registry.engine.begin() as c:
        assert "officer_places" not in inspect(c).get_table_names()
        c.execute(text("INSERT INTO countries (code, name) VALUES ('EC', 'Ecuador')"))
        c.execute(text("INSERT INTO places (id, name, original_name, kind, country_code, "
                       "resolution, match_key, created_at) VALUES (1, 'Cuenca', 'Cuenca', "
                       "'city', 'EC', 'unresolved', 'cuenca|ec', :t)"), {"t": NOW})  # fmt: skip
        c.execute(text("INSERT INTO accounts (id, name, role, disabled, created_at) "
                       "VALUES (1, 'old-officer', 'officer', false, :t)"), {"t": NOW})  # fmt: skip
    return registry


def test_an_officer_from_before_places_is_still_an_officer_of_every_place(db_target: str) -> None:
    registry = _old_registry(db_target)
    registry.upgrade()
    with registry.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM officer_places")).scalar() == 0
    [officer] = accounts.list_users(registry)
    assert officer["places"] == [] and officer["officer_of"] == "every place"
    done = portal_ops.portal_enable(registry, place="Cuenca, EC", user="old-officer")
    assert done["enabled"] and done["changed_by"] == "old-officer"
    registry.close()


def test_downgrade_drops_the_places_and_keeps_the_accounts(db_target: str) -> None:
    registry = _old_registry(db_target)
    registry.upgrade()
    accounts.set_user_places(registry, name="old-officer", add=["Cuenca, EC"])
    with registry.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), BEFORE)
    with registry.engine.connect() as c:
        assert "officer_places" not in inspect(c).get_table_names()
        assert c.execute(text("SELECT name, role FROM accounts")).all() == [
            ("old-officer", "officer")]
    registry.close()
