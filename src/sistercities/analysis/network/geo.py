"""Figures of the network that need places' attributes: countries, distance, tier, years.

- country-pair matrix: number of edges per unordered pair of countries
  (a country with itself = domestic twinning);
- distance decay: great-circle (haversine, R = 6371.0088 km) length of each edge
  whose two ends have coordinates; share under 500 km and under 1,000 km, median;
- core–periphery by development tier: edges per pair of World Bank income
  groups, against the count expected if edges joined stubs at random,
  ``E[a,b] = m * s_a * s_b`` (times 2 when a != b), ``s_a`` = share of edge ends
  in tier ``a``; ratio > 1 means the tiers twin with each other more than chance;
- growth by year: edges whose start year is known, per year and cumulative.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from sistercities.analysis.network.graph import TwinGraph
from sistercities.places.country_profiles import TIERS, country

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Great-circle distance in km (arrays or floats).

    >>> round(float(haversine_km(0.0, 0.0, 0.0, 1.0)), 1)
    111.2
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2) - np.radians(lon1)
    h = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


@dataclass(frozen=True)
class DistanceDecay:
    measured: int
    unmeasured: int
    share_under_500: float | None
    share_under_1000: float | None
    median_km: float | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def distance_decay(graph: TwinGraph, edges: np.ndarray) -> DistanceDecay:
    """Distance figures over the edges whose both ends have coordinates."""
    lat = np.array([np.nan if n.lat is None else n.lat for n in graph.nodes], dtype=float)
    lon = np.array([np.nan if n.lon is None else n.lon for n in graph.nodes], dtype=float)
    if len(edges) == 0:
        return DistanceDecay(0, 0, None, None, None)
    a, b = edges[:, 0], edges[:, 1]
    ok = ~(np.isnan(lat[a]) | np.isnan(lat[b]) | np.isnan(lon[a]) | np.isnan(lon[b]))
    km = haversine_km(lat[a[ok]], lon[a[ok]], lat[b[ok]], lon[b[ok]])
    if len(km) == 0:
        return DistanceDecay(0, len(edges), None, None, None)
    return DistanceDecay(
        int(ok.sum()),
        int((~ok).sum()),
        float(np.mean(km < 500)),
        float(np.mean(km < 1000)),
        float(np.median(km)),
    )


def country_label(graph: TwinGraph, i: int) -> str:
    """ISO code of node ``i``, or its country text in brackets when unresolved."""
    node = graph.nodes[i]
    return node.country or f"[{node.country_text or '?'}]"


def country_pairs(graph: TwinGraph, edges: np.ndarray) -> Counter[tuple[str, str]]:
    """Edges per unordered country pair."""
    labels = [country_label(graph, i) for i in range(len(graph.nodes))]
    pairs: Counter[tuple[str, str]] = Counter()
    for a, b in edges.tolist():
        x, y = labels[a], labels[b]
        pairs[(x, y) if x <= y else (y, x)] += 1
    return pairs


@dataclass(frozen=True)
class TierMixing:
    nodes: dict[str, int]
    mean_degree: dict[str, float]
    edges: dict[str, int]
    expected: dict[str, float]
    unclassified_edges: int

    def ratio(self, key: str) -> float | None:
        exp = self.expected.get(key, 0.0)
        return self.edges.get(key, 0) / exp if exp else None

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["ratio"] = {k: self.ratio(k) for k in self.expected}
        return out


def tier_mixing(graph: TwinGraph, edges: np.ndarray) -> TierMixing:
    """Core–periphery: how World Bank income groups twin with each other."""
    groups = []
    for node in graph.nodes:
        info = country(node.country)
        groups.append(info.income_group if info and info.income_group else "")
    deg = np.bincount(edges.ravel(), minlength=len(graph.nodes)) if len(edges) else None
    nodes = Counter(g for g in groups if g)
    degree_sum: Counter[str] = Counter()
    if deg is not None:
        for g, d in zip(groups, deg.tolist(), strict=True):
            degree_sum[g] += d
    mean_degree = {t: degree_sum[t] / nodes[t] for t in TIERS if nodes[t] and deg is not None}
    rank = {tier: i for i, tier in enumerate(TIERS)}
    counts: Counter[str] = Counter()
    unclassified = 0
    for a, b in edges.tolist():
        ga, gb = groups[a], groups[b]
        if not ga or not gb:
            unclassified += 1
            continue
        counts[f"{ga}-{gb}" if rank[ga] <= rank[gb] else f"{gb}-{ga}"] += 1
    return TierMixing(dict(nodes), mean_degree, dict(counts), _expected(counts), unclassified)


def _expected(counts: Counter[str]) -> dict[str, float]:
    m = sum(counts.values())
    stubs: Counter[str] = Counter()
    for key, c in counts.items():
        x, y = key.split("-")
        stubs[x] += c
        stubs[y] += c
    share = {t: stubs[t] / (2 * m) for t in TIERS} if m else {}
    out: dict[str, float] = {}
    for i, x in enumerate(TIERS):
        for y in TIERS[i:]:
            if m and share[x] and share[y]:
                out[f"{x}-{y}"] = m * share[x] * share[y] * (1 if x == y else 2)
    return out


def growth_by_year(graph: TwinGraph) -> dict[int, int]:
    """Edges per start year (only edges whose year is known), in year order."""
    years = Counter(e.year for e in graph.edges if e.year is not None and e.a != e.b)
    return dict(sorted(years.items()))
