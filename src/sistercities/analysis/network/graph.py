"""The twinning network as plain data: nodes, edges, and the counts of how it was built.

A :class:`TwinGraph` is what the network analyses take. It comes from the
registry (``analysis.from_registry``) or straight from a pairs CSV
(``analysis.wikipedia``); the analyses do not know which.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class NetNode:
    """A place in the network: ``key`` is unique; ``country`` an ISO code or None."""

    key: str
    name: str
    country: str | None = None
    country_text: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class NetEdge:
    """A relationship between two node keys, with its start year and record id if known."""

    a: str
    b: str
    year: int | None = None
    ref: str | None = None


@dataclass
class TwinGraph:
    """Nodes and undirected edges; ``counts`` says how input rows became edges."""

    nodes: list[NetNode]
    edges: list[NetEdge]
    source: str = ""
    credit: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    def index(self) -> dict[str, int]:
        """Position of each node key."""
        return {node.key: i for i, node in enumerate(self.nodes)}

    def edge_array(self) -> np.ndarray:
        """Edges as an ``(m, 2)`` int array of node positions (loops and repeats removed)."""
        idx = self.index()
        count = len(self.edges)
        a = np.fromiter((idx[e.a] for e in self.edges), dtype=np.int64, count=count)
        b = np.fromiter((idx[e.b] for e in self.edges), dtype=np.int64, count=count)
        apart = a != b
        pairs = np.stack([np.minimum(a, b)[apart], np.maximum(a, b)[apart]], axis=1)
        return np.unique(pairs, axis=0).reshape(-1, 2)  # sorted, each pair once


def build_graph(
    nodes: list[NetNode], pairs: list[NetEdge], *, source: str = "", credit: str = ""
) -> TwinGraph:
    """Deduplicate undirected pairs and drop loops, counting both.

    ``counts`` holds ``rows``, ``self_pairs``, ``duplicates`` and ``edges``, with
    ``rows == self_pairs + duplicates + edges``.

    >>> g = build_graph([NetNode("a", "A"), NetNode("b", "B")],
    ...                 [NetEdge("a", "b"), NetEdge("b", "a"), NetEdge("a", "a")])
    >>> g.counts
    {'rows': 3, 'self_pairs': 1, 'duplicates': 1, 'edges': 1}
    """
    seen: dict[tuple[str, str], NetEdge] = {}
    loops = dups = 0
    for edge in pairs:
        if edge.a == edge.b:
            loops += 1
            continue
        key = (edge.a, edge.b) if edge.a < edge.b else (edge.b, edge.a)
        if key in seen:
            dups += 1
            old = seen[key]
            if old.year is None and edge.year is not None:
                seen[key] = edge
            continue
        seen[key] = edge
    counts = {"rows": len(pairs), "self_pairs": loops, "duplicates": dups, "edges": len(seen)}
    return TwinGraph(nodes, list(seen.values()), source, credit, counts)
