"""Agreement over coded spans: NVivo's character example, segments, pooling, edge cases."""

from __future__ import annotations

import doctest

import pytest
from sklearn.metrics import cohen_kappa_score

from sistercities.errors import InputError
from sistercities.research.agreement import report, units
from sistercities.research.agreement.report import compare_coders
from sistercities.research.agreement.units import CodedSpan, character_data, segment_data


def _nvivo_spans() -> list[CodedSpan]:
    # NVivo's coding comparison: a 1,000-character source, 50 characters coded
    # by both users, 150 by one of them only, 800 by neither -> 85 % agreement.
    return [
        CodedSpan("source", "theme", "A", 100, 250),  # A: 150 characters
        CodedSpan("source", "theme", "B", 200, 250),  # B: 50, all inside A's
        CodedSpan("source", "theme", "B", 600, 650),  # B: 50 more that A left out
    ]


def test_nvivo_character_example_gives_85_percent() -> None:
    result = compare_coders(_nvivo_spans(), {"source": 1000}, ["A", "B"])
    overall = result.overall.with_uncoded
    assert overall.percent.value == pytest.approx(0.85)
    assert overall.units == 1000
    without = result.overall.without_uncoded
    assert without.percent.value == pytest.approx(50 / 200)
    assert without.units == 200


def test_character_kappa_equals_scikit_learn_on_the_characters() -> None:
    spans = _nvivo_spans()
    a = [1 if 100 <= i < 250 else 0 for i in range(1000)]
    b = [1 if 200 <= i < 250 or 600 <= i < 650 else 0 for i in range(1000)]
    result = compare_coders(spans, {"source": 1000}, ["A", "B"]).overall
    assert result.with_uncoded.percent.value == pytest.approx(0.85)
    assert result.with_uncoded.kappa.value == pytest.approx(cohen_kappa_score(a, b))
    kept = [i for i in range(1000) if a[i] or b[i]]
    assert result.without_uncoded.kappa.value == pytest.approx(
        cohen_kappa_score([a[i] for i in kept], [b[i] for i in kept])
    )


def test_overlapping_spans_of_one_coder_count_each_character_once() -> None:
    spans = [CodedSpan("d", "c", "A", 0, 10), CodedSpan("d", "c", "A", 5, 15)]
    data = character_data(spans, {"d": 20}, ["A", "B"], ["c"])
    assert data[("d", "c")] == {(0, 0): 5.0, (1, 0): 15.0}


def test_pooling_per_code_per_document_and_overall() -> None:
    spans = [
        CodedSpan("d1", "x", "A", 0, 10),
        CodedSpan("d1", "x", "B", 0, 10),
        CodedSpan("d2", "y", "A", 0, 10),
    ]
    result = compare_coders(spans, {"d1": 10, "d2": 20}, ["A", "B"])
    assert set(result.by_code) == {"x", "y"} and set(result.by_document) == {"d1", "d2"}
    # code x: all 10 characters of d1 agree, d2's 20 uncoded characters agree too
    assert result.by_code["x"].with_uncoded.percent.value == 1.0
    assert result.by_code["x"].with_uncoded.units == 30
    # code y: 10 of d2 coded by A only, 10 uncoded in d2, 10 uncoded in d1
    assert result.by_code["y"].with_uncoded.percent.value == pytest.approx(20 / 30)
    assert result.by_code["y"].without_uncoded.percent.value == 0.0
    # overall: 2 codes x 30 characters, 10 disagreeing
    assert result.overall.with_uncoded.units == 60
    assert result.overall.with_uncoded.percent.value == pytest.approx(50 / 60)


def test_a_coder_who_coded_nothing_gets_zero_kappa_not_a_made_up_agreement() -> None:
    spans = [CodedSpan("d", "c", "A", 0, 100)]
    result = compare_coders(spans, {"d": 1000}, ["A", "B"]).overall
    assert result.with_uncoded.percent.value == pytest.approx(0.9)
    assert result.with_uncoded.kappa.value == pytest.approx(0.0)
    assert result.without_uncoded.percent.value == 0.0


