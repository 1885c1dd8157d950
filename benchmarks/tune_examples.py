"""Compare classifier settings for coding by examples on a sample of the benchmark corpus.

Run from the project root: ``python benchmarks/tune_examples.py`` (one line
per setting: CPU seconds, precision, recall, F1 on held-out documents).
"threshold 0.5" codes a unit when the probability is at least 0.5;
"tuned" is what ``run_examples`` does: each code's cut chosen for the best F1
on its training documents' inner folds.
50 documents of about 8,000 words from ``bench_workbench.paragraphs()``
(seed 1), 35 coded by the rule of ``bench_autocode.py`` (terms of
``builtin:000``, a quarter missed, a wrong code on one sentence in twenty).
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Hashable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sklearn.linear_model import SGDClassifier

import bench_workbench
from sistercities.research.agreement.units import CodedSpan
from sistercities.research.autocode import examples
from sistercities.research.autocode.runs import run_examples
from sistercities.research.autocode.terms import TermIndex, match_units
from sistercities.research.autocode.texts import Text
from sistercities.research.autocode.units import split_units
from sistercities.research.codebook.builtin_data import CODEBOOKS

SETTINGS: list[Any] = [
    (1e-5, None, "0.5"),
    (1e-5, None, "tuned"),
    (1e-4, None, "tuned"),
    (1e-5, "balanced", "0.5"),
    (1e-5, "balanced", "tuned"),
]


def corpus(rng: random.Random) -> list[Text]:
    pool = bench_workbench.paragraphs()
    texts = []
    for d in range(50):
        chosen: list[str] = []
        words = 0
        while words < 8000:
            paragraph = rng.choice(pool)
            chosen.append(paragraph)
            words += len(paragraph.split())
        texts.append(Text(d, "\n\n".join(chosen), "en"))
    return texts


def coding(texts: list[Text], rng: random.Random) -> list[CodedSpan]:
    codes = [c for c in CODEBOOKS["000"].codes if c.terms and not c.folder]
    terms: dict[Hashable, list[str]] = {c.path: list(c.terms) for c in codes}
    index = TermIndex.build(terms, "en")
    human = []
    for t in texts[:35]:
        units = split_units(t.document, t.text)
        found = match_units(t, units, index)
        for u in units:
            chosen = [c for c in found.get(u.index, {}) if rng.random() >= 0.25]
            if rng.random() < 0.05:
                chosen.append(rng.choice(list(terms)))
            human += [CodedSpan(t.document, c, "ana", u.start, u.end) for c in set(chosen)]
    return human


def classifier(alpha: float, weights: str | None) -> Any:
    def make(seed: int) -> Any:
        return SGDClassifier(loss="log_loss", alpha=alpha, class_weight=weights,
                             max_iter=1000, tol=1e-3, random_state=seed)  # fmt: skip

    return make


CHOOSE = examples.choose_threshold


def fixed(probabilities: Any, target: Any) -> float:
    return examples.THRESHOLD


def main() -> int:
    rng = random.Random(1)
    texts = corpus(rng)
    human = coding(texts, rng)
    print(f"{len(human)} codings", flush=True)
    for alpha, weights, cut in SETTINGS:
        examples._classifier = classifier(alpha, weights)
        examples.choose_threshold = CHOOSE if cut == "tuned" else fixed
        setting = f"{weights or 'unweighted'}, alpha {alpha:g}, threshold {cut}"
        start = time.process_time()
        o = run_examples(texts, human).evaluation.overall
        print(f"{setting}: CPU {time.process_time() - start:.1f} s, P {o.precision}, "
              f"R {o.recall}, F1 {o.f1}, suggested {o.suggested}, human {o.human}",
              flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
