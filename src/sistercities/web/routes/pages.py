"""The office's reading pages: dashboard, relationships, one relationship, one place."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from sistercities import operations as ops
from sistercities import taxonomy
from sistercities.operations.accounts import Principal
from sistercities.web import maps
from sistercities.web.permissions import Action
from sistercities.web.routes.deps import RecordId, may
from sistercities.web.sessions import page_principal, registry_of
from sistercities.web.templating import render

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(page_principal)]
PAGE_SIZE = 50


@router.get("/")
def dashboard(request: Request, principal: Signed) -> Response:
    data = ops.dashboard(registry_of(request))
    return render(request, "dashboard.html", {"data": data})


@router.get("/relationships")
def relationships(
    request: Request,
    principal: Signed,
    country: Annotated[str | None, Query(max_length=100)] = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
    status: taxonomy.RelationshipStatus | None = None,
    kind: taxonomy.RelationshipKind | None = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    filters = {
        "country": country or None,
        "place": place or None,
        "status": status.value if status else None,
        "kind": kind.value if kind else None,
        "since": since or None,
    }
    data = ops.relationships_page(
        registry_of(request), limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **filters
    )
    return render(
        request,
        "relationships.html",
        {
            "data": data,
            "filters": filters,
            "page": page,
            "pages": max(1, -(-data["total"] // PAGE_SIZE)),
            "statuses": taxonomy.choices(taxonomy.RelationshipStatus),
            "kinds": taxonomy.choices(taxonomy.RelationshipKind),
            "can_add": may(request, principal, Action.WRITE_REGISTRY),
        },
    )


@router.get("/relationships/{relationship_id}")
def relationship(request: Request, principal: Signed, relationship_id: RecordId) -> Response:
    contacts = may(request, principal, Action.READ_CONTACTS)
    data = ops.relationship_page(
        registry_of(request), relationship_id=relationship_id, with_contacts=contacts
    )
    return render(
        request,
        "relationship.html",
        {
            "rel": data,
            "can_edit": may(request, principal, Action.WRITE_REGISTRY),
            "can_record": may(request, principal, Action.WRITE_ACTIVITY, relationship_id),
        },
    )


@router.get("/places/{place}")
def place(request: Request, principal: Signed, place: str) -> Response:
    data = ops.place_page(registry_of(request), place=place[:300])
    portal = ops.portal_state(registry_of(request), place=str(data["id"]), user=principal.name)
    switched = request.query_params.get("portal") in ("on", "off")
    home = maps.points([data])
    return render(
        request,
        "place.html",
        {
            "place": data,
            "shapes": maps.country_paths(),
            "home": home[0] if home else None,
            "partners": maps.points(data["partners"]),
            "portal": portal,
            "portal_done_state": portal if switched else None,
        },
    )
