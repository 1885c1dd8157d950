"""Who is asking, and at which version of the registry: one small query per request.

Why a module of its own: every request of the web app and the API asks it,
so it is the hottest read of the system. Each question is one SQL statement,
built once when the module loads (SQLAlchemy Core with bound parameters,
no ORM session), that returns the account behind a bearer token or a
session cookie *and* the registry's version (the newest audit entry) in the
same round trip. Nothing is kept between requests: a revoked token, a
disabled account, an expired or ended session is refused by the next
request, in every worker.

The version moves on with every write (the audit trail records them all),
so an answer kept from an earlier request may be served again as long as
the version it was made at is still the newest (see
:mod:`sistercities.web.fastpath`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, select

from sistercities.operations.accounts import Principal
from sistercities.registry.accounts import Account, ApiToken, WebSession
from sistercities.registry.models import AuditEntry
from sistercities.registry.store import Registry

_VERSION = select(func.coalesce(func.max(AuditEntry.id), 0)).scalar_subquery().label("version")
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
VERSION = select(func.coalesce(func.max(AuditEntry.id), 0))


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


def _one(registry: Registry, statement: Any, secret: str) -> Any:
    with registry.engine.connect() as connection:
        return connection.execute(statement, {"digest": digest(secret)}).first()


def caller_by_token(registry: Registry, *, token: str) -> Caller:
    """The account of a bearer token, refused when the token is revoked or the account
    disabled; the registry's version when the token is known."""
    row = _one(registry, BY_TOKEN, token)
    if row is None:
        return Caller(None, None)
    if row.disabled:
        return Caller(None, int(row.version))
    return Caller(Principal(row.id, row.name, row.role, row.actor_id), int(row.version))


def caller_by_session(registry: Registry, *, cookie: str) -> Caller:
    """The account of a session cookie, refused when the session has expired or ended
    (no row) or the account is disabled; the registry's version when the session is known."""
    row = _one(registry, BY_SESSION, cookie)
    if row is None:
        return Caller(None, None)
    if row.disabled or _aware(row.expires_at) <= dt.datetime.now(dt.UTC):
        return Caller(None, int(row.version))
    principal = Principal(row.id, row.name, row.role, row.actor_id, row.csrf_token)
    return Caller(principal, int(row.version))


def registry_version(registry: Registry) -> int:
    """The registry's version: the newest audit entry (0 for a registry never written)."""
    with registry.engine.connect() as connection:
        return int(connection.scalar(VERSION) or 0)
