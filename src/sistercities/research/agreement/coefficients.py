"""Agreement coefficients over reliability data, by the published formulas.

Reliability data
----------------
Following Krippendorff, *reliability data* are ``m`` coders' values for ``N``
units. Here they are a mapping from a **pattern** (one value per coder, in
a fixed coder order; ``None`` where a coder gave no value) to its **weight**
(how many units show that pattern). Coding a text character by character
gives millions of units but only a handful of patterns, so every formula
below works on weighted patterns and costs nothing more for a long text.

Undefined, never made up
------------------------
Each coefficient divides by the disagreement expected by chance. When every
value is the same (no variation), that is zero and the coefficient is
**undefined**: it is returned as ``value=None`` with the reason in words,
never as 0 or 1. Units that cannot be paired (fewer than two values) are left
out and counted in ``units``.

References
----------
- Cohen, J. (1960). A coefficient of agreement for nominal scales.
  *Educational and Psychological Measurement* 20(1), 37-46.
- Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
  *Psychological Bulletin* 76(5), 378-382.
- Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability.
  Annenberg School for Communication, University of Pennsylvania.
- Krippendorff, K. (2019). *Content Analysis: An Introduction to Its
  Methodology*, 4th ed., ch. 12. SAGE.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Value = Hashable
Pattern = tuple[Value | None, ...]
ReliabilityData = Mapping[Pattern, float]
Level = Literal["nominal", "ordinal", "interval", "ratio"]

NO_VARIATION = "undefined: every value is the same, so there is no variation to agree on"


@dataclass(frozen=True)
class Coefficient:
    """One agreement figure: ``value`` is ``None`` when undefined, and ``reason`` says why.

    ``units`` is the (weighted) number of units the figure rests on.
    """

    name: str
    value: float | None
    units: float
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "units": self.units, "reason": self.reason}


def from_rows(rows: Sequence[Sequence[Value | None]]) -> dict[Pattern, float]:
    """Reliability data from a coders-by-units matrix (one row per coder, ``None`` = missing).

    >>> from_rows([[1, 1, 2], [1, 1, None]])
    {(1, 1): 2.0, (2, None): 1.0}
    """
    if not rows:
        return {}
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ValueError("every coder needs one value (or None) per unit")
    counts: Counter[Pattern] = Counter(tuple(row[u] for row in rows) for u in range(width))
    return {pattern: float(n) for pattern, n in counts.items()}


def _values(pattern: Pattern) -> list[Value]:
    return [v for v in pattern if v is not None]


def _pairable(data: ReliabilityData) -> Iterable[tuple[list[Value], float]]:
    for pattern, weight in data.items():
        values = _values(pattern)
        if len(values) >= 2 and weight > 0:
            yield values, weight


def percent_agreement(data: ReliabilityData) -> Coefficient:
    """Share of units on which every coder who gave a value gave the same one.

    ``A = (units where all values agree) / (units with at least two values)``,
    from 0 to 1. For two coders on binary character data this is the figure
    NVivo reports: (characters both coded + characters neither coded) / all.

    >>> percent_agreement(from_rows([[1, 1, 0, 0], [1, 0, 0, 0]])).value
    0.75
    """
    agree = total = 0.0
    for values, weight in _pairable(data):
        total += weight
        if len(set(values)) == 1:
            agree += weight
    if total == 0:
        return Coefficient("percent", None, 0.0, "undefined: no unit has values from two coders")
    return Coefficient("percent", agree / total, total)


def cohen_kappa(data: ReliabilityData) -> Coefficient:
    """Cohen's kappa for two coders: ``κ = (p_o − p_e) / (1 − p_e)``.

    ``p_o`` is the observed share of agreement and ``p_e = Σ_k p_1k · p_2k``
    the agreement expected from each coder's own distribution of values
    (Cohen 1960). Units where either coder gave no value are left out.
    Undefined when ``p_e = 1`` (both coders always gave one and the same
    value). Equal to scikit-learn's ``cohen_kappa_score``.

    >>> round(cohen_kappa(from_rows([[1, 1, 0, 0], [1, 0, 0, 0]])).value, 3)
    0.5
    """
    if any(len(pattern) != 2 for pattern in data):
        raise ValueError("Cohen's kappa is for two coders; use Fleiss' kappa or alpha for more")
    total = observed = 0.0
    first: defaultdict[Value, float] = defaultdict(float)
    second: defaultdict[Value, float] = defaultdict(float)
    for (a, b), weight in data.items():
        if a is None or b is None or weight <= 0:
            continue
        total += weight
        observed += weight if a == b else 0.0
        first[a] += weight
        second[b] += weight
    if total == 0:
        return Coefficient("cohen_kappa", None, 0.0, "undefined: no unit coded by both coders")
    p_o = observed / total
    p_e = sum(first[k] * second[k] for k in first) / (total * total)
    if p_e >= 1.0:
        return Coefficient("cohen_kappa", None, total, NO_VARIATION)
    return Coefficient("cohen_kappa", (p_o - p_e) / (1.0 - p_e), total)


def fleiss_kappa(data: ReliabilityData) -> Coefficient:
    """Fleiss' kappa for ``n`` coders who each coded every unit.

    With ``n_ij`` the number of coders who gave unit ``i`` value ``j`` and
    ``N`` units: ``P_i = (Σ_j n_ij² − n) / (n(n − 1))``, ``P̄ = mean P_i``,
    ``p_j = Σ_i n_ij / (N n)``, ``P̄_e = Σ_j p_j²``, and
    ``κ = (P̄ − P̄_e) / (1 − P̄_e)`` (Fleiss 1971). Fleiss' formula needs the
    same number of values on every unit, so units with a missing value are
    left out (alpha handles them). Undefined when ``P̄_e = 1``.

    >>> round(fleiss_kappa(from_rows([[1, 1, 0, 0], [1, 0, 0, 0], [1, 1, 0, 1]])).value, 3)
    0.333
    """
    total = agreement = 0.0
    shares: defaultdict[Value, float] = defaultdict(float)
    raters = 0
    for pattern, weight in data.items():
        if any(v is None for v in pattern) or weight <= 0:
            continue
        raters = len(pattern)
        counts = Counter(pattern)
        agreement += (
            weight * (sum(c * c for c in counts.values()) - raters) / (raters * (raters - 1))
        )
        for value, count in counts.items():
            shares[value] += weight * count
        total += weight
    if total == 0 or raters < 2:
        return Coefficient("fleiss_kappa", None, 0.0, "undefined: no unit coded by every coder")
    p_bar = agreement / total
    p_e = sum((s / (total * raters)) ** 2 for s in shares.values())
    if p_e >= 1.0:
        return Coefficient("fleiss_kappa", None, total, NO_VARIATION)
    return Coefficient("fleiss_kappa", (p_bar - p_e) / (1.0 - p_e), total)


def coincidences(data: ReliabilityData) -> dict[tuple[Value, Value], float]:
    """Krippendorff's coincidence matrix ``o_ck``.

    Each unit ``u`` with ``m_u ≥ 2`` values contributes, for every ordered
    pair of values from two different coders, ``1 / (m_u − 1)`` to the cell
    of that pair; so each pairable value counts once in total.

    >>> sorted(coincidences(from_rows([[1, 2], [1, 2]])).items())
    [((1, 1), 2.0), ((2, 2), 2.0)]
    """
    matrix: defaultdict[tuple[Value, Value], float] = defaultdict(float)
    for values, weight in _pairable(data):
        share = weight / (len(values) - 1)
        counts = Counter(values)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                if pairs:
                    matrix[(c, k)] += pairs * share
    return dict(matrix)


def _delta(level: Level, marginals: dict[Value, float]) -> Any:
    """The squared difference function ``δ²_ck`` of Krippendorff (2011) for a level."""
    order = sorted(marginals, key=lambda v: float(v))  # type: ignore[arg-type]
    rank = {v: i for i, v in enumerate(order)}
    cumulative = [0.0]
    for v in order:
        cumulative.append(cumulative[-1] + marginals[v])

    def ordinal(c: Value, k: Value) -> float:
        lo, hi = sorted((rank[c], rank[k]))
        between = cumulative[hi + 1] - cumulative[lo]
        return (between - (marginals[c] + marginals[k]) / 2.0) ** 2

    def interval(c: Value, k: Value) -> float:
        return (float(c) - float(k)) ** 2  # type: ignore[arg-type]

    def ratio(c: Value, k: Value) -> float:
        c_f, k_f = float(c), float(k)  # type: ignore[arg-type]
        return 0.0 if c_f + k_f == 0 else ((c_f - k_f) / (c_f + k_f)) ** 2

    return {"ordinal": ordinal, "interval": interval, "ratio": ratio}[level]


def krippendorff_alpha(data: ReliabilityData, level: Level = "nominal") -> Coefficient:
    """Krippendorff's alpha: ``α = 1 − D_o / D_e``, any number of coders, missing values allowed.

    From the coincidence matrix ``o_ck`` (:func:`coincidences`), with
    ``n_c = Σ_k o_ck`` and ``n = Σ_c n_c`` pairable values::

        α = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck

    ``δ²`` is the level's difference (Krippendorff 2011): nominal 0 if
    ``c = k`` else 1; ordinal ``(Σ_{g=c..k} n_g − (n_c + n_k)/2)²``; interval
    ``(c − k)²``; ratio ``((c − k)/(c + k))²``. 1 is perfect agreement, 0 what
    chance would give; it can be negative. Undefined when the expected
    disagreement is zero (one value only).

    >>> round(krippendorff_alpha(from_rows([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    ...                                      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]])).value, 3)
    0.095
    """
    name = f"krippendorff_alpha_{level}"
    matrix = coincidences(data)
    marginals: defaultdict[Value, float] = defaultdict(float)
    for (c, _k), o in matrix.items():
        marginals[c] += o
    n = sum(marginals.values())
    if n == 0:
        return Coefficient(name, None, 0.0, "undefined: no unit has values from two coders")
    units = sum(w for _values_, w in _pairable(data))
    if level == "nominal":
        observed = sum(o for (c, k), o in matrix.items() if c != k)
        expected = (n * n - sum(m * m for m in marginals.values())) / (n - 1)
    else:
        delta = _delta(level, dict(marginals))
        observed = sum(o * delta(c, k) for (c, k), o in matrix.items() if c != k)
        expected = sum(
            marginals[c] * marginals[k] * delta(c, k)
            for c in marginals
            for k in marginals
            if c != k
        ) / (n - 1)
    if expected <= 0:
        return Coefficient(name, None, units, NO_VARIATION)
    return Coefficient(name, 1.0 - observed / expected, units)
