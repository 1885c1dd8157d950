"""Alembic environment: runs on the connection that ``Registry.upgrade`` passes in."""

from __future__ import annotations

from alembic import context

from sistercities.registry.models import Base
from sistercities.registry.tables import load_table_modules

load_table_modules()  # every module that declares tables (pyproject: sistercities.tables)

target_metadata = Base.metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("sistercities migrations run through Registry.upgrade()")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
