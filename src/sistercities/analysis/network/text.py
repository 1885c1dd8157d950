"""The network report as text a person can read, each figure with its formula.

Each line is a :class:`~sistercities.messages.Message` (English as ``str``,
what ``sistercities network --explain`` prints; translated on a Spanish web
page, its numbers in the reader's locale); the whole text is their
:class:`Joined` lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sistercities.messages import Joined, Message, Number
from sistercities.places.country_profiles import CITATION

if TYPE_CHECKING:
    from sistercities.analysis.network.report import NetworkReport

INDENT = "  "


def _fmt(value: Any, digits: int = 3) -> object:
    """A figure: ``n/a`` when there is none, a float to ``digits`` places, a count as it is."""
    if value is None:
        return Message("n/a")
    if isinstance(value, float):
        return Number(value, f".{digits}f")
    return value


def _pct(value: float | None) -> Message:
    if value is None:
        return Message("n/a")
    return Message("%(percent)s %%", percent=Number(100 * value, ".1f"))


def _count(value: int) -> Number:
    """A count with thousands separators (``12,345``)."""
    return Number(value, ",")


def _law(r: NetworkReport) -> Message:
    fit = r.power_law
    if not fit:
        return Message("n/a (too few nodes)")
    return Message(
        "alpha = %(alpha)s for k >= %(k_min)s (%(n_tail)s nodes, KS D = %(ks)s)",
        alpha=Number(fit.alpha, ".2f"),
        k_min=fit.k_min,
        n_tail=fit.n_tail,
        ks=Number(fit.ks, ".3f"),
    )


def _growth(r: NetworkReport) -> Message:
    if not r.growth:
        return Message("growth by year: no start years known")
    return Message(
        "growth by year: %(n)s years, %(first)s-%(last)s",
        n=len(r.growth),
        first=str(min(r.growth)),  # a year, not a quantity: no separators
        last=str(max(r.growth)),
    )


def summary_lines(r: NetworkReport) -> list[Message]:
    """One line per headline figure."""
    d = r.distance
    return [
        Message(
            "nodes %(nodes)s, edges %(edges)s, mean degree %(mean)s, max degree %(max)s",
            nodes=r.nodes,
            edges=r.edges,
            mean=Number(r.mean_degree, ".2f"),
            max=r.max_degree,
        ),
        Message(
            "components %(n)s; largest %(largest)s (%(share)s)",
            n=r.components,
            largest=r.largest_component,
            share=_pct(r.largest_component_share),
        ),
        Message("degree power law: %(law)s", law=_law(r)),
        Message(
            "assortativity %(assortativity)s; transitivity (global clustering) "
            "%(transitivity)s; average local clustering %(clustering)s",
            assortativity=_fmt(r.assortativity),
            transitivity=_fmt(r.transitivity),
            clustering=_fmt(r.average_clustering),
        ),
        _mean_distance(r),
        Message(
            "communities (Louvain, seed %(seed)s): %(count)s, modularity %(modularity)s",
            seed=str(r.seed),
            count=r.communities["count"],
            modularity=_fmt(r.communities["modularity"]),
        ),
        Message(
            "distance: %(measured)s edges measured (%(unmeasured)s without coordinates); "
            "under 500 km %(under_500)s, under 1,000 km %(under_1000)s, median %(median)s km",
            measured=d.measured,
            unmeasured=d.unmeasured,
            under_500=_pct(d.share_under_500),
            under_1000=_pct(d.share_under_1000),
            median=_fmt(d.median_km, 0),
        ),
        _growth(r),
    ]


def _mean_distance(r: NetworkReport) -> Message:
    mean = _fmt(r.mean_distance, 2)
    if not r.accuracy.get("estimated"):
        return Message("mean distance in the largest component %(mean)s", mean=mean)
    searched = r.accuracy["sources"]
    return Message(
        "mean distance in the largest component %(mean)s ± %(se)s (estimated from "
        "%(searched)s of %(of)s sources; --exact for all)",
        mean=mean,
        se=Number(r.mean_distance_se, ".2f"),
        searched=_count(searched["searched"]),
        of=_count(searched["of"]),
    )


def accuracy_lines(r: NetworkReport) -> list[Message | Joined]:
    """Which figures are exact and which estimated, with their errors."""
    estimated = r.accuracy.get("estimated") or {}
    if not estimated:
        return [Message("every figure is exact (every node searched)")]
    searched = r.accuracy["sources"]
    top = estimated["betweenness"]["top_relative_max"]
    method = estimated["method"]
    return [
        Message("exact: %(figures)s", figures=", ".join(r.accuracy["exact"])),
        Message(
            "estimated from breadth-first searches from %(searched)s of %(of)s kept nodes "
            "(%(method)s):",
            searched=_count(searched["searched"]),
            of=_count(searched["of"]),
            method=method,
        ),
        _line(
            Message(
                "mean distance %(mean)s, standard error %(se)s (%(relative)s)",
                mean=_fmt(r.mean_distance, 3),
                se=Number(r.mean_distance_se, ".3f"),
                relative=_pct(estimated["mean_distance"]["relative"]),
            )
        ),
        _line(
            Message(
                "betweenness of every node; in the top list, the standard error is beside "
                "each score (at most %(top)s of it); the order of close scores may differ",
                top=_pct(top),
            )
        ),
        _line(Message("run with --exact to search from every node (slower)")),
    ]


FORMULAS = [
    Message("mean degree = 2m / n; largest share = n_L / n"),
    Message(
        "mean distance = sum of d(s,t) over ordered pairs of the largest component / "
        "(n_L (n_L - 1))"
    ),
    Message("assortativity = Pearson correlation of the degrees at the two ends of each edge"),
    Message(
        "transitivity = 3 x triangles / connected triples (the 'clustering coefficient' KONECT "
        "reports); average clustering = mean over nodes of 2 t(v) / (k (k - 1)), 0 when k < 2"
    ),
    Message("betweenness = sum over pairs s<t of sigma_st(v)/sigma_st, x 2/((n-1)(n-2))"),
    Message("PageRank: damping 0.85, power iteration to L1 change < n x 1e-6"),
    Message(
        "power law: discrete MLE, k_min by smallest Kolmogorov-Smirnov distance "
        "(Clauset et al. 2009)"
    ),
    Message("modularity Q = sum over communities of L_c/m - (d_c/2m)^2"),
    Message("tier mixing: observed edges between income groups / m s_a s_b (x2 if a != b)"),
]


def _line(message: str) -> Joined:
    return Joined("", [INDENT, message])


def _top_line(x: dict[str, Any]) -> Joined:
    if "se" in x:
        score = Message(
            "%(score)s ± %(se)s, degree %(degree)s",
            score=Number(x["score"], ".4g"),
            se=Number(x["se"], ".2g"),
            degree=x["degree"],
        )
    else:
        score = Message(
            "%(score)s, degree %(degree)s", score=Number(x["score"], ".4g"), degree=x["degree"]
        )
    return Joined("", [INDENT, f"{x['name']} ({x['country']}): ", score])


def _top_lists(r: NetworkReport) -> list[str]:
    lines: list[str] = []
    for title, rows in (
        (Message("highest degree:"), r.top_degree),
        (Message("highest betweenness (normalised):"), r.top_betweenness),
        (Message("highest PageRank:"), r.top_pagerank),
    ):
        lines.append(title)
        lines += [_top_line(x) for x in rows]
    return lines


def _tier_lines(r: NetworkReport) -> list[str]:
    return [
        _line(
            Message(
                "%(key)s: %(observed)s / %(expected)s = %(ratio)s",
                key=key,
                observed=r.tiers.edges.get(key, 0),
                expected=Number(exp, ".0f"),
                ratio=_fmt(r.tiers.ratio(key), 2),
            )
        )
        for key, exp in r.tiers.expected.items()
    ]


def explain_report(r: NetworkReport) -> Joined:
    """Summary, top lists, country pairs, tier mixing, then formulas and sources."""
    lines: list[str] = [Message("Twinning network"), *(_line(s) for s in summary_lines(r))]
    lines += _top_lists(r)
    lines.append(Message("country pairs with most edges:"))
    lines += [_line(f"{p['a']}-{p['b']}: {p['edges']}") for p in r.country_pairs[:10]]
    lines.append(Message("tier mixing (observed / expected under random mixing):"))
    lines += _tier_lines(r)
    lines.append(Message("exact and estimated figures:"))
    lines += [_line(line) for line in accuracy_lines(r)]
    lines.append(Message("formulas:"))
    lines += [_line(f) for f in FORMULAS]
    if r.counts:
        lines.append(Message("built from %(counts)s", counts=r.counts))
    lines.append(Message("tiers: %(citation)s", citation=CITATION))
    if r.credit:
        lines.append(Message("data: %(credit)s", credit=r.credit))
    return Joined("\n", lines)
