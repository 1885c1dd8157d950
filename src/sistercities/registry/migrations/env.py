"""Alembic environment: runs on the connection that ``Registry.upgrade`` passes in."""

from __future__ import annotations

from alembic import context

import sistercities.research.models  # registers the research workbench tables
import sistercities.research.survey.models  # noqa: F401  (registers the survey tables)
from sistercities.registry.models import Base

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
