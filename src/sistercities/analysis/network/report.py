"""The twinning network report: size, components, degrees, paths, centralities,
communities, countries, distance, tiers and growth, each figure computed once.

Formulas (``n`` nodes, ``m`` edges, ``k_v`` degree of node ``v``):

- mean degree ``2m / n``; maximum degree ``max k_v``;
- components: connected components; largest share ``n_L / n``;
- mean distance: mean shortest-path length over ordered pairs of the largest
  component, ``sum d(s, t) / (n_L (n_L - 1))`` (``nx.average_shortest_path_length``);
- betweenness ``BC(v) = sum_{s<t} sigma_st(v) / sigma_st``, normalised by
  ``(n - 1)(n - 2) / 2`` (``nx.betweenness_centrality``);
- degree centrality ``k_v / (n - 1)``; PageRank, assortativity, clustering,
  power law and communities: see :mod:`network_figures`; countries, distance,
  tiers and growth: see :mod:`network_geo`.

The heavy part (betweenness and mean distance) is :mod:`network_paths`.
Communities depend on ``seed``; every other figure is deterministic.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sistercities.analysis.network import geo
from sistercities.analysis.network.figures import Structure, structure
from sistercities.analysis.network.graph import TwinGraph
from sistercities.analysis.network.paths import HAVE_NUMBA, PathFigures, path_figures
from sistercities.analysis.network.powerlaw import PowerLawFit, fit_power_law
from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.places.country_profiles import CITATION

#: Published figures of the KONECT "twin" network (Wikidata P190, 2017), for comparison.
KONECT_TWIN = {
    "nodes": 14274,
    "edges": 20573,
    "mean_degree": 2.88,
    "max_degree": 99,
    "largest_component_share": 0.72,
    "assortativity": 0.387,
    "transitivity": 0.111,
    "mean_distance": 7.65,
}


_NOT_JSON = {"distance", "tiers", "power_law", "node_scores"}


@dataclass
class NetworkReport:
    """All figures of the network, the nodes behind the top lists, and timings."""

    nodes: int
    edges: int
    mean_degree: float
    max_degree: int
    components: int
    largest_component: int
    largest_component_share: float
    degree_histogram: dict[int, int]
    power_law: PowerLawFit | None
    assortativity: float | None
    transitivity: float
    average_clustering: float
    mean_distance: float | None
    top_degree: list[dict[str, Any]]
    top_betweenness: list[dict[str, Any]]
    top_pagerank: list[dict[str, Any]]
    communities: dict[str, Any]
    country_pairs: list[dict[str, Any]]
    distance: geo.DistanceDecay
    tiers: geo.TierMixing
    growth: dict[int, int]
    seed: int
    source: str = ""
    credit: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    engine: str = ""
    #: standard error of ``mean_distance``; 0 when it is exact
    mean_distance_se: float = 0.0
    #: which figures are exact, which estimated and how well (see :func:`accuracy`)
    accuracy: dict[str, Any] = field(default_factory=dict)
    #: per-node arrays in graph order: degree, betweenness (normalised), pagerank, community
    node_scores: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def figures(self) -> dict[str, Any]:
        """The headline figures, keyed like :data:`KONECT_TWIN`."""
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "mean_degree": self.mean_degree,
            "max_degree": self.max_degree,
            "largest_component_share": self.largest_component_share,
            "assortativity": self.assortativity,
            "transitivity": self.transitivity,
            "mean_distance": self.mean_distance,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary (degree keys become strings)."""
        out = {k: v for k, v in self.__dict__.items() if k not in _NOT_JSON}
        out["degree_histogram"] = {str(k): v for k, v in self.degree_histogram.items()}
        out["growth"] = {str(k): v for k, v in self.growth.items()}
        out["power_law"] = self.power_law.to_dict() if self.power_law else None
        out["distance"] = self.distance.to_dict()
        out["tiers"] = self.tiers.to_dict()
        out["konect_twin"] = KONECT_TWIN
        out["tier_source"] = CITATION
        return out

    def explain(self) -> str:
        """The figures with their formulas, in words."""
        from sistercities.analysis.network.text import explain_report

        return explain_report(self)


#: How the estimated figures were sampled (``accuracy``'s ``method``; the
#: explanation shows it in the reader's language).
METHOD = Message(
    "sources drawn with probability proportional to their weight, with replacement, per "
    "component (Hansen-Hurwitz); unbiased, standard error from the spread of the draws"
)

