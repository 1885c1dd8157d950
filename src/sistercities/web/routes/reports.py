"""The office's reports: handover dossier, annual report, audit history."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from sistercities import operations as ops
from sistercities.operations.accounts import Principal
from sistercities.web import charts, maps
from sistercities.web.permissions import Action
from sistercities.web.routes.deps import acting, check, may
from sistercities.web.sessions import page_principal, registry_of
from sistercities.web.templating import render, translator

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(page_principal)]
MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


@router.get("/dossier")
def dossier_page(
    request: Request, principal: Signed, place: Annotated[str, Query(max_length=300)] = ""
) -> Response:
    if not place.strip():
        return render(request, "dossier.html", {"place": "", "text": None})
    contacts = may(request, principal, Action.READ_CONTACTS)
    content, name = ops.dossier_file(
        acting(request, principal),
        place=place,
        fmt="md",
        include_contacts=contacts,
        language=translator(request).language,
    )
    return render(
        request, "dossier.html", {"place": place, "name": name, "text": content.decode("utf-8")}
    )


@router.get("/dossier/download")
def dossier_download(
    request: Request,
    principal: Signed,
    place: Annotated[str, Query(min_length=1, max_length=300)],
    format: Literal["md", "html", "pdf"] = "md",
) -> Response:
    contacts = may(request, principal, Action.READ_CONTACTS)
    content, name = ops.dossier_file(
        acting(request, principal),
        place=place,
        fmt=format,
        include_contacts=contacts,
        language=translator(request).language,
    )
    filename = "".join(c if c.isalnum() else "-" for c in name.lower()) or "dossier"
    return Response(
        content,
        media_type=MEDIA[format],
        headers={
            "content-disposition": f'attachment; filename="dossier-{filename}.{format}"',
            "cache-control": "no-store",
        },
    )


@router.get("/report")
def annual_report(
    request: Request,
    principal: Signed,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    place: Annotated[str | None, Query(max_length=300)] = None,
) -> Response:
    chosen = year or dt.date.today().year - 1
    data = ops.annual_report(acting(request, principal), year=chosen, place=place or None)
    return render(request, "report.html", {"data": data, "year": chosen, "place": place or ""})


@router.get("/history")
def history(
    request: Request,
    principal: Signed,
    entity: Annotated[str | None, Query(max_length=40)] = None,
    id: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    rows = ops.history(acting(request, principal), entity=entity or None, entity_id=id,
                       limit=100)
    return render(request, "history.html", {"rows": rows, "entity": entity, "id": id})


@router.get("/network")
def network(request: Request, principal: Signed) -> Response:
    data = ops.network_page(registry_of(request))
    return render(request, "network.html", {
        "net": data,
        "shapes": maps.country_paths(),
        "shade": maps.shades(data["by_country"]),
        "links": maps.country_links(data["country_pairs"]),
        "degree_bars": charts.bars(data["degree_histogram"]),
        "growth_bars": charts.bars(data["growth"]),
    })


@router.get("/surveys")
def surveys(request: Request, principal: Signed) -> Response:
    check(request, principal, Action.READ_WORKBENCH)
    return render(request, "surveys.html", {"rows": ops.list_surveys(registry_of(request))})


@router.get("/surveys/{name}/report")
def survey_report(request: Request, principal: Signed, name: str) -> Response:
    """The survey's self-contained report (its own inline styles; no script at all)."""
    check(request, principal, Action.READ_WORKBENCH)
    html = ops.survey_report_html(registry_of(request), name=name[:200])
    return HTMLResponse(html, headers={
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                   "img-src data:; frame-ancestors 'none'",
        "cache-control": "no-store",
    })
