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

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sistercities.errors import InputError
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
    character_data,
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


def _pooled(cells: Iterable[Mapping[Pattern, float]]) -> dict[Pattern, float]:
    total: defaultdict[Pattern, float] = defaultdict(float)
    for data in cells:
        for pattern, weight in data.items():
            total[pattern] += weight
    return dict(total)


def _pool(
    with_data: Mapping[Cell, Mapping[Pattern, float]],
    without_data: Mapping[Cell, Mapping[Pattern, float]],
    cells: Iterable[Cell],
    coders: int,
) -> Pool:
    chosen = list(cells)
    return Pool(
        Figures.of(_pooled(with_data[cell] for cell in chosen), coders),
        Figures.of(_pooled(without_data[cell] for cell in chosen), coders),
    )


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
        raise InputError("name at least two different coders to compare", field="coders")
    span_list = list(spans)
    if codes is None:
        used = {s.code for s in span_list if s.coder in coder_list}
        codes = sorted(used, key=str)
    build = character_data if level == "character" else segment_data
    extra: dict[str, Any] = {} if level == "character" else {"threshold": threshold}
    with_data = build(span_list, lengths, coder_list, codes, uncoded=True, **extra)
    without_data = build(span_list, lengths, coder_list, codes, uncoded=False, **extra)
    n = len(coder_list)
    by_code: dict[Hashable, list[Cell]] = defaultdict(list)
    by_document: dict[Hashable, list[Cell]] = defaultdict(list)
    for cell in with_data:
        by_document[cell[0]].append(cell)
        by_code[cell[1]].append(cell)
    return AgreementReport(
        level=level,
        coders=tuple(coder_list),
        threshold=None if level == "character" else threshold,
        overall=_pool(with_data, without_data, with_data, n),
        by_code={str(c): _pool(with_data, without_data, by_code[c], n) for c in codes},
        by_document={str(d): _pool(with_data, without_data, by_document[d], n) for d in lengths},
    )
