"""Maps drawn on the server as SVG, from Natural Earth shapes shipped with the app.

The shapes are ``countries-110m.json`` of the npm package ``world-atlas``
(Natural Earth 1:110m, public domain; the package is ISC-licensed), vendored
under ``static/vendor/world-atlas/``. Nothing is fetched: the TopoJSON arcs
are decoded here once per process and projected plate carrée into a
360 × 180 view box (x = longitude + 180, y = 90 − latitude). Partner
countries are shaded (every place has a country); places with coordinates
are drawn as points too, and the others listed beside the map.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry

SHAPES = ("static", "vendor", "world-atlas", "countries-110m.json")


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Plate carrée into the 360 × 180 view box.

    >>> project(0, 0)
    (180.0, 90.0)
    """
    return round(float(longitude) + 180, 2), round(90 - float(latitude), 2)


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(project(x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> str:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return "M" + "L".join(f"{x},{y}" for x, y in points) + "Z"


@dataclass(frozen=True)
class Shape:
    """A country's outline: its ISO 3166-1 alpha-2 code (``""`` if none) and SVG path."""

    code: str
    d: str


def _alpha2(numeric: str | None) -> str:
    if not numeric:
        return ""
    found = pycountry.countries.get(numeric=str(numeric).zfill(3))
    return str(found.alpha_2) if found else ""


@lru_cache(maxsize=1)
def country_paths() -> tuple[Shape, ...]:
    """One outline per country of the shipped shapes (Natural Earth ids are ISO numeric)."""
    source = resources.files("sistercities.web").joinpath(*SHAPES)
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    paths = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        outline = "".join(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        paths.append(Shape(_alpha2(geometry.get("id")), outline))
    return tuple(paths)


@dataclass(frozen=True)
class Point:
    """A place on the map, with a label and a link."""

    x: float
    y: float
    label: str
    href: str


def points(places: list[dict[str, Any]]) -> list[Point]:
    """The places that have coordinates (the others are listed, not drawn)."""
    found = []
    for place in places:
        if place.get("latitude") is None or place.get("longitude") is None:
            continue
        x, y = project(place["longitude"], place["latitude"])
        found.append(Point(x, y, str(place["name"]), f"/places/{place['id']}"))
    return found


@lru_cache(maxsize=1)
def centroids() -> dict[str, tuple[float, float]]:
    """A point inside each country's box (the mean of its outline's points), by ISO code."""
    found: dict[str, tuple[float, float]] = {}
    for shape in country_paths():
        if not shape.code:
            continue
        numbers = [float(v) for v in shape.d.replace("M", " ").replace("L", " ").replace(
            "Z", " ").replace(",", " ").split()]
        xs, ys = numbers[0::2], numbers[1::2]
        if xs:
            found[shape.code] = (round(sum(xs) / len(xs), 2), round(sum(ys) / len(ys), 2))
    return found


def shades(counts: dict[str, int], levels: int = 4) -> dict[str, int]:
    """A shade 1..``levels`` per country, by its share of the largest count (log scale)."""
    import math

    top = max(counts.values(), default=0)
    if top <= 0:
        return {}
    scale = math.log1p(top)
    return {
        code: max(1, math.ceil(levels * math.log1p(n) / scale))
        for code, n in counts.items()
        if n > 0
    }


@dataclass(frozen=True)
class Link:
    """A line between two countries' points, as thick as the relationships between them."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    label: str


def country_links(pairs: list[dict[str, Any]], limit: int = 60) -> list[Link]:
    """The strongest country pairs of the network as lines (a pair within a country is skipped)."""
    points = centroids()
    top = max((p["edges"] for p in pairs), default=1)
    links = []
    for pair in pairs[:limit]:
        a, b = points.get(pair["a"]), points.get(pair["b"])
        if a and b and pair["a"] != pair["b"]:
            width = round(0.3 + 2.2 * pair["edges"] / top, 2)
            links.append(Link(a[0], a[1], b[0], b[1], width,
                              f"{pair['a']}–{pair['b']}: {pair['edges']}"))
    return links
