"""Accounts: add, list and disable people who sign in; API tokens; sign in and out.

Why here: the CLI (``sistercities user …``, ``token create``) and the web
app (the sign-in form, bearer tokens) do the same things and must agree.

- Passwords are hashed with Argon2 (argon2-cffi's defaults, RFC 9106's
  second recommended profile); a hash made with older parameters is upgraded
  at the next sign-in.
- A session cookie and an API token are 32 random bytes; the registry keeps
  only their SHA-256, so a copy of the database signs no one in.
- An officer account may be tied to the places whose office it works for
  (``places``): it is then an officer of those cities only (their portals,
  their relationships' councils); tied to none, it is the registry's officer,
  of every place. The rule is :func:`sistercities.registry.access.officer_scope`.
- Sign-in failures are counted per account name and per address in the
  registry (any worker sees them): after :data:`MAX_FAILURES` in
  :data:`FAILURE_WINDOW` both are refused until the window has passed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import asdict, dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from sistercities.errors import InputError, RateLimitedError, SignInError
from sistercities.messages import Message, Plural
from sistercities.operations import account_checks as checked
from sistercities.registry.accounts import (
    Account,
    AccountRole,
    ApiToken,
    LoginAttempt,
    OfficerPlace,
    WebSession,
)
from sistercities.registry.models import Place, Relationship, RelationshipActor
from sistercities.registry.store import Registry

MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
SESSION_LIFETIME = dt.timedelta(hours=12)
_HASHER = PasswordHasher()


def use_low_cost_hashing() -> None:
    """Cheaper Argon2 parameters, for test suites that make many accounts.

    Still Argon2id; hashes made either way verify either way (the parameters
    are in the hash), and a low-cost hash is upgraded at the next sign-in
    once the default is back.
    """
    global _HASHER
    _HASHER = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)


@dataclass(frozen=True)
class Principal:
    """Who is asking: the account behind a session cookie or a bearer token."""

    account_id: int
    name: str
    role: str
    actor_id: int | None
    csrf_token: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("csrf_token")
        return data


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _aware(when: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes; they were stored in UTC."""
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _place_rows(session: Session, account_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    rows = session.execute(
        select(OfficerPlace.account_id, Place)
        .join(Place, Place.id == OfficerPlace.place_id)
        .where(OfficerPlace.account_id.in_(account_ids))
        .order_by(Place.name, Place.id)
    )
    found: dict[int, list[dict[str, Any]]] = {}
    for account_id, place in rows:
        found.setdefault(account_id, []).append({"id": place.id, "label": place.label()})
    return found


def account_summary(account: Account, places: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The fields of an account shown in lists and JSON (never the hash).

    ``places``: an officer's cities (``[]``: none, the registry's officer);
    ``officer_of``: in words, ``"every place"`` for an admin or an officer tied to none.
    """
    places = places or []
    officer_of = None
    if account.role == AccountRole.ADMIN or (account.role == AccountRole.OFFICER and not places):
        officer_of = "every place"
    elif account.role == AccountRole.OFFICER:
        officer_of = "; ".join(p["label"] for p in places)
    return {
        "id": account.id,
        "name": account.name,
        "role": account.role,
        "organisation": account.actor_id,
        "places": places,
        "officer_of": officer_of,
        "disabled": account.disabled,
        "created_at": account.created_at.isoformat() if account.created_at else None,
    }


def _summary(session: Session, account: Account) -> dict[str, Any]:
    return account_summary(account, _place_rows(session, [account.id]).get(account.id, []))


def add_user(
    registry: Registry,
    *,
    name: str,
    role: str,
    password: str | None = None,
    organisation: int | None = None,
    places: list[str] | None = None,
    one_time_password: bool = False,
) -> dict[str, Any]:
    """Add an account; without a password it can only use API tokens.

    ``places`` (ids or 'name, country'): the cities an officer account is an
    officer of; none, the registry's officer (every place).
    ``one_time_password``: make a random password (instead of ``password``) and
    give it back once, as ``password`` in the answer, for whoever adds the
    account to hand over (the web app's accounts page; ``serve``'s first admin).
    """
    who = checked.checked_name(name)
    if one_time_password:
        if password is not None:
            raise InputError(Message("give a password or ask for one, not both"), field="password")
        password = secrets.token_urlsafe(12)
    with registry.session() as session:
        wanted = checked.checked_role(role, organisation, session)
        checked.refuse_taken_name(session, who)
        account = Account(
            name=who,
            role=wanted.value,
            actor_id=organisation,
            password_hash=_HASHER.hash(checked.checked_password(password)) if password else None,
            disabled=False,
        )
        found = checked.found_places(session, places or [])
        session.add(account)
        session.flush()
        checked.grant_places(session, account, found)
        made = _summary(session, account)
    if one_time_password:
        made["password"] = password
    return made


def list_users(registry: Registry) -> list[dict[str, Any]]:
    """Every account, by name, with an officer's places."""
    with registry.session() as session:
        rows = list(session.scalars(select(Account).order_by(Account.name)))
        places = _place_rows(session, [a.id for a in rows])
        return [account_summary(a, places.get(a.id, [])) for a in rows]


def show_user(registry: Registry, *, name: str) -> dict[str, Any]:
    """One account as ``user list`` shows it: its role, organisation and an officer's places."""
    with registry.session() as session:
        return _summary(session, _account(session, name))


def set_user_places(
    registry: Registry,
    *,
    name: str,
    add: list[str] | None = None,
    remove: list[str] | None = None,
) -> dict[str, Any]:
    """Tie an officer account to more places, or fewer; the account as it is then.

    Removing its last place makes it the registry's officer (every place)
    again: say so to whoever does it (the CLI prints ``officer_of``).
    """
    with registry.session() as session:
        account = _account(session, name)
        adding = checked.found_places(session, add or [])
        dropping = checked.found_places(session, remove or [])
        checked.refuse_places_not_held(session, account, dropping)
        checked.grant_places(session, account, adding)
        for place in dropping:
            row = session.scalar(
                select(OfficerPlace).where(
                    OfficerPlace.account_id == account.id, OfficerPlace.place_id == place.id
                )
            )
            session.delete(row)
        session.flush()
        return _summary(session, account)


def disable_user(registry: Registry, *, name: str) -> dict[str, Any]:
    """Disable an account: its sessions end and its tokens stop working at once.

    The last admin that is not disabled is refused: the web app would have
    no one left to manage accounts.
    """
    with registry.session() as session:
        account = _account(session, name)
        checked.refuse_last_admin(session, account)
        account.disabled = True
        session.execute(delete(WebSession).where(WebSession.account_id == account.id))
        session.flush()
        return _summary(session, account)


def enable_user(registry: Registry, *, name: str) -> dict[str, Any]:
    """Enable a disabled account: it signs in again, and its tokens not revoked work again."""
    with registry.session() as session:
        account = _account(session, name)
        account.disabled = False
        session.flush()
        return _summary(session, account)


def set_password(registry: Registry, *, name: str, password: str) -> dict[str, Any]:
    """Give an account a (new) password."""
    with registry.session() as session:
        account = _account(session, name)
        account.password_hash = _HASHER.hash(checked.checked_password(password))
        session.flush()
        return _summary(session, account)


def create_token(registry: Registry, *, name: str, label: str | None = None) -> dict[str, Any]:
    """A new API token for an account: the token is in the answer, and nowhere else."""
    token = "sct_" + secrets.token_urlsafe(32)
    with registry.session() as session:
        account = _account(session, name)
        if account.disabled:
            raise InputError(Message("account %(name)r is disabled", name=name), field="name")
        row = ApiToken(
            account_id=account.id,
            label=(label or "api").strip()[:200] or "api",
            token_hash=_digest(token),
            revoked=False,
        )
        session.add(row)
        session.flush()
        return {"id": row.id, "account": account.name, "label": row.label, "token": token}


def _account(session: Session, name: str) -> Account:
    return checked.account_named(session, name)


def _principal(account: Account, csrf: str | None = None) -> Principal:
    return Principal(account.id, account.name, account.role, account.actor_id, csrf)


def token_principal(registry: Registry, *, token: str) -> Principal | None:
    """The account behind a bearer token, or ``None`` (unknown, revoked, disabled).

    Read on every API request: one prepared Core query (:mod:`.callers`).
    """
    from sistercities.operations import callers  # callers builds on Principal, here

    return callers.caller_by_token(registry, token=token).principal


def session_principal(registry: Registry, *, cookie: str) -> Principal | None:
    """The account behind a session cookie, or ``None`` (unknown, expired, disabled)."""
    from sistercities.operations import callers

    return callers.caller_by_session(registry, cookie=cookie).principal


def _failures(session: Session, key: str, now: dt.datetime) -> LoginAttempt | None:
    attempt = session.get(LoginAttempt, key)
    if attempt is not None and _aware(attempt.window_start) + FAILURE_WINDOW <= now:
        session.delete(attempt)
        session.flush()
        return None
    return attempt


def _refuse_if_limited(session: Session, keys: list[str], now: dt.datetime) -> None:
    for key in keys:
        attempt = _failures(session, key, now)
        if attempt is not None and attempt.failures >= MAX_FAILURES:
            wait = _aware(attempt.window_start) + FAILURE_WINDOW - now
            minutes = int(wait.total_seconds() // 60) + 1
            raise RateLimitedError(
                Plural(
                    "too many failed sign-ins; try again in %(count)s minute",
                    "too many failed sign-ins; try again in %(count)s minutes",
                    minutes,
                ),
                retry_after=int(wait.total_seconds()) + 1,
            )


def _count_failure(registry: Registry, keys: list[str]) -> None:
    now = _now()
    with registry.session() as session:
        for key in keys:
            attempt = _failures(session, key, now)
            if attempt is None:
                session.add(LoginAttempt(key=key, window_start=now, failures=1))
            else:
                attempt.failures += 1


def _verified(account: Account | None, password: str) -> bool:
    if account is None or account.disabled or not account.password_hash:
        _HASHER.hash(password)  # the same work as a real check: no timing hint
        return False
    try:
        _HASHER.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if _HASHER.check_needs_rehash(account.password_hash):
        account.password_hash = _HASHER.hash(password)
    return True


def sign_in(registry: Registry, *, name: str, password: str, address: str) -> tuple[str, Principal]:
    """Check a password and open a session: the cookie value (shown once) and who it is."""
    keys = [f"account:{name.strip().casefold()}", f"address:{address}"]
    with registry.session() as session:
        _refuse_if_limited(session, keys, _now())
    with registry.session() as session:
        account = session.scalar(select(Account).where(Account.name == name.strip()))
        ok = _verified(account, password[:1000])
        if ok and account is not None:
            cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            session.add(
                WebSession(
                    id=_digest(cookie),
                    account_id=account.id,
                    csrf_token=csrf,
                    expires_at=_now() + SESSION_LIFETIME,
                )
            )
            session.execute(delete(LoginAttempt).where(LoginAttempt.key == keys[0]))
            return cookie, _principal(account, csrf)
    _count_failure(registry, keys)
    raise SignInError(Message("wrong name or password, or the account is disabled"))


def sign_out(registry: Registry, *, cookie: str) -> None:
    """End a session (the cookie stops working in every worker)."""
    with registry.session() as session:
        session.execute(delete(WebSession).where(WebSession.id == _digest(cookie)))


def expire_sessions(registry: Registry) -> int:
    """Delete expired sessions; the number removed."""
    with registry.session() as session:
        result = session.execute(delete(WebSession).where(WebSession.expires_at <= _now()))
        return int(getattr(result, "rowcount", 0) or 0)


def has_accounts(registry: Registry) -> bool:
    """Whether any account exists (``serve`` makes the first admin otherwise)."""
    with registry.session() as session:
        return session.scalar(select(Account.id).limit(1)) is not None


def revoke_tokens(registry: Registry, *, name: str) -> int:
    """Revoke every token of an account; how many were live."""
    with registry.session() as session:
        account = _account(session, name)
        result = session.execute(
            update(ApiToken)
            .where(ApiToken.account_id == account.id, ApiToken.revoked.is_(False))
            .values(revoked=True)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def linked_relationships(registry: Registry, *, actor_id: int) -> set[int]:
    """The relationships an organisation holds a part in or manages a side of."""
    with registry.session() as session:
        parts = session.scalars(
            select(RelationshipActor.relationship_id).where(RelationshipActor.actor_id == actor_id)
        )
        managed = session.scalars(
            select(Relationship.id).where(
                or_(
                    Relationship.manager_a_actor_id == actor_id,
                    Relationship.manager_b_actor_id == actor_id,
                )
            )
        )
        return set(parts) | set(managed)
