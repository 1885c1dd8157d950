"""The accounts page: an admin lists, adds and disables accounts and sets officers' cities.

The same operations as ``sistercities user add/list/disable/enable/places``
(:mod:`sistercities.operations.accounts`), written in the audit trail under
the admin's name. Only an admin sees or uses the page (403 for every other
role, on every route). A new account gets a one-time password, shown once on
the answer to the form and stored only hashed; no page shows a password
hash or a token.

- ``GET /accounts``: every account (name, role, an officer's cities,
  organisation, enabled) and the form to add one.
- ``POST /accounts``: add an account (an officer's cities one per line).
- ``POST /accounts/disable``, ``/accounts/enable``: by the account's name.
- ``POST /accounts/places``: give an officer one more city, or take one away.

A refusal shows the page again (422) with what was typed and a message, in
the reader's language, next to the field it names; nothing changes.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from sistercities import operations as ops
from sistercities.errors import InputError, NotFoundError
from sistercities.operations.accounts import Principal
from sistercities.registry.accounts import AccountRole
from sistercities.web.csrf import checked_form
from sistercities.web.i18n import gettext_noop
from sistercities.web.permissions import Action
from sistercities.web.routes import formdata
from sistercities.web.routes.deps import acting, check
from sistercities.web.sessions import page_principal, registry_of
from sistercities.web.templating import render, translator

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(page_principal)]
ADD_FIELDS = ("name", "role", "places", "organisation")
ROLES = tuple(role.value for role in AccountRole)
DONE = ("disabled", "enabled", "places")
#: The operations' refusals in the reader's language, by the error's ``code``.
WORDED = {
    "name_length": gettext_noop("Name: give a name of 1 to 200 characters."),
    "name_taken": gettext_noop("Name: an account named “%(value)s” exists already."),
    "role_unknown": gettext_noop("Role: choose one of the roles."),
    "organisation_needed": gettext_noop(
        "Organisation: a partner account speaks for an organisation; choose it."
    ),
    "organisation_unknown": gettext_noop("Organisation: there is no such organisation."),
    "organisation_person": gettext_noop(
        "Organisation: that actor is a person; a partner account speaks for an organisation."
    ),
    "organisation_not_partner": gettext_noop(
        "Organisation: only a partner account speaks for an organisation."
    ),
    "place_unknown": gettext_noop(
        "Cities: no place matches “%(value)s” (write its name, with ', country' if need be)."
    ),
    "place_missing": gettext_noop("Cities: write the city to add."),
    "places_not_officer": gettext_noop("Cities: only an officer account is tied to cities."),
    "place_not_held": gettext_noop("Cities: this account is not an officer of that place."),
    "last_admin": gettext_noop(
        "This is the last admin: no one could manage accounts any more. Add another admin first."
    ),
}


def _organisations(request: Request) -> list[dict[str, Any]]:
    actors = ops.list_actors(registry_of(request), limit=5000)["items"]
    return [a for a in actors if a["kind"] == "organisation"]


def _page(request: Request, status: int = 200, **extra: Any) -> Response:
    organisations = _organisations(request)
    context: dict[str, Any] = {
        "accounts": ops.list_users(registry_of(request)),
        "roles": ROLES,
        "organisations": organisations,
        "organisation_names": {o["id"]: o["name"] for o in organisations},
        "errors": {},
        "values": {"role": "officer"},
        "row_error": None,
        "added": None,
        **extra,
    }
    if status == 200 and request.query_params.get("done") in DONE:
        context["done"] = {
            "what": request.query_params["done"],
            "name": request.query_params.get("account", "")[:200],
        }
    return render(request, "accounts.html", context, status)


def _worded(request: Request, exc: InputError, value: str) -> str | None:
    wording = WORDED.get(exc.code or "")
    return translator(request).gettext(wording, value=value) if wording else None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@router.get("/accounts")
def accounts_page(request: Request, principal: Signed) -> Response:
    check(request, principal, Action.MANAGE_ACCOUNTS)
    return _page(request)


@router.post("/accounts")
async def add_account(request: Request, principal: Signed) -> Response:
    form = await checked_form(request)
    check(request, principal, Action.MANAGE_ACCOUNTS)
    typed = formdata.values(form, ADD_FIELDS)
    try:
        fields = formdata.checked(form, ADD_FIELDS)
        made = ops.add_user(
            acting(request, principal),
            name=fields["name"],
            role=fields["role"],
            organisation=formdata.optional_int(form, "organisation"),
            places=_lines(fields["places"]),
            one_time_password=True,
        )
    except InputError as exc:
        errors = formdata.errors_of(exc, ADD_FIELDS, {"place": "places"})
        field = next(iter(errors))
        value = _place_typed(exc, typed) if field == "places" else typed.get(field, "")
        errors = {field: _worded(request, exc, value) or errors[field]}
        return _page(request, 422, errors=errors, values=typed)
    return _page(request, added=made)


def _place_typed(exc: InputError, typed: dict[str, str]) -> str:
    """The line of the cities field that was refused (the first one not found, as typed)."""
    reason = exc.reason.casefold()
    for line in _lines(typed.get("places", "")):
        if line.casefold() in reason:
            return line
    return typed.get("places", "")


def _account_of(form: FormData) -> str:
    name = formdata.text(form, "account", 200)
    if not name:
        raise InputError("say which account", field="account")
    return name


@router.post("/accounts/disable")
async def disable_account(request: Request, principal: Signed) -> Response:
    return await _switch(request, principal, enable=False)


@router.post("/accounts/enable")
async def enable_account(request: Request, principal: Signed) -> Response:
    return await _switch(request, principal, enable=True)


async def _switch(request: Request, principal: Principal, *, enable: bool) -> Response:
    form = await checked_form(request)
    check(request, principal, Action.MANAGE_ACCOUNTS)
    name = _account_of(form)
    operation = ops.enable_user if enable else ops.disable_user
    try:
        done = operation(acting(request, principal), name=name)
    except InputError as exc:
        message = _worded(request, exc, name) or exc.reason
        return _page(request, 422, row_error={"account": name, "message": message})
    what = "enabled" if enable else "disabled"
    return _done(what, done["name"])


@router.post("/accounts/places")
async def change_places(request: Request, principal: Signed) -> Response:
    """One more city (``add``, as typed) or one fewer (``remove``, a place id)."""
    form = await checked_form(request)
    check(request, principal, Action.MANAGE_ACCOUNTS)
    name = _account_of(form)
    adding = formdata.text(form, "add", 300)
    removing = formdata.text(form, "remove", 30)
    try:
        if not adding and not removing:
            raise InputError("give a city to add", field="place", code="place_missing")
        done = ops.set_user_places(
            acting(request, principal),
            name=name,
            add=[adding] if adding else [],
            remove=[removing] if removing else [],
        )
    except (InputError, NotFoundError) as exc:
        message = str(exc)
        if isinstance(exc, InputError):
            message = _worded(request, exc, adding or removing) or exc.reason
        return _page(
            request, 422, row_error={"account": name, "message": message, "add": adding}
        )
    return _done("places", done["name"])


def _done(what: str, name: str) -> Response:
    query = urlencode({"done": what, "account": name})
    return RedirectResponse(f"/accounts?{query}#accounts", status_code=303)
