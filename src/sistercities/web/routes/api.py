"""The JSON API under ``/api/v1``: the same operations as the pages and the CLI.

Lists are paginated: ``{"total", "limit", "offset", "items", "next"}`` where
``next`` is the URL of the next page (``null`` on the last). Bearer tokens
(``sistercities token create NAME``) for scripts; a browser session works too
(writes then need ``X-CSRF-Token``). Errors: ``{"error": {"status", "message",
"field"}}`` (see :mod:`sistercities.web.errors`). Writes go to the audit
trail under the account's name.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from sistercities import operations as ops
from sistercities import taxonomy
from sistercities.operations.accounts import Principal
from sistercities.web.app import API_PREFIX
from sistercities.web.csrf import check_api_write
from sistercities.web.permissions import Action
from sistercities.web.routes.deps import RecordId, acting, check, may
from sistercities.web.schemas import (
    ActivityIn,
    ActorIn,
    AdministrationIn,
    RelationshipIn,
    RelationshipPatch,
    StatusIn,
)
from sistercities.web.sessions import api_principal, registry_of

router = APIRouter(prefix=API_PREFIX, tags=["api"], dependencies=[Depends(check_api_write)])
Caller = Annotated[Principal, Depends(api_principal)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
PlaceText = Annotated[str, Query(min_length=1, max_length=300)]
Page = dict[str, Any]


def paginated(request: Request, data: Page) -> Page:
    """Add the ``next`` link to a page of results."""
    following = data["offset"] + data["limit"]
    data["next"] = (
        str(request.url.include_query_params(offset=following, limit=data["limit"]))
        if following < data["total"]
        else None
    )
    return data


def iso_times(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Audit times as ISO 8601 text written as the CLI writes them (``+00:00``)."""
    return [{**row, "at": row["at"].isoformat() if isinstance(row["at"], dt.datetime)
             else row["at"]} for row in rows]


def _rows(request: Request, rows: list[Any], limit: int, offset: int) -> Page:
    """A page of a list an operation gives whole (health, place search)."""
    data = {"total": len(rows), "limit": limit, "offset": offset,
            "items": rows[offset:offset + limit]}
    return paginated(request, data)


@router.get("/me")
def me(request: Request, principal: Caller) -> dict[str, Any]:
    """The account the token or session belongs to, with the places an officer is an
    officer of (``officer_of``: ``"every place"`` for an admin or an officer tied to none)."""
    account = ops.show_user(registry_of(request), name=principal.name)
    return {**principal.to_dict(), "places": account["places"],
            "officer_of": account["officer_of"]}


@router.get("/stats")
def stats(request: Request, principal: Caller) -> dict[str, Any]:
    """Counts of every kind of record (``sistercities stats --json``)."""
    return ops.stats(registry_of(request))


@router.get("/dashboard")
def dashboard(request: Request, principal: Caller) -> dict[str, Any]:
    """What the dashboard shows: by status, going dormant, too little on record, recent, open."""
    return ops.dashboard(registry_of(request))


# --- relationships ---------------------------------------------------------------------------

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
) -> Page:
    """Relationships with the CLI's filters (``relationships list``), a page at a time."""
    data = ops.relationships_page(
        registry_of(request), country=country, place=place,
        status=status.value if status else None, kind=kind.value if kind else None,
        since=since, limit=limit, offset=offset,
    )
    return paginated(request, data)


@router.post("/relationships", status_code=201)
def add_relationship(request: Request, principal: Caller, body: RelationshipIn) -> dict[str, Any]:
    """Add a relationship (a place typed with its country is added if new)."""
    check(request, principal, Action.WRITE_REGISTRY)
    return ops.add_relationship(acting(request, principal), **body.model_dump(mode="json"))


@router.get("/relationships/{relationship_id}")
def relationship(request: Request, principal: Caller, relationship_id: RecordId) -> dict[str, Any]:
    """One relationship with its history and sources (``show relationship ID --json``)."""
    return ops.show_relationship(registry_of(request), relationship=relationship_id)


