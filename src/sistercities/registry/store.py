"""Open a registry: a SQLite file by default, PostgreSQL through one URL.

The schema is created and upgraded only by the Alembic migrations in
``registry/migrations`` (never ``create_all``), so a file made by one version
opens in the next. Every session carries the name of the person or process
writing, and every change it flushes lands in the audit trail
(:mod:`sistercities.registry.audit`).
"""

from __future__ import annotations

import copy
import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from sistercities.errors import ConflictError, StorageError
from sistercities.registry import audit
from sistercities.settings import setting

DEFAULT_DB = str(setting("db").default)


def to_url(target: str | os.PathLike[str]) -> str:
    """Turn a SQLite path or a database URL into a SQLAlchemy URL.

    ``postgresql://`` and ``postgres://`` URLs use the psycopg 3 driver.

    >>> to_url("registry.sqlite")
    'sqlite:///registry.sqlite'
    >>> to_url("postgresql://u@localhost/db")
    'postgresql+psycopg://u@localhost/db'
    """
    text = os.fspath(target)
    if "://" not in text:
        return f"sqlite:///{text}"
    scheme, rest = text.split("://", 1)
    if scheme in {"postgresql", "postgres"}:
        return f"postgresql+psycopg://{rest}"
    return text


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _alembic_config(connection: Any) -> Config:
    config = Config()
    location = resources.files("sistercities.registry") / "migrations"
    config.set_main_option("script_location", str(location))
    config.attributes["connection"] = connection
    return config


class Registry:
    """A handle on one registry database.

    Parameters
    ----------
    target:
        A SQLite file path or a database URL (``postgresql://...``).
    user:
        Who writes through this handle; recorded in the audit trail. Defaults
        to the login name.
    """

    def __init__(self, target: str | os.PathLike[str], *, user: str | None = None):
        self.url = to_url(target)
        self.user = user or _login_name()
        try:
            url = make_url(self.url)
        except ArgumentError as exc:
            raise StorageError(f"not a database path or URL: {os.fspath(target)!r}") from exc
        self.is_sqlite = url.get_backend_name() == "sqlite"
        if self.is_sqlite and url.database:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine: Engine = create_engine(self.url)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise StorageError(f"cannot use {self.display_url}: {exc}") from exc
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(
        cls, target: str | os.PathLike[str], *, user: str | None = None, upgrade: bool = True
    ) -> Registry:
        """Open a registry and bring its schema up to date."""
        registry = cls(target, user=user)
        if upgrade:
            registry.upgrade()
        return registry

    def upgrade(self) -> None:
        """Apply every pending migration, each in its own transaction."""
        try:
            with self.engine.begin() as connection:
                command.upgrade(_alembic_config(connection), "heads")
        except DBAPIError as exc:
            raise StorageError(f"cannot open {self.display_url}: {exc.orig}") from exc

    def schema_revisions(self) -> set[str]:
        """The migration revisions this database is at."""
        with self.engine.connect() as connection:
            return set(MigrationContext.configure(connection).get_current_heads())

    def latest_revisions(self) -> set[str]:
        """The head revisions shipped with this version of sistercities."""
        with self.engine.connect() as connection:
            script = ScriptDirectory.from_config(_alembic_config(connection))
            return set(script.get_heads())

    def as_user(self, user: str) -> Registry:
        """The same database and connection pool, writing as ``user`` (a web account)."""
        clone = copy.copy(self)
        clone.user = user
        return clone

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for messages."""
        try:
            return make_url(self.url).render_as_string(hide_password=True)
        except ArgumentError:
            return "the registry"

    @contextmanager
    def session(self, *, user: str | None = None) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back everything on error.

        A concurrent edit of the same relationship (its ``version`` moved on
        since it was read) raises :class:`~sistercities.errors.ConflictError`
        and nothing is stored.
        """
        session = self._sessions()
        session.info["user"] = user or self.user
        audit.watch(session)
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise ConflictError(
                "the record was changed by someone else since you read it; "
                "reload it and apply your change again"
            ) from exc
        except OperationalError as exc:
            session.rollback()
            if "database is locked" in str(exc.orig):
                raise ConflictError(
                    "another writer is holding the registry; nothing was stored, try again"
                ) from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"
