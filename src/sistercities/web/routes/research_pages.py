"""The workbench's pages: projects, a project, a document to read and code, queries, agreement.

The pages are rendered on the server (lists and tables); the document view
and the editing controls are driven by ``static/research.js`` over the
JSON API of :mod:`sistercities.web.routes.research_api` (no inline script:
see the CSP). Offsets are code points everywhere, as in the CLI.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from sistercities.errors import SisterCitiesError
from sistercities.operations import research as rops
from sistercities.operations.accounts import Principal
from sistercities.web.errors import said
from sistercities.web.permissions import Action
from sistercities.web.routes.deps import acting, check
from sistercities.web.sessions import page_principal
from sistercities.web.templating import render

router = APIRouter(prefix="/research", include_in_schema=False)
Signed = Annotated[Principal, Depends(page_principal)]


def _registry(request: Request, principal: Principal) -> Any:
    check(request, principal, Action.READ_WORKBENCH)
    return acting(request, principal)


@router.get("")
def projects(request: Request, principal: Signed) -> Response:
    rows = rops.list_projects(_registry(request, principal))
    return render(request, "research/projects.html", {"projects": rows})


@router.get("/{project}")
def project(request: Request, principal: Signed, project: str) -> Response:
    registry = _registry(request, principal)
    summary = rops.show_project(registry, project=project)
    role = next((m["role"] for m in summary.get("members", [])
                 if m.get("user") == principal.name), "reader")
    return render(request, "research/project.html", {
        "project": summary, "name": project, "role": role,
        "documents": rops.list_documents(registry, project=project),
        "codes": rops.list_codes(registry, project=project),
        "sets": rops.list_sets(registry, project=project),
    })


@router.get("/{project}/documents/{document}")
def document(request: Request, principal: Signed, project: str, document: str) -> Response:
    registry = _registry(request, principal)
    summary = rops.show_project(registry, project=project)  # 404 for a non-member
    return render(request, "research/document.html",
                  {"name": project, "project": summary, "document": document})


@router.get("/{project}/queries")
def queries(
    request: Request, principal: Signed, project: str,
    cols: Annotated[str, Query(max_length=300)] = "documents",
    scope: Annotated[str, Query(max_length=20)] = "overlap",
    q: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    registry = _registry(request, principal)
    summary = rops.show_project(registry, project=project)
    error = None
    try:
        table = rops.matrix(registry, project=project, cols=cols)
        pairs = rops.cooccurrence(registry, project=project, mode=scope)
        hits = rops.text_search(registry, project=project, query=q) if q.strip() else None
    except SisterCitiesError as exc:
        error, table, pairs, hits = said(exc), None, None, None
    return render(request, "research/queries.html", {
        "name": project, "project": summary, "matrix": table, "pairs": pairs, "hits": hits,
        "cols": cols, "scope": scope, "q": q, "error": error,
    })


@router.get("/{project}/chart.svg")
def chart(request: Request, principal: Signed, project: str) -> Response:
    import tempfile
    from pathlib import Path

    registry = _registry(request, principal)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chart.svg"
        rops.hierarchy_chart(registry, project=project, output=str(path))
        return Response(path.read_bytes(), media_type="image/svg+xml")


@router.get("/{project}/agreement")
def agreement(
    request: Request, principal: Signed, project: str,
    coders: Annotated[str, Query(max_length=1000)] = "",
    level: Annotated[str, Query(max_length=20)] = "character",
) -> Response:
    registry = _registry(request, principal)
    summary = rops.show_project(registry, project=project)
    names = [c.strip() for c in coders.split(",") if c.strip()]
    report, error, passages = None, None, []
    if len(names) >= 2:
        try:
            report = rops.agreement(registry, project=project, coders=names,
                                    level="segment" if level == "segment" else "character")
            passages = disagreements(rops.list_codings(registry, project=project), names)
        except SisterCitiesError as exc:
            error = said(exc)
    coder_names = sorted({c["coder"] for c in rops.list_codings(registry, project=project)})
    return render(request, "research/agreement.html", {
        "name": project, "project": summary, "report": report, "error": error,
        "coders": coders, "coder_names": coder_names, "names": names,
        "passages": passages[:200], "level": level,
    })


def disagreements(codings: list[dict[str, Any]], coders: list[str]) -> list[dict[str, Any]]:
    """Passages one coder coded with a code and another did not (same document, overlap).

    Each is ``{"document", "code", "by": {coder: [codings]}}``: the codings of
    every coder on that code that overlap the first one, side by side. A
    passage every coder coded at exactly the same span is agreement and left out.
    """
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in codings:
        if row["coder"] in coders:
            by_key.setdefault((row["document"], row["code"]), []).append(row)
    out: list[dict[str, Any]] = []
    for (doc, code), rows in sorted(by_key.items()):
        rows.sort(key=lambda r: (r["start"], r["end"]))
        groups: list[list[dict[str, Any]]] = []
        end = -1
        for row in rows:
            if groups and row["start"] < end:
                groups[-1].append(row)
                end = max(end, row["end"])
            else:
                groups.append([row])
                end = row["end"]
        for group in groups:
            spans = {c: {(r["start"], r["end"]) for r in group if r["coder"] == c}
                     for c in coders}
            if all(spans[c] == spans[coders[0]] for c in coders) and spans[coders[0]]:
                continue
            out.append({"document": doc, "code": code,
                        "by": {c: [r for r in group if r["coder"] == c] for c in coders}})
    return out
