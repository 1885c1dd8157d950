"""The workbench's JSON API: ``/api/v1/research/projects/{project}/…``.

The same operations as ``sistercities research …``: a coding here has the
fields of ``research codings --json`` (``id, document, code, start, end,
text, coder`` and the extras that command prints). Offsets are Unicode code
points with an exclusive end. A project one is not a member of answers 404,
exactly like one that does not exist; a reader who writes gets 403.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from sistercities import operations as ops
from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.operations import research as rops
from sistercities.operations.accounts import Principal
from sistercities.web.app import API_PREFIX
from sistercities.web.csrf import check_api_write
from sistercities.web.permissions import Action
from sistercities.web.routes.deps import acting, check
from sistercities.web.sessions import api_principal

router = APIRouter(prefix=f"{API_PREFIX}/research", tags=["research"],
                   dependencies=[Depends(check_api_write)])
Caller = Annotated[Principal, Depends(api_principal)]
Name = Annotated[str, Query(min_length=1, max_length=300)]
MAX_UPLOAD = 200 * 1024 * 1024
#: A coding as ``research codings --json`` prints it.
CODING_FIELDS = ("id", "document", "code", "start", "end", "text", "coder", "anchor")


def as_cli(row: dict[str, Any]) -> dict[str, Any]:
    """A coding with the fields of ``research codings --json`` (and ``created`` on a write)."""
    return {k: row[k] for k in (*CODING_FIELDS, "created") if k in row}


class CodingIn(BaseModel):
    """Code ``[start, end)`` (code points) of a document's current version."""

    document: str = Field(min_length=1, max_length=300)
    start: int = Field(ge=0, le=2_000_000_000)
    end: int = Field(ge=0, le=2_000_000_000)
    code: str = Field(min_length=1, max_length=500)
    new_code: bool = False
    colour: str | None = Field(default=None, max_length=20)
    memo: str | None = Field(default=None, max_length=100_000)


class BoundsIn(BaseModel):
    """New boundaries of a coding (code points, exclusive end)."""

    start: int = Field(ge=0, le=2_000_000_000)
    end: int = Field(ge=0, le=2_000_000_000)


class MemoIn(BaseModel):
    text: str = Field(min_length=1, max_length=100_000)


class CodeIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    parent: str | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, max_length=100_000)
    colour: str | None = Field(default=None, max_length=20)
    codable: bool = True


class CodePatch(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=300)
    parent: str | None = Field(default=None, max_length=500)
    to_top: bool = False
    description: str | None = Field(default=None, max_length=100_000)
    colour: str | None = Field(default=None, max_length=20)
    merge_into: str | None = Field(default=None, max_length=500)


class DecisionIn(BaseModel):
    accept: bool
    ids: list[int] = Field(default_factory=list, max_length=100_000)
    code: str | None = Field(default=None, max_length=500)
    document: str | None = Field(default=None, max_length=300)


def _registry(request: Request, principal: Principal) -> Any:
    check(request, principal, Action.READ_WORKBENCH)
    return acting(request, principal)


@contextmanager
def saved(uploads: list[UploadFile]) -> Iterator[list[Path]]:
    """The uploaded files in a temporary folder under their own (base) names."""
    with tempfile.TemporaryDirectory(prefix="sc-upload-") as folder:
        paths: list[Path] = []
        for number, upload in enumerate(uploads):
            name = PurePath((upload.filename or f"upload-{number}").replace("\\", "/")).name
            target = Path(folder) / str(number)
            target.mkdir()
            path = target / (name or f"upload-{number}")
            with path.open("wb") as out:
                size = 0
                while chunk := upload.file.read(1 << 20):
                    size += len(chunk)
                    if size > MAX_UPLOAD:
                        raise InputError(Message("%(name)s is larger than %(limit)s MB", name=name,
                                                 limit=MAX_UPLOAD >> 20), field="files")
                    out.write(chunk)
            paths.append(path)
        yield paths


@router.get("/projects")
def projects(request: Request, principal: Caller) -> list[dict[str, Any]]:
    """The projects the account belongs to, with its role in each."""
    return rops.list_projects(_registry(request, principal))


@router.get("/projects/{project}")
def project(request: Request, principal: Caller, project: str) -> dict[str, Any]:
    """One project: title, members and roles, counts."""
    return rops.show_project(_registry(request, principal), project=project)


@router.get("/projects/{project}/documents")
def documents(request: Request, principal: Caller, project: str) -> list[dict[str, Any]]:
    """The documents (``research documents list --json``)."""
    return rops.list_documents(_registry(request, principal), project=project)