@router.patch("/relationships/{relationship_id}")
def edit_relationship(
    request: Request, principal: Caller, relationship_id: RecordId, body: RelationshipPatch
) -> dict[str, Any]:
    """Change descriptive fields; ``version`` must be the one you read (else 409)."""
    check(request, principal, Action.WRITE_REGISTRY)
    fields = body.model_dump(mode="json", exclude_unset=True)
    version = fields.pop("version")
    fields = {k: (v if v is not None else "") for k, v in fields.items()}
    return ops.edit_relationship(
        acting(request, principal), relationship_id=relationship_id,
        expected_version=version, **fields,
    )


@router.get("/relationships/{relationship_id}/activities")
def relationship_activities(
    request: Request, principal: Caller, relationship_id: RecordId, limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    """The activities of one relationship, with their flows."""
    return paginated(request, ops.list_activities(
        registry_of(request), relationship_id=relationship_id, limit=limit, offset=offset))


@router.post("/relationships/{relationship_id}/activities", status_code=201)
def add_activity(
    request: Request, principal: Caller, relationship_id: RecordId, body: ActivityIn
) -> dict[str, Any]:
    """Record an activity (``planned``: a commitment) with its flows."""
    check(request, principal, Action.WRITE_ACTIVITY, relationship_id)
    data = body.model_dump(mode="json")
    return ops.add_activity(acting(request, principal), relationship_id=relationship_id, **data)


@router.get("/relationships/{relationship_id}/status-changes")
def status_changes(
    request: Request, principal: Caller, relationship_id: RecordId, limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    """The status history of one relationship."""
    return paginated(request, ops.list_status_changes(
        registry_of(request), relationship_id=relationship_id, limit=limit, offset=offset))


@router.post("/relationships/{relationship_id}/status-changes", status_code=201)
def set_status(
    request: Request, principal: Caller, relationship_id: RecordId, body: StatusIn
) -> dict[str, Any]:
    """Change the status, dated and with a reason; give ``version`` to refuse a stale change."""
    check(request, principal, Action.WRITE_REGISTRY)
    data = body.model_dump(mode="json")
    return ops.set_status(
        acting(request, principal), relationship_id=relationship_id,
        expected_version=data.pop("version"), **data,
    )


@router.get("/relationships/{relationship_id}/asymmetry")
def asymmetry(request: Request, principal: Caller, relationship_id: RecordId) -> dict[str, Any]:
    """The asymmetry profile (``sistercities asymmetry ID --json``)."""
    return ops.asymmetry(registry_of(request), relationship=relationship_id).to_dict()


@router.get("/relationships/{relationship_id}/phases")
def phases(
    request: Request, principal: Caller, relationship_id: RecordId,
    min_economic: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> dict[str, Any]:
    """Layers covered and O'Toole phase (``sistercities phases ID --json``)."""
    return ops.phases(registry_of(request), relationship=relationship_id,
                      min_economic=min_economic).to_dict()


@router.get("/relationships/{relationship_id}/resilience")
def resilience(
    request: Request, principal: Caller, relationship_id: RecordId, as_of: dt.date | None = None,
    grace_days: Annotated[int, Query(ge=0, le=3650)] = 0,
) -> dict[str, Any]:
    """Activity through national crises (``sistercities resilience ID --json``)."""
    return ops.resilience(registry_of(request), relationship=relationship_id,
                          as_of=as_of, grace_days=grace_days).to_dict()


# --- places, actors, administrations, activities ---------------------------------------------

@router.get("/places")
def search_places(
    request: Request, principal: Caller, name: PlaceText, limit: Limit = 50, offset: Offset = 0
) -> Page:
    """Places by name, accents and case ignored (``places search NAME --json``)."""
    rows = ops.search_places(registry_of(request), name=name, limit=offset + limit)
    return _rows(request, rows, limit, offset)


@router.get("/places/{place}")
def place(request: Request, principal: Caller, place: str) -> dict[str, Any]:
    """One place (an id, or 'name, country') with its relationships (``show place``)."""
    return ops.show_place(registry_of(request), place=place[:300])


@router.get("/actors")
def actors(request: Request, principal: Caller, limit: Limit = 50, offset: Offset = 0) -> Page:
    """Every actor; contact details only for officers and admins."""
    return paginated(request, ops.list_actors(
        registry_of(request), limit=limit, offset=offset,
        with_contacts=may(request, principal, Action.READ_CONTACTS)))


@router.post("/actors", status_code=201)
def add_actor(request: Request, principal: Caller, body: ActorIn) -> dict[str, Any]:
    """Add a person or an organisation (contact details are personal data)."""
    check(request, principal, Action.WRITE_REGISTRY)
    return ops.add_actor(acting(request, principal), **body.model_dump(mode="json"))


@router.get("/administrations")
def administrations(
    request: Request, principal: Caller,
    place: Annotated[str | None, Query(max_length=300)] = None,
    limit: Limit = 50, offset: Offset = 0,
) -> Page:
    """Who held which office of a place, and when."""
    return paginated(request, ops.list_administrations(
        registry_of(request), place=place, limit=limit, offset=offset))


@router.post("/administrations", status_code=201)
def add_administration(request: Request, principal: Caller, body: AdministrationIn
                       ) -> dict[str, Any]:
    """Record an administration."""
    check(request, principal, Action.WRITE_REGISTRY)
    return ops.add_administration(acting(request, principal), **body.model_dump(mode="json"))


@router.get("/activities")
def activities(
    request: Request, principal: Caller, planned: bool | None = None, limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    """Every activity (``planned=true``: the open commitments)."""
    return paginated(request, ops.list_activities(
        registry_of(request), planned=planned, limit=limit, offset=offset))


# --- the office's analyses and reports --------------------------------------------------------

@router.get("/health")
def health(
    request: Request, principal: Caller, as_of: dt.date | None = None,
    place: Annotated[str | None, Query(max_length=300)] = None,
    dormant_months: Annotated[int, Query(ge=1, le=1200)] = 18,
    change_months: Annotated[int, Query(ge=0, le=1200)] = 6,
    limit: Limit = 50, offset: Offset = 0,
) -> Page:
    """The health of every relationship (``sistercities health --json``), a page at a time."""
    rows = ops.health(registry_of(request), as_of=as_of, place=place,
                           dormant_months=dormant_months, change_months=change_months)
    return _rows(request, rows, limit, offset)


@router.get("/dossier/{place}")
def dossier(request: Request, principal: Caller, place: str, as_of: dt.date | None = None
            ) -> dict[str, Any]:
    """The handover dossier of a place (contacts for officers and admins only)."""
    return ops.dossier(acting(request, principal), place=place[:300], as_of=as_of,
                       include_contacts=may(request, principal, Action.READ_CONTACTS)).to_dict()


@router.get("/report")
def annual_report(
    request: Request, principal: Caller, year: Annotated[int, Query(ge=1900, le=2100)],
    place: Annotated[str | None, Query(max_length=300)] = None,
) -> dict[str, Any]:
    """The annual report of a year (``sistercities report --year Y --json``)."""
    return ops.annual_report(registry_of(request), year=year, place=place)


@router.get("/history")
def history(
    request: Request, principal: Caller,
    entity: Annotated[str | None, Query(max_length=40)] = None,
    id: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """The audit trail, newest first (``sistercities history --json``)."""
    rows = ops.history(registry_of(request), entity=entity, entity_id=id, limit=limit)
    return iso_times(rows)


@router.get("/network")
def network(
    request: Request, principal: Caller, seed: Annotated[int, Query(ge=0, le=2**31)] = 0,
    top: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    """The figures of the twinning network (``sistercities network --json``)."""
    return ops.network(registry_of(request), seed=seed, top=top).to_dict()


@router.get("/match/{place}")
def match(
    request: Request, principal: Caller, place: str,
    top: Annotated[int, Query(ge=1, le=100)] = 10, domestic: bool = False,
) -> dict[str, Any]:
    """Candidate partners for a place, with reasons (``sistercities match PLACE --json``)."""
    return ops.match(registry_of(request), place=place[:300], top=top,
                     domestic=domestic).to_dict()


@router.get("/surveys")
def surveys(request: Request, principal: Caller) -> list[dict[str, Any]]:
    """The stored surveys (``sistercities survey list --json``)."""
    check(request, principal, Action.READ_WORKBENCH)
    return ops.list_surveys(registry_of(request))
