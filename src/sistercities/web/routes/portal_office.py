"""Switching a city's public portal on and off from the web app and the API.

- ``GET /portals``: the portals the account may switch (an officer of some
  cities: theirs; an admin or the registry's officer: every portal, and a
  form to switch on any place by name).
- ``POST /places/{place}/portal`` (the switch on the place page and on
  ``/portals``): CSRF checked, then :func:`~sistercities.operations.portal.portal_enable`
  or ``portal_disable`` for the account signed in, then back (303) with a
  confirmation. The operation decides who may (an officer *of that place*),
  the same rule as ``sistercities portal enable``; a refusal is 403 and
  changes nothing. The change is in the audit trail under the account's name.
- ``GET``/``PUT /api/v1/places/{place}/portal``: the same for scripts.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from sistercities.errors import InputError, NotFoundError
from sistercities.operations import portal as ops
from sistercities.operations.accounts import Principal
from sistercities.web.app import API_PREFIX
from sistercities.web.csrf import check_api_write, checked_form
from sistercities.web.permissions import Action
from sistercities.web.routes import formdata
from sistercities.web.routes.deps import acting, check
from sistercities.web.sessions import api_principal, page_principal, principal_of, registry_of
from sistercities.web.templating import render

pages = APIRouter(include_in_schema=False)
# The caller is looked up first, so that check_api_write knows a bearer token needs no CSRF.
api = APIRouter(
    prefix=API_PREFIX,
    tags=["portal"],
    dependencies=[Depends(principal_of), Depends(check_api_write)],
)
Signed = Annotated[Principal, Depends(page_principal)]
Caller = Annotated[Principal, Depends(api_principal)]
PlacePath = Annotated[str, Path(min_length=1, max_length=300)]
SWITCH = {"on": True, "off": False}


def _switch(registry: Any, place: str, on: bool, **options: Any) -> dict[str, Any]:
    if on:
        return ops.portal_enable(registry, place=place, **options)
    return ops.portal_disable(registry, place=place)


def _switches_page(
    request: Request, principal: Principal, status: int = 200, **extra: Any
) -> Response:
    data = ops.portal_switches(registry_of(request), user=principal.name)
    switched = request.query_params.get("switched", "")
    done = next((p for p in data["places"] if str(p["place_id"]) == switched), None)
    context = {"data": data, "done": done, "errors": {}, "values": {}, **extra}
    return render(request, "portals.html", context, status)


@pages.get("/portals")
def switches(request: Request, principal: Signed) -> Response:
    return _switches_page(request, principal)


@pages.post("/portals")
async def switch_on_by_name(request: Request, principal: Signed) -> Response:
    """The registry's officer switches on the portal of a place typed by name."""
    form = await checked_form(request)
    check(request, principal, Action.SWITCH_PORTAL)
    place = formdata.text(form, "place", 300)
    try:
        if not place:
            raise InputError("give a place: its name, with ', country' if need be", field="place")
        done = ops.portal_enable(acting(request, principal), place=place)
    except (InputError, NotFoundError) as exc:
        errors = {"place": str(exc)}
        return _switches_page(request, principal, 422, errors=errors, values={"place": place})
    return RedirectResponse(f"/portals?switched={done['place_id']}", status_code=303)


@pages.post("/places/{place}/portal")
async def switch(request: Request, principal: Signed, place: PlacePath) -> Response:
    form = await checked_form(request)
    check(request, principal, Action.SWITCH_PORTAL)
    wanted = formdata.text(form, "switch", 3)
    if wanted not in SWITCH:
        raise InputError(f"{wanted!r}: say on or off", field="switch")
    done = _switch(acting(request, principal), place, SWITCH[wanted])
    if formdata.text(form, "back", 10) == "portals":
        return RedirectResponse(f"/portals?switched={done['place_id']}", status_code=303)
    return RedirectResponse(f"/places/{done['place_id']}?portal={wanted}", status_code=303)


class PortalSwitch(BaseModel):
    """Switch a place's portal on (``enabled: true``, with an optional address and language)
    or off."""

    enabled: bool
    slug: Annotated[str, Field(min_length=1, max_length=120)] | None = None
    language: Literal["en", "es"] | None = None


@api.get("/places/{place}/portal")
def portal_state(request: Request, principal: Caller, place: PlacePath) -> dict[str, Any]:
    """A place's portal: on or off, its address, and whether you may switch it."""
    return ops.portal_state(registry_of(request), place=place, user=principal.name)


@api.put("/places/{place}/portal")
def put_portal(
    request: Request, principal: Caller, place: PlacePath, body: PortalSwitch
) -> dict[str, Any]:
    """Switch a place's portal on or off (an officer of the place, or an admin)."""
    check(request, principal, Action.SWITCH_PORTAL)
    options = {"slug": body.slug, "language": body.language} if body.enabled else {}
    _switch(acting(request, principal), place, body.enabled, **options)
    return ops.portal_state(registry_of(request), place=place, user=principal.name)
