"""Inter-coder agreement by the standard formulas, written out here.

- :mod:`.coefficients`: percent agreement, Cohen's kappa, Fleiss' kappa and
  Krippendorff's alpha (nominal, ordinal, interval, ratio) over weighted
  reliability data, undefined (``None`` with a reason) where the formula has
  no value;
- :mod:`.units`: coders' spans as character-level or segment-level units;
- :mod:`.report`: per code, per document and overall, with and without the
  text nobody coded.

Pure functions over plain data: nothing here touches storage.
"""

from __future__ import annotations

from sistercities.research.agreement.coefficients import (
    Coefficient,
    cohen_kappa,
    fleiss_kappa,
    from_rows,
    krippendorff_alpha,
    percent_agreement,
)
from sistercities.research.agreement.report import AgreementReport, compare_coders
from sistercities.research.agreement.units import CodedSpan, character_data, segment_data

__all__ = [
    "AgreementReport",
    "CodedSpan",
    "Coefficient",
    "character_data",
    "cohen_kappa",
    "compare_coders",
    "fleiss_kappa",
    "from_rows",
    "krippendorff_alpha",
    "percent_agreement",
    "segment_data",
]
