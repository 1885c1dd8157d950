"""The folded-tree Brandes kernel against networkx, exactly."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from sistercities.analysis.network.paths import HAVE_NUMBA, path_figures

ENGINES = [False, True] if HAVE_NUMBA else [False]


def _graphs() -> list[nx.Graph]:
    out = []
    for seed in range(8):
        g = nx.gnm_random_graph(40, 48, seed=seed)
        g.add_edges_from([(100, 101), (102, 103), (102, 104), (102, 105), (0, 106), (106, 107)])
        out.append(nx.convert_node_labels_to_integers(g))
    out += [nx.path_graph(6), nx.star_graph(5), nx.balanced_tree(2, 3), nx.cycle_graph(7)]
    return out


@pytest.mark.parametrize("use_numba", ENGINES)
@pytest.mark.parametrize("g", _graphs())
def test_betweenness_and_mean_distance_match_networkx(g: nx.Graph, use_numba: bool) -> None:
    n = g.number_of_nodes()
    f = path_figures(n, np.array(list(g.edges())), use_numba=use_numba)
    ref = nx.betweenness_centrality(g, normalized=False)
    assert np.allclose(f.betweenness, [ref[i] for i in range(n)], rtol=1e-12, atol=1e-9)
    for label, size in enumerate(f.component_size):
        if size > 1:
            nodes = np.flatnonzero(f.component == label).tolist()
            want = nx.average_shortest_path_length(g.subgraph(nodes))
            assert f.mean_distance(label) == pytest.approx(want, rel=1e-12)


def test_a_numba_that_cannot_be_imported_falls_back_to_igraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """numba installed but not importable (a numpy it does not support): the exact igraph path."""
    from sistercities.analysis.network import kernel

    monkeypatch.setattr(kernel, "HAVE_NUMBA", False)
    g = nx.balanced_tree(2, 3)
    f = path_figures(g.number_of_nodes(), np.array(list(g.edges())), use_numba=True)
    ref = nx.betweenness_centrality(g, normalized=False)
    assert np.allclose(f.betweenness, [ref[i] for i in range(g.number_of_nodes())])
    assert f.exact and f.engine == "igraph"


def test_single_node_has_no_mean_distance() -> None:
    f = path_figures(1, np.zeros((0, 2), dtype=np.int64))
    assert f.betweenness.tolist() == [0.0]
    assert f.mean_distance(0) is None


def test_path_of_four_by_hand() -> None:
    # 0-1-2-3: node 1 lies on (0,2), (0,3): 2; distances 1,2,3,1,2,1 -> 10 x 2 / 12
    f = path_figures(4, np.array([[0, 1], [1, 2], [2, 3]]))
    assert f.betweenness.tolist() == [0.0, 2.0, 2.0, 0.0]
    assert f.mean_distance(0) == pytest.approx(20 / 12)


def _large_graph() -> tuple[int, np.ndarray]:
    """A random graph whose 2-core has some 1,500 nodes, with trees hanging off it."""
    g = nx.gnm_random_graph(2000, 2600, seed=3)
    g.add_edges_from((v, 2000 + v) for v in range(0, 2000, 3))  # leaves: folded trees
    g.add_edges_from([(5000, 5001), (5001, 5002), (5002, 5000)])  # a small component
    g = nx.convert_node_labels_to_integers(g)
    return g.number_of_nodes(), np.array(list(g.edges()))


@pytest.mark.skipif(not HAVE_NUMBA, reason="sampling needs the compiled kernel")
def test_sampled_sources_estimate_within_their_stated_error() -> None:
    n, edges = _large_graph()
    exact = path_figures(n, edges)
    estimate = path_figures(n, edges, sources=300, seed=1)
    assert exact.exact and not estimate.exact
    assert estimate.sources_used < estimate.sources_total == exact.sources_total
    largest = int(np.argmax(exact.component_size))
    se = estimate.mean_distance_se(largest)
    assert 0 < se < 0.05 * exact.mean_distance(largest)  # type: ignore[operator]
    assert abs(estimate.mean_distance(largest) - exact.mean_distance(largest)) < 4 * se  # type: ignore[operator]
    assert estimate.betweenness_se is not None
    top = np.argsort(-exact.betweenness)[:10]
    error = np.abs(estimate.betweenness[top] - exact.betweenness[top])
    assert np.all(estimate.betweenness_se[top] > 0)
    assert np.all(error < 4 * estimate.betweenness_se[top])
    small = int(exact.component[n - 1])  # searched whole: exact, no error
    assert estimate.mean_distance(small) == exact.mean_distance(small) == 1.0
    assert estimate.mean_distance_se(small) == 0.0


@pytest.mark.skipif(not HAVE_NUMBA, reason="sampling needs the compiled kernel")
def test_as_many_sources_as_nodes_is_the_exact_search() -> None:
    n, edges = _large_graph()
    exact = path_figures(n, edges)
    everything = path_figures(n, edges, sources=n)
    assert everything.exact
    assert np.allclose(everything.betweenness, exact.betweenness, rtol=1e-12)
    assert everything.betweenness_se is not None and not everything.betweenness_se.any()


def _wikipedia_sample(shared_data: Path, pairs: int = 10_000) -> tuple[int, np.ndarray]:
    """The network of the first ``pairs`` rows of the Wikipedia lists (8,600 places)."""
    from sistercities.analysis.network.graph import build_graph
    from sistercities.analysis.network.wikipedia import load_wikipedia_pairs

    g = load_wikipedia_pairs(shared_data / "twin_cities_wikipedia_raw.csv")
    keep = {e.a for e in g.edges[:pairs]} | {e.b for e in g.edges[:pairs]}
    sub = build_graph([node for node in g.nodes if node.key in keep], g.edges[:pairs])
    return len(sub.nodes), sub.edge_array()


@pytest.mark.skipif(not HAVE_NUMBA, reason="sampling needs the compiled kernel")
def test_estimates_on_the_real_network_are_within_their_stated_error(shared_data: Path) -> None:
    """On real twinning data: each estimate near the exact value, and the stated error true.

    Twelve samples (seeds) of an eighth of the kept nodes: every mean distance
    within 3 standard errors of the exact one; the spread of the twelve
    estimates is the standard error they state (within sampling noise); and
    the ten most central places' betweenness within 2 standard errors in at
    least 80 % of the cases (95 % for a normal estimate; a place whose
    betweenness comes from few sources has a skewed one: 87 % here).
    """
    n, edges = _wikipedia_sample(shared_data)
    exact = path_figures(n, edges)
    largest = int(np.argmax(exact.component_size))
    truth = exact.mean_distance(largest)
    assert truth is not None
    top = np.argsort(-exact.betweenness)[:10]
    means, errors, z_top = [], [], []
    for seed in range(12):
        estimate = path_figures(n, edges, sources=exact.sources_total // 8, seed=seed)
        assert not estimate.exact and estimate.betweenness_se is not None
        mean, se = estimate.mean_distance(largest), estimate.mean_distance_se(largest)
        assert mean is not None and 0 < se < 0.02 * truth
        assert abs(mean - truth) < 3 * se
        means.append(mean)
        errors.append(se)
        error = estimate.betweenness[top] - exact.betweenness[top]
        z_top.append(error / estimate.betweenness_se[top])
    spread = float(np.std(means, ddof=1))
    assert 0.6 < spread / float(np.mean(errors)) < 1.6
    assert np.mean(np.abs(np.concatenate(z_top)) < 2) >= 0.8
