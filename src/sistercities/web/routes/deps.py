"""What routes share: the registry writing as the account, and the role checks."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Request

from sistercities.operations.accounts import Principal
from sistercities.registry.store import Registry
from sistercities.web.permissions import Action, allowed, require
from sistercities.web.sessions import registry_of

#: A record id in a path: a positive 32-bit integer (what both databases store).
RecordId = Annotated[int, Path(ge=1, le=2_147_483_647)]


def acting(request: Request, principal: Principal) -> Registry:
    """The registry, writing in the audit trail as the account signed in."""
    return registry_of(request).as_user(principal.name)


def check(
    request: Request, principal: Principal, action: Action, relationship_id: RecordId | None = None
) -> None:
    """Refuse (403) what the account's role does not allow."""
    require(principal, action, registry=registry_of(request), relationship_id=relationship_id)


def may(
    request: Request, principal: Principal, action: Action, relationship_id: RecordId | None = None
) -> bool:
    """Whether the account may (to show or hide a link or a form)."""
    return allowed(principal, action, registry=registry_of(request),
                   relationship_id=relationship_id)
