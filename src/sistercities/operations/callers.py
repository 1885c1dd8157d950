"""Who is asking, and at which version of the registry: one small query per request.

Why a module of its own: every request of the web app and the API asks it,
so it is the hottest read of the system. Each question is one SQL statement
that returns the account behind a bearer token or a session cookie *and*
the registry's version (:data:`~sistercities.registry.audit.VERSION`, one
primary-key row) in the same round trip.
Nothing is kept between requests: a revoked token, a disabled account, an
expired or ended session is refused by the next request, in every worker.

The statements are SQLAlchemy Core, compiled once per database dialect and
run on a connection of the registry's pool through the driver itself
(:class:`PreparedRead`): SQLAlchemy's own execution costs four times the
query on SQLite. On PostgreSQL the read runs in autocommit, one round trip
instead of three (``BEGIN``, the query, ``ROLLBACK``).

The version moves on with every write (the audit trail records them all),
so an answer kept from an earlier request may be served again as long as
the version it was made at is still the newest (see
:mod:`sistercities.web.fastpath`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, bindparam, select

from sistercities.operations.accounts import Principal
from sistercities.registry.accounts import Account, ApiToken, WebSession
from sistercities.registry.audit import VERSION as _REGISTRY_VERSION
from sistercities.registry.store import Registry

_VERSION = _REGISTRY_VERSION.scalar_subquery().label("version")
_ACCOUNT = (Account.id, Account.name, Account.role, Account.actor_id, Account.disabled)

#: The live token's account and the registry's version.
BY_TOKEN = (
    select(*_ACCOUNT, _VERSION)
    .join(ApiToken, ApiToken.account_id == Account.id)
    .where(ApiToken.token_hash == bindparam("digest"), ApiToken.revoked.is_(False))
)
#: The session's account, its CSRF token and expiry, and the registry's version.
BY_SESSION = (
    select(*_ACCOUNT, WebSession.csrf_token, WebSession.expires_at, _VERSION)
    .join(WebSession, WebSession.account_id == Account.id)
    .where(WebSession.id == bindparam("digest"))
)
#: The registry's version alone (public pages: no one is asking).
VERSION = _REGISTRY_VERSION


@dataclass(frozen=True)
class _Compiled:
    sql: str
    names: tuple[str, ...] | None  # the order of the parameters, for positional drivers
    processors: tuple[Callable[[Any], Any] | None, ...]


class PreparedRead:
    """A read-only Core statement compiled once per dialect, run through the driver.

    The values come back converted as SQLAlchemy would (the columns' own
    result processors: SQLite's text datetimes, its 0/1 booleans).
    """

    def __init__(self, statement: Select[Any]):
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _for(self, engine: Engine) -> _Compiled:
        dialect = engine.dialect
        found = self._compiled.get(dialect.name)
        if found is None:
            compiled = self.statement.compile(dialect=dialect)
            processors = tuple(
                column.type.dialect_impl(dialect).result_processor(dialect, None)
                for column in self.statement.selected_columns
            )
            names = tuple(compiled.positiontup or ()) if compiled.positional else None
            found = _Compiled(str(compiled), names, processors)
            with self._lock:
                self._compiled[dialect.name] = found
        return found

    def first(self, engine: Engine, **params: Any) -> tuple[Any, ...] | None:
        """The first row (converted), or ``None``."""
        compiled = self._for(engine)
        args: Any = tuple(params[n] for n in compiled.names) if compiled.names is not None \
            else params
        pooled = engine.raw_connection()
        driver: Any = pooled.dbapi_connection
        autocommit = engine.dialect.name == "postgresql"
        try:
            if autocommit:
                driver.autocommit = True
            cursor = pooled.cursor()
            try:
                cursor.execute(compiled.sql, args)
                row = cursor.fetchone()
            finally:
                cursor.close()
            if autocommit:
                driver.autocommit = False
        except BaseException:
            pooled.invalidate()  # a connection in an unknown state never goes back to the pool
            raise
        finally:
            pooled.close()
        if row is None:
            return None
        return tuple(
            convert(value) if convert is not None and value is not None else value
            for value, convert in zip(row, compiled.processors, strict=True)
        )


_BY_TOKEN, _BY_SESSION, _VERSION_ONLY = (PreparedRead(s) for s in (BY_TOKEN, BY_SESSION, VERSION))


@dataclass(frozen=True)
class Caller:
    """The account asking (``None``: unknown, revoked, disabled or expired) and the version."""

    principal: Principal | None
    version: int | None


def digest(secret: str) -> str:
    """What the registry stores of a cookie or a token: its SHA-256 (never the secret)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _aware(when: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes; they were stored in UTC."""
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def caller_by_token(registry: Registry, *, token: str) -> Caller:
    """The account of a bearer token, refused when the token is revoked or the account
    disabled; the registry's version when the token is known."""
    row = _BY_TOKEN.first(registry.engine, digest=digest(token))
    if row is None:
        return Caller(None, None)
    account_id, name, role, actor_id, disabled, version = row
    if disabled:
        return Caller(None, int(version or 0))
    return Caller(Principal(account_id, name, role, actor_id), int(version or 0))


def caller_by_session(registry: Registry, *, cookie: str) -> Caller:
    """The account of a session cookie, refused when the session has expired or ended
    (no row) or the account is disabled; the registry's version when the session is known."""
    row = _BY_SESSION.first(registry.engine, digest=digest(cookie))
    if row is None:
        return Caller(None, None)
    account_id, name, role, actor_id, disabled, csrf, expires_at, version = row
    if disabled or _aware(expires_at) <= dt.datetime.now(dt.UTC):
        return Caller(None, int(version or 0))
    return Caller(Principal(account_id, name, role, actor_id, csrf), int(version or 0))


def registry_version(registry: Registry) -> int:
    """The registry's version (:data:`audit.VERSION`; 0 for a registry never written)."""
    row = _VERSION_ONLY.first(registry.engine)
    return int(row[0] or 0) if row else 0