#: Draws of sampled sources for betweenness and mean distance (see
#: :mod:`.paths`); a graph with fewer kept nodes is searched whole, exactly.
#: On the Wikipedia lists (8,000 kept nodes) 2,000 draws take a third of the
#: exact search's time, with standard errors of about 0.3 % for the mean
#: distance and 5-10 % for the betweenness of the ten most central places.
DEFAULT_SOURCES = 2000


def network_report(
    graph: TwinGraph,
    *,
    seed: int = 0,
    top: int = 10,
    exact: bool = False,
    sources: int = DEFAULT_SOURCES,
) -> NetworkReport:
    """Compute every figure of the twinning network once.

    Parameters
    ----------
    graph : TwinGraph
        Places and relationships (loops and repeated pairs are dropped).
    seed : int
        Seed of the Louvain community search; the only random part.
    top : int
        Length of the top lists (degree, betweenness, PageRank, communities).
    exact : bool
        Search from every node for betweenness and mean distance; by default
        a large graph's are estimated from ``sources`` sampled ones, with
        their standard errors (``accuracy``, ``mean_distance_se``).
    sources : int
        Draws of sampled sources when not ``exact``.

    Raises
    ------
    InputError
        When the graph has no node at all (an empty registry).

    Examples
    --------
    >>> from sistercities.analysis.network.graph import NetEdge, NetNode, build_graph
    >>> g = build_graph([NetNode(k, k) for k in "abc"], [NetEdge("a", "b"), NetEdge("b", "c")])
    >>> r = network_report(g)
    >>> r.nodes, r.edges, r.mean_distance, r.top_betweenness[0]["name"]
    (3, 2, 1.3333333333333333, 'b')
    """
    n = len(graph.nodes)
    if n == 0:
        raise InputError(
            Message("the network is empty: there are no relationships to analyse")
        )
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    edges = graph.edge_array()
    deg = np.bincount(edges.ravel(), minlength=n) if len(edges) else np.zeros(n, np.int64)
    searches = {"sources": None if exact else sources, "seed": seed}
    with _alongside(path_figures, n, edges, **searches) as searched:
        struct = structure(n, edges, seed=seed)
        clock = _lap(timings, "structure", clock)
        fit = fit_power_law(deg)
        clock = _lap(timings, "power_law", clock)
        places = _place_figures(graph, edges, deg, struct, seed, top)
        clock = _lap(timings, "places", clock)
    paths, timings["paths"] = searched()
    largest = int(np.argmax(paths.component_size))
    size_l = int(paths.component_size[largest])
    norm = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    bc_norm = paths.betweenness * norm
    report = NetworkReport(
        nodes=n,
        edges=len(edges),
        mean_degree=2 * len(edges) / n,
        max_degree=int(deg.max()),
        components=len(paths.component_size),
        largest_component=size_l,
        largest_component_share=size_l / n,
        degree_histogram=_histogram(deg),
        power_law=fit,
        assortativity=struct.assortativity,
        transitivity=struct.transitivity,
        average_clustering=struct.average_clustering,
        mean_distance=paths.mean_distance(largest),
        top_betweenness=_top(graph, bc_norm, top, deg),
        seed=seed,
        source=graph.source,
        credit=graph.credit,
        counts=dict(graph.counts),
        engine=paths.engine,
        mean_distance_se=paths.mean_distance_se(largest),
        **places,
    )
    if paths.betweenness_se is not None and not paths.exact:
        for row, i in zip(report.top_betweenness, _order(bc_norm, top), strict=True):
            row["se"] = float(paths.betweenness_se[i] * norm)
    report.accuracy = accuracy(report, paths)
    report.timings = timings
    report.node_scores = {
        "degree": deg,
        "betweenness": bc_norm,
        "pagerank": struct.pagerank,
        "community": struct.membership,
    }
    return report