def test_no_coding_at_all_is_undefined() -> None:
    result = compare_coders([], {"d": 100}, ["A", "B"], ["c"]).to_dict()
    overall = result["overall"]
    assert overall["percent"] == 1.0
    assert overall["kappa"] is None and overall["alpha"] is None
    assert "no variation" in overall["undefined"]["kappa"]
    assert overall["without_uncoded"]["percent"] is None
    assert overall["without_uncoded"]["characters"] == 0


def test_three_coders_use_fleiss_kappa() -> None:
    spans = [
        CodedSpan("d", "c", "A", 0, 50),
        CodedSpan("d", "c", "B", 0, 50),
        CodedSpan("d", "c", "C", 0, 40),
    ]
    result = compare_coders(spans, {"d": 100}, ["A", "B", "C"]).to_dict()
    assert result["kappa"] == "fleiss"
    assert result["overall"]["cohen_kappa"] is None
    assert result["overall"]["kappa"] == result["overall"]["fleiss_kappa"] is not None


def test_segments_match_by_overlap_threshold() -> None:
    spans = [
        CodedSpan("d", "x", "A", 0, 100),
        CodedSpan("d", "x", "B", 5, 100),  # overlap 0.95: the same segment
        CodedSpan("d", "x", "A", 200, 300),
        CodedSpan("d", "x", "B", 250, 300),  # overlap 0.5: two segments at 0.9
        CodedSpan("d", "y", "A", 400, 450),  # another code on a passage B left uncoded
    ]
    data = segment_data(spans, {"d": 500}, ["A", "B"], ["x", "y"], threshold=0.9)
    assert data[("d", "x")] == {(0, 0): 1.0, (0, 1): 1.0, (1, 0): 1.0, (1, 1): 1.0}
    loose = segment_data(spans, {"d": 500}, ["A", "B"], ["x"], threshold=0.5, uncoded=False)
    assert loose[("d", "x")] == {(1, 1): 2.0}
    result = compare_coders(spans, {"d": 500}, ["A", "B"], level="segment", threshold=0.9)
    assert result.by_code["x"].without_uncoded.percent.value == pytest.approx(1 / 3)
    assert result.to_dict()["overall"]["segments"] == 8  # 4 units x 2 codes


def test_character_data_counts_what_a_character_by_character_count_gives() -> None:
    """Random overlapping spans of three coders on two documents, against a count per character."""
    import random
    from collections import Counter

    rng = random.Random(4)
    lengths = {"d1": 300, "d2": 120}
    coders, codes = ["A", "B", "C"], ["x", "y"]
    spans = []
    for _ in range(60):
        document = rng.choice(list(lengths))
        start = rng.randrange(lengths[document])
        end = min(lengths[document], start + rng.randrange(0, 60))
        spans.append(CodedSpan(document, rng.choice(codes), rng.choice([*coders, "D"]), start, end))
    data = character_data(spans, lengths, coders, codes)
    for document, length in lengths.items():
        for code in codes:
            counts: Counter[tuple[int, ...]] = Counter()
            for i in range(length):
                counts[tuple(
                    int(any(s.document == document and s.code == code and s.coder == coder
                            and s.start <= i < s.end for s in spans))
                    for coder in coders
                )] += 1  # fmt: skip
            assert data[(document, code)] == {p: float(n) for p, n in sorted(counts.items())}
    without = character_data(spans, lengths, coders, codes, uncoded=False)
    assert all((0, 0, 0) not in cell for cell in without.values())


def test_bad_input_is_refused() -> None:
    with pytest.raises(InputError, match="outside document"):
        compare_coders([CodedSpan("d", "c", "A", 50, 150)], {"d": 100}, ["A", "B"])
    with pytest.raises(InputError, match="unknown document"):
        compare_coders([CodedSpan("e", "c", "A", 0, 1)], {"d": 100}, ["A", "B"])
    with pytest.raises(InputError, match="two different coders"):
        compare_coders([], {"d": 100}, ["A", "A"])
    with pytest.raises(InputError, match="threshold"):
        compare_coders([], {"d": 1}, ["A", "B"], level="segment", threshold=0)


def test_the_doctests_hold() -> None:
    assert doctest.testmod(units).failed == 0
    assert doctest.testmod(report).failed == 0
