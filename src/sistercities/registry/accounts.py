"""The tables of the web app's accounts: people who sign in, their tokens and sessions.

Why in the registry: the web app may run as several worker processes (on
PostgreSQL) or restart at any time, so nothing about who is signed in lives
in a process. A session, a login attempt and an API token are rows here, and
any worker can answer any request.

- :class:`Account`: a person with a role (admin, officer, partner, researcher);
  a partner account is tied to the actor (organisation) it speaks for.
- :class:`ApiToken`: a bearer token for scripts, stored as its SHA-256 (the
  token itself is shown once, when it is made).
- :class:`WebSession`: a signed-in browser, keyed by the SHA-256 of its cookie,
  with its CSRF token and expiry.
- :class:`LoginAttempt`: failed sign-ins per account name and per address, for
  the rate limit.
- :class:`OfficerPlace`: the places an officer account is an officer of (an
  officer with none is the registry's officer, of every place: see
  :func:`sistercities.registry.access.officer_scope`).

Password hashes and token hashes never reach the audit trail
(``__audit_private__``); sessions and attempts are bookkeeping, not registry
content, and are written without it (``__audit_skip__``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sistercities.registry.models import Base


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AccountRole(StrEnum):
    """What an account may do (see :mod:`sistercities.operations.accounts`)."""

    ADMIN = "admin"  # everything, and accounts
    OFFICER = "officer"  # writes everything, sees contact details
    PARTNER = "partner"  # writes activities of its organisation's relationships
    RESEARCHER = "researcher"  # reads without contact details, and the workbench


class Account(Base):
    """A person who signs in to the web app or the API."""

    __tablename__ = "accounts"
    __audit_private__: ClassVar[frozenset[str]] = frozenset({"password_hash"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ApiToken(Base):
    """A bearer token of an account, stored hashed."""

    __tablename__ = "api_tokens"
    __audit_private__: ClassVar[frozenset[str]] = frozenset({"token_hash"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class WebSession(Base):
    """A signed-in browser: the SHA-256 of its cookie, its CSRF token, its expiry."""

    __tablename__ = "web_sessions"
    __audit_skip__: ClassVar[bool] = True

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class LoginAttempt(Base):
    """Failed sign-ins of one key (``account:NAME`` or ``address:IP``) in a window."""

    __tablename__ = "login_attempts"
    __audit_skip__: ClassVar[bool] = True

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    window_start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, default=0)


class OfficerPlace(Base):
    """One place an officer account is an officer of (its city office's place).

    Every grant and withdrawal is in the audit trail: who made an account an
    officer of a city decides who may switch that city's portal on.
    """

    __tablename__ = "officer_places"
    __table_args__ = (
        UniqueConstraint("account_id", "place_id", name="uq_officer_places_account_place"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    granted_by: Mapped[str | None] = mapped_column(String(200))
    granted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
