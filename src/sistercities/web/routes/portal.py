"""The public portal: ``/portal/`` and ``/portal/<place>``, read without signing in.

Each route reads the request, calls one function of
:mod:`sistercities.operations.portal`, and renders a cacheable page
(:mod:`sistercities.web.public`). No page here reads the session: what the
public sees is the same for everyone.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sistercities import i18n as core_i18n
from sistercities.operations import portal as ops
from sistercities.web import maps
from sistercities.web.public import cached_page, page_language
from sistercities.web.sessions import registry_of

router = APIRouter(include_in_schema=False)


def _map_points(rows: list[dict[str, Any]], href: str) -> list[maps.Point]:
    points = []
    for row in rows:
        place = row["partner"]
        if place.get("latitude") is None or place.get("longitude") is None:
            continue
        x, y = maps.project(place["longitude"], place["latitude"])
        points.append(maps.Point(x, y, str(place["name"]), f"{href}/{row['slug']}"))
    return points


def _home(place: dict[str, Any]) -> maps.Point | None:
    if place.get("latitude") is None or place.get("longitude") is None:
        return None
    x, y = maps.project(place["longitude"], place["latitude"])
    return maps.Point(x, y, str(place["name"]), "")


@router.get("/portal/")
@router.get("/portal")
def index(request: Request) -> Response:
    registry = registry_of(request)
    language = page_language(request)
    return cached_page(
        request,
        version=ops.portal_version(registry),
        language=language,
        template="portal/index.html",
        build=lambda: {"data": ops.portal_list(registry)},
    )


@router.get("/portal/search")
def search(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    registry = registry_of(request)
    return cached_page(
        request,
        version=ops.portal_version(registry),
        language=page_language(request),
        template="portal/search.html",
        build=lambda: {"query": q, "results": ops.portal_search(registry, query=q)},
    )


@router.get("/portal/overview")
def overview(
    request: Request, country: Annotated[str | None, Query(max_length=100)] = None
) -> Response:
    registry = registry_of(request)
    return cached_page(
        request,
        version=ops.portal_version(registry),
        language=page_language(request),
        template="portal/overview.html",
        build=lambda: {
            "data": ops.portal_overview(registry, country=country or None),
            "country": country or "",
        },
    )


def _place_context(registry: Any, slug: str) -> dict[str, Any]:
    data = ops.portal_place_page(registry, slug=slug)
    href = f"/portal/{data['portal']['slug']}"
    return {
        "data": data,
        "home": _home(data["portal"]["place"]),
        "partners": _map_points(data["relationships"], href),
    }


WORLD_SVG: dict[str, bytes] = {}


@router.get("/portal/world.svg")
def world() -> Response:
    """The land of the map: one static drawing that every portal map shows under its points."""
    body = WORLD_SVG.get("svg")
    if body is None:
        paths = "".join(f'<path d="{d}"/>' for d in maps.country_paths())
        body = (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180">'
            f'<g fill="#d9dfd3" stroke="#fff" stroke-width=".3">{paths}</g></svg>'
        ).encode()
        WORLD_SVG["svg"] = body
    return Response(
        body, media_type="image/svg+xml", headers={"cache-control": "public, max-age=86400"}
    )


def _state(request: Request, slug: str) -> tuple[int, str]:
    """The registry's version and the page's language, in one unit of work."""
    state = ops.portal_page_state(registry_of(request), slug=slug)
    return state["version"], page_language(request, state["language"] or core_i18n.DEFAULT)


@router.get("/portal/{slug}")
def place(request: Request, slug: str) -> Response:
    registry = registry_of(request)
    slug = slug[:120]
    version, language = _state(request, slug)
    return cached_page(
        request,
        version=version,
        language=language,
        template="portal/place.html",
        build=lambda: _place_context(registry, slug),
    )


@router.get("/portal/{slug}/{relationship}")
def relationship(request: Request, slug: str, relationship: str) -> Response:
    registry = registry_of(request)
    slug, relationship = slug[:120], relationship[:200]
    version, language = _state(request, slug)
    return cached_page(
        request,
        version=version,
        language=language,
        template="portal/relationship.html",
        build=lambda: {
            "data": ops.portal_relationship_page(registry, slug=slug, relationship=relationship)
        },
    )
