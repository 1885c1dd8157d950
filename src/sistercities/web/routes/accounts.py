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

A refusal shows the page again (422) with what was typed and the operation's
reason (a :class:`~sistercities.messages.Message`, shown in the reader's
language) next to the field it names; nothing changes. An unknown city is
worded here, with the line typed.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from sistercities import operations as ops
from sistercities.errors import InputError, NotFoundError, reason_of
from sistercities.messages import Message
from sistercities.operations.accounts import Principal
from sistercities.registry.accounts import AccountRole
from sistercities.web.csrf import checked_form
from sistercities.web.permissions import Action
from sistercities.web.routes import formdata
from sistercities.web.routes.deps import acting, check
from sistercities.web.sessions import page_principal, registry_of
from sistercities.web.templating import render

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(page_principal)]
ADD_FIELDS = ("name", "role", "places", "organisation")
ROLES = tuple(role.value for role in AccountRole)
DONE = ("disabled", "enabled", "places")


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
        if "places" in errors:
            errors = {"places": _place_reason(exc, _lines(typed.get("places", "")))}
        return _page(request, 422, errors=errors, values=typed)
    return _page(request, added=made)


def _place_reason(exc: InputError, typed: list[str]) -> str:
    """Why a city was refused: an unknown one worded with the line typed, else the reason.

    The operation keeps the place lookup's error as the cause: a
    :class:`NotFoundError` there is a city typed that no place matches.
    """
    if not isinstance(exc.__cause__, NotFoundError):
        return exc.reason
    reason = str(exc.reason).casefold()
    line = next((line for line in typed if line.casefold() in reason), "; ".join(typed))
    return Message(
        "no place matches “%(value)s” (write its name, with ', country' if need be)", value=line
    )


def _account_of(form: FormData) -> str:
    name = formdata.text(form, "account", 200)
    if not name:
        raise InputError(Message("say which account"), field="account")
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
        return _page(request, 422, row_error={"account": name, "message": exc.reason})
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
            raise InputError(Message("give a city to add"), field="place")
        done = ops.set_user_places(
            acting(request, principal),
            name=name,
            add=[adding] if adding else [],
            remove=[removing] if removing else [],
        )
    except (InputError, NotFoundError) as exc:
        if isinstance(exc, NotFoundError):  # no such account: its name said apart from the rows
            message = reason_of(exc)
        else:
            message = (
                _place_reason(exc, [adding or removing]) if exc.field == "place" else exc.reason
            )
        return _page(request, 422, row_error={"account": name, "message": message, "add": adding})
    return _done("places", done["name"])


def _done(what: str, name: str) -> Response:
    query = urlencode({"done": what, "account": name})
    return RedirectResponse(f"/accounts?{query}#accounts", status_code=303)
