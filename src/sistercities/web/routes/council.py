"""The community council's pages: the councils a member sits on, one council, its forms.

Each ``GET`` calls one operation of :mod:`sistercities.operations.council`
for the account signed in (its name, role and organisation are the member);
each ``POST`` checks the CSRF token, calls one operation, and goes back to
the council (303), or shows the council again with the message naming the
field (422). The membership rule is the library's: a researcher, or an
organisation of another relationship, is refused (403).

Every refusal reaches the page as the library's
:class:`~sistercities.messages.Message` (never ``str(exc)``), so the page
says it in the reader's language.

A council page reads in the member's language: the switch, else the
language of the member's organisation's city when the browser accepts it,
else the browser's (:func:`sistercities.web.public.page_language`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from sistercities import taxonomy
from sistercities.errors import ConflictError, InputError
from sistercities.operations import council as ops
from sistercities.operations.accounts import Principal
from sistercities.web import i18n
from sistercities.web.csrf import checked_form
from sistercities.web.errors import said
from sistercities.web.public import helpers, page_language
from sistercities.web.routes import formdata
from sistercities.web.routes.deps import RecordId
from sistercities.web.sessions import page_principal, registry_of
from sistercities.web.templating import render

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(page_principal)]


def member(principal: Principal) -> dict[str, Any]:
    """The council member an account is: its name, role and organisation."""
    return {"user": principal.name, "role": principal.role, "organisation_id": principal.actor_id}


def _language(request: Request, principal: Principal) -> str:
    side = ops.council_member_language(registry_of(request), organisation_id=principal.actor_id)
    language = page_language(request, side)
    request.state.translator = i18n.Translator(language)
    return language


def _page(
    request: Request,
    principal: Principal,
    relationship_id: RecordId,
    status: int = 200,
    **extra: Any,
) -> Response:
    language = _language(request, principal)
    registry = registry_of(request).as_user(principal.name)
    page = ops.council_page(registry, **member(principal), relationship_id=relationship_id)
    context = {
        **helpers(language),
        "page": page,
        "errors": {},
        "values": {},
        "layers": taxonomy.choices(taxonomy.Layer),
        "areas": taxonomy.choices(taxonomy.ActivityArea),
        "flow_kinds": taxonomy.choices(taxonomy.FlowKind),
        **extra,
    }
    return render(request, "council/council.html", context, status)


@router.get("/council")
def councils(request: Request, principal: Signed) -> Response:
    language = _language(request, principal)
    mine = ops.my_councils(registry_of(request), **member(principal))
    return render(request, "council/index.html", {**helpers(language), "councils": mine})


@router.get("/council/{relationship_id}")
def council(request: Request, principal: Signed, relationship_id: RecordId) -> Response:
    return _page(request, principal, relationship_id)


def _part_keys(form: FormData) -> list[str]:
    """The sides (``a``, ``b``) whose part the form fills in, in the order they are proposed."""
    return [key for key in ("a", "b") if formdata.text(form, f"part_{key}_task", 2000)]


def _parts(form: FormData, page: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "side": page["relationship"][key]["id"],
            "task": formdata.text(form, f"part_{key}_task", 2000),
            "due": formdata.text(form, f"part_{key}_due", 10) or None,
        }
        for key in _part_keys(form)
    ]


def _flows(form: FormData, page: dict[str, Any]) -> list[dict[str, Any]]:
    kind = formdata.text(form, "flow_kind", 20)
    if not kind:
        return []
    a, b = page["relationship"]["a"]["id"], page["relationship"]["b"]["id"]
    source, target = (b, a) if formdata.text(form, "flow_direction", 5) == "b>a" else (a, b)
    return [
        {
            "from": source,
            "to": target,
            "kind": kind,
            "amount": formdata.optional_float(form, "flow_amount"),
            "unit": formdata.text(form, "flow_unit", 40) or None,
        }
    ]


PROPOSAL_FIELDS = (
    "title",
    "description",
    "layer",
    "area",
    "date",
    "part_a_task",
    "part_a_due",
    "part_b_task",
    "part_b_due",
    "flow_kind",
    "flow_direction",
    "flow_amount",
    "flow_unit",
)
FLOW_FIELDS = {
    "kind": "flow_kind",
    "amount": "flow_amount",
    "unit": "flow_unit",
    "from": "flow_direction",
    "to": "flow_direction",
}


def _form_field(library_field: str | None, form: FormData) -> str:
    """The form field a refusal of the library is about (``form``: the form as a whole).

    The library names a proposal's parts and flows by index (``parts[1].task``);
    the form has one part per side and one flow.
    """
    field = library_field or "form"
    if field in PROPOSAL_FIELDS:
        return field
    head, _, attribute = field.partition(".")
    part = re.fullmatch(r"parts\[(\d+)\]", head)
    if part and attribute in ("task", "due"):
        keys, index = _part_keys(form), int(part[1])
        return f"part_{keys[index]}_{attribute}" if index < len(keys) else "form"
    if head == "flows[0]" and attribute in FLOW_FIELDS:
        return FLOW_FIELDS[attribute]
    return "form"


@router.post("/council/{relationship_id}/proposals")
async def propose(request: Request, principal: Signed, relationship_id: RecordId) -> Response:
    form = await checked_form(request)
    registry = registry_of(request).as_user(principal.name)
    values = {name: formdata.text(form, name) for name in PROPOSAL_FIELDS}
    try:
        page = ops.council_page(registry, **member(principal), relationship_id=relationship_id)
        ops.council_propose(
            registry,
            **member(principal),
            relationship_id=relationship_id,
            title=values["title"],
            description=values["description"] or None,
            layer=values["layer"] or None,
            area=values["area"] or None,
            date=values["date"] or None,
            parts=_parts(form, page),
            flows=_flows(form, page),
        )
    except InputError as exc:
        return _page(
            request,
            principal,
            relationship_id,
            422,
            values=values,
            errors={_form_field(exc.field, form): exc.reason},
        )
    return RedirectResponse(f"/council/{relationship_id}", status_code=303)


def _step(
    request: Request, principal: Signed, relationship_id: RecordId, action: Any, **fields: Any
) -> Response:
    registry = registry_of(request).as_user(principal.name)
    try:
        action(registry, **member(principal), **fields)
    except (InputError, ConflictError) as exc:
        return _page(
            request,
            principal,
            relationship_id,
            409 if isinstance(exc, ConflictError) else 422,
            errors={"step": said(exc)},  # the Message itself: the page translates it
        )
    anchor = fields.get("proposal_id")
    return RedirectResponse(f"/council/{relationship_id}#proposal-{anchor}", status_code=303)


def _version(form: FormData) -> int | None:
    return formdata.optional_int(form, "expect_version")


@router.post("/council/{relationship_id}/proposals/{proposal_id}/comment")
async def comment(
    request: Request, principal: Signed, relationship_id: RecordId, proposal_id: RecordId
) -> Response:
    form = await checked_form(request)
    return _step(
        request,
        principal,
        relationship_id,
        ops.council_comment,
        proposal_id=proposal_id,
        body=formdata.text(form, "body"),
    )


@router.post("/council/{relationship_id}/proposals/{proposal_id}/answer")
async def answer(
    request: Request, principal: Signed, relationship_id: RecordId, proposal_id: RecordId
) -> Response:
    form = await checked_form(request)
    return _step(
        request,
        principal,
        relationship_id,
        ops.council_answer,
        proposal_id=proposal_id,
        part_id=formdata.optional_int(form, "part_id"),
        answer=formdata.text(form, "answer", 20) or "committed",
        note=formdata.text(form, "note") or None,
        expect_version=_version(form),
    )


@router.post("/council/{relationship_id}/proposals/{proposal_id}/confirm")
async def confirm(
    request: Request, principal: Signed, relationship_id: RecordId, proposal_id: RecordId
) -> Response:
    form = await checked_form(request)
    return _step(
        request,
        principal,
        relationship_id,
        ops.council_confirm,
        proposal_id=proposal_id,
        expect_version=_version(form),
    )


@router.post("/council/{relationship_id}/proposals/{proposal_id}/carried-out")
async def carried_out(
    request: Request, principal: Signed, relationship_id: RecordId, proposal_id: RecordId
) -> Response:
    form = await checked_form(request)
    return _step(
        request,
        principal,
        relationship_id,
        ops.council_carry_out,
        proposal_id=proposal_id,
        date=formdata.text(form, "date", 10),
        participants=formdata.optional_int(form, "participants"),
        expect_version=_version(form),
    )


@router.post("/council/{relationship_id}/proposals/{proposal_id}/withdraw")
async def withdraw(
    request: Request, principal: Signed, relationship_id: RecordId, proposal_id: RecordId
) -> Response:
    form = await checked_form(request)
    return _step(
        request,
        principal,
        relationship_id,
        ops.council_withdraw,
        proposal_id=proposal_id,
        reason=formdata.text(form, "reason") or None,
        expect_version=_version(form),
    )
