"""Export the twinning network to GraphML or GEXF (for Gephi), with the report's scores.

Node attributes: name, country, lat, lon (when known), degree, betweenness,
pagerank, community; edge attributes: year and ref (the record) when known.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sistercities.errors import InputError

if TYPE_CHECKING:  # numpy: not needed to list the formats in the CLI's options
    from sistercities.analysis.network.graph import TwinGraph

FORMATS = ("graphml", "gexf")


def to_networkx(graph: TwinGraph, scores: dict[str, Any] | None = None) -> Any:
    """A ``networkx.Graph`` keyed by node key, with attributes ready to write."""
    import networkx as nx

    g = nx.Graph()
    for i, node in enumerate(graph.nodes):
        attrs: dict[str, Any] = {"name": node.name, "country": node.country or node.country_text}
        if node.lat is not None and node.lon is not None:
            attrs |= {"lat": float(node.lat), "lon": float(node.lon)}
        for key, values in (scores or {}).items():
            value = values[i].item() if hasattr(values[i], "item") else values[i]
            attrs[key] = value
        g.add_node(node.key, **attrs)
    for edge in graph.edges:
        if edge.a == edge.b:
            continue
        attrs = {k: v for k, v in (("year", edge.year), ("ref", edge.ref)) if v is not None}
        g.add_edge(edge.a, edge.b, **attrs)
    return g


def export_graph(
    graph: TwinGraph, path: str | Path, fmt: str, scores: dict[str, Any] | None = None
) -> Path:
    """Write ``graph`` to ``path`` as ``graphml`` or ``gexf``; returns the path."""
    import networkx as nx

    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", field="format")
    g = to_networkx(graph, scores)
    target = Path(path)
    try:
        if fmt == "graphml":
            nx.write_graphml(g, target)
        else:
            nx.write_gexf(g, target)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", field=str(target)) from exc
    return target
