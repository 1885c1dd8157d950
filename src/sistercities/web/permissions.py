"""Who may do what: the role matrix of the web app and the API, in one place.

| action | admin | officer | partner | researcher |
|---|---|---|---|---|
| read the registry | yes | yes | yes | yes |
| read contact details | yes | yes | no | no |
| write relationships, actors, administrations, status | yes | yes | no | no |
| write activities, flows, commitments | yes | yes | its organisation's relationships | no |
| read the workbench (surveys) | yes | yes | no | yes |
| switch a place's portal on or off | yes | its places' (checked by the operation) | no | no |
| manage accounts | yes | no | no | no |

A partner's organisation is "linked" to a relationship when it holds a part
in it (``relationship_actors``) or manages one side of it.
"""

from __future__ import annotations

from enum import StrEnum

from sistercities.errors import ForbiddenError
from sistercities.messages import Message
from sistercities.operations import accounts
from sistercities.operations.accounts import Principal
from sistercities.registry.accounts import AccountRole
from sistercities.registry.store import Registry


class Action(StrEnum):
    """What a request wants to do."""

    READ = "read"
    READ_CONTACTS = "read_contacts"
    WRITE_REGISTRY = "write_registry"
    WRITE_ACTIVITY = "write_activity"
    READ_WORKBENCH = "read_workbench"
    SWITCH_PORTAL = "switch_portal"
    MANAGE_ACCOUNTS = "manage_accounts"


_ALL = frozenset(AccountRole)
_STAFF = frozenset({AccountRole.ADMIN, AccountRole.OFFICER})
MATRIX: dict[Action, frozenset[AccountRole]] = {
    Action.READ: _ALL,
    Action.READ_CONTACTS: _STAFF,
    Action.WRITE_REGISTRY: _STAFF,
    Action.WRITE_ACTIVITY: _STAFF | {AccountRole.PARTNER},
    Action.READ_WORKBENCH: _STAFF | {AccountRole.RESEARCHER},
    Action.SWITCH_PORTAL: _STAFF,  # an officer: of the place (operations.portal checks it)
    Action.MANAGE_ACCOUNTS: frozenset({AccountRole.ADMIN}),
}


def allowed(
    principal: Principal,
    action: Action,
    *,
    registry: Registry,
    relationship_id: int | None = None,
) -> bool:
    """Whether ``principal`` may do ``action`` (on one relationship, where it matters)."""
    role = AccountRole(principal.role)
    if role not in MATRIX[action]:
        return False
    if role is AccountRole.PARTNER and action is Action.WRITE_ACTIVITY:
        if relationship_id is None or principal.actor_id is None:
            return False
        return relationship_id in accounts.linked_relationships(
            registry, actor_id=principal.actor_id
        )
    return True


def require(
    principal: Principal,
    action: Action,
    *,
    registry: Registry,
    relationship_id: int | None = None,
) -> None:
    """Refuse with :class:`ForbiddenError` unless :func:`allowed`."""
    if not allowed(principal, action, registry=registry, relationship_id=relationship_id):
        raise ForbiddenError(refusal(principal.role, action, relationship_id))


#: What each action is, in words (the stored action names are for code).
ACTION_WORDS: dict[Action, Message] = {
    Action.READ: Message("read the registry"),
    Action.READ_CONTACTS: Message("read contact details"),
    Action.WRITE_REGISTRY: Message("change the registry"),
    Action.WRITE_ACTIVITY: Message("record activities"),
    Action.READ_WORKBENCH: Message("use the research workbench"),
    Action.SWITCH_PORTAL: Message("switch a portal on or off"),
    Action.MANAGE_ACCOUNTS: Message("manage accounts"),
}
ROLE_WORDS: dict[str, Message] = {
    "admin": Message("administrator"),
    "officer": Message("officer"),
    "partner": Message("partner organisation"),
    "researcher": Message("researcher"),
}


def refusal(role: str, action: Action, relationship_id: int | None = None) -> Message:
    """Why ``role`` may not do ``action``, in words a person reads (translated on a page)."""
    who = ROLE_WORDS.get(role, role)
    what = ACTION_WORDS[action]
    if relationship_id is None:
        return Message("an account of the %(role)s role may not %(action)s", role=who, action=what)
    return Message(
        "an account of the %(role)s role may not %(action)s on relationship %(id)s",
        role=who,
        action=what,
        id=str(relationship_id),
    )
