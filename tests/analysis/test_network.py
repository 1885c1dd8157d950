"""The network report: by hand on small graphs, against networkx on the real data."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from network_reference import compare, reference_figures
from sistercities.analysis.network.figures import fit_power_law, pagerank
from sistercities.analysis.network.graph import NetEdge, NetNode, build_graph
from sistercities.analysis.network.report import network_report
from sistercities.errors import InputError
from sistercities.interchange.graph_export import export_graph


def _triangle_with_tail():  # type: ignore[no-untyped-def]
    # a-b-c triangle, c-d tail; a and b in France, c Germany, d Poland (coordinates for a, b)
    nodes = [
        NetNode("a", "A", "FR", lat=48.0, lon=2.0),
        NetNode("b", "B", "FR", lat=48.0, lon=3.0),
        NetNode("c", "C", "DE"),
        NetNode("d", "D", "PL"),
    ]
    pairs = [
        NetEdge("a", "b", 1960),
        NetEdge("b", "c", 1970),
        NetEdge("a", "c"),
        NetEdge("c", "d"),
        NetEdge("d", "c"),
        NetEdge("d", "d"),
    ]
    return build_graph(nodes, pairs)


def test_small_graph_by_hand() -> None:
    g = _triangle_with_tail()
    assert g.counts == {"rows": 6, "self_pairs": 1, "duplicates": 1, "edges": 4}
    r = network_report(g)
    assert (r.nodes, r.edges, r.components, r.max_degree) == (4, 4, 1, 3)
    assert r.mean_degree == 2.0
    # triangles: 1; connected triples: c has 3 pairs, a 1, b 1 -> 3 x 1 / 5
    assert r.transitivity == pytest.approx(3 / 5)
    # local: a 1, b 1, c 1/3, d 0 -> mean 7/12
    assert r.average_clustering == pytest.approx(7 / 12)
    # distances: ab1 ac1 ad2 bc1 bd2 cd1 -> 8 x 2 / 12
    assert r.mean_distance == pytest.approx(16 / 12)
    # c lies on a-d and b-d: 2, normalised by (3 x 2)/2 = 3
    assert r.top_betweenness[0]["name"] == "C"
    assert r.top_betweenness[0]["score"] == pytest.approx(2 / 3)
    assert r.country_pairs[0] == {"a": "DE", "b": "FR", "edges": 2}
    assert r.distance.measured == 1 and r.distance.unmeasured == 3
    assert r.distance.share_under_500 == 1.0
    assert r.growth == {1960: 1, 1970: 1}


def test_one_node_graph_is_a_clear_answer() -> None:
    r = network_report(build_graph([NetNode("a", "A")], []))
    assert (r.nodes, r.edges, r.mean_distance, r.assortativity) == (1, 0, None, None)
    assert "nodes 1, edges 0" in r.explain()


def test_empty_graph_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="empty"):
        network_report(build_graph([], []))


def test_pagerank_matches_networkx() -> None:
    g = nx.karate_club_graph()
    mine = pagerank(34, __import__("numpy").array(list(g.edges())))
    ref = nx.pagerank(g, weight=None)
    assert max(abs(mine[i] - ref[i]) for i in range(34)) < 1e-12


def test_power_law_recovers_exponent() -> None:
    import numpy as np

    rng = np.random.default_rng(1)
    sample = np.floor(rng.pareto(1.5, 20000) + 1).astype(int)  # tail exponent ~2.5
    fit = fit_power_law(sample)
    assert fit is not None and 2.2 < fit.alpha < 2.8
    assert fit_power_law(np.array([1, 2, 3])) is None


def test_hurwitz_zeta_matches_scipy() -> None:
    """The power law's normaliser, computed by hand, is SciPy's to rounding."""
    import numpy as np
    from scipy.special import zeta

    from sistercities.analysis.network.powerlaw import hurwitz_zeta

    q = np.array([1.0, 2.0, 3.0, 7.0, 10.0, 33.5, 100.0, 1000.0, 1e5])
    for s in np.linspace(1.01, 6.0, 25):
        assert np.allclose(hurwitz_zeta(float(s), q), zeta(s, q), rtol=1e-14, atol=0)
    assert hurwitz_zeta(2.0, 1.0) == pytest.approx(np.pi**2 / 6, rel=1e-15)


def test_power_law_alpha_maximises_the_likelihood() -> None:
    import numpy as np
    from scipy.special import zeta

    rng = np.random.default_rng(7)
    sample = np.floor(rng.pareto(2.0, 5000) + 1).astype(int)
    fit = fit_power_law(sample)
    assert fit is not None
    tail = sample[sample >= fit.k_min].astype(float)

    def log_likelihood(alpha: float) -> float:
        return float(-alpha * np.log(tail).sum() - len(tail) * np.log(zeta(alpha, fit.k_min)))

    best = log_likelihood(fit.alpha)
    assert best > log_likelihood(fit.alpha - 1e-4)
    assert best > log_likelihood(fit.alpha + 1e-4)


def test_export_graphml_and_gexf(tmp_path: Path) -> None:
    g = _triangle_with_tail()
    r = network_report(g)
    for fmt in ("graphml", "gexf"):
        path = export_graph(g, tmp_path / f"net.{fmt}", fmt, r.node_scores)
        back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
        assert back.number_of_nodes() == 4 and back.number_of_edges() == 4
    with pytest.raises(InputError):
        export_graph(g, tmp_path / "x", "svg")


@pytest.mark.slow
def test_real_data_matches_networkx(shared_data: Path) -> None:
    from sistercities.analysis.network.wikipedia import load_wikipedia_pairs

    g = load_wikipedia_pairs(shared_data / "twin_cities_wikipedia_raw.csv")
    # a connected sample of the real network keeps networkx quick
    import numpy as np

    keep = {e.a for e in g.edges[:3000]} | {e.b for e in g.edges[:3000]}
    sub = build_graph([n for n in g.nodes if n.key in keep], g.edges[:3000])
    r = network_report(sub, seed=1)
    ref = reference_figures(sub, seed=1)
    rows = {row["figure"]: row for row in compare(r, ref)}
    for key in ("nodes", "edges", "components", "max_degree", "largest_component_share"):
        assert rows[key]["abs_diff"] == 0
    for key in (
        "mean_degree",
        "assortativity",
        "transitivity",
        "average_clustering",
        "mean_distance",
        "betweenness per node",
        "pagerank per node",
    ):
        assert rows[key]["abs_diff"] < 1e-9, key
    assert rows["modularity"]["abs_diff"] < 0.05  # two Louvain implementations
    assert np.isclose(r.mean_degree, 2 * r.edges / r.nodes)


@pytest.mark.slow
def test_full_real_network_kernel_matches_igraph(shared_data: Path) -> None:
    """The folded kernel against igraph's plain Brandes on the whole Wikipedia network."""
    import numpy as np

    from sistercities.analysis.network.paths import HAVE_NUMBA, path_figures
    from sistercities.analysis.network.wikipedia import load_wikipedia_pairs

    if not HAVE_NUMBA:
        pytest.skip("numba not installed: the report already uses igraph")
    g = load_wikipedia_pairs(shared_data / "twin_cities_wikipedia_raw.csv")
    edges = g.edge_array()
    fast = path_figures(len(g.nodes), edges, use_numba=True)
    plain = path_figures(len(g.nodes), edges, use_numba=False)
    assert np.allclose(fast.betweenness, plain.betweenness, rtol=1e-9, atol=1e-6)
    largest = int(np.argmax(fast.component_size))
    assert fast.mean_distance(largest) == pytest.approx(plain.mean_distance(largest), rel=1e-12)


