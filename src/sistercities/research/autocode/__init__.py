"""Automatic coding that reports its own accuracy, offline.

- :mod:`.units`: sentences and paragraphs as code-point spans;
- :mod:`.terms`: coding by a codebook's indicative terms (whole words,
  lemma-aware, in the document's language);
- :mod:`.examples` and :mod:`.features`: coding by examples, a classifier per
  code learnt from human coding (TF-IDF over lemmas, or the optional
  sentence embeddings);
- :mod:`.evaluation`: precision, recall and F1 on units the method did not
  learn from, with the units behind each figure;
- :mod:`.runs`: one run, suggestions plus evaluation.

Everything here works on plain records (:class:`Text`, ``CodedSpan``) and
returns :class:`Suggestion` records; storing them is the operations' job.
"""

from __future__ import annotations

from sistercities.research.autocode.evaluation import Evaluation, Score, score, unit_labels
from sistercities.research.autocode.runs import AutocodeRun, run_examples, run_terms
from sistercities.research.autocode.texts import Suggestion, Text
from sistercities.research.autocode.units import Unit, split_units

__all__ = [
    "AutocodeRun",
    "Evaluation",
    "Score",
    "Suggestion",
    "Text",
    "Unit",
    "run_examples",
    "run_terms",
    "score",
    "split_units",
    "unit_labels",
]
