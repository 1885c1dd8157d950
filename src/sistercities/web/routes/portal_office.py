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
- ``GET /places/{place}/portal`` and ``POST /places/{place}/portal/settings``:
  the portal's readable address (slug) and language, chosen when switching
  on (:func:`~sistercities.operations.portal.portal_enable`) or later
  (:func:`~sistercities.operations.portal.portal_configure`, on or off as it
  is); the same officer of the place. A bad or taken address is shown again
  with the library's reason next to the field (a
  :class:`~sistercities.messages.Message`, in the reader's language), and
  nothing changes.
- ``GET``/``PUT /api/v1/places/{place}/portal``: the same for scripts.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from babel import Locale
from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from sistercities.errors import InputError, NotFoundError, reason_of
from sistercities.messages import Message
from sistercities.operations import portal as ops
from sistercities.operations.accounts import Principal
from sistercities.web import i18n
from sistercities.web.app import API_PREFIX
from sistercities.web.csrf import check_api_write, checked_form
from sistercities.web.permissions import Action
from sistercities.web.routes import formdata
from sistercities.web.routes.deps import acting, check
from sistercities.web.sessions import api_principal, page_principal, principal_of, registry_of
from sistercities.web.templating import render, translator

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
SETTINGS_FIELDS = ("slug", "language")


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
            raise InputError(
                Message("give a place: its name, with ', country' if need be"), field="place"
            )
        done = ops.portal_enable(acting(request, principal), place=place)
    except (InputError, NotFoundError) as exc:
        errors = {"place": reason_of(exc)}
        return _switches_page(request, principal, 422, errors=errors, values={"place": place})
    return RedirectResponse(f"/portals?switched={done['place_id']}", status_code=303)


@pages.post("/places/{place}/portal")
async def switch(request: Request, principal: Signed, place: PlacePath) -> Response:
    form = await checked_form(request)
    check(request, principal, Action.SWITCH_PORTAL)
    wanted = formdata.text(form, "switch", 3)
    if wanted not in SWITCH:
        raise InputError(Message("%(value)r: say on or off", value=wanted), field="switch")
    done = _switch(acting(request, principal), place, SWITCH[wanted])
    if formdata.text(form, "back", 10) == "portals":
        return RedirectResponse(f"/portals?switched={done['place_id']}", status_code=303)
    return RedirectResponse(f"/places/{done['place_id']}?portal={wanted}", status_code=303)


def _settings_page(
    request: Request, principal: Principal, place: str, status: int = 200, **extra: Any
) -> Response:
    state = ops.portal_state(registry_of(request), place=place, user=principal.name)
    context = {"state": state, "errors": {}, "values": {}, **extra}
    context["values"] = {
        "slug": state["slug"] or "",
        "language": state["language"] or "",
        **context["values"],
    }
    context["done"] = request.query_params.get("done") if status == 200 else None
    reader = translator(request).language  # each language named in the reader's (CLDR)
    context["language_names"] = {
        code: Locale.parse(code).get_display_name(reader) for code in i18n.LANGUAGES
    }
    return render(request, "portal_settings.html", context, status)


@pages.get("/places/{place}/portal")
def settings_form(request: Request, principal: Signed, place: PlacePath) -> Response:
    check(request, principal, Action.SWITCH_PORTAL)
    return _settings_page(request, principal, place)


@pages.post("/places/{place}/portal/settings")
async def save_settings(request: Request, principal: Signed, place: PlacePath) -> Response:
    """Switch on with an address and language (``switch=on``), or change them (``keep``)."""
    form = await checked_form(request)
    check(request, principal, Action.SWITCH_PORTAL)
    typed = formdata.values(form, SETTINGS_FIELDS)
    wanted = formdata.text(form, "switch", 10)
    try:
        if wanted not in ("on", "keep"):
            raise InputError(Message("%(value)r: say on or keep", value=wanted), field="switch")
        options = {
            "slug": formdata.text(form, "slug", 200) or None,
            "language": formdata.text(form, "language", 10) or None,
        }
        registry = acting(request, principal)
        if wanted == "on":
            done = ops.portal_enable(registry, place=place, **options)
        else:
            done = ops.portal_configure(registry, place=place, **options)
    except InputError as exc:
        if exc.field in ("place", "switch"):  # the form's: said above it, with no field name
            errors = {"form": exc.reason}
        else:
            errors = formdata.errors_of(exc, SETTINGS_FIELDS)
        return _settings_page(request, principal, place, 422, errors=errors, values=typed)
    target = f"/places/{done['place_id']}/portal?done={'on' if wanted == 'on' else 'saved'}"
    return RedirectResponse(target, status_code=303)


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
