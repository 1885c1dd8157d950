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
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from sistercities.errors import ConflictError, StorageError
from sistercities.messages import Message
from sistercities.registry import audit
from sistercities.settings import setting

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_DB = str(setting("db").default)

#: How long an exclusive session (an import, adding a relationship) waits for
#: another writer to finish before giving up, in seconds.
WRITER_WAIT_S = 600
#: SQLite's ordinary wait for a lock, in milliseconds (Python's default).
_SQLITE_BUSY_MS = 5000
#: SQLite's page cache for an exclusive writer, and its default, in KiB.
_WRITER_CACHE_KIB = 16384
_SQLITE_CACHE_KIB = 2000
#: The PostgreSQL advisory lock that exclusive sessions take (any fixed number).
_WRITER_LOCK = zlib.crc32(b"sistercities writer")
#: PostgreSQL advisory lock key that one process at a time holds while it migrates
_SCHEMA_LOCK = zlib.crc32(b"sistercities schema")


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
    from alembic.config import Config

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
        """Apply every pending migration, each in its own transaction.

        A registry already at the shipped heads is the common case (every
        command opens one): that is checked with one query, without loading
        Alembic (a fifth of a command's start-up).

        Two processes opening a new (or older) registry at once, such as two
        imports started together, would both create the same tables and one
        would fail; so the migrating process holds a lock (SQLite's write lock,
        a PostgreSQL advisory lock) and the other waits, then finds the schema
        up to date.
        """
        try:
            if self._at_heads():
                return
            from alembic import command

            with self.engine.begin() as connection:
                self._schema_lock(connection)
                try:
                    command.upgrade(_alembic_config(connection), "heads")
                finally:
                    if self.is_sqlite:  # the pooled connection gets its ordinary wait back
                        connection.exec_driver_sql(f"PRAGMA busy_timeout = {_SQLITE_BUSY_MS}")
        except DBAPIError as exc:
            raise StorageError(f"cannot open {self.display_url}: {exc.orig}") from exc

    def _schema_lock(self, connection: Connection) -> None:
        """Wait for any other process migrating this registry, then hold the lock until commit."""
        if self.is_sqlite:
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {WRITER_WAIT_S * 1000}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})

    def _at_heads(self) -> bool:
        with self.engine.connect() as connection:
            try:
                rows = connection.execute(text("SELECT version_num FROM alembic_version"))
                current = {str(row[0]) for row in rows}
            except DBAPIError:  # no such table: a new registry
                connection.rollback()
                return False
        return bool(current) and current == shipped_heads()

    def schema_revisions(self) -> set[str]:
        """The migration revisions this database is at."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return set(MigrationContext.configure(connection).get_current_heads())

    def latest_revisions(self) -> set[str]:
        """The head revisions shipped with this version of sistercities."""
        from alembic.script import ScriptDirectory

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
    def session(self, *, user: str | None = None, exclusive: bool = False) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back everything on error.

        A concurrent edit of the same relationship (its ``version`` moved on
        since it was read) raises :class:`~sistercities.errors.ConflictError`
        and nothing is stored.

        ``exclusive`` is for writers that find-or-create shared rows (an
        import, adding a relationship by name): they take the registry's
        writer lock first and wait up to :data:`WRITER_WAIT_S` for another
        such writer to finish, then see everything it stored. Without it, two
        of them would both find no ``DE`` and both insert one.
        """
        session = self._sessions()
        session.info["user"] = user or self.user
        audit.watch(session)
        try:
            if exclusive:
                self._lock(session)
            yield session
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise ConflictError(
                Message(
                    "the record was changed by someone else since you read it; "
                    "reload it and apply your change again"
                )
            ) from exc
        except OperationalError as exc:
            session.rollback()
            if "database is locked" in str(exc.orig):
                raise ConflictError(
                    Message("another writer is holding the registry; nothing was stored, try again")
                ) from exc
            raise
        except IntegrityError as exc:
            session.rollback()
            if "unique" not in str(exc.orig).lower():
                raise
            raise ConflictError(
                Message(
                    "another writer stored the same record at the same moment; "
                    "nothing was stored, try again"
                )
            ) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            if exclusive and self.is_sqlite:
                self._unlock_sqlite(session)
            session.close()

    def _lock(self, session: Session) -> None:
        """Take the writer lock: SQLite's write lock at once, or PostgreSQL's advisory one."""
        connection = session.connection()
        if self.is_sqlite:
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {WRITER_WAIT_S * 1000}")
            # a bulk writer's indexes outgrow SQLite's 2 MB page cache: 16 MB halves its time
            connection.exec_driver_sql(f"PRAGMA cache_size = -{_WRITER_CACHE_KIB}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{WRITER_WAIT_S}s'")
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITER_LOCK})

    @staticmethod
    def _unlock_sqlite(session: Session) -> None:
        """Give the pooled connection SQLite's ordinary wait back."""
        with suppress(DBAPIError):
            connection = session.connection()
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {_SQLITE_BUSY_MS}")
            connection.exec_driver_sql(f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


@lru_cache(maxsize=1)
def shipped_heads() -> frozenset[str]:
    """Head revisions of the shipped migrations, read from their files.

    Each migration says ``revision = "..."`` and ``down_revision = ...``; the
    heads are the revisions no other file revises. Reading the text is enough
    to tell an up-to-date registry and keeps Alembic out of start-up.
    """
    folder = resources.files("sistercities.registry") / "migrations" / "versions"
    revisions: set[str] = set()
    revised: set[str] = set()
    for entry in folder.iterdir():
        if not entry.name.endswith(".py"):
            continue
        source = entry.read_text(encoding="utf-8")
        found = re.search(r"^revision\b[^=]*=\s*['\"]([^'\"]+)['\"]", source, re.MULTILINE)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = re.search(r"^down_revision\b[^=]*=\s*(.+)$", source, re.MULTILINE)
        if down is not None:
            revised.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return frozenset(revisions - revised)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"
