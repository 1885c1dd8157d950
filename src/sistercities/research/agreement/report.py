"""Agreement between coders per code, per document and overall.

The units of :mod:`.units` (characters, or matched segments) are pooled:
per code over all documents, per document over all codes, overall over
every (document, code). Pooling adds the units up before any coefficient is
computed (it is not an average of per-cell figures), so a long document
weighs as much as its characters.

Every figure is given twice: ``with_uncoded`` (the text nobody coded counts
as agreement, NVivo's convention) and ``without_uncoded`` (it does not);
see :mod:`.units` for what each means at each level. The codes compared are
those given, or else every code one of the coders used; a code nobody used
in a document still adds that document's characters to the figures with
the uncoded text.

``kappa`` is Cohen's kappa for two coders and Fleiss' kappa for more (both
are always given under their own names too, Cohen's as undefined for more
than two coders).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.research.agreement.coefficients import (
    Coefficient,
    Pattern,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
)
from sistercities.research.agreement.units import (
    DEFAULT_THRESHOLD,
    Cell,
    CodedSpan,
    PatternTable,
    character_table,
    segment_data,
)

AgreementLevel = Literal["character", "segment"]
TWO_CODERS_ONLY = "undefined: Cohen's kappa is for two coders"


@dataclass(frozen=True)
class Figures:
    """Percent agreement, the kappas and nominal alpha on one pool of units."""

    percent: Coefficient
    cohen_kappa: Coefficient
    fleiss_kappa: Coefficient
    alpha: Coefficient
    units: float
    coders: int

    @classmethod
    def of(cls, data: Mapping[Pattern, float], coders: int) -> Figures:
        if coders == 2:
            cohen = cohen_kappa(data)
        else:
            cohen = Coefficient("cohen_kappa", None, 0.0, TWO_CODERS_ONLY)
        return cls(
            percent=percent_agreement(data),
            cohen_kappa=cohen,
            fleiss_kappa=fleiss_kappa(data),
            alpha=krippendorff_alpha(data, "nominal"),
            units=float(sum(data.values())),
            coders=coders,
        )

    @property
    def kappa(self) -> Coefficient:
        return self.cohen_kappa if self.coders == 2 else self.fleiss_kappa

    def to_dict(self, unit_name: str) -> dict[str, Any]:
        figures = {
            "percent": self.percent,
            "kappa": self.kappa,
            "cohen_kappa": self.cohen_kappa,
            "fleiss_kappa": self.fleiss_kappa,
            "alpha": self.alpha,
        }
        out: dict[str, Any] = {name: c.value for name, c in figures.items()}
        out[unit_name] = int(self.units)
        out["undefined"] = {name: c.reason for name, c in figures.items() if c.value is None}
        return out


@dataclass(frozen=True)
class Pool:
    """One row of the report: the figures with and without the uncoded text."""

    with_uncoded: Figures
    without_uncoded: Figures

    def to_dict(self, unit_name: str) -> dict[str, Any]:
        out = self.with_uncoded.to_dict(unit_name)
        out["without_uncoded"] = self.without_uncoded.to_dict(unit_name)
        return out


@dataclass(frozen=True)
class AgreementReport:
    """Agreement per code, per document and overall (see the module docstring)."""

    level: AgreementLevel
    coders: tuple[str, ...]
    threshold: float | None
    overall: Pool
    by_code: dict[str, Pool]
    by_document: dict[str, Pool]

    @property
    def unit_name(self) -> str:
        return "characters" if self.level == "character" else "segments"

    def to_dict(self) -> dict[str, Any]:
        unit = self.unit_name
        return {
            "level": self.level,
            "coders": list(self.coders),
            "threshold": self.threshold,
            "kappa": "cohen" if len(self.coders) == 2 else "fleiss",
            "overall": self.overall.to_dict(unit),
            "by_code": {k: v.to_dict(unit) for k, v in self.by_code.items()},
            "by_document": {k: v.to_dict(unit) for k, v in self.by_document.items()},
        }


def _pool(table: PatternTable, weights: Any, coders: int) -> Pool:
    """The figures on ``weights`` (one per pattern: cells already added up)."""
    return Pool(
        Figures.of(table.pooled(weights, uncoded=True), coders),
        Figures.of(table.pooled(weights, uncoded=False), coders),
    )


def _segment_table(data: Mapping[Cell, Mapping[Pattern, float]], lengths: Mapping[Hashable, int],
                   codes: Sequence[Hashable], coders: int) -> PatternTable:  # fmt: skip
    import numpy as np

    empty: Pattern = tuple(0 for _ in range(coders))
    patterns = [empty, *sorted({p for cell in data.values() for p in cell} - {empty})]
    column = {p: i for i, p in enumerate(patterns)}
    documents = list(lengths)
    weights = np.zeros((len(documents), len(codes), len(patterns)))
    for d, document in enumerate(documents):
        for c, code in enumerate(codes):
            for pattern, weight in data[(document, code)].items():
                weights[d, c, column[pattern]] = weight
    return PatternTable(documents, list(codes), patterns, weights)


def compare_coders(
    spans: Iterable[CodedSpan],
    lengths: Mapping[Hashable, int],
    coders: Sequence[str],
    codes: Sequence[Hashable] | None = None,
    *,
    level: AgreementLevel = "character",
    threshold: float = DEFAULT_THRESHOLD,
) -> AgreementReport:
    """Agreement of ``coders`` on the documents of ``lengths`` (name → characters).

    >>> spans = [CodedSpan("d", "c", "A", 0, 200), CodedSpan("d", "c", "B", 150, 200)]
    >>> report = compare_coders(spans, {"d": 1000}, ["A", "B"])
    >>> report.overall.with_uncoded.percent.value, report.overall.without_uncoded.percent.value
    (0.85, 0.25)
    """
    coder_list = list(dict.fromkeys(coders))
    if len(coder_list) < 2:
        raise InputError(Message("name at least two different coders to compare"), field="coders")
    span_list = list(spans)
    if codes is None:
        used = {s.code for s in span_list if s.coder in coder_list}
        codes = sorted(used, key=str)
    if level == "character":
        table = character_table(span_list, lengths, coder_list, codes)
    else:
        data = segment_data(span_list, lengths, coder_list, codes, threshold=threshold)
        table = _segment_table(data, lengths, codes, len(coder_list))
    n = len(coder_list)
    weights = table.weights
    return AgreementReport(
        level=level,
        coders=tuple(coder_list),
        threshold=None if level == "character" else threshold,
        overall=_pool(table, weights.sum(axis=(0, 1)), n),
        by_code={
            str(c): _pool(table, w, n) for c, w in zip(codes, weights.sum(axis=0), strict=True)
        },
        by_document={
            str(d): _pool(table, w, n) for d, w in zip(lengths, weights.sum(axis=1), strict=True)
        },
    )
