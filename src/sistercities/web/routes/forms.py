"""The office's forms: add and edit relationships, record activities, change status.

Each ``GET`` shows the form; each ``POST`` checks the CSRF token and the role,
calls one operation, and either goes to the record (303) or shows the form
again with what was typed and a message naming the field (422). An edit
saved by someone else first is answered with the conflict page (409): what
you typed, what is stored now, and a form to save yours over it knowingly.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from sistercities import operations as ops
from sistercities import taxonomy
from sistercities.errors import ConflictError, InputError
from sistercities.messages import Message
from sistercities.operations.accounts import Principal
from sistercities.web.csrf import checked_form
from sistercities.web.errors import said
from sistercities.web.permissions import Action
from sistercities.web.routes import formdata
from sistercities.web.routes.deps import RecordId, acting, check
from sistercities.web.sessions import page_principal, registry_of
from sistercities.web.templating import render

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(page_principal)]

REL_FIELDS = (
    "place_a",
    "country_a",
    "place_b",
    "country_b",
    "kind",
    "status",
    "start",
    "initiated_by",
    "notes",
)
EDIT_FIELDS = ("kind", "start", "end", "initiated_by", "initiated_by_note", "notes")
ACTIVITY_FIELDS = (
    "title",
    "date",
    "layer",
    "area",
    "planned",
    "participants",
    "volunteers",
    "description",
    "flow_kind",
    "flow_direction",
    "flow_amount",
    "flow_unit",
)
STATUS_FIELDS = ("status", "date", "reason")
ACTOR_FIELDS = ("name", "role", "kind", "place", "email", "phone", "notes")
ADMIN_FIELDS = ("place", "office", "holder", "start", "end")


def _choices() -> dict[str, list[str]]:
    return {
        "kinds": taxonomy.choices(taxonomy.RelationshipKind),
        "statuses": taxonomy.choices(taxonomy.RelationshipStatus),
        "layers": taxonomy.choices(taxonomy.Layer),
        "areas": taxonomy.choices(taxonomy.ActivityArea),
        "flow_kinds": taxonomy.choices(taxonomy.FlowKind),
        "actor_roles": taxonomy.choices(taxonomy.ActorRole),
        "actor_kinds": taxonomy.choices(taxonomy.ActorKind),
    }


def _form(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("errors", {})
    context.setdefault("values", {})
    return render(request, template, {**_choices(), **context}, status)


def _invalid(
    request: Request,
    template: str,
    form: Any,
    exc: InputError,
    fields: tuple[str, ...],
    aliases: dict[str, str] | None = None,
    **context: Any,
) -> Response:
    """The form again (422): what was typed, and the message next to the field it names."""
    return _form(
        request,
        template,
        422,
        values=formdata.values(form, fields),
        errors=formdata.errors_of(exc, fields, aliases),
        **context,
    )


def _conflict(
    request: Request, template: str, relationship_id: int, typed: dict[str, str], **context: Any
) -> Response:
    """Saved by someone else first (409): what was typed, next to what is stored now, with the
    stored version, so that saving again is a knowing choice."""
    stored = _stored(request, relationship_id)
    return _form(
        request, template, 409, rel=stored, values=typed, version=stored["version"], **context
    )


# --- relationships ---------------------------------------------------------------------------


@router.get("/relationships/new")
def new_relationship(request: Request, principal: Signed) -> Response:
    check(request, principal, Action.WRITE_REGISTRY)
    return _form(
        request, "forms/relationship_new.html", values={"status": "unknown", "kind": "sister_city"}
    )


@router.post("/relationships/new")
async def add_relationship(request: Request, principal: Signed) -> Response:
    form = await checked_form(request)
    check(request, principal, Action.WRITE_REGISTRY)
    try:
        fields = formdata.checked(form, REL_FIELDS)
        optional = {k: v or None for k, v in fields.items() if k not in ("place_a", "place_b")}
        optional["kind"] = optional["kind"] or "sister_city"
        optional["status"] = optional["status"] or "unknown"
        made = ops.add_relationship(
            acting(request, principal),
            place_a=fields["place_a"],
            place_b=fields["place_b"],
            **optional,
        )
    except InputError as exc:
        aliases = {"place": "place_b", "country": "country_a", "start": "start"}
        return _invalid(request, "forms/relationship_new.html", form, exc, REL_FIELDS, aliases)
    return RedirectResponse(f"/relationships/{made['id']}", status_code=303)


def _stored(request: Request, relationship_id: RecordId) -> dict[str, Any]:
    data = ops.relationship_for_edit(registry_of(request), relationship_id=relationship_id)
    return data


@router.get("/relationships/{relationship_id}/edit")
def edit_relationship_form(
    request: Request, principal: Signed, relationship_id: RecordId
) -> Response:
    check(request, principal, Action.WRITE_REGISTRY)
    stored = _stored(request, relationship_id)
    values = {name: stored.get(name) or "" for name in EDIT_FIELDS}
    return _form(
        request,
        "forms/relationship_edit.html",
        rel=stored,
        values=values,
        version=stored["version"],
    )


@router.post("/relationships/{relationship_id}/edit")
async def edit_relationship(
    request: Request, principal: Signed, relationship_id: RecordId
) -> Response:
    form = await checked_form(request)
    check(request, principal, Action.WRITE_REGISTRY)
    typed = formdata.values(form, EDIT_FIELDS)
    version = formdata.optional_int(form, "version")
    try:
        if version is None:
            raise InputError(
                Message("the form lost the version it was read at; reload"), field="version"
            )
        fields = formdata.checked(form, EDIT_FIELDS)
        ops.edit_relationship(
            acting(request, principal),
            relationship_id=relationship_id,
            expected_version=version,
            **fields,
        )
    except ConflictError as exc:
        return _conflict(
            request,
            "forms/conflict.html",
            relationship_id,
            typed,
            message=said(exc),
            fields=EDIT_FIELDS,
        )
    except InputError as exc:
        rel = _stored(request, relationship_id)
        return _invalid(
            request,
            "forms/relationship_edit.html",
            form,
            exc,
            EDIT_FIELDS,
            rel=rel,
            version=version,
        )
    return RedirectResponse(f"/relationships/{relationship_id}", status_code=303)


# --- status --------------------------------------------------------------------------------


@router.get("/relationships/{relationship_id}/status")
def status_form(request: Request, principal: Signed, relationship_id: RecordId) -> Response:
    check(request, principal, Action.WRITE_REGISTRY)
    stored = _stored(request, relationship_id)
    return _form(request, "forms/status.html", rel=stored, version=stored["version"])


@router.post("/relationships/{relationship_id}/status")
async def set_status(request: Request, principal: Signed, relationship_id: RecordId) -> Response:
    form = await checked_form(request)
    check(request, principal, Action.WRITE_REGISTRY)
    typed = formdata.values(form, STATUS_FIELDS)
    try:
        version = formdata.optional_int(form, "version")
        ops.set_status(
            acting(request, principal),
            relationship_id=relationship_id,
            expected_version=version,
            **formdata.checked(form, STATUS_FIELDS),
        )
    except ConflictError as exc:
        return _conflict(request, "forms/status.html", relationship_id, typed, conflict=said(exc))
    except InputError as exc:
        rel = _stored(request, relationship_id)
        return _invalid(
            request,
            "forms/status.html",
            form,
            exc,
            STATUS_FIELDS,
            rel=rel,
            version=form.get("version"),
        )
    return RedirectResponse(f"/relationships/{relationship_id}", status_code=303)


# --- activities ----------------------------------------------------------------------------


@router.get("/relationships/{relationship_id}/activities/new")
def activity_form(request: Request, principal: Signed, relationship_id: RecordId) -> Response:
    check(request, principal, Action.WRITE_ACTIVITY, relationship_id)
    return _form(request, "forms/activity.html", rel=_stored(request, relationship_id))


def _flows(form: Any, rel: dict[str, Any]) -> list[dict[str, Any]]:
    kind = formdata.text(form, "flow_kind", 40)
    if not kind:
        return []
    direction = formdata.text(form, "flow_direction", 10)
    if direction not in ("a>b", "b>a"):
        raise InputError(Message("choose which way the flow went"), field="flow_direction")
    source, target = (rel["a"]["id"], rel["b"]["id"])
    if direction == "b>a":
        source, target = target, source
    return [
        {
            "from_place": source,
            "to_place": target,
            "kind": kind,
            "amount": formdata.optional_float(form, "flow_amount"),
            "unit": formdata.text(form, "flow_unit", 40) or None,
        }
    ]


@router.post("/relationships/{relationship_id}/activities/new")
async def add_activity(request: Request, principal: Signed, relationship_id: RecordId) -> Response:
    form = await checked_form(request)
    check(request, principal, Action.WRITE_ACTIVITY, relationship_id)
    rel = _stored(request, relationship_id)
    try:
        ops.add_activity(
            acting(request, principal),
            relationship_id=relationship_id,
            title=formdata.text(form, "title", 500),
            date=formdata.text(form, "date", 10) or None,
            layer=formdata.text(form, "layer", 40) or None,
            area=formdata.text(form, "area", 40) or None,
            planned=form.get("planned") == "on",
            participants=formdata.optional_int(form, "participants"),
            volunteers=formdata.optional_int(form, "volunteers"),
            description=formdata.text(form, "description") or None,
            flows=_flows(form, rel),
        )
    except InputError as exc:
        aliases = {
            "flows": "flow_kind",
            "flow": "flow_kind",
            "amount": "flow_amount",
            "unit": "flow_unit",
            "kind": "flow_kind",
        }
        return _invalid(
            request, "forms/activity.html", form, exc, ACTIVITY_FIELDS, aliases, rel=rel
        )
    return RedirectResponse(f"/relationships/{relationship_id}", status_code=303)


# --- actors and administrations --------------------------------------------------------------


@router.get("/actors/new")
def actor_form(request: Request, principal: Signed) -> Response:
    check(request, principal, Action.WRITE_REGISTRY)
    return _form(request, "forms/actor.html", values={"kind": "organisation"})


@router.post("/actors/new")
async def add_actor(request: Request, principal: Signed) -> Response:
    form = await checked_form(request)
    check(request, principal, Action.WRITE_REGISTRY)
    try:
        fields = formdata.checked(form, ACTOR_FIELDS)
        ops.add_actor(
            acting(request, principal),
            **{k: v or None for k, v in fields.items() if k not in ("name", "role", "kind")},
            name=fields["name"],
            role=fields["role"],
            kind=fields["kind"] or "organisation",
        )
    except InputError as exc:
        aliases = {"contact": "email"}
        return _invalid(request, "forms/actor.html", form, exc, ACTOR_FIELDS, aliases)
    return RedirectResponse("/relationships", status_code=303)


@router.get("/administrations/new")
def administration_form(request: Request, principal: Signed) -> Response:
    check(request, principal, Action.WRITE_REGISTRY)
    return _form(request, "forms/administration.html", values={"office": "mayor"})


@router.post("/administrations/new")
async def add_administration(request: Request, principal: Signed) -> Response:
    form = await checked_form(request)
    check(request, principal, Action.WRITE_REGISTRY)
    try:
        fields = formdata.checked(form, ADMIN_FIELDS)
        ops.add_administration(acting(request, principal), **fields)
    except InputError as exc:
        return _invalid(request, "forms/administration.html", form, exc, ADMIN_FIELDS)
    return RedirectResponse("/relationships", status_code=303)
