"""Cases and their attributes, in the API and on one page (a table edited in place).

``/api/v1/research/projects/{project}/cases`` lists cases with their
documents and attribute values; values are typed by their attribute (text,
boolean, integer, float, date) and a value that does not fit is refused with
a message naming the attribute. A CSV or XLSX with one row per case imports
all or nothing (``research cases import``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from sistercities.operations import research as rops
from sistercities.web.app import API_PREFIX
from sistercities.web.csrf import check_api_write
from sistercities.web.routes.research_api import Caller, _registry, saved
from sistercities.web.sessions import page_principal
from sistercities.web.templating import render

api = APIRouter(prefix=f"{API_PREFIX}/research", tags=["research"],
                dependencies=[Depends(check_api_write)])
pages = APIRouter(prefix="/research", include_in_schema=False)


class CaseIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    entity: str | None = Field(default=None, max_length=100)
    description: str | None = Field(default=None, max_length=100_000)
    documents: list[str] = Field(default_factory=list, max_length=10_000)


class AttributeIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    type: Literal["text", "boolean", "integer", "float", "date"] = "text"


class ValueIn(BaseModel):
    value: str = Field(max_length=100_000)


@api.get("/projects/{project}/cases")
def cases(request: Request, principal: Caller, project: str) -> dict[str, Any]:
    """Cases (with documents and values) and the attributes with their types."""
    registry = _registry(request, principal)
    return {"cases": rops.list_cases(registry, project=project),
            "attributes": rops.list_attributes(registry, project=project)}


@api.post("/projects/{project}/cases", status_code=201)
def add_case(request: Request, principal: Caller, project: str, body: CaseIn) -> dict[str, Any]:
    """A new case, optionally a registry record (``relationship:ID``, ``place:ID``…)."""
    return rops.add_case(_registry(request, principal), project=project, name=body.name,
                         entity=body.entity or None, description=body.description,
                         documents=body.documents or None)


@api.post("/projects/{project}/attributes", status_code=201)
def add_attribute(request: Request, principal: Caller, project: str, body: AttributeIn
                  ) -> dict[str, Any]:
    """Declare a typed attribute."""
    return rops.define_attribute(_registry(request, principal), project=project,
                                 name=body.name, type=body.type)


@api.put("/projects/{project}/cases/{case}/attributes/{attribute}")
def set_value(request: Request, principal: Caller, project: str, case: str, attribute: str,
              body: ValueIn) -> dict[str, Any]:
    """Set one case's value of one attribute (checked against its type)."""
    return rops.set_attribute(_registry(request, principal), project=project, case=case,
                              attribute=attribute, value=body.value)


@api.post("/projects/{project}/cases/import")
def import_table(request: Request, principal: Caller, project: str,
                 file: Annotated[UploadFile, File()],
                 case_column: Annotated[str, Form(min_length=1, max_length=300)] = "case",
                 ) -> dict[str, Any]:
    """Attributes from a CSV or XLSX, one row per case (all or nothing)."""
    registry = _registry(request, principal)
    rops.require_role(registry, project=project)
    with saved([file]) as (path,):
        return rops.import_attributes(registry, project=project, file=path,
                                      case_column=case_column)


@pages.get("/{project}/cases")
def cases_page(request: Request, project: str,
               principal: Annotated[Any, Depends(page_principal)]) -> Response:
    registry = _registry(request, principal)
    summary = rops.show_project(registry, project=project)
    role = next((m["role"] for m in summary.get("members", [])
                 if m.get("user") == principal.name), "reader")
    return render(request, "research/cases.html", {
        "name": project, "project": summary, "role": role,
        "cases": rops.list_cases(registry, project=project),
        "attributes": rops.list_attributes(registry, project=project),
    })