@router.post("/projects/{project}/documents", status_code=201)
def upload_documents(
    request: Request, principal: Caller, project: str,
    files: Annotated[list[UploadFile], File()],
    case: Annotated[str | None, Form(max_length=300)] = None,
    attach: Annotated[str | None, Form(max_length=100)] = None,
) -> dict[str, Any]:
    """Import files (``research documents import --json``): ``imported`` and ``rejected``."""
    registry = _registry(request, principal)
    rops.require_role(registry, project=project)
    with saved(files) as paths:
        return rops.import_documents(registry, project=project, files=paths,
                                     case=case or None, attach=[attach] if attach else [])


@router.get("/projects/{project}/documents/{document}")
def document(request: Request, principal: Caller, project: str, document: str
             ) -> dict[str, Any]:
    """A document's text, paragraphs and pages (current version)."""
    return rops.document_text(_registry(request, principal), project=project, document=document)


@router.get("/projects/{project}/documents/{document}/view")
def document_view(request: Request, principal: Caller, project: str, document: str
                  ) -> dict[str, Any]:
    """Text, codings, codebook, open suggestions and the account's role: the document page."""
    return rops.document_view(_registry(request, principal), project=project, document=document)


@router.get("/projects/{project}/codes")
def codes(request: Request, principal: Caller, project: str) -> list[dict[str, Any]]:
    """The codebook as a tree (``research codes list --json``)."""
    return rops.list_codes(_registry(request, principal), project=project)


@router.post("/projects/{project}/codes", status_code=201)
def add_code(request: Request, principal: Caller, project: str, body: CodeIn) -> dict[str, Any]:
    """Add a code or a folder (``codable: false``)."""
    return rops.add_code(_registry(request, principal), project=project, **body.model_dump())


@router.patch("/projects/{project}/codes/{code:path}")
def edit_code(request: Request, principal: Caller, project: str, code: str, body: CodePatch
              ) -> dict[str, Any]:
    """Rename, move (``parent`` or ``to_top``), describe, colour, or merge into another."""
    registry = _registry(request, principal)
    if body.merge_into:
        return rops.merge_codes(registry, project=project, source=code, target=body.merge_into)
    result: dict[str, Any] = {}
    if body.description is not None or body.colour is not None:
        result = rops.update_code(registry, project=project, code=code,
                                  description=body.description, colour=body.colour or None)
    if body.parent or body.to_top:
        result = rops.move_code(registry, project=project, code=code,
                                parent=None if body.to_top else body.parent)
    if body.name:
        result = rops.rename_code(registry, project=project, code=code, name=body.name)
    return result


class SetIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    codes: list[str] = Field(min_length=1, max_length=10_000)


@router.post("/projects/{project}/sets", status_code=201)
def add_to_set(request: Request, principal: Caller, project: str, body: SetIn) -> dict[str, Any]:
    """Put codes in a set (made on first use)."""
    return rops.add_to_set(_registry(request, principal), project=project, name=body.name,
                           codes=body.codes)


@router.post("/projects/{project}/codebooks/{source}", status_code=201)
def load_codebook(request: Request, principal: Caller, project: str,
                  source: Literal["000", "001", "004"]) -> dict[str, Any]:
    """Load a built-in codebook of the papers (``research codebook load … builtin:NNN``)."""
    return rops.load_codebook(_registry(request, principal), project=project,
                              source=f"builtin:{source}")


@router.get("/projects/{project}/codings")
def codings(
    request: Request, principal: Caller, project: str,
    document: Annotated[str | None, Query(max_length=300)] = None,
    code: Annotated[str | None, Query(max_length=500)] = None,
    coder: Annotated[str | None, Query(max_length=200)] = None,
) -> list[dict[str, Any]]:
    """Codings with ``research codings --json``'s fields and filters."""
    rows = rops.list_codings(_registry(request, principal), project=project, document=document,
                             code=code, coder=coder)
    return [as_cli(row) for row in rows]


@router.post("/projects/{project}/codings", status_code=201)
def code(request: Request, principal: Caller, project: str, body: CodingIn) -> dict[str, Any]:
    """Code a span as the account (``new_code``: add the code first if it is new)."""
    return as_cli(rops.code_in_document(_registry(request, principal), project=project,
                                        **body.model_dump()))


@router.patch("/projects/{project}/codings/{coding}")
def adjust(request: Request, principal: Caller, project: str, coding: int, body: BoundsIn
           ) -> dict[str, Any]:
    """Move a coding's boundaries."""
    return as_cli(rops.adjust_coding(_registry(request, principal), project=project,
                                     coding_id=coding, start=body.start, end=body.end))


@router.delete("/projects/{project}/codings/{coding}")
def uncode(request: Request, principal: Caller, project: str, coding: int) -> dict[str, Any]:
    """Remove a coding (its memos go with it)."""
    return rops.uncode(_registry(request, principal), project=project, coding=coding)


