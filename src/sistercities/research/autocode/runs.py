"""One automatic-coding run: its suggestions, and how well it did against human coding.

:func:`run_terms` codes every unit by the codebook's indicative terms and is
judged on every unit of the human-coded documents (terms learn nothing from
them). :func:`run_examples` learns from the human-coded documents, is judged
on units it did not learn from (:func:`.examples.folds`), and suggests codes
for the documents nobody coded. The suggestions on judged units are marked
``judged``: the evaluation is exactly what they and the human coding give.
Both return an :class:`AutocodeRun`; ``to_dict`` is the ``--json`` answer of
``research autocode``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from sistercities.errors import InputError
from sistercities.messages import Message
from sistercities.research.agreement.units import CodedSpan
from sistercities.research.autocode import examples
from sistercities.research.autocode.evaluation import (
    TOO_LITTLE,
    Evaluation,
    UnitKey,
    score,
    unit_labels,
)
from sistercities.research.autocode.features import FeatureKind, count_words, embed, tfidf
from sistercities.research.autocode.terms import code_by_terms
from sistercities.research.autocode.texts import Suggestion, Text
from sistercities.research.autocode.units import Unit, UnitKind, split_units
from sistercities.research.autocode.words import span_lemmas

THRESHOLDS_CHOSEN = (
    "each code's probability threshold chosen for the best F1 on its training documents "
    f"(inner {examples.INNER_FOLDS}-fold over them), never on the documents judged"
)


@dataclass(frozen=True)
class AutocodeRun:
    """What a run suggested, how it was judged, and what it could not learn."""

    method: str
    suggestions: list[Suggestion]
    evaluation: Evaluation
    trained_on: int
    held_out: int
    not_learnt: dict[str, str] = field(default_factory=dict)
    judged_documents: tuple[Hashable, ...] = ()
    thresholds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "suggestions": len(self.suggestions),
            "evaluation": self.evaluation.to_dict(),
            "method": self.method,
            "trained_on": self.trained_on,
            "held_out": self.held_out,
            "not_learnt": dict(self.not_learnt),
            "judged_documents": list(self.judged_documents),
            "thresholds": dict(self.thresholds),
        }


def _codes_of(human: Sequence[CodedSpan], codes: Iterable[Hashable] | None) -> list[Hashable]:
    if codes is not None:
        return list(dict.fromkeys(codes))
    return sorted({s.code for s in human}, key=str)


def run_terms(
    texts: Sequence[Text],
    terms: Mapping[Hashable, Sequence[str]],
    human: Iterable[CodedSpan] = (),
    unit: UnitKind = "sentence",
) -> AutocodeRun:
    """Code by terms, judged against ``human`` coding on the documents it covers."""
    if not any(terms.values()):
        raise InputError(Message("no code has an indicative term to code by"), field="codebook")
    suggestions, units = code_by_terms(texts, terms, unit)
    truth = unit_labels(units, list(human))
    index = {(d, u.start, u.end): u.index for d, us in units.items() for u in us}
    predicted: dict[UnitKey, set[Hashable]] = {}
    for i, s in enumerate(suggestions):
        key = (s.document, index[(s.document, s.start, s.end)])
        predicted.setdefault(key, set()).add(s.code)
        if key in truth:
            suggestions[i] = replace(s, judged=True)
    documents = len({key[0] for key in truth})
    how = (
        f"terms, judged on all {len(truth)} units of the {documents} human-coded documents"
        if truth
        else f"terms: no human coding to judge them by ({TOO_LITTLE})"
    )
    evaluation = score(predicted, truth, list(terms), how)
    documents_judged = tuple(dict.fromkeys(key[0] for key in truth))
    return AutocodeRun("terms", suggestions, evaluation, 0, len(truth), {}, documents_judged)


@dataclass
class _Rows:
    keys: list[UnitKey] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    position: dict[tuple[Hashable, int], int] = field(default_factory=dict)


def _rows(texts: Sequence[Text], unit: UnitKind, features: FeatureKind) -> _Rows:
    rows = _Rows()
    for text in texts:
        units = split_units(text.document, text.text, unit, text.paragraphs)
        rows.units.extend(units)
        rows.keys.extend((text.document, u.index) for u in units)
        rows.position.update(((text.document, u.start), u.index) for u in units)
        if features == "words":
            spans = [(u.start, u.end) for u in units]
            rows.inputs.extend(map(" ".join, span_lemmas(text.text, spans, text.language)))
        else:
            rows.inputs.extend(u.text(text.text) for u in units)
    return rows


def _suggest(
    rows: _Rows,
    indices: Sequence[int],
    learnt: examples.Learnt,
    method: str,
    *,
    judged: bool,
) -> list[Suggestion]:
    out = []
    for code, p in learnt.scores.items():
        cut = learnt.thresholds[code]
        reason = f"{method}, probability at least {cut:.3f}"
        for j in np.flatnonzero(p >= cut).tolist():
            u = rows.units[indices[j]]
            out.append(Suggestion(u.document, code, u.start, u.end, float(p[j]), reason, judged))
    return out


def _index_of(rows: _Rows, suggestion: Suggestion) -> int:
    return rows.position[(suggestion.document, suggestion.start)]


def _designer(rows: _Rows, features: FeatureKind) -> examples.Design:
    """Features for training rows and rows to score (see :mod:`.features`)."""
    if features == "embeddings":
        dense = embed(rows.inputs)
        return lambda train, other: (dense[list(train)], dense[list(other)])
    counts = count_words(rows.inputs)

    def design(train: Sequence[int], other: Sequence[int]) -> tuple[Any, Any]:
        x_train, x_other = tfidf(counts, train, [other])
        return x_train, x_other

    return design


def run_examples(
    texts: Sequence[Text],
    human: Iterable[CodedSpan],
    codes: Iterable[Hashable] | None = None,
    *,
    unit: UnitKind = "sentence",
    features: FeatureKind = "words",
    seed: int = 0,
) -> AutocodeRun:
    """Learn from ``human`` coding, judge on held-out units, suggest for uncoded documents.

    Each classifier's decision threshold is chosen on its training documents
    only (:func:`.examples.learn`); the held-out documents are judged with
    it, never used to choose it. The suggestions for the documents nobody
    coded use thresholds chosen on out-of-fold probabilities of every
    human-coded unit.
    """
    human_list = list(human)
    code_list = _codes_of(human_list, codes)
    rows = _rows(texts, unit, features)
    by_document: dict[Hashable, list[Unit]] = {}
    for u in rows.units:
        by_document.setdefault(u.document, []).append(u)
    truth = unit_labels(by_document, human_list)
    coded = [i for i, key in enumerate(rows.keys) if key in truth]
    rest = [i for i, key in enumerate(rows.keys) if key not in truth]
    method = f"examples ({features})"
    if not coded or not code_list:
        evaluation = score(
            {}, {}, code_list, f"{method}: no human coding to learn from ({TOO_LITTLE})"
        )
        reasons = {str(c): TOO_LITTLE for c in code_list}
        return AutocodeRun(method, [], evaluation, 0, 0, reasons)
    design = _designer(rows, features)
    labels = [truth[rows.keys[i]] for i in coded]
    groups = [rows.keys[i][0] for i in coded]
    fold_list, how = examples.folds(groups, seed)
    suggestions: list[Suggestion] = []
    judged: dict[UnitKey, set[Hashable]] = {}
    pooled = {code: np.full(len(coded), np.nan) for code in code_list}
    for fold in fold_list:
        test = [coded[i] for i in fold.test]
        learnt = examples.learn(
            design,
            [coded[i] for i in fold.train],
            [labels[i] for i in fold.train],
            [groups[i] for i in fold.train],
            code_list,
            seed,
            score_rows=test,
        )
        suggestions += _suggest(rows, test, learnt, method, judged=True)
        for code, p in learnt.scores.items():
            pooled[code][fold.test] = p
            if len(fold_list) == 1:  # held out once: the training rows' own out-of-fold ones
                pooled[code][fold.train] = learnt.held_out[code]
        for row in test:
            judged[rows.keys[row]] = truth[rows.keys[row]]
    predicted: dict[UnitKey, set[Hashable]] = {}
    for s in suggestions:
        predicted.setdefault((s.document, _index_of(rows, s)), set()).add(s.code)
    evaluation = score(predicted, judged, code_list, f"{method}, {how}; {THRESHOLDS_CHOSEN}")
    final = examples.learn(
        design, coded, labels, groups, code_list, seed, score_rows=rest, held_out=pooled
    )
    suggestions += _suggest(rows, rest, final, method, judged=False)
    suggestions.sort(key=lambda s: (str(s.document), s.start, str(s.code)))
    not_learnt = {
        str(c): f"fewer than {examples.MIN_EXAMPLES} human-coded units to learn from"
        for c in code_list
        if c not in final.thresholds
    }
    documents_judged = tuple(dict.fromkeys(key[0] for key in judged))
    return AutocodeRun(
        method,
        suggestions,
        evaluation,
        len(coded),
        len(judged),
        not_learnt,
        documents_judged,
        {str(c): round(t, 4) for c, t in final.thresholds.items()},
    )
