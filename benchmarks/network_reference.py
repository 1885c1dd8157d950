"""The network figures computed the plain way with networkx, for checking and benchmarks.

Each figure is the networkx function of the same name, called on its own (so
shortest paths are searched twice: once for betweenness, once for mean
distance). :func:`compare` lines the figures up against a
:class:`~sistercities.analysis.network.report.NetworkReport`.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from sistercities.analysis.network import geo
from sistercities.analysis.network.figures import fit_power_law
from sistercities.analysis.network.graph import TwinGraph


def reference_figures(graph: TwinGraph, *, seed: int = 0) -> dict[str, Any]:
    """Every headline figure with networkx; also ``betweenness``/``pagerank`` arrays."""
    import networkx as nx

    timings: dict[str, float] = {}
    clock = time.perf_counter()
    n = len(graph.nodes)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(graph.edge_array().tolist())
    degrees = np.array([d for _, d in sorted(g.degree())])
    largest = max(nx.connected_components(g), key=len)
    out: dict[str, Any] = {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "mean_degree": 2 * g.number_of_edges() / n,
        "max_degree": int(degrees.max()),
        "components": nx.number_connected_components(g),
        "largest_component_share": len(largest) / n,
        "assortativity": nx.degree_assortativity_coefficient(g),
        "transitivity": nx.transitivity(g),
        "average_clustering": nx.average_clustering(g),
    }
    clock = _lap(timings, "basic", clock)
    out["mean_distance"] = nx.average_shortest_path_length(g.subgraph(largest))
    clock = _lap(timings, "mean_distance", clock)
    bc = nx.betweenness_centrality(g)
    out["betweenness"] = np.array([bc[i] for i in range(n)])
    clock = _lap(timings, "betweenness", clock)
    pr = nx.pagerank(g)
    out["pagerank"] = np.array([pr[i] for i in range(n)])
    parts = nx.community.louvain_communities(g, seed=seed)
    out["communities"] = len(parts)
    out["modularity"] = nx.community.modularity(g, parts)
    fit = fit_power_law(degrees)
    out["power_law_alpha"] = fit.alpha if fit else None
    edges = graph.edge_array()  # the place figures are the same code in both runs
    out["median_km"] = geo.distance_decay(graph, edges).median_km
    out["country_pairs"] = len(geo.country_pairs(graph, edges))
    out["tier_edges"] = geo.tier_mixing(graph, edges).edges
    _lap(timings, "rest", clock)
    out["timings"] = timings
    return out


def _lap(timings: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    timings[name] = now - since
    return now


def compare(report: Any, ref: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of (figure, fast value, networkx value, absolute difference)."""
    rows = []
    fast = report.figures() | {
        "components": report.components,
        "average_clustering": report.average_clustering,
        "power_law_alpha": report.power_law.alpha if report.power_law else None,
        "communities": report.communities["count"],
        "modularity": report.communities["modularity"],
        "median_km": report.distance.median_km,
        "country_pairs": len(report.country_pairs),
    }
    for key, value in fast.items():
        other = ref.get(key)
        diff = abs(value - other) if value is not None and other is not None else None
        rows.append({"figure": key, "fast": value, "networkx": other, "abs_diff": diff})
    for key in ("betweenness", "pagerank"):
        arr, other_arr = report.node_scores[key], ref[key]
        diff = float(np.max(np.abs(arr - other_arr))) if len(arr) else 0.0
        rows.append({"figure": f"{key} per node", "fast": None, "networkx": None, "abs_diff": diff})
    return rows