@router.post("/projects/{project}/codings/{coding}/memos", status_code=201)
def memo(request: Request, principal: Caller, project: str, coding: int, body: MemoIn
         ) -> dict[str, Any]:
    """Write a memo on a coding."""
    return rops.add_memo(_registry(request, principal), project=project, text=body.text,
                         on="coding", target=str(coding))


@router.get("/projects/{project}/suggestions")
def suggestions(
    request: Request, principal: Caller, project: str,
    status: Literal["open", "accepted", "rejected"] | None = "open",
    code: Annotated[str | None, Query(max_length=500)] = None,
    document: Annotated[str | None, Query(max_length=300)] = None,
) -> dict[str, Any]:
    """Suggestions, and each run's accuracy (precision, recall, F1 per code)."""
    registry = _registry(request, principal)
    return {"suggestions": rops.list_suggestions(registry, project=project, status=status,
                                                 code=code, document=document),
            "runs": rops.autocode_runs(registry, project=project)}


@router.post("/projects/{project}/suggestions/decide")
def decide(request: Request, principal: Caller, project: str, body: DecisionIn
           ) -> dict[str, Any]:
    """Accept or reject suggestions by id, or all of a code (and document)."""
    if not body.ids and not body.code and not body.document:
        raise InputError(Message("name the suggestions: ids, a code or a document"), field="ids")
    return rops.decide_suggestions(_registry(request, principal), project=project,
                                   accept=body.accept, ids=body.ids, code=body.code,
                                   document=body.document)


@router.get("/projects/{project}/queries/matrix")
def matrix(request: Request, principal: Caller, project: str,
           cols: Annotated[str, Query(min_length=1, max_length=300)] = "documents"
           ) -> dict[str, Any]:
    """The coding matrix: codes by documents, cases or an attribute."""
    return rops.matrix(_registry(request, principal), project=project, cols=cols)


@router.get("/projects/{project}/queries/cooccurrence")
def cooccurrence(request: Request, principal: Caller, project: str,
                 scope: Literal["overlap", "paragraph", "document"] = "overlap"
                 ) -> dict[str, Any]:
    """Code co-occurrence (overlapping spans, same paragraph, same document)."""
    return rops.cooccurrence(_registry(request, principal), project=project, mode=scope)


@router.get("/projects/{project}/queries/search")
def search(request: Request, principal: Caller, project: str, q: Name) -> Any:
    """Text search with keywords in context."""
    return rops.text_search(_registry(request, principal), project=project, query=q)


@router.get("/projects/{project}/agreement")
def agreement(
    request: Request, principal: Caller, project: str,
    coders: Annotated[str, Query(min_length=3, max_length=1000, description="A,B[,C]")],
    level: Literal["character", "segment"] = "character",
    code: Annotated[str | None, Query(max_length=500)] = None,
    document: Annotated[str | None, Query(max_length=300)] = None,
) -> dict[str, Any]:
    """Inter-coder agreement per code, per document and overall (``research agreement``)."""
    names = [c.strip() for c in coders.split(",") if c.strip()]
    return rops.agreement(_registry(request, principal), project=project, coders=names,
                          level=level, code=code, document=document)


@router.post("/qdpx", status_code=201)
def import_qdpx(
    request: Request, principal: Caller, file: Annotated[UploadFile, File()],
    name: Annotated[str | None, Form(max_length=300)] = None,
    preview: Annotated[bool, Form()] = False,
) -> dict[str, Any]:
    """Import a ``.qdpx`` as a new project; ``preview``: say what it would store, store nothing."""
    registry = _registry(request, principal)
    with saved([file]) as (path,):
        if preview:
            return rops.preview_qdpx(registry, file=path, name=name or None)
        return ops.import_qdpx(registry, file=path, name=name or None) | {"stored": True}


@router.post("/projects/{project}/qdc")
def import_qdc(request: Request, principal: Caller, project: str,
               file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    """Add a ``.qdc`` codebook's codes and sets to the project."""
    registry = _registry(request, principal)
    rops.require_role(registry, project=project)  # refused before the file is read
    with saved([file]) as (path,):
        return ops.import_qdc(registry, file=path, project=project)


@router.get("/projects/{project}/export/{kind}")
def export(request: Request, principal: Caller, project: str,
           kind: Literal["qdpx", "qdc"]) -> Response:
    """Download the project as ``.qdpx`` or its codebook as ``.qdc``."""
    registry = _registry(request, principal)
    folder = tempfile.mkdtemp(prefix="sc-export-")
    path = Path(folder) / f"{project}.{kind}"
    writer = ops.export_qdpx if kind == "qdpx" else ops.export_qdc
    writer(registry, project=project, file=path)
    import shutil

    return FileResponse(path, filename=path.name, media_type="application/zip"
                        if kind == "qdpx" else "application/xml",
                        background=BackgroundTask(shutil.rmtree, folder, True))