def _lap(timings: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    timings[name] = now - since
    return now


@contextmanager
def _alongside(
    search: Callable[..., PathFigures], *args: Any, **kwargs: Any
) -> Iterator[Callable[[], tuple[PathFigures, float]]]:
    """Run the breadth-first searches in a second thread while the block computes the rest.

    The compiled kernel releases the GIL, so on two cores the searches and the
    other figures (igraph's, the power law, the place figures: 0.3-0.5 s on
    the Wikipedia lists) overlap; the figures do not depend on it. Yields a
    function returning the figures and the seconds they took; the block's
    end waits for them. Without numba the searches run
    first, in this thread (igraph is not shared between threads here).
    """

    def timed() -> tuple[PathFigures, float]:
        start = time.perf_counter()
        figures = search(*args, **kwargs)
        return figures, time.perf_counter() - start

    if not HAVE_NUMBA:
        done = timed()
        yield lambda: done
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="network-paths") as pool:
        future = pool.submit(timed)
        yield future.result


def _place_figures(
    graph: TwinGraph, edges: np.ndarray, deg: np.ndarray, struct: Structure, seed: int, top: int
) -> dict[str, Any]:
    """The report's figures that do not need the searches (top lists, countries, distance)."""
    n = len(graph.nodes)
    return {
        "top_degree": _top(graph, deg / max(n - 1, 1), top, deg),
        "top_pagerank": _top(graph, struct.pagerank, top, deg),
        "communities": _communities(graph, struct.membership, struct.modularity, seed, top),
        "country_pairs": _country_pairs(graph, edges),
        "distance": geo.distance_decay(graph, edges),
        "tiers": geo.tier_mixing(graph, edges),
        "growth": geo.growth_by_year(graph),
    }


def _histogram(deg: np.ndarray) -> dict[int, int]:
    values, counts = np.unique(deg, return_counts=True)
    return {int(v): int(c) for v, c in zip(values, counts, strict=True)}


def accuracy(report: NetworkReport, paths: PathFigures) -> dict[str, Any]:
    """Which figures are exact, which are estimated, and their standard errors.

    Everything is exact except, when sources were sampled, betweenness (every
    node's, hence its top list) and the mean distance.
    """
    sampled = ["betweenness", "mean_distance"] if not paths.exact else []
    figures = [
        "nodes", "edges", "mean_degree", "max_degree", "components", "largest_component",
        "degree_histogram", "power_law", "assortativity", "transitivity", "average_clustering",
        "mean_distance", "betweenness", "pagerank", "communities", "country_pairs", "distance",
        "tiers", "growth",
    ]  # fmt: skip
    out: dict[str, Any] = {
        "exact": [f for f in figures if f not in sampled],
        "estimated": {},
        "sources": {"searched": paths.sources_used, "of": paths.sources_total},
    }
    if sampled:
        md = report.mean_distance
        rel = [r["se"] / r["score"] for r in report.top_betweenness if r.get("se") and r["score"]]
        out["estimated"] = {
            "mean_distance": {
                "standard_error": report.mean_distance_se,
                "relative": report.mean_distance_se / md if md else None,
            },
            "betweenness": {
                "standard_error": "per node, 'se' in the top list",
                "top_relative_max": max(rel) if rel else None,
            },
            "method": METHOD,
        }
    return out


def _order(score: np.ndarray, top: int) -> np.ndarray:
    return np.lexsort((np.arange(len(score)), -score))[:top]


def _top(graph: TwinGraph, score: np.ndarray, top: int, deg: np.ndarray) -> list[dict[str, Any]]:
    order = _order(score, top)
    return [
        {
            "key": graph.nodes[i].key,
            "name": graph.nodes[i].name,
            "country": geo.country_label(graph, int(i)),
            "degree": int(deg[i]),
            "score": float(score[i]),
        }
        for i in order
    ]


def _communities(
    graph: TwinGraph, membership: np.ndarray, modularity: float | None, seed: int, top: int
) -> dict[str, Any]:
    sizes = np.bincount(membership) if len(membership) else np.zeros(0, np.int64)
    largest = []
    for label in np.argsort(-sizes, kind="stable")[:top]:
        members = np.flatnonzero(membership == label)
        countries = {geo.country_label(graph, int(i)) for i in members}
        largest.append({"size": int(sizes[label]), "countries": len(countries)})
    return {
        "algorithm": "louvain (igraph community_multilevel)",
        "seed": seed,
        "count": len(sizes),
        "modularity": modularity,
        "largest": largest,
    }


def _country_pairs(graph: TwinGraph, edges: np.ndarray) -> list[dict[str, Any]]:
    """The whole country-pair matrix as a list, largest first."""
    pairs = geo.country_pairs(graph, edges)
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"a": a, "b": b, "edges": c} for (a, b), c in ranked]
