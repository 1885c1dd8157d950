"""The checks of an account's name, password, role, organisation and cities.

Why apart from :mod:`sistercities.operations.accounts`: these are the
refusals an admin meets on the accounts page (and ``sistercities user``), each a
:class:`~sistercities.messages.Message`, so the page says why in the reader's
language while the CLI and the API keep their English line; the operations
there stay about what an account does.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sistercities.errors import InputError, NotFoundError, reason_of
from sistercities.messages import Joined, Message
from sistercities.registry import access, checks, queries
from sistercities.registry.accounts import Account, AccountRole, OfficerPlace
from sistercities.registry.models import Place

MIN_PASSWORD = 10
MAX_PASSWORD = 1000
MAX_NAME = 200
#: The roles inside a sentence: the stored value in English, its name in the reader's language.
ROLE_WORDS = {
    AccountRole.ADMIN.value: Message("admin"),
    AccountRole.OFFICER.value: Message("officer"),
    AccountRole.PARTNER.value: Message("partner"),
    AccountRole.RESEARCHER.value: Message("researcher"),
}


def checked_name(name: str) -> str:
    """An account's name, trimmed: 1 to :data:`MAX_NAME` characters."""
    who = name.strip()
    if not who or len(who) > MAX_NAME:
        raise InputError(
            Message("give a name of 1 to %(limit)s characters", limit=MAX_NAME), field="name"
        )
    return who


def refuse_taken_name(session: Session, name: str) -> None:
    """Refuse a name another account has (names are what people sign in with)."""
    if session.scalar(select(Account.id).where(Account.name == name)) is not None:
        raise InputError(Message("an account named %(name)r exists", name=name), field="name")


def checked_password(password: str) -> str:
    """A password of :data:`MIN_PASSWORD` to :data:`MAX_PASSWORD` characters."""
    if len(password) < MIN_PASSWORD:
        raise InputError(
            Message("at least %(limit)s characters", limit=MIN_PASSWORD), field="password"
        )
    if len(password) > MAX_PASSWORD:
        raise InputError(
            Message("at most %(limit)s characters", limit=MAX_PASSWORD), field="password"
        )
    return password


def checked_role(role: str, organisation: int | None, session: Session) -> AccountRole:
    """The role, and for a partner account the organisation it speaks for (only then)."""
    try:
        wanted = AccountRole(role)
    except ValueError:
        choices = Joined(", ", [ROLE_WORDS.get(r.value, r.value) for r in AccountRole])
        raise InputError(
            Message("%(value)r is not one of: %(allowed)s", value=role, allowed=choices),
            field="role",
        ) from None
    if wanted is AccountRole.PARTNER:
        if organisation is None:
            raise InputError(
                Message("a partner account needs its organisation"), field="organisation"
            )
        actor = checks.actor(session, organisation, "organisation")
        if actor.kind != "organisation":
            raise InputError(
                Message("actor %(id)s is a person", id=str(organisation)), field="organisation"
            )
    elif organisation is not None:
        raise InputError(
            Message("only a partner account has an organisation"), field="organisation"
        )
    return wanted


def found_places(session: Session, places: list[str]) -> list[Place]:
    """The places typed (ids or 'name, country'), each once; refused naming the field.

    The place lookup's own reason is kept (a Message where the registry wrote
    one), and the lookup's error as the cause: the accounts page words an
    unknown place with what was typed.
    """
    found: list[Place] = []
    for text in places:
        try:
            place = queries.find_place(session, text)
        except (InputError, NotFoundError) as exc:
            raise InputError(reason_of(exc), field="place") from exc
        if place not in found:
            found.append(place)
    return found


def grant_places(session: Session, account: Account, places: list[Place]) -> None:
    """Tie an officer account to more places (an account of another role to none)."""
    if places and account.role != AccountRole.OFFICER:
        raise InputError(
            Message(
                "only an officer account is tied to places (%(name)r is %(role)s)",
                name=account.name,
                role=ROLE_WORDS.get(account.role, account.role),
            ),
            field="place",
        )
    held = access.account_places(session, account.id)
    by = access.current_user(session)
    for place in places:
        if place.id not in held:
            session.add(OfficerPlace(account_id=account.id, place_id=place.id, granted_by=by))
    session.flush()


def refuse_places_not_held(session: Session, account: Account, places: list[Place]) -> None:
    """Refuse to take away a place the account is not an officer of."""
    held = access.account_places(session, account.id)
    for place in places:
        if place.id not in held:
            raise InputError(
                Message(
                    "%(name)r is not an officer of %(place)s",
                    name=account.name,
                    place=place.label(),
                ),
                field="place",
            )


def account_named(session: Session, name: str) -> Account:
    """An account by its name, or :class:`NotFoundError`."""
    account = session.scalar(select(Account).where(Account.name == name.strip()))
    if account is None:
        raise NotFoundError(Message("no account named %(name)r", name=name))
    return account


def refuse_last_admin(session: Session, account: Account) -> None:
    """Refuse to disable the last admin: no one could manage accounts in the web app."""
    if account.role != AccountRole.ADMIN or account.disabled:
        return
    others = session.scalar(
        select(Account.id)
        .where(
            Account.role == AccountRole.ADMIN,
            Account.disabled.is_(False),
            Account.id != account.id,
        )
        .limit(1)
    )
    if others is None:
        raise InputError(
            Message(
                "%(name)r is the last admin: no one could manage accounts in the web app; "
                "add another admin first",
                name=account.name,
            ),
            field="name",
        )
