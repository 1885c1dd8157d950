"""The council in the JSON API: ``/api/v1/councils`` and ``/api/v1/council/proposals``.

The same operations as the pages and ``sistercities council ...``, for the
account of the bearer token (or the session, whose writes then need
``X-CSRF-Token``). A step the membership rule refuses is 403; bad input 422
naming the field; a stale ``expect_version`` 409.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from sistercities.operations import council as ops
from sistercities.operations.accounts import Principal
from sistercities.web.app import API_PREFIX
from sistercities.web.csrf import check_api_write
from sistercities.web.routes.council import member
from sistercities.web.routes.deps import RecordId
from sistercities.web.sessions import api_principal, principal_of, registry_of

# The caller is looked up first, so that check_api_write knows a bearer token needs no CSRF.
router = APIRouter(
    prefix=API_PREFIX,
    tags=["council"],
    dependencies=[Depends(principal_of), Depends(check_api_write)],
)
Caller = Annotated[Principal, Depends(api_principal)]
Text = Annotated[str, Field(max_length=10_000)]
Short = Annotated[str, Field(max_length=500)]
DateText = Annotated[str, Field(max_length=10)]


class PartBody(BaseModel):
    side: Annotated[str, Field(max_length=300, description="Place id or name: one of the two")]
    task: Annotated[str, Field(max_length=2000)]
    due: DateText | None = None


class FlowBody(BaseModel):
    from_: Annotated[str, Field(alias="from", max_length=300)]
    to: Annotated[str, Field(max_length=300)]
    kind: Annotated[str, Field(max_length=20)]
    amount: Annotated[float, Field(ge=0, le=1e15, allow_inf_nan=False)] | None = None
    unit: Annotated[str, Field(max_length=40)] | None = None


class ProposalBody(BaseModel):
    title: Short
    description: Text | None = None
    layer: Annotated[str, Field(max_length=30)] | None = None
    area: Annotated[str, Field(max_length=40)] | None = None
    date: DateText | None = None
    parts: Annotated[list[PartBody], Field(max_length=20)]
    flows: Annotated[list[FlowBody], Field(max_length=20)] = []


class CommentBody(BaseModel):
    body: Text


class AnswerBody(BaseModel):
    part_id: Annotated[int, Field(ge=1, le=2_147_483_647)] | None = None
    answer: Literal["committed", "declined"] = "committed"
    note: Text | None = None
    expect_version: Annotated[int, Field(ge=1, le=2_147_483_647)] | None = None


class VersionBody(BaseModel):
    expect_version: Annotated[int, Field(ge=1, le=2_147_483_647)] | None = None


class CarriedOutBody(BaseModel):
    date: DateText
    participants: Annotated[int, Field(ge=0, le=2_147_483_647)] | None = None
    volunteers: Annotated[int, Field(ge=0, le=2_147_483_647)] | None = None
    expect_version: Annotated[int, Field(ge=1, le=2_147_483_647)] | None = None


class WithdrawBody(BaseModel):
    reason: Text | None = None
    expect_version: Annotated[int, Field(ge=1, le=2_147_483_647)] | None = None


def _acting(request: Request, principal: Principal) -> Any:
    return registry_of(request).as_user(principal.name)


@router.get("/councils")
def councils(request: Request, principal: Caller) -> list[dict[str, Any]]:
    """The councils the account sits on, with their open proposals."""
    return ops.my_councils(registry_of(request), **member(principal))


@router.get("/councils/{relationship_id}")
def council(request: Request, principal: Caller, relationship_id: RecordId) -> dict[str, Any]:
    """A council: open and confirmed proposals, late commitments, what each side carried."""
    return ops.council_page(
        registry_of(request), **member(principal), relationship_id=relationship_id
    )


@router.post("/councils/{relationship_id}/proposals", status_code=201)
def propose(
    request: Request, principal: Caller, relationship_id: RecordId, body: ProposalBody
) -> dict[str, Any]:
    """Put a project to a council: who would do what on which side, and what would flow."""
    return ops.council_propose(
        _acting(request, principal),
        **member(principal),
        relationship_id=relationship_id,
        title=body.title,
        description=body.description,
        layer=body.layer,
        area=body.area,
        date=body.date,
        parts=[p.model_dump() for p in body.parts],
        flows=[{**f.model_dump(exclude={"from_"}), "from": f.from_} for f in body.flows],
    )


@router.get("/council/proposals/{proposal_id}")
def proposal(request: Request, principal: Caller, proposal_id: RecordId) -> dict[str, Any]:
    """One proposal, with its parts, answers, flows and comments."""
    return ops.council_proposal(registry_of(request), **member(principal), proposal_id=proposal_id)


@router.post("/council/proposals/{proposal_id}/comments", status_code=201)
def comment(
    request: Request, principal: Caller, proposal_id: RecordId, body: CommentBody
) -> dict[str, Any]:
    """Comment on a proposal."""
    return ops.council_comment(
        _acting(request, principal), **member(principal), proposal_id=proposal_id, body=body.body
    )


@router.post("/council/proposals/{proposal_id}/answers")
def answer(
    request: Request, principal: Caller, proposal_id: RecordId, body: AnswerBody
) -> dict[str, Any]:
    """Commit the account's organisation to a part of its side, or decline it."""
    return ops.council_answer(
        _acting(request, principal),
        **member(principal),
        proposal_id=proposal_id,
        **body.model_dump(),
    )


@router.post("/council/proposals/{proposal_id}/confirm")
def confirm(
    request: Request, principal: Caller, proposal_id: RecordId, body: VersionBody | None = None
) -> dict[str, Any]:
    """Confirm a proposal (an officer): it becomes an open commitment."""
    return ops.council_confirm(
        _acting(request, principal),
        **member(principal),
        proposal_id=proposal_id,
        expect_version=body.expect_version if body else None,
    )


@router.post("/council/proposals/{proposal_id}/carried-out")
def carried_out(
    request: Request, principal: Caller, proposal_id: RecordId, body: CarriedOutBody
) -> dict[str, Any]:
    """Record a confirmed project carried out: it becomes an activity with its flows."""
    return ops.council_carry_out(
        _acting(request, principal),
        **member(principal),
        proposal_id=proposal_id,
        **body.model_dump(),
    )


@router.post("/council/proposals/{proposal_id}/withdraw")
def withdraw(
    request: Request, principal: Caller, proposal_id: RecordId, body: WithdrawBody | None = None
) -> dict[str, Any]:
    """Withdraw a proposal not yet carried out."""
    return ops.council_withdraw(
        _acting(request, principal),
        **member(principal),
        proposal_id=proposal_id,
        reason=body.reason if body else None,
        expect_version=body.expect_version if body else None,
    )
