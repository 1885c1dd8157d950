"""Frequency, multiple-response and cross-tabulation tables, on in-memory surveys."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from scipy import stats

from sistercities.errors import InputError
from sistercities.research.survey.questions import map_from_dict
from sistercities.research.survey.reader import RawTable
from sistercities.research.survey.responses import SurveyData, parse_responses
from sistercities.research.survey.tables import (
    Frequencies,
    MultipleResponse,
    crosstab,
    frequencies,
    likert_groups,
)

QUESTIONS: list[dict[str, Any]] = [
    {"id": "sex", "type": "single", "labels": {"f": "Female", "m": "Male"},
     "missing": {"x": "prefer not to say"}},
    {"id": "agree", "type": "likert",
     "labels": [["1", "Disagree"], ["2", "Neutral"], ["3", "Agree"]]},
    {"id": "media", "type": "multiple", "delimiter": ";",
     "labels": {"tv": "TV", "web": "Web", "radio": "Radio"}},
    {"id": "age", "type": "number"},
    {"id": "why", "type": "text"},
]  # fmt: skip


def survey(rows: list[tuple[str | None, ...]]) -> SurveyData:
    header = ("sex", "agree", "media", "age", "why")
    table = RawTable(header, tuple(rows), tuple(range(2, len(rows) + 2)))
    return parse_responses(table, map_from_dict({"questions": QUESTIONS}))


DATA = survey(
    [("f", "3", "tv;web", "30", "fine")] * 6
    + [("m", "1", "web", "41", None)] * 4
    + [("m", "2", "radio;tv", "41", None)] * 3
    + [("x", "3", None, None, None)] * 2
    + [(None, None, None, None, None)]
)


def test_frequencies_give_percent_valid_percent_and_bases() -> None:
    table = frequencies(DATA, "sex")
    assert isinstance(table, Frequencies)
    assert (table.total, table.valid, table.missing) == (16, 13, 3)
    female = table.rows[0]
    assert (female.count, female.percent, female.valid_percent) == (
        6,
        Decimal("37.5"),
        Decimal("46.2"),
    )
    missing = {r.label: r.count for r in table.rows if r.missing}
    assert missing == {"prefer not to say": 2, "blank": 1}
    assert table.small_cells == ()  # 6 women, 7 men: none below 5


def test_small_cells_are_flagged_by_threshold() -> None:
    table = frequencies(DATA, "sex", min_cell=8)
    assert table.small_cells == ("Female", "Male")  # type: ignore[union-attr]
    assert frequencies(DATA, "sex", min_cell=1).small_cells == ()


def test_likert_shares_come_from_summed_counts() -> None:
    table = frequencies(DATA, "agree")
    assert isinstance(table, Frequencies)
    shares = {s.name: (s.count, s.valid_percent) for s in table.shares}
    assert shares == {
        "negative": (4, Decimal("26.7")),
        "neutral": (3, Decimal("20.0")),
        "positive": (8, Decimal("53.3")),
    }


def test_likert_groups_even_and_odd_scales() -> None:
    four = map_from_dict({"questions": [{"id": "a", "type": "likert", "labels": list("1234")}]})
    assert likert_groups(four.questions[0]) == {
        "negative": ("1", "2"), "neutral": (), "positive": ("3", "4"),
    }  # fmt: skip


def test_multiple_response_percent_of_responses_and_of_cases() -> None:
    table = frequencies(DATA, "media")
    assert isinstance(table, MultipleResponse)
    assert (table.valid, table.responses) == (13, 22)  # 3 left it blank
    tv = table.rows[0]
    assert (tv.count, tv.percent_of_responses, tv.percent_of_cases) == (
        9,
        Decimal("40.9"),
        Decimal("69.2"),
    )


def test_number_question_frequencies_in_numeric_order() -> None:
    table = frequencies(DATA, "age")
    assert [r.label for r in table.rows if not r.missing] == ["30", "41"]  # type: ignore[union-attr]


def test_free_text_has_no_frequency_table() -> None:
    with pytest.raises(InputError, match="free-text question"):
        frequencies(DATA, "why")


def test_crosstab_counts_percentages_and_chi_square_against_scipy() -> None:
    cells = [("f", "3"), ("f", "1"), ("m", "3"), ("m", "1")]
    counts = [20, 10, 8, 22]
    big = survey(
        [
            (sex, agree, None, None, None)
            for (sex, agree), n in zip(cells, counts, strict=True)
            for _ in range(n)
        ]
    )
    table = crosstab(big, "sex", "agree")
    assert table.counts == ((10, 0, 20), (22, 0, 8))
    assert table.row_percent[0] == (Decimal("33.3"), Decimal("0.0"), Decimal("66.7"))
    assert table.column_percent[0][0] == Decimal("31.3")
    assert table.test is not None and table.test.test == "chi-square"
    reference = stats.chi2_contingency([[10, 20], [22, 8]], correction=False)
    assert table.test.chi_square == pytest.approx(reference.statistic)
    assert table.test.p_value == pytest.approx(reference.pvalue)


def test_crosstab_leaves_out_missing_on_either_question() -> None:
    table = crosstab(DATA, "sex", "agree")
    assert table.n == 13 and table.excluded == 3
    assert table.test is not None and table.test.test == "fisher"
    assert table.has_small_cells


def test_crosstab_of_a_multiple_response_set() -> None:
    table = crosstab(DATA, "media", "sex")
    assert table.multiple_response and table.test is None
    assert table.cell("tv", "f")[0] == 6 and table.cell("tv", "m")[0] == 3
    assert table.column_bases == (6, 7)  # respondents, not sums of cells
    assert table.cell("tv", "m")[2] == Decimal("42.9")  # 3 of the 7 men: percent of cases


def test_crosstab_refusals() -> None:
    with pytest.raises(InputError, match="with itself"):
        crosstab(DATA, "sex", "sex")
    with pytest.raises(InputError, match="no categories to cross-tabulate"):
        crosstab(DATA, "sex", "age")
    with pytest.raises(InputError, match="no question 'nope'"):
        crosstab(DATA, "sex", "nope")


def test_to_dict_keeps_printed_percentages_as_text() -> None:
    data = frequencies(DATA, "sex").to_dict()
    assert data["rows"][0]["valid_percent"] == "46.2"
    assert crosstab(DATA, "sex", "agree").to_dict()["test"]["test"] == "fisher"