def test_a_large_network_says_which_figures_are_estimated_and_how_well() -> None:
    from sistercities.analysis.network.paths import HAVE_NUMBA

    if not HAVE_NUMBA:
        pytest.skip("sampling needs the compiled kernel")
    g = nx.gnm_random_graph(3000, 4000, seed=5)
    nodes = [NetNode(str(v), f"place {v}") for v in g.nodes]
    graph = build_graph(nodes, [NetEdge(str(a), str(b)) for a, b in g.edges])
    r = network_report(graph, sources=300)
    assert set(r.accuracy["estimated"]) == {"mean_distance", "betweenness", "method"}
    assert "betweenness" not in r.accuracy["exact"] and "pagerank" in r.accuracy["exact"]
    assert 0 < r.mean_distance_se < 0.05 * r.mean_distance  # type: ignore[operator]
    assert all(row["se"] > 0 for row in r.top_betweenness)
    text = r.explain()
    assert "estimated from breadth-first searches" in text and "--exact" in text
    exact = network_report(graph, exact=True)
    assert exact.accuracy["estimated"] == {} and exact.mean_distance_se == 0.0
    assert "every figure is exact" in exact.explain()
    assert abs(r.mean_distance - exact.mean_distance) < 4 * r.mean_distance_se  # type: ignore[operator]
