"""Load the Wikipedia twin-town pairs CSV straight into a :class:`TwinGraph`.

For the network report and its benchmark without going through the registry
import (which resolves names against a gazetteer). Names are normalised
*lightly*, and only to decide which rows are the same place:

- city: Unicode NFC, text in parentheses removed (``Siegen-Wittgenstein
  (district)`` -> ``Siegen-Wittgenstein``), whitespace collapsed, case-folded;
  accents and transliterations are kept, so ``Bérat`` and ``Berat`` stay two
  places;
- country: :func:`sistercities.places.countries.resolve_country`, the resolver
  the registry import uses (ISO and GeoNames names, aliases such as
  ``England`` or ``Northern Cyprus``, comma parts such as ``England, United
  Kingdom``, ``in Italy``, typos such as ``Kazakhstah`` by fuzzy match), so a
  country is the same code here as in the registry; a text it does not
  resolve stays as its own text.

A place is ``(city, country)``. Pairs are undirected; the same pair listed from
both sides counts once. Data: Hekman/twincities (MIT), from Wikipedia's "List
of twin towns and sister cities" pages.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

from sistercities.analysis.network.graph import NetEdge, NetNode, TwinGraph, build_graph
from sistercities.errors import InputError
from sistercities.places.countries import resolve_country

CREDIT = (
    "Pairs: Hekman/twincities (MIT licence), scraped from Wikipedia's "
    '"List of twin towns and sister cities" pages (CC BY-SA)'
)


def normalise_city(name: str) -> str:
    """Light key for a city name.

    >>> normalise_city("  Siegen-Wittgenstein (district) ")
    'siegen-wittgenstein'
    """
    text = unicodedata.normalize("NFC", name)
    text = re.sub(r"\s*\([^)]*\)", "", text)
    return " ".join(text.split()).casefold()


def _place(city: str, country: str) -> tuple[str, NetNode]:
    match = resolve_country(country)
    code = match.code if match else None
    ckey = code or "?" + " ".join(country.split()).casefold()
    key = f"{normalise_city(city)}|{ckey}"
    return key, NetNode(key, " ".join(city.split()), code, country.strip())


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"missing columns {', '.join(missing)}", field=str(path))
            return list(reader)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", field=str(path)) from exc


def _coordinates(path: Path) -> dict[str, tuple[float, float]]:
    coords: dict[str, tuple[float, float]] = {}
    cols = ("city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2")
    for row in _read_rows(path, cols):
        for side in ("1", "2"):
            key, _ = _place(row["city" + side], row["country" + side])
            try:
                coords.setdefault(key, (float(row["lat" + side]), float(row["lng" + side])))
            except ValueError:
                continue
    return coords


def load_wikipedia_pairs(raw: str | Path, geocoded: str | Path | None = None) -> TwinGraph:
    """Read ``city1,country1,city2,country2`` rows (and coordinates if given).

    Parameters
    ----------
    raw : path
        The pairs CSV (``twin_cities_wikipedia_raw.csv``).
    geocoded : path, optional
        The same pairs with ``lat1,lng1,lat2,lng2``; places are matched by key.

    Returns
    -------
    TwinGraph
        ``counts`` adds up: rows = self_pairs + duplicates + edges (+ blank rows
        counted as ``blank``).
    """
    nodes: dict[str, NetNode] = {}
    pairs: list[NetEdge] = []
    blank = 0
    for row in _read_rows(Path(raw), ("city1", "country1", "city2", "country2")):
        if not row["city1"].strip() or not row["city2"].strip():
            blank += 1
            continue
        ka, na = _place(row["city1"], row["country1"])
        kb, nb = _place(row["city2"], row["country2"])
        nodes.setdefault(ka, na)
        nodes.setdefault(kb, nb)
        pairs.append(NetEdge(ka, kb))
    if geocoded is not None:
        coords = _coordinates(Path(geocoded))
        for key, node in nodes.items():
            if key in coords:
                lat, lon = coords[key]
                nodes[key] = NetNode(node.key, node.name, node.country, node.country_text, lat, lon)
    graph = build_graph(list(nodes.values()), pairs, source=str(raw), credit=CREDIT)
    used = {k for e in graph.edges for k in (e.a, e.b)}
    graph.nodes = [node for node in graph.nodes if node.key in used]
    graph.counts["blank"] = blank
    graph.counts["rows"] += blank
    return graph
