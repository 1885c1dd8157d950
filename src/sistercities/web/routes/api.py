"""The JSON API under ``/api/v1``: the same operations as the pages and the CLI.

Lists are paginated: ``{"total", "limit", "offset", "items", "next"}`` where
``next`` is the URL of the next page (``null`` on the last). Bearer tokens
(``sistercities token create NAME``) for scripts; a browser session works too
(writes then need ``X-CSRF-Token``). Errors: ``{"error": {"status", "message",
"field"}}`` (see :mod:`sistercities.web.errors`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from sistercities import taxonomy
from sistercities.operations import pages
from sistercities.operations.accounts import Principal
from sistercities.operations.permissions import Action
from sistercities.web.app import API_PREFIX
from sistercities.web.csrf import check_api_write
from sistercities.web.routes.deps import may
from sistercities.web.sessions import api_principal, registry_of

router = APIRouter(prefix=API_PREFIX, tags=["api"], dependencies=[Depends(check_api_write)])
Caller = Annotated[Principal, Depends(api_principal)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def paginated(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    """Add the ``next`` link to a page of results."""
    following = data["offset"] + data["limit"]
    data["next"] = (
        str(request.url.include_query_params(offset=following, limit=data["limit"]))
        if following < data["total"]
        else None
    )
    return data


@router.get("/me")
def me(principal: Caller) -> dict[str, Any]:
    """The account the token or session belongs to."""
    return principal.to_dict()


@router.get("/relationships")
def list_relationships(
    request: Request,
    principal: Caller,
    country: Annotated[str | None, Query(max_length=100)] = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
    status: taxonomy.RelationshipStatus | None = None,
    kind: taxonomy.RelationshipKind | None = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Relationships with the CLI's filters (``relationships list``), a page at a time."""
    data = pages.relationships(
        registry_of(request),
        country=country,
        place=place,
        status=status.value if status else None,
        kind=kind.value if kind else None,
        since=since,
        limit=limit,
        offset=offset,
    )
    return paginated(request, data)


@router.get("/relationships/{relationship_id}")
def relationship(request: Request, principal: Caller, relationship_id: int) -> dict[str, Any]:
    """One relationship with its timeline, actors, health, asymmetry and phase."""
    return pages.relationship_page(
        registry_of(request),
        relationship_id=relationship_id,
        with_contacts=may(request, principal, Action.READ_CONTACTS),
    )


@router.get("/dashboard")
def dashboard(request: Request, principal: Caller) -> dict[str, Any]:
    """What the dashboard shows."""
    return pages.dashboard(registry_of(request))
