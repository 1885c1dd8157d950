"""The network report as text a person can read, each figure with its formula."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sistercities.places.country_profiles import CITATION

if TYPE_CHECKING:
    from sistercities.analysis.network.report import NetworkReport


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} %"


def summary_lines(r: NetworkReport) -> list[str]:
    """One line per headline figure."""
    fit = r.power_law
    law = (
        f"alpha = {fit.alpha:.2f} for k >= {fit.k_min} ({fit.n_tail} nodes, KS D = {fit.ks:.3f})"
        if fit
        else "n/a (too few nodes)"
    )
    return [
        f"nodes {r.nodes}, edges {r.edges}, mean degree {r.mean_degree:.2f}, "
        f"max degree {r.max_degree}",
        f"components {r.components}; largest {r.largest_component} "
        f"({_pct(r.largest_component_share)})",
        f"degree power law: {law}",
        f"assortativity {_fmt(r.assortativity)}; transitivity (global clustering) "
        f"{_fmt(r.transitivity)}; average local clustering {_fmt(r.average_clustering)}",
        f"mean distance in the largest component {_fmt(r.mean_distance, 2)}" + _error(r),
        f"communities (Louvain, seed {r.seed}): {r.communities['count']}, "
        f"modularity {_fmt(r.communities['modularity'])}",
        f"distance: {r.distance.measured} edges measured ({r.distance.unmeasured} without "
        f"coordinates); under 500 km {_pct(r.distance.share_under_500)}, under 1,000 km "
        f"{_pct(r.distance.share_under_1000)}, median {_fmt(r.distance.median_km, 0)} km",
        "growth by year: "
        + (
            f"{len(r.growth)} years, {min(r.growth)}-{max(r.growth)}"
            if r.growth
            else "no start years known"
        ),
    ]


def _error(r: NetworkReport) -> str:
    if not r.accuracy.get("estimated"):
        return ""
    searched = r.accuracy["sources"]
    return (
        f" ± {r.mean_distance_se:.2f} (estimated from {searched['searched']:,} of "
        f"{searched['of']:,} sources; --exact for all)"
    )


def accuracy_lines(r: NetworkReport) -> list[str]:
    """Which figures are exact and which estimated, with their errors."""
    estimated = r.accuracy.get("estimated") or {}
    if not estimated:
        return ["every figure is exact (every node searched)"]
    searched = r.accuracy["sources"]
    top = estimated["betweenness"]["top_relative_max"]
    return [
        "exact: " + ", ".join(r.accuracy["exact"]),
        f"estimated from breadth-first searches from {searched['searched']:,} of "
        f"{searched['of']:,} kept nodes ({estimated['method']}):",
        f"  mean distance {_fmt(r.mean_distance, 3)}, standard error "
        f"{r.mean_distance_se:.3f} ({_pct(estimated['mean_distance']['relative'])})",
        "  betweenness of every node; in the top list, the standard error is beside each "
        f"score (at most {_pct(top)} of it); the order of close scores may differ",
        "  run with --exact to search from every node (slower)",
    ]


FORMULAS = [
    "mean degree = 2m / n; largest share = n_L / n",
    "mean distance = sum of d(s,t) over ordered pairs of the largest component / (n_L (n_L - 1))",
    "assortativity = Pearson correlation of the degrees at the two ends of each edge",
    "transitivity = 3 x triangles / connected triples (the 'clustering coefficient' KONECT "
    "reports); average clustering = mean over nodes of 2 t(v) / (k (k - 1)), 0 when k < 2",
    "betweenness = sum over pairs s<t of sigma_st(v)/sigma_st, x 2/((n-1)(n-2))",
    "PageRank: damping 0.85, power iteration to L1 change < n x 1e-6",
    "power law: discrete MLE, k_min by smallest Kolmogorov-Smirnov distance (Clauset et al. 2009)",
    "modularity Q = sum over communities of L_c/m - (d_c/2m)^2",
    "tier mixing: observed edges between income groups / m s_a s_b (x2 if a != b)",
]


def explain_report(r: NetworkReport) -> str:
    """Summary, top lists, country pairs, tier mixing, then formulas and sources."""
    lines = ["Twinning network", *("  " + s for s in summary_lines(r))]
    for title, rows in (
        ("highest degree", r.top_degree),
        ("highest betweenness (normalised)", r.top_betweenness),
        ("highest PageRank", r.top_pagerank),
    ):
        lines.append(f"{title}:")
        lines += [
            f"  {x['name']} ({x['country']}): {x['score']:.4g}"
            + (f" ± {x['se']:.2g}" if "se" in x else "")
            + f", degree {x['degree']}"
            for x in rows
        ]
    lines.append("country pairs with most edges:")
    lines += [f"  {p['a']}-{p['b']}: {p['edges']}" for p in r.country_pairs[:10]]
    lines.append("tier mixing (observed / expected under random mixing):")
    for key, exp in r.tiers.expected.items():
        lines.append(
            f"  {key}: {r.tiers.edges.get(key, 0)} / {exp:.0f} = {_fmt(r.tiers.ratio(key), 2)}"
        )
    lines.append("exact and estimated figures:")
    lines += ["  " + line for line in accuracy_lines(r)]
    lines.append("formulas:")
    lines += ["  " + f for f in FORMULAS]
    lines.append(f"built from {r.counts}" if r.counts else "")
    lines.append(f"tiers: {CITATION}")
    if r.credit:
        lines.append(f"data: {r.credit}")
    return "\n".join(line for line in lines if line)
