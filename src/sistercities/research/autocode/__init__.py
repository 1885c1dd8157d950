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
returns :class:`Suggestion` records; :mod:`.models` and :mod:`.service` store
them as suggestions. Names load on first use, so that registering the tables
does not load NumPy.
"""

from __future__ import annotations

from sistercities.lazy import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "AutocodeRun": "runs",
        "Evaluation": "evaluation",
        "Score": "evaluation",
        "Suggestion": "texts",
        "Text": "texts",
        "Unit": "units",
        "run_examples": "runs",
        "run_terms": "runs",
        "score": "evaluation",
        "split_units": "units",
        "unit_labels": "evaluation",
    },
)
